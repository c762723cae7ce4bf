"""End to end: the real Scrapy engine crawls a local mirror of the seed portal through `pmi crawl`.

The mirror (tests/mirrors) reproduces ApakabarOnline's WordPress structure: REST API with its paging
headers, paged RSS feed, core sitemaps, AF-theme article pages with the top-bar render-date trap, an
article that was updated, and URL variants of one article.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from pmi_aggregator import open_index
from pmi_aggregator.crawler.state import CrawlLock
from tests.support.fixtures import TEST_SCRAPY_SETTINGS, mirror_source_config
from tests.support.mirrors import apakabar
from tests.support.mirrors.server import MirrorServer
from tests.support.mirrors.wordpress import WordPressSite

pytestmark = pytest.mark.slow


@pytest.fixture
def site() -> WordPressSite:
    return apakabar.build_site()


@pytest.fixture
def mirror(site: WordPressSite) -> Iterator[MirrorServer]:
    with MirrorServer(site) as server:
        yield server


@pytest.fixture
def workdir(tmp_path: Path, mirror: MirrorServer) -> Path:
    (tmp_path / "config.toml").write_text(
        f'index = "{tmp_path / "pmi.db"}"\n'
        + mirror_source_config("apakabaronline", mirror.base_url)
        + TEST_SCRAPY_SETTINGS,
        encoding="utf-8",
    )
    return tmp_path


def crawl_report(run_pmi, workdir: Path, *args: str, expect: int = 0) -> dict:
    """``pmi crawl`` (the seed source unless sources are named) and its JSON report."""
    if not any(not a.startswith("-") and a[0].isalpha() for a in args):
        args = ("apakabaronline", *args)
    done = run_pmi("--config", str(workdir / "config.toml"), "crawl", *args, "--format", "json")
    assert done.returncode == expect, done.stderr[-3000:]
    return json.loads(done.stdout)


def article_pages(mirror: MirrorServer) -> list[str]:
    """Article page fetches: root-level slug paths (not REST, feed, sitemap or robots)."""
    paths = [path for method, path in mirror.request_log() if method == "GET"]
    return [p for p in paths if p.count("/") == 2 and not p.startswith(("/wp-", "/feed", "/robots"))]


def test_crawl_search_recrawl_and_pick_up_new(
    run_pmi, workdir: Path, mirror: MirrorServer, site: WordPressSite
):
    report = crawl_report(run_pmi, workdir)["sources"]["apakabaronline"]
    assert report["status"] == "ok" and report["discovery"] == "rest"
    assert report["new"] == apakabar.ARTICLE_COUNT and report["failed"] == 0
    assert article_pages(mirror) == []  # the REST API had everything: no page fetched
    assert "/robots.txt" in [path for _, path in mirror.request_log()]

    # Search through the CLI: stemmed, with marked snippets.
    done = run_pmi(
        "--config", str(workdir / "config.toml"), "search", "rekrut", "--format", "json", "-n", "50"
    )
    assert done.returncode == 0, done.stderr
    hits = json.loads(done.stdout)["hits"]
    slugs = {hit["url"].rstrip("/").rsplit("/", 1)[-1] for hit in hits}
    assert slugs == set(apakabar.REKRUT_SLUGS)
    assert any(
        "<mark>merekrut</mark>" in hit["snippet"] or "<mark>perekrutan</mark>" in hit["snippet"]
        for hit in hits
    )

    # Search through the API, with the facts of a known article.
    index = open_index(str(workdir / "pmi.db"))
    known = apakabar.KNOWN
    results = index.search(f'"{known["title"]}"', sources=["apakabaronline"])
    article = results.hits[0].article
    assert article.title == known["title"]
    assert article.published_at == known["date_gmt"] and article.published_at_source == "api"
    assert article.published_at.utcoffset().total_seconds() == 7 * 3600
    assert article.authors == [known["author"]]
    assert article.categories == known["categories"] and article.tags == known["tags"]
    assert article.body.startswith(known["first_paragraph"][:60])
    assert "Baca juga" not in article.body and "Advertisement" not in article.body
    assert "min read" not in article.body and "Leave a Reply" not in article.body
    updated = index.get_by_url(site.base_url + apakabar.UPDATED["path"])
    assert updated.modified_at == apakabar.UPDATED["modified_gmt"]
    in_2025 = index.search("", date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
    assert in_2025.total == sum(1 for p in site.posts if p.date_gmt.astimezone(apakabar.WIB).year == 2025)
    count = index.count()
    assert count == apakabar.ARTICLE_COUNT

    # A second crawl fetches nothing new and duplicates nothing.
    mirror.clear_requests()
    report = crawl_report(run_pmi, workdir)["sources"]["apakabaronline"]
    assert report["new"] == 0 and report["updated"] == 0 and report["failed"] == 0
    assert article_pages(mirror) == []
    rest_calls = [p for _, p in mirror.request_log() if p.startswith("/wp-json/wp/v2/posts")]
    assert rest_calls and all("modified_after=" in p for p in rest_calls)
    assert index.count() == count

    # The mirror publishes one article: the third crawl picks up exactly that one.
    site.add_post(apakabar.build_extra_post())
    report = crawl_report(run_pmi, workdir)["sources"]["apakabaronline"]
    assert (report["new"], report["updated"]) == (1, 0)
    assert index.count() == count + 1
    assert index.search(f'"{apakabar.EXTRA["title"]}"').hits[0].article.title == apakabar.EXTRA["title"]

    # An edit on the site is picked up as an update, not a new article.
    site.update_post(apakabar.KNOWN["slug"], title=apakabar.KNOWN["title"] + " (diperbarui)")
    report = crawl_report(run_pmi, workdir)["sources"]["apakabaronline"]
    assert (report["new"], report["updated"]) == (0, 1)
    assert index.count() == count + 1
    index.close()


def test_feed_fallback_collapses_url_variants(run_pmi, workdir: Path, site: WordPressSite):
    site.rest_enabled = False
    report = crawl_report(run_pmi, workdir)["sources"]["apakabaronline"]
    assert report["status"] == "ok" and report["discovery"] == "feed"
    assert report["errors"].get("rest_http_404") == 1
    index = open_index(str(workdir / "pmi.db"))
    assert index.count() == apakabar.ARTICLE_COUNT
    variant = index.get_by_url(f"{site.base_url}/{apakabar.VARIANT_SLUG}/?utm_source=rss")
    assert variant is not None and "utm_" not in variant.url
    known = index.get_by_url(site.base_url + apakabar.KNOWN["path"])
    assert known.published_at == apakabar.KNOWN["date_gmt"] and known.published_at_source == "feed"


def test_sitemap_fallback_never_takes_the_topbar_date(
    run_pmi, workdir: Path, mirror: MirrorServer, site: WordPressSite
):
    site.rest_invalid_json = True
    site.feed_not_xml = True
    broken = apakabar.KNOWN_REKRUT["slug"]
    site.broken_pages = {broken}
    report = crawl_report(run_pmi, workdir)["sources"]["apakabaronline"]
    assert report["status"] == "ok" and report["discovery"] == "sitemap"
    assert report["errors"]["rest_invalid_json"] == 1 and report["errors"]["feed_invalid"] == 1
    assert report["errors"]["broken_page"] == 1
    index = open_index(str(workdir / "pmi.db"))
    assert index.count() == apakabar.ARTICLE_COUNT - 1  # the broken page is skipped, not stored half-read
    assert index.get_by_url(f"{site.base_url}/{broken}/") is None
    render_day = apakabar.RENDER_TODAY
    dates = [a.published_at for a in index.iter_articles()]
    assert all(d is None or d.date() != render_day for d in dates)
    known = index.get_by_url(site.base_url + apakabar.KNOWN["path"])
    assert known.published_at_source == "byline"
    assert known.published_at == datetime.combine(
        apakabar.KNOWN["date_local"].date(), datetime.min.time(), apakabar.WIB
    )
    assert known.date_precision == "day"
    # /slug/amp/ and /slug/?utm_source=… in the sitemap collapse into one article.
    assert index.get_by_url(f"{site.base_url}/{apakabar.VARIANT_SLUG}/amp/") is not None
    ids = [a.id for a in index.iter_articles()]
    assert len(ids) == len(set(ids))


def test_undated_article_is_stored_undated(run_pmi, workdir: Path, site: WordPressSite):
    site.rest_enabled = False
    site.feed_enabled = False
    undated = apakabar.KNOWN["slug"]
    site.undated_posts = {undated}
    report = crawl_report(run_pmi, workdir)["sources"]["apakabaronline"]
    assert report["missing_date"] >= 1
    index = open_index(str(workdir / "pmi.db"))
    article = index.get_by_url(f"{site.base_url}/{undated}/")
    assert article is not None and article.published_at is None
    assert index.search('"hampir seratus jenazah"').total == 1
    dated = index.search('"hampir seratus jenazah"', date_from=date(2000, 1, 1))
    assert dated.total == 0
    assert (
        index.search('"hampir seratus jenazah"', date_from=date(2000, 1, 1), include_undated=True).total == 1
    )


def test_unreachable_source_fails_alone(run_pmi, workdir: Path):
    config = workdir / "config.toml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + '[sources.deadsite]\nkind = "wordpress"\nbase_url = "http://127.0.0.1:9"\n'
        + 'allow_private_hosts = ["127.0.0.1"]\n',
        encoding="utf-8",
    )
    report = crawl_report(run_pmi, workdir, "apakabaronline", "deadsite", expect=1)["sources"]
    assert (
        report["apakabaronline"]["status"] == "ok"
        and report["apakabaronline"]["new"] == apakabar.ARTICLE_COUNT
    )
    assert report["deadsite"]["status"] == "failed"
    assert "unreachable" in report["deadsite"]["error"]


def test_overlapping_crawl_is_refused(run_pmi, workdir: Path):
    from pmi_aggregator.index.location import lock_path

    lock = CrawlLock(lock_path(str(workdir / "pmi.db")))
    lock.acquire()
    try:
        done = run_pmi("--config", str(workdir / "config.toml"), "crawl", "apakabaronline")
    finally:
        lock.release()
    assert done.returncode == 3
    assert "another crawl is running" in done.stderr and done.stderr.count("\n") == 1


def test_since_bounds_a_backfill(run_pmi, workdir: Path, site: WordPressSite):
    report = crawl_report(run_pmi, workdir, "--since", "2025-01-01")["sources"]["apakabaronline"]
    expected = sum(1 for p in site.posts if p.date_gmt >= datetime(2025, 1, 1, tzinfo=apakabar.WIB))
    assert report["new"] == expected and 0 < expected < apakabar.ARTICLE_COUNT


def test_python_api_crawl_twice_in_one_process(workdir: Path, site: WordPressSite, monkeypatch):
    from pmi_aggregator import crawl

    monkeypatch.setenv("PMI_CONFIG", str(workdir / "config.toml"))
    index = open_index(str(workdir / "pmi.db"))
    first = crawl(sources=["apakabaronline"], index=index)
    assert first.ok and first.sources["apakabaronline"]["new"] == apakabar.ARTICLE_COUNT
    site.add_post(apakabar.build_extra_post())
    second = crawl(sources=["apakabaronline"], since="3650d", index=index)
    assert second.sources["apakabaronline"]["new"] == 1
    assert index.count() == apakabar.ARTICLE_COUNT + 1
    assert datetime.now(timezone.utc) > index.search("").hits[0].article.crawled_at
