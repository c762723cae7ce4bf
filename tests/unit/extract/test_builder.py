"""Unit tests for pmi_aggregator.extract.builder: each cleaning step, and the date policy at its bounds."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import pytest

from pmi_aggregator.article import EARLIEST_PUBLICATION
from pmi_aggregator.extract.builder import (
    DEFAULT_FUTURE_TOLERANCE,
    PageContext,
    RawArticle,
    RawDate,
    apply_date_policy,
    build_article,
)
from pmi_aggregator.extract.page import extract_article, extract_page

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)
WIB = timezone(timedelta(hours=7))
CONTEXT = PageContext(source="apakabaronline", tz="Asia/Jakarta", site_names=("Apakabar Online",), now=NOW)
INDONESIAN = (
    "JAKARTA - Polisi mengungkap jaringan perekrutan calon pekerja migran ilegal yang memberangkatkan "
    "warga desa ke Malaysia tanpa dokumen resmi."
)
ENGLISH = "The police uncovered a network recruiting migrant workers illegally to Malaysia without documents."


def build(context: PageContext = CONTEXT, **fields):
    return build_article(RawArticle(url="https://apakabaronline.com/x/", **fields), context)


def dated(value: datetime, origin: str = "byline", **context_fields):
    context = PageContext(**{"now": NOW, "tz": "Asia/Jakarta", **context_fields})
    return build(context, title="T", published=RawDate(value, origin, "second"))


# --- cleaning --------------------------------------------------------------------------------------


def test_title_is_cleaned_of_outlet_names_and_entities():
    assert (
        build(title="Sindikat &amp; PMI  dibongkar - Apakabar Online").article.title
        == "Sindikat & PMI dibongkar"
    )


def test_authors_are_cleaned_deduplicated_and_outlets_dropped():
    authors = ["Rina Wulandari", "Apakabar Online", "rina wulandari"]
    assert build(title="T", authors=authors).article.authors == ["Rina Wulandari"]


def test_categories_and_tags_are_cleaned():
    article = build(title="T", categories=["Berita", "berita", " "], tags=["Pekerja  Migran"]).article
    assert (article.categories, article.tags) == (["Berita"], ["Pekerja Migran"])


def test_language_is_detected_from_title_and_body():
    assert build(title="Police raid", body=ENGLISH).article.language == "en"


def test_language_is_detected_from_the_summary_without_a_body():
    assert build(title="Sindikat", summary=INDONESIAN).article.language == "id"


def test_declared_source_language_wins_over_detection():
    context = PageContext(language="id", now=NOW)
    assert build(context, title="Police raid", body=ENGLISH).article.language == "id"


def test_page_language_is_the_fallback_when_detection_finds_none():
    assert build(title="x", language="ms").article.language == "ms"
    assert build(title="Police raid", body=ENGLISH, language="ms").article.language == "en"


def test_dateline_comes_from_the_body_else_the_summary():
    assert build(title="T", body=INDONESIAN).article.location == "Jakarta"
    assert build(title="T", summary=INDONESIAN).article.location == "Jakarta"
    assert build(title="T", body="Tanpa dateline di sini.", summary=INDONESIAN).article.location is None


def test_source_crawl_time_and_image_are_set():
    article = build(title="T", image_url="").article
    assert article.source == "apakabaronline" and article.image_url is None
    assert article.crawled_at is not None and article.published_at is None


def test_unusable_url_raises_value_error():
    with pytest.raises(ValueError):
        build_article(RawArticle(url="not a url", title="T"), CONTEXT)


# --- the date policy -------------------------------------------------------------------------------


def test_earliest_publication_is_kept_and_a_second_before_is_rejected():
    assert dated(EARLIEST_PUBLICATION).article.published_at == EARLIEST_PUBLICATION
    early = EARLIEST_PUBLICATION - timedelta(seconds=1)
    built = dated(early)
    assert built.rejected_date == early
    article = built.article
    assert (article.published_at, article.published_at_source, article.date_precision) == (None, None, None)


def test_future_tolerance_is_the_bound():
    edge = NOW + DEFAULT_FUTURE_TOLERANCE
    assert dated(edge).rejected_date is None
    assert dated(edge + timedelta(seconds=1)).rejected_date == edge + timedelta(seconds=1)
    assert dated(NOW + timedelta(hours=2), future_tolerance=timedelta(hours=1)).article.published_at is None


def test_naive_now_is_wall_time_in_the_source_zone():
    naive_now = datetime(2025, 6, 1, 12, 0)  # 05:00 UTC in Jakarta
    policy_now = datetime(2025, 6, 2, 5, 0, tzinfo=timezone.utc)
    assert dated(policy_now, now=naive_now).rejected_date is None
    assert dated(policy_now + timedelta(seconds=1), now=naive_now).rejected_date is not None


@pytest.mark.parametrize("origin", ["api", "feed"])
def test_api_and_feed_stamps_are_shown_in_the_source_zone(origin):
    utc = datetime(2025, 5, 9, 7, 30, tzinfo=timezone.utc)
    article = build(title="T", published=RawDate(utc, origin, "second"), modified_at=utc).article
    assert article.published_at == utc and article.published_at.utcoffset() == timedelta(hours=7)
    assert article.modified_at.utcoffset() == timedelta(hours=7)


def test_byline_offsets_are_kept():
    wita = datetime(2025, 5, 9, 14, 30, tzinfo=timezone(timedelta(hours=8)))
    assert dated(wita).article.published_at.utcoffset() == timedelta(hours=8)


def test_policy_is_idempotent():
    built = dated(NOW + timedelta(days=3))
    assert built.rejected_date is not None
    assert apply_date_policy(built.article, "Asia/Jakarta", now=NOW) is None
    kept = dated(datetime(2025, 5, 9, 7, 30, tzinfo=timezone.utc), origin="api").article
    before = kept.published_at
    assert apply_date_policy(kept, WIB, now=NOW) is None
    assert kept.published_at == before


def test_without_a_zone_stamps_stay_utc():
    article = build(title="T", published=RawDate(NOW, "api", "second")).article
    article.published_at = NOW
    assert apply_date_policy(article, None, now=NOW) is None
    assert article.published_at.utcoffset() == timedelta(0)


# --- pages use the same builder ----------------------------------------------------------------------


def future_page() -> str:
    return (
        '<html><head><meta property="article:published_time" content="2099-01-01T10:00:00+07:00">'
        "<title>Sindikat PMI dibongkar - Apakabar Online</title></head><body><article>"
        f"<h1>Sindikat PMI dibongkar</h1><div itemprop='articleBody'><p>{INDONESIAN * 3}</p></div>"
        "</article></body></html>"
    )


def test_extract_page_reports_the_rejected_date():
    built = extract_page(future_page(), "https://apakabaronline.com/x/", context=CONTEXT)
    assert built.rejected_date == datetime(2099, 1, 1, 3, 0, tzinfo=timezone.utc)
    assert built.article.published_at is None
    assert built.article.title == "Sindikat PMI dibongkar" and built.article.location == "Jakarta"


def test_extract_article_logs_the_rejected_date(caplog):
    with caplog.at_level(logging.WARNING, logger="pmi_aggregator.extract.page"):
        article = extract_article(future_page(), "https://apakabaronline.com/x/", context=CONTEXT)
    assert article.published_at is None
    assert "implausible publication date 2099-01-01" in caplog.text
