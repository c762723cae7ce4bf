"""Index writes SQLite refuses for now are told apart by cause, and never taken for corruption."""

from __future__ import annotations

import sqlite3

import pytest

from pmi_aggregator.article import Article
from pmi_aggregator.errors import IndexWriteFailed
from pmi_aggregator.index import sqlite as sqlite_backend
from pmi_aggregator.index.sqlite import SqliteIndex
from pmi_aggregator.index.write_failures import CORRUPT, DISK_FULL, LOCKED, READ_ONLY, failure_kind


def article(n: int) -> Article:
    return Article(
        url=f"https://example.com/berita/{n}/",
        source="s",
        title=f"Pekerja migran {n}",
        body="Pekerja migran Indonesia di Hong Kong. " * 200,
    )


@pytest.fixture
def index(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlite_backend, "_BUSY_TIMEOUT", 0.2)
    opened = SqliteIndex(tmp_path / "pmi.db")
    opened.upsert([article(0)])
    yield opened
    opened.close()


def refused(index: SqliteIndex, *articles: Article) -> IndexWriteFailed:
    with pytest.raises(IndexWriteFailed) as info:
        index.upsert(list(articles))
    return info.value


def test_a_read_only_index(index):
    index._db.execute("PRAGMA query_only=1")
    failure = refused(index, article(1))
    assert failure.kind == READ_ONLY and str(failure).startswith("index is read-only: ")


def test_a_full_disk(index):
    pages = index._db.execute("PRAGMA page_count").fetchone()[0]
    index._db.execute(f"PRAGMA max_page_count={pages}")
    failure = refused(index, *(article(n) for n in range(1, 40)))
    assert failure.kind == DISK_FULL and str(failure).startswith("disk full: ")
    index._db.execute("PRAGMA max_page_count=1073741823")
    assert index.upsert([article(1)]).new == 1  # nothing was left half-written; the next write goes in


def test_a_lock_held_past_the_busy_timeout(index, tmp_path):
    other = sqlite3.connect(tmp_path / "pmi.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        failure = refused(index, article(1))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert failure.kind == LOCKED and str(failure).startswith("index is locked: ")
    assert index.upsert([article(1)]).new == 1


def test_corruption_is_its_own_kind(tmp_path):
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(b"this is not a database at all" * 200)
    with pytest.raises(sqlite3.DatabaseError) as info:
        sqlite3.connect(damaged).execute("SELECT * FROM sqlite_master")
    assert failure_kind(info.value) == CORRUPT


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (OSError(28, "No space left on device"), DISK_FULL),
        (OSError(30, "Read-only file system"), READ_ONLY),
        (OSError(13, "Permission denied"), READ_ONLY),
    ],
)
def test_os_errors_by_errno(error, kind):
    assert failure_kind(error) == kind
