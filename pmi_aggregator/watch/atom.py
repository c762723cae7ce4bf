"""The Atom feed of a watch, built with feedgen from the record, and its file rewritten atomically."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import datetime
from pathlib import Path

from feedgen.feed import FeedGenerator

from pmi_aggregator.article import utcnow
from pmi_aggregator.watch.model import Entry

FEED_ENTRIES = 50
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot carry (controls, lone surrogates): crawled text may hold them."""


def feed_xml(name: str, entries: list[tuple[Entry, str]]) -> bytes:
    """The feed of watch ``name`` from its (entry, matched at) pairs, newest first."""
    feed = FeedGenerator()
    feed.id(f"urn:pmi-aggregator:watch:{name}")
    feed.title(f"pmi watch {name}")
    feed.updated(datetime.fromisoformat(entries[0][1]) if entries else utcnow())
    for entry, matched_at in reversed(entries):  # feedgen puts the last added first
        item = feed.add_entry()
        item.id(f"urn:pmi-aggregator:article:{entry.article_id}")
        item.title(_xml(entry.title) or entry.link)
        item.link(href=entry.link)
        item.updated(datetime.fromisoformat(matched_at))
        if entry.published:
            item.published(datetime.fromisoformat(entry.published))
        item.category(term=_xml(entry.source))
        item.summary(_xml(entry.text))
    return bytes(feed.atom_str(pretty=True))


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def write_atomically(path: Path, data: bytes) -> None:
    """Readers (a web server, a feed reader) see the old file or the new one, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o644)  # a feed is for readers: a web server, a feed reader
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
