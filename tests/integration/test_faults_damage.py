"""Fault scenarios of damaged files: each asserts the stored articles, the failures counted, the exit
status, the index's integrity, and that the run after the fix completes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmi_aggregator import open_index
from pmi_aggregator.index.health import check_index
from tests.support.faults.damage import DAMAGES, overwrite_pages
from tests.support.fixtures import TEST_SCRAPY_SETTINGS, mirror_source_config
from tests.support.mirrors import apakabar
from tests.support.mirrors.server import MirrorServer

KEY = "apakabaronline"


@pytest.fixture
def mirror():
    with MirrorServer(apakabar.build_site()) as server:
        yield server


def crawl(run_pmi, tmp_path: Path, base_url: str):
    config = tmp_path / "config.toml"
    config.write_text(
        f'index = "{tmp_path / "pmi.db"}"\n' + mirror_source_config(KEY, base_url) + TEST_SCRAPY_SETTINGS,
        encoding="utf-8",
    )
    return run_pmi("--config", str(config), "crawl", KEY, "--format", "json", timeout=120)


@pytest.mark.timeout(180)
@pytest.mark.parametrize("damage", ["fts structure", "articles page", "not a database"])
def test_a_crawl_on_a_damaged_index_exits_4_and_the_run_after_repair_completes(
    run_pmi, tmp_path, mirror, damage
):
    first = crawl(run_pmi, tmp_path, mirror.base_url)
    assert first.returncode == 0, first.stderr[-2000:]
    index_path = tmp_path / "pmi.db"
    with open_index(str(index_path)) as index:
        stored = {a.id for a in index.iter_articles()}
    assert stored

    DAMAGES[damage](index_path)
    damaged = crawl(run_pmi, tmp_path, mirror.base_url)
    assert damaged.returncode == 4, damaged.stderr[-2000:]
    assert "Traceback" not in damaged.stderr
    last = damaged.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: the index at") and "pmi index check" in last

    search = run_pmi("search", "pekerja", "--index", str(index_path))
    assert search.returncode == 4 and "pmi index repair" in search.stderr

    repaired = run_pmi("index", "repair", "--index", str(index_path))
    assert repaired.returncode == 0, repaired.stderr
    assert check_index(str(index_path)) == []

    after = crawl(run_pmi, tmp_path, mirror.base_url)
    assert after.returncode == 0, after.stderr[-2000:]
    report = json.loads(after.stdout)["sources"][KEY]
    assert report["status"] == "ok" and report["failed"] == 0
    with open_index(str(index_path)) as index:
        again = {a.id for a in index.iter_articles()}
    assert again == stored  # what the repair could not read, the next run fetched again
    if damage == "fts structure":  # the articles table was sound: nothing lost, nothing new
        assert report["new"] == 0
    assert check_index(str(index_path)) == []


STATE_DAMAGES = {
    "not a database": DAMAGES["not a database"],
    "truncated": DAMAGES["truncated"],
    "seen pages": lambda path: overwrite_pages(path, "seen"),
}


@pytest.mark.timeout(180)
@pytest.mark.parametrize("damage", STATE_DAMAGES)
def test_a_damaged_state_file_is_set_aside_and_rebuilt_from_the_index(run_pmi, tmp_path, mirror, damage):
    first = crawl(run_pmi, tmp_path, mirror.base_url)
    assert first.returncode == 0, first.stderr[-2000:]
    stored = json.loads(first.stdout)["sources"][KEY]["new"]
    assert stored
    state = tmp_path / "pmi.db.state"
    STATE_DAMAGES[damage](state)

    again = crawl(run_pmi, tmp_path, mirror.base_url)
    assert again.returncode == 0, again.stderr[-2000:]
    assert "Traceback" not in again.stderr and "Unhandled error" not in again.stderr
    warnings = [line for line in again.stderr.splitlines() if "crawl state" in line]
    assert len(warnings) == 1 and str(state) in warnings[0] and "rebuilt from the index" in warnings[0]
    assert f"({stored} articles)" in warnings[0]
    assert list(tmp_path.glob("pmi.db.state.corrupt-*"))
    report = json.loads(again.stdout)["sources"][KEY]
    assert report["status"] == "ok" and report["new"] == 0 and report["failed"] == 0
    with open_index(str(tmp_path / "pmi.db")) as index:
        assert index.count() == stored
    assert check_index(str(tmp_path / "pmi.db")) == []

    sources = run_pmi("--config", str(tmp_path / "config.toml"), "sources")
    assert sources.returncode == 0 and "Traceback" not in sources.stderr
    third = crawl(run_pmi, tmp_path, mirror.base_url)
    assert third.returncode == 0 and "crawl state" not in third.stderr, third.stderr[-2000:]
