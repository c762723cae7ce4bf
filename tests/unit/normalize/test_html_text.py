"""Tests for pmi_aggregator.normalize.html_text: article HTML to clean paragraph text."""

import time

import pytest

from pmi_aggregator.normalize.html_text import clean_paragraphs, html_to_text, parse_html

# --- paragraphs and line breaks ----------------------------------------------------------------------


def test_paragraphs_are_separated_by_blank_lines():
    assert html_to_text("<p>Satu.</p><p>Dua.</p><p>Tiga.</p>") == "Satu.\n\nDua.\n\nTiga."


@pytest.mark.parametrize("tag", ["div", "h2", "blockquote", "li", "section"])
def test_block_elements_become_paragraphs(tag):
    assert html_to_text(f"<{tag}>Satu</{tag}><{tag}>Dua</{tag}>") == "Satu\n\nDua"


def test_list_items_are_paragraphs():
    assert html_to_text("<ul><li>Taiwan</li><li>Hong Kong</li></ul>") == "Taiwan\n\nHong Kong"


def test_inline_elements_do_not_split_words():
    assert html_to_text("<p>Pe<b>ker</b><i>ja</i> migran</p>") == "Pekerja migran"


def test_single_br_keeps_the_words_apart_within_a_paragraph():
    text = html_to_text("<p>Baris satu<br>baris dua</p>")
    assert "satu baris" in text
    assert "\n\n" not in text


def test_double_br_starts_a_new_paragraph():
    assert html_to_text("<p>Satu<br><br>Dua</p>") == "Satu\n\nDua"


def test_whitespace_inside_a_paragraph_is_collapsed():
    assert html_to_text("<p>  Pekerja \n\t migran\u00a0\u200b Indonesia  </p>") == "Pekerja migran Indonesia"


def test_empty_paragraphs_are_dropped():
    assert html_to_text("<p>Satu</p><p> </p><p>&nbsp;</p><p></p><p>Dua</p>") == "Satu\n\nDua"


def test_plain_text_passes_through():
    assert html_to_text("teks polos saja") == "teks polos saja"


# --- entities and nesting ----------------------------------------------------------------------------


def test_entities_are_decoded():
    assert (
        html_to_text("<p>Tom &amp; Jerry &lt;3 &#8217; &eacute; &quot;x&quot;</p>")
        == 'Tom & Jerry <3 ’ é "x"'
    )


def test_nested_inline_tags():
    assert (
        html_to_text("<p>Sangat <b>penting <i>sekali <u>ini</u></i></b> ya</p>")
        == "Sangat penting sekali ini ya"
    )


def test_nested_blocks_do_not_create_empty_paragraphs():
    assert html_to_text("<div><div><p>Satu</p></div><div><p>Dua</p></div></div>") == "Satu\n\nDua"


def test_tail_text_after_a_block_is_kept():
    assert html_to_text("<div><p>Satu</p>Ekor</div>") == "Satu\n\nEkor"


def test_html_comments_are_dropped_but_text_around_them_kept():
    assert html_to_text("<p>Awal <!-- iklan --> akhir</p>") == "Awal akhir"


def test_gutenberg_block_comments_are_invisible():
    html = "<!-- wp:paragraph --><p>Satu</p><!-- /wp:paragraph --><!-- wp:paragraph --><p>Dua</p>"
    assert html_to_text(html) == "Satu\n\nDua"


def test_utf8_bytes_are_decoded_as_utf8():
    assert html_to_text("<p>Jum’at, café</p>".encode()) == "Jum’at, café"


def test_bytes_with_declared_charset():
    html = '<html><head><meta charset="utf-8"></head><body><p>Jum’at</p></body></html>'
    assert html_to_text(html.encode()) == "Jum’at"


def test_xhtml_string_with_xml_declaration_is_read():
    html = '<?xml version="1.0" encoding="utf-8"?><html><body><p>Isi berita</p></body></html>'
    assert html_to_text(html) == "Isi berita"


# --- boilerplate -------------------------------------------------------------------------------------


def test_share_widget_is_removed():
    html = (
        "<div><p>Isi berita.</p>"
        '<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3>'
        '<ul><li><a href="#">Facebook</a></li><li><a href="#">WhatsApp</a></li></ul></div></div>'
    )
    assert html_to_text(html) == "Isi berita."


def test_related_posts_widget_is_removed():
    html = '<p>Isi.</p><div class="jp-relatedposts"><h3>Terkait</h3><p>Berita lain</p></div>'
    assert html_to_text(html) == "Isi."


@pytest.mark.parametrize(
    "line",
    [
        "Baca juga: Pekerja migran dipulangkan",
        "BACA JUGA: Pekerja migran dipulangkan",
        "<strong>Baca Juga:</strong> <a href='#'>Pekerja migran dipulangkan</a>",
        "Simak juga: video berikut",
        "Lihat juga berita lainnya",
        "Read also: migrant workers",
    ],
)
def test_see_also_paragraphs_are_removed(line):
    assert html_to_text(f"<p>Isi berita.</p><p>{line}</p><p>Lanjutan.</p>") == "Isi berita.\n\nLanjutan."


def test_baca_juga_class_is_removed():
    html = '<p>Isi.</p><div class="baca-juga"><a>Pekerja migran</a></div><p>Lanjut.</p>'
    assert html_to_text(html) == "Isi.\n\nLanjut."


def test_see_also_line_inside_a_paragraph_is_removed_but_the_rest_kept():
    html = "<p>Baca juga: Berita lain<br>Kalimat penting tetap ada.</p>"
    assert html_to_text(html) == "Kalimat penting tetap ada."


def test_text_mentioning_baca_juga_mid_sentence_is_kept():
    text = "Warga diminta membaca juga aturan baru, kata pejabat."
    assert html_to_text(f"<p>{text}</p>") == text


@pytest.mark.parametrize(
    "line", ["Advertisement", "ADVERTISEMENT", "Iklan", "Scroll to continue with content"]
)
def test_advertisement_labels_are_removed(line):
    assert html_to_text(f"<p>Isi.</p><p>{line}</p><p>Lanjut.</p>") == "Isi.\n\nLanjut."


def test_ad_containers_are_removed():
    html = '<p>Isi.</p><div class="advertisement"><p>Beli sekarang</p></div><ins class="adsbygoogle"></ins>'
    assert html_to_text(html) == "Isi."


@pytest.mark.parametrize("line", ["2 min read", "5 mins read", "3 menit baca", "1 minute read"])
def test_reading_time_is_removed(line):
    assert html_to_text(f"<p>{line}</p><p>Isi berita.</p>") == "Isi berita."


def test_reading_time_inside_a_sentence_is_kept():
    text = "Dibutuhkan 2 min read untuk ini, katanya."
    assert html_to_text(f"<p>{text}</p>") == text


def test_comment_form_is_removed():
    html = (
        "<article><p>Isi berita.</p></article>"
        '<div id="respond" class="comment-respond"><h3 id="reply-title">Leave a Reply</h3>'
        "<form><p>Your email address will not be published.</p><textarea>Komentar</textarea>"
        "<input type='submit' value='Post Comment'></form></div>"
    )
    assert html_to_text(html) == "Isi berita."


def test_leave_a_reply_heading_alone_is_removed():
    assert html_to_text("<p>Isi.</p><h3>Leave a Reply</h3><h3>Tinggalkan Balasan</h3>") == "Isi."


def test_scripts_and_styles_are_removed():
    html = "<p>Isi.</p><script>var iklan = 'beli';</script><style>p { color: red }</style><p>Lanjut.</p>"
    text = html_to_text(html)
    assert text == "Isi.\n\nLanjut."


def test_noscript_iframe_and_svg_are_removed():
    html = "<p>Isi.</p><noscript>Aktifkan JS</noscript><iframe>x</iframe><svg><text>ikon</text></svg>"
    assert html_to_text(html) == "Isi."


def test_captions_are_removed():
    html = '<figure><img src="x.jpg"><figcaption>Foto: Dok.</figcaption></figure><p>Isi.</p>'
    assert html_to_text(html) == "Isi."


def test_extra_selectors_are_removed():
    html = '<p>Isi.</p><div class="tanggal-hari-ini">Senin, 1 Januari</div>'
    assert html_to_text(html, remove=[".tanggal-hari-ini"]) == "Isi."


def test_clean_paragraphs_drops_boilerplate_lines():
    assert clean_paragraphs("Isi.\n\nAdvertisement\n\nBaca juga: x\n\nLanjut.") == "Isi.\n\nLanjut."


# --- broken and hostile input ------------------------------------------------------------------------


@pytest.mark.parametrize("html", ["", "   ", None, b"", "<!-- saja -->", "<p></p>", "<script>x</script>"])
def test_empty_input_gives_empty_text(html):
    assert html_to_text(html) == ""


def test_unclosed_tags_are_tolerated():
    assert html_to_text("<p>Satu <b>tebal<p>Dua") == "Satu tebal\n\nDua"


def test_misnested_tags_keep_all_text():
    text = html_to_text("<div><p>Satu</div>Dua</p><b>Tiga")
    assert "Satu" in text
    assert "Dua" in text
    assert "Tiga" in text


def test_stray_closing_tags_are_ignored():
    assert html_to_text("</div></p>Isi</span>") == "Isi"


def test_long_article_with_unclosed_inline_tags_keeps_every_paragraph():
    # A CMS that never closes <span> nests each paragraph one level deeper than the last.
    html = "".join(f"<p><span>Paragraf {i}." for i in range(300))
    text = html_to_text(html)
    assert text.count("Paragraf") == 300
    assert "Paragraf 299." in text


def test_long_article_with_unclosed_divs_keeps_every_paragraph():
    html = "".join(f"<div>Paragraf {i}." for i in range(300))
    assert html_to_text(html).count("Paragraf") == 300


@pytest.mark.timeout(60)
@pytest.mark.parametrize("tag", ["div", "b", "span"])
def test_hundred_thousand_nested_tags_do_not_crash_or_hang(tag):
    html = "<p>Awal.</p>" + f"<{tag}>" * 100_000 + "isi" + f"</{tag}>" * 100_000
    started = time.perf_counter()
    text = html_to_text(html)
    assert time.perf_counter() - started < 30
    assert text.startswith("Awal.")


@pytest.mark.timeout(60)
def test_hundred_thousand_sibling_paragraphs_are_fast():
    started = time.perf_counter()
    text = html_to_text("<p>a</p>" * 100_000)
    assert time.perf_counter() - started < 30
    assert text.count("a") == 100_000


def test_binary_garbage_does_not_crash():
    assert isinstance(html_to_text(bytes(range(256)) * 10), str)


@pytest.mark.parametrize(
    ("raw", "title", "text"),
    [
        # non-ASCII bytes before <meta charset>: libxml2 alone reads them as Latin-1 ("Anwarâ\x80\x99s")
        (
            "<html><head><title>Anwar’s visit</title><meta charset='utf-8'></head><body><p>café</p>".encode(),
            "Anwar’s visit",
            "café",
        ),
        # a BOM wins over the declaration
        (
            b"\xef\xbb\xbf<html><head><meta charset='iso-8859-1'><title>Sekolah \xc2\xb7 PMI</title></head><p>\xc3\xa9</p>",
            "Sekolah · PMI",
            "é",
        ),
        # a declared single-byte charset is honoured (ISO-8859-1 is read as windows-1252, as browsers do)
        (
            "<html><head><meta charset='iso-8859-1'><title>Kisah “PMI”</title></head><p>café</p>".encode(
                "cp1252"
            ),
            "Kisah “PMI”",
            "café",
        ),
        # bytes and declaration disagree: valid UTF-8 is UTF-8 whatever the label says ...
        (
            "<html><head><meta charset='iso-8859-1'><title>Anwar’s visit</title></head><p>café</p>".encode(),
            "Anwar’s visit",
            "café",
        ),
        # ... and bytes labelled UTF-8 that are not UTF-8 are windows-1252
        (
            "<html><head><meta charset='utf-8'><title>Kisah “PMI”</title></head><p>café</p>".encode("cp1252"),
            "Kisah “PMI”",
            "café",
        ),
        # no declaration at all: UTF-8, also after non-ASCII bytes early in the head
        ("<html><head><title>Jum’at · café</title></head><p>naïve</p>".encode(), "Jum’at · café", "naïve"),
    ],
)
def test_bytes_are_decoded_once_by_bom_then_declaration(raw: bytes, title: str, text: str):
    root = parse_html(raw)
    assert root is not None
    assert root.findtext(".//title") == title
    assert text in root.text_content()
