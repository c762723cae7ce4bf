"""The watch store: the saved searches of one index and the record of what each one delivered.

One SQLite file beside the index (``index.location.watches_path_for``), in WAL mode. An article that
matches is recorded and queued, for every output of the watch, in the same transaction, so a crash
either leaves it unseen (the next run finds it again) or queued (the next run delivers it). A batch
leaves the queue only once its output confirmed it; until then every run retries it with the same
delivery key, which receivers use to drop a repeat after a crash between delivering and recording.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import orjson

from pmi_aggregator.article import utcnow
from pmi_aggregator.errors import UsageError
from pmi_aggregator.index.location import watches_path_for
from pmi_aggregator.index.side_db import open_side_db, side_transaction
from pmi_aggregator.watch.model import Entry, Watch

_SCHEMA = """
CREATE TABLE IF NOT EXISTS watches (
    name TEXT PRIMARY KEY,
    spec TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_run_at TEXT,
    last_error TEXT
);
CREATE TABLE IF NOT EXISTS matches (
    watch TEXT NOT NULL,
    article_id TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    entry TEXT,
    matched_at TEXT NOT NULL,
    PRIMARY KEY (watch, article_id)
);
CREATE TABLE IF NOT EXISTS batches (
    id INTEGER PRIMARY KEY,
    watch TEXT NOT NULL,
    output TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE,
    entries TEXT NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    failed_runs INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    settled_at TEXT
);
CREATE INDEX IF NOT EXISTS batches_waiting ON batches (watch, state, id);
"""
_KNOWN = "SELECT article_id, content_hash FROM matches WHERE watch = ?"
"""Article id -> content hash of what a watch has matched."""
PENDING, DELIVERED, DEAD = "pending", "delivered", "dead"
"""A batch's states: waiting for its output, confirmed by it, or given up on (kept, and requeueable)."""


@dataclass(frozen=True)
class Batch:
    """Entries for one output of one watch, delivered together under one key."""

    id: int
    watch: str
    output: str
    key: str
    entries: list[Entry]
    failed_runs: int


@dataclass(frozen=True)
class WatchStatus:
    watch: Watch
    created_at: str
    last_run_at: str | None
    last_error: str | None
    matched: int
    pending: int
    dead: int


class WatchStore:
    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._db = open_side_db(self.path, _SCHEMA, "watches")

    @classmethod
    def for_index(cls, index_url: str) -> WatchStore:
        return cls(watches_path_for(index_url))

    def _transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return side_transaction(self._db, self._lock)

    # -- the watches ------------------------------------------------------------------------------
    def add(self, watch: Watch, baseline: Iterable[tuple[str, str]] = ()) -> None:
        """Save a watch; ``baseline`` (article id, content hash) are the matches it starts from, never delivered."""
        now = utcnow().isoformat()
        with self._transaction() as db:
            if db.execute("SELECT 1 FROM watches WHERE name = ?", (watch.name,)).fetchone():
                raise UsageError(f"a watch named {watch.name!r} exists; `pmi watch rm {watch.name}` first")
            db.execute(
                "INSERT INTO watches (name, spec, created_at) VALUES (?, ?, ?)",
                (watch.name, orjson.dumps(watch.to_dict()).decode(), now),
            )
            db.executemany(
                "INSERT OR REPLACE INTO matches (watch, article_id, content_hash, matched_at) VALUES (?, ?, ?, ?)",
                ((watch.name, article_id, digest, now) for article_id, digest in baseline),
            )

    def remove(self, name: str) -> None:
        with self._transaction() as db:
            if not db.execute("DELETE FROM watches WHERE name = ?", (name,)).rowcount:
                raise UsageError(f"no watch named {name!r}; `pmi watch list` shows them")
            db.execute("DELETE FROM matches WHERE watch = ?", (name,))
            db.execute("DELETE FROM batches WHERE watch = ?", (name,))

    def get(self, name: str) -> Watch:
        with self._lock:
            row = self._db.execute("SELECT spec FROM watches WHERE name = ?", (name,)).fetchone()
        if row is None:
            raise UsageError(f"no watch named {name!r}; `pmi watch list` shows them")
        return Watch.from_dict(orjson.loads(row[0]))

    def statuses(self) -> list[WatchStatus]:
        with self._lock:
            rows = self._db.execute(
                """SELECT w.spec, w.created_at, w.last_run_at, w.last_error,
                    (SELECT count(*) FROM matches m WHERE m.watch = w.name AND m.entry IS NOT NULL),
                    (SELECT count(*) FROM batches b WHERE b.watch = w.name AND b.state = 'pending'),
                    (SELECT count(*) FROM batches b WHERE b.watch = w.name AND b.state = 'dead')
                FROM watches w ORDER BY w.name"""
            ).fetchall()
        return [WatchStatus(Watch.from_dict(orjson.loads(r[0])), *r[1:]) for r in rows]

    # -- matches ---------------------------------------------------------------------------------------
    def known(self, name: str) -> dict[str, str]:
        """Article id -> content hash of what the watch has matched (its starting point included)."""
        with self._lock:
            return dict(self._db.execute(_KNOWN, (name,)))

    def record_matches(self, watch: Watch, entries: Iterable[Entry]) -> list[Entry]:
        """Record the unseen entries (``matching.unseen_matches``) and queue them for every output but
        the feed, which is written from the record; returns the ones recorded.

        They are checked again under the write lock, so two runs never queue one article twice.
        """
        candidates = list(entries)  # read before the lock: a search can take long
        if not candidates:
            return []
        now = utcnow().isoformat()
        with self._transaction() as db:
            known = dict(db.execute(_KNOWN, (watch.name,)))
            fresh = [
                e
                for e in candidates
                if e.article_id not in known or (watch.updates and known[e.article_id] != e.content_hash)
            ]
            db.executemany(
                "INSERT OR REPLACE INTO matches (watch, article_id, content_hash, entry, matched_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    (watch.name, e.article_id, e.content_hash, orjson.dumps(e.to_dict()).decode(), now)
                    for e in fresh
                ),
            )
            if fresh:
                doc = orjson.dumps([e.to_dict() for e in fresh]).decode()
                db.executemany(
                    "INSERT INTO batches (watch, output, key, entries, created_at) VALUES (?, ?, ?, ?, ?)",
                    ((watch.name, out, uuid.uuid4().hex, doc, now) for out in watch.outputs if out != "feed"),
                )
        return fresh

    def recent_entries(self, name: str, limit: int) -> list[tuple[Entry, str]]:
        """The latest ``limit`` delivered matches of a watch, newest first, each with when it matched."""
        with self._lock:
            rows = self._db.execute(
                "SELECT entry, matched_at FROM matches WHERE watch = ? AND entry IS NOT NULL"
                " ORDER BY matched_at DESC, article_id LIMIT ?",
                (name, limit),
            ).fetchall()
        return [(Entry.from_dict(orjson.loads(entry)), at) for entry, at in rows]

    # -- batches ----------------------------------------------------------------------------------------
    def pending(self, name: str) -> list[Batch]:
        with self._lock:
            rows = self._db.execute(
                "SELECT id, watch, output, key, entries, failed_runs FROM batches"
                " WHERE watch = ? AND state = 'pending' ORDER BY id",
                (name,),
            ).fetchall()
        return [
            Batch(i, w, out, key, [Entry.from_dict(e) for e in orjson.loads(doc)], failed)
            for i, w, out, key, doc, failed in rows
        ]

    def delivered(self, batch: Batch) -> None:
        self._settle(batch, DELIVERED, None, 0)

    def failed(self, batch: Batch, reason: str, *, dead: bool) -> None:
        """Note a failed run of a batch: it waits for the next run, or becomes a dead letter."""
        self._settle(batch, DEAD if dead else PENDING, reason, 1)

    def _settle(self, batch: Batch, state: str, reason: str | None, failed: int) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE batches SET state = ?, last_error = ?, failed_runs = failed_runs + ?, settled_at = ?"
                " WHERE id = ?",
                (state, reason, failed, utcnow().isoformat(), batch.id),
            )

    def requeue_dead(self, name: str) -> int:
        """Give a watch's dead letters another chance (``pmi watch run --retry-dead``)."""
        with self._transaction() as db:
            return db.execute(
                "UPDATE batches SET state = 'pending', failed_runs = 0 WHERE watch = ? AND state = 'dead'",
                (name,),
            ).rowcount

    def ran(self, name: str, error: str | None) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE watches SET last_run_at = ?, last_error = ? WHERE name = ?",
                (utcnow().isoformat(), error, name),
            )

    def close(self) -> None:
        with self._lock:
            self._db.close()
