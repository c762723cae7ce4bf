"""The contract suite's backends: every test asking for ``index`` runs on SQLite and on Elasticsearch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pmi_aggregator.index.contract import Index
from pmi_aggregator.index.sqlite import SqliteIndex
from tests.contract import articles


@pytest.fixture(params=["sqlite", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def index(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Index]:
    """An empty index of each backend (Elasticsearch on a unique alias, deleted afterwards)."""
    if request.param == "sqlite":
        backend = SqliteIndex(tmp_path / "index.db")
        yield backend
        backend.close()
    else:
        yield request.getfixturevalue("make_es_index")()


@pytest.fixture
def news(index: Index) -> Index:
    index.upsert(articles.news())
    return index


@pytest.fixture
def many(index: Index) -> Index:
    index.upsert(articles.many())
    return index
