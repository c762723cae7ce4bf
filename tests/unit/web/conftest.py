"""An index with ordinary and hostile articles, the web app over it, and ``pmi`` run in-process."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pmi_aggregator import open_index
from pmi_aggregator.cli import cli
from pmi_aggregator.index.contract import Index
from tests.support.web_articles import hostile, ordinary


@pytest.fixture
def index_path(tmp_path: Path) -> Path:
    path = tmp_path / "web.db"
    with open_index(str(path)) as index:
        index.upsert([*ordinary(), hostile()])
    return path


@pytest.fixture
def index(index_path: Path) -> Iterator[Index]:
    with open_index(str(index_path)) as opened:
        yield opened


@pytest.fixture
def make_client(index: Index) -> Callable[..., object]:
    """A TestClient on 127.0.0.1 over the app (options as for ``create_app``)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Starlette's notice about its test client's HTTP library
        from starlette.testclient import TestClient
    from pmi_aggregator.web.app import create_app

    def make(*, token: str | None = None, check_host: bool = True, base_url: str = "http://127.0.0.1:8000"):
        return TestClient(create_app(index, token=token, check_host=check_host), base_url=base_url)

    return make


@pytest.fixture
def client(make_client):
    return make_client()


@pytest.fixture
def pmi() -> Callable[..., Result]:
    def run(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return run
