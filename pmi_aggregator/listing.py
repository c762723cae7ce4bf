"""Listing pages and feeds to article links, for spiders that discover articles from a front page.

``feed_items`` reads RSS/Atom with feedparser, which honours the declared encoding (ISO-8859-1 feeds
exist) and survives malformed XML; channel dates are ignored, since a ``lastBuildDate`` of 1970 is
common. ``listing_links`` finds article links on an HTML listing page: links that look like article
URLs on the site, outside navigation and sidebars, unless a site needs its own selector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser

from .html_text import parse_html
from .metadata import clean_author_list

_EARLIEST = datetime(1995, 1, 1, tzinfo=timezone.utc)
"""Older dates are placeholders (epoch 0 printed in the site's zone), not publication dates."""

# Listing pages whose first article links are not the main list (tickers, picks, slideshows first).
SITE_ITEM_SELECTORS = {
    "okezone.com": "ul.list-berita li a",
}
_OUTSIDE_LIST = (
    "ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside"
    " or ancestor::*[contains(@class, 'sidebar') or contains(@class, 'breaking')"
    " or contains(@class, 'ticker') or contains(@class, 'menu')]"
)
_ARTICLE_PATH = re.compile(
    r"/(?:read|berita|news|artikel)/"  # Indonesian news paths
    r"|/\d{4}/\d{1,2}/\d{1,2}/"  # dated paths
    r"|/\d{5,}"  # numeric article ids
    r"|/[a-z0-9]+(?:[-.][a-z0-9]+){3,}[^/]*/?$",  # long slugs
    re.IGNORECASE,
)
_NOT_ARTICLE = re.compile(r"/(?:tag|tags|topik|category|kategori|author|penulis|search|cari|indeks)/", re.I)
_SECOND_LEVEL = frozenset({"co", "or", "go", "ac", "web", "my", "sch", "com", "net", "org"})


@dataclass
class FeedItem:
    url: str
    title: str = ""
    published_at: datetime | None = None
    summary: str = ""
    authors: list[str] = field(default_factory=list)


def feed_items(xml_bytes: bytes, base_url: str) -> list[FeedItem]:
    """The items of an RSS/Atom feed, in feed order; links are made absolute against ``base_url``."""
    parsed = feedparser.parse(xml_bytes, response_headers={"content-location": base_url})
    items = []
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link:
            continue
        items.append(
            FeedItem(
                url=urljoin(base_url, link),
                title=" ".join((entry.get("title") or "").split()),
                published_at=_listed_date(entry),
                summary=entry.get("summary") or "",
                authors=clean_author_list([entry.get("author") or ""]),
            )
        )
    return items


def entry_date(entry: feedparser.FeedParserDict) -> datetime | None:
    """A feed entry's publication time (its update time when it has none), in UTC."""
    # dict.get: FeedParserDict maps a missing updated_parsed to published_parsed, with a DeprecationWarning.
    parsed = entry.get("published_parsed") or dict.get(entry, "updated_parsed")
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None


def oldest_entry_date(entries: list[feedparser.FeedParserDict]) -> datetime | None:
    """The oldest dated entry of a feed page: how far back the page reaches."""
    return min(filter(None, map(entry_date, entries)), default=None)


def _listed_date(entry: feedparser.FeedParserDict) -> datetime | None:
    value = entry_date(entry)
    return value if value is not None and value >= _EARLIEST else None


def listing_links(html: str | bytes, base_url: str, *, item_selector: str | None = None) -> list[str]:
    """Article URLs on a listing page, in page order, without duplicates.

    ``item_selector`` (CSS) picks the links; without it a site's entry in ``SITE_ITEM_SELECTORS``
    is used, else every link outside navigation, headers and sidebars. Either way only article-shaped
    links to the site itself are kept.
    """
    root = parse_html(html)
    if root is None:
        return []
    selector = item_selector or _site_selector(base_url)
    if selector:
        anchors = [a for a in root.cssselect(selector) if a.tag == "a"] or root.cssselect(f"{selector} a")
    else:
        anchors = root.xpath(f"//a[@href][not({_OUTSIDE_LIST})]")
    site = _site_domain(base_url)
    links: list[str] = []
    for anchor in anchors:
        url = urldefrag(urljoin(base_url, (anchor.get("href") or "").strip()))[0]
        if url in links or not url.startswith(("http://", "https://")):
            continue
        path = urlsplit(url).path
        if _site_domain(url) == site and _ARTICLE_PATH.search(path) and not _NOT_ARTICLE.search(path):
            links.append(url)
    return links


def _site_selector(base_url: str) -> str | None:
    site = _site_domain(base_url)
    return SITE_ITEM_SELECTORS.get(site)


def _site_domain(url: str) -> str:
    """``news.okezone.com`` → ``okezone.com``; ``nasional.republika.co.id`` → ``republika.co.id``."""
    labels = (urlsplit(url).hostname or "").removeprefix("www.").split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-keep:])
