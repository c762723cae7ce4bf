"""An unreachable host: one line, later requests refused at once, the source stops when it is its own;
a robots.txt that cannot be downloaded: one line."""

from __future__ import annotations

import logging

import pytest
from scrapy import Request, Spider
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.utils.test import get_crawler

from pmi_aggregator.crawler.robots import RobotsFailureMiddleware
from pmi_aggregator.crawler.unreachable import HostDown, UnreachableHostMiddleware


def _warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.fixture
def middleware() -> UnreachableHostMiddleware:
    crawler = get_crawler(Spider)
    crawler.stats.open_spider()
    crawler.spider = Spider(name="demo", allowed_domains=["news.example.org"])
    return UnreachableHostMiddleware.from_crawler(crawler)


def test_first_failure_is_one_line_and_later_requests_are_refused(middleware, caplog):
    request = Request("http://news.example.org/robots.txt")
    with caplog.at_level(logging.WARNING), pytest.raises(HostDown) as raised:
        middleware.process_exception(request, CannotResolveHostError("DNS lookup failed: no results"))
    assert raised.value.stops_source and raised.value.pmi_logged
    assert raised.value.pmi_reason == "unreachable_host"
    for url in ("http://news.example.org/feed/", "http://news.example.org/wp-json/"):
        with pytest.raises(HostDown):
            middleware.process_request(Request(url))
        with pytest.raises(HostDown):
            middleware.process_exception(Request(url), CannotResolveHostError("again"))
    assert len(_warnings(caplog)) == 1
    assert "cannot reach news.example.org (DNS lookup failed); the source fails" in caplog.text
    assert middleware.crawler.stats.get_value("pmi/unreachable") == "news.example.org (DNS lookup failed)"


def test_another_host_is_skipped_without_stopping_the_source(middleware):
    with pytest.raises(HostDown) as raised:
        middleware.process_exception(
            Request("http://cdn.example.net/a.jpg"), DownloadConnectionRefusedError()
        )
    assert not raised.value.stops_source
    assert middleware.crawler.stats.get_value("pmi/unreachable") is None
    assert middleware.process_request(Request("http://news.example.org/")) is None


def test_slow_or_broken_answers_are_not_unreachable_hosts(middleware):
    request = Request("http://news.example.org/")
    assert middleware.process_exception(request, DownloadTimeoutError("took too long")) is None
    assert middleware.process_request(request) is None


def test_a_robots_txt_failure_is_one_line_and_an_ignore(caplog):
    crawler = get_crawler(Spider)
    crawler.stats.open_spider()
    guard = RobotsFailureMiddleware.from_crawler(crawler)
    robots = Request("http://news.example.org/robots.txt", meta={"dont_obey_robotstxt": True})
    with caplog.at_level(logging.WARNING), pytest.raises(IgnoreRequest):
        guard.process_exception(robots, DownloadTimeoutError("Getting robots.txt took longer than 30 s"))
    warnings = _warnings(caplog)
    assert len(warnings) == 1 and warnings[0].exc_info is None
    assert "robots.txt unavailable at http://news.example.org/robots.txt (DownloadTimeoutError" in caplog.text
    assert crawler.stats.get_value("pmi/errors/robots_unavailable") == 1
    page = Request("http://news.example.org/berita/1")
    assert guard.process_exception(page, DownloadTimeoutError("slow")) is None
    assert guard.process_exception(robots, HostDown("down", stops_source=True)) is None
