"""Fault scenario: pages of random distinct words (every word a stemmer miss) load the CPU, and a
SIGTERM still stops the crawl within a few seconds; what was stored is sound, and the next run completes."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from pmi_aggregator import open_index
from pmi_aggregator.index.health import check_index
from tests.support.faults.tarpit import CPU_PAGES, Tarpit, feed_config

STOP_WITHIN = 8.0
"""Seconds from SIGTERM to exit: the 3 s shutdown grace, then the stop at once (was 82 s)."""


@pytest.mark.slow
@pytest.mark.timeout(180)
def test_sigterm_under_cpu_load_takes_effect_within_seconds(tmp_path, run_pmi):
    with Tarpit() as server:
        config = feed_config(tmp_path, server.base_url, "noise", "/cpu-feed/", "PMI_BATCH_SIZE = 1\n")
        args = [sys.executable, "-m", "pmi_aggregator.cli", "--config", str(config), "crawl", "noise"]
        crawl = subprocess.Popen(
            [*args, "--format", "json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        try:
            time.sleep(6)  # the pages are in; their analysis is under way
            assert crawl.poll() is None, "the crawl ended before the signal: no CPU load to test"
            sent = time.monotonic()
            crawl.send_signal(signal.SIGTERM)
            out, err = crawl.communicate(timeout=60)
            took = time.monotonic() - sent
        finally:
            if crawl.poll() is None:
                crawl.kill()
        assert took < STOP_WITHIN, (took, err[-2000:])
        assert crawl.returncode == 128 + signal.SIGTERM, err[-2000:]
        assert "Traceback" not in err
        report = json.loads(out)["sources"]["noise"]
        with open_index(str(tmp_path / "pmi.db")) as index:
            stored = index.count()
        assert stored == report["new"] < CPU_PAGES
        assert check_index(str(tmp_path / "pmi.db")) == []
        after = run_pmi("--config", str(config), "crawl", "noise", "--format", "json", timeout=170)
    assert after.returncode == 0, after.stderr[-2000:]
    with open_index(str(tmp_path / "pmi.db")) as index:
        assert index.count() == CPU_PAGES
