"""Unit tests for pmi_aggregator.extract.page: each metadata layer and each date trap, on small inline pages."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from pmi_aggregator.extract.page import (
    ExtractionError,
    PageContext,
    PageRules,
    extract_article,
)

WIB = timezone(timedelta(hours=7))
TEXT = (
    "Kepolisian Daerah Nusa Tenggara Timur mengungkap jaringan perekrutan calon pekerja migran ilegal "
    "yang memberangkatkan warga desa ke Malaysia tanpa dokumen resmi. Para korban dijanjikan gaji besar "
    "dan keberangkatan cepat, tetapi tiba di negara tujuan tanpa kontrak kerja yang sah."
)
MORE = "Polisi menahan tiga tersangka dan memeriksa dua perusahaan penempatan yang diduga terlibat."


def page(head: str = "", top: str = "", *, jsonld: dict | None = None) -> str:
    script = f'<script type="application/ld+json">{json.dumps(jsonld)}</script>' if jsonld else ""
    return (
        f"<html><head><title>Sindikat PMI ilegal dibongkar - Kompas.com</title>{head}{script}</head>"
        f"<body><nav><a href='/'>Beranda</a></nav>{top}<article><h1>Sindikat PMI ilegal dibongkar</h1>"
        f"<div itemprop='articleBody'><p>{TEXT}</p><p>{MORE}</p></div></article></body></html>"
    )


def meta(prop: str, content: str) -> str:
    return f'<meta property="{prop}" content="{content}">'


def extract(html: str, **kwargs) -> object:
    return extract_article(html, "https://example.org/berita/1", **kwargs)


# -- the date layers, in order ------------------------------------------------------------------------
def test_jsonld_date_comes_first():
    html = page(
        meta("article:published_time", "2025-01-02T08:00:00+07:00"),
        jsonld={"@type": "NewsArticle", "datePublished": "2025-01-01T08:00:00+07:00"},
    )
    article = extract(html)
    assert article.published_at == datetime(2025, 1, 1, 8, tzinfo=WIB)
    assert article.published_at_source == "jsonld"


def test_meta_then_time_then_byline():
    assert extract(page(meta("article:published_time", "2025-01-02T08:00:00+07:00"))).published_at_source == (
        "meta"
    )
    timed = extract(page(top='<time datetime="2025-01-03T09:00:00+07:00">3 Jan</time>'))
    assert timed.published_at == datetime(2025, 1, 3, 9, tzinfo=WIB)
    byline = extract(page(top='<div class="read__time">Kompas.com - 04/11/2015, 21:04 WIB</div>'))
    assert byline.published_at == datetime(2015, 11, 4, 21, 4, tzinfo=WIB)
    assert byline.published_at_source == "byline"


def test_a_dated_byline_beats_a_days_only_header_date():
    top = '<span class="kcm-date">Selasa, 23 Februari 2016</span><div class="kcm-date">Selasa, 23 Februari 2016 | 16:52 WIB</div>'
    assert extract(page(top=top)).published_at == datetime(2016, 2, 23, 16, 52, tzinfo=WIB)


# -- the traps ------------------------------------------------------------------------------------------
def test_z_that_shows_the_wib_byline_clock_is_wib():
    html = page(
        '<meta name="pubdate" content="2015-11-05 T10:08:58Z">',
        top='<div class="detail__date">Kamis, 05 Nov 2015 10:08 WIB</div>',
    )
    assert extract(html).published_at == datetime(2015, 11, 5, 10, 8, 58, tzinfo=WIB)


def test_z_is_wib_when_another_z_date_of_the_page_shows_the_byline_clock():
    """detik: the byline shows dateCreated; the same CMS writes pubdate with the same wrong Z."""
    head = (
        '<meta name="pubdate" content="2016-02-23 T16:00:20Z">'
        '<meta itemprop="dateCreated" content="2016-02-23 T15:32:01Z">'
    )
    html = page(head, top='<div class="detail__date">Selasa, 23/02/2016 15:32 WIB</div>')
    assert extract(html).published_at == datetime(2016, 2, 23, 16, 0, 20, tzinfo=WIB)


def test_real_utc_is_kept():
    html = page(
        jsonld={"@type": "NewsArticle", "datePublished": "2016-02-16T02:10:56Z"},
        top='<p class="read-page--header__datetime">16 Feb 2016 at 09:10 WIB</p>',
    )
    assert extract(html).published_at == datetime(2016, 2, 16, 2, 10, 56, tzinfo=timezone.utc)


def test_z_without_a_byline_is_taken_as_written():
    html = page('<meta name="pubdate" content="2015-11-05T10:08:58Z">')
    assert extract(html).published_at == datetime(2015, 11, 5, 10, 8, 58, tzinfo=timezone.utc)


def test_offset_without_colon():
    html = page(meta("article:published_time", "2016-02-16T13:01:52+0700"))
    assert extract(html).published_at == datetime(2016, 2, 16, 13, 1, 52, tzinfo=WIB)


@pytest.mark.parametrize(("tz", "hours"), [("Asia/Jakarta", 7), ("Asia/Makassar", 8)])
def test_jsonld_date_without_zone_is_in_the_source_zone(tz: str, hours: int):
    html = page(jsonld={"@type": "NewsArticle", "datePublished": "2017-02-17 13:30:08"})
    article = extract(html, context=PageContext(tz=tz))
    assert article.published_at == datetime(2017, 2, 17, 13, 30, 8, tzinfo=timezone(timedelta(hours=hours)))


# -- title, authors, body -------------------------------------------------------------------------------
def test_visible_headline_without_outlet_decoration():
    html = page(meta("og:title", "KapanLagi.com: Sindikat PMI ilegal dibongkar"))
    assert extract(html).title == "Sindikat PMI ilegal dibongkar"


def test_rubric_shown_before_the_headline_is_kept():
    html = page(meta("og:title", "Sindikat PMI ilegal dibongkar | Republika Online")).replace(
        "<article><h1>Sindikat PMI ilegal dibongkar</h1>",
        "<article><div class='jdl-pic'>In Picture: Sindikat PMI ilegal dibongkar</div>",
    )
    assert extract(html).title == "In Picture: Sindikat PMI ilegal dibongkar"


def test_section_heading_is_not_the_title():
    html = page().replace("<h1>Sindikat PMI ilegal dibongkar</h1>", "<h1>Regional</h1>")
    assert extract(html).title == "Sindikat PMI ilegal dibongkar"


def test_author_layers():
    from_ld = page(jsonld={"@type": "NewsArticle", "author": {"@type": "Person", "name": "Afif Farhan"}})
    assert extract(from_ld).authors == ["Afif Farhan"]
    url_then_byline = page(
        meta("article:author", "https://www.facebook.com/detikdotcom"),
        top='<div class="content_detail"><div class="author">Fino Yurio Kristo - detikinet</div></div>',
    )
    assert extract(url_then_byline).authors == ["Fino Yurio Kristo"]


def test_body_from_the_marked_container_and_rules_override_it():
    html = page(top="<div class='sidebar'><ul><li>Kamis, 05/11/2015 10:08 WIB</li></ul></div>")
    assert extract(html).body == f"{TEXT}\n\n{MORE}"
    assert extract(html, rules=PageRules(body="article p")).body == TEXT


def test_photo_page_text_is_its_captions():
    html = (
        "<html><head><title>Galeri</title></head><body><article><h1>Galeri</h1>"
        "<figure><img src='a.jpg'><figcaption>Pekerja migran tiba di bandara.</figcaption></figure>"
        "<figure><img src='b.jpg'><figcaption>Petugas memeriksa dokumen.</figcaption></figure>"
        "</article></body></html>"
    )
    assert extract(html).body == "Pekerja migran tiba di bandara.\n\nPetugas memeriksa dokumen."


def test_no_article_raises():
    with pytest.raises(ExtractionError):
        extract("<html><body><nav>menu</nav></body></html>")


# -- dates no selector knows: htmldate's day ----------------------------------------------------------
TEMPO_ENGLISH = (
    "<html><head><title>Migrant workers return home - en.tempo.co</title></head><body>"
    "<div class='top'>Thursday, 10 December 2026</div><article><h1>Migrant workers return home</h1>"
    "<div class='tanggal'>Wednesday, 04 November, 2015 | 07:28 WIB</div>"
    f"<div itemprop='articleBody'><p>{TEXT}</p><p>{MORE}</p></div></article></body></html>"
)
NOW = datetime(2026, 12, 10, 12, tzinfo=WIB)


def test_a_byline_outside_the_selector_list_gives_the_date():
    article = extract_article(TEMPO_ENGLISH, "https://en.tempo.co/read/1", context=PageContext(now=NOW))
    assert article.published_at == datetime(2015, 11, 4, 7, 28, tzinfo=WIB)
    assert (article.published_at_source, article.date_precision) == ("htmldate", "minute")


def test_a_day_in_the_url_is_evidence_enough():
    html = TEMPO_ENGLISH.replace("Wednesday, 04 November, 2015 | 07:28 WIB", "")
    url = "https://en.tempo.co/read/news/2015/11/04/055715872/migrant-workers-return-home"
    article = extract_article(html, url, context=PageContext(now=NOW))
    assert article.published_at == datetime(2015, 11, 4, tzinfo=WIB)
    assert (article.published_at_source, article.date_precision) == ("htmldate", "day")


@pytest.mark.parametrize(
    "other_dates",
    [
        # the dates of other posts, in a theme's "latest posts" block and in a sidebar
        "<section class='above-footer-widget-section'><div class='read-single'><a href='/b/'>Kisah lain</a>"
        "<span class='posts-date'>December 10, 2025</span></div></section>",
        "<aside><ul><li><a href='/c/'>Berita lain</a> <span class='date'>14 November 2025</span></li></ul></aside>",
        # an image's upload folder
        "<img src='/wp-content/uploads/2024/01/banner-iklan.jpg' alt='Pasang iklan'>",
    ],
)
def test_other_posts_dates_and_guesses_do_not_date_an_article(other_dates: str):
    html = TEMPO_ENGLISH.replace("Wednesday, 04 November, 2015 | 07:28 WIB", "").replace(
        "</article>", f"</article>{other_dates}"
    )
    article = extract_article(html, "https://contoh.example/kisah-pmi/", context=PageContext(now=NOW))
    assert article.published_at is None


def test_the_reading_day_is_never_the_publication_day():
    html = TEMPO_ENGLISH.replace("Wednesday, 04 November, 2015 | 07:28 WIB", "")
    article = extract_article(html, "https://en.tempo.co/read/1", context=PageContext(now=NOW))
    assert article.published_at is None


def test_structured_dates_come_before_htmldate():
    html = TEMPO_ENGLISH.replace(
        "</head>", meta("article:published_time", "2015-11-03T20:00:00+07:00") + "</head>"
    )
    article = extract_article(html, "https://en.tempo.co/read/1", context=PageContext(now=NOW))
    assert article.published_at == datetime(2015, 11, 3, 20, tzinfo=WIB)
    assert article.published_at_source == "meta"


def test_a_page_laid_out_in_a_table_keeps_its_text():
    """trafilatura's precision mode finds nothing in a table layout unless it reads tables."""
    paragraphs = "".join(f"<p>{TEXT} ({i})</p><p>{MORE} ({i})</p>" for i in range(3))
    html = (
        "<html><head><title>Sindikat PMI ilegal dibongkar</title></head><body><table><tr>"
        "<td class='nav'><a href='/'>Beranda</a></td>"
        f"<td><h1>Sindikat PMI ilegal dibongkar</h1>{paragraphs}</td></tr></table></body></html>"
    )
    article = extract(html)
    assert article.body.startswith(TEXT)
    assert "(2)" in article.body
    assert "Beranda" not in article.body


# -- authors: the page's own credit line over metadata that names the editor ---------------------------
EDITOR_AS_AUTHOR = {"@type": "NewsArticle", "author": {"@type": "Person", "name": "Dedi Sutrisno"}}


@pytest.mark.parametrize(
    "credits",
    [
        "<div class='info'><span>Penulis: Rina Amelia</span> <span>Editor : Dedi Sutrisno</span></div>",
        "<div class='info'>Rina Amelia | Editor : Dedi Sutrisno</div>",
    ],
)
def test_jsonld_author_shown_as_the_editor_gives_way_to_the_writer(credits: str):
    html = page(jsonld=EDITOR_AS_AUTHOR).replace("<article>", f"<article>{credits}")
    assert extract(html).authors == ["Rina Amelia"]


def test_jsonld_author_stays_when_the_page_shows_another_editor():
    html = page(jsonld=EDITOR_AS_AUTHOR).replace("<article>", "<article><p>Editor : Ahmad Yani</p>")
    assert extract(html).authors == ["Dedi Sutrisno"]
