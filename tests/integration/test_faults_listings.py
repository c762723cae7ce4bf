"""Completeness: hostile listings and borrowed identities lose no good article and hide no failure.

One real ``pmi crawl`` over five local sites (``tests/support/faults/listings.py``), then the next
incremental run: REST JSON nested 1,000 deep (→ the feed), a sitemap index chaining forever, UTF-16
sitemaps past ``max_sitemaps``, 50 KB URLs, a feed item and a canonical link into another source,
canonical links to the front page, and items that share one link but not their permalink guids.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from pmi_aggregator import open_index
from tests.support.faults.listings import ListingSites, body_of, build_sites
from tests.support.source_crawl import pmi_runner, source_section, write_config

pytestmark = [pytest.mark.slow, pytest.mark.timeout(120)]
SETTINGS = "DOWNLOAD_TIMEOUT = 5\n"


@pytest.fixture(scope="module")
def runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[ListingSites, Path, list[dict[str, Any]]]]:
    """The sites, the work folder, and the reports of two runs (the second one incremental)."""
    workdir = tmp_path_factory.mktemp("listings")
    with build_sites() as sites:
        sections = [
            source_section(
                key, sites.base(key), kind=site.kind, **({"options": site.options} if site.options else {})
            )
            for key, site in sites.sites.items()
        ]
        config = write_config(workdir, *sections)
        config.write_text(config.read_text("utf-8") + SETTINGS, "utf-8")
        run = pmi_runner(workdir)
        reports = []
        for _ in range(2):
            done = run("--config", str(config), "crawl", *sites.sites, "--format", "json")
            assert "Traceback" not in done.stderr, done.stderr[-3000:]
            assert done.returncode == 0, done.stderr[-3000:]  # partial is no failure: it is said
            reports.append(json.loads(done.stdout)["sources"])
        yield sites, workdir, reports


def stored(workdir: Path) -> list[Any]:
    with open_index(str(workdir / "pmi.db")) as index:
        return list(index.iter_articles())


@pytest.mark.parametrize("key", ["deepjson", "chain", "wide", "alpha", "beta"])
def test_every_good_article_is_stored_and_every_failure_counted(runs, key):
    sites, workdir, (first, _) = runs
    site, report = sites.sites[key], first[key]
    assert report["status"] == site.status, report
    assert report["errors"] == site.errors, report
    slugs = {urlsplit(a.url).path.strip("/") for a in stored(workdir) if a.source == key}
    assert slugs == site.expected
    assert report["new"] == len(site.expected)


def test_no_source_writes_on_another_ones_host(runs):
    sites, workdir, _ = runs
    articles = stored(workdir)
    assert len({a.id for a in articles}) == len(articles)
    for article in articles:
        assert article.url.startswith(sites.base(article.source) + "/"), (article.source, article.url)
        slug = urlsplit(article.url).path.strip("/")
        if article.source == "alpha":
            assert body_of(slug) in article.body  # alpha's own text, not beta's
    beta_home = sites.base("beta") + "/"
    assert all(a.url != beta_home for a in articles)


def test_the_next_incremental_run_completes_with_nothing_new(runs):
    sites, workdir, (_, second) = runs
    for key, site in sites.sites.items():
        report = second[key]
        assert report["status"] == site.status, report
        assert report["new"] == 0 and report["failed"] == 0, report
        assert report["unchanged"] == len(site.expected), report
    with sqlite3.connect(workdir / "pmi.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert len(stored(workdir)) == sum(len(s.expected) for s in sites.sites.values())
