"""Tests for pmi_aggregator.index.sqlite: the embedded SQLite/FTS5 index."""

import base64
import json
import sqlite3
import time
from datetime import date, datetime, timedelta, timezone

import pytest

from pmi_aggregator.article import Article
from pmi_aggregator.index import (
    IndexFailure,
    IndexUnavailable,
    QueryError,
    open_index,
)
from pmi_aggregator.index import sqlite as sqlite_module
from pmi_aggregator.index.analysis import analyze
from pmi_aggregator.index.sqlite import SqliteIndex

WIB = timezone(timedelta(hours=7))


def art(slug, *, source="s1", title="", body="", published=None, summary="", **extra):
    return Article(
        url=f"https://example.com/berita/{slug}",
        source=source,
        title=title,
        body=body,
        summary=summary,
        published_at=published,
        **extra,
    )


def urls(results):
    return [hit.article.url.rsplit("/", 1)[-1] for hit in results]


@pytest.fixture
def index(tmp_path):
    idx = open_index(str(tmp_path / "x.db"))
    yield idx
    idx.close()


@pytest.fixture
def corpus(index):
    """A small news corpus with dates in WIB, one undated article and two sources."""
    index.upsert(
        [
            art(
                "rekrut-ilegal",
                title="Perekrutan ilegal dibongkar",
                body="Polisi membongkar sindikat di Malaysia.",
                published=datetime(2024, 1, 10, 10, 0, tzinfo=WIB),
            ),
            art(
                "agen-taiwan",
                title="Berita lain",
                body="Agen merekrut pekerja migran ke Taiwan.",
                published=datetime(2024, 2, 10, 10, 0, tzinfo=WIB),
            ),
            art(
                "tanpa-tanggal",
                source="s2",
                title="Tanpa tanggal",
                body="Pekerja migran di Hong Kong menunggu gaji.",
            ),
            art(
                "pemulangan",
                source="s2",
                title="Pemulangan pekerja",
                body="Pekerja dipulangkan dari Hong Kong dan Malaysia.",
                published=datetime(2024, 1, 1, 0, 30, tzinfo=WIB),
            ),
        ]
    )
    return index


# --- upsert ------------------------------------------------------------------------------------------


def test_upsert_counts_new_articles(index):
    result = index.upsert([art("a", title="Satu"), art("b", title="Dua")])
    assert (result.new, result.updated, result.unchanged, result.failed) == (2, 0, 0, 0)


def test_re_upsert_is_unchanged_and_idempotent(index):
    articles = [art("a", title="Satu"), art("b", title="Dua")]
    index.upsert(articles)
    result = index.upsert(articles)
    assert (result.new, result.updated, result.unchanged) == (0, 0, 2)
    assert index.count() == 2


def test_re_upsert_with_only_a_new_crawl_time_is_unchanged(index):
    index.upsert([art("a", title="Satu", crawled_at=datetime(2024, 1, 1, tzinfo=timezone.utc))])
    result = index.upsert([art("a", title="Satu", crawled_at=datetime(2024, 6, 1, tzinfo=timezone.utc))])
    assert result.unchanged == 1


def test_changed_article_counts_as_updated(index):
    index.upsert([art("a", title="Satu")])
    result = index.upsert([art("a", title="Satu (diperbarui)")])
    assert (result.new, result.updated, result.unchanged) == (0, 1, 0)
    assert index.count() == 1
    assert index.get_by_url("https://example.com/berita/a").title == "Satu (diperbarui)"


def test_update_replaces_the_searchable_text(index):
    index.upsert([art("a", title="Kapal", body="Pekerja berangkat ke Malaysia")])
    index.upsert([art("a", title="Kapal", body="Pekerja berangkat ke Taiwan")])
    assert index.search("malaysia").total == 0
    assert urls(index.search("taiwan")) == ["a"]
    assert index.search("pekerja").total == 1


def test_url_variants_upsert_into_one_article(index):
    index.upsert([art("a", title="Satu")])
    variant = Article(url="http://m.example.com/berita/a/amp/?utm_source=wa", source="s1", title="Satu")
    result = index.upsert([variant])
    assert result.new == 0
    assert index.count() == 1


def test_upsert_accepts_dicts(index):
    result = index.upsert([art("a", title="Satu").to_dict()])
    assert result.new == 1
    assert index.get_by_url("https://example.com/berita/a").title == "Satu"


def test_upsert_of_nothing(index):
    result = index.upsert([])
    assert (result.new, result.updated, result.unchanged) == (0, 0, 0)


def test_failed_batch_is_rolled_back(index):
    def batch():
        yield art("a", title="Satu")
        raise RuntimeError("spider broke mid-batch")

    with pytest.raises(RuntimeError):
        index.upsert(batch())
    assert index.count() == 0
    assert index.upsert([art("b", title="Dua")]).new == 1


def test_same_article_twice_in_one_call_counts_like_two_calls(index):
    result = index.upsert(
        [art("a", title="Satu"), art("a", title="Satu"), art("a", title="Satu (diperbarui)")]
    )
    assert (result.new, result.updated, result.unchanged) == (1, 1, 1)
    assert index.count() == 1
    assert index.get_by_url("https://example.com/berita/a").title == "Satu (diperbarui)"
    assert index.search("diperbarui").total == 1


def test_stored_article_changed_twice_in_one_call_keeps_the_last(index):
    index.upsert([art("a", title="Kapal", body="Berangkat ke Malaysia")])
    result = index.upsert(
        [
            art("a", title="Kapal", body="Berangkat ke Taiwan"),
            art("a", title="Kapal", body="Berangkat ke Korea"),
        ]
    )
    assert (result.new, result.updated) == (0, 2)
    assert [index.search(word).total for word in ("malaysia", "taiwan", "korea")] == [0, 0, 1]


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


# --- reads -------------------------------------------------------------------------------------------


def test_get_returns_an_equal_article(index):
    article = art("a", title="Satu", body="Isi", published=datetime(2024, 1, 1, 8, tzinfo=WIB), tags=["PMI"])
    index.upsert([article])
    stored = index.get(article.id)
    assert stored == article
    assert stored.published_at.utcoffset() == timedelta(hours=7)


def test_get_unknown_id_is_none(index):
    assert index.get("0" * 20) is None


@pytest.mark.parametrize(
    "variant",
    [
        "https://example.com/berita/a",
        "http://www.example.com/berita/a/",
        "https://m.example.com/berita/a?utm_source=fb#top",
        "https://example.com/amp/berita/a",
    ],
)
def test_get_by_url_finds_url_variants(index, variant):
    index.upsert([art("a", title="Satu")])
    assert index.get_by_url(variant).title == "Satu"


def test_get_by_url_unknown_is_none(index):
    assert index.get_by_url("https://example.com/berita/tidak-ada") is None


def test_count_per_source(corpus):
    assert corpus.count() == 4
    assert corpus.count(source="s1") == 2
    assert corpus.count(source="s2") == 2
    assert corpus.count(source="nope") == 0


def test_iter_articles_streams_every_article_once(index):
    articles = [art(f"a{i}", title=f"Judul {i}") for i in range(23)]
    index.upsert(articles)
    streamed = list(index.iter_articles(batch_size=5))
    assert sorted(a.id for a in streamed) == sorted(a.id for a in articles)
    assert [a.id for a in streamed] == sorted(a.id for a in streamed)


def test_iter_articles_on_empty_index(index):
    assert list(index.iter_articles()) == []


def test_source_stats(corpus):
    stats = corpus.source_stats()
    assert set(stats) == {"s1", "s2"}
    assert stats["s1"]["articles"] == 2
    assert stats["s2"]["articles"] == 2
    assert stats["s1"]["newest"].startswith("2024-02-10")
    # s2's only dated article was published 2024-01-01 00:30 WIB, i.e. 2023-12-31 in UTC.
    assert stats["s2"]["newest"].startswith("2023-12-31T17:30")


# --- search: matching --------------------------------------------------------------------------------


def test_search_finds_stemmed_variants(corpus):
    assert set(urls(corpus.search("rekrut"))) == {"rekrut-ilegal", "agen-taiwan"}
    assert set(urls(corpus.search("perekrutan"))) == {"rekrut-ilegal", "agen-taiwan"}


def test_search_is_case_insensitive(corpus):
    assert urls(corpus.search("TAIWAN")) == ["agen-taiwan"]


def test_words_are_anded(corpus):
    assert urls(corpus.search("pekerja taiwan")) == ["agen-taiwan"]


def test_title_match_outranks_body_only_match(index):
    index.upsert(
        [
            art(
                "body", title="Kabar hari ini", body="Sindikat perekrutan dibongkar polisi di Batam kemarin."
            ),
            art(
                "title", title="Perekrutan dibongkar", body="Sindikat di Batam dibongkar polisi kemarin sore."
            ),
        ]
    )
    results = index.search("rekrut")
    assert urls(results) == ["title", "body"]
    assert results.hits[0].score > results.hits[1].score


def test_phrase_requires_adjacent_words(index):
    index.upsert(
        [
            art("frasa", body="Pekerja di Hong Kong libur."),
            art("pisah", body="Kong dan Hong adalah nama anjing pekerja."),
        ]
    )
    assert urls(index.search('"hong kong"')) == ["frasa"]
    assert set(urls(index.search("hong kong"))) == {"frasa", "pisah"}


def test_exclusion_removes_matches(corpus):
    assert set(urls(corpus.search("pekerja -malaysia"))) == {"agen-taiwan", "tanpa-tanggal"}


def test_excluded_phrase(corpus):
    assert urls(corpus.search('pekerja -"hong kong"')) == ["agen-taiwan"]


def test_not_keyword_excludes(corpus):
    assert set(urls(corpus.search("pekerja NOT taiwan"))) == {"tanpa-tanggal", "pemulangan"}


def test_or_matches_either(corpus):
    assert set(urls(corpus.search("taiwan OR malaysia"))) == {"rekrut-ilegal", "agen-taiwan", "pemulangan"}


def test_negative_only_query_lists_the_rest(corpus):
    results = corpus.search("-malaysia")
    assert set(urls(results)) == {"agen-taiwan", "tanpa-tanggal"}
    assert results.total == 2


def test_no_match_gives_empty_results(corpus):
    results = corpus.search("arab")
    assert results.hits == []
    assert results.total == 0
    assert results.cursor is None


def test_empty_query_browses_everything_newest_first(corpus):
    results = corpus.search("")
    assert results.total == 4
    assert urls(results) == ["agen-taiwan", "rekrut-ilegal", "pemulangan", "tanpa-tanggal"]


def test_none_query_browses(corpus):
    assert corpus.search(None).total == 4


def test_summary_is_searchable(index):
    index.upsert([art("a", title="Judul", summary="Ringkasan tentang Taiwan", body="Isi.")])
    assert urls(index.search("taiwan")) == ["a"]


# --- search: filters ---------------------------------------------------------------------------------


def test_filter_by_source(corpus):
    assert set(urls(corpus.search("pekerja", sources="s2"))) == {"tanpa-tanggal", "pemulangan"}
    assert set(urls(corpus.search("pekerja", sources=["s1"]))) == {"agen-taiwan"}
    assert corpus.search("pekerja", sources=["s1"]).total == 1


def test_filter_by_several_sources(corpus):
    assert corpus.search("", sources=["s1", "s2"]).total == 4


def test_filter_by_unknown_source_gives_nothing(corpus):
    assert corpus.search("", sources=["nope"]).total == 0


def test_date_strings_are_whole_days_in_jakarta(corpus):
    # 2024-01-01 00:30 WIB counts as 1 January even though it is 31 December in UTC.
    results = corpus.search("", date_from="2024-01-01", date_to="2024-01-31")
    assert set(urls(results)) == {"rekrut-ilegal", "pemulangan"}


def test_date_to_includes_the_whole_last_day(corpus):
    assert set(urls(corpus.search("", date_from="2024-02-10", date_to="2024-02-10"))) == {"agen-taiwan"}


def test_date_objects_filter(corpus):
    results = corpus.search("", date_from=date(2024, 1, 2), date_to=date(2024, 2, 9))
    assert urls(results) == ["rekrut-ilegal"]


def test_aware_datetimes_filter_exact_instants(corpus):
    cutoff = datetime(2024, 1, 10, 3, 0, tzinfo=timezone.utc)  # == 2024-01-10 10:00 WIB
    assert set(urls(corpus.search("", date_from=cutoff))) == {"rekrut-ilegal", "agen-taiwan"}
    assert set(urls(corpus.search("", date_to=cutoff - timedelta(seconds=1)))) == {"pemulangan"}


def test_only_date_from(corpus):
    assert urls(corpus.search("pekerja", date_from="2024-02-01")) == ["agen-taiwan"]


def test_undated_articles_are_excluded_by_date_filters(corpus):
    assert "tanpa-tanggal" not in urls(corpus.search("", date_from="2000-01-01"))
    assert "tanpa-tanggal" not in urls(corpus.search("pekerja", date_to="2100-01-01"))


def test_include_undated_keeps_undated_articles(corpus):
    results = corpus.search("", date_from="2024-02-01", include_undated=True)
    assert set(urls(results)) == {"agen-taiwan", "tanpa-tanggal"}
    assert results.total == 2


def test_include_undated_with_a_query(corpus):
    results = corpus.search("pekerja", date_from="2024-02-01", include_undated=True)
    assert set(urls(results)) == {"agen-taiwan", "tanpa-tanggal"}


def test_filters_combine_with_exclusions(corpus):
    results = corpus.search("pekerja -taiwan", sources="s2", date_from="2023-12-01")
    assert urls(results) == ["pemulangan"]
    assert results.total == 1


# --- search: sorting ---------------------------------------------------------------------------------


def test_sort_newest_with_undated_last(corpus):
    assert urls(corpus.search("pekerja", sort="newest")) == ["agen-taiwan", "pemulangan", "tanpa-tanggal"]


def test_sort_oldest_with_undated_last(corpus):
    assert urls(corpus.search("pekerja", sort="oldest")) == ["pemulangan", "agen-taiwan", "tanpa-tanggal"]


def test_browse_sort_oldest(corpus):
    assert urls(corpus.search("", sort="oldest")) == [
        "pemulangan",
        "rekrut-ilegal",
        "agen-taiwan",
        "tanpa-tanggal",
    ]


def test_dates_sort_by_instant_not_by_local_text(index):
    index.upsert(
        [
            # 23:00 on the 1st in New York is later than 09:00 on the 2nd in Jakarta.
            art(
                "ny",
                body="pekerja",
                published=datetime(2024, 1, 1, 23, 0, tzinfo=timezone(timedelta(hours=-5))),
            ),
            art("jkt", body="pekerja", published=datetime(2024, 1, 2, 9, 0, tzinfo=WIB)),
        ]
    )
    assert urls(index.search("pekerja", sort="newest")) == ["ny", "jkt"]


# --- search: paging ----------------------------------------------------------------------------------


@pytest.fixture
def many(index):
    """31 articles: ties on the same instant, undated ones, a second source, and 5 about Malaysia."""
    base = datetime(2024, 3, 1, 8, 0, tzinfo=WIB)
    articles = []
    for i in range(31):
        published = None if i % 7 == 3 else base + timedelta(days=i // 3)
        place = "Malaysia" if i % 6 == 0 else "Taiwan"
        articles.append(
            art(
                f"n{i:02d}",
                source="s1" if i % 2 else "s2",
                title=f"Pekerja migran {i}",
                body=f"Laporan nomor {i} tentang pekerja di {place}. " + "kata " * (i % 5),
                published=published,
            )
        )
    index.upsert(articles)
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


def collect_pages(index, query, *, limit, use_cursor, **kwargs):
    seen, cursor, offset, totals = [], None, 0, set()
    for _ in range(100):
        if use_cursor:
            page = index.search(query, limit=limit, cursor=cursor, **kwargs)
        else:
            page = index.search(query, limit=limit, offset=offset, **kwargs)
        totals.add(page.total)
        seen.extend(urls(page))
        if use_cursor:
            if page.cursor is None:
                break
            cursor = page.cursor
        else:
            if len(page) < limit:
                break
            offset += limit
    return seen, totals


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
@pytest.mark.parametrize("query", ["", "pekerja", "pekerja -malaysia", "-malaysia", "taiwan OR malaysia"])
@pytest.mark.parametrize("use_cursor", [True, False])
def test_paging_visits_every_match_once_in_order(many, sort, query, use_cursor):
    everything = many.search(query, sort=sort, limit=1000)
    expected = urls(everything)
    for limit in (1, 4, 5):
        seen, totals = collect_pages(many, query, limit=limit, use_cursor=use_cursor, sort=sort)
        assert seen == expected
        assert totals == {len(expected)}


def test_paging_with_filters(many):
    expected = urls(many.search("pekerja", sources="s1", date_from="2024-03-03", sort="newest", limit=1000))
    seen, totals = collect_pages(
        many, "pekerja", limit=3, use_cursor=True, sources="s1", date_from="2024-03-03", sort="newest"
    )
    assert seen == expected
    assert totals == {len(expected)}
    assert 0 < len(expected) < 31


def test_newest_order_of_paged_results(many):
    seen, _ = collect_pages(many, "pekerja", limit=4, use_cursor=True, sort="newest")
    dated = {a.url.rsplit("/", 1)[-1]: a.published_at for a in many.iter_articles()}
    keys = [dated[u] for u in seen]
    with_dates = [k for k in keys if k is not None]
    assert with_dates == sorted(with_dates, reverse=True)
    assert keys[len(with_dates) :] == [None] * (len(keys) - len(with_dates))


def test_total_counts_all_matches_not_the_page(many):
    page = many.search("pekerja", limit=3)
    assert len(page) == 3
    assert page.total == 31


def test_total_on_a_page_past_the_end(many):
    page = many.search("pekerja", offset=40, limit=5)
    assert page.hits == []
    assert page.total == 31


def test_cursor_is_none_on_the_last_page(many):
    assert many.search("pekerja", limit=50).cursor is None


@pytest.mark.parametrize("query", ["pekerja", "", "-malaysia"])
def test_limit_zero_gives_the_total_only(many, query):
    expected = many.search(query, limit=1000).total
    page = many.search(query, limit=0)
    assert page.hits == []
    assert page.cursor is None
    assert page.total == expected > 0


# --- search: snippets --------------------------------------------------------------------------------


def test_hits_have_marked_snippets(corpus):
    (hit,) = corpus.search("taiwan").hits
    assert "<mark>Taiwan</mark>" in hit.snippet


def test_snippet_marks_stemmed_variants(corpus):
    hit = next(h for h in corpus.search("perekrutan") if h.article.url.endswith("agen-taiwan"))
    assert "<mark>merekrut</mark>" in hit.snippet


def test_snippet_does_not_mark_excluded_words(corpus):
    for hit in corpus.search("pekerja -taiwan"):
        assert "<mark>Malaysia</mark>" not in hit.snippet


def test_browse_snippet_is_the_opening(corpus):
    for hit in corpus.search(""):
        assert "<mark>" not in hit.snippet
        assert hit.snippet.startswith(hit.article.body[:10])


# --- search: bad arguments and hostile queries -------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"limit": -1},
        {"limit": 1001},
        {"limit": "10"},
        {"offset": -1},
        {"offset": 10_001},
        {"sort": "x"},
        {"date_from": "2024-02-01", "date_to": "2024-01-01"},
        {"cursor": "garbage"},
        {"cursor": "!!!"},
        {"cursor": base64.urlsafe_b64encode(b'{"a": 1}').decode()},
    ],
)
def test_bad_arguments_raise_index_failure(corpus, kwargs):
    with pytest.raises(IndexFailure):
        corpus.search("pekerja", **kwargs)


def test_bad_sort_message_lists_the_choices(corpus):
    with pytest.raises(IndexFailure, match="newest"):
        corpus.search("pekerja", sort="x")


def encoded(values):
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        encoded(["offset", "abc"]),
        encoded(["offset", 1.5]),
        encoded([[1], [2]]),
        encoded(["offset", 10**30]),
        encoded([None, {"x": 1}]),
    ],
)
@pytest.mark.parametrize("sort", ["relevance", "newest"])
def test_tampered_cursor_raises_index_failure(corpus, cursor, sort):
    # Cursors come back from API clients; a well-formed but wrong-typed one must not crash the search.
    with pytest.raises(IndexFailure):
        corpus.search("pekerja", cursor=cursor, sort=sort)


@pytest.mark.parametrize(
    "query",
    [
        '"AND (',
        ")(*&^%",
        '"unbalanced',
        "NEAR(pekerja migran)",
        "title_terms:pekerja",
        "body_terms:taiwan",
        "^pekerja",
        "pekerja*",
        "* OR *",
        "NOT NOT",
        "'; DROP TABLE articles; --",
        "\x00",
        '"" OR ""',
    ],
)
def test_hostile_queries_give_results_or_query_error(corpus, query):
    try:
        results = corpus.search(query)
    except QueryError:
        return
    assert results.total >= 0
    assert corpus.count() == 4


def test_column_filter_syntax_is_literal_text(corpus):
    # "title_terms:pekerja" must not become an FTS5 column filter; it is the phrase "title_terms pekerja".
    assert corpus.search("title_terms:pekerja").total == 0


def test_stop_word_query_raises_query_error(corpus):
    with pytest.raises(QueryError, match="stop words"):
        corpus.search("yang dan")


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
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2
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
