"""A callback's exception is a counted ``parse_error``; a missing package is said once and stops the source."""

from __future__ import annotations

import logging

import pytest
from scrapy import Spider
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from pmi_aggregator.crawler.callback_errors import CallbackErrorMiddleware, missing_package

RESPONSE = HtmlResponse("http://example.org/berita/1", body=b"<html></html>")


@pytest.fixture
def middleware() -> CallbackErrorMiddleware:
    crawler = get_crawler(Spider)
    crawler.stats.open_spider()
    crawler.spider = Spider(name="demo")
    return CallbackErrorMiddleware.from_crawler(crawler)


def test_an_exception_in_a_callback_is_counted_and_the_crawl_goes_on(middleware, caplog):
    with caplog.at_level(logging.WARNING):
        assert middleware.process_spider_exception(RESPONSE, KeyError("title")) == []
        assert middleware.process_spider_exception(RESPONSE, ValueError("bad\nsecond line")) == []
    assert middleware.crawler.stats.get_value("pmi/errors/parse_error") == 2
    assert "KeyError: 'title'" in caplog.text and "ValueError: bad" in caplog.text
    assert "second line" not in caplog.text
    assert middleware.crawler.stats.get_value("pmi/missing_dependency") is None


def test_a_missing_package_is_said_once(middleware, caplog):
    missing = ModuleNotFoundError("No module named 'lxml_html_clean'", name="lxml_html_clean")
    with caplog.at_level(logging.WARNING):
        for _ in range(50):
            assert middleware.process_spider_exception(RESPONSE, missing) == []
    lines = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(lines) == 1 and "lxml_html_clean" in lines[0].getMessage()
    assert middleware.crawler.stats.get_value("pmi/missing_dependency").startswith("lxml_html_clean")
    assert middleware.crawler.stats.get_value("pmi/errors/parse_error") is None


def test_missing_package_names_the_package_or_keeps_the_message():
    assert missing_package(ModuleNotFoundError("No module named 'a.b'", name="a.b")).startswith("a (")
    message = "lxml.html.clean module is now a separate project lxml_html_clean."
    assert missing_package(ImportError(message)) == message
