"""Every exception on an article's way to the index costs that article only: counted, held for the
next run, and (for index writes) failing the source with a hint."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from scrapy.exceptions import DropItem
from scrapy.http import TextResponse
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from pmi_aggregator.article import Article
from pmi_aggregator.crawler import pipelines
from pmi_aggregator.crawler.loader import spider_class
from pmi_aggregator.crawler.pipelines import AnnotatePipeline, IndexPipeline
from pmi_aggregator.crawler.report import source_report
from pmi_aggregator.crawler.spiders.articles import RETRY_PRIORITY
from pmi_aggregator.crawler.state import MAX_ATTEMPTS, CrawlState
from pmi_aggregator.sources.registry import load_sources
from tests.support.pipelines import write_through

KEY = "apakabaronline"
WHEN = datetime(2025, 5, 9, 7, 30, tzinfo=timezone.utc)


@pytest.fixture
def spider(tmp_path):
    cls = spider_class(load_sources()[KEY])
    crawler = get_crawler(
        cls, settings_dict={"PMI_FUTURE_TOLERANCE_HOURS": 24, "PMI_INDEX": str(tmp_path / "pmi.db")}
    )
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.pmi_state = CrawlState(tmp_path / "pmi.db.state")
    made = cls.from_crawler(crawler)
    crawler.spider = made
    yield made
    crawler.pmi_state.close()


def article(n: int) -> Article:
    return Article(
        url=f"https://apakabaronline.com/berita/{n}/",
        source=KEY,
        title=f"Pekerja migran {n}",
        body="Pekerja migran Indonesia di Hong Kong. " * 20,
        modified_at=WHEN,
    )


def post(n: int, **fields) -> dict:
    return {
        "id": n,
        "link": f"https://apakabaronline.com/berita/{n}/",
        "date_gmt": "2025-05-09T07:30:00",
        "modified_gmt": "2025-05-09T07:30:00",
        "title": {"rendered": f"Kabar pekerja migran {n}"},
        "content": {"rendered": "<p>Pekerja migran Indonesia di Hong Kong berkumpul.</p>" * 5},
        **fields,
    }


def rest_page(posts: list) -> TextResponse:
    url = "https://apakabaronline.com/wp-json/wp/v2/posts?page=1"
    return TextResponse(url, body=json.dumps(posts).encode(), headers={"X-WP-TotalPages": "1"})


@pytest.mark.parametrize(
    "fields",
    [
        {"date_gmt": 1733729400},
        {"date_gmt": True},
        {"date_gmt": ["2025-05-09T07:30:00"]},
        {"_embedded": {"wp:term": 5, "wp:featuredmedia": 7, "author": 3}},
        {"_embedded": {"wp:term": [5, [None, {"taxonomy": "category", "name": 9}]], "wp:featuredmedia": [7]}},
    ],
)
def test_a_post_with_wrongly_typed_fields_costs_no_other_post(spider, fields):
    out = list(spider.parse_rest(rest_page([post(1, **fields), post(2), post(3)]), page=1))
    assert [a.url for a in out if isinstance(a, Article)] == [
        f"https://apakabaronline.com/berita/{n}/" for n in (1, 2, 3)
    ]


def test_a_post_that_breaks_the_reader_is_counted_and_held(spider, monkeypatch):
    real = type(spider)._rest_article

    def breaks_on_two(self, data, listing_url):
        if data["id"] == 2:
            raise RecursionError("maximum recursion depth exceeded")
        return real(self, data, listing_url)

    monkeypatch.setattr(type(spider), "_rest_article", breaks_on_two)
    out = list(spider.parse_rest(rest_page([post(1), post(2), post(3)]), page=1))
    assert len([a for a in out if isinstance(a, Article)]) == 2  # the rest of the page goes on
    assert spider.crawler.stats.get_value("pmi/errors/rest_post_invalid") == 1
    assert spider.state.retries(KEY) == ["https://apakabaronline.com/berita/2/"]
    assert spider.watermark.oldest_unstored == WHEN


def test_an_exception_in_a_pipeline_is_one_counted_drop(spider, monkeypatch):
    def broken(item):
        raise ValueError("annotation blew up")

    monkeypatch.setattr(pipelines, "annotate_article", broken)
    with pytest.raises(DropItem):
        AnnotatePipeline(spider.crawler).process_item(article(1))
    assert spider.crawler.stats.get_value("pmi/errors/item_error") == 1
    assert spider.state.retries(KEY) == ["https://apakabaronline.com/berita/1/"]


def test_a_refused_write_fails_the_source_and_holds_the_batch(spider):
    pipeline = IndexPipeline(spider.crawler)
    pipeline.open_spider()
    pipeline.index._db.execute("PRAGMA query_only=1")  # a read-only index
    write_through(pipeline, [article(n) for n in range(3)])
    stats = spider.crawler.stats.get_stats()
    assert stats["pmi/failed"] == 3 and stats["pmi/errors/index_read_only"] == 3
    report = source_report(KEY, {**stats, "pmi/discovery": "rest"}, "finished")
    assert report["status"] == "failed" and report["error"].startswith("index is read-only: ")
    assert report["failed"] == 3
    assert len(spider.state.retries(KEY)) == 3
    assert spider.watermark.cursor(None) is None  # nothing stored: no cursor


def test_stored_articles_leave_the_retries_and_move_the_watermark(spider):
    spider.state.hold_for_retry(KEY, article(1).id, article(1).url, "disk_full")
    pipeline = IndexPipeline(spider.crawler)
    pipeline.open_spider()
    write_through(pipeline, [article(1)])
    assert spider.state.retries(KEY) == []
    assert spider.watermark.newest_stored == WHEN


def spider_of(key: str, tmp_path):
    cls = spider_class(load_sources()[key])
    crawler = get_crawler(cls, settings_dict={"PMI_INDEX": str(tmp_path / "pmi.db")})
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.pmi_state = CrawlState(tmp_path / "pmi.db.state")
    return cls.from_crawler(crawler)


def test_held_articles_are_fetched_first_unless_the_source_forbids_its_pages(tmp_path):
    wordpress, antara = spider_of(KEY, tmp_path), spider_of("antara", tmp_path)
    for made in (wordpress, antara):
        made.state.hold_for_retry(made.source.key, "x", made.source.base_url + "/berita/1/", "http_503")
    [request] = list(wordpress.retry_requests())
    assert request.url == "https://apakabaronline.com/berita/1/" and request.priority == RETRY_PRIORITY
    assert request.callback == wordpress.parse_article
    assert list(antara.retry_requests()) == []  # full_text = false: its feed lists them again
    for made in (wordpress, antara):
        made.state.close()


def test_an_article_given_up_no_longer_holds_the_cursor(spider):
    url = article(1).url
    spider.state._db.execute(
        "INSERT INTO retries VALUES (?, ?, ?, 'http_404', ?, '2000-01-01T00:00:00Z')",
        (KEY, article(1).id, url, MAX_ATTEMPTS),
    )
    spider.hold(url, "http_404", WHEN)
    assert spider.crawler.stats.get_value("pmi/given_up") == 1
    assert spider.watermark.oldest_unstored is None
    spider.hold(article(2).url, "http_404", WHEN)  # a first failure holds it
    assert spider.watermark.oldest_unstored == WHEN
