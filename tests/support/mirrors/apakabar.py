"""The ApakabarOnline mirror: a WordPress/MoreNews site with 39 Indonesian PMI news articles (2018–2025).

All text is invented for testing (people named in it are fictional); the shape follows RECON.md
section 2: datelines such as ``HONG KONG –``/``KUPANG –``, in-body dates with WIB/WITA, "Baca juga:"
links, share widgets and "Advertisement" blocks inside the body, English ``F j, Y`` theme dates, and a
top-bar date (``render_today``) that is never a publication date.

    python -m tests.support.mirrors.apakabar --port 8765       # serve until Ctrl-C
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from tests.support.mirrors.server import MirrorServer
from tests.support.mirrors.wordpress import Post, WordPressSite, build_content_html, format_wp_date, slugify

__all__ = [
    "ARTICLE_COUNT",
    "EXTRA",
    "KNOWN",
    "KNOWN_REKRUT",
    "REKRUT_SLUGS",
    "RENDER_TODAY",
    "UPDATED",
    "VARIANT_SLUG",
    "build_extra_post",
    "build_posts",
    "build_site",
    "main",
]

WIB = timezone(timedelta(hours=7))
UTC = timezone.utc
RENDER_TODAY = date(2026, 11, 27)

# Generic background paragraphs per topic (deliberately free of any "rekrut" word).
_POOLS: dict[str, list[str]] = {
    "prot": [
        "Pemerintah mengingatkan bahwa setiap calon pekerja migran wajib terdaftar di dinas tenaga kerja "
        "kabupaten atau kota dan mengikuti orientasi pra-penempatan. Data pekerja yang tercatat memudahkan "
        "perwakilan RI memberikan pertolongan ketika terjadi masalah di negara penempatan, mulai dari "
        "sengketa gaji hingga kecelakaan kerja.",
        "Pekerja migran yang menghadapi masalah dapat menghubungi layanan pengaduan resmi pemerintah, "
        "perwakilan RI terdekat, atau organisasi pendamping. Pengaduan sebaiknya disertai salinan dokumen, "
        "seperti paspor, kontrak kerja, dan bukti transfer gaji, agar penanganannya lebih cepat.",
        "Undang-Undang Nomor 18 Tahun 2017 tentang Pelindungan Pekerja Migran Indonesia menegaskan bahwa "
        "perlindungan diberikan sebelum, selama, dan setelah bekerja. Pemerintah daerah ikut bertanggung "
        "jawab, antara lain melalui layanan terpadu satu atap dan pelatihan bagi calon pekerja.",
        "Aktivis pekerja migran menilai pencegahan harus dimulai dari desa. Informasi yang benar tentang "
        "prosedur, biaya, dan hak pekerja perlu disampaikan sejak awal agar warga tidak mudah tergiur "
        "tawaran calo yang menjanjikan keberangkatan cepat.",
    ],
    "hk": [
        "Saat ini lebih dari seratus ribu warga Indonesia bekerja di Hong Kong, sebagian besar sebagai "
        "pekerja rumah tangga. Hari Minggu menjadi satu-satunya hari libur bagi banyak dari mereka, sehingga "
        "kawasan Victoria Park dan Causeway Bay selalu ramai oleh pekerja migran.",
        "Di Hong Kong, pekerja rumah tangga asing dilindungi kontrak standar yang mengatur gaji minimum, "
        "hari libur mingguan, cuti tahunan, dan tunjangan makan. Pelanggaran kontrak dapat dilaporkan ke "
        "Departemen Tenaga Kerja atau dibawa ke pengadilan tenaga kerja.",
        "Komunitas pekerja migran di Hong Kong dikenal aktif berorganisasi. Selain kegiatan keagamaan dan "
        "budaya, banyak kelompok yang menyediakan pendampingan kasus, kursus keterampilan, hingga tempat "
        "berlindung sementara bagi pekerja yang diberhentikan majikan.",
    ],
    "tw": [
        "Taiwan menjadi salah satu negara tujuan utama pekerja migran Indonesia, terutama di sektor "
        "perawatan lansia, manufaktur, dan perikanan. Kantor Dagang dan Ekonomi Indonesia (KDEI) di Taipei "
        "menjalankan fungsi perlindungan karena Indonesia tidak memiliki kedutaan di sana.",
        "Pekerja migran di Taiwan dapat menghubungi layanan konsultasi tenaga kerja 1955 yang tersedia dalam "
        "bahasa Indonesia. Layanan tersebut menerima pengaduan soal gaji, jam kerja, hingga kekerasan di "
        "tempat kerja dan beroperasi sepanjang hari.",
        "Pekerja perawat lansia di Taiwan tidak dilindungi undang-undang standar ketenagakerjaan yang sama "
        "dengan pekerja pabrik. Karena itu, organisasi pekerja migran terus mendorong aturan khusus yang "
        "menjamin hari libur dan batas jam kerja bagi mereka.",
    ],
    "my": [
        "Malaysia masih menjadi negara penempatan dengan jumlah pekerja migran Indonesia terbesar. Selain "
        "yang tercatat resmi, diperkirakan masih banyak pekerja tanpa dokumen yang bekerja di perkebunan, "
        "konstruksi, dan sektor rumah tangga.",
        "Perbatasan darat dan laut yang panjang antara Indonesia dan Malaysia membuat jalur tidak resmi "
        "sulit diawasi. Kabupaten Nunukan di Kalimantan Utara selama bertahun-tahun menjadi pintu "
        "keluar-masuk utama pekerja dari Sulawesi dan Nusa Tenggara.",
        "Pekerja tanpa dokumen di Malaysia rentan ditangkap dalam razia imigrasi dan ditahan di depo sebelum "
        "dipulangkan. Masa penahanan bisa berlangsung berbulan-bulan, sementara gaji terakhir mereka sering "
        "kali tidak dibayar.",
    ],
    "sa": [
        "Meski penempatan pekerja rumah tangga ke Timur Tengah sempat dihentikan, ribuan warga Indonesia "
        "masih bekerja di Arab Saudi. Sebagian berangkat sebelum moratorium berlaku, sebagian lagi berangkat "
        "melalui jalur tidak resmi.",
        "Sistem kafala yang berlaku di sejumlah negara Teluk membuat status izin tinggal pekerja bergantung "
        "pada majikan. Kondisi ini kerap menyulitkan pekerja yang ingin pindah kerja atau pulang ketika "
        "terjadi masalah.",
        "KBRI Riyadh dan KJRI Jeddah menyediakan layanan pengaduan dan rumah perlindungan bagi pekerja yang "
        "menghadapi masalah. Pekerja juga diimbau menyimpan salinan paspor dan kontrak kerja di tempat yang "
        "aman.",
    ],
    "ntt": [
        "Nusa Tenggara Timur termasuk provinsi dengan jumlah pekerja migran nonprosedural yang tinggi. "
        "Kemiskinan, minimnya lapangan kerja, dan jaringan calo yang menjangkau desa-desa membuat banyak "
        "warga berangkat tanpa dokumen resmi.",
        "Pemerintah Provinsi NTT bersama BP3MI dan organisasi gereja membentuk jejaring untuk menjemput dan "
        "memulangkan jenazah pekerja migran. Biaya pemulangan ditanggung negara sehingga keluarga tidak "
        "perlu mengeluarkan uang.",
        "Layanan terpadu satu atap di Kupang menyediakan pengurusan dokumen, pemeriksaan kesehatan, dan "
        "pelatihan dalam satu lokasi. Warga diimbau memanfaatkan layanan ini agar tidak terjebak bujukan "
        "calo.",
    ],
    "econ": [
        "Remitansi pekerja migran menyumbang devisa negara dalam jumlah besar setiap tahun. Di tingkat "
        "keluarga, uang kiriman tersebut menjadi sumber penghidupan utama, terutama di daerah kantong "
        "pekerja migran di Jawa, Nusa Tenggara, dan Sulawesi.",
        "Para pendamping menyarankan pekerja migran menyisihkan sebagian penghasilan untuk tabungan dan "
        "modal usaha. Perencanaan keuangan bersama keluarga di kampung halaman dinilai penting agar hasil "
        "bekerja di luar negeri tidak habis untuk konsumsi.",
        "Pekerja migran purna yang ingin berwirausaha dapat mengikuti pelatihan dan pendampingan yang "
        "diadakan pemerintah daerah maupun organisasi masyarakat. Beberapa daerah juga menyediakan akses "
        "permodalan dengan bunga ringan.",
    ],
    "umum": [
        "Redaksi ApakabarOnline.com membuka ruang bagi pembaca yang ingin berbagi pengalaman atau melaporkan "
        "persoalan yang dihadapi di negara penempatan. Informasi dapat dikirim melalui pesan di fanspage "
        "facebook Tabloid Apakabar Plus dan akan ditindaklanjuti bersama jaringan pendamping.",
        "Pengamat ketenagakerjaan menilai kerja sama antara pemerintah pusat, pemerintah daerah, dan "
        "organisasi masyarakat sipil menjadi kunci perlindungan. Tanpa data yang terpadu, banyak kasus baru "
        "diketahui setelah pekerja pulang atau bahkan setelah meninggal dunia.",
        "Keluarga pekerja migran di kampung halaman juga diminta aktif menyimpan salinan dokumen dan nomor "
        "kontak anggota keluarga yang bekerja di luar negeri. Langkah sederhana ini sangat membantu petugas "
        "ketika harus melacak keberadaan pekerja yang hilang kontak.",
        "Berbagai pihak mengingatkan bahwa biaya penempatan yang tinggi sering menjadi awal jeratan utang. "
        "Pekerja yang terlilit utang cenderung bertahan dalam kondisi kerja yang buruk karena takut tidak "
        "mampu melunasi pinjaman.",
        "Setiap tahun, pemerintah mencatat ribuan pengaduan dari pekerja migran dan keluarganya. Jenis "
        "pengaduan yang paling sering muncul antara lain gaji tidak dibayar, permintaan pemulangan, hilang "
        "kontak, dan pemutusan hubungan kerja sebelum kontrak berakhir.",
    ],
    "train": [
        "Calon pekerja migran wajib mengikuti pelatihan dan uji kompetensi sesuai jabatan yang akan diisi di "
        "negara tujuan. Pelatihan juga mencakup bahasa, budaya setempat, serta pengetahuan tentang hak dan "
        "kewajiban pekerja.",
        "Orientasi pra-pemberangkatan memberikan bekal bagi calon pekerja tentang isi perjanjian kerja, cara "
        "menghubungi perwakilan RI, dan langkah yang harus diambil bila menghadapi masalah. Pemerintah "
        "menyebut orientasi ini sebagai benteng pertama perlindungan.",
        "Balai pelatihan yang menyelenggarakan pendidikan calon pekerja migran harus memiliki izin dan "
        "memenuhi standar fasilitas. Pengawasan dilakukan berkala untuk memastikan tidak ada penampungan "
        "calon pekerja melebihi batas waktu.",
    ],
}


@dataclass(frozen=True)
class _Spec:
    when: str  # site-local (WIB) "YYYY-MM-DD HH:MM"
    author: str
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    pool: str
    title: str
    paragraphs: tuple[str, ...]


_SPECS: list[_Spec] = [
    _Spec("2018-01-05 10:20", "Redaksi", ("Berita",), ("PMI", "Purna PMI", "Pelatihan"), "econ",
          "Ihtiyar Pekerja Migran untuk Masa Depan", (
        "YOGYAKARTA – Ratusan pekerja migran purna dan keluarga mereka berkumpul dalam Jambore Keluarga "
        "Migran Indonesia 2018 yang digelar di kawasan Kaliurang, Kamis (4/1). Kegiatan tiga hari itu "
        "mengusung tema ikhtiar membangun masa depan setelah bekerja di luar negeri.",
        "Panitia menyebut peserta datang dari Jawa Tengah, Jawa Timur, Nusa Tenggara Barat hingga Nusa "
        "Tenggara Timur. Mereka mengikuti kelas pengelolaan keuangan keluarga, pelatihan usaha kecil, serta "
        "diskusi tentang pengasuhan anak yang ditinggal orang tua bekerja ke luar negeri.",
        "“Bekerja di luar negeri itu bukan tujuan akhir. Ikhtiar kita adalah memastikan hasil jerih payah "
        "itu menjadi modal untuk masa depan,” kata Siti Rohmah, mantan pekerja rumah tangga di Hong Kong "
        "yang kini mengelola koperasi simpan pinjam di desanya.",
    )),
    _Spec("2018-03-14 19:05", "Kartika Sari", ("Hong Kong",), ("PMI", "Pelatihan", "Literasi"), "hk",
          "Tabloid Apakabar Plus Buka Kelas Menulis untuk BMI di Victoria Park", (
        "HONG KONG – Tabloid Apakabar Plus membuka kelas menulis gratis bagi buruh migran Indonesia setiap "
        "hari Minggu di sudut Victoria Park, Causeway Bay. Kelas perdana pada Minggu (11/3) diikuti sekitar "
        "tiga puluh peserta yang sebagian besar bekerja sebagai penata laksana rumah tangga.",
        "Materi yang diberikan meliputi teknik menulis berita, cara mewawancarai narasumber, dan etika "
        "mengunggah informasi di media sosial. Peserta terbaik akan diberi kesempatan menulis di "
        "ApakabarOnline.com dan fanspage facebook Tabloid Apakabar Plus.",
        "“Banyak kawan punya cerita penting, tapi tidak tahu cara menuliskannya. Di sini kita belajar "
        "bersama,” ujar salah satu pengajar, Wulan Anggraini.",
    )),
    _Spec("2018-07-05 08:40", "Redaksi", ("Hong Kong",), ("KJRI Hong Kong", "PMI", "Dokumen"), "hk",
          "Sambil Menunggu Pernyataan Konjen, Ini Arahan dari Sumber di KJRI Hong Kong", (
        "HONG KONG – Kabar simpang siur soal pemeriksaan dokumen pekerja migran yang beredar sejak Rabu "
        "(04/07/2018) sekira jam 22 malam membuat banyak pembaca ApakabarOnline.com bertanya-tanya. Hingga "
        "berita ini diturunkan, Konsul Jenderal belum mengeluarkan pernyataan resmi.",
        "Seorang sumber di KJRI Hong Kong yang enggan disebut namanya meminta pekerja migran tetap tenang "
        "dan tidak menyebarkan pesan berantai yang belum jelas asal-usulnya. Menurut dia, pekerja yang "
        "kontraknya masih berlaku dan dokumennya lengkap tidak perlu khawatir.",
        "Pekerja yang membutuhkan bantuan disarankan menghubungi hotline KJRI atau nomor WhatsApp pengaduan "
        "yang tercantum di laman resmi konsulat, bukan nomor pribadi yang beredar di grup percakapan.",
    )),
    _Spec("2018-10-22 13:00", "Kartika Sari", ("Hong Kong", "Advokasi"), ("Overcharging", "P3MI"), "hk",
          "Agensi Nakal di Causeway Bay Ditutup Setelah Tarik Biaya Penempatan Berlebih", (
        "HONG KONG – Departemen Tenaga Kerja Hong Kong mencabut izin sebuah agensi penyalur tenaga kerja di "
        "Causeway Bay setelah terbukti menarik biaya penempatan jauh di atas batas yang diizinkan. Kasus ini "
        "terungkap berkat laporan lima pekerja migran Indonesia yang didampingi organisasi buruh.",
        "Para pekerja mengaku dipotong gaji hingga tujuh bulan dengan dalih pelunasan biaya pelatihan dan "
        "pengurusan dokumen. Padahal aturan Hong Kong membatasi komisi agensi maksimal sepuluh persen dari "
        "gaji bulan pertama.",
        "Pendamping kasus, Ratna Wulandari, meminta pemerintah Indonesia menindak P3MI mitra agensi "
        "tersebut. “Overcharging ini terjadi di dua negara, jadi penindakannya juga harus dua sisi,” "
        "katanya.",
    )),
    _Spec("2019-02-11 15:30", "Nurul Hidayah", ("Taiwan",), ("BPJS Ketenagakerjaan", "KDEI Taipei"), "tw",
          "Ratusan PMI Taiwan Ikuti Sosialisasi BPJS Ketenagakerjaan di Taichung", (
        "TAICHUNG – Sekitar dua ratus pekerja migran Indonesia di Taichung mengikuti sosialisasi program "
        "jaminan sosial BPJS Ketenagakerjaan yang digelar bersama KDEI Taipei, Minggu (10/2). Acara "
        "berlangsung di aula sebuah masjid yang biasa menjadi tempat berkumpul komunitas Indonesia.",
        "Petugas menjelaskan manfaat jaminan kecelakaan kerja, jaminan kematian, dan jaminan hari tua yang "
        "dapat diikuti PMI selama masa kontrak. Peserta juga diajari cara mengecek status kepesertaan "
        "melalui aplikasi di telepon genggam.",
        "Banyak pekerja baru tahu bahwa iuran mereka sudah dibayarkan sejak sebelum berangkat. “Selama ini "
        "saya kira kartu itu hanya syarat berangkat,” kata Sumiati, pekerja pabrik tekstil asal Cilacap.",
    )),
    _Spec("2019-05-27 11:10", "Yohanes Bria", ("Malaysia",), ("Pemulangan", "Nunukan"), "my",
          "Jelang Lebaran, Arus Mudik PMI dari Sabah Padati Pelabuhan Tunon Taka", (
        "NUNUKAN – Arus mudik pekerja migran Indonesia dari Sabah, Malaysia, mulai memadati Pelabuhan Tunon "
        "Taka, Nunukan, sepekan menjelang Lebaran. Petugas mencatat lebih dari dua ribu penumpang tiba "
        "setiap hari menggunakan kapal cepat dari Tawau.",
        "Sebagian besar pemudik adalah pekerja perkebunan kelapa sawit beserta keluarganya. Posko terpadu "
        "didirikan untuk pemeriksaan kesehatan, pendataan dokumen, dan layanan informasi angkutan lanjutan "
        "ke Sulawesi Selatan dan Nusa Tenggara Timur.",
        "Petugas mengingatkan pemudik yang tidak memiliki dokumen lengkap agar melapor ke posko, bukan "
        "menggunakan jalur tidak resmi yang berisiko.",
    )),
    _Spec("2019-08-19 09:45", "Nurul Hidayah", ("Berita",), ("Remitansi", "Purna PMI"), "econ",
          "Remitansi dari Hong Kong dan Taiwan Jadi Penopang Ekonomi Desa di Ponorogo", (
        "PONOROGO – Uang kiriman pekerja migran dari Hong Kong dan Taiwan menjadi penopang utama ekonomi "
        "sejumlah desa di Ponorogo, Jawa Timur. Di Desa Sumbersari, hampir setiap rumah memiliki anggota "
        "keluarga yang pernah atau sedang bekerja di luar negeri.",
        "Kepala desa setempat menyebut remitansi digunakan untuk membangun rumah, membiayai sekolah anak, "
        "hingga membeli sawah. Namun tidak sedikit pula keluarga yang kehabisan tabungan karena uang kiriman "
        "habis untuk konsumsi.",
        "Pemerintah desa kini menggandeng koperasi untuk membuka kelas literasi keuangan bagi keluarga "
        "pekerja migran setiap bulan.",
    )),
    _Spec("2019-11-03 16:20", "Yohanes Bria", ("Malaysia",), ("Deportasi", "Nunukan"), "my",
          "Deportasi dari Sabah, 312 PMI Tiba di Nunukan", (
        "NUNUKAN – Sebanyak 312 pekerja migran Indonesia yang dideportasi dari Sabah, Malaysia, tiba di "
        "Pelabuhan Tunon Taka, Nunukan, Sabtu (2/11) sore. Mereka sebelumnya ditahan di depo imigresen "
        "karena tidak memiliki izin kerja yang sah.",
        "Petugas mendata para deportan sebelum mereka ditampung sementara di rumah susun sewa. Sebagian "
        "mengeluhkan kondisi penahanan yang padat dan keterbatasan air bersih selama berbulan-bulan.",
        "Pemerintah daerah menyiapkan pemulangan ke daerah asal, namun sebagian deportan memilih kembali "
        "bekerja ke Malaysia dengan mengurus dokumen resmi.",
    )),
    _Spec("2020-03-30 20:15", "Kartika Sari", ("Hong Kong",), ("Kesehatan", "KJRI Hong Kong"), "hk",
          "Larangan Berkumpul Berlaku, PMI Hong Kong Diminta Tidak Keluar Rumah Saat Libur", (
        "HONG KONG – Konsulat Jenderal RI di Hong Kong mengimbau pekerja migran Indonesia tidak berkumpul di "
        "ruang publik saat hari libur menyusul pemberlakuan larangan berkumpul lebih dari empat orang. "
        "Pelanggar aturan tersebut terancam denda hingga HK$2.000.",
        "Imbauan itu disampaikan setelah ratusan pekerja tetap terlihat berkumpul di kawasan Causeway Bay "
        "dan Central pada Minggu (29/3). KJRI meminta pekerja memanfaatkan hari libur untuk beristirahat dan "
        "menghubungi keluarga secara daring.",
        "Organisasi pekerja migran juga membagikan masker dan cairan pembersih tangan bagi pekerja yang "
        "kesulitan membelinya.",
    )),
    _Spec("2020-06-16 14:00", "Nurul Hidayah", ("Berita",), ("CPMI", "BP2MI", "Pelatihan"), "train",
          "Penempatan Dihentikan Sementara, Ribuan CPMI Tertahan di Asrama", (
        "JAKARTA – Penghentian sementara penempatan pekerja migran akibat pandemi membuat ribuan calon "
        "pekerja migran Indonesia (CPMI) tertahan di balai pelatihan dan asrama. Sebagian dari mereka sudah "
        "mengantongi visa kerja dan kontrak dengan majikan.",
        "BP2MI menyatakan masih berkoordinasi dengan negara penempatan mengenai protokol kesehatan sebelum "
        "keberangkatan dibuka kembali. Perusahaan penempatan diminta tetap menanggung biaya hidup CPMI "
        "selama masa tunggu.",
        "“Kami sudah tiga bulan di asrama. Kami hanya ingin kepastian,” ujar Dewi, CPMI tujuan Taiwan asal "
        "Kendal.",
    )),
    _Spec("2020-09-08 07:50", "Yohanes Bria", ("Malaysia",), ("TPPO", "PMI Nonprosedural"), "my",
          "Perahu Terbalik di Perairan Johor, Lima Penumpang Asal Indonesia Hilang", (
        "JOHOR BAHRU – Sebuah perahu yang membawa puluhan pekerja migran Indonesia nonprosedural terbalik di "
        "perairan Johor, Malaysia, Senin (7/9) dini hari. Otoritas maritim Malaysia menyelamatkan belasan "
        "penumpang, sementara lima orang lainnya masih dinyatakan hilang.",
        "Perahu tersebut diduga berangkat dari pesisir Batam tanpa izin dan tanpa perlengkapan keselamatan. "
        "Para penumpang membayar jutaan rupiah kepada tekong untuk menyeberang secara diam-diam.",
        "KBRI Kuala Lumpur berkoordinasi dengan otoritas setempat untuk pencarian korban dan pendampingan "
        "penumpang yang selamat.",
    )),
    _Spec("2020-12-14 10:30", "Nurul Hidayah", ("Taiwan",), ("KDEI Taipei", "Kesehatan"), "tw",
          "Taiwan Buka Kembali Kedatangan Pekerja Migran dengan Karantina 14 Hari", (
        "TAIPEI – Pemerintah Taiwan kembali membuka kedatangan pekerja migran dari Indonesia dengan "
        "kewajiban karantina 14 hari di fasilitas yang ditunjuk. Biaya karantina ditanggung majikan sesuai "
        "kesepakatan yang diumumkan Kementerian Tenaga Kerja Taiwan.",
        "KDEI Taipei meminta pekerja memastikan hasil tes PCR dan dokumen kesehatan lengkap sebelum terbang. "
        "Pekerja juga diminta mengunduh aplikasi pelacakan kontak yang diwajibkan selama karantina.",
        "Kebijakan ini disambut baik oleh calon pekerja yang keberangkatannya tertunda hampir sepanjang "
        "tahun.",
    )),
    _Spec("2021-02-22 18:40", "Aditya Pratama", ("Taiwan", "Advokasi"), ("Perekrutan Ilegal", "TPPO", "ABK"),
          "tw",
          "Sindikat Perekrutan ABK Ilegal untuk Kapal Taiwan Dibongkar di Pemalang", (
        "PEMALANG – Kepolisian membongkar sindikat perekrutan anak buah kapal (ABK) ilegal untuk kapal "
        "penangkap ikan berbendera Taiwan di Pemalang, Jawa Tengah. Tiga orang ditetapkan sebagai tersangka, "
        "termasuk pemilik perusahaan yang tidak memiliki izin penempatan.",
        "Modus perekrutan dilakukan lewat iklan di media sosial yang menjanjikan gaji besar tanpa "
        "pengalaman. Calon ABK diminta membayar biaya pelatihan dan buku pelaut, lalu ditampung "
        "berbulan-bulan di sebuah rumah kontrakan.",
        "Polisi menyebut para korban berasal dari Brebes, Tegal, dan Pemalang. Mereka dijerat dengan "
        "Undang-Undang Tindak Pidana Perdagangan Orang (TPPO).",
    )),
    _Spec("2021-05-10 13:25", "Yohanes Bria", ("Malaysia",), ("KBRI Kuala Lumpur", "Pengaduan"), "my",
          "KBRI Kuala Lumpur Buka Layanan Pengaduan Daring 24 Jam", (
        "KUALA LUMPUR – KBRI Kuala Lumpur membuka layanan pengaduan daring selama 24 jam bagi pekerja migran "
        "Indonesia di Semenanjung Malaysia. Layanan ini dapat diakses melalui WhatsApp, surel, dan formulir "
        "di laman resmi kedutaan.",
        "Petugas mencatat pengaduan terbanyak terkait gaji yang tidak dibayar, paspor yang ditahan majikan, "
        "serta pemutusan kerja sepihak selama pembatasan pergerakan.",
        "Pekerja diminta menyertakan salinan paspor dan kontrak kerja agar pengaduan dapat segera "
        "ditindaklanjuti.",
    )),
    _Spec("2021-08-31 21:05", "Aditya Pratama", ("Timur Tengah",), ("Arab Saudi", "Kesehatan"), "sa",
          "KBRI Riyadh Gelar Vaksinasi Dosis Kedua bagi Pekerja Migran", (
        "RIYADH – KBRI Riyadh menggelar vaksinasi dosis kedua bagi pekerja migran Indonesia yang bekerja di "
        "sektor domestik dan jasa di ibu kota Arab Saudi. Kegiatan ini bekerja sama dengan otoritas "
        "kesehatan setempat.",
        "Pekerja yang belum terdaftar dibantu mendaftar melalui aplikasi resmi pemerintah Saudi. Petugas "
        "juga melayani pekerja yang mengalami kendala karena identitas izin tinggal belum diperbarui "
        "majikan.",
        "Bukti vaksinasi penting untuk mobilitas pekerja, termasuk ketika hendak pulang ke Indonesia.",
    )),
    _Spec("2021-11-19 09:00", "Laras Prameswari", ("Opini",), ("Arab Saudi", "Moratorium"), "sa",
          "Moratorium Timur Tengah dan Jalan Sunyi Pekerja Rumah Tangga", (
        "Sejak 2015, pemerintah menghentikan penempatan pekerja rumah tangga ke negara-negara Timur Tengah. "
        "Di atas kertas, kebijakan itu dimaksudkan untuk melindungi perempuan dari eksploitasi. "
        "Kenyataannya, arus keberangkatan tidak pernah benar-benar berhenti.",
        "Banyak perempuan tetap berangkat dengan visa ziarah atau visa kunjungan, lalu bekerja tanpa kontrak "
        "dan tanpa perlindungan. Ketika terjadi masalah, mereka tidak tercatat di perwakilan dan sulit "
        "dijangkau bantuan hukum.",
        "Perlindungan seharusnya diukur dari seberapa mudah pekerja mendapatkan jalur aman, bukan dari "
        "seberapa keras pintu ditutup.",
    )),
    _Spec("2022-01-25 13:51", "Aditya Pratama", ("Berita",), ("TPPO", "CPMI"), "prot",
          "Polisi Gagalkan Pengiriman 40 Calon Pekerja Nonprosedural Lewat Batam", (
        "BATAM – Kepolisian Daerah Kepulauan Riau menggagalkan pengiriman 40 calon pekerja migran "
        "nonprosedural ke Malaysia melalui Pelabuhan Batam Center, Selasa (25/1) sekitar pukul 10.00 WIB. "
        "Para calon pekerja ditemukan di sebuah ruko yang dijadikan tempat penampungan sementara.",
        "Mereka berasal dari Nusa Tenggara Barat dan Jawa Timur dan dijanjikan pekerjaan di perkebunan. "
        "Tidak satu pun memiliki visa kerja maupun perjanjian kerja yang sah.",
        "Dua orang pengurus penampungan diamankan untuk diperiksa lebih lanjut atas dugaan tindak pidana "
        "perdagangan orang (TPPO).",
    )),
    _Spec("2022-06-20 15:40", "Nurul Hidayah", ("Timur Tengah",), ("Arab Saudi", "BP2MI", "SPSK"), "sa",
          "Sistem Penempatan Satu Kanal ke Arab Saudi Mulai Diuji Coba", (
        "JAKARTA – Pemerintah mulai menguji coba Sistem Penempatan Satu Kanal (SPSK) untuk penempatan "
        "pekerja migran ke Arab Saudi. Melalui sistem ini, penempatan hanya dapat dilakukan oleh perusahaan "
        "yang terdaftar dan terhubung dengan sistem informasi kedua negara.",
        "BP2MI menyebut uji coba dibatasi untuk beberapa jabatan di sektor domestik, seperti pengasuh anak, "
        "juru masak keluarga, dan sopir keluarga. Gaji, jam kerja, dan hak libur dicantumkan dalam kontrak "
        "standar.",
        "Pekerja yang berangkat di luar sistem ini dikategorikan nonprosedural dan tidak mendapat "
        "perlindungan penuh.",
    )),
    _Spec("2022-08-03 10:05", "Aditya Pratama", ("Berita",), ("CPMI", "Pelatihan"), "train",
          "Balai Latihan Kerja di Lombok Timur Luluskan 120 CPMI Tujuan Taiwan", (
        "LOMBOK TIMUR – Sebanyak 120 calon pekerja migran Indonesia (CPMI) menyelesaikan pelatihan di balai "
        "latihan kerja swasta di Selong, Lombok Timur. Sebagian besar lulusan akan ditempatkan di sektor "
        "perawatan lansia dan manufaktur di Taiwan.",
        "Selama tiga bulan, peserta belajar bahasa Mandarin dasar, keterampilan merawat lansia, serta "
        "pengetahuan tentang hak dan kewajiban sesuai kontrak kerja. Uji kompetensi dilakukan oleh lembaga "
        "sertifikasi profesi.",
        "Dinas Tenaga Kerja setempat meminta lulusan tidak tergiur tawaran keberangkatan cepat di luar "
        "prosedur resmi.",
    )),
    _Spec("2022-09-30 17:10", "Kartika Sari", ("Hong Kong",), ("Gaji", "PRT"), "hk",
          "Gaji Minimum PRT Asing di Hong Kong Naik Menjadi HK$4.730", (
        "HONG KONG – Pemerintah Hong Kong menaikkan gaji minimum pekerja rumah tangga asing menjadi HK$4.730 "
        "per bulan untuk kontrak yang ditandatangani mulai 1 Oktober 2022. Tunjangan makan bagi pekerja yang "
        "tidak disediakan makanan juga ikut naik.",
        "Organisasi pekerja migran menilai kenaikan tersebut belum sebanding dengan kenaikan biaya hidup. "
        "Mereka meminta pemerintah meninjau ulang aturan wajib tinggal di rumah majikan.",
        "KJRI Hong Kong mengingatkan pekerja untuk memeriksa kontrak baru dan melapor bila majikan membayar "
        "di bawah ketentuan.",
    )),
    _Spec("2022-11-28 16:30", "Yohanes Bria", ("Daerah",), ("Jenazah PMI", "NTT", "Malaysia"), "ntt",
          "Jenazah Pekerja Migran Asal Flores Timur Dipulangkan dari Sabah", (
        "KUPANG – Jenazah seorang pekerja migran asal Flores Timur yang meninggal di Sabah, Malaysia, tiba "
        "di Bandara El Tari Kupang, Senin (28/11) sekitar pukul 12.45 Wita. Peti jenazah diterima petugas "
        "BP3MI NTT bersama perwakilan keluarga.",
        "Almarhum diketahui bekerja di perkebunan kelapa sawit tanpa dokumen resmi selama lebih dari lima "
        "tahun. Keluarga baru mengetahui kabar kematiannya dari rekan kerja almarhum melalui telepon.",
        "Jenazah selanjutnya diterbangkan ke Larantuka untuk dimakamkan di kampung halaman.",
    )),
    _Spec("2023-02-07 11:20", "Nurul Hidayah", ("Taiwan", "Advokasi"), ("KDEI Taipei", "Gaji"), "tw",
          "Gaji Delapan Bulan Tak Dibayar, Perawat Lansia di Kaohsiung Menang Gugatan", (
        "KAOHSIUNG – Seorang pekerja migran Indonesia di Kaohsiung memenangkan gugatan atas gaji yang tidak "
        "dibayarkan selama delapan bulan oleh majikannya. Pengadilan memerintahkan majikan membayar seluruh "
        "tunggakan beserta kompensasi lembur.",
        "Pekerja perempuan asal Blitar itu bekerja sebagai perawat lansia dan mengaku hanya menerima uang "
        "saku selama bekerja. Kasusnya didampingi lembaga bantuan hukum setempat bersama KDEI Taipei.",
        "Pendamping berharap putusan ini mendorong pekerja lain berani melapor ketika hak mereka dilanggar.",
    )),
    _Spec("2023-05-17 19:30", "Aditya Pratama", ("Advokasi",),
          ("TPPO", "Perekrutan Ilegal", "Penipuan Daring"),
          "prot", "Waspadai Lowongan Kerja Palsu ke Kamboja yang Beredar di Media Sosial", (
        "JAKARTA – Masyarakat diminta mewaspadai lowongan kerja palsu ke Kamboja dan Myanmar yang marak "
        "beredar di media sosial. Sindikat penipuan daring kerap merekrut pencari kerja muda dengan "
        "iming-iming gaji tinggi sebagai staf pemasaran atau layanan pelanggan.",
        "Setibanya di negara tujuan, korban dipaksa menjalankan penipuan investasi dan percintaan daring "
        "dengan jam kerja panjang. Paspor mereka ditahan dan korban yang menolak mendapat kekerasan.",
        "Pemerintah menegaskan penempatan pekerja migran ke Kamboja untuk pekerjaan tersebut tidak pernah "
        "dibuka secara resmi.",
    )),
    _Spec("2023-07-06 20:05", "Yohanes Bria", ("Daerah",), ("TPPO", "NTT", "Perekrutan Ilegal"), "ntt",
          "Tiga Calo Asal Sumba Barat Daya Ditangkap di Kupang", (
        "KUPANG – Kepolisian Daerah Nusa Tenggara Timur menangkap tiga calo yang diduga merekrut warga Sumba "
        "Barat Daya untuk dipekerjakan di Kalimantan dan Malaysia tanpa dokumen, Kamis, (6/7/2023). "
        "Penangkapan dilakukan di sebuah penginapan di Kupang sekitar pukul 13.00 WITA.",
        "Dalam penggerebekan itu, polisi menemukan sebelas calon pekerja, empat di antaranya masih berusia "
        "di bawah 18 tahun. Para calo menjanjikan gaji Rp5 juta per bulan dan menanggung seluruh biaya "
        "perjalanan sebagai utang.",
        "Kepala BP3MI NTT mengingatkan warga bahwa proses perekrutan resmi tidak pernah dilakukan di "
        "penginapan atau melalui perantara perorangan.",
    )),
    _Spec("2023-09-12 08:15", "Nurul Hidayah", ("Berita",), ("Pelatihan", "CPMI", "Bahasa Mandarin"), "train",
          "Komunitas Purna PMI di Malang Buka Kelas Bahasa Mandarin Gratis", (
        "MALANG – Sebuah komunitas pekerja migran purna di Malang membuka kelas bahasa Mandarin gratis bagi "
        "calon pekerja migran yang hendak bekerja ke Taiwan. Kelas diadakan dua kali sepekan di balai desa.",
        "Pengajarnya adalah mantan pekerja migran yang pernah bekerja di Taiwan lebih dari sepuluh tahun. "
        "Materi difokuskan pada percakapan sehari-hari, istilah medis dasar untuk perawat lansia, dan cara "
        "membaca slip gaji.",
        "Peserta mengaku lebih percaya diri setelah mengikuti kelas karena kendala bahasa kerap memicu salah "
        "paham dengan majikan.",
    )),
    _Spec("2023-12-18 18:00", "Kartika Sari", ("Hong Kong",), ("Hari Migran Internasional", "Komunitas"),
          "hk",
          "Hari Migran Internasional, Komunitas PMI Hong Kong Gelar Pawai Budaya", (
        "HONG KONG – Ribuan pekerja migran dari berbagai negara memperingati Hari Migran Internasional "
        "dengan pawai budaya dari Causeway Bay menuju Central, Minggu (17/12). Kontingen Indonesia "
        "menampilkan reog, tari saman, dan busana daerah.",
        "Selain pertunjukan budaya, peserta membawa poster berisi tuntutan kenaikan gaji, jaminan hari "
        "libur, dan penghapusan biaya penempatan yang memberatkan.",
        "Panitia menyebut peringatan tahun ini menjadi yang terbesar sejak pembatasan pandemi dicabut.",
    )),
    _Spec("2024-02-14 21:30", "Yohanes Bria", ("Malaysia",), ("Pemilu", "KBRI Kuala Lumpur"), "my",
          "PMI di Malaysia Ikut Pemilu 2024 Lewat Kotak Suara Keliling", (
        "KUALA LUMPUR – Pekerja migran Indonesia di Malaysia mengikuti pemungutan suara Pemilu 2024 melalui "
        "tempat pemungutan suara di kantor perwakilan dan kotak suara keliling yang didatangkan ke lokasi "
        "kerja. Pemungutan suara di luar negeri digelar lebih awal dari jadwal di tanah air.",
        "Petugas mendatangi kawasan perkebunan dan pabrik yang jauh dari pusat kota agar pekerja tidak "
        "kehilangan hak pilih. Sebagian pemilih mengeluhkan nama mereka tidak tercantum dalam daftar pemilih "
        "tetap.",
        "Panitia pemilihan luar negeri mencatat partisipasi meningkat dibanding pemilu sebelumnya.",
    )),
    _Spec("2024-04-26 12:40", "Nurul Hidayah", ("Taiwan",), ("Remitansi",), "econ",
          "Remitansi Digital Makin Diminati, Biaya Kirim Uang dari Taiwan Turun", (
        "TAIPEI – Layanan pengiriman uang digital semakin diminati pekerja migran Indonesia di Taiwan. "
        "Persaingan antarpenyedia layanan membuat biaya pengiriman uang ke Indonesia turun dibandingkan "
        "beberapa tahun lalu.",
        "Pekerja kini dapat mengirim remitansi melalui aplikasi di telepon genggam tanpa harus antre di toko "
        "pada hari libur. Namun pekerja diingatkan untuk hanya menggunakan penyedia yang berizin resmi.",
        "Menurut para pelaku usaha, Taiwan termasuk negara asal kiriman uang pekerja migran terbesar bersama "
        "Malaysia, Arab Saudi, dan Hong Kong.",
    )),
    _Spec("2024-06-03 10:00", "Aditya Pratama", ("Berita",), ("Purna PMI", "Remitansi"), "econ",
          "Pulang dari Hong Kong, Purna PMI Indramayu Sukses Rintis Usaha Kopi", (
        "INDRAMAYU – Sepulang dari Arab Saudi dan Hong Kong, Karsini kini mengelola kedai kopi dan usaha "
        "sangrai biji kopi di Indramayu, Jawa Barat. Modal awal usahanya berasal dari tabungan selama "
        "sembilan tahun bekerja sebagai pekerja rumah tangga.",
        "Usahanya kini mempekerjakan enam orang, sebagian adalah mantan pekerja migran. Ia juga rutin "
        "berbagi pengalaman di kelas kewirausahaan yang diadakan dinas tenaga kerja.",
        "“Yang penting sejak di luar negeri sudah punya rencana. Jangan sampai pulang tanpa bekal,” kata "
        "Karsini.",
    )),
    _Spec("2024-09-27 09:15", "Yohanes Bria", ("Daerah",), ("Jenazah PMI", "NTT", "BP3MI"), "ntt",
          "Sejak Januari hingga September 2024, Hampir Seratus Jenazah PMI Ilegal Dipulangkan ke NTT", (
        "JAKARTA – Sejak Januari hingga September 2024, hampir seratus jenazah pekerja migran Indonesia "
        "nonprosedural dipulangkan ke Nusa Tenggara Timur. Sebagian besar meninggal di Malaysia, tempat "
        "ribuan warga NTT bekerja tanpa dokumen di sektor perkebunan.",
        "Data BP3MI NTT menyebutkan, jenazah terakhir tiba di Bandara El Tari Kupang pada Kamis, 26 "
        "September 2024 pukul 06.10 Wita, disusul satu jenazah lain pada pukul 12.45 wita di hari yang sama. "
        "Keduanya berasal dari Kabupaten Malaka dan Kabupaten Kupang.",
        "Pemerintah provinsi kembali mengimbau warga agar berangkat melalui jalur resmi. Menurut petugas, "
        "pekerja nonprosedural sulit mendapat pertolongan saat sakit karena takut ditangkap jika berobat ke "
        "rumah sakit, sebagaimana dikutip dari media lokal. []",
    )),
    _Spec("2024-10-22 15:15", "Redaksi", ("Berita",), ("KP2MI", "BP2MI"), "prot",
          "Kementerian Pelindungan Pekerja Migran Dibentuk, BP2MI Bertransformasi", (
        "JAKARTA – Pemerintah membentuk Kementerian Pelindungan Pekerja Migran Indonesia (KP2MI) dalam "
        "kabinet baru. Dengan perubahan ini, tugas dan fungsi Badan Pelindungan Pekerja Migran Indonesia "
        "(BP2MI) dialihkan ke kementerian tersebut.",
        "Sejumlah organisasi pekerja migran berharap status kementerian membuat koordinasi perlindungan "
        "lintas lembaga lebih kuat, terutama dalam penanganan kasus di negara penempatan dan pemberantasan "
        "penempatan nonprosedural.",
        "Masa transisi diperkirakan berlangsung beberapa bulan, termasuk penyesuaian layanan di unit "
        "pelaksana teknis di daerah.",
    )),
    _Spec("2024-11-11 14:50", "Aditya Pratama", ("Berita",), ("TPPO", "KP2MI"), "my",
          "Satgas Perlindungan PMI Sisir Pelabuhan Tikus di Kepulauan Riau", (
        "TANJUNGPINANG – Satuan tugas perlindungan pekerja migran menyisir sejumlah pelabuhan tidak resmi di "
        "Kepulauan Riau yang kerap dijadikan jalur keberangkatan pekerja nonprosedural ke Malaysia. Operasi "
        "gabungan melibatkan kepolisian, imigrasi, dan TNI Angkatan Laut.",
        "Dalam sepekan, petugas mencegah keberangkatan 67 orang yang hendak menyeberang menggunakan perahu "
        "kayu pada malam hari. Mereka kemudian didata dan difasilitasi pulang ke daerah asal.",
        "KP2MI menyatakan operasi serupa akan digelar berkala di jalur-jalur rawan lainnya.",
    )),
    _Spec("2025-01-20 18:44", "Kartika Sari", ("Advokasi", "Hong Kong"), ("P3MI", "Overcharging", "KP2MI"),
          "hk",
          "P3MI Diminta Transparan soal Biaya Penempatan ke Hong Kong", (
        "JAKARTA – Perusahaan penempatan pekerja migran Indonesia (P3MI) diminta transparan mengenai "
        "komponen biaya penempatan ke Hong Kong. Kementerian menerima sejumlah pengaduan tentang potongan "
        "gaji yang tidak dijelaskan sejak awal.",
        "Aturan penempatan menyebutkan sejumlah komponen biaya tidak boleh dibebankan kepada pekerja, antara "
        "lain tiket keberangkatan, visa kerja, dan legalisasi perjanjian kerja. Namun di lapangan, pekerja "
        "masih menanggung cicilan kepada lembaga keuangan.",
        "Organisasi pekerja migran di Hong Kong meminta daftar biaya resmi diumumkan secara terbuka dan "
        "diperiksa berkala.",
    )),
    _Spec("2025-03-18 23:10", "Aditya Pratama", ("Timur Tengah",), ("Arab Saudi", "Komunitas"), "sa",
          "Ramadan di Perantauan, PMI di Riyadh Gelar Buka Puasa Bersama", (
        "RIYADH – Ratusan pekerja migran Indonesia di Riyadh berkumpul dalam acara buka puasa bersama yang "
        "digelar komunitas dan KBRI, Senin (17/3). Bagi banyak pekerja, kesempatan ini menjadi satu-satunya "
        "momen bertemu sesama perantau selama Ramadan.",
        "Selain berbuka dengan menu khas Nusantara, panitia membuka layanan konsultasi dokumen dan pengaduan "
        "ketenagakerjaan. Petugas mencatat beberapa pekerja mengeluhkan izin tinggal yang belum diperpanjang "
        "majikan.",
        "Acara ditutup dengan salat tarawih berjamaah dan pembagian paket sembako.",
    )),
    _Spec("2025-06-09 11:30", "Nurul Hidayah", ("Berita",), ("BPJS Ketenagakerjaan", "Beasiswa"), "prot",
          "BPJS Ketenagakerjaan Perluas Manfaat Beasiswa untuk Anak PMI", (
        "JAKARTA – BPJS Ketenagakerjaan memperluas manfaat beasiswa pendidikan bagi anak peserta pekerja "
        "migran Indonesia yang meninggal dunia atau mengalami cacat total tetap akibat kecelakaan kerja. "
        "Beasiswa diberikan untuk maksimal dua anak hingga jenjang perguruan tinggi.",
        "Ahli waris dapat mengajukan klaim melalui kantor cabang terdekat atau layanan daring dengan "
        "melampirkan bukti kepesertaan dan dokumen pendukung. Proses verifikasi ditargetkan selesai dalam "
        "hitungan hari.",
        "Pembaruan: BPJS Ketenagakerjaan menambahkan bahwa peserta yang iurannya menunggak tetap dapat "
        "mengajukan klaim setelah melunasi tunggakan.",
    )),
    _Spec("2025-08-14 16:05", "Aditya Pratama", ("Advokasi",), ("Perekrutan Ilegal", "KP2MI", "Jepang"),
          "train",
          "Modus Magang ke Jepang, 27 Korban Lapor ke KP2MI", (
        "SEMARANG – Sebanyak 27 orang mengadukan sebuah lembaga pelatihan di Semarang ke KP2MI setelah gagal "
        "diberangkatkan magang ke Jepang. Mereka telah membayar antara Rp25 juta hingga Rp60 juta untuk "
        "biaya pendidikan dan pengurusan visa.",
        "Lembaga tersebut diduga melakukan perekrutan tanpa izin penempatan dan menggunakan nama program "
        "magang resmi untuk meyakinkan calon peserta. Sebagian korban sudah menunggu lebih dari setahun "
        "tanpa kepastian.",
        "KP2MI meminta masyarakat mengecek izin lembaga melalui kanal resmi sebelum membayar biaya apa pun.",
    )),
    _Spec("2025-10-02 19:20", "Kartika Sari", ("Hong Kong",), ("KJRI Hong Kong", "Cuaca Ekstrem"), "hk",
          "Musim Topan, KJRI Hong Kong Imbau PMI Tetap di Rumah Majikan", (
        "HONG KONG – Menjelang datangnya topan, KJRI Hong Kong mengimbau pekerja migran Indonesia tetap "
        "berada di rumah majikan dan tidak bepergian ketika sinyal badai nomor 8 dinaikkan. Pekerja yang "
        "sedang libur diminta segera pulang sebelum transportasi umum berhenti.",
        "Menurut ketentuan ketenagakerjaan Hong Kong, majikan tidak boleh memaksa pekerja keluar rumah untuk "
        "bekerja atau berbelanja saat sinyal badai tinggi. Pekerja yang dipaksa dapat melapor ke Departemen "
        "Tenaga Kerja.",
        "KJRI juga membagikan nomor darurat yang dapat dihubungi selama cuaca ekstrem.",
    )),
    _Spec("2025-11-14 10:40", "Redaksi", ("Berita",), ("Komunitas", "Purna PMI"), "econ",
          "Festival Budaya Pekerja Migran Digelar di Yogyakarta", (
        "YOGYAKARTA – Festival budaya pekerja migran digelar di Yogyakarta, Jumat (14/11), menampilkan karya "
        "seni, kuliner, dan kerajinan hasil usaha pekerja migran purna dari berbagai daerah. Festival ini "
        "juga menjadi ajang berbagi cerita tentang pengalaman bekerja di luar negeri.",
        "Pengunjung dapat mengikuti lokakarya membatik, kelas memasak masakan Hong Kong dan Taiwan, serta "
        "diskusi tentang peran keluarga dalam mendukung pekerja migran.",
        "Penyelenggara berharap festival menjadi agenda tahunan yang memperkuat jejaring pekerja migran "
        "purna.",
    )),
    _Spec("2025-12-10 08:20", "Yohanes Bria", ("Berita",), ("KP2MI", "NTT", "Gender"), "prot",
          "Responsif Terhadap Gender Diharapkan Menjadi Bagian dari Penguatan Perlindungan PMI", (
        "JAKARTA – Kementerian Pelindungan Pekerja Migran Indonesia berharap kebijakan yang responsif "
        "terhadap gender menjadi bagian dari penguatan perlindungan pekerja migran. Hal itu disampaikan "
        "dalam forum koordinasi perlindungan pekerja migran di Kupang, Selasa.",
        "Sebagian besar pekerja migran Indonesia yang bekerja di sektor domestik adalah perempuan. "
        "Kerentanan mereka terhadap kekerasan, pelecehan, dan jeratan utang membutuhkan layanan yang "
        "memahami kebutuhan khusus perempuan, mulai dari desa hingga negara penempatan.",
        "Jaringan organisasi masyarakat sipil yang hadir dalam forum itu mendorong agar layanan terpadu satu "
        "atap di daerah menyediakan petugas pendamping perempuan.",
    )),
]  # fmt: skip

_EXTRA_SPEC = _Spec(
    "2025-12-12 09:15", "Nurul Hidayah", ("Berita",), ("KP2MI", "Pengaduan"), "tw",
    "KP2MI Luncurkan Layanan Aduan Kilat untuk PMI di Taiwan dan Hong Kong", (
        "JAKARTA – Kementerian Pelindungan Pekerja Migran Indonesia meluncurkan layanan aduan kilat yang "
        "dapat diakses pekerja migran di Taiwan dan Hong Kong melalui pesan singkat, Jumat (12/12) pukul "
        "08.00 WIB. Setiap aduan dijanjikan mendapat tanggapan petugas dalam waktu kurang dari satu jam.",
        "Layanan ini terhubung langsung dengan KDEI Taipei dan KJRI Hong Kong sehingga kasus yang "
        "membutuhkan pendampingan di lapangan dapat segera diteruskan. Pekerja cukup menyebutkan nama, nomor "
        "paspor, dan ringkasan masalah.",
        "Uji coba layanan aduan kilat direncanakan berlangsung tiga bulan sebelum diperluas ke negara "
        "penempatan lain.",
    ),
)  # fmt: skip

# The article that was already edited once (modified_gmt later than date_gmt).
_UPDATED_DELAY = timedelta(days=2, hours=4, minutes=25)


def _index_of(fragment: str) -> int:
    return next(i for i, s in enumerate(_SPECS) if fragment in s.title)


_UPDATED_INDEX = _index_of("Perluas Manfaat Beasiswa")
_VARIANT_INDEX = _index_of("Musim Topan")


def _local(when: str) -> datetime:
    return datetime.strptime(when, "%Y-%m-%d %H:%M").replace(tzinfo=WIB)


def _post_id(index: int) -> int:
    return 1187 + index * 37 + (index * index) % 17


def _make_post(spec: _Spec, index: int, post_id: int, related: _Spec | None) -> Post:
    slug = slugify(spec.title)
    local = _local(spec.when)
    image = (
        None if index % 7 == 6 else f"/wp-content/uploads/{local:%Y}/{local:%m}/{slug[:48].rstrip('-')}.jpg"
    )
    pool = _POOLS[spec.pool]
    general = _POOLS["umum"]
    background = [pool[index % len(pool)], pool[(index + 1) % len(pool)], general[index % len(general)]]
    paragraphs = [
        *spec.paragraphs[:2],
        background[0],
        spec.paragraphs[2],
        *spec.paragraphs[3:],
        *background[1:],
    ]
    content = build_content_html(
        paragraphs,
        related=(related.title, f"/{slugify(related.title)}/") if related else None,
        related_after=2,
        ad_after=3,
        share_url=f"/{slug}/",
        image=(
            f"/wp-content/uploads/{local:%Y}/{local:%m}/ilustrasi-{index + 1}.jpg",
            "Ilustrasi. (Dok. Apakabar Plus)",
        )
        if index % 5 == 2
        else None,
    )
    return Post(
        id=post_id,
        slug=slug,
        title=spec.title,
        content_html=content,
        date_gmt=local.astimezone(UTC),
        author=spec.author,
        categories=list(spec.categories),
        tags=list(spec.tags),
        featured_image=image,
    )


def _related(index: int) -> _Spec:
    """An earlier article on the same topic if any, else the neighbour."""
    spec = _SPECS[index]
    earlier = [s for s in _SPECS[:index] if s.pool == spec.pool]
    if earlier:
        return earlier[-1]
    return _SPECS[index + 1] if index + 1 < len(_SPECS) else _SPECS[index - 1]


def build_posts() -> list[Post]:
    """The mirror articles (fresh objects on every call), oldest first."""
    posts = []
    for i, spec in enumerate(_SPECS):
        post = _make_post(spec, i, _post_id(i), _related(i))
        if i == _UPDATED_INDEX:
            post.modified_gmt = post.date_gmt + _UPDATED_DELAY
        posts.append(post)
    return posts


def build_site() -> WordPressSite:
    """A fresh ApakabarOnline mirror (MoreNews theme, core sitemaps, no SEO plugin, url variants on)."""
    site = WordPressSite(
        name="Apakabar Online",
        tagline="Portal Berita Pekerja Migran Indonesia",
        render_today=RENDER_TODAY,
        tz_offset=timedelta(hours=7),
        theme="morenews",
        sitemap_style="core",
        seo_plugin=None,
        posts=build_posts(),
    )
    site.url_variants = True
    site.url_variant_slug = VARIANT_SLUG
    return site


def build_extra_post() -> Post:
    """One new article, dated after all others (id allocated by the site when added)."""
    index = len(_SPECS)
    related = next(s for s in reversed(_SPECS) if s.pool == _EXTRA_SPEC.pool)
    return _make_post(_EXTRA_SPEC, index, 0, related)


def _facts(spec: _Spec, index: int | None) -> dict:
    local = _local(spec.when)
    slug = slugify(spec.title)
    facts = {
        "slug": slug,
        "path": f"/{slug}/",
        "title": spec.title,
        "date_gmt": local.astimezone(UTC),
        "date_local": local.replace(tzinfo=None),
        "rest_date": local.strftime("%Y-%m-%dT%H:%M:%S"),
        "rest_date_gmt": local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S"),
        "posts_date": format_wp_date(local),
        "author": spec.author,
        "categories": list(spec.categories),
        "tags": list(spec.tags),
        "first_paragraph": spec.paragraphs[0],
    }
    if index is not None:
        facts["id"] = _post_id(index)
    return facts


ARTICLE_COUNT = len(_SPECS)
#: A well-known article (the NTT repatriation story; in-body "Kamis, 26 September 2024 pukul 06.10 Wita").
KNOWN = _facts(_SPECS[_index_of("Hampir Seratus Jenazah")], _index_of("Hampir Seratus Jenazah"))
#: The article the search test should find for "rekrut" (body says "merekrut" and "perekrutan").
KNOWN_REKRUT = {
    **_facts(_SPECS[_index_of("Tiga Calo")], _index_of("Tiga Calo")),
    "words": ["merekrut", "perekrutan"],
}
#: Every article whose body paragraphs contain a word with "rekrut" (merekrut, perekrutan, ...).
REKRUT_SLUGS = frozenset(
    slugify(s.title) for s in _SPECS if any(re.search(r"rekrut", p, re.IGNORECASE) for p in s.paragraphs)
)
#: The article already edited once: modified_gmt = date_gmt + 2 days 4 h 25 min.
UPDATED = {
    **_facts(_SPECS[_UPDATED_INDEX], _UPDATED_INDEX),
    "modified_gmt": _local(_SPECS[_UPDATED_INDEX].when).astimezone(UTC) + _UPDATED_DELAY,
}
#: The article listed under variant URLs (sitemap: /slug/amp/ and /slug/?utm_source=...; feed link with utm).
VARIANT_SLUG = slugify(_SPECS[_VARIANT_INDEX].title)
#: Facts of build_extra_post() (its id is allocated when added to a site).
EXTRA = _facts(_EXTRA_SPEC, None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.support.mirrors.apakabar", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--sitemap", choices=["core", "yoast", "none"], default="core")
    parser.add_argument("--seo", choices=["none", "yoast"], default="none")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds of delay per response")
    parser.add_argument("--extra", action="store_true", help="also publish build_extra_post()")
    args = parser.parse_args(argv)
    site = build_site()
    site.sitemap_style = None if args.sitemap == "none" else args.sitemap
    site.seo_plugin = None if args.seo == "none" else args.seo
    if args.extra:
        site.add_post(build_extra_post())
    server = MirrorServer(site, host=args.host, port=args.port, latency=args.latency)
    server.start()
    print(f"Apakabar mirror: {server.base_url}/ ({len(site.posts)} posts). Ctrl-C to stop.", flush=True)
    server.serve_until_interrupted()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
