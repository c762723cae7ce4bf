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


STORY_START = datetime(2026, 2, 10, 9, 0, tzinfo=WIB)


def linked_story() -> dict[str, Article]:
    """Story A: a first report, a copy at another outlet and a separate report; story B: one article;
    and an article never linked (a story of its own)."""
    first = art(
        "a1",
        source="antara",
        title="Ratusan PMI tiba",
        body="Deportasi dari Tawau.",
        published=STORY_START,
        countries=["MY"],
    )
    story = first.id
    found = {
        "a1": first,
        "a2": art(
            "a2",
            source="tribun",
            title="PMI tiba di Nunukan",
            body="Deportasi dari Tawau, kata BP3MI.",
            published=STORY_START + timedelta(hours=2),
            countries=["MY"],
            copy_of=story,
            copy_basis="published",
        ),
        "a3": art(
            "a3",
            source="detik",
            title="Deportasi 217 PMI",
            body="Deportasi deportasi dari Sabah.",
            published=STORY_START + timedelta(days=1),
            countries=["MY"],
        ),
        "b1": art(
            "b1",
            source="antara",
            title="Eksekusi",
            body="Deportasi jenazah dari Riyadh.",
            published=STORY_START + timedelta(days=2),
            countries=["SA"],
        ),
        "c1": art(
            "c1",
            source="kompas",
            title="Lain",
            body="Deportasi lain.",
            published=STORY_START - timedelta(days=30),
        ),
    }
    for key in ("a1", "a2", "a3"):
        found[key].story_id = story
    found["b1"].story_id = found["b1"].id
    return found
