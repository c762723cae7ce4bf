"""A durable local outbox, so a crawl loses no article when the index can't take it.

Articles the index refuses (unreachable cluster, overload, blocked or closed index, a rejected
document) wait in a small SQLite file next to the other data, one file per index URL. They are
delivered before the next batch of a crawl, or by ``pmi index sync`` (``sync()``); only the ones the
index confirms leave the outbox.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, ClassVar

from pmi_aggregator.article import Article, utcnow
from pmi_aggregator.errors import IndexFailure
from pmi_aggregator.index.contract import (
    FacetCounts,
    Index,
    Page,
    SearchRequest,
    UpsertResult,
    coerce_articles,
)
from pmi_aggregator.index.cursor import Position
from pmi_aggregator.index.location import outbox_path
from pmi_aggregator.index.periods import PeriodRow
from pmi_aggregator.index.query import Query
from pmi_aggregator.index.side_db import open_side_db, side_transaction

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    doc TEXT NOT NULL,
    queued_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
"""


class Outbox:
    """Articles waiting for the index, newest version per article id, oldest first."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).expanduser()
        self._lock = threading.Lock()
        self._db = open_side_db(self.path, _SCHEMA, "outbox")

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return side_transaction(self._db, self._lock)

    @classmethod
    def for_index(cls, index: Index, directory: str | os.PathLike[str] | None = None) -> Outbox:
        return cls(outbox_path(index.url, directory))

    def put(
        self,
        articles: Iterable[Article | Mapping[str, Any]],
        error: str | None = None,
        *,
        reasons: Mapping[str, str] | None = None,
    ) -> int:
        """Queue articles (replacing an older queued version of the same one); returns how many.

        Each is noted with its own reason from ``reasons`` (article id -> reason), else ``error``.
        """
        now = utcnow().isoformat()
        reasons = reasons or {}
        rows = [(a.id, a.to_json(), now, reasons.get(a.id, error)) for a in coerce_articles(articles)]
        with self._transaction() as db:
            # REPLACE gives a re-queued article a new rowid, so a drain in progress never deletes it.
            db.executemany(
                "INSERT OR REPLACE INTO outbox (id, doc, queued_at, last_error) VALUES (?, ?, ?, ?)", rows
            )
        return len(rows)

    def pending(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM outbox").fetchone()[0]

    def drain(self, index: Index, batch_size: int = 500) -> UpsertResult:
        """Deliver the queued articles; delete the ones the index took, keep (and annotate) the rest.

        Raises the index's IndexFailure when it can't be written at all; what was delivered by then
        is already out of the outbox.
        """
        result = UpsertResult()
        for rows in self._batches(batch_size):
            delivered = index.upsert(Article.from_json(doc) for _, _, doc in rows)
            self._settle(rows, delivered.failures)
            result += delivered
        return result

    def _batches(self, batch_size: int) -> Iterator[list[tuple[int, str, str]]]:
        last = 0
        while True:
            with self._lock:
                rows = self._db.execute(
                    "SELECT rowid, id, doc FROM outbox WHERE rowid > ? ORDER BY rowid LIMIT ?",
                    (last, batch_size),
                ).fetchall()
            if not rows:
                return
            yield rows
            last = rows[-1][0]

    def _settle(self, rows: list[tuple[int, str, str]], failures: Mapping[str, str]) -> None:
        """Delete the delivered rows; note the attempt and the reason on the others."""
        kept = [(failures[i], rowid) for rowid, i, _ in rows if i in failures]
        with self._transaction() as db:
            db.executemany(
                "DELETE FROM outbox WHERE rowid = ?", [(r,) for r, i, _ in rows if i not in failures]
            )
            db.executemany("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE rowid = ?", kept)

    def close(self) -> None:
        with self._lock:
            self._db.close()


class BufferedIndex(Index):
    """An index whose writes are never lost: what it can't take waits in the outbox.

    Each ``upsert`` first delivers what waits, then the new articles; if the index is down, the
    articles are queued and, for ``cooldown`` seconds, later batches go straight to the outbox
    instead of waiting for the same failure again. Reads go to the index.
    """

    needs_outbox: ClassVar[bool] = False  # it is the outbox

    def __init__(self, index: Index, outbox: Outbox | None = None, *, cooldown: float = 60.0) -> None:
        self.index = index
        self.outbox = outbox or Outbox.for_index(index)
        self.url = index.url
        self.cooldown = cooldown
        self._paused_until = 0.0
        self._outage = ""

    @property
    def pending(self) -> int:
        return self.outbox.pending()

    def upsert(self, articles: Iterable[Article | Mapping[str, Any]]) -> UpsertResult:
        batch = list(coerce_articles(articles))
        if time.monotonic() < self._paused_until:
            return self._queue(batch, self._outage)
        try:
            if self.outbox.pending():
                self.outbox.drain(self.index)
            result = self.index.upsert(batch)
        except IndexFailure as exc:
            self._outage, self._paused_until = str(exc), time.monotonic() + self.cooldown
            return self._queue(batch, self._outage)
        if result.failures:
            self.outbox.put((a for a in batch if a.id in result.failures), reasons=result.failures)
        return result

    def _queue(self, batch: list[Article], reason: str) -> UpsertResult:
        self.outbox.put(batch, error=reason)
        message = (
            f"{len(batch)} articles wait in {self.outbox.path} ({reason}); `pmi index sync` delivers them"
        )
        log.warning("%s", message)
        return UpsertResult(failed=len(batch), failures=dict.fromkeys((a.id for a in batch), message))

    def connection_spec(self) -> str:
        return self.index.connection_spec()

    def get(self, article_id: str) -> Article | None:
        return self.index.get(article_id)

    def count(self, *, source: str | None = None) -> int:
        return self.index.count(source=source)

    def _execute(self, request: SearchRequest, parsed: Query, after: Position | None) -> Page:
        return self.index._execute(request, parsed, after)

    def _facet_counts(
        self, request: SearchRequest, parsed: Query, fields: tuple[str, ...], limit: int
    ) -> FacetCounts:
        return self.index._facet_counts(request, parsed, fields, limit)

    def _period_counts(
        self, request: SearchRequest, parsed: Query, by: str, split: str | None, limit: int, collapse: bool
    ) -> Iterable[PeriodRow]:
        return self.index._period_counts(request, parsed, by, split, limit, collapse)

    def _execute_collapsed(self, request: SearchRequest, parsed: Query, after: Position | None) -> Page:
        return self.index._execute_collapsed(request, parsed, after)

    def _story_members(self, story_id: str) -> list[Article]:
        return self.index._story_members(story_id)

    def _story_sizes(self, story_ids: list[str]) -> dict[str, tuple[int, int]]:
        return self.index._story_sizes(story_ids)

    def _story_counts(self, request: SearchRequest) -> list[tuple[str, int, int]]:
        return self.index._story_counts(request)

    def _valid_position(self, sort: str, position: Position) -> bool:
        return self.index._valid_position(sort, position)

    def _ids_with_prefix(self, prefix: str, limit: int) -> list[str]:
        return self.index._ids_with_prefix(prefix, limit)

    def iter_articles(self, *, batch_size: int = 500) -> Iterator[Article]:
        return self.index.iter_articles(batch_size=batch_size)

    def source_stats(self) -> dict[str, dict[str, Any]]:
        return self.index.source_stats()

    def close(self) -> None:
        self.outbox.close()
        self.index.close()


def sync(index_spec: str | os.PathLike[str] | None = None) -> tuple[int, int]:
    """Deliver the outbox of an index (``pmi index sync``): (articles delivered, articles still waiting)."""
    from pmi_aggregator.index import open_index

    with open_index(index_spec) as index:
        outbox = Outbox.for_index(index)
        try:
            result = outbox.drain(index)
            return result.new + result.updated + result.unchanged, outbox.pending()
        finally:
            outbox.close()
