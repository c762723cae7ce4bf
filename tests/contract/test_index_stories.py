"""Stories on every backend: collapsed search, a story's members, and the stories most outlets reported."""

from __future__ import annotations

from datetime import timedelta, timezone

import pytest

from pmi_aggregator.article import Article
from pmi_aggregator.errors import InvalidRequest
from pmi_aggregator.index.contract import Index
from tests.contract.articles import STORY_START as FIRST
from tests.contract.articles import linked_story

WIB = timezone(timedelta(hours=7))


@pytest.fixture
def linked(index: Index) -> dict[str, Article]:
    articles = linked_story()
    index.upsert(articles.values())
    return articles


def test_a_collapsed_search_shows_one_hit_per_story_and_counts_stories(index: Index, linked):
    assert index.search("deportasi").total == 5
    results = index.search("deportasi", collapse=True)
    assert results.total == 3 and len(results) == 3
    by_story = {hit.story.story_id: hit for hit in results if hit.story}
    a = by_story[linked["a1"].id]
    assert a.article.id == linked["a3"].id  # the best match of its story: the word in its title
    assert (a.story.articles, a.story.outlets) == (3, 3)
    assert a.story.first is not None and a.story.first.id == linked["a1"].id
    alone = by_story[linked["c1"].id]
    assert (alone.story.articles, alone.story.outlets) == (1, 1)


def test_collapsed_pages_by_offset(index: Index, linked):
    pages = [index.search("deportasi", collapse=True, limit=1, offset=n, sort="newest") for n in range(3)]
    assert [p.total for p in pages] == [3, 3, 3]
    assert len({p.hits[0].story.story_id for p in pages if p.hits[0].story}) == 3
    with pytest.raises(InvalidRequest):
        index.search("deportasi", collapse=True, cursor=index.search("deportasi", limit=1).cursor)


def test_a_collapsed_listing_without_words(index: Index, linked):
    results = index.search(None, collapse=True, countries=["MY"])
    assert results.total == 1 and results.hits[0].story is not None and results.hits[0].story.articles == 3


def test_a_story_lists_its_members_first_report_first(index: Index, linked):
    members = index.story(linked["a1"].id)
    assert [a.id for a in members] == [linked[k].id for k in ("a1", "a2", "a3")]
    assert members[1].copy_of == linked["a1"].id
    assert [a.id for a in index.story(linked["c1"].id)] == [linked["c1"].id]
    assert index.story("no-such-story") == []


def test_stories_reported_by_the_most_outlets_come_first_with_filters(index: Index, linked):
    top = index.stories(since=FIRST - timedelta(days=1))
    assert [(s.story_id, s.articles, s.outlets) for s in top] == [
        (linked["a1"].id, 3, 3),
        (linked["b1"].id, 1, 1),
    ]
    assert top[0].first is not None and top[0].first.id == linked["a1"].id
    assert [s.story_id for s in index.stories(countries="SA")] == [linked["b1"].id]
    assert [s.articles for s in index.stories(sources=["tribun", "detik"])] == [2]
    assert len(index.stories(limit=1)) == 1


def test_the_crawl_links_on_every_backend(index: Index):
    """The side store follows the backend (the SQLite file itself, a data-folder file for Elasticsearch);
    an earlier copy written first is rewritten when its original arrives."""
    from pmi_aggregator.stories.index_links import IndexLinking
    from tests.unit.stories.news import DAY, TAWAU, copy_of, news

    original = news("antara-kupang", "a", "217 PMI dideportasi dari Tawau", TAWAU)
    copy = copy_of(original, "apakabaronline", "Ratusan PMI Dipulangkan", DAY + timedelta(hours=2))
    linking = IndexLinking(index)
    for batch in ([copy], [original]):
        relinked = linking.link(batch)
        index.upsert(batch)
        index.upsert(relinked)
    linking.close()
    assert [a.id for a in index.story(original.id)] == [original.id, copy.id]
    stored = index.get(copy.id)
    assert stored is not None and stored.copy_of == original.id
    assert index.search("deportasi", collapse=True).total == 1


def test_stats_count_stories_once_per_period_with_collapse(index: Index, linked):
    articles = index.stats("deportasi", by="day")
    stories = index.stats("deportasi", by="day", collapse=True)
    assert articles.dated_total == 5 and articles.undated_total == 0
    expected: dict[str, set[str]] = {}
    for a in linked.values():
        day = a.published_at.astimezone(WIB).strftime("%Y-%m-%d")
        expected.setdefault(day, set()).add(a.story_id or a.id)
    assert {period: n for period, _, n in stories.periods} == {d: len(s) for d, s in expected.items()}
    assert stories.dated_total < articles.dated_total  # story A's first report and copy share a day
    split = index.stats("deportasi", by="month", split="source", collapse=True)
    assert {g for _, g, _ in split.periods} == {a.source for a in linked.values()}


def test_a_collapsed_search_keeps_the_query_exclusions(index: Index, linked):
    plain = {hit.article.id for hit in index.search("deportasi -tawau", limit=50)}
    collapsed = index.search("deportasi -tawau", collapse=True, limit=50)
    assert plain and linked["a1"].id not in plain
    assert {hit.article.id for hit in collapsed} <= plain
    assert collapsed.total == len(plain) == 3  # a3, b1 and c1: three stories, since a1 and a2 are out
