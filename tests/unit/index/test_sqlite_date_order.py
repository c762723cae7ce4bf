"""The embedded index's date-order plans: walking a date index and sorting the matches give one order.

A page by date either walks an index in date order (matches are common) or sorts the matches (they
are rare); which one runs depends on the counts, so both are checked against the order computed here.
"""

import random
import sqlite3
from datetime import datetime, timedelta

import pytest

from pmi_aggregator.index import sqlite as sqlite_module
from pmi_aggregator.index.sqlite import SqliteIndex
from tests.contract.articles import WIB, art, urls

START = datetime(2023, 1, 1, tzinfo=WIB)


def corpus() -> list:
    """300 articles: one common source and word, a rare source and word, a tenth undated."""
    rng = random.Random(5)
    minutes = rng.sample(range(200_000), 300)  # distinct dates, in no particular order
    found = []
    for n, minute in enumerate(minutes):
        words = ["gaji"] * (n % 2 == 0) + ["langka"] * (n % 97 == 0) + ["berita"]
        found.append(
            art(
                f"a{n}",
                source="jarang" if n % 75 == 1 else "umum",
                title=" ".join(words),
                published=None if n % 10 == 3 else START + timedelta(minutes=minute),
                countries=["MY"] if n % 3 else ["TW"],
            )
        )
    return found


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    idx = SqliteIndex(tmp_path_factory.mktemp("order") / "x.db")
    idx.upsert(corpus())
    yield idx
    idx.close()


def expected(sort: str, keep) -> list[str]:
    """Slugs in the order the contract promises: by date, then by insertion; undated ones last."""
    ranked = [(a, n) for n, a in enumerate(corpus()) if keep(a)]
    dated = sorted((p for p in ranked if p[0].published_at), key=lambda p: (p[0].published_at, p[1]))
    undated = sorted((p for p in ranked if not p[0].published_at), key=lambda p: p[1])
    if sort == "newest":
        dated.reverse()
        undated.reverse()
    return [a.url.rsplit("/", 1)[-1] for a, _ in dated + undated]


def all_pages(index: SqliteIndex, query: str, **kwargs) -> list[str]:
    found, cursor = [], None
    while True:
        page = index.search(query, limit=7, cursor=cursor, **kwargs)
        found += urls(page)
        if not (cursor := page.cursor):
            return found


MIDDLE = START + timedelta(minutes=100_000)
CASES = [
    ("", {}, lambda a: True),
    ("gaji", {}, lambda a: "gaji" in a.title),
    ("langka", {}, lambda a: "langka" in a.title),
    ("", {"sources": ["umum"]}, lambda a: a.source == "umum"),
    ("", {"sources": ["jarang"]}, lambda a: a.source == "jarang"),
    ("gaji", {"sources": ["umum", "jarang"]}, lambda a: "gaji" in a.title),
    ("", {"countries": ["MY"]}, lambda a: a.countries == ["MY"]),
    ("", {"date_from": MIDDLE}, lambda a: a.published_at is not None and a.published_at >= MIDDLE),
    (
        "gaji",
        {"date_to": MIDDLE},
        lambda a: "gaji" in a.title and a.published_at and a.published_at <= MIDDLE,
    ),
    (
        "",
        {"date_from": MIDDLE, "include_undated": True},
        lambda a: a.published_at is None or a.published_at >= MIDDLE,
    ),
]


@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize(("query", "filters", "keep"), CASES)
def test_cursor_pages_by_date_follow_the_contract_order(index, sort, query, filters, keep):
    assert all_pages(index, query, sort=sort, **filters) == expected(sort, keep)


@pytest.mark.parametrize(("query", "filters", "keep"), CASES[:4])
def test_offset_pages_by_date_follow_the_contract_order(index, query, filters, keep):
    order = expected("newest", keep)
    page = index.search(query, sort="newest", limit=9, offset=20, **filters)
    assert urls(page) == order[20:29]
    assert page.total == len(order)


def test_a_common_match_walks_the_date_index_and_a_rare_one_sorts_its_matches(index, monkeypatch):
    statements: list[str] = []
    read = index._read
    monkeypatch.setattr(index, "_read", lambda sql, params=(): statements.append(sql) or read(sql, params))
    index.search("gaji", sort="newest", limit=5)
    assert any("INDEXED BY articles_newest" in sql for sql in statements)
    statements.clear()
    index.search("langka", sort="newest", limit=5)
    assert not any("INDEXED BY" in sql for sql in statements)


def test_hits_by_date_keep_their_relevance_scores(index):
    scores = {hit.article.url: hit.score for hit in index.search("gaji", limit=1000)}
    by_date = index.search("gaji", sort="newest", limit=50)
    assert by_date.hits and all(hit.score == scores[hit.article.url] > 0 for hit in by_date)


def counted(articles) -> dict[str, list[tuple[str, int]]]:
    counts: dict[str, dict[str, int]] = {"countries": {}, "topics": {}}
    for article in articles:
        for name in counts:
            for value in getattr(article, name):
                counts[name][value] = counts[name].get(value, 0) + 1
    return {name: sorted(c.items(), key=lambda p: (-p[1], p[0])) for name, c in counts.items()}


def test_facets_of_the_whole_index_follow_inserts_replacements_and_deletes(tmp_path):
    fields = ["countries", "topics"]
    with SqliteIndex(tmp_path / "x.db") as idx:
        stored = {a.id: a for a in [art("a", countries=["MY"], topics=["gaji"]), art("b", countries=["MY"])]}
        idx.upsert(stored.values())
        assert idx.facets(fields=fields) == counted(stored.values())
        replaced = art("a", countries=["TW", "HK"])
        stored[replaced.id] = replaced
        idx.upsert([replaced])
        assert idx.facets(fields=fields) == counted(stored.values())
        assert idx.delete(art("b").id)
        del stored[art("b").id]
        assert (
            idx.facets(fields=fields)
            == counted(stored.values())
            == idx.facets("", fields=fields, sources=["s1"])
        )


def test_an_index_from_schema_3_gets_its_facet_totals_and_date_indexes(tmp_path):
    path = tmp_path / "old.db"
    with SqliteIndex(path) as idx:
        idx.upsert([art("a", countries=["MY"]), art("b", countries=["MY", "TW"])])
    with sqlite3.connect(path) as db:  # back to schema 3: no totals, no date indexes
        db.executescript(
            "DROP TABLE facet_totals; DROP INDEX articles_newest; DROP INDEX articles_oldest;"
            "DROP INDEX articles_source_newest; DROP INDEX articles_source_oldest; PRAGMA user_version = 3;"
        )
    with SqliteIndex(path) as idx:
        assert idx.facets(fields=["countries"]) == {"countries": [("MY", 2), ("TW", 1)]}
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == sqlite_module.SCHEMA_VERSION
        names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"articles_newest", "articles_oldest", "articles_source_newest"} <= names
