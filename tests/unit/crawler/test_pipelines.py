"""The per-article date policy and field accounting, the same for every source."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from pmi_aggregator.article import Article
from pmi_aggregator.crawler.pipelines import NormalizePipeline
from pmi_aggregator.extract.builder import PageContext, RawArticle, RawDate, build_article
from pmi_aggregator.sources.registry import load_sources


@pytest.fixture
def pipeline() -> NormalizePipeline:
    crawler = get_crawler(settings_dict={"PMI_FUTURE_TOLERANCE_HOURS": 24})
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.spider = SimpleNamespace(source=load_sources()["apakabaronline"])
    return NormalizePipeline(crawler)


def article(**fields) -> Article:
    return Article(
        url="https://apakabaronline.com/x/", source="apakabaronline", title="T", body="b" * 300, **fields
    )


def test_future_date_is_dropped_and_counted(pipeline: NormalizePipeline):
    future = datetime.now(timezone.utc) + timedelta(days=3)
    item = pipeline.process_item(
        article(published_at=future, published_at_source="byline", date_precision="day")
    )
    assert item.published_at is None and item.published_at_source is None and item.date_precision is None
    assert pipeline.stats.get_value("pmi/errors/date_rejected") == 1
    assert pipeline.stats.get_value("pmi/missing_date") == 1


def test_date_within_tolerance_is_kept(pipeline: NormalizePipeline):
    soon = datetime.now(timezone.utc) + timedelta(hours=2)
    assert pipeline.process_item(article(published_at=soon, published_at_source="meta")).published_at == soon


def test_pre_1990_date_is_dropped(pipeline: NormalizePipeline):
    item = pipeline.process_item(article(published_at=datetime(1989, 12, 31, tzinfo=timezone.utc)))
    assert item.published_at is None
    assert pipeline.stats.get_value("pmi/errors/date_rejected") == 1


def test_undated_article_is_never_stamped_with_the_crawl_time(pipeline: NormalizePipeline):
    item = pipeline.process_item(article(crawled_at=datetime.now(timezone.utc)))
    assert item.published_at is None
    assert pipeline.stats.get_value("pmi/fill/date") == 0


def test_utc_stamps_are_shown_in_the_source_zone(pipeline: NormalizePipeline):
    utc = datetime(2025, 12, 9, 7, 30, tzinfo=timezone.utc)
    item = pipeline.process_item(article(published_at=utc, published_at_source="api", modified_at=utc))
    assert item.published_at == utc and item.published_at.utcoffset() == timedelta(hours=7)
    assert item.modified_at.utcoffset() == timedelta(hours=7)


def test_byline_offsets_are_kept(pipeline: NormalizePipeline):
    wita = datetime(2025, 12, 9, 14, 30, tzinfo=timezone(timedelta(hours=8)))
    item = pipeline.process_item(article(published_at=wita, published_at_source="byline"))
    assert item.published_at.utcoffset() == timedelta(hours=8)


def test_fill_rates_are_counted(pipeline: NormalizePipeline):
    pipeline.process_item(article(authors=["Rina"], published_at=datetime(2025, 1, 1, tzinfo=timezone.utc)))
    pipeline.process_item(Article(url="https://a.b/y", source="apakabaronline", title="T", body="short"))
    stats = pipeline.stats
    assert stats.get_value("pmi/items") == 2
    assert (
        stats.get_value("pmi/fill/date"),
        stats.get_value("pmi/fill/author"),
        stats.get_value("pmi/fill/body"),
    ) == (1, 1, 1)


def test_non_articles_are_dropped(pipeline: NormalizePipeline):
    with pytest.raises(DropItem):
        pipeline.process_item({"url": "https://a.b/"})


def test_the_tolerance_setting_is_the_bound():
    crawler = get_crawler(settings_dict={"PMI_FUTURE_TOLERANCE_HOURS": 1})
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.spider = SimpleNamespace(source=load_sources()["apakabaronline"])
    strict = NormalizePipeline(crawler)
    soon = datetime.now(timezone.utc) + timedelta(hours=2)
    assert strict.process_item(article(published_at=soon, published_at_source="meta")).published_at is None
    assert strict.stats.get_value("pmi/errors/date_rejected") == 1


def test_a_date_the_builder_dropped_is_not_counted_twice(pipeline: NormalizePipeline):
    raw = RawArticle(
        url="https://apakabaronline.com/x/",
        title="T",
        published=RawDate(datetime(1970, 1, 1, tzinfo=timezone.utc), "meta", "second"),
    )
    built = build_article(raw, PageContext(source="apakabaronline"))
    assert built.rejected_date is not None
    pipeline.process_item(built.article)
    assert pipeline.stats.get_value("pmi/errors/date_rejected") is None
    assert pipeline.stats.get_value("pmi/missing_date") == 1
