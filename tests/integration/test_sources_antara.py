"""ANTARA: PMI news from the RSS feeds (feed-only by default) and the tag pages, via `pmi crawl`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.support.mirrors import antara
from tests.support.mirrors.server import MirrorServer
from tests.support.source_crawl import crawl, source_section, stored, write_config

pytestmark = pytest.mark.slow


@pytest.fixture
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer(antara.build_site()) as server:
        yield server


def article_fetches(mirror: MirrorServer) -> list[str]:
    return [p for _, p in mirror.request_log() if p.startswith(("/berita/", "/video/", "/foto/"))]


def test_feed_only_by_default(run_pmi, tmp_path: Path, mirror: MirrorServer):
    config = write_config(tmp_path, source_section("antara", mirror.base_url))
    report = crawl(run_pmi, config, "antara")["antara"]
    assert report["status"] == "ok" and report["discovery"] == "feed" and report["failed"] == 0
    assert article_fetches(mirror) == []  # the footer forbids crawling: no page is fetched
    articles = stored(tmp_path, "antara")
    # Only /berita/ items, and only the PMI ones (Red Cross, PMI index, football and prices dropped).
    assert set(articles) == {i.path for i in antara.EXPECTED}
    for item in antara.EXPECTED:
        article = articles[item.path]
        assert article.title == item.title and article.summary == item.summary
        assert article.body == ""  # content:encoded is left out too
        assert article.published_at == item.when and article.published_at_source == "feed"
        assert article.published_at.utcoffset() == timedelta(hours=7)
        assert article.authors == ["Benny Jahang"]
        assert article.image_url and article.image_url.endswith(f"/{item.id}.jpg")
    assert report["new"] == len(antara.EXPECTED)


def test_full_text_is_an_option(run_pmi, tmp_path: Path, mirror: MirrorServer):
    config = write_config(tmp_path, source_section("antara", mirror.base_url, options={"full_text": True}))
    report = crawl(run_pmi, config, "antara")["antara"]
    assert report["status"] == "ok" and report["new"] == len(antara.EXPECTED)
    assert article_fetches(mirror) == []  # content:encoded has the text: no page needed
    for item in antara.EXPECTED:
        article = stored(tmp_path, "antara")[item.path]
        assert article.body.startswith(item.summary) and len(article.body) > 200
        assert article.published_at == item.when


def test_full_text_fetches_pages_when_the_feed_has_none(run_pmi, tmp_path: Path, mirror: MirrorServer):
    mirror.site.content_encoded = False
    config = write_config(tmp_path, source_section("antara", mirror.base_url, options={"full_text": True}))
    report = crawl(run_pmi, config, "antara")["antara"]
    assert report["status"] == "ok" and report["new"] == len(antara.EXPECTED)
    fetched = set(article_fetches(mirror))
    assert not any(p.startswith(("/video/", "/foto/")) for p in fetched)
    articles = stored(tmp_path, "antara")
    for item in antara.EXPECTED:
        article = articles[item.path]
        assert article.body.startswith(item.summary)
        assert "Baca juga" not in article.body and "Pewarta:" not in article.body
        assert article.published_at == item.when and article.published_at_source == "feed"


def test_tag_pages_listing_only(run_pmi, tmp_path: Path, mirror: MirrorServer):
    options = {"listings": ["/tag/pekerja-migran-indonesia"]}
    config = write_config(tmp_path, source_section("antara-tag", mirror.base_url, options=options))
    report = crawl(run_pmi, config, "antara-tag")["antara-tag"]  # disabled by default, named here
    assert report["status"] == "ok" and report["discovery"] == "listing"
    assert article_fetches(mirror) == []
    assert "/tag/pekerja-migran-indonesia/2" in [p for _, p in mirror.request_log()]
    articles = stored(tmp_path, "antara-tag")
    assert set(articles) == {antara.ITEMS[i].path for i in (0, 3, 7, 9)}  # no /video/
    first = articles[antara.ITEMS[0].path]
    assert first.published_at == antara.ITEMS[0].when.replace(second=0)
    assert first.published_at.utcoffset() == timedelta(hours=7)
    assert first.summary == antara.ITEMS[0].summary
