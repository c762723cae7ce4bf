"""A damaged crawl state file is set aside and rebuilt from the index, instead of stopping every crawl.

The state only remembers what the index already holds (plus run history and cursors), so nothing
stored is lost: the rebuilt file knows every stored article again, and each source's next run lists
its whole window once, since the cursors are gone. Only real damage (SQLite's CORRUPT and NOTADB)
counts; a locked or read-only state file is left alone and fails as before.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from pmi_aggregator.crawler.state import CrawlState
from pmi_aggregator.index import open_index
from pmi_aggregator.index.damage import is_damage, set_aside

log = logging.getLogger(__name__)

_BATCH = 1000


def open_crawl_state(path: str | Path, index_spec: str) -> CrawlState:
    """The crawl state at ``path``; when it is damaged, a new one rebuilt from the index ``index_spec``."""
    path = Path(path)
    try:
        return _checked(path)
    except sqlite3.DatabaseError as exc:
        if not is_damage(exc):
            raise
        reason = (str(exc).splitlines() or ["damaged"])[0][:200]
    aside = set_aside(path)
    state = CrawlState(path)
    try:
        count = _rebuild(state, index_spec)
    except BaseException:
        state.close()
        raise
    log.warning(
        "the crawl state %s was damaged (%s): set aside as %s and rebuilt from the index (%d articles)",
        path,
        reason,
        aside.name,
        count,
    )
    return state


def _checked(path: Path) -> CrawlState:
    state = CrawlState(path)
    try:
        result = state.quick_check()
        if result != "ok":
            raise sqlite3.DatabaseError(f"database disk image is malformed ({result})")
    except BaseException:
        state.close()
        raise
    return state


def _rebuild(state: CrawlState, index_spec: str) -> int:
    """Every stored article as seen by its source; the count."""
    count = 0
    with open_index(index_spec) as index:
        by_source: dict[str, list[tuple[str, str, str, str | None, str | None]]] = {}
        for article in index.iter_articles(batch_size=_BATCH):
            entries = by_source.setdefault(article.source, [])
            entries.append(
                (
                    article.id,
                    article.url,
                    article.content_hash,
                    _utc(article.published_at),
                    _utc(article.modified_at),
                )
            )
            count += 1
            if len(entries) >= _BATCH:
                state.record(article.source, entries)
                entries.clear()
        for source, entries in by_source.items():
            if entries:
                state.record(source, entries)
    return count


def _utc(value: datetime | None) -> str | None:
    return value.astimezone(timezone.utc).isoformat() if value else None
