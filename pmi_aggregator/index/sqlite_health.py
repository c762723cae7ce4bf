"""Checking an embedded index for damage, and rebuilding it from the articles it still holds.

The check runs SQLite's own integrity check, FTS5's (which compares the search structures with the
terms they index) and a count of rows the two tables disagree on. The repair does not patch the
damaged file: it reads every article that can still be read, row window by row window, into a new
file (so the search terms, facets and FTS structures are rebuilt from the stored documents), sets the
damaged file aside as ``<file>.corrupt-<UTC time>`` and puts the new one in its place.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pmi_aggregator.article import Article
from pmi_aggregator.errors import IndexDamaged, IndexUnavailable
from pmi_aggregator.index.contract import Index
from pmi_aggregator.index.damage import set_aside

MAX_PROBLEMS = 20
"""Lines of a check kept; a badly damaged file repeats one problem per cell."""
_WINDOW = 200
"""Rows read per query in a repair; a window that fails is read row by row."""
_BATCH = 500


def _connect(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise IndexUnavailable(f"no index at {path}")
    return sqlite3.connect(str(path), timeout=30.0, isolation_level=None)


def _first_line(exc: BaseException) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200]


def check(path: Path) -> list[str]:
    """What is wrong with the index file, one line per problem; empty when it is sound."""
    try:
        db = _connect(path)
    except sqlite3.DatabaseError as exc:
        return [f"cannot be opened: {_first_line(exc)}"]
    try:
        return _problems(db)
    finally:
        db.close()


def quick_problem(path: Path) -> str | None:
    """The first problem a quick look finds, or None: SQLite's page-level check (no index contents)
    and one read of the full-text structures, which a search or a write would need. A crawl looks
    before it starts, since a run that only finds unchanged articles would never touch the damage."""
    try:
        db = _connect(path)
    except sqlite3.DatabaseError as exc:
        return _first_line(exc)
    try:
        (result,) = db.execute("PRAGMA quick_check(1)").fetchone()
        if result != "ok":
            return str(result).splitlines()[-1][:200]
        db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'pmi' LIMIT 1").fetchall()
    except sqlite3.DatabaseError as exc:
        return _first_line(exc)
    finally:
        db.close()
    return None


def _problems(db: sqlite3.Connection) -> list[str]:
    problems: list[str] = []
    try:
        rows = db.execute(f"PRAGMA integrity_check({MAX_PROBLEMS})").fetchall()
        problems += [line for (text,) in rows for line in str(text).splitlines() if line != "ok"]
    except sqlite3.DatabaseError as exc:
        return [f"SQLite integrity check: {_first_line(exc)}"]
    queries = {
        "full-text index": "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)",
        "articles missing from the full-text index": (
            "SELECT count(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM articles_fts_docsize d WHERE d.id = a.rowid)"
        ),
        "full-text rows without an article": (
            "SELECT count(*) FROM articles_fts_docsize d WHERE NOT EXISTS "
            "(SELECT 1 FROM articles a WHERE a.rowid = d.id)"
        ),
        "stored documents that are not valid JSON": "SELECT count(*) FROM articles WHERE NOT json_valid(doc)",
    }
    for what, sql in queries.items():
        try:
            db.execute("BEGIN")  # the FTS5 check is a command; nothing is kept
            row = db.execute(sql).fetchone()
            if row is not None and row[0]:
                problems.append(f"{what}: {row[0]}")
        except sqlite3.DatabaseError as exc:
            problems.append(f"{what}: {_first_line(exc)}")
        finally:
            if db.in_transaction:
                db.execute("ROLLBACK")
    return problems[:MAX_PROBLEMS]


@dataclass(frozen=True)
class Repair:
    """What a repair did: articles carried over, rows that could not be read, where the old file went."""

    kept: int
    lost: int
    set_aside: Path
    readable: bool
    """False when not even the extent of the articles table could be read (nothing carried over)."""


def repair(path: Path) -> Repair:
    """Rebuild the index at ``path`` from the articles it still holds (the caller holds the crawl lock)."""
    from pmi_aggregator.index.sqlite import SqliteIndex

    fresh_path = path.with_name(path.name + ".repairing")
    _remove_with_side_files(fresh_path)
    try:
        db = _connect(path)
    except sqlite3.DatabaseError as exc:
        raise IndexDamaged(f"the index at {path} cannot be read at all ({_first_line(exc)})") from exc
    kept = lost = 0
    try:
        top = _highest_rowid(db)
        fresh = SqliteIndex(fresh_path)
        try:
            batch: list[Article] = []
            for article in _salvage(db, top or 0):
                if article is None:
                    lost += 1
                    continue
                batch.append(article)
                if len(batch) >= _BATCH:
                    kept += _written(fresh, batch)
                    batch = []
            kept += _written(fresh, batch)
        finally:
            fresh.close()
    finally:
        db.close()
    aside = set_aside(path)
    os.replace(fresh_path, path)
    _remove_with_side_files(fresh_path)
    return Repair(kept, lost, aside, readable=top is not None)


def _written(index: Index, batch: list[Article]) -> int:
    if not batch:
        return 0
    return len(batch) - index.upsert(batch).failed


def _salvage(db: sqlite3.Connection, top: int) -> Iterator[Article | None]:
    """Every stored article up to rowid ``top`` that still reads; None for each row that does not."""
    for start in range(1, top + 1, _WINDOW):
        end = min(start + _WINDOW - 1, top)
        try:
            rows = db.execute(
                "SELECT rowid, doc FROM articles WHERE rowid BETWEEN ? AND ?", (start, end)
            ).fetchall()
        except sqlite3.DatabaseError:
            rows = list(_row_by_row(db, start, end))
        for _, doc in rows:
            yield _article(doc)


def _row_by_row(db: sqlite3.Connection, start: int, end: int) -> Iterator[tuple[int, str | None]]:
    for rowid in range(start, end + 1):
        try:
            row = db.execute("SELECT rowid, doc FROM articles WHERE rowid = ?", (rowid,)).fetchone()
        except sqlite3.DatabaseError:
            yield rowid, None  # a row on a damaged page (or no row there: both unknowable now)
            continue
        if row is not None:
            yield row


def _highest_rowid(db: sqlite3.Connection) -> int | None:
    """The highest rowid of the articles table, else of the FTS side table; None: neither reads."""
    for sql in ("SELECT max(rowid) FROM articles", "SELECT max(id) FROM articles_fts_docsize"):
        try:
            return int(db.execute(sql).fetchone()[0] or 0)
        except sqlite3.DatabaseError:
            continue
    return None


def _article(doc: str | None) -> Article | None:
    if doc is None:
        return None
    try:
        return Article.from_json(doc)
    except Exception:  # a bit-flipped document: lost, and counted
        return None


def _remove_with_side_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
