"""Bad queries and arguments: results or one clear error (QueryError / IndexFailure), never a
traceback, a script, a regex blow-up or raw SQL — on every backend."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmi_aggregator.index import (
    Index,
    IndexFailure,
    QueryError,
    open_index,
)
from pmi_aggregator.index.contract import SORTS

ARTICLES = [
    {
        "url": f"https://example.org/berita/{n}",
        "source": "demo" if n % 2 else "other",
        "title": title,
        "body": body,
        "published_at": datetime(2024, 1 + n, 10, tzinfo=timezone.utc),
    }
    for n, (title, body) in enumerate(
        [
            ("Pekerja migran di Taiwan", "Perekrutan ilegal; DROP TABLE articles; title_terms x"),
            ("Script kiddies", '{"script": {"source": "ctx._source.x = 1"}} NEAR(a b) a* /.*.*.*/'),
            ("Regex", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! ~ ^ $ | ( ) [ ] { } \\ * ? + : AND OR NOT"),
            ("Hong Kong", "Pekerja rumah tangga di Hong Kong menuntut upah minimum."),
        ]
    )
]

HOSTILE_QUERIES = [
    "'; DROP TABLE articles; --",
    '" OR 1=1 --',
    "title_terms:x",
    "body_terms:pekerja",
    "articles_fts MATCH 'x'",
    "NEAR(a b)",
    "NEAR(pekerja migran, 2)",
    '{"script": {"source": "System.exit(0)"}}',
    '{"query": {"match_all": {}}}',
    "/.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*.*/",
    "/(a+)+$/",
    "a*",
    "*",
    "pek*",
    "pekerja~2",
    "title:pekerja^10",
    "_exists_:title",
    "source:demo AND title:x",
    "(pekerja OR) AND",
    "pekerja AND NOT",
    "((((((((((a))))))))))",
    "[* TO *]",
    '"unterminated phrase',
    "\\",
    "\x00",
    "x" * 1000,
    " OR ".join(["a"] * 64),
    "- - - -",
    "OR OR OR",
    "NOT NOT",
    "-",
    '""',
    "🙂 ✈️ 漢字 عربي",
    "\u202e\u200b\ufeff",
]


def check_search(index: Index, query: str, **kwargs: object) -> None:
    """A search gives results or a clear error, and the index is still intact afterwards."""
    try:
        results = index.search(query, **kwargs)
    except (QueryError, IndexFailure) as exc:
        message = str(exc)
        assert message and "\n" not in message and "Traceback" not in message
        return
    assert results.total >= len(results.hits)


@pytest.fixture(scope="module")
def sqlite_index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    index = open_index(str(tmp_path_factory.mktemp("bad-queries") / "pmi.db"))
    index.upsert(ARTICLES)
    return index


def _backends() -> list:
    return [
        pytest.param("sqlite"),
        pytest.param("elasticsearch", marks=pytest.mark.elasticsearch),
    ]


@pytest.fixture(params=_backends())
def index(request: pytest.FixtureRequest, sqlite_index: Index) -> Index:
    if request.param == "sqlite":
        return sqlite_index
    make_es_index: Callable[..., Index] = request.getfixturevalue("make_es_index")
    es = make_es_index()
    es.upsert(ARTICLES)
    if hasattr(es, "refresh"):
        es.refresh()
    return es


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_are_text(index: Index, query: str):
    started = time.monotonic()
    check_search(index, query)
    check_search(index, query, sources=[query], sort="newest")
    assert time.monotonic() - started < 5  # no regex or wildcard blow-up
    assert index.count() == len(ARTICLES)  # nothing dropped, nothing changed


def test_operators_from_other_engines_match_literally(index: Index):
    # FTS5 column filters and ES field syntax are not operators here: plain words, ANDed.
    assert index.search("title_terms:x").total == 1
    assert index.search('{"script": x}').total in (0, 1)
    assert index.search("pekerja*").total == index.search("pekerja").total  # no wildcard expansion


dates = st.one_of(
    st.none(),
    st.dates(min_value=date(1, 1, 1)),
    st.datetimes(timezones=st.sampled_from([None, timezone.utc])),
    st.text(max_size=30),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    query=st.one_of(st.text(max_size=200), st.sampled_from(HOSTILE_QUERIES)),
    sources=st.lists(st.text(max_size=20), max_size=3),
    date_from=dates,
    date_to=dates,
    include_undated=st.booleans(),
    sort=st.one_of(st.sampled_from(SORTS), st.text(max_size=10)),
    limit=st.integers(-5, 1005),
    offset=st.integers(-5, 10_005),
    cursor=st.one_of(st.none(), st.text(max_size=60), st.binary(max_size=40).map(lambda b: b.hex())),
)
def test_random_search_arguments(index: Index, **kwargs: object):
    query = kwargs.pop("query")
    check_search(index, query, **kwargs)  # type: ignore[arg-type]


NASTY_CLI = [
    ["search", "x", "--from", "not a date"],
    ["search", "x", "--from", "2025-13-45"],
    ["search", "x", "--from", "2025-02-01", "--to", "2025-01-01"],
    ["search", "x", "--cursor", "%%%not-a-cursor"],
    ["search", "x", "--sort", "newest", "--cursor", "WyJ4IiwgLTFd"],
    ["search", "x" * 1001],
    ["search", "dan yang"],
    ["search", "x", "--limit", "-1"],
    ["search", "x", "--offset", "99999999999999999999"],
    ["search", "x", "--sort", "random"],
    ["search", "x", "--format", "xml"],
    ["search", "--bogus-option"],
]


@pytest.mark.parametrize("args", NASTY_CLI, ids=lambda a: " ".join(a)[:40])
def test_cli_bad_arguments_exit_2_with_one_line(tmp_path, args: list[str]):
    from click.testing import CliRunner

    from pmi_aggregator import open_index
    from pmi_aggregator.cli import cli

    open_index(str(tmp_path / "pmi.db")).close()  # search never creates an index (a missing one exits 4)
    done = CliRunner().invoke(cli, [*args, "--index", str(tmp_path / "pmi.db")])
    assert done.exit_code == 2, (done.stdout, done.stderr, done.exception)
    assert "Traceback" not in done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error")]
    assert len(errors) == 1, done.stderr
