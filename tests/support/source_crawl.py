"""Helpers for the per-source crawl tests: a config over several mirrors, a crawl, what was stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pmi_aggregator import open_index
from pmi_aggregator.article import Article
from tests.support.fixtures import TEST_SCRAPY_SETTINGS, mirror_source_config


def write_config(workdir: Path, *sections: str) -> Path:
    """A config file with an index in ``workdir`` and the given source sections."""
    path = workdir / "config.toml"
    path.write_text(f'index = "{workdir / "pmi.db"}"\n' + "".join(sections) + TEST_SCRAPY_SETTINGS, "utf-8")
    return path


def source_section(key: str, base_url: str, *, hosts: tuple[str, ...] = (), **extra: Any) -> str:
    """``mirror_source_config`` with more loopback host spellings allowed (an old domain's stand-in)."""
    section = mirror_source_config(key, base_url, **extra)
    allowed = json.dumps(["127.0.0.1", *hosts])
    return section.replace('allow_private_hosts = ["127.0.0.1"]', f"allow_private_hosts = {allowed}")


def pmi_runner(workdir: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """A ``run_pmi`` for module-scoped fixtures: the CLI in a subprocess, with data in ``workdir``."""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PMI_DATA_DIR": str(workdir / "data")}
        return subprocess.run(
            [sys.executable, "-m", "pmi_aggregator.cli", *args],
            capture_output=True, text=True, env=env, cwd=workdir, timeout=120, check=False,
        )  # fmt: skip

    return run


def crawl(run_pmi: Callable[..., Any], config: Path, *args: str, expect: int = 0) -> dict[str, Any]:
    """Run ``pmi crawl`` and return the per-source reports."""
    done = run_pmi("--config", str(config), "crawl", *args, "--format", "json")
    assert done.returncode == expect, done.stderr[-3000:]
    return json.loads(done.stdout)["sources"]


def stored(workdir: Path, source: str) -> dict[str, Article]:
    """The articles of one source in the test index, by URL path."""
    index = open_index(str(workdir / "pmi.db"))
    try:
        return {urlsplit(a.url).path: a for a in index.iter_articles() if a.source == source}
    finally:
        index.close()
