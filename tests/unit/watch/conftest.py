"""An embedded index with a few articles, and helpers to add more, for the watch tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pmi_aggregator.article import Article
from pmi_aggregator.index.sqlite import SqliteIndex


def article(n: int, title: str = "", body: str = "pekerja migran Indonesia di Malaysia") -> Article:
    return Article(
        url=f"https://news.example/berita/{n}",
        source="demo",
        title=title or f"Berita PMI {n}",
        body=body,
        published_at=f"2025-01-{n % 28 + 1:02d}T08:00:00+07:00",
    )


@pytest.fixture
def index_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "pmi.db"
    SqliteIndex(path).close()
    yield path


@pytest.fixture
def store_articles(index_path: Path) -> Callable[..., None]:
    def store(*articles: Article) -> None:
        index = SqliteIndex(index_path)
        try:
            index.upsert(articles)
        finally:
            index.close()

    return store
