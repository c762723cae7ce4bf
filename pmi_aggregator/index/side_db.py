"""The SQLite files kept beside an index (the outbox, the watches): opened and written one way.

Each is one connection shared by the process's threads, in WAL mode, with every write a
``BEGIN IMMEDIATE`` transaction serialized by a lock, so a process killed at any moment leaves it
consistent and a second process waits for the first one's write.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pmi_aggregator.errors import IndexFailure


def open_side_db(path: Path, schema: str, what: str) -> sqlite3.Connection:
    """The file at ``path`` with ``schema`` applied; IndexFailure naming ``what`` when it cannot be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(str(path), timeout=30, check_same_thread=False, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.executescript(schema)
    except (OSError, sqlite3.Error) as exc:
        raise IndexFailure(f"cannot open the {what} at {path}: {exc}") from exc
    return db


@contextmanager
def side_transaction(db: sqlite3.Connection, lock: threading.Lock) -> Iterator[sqlite3.Connection]:
    """One durable commit for many rows, serialized within the process."""
    with lock:
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
