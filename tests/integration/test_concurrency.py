"""Concurrency: overlapping ``pmi crawl`` runs on one index, and searches while a crawl writes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmi_aggregator import open_index
from tests.support.faults import kill9
from tests.support.mirrors.server import MirrorServer
from tests.support.paths import PROJECT_DIR

ARTICLES = 40


@pytest.fixture
def slow_mirror() -> Iterator[MirrorServer]:
    with MirrorServer(kill9.build_site(ARTICLES), latency=0.1) as server:
        yield server


def _start(config: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pmi_aggregator.cli", "--config", str(config), "crawl", kill9.KEY, *args],
        cwd=PROJECT_DIR,
        env=dict(os.environ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_second_crawl_exits_3_or_waits(tmp_path: Path, slow_mirror: MirrorServer):
    config = kill9._config(tmp_path, slow_mirror.base_url, "sitemap")
    first, second = _start(config), _start(config)
    results = sorted((p.wait(timeout=120), p.stderr.read()) for p in (first, second))
    (ok, _), (locked, message) = results
    assert (ok, locked) == (0, 3), results
    assert message.strip().startswith("Error: another crawl is running on this index")
    assert "--wait" in message and message.count("\n") == 1 and "Traceback" not in message

    first, second = (_start(config, "--full", "--wait", "120") for _ in range(2))
    assert [p.wait(timeout=180) for p in (first, second)] == [0, 0]
    with open_index(str(tmp_path / "pmi.db")) as index:
        assert index.count() == ARTICLES


def test_search_works_while_a_crawl_writes(tmp_path: Path, slow_mirror: MirrorServer, run_pmi):
    config = kill9._config(tmp_path, slow_mirror.base_url, "sitemap")
    crawl = _start(config)
    searches, seen_counts = 0, set()
    try:
        with open_index(str(tmp_path / "pmi.db")) as index:
            while crawl.poll() is None:
                results = index.search("pekerja migran", sort="newest", limit=5)
                seen_counts.add(results.total)
                searches += 1
                if searches % 10 == 0:  # the CLI too, in its own process
                    done = run_pmi("--config", str(config), "search", "perlindungan", "--format", "json")
                    assert done.returncode == 0, done.stderr
                time.sleep(0.02)
    finally:
        assert crawl.wait(timeout=120) == 0, crawl.stderr.read()[-2000:]
    assert searches >= 20
    assert len(seen_counts) > 2  # the searches saw the index grow
