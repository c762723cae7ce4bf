"""Hosts that cannot be reached: said once, refused at once afterwards, and the source stops.

Offline, every request of every discovery step fails the same way; logging and retrying each one
turns one fact ("no network") into minutes of tracebacks. The first failure to connect to a host
(after the retries Scrapy's policy allows) is logged in one line; later requests to that host are
refused before any download. When the host is the source's own, the source stops there, failed.
"""

from __future__ import annotations

import logging

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import CannotResolveHostError, DownloadConnectionRefusedError
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import error as tx_error
from twisted.internet import reactor
from twisted.internet.task import deferLater

from pmi_aggregator.crawler.middlewares import CountedIgnore, on_site

log = logging.getLogger(__name__)

UNREACHABLE_ERRORS: tuple[tuple[type[BaseException], str], ...] = (
    (CannotResolveHostError, "DNS lookup failed"),
    (tx_error.DNSLookupError, "DNS lookup failed"),
    (DownloadConnectionRefusedError, "connection refused"),
    (tx_error.ConnectionRefusedError, "connection refused"),
    (tx_error.NoRouteError, "no route to host"),
)
"""Failures that say the host is not there (as opposed to a slow or broken answer), in words."""

UNREACHABLE_REASON = "unreachable_host"


class HostDown(CountedIgnore):
    """A request to a host already found unreachable: counted, not logged again."""

    pmi_reason = UNREACHABLE_REASON
    pmi_logged = True

    def __init__(self, message: str, *, stops_source: bool) -> None:
        super().__init__(message)
        self.stops_source = stops_source


class UnreachableHostMiddleware:
    """Downloader middleware: one line per unreachable host, and no further request to it."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.down: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UnreachableHostMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        host = _host(request)
        if host in self.down:
            raise HostDown(f"{host} is unreachable: {self.down[host]}", stops_source=self._own(host))

    def process_exception(self, request: Request, exception: Exception) -> None:
        why = next((words for kind, words in UNREACHABLE_ERRORS if isinstance(exception, kind)), None)
        if why is None:
            return
        host = _host(request)
        own = self._own(host)
        if host not in self.down:
            self.down[host] = why
            self._report(host, own)
        raise HostDown(f"{host} is unreachable: {self.down[host]}", stops_source=own) from exception

    def _own(self, host: str) -> bool:
        return on_site(host, list(getattr(self.crawler.spider, "allowed_domains", None) or ()))

    def _report(self, host: str, own: bool) -> None:
        spider = self.crawler.spider
        key = getattr(getattr(spider, "source", None), "key", None) or getattr(spider, "name", "crawl")
        if not own:
            log.warning("%s: cannot reach %s (%s); its URLs are skipped", key, host, self.down[host])
            return
        log.warning("%s: cannot reach %s (%s); the source fails", key, host, self.down[host])
        self.crawler.stats.set_value("pmi/unreachable", f"{host} ({self.down[host]})")
        if spider is not None:
            deferLater(reactor, 0, self._close, spider)  # not from within the download being handled

    def _close(self, spider: Spider) -> None:
        engine = self.crawler.engine
        if engine is not None and engine.spider is spider:
            deferred_from_coro(engine.close_spider_async(reason=UNREACHABLE_REASON))


def _host(request: Request) -> str:
    return (urlparse_cached(request).hostname or "").lower()
