"""Ctrl-C and SIGTERM during ``pmi crawl``: a prompt exit with the documented code, nothing corrupted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.faults import kill9
from tests.support.mirrors.server import MirrorServer
from tests.support.paths import PROJECT_DIR

ARTICLES = 60


@pytest.fixture
def slow_mirror() -> Iterator[MirrorServer]:
    with MirrorServer(kill9.build_site(ARTICLES), latency=0.3) as server:
        yield server


def _start(config: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "pmi_aggregator.cli", "--config", str(config), "crawl", kill9.KEY,
         "--format", "json"],
        cwd=PROJECT_DIR, env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _interrupt(tmp_path: Path, mirror: MirrorServer, *signals: int) -> tuple[int, float, dict, str]:
    """Starts a crawl, waits until it stored articles, sends ``signals``; (code, seconds, report, stderr)."""
    config = kill9._config(tmp_path, mirror.base_url, "sitemap")
    proc = _start(config)
    deadline = time.monotonic() + 60
    while kill9._stored(tmp_path / "pmi.db") < 3:
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr and proc.stderr.read()
        time.sleep(0.05)
    sent = time.monotonic()
    for number in signals:
        proc.send_signal(number)
        time.sleep(0.2)
    out, err = proc.communicate(timeout=60)
    elapsed = time.monotonic() - sent
    return proc.returncode, elapsed, json.loads(out)["sources"][kill9.KEY], err


def test_ctrl_c_exits_130_promptly_with_the_report(tmp_path: Path, slow_mirror: MirrorServer):
    code, elapsed, report, err = _interrupt(tmp_path, slow_mirror, signal.SIGINT)
    assert code == 130, err[-2000:]
    assert elapsed < 6, elapsed
    assert report["status"] == "failed" and "interrupted" in report["error"]
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.count("SIGINT received") == 1
    count, problems = kill9.check_index(tmp_path / "pmi.db")
    assert problems == [] and count >= 3


def test_a_second_ctrl_c_stops_at_once_and_keeps_what_was_stored(tmp_path: Path, slow_mirror: MirrorServer):
    code, elapsed, report, err = _interrupt(tmp_path, slow_mirror, signal.SIGINT, signal.SIGINT)
    assert code == 130, err[-2000:]
    assert elapsed < 4, elapsed
    assert "did not start" not in (report.get("error") or "")
    assert report["status"] == "failed" and report["found"] >= 3
    count, problems = kill9.check_index(tmp_path / "pmi.db")
    assert problems == [] and count >= 3
    rerun = subprocess.run(
        [sys.executable, "-m", "pmi_aggregator.cli", "--config", str(tmp_path / "config.toml"), "crawl",
         kill9.KEY, "--format", "json"],
        cwd=PROJECT_DIR, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert kill9.check_index(tmp_path / "pmi.db") == (ARTICLES, [])


def test_sigterm_takes_effect_within_seconds(tmp_path: Path, slow_mirror: MirrorServer):
    code, elapsed, report, err = _interrupt(tmp_path, slow_mirror, signal.SIGTERM)
    assert code == 128 + signal.SIGTERM, err[-2000:]
    assert elapsed < 6, elapsed
    assert report["status"] == "failed"


def test_ctrl_c_during_start_up_prints_no_traceback(tmp_path: Path, slow_mirror: MirrorServer):
    """SIGINT once the crawl command runs (index opened, Scrapy not yet started): one line, exit 130."""
    config = kill9._config(tmp_path, slow_mirror.base_url, "sitemap")
    for attempt in range(3):
        db = tmp_path / f"pmi-{attempt}.db"
        config.write_text(config.read_text(encoding="utf-8").replace(f'"{tmp_path / "pmi.db"}"', f'"{db}"'))
        proc = _start(config)
        deadline = time.monotonic() + 30
        while not db.exists() and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(0.1 * attempt)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130, (attempt, err[-2000:])
        assert "Traceback" not in err and "KeyboardInterrupt" not in err, (attempt, err[-2000:])
        config = kill9._config(tmp_path, slow_mirror.base_url, "sitemap")
