"""Linking's side store: each article's features and groups, in SQLite beside the index.

For the embedded index the tables live in the index file itself; for Elasticsearch in a side file
(``index.location.stories_path_for``). Candidates are found by two lookups that make the pairwise
tests of ``stories.similarity`` complete without scanning: MinHash bands (copies, at any distance in
time) and key terms by day (reports of one event, within the window).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pmi_aggregator.errors import IndexFailure
from pmi_aggregator.stories.features import Features
from pmi_aggregator.stories.similarity import DEFAULT, Thresholds, least_shared_keys

BANDS = 16
ROWS = 4
"""16 bands of 4 MinHash values: a pair with Jaccard 0.6 meets in a band 88 % of the time, 0.1 in 0.2 %."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS story_articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    at TEXT,
    basis TEXT,
    day INTEGER,
    content_hash TEXT NOT NULL,
    shingles INTEGER NOT NULL,
    signature BLOB NOT NULL,
    keys TEXT NOT NULL,
    credited TEXT,
    figures TEXT NOT NULL,
    copy_group TEXT NOT NULL,
    story TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles(story);
CREATE INDEX IF NOT EXISTS story_articles_copy_group ON story_articles(copy_group);
CREATE TABLE IF NOT EXISTS story_bands (
    band INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (band, article)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_bands_article ON story_bands(article);
CREATE TABLE IF NOT EXISTS story_keys (
    key TEXT NOT NULL, day INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (key, day, article)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_keys_article ON story_keys(article);
"""
_COLUMNS = "id, source, at, basis, day, content_hash, shingles, signature, keys, credited, figures, copy_group, story"


@dataclass(frozen=True)
class Member:
    """A stored article: its features and the groups it is in."""

    features: Features
    copy_group: str
    story: str


def band_keys(signature: np.ndarray) -> list[int]:
    """One 63-bit key per band: articles that agree on a whole band share its key."""
    keys = []
    for band in range(BANDS):
        part = signature[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(part, digest_size=8, person=band.to_bytes(2, "little")).digest()
        keys.append(int.from_bytes(digest, "little") >> 1)
    return keys


def _member(row: tuple) -> Member:
    (
        art_id,
        source,
        at,
        basis,
        day,
        content_hash,
        shingles,
        signature,
        keys,
        credited,
        figures,
        copy_group,
        story,
    ) = row
    features = Features(
        id=art_id,
        source=source,
        at=at,
        basis=basis,
        day=day,
        content_hash=content_hash,
        shingles=shingles,
        signature=np.frombuffer(signature, dtype=np.uint32),
        keys=frozenset(json.loads(keys)),
        credited=credited,
        figures=frozenset(json.loads(figures)),
    )
    return Member(features, copy_group, story)


class LinkStore:
    """Features and groups of every linked article, with the two candidate lookups."""

    def __init__(self, path: str | Path, thresholds: Thresholds = DEFAULT) -> None:
        self.thresholds = thresholds
        try:
            if str(path) != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), timeout=30.0, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise IndexFailure(f"cannot open the story store at {path}: {exc}") from exc

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction; a SQLite error (a locked or broken file) is an ``IndexFailure``."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise IndexFailure(f"the story store is busy or read-only: {exc}") from exc
        try:
            yield
        except sqlite3.Error as exc:
            self._db.execute("ROLLBACK")
            raise IndexFailure(f"story store write failed: {exc}") from exc
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def get(self, article_id: str) -> Member | None:
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM story_articles WHERE id = ?", (article_id,)
        ).fetchone()
        return _member(row) if row else None

    def members(self, ids: Iterable[str]) -> list[Member]:
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM story_articles WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(ids)),),
        )
        return [_member(row) for row in rows]

    def story_members(self, stories: Iterable[str]) -> list[Member]:
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM story_articles WHERE story IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(set(stories))),),
        )
        return [_member(row) for row in rows]

    def candidates(self, features: Features) -> list[Member]:
        """Stored articles that may be copies (a shared band) or reports of the same event (enough
        shared keys within the window); a superset of those that pass the pairwise tests."""
        bands = json.dumps(band_keys(features.signature))
        sql = "SELECT article FROM story_bands WHERE band IN (SELECT value FROM json_each(?))"
        params: list[object] = [bands]
        if features.day is not None and features.keys:
            window = self.thresholds.window_days
            sql += (
                " UNION SELECT article FROM story_keys WHERE key IN (SELECT value FROM json_each(?)) "
                "AND day BETWEEN ? AND ? GROUP BY article HAVING count(*) >= ?"
            )
            params += [
                json.dumps(sorted(features.keys)),
                features.day - window,
                features.day + window,
                least_shared_keys(features, self.thresholds),
            ]
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM story_articles WHERE rowid IN ({sql}) AND id != ?",
            [*params, features.id],
        )
        return [_member(row) for row in rows]

    def put(self, features: Features, copy_group: str, story: str) -> None:
        self.put_many([(features, copy_group, story)])

    def put_many(self, items: list[tuple[Features, str, str]]) -> None:
        """Store new articles with their groups: one statement per table (a relink, a benchmark fill)."""
        if not items:
            return
        first = self._db.execute("SELECT coalesce(max(rowid), 0) + 1 FROM story_articles").fetchone()[0]
        rows, bands, keys = [], [], []
        for rowid, (f, copy_group, story) in enumerate(items, start=first):
            signature = f.signature.astype(np.uint32)
            rows.append(
                (
                    rowid,
                    f.id,
                    f.source,
                    f.at,
                    f.basis,
                    f.day,
                    f.content_hash,
                    f.shingles,
                    signature.tobytes(),
                    json.dumps(sorted(f.keys)),
                    f.credited,
                    json.dumps(sorted(f.figures)),
                    copy_group,
                    story,
                )
            )
            bands += [(band, rowid) for band in band_keys(signature)]
            if f.day is not None:
                keys += [(key, f.day, rowid) for key in f.keys]
        self._db.executemany(
            f"INSERT INTO story_articles (rowid, {_COLUMNS}) VALUES ({', '.join('?' * len(rows[0]))})", rows
        )
        self._db.executemany("INSERT OR IGNORE INTO story_bands (band, article) VALUES (?, ?)", bands)
        self._db.executemany("INSERT OR IGNORE INTO story_keys (key, day, article) VALUES (?, ?, ?)", keys)

    def assign(self, groups: Iterable[tuple[str, str, str]]) -> None:
        """(article id, copy group, story) for articles whose groups changed."""
        self._db.executemany(
            "UPDATE story_articles SET copy_group = ?, story = ? WHERE id = ?",
            [(copy_group, story, art_id) for art_id, copy_group, story in groups],
        )

    def remove(self, article_id: str) -> None:
        row = self._db.execute("SELECT rowid FROM story_articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return
        self._db.execute("DELETE FROM story_bands WHERE article = ?", row)
        self._db.execute("DELETE FROM story_keys WHERE article = ?", row)
        self._db.execute("DELETE FROM story_articles WHERE rowid = ?", row)

    def stories(self) -> dict[str, str]:
        """Article id -> story id, for every stored article."""
        return dict(self._db.execute("SELECT id, story FROM story_articles"))

    def copy_groups(self) -> dict[str, str]:
        """Article id -> the id of the earliest copy of its text (itself when it has none)."""
        return dict(self._db.execute("SELECT id, copy_group FROM story_articles"))

    def links(self, ids: list[str]) -> dict[str, tuple[str, str | None, str | None]]:
        """Article id -> (story id, copy of, copy basis) as ``stories.linker.Link`` holds them."""
        rows = self._db.execute(
            "SELECT s.id, s.story, s.copy_group, l.basis FROM story_articles s "
            "LEFT JOIN story_articles l ON l.id = s.copy_group "
            "WHERE s.id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        )
        return {
            art_id: (story, None, None) if copy_group == art_id else (story, copy_group, basis)
            for art_id, story, copy_group, basis in rows
        }

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM story_articles").fetchone()[0]

    def clear(self) -> None:
        self._db.executescript(
            "BEGIN IMMEDIATE; DELETE FROM story_bands; DELETE FROM story_keys; DELETE FROM story_articles; COMMIT;"
        )

    def close(self) -> None:
        self._db.close()
