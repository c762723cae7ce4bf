"""KP2MI (ex-BP2MI): the ministry's news list walked to its article pages, through `pmi crawl kp2mi`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from pmi_aggregator.crawler.loader import spider_class
from pmi_aggregator.sources.registry import load_sources
from tests.support.mirrors import kp2mi
from tests.support.mirrors.server import MirrorServer
from tests.support.source_crawl import crawl, source_section, stored, write_config

pytestmark = pytest.mark.slow


@pytest.fixture
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer(kp2mi.build_site()) as server:
        yield server


@pytest.fixture
def config(tmp_path: Path, mirror: MirrorServer) -> Path:
    section = source_section(
        "kp2mi", mirror.base_url, hosts=(kp2mi.OLD_HOST,), host_aliases={kp2mi.OLD_HOST: "127.0.0.1"}
    )
    return write_config(tmp_path, section)


def test_news_list_to_articles_with_the_meta_date_not_the_render_date(
    run_pmi, tmp_path: Path, config: Path, mirror: MirrorServer
):
    report = crawl(run_pmi, config, "kp2mi")["kp2mi"]
    assert report["status"] == "ok" and report["discovery"] == "listing"
    assert report["new"] == len(kp2mi.NEWS) and report["failed"] == 0
    articles = stored(tmp_path, "kp2mi")
    # /index.php/ and old-host links collapse onto the one canonical URL per article.
    assert set(articles) == {f"/berita-detail/{n.slug}" for n in kp2mi.NEWS}
    assert all(a.url.startswith(mirror.base_url) for a in articles.values())
    for news in kp2mi.NEWS:
        article = articles[f"/berita-detail/{news.slug}"]
        assert article.published_at == news.when
        assert article.published_at.utcoffset() == timedelta(hours=7)
        assert article.title == news.title
        assert article.body.startswith(f"{news.city}, ")
        assert "Total Visitors" not in article.body and str(news.views) not in article.body
        assert article.location == news.city
    assert all(a.published_at.date().isoformat() != "2025-10-03" for a in articles.values())

    mirror.clear_requests()
    report = crawl(run_pmi, config, "kp2mi")["kp2mi"]
    assert report["new"] == 0 and report["updated"] == 0
    assert not [p for _, p in mirror.request_log() if "berita-detail" in p]  # caught up on page 1


def test_old_bp2mi_urls_are_canonicalized_to_kp2mi():
    spider = spider_class(load_sources()["kp2mi"])()
    expected = "https://www.kp2mi.go.id/berita-detail/temui-pegiat-pmi"
    for old in (
        "https://www.bp2mi.go.id/berita-detail/temui-pegiat-pmi",
        "http://bp2mi.go.id/berita-detail/temui-pegiat-pmi",
        "https://www.bp2mi.go.id/index.php/berita-detail/temui-pegiat-pmi",
        "https://kp2mi.go.id/index.php/berita-detail/temui-pegiat-pmi/",
    ):
        assert spider.canonical(old).rstrip("/") == expected
