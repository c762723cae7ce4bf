"""Shared test setup: isolated data/config folders, and the plugins with the heavier fixtures."""

from __future__ import annotations

import pytest

pytest_plugins = ["tests.support.es_node", "tests.support.fixtures"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/integration/ (real crawls, subprocesses, the node) is ``slow``:
    ``-m "not slow"`` gives a quick local run; CI runs everything."""
    for item in items:
        if "integration" in item.path.parts:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never touch the user's real index, state or config."""
    home = tmp_path_factory.mktemp("pmi-home")
    monkeypatch.setenv("PMI_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("PMI_CONFIG", str(home / "config.toml"))
    monkeypatch.delenv("PMI_INDEX", raising=False)


# --- Elasticsearch backend (tests/test_index_contract.py, tests/test_elastic.py) ---------------------
# Kept apart from the shared setup above: fixtures for the ElasticIndex tests only.
from typing import TYPE_CHECKING  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from pmi_aggregator.index.elastic import ElasticIndex

_ES_CREDENTIAL_VARS = ("PMI_ES_API_KEY", "PMI_ES_USERNAME", "PMI_ES_PASSWORD", "PMI_ES_CLOUD_ID")


@pytest.fixture
def es_alias(es_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A unique alias on the test node; every index named after it is deleted after the test."""
    import uuid

    from elasticsearch import Elasticsearch

    for name in _ES_CREDENTIAL_VARS:
        monkeypatch.delenv(name, raising=False)
    alias = f"pmi-test-{uuid.uuid4().hex[:12]}"
    yield alias
    with Elasticsearch(es_url) as es:
        found = es.options(ignore_status=404).indices.get(index=f"{alias}*", expand_wildcards="all")
        for name in found.body if found.meta.status == 200 else ():
            es.options(ignore_status=404).indices.delete(index=name)


@pytest.fixture
def make_es_index(es_url: str, es_alias: str) -> Iterator[Callable[..., ElasticIndex]]:
    """Open ElasticIndex objects on the test's alias (options as for ElasticIndex); closed afterwards."""
    from pmi_aggregator.index.elastic import ElasticIndex

    opened: list[ElasticIndex] = []

    def make(**options: object) -> ElasticIndex:
        options.setdefault("alias", es_alias)
        index = ElasticIndex(es_url, **options)  # type: ignore[arg-type]
        opened.append(index)
        return index

    yield make
    for index in opened:
        index.close()
