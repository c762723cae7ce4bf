"""Small article sets for the contract tests (and the SQLite-only tests that reuse them)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from pmi_aggregator.article import Article
from pmi_aggregator.index.contract import SearchResults

WIB = timezone(timedelta(hours=7))


def art(
    slug: str,
    *,
    source: str = "s1",
    title: str = "",
    body: str = "",
    published=None,
    summary="",
    **extra: Any,
):
    return Article(
        url=f"https://example.com/berita/{slug}",
        source=source,
        title=title,
        body=body,
        summary=summary,
        published_at=published,
        **extra,
    )


def urls(results: SearchResults) -> list[str]:
    return [hit.article.url.rsplit("/", 1)[-1] for hit in results]


def news() -> list[Article]:
    """A small news corpus with dates in WIB, one undated article and two sources."""
    return [
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


def many() -> list[Article]:
    """31 articles: ties on the same instant, undated ones, a second source, and 5 about Malaysia.

    Inserted in id order, so the embedded index's rowid tiebreak agrees with Elasticsearch's id one.
    """
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
    return sorted(articles, key=lambda a: a.id)
