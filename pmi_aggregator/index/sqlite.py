"""The embedded index: one SQLite file, FTS5 over analyzed terms, BM25 with a title boost."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from datetime import timezone
from pathlib import Path
from typing import Any, ClassVar

import orjson

from pmi_aggregator.article import Article
from pmi_aggregator.errors import IndexFailure, IndexUnavailable
from pmi_aggregator.index.analysis import article_terms
from pmi_aggregator.index.contract import (
    FACET_FIELDS,
    MAX_VALUE_LENGTH,
    FacetCounts,
    Index,
    Page,
    SearchRequest,
    UpsertResult,
    coerce_articles,
    facet_values,
)
from pmi_aggregator.index.cursor import Position, is_count
from pmi_aggregator.index.damage import damaged, is_damage, reports_damage
from pmi_aggregator.index.periods import PERIOD_LABEL_LENGTH, PERIOD_OFFSET, PeriodRow
from pmi_aggregator.index.query import Clause, Query, QueryError, parse_query
from pmi_aggregator.index.ranking import BODY_WEIGHT, TITLE_WEIGHT
from pmi_aggregator.index.write_failures import write_failed

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    published_utc TEXT,
    content_hash TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_source ON articles(source, published_utc);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published_utc);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
    title_terms, body_terms, tokenize = 'unicode61 remove_diacritics 0', detail = full
);
"""


_CHUNK = 500
"""Articles looked up and inserted together: one query per table per chunk instead of one per article."""


def _article_columns(article: Article) -> tuple[str, str, str | None, str, str]:
    """(id, source, published_utc, content_hash, doc) for the articles table."""
    doc = article.to_dict()
    return (
        doc["id"],
        article.source,
        _utc_key(article),
        doc["content_hash"],
        orjson.dumps(doc).decode(),
    )


def _fts_row(rowid: int, article: Article) -> tuple[int, str, str]:
    return rowid, *article_terms(article.title, article.summary, article.body)


def _facet_rows(rowid: int, article: Article) -> list[tuple[str, str, int]]:
    return [(name, value, rowid) for name in FACET_FIELDS for value in facet_values(article, name)]


_FACET_SCHEMA = """
CREATE TABLE IF NOT EXISTS article_facets (
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    article INTEGER NOT NULL,
    PRIMARY KEY (field, value, article)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS article_facets_article ON article_facets(article, field, value);
"""
"""One row per (facet field, value, articles rowid): filters look values up, facets group them."""
_FACET_BACKFILL = "".join(
    "INSERT OR IGNORE INTO article_facets (field, value, article) "
    f"SELECT '{name}', j.value, a.rowid FROM articles a, json_each(a.doc, '$.{name}') j "
    f"WHERE j.type = 'text' AND length(j.value) BETWEEN 1 AND {MAX_VALUE_LENGTH};"
    for name in FACET_FIELDS
)
"""The side table of the documents already stored (as ``facet_values`` would fill it)."""

_DATE_KEYS = {"newest": ("''", "DESC", "<"), "oldest": ("'~'", "ASC", ">")}
"""Per date sort: what an undated article sorts as (last either way), the direction, the keyset test."""


def _date_key(sort: str, table: str = "a.") -> str:
    return f"coalesce({table}published_utc, {_DATE_KEYS[sort][0]})"


_ORDER_SCHEMA = "".join(
    f"CREATE INDEX IF NOT EXISTS articles_{sort} ON articles({_date_key(sort, '')});"
    f"CREATE INDEX IF NOT EXISTS articles_source_{sort} ON articles(source, {_date_key(sort, '')});"
    for sort in _DATE_KEYS
)
"""The date sorts as indexes, so a page by date reads its own rows instead of sorting every match."""

_FACET_TOTALS = """
CREATE TABLE IF NOT EXISTS facet_totals (
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    articles INTEGER NOT NULL,
    PRIMARY KEY (field, value)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS facet_totals_add AFTER INSERT ON article_facets BEGIN
    INSERT INTO facet_totals (field, value, articles) VALUES (new.field, new.value, 1)
    ON CONFLICT (field, value) DO UPDATE SET articles = articles + 1;
END;
CREATE TRIGGER IF NOT EXISTS facet_totals_remove AFTER DELETE ON article_facets BEGIN
    UPDATE facet_totals SET articles = articles - 1 WHERE field = old.field AND value = old.value;
    DELETE FROM facet_totals WHERE field = old.field AND value = old.value AND articles <= 0;
END;
INSERT INTO facet_totals (field, value, articles)
    SELECT field, value, count(*) FROM article_facets GROUP BY field, value;
"""
"""Articles per facet value, kept by triggers: the facets of the whole index without a scan."""

_MIGRATIONS = (
    _SCHEMA,
    # Merge FTS segments eight at a time instead of four: a sixth less write work per upsert, for a
    # few more segments per search (well within the search-latency budget; see benchmarks/).
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);",
    _FACET_SCHEMA + _FACET_BACKFILL,
    _ORDER_SCHEMA + _FACET_TOTALS,
    "CREATE INDEX IF NOT EXISTS articles_story ON articles(coalesce(json_extract(doc, '$.story_id'), id));",
)
"""Schema steps; ``PRAGMA user_version`` counts those applied."""
SCHEMA_VERSION = len(_MIGRATIONS)


def _utc_key(article: Article) -> str | None:
    value = article.published_at
    return value.astimezone(timezone.utc).isoformat()[:19] if value else None


def _period_sql(by: str) -> str:
    """The label of an article's period (``index.periods``), from its UTC key shifted to WIB."""
    local = f"datetime(a.published_utc, '+{PERIOD_OFFSET.total_seconds():.0f} seconds')"
    if by == "week":  # ISO weeks: the Monday on or before the day
        return f"date({local}, '-6 days', 'weekday 1')"
    return f"substr({local}, 1, {PERIOD_LABEL_LENGTH[by]})"


def _successor(prefix: str) -> str | None:
    """The least string above every string that starts with ``prefix`` (None: there is none)."""
    stripped = prefix.rstrip(chr(0x10FFFF))
    if not stripped:
        return None
    code = ord(stripped[-1]) + 1
    return stripped[:-1] + chr(0xE000 if 0xD800 <= code < 0xE000 else code)  # surrogates are no text


def _fts_clause(clause: Clause) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in clause) + '"'


def render_fts(query: Query) -> str | None:
    """The FTS5 MATCH expression for a parsed query: every term quoted, so it is never syntax."""
    groups = ["(" + " OR ".join(_fts_clause(c) for c in group) + ")" for group in query.groups]
    return " AND ".join(groups) or None


def render_match(query: Query) -> str | None:
    """``render_fts`` with the exclusions as FTS5's own NOT: the index drops them while it matches,
    instead of a second match whose rowids every hit is tested against (bm25 is unchanged: an
    excluded phrase occurs zero times in every hit, so it adds nothing to a score)."""
    positive = render_fts(query)
    if positive is None or not query.excluded:
        return positive
    return f"({positive}) NOT ({' OR '.join(_fts_clause(c) for c in query.excluded)})"


_MATCHES = "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
"""The rowids an FTS5 expression matches, as a table to alias."""
_STORY = "coalesce(json_extract(a.doc, '$.story_id'), a.id)"
"""An article's story (``contract.story_of``), as the ``articles_story`` index holds it."""

_MAX_ROWID = 2**63 - 1
"""SQLite's largest rowid: the end of the gap after the last match."""

_LOOKUP_COST = 7
"""A side-table lookup and sort per article costs about this many membership probes (bench_scale):
facets take the plan that does the least of either."""

_BUSY_TIMEOUT = 30.0
"""Seconds a connection waits for another process's write (a crawl's batch, a migration)."""


@reports_damage
class SqliteIndex(Index):
    """Articles in one SQLite file (WAL mode, so searches run while a crawl writes)."""

    needs_outbox: ClassVar[bool] = False

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        memory = str(path) == ":memory:"
        self.url = "sqlite:///:memory:" if memory else f"sqlite:///{self.path.resolve()}"
        self._lock = threading.RLock()
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                str(self.path), timeout=_BUSY_TIMEOUT, check_same_thread=False, isolation_level=None
            )
            self._set_up()
        except sqlite3.DatabaseError as exc:
            if is_damage(exc):
                raise damaged(self.path, exc) from exc
            raise IndexUnavailable(f"cannot open the index at {self.path}: {exc}") from exc
        except OSError as exc:
            raise IndexUnavailable(f"cannot create the index at {self.path}: {exc.strerror}") from exc

    def _set_up(self) -> None:
        """WAL mode and the schema, waiting while another process sets up the same new file.

        Switching a new file to WAL does not wait for SQLite's busy handler: a second crawl opening
        the file while the first one migrates it gets "database is locked" at once. So the set-up
        is retried until the busy timeout runs out.
        """
        deadline = time.monotonic() + _BUSY_TIMEOUT
        while True:
            try:
                # New files only (an existing file keeps its page size): a stored article is about
                # 3 KB, so 4 KB pages held one each; 16 KB pages pack them and write a sixth less.
                self._db.execute("PRAGMA page_size=16384")
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute(f"PRAGMA busy_timeout={int(_BUSY_TIMEOUT * 1000)}")
                self._migrate()
                return
            except sqlite3.OperationalError as exc:
                busy = "locked" in str(exc) or "busy" in str(exc)
                if not busy or time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise IndexUnavailable(
                f"the index at {self.path} was written by a newer pmi-aggregator (schema {version}); upgrade"
            )
        if version < SCHEMA_VERSION:
            with self._lock:
                steps = "".join(_MIGRATIONS[version:])
                self._db.executescript(f"BEGIN IMMEDIATE;{steps}PRAGMA user_version={SCHEMA_VERSION};COMMIT;")

    def _transaction(self):
        return _Transaction(self._db, self._lock)

    # -- writes ---------------------------------------------------------------------------------
    def upsert(self, articles: Iterable[Article | Mapping[str, Any]]) -> UpsertResult:
        """Raises IndexWriteFailed (its kind from ``index.write_failures``) when SQLite refuses the write."""
        result = UpsertResult()
        try:
            with self._transaction() as db:
                chunk: list[Article] = []
                for article in coerce_articles(articles):
                    chunk.append(article)
                    if len(chunk) == _CHUNK:
                        self._upsert_chunk(db, chunk, result)
                        chunk = []
                if chunk:
                    self._upsert_chunk(db, chunk, result)
        except sqlite3.Error as exc:
            raise write_failed(exc) from exc
        return result

    def _upsert_chunk(self, db: sqlite3.Connection, chunk: list[Article], result: UpsertResult) -> None:
        """One lookup for the whole chunk, then one bulk insert per table for its new articles."""
        stored = {
            article_id: (rowid, doc)
            for article_id, rowid, doc in db.execute(
                "SELECT id, rowid, doc FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps([article.id for article in chunk]),),
            )
        }
        next_rowid = db.execute("SELECT coalesce(max(rowid), 0) + 1 FROM articles").fetchone()[0]
        latest: dict[str, Article] = {}  # what each id holds now, for an id met twice in one call
        fresh: dict[
            str, tuple[list[Any], tuple[int, str, str], Article]
        ] = {}  # id -> (row, FTS row, article)
        for article in chunk:
            article_id = article.id
            previous = latest.get(article_id)
            if previous is None and article_id in stored:
                previous = Article.from_json(stored[article_id][1])
            latest[article_id] = article
            if previous is None:
                result.new += 1
            elif previous.same_content(article):
                result.unchanged += 1
                continue
            else:
                result.updated += 1
            if article_id in stored:  # already in the table: rewritten in place, keeping its rowid
                self._replace(db, stored[article_id][0], article)
                continue
            if article_id in fresh:
                rowid = fresh[article_id][0][0]
            else:
                rowid, next_rowid = next_rowid, next_rowid + 1
            fresh[article_id] = ([rowid, *_article_columns(article)], _fts_row(rowid, article), article)
        if fresh:
            db.executemany(
                "INSERT INTO articles (rowid, id, source, published_utc, content_hash, doc) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [row for row, _, _ in fresh.values()],
            )
            db.executemany(
                "INSERT INTO articles_fts (rowid, title_terms, body_terms) VALUES (?, ?, ?)",
                [fts for _, fts, _ in fresh.values()],
            )
            db.executemany(
                "INSERT INTO article_facets (field, value, article) VALUES (?, ?, ?)",
                [facet for row, _, article in fresh.values() for facet in _facet_rows(row[0], article)],
            )

    def _replace(self, db: sqlite3.Connection, rowid: int, article: Article) -> None:
        db.execute("DELETE FROM articles_fts WHERE rowid = ?", (rowid,))
        db.execute(
            "UPDATE articles SET id = ?, source = ?, published_utc = ?, content_hash = ?, doc = ? "
            "WHERE rowid = ?",
            (*_article_columns(article), rowid),
        )
        db.execute(
            "INSERT INTO articles_fts (rowid, title_terms, body_terms) VALUES (?, ?, ?)",
            _fts_row(rowid, article),
        )
        db.execute("DELETE FROM article_facets WHERE article = ?", (rowid,))
        db.executemany(
            "INSERT INTO article_facets (field, value, article) VALUES (?, ?, ?)", _facet_rows(rowid, article)
        )

    def delete(self, article_id: str) -> bool:
        with self._transaction() as db:
            row = db.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                return False
            db.execute("DELETE FROM articles_fts WHERE rowid = ?", (row[0],))
            db.execute("DELETE FROM article_facets WHERE article = ?", (row[0],))
            db.execute("DELETE FROM articles WHERE rowid = ?", (row[0],))
            return True

    # -- reads ----------------------------------------------------------------------------------
    def get(self, article_id: str) -> Article | None:
        row = self._read("SELECT doc FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Article.from_json(row[0]) if row else None

    def count(self, *, source: str | None = None) -> int:
        if source is None:
            return self._read("SELECT count(*) FROM articles").fetchone()[0]
        return self._read("SELECT count(*) FROM articles WHERE source = ?", (source,)).fetchone()[0]

    def iter_articles(self, *, batch_size: int = 500) -> Iterator[Article]:
        last = ""
        while True:
            rows = self._read(
                "SELECT id, doc FROM articles WHERE id > ? ORDER BY id LIMIT ?", (last, batch_size)
            ).fetchall()
            if not rows:
                return
            for _, doc in rows:
                yield Article.from_json(doc)
            last = rows[-1][0]

    def source_stats(self) -> dict[str, dict[str, Any]]:
        rows = self._read(
            "SELECT source, count(*), max(published_utc) FROM articles GROUP BY source ORDER BY source"
        ).fetchall()
        return {source: {"articles": n, "newest": newest} for source, n, newest in rows}

    def _ids_with_prefix(self, prefix: str, limit: int) -> list[str]:
        """A range scan of the id index: ids sort byte-wise, so the prefix's ids are contiguous."""
        sql, params = "SELECT id FROM articles WHERE id >= ?", [prefix]
        if (end := _successor(prefix)) is not None:
            sql, params = sql + " AND id < ?", [prefix, end]
        return [row[0] for row in self._read(f"{sql} ORDER BY id LIMIT ?", [*params, limit])]

    # -- search ---------------------------------------------------------------------------------
    def _execute(self, request: SearchRequest, parsed: Query, after: Position | None) -> Page:
        match = render_match(parsed)
        if match is None:
            return self._browse(request, *self._conditions(request, parsed), after)
        if request.sort != "relevance":
            return self._dated_matches(request, parsed, match, after)
        return self._ranked(request, match, *self._conditions(request, parsed, rowids=True), after)

    def _conditions(
        self, request: SearchRequest, parsed: Query, *, rowids: bool = False
    ) -> tuple[list[str], list[Any]]:
        """The filters and the query's exclusions, on the articles table aliased ``a``.

        With ``rowids``, each is a test of ``a.rowid`` alone (the source and date filters a rowid set
        from their covering index): a match set is then filtered without reading its articles' rows,
        which hold the documents and cost a page each.
        """
        where, params = self._column_filters(request)
        if rowids and where:
            where = [f"a.rowid IN (SELECT rowid FROM articles a WHERE {' AND '.join(where)})"]
        for name, values in request.facet_filters:
            where.append(
                "a.rowid IN (SELECT article FROM article_facets "
                f"WHERE field = ? AND value IN ({','.join('?' * len(values))}))"
            )
            params.extend([name, *values])
        if parsed.excluded and not parsed.groups:  # with words, the exclusions are in the match
            excluded = " OR ".join(_fts_clause(c) for c in parsed.excluded)
            where.append("a.rowid NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(excluded)
        if rowids:  # tests of a match's rowids: ``+`` keeps SQLite from running FTS5 once per rowid of a set
            where = [f"+{condition}" for condition in where]
        return where, params

    def _facet_counts(
        self, request: SearchRequest, parsed: Query, fields: tuple[str, ...], limit: int
    ) -> FacetCounts:
        """One GROUP BY over the side table rows of the matching rowids (no document is read), or,
        when the match is a large part of the index, a plan whose work does not grow with it."""
        match = render_match(parsed)
        where, params = self._conditions(request, parsed, rowids=match is not None)
        marks = ",".join("?" * len(fields))
        if match is None and not where:  # every article: the totals the triggers keep
            sql = f"SELECT field, value, articles FROM facet_totals WHERE field IN ({marks})"
            return self._grouped(sql, list(fields), fields)
        if match is None:
            matching = f"SELECT a.rowid FROM articles a WHERE {' AND '.join(where)}"
        elif not where:  # the FTS rowids alone: no join with the articles table
            matching, params = "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [match]
        else:
            matching, params = (
                f"SELECT a.rowid FROM {_MATCHES} a WHERE {' AND '.join(where)}",
                [match, *params],
            )
        matches, last = self._read(
            f"SELECT count(*), coalesce(max(rowid), 0) FROM ({matching})", params
        ).fetchone()
        stored = self._read("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]
        if match is not None and not where and (stored - matches) * _LOOKUP_COST < stored:
            return self._facets_by_complement(match, last, fields)
        if matches * _LOOKUP_COST > stored:
            return self._facets_by_membership(matching, params, fields)
        sql = (
            f"WITH m AS MATERIALIZED ({matching}) "
            "SELECT f.field, f.value, count(*) FROM m JOIN article_facets f ON f.article = m.rowid "
            f"WHERE f.field IN ({marks}) GROUP BY f.field, f.value"
        )
        return self._grouped(sql, [*params, *fields], fields)

    def _facets_by_membership(self, matching: str, params: list[Any], fields: tuple[str, ...]) -> FacetCounts:
        """Each value's articles, in the side table's order, tested against the match set: a memory
        probe per side-table row of the asked fields and no sort, cheaper than a lookup and a sort per
        match once the match is a large part of the index."""
        marks = ",".join("?" * len(fields))
        sql = (
            "SELECT t.field, t.value, (SELECT count(*) FROM article_facets f "
            f"WHERE f.field = t.field AND f.value = t.value AND +f.article IN ({matching})) AS n "
            f"FROM facet_totals t WHERE t.field IN ({marks})"
        )
        counts: FacetCounts = {name: [] for name in fields}
        for name, value, n in self._read(sql, [*params, *fields]):
            if n:
                counts[name].append((value, n))
        return counts

    def _facets_by_complement(self, match: str, last: int, fields: tuple[str, ...]) -> FacetCounts:
        """The facets of a word match that nearly every article passes: the kept totals minus the counts of the
        articles it misses, so the side table is read for the smaller side only.

        The misses are the gaps between consecutive matching rowids (FTS5 yields them in order) and
        after the ``last`` one, each a range seek of the side table's article index; a rowid in a gap
        with no article has no side-table rows, so the counts are exact.
        """
        marks = ",".join("?" * len(fields))
        missed = (
            "WITH m AS (SELECT rowid AS r, lag(rowid, 1, 0) OVER (ORDER BY rowid) AS p "
            "FROM articles_fts WHERE articles_fts MATCH ?), "
            "gaps AS (SELECT p + 1 AS lo, r - 1 AS hi FROM m WHERE r > p + 1 "
            f"UNION ALL SELECT ?, {_MAX_ROWID}) "
            "SELECT f.field, f.value, count(*) FROM gaps g "
            "CROSS JOIN article_facets f INDEXED BY article_facets_article ON f.article BETWEEN g.lo AND g.hi "
            f"WHERE +f.field IN ({marks}) GROUP BY f.field, f.value"
        )
        without = {(name, value): n for name, value, n in self._read(missed, [match, last + 1, *fields])}
        counts: FacetCounts = {name: [] for name in fields}
        totals = f"SELECT field, value, articles FROM facet_totals WHERE field IN ({marks})"
        for name, value, n in self._read(totals, fields):
            if (kept := n - without.get((name, value), 0)) > 0:
                counts[name].append((value, kept))
        return counts

    def _period_counts(
        self, request: SearchRequest, parsed: Query, by: str, split: str | None, limit: int, collapse: bool
    ) -> list[PeriodRow]:
        """One GROUP BY over the date column (in WIB) and the split's column or side-table value."""
        where, params = self._conditions(request, parsed)
        if (match := render_match(parsed)) is not None:
            where.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(match)
        joins: list[str] = []
        join_params: list[Any] = []
        group = "NULL"
        if split == "source":
            group = "a.source"
        elif split is not None:
            joins.append("JOIN article_facets f ON f.article = a.rowid AND f.field = ?")
            join_params.append(split)
            group = "f.value"
        sql = (
            f"SELECT {_period_sql(by)}, {group}, {f'count(DISTINCT {_STORY})' if collapse else 'count(*)'} "
            f"FROM articles a {' '.join(joins)} "
            f"WHERE {' AND '.join(where) or '1'} GROUP BY 1, 2"
        )
        return [tuple(row) for row in self._read(sql, [*join_params, *params])]

    def _grouped(self, sql: str, params: list[Any], fields: tuple[str, ...]) -> FacetCounts:
        """(field, value, count) rows as per-field lists, every asked field present."""
        counts: FacetCounts = {name: [] for name in fields}
        for name, value, n in self._read(sql, params):
            counts[name].append((value, n))
        return counts

    def _valid_position(self, sort: str, position: Position) -> bool:
        """Relevance pages by offset: ``[offset]``; date sorts by keyset: ``[date key, rowid]``."""
        if sort == "relevance":
            return len(position) == 1 and is_count(position[0])
        return len(position) == 2 and isinstance(position[0], str) and is_count(position[1])

    def _column_filters(self, request: SearchRequest) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if request.sources:
            where.append(f"a.source IN ({','.join('?' * len(request.sources))})")
            params.extend(request.sources)
        dated: list[str] = []
        if request.date_from:
            dated.append("a.published_utc >= ?")
            params.append(request.date_from.strftime("%Y-%m-%dT%H:%M:%S"))
        if request.date_to:
            dated.append("a.published_utc <= ?")
            params.append(request.date_to.strftime("%Y-%m-%dT%H:%M:%S"))
        if dated:
            clause = " AND ".join(dated)
            where.append(f"(({clause}) OR a.published_utc IS NULL)" if request.include_undated else clause)
        return where, params

    def _browse(
        self, request: SearchRequest, where: list[str], params: list[Any], after: Position | None
    ) -> Page:
        """No words to rank by: list the matching articles by date."""
        total = self._read(
            f"SELECT count(*) FROM articles a WHERE {' AND '.join(where) or '1'}", params
        ).fetchone()[0]
        return self._page_of(request, self._by_date(request, where, params, after, total), total, after)

    def _by_date(
        self, request: SearchRequest, where: list[str], params: list[Any], after: Position | None, total: int
    ) -> list[Any]:
        """One page in date order: walk a date index when matches are common, else sort the matches.

        Walking stops after about (offset + limit) x articles / matches index entries, sorting reads
        every match: the cheaper is taken, so neither a common word nor a rare filter reads the whole
        index. A cursor and the date bounds are ranges of the date key, so the walk seeks to them.
        """
        sort, limit = request.sort, request.limit
        key, (_, direction, op) = _date_key(sort), _DATE_KEYS[sort]
        where, params, offset = list(where), list(params), request.offset
        if after is not None:
            (position, rowid), offset = after, 0
            where.append(f"{key} {op}= ? AND ({key} {op} ? OR a.rowid {op} ?)")
            params += [position, position, rowid]
        if not request.include_undated:  # implied by the filters, but as bounds the index can seek to
            for bound, value in ((">=", request.date_from), ("<=", request.date_to)):
                if value is not None:
                    where.append(f"{key} {bound} ?")
                    params.append(value.strftime("%Y-%m-%dT%H:%M:%S"))
        table = "articles a"
        stored = self._read("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]
        if (offset + limit) * stored < total * total:
            table += f" INDEXED BY articles_{'source_' * (len(request.sources) == 1)}{sort}"
        return self._read(
            f"SELECT a.rowid, a.published_utc, NULL, 0.0 FROM {table} WHERE {' AND '.join(where) or '1'} "
            f"ORDER BY {key} {direction}, a.rowid {direction} LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()

    def _ranked(
        self, request: SearchRequest, match: str, where: list[str], params: list[Any], after: Position | None
    ) -> Page:
        """Rank matches in one pass; the window count is taken before LIMIT/OFFSET, so it is the total.

        Every condition tests the rowid alone, so ranking needs FTS5 only, and only the page's articles
        are read. The conditions (``+a.rowid …``, see ``_conditions``) filter inside the match, so only
        the matches they keep are scored.
        """
        offset = after[0] if after is not None else request.offset
        filtered = "".join(f" AND {condition}" for condition in where)
        page_params = [*params, request.limit, offset]
        # bm25() cannot share a query with a window function, hence the materialized match set.
        ranked = (
            "WITH m AS MATERIALIZED (SELECT rowid, bm25(articles_fts, ?, ?) AS score FROM articles_fts a "
            f"WHERE articles_fts MATCH ?{filtered}) "
        )
        sql = ranked + (
            "SELECT a.rowid, NULL, NULL, a.score, count(*) OVER () FROM m AS a "
            "ORDER BY a.score ASC, a.rowid ASC LIMIT ? OFFSET ?"
        )
        rows = self._read(sql, [TITLE_WEIGHT, BODY_WEIGHT, match, *page_params]).fetchall()
        if rows:
            total = rows[0][4]
        elif offset or request.limit == 0:
            total = self._count_matches(match, where, params)
        else:
            total = 0
        return self._page_of(request, [r[:4] for r in rows], total, after)

    def _dated_matches(
        self, request: SearchRequest, parsed: Query, match: str, after: Position | None
    ) -> Page:
        """Matches by date: counted from rowids, paged by date, and only the page's hits scored."""
        total = self._count_matches(match, *self._conditions(request, parsed, rowids=True))
        where, params = self._conditions(request, parsed)
        matching = [*where, "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"]
        rows = self._by_date(request, matching, [*params, match], after, total) if total else []
        if rows:
            marks = ",".join("?" * len(rows))
            scores = dict(
                self._read(
                    f"SELECT rowid, bm25(articles_fts, ?, ?) FROM articles_fts "
                    f"WHERE articles_fts MATCH ? AND rowid IN ({marks})",
                    [TITLE_WEIGHT, BODY_WEIGHT, match, *(r[0] for r in rows)],
                )
            )
            rows = [(rowid, key, doc, scores.get(rowid, 0.0)) for rowid, key, doc, _ in rows]
        return self._page_of(request, rows, total, after)

    def _count_matches(self, match: str, where: list[str], params: list[Any]) -> int:
        """The matches passing ``where`` (conditions on ``a.rowid`` only)."""
        sql = f"SELECT count(*) FROM {_MATCHES} a WHERE {' AND '.join(where) or '1'}"
        return self._read(sql, [match, *params]).fetchone()[0]

    def _page_of(self, request: SearchRequest, rows: list[Any], total: int, after: Position | None) -> Page:
        """(rowid, date key, doc or None, bm25) rows as a Page; docs not read yet are read in one query."""
        docs = self._docs([r[0] for r in rows if r[2] is None])
        hits = [
            (Article.from_json(doc if doc is not None else docs[rowid]), -float(score) or 0.0)
            for rowid, _, doc, score in rows
        ]
        if not rows:
            return Page(hits, total)
        if request.sort == "relevance":
            start = after[0] if after is not None else request.offset
            return Page(hits, total, [start + len(rows)])
        filler = "" if request.sort == "newest" else "~"
        return Page(hits, total, [rows[-1][1] or filler, rows[-1][0]])

    def _docs(self, rowids: list[int]) -> dict[int, str]:
        if not rowids:
            return {}
        marks = ",".join("?" * len(rowids))
        return dict(
            self._read(f"SELECT rowid, doc FROM articles WHERE rowid IN ({marks})", rowids).fetchall()
        )

    # -- stories ----------------------------------------------------------------------------------
    def _execute_collapsed(self, request: SearchRequest, parsed: Query, after: Position | None) -> Page:
        """The matches ranked as ``_execute`` ranks them, the best of each story kept, then paged."""
        where, params = self._conditions(request, parsed)
        match = render_match(parsed)
        clause = " AND ".join(where) or "1"
        if match is None:
            matches, match_params = "SELECT a.rowid, 0.0 AS score", []
            source = f"FROM articles a WHERE {clause}"
        else:
            matches, match_params = "SELECT a.rowid, m.score", [TITLE_WEIGHT, BODY_WEIGHT, match]
            source = (
                "FROM (SELECT rowid, bm25(articles_fts, ?, ?) AS score FROM articles_fts "
                f"WHERE articles_fts MATCH ?) m JOIN articles a ON a.rowid = m.rowid WHERE {clause}"
            )
        page, page_params = _collapsed_page(request, after)
        if request.sort == "relevance":
            order = "a.score ASC, a.rowid ASC"
        else:
            order = f"{_date_key(request.sort)} {_DATE_KEYS[request.sort][1]}, a.rowid {_DATE_KEYS[request.sort][1]}"
        sql = (
            f"WITH j AS MATERIALIZED ({matches}, a.published_utc, {_STORY} AS story {source}), "
            "a AS (SELECT *, row_number() OVER (PARTITION BY story ORDER BY score, rowid) AS place FROM j) "
            f"SELECT a.rowid, a.published_utc, NULL, a.score, (SELECT count(DISTINCT story) FROM j) FROM a "
            f"WHERE a.place = 1 AND {page} ORDER BY {order} LIMIT ? OFFSET ?"
        )
        rows = self._read(sql, [*match_params, *params, *page_params]).fetchall()
        if rows:
            total = rows[0][4]
        else:
            count = f"WITH j AS ({matches}, {_STORY} AS story {source}) SELECT count(DISTINCT story) FROM j"
            total = self._read(count, [*match_params, *params]).fetchone()[0]
        return self._page_of(request, [r[:4] for r in rows], total, after)

    def _story_members(self, story_id: str) -> list[Article]:
        rows = self._read(f"SELECT a.doc FROM articles a WHERE {_STORY} = ?", (story_id,))
        return [Article.from_json(doc) for (doc,) in rows]

    def _story_sizes(self, story_ids: list[str]) -> dict[str, tuple[int, int]]:
        sql = (
            f"SELECT {_STORY}, count(*), count(DISTINCT a.source) FROM articles a "
            f"WHERE {_STORY} IN (SELECT value FROM json_each(?)) GROUP BY 1"
        )
        return {story: (n, outlets) for story, n, outlets in self._read(sql, (json.dumps(story_ids),))}

    def _story_counts(self, request: SearchRequest) -> list[tuple[str, int, int]]:
        where, params = self._conditions(request, parse_query(""))
        sql = (
            f"SELECT {_STORY}, count(*), count(DISTINCT a.source) FROM articles a "
            f"WHERE {' AND '.join(where) or '1'} GROUP BY 1 "
            "ORDER BY 3 DESC, 2 DESC, max(a.published_utc) DESC, 1 LIMIT ?"
        )
        return [tuple(row) for row in self._read(sql, [*params, request.limit])]

    def _read(self, sql: str, params: Iterable[Any] = ()) -> sqlite3.Cursor:
        try:
            with self._lock:
                return self._db.execute(sql, list(params))
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
                raise QueryError(f"cannot search for that: {exc}") from exc
            raise IndexFailure(f"index read failed: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _collapsed_page(request: SearchRequest, after: Position | None) -> tuple[str, list[Any]]:
    """The page condition and LIMIT/OFFSET of a collapsed search: a keyset after a date cursor, else
    an offset (a relevance cursor is an offset)."""
    if after is not None and request.sort != "relevance":
        position, rowid = after
        key, op = _date_key(request.sort), _DATE_KEYS[request.sort][2]
        return f"({key}, a.rowid) {op} (?, ?)", [position, rowid, request.limit, 0]
    return "1", [request.limit, after[0] if after is not None else request.offset]


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on error, serialized within the process."""

    def __init__(self, db: sqlite3.Connection, lock: threading.RLock) -> None:
        self._db, self._lock = db, lock

    def __enter__(self) -> sqlite3.Connection:
        self._lock.acquire()
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self._lock.release()
            raise write_failed(exc) from exc
        return self._db

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if not exc_type:
                self._db.execute("COMMIT")
            elif self._db.in_transaction:  # SQLite already rolled back after a full disk or an I/O error
                self._db.execute("ROLLBACK")
        finally:
            self._lock.release()
