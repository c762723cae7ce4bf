"""Query-time synonyms, the same on both backends: expansion happens on the parsed query."""

from __future__ import annotations

import pytest

from pmi_aggregator.article import Article
from pmi_aggregator.index.contract import Index
from pmi_aggregator.index.synonyms import Synonyms


def _article(n: int, title: str, body: str) -> Article:
    return Article(url=f"https://synonyms.example/berita/{n}", source="demo", title=title, body=body)


STORIES = [
    _article(1, "Nasib TKI di kebun sawit", "Para TKI bekerja belasan jam sehari di Sabah."),
    _article(2, "Pekerja migran ditahan di Johor", "Seorang pekerja migran ditahan polisi setempat."),
    _article(3, "PMI gelar donor darah", "Palang Merah Indonesia (PMI) menggelar donor darah di balai kota."),
    _article(4, "Anak buah kapal dianiaya", "Tiga anak buah kapal ikan asing melapor ke KBRI."),
    _article(5, "ABK dipulangkan", "Para ABK tiba di Bitung."),
    _article(6, "Buruh pabrik mogok", "Buruh pabrik tekstil menuntut kenaikan upah."),
]


@pytest.fixture
def stories(index: Index) -> Index:
    index.upsert(STORIES)
    return index


def _found(index: Index, query: str, **kwargs: object) -> set[str]:
    return {hit.article.url.rsplit("/", 1)[1] for hit in index.search(query, limit=50, **kwargs)}


def test_a_word_finds_its_synonyms_but_not_the_ambiguous_pmi(stories):
    assert _found(stories, "TKI") == {"1", "2"}  # not the Red Cross story: "PMI" is never added


def test_the_ambiguous_word_typed_itself_expands_to_the_others(stories):
    assert _found(stories, "PMI") == {"1", "2", "3"}  # the Red Cross story matches the typed word only


def test_phrases_expand_as_phrases_and_acronyms_to_phrases(stories):
    assert _found(stories, "ABK") == {"4", "5"}
    assert _found(stories, '"anak buah kapal"') == {"4", "5"}
    assert _found(stories, "buruh") == {"6"}  # "buruh migran" is a phrase: a lone word does not expand


def test_exact_turns_expansion_off(stories):
    assert _found(stories, "TKI", exact=True) == {"1"}
    assert stories.search("TKI", exact=True).total == 1


def test_totals_and_facets_see_the_same_expansion(stories):
    assert stories.search("TKI").total == 2
    assert (
        sum(n for _, n in stories.facets("TKI", fields=("topics",)).get("topics", [])) == 0
    )  # no topics stored
    assert stories.search("TKI -ditahan").total == 1  # exclusions are not expanded


def test_a_given_table_replaces_the_built_in_one(stories):
    table = Synonyms.build([("sawit", "tekstil")])
    assert _found(stories, "sawit", synonyms=table) == {"1", "6"}
    assert _found(stories, "TKI", synonyms=table) == {"1"}
