"""Progress on a terminal: a live line per running source; log lines print above it, never glued on."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

from tests.support.mirrors import apakabar
from tests.support.mirrors.server import MirrorServer
from tests.support.paths import PROJECT_DIR
from tests.support.source_crawl import source_section, write_config

ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")
LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (INFO|WARNING|ERROR) ")
NOWHERE = '[sources.nowhere]\nkind = "wordpress"\nbase_url = "http://nonexistent.invalid"\n'


def _crawl_on_a_terminal(config: Path) -> tuple[int, bytes]:
    """``pmi crawl`` with stderr on a pseudo-terminal; (exit code, what the terminal received)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pmi_aggregator.cli", "--config", str(config), "crawl", "apakabaronline", "nowhere"],
        cwd=PROJECT_DIR, env={**os.environ, "TERM": "xterm", "COLUMNS": "150"},
        stdout=subprocess.DEVNULL, stderr=slave,
    )  # fmt: skip
    os.close(slave)
    received = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            received += chunk
        elif proc.poll() is not None:
            break
    os.close(master)
    return proc.wait(timeout=60), received


def test_progress_lines_and_log_lines_on_a_terminal(tmp_path: Path):
    with MirrorServer(apakabar.build_site(), latency=0.05) as mirror:
        config = write_config(tmp_path, source_section("apakabaronline", mirror.base_url), NOWHERE)
        code, received = _crawl_on_a_terminal(config)
    assert code == 1  # "nowhere" failed
    segments = [s.strip() for s in re.split(r"[\r\n]", ANSI.sub(b"", received).decode("utf-8", "replace"))]
    progress = [s for s in segments if s.startswith("apakabaronline: ") and " fetched, " in s]
    assert progress, received[-2000:]
    assert all(
        re.fullmatch(r"apakabaronline: \d+ pages? fetched, \d+ articles? stored, \d+ failures?", s)
        for s in progress
    )
    assert any(re.fullmatch(r"elapsed \d+:\d\d:\d\d", s) for s in segments)
    logged = [s for s in segments if "cannot reach nonexistent.invalid" in s]
    assert len(logged) == 1 and LOG_LINE.match(logged[0]), logged
    for segment in segments:  # a log line glued onto a progress line would not start the segment
        assert not re.search(r"\S\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (INFO|WARNING|ERROR)", segment), segment


def test_no_progress_when_stderr_is_not_a_terminal(tmp_path: Path, run_pmi):
    with MirrorServer(apakabar.build_site()) as mirror:
        config = write_config(tmp_path, source_section("apakabaronline", mirror.base_url))
        done = run_pmi("--config", str(config), "crawl", "apakabaronline", timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "fetched" not in done.stderr and "elapsed" not in done.stderr and "\x1b[" not in done.stderr
