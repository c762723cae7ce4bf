"""Fixtures for crawl tests: a config file pointing sources at local mirrors, and a CLI runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support.paths import SHARED_DIR

FAST_CRAWL = {"concurrency": 4, "delay": 0.0, "autothrottle_target": 4.0}
TEST_SCRAPY_SETTINGS = "[scrapy]\nPMI_RETRY_BASE_DELAY = 0.05\nPMI_RETRY_MAX_DELAY = 1.0\nRETRY_TIMES = 1\n"
"""Fast retries and no politeness waits: the mirrors are local."""


def mirror_source_config(key: str, base_url: str, **extra: Any) -> str:
    """TOML for one source pointed at a local mirror (loopback allowed, no politeness delay)."""
    lines = [
        f"[sources.{key}]",
        f'base_url = "{base_url}"',
        'canonical_scheme = "http"',
        'allow_private_hosts = ["127.0.0.1"]',
    ]
    lines += [f"{k} = {json.dumps(v)}" for k, v in extra.items() if not isinstance(v, dict)]
    lines.append(f"[sources.{key}.politeness]")
    lines += [f"{k} = {json.dumps(v)}" for k, v in FAST_CRAWL.items()]
    for name, table in extra.items():
        if isinstance(table, dict):
            lines.append(f"[sources.{key}.{name}]")
            lines += [f"{k} = {json.dumps(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


@pytest.fixture
def run_pmi(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the real ``pmi`` CLI in a subprocess, as cron would."""

    def run(
        *args: str, env: dict[str, str] | None = None, timeout: float = 300
    ) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, **(env or {})}
        return subprocess.run(
            [sys.executable, "-m", "pmi_aggregator.cli", *args],
            capture_output=True,
            text=True,
            env=full_env,
            timeout=timeout,
            cwd=tmp_path,
            check=False,
        )

    return run


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.skip(f"shared test material not found at {SHARED_DIR} (it lives beside the repository)")
    return SHARED_DIR
