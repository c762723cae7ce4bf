"""extract.furniture: header lines before an article and credits after it go; the article stays."""

from __future__ import annotations

from pmi_aggregator.extract.furniture import trim_furniture
from pmi_aggregator.extract.page import extract_article

TITLE = "Ratusan PMI dipulangkan dari Sabah"
LEDE = (
    "Jakarta - Sebanyak 120 pekerja migran Indonesia dipulangkan dari Sabah pada Jumat pagi setelah "
    "menjalani masa tahanan di depot imigrasi Menggatal."
)
MIDDLE = (
    "Editor senior BP2MI, kata juru bicara, menyebut pemulangan pada 19 Juni 2015 sebagai yang terbesar. "
    "Para pekerja tiba di Pelabuhan Nunukan dan didata petugas."
)
LAST = "Pemerintah daerah menyiapkan bus untuk mengantar mereka ke kampung halaman masing-masing."


def body(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def test_header_material_before_the_article_goes():
    text = body("Home > Berita > Nasional", "NASIONAL", TITLE, "Jumat, 19 Juni 2015 12:58 WIB", LEDE, LAST)
    assert trim_furniture(text, TITLE) == body(LEDE, LAST)


def test_credits_and_copyright_after_the_article_go():
    text = body(LEDE, LAST, "Editor: Dedi Sutrisno", "Filed under: Migran |", "COPYRIGHT © ANTARA 2026")
    assert trim_furniture(text, TITLE) == body(LEDE, LAST)


def test_the_articles_own_sentences_stay_wherever_they_mention_dates_or_editors():
    text = body(LEDE, MIDDLE, LAST)
    assert trim_furniture(text, TITLE) == text


def test_trimming_stops_at_the_first_article_paragraph():
    """A short line between article paragraphs is the article's (a subheading, a quote)."""
    text = body(LEDE, "Sumber: BP2MI", LAST)
    assert trim_furniture(text, TITLE) == text


def test_a_text_of_furniture_only_keeps_one_paragraph():
    assert trim_furniture("NASIONAL", TITLE) == "NASIONAL"


def test_on_a_whole_page():
    paragraphs = "".join(f"<p>{p}</p>" for p in (LEDE, MIDDLE, LAST))
    html = (
        f"<html><head><title>{TITLE} - Contoh</title></head><body><article>"
        f"<div class='meta'>Home &gt; Berita &gt; Nasional</div><h1>{TITLE}</h1>"
        f"<p>Jumat, 19 Juni 2015 12:58 WIB</p>{paragraphs}<p>Editor: Dedi Sutrisno</p>"
        "<p>Copyright @ 2026 Media Group. All rights reserved.</p></article></body></html>"
    )
    text = extract_article(html, "https://contoh.example/berita/1").body
    assert text.startswith("Jakarta - Sebanyak 120")
    assert text.endswith("kampung halaman masing-masing.")
