"""Feeds read without a traceback, and items that share one link told apart by their permalink guids."""

from pmi_aggregator.extract.feed_reading import read_feed


def rss(items: str, encoding: str = "UTF-8") -> str:
    return f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel>{items}</channel></rss>'


def item(title: str, link: str, guid: str = "", permalink: str | None = None) -> str:
    attribute = f' isPermaLink="{permalink}"' if permalink is not None else ""
    return f"<item><title>{title}</title><link>{link}</link>" + (
        f"<guid{attribute}>{guid}</guid></item>" if guid else "</item>"
    )


HOME = "https://site.example/"


def test_items_sharing_one_link_take_their_distinct_permalink_guids():
    items = "".join(item(f"t{n}", HOME, f"https://site.example/berita/{n}/", "true") for n in range(3))
    _, entries = read_feed(rss(items).encode())
    assert [e.link for e in entries] == [f"https://site.example/berita/{n}/" for n in range(3)]


def test_a_guid_without_the_attribute_is_a_permalink_as_rss_says():
    items = item("a", HOME, "https://site.example/a/") + item("b", HOME, "https://site.example/b/")
    _, entries = read_feed(rss(items).encode())
    assert [e.link for e in entries] == ["https://site.example/a/", "https://site.example/b/"]


def test_guids_marked_not_permalinks_are_not_taken():
    items = item("a", HOME, "https://site.example/?p=1", "false") + item(
        "b", HOME, "https://site.example/?p=2", "false"
    )
    _, entries = read_feed(rss(items).encode())
    assert [e.link for e in entries] == [HOME, HOME]


def test_distinct_links_are_kept_even_with_other_guids():
    items = item("a", "https://site.example/a/", "https://site.example/?p=1") + item(
        "b", "https://site.example/b/", "https://site.example/?p=2"
    )
    _, entries = read_feed(rss(items).encode())
    assert [e.link for e in entries] == ["https://site.example/a/", "https://site.example/b/"]


def test_a_utf16_feed_is_read():
    body = rss(item("Pekerja migran é", "https://site.example/a/"), "UTF-16").encode("utf-16")
    _, entries = read_feed(body)
    assert [(e.title, e.link) for e in entries] == [("Pekerja migran é", "https://site.example/a/")]


def test_an_unreadable_feed_is_empty_with_its_reason():
    parsed, entries = read_feed(b"<rss>" + b"<x>" * 100_000)
    assert entries == [] and parsed["bozo_exception"]
