"""Exceptions raised while a spider parses a page: counted, and the crawl goes on.

A bug or an unexpected page shape in one callback must cost that page, not the crawl. A missing
Python package is different: every page would fail the same way, so it is said once, naming the
package, and the source stops, failed.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import reactor
from twisted.internet.task import deferLater

log = logging.getLogger(__name__)

PARSE_ERROR = "parse_error"
MISSING_DEPENDENCY = "missing_dependency"


def missing_package(exc: ImportError) -> str:
    """What to tell the user: ``lxml_html_clean (No module named 'lxml_html_clean')``, or the message."""
    message = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
    return f"{exc.name.split('.')[0]} ({message})" if exc.name else message


class CallbackErrorMiddleware:
    """Spider middleware: ``parse_error`` for an exception in a callback, one line for an ImportError."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CallbackErrorMiddleware:
        return cls(crawler)

    def process_spider_exception(self, response: Response, exception: Exception) -> list[Any]:
        if isinstance(exception, ImportError):
            self._missing(exception)
            return []
        detail = f"{type(exception).__name__}: {(str(exception).splitlines() or [''])[0][:200]}"
        error = getattr(self.crawler.spider, "error", None)
        if error is not None:
            error(PARSE_ERROR, response.url, detail)
            lost = getattr(self.crawler.spider, "request_lost", None)
            if lost is not None and response.request is not None:
                lost(response.request, PARSE_ERROR)  # the page's article, or the rest of its listing
        else:
            self.crawler.stats.inc_value(f"pmi/errors/{PARSE_ERROR}")
            log.warning("parse error at %s: %s", response.url, detail)
        return []

    def _missing(self, exc: ImportError) -> None:
        stats = self.crawler.stats
        if stats.get_value("pmi/missing_dependency") is not None:
            return  # said once; the source is already stopping
        package = missing_package(exc)
        stats.set_value("pmi/missing_dependency", package)
        name = getattr(self.crawler.spider, "name", "crawl")
        log.error("%s: a Python package is missing: %s; install it and crawl again", name, package)
        deferLater(reactor, 0, self._close)  # not from within the callback being handled

    def _close(self) -> None:
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason=MISSING_DEPENDENCY))
