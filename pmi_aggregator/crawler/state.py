"""Durable crawl state: what each source has yielded, per-run reports, and the crawl lock.

The state lives in its own SQLite file beside the embedded index (or in the data folder for a
remote index), so it survives crashes (WAL, one transaction per write) and never mixes with the
searchable data.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pmi_aggregator.crawler.watermark import Watermark
from pmi_aggregator.errors import LockBusy

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    source TEXT NOT NULL,
    id TEXT NOT NULL,
    url TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    published_at TEXT,
    modified_at TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    report TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_source ON runs(source, run_id);
CREATE TABLE IF NOT EXISTS cursors (
    source TEXT PRIMARY KEY,
    modified_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS retries (
    source TEXT NOT NULL,
    id TEXT NOT NULL,
    url TEXT NOT NULL,
    reason TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    last_failed TEXT NOT NULL,
    PRIMARY KEY (source, id)
);
"""


MAX_ATTEMPTS = 5
"""Runs that may fail an article before it is given up (and no longer holds the cursor)."""


@dataclass(frozen=True)
class SeenEntry:
    url: str
    content_hash: str
    modified_at: str | None


class CrawlState:
    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=30000")
        self._db.executescript(_SCHEMA)
        self._run_started = _now()
        """Failures since then are this run's: an article counts one attempt per run."""

    def seen(self, source: str) -> dict[str, SeenEntry]:
        rows = self._db.execute(
            "SELECT id, url, content_hash, modified_at FROM seen WHERE source = ?", (source,)
        )
        return {row[0]: SeenEntry(*row[1:]) for row in rows}

    def high_water(self, source: str) -> str | None:
        """Where the next incremental listing starts (UTC ISO): everything changed at or before it
        is stored. Moved only by ``advance_cursor``, over what a run stored."""
        row = self._db.execute("SELECT modified_at FROM cursors WHERE source = ?", (source,)).fetchone()
        return row[0] if row else None

    def advance_cursor(self, source: str, watermark: Watermark) -> None:
        """After a run: the cursor moves as far as the run's watermark allows (``crawler.watermark``)."""
        previous = self.high_water(source)
        moved = watermark.cursor(_instant(previous) if previous else None)
        if moved is None:
            self._db.execute("DELETE FROM cursors WHERE source = ?", (source,))
            return
        self._db.execute(
            "INSERT INTO cursors (source, modified_at) VALUES (?, ?) "
            "ON CONFLICT(source) DO UPDATE SET modified_at = excluded.modified_at",
            (source, moved.astimezone(timezone.utc).isoformat()),
        )

    def hold_for_retry(self, source: str, article_id: str, url: str, reason: str) -> int:
        """Remember an article listed but not stored, for the next run to fetch first; how many runs
        have failed it so far."""
        row = self._db.execute(
            "INSERT INTO retries (source, id, url, reason, attempts, last_failed) VALUES (?, ?, ?, ?, 1, ?) "
            "ON CONFLICT(source, id) DO UPDATE SET url = excluded.url, reason = excluded.reason, "
            "attempts = attempts + (last_failed < ?), last_failed = excluded.last_failed RETURNING attempts",
            (source, article_id, url, reason, _now(), self._run_started),
        ).fetchone()
        return int(row[0])

    def retries(self, source: str) -> list[str]:
        """URLs of the articles earlier runs listed but could not store (and have not given up),
        oldest failure first."""
        rows = self._db.execute(
            "SELECT url FROM retries WHERE source = ? AND attempts <= ? ORDER BY last_failed, id",
            (source, MAX_ATTEMPTS),
        )
        return [row[0] for row in rows]

    def record(self, source: str, entries: Iterable[tuple[str, str, str, str | None, str | None]]) -> None:
        """Remember (id, url, content_hash, published_at, modified_at) entries after they were stored."""
        now = _now()
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.executemany(
                "INSERT INTO seen (source, id, url, content_hash, published_at, modified_at, first_seen, "
                "last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source, id) DO UPDATE SET "
                "url = excluded.url, content_hash = excluded.content_hash, published_at = excluded.published_at, "
                "modified_at = excluded.modified_at, last_seen = excluded.last_seen",
                rows := [(source, *entry, now, now) for entry in entries],
            )
            self._db.executemany(
                "DELETE FROM retries WHERE source = ? AND id = ?", [(source, row[1]) for row in rows]
            )
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def forget_all_but(self, stored: set[str]) -> list[str]:
        """After an index repair: forget the articles the index no longer holds, and restart the
        incremental window of their sources, so the next run fetches them again. The sources affected."""
        missing = [
            (source, id_)
            for source, id_ in self._db.execute("SELECT source, id FROM seen")
            if id_ not in stored
        ]
        sources = sorted({source for source, _ in missing})
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.executemany("DELETE FROM seen WHERE source = ? AND id = ?", missing)
            self._db.executemany("DELETE FROM cursors WHERE source = ?", [(s,) for s in sources])
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return sources

    def quick_check(self) -> str:
        """SQLite's page-level check of the file: "ok", else the first problem."""
        return str(self._db.execute("PRAGMA quick_check(1)").fetchone()[0])

    def start_run(self, source: str) -> int:
        cursor = self._db.execute(
            "INSERT INTO runs (source, started_at, status, report) VALUES (?, ?, 'running', '{}')",
            (source, _now()),
        )
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, report: dict[str, Any]) -> None:
        self._db.execute(
            "UPDATE runs SET finished_at = ?, status = ?, report = ? WHERE run_id = ?",
            (_now(), status, json.dumps(report, ensure_ascii=False), run_id),
        )

    def last_runs(self, source: str, limit: int = 5) -> list[dict[str, Any]]:
        rows = self._db.execute(
            "SELECT started_at, finished_at, status, report FROM runs WHERE source = ? ORDER BY run_id DESC LIMIT ?",
            (source, limit),
        )
        return [
            {"started_at": s, "finished_at": f, "status": st, **json.loads(report)}
            for s, f, st, report in rows
        ]

    def close(self) -> None:
        self._db.close()


class CrawlLock:
    """An exclusive lock per index, held for a whole crawl; released by the OS if the process dies."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._fd: int | None = None

    def acquire(self, wait: float = 0.0) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "unknown process"
                    os.close(fd)
                    raise LockBusy(
                        f"another crawl is running on this index ({holder}); "
                        "wait for it to finish, or pass --wait SECONDS"
                    ) from None
                time.sleep(min(0.5, max(0.05, deadline - time.monotonic())))
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {_now()}".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> CrawlLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _instant(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
