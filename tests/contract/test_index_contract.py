"""The Index contract, run against every backend: they must behave the same for the same input."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from pmi_aggregator.article import Article
from pmi_aggregator.errors import IndexFailure, QueryError
from pmi_aggregator.index.contract import Index, SearchResults
from pmi_aggregator.index.sqlite import SqliteIndex

WIB = timezone(timedelta(hours=7))


def _article(path: str, source: str, title: str, body: str, published: datetime | None) -> Article:
    return Article(
        url=f"https://www.{source}.example/{path}",
        source=source,
        title=title,
        body=body,
        published_at=published,
        crawled_at=datetime(2024, 6, 1, tzinfo=timezone.utc),
    )


def corpus() -> list[Article]:
    """Hand-written articles for the semantics, plus filler for paging; sorted by id (see below)."""
    d = lambda *parts: datetime(*parts, tzinfo=WIB)  # noqa: E731
    articles = [
        _article(
            "read/perekrutan-pmi",
            "kompas",
            "Perekrutan PMI ilegal dibongkar polisi",
            "Polisi membongkar jaringan perekrutan pekerja migran ilegal ke Malaysia.",
            d(2024, 3, 1, 8),
        ),
        _article(
            "calo",
            "detik",
            "Calo merekrut warga desa",
            "Seorang calo merekrut puluhan warga untuk bekerja di Taiwan tanpa dokumen resmi.",
            d(2024, 3, 5, 10),
        ),
        _article(
            "jalur-resmi",
            "tempo",
            "BP2MI minta rekrut lewat jalur resmi",
            "Badan pelindungan meminta calon pekerja migran mendaftar lewat jalur resmi.",
            d(2024, 2, 10, 9),
        ),
        _article(
            "hongkong",
            "kompas",
            "Pekerja migran di Hongkong",
            "Ribuan pekerja migran Indonesia di Hongkong merayakan hari kemerdekaan.",
            d(2023, 8, 17, 7),
        ),
        _article(
            "gaji-taiwan",
            "detik",
            "Gaji PMI di Taiwan naik",
            "Pemerintah menaikkan upah minimum pekerja migran sektor domestik. Agen di Hongkong diam.",
            d(2024, 1, 15, 12),
        ),
        _article(
            "arab-saudi",
            "bbc",
            "Kisah pekerja rumah tangga di Arab Saudi",
            "Seorang pekerja migran bertahun-tahun bekerja tanpa gaji.",
            None,
        ),
        _article(
            "remitansi",
            "tempo",
            "Remitansi pekerja migran meningkat",
            "Bank sentral mencatat kiriman uang keluarga naik tajam.",
            None,
        ),
        _article(
            "pemulangan",
            "kompas",
            "Pemulangan PMI dari Malaysia",
            "Kapal membawa pekerja migran yang dideportasi dari Malaysia.",
            d(2024, 3, 1, 8),
        ),
        _article(
            "migran-pekerja",
            "antara",
            "Para migran, pekerja keras",
            "Kisah para migran: pekerja keras dari desa yang merantau jauh.",
            d(2023, 12, 1, 6),
        ),
        _article(
            "pelatihan",
            "antara",
            "Pelatihan bahasa untuk calon PMI",
            "Lembaga pelatihan merekrut instruktur bahasa Mandarin bagi calon pekerja.",
            d(2023, 11, 20, 6),
        ),
        _article(
            "akhir-tahun",
            "detik",
            "Catatan akhir tahun perlindungan PMI",
            "Kasus penempatan nonprosedural menurun menjelang tutup tahun.",
            d(2024, 12, 31, 23, 30),
        ),
    ]
    for i in range(26):
        published = None if i % 6 == 5 else d(2022, 1 + i % 4, 1 + i % 3, 9)
        articles.append(
            _article(
                f"berita/{i}",
                ("kompas", "detik", "tempo")[i % 3],
                f"Berita pekerja migran nomor {i}",
                f"Laporan ke-{i} tentang penempatan pekerja migran dan perlindungan keluarga.",
                published,
            )
        )
    # Inserting in id order makes the embedded index's rowid tiebreak agree with Elasticsearch's id
    # tiebreak, so even articles with equal dates come back in the same order on both backends.
    return sorted(articles, key=lambda a: a.id)


BY_TITLE = {a.title: a for a in corpus()}


def _open_sqlite(tmp_path: Path) -> Index:
    return SqliteIndex(tmp_path / "index.db")


@pytest.fixture
def filled(index: Index) -> Index:
    assert index.upsert(corpus()).new == len(corpus())
    return index


def ids(results: SearchResults) -> list[str]:
    return [hit.article.id for hit in results]


def titles(results: SearchResults) -> set[str]:
    return {hit.article.title for hit in results}


def every_page(page: Callable[..., SearchResults], limit: int, *, use_cursor: bool) -> list[str]:
    """All hits of a search, page by page, by cursor or by offset."""
    found: list[str] = []
    cursor: str | None = None
    while True:
        results = page(limit=limit, cursor=cursor) if use_cursor else page(limit=limit, offset=len(found))
        found.extend(ids(results))
        if len(results) < limit or (use_cursor and results.cursor is None):
            return found
        cursor = results.cursor


# -- writes and lookups ----------------------------------------------------------------------------
def test_upsert_counts_new_updated_unchanged(index: Index) -> None:
    articles = corpus()
    assert index.upsert(articles).new == len(articles)
    again = index.upsert(articles)
    assert (again.new, again.updated, again.unchanged, again.failed) == (0, 0, len(articles), 0)
    recrawled = replace(articles[0], crawled_at=datetime(2025, 1, 1, tzinfo=timezone.utc))
    edited = replace(articles[1], title=articles[1].title + " (diperbarui)")
    result = index.upsert([recrawled, edited])
    assert (result.new, result.updated, result.unchanged) == (0, 1, 1)
    assert index.get(edited.id).title.endswith("(diperbarui)")
    assert index.count() == len(articles)


def test_upsert_same_article_twice_in_one_batch(index: Index) -> None:
    first = corpus()[0]
    twice = index.upsert([first, first.to_dict()])
    assert (twice.new, twice.unchanged) == (1, 1)
    edited = replace(first, body="Isi baru tentang perekrutan.")
    result = index.upsert([corpus()[1], edited, replace(edited, body="Isi terbaru.")])
    assert (result.new, result.updated) == (1, 2)
    assert index.get(first.id).body == "Isi terbaru."


def test_get_and_get_by_url_variants(filled: Index) -> None:
    article = BY_TITLE["Perekrutan PMI ilegal dibongkar polisi"]
    assert filled.get(article.id) == article
    for variant in (
        "https://www.kompas.example/read/perekrutan-pmi?utm_source=x",
        "https://m.kompas.example/read/perekrutan-pmi/amp/",
        "http://kompas.example/read/perekrutan-pmi/#komentar",
    ):
        assert filled.get_by_url(variant) == article, variant
    assert filled.get("0" * 20) is None
    assert filled.get_by_url("https://www.kompas.example/tidak-ada") is None


def test_count_and_source_stats(filled: Index) -> None:
    articles = corpus()
    assert filled.count() == len(articles)
    for source in ("kompas", "detik", "tempo", "bbc", "antara", "nowhere"):
        assert filled.count(source=source) == sum(a.source == source for a in articles)
    stats = filled.source_stats()
    assert list(stats) == sorted({a.source for a in articles})
    assert stats["bbc"] == {"articles": 1, "newest": None}
    assert stats["detik"]["newest"] == "2024-12-31T16:30:00"


def test_iter_articles_streams_everything_in_id_order(filled: Index) -> None:
    streamed = [a.id for a in filled.iter_articles(batch_size=7)]
    assert streamed == sorted(a.id for a in corpus())


# -- query semantics -------------------------------------------------------------------------------
def test_stemming_finds_every_form(filled: Index) -> None:
    found = titles(filled.search("rekrut"))
    assert {
        "Perekrutan PMI ilegal dibongkar polisi",
        "Calo merekrut warga desa",
        "BP2MI minta rekrut lewat jalur resmi",
        "Pelatihan bahasa untuk calon PMI",
    } == found
    assert titles(filled.search("perekrutan")) == found == titles(filled.search("merekrut"))


def test_stop_words_are_ignored(filled: Index) -> None:
    assert ids(filled.search("pekerja yang migran dan")) == ids(filled.search("pekerja migran"))
    with pytest.raises(QueryError):
        filled.search("yang dan di")


def test_phrase_needs_adjacent_words_in_order(filled: Index) -> None:
    phrase = titles(filled.search('"pekerja migran"', limit=100))
    assert "Para migran, pekerja keras" not in phrase
    assert "Para migran, pekerja keras" in titles(filled.search("pekerja migran", limit=100))
    assert "Pekerja migran di Hongkong" in phrase


def test_exclusion_or_and_negative_only(filled: Index) -> None:
    assert titles(filled.search("malaysia")) == {
        "Perekrutan PMI ilegal dibongkar polisi",
        "Pemulangan PMI dari Malaysia",
    }
    assert not titles(filled.search("migran -malaysia", limit=100)) & titles(filled.search("malaysia"))
    assert titles(filled.search("taiwan OR hongkong")) == {
        "Calo merekrut warga desa",
        "Pekerja migran di Hongkong",
        "Gaji PMI di Taiwan naik",
    }
    assert titles(filled.search("calo OR hongkong -taiwan")) == {"Pekerja migran di Hongkong"}
    negative = filled.search("-malaysia", limit=100)
    assert negative.total == len(corpus()) - 2
    assert not titles(negative) & {"Perekrutan PMI ilegal dibongkar polisi", "Pemulangan PMI dari Malaysia"}


def test_empty_query_browses_newest_first(filled: Index) -> None:
    results = filled.search("", limit=100)
    assert results.total == len(corpus()) == len(results)
    dates = [hit.article.published_at for hit in results]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated, reverse=True)
    assert dates[len(dated) :] == [None] * (len(dates) - len(dated))
    assert all(hit.score == 0.0 for hit in results)


def test_title_match_ranks_first(filled: Index) -> None:
    results = filled.search("hongkong")
    assert results.hits[0].article.title == "Pekerja migran di Hongkong"
    assert results.hits[0].score > results.hits[1].score > 0


def test_snippets_mark_the_matched_forms(filled: Index) -> None:
    hits = {hit.article.title: hit.snippet for hit in filled.search("perekrutan")}
    assert "<mark>merekrut</mark>" in hits["Calo merekrut warga desa"]
    assert "<mark>perekrutan</mark>" in hits["Perekrutan PMI ilegal dibongkar polisi"]
    browse = filled.search("", limit=1).hits[0]
    assert "<mark>" not in browse.snippet and browse.snippet


# -- filters, sorting, paging ----------------------------------------------------------------------
def test_source_and_date_filters(filled: Index) -> None:
    assert {h.article.source for h in filled.search("migran", sources=["kompas", "bbc"], limit=100)} == {
        "kompas",
        "bbc",
    }
    march = filled.search("", date_from="2024-03-01", date_to="2024-03-05", limit=100)
    assert titles(march) == {
        "Perekrutan PMI ilegal dibongkar polisi",
        "Calo merekrut warga desa",
        "Pemulangan PMI dari Malaysia",
    }
    with_undated = filled.search(
        "", date_from="2024-03-01", date_to="2024-03-05", include_undated=True, limit=100
    )
    assert with_undated.total == march.total + sum(a.published_at is None for a in corpus())
    # Dates without a zone are Jakarta days: 2024-12-31 23:30 WIB is on the 31st, not on 2025-01-01.
    assert titles(filled.search("", date_from="2024-12-31", date_to="2024-12-31")) == {
        "Catatan akhir tahun perlindungan PMI"
    }
    assert filled.search("", date_from="2025-01-01").total == 0
    assert filled.search("tahun", date_from=datetime(2024, 12, 31, 16, 30, tzinfo=timezone.utc)).total == 1


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_sorts_put_undated_last(filled: Index, sort: str) -> None:
    dates = [hit.article.published_at for hit in filled.search("migran", sort=sort, limit=100)]
    dated = [d for d in dates if d is not None]
    assert dated == sorted(dated, reverse=sort == "newest")
    assert dates[len(dated) :] == [None] * (len(dates) - len(dated))
    assert len(dated) < len(dates)


@pytest.mark.parametrize("query", ["", "pekerja", "-malaysia", "migran OR rekrut"])
@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
def test_paging_by_offset_and_by_cursor_covers_every_hit_once(filled: Index, query: str, sort: str) -> None:
    whole = filled.search(query, sort=sort, limit=1000)
    expected = ids(whole)
    assert len(expected) == whole.total > 10

    def page(**kwargs: object) -> SearchResults:
        results = filled.search(query, sort=sort, **kwargs)
        assert results.total == whole.total
        return results

    assert every_page(page, 4, use_cursor=False) == expected
    assert every_page(page, 4, use_cursor=True) == expected


def test_cursor_continues_after_an_offset_page(filled: Index) -> None:
    first = filled.search("", sort="oldest", limit=5, offset=5)
    following = filled.search("", sort="oldest", limit=5, cursor=first.cursor)
    assert ids(following) == ids(filled.search("", sort="oldest", limit=5, offset=10))


def test_totals_and_empty_pages(filled: Index) -> None:
    full = filled.search("pekerja", limit=1000)
    assert filled.search("pekerja", limit=3).total == full.total
    counted = filled.search("pekerja", limit=0)
    assert (counted.hits, counted.total, counted.cursor) == ([], full.total, None)
    beyond = filled.search("pekerja", offset=full.total + 5)
    assert (len(beyond), beyond.total, beyond.cursor) == (0, full.total, None)
    assert filled.search("xyzzyq").total == 0
    assert filled.search("pekerja", limit=full.total).cursor is not None
    assert filled.search("pekerja", limit=full.total + 1).cursor is None


# -- bad input -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "query", ['"AND (', "pekerja-migran", ")(*&", "x" * 5000, "a " * 300, "OR OR", "NOT", '"', "-"]
)
def test_bad_queries_give_results_or_a_query_error(filled: Index, query: str) -> None:
    try:
        results = filled.search(query)
    except QueryError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert results.total >= 0


def test_hyphenated_words_search_both_words(filled: Index) -> None:
    assert filled.search("pekerja-migran").total == filled.search('"pekerja migran"').total > 0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"limit": -1},
        {"limit": 1001},
        {"sort": "x"},
        {"offset": -1},
        {"offset": 10_001},
        {"cursor": "garbage!"},
        {"date_from": "2024-03-05", "date_to": "2024-03-01"},
        {"limit": "10"},
        {"cursor": "!!!"},
        {"cursor": base64.urlsafe_b64encode(b'{"a": 1}').decode()},
    ],
)
def test_bad_arguments_raise_index_failure(filled: Index, kwargs: dict[str, object]) -> None:
    with pytest.raises(IndexFailure) as info:
        filled.search("pekerja", **kwargs)
    assert "\n" not in str(info.value)


# -- both backends side by side ----------------------------------------------------------------------
CROSS_QUERIES = [
    "",
    "rekrut",
    "pekerja migran",
    '"pekerja migran"',
    "taiwan OR hongkong",
    "-malaysia",
    "migran -malaysia",
    'pekerja -"pekerja migran"',
    "berita nomor",
    "calo OR pelatihan OR remitansi",
    "xyzzyq",
]


@pytest.mark.elasticsearch
def test_backends_agree(tmp_path: Path, make_es_index: Callable[..., Index]) -> None:
    embedded, elastic = _open_sqlite(tmp_path), make_es_index()
    for backend in (embedded, elastic):
        backend.upsert(corpus())
    assert embedded.source_stats() == elastic.source_stats()
    for query in CROSS_QUERIES:
        for options in (
            {},
            {"sources": ["kompas", "detik"]},
            {"date_from": "2023-01-01", "include_undated": True},
        ):
            for sort in ("relevance", "newest", "oldest"):
                a = embedded.search(query, sort=sort, limit=100, **options)
                b = elastic.search(query, sort=sort, limit=100, **options)
                where = f"{query!r} {sort} {options}"
                assert a.total == b.total, where
                if sort == "relevance" and query and not query.startswith("-"):
                    assert set(ids(a)) == set(ids(b)), where  # the engines' BM25 variants differ in detail
                else:
                    assert ids(a) == ids(b), where
                assert {h.article.id: h.snippet for h in a} == {h.article.id: h.snippet for h in b}, where
    embedded.close()
