"""Fault scenario: pages whose header block never ends, or names thousands of distinct headers.

Each is given up at the header cap (counted as ``headers_too_large``) within a bounded memory and
time; the good pages beside them are stored, the index stays sound, and the next run completes."""

from __future__ import annotations

import json
import time

import pytest

from pmi_aggregator import open_index
from pmi_aggregator.index.health import check_index
from tests.support.faults.tarpit import GOOD_PAGES, HEADER_FLOODS, Tarpit, feed_config


@pytest.mark.timeout(120)
def test_a_header_flood_is_cut_at_the_cap_and_the_good_pages_are_stored(run_pmi, tmp_path):
    with Tarpit() as server:
        config = feed_config(tmp_path, server.base_url, "floods", "/headers-feed/", "DOWNLOAD_TIMEOUT = 20\n")
        started = time.monotonic()
        done = run_pmi("--config", str(config), "crawl", "floods", "--format", "json")
        took = time.monotonic() - started
        again = run_pmi("--config", str(config), "crawl", "floods", "--format", "json")
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert done.stdout, done.stderr[-3000:]
    assert took < 15, took  # cut at the cap, not at the 20 s timeout
    report = json.loads(done.stdout)["sources"]["floods"]
    assert report["errors"].get("headers_too_large") == len(HEADER_FLOODS), report["errors"]
    assert report["new"] == GOOD_PAGES
    with open_index(str(tmp_path / "pmi.db")) as index:
        assert index.count() == GOOD_PAGES
    assert check_index(str(tmp_path / "pmi.db")) == []
    assert again.returncode == done.returncode and "Traceback" not in again.stderr
    assert json.loads(again.stdout)["sources"]["floods"]["unchanged"] == GOOD_PAGES
