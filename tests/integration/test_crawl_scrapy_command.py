"""``scrapy crawl <source>`` from a checkout: the summary and exit status of ``pmi crawl``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.mirrors import apakabar
from tests.support.mirrors.server import MirrorServer
from tests.support.paths import PROJECT_DIR
from tests.support.source_crawl import source_section, stored, write_config


def _scrapy(config: Path, workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PMI_CONFIG": str(config), "PMI_DATA_DIR": str(workdir / "data")}
    env.pop("PMI_INDEX", None)
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *args],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip


def test_scrapy_crawl_prints_the_summary_and_exits_0(tmp_path: Path):
    with MirrorServer(apakabar.build_site()) as mirror:
        config = write_config(tmp_path, source_section("apakabaronline", mirror.base_url))
        done = _scrapy(config, tmp_path, "crawl", "apakabaronline")
    assert done.returncode == 0, done.stderr[-3000:]
    summary = done.stderr.strip().splitlines()[-1]
    count = len(stored(tmp_path, "apakabaronline"))
    assert count > 0
    assert summary.startswith(f"apakabaronline: ok via rest ({count} found, {count} new, 0 updated"), summary


def test_scrapy_crawl_exits_1_when_the_source_failed(tmp_path: Path):
    section = '[sources.nowhere]\nkind = "wordpress"\nbase_url = "http://nonexistent.invalid"\n'
    config = write_config(tmp_path, section)
    done = _scrapy(config, tmp_path, "crawl", "nowhere")
    assert done.returncode == 1, done.stderr[-3000:]
    assert done.stderr.strip().splitlines()[-1].startswith("nowhere: failed (0 found"), done.stderr
    assert "cannot reach nonexistent.invalid (DNS lookup failed)" in done.stderr
    assert "Traceback" not in done.stderr


def test_scrapy_writes_no_job_files_outside_the_data_folder(tmp_path: Path):
    """No telnet console, no remote-control server and its job file under the user's state folder."""
    home = tmp_path / "home"
    home.mkdir()
    section = '[sources.nowhere]\nkind = "wordpress"\nbase_url = "http://nonexistent.invalid"\n'
    config = write_config(tmp_path, section)
    env_home = {"HOME": str(home), "XDG_STATE_HOME": str(home / ".local" / "state")}
    done = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "nowhere", "-s", "LOG_LEVEL=DEBUG"],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=180, check=False,
        env={**os.environ, **env_home, "PMI_CONFIG": str(config), "PMI_DATA_DIR": str(tmp_path / "data")},
    )  # fmt: skip
    assert done.returncode == 1, done.stderr[-3000:]
    assert list(home.rglob("*")) == []
    assert "Telnet console listening" not in done.stderr and "RemoteControl" not in done.stderr
