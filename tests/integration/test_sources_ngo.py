"""NGO, union and migrant-community sources: WordPress, Blogger and sitemap kinds, one `pmi crawl` run."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path

import pytest

from tests.support.mirrors import ngo
from tests.support.mirrors.server import MirrorServer
from tests.support.source_crawl import crawl, pmi_runner, source_section, stored, write_config

pytestmark = pytest.mark.slow

BLOGGER = ("jbm", "suarabmi")
OFFSETS = {"beritaindonesia-hk": 8, "ddhk": 8, "focustaiwan": 8}


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict, dict]]:
    """Every NGO source crawled once from its mirror (one CLI run, sources in parallel)."""
    workdir = tmp_path_factory.mktemp("ngo")
    with ExitStack() as stack:
        sites = {key: ngo.wordpress_site(key) for key in ngo.WORDPRESS}
        sites |= {key: ngo.blogger_site(key) for key in BLOGGER}
        sites["focustaiwan"] = ngo.focustaiwan_site()
        mirrors = {key: stack.enter_context(MirrorServer(site)) for key, site in sites.items()}
        options = {"jbm": {"per_page": 3}}
        config = write_config(
            workdir, *(source_section(k, m.base_url, **({"options": options[k]} if k in options else {}))
                       for k, m in mirrors.items())
        )  # fmt: skip

        reports = crawl(pmi_runner(workdir), config, *mirrors)
        yield workdir, reports, {k: m.request_log() for k, m in mirrors.items()}


def test_every_source_crawls_ok(crawled):
    _, reports, _ = crawled
    for key, report in reports.items():
        assert report["status"] == "ok" and report["failed"] == 0, (key, report)
    assert {k: r["discovery"] for k, r in reports.items()} == {
        **dict.fromkeys(ngo.WORDPRESS, "rest"), "jbm": "feed", "suarabmi": "feed", "focustaiwan": "sitemap"
    }  # fmt: skip


@pytest.mark.parametrize("key", list(ngo.WORDPRESS))
def test_wordpress_sources(crawled, key: str):
    workdir, _, _ = crawled
    site = ngo.wordpress_site(key)
    articles = stored(workdir, key)
    expected = [p for p in site.posts if key != "ddhk" or p.title in ngo.RELEVANT]  # ddhk is general
    assert {a.title for a in articles.values()} == {p.title for p in expected}
    for post in expected:
        article = articles[f"/{post.slug}/"]
        assert article.published_at == post.date_gmt
        assert article.published_at.utcoffset() == timedelta(hours=OFFSETS.get(key, 7))
    if key == "beritaindonesia-hk":
        assert all(a.location == "Hong Kong" for a in articles.values())


@pytest.mark.parametrize("key", BLOGGER)
def test_blogger_sources_page_through_the_feed(crawled, key: str):
    workdir, _, logs = crawled
    site = ngo.blogger_site(key)
    articles = stored(workdir, key)
    assert set(articles) == {p.path for p in site.posts}
    for post in site.posts:
        article = articles[post.path]
        assert article.published_at == post.when and article.published_at.utcoffset() == timedelta(hours=7)
        assert article.body.startswith("Jakarta – ")
    feeds = [p for _, p in logs[key] if p.startswith("/feeds/posts/default")]
    if key == "jbm":  # 8 posts, 3 per page
        assert any("start-index=4" in p for p in feeds) and any("start-index=7" in p for p in feeds)
    assert not [p for _, p in logs[key] if p.endswith(".html")]  # full text came with the feed


def test_focus_taiwan_by_sitemap_in_taiwan_time(crawled):
    workdir, _, logs = crawled
    articles = stored(workdir, "focustaiwan")
    assert set(articles) == ngo.FOCUS_RELEVANT  # the semiconductor story is not PMI news
    for section, ident, _, when, modified in ngo.FOCUS:
        article = articles.get(f"/{section}/{ident}")
        if article is not None:
            assert article.published_at == when and article.published_at.utcoffset() == timedelta(hours=8)
            assert article.modified_at == modified
    assert "/about" not in [p for _, p in logs["focustaiwan"]]


def test_the_readme_example_adds_sources_of_every_kind(tmp_path: Path):
    import re

    from pmi_aggregator.config import load_config
    from pmi_aggregator.crawler.loader import spider_class
    from pmi_aggregator.sources.registry import load_sources
    from tests.support.paths import PROJECT_DIR

    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```toml\n(index = .*?)```", readme, re.S).group(1)
    (tmp_path / "config.toml").write_text(example, encoding="utf-8")
    sources = load_sources(load_config(str(tmp_path / "config.toml")))
    kinds = {key: sources[key].kind for key in ("my-pmi-blog", "my-blogspot", "regional-news", "ngo-site")}
    assert kinds == {
        "my-pmi-blog": "wordpress", "my-blogspot": "blogger", "regional-news": "feed", "ngo-site": "sitemap"
    }  # fmt: skip
    assert sources["kompas"].enabled and not sources["regional-news"].dedicated
    for key in kinds:
        assert spider_class(sources[key])(source=sources[key]).options  # each kind builds its spider
