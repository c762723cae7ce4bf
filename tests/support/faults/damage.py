"""Damaged index files, made the way disks and crashes make them: pages overwritten, a file cut short."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path


def _pages(path: Path) -> tuple[dict[str, list[int]], int]:
    db = sqlite3.connect(str(path))
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the main file
        pages: dict[str, list[int]] = {}
        for name, page in db.execute("SELECT name, pageno FROM dbstat ORDER BY pageno"):
            pages.setdefault(name, []).append(page)
        return pages, db.execute("PRAGMA page_size").fetchone()[0]
    finally:
        db.close()


def overwrite_pages(path: Path, table: str, *, first: int = 0, count: int | None = None) -> int:
    """Fill pages of ``table`` (a table, index or FTS5 shadow table) with garbage; how many.

    A small table may have fewer pages than ``first``: its last page is taken then."""
    pages, size = _pages(path)
    chosen = pages[table][first : None if count is None else first + count] or pages[table][-1:]
    with open(path, "r+b") as file:
        for page in chosen:
            file.seek((page - 1) * size)
            file.write(bytes((i * 37 + 11) % 256 for i in range(size)))
    return len(chosen)


DAMAGES = {
    "fts structure": lambda path: overwrite_pages(path, "articles_fts_data"),
    "fts content": lambda path: overwrite_pages(path, "articles_fts_content", first=1, count=1),
    "articles page": lambda path: overwrite_pages(path, "articles", first=1, count=1),
    "truncated": lambda path: os.truncate(path, path.stat().st_size // 2),
    "not a database": lambda path: path.write_bytes(b"garbage" * 100 + path.read_bytes()[700:]),
}
"""Each class of damage the index must report (exit 4) and repair."""
