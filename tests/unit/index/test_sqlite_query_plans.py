"""The embedded index's size-based plans give the same answers as the plain ones they replace."""

from collections import Counter

import pytest

from pmi_aggregator.index.sqlite import SqliteIndex
from tests.contract.articles import art

COUNTRIES = ["MY", "HK", "TW", "SA"]
TOPICS = ["gaji", "deportasi", "kekerasan"]


@pytest.fixture
def index(tmp_path):
    """40 articles: every one says "pekerja", every tenth also "kupang", every third "calo"; some deleted, so rowids have
    holes inside the match and after its last rowid."""
    idx = SqliteIndex(tmp_path / "x.db")
    articles = [
        art(
            f"a{n}",
            title=f"Pekerja migran {'kupang' if n % 10 == 0 else 'batam'}",
            body="Pekerja migran pulang." + (" Tanpa calo." if n % 3 == 0 else ""),
            countries=[COUNTRIES[n % 4], *(["TW"] if n % 7 == 0 else [])],
            topics=[TOPICS[n % 3]],
            provinces=["NTT"] if n % 2 else [],
        )
        for n in range(40)
    ]
    idx.upsert(articles)
    for gone in ("a4", "a17", "a38", "a39"):
        assert idx.delete(art(gone).id)
    idx.upsert([art("late", title="Berita lain", countries=["MY"], topics=["gaji"])])  # after the last match
    yield idx
    idx.close()


def brute_facets(index: SqliteIndex, ids: set[str]) -> dict[str, list[tuple[str, int]]]:
    """The facets counted from the stored articles themselves, sorted as ``facets`` sorts them."""
    counts: dict[str, Counter[str]] = {name: Counter() for name in ("countries", "provinces", "topics")}
    for article in index.iter_articles():
        if article.id in ids:
            for name, counter in counts.items():
                counter.update(set(getattr(article, name)))
    return {name: sorted(c.items(), key=lambda p: (-p[1], p[0])) for name, c in counts.items()}


def matched_ids(index: SqliteIndex, query: str) -> set[str]:
    return {hit.article.id for hit in index.search(query, limit=100, exact=True)}


@pytest.mark.parametrize(
    ("query", "filters", "plan"),
    [
        ("pekerja", {}, "complement"),  # 36 of 37 articles
        ("calo", {}, "membership"),  # 13 of 37
        ("", {"countries": ["MY"]}, "membership"),  # 10 of 37, no words
        ("pekerja", {"topics": ["gaji"]}, "membership"),  # words and a filter: never the complement
        ("kupang", {}, "join"),  # 4 of 37
    ],
)
def test_each_facet_plan_counts_exactly(index, monkeypatch, query, filters, plan):
    taken: list[str] = []
    for name in ("complement", "membership"):
        original = getattr(SqliteIndex, f"_facets_by_{name}")

        def spy(self, *args, _original=original, _name=name):
            taken.append(_name)
            return _original(self, *args)

        monkeypatch.setattr(SqliteIndex, f"_facets_by_{name}", spy)
    fields = ["countries", "provinces", "topics"]
    facets = index.facets(query, fields=fields, limit=50, exact=True, **filters)
    assert taken == ([] if plan == "join" else [plan])
    expected = {hit.article.id for hit in index.search(query, limit=100, exact=True, **filters)}
    assert facets == brute_facets(index, expected)
    assert facets["countries"]  # the fixture's match is not empty


def test_facets_of_a_match_every_article_passes_come_from_the_totals(index):
    everything = {a.id for a in index.iter_articles()}
    assert matched_ids(index, "pekerja OR berita") == everything
    facets = index.facets(
        "pekerja OR berita", fields=["countries", "provinces", "topics"], limit=50, exact=True
    )
    assert facets == brute_facets(index, everything)


@pytest.mark.parametrize("query", ["pekerja -calo", "pekerja -kupang -calo", "kupang -batam"])
def test_an_exclusion_inside_the_match_keeps_hits_and_scores(index, query):
    """FTS5's NOT gives the hits the set difference gives, with the scores of the words alone."""
    words = query.split(" -")[0]
    excluded = set().union(*(matched_ids(index, w) for w in query.split(" -")[1:]))
    plain = {hit.article.id: hit.score for hit in index.search(words, limit=100, exact=True)}
    hits = index.search(query, limit=100, exact=True)
    assert {hit.article.id: hit.score for hit in hits} == {
        i: score for i, score in plain.items() if i not in excluded
    }
    assert hits.total == len(set(plain) - excluded)
    facets = index.facets(query, fields=["countries"], limit=50, exact=True)
    assert facets == {"countries": brute_facets(index, set(plain) - excluded)["countries"]}


@pytest.mark.parametrize("filters", [{"sources": ["s2"]}, {"sources": ["s2"], "countries": ["MY"]}])
def test_filters_inside_the_ranked_match_keep_the_unfiltered_order_and_scores(tmp_path, filters):
    idx = SqliteIndex(tmp_path / "r.db")
    idx.upsert(
        art(
            f"r{n}",
            source=f"s{n % 3}",
            title="pekerja " * (n % 4 + 1),
            body="migran",
            countries=["MY", "HK"][n % 2 :],
        )
        for n in range(30)
    )
    kept = {
        a.id
        for a in idx.iter_articles()
        if a.source == "s2" and ("countries" not in filters or "MY" in a.countries)
    }
    plain = [(h.article.id, h.score) for h in idx.search("pekerja", limit=100)]
    filtered = idx.search("pekerja", limit=100, **filters)
    assert [(h.article.id, h.score) for h in filtered] == [p for p in plain if p[0] in kept]
    assert filtered.total == len(kept) > 0
    page = idx.search("pekerja", limit=3, offset=3, **filters)
    assert [h.article.id for h in page] == [p[0] for p in plain if p[0] in kept][3:6]
    idx.close()
