"""Tests for pmi_aggregator.normalize (text and people): bylines, datelines, terms, titles and language of Indonesian news."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmi_aggregator.normalize.people import clean_author_list, split_authors
from pmi_aggregator.normalize.text import (
    clean_terms,
    clean_title,
    detect_language,
    extract_dateline,
    normalize_whitespace,
)

# --- normalize_whitespace ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Pekerja   Migran\tIndonesia \n", "Pekerja Migran Indonesia"),
        ("Kupang\u00a0(ANTARA)\u202f-", "Kupang (ANTARA) -"),
        ("\ufeff\u200bBP2MI\u200b \u200d KP2MI\u2060", "BP2MI KP2MI"),
        ("a\u3000b\u2028c", "a b c"),
        ("", ""),
        ("   \u00a0\u200b ", ""),
        (None, ""),
    ],
)
def test_normalize_whitespace(raw, expected):
    assert normalize_whitespace(raw) == expected


# --- split_authors -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "authors", "editor"),
    [
        # ANTARA credit lines
        (
            "Pewarta: Benny Jahang dan Aloysius Lewokeda | Editor: Herry Soebanto",
            ["Benny Jahang", "Aloysius Lewokeda"],
            "Herry Soebanto",
        ),
        (
            "Pewarta : Benny Jahang\nEditor: Herry Soebanto\nCOPYRIGHT © ANTARA 2025",
            ["Benny Jahang"],
            "Herry Soebanto",
        ),
        (
            "Pewarta: Kornelis Kaha\nEditor: Budisantoso Budiman\nCopyright © ANTARA 2024",
            ["Kornelis Kaha"],
            "Budisantoso Budiman",
        ),
        ("PEWARTA: BENNY JAHANG DAN ALOYSIUS LEWOKEDA", ["Benny Jahang", "Aloysius Lewokeda"], None),
        # Kompas
        ("Penulis: Rina & Dedi | Editor: Joko | Kompas.com", ["Rina", "Dedi"], "Joko"),
        (
            "Penulis: Kontributor Kupang, Sigiranus Marutho Bere | Editor: Robertus Belarminus",
            ["Sigiranus Marutho Bere"],
            "Robertus Belarminus",
        ),
        ("Penulis: Tim Redaksi", [], None),
        ("Kompas.com - 10/12/2025, 14:00 WIB", [], None),
        # detik
        ("Tim detikcom - detikNews", [], None),
        ("Dea Duta Aulia - detikNews Kamis, 11 Des 2025 14:00 WIB", ["Dea Duta Aulia"], None),
        # Republika
        ("Rep: Rizky Suryarandika/ Red: Ratna Puspita", ["Rizky Suryarandika"], "Ratna Puspita"),
        ("Republika Online", [], None),
        # Tempo prints reporter and editor on one line
        ("Reporter: Andi Adam Faturahman Editor: Ali Anwar", ["Andi Adam Faturahman"], "Ali Anwar"),
        ("Penulis: Hendrik Yaputra  Editor : Sunudyantoro", ["Hendrik Yaputra"], "Sunudyantoro"),
        # Liputan6, Tribun, CNN Indonesia
        ("Oleh Muhammad Ali pada 10 Des 2025, 14:00 WIB", ["Muhammad Ali"], None),
        ("Laporan Wartawan Tribunnews.com, Reynas Abdila", ["Reynas Abdila"], None),
        ("CNN Indonesia | Kamis, 11/12/2025 14:00 WIB", [], None),
        # WordPress themes (AF theme on Apakabar Online and friends)
        ("By admin", [], None),
        ("Posted by: Redaksi", [], None),
        ("By Apakabar Online", [], None),
        ("Written by Siti Nur-Aini on December 10, 2025", ["Siti Nur-Aini"], None),
        ("Ditulis oleh Yusuf Hamdani", ["Yusuf Hamdani"], None),
        # prefixes in any case, with or without colon
        ("oleh: Budi Santoso", ["Budi Santoso"], None),
        ("KONTRIBUTOR Maria Goreti", ["Maria Goreti"], None),
        ("Laporan: Anita Permata", ["Anita Permata"], None),
        ("Jurnalis: Fikri", ["Fikri"], None),
        # trailing roles, dates and times
        ("Budi (Kontributor Kupang), Rina - Wartawan", ["Budi", "Rina"], None),
        ("Oleh Budi - 10 Desember 2025, 14:00 WIB", ["Budi"], None),
        ("Penulis: Rina / Kontributor Nunukan", ["Rina"], None),
        ("Oleh Budi | Jumat, 12 Desember 2025 | 09:15 WIB", ["Budi"], None),
        ("Andi dan Budi and Citra, Dedi & Eka", ["Andi", "Budi", "Citra", "Dedi", "Eka"], None),
        # names: case, whitespace, degrees, duplicates
        ("BUDI SANTOSO", ["Budi Santoso"], None),
        ("Penulis:  Glori   K. Wadrianto", ["Glori K. Wadrianto"], None),
        ("Budi Santoso, S.Sos., M.Si.", ["Budi Santoso, S.Sos., M.Si."], None),
        ("DEDI, S.H.", ["Dedi, S.H."], None),
        ("Penulis: Rina dan rina", ["Rina"], None),
        ("Tim Hannigan", ["Tim Hannigan"], None),
        ("Yohanes de Rosari", ["Yohanes de Rosari"], None),
        ("Pewarta: Benny&nbsp;Jahang &amp; Aloysius", ["Benny Jahang", "Aloysius"], None),
    ],
)
def test_split_authors(byline, authors, editor):
    assert split_authors(byline) == (authors, editor)


# Credit prefixes of other languages are labels, not part of the name; names that begin like one are names.
ONE_AUTHOR = {
    "von Anna Schmidt": "Anna Schmidt",
    "Veröffentlicht von Jan Müller": "Jan Müller",
    "Publié par Marie Dupont": "Marie Dupont",
    "Por Juan Pérez": "Juan Pérez",
    "Vonny Sumlang": "Vonny Sumlang",
    "Paramitha Sari": "Paramitha Sari",
}


@pytest.mark.parametrize("byline", ONE_AUTHOR)
def test_foreign_credit_prefixes_are_dropped(byline):
    assert split_authors(byline) == ([ONE_AUTHOR[byline]], None)


def test_split_authors_drops_configured_site_name():
    assert split_authors("Penulis: Rina | Kabar Migran", site_names=["Kabar Migran"]) == (["Rina"], None)
    assert split_authors("Oleh SuaraBMI", site_names=["suarabmi.com"]) == ([], None)
    assert split_authors("Oleh SuaraBMI") == (["SuaraBMI"], None)


def test_split_authors_editor_is_not_an_author():
    authors, editor = split_authors("Editor: Herry Soebanto")
    assert authors == []
    assert editor == "Herry Soebanto"


@pytest.mark.parametrize(
    "byline",
    [
        None,
        "",
        "   ",
        "|||",
        "Editor:",
        "Pewarta: | Editor:",
        "10 Desember 2025 14:00 WIB",
        "© 2025",
        "budi@kompas.com",
        # a month of another language, a listing's category, a blog's default category
        "Dezember",
        "Juillet",
        "in Uncategorized",
        "di Berita Daerah",
        "Uncategorized",
    ],
)
def test_split_authors_without_persons(byline):
    assert split_authors(byline) == ([], None)


# --- clean_author_list ---------------------------------------------------------------------------------


def test_clean_author_list_flattens_dedupes_and_drops_sites():
    names = ["Benny Jahang", "BENNY JAHANG", "Kompas.com", "Tim Redaksi", "Rina dan Dedi", "rina", "Admin"]
    assert clean_author_list(names) == ["Benny Jahang", "Rina", "Dedi"]


def test_clean_author_list_uses_site_names_and_ignores_odd_items():
    names = ["Kabar Bumi", "Maria Bo Niok", None, 42, "", "Editor: Joko"]
    assert clean_author_list(names, site_names=("kabarbumi.org",)) == ["Maria Bo Niok"]


def test_clean_author_list_accepts_a_single_string():
    assert clean_author_list("Rina & Dedi") == ["Rina", "Dedi"]
    assert clean_author_list([]) == []


# --- extract_dateline ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Kupang (ANTARA) - Pemerintah Provinsi NTT memulangkan 12 pekerja migran.", "Kupang"),
        ("Kupang, NTT (ANTARA) - Jenazah PMI asal Flores tiba di Bandara El Tari.", "Kupang"),
        ("JAKARTA – Badan Pelindungan Pekerja Migran Indonesia menggagalkan pengiriman.", "Jakarta"),
        ("Yogyakarta, KemenP2MI (14/11) – Kementerian P2MI menggelar sosialisasi.", "Yogyakarta"),
        ("Hong Kong, BP2MI (12/5) – Ribuan PMI merayakan Hari Buruh.", "Hong Kong"),
        ("Hong Kong, BI – Bank Indonesia mencatat remitansi meningkat.", "Hong Kong"),
        ("Liputan6.com, Jakarta - Kementerian Luar Negeri memastikan WNI aman.", "Jakarta"),
        ("Jakarta, CNN Indonesia -- Sebanyak 120 PMI ilegal dideportasi.", "Jakarta"),
        ("TEMPO.CO, Jakarta - Menteri P2MI Abdul Kadir Karding mengatakan...", "Jakarta"),
        ("KUALA LUMPUR (ANTARA) - KBRI Kuala Lumpur membuka layanan.", "Kuala Lumpur"),
        ("Nunukan - Ratusan PMI dideportasi dari Sabah.", "Nunukan"),
        ("JAKARTA, KOMPAS.com — Pemerintah menyiapkan pelatihan.", "Jakarta"),
        ("  Taipei\u00a0(ANTARA) -  Kantor Dagang dan Ekonomi Indonesia...", "Taipei"),
    ],
)
def test_extract_dateline(text, place):
    assert extract_dateline(text) == place


@pytest.mark.parametrize(
    "text",
    [
        "KOMPAS.com - Sebanyak 20 PMI dipulangkan dari Kamboja.",
        "Pemerintah - melalui KP2MI - terus memperkuat pelindungan.",
        "Badan Pelindungan Pekerja Migran Indonesia (BP2MI) - lembaga yang kini menjadi kementerian.",
        "Sebanyak 20 PMI dipulangkan dari Malaysia - kata pejabat.",
        "pekerja migran - catatan akhir tahun",
        "Pekerja migran asal NTT kembali menjadi korban perdagangan orang. Jakarta - Kupang.",
        "",
        "   ",
        None,
    ],
)
def test_extract_dateline_none(text):
    assert extract_dateline(text) is None


def test_extract_dateline_only_looks_at_the_opening():
    assert extract_dateline("x" * 200 + " Kupang (ANTARA) - Pemerintah") is None


# --- clean_terms ---------------------------------------------------------------------------------------


def test_clean_terms_normalizes_and_dedupes():
    terms = [
        "Pekerja Migran &amp; Keluarga",
        "pekerja migran & keluarga",
        "#PMI",
        "pmi",
        "  BP2MI  ",
        "(BP2MI)",
        "Pekerja Migran (PMI)",
        "Hong\u00a0Kong",
        "hong   kong",
        "“TPPO”",
        "Berita,",
    ]
    assert clean_terms(terms) == [
        "Pekerja Migran & Keluarga",
        "PMI",
        "BP2MI",
        "Pekerja Migran (PMI)",
        "Hong Kong",
        "TPPO",
        "Berita",
    ]


@pytest.mark.parametrize(
    "terms",
    [None, [], ["", "  ", "#", "--"], ["Uncategorized"], ["Tak Berkategori", "tak berkategori"], [None, 3]],
)
def test_clean_terms_drops_empties_and_placeholders(terms):
    assert clean_terms(terms) == []


def test_clean_terms_keeps_first_spelling_and_order():
    assert clean_terms(["TKI", "Migrasi", "tki", "MIGRASI", "Uncategorized", "Remitansi"]) == [
        "TKI",
        "Migrasi",
        "Remitansi",
    ]


def test_clean_terms_accepts_a_single_string_and_generators():
    assert clean_terms("Pekerja Migran") == ["Pekerja Migran"]
    assert clean_terms(t for t in ("a", "A")) == ["a"]


# --- clean_title ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Ratusan PMI Dipulangkan dari Malaysia - ANTARA News", "Ratusan PMI Dipulangkan dari Malaysia"),
        ("BP2MI Gagalkan Pengiriman PMI Ilegal | Apakabar Online", "BP2MI Gagalkan Pengiriman PMI Ilegal"),
        ("Remitansi PMI Capai Rp 250 Triliun - Kompas.com", "Remitansi PMI Capai Rp 250 Triliun"),
        ("Kisah PMI di Taiwan | Republika Online", "Kisah PMI di Taiwan"),
        ("Menteri P2MI Kunjungi Hong Kong — Tempo.co", "Menteri P2MI Kunjungi Hong Kong"),
        ("PMI Asal NTT Meninggal di Malaysia – detikNews", "PMI Asal NTT Meninggal di Malaysia"),
        ("Judul Berita - detikNews - detikcom", "Judul Berita"),
        ("KP2MI &amp; Polri Bongkar TPPO - CNN Indonesia", "KP2MI & Polri Bongkar TPPO"),
        ("Pekerja Migran - Antara Harapan dan Kenyataan", "Pekerja Migran - Antara Harapan dan Kenyataan"),
        ("Pekerja Migran - Kisah dari Hong Kong", "Pekerja Migran - Kisah dari Hong Kong"),
        ("Kompas.com", "Kompas.com"),
        ("  Judul\u00a0dengan   spasi  ", "Judul dengan spasi"),
        ("Pra-keberangkatan PMI-Kompas.com", "Pra-keberangkatan PMI-Kompas.com"),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_title(title, expected):
    assert clean_title(title) == expected


def test_clean_title_with_site_names():
    title = "Pekerja Migran - Antara Harapan dan Kenyataan"
    assert clean_title(title, site_names=["Antara Harapan dan Kenyataan"]) == "Pekerja Migran"
    assert clean_title("Suara Buruh Migran | Suara BMI", site_names=["suarabmi.com"]) == "Suara Buruh Migran"
    assert clean_title("Kabar Bumi | Kabar Bumi", site_names=["Kabar Bumi"]) == "Kabar Bumi"


# --- detect_language -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Pemerintah terus berupaya meningkatkan pelindungan bagi pekerja migran Indonesia yang bekerja "
            "di luar negeri, kata Menteri P2MI dalam keterangan tertulis di Jakarta.",
            "id",
        ),
        ("Pemerintah Perkuat Pelindungan Pekerja Migran di Malaysia dan Taiwan", "id"),
        (
            "Sebanyak 25 PMI ilegal dipulangkan dari Sabah. Mereka tidak memiliki dokumen yang sah dan "
            "sudah bekerja di perkebunan sawit selama tiga tahun.",
            "id",
        ),
        (
            "Indonesian migrant workers in Hong Kong said that the new rules are unfair and have cut "
            "their weekly rest days.",
            "en",
        ),
        ("Indonesia to protect migrant workers in Taiwan from abuse", "en"),
        ("PMI di Hong Kong ikut job fair online yang digelar oleh KJRI untuk pekerja migran", "id"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "Pekerja migran",
        "the workers",
        "BP2MI KP2MI PMI TKI TKW",
        "Pekerja migran Indonesia di Hong Kong mengatakan the new rules are unfair dan tidak adil",
        "12345 67890 !!! ??? ...",
    ],
)
def test_detect_language_none(text):
    assert detect_language(text) is None


# --- robustness ----------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_random_text_never_raises(text):
    authors, editor = split_authors(text, site_names=[text])
    assert isinstance(authors, list)
    assert editor is None or isinstance(editor, str)
    assert isinstance(clean_author_list([text, text], site_names=[text]), list)
    place = extract_dateline(text)
    assert place is None or place == place.strip() != ""
    assert isinstance(clean_terms([text]), list)
    assert isinstance(clean_title(text, site_names=[text]), str)
    assert detect_language(text) in {None, "id", "en"}
    assert normalize_whitespace(normalize_whitespace(text)) == normalize_whitespace(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Pewarta", ":", " ", "dan", "Editor", "|", "-", "(", ")", "Budi", "2025", "©", ",", "S.H."]
        )
    )
)
def test_byline_fragments_never_raise(parts):
    byline = "".join(parts)
    authors, _ = split_authors(byline)
    assert all(author and author == author.strip() for author in authors)
    assert clean_title(byline) or not normalize_whitespace(byline)


@pytest.mark.parametrize(
    "text",
    [
        "a" * 200_000,
        "A " * 100_000,
        "(" * 50_000,
        "Budi, " * 50_000,
        "Kompas.com - " * 20_000,
        "Pewarta: " * 20_000,
        " " * 100_000 + "-",
        "Jakarta" + ", x" * 50_000,
    ],
)
def test_pathological_input_is_fast(text):
    start = time.perf_counter()
    split_authors(text, site_names=[text])
    clean_author_list([text])
    extract_dateline(text)
    clean_terms([text])
    clean_title(text)
    detect_language(text)
    normalize_whitespace(text)
    assert time.perf_counter() - start < 2
