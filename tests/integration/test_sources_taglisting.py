"""Mainstream tag pages (`tag_listing`): per-site selectors, relevance filtering, the off-topic stop."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

import pytest

from pmi_aggregator.sources.registry import load_sources
from tests.support.mirrors import mainstream
from tests.support.mirrors.server import MirrorServer
from tests.support.source_crawl import crawl, pmi_runner, source_section, stored, write_config

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict, dict]]:
    """The five tag sources, each from its mirror, in one `pmi crawl` run (they are off by default)."""
    workdir = tmp_path_factory.mktemp("tags")
    with ExitStack() as stack:
        mirrors = {
            k: stack.enter_context(MirrorServer(mainstream.MainstreamSite(k))) for k in mainstream.SITES
        }
        options = {k: {"listings": [mainstream.SITES[k].listing]} for k in mirrors}
        config = write_config(
            workdir, *(source_section(k, m.base_url, options=options[k]) for k, m in mirrors.items())
        )

        reports = crawl(pmi_runner(workdir), config, *mirrors)
        yield workdir, reports, {k: m.request_log() for k, m in mirrors.items()}


def test_mainstream_sources_are_general_and_off_by_default():
    sources = load_sources()
    for key in mainstream.SITES:
        assert sources[key].kind == "tag_listing"
        assert not sources[key].enabled and not sources[key].dedicated


@pytest.mark.parametrize("key", list(mainstream.SITES))
def test_tag_pages_give_the_pmi_articles_with_their_dates(crawled, key: str):
    workdir, reports, _ = crawled
    report = reports[key]
    assert report["status"] == "ok" and report["discovery"] == "listing" and report["failed"] == 0
    site = mainstream.MainstreamSite(key)
    articles = stored(workdir, key)
    assert set(articles) == {site.spec.path(s) for s in site.tagged}
    for story in site.tagged:
        article = articles[site.spec.path(story)]
        assert article.title == story.title
        assert article.published_at == story.when, (key, article.published_at_source)
        assert article.published_at.utcoffset() == timedelta(hours=7)
        assert article.body.startswith("JAKARTA, ")


def test_kompas_stops_when_the_tag_runs_off_topic(crawled):
    _, _, logs = crawled
    listings = [p for _, p in logs["kompas"] if p.startswith("/tag/")]
    # Page 2 is mostly PMI news, page 3 is all padding: nothing after page 3 is asked for.
    assert listings == [
        "/tag/pekerja-migran-indonesia",
        "/tag/pekerja-migran-indonesia?page=2",
        "/tag/pekerja-migran-indonesia?page=3",
    ]
