"""Short made-up news texts for the linking tests: one event told by several outlets, and look-alikes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pmi_aggregator.article import Article
from pmi_aggregator.domain.article_annotation import annotate_article

WIB = timezone(timedelta(hours=7))
DAY = datetime(2026, 2, 10, 9, 0, tzinfo=WIB)


def news(source: str, slug: str, title: str, body: str, published: datetime | None = DAY) -> Article:
    article = Article(
        url=f"https://{source}.example/berita/{slug}",
        source=source,
        title=title,
        body=body,
        published_at=published,
        crawled_at=datetime(2026, 3, 1, tzinfo=timezone.utc),
    )
    annotate_article(article)
    return article


TAWAU = (
    "Sebanyak 217 pekerja migran Indonesia dideportasi dari Tawau, Sabah, Malaysia, melalui Pelabuhan "
    "Tunon Taka Nunukan. Kepala BP3MI Kalimantan Utara Hendra Wijaya mengatakan para deportan menjalani "
    "hukuman di Depot Imigresen Tawau karena tidak memiliki dokumen kerja.\n\n"
    "Menurut Hendra, sebagian besar deportan berasal dari Sulawesi Selatan dan NTT. Mereka akan didata "
    "lalu dipulangkan ke daerah asal setelah pemeriksaan kesehatan di Rusunawa Nunukan.\n\n"
    "Konsulat RI Tawau mencatat 1.204 warga negara Indonesia dideportasi sepanjang tahun lalu. Pemerintah "
    "Kabupaten Nunukan menyiapkan penampungan sementara dan kapal untuk pemulangan berikutnya.\n\n"
    "Hendra meminta warga tidak berangkat bekerja ke Sabah melalui jalur tidak resmi karena calo "
    "menjanjikan gaji besar tanpa kontrak."
)
TAWAU_OTHER_OUTLET = (
    "Nunukan - Kapal dari Tawau merapat di Pelabuhan Tunon Taka Nunukan membawa 216 deportan PMI. Para "
    "pekerja itu ditahan di Depot Imigresen Tawau, Sabah, sebelum diserahkan Konsulat RI Tawau kepada BP3MI "
    "Kalimantan Utara.\n\n"
    "Petugas Dinas Sosial Nunukan menyebut mayoritas deportan berasal dari Sulawesi Selatan, NTT dan NTB. "
    "Mereka ditampung di Rusunawa Nunukan sebelum dipulangkan.\n\n"
    "Kepala BP3MI Kalimantan Utara Hendra Wijaya kembali mengimbau warga agar memakai jalur resmi."
)
AIRPORT_MONDAY = (
    "Sebanyak 64 pekerja migran Indonesia yang dideportasi dari Malaysia tiba di Bandara Internasional "
    "Soekarno-Hatta, Tangerang. Kepala BP3MI Banten Ahmad Fauzi mengatakan puluhan PMI itu ditangkap "
    "dalam razia di Johor Bahru karena bekerja tanpa permit.\n\n"
    "Menurut Fauzi, para deportan diperiksa di Terminal 3 lalu diantar ke Rumah Perlindungan Trauma "
    "Center milik Kementerian Sosial di Bambu Apus. Sebagian besar berasal dari Jawa Barat dan Lampung.\n\n"
    "KBRI Kuala Lumpur mendampingi pemulangan rombongan yang diterbangkan dengan pesawat Malaysia Airlines."
)
AIRPORT_WEDNESDAY = (
    "Sebanyak 58 pekerja migran Indonesia yang dideportasi dari Malaysia tiba di Bandara Internasional "
    "Soekarno-Hatta, Tangerang. Kepala BP3MI Banten Ahmad Fauzi mengatakan para PMI itu sebelumnya ditahan "
    "di Depot Imigresen Semenyih, Selangor, karena izin kerjanya habis.\n\n"
    "Menurut Fauzi, rombongan tiba di Terminal 2 dengan pesawat AirAsia dan langsung didata. Sebagian besar "
    "berasal dari NTB dan Jawa Timur.\n\n"
    "KBRI Kuala Lumpur mencatat pemulangan ini merupakan gelombang ketiga bulan ini."
)
"""Another group of deportees from Malaysia at the same airport two days after ``AIRPORT_MONDAY``."""
AIRPORT_FRIDAY = (
    "Bandara Internasional Soekarno-Hatta kembali menerima deportan. Sebanyak 31 PMI asal Jawa Tengah dan "
    "NTB dipulangkan dari Arab Saudi setelah ditahan di rumah detensi Jeddah karena visa ziarah yang "
    "dipakai untuk bekerja.\n\n"
    "Kepala BP3MI Banten Ahmad Fauzi mengatakan rombongan tiba dengan pesawat Saudia di Terminal 3 dan "
    "langsung menjalani pemeriksaan. KJRI Jeddah mencatat 12 orang di antaranya perempuan yang bekerja "
    "sebagai asisten rumah tangga.\n\n"
    "Para deportan kemudian dijemput keluarga atau diantar petugas ke daerah asal masing-masing."
)
BLOOD_BOGOR = (
    "Palang Merah Indonesia (PMI) Kota Bogor menggelar donor darah massal di Balai Kota Bogor. Ketua PMI "
    "Kota Bogor Dedie Rachim mengatakan kegiatan itu mengumpulkan 412 kantong darah untuk memenuhi stok "
    "menjelang bulan puasa.\n\n"
    "Donor darah diikuti aparatur sipil negara, pelajar dan anggota komunitas motor. Unit Donor Darah PMI "
    "Kota Bogor juga membuka layanan jemput bola ke kantor-kantor di Cibinong."
)
BLOOD_SLEMAN = (
    "Palang Merah Indonesia (PMI) Kabupaten Sleman mengadakan donor darah di Universitas Gadjah Mada. "
    "Kepala Unit Donor Darah PMI Sleman Siti Aminah menyebut 188 kantong darah terkumpul dari mahasiswa "
    "dan dosen.\n\n"
    "Stok darah di Sleman sempat menipis setelah libur panjang. PMI Sleman mengajak warga Yogyakarta "
    "mendonorkan darah secara rutin setiap tiga bulan."
)


def copy_of(article: Article, source: str, title: str, published: datetime | None) -> Article:
    """What a syndicating outlet makes of ``article``: its own dateline, title, credit line and links."""
    body = f"{source.upper()}.COM - {article.body}\n\nSumber: ANTARA\nBaca juga berita lain di {source}."
    return news(source, "salinan", title, body, published)


REMITTANCE = (
    "Bank Indonesia Perwakilan Jawa Timur mencatat kiriman uang pekerja migran asal Ponorogo mencapai "
    "Rp 84 miliar selama Lebaran. Kepala perwakilan Budi Santoso menyebut sebagian besar dana dikirim "
    "dari Hong Kong dan Taiwan untuk membangun rumah dan modal usaha keluarga."
)
