"""A crawl with no network: unresolvable and unreachable hosts fail fast, in one line each."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

from tests.support.mirrors import apakabar
from tests.support.mirrors.server import MirrorServer
from tests.support.source_crawl import source_section, write_config


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _section(key: str, base_url: str) -> str:
    return (
        f'[sources.{key}]\nkind = "wordpress"\nbase_url = "{base_url}"\n'
        f'allow_private_hosts = ["127.0.0.1"]\n[sources.{key}.politeness]\ndelay = 0.0\n'
    )


def test_no_reachable_source_ends_fast_with_one_line_each(tmp_path: Path, run_pmi):
    config = write_config(
        tmp_path,
        _section("nowhere", "http://nonexistent.invalid"),
        _section("refused", f"http://127.0.0.1:{_closed_port()}"),
    )
    started = time.monotonic()
    done = run_pmi("--config", str(config), "crawl", "nowhere", "refused", "--format", "json", timeout=120)
    elapsed = time.monotonic() - started
    assert done.returncode == 1, done.stderr
    assert elapsed < 30, elapsed
    lines = done.stderr.splitlines()
    assert len(lines) == 3, done.stderr  # one per source, then the conclusion
    assert "Traceback" not in done.stderr
    assert lines[-1] == "Error: no source could be reached; check the network connection."
    assert sum("cannot reach nonexistent.invalid (DNS lookup failed)" in line for line in lines) == 1
    assert sum("cannot reach 127.0.0.1 (connection refused)" in line for line in lines) == 1
    reports = json.loads(done.stdout)["sources"]
    assert reports["nowhere"]["status"] == reports["refused"]["status"] == "failed"
    assert reports["nowhere"]["error"] == "unreachable host nonexistent.invalid (DNS lookup failed)"
    assert reports["refused"]["error"] == "unreachable host 127.0.0.1 (connection refused)"
    assert reports["nowhere"]["errors"] == {"unreachable_host": 1}  # resolved once, never retried


def test_an_unresolvable_name_is_not_retried(tmp_path: Path, run_pmi):
    config = write_config(tmp_path, _section("nowhere", "http://nonexistent.invalid"))
    slow_retries = {"RETRY_TIMES = 1": "RETRY_TIMES = 5", "PMI_RETRY_BASE_DELAY = 0.05": "PMI_RETRY_BASE_DELAY = 3.0",
                    "PMI_RETRY_MAX_DELAY = 1.0": "PMI_RETRY_MAX_DELAY = 10.0"}  # fmt: skip
    text = config.read_text("utf-8")
    for fast, slow in slow_retries.items():
        text = text.replace(fast, slow)
    config.write_text(text, "utf-8")
    started = time.monotonic()
    done = run_pmi("--config", str(config), "--debug", "crawl", "nowhere", timeout=120)
    assert done.returncode == 1, done.stderr[-3000:]
    assert time.monotonic() - started < 15  # five retries 3 s apart would take 45 s and more
    assert "Retrying <GET http://nonexistent.invalid" not in done.stderr


def test_a_reachable_source_is_no_network_problem(tmp_path: Path, run_pmi):
    """Only when every source is unreachable does the run blame the network."""
    with MirrorServer(apakabar.build_site()) as mirror:
        config = write_config(
            tmp_path,
            source_section("apakabaronline", mirror.base_url),
            _section("nowhere", "http://nonexistent.invalid"),
        )
        done = run_pmi("--config", str(config), "crawl", "apakabaronline", "nowhere", timeout=120)
    assert done.returncode == 1, done.stderr[-3000:]
    assert "no source could be reached" not in done.stderr
