"""The embedded index's facet side table: kept in step with the articles, backfilled by its schema step."""

import json
import sqlite3

import pytest

from pmi_aggregator.errors import IndexFailure, IndexWriteFailed
from pmi_aggregator.index import sqlite as sqlite_module
from pmi_aggregator.index.sqlite import SqliteIndex
from tests.contract.articles import art, urls


@pytest.fixture
def index(tmp_path):
    idx = SqliteIndex(tmp_path / "x.db")
    yield idx
    idx.close()


def rows(index: SqliteIndex) -> set[tuple[str, str, str]]:
    """(article id, field, value) of every side-table row."""
    found = index._read(
        "SELECT a.id, f.field, f.value FROM article_facets f LEFT JOIN articles a ON a.rowid = f.article"
    )
    return {(article_id, field, value) for article_id, field, value in found}


def test_insert_replace_and_delete_keep_the_side_table_in_step(index):
    first, second = art("a", countries=["MY"], topics=["gaji"]), art("b", provinces=["Jawa Timur"])
    index.upsert([first, second])
    assert rows(index) == {
        (first.id, "countries", "MY"),
        (first.id, "topics", "gaji"),
        (second.id, "provinces", "Jawa Timur"),
    }
    index.upsert([art("a", countries=["TW", "HK"])])
    assert rows(index) == {
        (first.id, "countries", "TW"),
        (first.id, "countries", "HK"),
        (second.id, "provinces", "Jawa Timur"),
    }
    assert index.delete(first.id)
    assert rows(index) == {(second.id, "provinces", "Jawa Timur")}


def test_an_id_met_twice_in_one_call_keeps_its_last_values(index):
    index.upsert([art("a", countries=["MY"]), art("a", countries=["SA"])])
    assert rows(index) == {(art("a").id, "countries", "SA")}


def test_a_failed_batch_leaves_no_side_table_rows(index, monkeypatch):
    def fail(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(sqlite_module, "_fts_row", fail)
    with pytest.raises(IndexWriteFailed):  # SQLite's error, told as a write failure
        index.upsert([art("a", countries=["MY"])])
    assert rows(index) == set()


def test_an_index_from_schema_2_is_backfilled(tmp_path):
    path = tmp_path / "old.db"
    old = art("lama", title="Perekrutan pekerja", countries=["MY", "MY"], topics=["perekrutan"])
    bare = art("polos", title="Tanpa anotasi")
    with sqlite3.connect(path) as db:  # as the release before facets wrote it: schema 2
        db.executescript("".join(sqlite_module._MIGRATIONS[:2]) + "PRAGMA user_version = 2;")
        for rowid, article in enumerate((old, bare), start=1):
            db.execute(
                "INSERT INTO articles (rowid, id, source, published_utc, content_hash, doc) "
                "VALUES (?, ?, ?, NULL, ?, ?)",
                (rowid, article.id, article.source, article.content_hash, article.to_json()),
            )
            db.execute(
                "INSERT INTO articles_fts (rowid, title_terms, body_terms) VALUES (?, '', '')", (rowid,)
            )
        # a document written before the schema knew the fields at all
        legacy = {k: v for k, v in bare.to_dict().items() if k not in ("countries", "topics")}
        db.execute("UPDATE articles SET doc = ? WHERE rowid = 2", (json.dumps(legacy),))
    with SqliteIndex(path) as idx:
        assert rows(idx) == {(old.id, "countries", "MY"), (old.id, "topics", "perekrutan")}
        assert urls(idx.search(countries="MY")) == ["lama"]
        assert idx.facets(fields="countries") == {"countries": [("MY", 1)]}
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == sqlite_module.SCHEMA_VERSION


def test_filters_and_facets_read_the_side_table_not_the_documents(index):
    stored = art("a", countries=["MY"], topics=["gaji"])
    index.upsert([stored])
    rewritten = json.dumps({**stored.to_dict(), "countries": ["SA"], "topics": []})
    index._db.execute("UPDATE articles SET doc = ? WHERE id = ?", (rewritten, stored.id))
    assert urls(index.search(countries="MY")) == ["a"]
    assert urls(index.search(countries="SA")) == []
    assert index.facets("-deportasi", fields=["countries", "topics"]) == {
        "countries": [("MY", 1)],
        "topics": [("gaji", 1)],
    }


@pytest.mark.parametrize(("table", "query"), [("article_facets", "gaji"), ("facet_totals", "")])
def test_a_broken_side_table_is_an_index_failure(index, table, query):
    index.upsert([art("a", countries=["MY"])])
    index._db.execute(f"DROP TABLE {table}")
    with pytest.raises(IndexFailure, match="index read failed"):
        index.facets(query)
