"""Coverage over time (``Index.stats``): periods in WIB, splits, undated apart, on every backend."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pmi_aggregator.errors import InvalidRequest
from pmi_aggregator.index.contract import Index
from pmi_aggregator.index.sqlite import SqliteIndex
from tests.contract.articles import WIB, art
from tests.contract.test_index_facets import _generated

UTC = timezone.utc


_EDGES = [
    # (slug, source, title, published, countries)
    # 23:30 WIB on 31 January is 16:30 UTC: January in WIB.
    ("jan-late", "s1", "Gaji pekerja", datetime(2024, 1, 31, 23, 30, tzinfo=WIB), ["MY"]),
    # 00:30 WIB on 1 February is still 31 January in UTC: February in WIB.
    ("feb-early", "s2", "Gaji ditahan", datetime(2024, 1, 31, 17, 30, tzinfo=UTC), ["MY", "TW"]),
    # Sunday 7 January and Monday 8 January 2024: two ISO weeks.
    ("sunday", "s1", "Pekerja migran", datetime(2024, 1, 7, 22, 0, tzinfo=WIB), ["TW"]),
    ("monday", "s1", "Pekerja migran", datetime(2024, 1, 8, 1, 0, tzinfo=WIB), []),
    # New year's eve, 20:00 UTC, is 1 January 2024 in WIB.
    ("new-year", "s2", "Pekerja pulang", datetime(2023, 12, 31, 20, 0, tzinfo=UTC), ["HK"]),
    ("undated-1", "s1", "Gaji tanpa tanggal", None, ["MY"]),
    ("undated-2", "s2", "Tanpa tanggal", None, []),
]


@pytest.fixture
def dated(index: Index) -> Index:
    """Articles on the edges of WIB days, weeks, months and years, and two undated ones."""
    index.upsert(
        art(slug, source=source, title=title, published=published, countries=countries)
        for slug, source, title, published, countries in _EDGES
    )
    return index


def test_months_are_counted_in_wib_and_undated_articles_apart(dated):
    stats = dated.stats(by="month")
    assert stats.periods == [("2024-01", None, 4), ("2024-02", None, 1)]
    assert stats.undated == [(None, 2)]
    assert (stats.dated_total, stats.undated_total) == (5, 2)


def test_days_weeks_and_years_have_their_start_as_label(dated):
    assert [p for p, _, _ in dated.stats(by="day").periods] == [
        "2024-01-01",
        "2024-01-07",
        "2024-01-08",
        "2024-01-31",
        "2024-02-01",
    ]
    weeks = dated.stats(by="week").periods
    assert weeks == [("2024-01-01", None, 2), ("2024-01-08", None, 1), ("2024-01-29", None, 2)]
    assert dated.stats(by="year").periods == [("2024", None, 5)]


def test_a_split_counts_each_value_and_keeps_the_undated_per_value(dated):
    stats = dated.stats(by="month", split="countries")
    assert stats.periods == [
        ("2024-01", "HK", 1),
        ("2024-01", "MY", 1),
        ("2024-01", "TW", 1),
        ("2024-02", "MY", 1),
        ("2024-02", "TW", 1),
    ]
    assert stats.undated == [("MY", 1)]
    assert stats.groups == ["MY", "TW", "HK"]
    by_source = dated.stats(by="year", split="source")
    assert by_source.periods == [("2024", "s1", 3), ("2024", "s2", 2)]
    assert by_source.undated == [("s1", 1), ("s2", 1)]


def test_the_split_keeps_the_values_with_most_articles(dated):
    stats = dated.stats(by="year", split="countries", limit=2)
    assert stats.groups == ["MY", "TW"]
    assert stats.periods == [("2024", "MY", 2), ("2024", "TW", 2)]


def test_the_query_and_filters_narrow_the_counts(dated):
    assert dated.stats("gaji", by="month").periods == [("2024-01", None, 1), ("2024-02", None, 1)]
    assert dated.stats("gaji", by="month").undated == [(None, 1)]
    assert dated.stats("pekerja -gaji", by="month", sources=["s1"]).periods == [("2024-01", None, 2)]
    narrowed = dated.stats(by="month", date_from="2024-02-01")
    assert (narrowed.periods, narrowed.undated) == ([("2024-02", None, 1)], [])
    assert dated.stats(by="month", countries=["TW"]).periods == [("2024-01", None, 1), ("2024-02", None, 1)]


def test_an_empty_index_counts_nothing(index):
    stats = index.stats(by="week", split="topics")
    assert (stats.periods, stats.undated, stats.groups) == ([], [], [None])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "hour"}, "cannot count by 'hour'"),
        ({"split": "authors"}, "cannot split by 'authors'"),
        ({"limit": 0}, "limit must be between"),
        ({"sort": "newest"}, "stats takes no 'sort'"),
        ({"date_from": "2024-03-01", "date_to": "2024-01-01"}, "date_from is after date_to"),
    ],
)
def test_bad_arguments_are_invalid_requests(index, kwargs, message):
    with pytest.raises(InvalidRequest, match=message):
        index.stats(**kwargs)


@pytest.mark.elasticsearch
def test_both_backends_count_the_same(make_es_index, tmp_path):
    corpus = _generated(240)
    corpus += [
        art(f"edge{n}", published=datetime(2024, 3, 31, 16, 0, tzinfo=UTC) + timedelta(hours=n))
        for n in range(3)
    ]
    sqlite, elastic = SqliteIndex(tmp_path / "same.db"), make_es_index()
    for backend in (sqlite, elastic):
        backend.upsert(corpus)
    cases = [
        ("", {"by": "month"}),
        ("", {"by": "week", "split": "source"}),
        ("pekerja", {"by": "day", "split": "countries", "limit": 3}),
        ("gaji -kapal", {"by": "year", "split": "topics", "countries": ["MY", "TW"]}),
        ("agen OR majikan", {"by": "month", "split": "provinces", "date_from": "2024-01-01"}),
        ("", {"by": "week", "split": "organizations", "include_undated": True, "date_to": "2024-06-30"}),
    ]
    for query, kwargs in cases:
        ours, theirs = sqlite.stats(query, **kwargs), elastic.stats(query, **kwargs)
        assert ours == theirs
        assert ours.periods
    assert sqlite.stats(by="month").undated_total > 0
    sqlite.close()
