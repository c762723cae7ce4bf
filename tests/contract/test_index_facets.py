"""Filters and facet counts by country, province, organisation and topic, on every backend."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from pmi_aggregator.article import Article
from pmi_aggregator.errors import InvalidRequest
from pmi_aggregator.index.contract import FACET_FIELDS, Index
from pmi_aggregator.index.sqlite import SqliteIndex
from tests.contract.articles import WIB, art, urls


def annotated() -> list[Article]:
    """Five articles: two sources, one undated, one without any annotation; inserted in id order."""
    articles = [
        art(
            "my-gaji",
            title="Gaji pekerja migran ditahan",
            body="Majikan di Malaysia menahan gaji pekerja.",
            published=datetime(2024, 1, 10, 10, 0, tzinfo=WIB),
            countries=["MY"],
            provinces=["Jawa Timur"],
            organizations=["BP2MI"],
            topics=["gaji"],
        ),
        art(
            "tw-rekrut",
            title="Perekrutan pekerja ke Taiwan",
            body="Agen merekrut pekerja migran.",
            published=datetime(2024, 2, 10, 10, 0, tzinfo=WIB),
            countries=["TW"],
            provinces=["Nusa Tenggara Timur"],
            organizations=["BP2MI", "KDEI Taipei"],
            topics=["perekrutan"],
        ),
        art(
            "my-tw",
            source="s2",
            title="Pekerja di dua negara",
            body="Gaji dan perekrutan pekerja di Malaysia dan Taiwan.",
            countries=["MY", "TW"],
            provinces=["Jawa Timur"],
            topics=["gaji", "perekrutan"],
        ),
        art(
            "hk",
            source="s2",
            title="Deportasi pekerja dari Hong Kong",
            body="Pekerja dideportasi.",
            published=datetime(2024, 3, 1, 9, 0, tzinfo=WIB),
            countries=["HK"],
            provinces=["Jawa Tengah"],
            topics=["deportasi"],
        ),
        art(
            "kosong",
            title="Berita pekerja",
            body="Tanpa anotasi.",
            published=datetime(2024, 1, 20, 9, 0, tzinfo=WIB),
        ),
    ]
    return sorted(articles, key=lambda a: a.id)


@pytest.fixture
def marked(index: Index) -> Index:
    index.upsert(annotated())
    return index


# --- filters ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"countries": "MY"}, {"my-gaji", "my-tw"}),
        ({"countries": ["my"]}, {"my-gaji", "my-tw"}),  # ISO codes in any case
        ({"provinces": ["Jawa Timur"]}, {"my-gaji", "my-tw"}),
        ({"organizations": "KDEI Taipei"}, {"tw-rekrut"}),
        ({"topics": ("deportasi",)}, {"hk"}),
        ({"countries": ["MY", "HK"]}, {"my-gaji", "my-tw", "hk"}),  # values of one filter: ORed
        ({"countries": "MY", "topics": "perekrutan"}, {"my-tw"}),  # different filters: ANDed
        ({"organizations": "BP2MI", "provinces": ["Jawa Timur", "Jawa Tengah"]}, {"my-gaji"}),
        ({"countries": "SA"}, set()),
        ({"countries": ["", "  "]}, {"my-gaji", "tw-rekrut", "my-tw", "hk", "kosong"}),  # blanks: none
    ],
)
def test_facet_filters(marked, filters, expected):
    results = marked.search(limit=50, **filters)
    assert set(urls(results)) == expected
    assert results.total == len(expected)


def test_filters_combine_with_the_query(marked):
    assert set(urls(marked.search("gaji", countries="MY"))) == {"my-gaji", "my-tw"}
    assert set(urls(marked.search("gaji", topics="perekrutan"))) == {"my-tw"}
    assert urls(marked.search("perekrutan", countries=["TW"], sort="newest")) == ["tw-rekrut", "my-tw"]
    assert set(urls(marked.search("pekerja -gaji", countries=["TW", "HK"]))) == {"tw-rekrut", "hk"}
    assert set(urls(marked.search("-deportasi", provinces=["Jawa Tengah", "Jawa Timur"]))) == {
        "my-gaji",
        "my-tw",
    }


def test_filters_combine_with_sources_and_dates(marked):
    assert urls(marked.search(countries="TW", sources="s2")) == ["my-tw"]
    assert urls(marked.search("pekerja", countries="MY", date_from=date(2024, 1, 5))) == ["my-gaji"]
    with_undated = marked.search(countries="MY", date_from="2024-01-05", include_undated=True)
    assert set(urls(with_undated)) == {"my-gaji", "my-tw"}
    assert urls(marked.search(topics=["gaji", "deportasi"], date_to=date(2024, 2, 1))) == ["my-gaji"]


def test_filtered_pages_follow_the_cursor(marked):
    seen, cursor = [], None
    for _ in range(5):
        page = marked.search("pekerja", countries=["MY", "TW"], sort="newest", limit=1, cursor=cursor)
        seen += urls(page)
        cursor = page.cursor
        if not cursor:
            break
    assert seen == ["tw-rekrut", "my-gaji", "my-tw"]


# --- facets ------------------------------------------------------------------------------------------


def test_facets_count_every_field_by_count_then_value(marked):
    assert marked.facets() == {
        "countries": [("MY", 2), ("TW", 2), ("HK", 1)],
        "provinces": [("Jawa Timur", 2), ("Jawa Tengah", 1), ("Nusa Tenggara Timur", 1)],
        "organizations": [("BP2MI", 2), ("KDEI Taipei", 1)],
        "topics": [("gaji", 2), ("perekrutan", 2), ("deportasi", 1)],
    }


def test_facets_follow_the_query_and_filters(marked):
    assert marked.facets("perekrutan", fields=["countries", "topics"]) == {
        "countries": [("TW", 2), ("MY", 1)],
        "topics": [("perekrutan", 2), ("gaji", 1)],
    }
    assert marked.facets(fields="countries", topics="gaji") == {"countries": [("MY", 2), ("TW", 1)]}
    assert marked.facets(fields="provinces", sources=["s2"]) == {
        "provinces": [("Jawa Tengah", 1), ("Jawa Timur", 1)]
    }
    assert marked.facets("-gaji", fields="countries") == {"countries": [("HK", 1), ("TW", 1)]}
    assert marked.facets(fields="countries", date_from="2024-02-01") == {"countries": [("HK", 1), ("TW", 1)]}
    dated_or_not = marked.facets(fields="countries", date_from="2024-02-01", include_undated=True)
    assert dated_or_not == {"countries": [("TW", 2), ("HK", 1), ("MY", 1)]}
    assert marked.facets("pekerja", fields="topics", countries="SA") == {"topics": []}


def test_facet_limit_keeps_the_top_values(marked):
    assert marked.facets(fields=("countries", "topics"), limit=1) == {
        "countries": [("MY", 2)],
        "topics": [("gaji", 2)],
    }


def test_facets_of_an_empty_index(index):
    assert index.facets() == {name: [] for name in FACET_FIELDS}


def test_an_update_moves_the_article_to_its_new_values(marked):
    changed = next(a for a in annotated() if a.url.endswith("/my-gaji"))
    changed.countries, changed.topics = ["SA"], []
    assert marked.upsert([changed]).updated == 1
    assert urls(marked.search(countries="SA")) == ["my-gaji"]
    assert set(urls(marked.search(countries="MY"))) == {"my-tw"}
    counts = marked.facets(fields=["countries", "topics"])
    assert counts["countries"] == [("TW", 2), ("HK", 1), ("MY", 1), ("SA", 1)]
    assert counts["topics"] == [("perekrutan", 2), ("deportasi", 1), ("gaji", 1)]


def test_repeated_and_overlong_values_count_once_or_not_at_all(index):
    index.upsert([art("dua", countries=["MY", "MY"], organizations=["x" * 201, "BP2MI"])])
    assert index.facets(fields=["countries", "organizations"]) == {
        "countries": [("MY", 1)],
        "organizations": [("BP2MI", 1)],
    }


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda i: i.search(countries=5), "countries must be a list"),
        (lambda i: i.search(topics=["gaji", 3]), "topics values must be strings"),
        (lambda i: i.search(provinces=[f"p{n}" for n in range(51)]), "at most 50 values"),
        (lambda i: i.search(organizations="x" * 201), "longer than 200"),
        (lambda i: i.facets(fields=["authors"]), "cannot count by 'authors'"),
        (lambda i: i.facets(fields=[]), "non-empty list"),
        (lambda i: i.facets(limit=0), "limit must be between 1 and 100"),
        (lambda i: i.facets(limit=101), "limit must be between 1 and 100"),
        (lambda i: i.facets(sort="newest"), "facets takes no 'sort'"),
        (lambda i: i.facets(countries={"MY": 1}), "countries must be a list"),
    ],
)
def test_bad_filters_and_facet_arguments_are_invalid_requests(marked, call, message):
    with pytest.raises(InvalidRequest, match=message):
        call(marked)


# --- the same answers on both backends -----------------------------------------------------------

_COUNTRIES = ["MY", "TW", "HK", "SA", "SG", "KR", "JP"]
_PROVINCES = ["Jawa Timur", "Jawa Tengah", "Jawa Barat", "Nusa Tenggara Timur", "Nusa Tenggara Barat"]
_TOPICS = ["gaji", "perekrutan", "deportasi", "kekerasan", "remitansi", "jenazah"]
_ORGS = ["BP2MI", "KP2MI", "SBMI", "Migrant CARE", "KBRI Kuala Lumpur"]


def _generated(count: int) -> list[Article]:
    rng = random.Random(11)
    words = ["pekerja", "migran", "gaji", "perekrutan", "deportasi", "majikan", "agen", "kapal"]
    start = datetime(2023, 1, 1, tzinfo=WIB)
    items = [
        art(
            f"g{n:03d}",
            source=f"s{n % 3}",
            title=" ".join(rng.sample(words, 3)),
            body=" ".join(rng.choices(words, k=12)),
            published=None if n % 9 == 0 else start + timedelta(hours=37 * n),
            countries=rng.sample(_COUNTRIES, rng.choice([0, 1, 1, 2])),
            provinces=rng.sample(_PROVINCES, rng.choice([0, 1, 1])),
            organizations=rng.sample(_ORGS, rng.choice([0, 1, 2])),
            topics=rng.sample(_TOPICS, rng.choice([1, 1, 2, 3])),
        )
        for n in range(count)
    ]
    return sorted(items, key=lambda a: a.id)


@pytest.mark.elasticsearch
def test_both_backends_give_the_same_facets_and_hits(make_es_index, tmp_path):
    corpus = _generated(240)
    sqlite, elastic = SqliteIndex(tmp_path / "same.db"), make_es_index()
    for backend in (sqlite, elastic):
        backend.upsert(corpus)
    cases = [
        ("", {}),
        ("pekerja", {}),
        ("gaji -kapal", {"countries": ["MY", "TW"]}),
        ("agen OR majikan", {"topics": "deportasi", "date_from": "2024-01-01"}),
        ("", {"provinces": ["Jawa Timur", "Jawa Barat"], "organizations": "SBMI"}),
        ("perekrutan", {"sources": ["s1"], "date_to": "2024-06-30", "include_undated": True}),
    ]
    for query, filters in cases:
        assert sqlite.facets(query, limit=4, **filters) == elastic.facets(query, limit=4, **filters)
        ours = sqlite.search(query, sort="newest", limit=100, **filters)
        theirs = elastic.search(query, sort="newest", limit=100, **filters)
        assert ours.total == theirs.total > 0
        assert [h.article.id for h in ours] == [h.article.id for h in theirs]
    sqlite.close()
