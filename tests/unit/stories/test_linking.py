"""Copies and reports of one event linked; look-alikes kept apart; the crawl and the batch agree."""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest

from pmi_aggregator import link_stories
from pmi_aggregator.article import Article
from pmi_aggregator.index.sqlite import SqliteIndex
from pmi_aggregator.stories.attribution import credited_source
from pmi_aggregator.stories.index_links import IndexLinking
from tests.support.story_corpus import generated_items, labelled_items
from tests.unit.stories.news import (
    AIRPORT_FRIDAY,
    AIRPORT_MONDAY,
    BLOOD_BOGOR,
    BLOOD_SLEMAN,
    DAY,
    REMITTANCE,
    TAWAU,
    TAWAU_OTHER_OUTLET,
    copy_of,
    news,
)


@pytest.mark.parametrize(
    ("text", "credited"),
    [
        ("Kupang (ANTARA) - Sebanyak 12 PMI dipulangkan.", "ANTARA"),
        ("Isi berita.\n\nSumber: Antaranews.com", "ANTARA"),
        ("Seperti dikutip dari Pos Kupang, korban berangkat pada 2024.", "Pos Kupang"),
        ("Isi berita.\nSumber : Tribun Jateng", "Tribun Jateng"),
        ("Para pekerja dipulangkan melalui Nunukan.", None),
    ],
)
def test_credited_source_is_read_from_the_text(text: str, credited: str | None):
    assert credited_source(text) == credited


def _partition(stories: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for article_id, story in stories.items():
        groups.setdefault(story, set()).add(article_id)
    return {frozenset(g) for g in groups.values()}


def _linked(tmp_path: Path, batches: list[list[Article]]) -> SqliteIndex:
    """The crawl's path: each batch linked, then written, then the relinked articles rewritten."""
    index = SqliteIndex(tmp_path / "index.db")
    linking = IndexLinking(index)
    for batch in batches:
        relinked = linking.link(batch)
        index.upsert(batch)
        index.upsert(relinked)
    linking.close()
    return index


def test_a_later_copy_points_at_the_earliest_and_both_share_its_story(tmp_path: Path):
    original = news("antara-kupang", "deportasi", "217 PMI dideportasi dari Tawau", TAWAU)
    copy = copy_of(original, "apakabaronline", "Ratusan PMI Dipulangkan", DAY + timedelta(hours=5))
    index = _linked(tmp_path, [[copy], [original]])  # the copy is crawled first
    stored_copy, stored_original = index.get(copy.id), index.get(original.id)
    assert stored_copy is not None and stored_original is not None
    assert stored_copy.copy_of == original.id and stored_copy.copy_basis == "published"
    assert stored_original.copy_of is None
    assert stored_copy.story_id == stored_original.story_id == original.id
    assert stored_copy.credited_source == "ANTARA"


def test_undated_copies_are_ordered_by_crawl_time_and_say_so():
    original = news("antara-kupang", "a", "217 PMI dideportasi", TAWAU, published=None)
    copy = copy_of(original, "apakabaronline", "Ratusan PMI Dipulangkan", published=None)
    copy.crawled_at = original.crawled_at + timedelta(hours=1)  # type: ignore[operator]
    from pmi_aggregator.stories.linker import Linker
    from pmi_aggregator.stories.store import LinkStore

    links = Linker(LinkStore(":memory:")).link([copy, original])
    assert links[copy.id].copy_of == original.id and links[copy.id].copy_basis == "crawled"


def test_independent_reports_of_one_event_share_a_story_but_are_not_copies():
    first = news("antara-kaltara", "a", "217 PMI dideportasi dari Tawau", TAWAU)
    second = news(
        "tribun-kaltara", "b", "216 deportan tiba di Nunukan", TAWAU_OTHER_OUTLET, DAY + timedelta(days=1)
    )
    from pmi_aggregator.stories.linker import Linker
    from pmi_aggregator.stories.store import LinkStore

    links = Linker(LinkStore(":memory:")).link([second, first])
    assert links[first.id].story_id == links[second.id].story_id == first.id
    assert links[second.id].copy_of is None


@pytest.mark.parametrize(
    ("a", "b", "days"),
    [
        (AIRPORT_MONDAY, AIRPORT_FRIDAY, 4),
        (AIRPORT_MONDAY, AIRPORT_FRIDAY, 1),
        (BLOOD_BOGOR, BLOOD_SLEMAN, 0),
    ],
    ids=["deportations-days-apart", "deportations-next-day", "blood-drives-same-day"],
)
def test_look_alikes_stay_apart(a: str, b: str, days: int):
    first = news("antara", "a", a.split(".")[0], a)
    second = news("detik", "b", b.split(".")[0], b, DAY + timedelta(days=days))
    stories = link_stories([first, second])
    assert stories[first.id] != stories[second.id]


def _sample_articles() -> list[Article]:
    original = news("antara-kaltara", "a", "217 PMI dideportasi dari Tawau", TAWAU)
    return [
        original,
        copy_of(original, "apakabaronline", "Ratusan PMI Dipulangkan", DAY + timedelta(hours=3)),
        news("tribun", "b", "216 deportan tiba di Nunukan", TAWAU_OTHER_OUTLET, DAY + timedelta(days=1)),
        news("antara", "c", "Deportan tiba", AIRPORT_MONDAY),
        news("detik", "d", "Deportan tiba", AIRPORT_FRIDAY, DAY + timedelta(days=4)),
        news("pmi-bogor", "e", "Donor darah", BLOOD_BOGOR),
        news("pmi-sleman", "f", "Donor darah", BLOOD_SLEMAN),
    ]


def _agree(tmp_path: Path, articles: list[Article]) -> None:
    batch = link_stories(articles)
    for seed in range(3):
        shuffled = articles[:]
        random.Random(seed).shuffle(shuffled)
        size = 1 + seed * 3
        batches = [shuffled[i : i + size] for i in range(0, len(shuffled), size)]
        index = _linked(tmp_path / str(seed), batches)
        crawled = {a.id: a.story_id for a in index.iter_articles()}
        index.close()
        assert _partition(crawled) == _partition(batch)  # type: ignore[arg-type]
        assert crawled == batch  # story ids are first reports: the same whatever the order


def test_the_crawl_and_link_stories_agree_whatever_the_order(tmp_path: Path):
    articles = _sample_articles()
    _agree(tmp_path, articles)
    assert len(_partition(link_stories(articles))) == 5


@pytest.mark.slow
@pytest.mark.timeout(90)
def test_the_crawl_and_link_stories_agree_on_the_labelled_set(tmp_path: Path, shared_dir: Path):
    items = labelled_items(shared_dir / "domain" / "labelled.jsonl") + generated_items(
        shared_dir / "realpages"
    )
    _agree(tmp_path, [article for article, _, _ in items])


def test_an_edited_article_is_linked_again_and_a_deleted_one_leaves_its_story(tmp_path: Path):
    articles = _sample_articles()
    original, copy, report = articles[:3]
    index = _linked(tmp_path, [articles])
    linking = IndexLinking(index)
    edited = news(copy.source, "salinan", copy.title, REMITTANCE, copy.published_at)
    assert edited.id == copy.id
    index.upsert([edited, *linking.link([edited])])
    stored = index.get(copy.id)
    assert stored is not None and stored.story_id == copy.id and stored.copy_of is None
    index.delete(original.id)
    index.upsert(linking.unlink([original.id]))
    left = index.get(report.id)
    assert left is not None and left.story_id == report.id  # the story's first report is gone
    linking.close()
    index.close()
