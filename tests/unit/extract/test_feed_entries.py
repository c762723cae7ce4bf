"""Tests for pmi_aggregator.extract.feed_entries: feed items and their dates."""

import warnings
from datetime import datetime, timezone

import feedparser
import pytest

from pmi_aggregator.extract.feed_entries import entry_date, feed_items

ATOM_UPDATED_ONLY = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Kabar</title>
<entry><title>PMI pulang</title><link href="/2024/05/pmi-pulang/"/>
<updated>2024-05-02T03:04:05Z</updated></entry></feed>"""

RSS_BAD_DATE = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Kabar</title>
<item><title>PMI pulang</title><link>https://example.com/pmi-pulang/</link>
<pubDate>Senin, tanggal tidak jelas</pubDate></item></channel></rss>"""


@pytest.fixture(autouse=True)
def warnings_are_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def test_atom_entry_with_only_updated_is_dated():
    (item,) = feed_items(ATOM_UPDATED_ONLY, "https://example.com/feed/")
    assert item.url == "https://example.com/2024/05/pmi-pulang/"
    assert item.published_at == datetime(2024, 5, 2, 3, 4, 5, tzinfo=timezone.utc)


def test_unparsable_pubdate_leaves_the_item_undated_without_a_warning():
    (item,) = feed_items(RSS_BAD_DATE, "https://example.com/feed/")
    assert item.published_at is None


@pytest.mark.parametrize(
    "feed, expected",
    [(ATOM_UPDATED_ONLY, datetime(2024, 5, 2, 3, 4, 5, tzinfo=timezone.utc)), (RSS_BAD_DATE, None)],
)
def test_entry_date_of_the_spiders_agrees(feed, expected):
    (entry,) = feedparser.parse(feed).entries
    assert entry_date(entry) == expected
