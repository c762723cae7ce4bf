"""The PMI relevance model: realistic Indonesian news, on-topic and off-topic (the PMI homonyms)."""

from __future__ import annotations

import pytest

from pmi_aggregator.domain.relevance import assess, is_pmi_related, relevant_share

# (title, summary, body)
POSITIVE = [
    ("Pemprov NTT pulangkan 12 PMI nonprosedural dari Malaysia", "", ""),
    ("KP2MI gagalkan keberangkatan 40 calon pekerja migran ilegal di Batam", "", ""),
    ("Jenazah TKW asal Indramayu tiba di kampung halaman", "", ""),
    ("BP2MI: Remitansi pekerja migran capai Rp200 triliun", "", ""),
    ("Polisi tangkap perekrut CPMI tanpa izin di Lombok Timur", "", ""),
    (
        "Polda Kalbar ungkap kasus TPPO",
        "Korban dijanjikan bekerja di Malaysia dengan gaji besar dan diberangkatkan lewat jalur tikus.",
        "",
    ),
    (
        "Ratusan WNI dideportasi dari Sabah",
        "Mereka dipulangkan melalui Pelabuhan Nunukan setelah menjalani hukuman karena tidak memiliki paspor.",
        "",
    ),
    ("Buruh migran di Hong Kong gelar aksi tuntut kenaikan upah minimum", "", ""),
    ("KemenP2MI dan Kementerian PPN tinjau usaha purna pekerja migran di Sleman", "", ""),
    ("BP3MI Jawa Tengah sosialisasikan migrasi aman di desa kantong PMI", "", ""),
    ("Izin dua P3MI dicabut karena menempatkan pekerja ke Timur Tengah", "", ""),
    (
        "Kisah Siti, sembilan tahun bekerja di Taiwan",
        "",
        "Siti berangkat sebagai PMI sektor domestik. Majikannya di Taichung membayar gaji sesuai kontrak, "
        "dan KDEI Taipei membantu ketika paspornya ditahan agensi.",
    ),
    ("Tenaga kerja Indonesia di Arab Saudi terima tunggakan gaji", "", ""),
    (
        "Pemerintah perkuat pelindungan",
        "",
        "Kementerian Pelindungan Pekerja Migran Indonesia menandatangani nota kesepahaman. "
        "Pekerja migran asal NTT paling banyak bekerja di perkebunan sawit.",
    ),
    ("Migrant CARE: anak buah kapal asal Indonesia alami kerja paksa", "pekerja migran sektor perikanan", ""),
    ("Sindikat TPPO kirim korban ke Kamboja untuk jadi operator judi online", "", ""),
    ("Lima PMI asal Cianjur terlantar di Arab Saudi, KBRI turun tangan", "", ""),
]

NEGATIVE = [
    ("PMI Kota Bogor gelar donor darah massal sambut HUT RI", "", ""),
    ("Stok darah di UDD PMI menipis jelang Lebaran", "", ""),
    ("Relawan PMI bantu evakuasi korban banjir di Demak", "", ""),
    ("Jusuf Kalla kembali terpilih sebagai Ketua Umum PMI", "", ""),
    ("PMI siagakan 20 ambulans di jalur mudik", "", ""),
    (
        "PMI kirim bantuan kemanusiaan ke Gaza",
        "Palang Merah Indonesia memberangkatkan relawan dan obat-obatan ke luar negeri.",
        "",
    ),
    ("PMI manufaktur Indonesia kembali ekspansi di level 51,2", "", ""),
    (
        "S&P Global: PMI Indonesia turun ke 49,8",
        "Indeks PMI manufaktur masuk zona kontraksi karena permintaan ekspor dari Malaysia melemah.",
        "",
    ),
    ("Sektor manufaktur kontraksi, PMI di bawah 50 selama tiga bulan", "", ""),
    ("Imigrasi Ngurah Rai deportasi WNA asal Rusia yang overstay", "", ""),
    ("Tiga warga negara asing dideportasi karena menyalahgunakan visa kunjungan", "", ""),
    ("Harga cabai rawit naik menjelang Natal", "", ""),
    ("Timnas Indonesia kalahkan Malaysia 2-0 di Piala AFF", "", ""),
    ("Polisi ungkap kasus TPPO eksploitasi anak di tempat hiburan malam Jakarta", "", ""),
    (
        "Pemerintah umumkan APBN 2026",
        "",
        "Belanja negara naik untuk pendidikan, kesehatan dan infrastruktur. " * 10
        + "Anggaran beberapa lembaga, termasuk KP2MI, juga disesuaikan.",
    ),
    ("Turis asing di Bali dideportasi usai mengamuk di pura", "", ""),
    ("Gempa Cianjur: PMI dirikan dapur umum dan posko kesehatan", "", ""),
]


@pytest.mark.parametrize(("title", "summary", "body"), POSITIVE)
def test_pmi_news_is_relevant(title: str, summary: str, body: str):
    result = assess(title, summary, body)
    assert result.relevant, result


@pytest.mark.parametrize(("title", "summary", "body"), NEGATIVE)
def test_homonyms_and_other_news_are_not(title: str, summary: str, body: str):
    result = assess(title, summary, body)
    assert not result.relevant, result


def test_precision_and_recall_on_the_examples():
    found = [is_pmi_related(*example) for example in POSITIVE]
    false_alarms = [is_pmi_related(*example) for example in NEGATIVE]
    assert len(POSITIVE) >= 15 and len(NEGATIVE) >= 15
    assert sum(found) / len(found) == 1.0  # recall
    assert not any(false_alarms)  # precision 1.0


def test_a_repatriated_workers_ambulance_does_not_make_it_red_cross():
    body = (
        "Jenazah PMI asal Flores dipulangkan dari Malaysia. KBRI Kuala Lumpur mengurus pemulangan, "
        "lalu ambulans membawa jenazah ke rumah duka."
    )
    assert assess("Jenazah PMI tiba di Kupang", "", body).relevant


def test_signals_explain_the_decision():
    result = assess("Pemprov NTT pulangkan 12 PMI dari Malaysia")
    assert result.signals == ("PMI (migrant worker)",) and result.score == 2.5  # 2 + two migration words
    assert assess("Relawan PMI bantu korban banjir").signals == ()


def test_relevant_share_of_a_listing():
    listing = [("BP2MI lepas 100 pekerja migran ke Korea", ""), ("Harga beras naik", "")]
    assert relevant_share(listing) == 0.5
    assert relevant_share([]) == 1.0
