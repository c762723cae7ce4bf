"""Fault scenario: a tarpit source beside a good one. The time budgets stop the tarpit as ``partial``
(what it fetched is stored, its cursor stays), the good source completes, and the run ends in time."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from pmi_aggregator import open_index
from pmi_aggregator.index.health import check_index
from tests.support.faults.tarpit import DRIP_SECONDS, PAGES, Tarpit
from tests.support.fixtures import TEST_SCRAPY_SETTINGS, mirror_source_config
from tests.support.mirrors import apakabar
from tests.support.mirrors.server import MirrorServer

BUDGET = 6.0


def write_config(tmp_path: Path, pit: str, mirror: str, budgets: str) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        f'index = "{tmp_path / "pmi.db"}"\n'
        + mirror_source_config("tarpit", pit, kind="feed")
        + mirror_source_config("apakabaronline", mirror)
        + TEST_SCRAPY_SETTINGS
        + f"DOWNLOAD_TIMEOUT = 3\n{budgets}",
        encoding="utf-8",
    )
    return config


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    ("budgets", "good_status"),
    [
        (f"PMI_SOURCE_BUDGET = {BUDGET}\n", "ok"),
        (f"PMI_RUN_BUDGET = {BUDGET}\n", None),  # the good source may or may not finish in time
    ],
    ids=["source budget", "run budget"],
)
def test_a_tarpit_source_stops_as_partial_when_its_budget_runs_out(run_pmi, tmp_path, budgets, good_status):
    with Tarpit() as pit, MirrorServer(apakabar.build_site()) as mirror:
        config = write_config(tmp_path, pit.base_url, mirror.base_url, budgets)
        started = time.monotonic()
        done = run_pmi("--config", str(config), "crawl", "tarpit", "apakabaronline", "--format", "json")
        took = time.monotonic() - started
        with open_index(str(tmp_path / "pmi.db")) as index:
            stored = index.count(source="tarpit")
        again = run_pmi("--config", str(config), "crawl", "tarpit", "--format", "json")
    assert took < BUDGET + 30 < PAGES * DRIP_SECONDS / 2, took  # without the budget: 45 s and more
    assert "Traceback" not in done.stderr
    assert done.returncode == 0, done.stderr[-2000:]  # partial: the run did its work and says what is left
    sources = json.loads(done.stdout)["sources"]
    pit_report = sources["tarpit"]
    assert pit_report["status"] == "partial", pit_report
    assert "time budget" in pit_report["error"] and "next run goes on" in pit_report["error"]
    assert 0 < pit_report["new"] < PAGES and pit_report["failed"] == 0
    if good_status:
        assert sources["apakabaronline"]["status"] == good_status
    assert stored == pit_report["new"]
    assert check_index(str(tmp_path / "pmi.db")) == []
    warnings = [line for line in done.stderr.splitlines() if "is used up" in line]
    assert len(warnings) >= 1 and "tarpit" in warnings[0]
    # The next run runs within its budget again, loses nothing, and fails nothing.
    assert again.returncode == 0, again.stderr[-2000:]
    more = json.loads(again.stdout)["sources"]["tarpit"]
    assert more["status"] == "partial" and more["failed"] == 0
    with open_index(str(tmp_path / "pmi.db")) as index:
        assert index.count(source="tarpit") == stored + more["new"]
