"""A small embedded index and a CliRunner for the command tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pmi_aggregator import open_index
from pmi_aggregator.cli import cli

ARTICLES = 25


def article(n: int) -> dict[str, str]:
    body = (
        "Pembuka berita yang panjang. " * 20
        + "Sindikat merekrut pekerja migran ke Malaysia. "
        + "Penutup. " * 30
        if n % 3
        else "Remitansi pekerja migran naik di Taiwan."
    )
    return {
        "url": f"https://example.org/berita/{n}",
        "source": "apakabaronline" if n % 2 else "kompas",
        "title": f"Perekrutan calon PMI ilegal di Jawa Timur diungkap polisi, kasus ke-{n}",
        "body": body,
        "published_at": f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}T08:00:00+07:00",
    }


@pytest.fixture
def index_path(tmp_path: Path) -> Path:
    path = tmp_path / "pmi.db"
    with open_index(str(path)) as index:
        index.upsert(article(n) for n in range(ARTICLES))
    return path


@pytest.fixture
def pmi() -> Callable[..., Result]:
    """Run ``pmi`` in-process; stderr apart from stdout."""

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)

    return run
