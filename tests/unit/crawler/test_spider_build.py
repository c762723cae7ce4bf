"""The spiders hand what they read to the one article builder, and count the dates it drops."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import feedparser
import pytest
from parsel import Selector
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from pmi_aggregator.crawler.loader import spider_class
from pmi_aggregator.sources.registry import load_sources

LISTING = "https://apakabaronline.com/"


def spider(key: str):
    """A built-in source's spider, as the crawl creates it (settings, stats)."""
    cls = spider_class(load_sources()[key])
    crawler = get_crawler(cls, settings_dict={"PMI_FUTURE_TOLERANCE_HOURS": 24})
    crawler.stats = MemoryStatsCollector(crawler)
    return cls.from_crawler(crawler)


def rest_post(date_gmt: str) -> dict:
    return {
        "link": "https://apakabaronline.com/berita/1/",
        "date_gmt": date_gmt,
        "modified_gmt": date_gmt,
        "title": {"rendered": "Sindikat PMI &amp; calo dibongkar - Apakabar Online"},
        "content": {
            "rendered": "<p>HONG KONG - Para pekerja migran Indonesia berkumpul di Victoria Park.</p>"
        },
        "_embedded": {
            "author": [{"name": "Rina Wulandari"}, {"name": "Apakabar Online"}],
            "wp:term": [
                [{"taxonomy": "category", "name": "Berita"}, {"taxonomy": "post_tag", "name": "PMI"}]
            ],
        },
    }


def test_rest_posts_are_cleaned_by_the_builder():
    wp = spider("apakabaronline")
    article = wp._rest_article(rest_post("2025-05-09T07:30:00"), LISTING)
    assert article.title == "Sindikat PMI & calo dibongkar"
    assert article.authors == ["Rina Wulandari"]
    assert (article.categories, article.tags, article.location) == (["Berita"], ["PMI"], "Hong Kong")
    assert article.published_at.utcoffset() == timedelta(hours=7)  # the source's zone
    assert article.modified_at.utcoffset() == timedelta(hours=7)
    assert wp.crawler.stats.get_value("pmi/errors/date_rejected") is None


def test_a_date_the_builder_drops_is_counted_by_the_spider():
    wp = spider("apakabaronline")
    future = (datetime.now(timezone.utc) + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%S")
    article = wp._rest_article(rest_post(future), LISTING)
    assert article.published_at is None and article.published_at_source is None
    assert wp.crawler.stats.get_value("pmi/errors/date_rejected") == 1


def test_feed_entries_are_cleaned_by_the_builder():
    feed = feedparser.parse(
        b"<rss><channel><item><title>Sindikat PMI dibongkar - Apakabar Online</title>"
        b"<link>https://apakabaronline.com/berita/2/</link><author>Rina Wulandari</author>"
        b"<category>Berita</category><category>berita</category>"
        b"<pubDate>Fri, 09 May 2025 07:30:00 GMT</pubDate>"
        b"<description>JAKARTA - Polisi menangkap tiga perekrut ilegal.</description></item></channel></rss>"
    )
    article, needs_page = spider("apakabaronline").feed_article(feed.entries[0], LISTING)
    assert needs_page
    assert (article.title, article.categories, article.location) == (
        "Sindikat PMI dibongkar",
        ["Berita"],
        "Jakarta",
    )
    assert article.published_at_source == "feed" and article.published_at.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("09/05/2025 10:00", datetime(2025, 5, 9, 3, 0, tzinfo=timezone.utc)),
        ("01/01/1970 07:00", None),
    ],
)
def test_listing_items_are_cleaned_by_the_builder(date, expected):
    kp2mi = spider("kp2mi")
    html = (
        "<div class='list-berita'><div class='card-berita'><a class='judul' href='/berita-detail/1'>"
        f"Sindikat PMI dibongkar - KP2MI</a><span class='tanggal'>{date}</span></div></div>"
    )
    item = Selector(text=html).css("div.list-berita div.card-berita")[0]
    article = kp2mi.listing_item(item, "https://www.kp2mi.go.id/berita")
    assert article.title == "Sindikat PMI dibongkar" and article.language == "id"
    assert article.published_at == expected
    assert kp2mi.crawler.stats.get_value("pmi/errors/date_rejected") == (None if expected else 1)
