"""Feed entries (RSS/Atom, read by feedparser) to their fields: link, title, date, summary, authors.

feedparser honours the declared encoding (ISO-8859-1 feeds exist) and survives malformed XML;
channel dates are ignored, since a ``lastBuildDate`` of 1970 is common.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin

import feedparser

from pmi_aggregator.article import EARLIEST_PUBLICATION
from pmi_aggregator.normalize.people import clean_author_list


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
        year, month, day, hour, minute, second = parsed[:6]
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None


def oldest_entry_date(entries: list[feedparser.FeedParserDict]) -> datetime | None:
    """The oldest dated entry of a feed page: how far back the page reaches."""
    return min(filter(None, map(entry_date, entries)), default=None)


def _listed_date(entry: feedparser.FeedParserDict) -> datetime | None:
    value = entry_date(entry)
    return value if value is not None and value >= EARLIEST_PUBLICATION else None
