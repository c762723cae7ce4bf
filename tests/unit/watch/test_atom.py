from __future__ import annotations

import stat

import feedparser

from pmi_aggregator.watch.atom import feed_xml, write_atomically
from pmi_aggregator.watch.model import Entry

HOSTILE = Entry(
    "abc",
    'Ribuan PMI <script>alert(1)</script> & "kabur"\x00\x1b',
    "https://news.example/berita/1?a=1&b=2",
    "2025-01-02T08:00:00+07:00",
    "demo",
    "pekerja migran \ud800 di Malaysia",
    "h",
)


def test_each_entry_has_its_title_link_date_source_and_snippet_as_text():
    xml = feed_xml("tki", [(HOSTILE, "2025-01-03T00:00:00+00:00")])
    parsed = feedparser.parse(xml)
    assert not parsed.bozo
    assert parsed.feed.id == "urn:pmi-aggregator:watch:tki"
    (item,) = parsed.entries
    assert item.title == 'Ribuan PMI <script>alert(1)</script> & "kabur"'
    assert item.title_detail.type == "text/plain"
    assert item.link == "https://news.example/berita/1?a=1&b=2"
    assert item.published.startswith("2025-01-02T08:00:00")
    assert item.tags[0].term == "demo"
    assert item.summary == "pekerja migran  di Malaysia"
    assert b"<script>" not in xml


def test_entries_come_newest_first_and_an_empty_feed_is_valid():
    older = Entry("a", "old", "https://n.example/a", None, "demo", "", "h")
    newer = Entry("b", "new", "https://n.example/b", None, "demo", "", "h")
    xml = feed_xml("w", [(newer, "2025-01-02T00:00:00+00:00"), (older, "2025-01-01T00:00:00+00:00")])
    assert [e.title for e in feedparser.parse(xml).entries] == ["new", "old"]
    assert not feedparser.parse(feed_xml("w", [])).bozo


def test_the_file_is_replaced_whole_and_readable_by_others(tmp_path):
    path = tmp_path / "feeds" / "w.atom"
    write_atomically(path, b"one")
    write_atomically(path, b"two")
    assert path.read_bytes() == b"two"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert [p.name for p in path.parent.iterdir()] == ["w.atom"]
