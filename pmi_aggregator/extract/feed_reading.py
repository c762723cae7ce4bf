"""A feed's bytes to its entries, bounded, each with the link that identifies its article.

feedparser raises on some inputs (character references out of range, deep recursion) instead of
flagging them: any of those is an unreadable feed, not a crashed callback. Items that share one
``<link>`` (a theme that links every item to the front page) but carry distinct permalink ``<guid>``s
are told apart by the guid: otherwise all but one would be dropped as duplicates.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import feedparser

from pmi_aggregator.normalize.bounded import xml_as_utf8

_NOT_PERMALINK = re.compile(
    rb"<guid\b[^>]*\bisPermaLink\s*=\s*[\"']?false[\"']?[^>]*>\s*(?:<!\[CDATA\[)?\s*([^<\]\s]+)",
    re.IGNORECASE,
)


def read_feed(body: bytes) -> tuple[Any, list[Any]]:
    """The parsed feed and its entries that have a link (shared links replaced by permalink guids)."""
    try:
        body = xml_as_utf8(body)
        parsed = feedparser.parse(body)
    except (ValueError, OverflowError, RecursionError) as exc:
        parsed = feedparser.FeedParserDict(entries=[], bozo_exception=exc)
    entries = [e for e in parsed.entries if e.get("link")]
    if str(parsed.get("version", "")).startswith("rss"):
        prefer_permalinks(entries, not_permalinks(body))
    return parsed, entries


def not_permalinks(body: bytes) -> set[str]:
    """The guids an RSS feed marks ``isPermaLink="false"`` (feedparser does not keep the attribute)."""
    return {m.group(1).decode("utf-8", "replace") for m in _NOT_PERMALINK.finditer(body)}


def prefer_permalinks(entries: list[Any], not_permalink: set[str]) -> None:
    """Entries whose link others share take their guid as link, when it is a distinct permalink URL."""
    shared = Counter(e["link"] for e in entries)
    guids = Counter(e.get("id", "") for e in entries)
    for entry in entries:
        guid = entry.get("id", "")
        if (
            shared[entry["link"]] > 1
            and guid.startswith(("http://", "https://"))
            and guids[guid] == 1
            and guid not in not_permalink
        ):
            entry["link"] = guid
