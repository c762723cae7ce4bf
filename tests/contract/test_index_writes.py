"""Writes and lookups on every backend: upsert counting, get/get_by_url, count, streams, stats, id prefixes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pmi_aggregator.article import Article
from pmi_aggregator.errors import InvalidRequest
from pmi_aggregator.index.contract import Index
from tests.contract.articles import WIB, art, urls

# --- upsert ------------------------------------------------------------------------------------------


def test_upsert_counts_new_articles(index: Index) -> None:
    result = index.upsert([art("a", title="Satu"), art("b", title="Dua")])
    assert (result.new, result.updated, result.unchanged, result.failed) == (2, 0, 0, 0)


def test_re_upsert_is_unchanged_and_idempotent(index: Index) -> None:
    articles = [art("a", title="Satu"), art("b", title="Dua")]
    index.upsert(articles)
    result = index.upsert(articles)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 2)
    assert index.count() == 2


def test_re_upsert_with_only_a_new_crawl_time_is_unchanged(index: Index) -> None:
    index.upsert([art("a", title="Satu", crawled_at=datetime(2024, 1, 1, tzinfo=timezone.utc))])
    result = index.upsert([art("a", title="Satu", crawled_at=datetime(2024, 6, 1, tzinfo=timezone.utc))])
    assert result.unchanged == 1


def test_changed_article_counts_as_updated(index: Index) -> None:
    index.upsert([art("a", title="Satu")])
    result = index.upsert([art("a", title="Satu (diperbarui)")])
    assert (result.new, result.updated, result.unchanged) == (0, 1, 0)
    assert index.count() == 1
    assert index.get_by_url("https://example.com/berita/a").title == "Satu (diperbarui)"


def test_update_replaces_the_searchable_text(index: Index) -> None:
    index.upsert([art("a", title="Kapal", body="Pekerja berangkat ke Malaysia")])
    index.upsert([art("a", title="Kapal", body="Pekerja berangkat ke Taiwan")])
    assert index.search("malaysia").total == 0
    assert urls(index.search("taiwan")) == ["a"]
    assert index.search("pekerja").total == 1


def test_url_variants_upsert_into_one_article(index: Index) -> None:
    index.upsert([art("a", title="Satu")])
    variant = Article(url="http://m.example.com/berita/a/amp/?utm_source=wa", source="s1", title="Satu")
    result = index.upsert([variant])
    assert result.new == 0
    assert index.count() == 1


def test_upsert_accepts_dicts(index: Index) -> None:
    result = index.upsert([art("a", title="Satu").to_dict()])
    assert result.new == 1
    assert index.get_by_url("https://example.com/berita/a").title == "Satu"


def test_upsert_of_nothing(index: Index) -> None:
    result = index.upsert([])
    assert (result.new, result.updated, result.unchanged) == (0, 0, 0)


def test_same_article_twice_in_one_call_counts_like_two_calls(index: Index) -> None:
    result = index.upsert(
        [art("a", title="Satu"), art("a", title="Satu"), art("a", title="Satu (diperbarui)")]
    )
    assert (result.new, result.updated, result.unchanged) == (1, 1, 1)
    assert index.count() == 1
    assert index.get_by_url("https://example.com/berita/a").title == "Satu (diperbarui)"
    assert index.search("diperbarui").total == 1


def test_stored_article_changed_twice_in_one_call_keeps_the_last(index: Index) -> None:
    index.upsert([art("a", title="Kapal", body="Berangkat ke Malaysia")])
    result = index.upsert(
        [
            art("a", title="Kapal", body="Berangkat ke Taiwan"),
            art("a", title="Kapal", body="Berangkat ke Korea"),
        ]
    )
    assert (result.new, result.updated) == (0, 2)
    assert [index.search(word).total for word in ("malaysia", "taiwan", "korea")] == [0, 0, 1]


def test_a_successful_upsert_reports_no_failures(index: Index) -> None:
    result = index.upsert([art("a", title="Satu")])
    assert (result.failed, result.failures, result.errors) == (0, {}, [])


# --- reads -------------------------------------------------------------------------------------------


def test_get_returns_an_equal_article(index: Index) -> None:
    article = art("a", title="Satu", body="Isi", published=datetime(2024, 1, 1, 8, tzinfo=WIB), tags=["PMI"])
    index.upsert([article])
    stored = index.get(article.id)
    assert stored == article
    assert stored.published_at.utcoffset() == timedelta(hours=7)


@pytest.mark.parametrize(
    "variant",
    [
        "https://example.com/berita/a",
        "http://www.example.com/berita/a/",
        "https://m.example.com/berita/a?utm_source=fb#top",
        "https://example.com/amp/berita/a",
    ],
)
def test_get_by_url_finds_url_variants(index: Index, variant: str) -> None:
    index.upsert([art("a", title="Satu")])
    assert index.get_by_url(variant).title == "Satu"


def test_count_per_source(news: Index) -> None:
    assert news.count() == 4
    assert news.count(source="s1") == 2
    assert news.count(source="s2") == 2
    assert news.count(source="nope") == 0


def test_iter_articles_on_empty_index(index: Index) -> None:
    assert list(index.iter_articles()) == []


def test_source_stats(news: Index) -> None:
    stats = news.source_stats()
    assert set(stats) == {"s1", "s2"}
    assert stats["s1"]["articles"] == 2
    assert stats["s2"]["articles"] == 2
    assert stats["s1"]["newest"].startswith("2024-02-10")
    # s2's only dated article was published 2024-01-01 00:30 WIB, i.e. 2023-12-31 in UTC.
    assert stats["s2"]["newest"].startswith("2023-12-31T17:30")


# --- ids by prefix (``pmi show`` with a short id) ------------------------------------------------------


@pytest.fixture
def numbered(index: Index) -> tuple[Index, list[str]]:
    articles = [art(f"p{i}", title=f"Berita {i}") for i in range(40)]
    index.upsert(articles)
    return index, sorted(a.id for a in articles)


def test_ids_with_prefix_tells_a_unique_prefix_from_an_ambiguous_one(
    numbered: tuple[Index, list[str]],
) -> None:
    index, ids = numbered
    for article_id in ids:
        unique = next(n for n in range(1, 21) if sum(i.startswith(article_id[:n]) for i in ids) == 1)
        assert index.ids_with_prefix(article_id[:unique]) == [article_id]
        assert index.ids_with_prefix(article_id) == [article_id]
        if unique > 1:
            shared = sorted(i for i in ids if i.startswith(article_id[: unique - 1]))
            assert index.ids_with_prefix(article_id[: unique - 1]) == shared[:2]


def test_ids_with_prefix_returns_up_to_limit_in_id_order(numbered: tuple[Index, list[str]]) -> None:
    index, ids = numbered
    first = ids[0][0]
    expected = [i for i in ids if i.startswith(first)]
    assert index.ids_with_prefix(first, limit=1000) == expected
    assert index.ids_with_prefix(first, limit=1) == expected[:1]


@pytest.mark.parametrize("prefix", ["zz", "%", "_", "*", ".*", "?", "0" * 21, "\U0010ffff", "\ud7ff"])
def test_ids_with_prefix_is_literal_and_finds_nothing_unknown(
    numbered: tuple[Index, list[str]], prefix: str
) -> None:
    index, _ = numbered
    assert index.ids_with_prefix(prefix) == []


@pytest.mark.parametrize(("prefix", "limit"), [("", 2), ("a", 0), ("a", -1), ("a", 1001), ("a", "2")])
def test_ids_with_prefix_rejects_bad_arguments(index: Index, prefix: str, limit: object) -> None:
    with pytest.raises(InvalidRequest) as info:
        index.ids_with_prefix(prefix, limit)  # type: ignore[arg-type]
    assert "\n" not in str(info.value)


def test_each_backend_declares_whether_a_crawl_needs_an_outbox(
    index: Index, request: pytest.FixtureRequest
) -> None:
    remote = request.node.callspec.params["index"] == "elasticsearch"
    assert index.needs_outbox is remote
