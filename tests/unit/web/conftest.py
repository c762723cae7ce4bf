"""An index with ordinary and hostile articles, the web app over it, and ``pmi`` run in-process."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pmi_aggregator import open_index
from pmi_aggregator.article import Article
from pmi_aggregator.cli import cli
from pmi_aggregator.index.contract import Index
from tests.contract.articles import WIB, art

SCRIPT = "<script>alert(1)</script>"
EVENT = '<img src=x onerror="alert(2)">'


def hostile() -> Article:
    """Script tags, event attributes and a ``javascript:`` link in every field a page shows."""
    return Article(
        url='https://example.com/berita/jahat?x="><script>alert(3)</script>',
        image_url="javascript:alert(3)",
        source=f"src{SCRIPT}",
        title=f"Gaji {SCRIPT} pekerja {EVENT}",
        body=f'Gaji pekerja migran {SCRIPT} ditahan. {EVENT} <a href="javascript:alert(4)">klik</a>',
        summary=f"<mark>gaji</mark> {EVENT}",
        authors=[f"Penulis {SCRIPT}"],
        tags=["<b onmouseover=alert(5)>tag</b>"],
        countries=["MY"],
        topics=[f"gaji{SCRIPT}"],
        published_at=datetime(2024, 2, 2, 9, 0, tzinfo=WIB),
    )


def ordinary() -> list[Article]:
    return [
        art(
            f"n{n:02d}",
            source=f"s{n % 2}",
            title=f"Gaji pekerja migran ke-{n}",
            body="Gaji pekerja migran di Malaysia ditahan majikan." if n % 3 else "Perekrutan ilegal.",
            published=datetime(2024, 1 + n % 6, 1 + n, 9, 0, tzinfo=WIB) if n % 7 else None,
            countries=["MY"] if n % 2 else ["TW"],
            provinces=["Jawa Timur"] if n % 3 else [],
            topics=["gaji"] if n % 3 else ["perekrutan"],
        )
        for n in range(25)
    ]


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
