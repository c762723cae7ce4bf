"""Search on every backend: matching, filters, sorting, paging and cursors, totals, snippets, bad input."""

import base64
import json
from datetime import date, datetime, timedelta, timezone

import pytest

from pmi_aggregator.index import IndexFailure, QueryError
from tests.contract.articles import WIB, art, urls

# --- search: matching ------------------------------------------------------------------------------


def test_search_finds_stemmed_variants(news):
    assert set(urls(news.search("rekrut"))) == {"rekrut-ilegal", "agen-taiwan"}
    assert set(urls(news.search("perekrutan"))) == {"rekrut-ilegal", "agen-taiwan"}


def test_search_is_case_insensitive(news):
    assert urls(news.search("TAIWAN")) == ["agen-taiwan"]


def test_words_are_anded(news):
    assert urls(news.search("pekerja taiwan")) == ["agen-taiwan"]


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


def test_exclusion_removes_matches(news):
    assert set(urls(news.search("pekerja -malaysia"))) == {"agen-taiwan", "tanpa-tanggal"}


def test_excluded_phrase(news):
    assert urls(news.search('pekerja -"hong kong"')) == ["agen-taiwan"]


def test_not_keyword_excludes(news):
    assert set(urls(news.search("pekerja NOT taiwan"))) == {"tanpa-tanggal", "pemulangan"}


def test_or_matches_either(news):
    assert set(urls(news.search("taiwan OR malaysia"))) == {"rekrut-ilegal", "agen-taiwan", "pemulangan"}


def test_negative_only_query_lists_the_rest(news):
    results = news.search("-malaysia")
    assert set(urls(results)) == {"agen-taiwan", "tanpa-tanggal"}
    assert results.total == 2


def test_no_match_gives_empty_results(news):
    results = news.search("arab")
    assert results.hits == []
    assert results.total == 0
    assert results.cursor is None


def test_empty_query_browses_everything_newest_first(news):
    results = news.search("")
    assert results.total == 4
    assert urls(results) == ["agen-taiwan", "rekrut-ilegal", "pemulangan", "tanpa-tanggal"]


def test_none_query_browses(news):
    assert news.search(None).total == 4


def test_summary_is_searchable(index):
    index.upsert([art("a", title="Judul", summary="Ringkasan tentang Taiwan", body="Isi.")])
    assert urls(index.search("taiwan")) == ["a"]


# --- search: filters -------------------------------------------------------------------------------


def test_filter_by_source(news):
    assert set(urls(news.search("pekerja", sources="s2"))) == {"tanpa-tanggal", "pemulangan"}
    assert set(urls(news.search("pekerja", sources=["s1"]))) == {"agen-taiwan"}
    assert news.search("pekerja", sources=["s1"]).total == 1


def test_filter_by_several_sources(news):
    assert news.search("", sources=["s1", "s2"]).total == 4


def test_filter_by_unknown_source_gives_nothing(news):
    assert news.search("", sources=["nope"]).total == 0


def test_date_strings_are_whole_days_in_jakarta(news):
    # 2024-01-01 00:30 WIB counts as 1 January even though it is 31 December in UTC.
    results = news.search("", date_from="2024-01-01", date_to="2024-01-31")
    assert set(urls(results)) == {"rekrut-ilegal", "pemulangan"}


def test_date_to_includes_the_whole_last_day(news):
    assert set(urls(news.search("", date_from="2024-02-10", date_to="2024-02-10"))) == {"agen-taiwan"}


def test_date_objects_filter(news):
    results = news.search("", date_from=date(2024, 1, 2), date_to=date(2024, 2, 9))
    assert urls(results) == ["rekrut-ilegal"]


def test_aware_datetimes_filter_exact_instants(news):
    cutoff = datetime(2024, 1, 10, 3, 0, tzinfo=timezone.utc)  # == 2024-01-10 10:00 WIB
    assert set(urls(news.search("", date_from=cutoff))) == {"rekrut-ilegal", "agen-taiwan"}
    assert set(urls(news.search("", date_to=cutoff - timedelta(seconds=1)))) == {"pemulangan"}


def test_only_date_from(news):
    assert urls(news.search("pekerja", date_from="2024-02-01")) == ["agen-taiwan"]


def test_undated_articles_are_excluded_by_date_filters(news):
    assert "tanpa-tanggal" not in urls(news.search("", date_from="2000-01-01"))
    assert "tanpa-tanggal" not in urls(news.search("pekerja", date_to="2100-01-01"))


def test_include_undated_keeps_undated_articles(news):
    results = news.search("", date_from="2024-02-01", include_undated=True)
    assert set(urls(results)) == {"agen-taiwan", "tanpa-tanggal"}
    assert results.total == 2


def test_include_undated_with_a_query(news):
    results = news.search("pekerja", date_from="2024-02-01", include_undated=True)
    assert set(urls(results)) == {"agen-taiwan", "tanpa-tanggal"}


def test_filters_combine_with_exclusions(news):
    results = news.search("pekerja -taiwan", sources="s2", date_from="2023-12-01")
    assert urls(results) == ["pemulangan"]
    assert results.total == 1


# --- search: sorting -------------------------------------------------------------------------------


def test_sort_newest_with_undated_last(news):
    assert urls(news.search("pekerja", sort="newest")) == ["agen-taiwan", "pemulangan", "tanpa-tanggal"]


def test_sort_oldest_with_undated_last(news):
    assert urls(news.search("pekerja", sort="oldest")) == ["pemulangan", "agen-taiwan", "tanpa-tanggal"]


def test_browse_sort_oldest(news):
    assert urls(news.search("", sort="oldest")) == [
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


# --- search: paging --------------------------------------------------------------------------------


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


# --- search: snippets ------------------------------------------------------------------------------


def test_hits_have_marked_snippets(news):
    (hit,) = news.search("taiwan").hits
    assert "<mark>Taiwan</mark>" in hit.snippet


def test_snippet_marks_stemmed_variants(news):
    hit = next(h for h in news.search("perekrutan") if h.article.url.endswith("agen-taiwan"))
    assert "<mark>merekrut</mark>" in hit.snippet


def test_snippet_does_not_mark_excluded_words(news):
    for hit in news.search("pekerja -taiwan"):
        assert "<mark>Malaysia</mark>" not in hit.snippet


def test_browse_snippet_is_the_opening(news):
    for hit in news.search(""):
        assert "<mark>" not in hit.snippet
        assert hit.snippet.startswith(hit.article.body[:10])


# --- search: bad arguments and hostile queries -----------------------------------------------------


def test_bad_sort_message_lists_the_choices(news):
    with pytest.raises(IndexFailure, match="newest"):
        news.search("pekerja", sort="x")


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
def test_tampered_cursor_raises_index_failure(news, cursor, sort):
    # Cursors come back from API clients; a well-formed but wrong-typed one must not crash the search.
    with pytest.raises(IndexFailure):
        news.search("pekerja", cursor=cursor, sort=sort)


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
def test_hostile_queries_give_results_or_query_error(news, query):
    try:
        results = news.search(query)
    except QueryError:
        return
    assert results.total >= 0
    assert news.count() == 4


def test_column_filter_syntax_is_literal_text(news):
    # "title_terms:pekerja" must not become an FTS5 column filter; it is the phrase "title_terms pekerja".
    assert news.search("title_terms:pekerja").total == 0


def test_stop_word_query_raises_query_error(news):
    with pytest.raises(QueryError, match="stop words"):
        news.search("yang dan")


@pytest.mark.parametrize(
    ("made_for", "used_with"), [("relevance", "newest"), ("newest", "oldest"), ("oldest", "relevance")]
)
def test_a_cursor_of_another_sort_is_refused(many, made_for, used_with):
    cursor = many.search("pekerja", sort=made_for, limit=3).cursor
    assert cursor is not None
    with pytest.raises(IndexFailure, match="invalid cursor"):
        many.search("pekerja", sort=used_with, limit=3, cursor=cursor)


def test_a_browse_cursor_continues_whichever_sort_names_newest(many):
    # No words to rank by: relevance means newest, so their cursors are interchangeable.
    first = many.search("", sort="relevance", limit=4)
    assert urls(many.search("", sort="newest", limit=4, cursor=first.cursor)) == urls(
        many.search("", sort="newest", limit=4, offset=4)
    )
