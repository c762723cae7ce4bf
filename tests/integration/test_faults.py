"""Reliability: one crawl of a hostile site (tests/faults) meets good and faulty articles together.

Every fault is retried or skipped by the policy in the README ("Reliability"), counted per source,
and never crashes the crawl; every good article is stored; no challenge page is stored.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from scrapy.http import HtmlResponse, Request, TextResponse, XmlResponse
from twisted.python.failure import Failure

from pmi_aggregator import open_index
from pmi_aggregator.crawler.middlewares import (
    ChallengePage,
    ChallengePageMiddleware,
    CharsetRepairMiddleware,
    OffsiteRedirect,
    RedirectLoop,
    RedirectLoopMiddleware,
    SsrfBlocked,
    SsrfGuardMiddleware,
    XmlEntities,
    XmlEntityMiddleware,
    blocked_address,
    is_challenge,
)
from pmi_aggregator.crawler.runner import scrapy_settings
from pmi_aggregator.crawler.spiders.base import _failure_reason
from tests.support.faults import server as faults
from tests.support.faults.server import PAGE_FAULTS, PRIVATE_SITEMAP_URLS, FaultServer, FaultSite
from tests.support.fixtures import TEST_SCRAPY_SETTINGS, mirror_source_config
from tests.support.mirrors import apakabar

KEY = "faultsite"
DOWNLOAD_TIMEOUT = 2


def write_config(workdir: Path, base_url: str) -> Path:
    config = workdir / "config.toml"
    config.write_text(
        f'index = "{workdir / "pmi.db"}"\n'
        + mirror_source_config(KEY, base_url, kind="wordpress")
        + TEST_SCRAPY_SETTINGS
        + f"DOWNLOAD_TIMEOUT = {DOWNLOAD_TIMEOUT}\n",
        encoding="utf-8",
    )
    return config


def crawl(run_pmi, config: Path) -> dict:
    done = run_pmi("--config", str(config), "crawl", KEY, "--format", "json", timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    return json.loads(done.stdout)["sources"][KEY]


def stored_slugs(workdir: Path) -> list[str]:
    with open_index(str(workdir / "pmi.db")) as index:
        return [a.url.rstrip("/").rsplit("/", 1)[-1] for a in index.iter_articles()]


@pytest.fixture
def hostile() -> Iterator[tuple[FaultSite, FaultServer]]:
    site = faults.build()
    site.rest_fault, site.feed_fault = "invalid_json", "billion_laughs"
    with FaultServer(site) as server:
        yield site, server


def test_hostile_site_crawl_stores_every_good_article_and_counts_every_fault(run_pmi, tmp_path, hostile):
    site, server = hostile
    started = time.monotonic()
    report = crawl(run_pmi, write_config(tmp_path, server.base_url))
    assert time.monotonic() - started < 90
    assert report["status"] == "ok" and report["discovery"] == "sitemap", report

    expected = Counter(f.expect for f in PAGE_FAULTS.values() if f.expect)
    expected.update(
        {
            "rest_invalid_json": 1,  # → the feed
            "xml_entities": 2,  # the billion-laughs feed (→ the sitemap) and sitemap
            "sitemap_invalid": 1,
            "offsite_link": len(PRIVATE_SITEMAP_URLS),  # not the source's hosts: refused before the guard
        }
    )
    assert Counter(report["errors"]) == expected

    slugs = stored_slugs(tmp_path)
    assert len(slugs) == len(set(slugs))  # nothing duplicated
    assert set(slugs) == site.stored_slugs()  # every good article, the recovered faults, nothing else
    assert report["new"] == len(slugs) == apakabar.ARTICLE_COUNT + sum(f.stored for f in PAGE_FAULTS.values())

    with open_index(str(tmp_path / "pmi.db")) as index:
        for article in index.iter_articles():
            assert not any(
                mark in (article.title + article.body).lower()
                for mark in ("just a moment", "checking your browser", "captcha", "not allowed to access")
            )
        for name in ("cp1252-labelled-utf8", "utf8-labelled-cp1252", "no-charset"):
            article = index.get_by_url(f"{server.base_url}/fault-{name}/")
            assert faults.ENCODED_PHRASE in article.body, name

    paths = server.paths()
    assert "/ssrf-target/" not in paths  # no redirect to a loopback alias was followed
    assert paths.count("/fault-captcha-429/") == 1  # challenge pages are not retried
    assert paths.count("/fault-http-500/") == 2  # server errors are (RETRY_TIMES = 1 in tests)


def test_rest_429_with_retry_after_is_waited_out(run_pmi, tmp_path):
    site = FaultSite(apakabar.build_site(), faults={})
    site.rest_fault, site.sitemap_faults = "429_once", False
    with FaultServer(site) as server:
        report = crawl(run_pmi, write_config(tmp_path, server.base_url))
        rest_calls = [p for p in server.paths() if p.startswith("/wp-json/wp/v2/posts")]
    assert report["discovery"] == "rest" and report["errors"] == {}
    assert report["new"] == apakabar.ARTICLE_COUNT
    assert len(rest_calls) == 2


def test_challenge_on_rest_and_feed_falls_back_to_the_sitemap(run_pmi, tmp_path):
    site = FaultSite(apakabar.build_site(), faults={})
    site.rest_fault, site.feed_fault, site.sitemap_faults = "challenge", "challenge", False
    with FaultServer(site) as server:
        report = crawl(run_pmi, write_config(tmp_path, server.base_url))
    assert report["discovery"] == "sitemap" and report["errors"] == {"challenge_page": 2}
    assert sorted(set(stored_slugs(tmp_path))) == sorted(site.good_slugs)


# -- the guards, one by one (no crawl) ------------------------------------------------------------
class _Spider:
    allowed_domains: ClassVar[list[str]] = ["127.0.0.1"]

    class source:
        allow_private_hosts = ("127.0.0.1",)


class _Crawler:
    spider = _Spider()

    settings = scrapy_settings("sqlite:///unused.db")  # the project's declared defaults

    class signals:
        @staticmethod
        def connect(*args: object, **kwargs: object) -> None:
            return None


def _redirected(url: str) -> Request:
    return Request(url, meta={"redirect_urls": ["http://127.0.0.1:8000/artikel/"]})


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost:8000/",
        "http://app.localhost/",
        "http://127.0.0.2:8000/",
        "http://[::1]:8000/",
        "http://[::ffff:127.0.0.1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://172.16.0.1/",
        "http://0.0.0.0/",
        "http://100.64.0.1/",
        "http://[fe80::1]/",
        "http://[fc00::1]/",
    ],
)
def test_ssrf_guard_refuses_non_public_addresses_before_any_download(url):
    guard = SsrfGuardMiddleware(_Crawler())
    for request in (Request(url), _redirected(url)):
        with pytest.raises(SsrfBlocked, match="allow_private_hosts"):  # the error says what allows it
            guard._check(request)  # raised while scheduling or before the download handler


def test_ssrf_guard_allows_the_listed_host_and_refuses_offsite_redirects():
    guard = SsrfGuardMiddleware(_Crawler())
    assert guard._check(Request("http://127.0.0.1:8000/x/")) is None
    assert guard._check(_redirected("http://127.0.0.1:9000/y/")) is None
    assert guard._check(Request("http://example.org/x/")) == "example.org"  # looked up next
    with pytest.raises(OffsiteRedirect):
        guard._check(_redirected("http://example.org/x/"))


@pytest.mark.parametrize(
    ("address", "reason"),
    [("8.8.8.8", None), ("2606:4700::1", None), ("127.0.0.1", "loopback"), ("169.254.1.1", "link-local")],
)
def test_blocked_address(address, reason):
    import ipaddress

    assert blocked_address(ipaddress.ip_address(address)) == reason


def test_redirect_loop_is_stopped_at_the_first_repeat():
    middleware = RedirectLoopMiddleware()
    request = _redirected("http://127.0.0.1:8000/b/")
    back = HtmlResponse(request.url, status=302, headers={"Location": "/artikel/"}, request=request)
    with pytest.raises(RedirectLoop):
        middleware.process_response(request, back)
    onward = HtmlResponse(request.url, status=301, headers={"Location": "/c/"}, request=request)
    assert middleware.process_response(request, onward) is onward


def _article_page() -> bytes:
    site = apakabar.build_site()
    site.base_url = "http://127.0.0.1:8000"
    return site.handle("GET", apakabar.KNOWN["path"], {}, None).body


def test_real_article_with_a_comment_captcha_is_not_a_challenge():
    body = _article_page().replace(
        b"</article>", b'<div class="g-recaptcha" data-sitekey="x"></div></article>'
    )
    assert not is_challenge(HtmlResponse("http://127.0.0.1:8000/a/", body=body))
    assert not is_challenge(HtmlResponse("http://127.0.0.1:8000/a/", status=403, body=b"Forbidden"))


@pytest.mark.parametrize(
    ("status", "body", "headers"),
    [
        (403, faults._CF_JUST_A_MOMENT, {}),
        (200, faults._CF_JUST_A_MOMENT, {}),
        (503, faults._CF_CHECKING, {}),
        (403, faults._CF_ATTENTION, {}),
        (429, faults._CAPTCHA, {}),
        (200, faults._CAPTCHA, {}),
        (403, faults._DDOS_GUARD, {}),
        (403, faults._GEO_BLOCK, {}),
        (200, "Your country is not allowed to access this resource.", {}),
        (403, "", {"cf-mitigated": "challenge"}),
    ],
)
def test_challenge_pages_are_refused(status, body, headers):
    middleware = ChallengePageMiddleware(_StatsCrawler())
    response = HtmlResponse("http://127.0.0.1:8000/a/", status=status, body=body.encode(), headers=headers)
    with pytest.raises(ChallengePage):
        middleware.process_response(response.request or Request(response.url), response)


class _StatsCrawler:
    class stats:
        values: ClassVar[Counter[str]] = Counter()

        @classmethod
        def inc_value(cls, key: str, n: int = 1) -> None:
            cls.values[key] += n


def test_charset_repair():
    text = "<html><body><p>Kafe “Café Sentosa” — di Taipei</p></body></html>"
    middleware = CharsetRepairMiddleware(_StatsCrawler())
    request = Request("http://127.0.0.1:8000/a/")
    for body, label in ((text.encode("cp1252"), "UTF-8"), (text.encode(), "windows-1252")):
        response = HtmlResponse(
            request.url, body=body, headers={"Content-Type": f"text/html; charset={label}"}
        )
        assert "“Café Sentosa” —" in middleware.process_response(request, response).text
    fine = HtmlResponse(request.url, body=text.encode(), headers={"Content-Type": "text/html; charset=UTF-8"})
    assert middleware.process_response(request, fine) is fine


def test_xml_with_entity_declarations_is_refused():
    middleware = XmlEntityMiddleware()
    request = Request("http://127.0.0.1:8000/feed/")
    bomb = faults._billion_laughs("rss", "<rss><channel><title>LOL</title></channel></rss>")
    with pytest.raises(XmlEntities):
        middleware.process_response(request, XmlResponse(request.url, body=bomb))
    plain = TextResponse(request.url, body=b'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "x.dtd"><rss/>')
    assert middleware.process_response(request, plain) is plain


@pytest.mark.parametrize(
    ("exception", "reason"),
    [
        ("scrapy.exceptions.DownloadTimeoutError", "timeout"),
        ("scrapy.exceptions.ResponseDataLossError", "connection_lost"),
        ("scrapy.exceptions.CannotResolveHostError", "unreachable_host"),
        ("scrapy.exceptions.DownloadConnectionRefusedError", "unreachable_host"),
        ("scrapy.exceptions.DownloadCancelledError", "too_large"),
    ],
)
def test_failure_reasons(exception, reason):
    from scrapy.utils.misc import load_object

    assert _failure_reason(Failure(load_object(exception)("x"))) == reason


def test_failure_reasons_by_message():
    from scrapy.exceptions import IgnoreRequest

    bomb = IgnoreRequest(
        "Ignored response because its body exceeded DOWNLOAD_MAXSIZE (10 B) during decompression."
    )
    assert _failure_reason(Failure(bomb)) == "too_large"
    assert _failure_reason(Failure(IgnoreRequest("max redirections reached"))) == "too_many_redirects"
