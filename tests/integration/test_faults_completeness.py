"""Completeness (issue #12): no article lost and no failure reported as success.

Each scenario crawls a hostile REST listing (``tests.support.faults.listing``) with the real ``pmi
crawl``, then asserts the good articles stored, the failures counted, the exit status, the index's
integrity, and that the next incremental run completes what the faulty one could not.
"""

from __future__ import annotations

import json
import resource
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from pmi_aggregator import open_index
from pmi_aggregator.crawler.state import CrawlState
from tests.support.faults.listing import HOSTILE_FIELDS, OLDEST_FIRST_FEED, ListingFaultSite
from tests.support.faults.server import FaultServer
from tests.support.fixtures import TEST_SCRAPY_SETTINGS, mirror_source_config
from tests.support.mirrors import apakabar
from tests.support.mirrors.wordpress import Post

KEY = "listingfaults"
PER_PAGE = 5
PAGES = -(-apakabar.ARTICLE_COUNT // PER_PAGE)
NOW = datetime.now(timezone.utc).replace(microsecond=0)

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def site() -> Iterator[tuple[ListingFaultSite, FaultServer]]:
    fault_site = ListingFaultSite()
    with FaultServer(fault_site) as server:
        yield fault_site, server


def write_config(workdir: Path, base_url: str, source: str = "") -> Path:
    config = workdir / "config.toml"
    config.write_text(
        f'index = "{workdir / "pmi.db"}"\n'
        + (
            source
            or mirror_source_config(
                KEY, base_url, kind="wordpress", options={"per_page": PER_PAGE, "overlap_hours": 0}
            )
        )
        + TEST_SCRAPY_SETTINGS
        + "PMI_ARCHIVE = false\nPMI_TEMPLATES = false\nDOWNLOAD_TIMEOUT = 5\n",
        encoding="utf-8",
    )
    return config


def crawl(
    workdir: Path, base_url: str, *, status: int = 0, file_limit: int | None = None, source: str = ""
) -> dict[str, Any]:
    """``pmi crawl`` in a subprocess (files it writes capped at ``file_limit`` bytes: a full disk)."""

    def limit_files() -> None:
        if file_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    args = ["--config", str(write_config(workdir, base_url, source)), "crawl", KEY, "--format", "json"]
    done = subprocess.run(
        [sys.executable, "-m", "pmi_aggregator.cli", *args],
        capture_output=True,
        text=True,
        cwd=workdir,
        timeout=180,
        check=False,
        preexec_fn=limit_files,
    )
    assert done.returncode == status, done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    return json.loads(done.stdout)["sources"][KEY]


def stored_slugs(workdir: Path) -> set[str]:
    with open_index(str(workdir / "pmi.db")) as index:
        return {a.url.rstrip("/").rsplit("/", 1)[-1] for a in index.iter_articles()}


def intact(workdir: Path) -> bool:
    with sqlite3.connect(workdir / "pmi.db") as db:
        return db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def cursor(workdir: Path) -> str | None:
    state = CrawlState(workdir / "pmi.db.state")
    try:
        return state.high_water(KEY)
    finally:
        state.close()


def publish(site: ListingFaultSite, count: int, *, words: int = 60) -> set[str]:
    """``count`` new posts, one a day up to yesterday (older than the overlap, newer than the mirror)."""
    slugs = set()
    for n in range(count):
        slug = f"kabar-baru-{n}"
        body = "".join(
            f"<p>Pekerja migran Indonesia di Taiwan, kabar ke-{n} bagian {i}: "
            + "hak pekerja " * words
            + "</p>"
            for i in range(5)
        )
        site.site.add_post(
            Post(
                slug=slug,
                title=f"Kabar baru pekerja migran {n}",
                content_html=body,
                date_gmt=NOW - timedelta(days=1 + n),
            )
        )
        slugs.add(slug)
    return slugs


def test_a_failed_rest_page_holds_the_cursor_and_the_next_run_lists_what_it_hid(site, tmp_path):
    fault_site, server = site
    first = crawl(tmp_path, server.base_url)
    assert first["new"] == apakabar.ARTICLE_COUNT
    before = cursor(tmp_path)
    fresh = publish(fault_site, 12)
    fault_site.failing_pages = {2}

    faulty = crawl(tmp_path, server.base_url)
    assert faulty["errors"] == {"rest_http_503": 1}
    assert faulty["new"] == PER_PAGE  # page 1's posts, yielded before page 2 was asked for
    assert cursor(tmp_path) == before  # the articles behind page 2 are not behind the cursor
    assert intact(tmp_path)

    fault_site.failing_pages = set()
    clean = crawl(tmp_path, server.base_url)
    assert clean["errors"] == {} and clean["new"] == len(fresh) - PER_PAGE
    assert stored_slugs(tmp_path) >= fresh
    assert cursor(tmp_path) > before


@pytest.mark.parametrize("total_pages", [None, "1000000", "1"])
def test_rest_pages_are_read_one_after_another_whatever_x_wp_totalpages_says(site, tmp_path, total_pages):
    fault_site, server = site
    fault_site.total_pages = total_pages
    report = crawl(tmp_path, server.base_url)
    pages = fault_site.rest_pages_requested(server.paths())
    assert pages == list(range(1, PAGES + 1)), pages  # one after another, each after a full one
    assert report["new"] == apakabar.ARTICLE_COUNT
    assert report["errors"] == {} and intact(tmp_path)
    assert len(stored_slugs(tmp_path)) == apakabar.ARTICLE_COUNT


def test_a_modification_date_in_2999_never_moves_the_cursor(site, tmp_path):
    fault_site, server = site
    far = datetime(2999, 1, 1, tzinfo=timezone.utc)
    fault_site.site.update_post(fault_site.good_slugs[0], modified_gmt=far)
    assert crawl(tmp_path, server.base_url)["new"] == apakabar.ARTICLE_COUNT
    moved = cursor(tmp_path)
    assert moved is not None and datetime.fromisoformat(moved) < NOW + timedelta(days=1)

    fresh = publish(fault_site, 2)
    report = crawl(tmp_path, server.base_url)
    assert report["new"] == len(fresh) and report["errors"] == {}
    assert stored_slugs(tmp_path) >= fresh and intact(tmp_path)


def test_posts_with_wrongly_typed_fields_cost_no_other_post(site, tmp_path):
    fault_site, server = site
    fault_site.hostile_posts = True
    report = crawl(tmp_path, server.base_url)
    assert report["status"] == "ok" and report["discovery"] == "rest"
    assert report["new"] == apakabar.ARTICLE_COUNT  # the odd posts too (undated where the date was odd)
    assert len(stored_slugs(tmp_path)) == apakabar.ARTICLE_COUNT and intact(tmp_path)
    assert report["missing_date"] >= sum(name == "date_gmt" for name, _ in HOSTILE_FIELDS)
    again = crawl(tmp_path, server.base_url)
    assert again["new"] == 0 and again["status"] == "ok"


def test_a_write_the_disk_refuses_fails_the_source_and_the_next_run_stores_what_it_lost(site, tmp_path):
    """The crawl's files capped in size (RLIMIT_FSIZE): SQLite's write fails with a disk I/O error,
    as on a failing disk; a full disk (SQLITE_FULL) is the unit tests' ``disk_full``."""
    fault_site, server = site
    crawl(tmp_path, server.base_url)
    before = cursor(tmp_path)
    fresh = publish(fault_site, 12, words=2000)  # about 120 kB each: the batch cannot fit

    full = crawl(
        tmp_path, server.base_url, status=1, file_limit=(tmp_path / "pmi.db").stat().st_size + 256 * 1024
    )
    assert full["status"] == "failed" and full["error"].startswith("index disk I/O error: "), full
    assert full["errors"] == {"io_error": len(fresh)} and full["failed"] == len(fresh)
    assert cursor(tmp_path) == before
    assert intact(tmp_path) and len(stored_slugs(tmp_path)) == apakabar.ARTICLE_COUNT

    clean = crawl(tmp_path, server.base_url)
    assert clean["status"] == "ok" and clean["new"] == len(fresh)
    assert stored_slugs(tmp_path) >= fresh and intact(tmp_path)


def test_a_feed_listed_oldest_first_is_fetched_newest_first_within_the_item_cap(site, tmp_path):
    fault_site, server = site
    cap = 10
    source = mirror_source_config(
        KEY, server.base_url, kind="feed", options={"feeds": [OLDEST_FIRST_FEED], "max_items": cap}
    )
    newest = [p.slug for p in sorted(fault_site.site.posts, key=lambda p: p.date_gmt, reverse=True)]
    first = crawl(tmp_path, server.base_url, source=source)
    assert first["new"] == cap and first["status"] == "partial"  # said, and the cursor stays
    assert stored_slugs(tmp_path) == set(newest[:cap])  # the newest, not the oldest, came first
    second = crawl(tmp_path, server.base_url, source=source)
    assert second["new"] == cap  # the stored ones cost nothing of the cap: the next ten came
    assert stored_slugs(tmp_path) == set(newest[: 2 * cap]) and intact(tmp_path)
    fetched = [p for p in server.paths() if p.rstrip("/").rsplit("/", 1)[-1] in newest]
    assert len(fetched) == 2 * cap  # no page fetched twice
