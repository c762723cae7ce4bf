"""Tests for pmi_aggregator.index.sqlite: what only the embedded SQLite/FTS5 index does.

Search semantics, filters, sorts, paging, counting and lookups are the contract of every backend:
tests/contract/.
"""

import sqlite3
import time
from datetime import datetime

import pytest

from pmi_aggregator.index import IndexUnavailable, open_index
from pmi_aggregator.index import sqlite as sqlite_module
from pmi_aggregator.index.analysis import analyze
from pmi_aggregator.index.sqlite import SqliteIndex
from tests.contract import articles as shared
from tests.contract.articles import WIB, art, urls


@pytest.fixture
def index(tmp_path):
    idx = open_index(str(tmp_path / "x.db"))
    yield idx
    idx.close()


# --- upsert ------------------------------------------------------------------------------------------


def test_failed_batch_is_rolled_back(index):
    def batch():
        yield art("a", title="Satu")
        raise RuntimeError("spider broke mid-batch")

    with pytest.raises(RuntimeError):
        index.upsert(batch())
    assert index.count() == 0
    assert index.upsert([art("b", title="Dua")]).new == 1


def test_a_call_larger_than_one_chunk_stores_and_indexes_everything(index, monkeypatch):
    monkeypatch.setattr(sqlite_module, "_CHUNK", 7)
    articles = [art(f"n{n}", title=f"Kabar {n}", body=f"pekerja kasus{n}") for n in range(30)]
    articles.append(
        art("n3", title="Kabar 3", body="pekerja kasus3 diperbarui")
    )  # an id from an earlier chunk
    result = index.upsert(articles)
    assert (result.new, result.updated, result.unchanged) == (30, 1, 0)
    assert index.count() == 30
    assert index.search("pekerja", limit=0).total == 30
    assert [urls(index.search(f"kasus{n}")) for n in (0, 12, 29)] == [["n0"], ["n12"], ["n29"]]
    assert urls(index.search("diperbarui")) == ["n3"]


def test_new_rows_follow_the_highest_rowid_after_a_delete(index):
    index.upsert([art("a", title="Satu"), art("b", title="Dua")])
    assert index.delete(index.get_by_url("https://example.com/berita/b").id)
    index.upsert([art("c", title="Tiga pekerja"), art("d", title="Empat pekerja")])
    assert sorted(urls(index.search("pekerja"))) == ["c", "d"]
    assert urls(index.search("satu")) == ["a"]


def test_delete_removes_article_and_its_text(index):
    article = art("a", title="Kapal pekerja")
    index.upsert([article])
    assert index.delete(article.id) is True
    assert index.get(article.id) is None
    assert index.search("kapal").total == 0
    assert index.delete(article.id) is False


# --- search: the FTS-only fast path ----------------------------------------------------------------


@pytest.fixture
def many(index):
    index.upsert(shared.many())
    return index


@pytest.mark.parametrize("query", ["pekerja", "pekerja -malaysia", "taiwan OR malaysia", '"pekerja migran"'])
@pytest.mark.parametrize("offset", [0, 7, 30])
def test_unfiltered_ranking_equals_ranking_through_a_filter_that_keeps_everything(many, query, offset):
    # Unfiltered relevance queries rank in FTS5 alone; filtered ones join the articles table.
    plain = many.search(query, limit=6, offset=offset)
    through = many.search(query, limit=6, offset=offset, sources=["s1", "s2"])
    assert urls(plain) == urls(through)
    assert [hit.score for hit in plain] == [hit.score for hit in through]
    assert plain.total == through.total
    assert [hit.snippet for hit in plain] == [hit.snippet for hit in through]


# --- files and concurrency ---------------------------------------------------------------------------


def test_open_with_sqlite_url(tmp_path):
    path = tmp_path / "lewat-url.db"
    with open_index(f"sqlite:///{path}") as idx:
        assert isinstance(idx, SqliteIndex)
        idx.upsert([art("a", title="Satu")])
    assert path.exists()
    with open_index(str(path)) as again:
        assert again.count() == 1


def test_open_creates_missing_folders(tmp_path):
    path = tmp_path / "a" / "b" / "x.db"
    with open_index(str(path)) as idx:
        assert idx.count() == 0
    assert path.exists()


def test_reopening_keeps_data(tmp_path):
    path = str(tmp_path / "x.db")
    with open_index(path) as idx:
        idx.upsert([art("a", title="Kapal pekerja", published=datetime(2024, 1, 1, tzinfo=WIB))])
    with open_index(path) as idx:
        assert idx.count() == 1
        assert urls(idx.search("kapal")) == ["a"]


def test_url_reopens_the_same_index(tmp_path):
    with open_index(str(tmp_path / "x.db")) as idx:
        idx.upsert([art("a", title="Satu")])
        url = idx.url
    with open_index(url) as again:
        assert again.count() == 1


def test_url_of_a_relative_path_reopens_the_same_index(tmp_path, monkeypatch):
    # The relative path is chosen so that, read as absolute, it still lands inside tmp_path.
    relative = str(tmp_path / "elsewhere" / "x.db").lstrip("/")
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    with open_index(relative) as idx:
        idx.upsert([art("a", title="Satu")])
        url = idx.url
    with open_index(url) as again:
        assert again.count() == 1


def test_wal_mode_is_on(tmp_path):
    path = tmp_path / "x.db"
    open_index(str(path)).close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"


def test_second_connection_searches_while_the_first_writes(tmp_path):
    path = str(tmp_path / "x.db")
    writer = open_index(path)
    reader = open_index(path)
    writer.upsert([art("lama", title="Kapal lama", body="pekerja")])
    observed = {}

    def batch():
        yield art("baru", title="Kapal baru", body="pekerja")
        # The writer's transaction is open now: the reader must neither block nor see the new row.
        started = time.monotonic()
        observed["urls"] = urls(reader.search("kapal"))
        observed["seconds"] = time.monotonic() - started

    try:
        writer.upsert(batch())
        assert observed["urls"] == ["lama"]
        assert observed["seconds"] < 5
        assert set(urls(reader.search("kapal"))) == {"lama", "baru"}
    finally:
        writer.close()
        reader.close()


def test_file_that_is_not_sqlite_is_unavailable_with_a_clear_message(tmp_path):
    path = tmp_path / "bukan.db"
    path.write_bytes(b"this is not a database, just some text " * 100)
    with pytest.raises(IndexUnavailable) as info:
        open_index(str(path))
    assert str(path) in str(info.value)
    assert "not a database" in str(info.value)


def test_unsupported_url_scheme_is_unavailable(tmp_path):
    with pytest.raises(IndexUnavailable, match="unsupported"):
        open_index("ftp://example.com/x.db")


def test_index_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "x.db"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(IndexUnavailable, match="newer"):
        open_index(str(path))


def test_new_index_files_use_16_kb_pages_and_merge_eight_segments(tmp_path):
    open_index(str(tmp_path / "x.db")).close()
    with sqlite3.connect(tmp_path / "x.db") as db:
        assert db.execute("PRAGMA page_size").fetchone()[0] == 16384
        assert db.execute("SELECT v FROM articles_fts_config WHERE k = 'automerge'").fetchone()[0] == 8
        assert db.execute("PRAGMA user_version").fetchone()[0] == sqlite_module.SCHEMA_VERSION


def test_an_index_from_schema_1_is_upgraded_and_keeps_its_articles(tmp_path):
    path = tmp_path / "old.db"
    old = art("lama", title="Perekrutan pekerja")
    with sqlite3.connect(path) as db:  # as the first release wrote it: 4 KB pages, schema 1
        db.executescript(sqlite_module._MIGRATIONS[0] + "PRAGMA user_version = 1;")
        db.execute(
            "INSERT INTO articles (id, source, published_utc, content_hash, doc) VALUES (?, ?, NULL, ?, ?)",
            (old.id, old.source, old.content_hash, old.to_json()),
        )
        db.execute(
            "INSERT INTO articles_fts (rowid, title_terms, body_terms) VALUES (1, ?, '')",
            (" ".join(analyze(old.title)),),
        )
    with SqliteIndex(path) as idx:
        assert idx.upsert([old, art("baru", title="Merekrut pekerja")]).new == 1
        assert sorted(urls(idx.search("rekrut"))) == ["baru", "lama"]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == sqlite_module.SCHEMA_VERSION
        assert db.execute("SELECT v FROM articles_fts_config WHERE k = 'automerge'").fetchone()[0] == 8
        assert db.execute("PRAGMA page_size").fetchone()[0] == 4096  # an existing file keeps its pages


def test_in_memory_index_works():
    with open_index("sqlite://") as idx:
        idx.upsert([art("a", title="Satu")])
        assert idx.count() == 1
        assert idx.url == "sqlite:///:memory:"


def test_in_memory_url_opens_an_in_memory_index(monkeypatch):
    # SqliteIndex(":memory:").url is "sqlite:///:memory:"; reopening it must not create a file
    # called ":memory:" in the filesystem root. A stub records the path instead of opening it.
    opened = []
    monkeypatch.setattr(sqlite_module, "SqliteIndex", lambda path: opened.append(str(path)) or path)
    open_index("sqlite:///:memory:")
    assert opened == [":memory:"]


def test_ids_with_prefix_is_a_range_scan_of_the_id_index(index):
    index.upsert([art(f"a{i}", title=f"Satu {i}") for i in range(5)])
    statements = []
    index._db.set_trace_callback(statements.append)
    index.ids_with_prefix("ab")
    index._db.set_trace_callback(None)
    (sql,) = [s for s in statements if "SELECT id FROM articles" in s]
    plan = " ".join(row[3] for row in index._db.execute(f"EXPLAIN QUERY PLAN {sql}"))
    assert "USING COVERING INDEX" in plan and "(id>? AND id<?)" in plan


def test_opening_a_file_another_process_is_setting_up_waits_for_it(tmp_path):
    """Two crawls starting at once on a new file: the second waits for the first one's set-up
    (switching to WAL does not wait for SQLite's busy handler by itself)."""
    import threading

    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("CREATE TABLE elsewhere (x)")
    release = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    release.start()
    try:
        index = SqliteIndex(path)
        assert index.count() == 0
        index.close()
    finally:
        release.join()
        holder.close()
