"""Tests for parse_since (the --since crawl window) and for the spiders reading typed source options."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from pmi_aggregator.errors import ConfigError
from pmi_aggregator.normalize.date_args import parse_since

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=timezone.utc)
JAKARTA = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(
    ("span", "delta"),
    [
        ("7d", timedelta(days=7)),
        ("12h", timedelta(hours=12)),
        ("2w", timedelta(weeks=2)),
        ("1y", timedelta(days=365)),
        ("6m", timedelta(days=180)),
        ("0d", timedelta(0)),
        ("7D", timedelta(days=7)),
        (" 7 d ", timedelta(days=7)),
    ],
)
def test_relative_span_counts_back_from_now(span, delta):
    assert parse_since(span, now=NOW) == NOW - delta


def test_relative_span_defaults_to_the_current_time():
    before = datetime.now(timezone.utc)
    since = parse_since("1d")
    assert before - timedelta(days=1, seconds=5) <= since <= datetime.now(timezone.utc) - timedelta(days=1)


def test_iso_date_is_jakarta_midnight():
    since = parse_since("2025-01-31", now=NOW)
    assert since == datetime(2025, 1, 31, tzinfo=JAKARTA)
    assert since == datetime(2025, 1, 30, 17, 0, tzinfo=timezone.utc)


def test_result_is_in_utc():
    assert parse_since("2025-01-31", now=NOW).utcoffset() == timedelta(0)


def test_iso_datetime_with_offset_keeps_the_instant():
    assert parse_since("2025-01-31T08:00:00+07:00") == datetime(2025, 1, 31, 1, 0, tzinfo=timezone.utc)


def test_iso_datetime_with_z():
    assert parse_since("2025-01-31T08:00:00Z") == datetime(2025, 1, 31, 8, 0, tzinfo=timezone.utc)


def test_naive_iso_datetime_is_jakarta_time():
    assert parse_since("2025-01-31T08:00") == datetime(2025, 1, 31, 8, 0, tzinfo=JAKARTA)


def test_aware_datetime_passes_through_as_utc():
    value = datetime(2025, 1, 31, 8, 0, tzinfo=JAKARTA)
    since = parse_since(value)
    assert since == value
    assert since.utcoffset() == timedelta(0)


def test_naive_datetime_is_read_as_jakarta_time_like_a_naive_string():
    # A naive result would make every later comparison with aware publication dates raise TypeError.
    since = parse_since(datetime(2025, 1, 31, 8, 0))
    assert since.tzinfo is not None
    assert since == parse_since("2025-01-31T08:00")


@pytest.mark.parametrize("value", [None, ""])
def test_nothing_means_no_window(value):
    assert parse_since(value) is None


@pytest.mark.parametrize(
    "value", ["garbage", "7x", "-7d", "d7", "2025-02-30", "31/01/2025", "kemarin", "7 days"]
)
def test_garbage_is_a_config_error_with_a_hint(value):
    with pytest.raises(ConfigError) as info:
        parse_since(value, now=NOW)
    assert repr(value) in str(info.value)
    assert "7d" in str(info.value)


@pytest.mark.parametrize("value", ["3000y", "9999y"])
def test_span_reaching_before_year_one_is_a_config_error(value):
    with pytest.raises(ConfigError):
        parse_since(value, now=NOW)


# --- spiders read the typed source options (pmi_aggregator.sources.options) --------------------------


def spider_for(text, key="blog"):
    """The spider ``pmi crawl`` would run for ``key`` of a config file holding ``text``."""
    import os
    from pathlib import Path

    from pmi_aggregator.config import load_config
    from pmi_aggregator.crawler.loader import spider_class
    from pmi_aggregator.sources import load_sources

    path = Path(os.environ["PMI_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    source = load_sources(load_config())[key]
    return spider_class(source)(source=source)


def start_urls(spider):
    import asyncio

    async def collect():
        return [request.url async for request in spider.start()]

    return asyncio.run(collect())


BLOG = '[sources.blog]\nkind = "{kind}"\nbase_url = "https://blog.example.org"\n[sources.blog.options]\n'


def test_a_lone_feed_string_is_one_feed_not_its_characters():
    spider = spider_for(BLOG.format(kind="feed") + 'feeds = "/feed.xml"\n')
    assert start_urls(spider) == ["https://blog.example.org/feed.xml"]


def test_use_rest_false_starts_with_the_configured_feed():
    spider = spider_for(BLOG.format(kind="wordpress") + 'use_rest = false\nfeed_path = "/rss/"\n')
    assert start_urls(spider) == ["https://blog.example.org/rss/"]


def test_page_options_lay_over_the_spiders_default_rules():
    from pmi_aggregator.crawler.spiders.wordpress import AF_THEME_RULES

    text = BLOG.format(kind="wordpress").replace(
        "[sources.blog.options]\n", 'ignore_selectors = [".today"]\n'
    )
    spider = spider_for(text + '[sources.blog.options]\npage = { title = "h1.judul", ignore = [".views"] }\n')
    assert spider.rules.title == "h1.judul"
    assert spider.rules.body == AF_THEME_RULES["body"]
    assert spider.rules.ignore == (".today", ".views")


def test_blogger_pages_by_the_typed_per_page():
    spider = spider_for(BLOG.format(kind="blogger") + "per_page = 25\n")
    url = spider.feed_page_url("https://blog.example.org/feeds/posts/default", 3)
    assert "max-results=25" in url and "start-index=51" in url
    assert not spider.wanted("https://blog.example.org/p/about.html")  # Blogger's default link_pattern


def test_listing_options_reach_the_listing_spider():
    spider = spider_for(
        BLOG.format(kind="tag_listing")
        + 'listings = ["/tag/tki"]\npage_url = "{listing}/{n}"\nallowed_domains = ["example.org"]\n'
    )
    assert start_urls(spider) == ["https://blog.example.org/tag/tki"]
    assert spider.listing_request("https://blog.example.org/tag/tki", 2).url.endswith("/tag/tki/2")
    assert "example.org" in spider.allowed_domains


def test_a_spider_given_another_kinds_options_refuses_them():
    from pmi_aggregator.crawler.spiders.feed import FeedSpider

    spider = spider_for(BLOG.format(kind="wordpress"))
    with pytest.raises(TypeError, match="FeedSpider needs FeedReading"):
        FeedSpider(name="x", source=spider.source)
