"""Whose article is it: a source writes only on its own hosts, under canonical URLs it can vouch for;
listings are capped (sitemaps per run, their depth, URL length) and every refusal is counted."""

from __future__ import annotations

from dataclasses import replace

import feedparser
import pytest
from scrapy.http import HtmlResponse, Request, XmlResponse
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from pmi_aggregator.crawler.loader import spider_class
from pmi_aggregator.crawler.middlewares import XmlEntities, XmlEntityMiddleware
from pmi_aggregator.crawler.report import CrawlReport, source_report
from pmi_aggregator.crawler.spiders.identity import CanonicalJudge, SourceHosts
from pmi_aggregator.crawler.spiders.sitemap_budget import SitemapBudget
from pmi_aggregator.sources.options import WordPressOptions
from pmi_aggregator.sources.registry import load_sources

BASE = "https://apakabaronline.com"


def source(**options):
    built = load_sources()["apakabaronline"]
    return replace(built, options=replace(built.options, **options)) if options else built


def spider(**options):
    cls = spider_class(source(**options))
    crawler = get_crawler(cls, settings_dict={"PMI_FUTURE_TOLERANCE_HOURS": 24})
    crawler.stats = MemoryStatsCollector(crawler)
    return cls.from_crawler(crawler)


def errors(wp) -> dict[str, int]:
    return {
        k.removeprefix("pmi/errors/"): v
        for k, v in wp.crawler.stats.get_stats().items()
        if k.startswith("pmi/errors/")
    }


# -- hosts -----------------------------------------------------------------------------------------
def test_a_source_owns_its_host_its_aliases_and_its_extra_hosts():
    kp2mi = load_sources()["kp2mi"]
    hosts = SourceHosts.of(replace(kp2mi, options=replace(kp2mi.options, extra_hosts=("pmi.example",))))
    for url in (
        "https://www.kp2mi.go.id/berita/1",
        "https://kp2mi.go.id/berita/1",
        "https://bp2mi.go.id/berita/1",  # an old name
        "https://pmi.example/x/",
        "https://news.pmi.example/x/",
    ):
        assert hosts.owns(url), url
    for url in ("https://apakabaronline.com/x/", "https://kp2mi.go.id.evil.example/x", "http://[::1/"):
        assert not hosts.owns(url), url


def test_a_base_url_with_a_port_owns_only_that_port():
    local = replace(source(), base_url="http://127.0.0.1:8001")
    hosts = SourceHosts.of(local)
    assert hosts.owns("http://127.0.0.1:8001/a/")
    assert not hosts.owns("http://127.0.0.1:8002/a/")
    assert SourceHosts.of(replace(local, base_url="https://site.example:443")).owns("https://site.example/a/")


# -- canonical links -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("canonical", "refusal"),
    [
        ("https://other.example/berita/a/", "canonical_offsite"),
        (f"{BASE}/", "canonical_untrusted"),
        (f"{BASE}/category/berita/", "canonical_untrusted"),
        (f"{BASE}/kategori/pmi/", "canonical_untrusted"),
        (f"{BASE}/berita-baru/", None),
    ],
)
def test_a_canonical_off_the_source_or_to_a_listing_is_not_trusted(canonical, refusal):
    judge = CanonicalJudge.of(source())
    assert judge.refusal(canonical, f"{BASE}/berita-lama/", "Judul") == refusal


def test_a_canonical_shared_by_different_articles_is_trusted_only_for_the_first():
    judge = CanonicalJudge.of(source())
    shared = f"{BASE}/satu-artikel/"
    assert judge.refusal(shared, f"{BASE}/a/", "Judul A") is None
    assert judge.refusal(shared, f"{BASE}/a/", "Judul A") is None  # the same page again
    assert judge.refusal(shared, f"{BASE}/a-print/", "Judul A") is None  # a variant of the same article
    assert judge.refusal(shared, f"{BASE}/b/", "Judul B") == "canonical_untrusted"


def page(url: str, canonical: str, title: str = "Pekerja migran pulang") -> HtmlResponse:
    body = (
        f'<html><head><title>{title}</title><link rel="canonical" href="{canonical}">'
        '<meta property="article:published_time" content="2025-05-09T07:30:00+07:00"></head><body>'
        f'<article><h1 class="entry-title">{title}</h1><div class="entry-content">'
        + "<p>Para pekerja migran Indonesia di Hong Kong berkumpul untuk pelatihan hak-hak pekerja.</p>" * 5
        + "</div></article></body></html>"
    )
    return HtmlResponse(url, body=body.encode(), encoding="utf-8")


def test_pages_canonical_to_the_homepage_stay_distinct_articles():
    wp = spider()
    urls = [f"{BASE}/berita-{n}/" for n in range(10)]
    stored = [a.url for u in urls for a in wp.parse_article(page(u, f"{BASE}/", f"Judul {u}"))]
    assert stored == urls
    assert errors(wp) == {"canonical_untrusted": 10}


def test_a_canonical_to_another_listed_article_is_not_trusted():
    wp = spider()
    for slug in ("asli", "salinan"):
        wp.page_request(f"{BASE}/{slug}/")
    [copy] = wp.parse_article(page(f"{BASE}/salinan/", f"{BASE}/asli/", "Judul salinan"))
    [original] = wp.parse_article(page(f"{BASE}/asli/", f"{BASE}/asli/", "Judul asli"))
    assert (copy.url, original.url) == (f"{BASE}/salinan/", f"{BASE}/asli/")
    assert errors(wp) == {"canonical_untrusted": 1}


def test_a_canonical_spelt_differently_from_the_page_is_the_page():
    wp = spider()
    [article] = wp.parse_article(page(f"{BASE}/berita-1", "https://www.apakabaronline.com/berita-1/"))
    assert article.url == "https://www.apakabaronline.com/berita-1/" and errors(wp) == {}


def test_a_canonical_into_another_source_is_ignored_and_counted():
    wp = spider()
    [article] = wp.parse_article(page(f"{BASE}/berita-1/", "https://kp2mi.go.id/berita/99"))
    assert article.url == f"{BASE}/berita-1/"
    assert errors(wp) == {"canonical_offsite": 1}


def test_an_article_off_the_source_is_never_emitted():
    wp = spider()
    article = wp._rest_article(
        {"link": f"{BASE}/ok/", "title": {"rendered": "t"}, "content": {"rendered": "<p>x</p>"}}, BASE
    )
    article.url = "https://kp2mi.go.id/berita/1"
    assert not wp.first_emit(article)
    assert errors(wp) == {"offsite_article": 1}


# -- listings: links off the source, over-long URLs ------------------------------------------------
def test_feed_links_off_the_source_or_over_long_are_skipped_and_counted():
    long_link = f"{BASE}/{'x' * 50_000}/"
    feed = feedparser.parse(
        "<rss><channel>"
        + "".join(
            f"<item><title>t{n}</title><link>{link}</link><description>Pekerja migran.</description></item>"
            for n, link in enumerate(["https://kp2mi.go.id/berita/1", long_link, f"{BASE}/baik/"])
        )
        + "</channel></rss>"
    )
    requests = list(spider().feed_entries(feed.entries, f"{BASE}/feed/"))
    assert [r.url for r in requests] == [f"{BASE}/baik/"]
    assert errors(requests[0].callback.__self__) == {"offsite_link": 1, "url_too_long": 1}


def test_rest_posts_linking_off_the_source_are_skipped_and_counted():
    wp = spider()
    assert wp._rest_article({"link": "https://kp2mi.go.id/berita/1"}, BASE) is None
    assert errors(wp) == {"offsite_link": 1}


# -- sitemaps: caps and encodings ------------------------------------------------------------------
def index(children: list[str]) -> bytes:
    inner = "".join(f"<sitemap><loc>{c}</loc></sitemap>" for c in children)
    return f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{inner}</sitemapindex>'.encode()


def test_the_sitemap_budget_counts_children_and_refuses_deep_ones():
    budget = SitemapBudget.of(WordPressOptions(max_sitemaps=2, max_sitemap_depth=3))
    assert [budget.refusal(2), budget.refusal(3), budget.refusal(4), budget.refusal(2)] == [
        None,
        None,
        "sitemap_too_deep",
        "sitemap_cap",
    ]


def test_a_sitemap_index_beyond_the_caps_is_cut_and_the_run_is_partial():
    wp = spider(max_sitemaps=3, max_sitemap_depth=2)
    children = [f"{BASE}/wp-sitemap-posts-post-{n}.xml" for n in range(5)]
    requests = list(wp.parse_sitemap(XmlResponse(f"{BASE}/wp-sitemap.xml", body=index(children))))
    assert [r.url for r in requests] == children[:3]
    assert errors(wp) == {"sitemap_cap": 2}
    assert wp.crawler.stats.get_value("pmi/partial") == "sitemap_cap"
    deeper = list(wp.parse_sitemap(XmlResponse(children[0], body=index(children)), depth=2))
    assert deeper == [] and errors(wp)["sitemap_too_deep"] == 5


def test_a_utf16_sitemap_is_read():
    urlset = (
        '<?xml version="1.0" encoding="UTF-16"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>{BASE}/pekerja-migran/</loc></url></urlset>"
    )
    wp = spider()
    requests = list(wp.parse_sitemap(XmlResponse(f"{BASE}/wp-sitemap.xml", body=urlset.encode("utf-16"))))
    assert [r.url for r in requests] == [f"{BASE}/pekerja-migran/"]
    assert errors(wp) == {}


def test_a_utf16_entity_bomb_is_refused_like_a_utf8_one():
    bomb = (
        '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE urlset [<!ENTITY lol "lol">'
        '<!ENTITY lol1 "&lol;&lol;&lol;">]><urlset><url><loc>&lol1;</loc></url></urlset>'
    )
    request = Request(f"{BASE}/wp-sitemap.xml")
    with pytest.raises(XmlEntities):
        XmlEntityMiddleware().process_response(request, XmlResponse(request.url, body=bomb.encode("utf-16")))


def test_a_capped_run_is_partial_says_why_and_still_succeeds():
    stats = {
        "pmi/discovery": "sitemap",
        "pmi/items": 3,
        "pmi/partial": "sitemap_cap",
        "pmi/errors/sitemap_cap": 2,
    }
    report = source_report("wide", stats, "finished")
    assert report["status"] == "partial" and "sitemap cap" in report["error"]
    assert CrawlReport({"wide": report}).ok
    assert not CrawlReport({"wide": {**report, "status": "failed"}}).ok
