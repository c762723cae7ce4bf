"""The articles earlier runs listed but could not store are fetched first, before any listing.

A spider middleware, so every kind's spider gets it without its own start knowing: the crawl state's
retries (``CrawlState.hold_for_retry``) come first, then the spider's own start requests.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from scrapy.crawler import Crawler


class RetryFirstMiddleware:
    """Spider middleware: ``spider.retry_requests()`` before the spider's start requests."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryFirstMiddleware:
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        retries = getattr(self.crawler.spider, "retry_requests", None)
        replay = self.crawler.settings.getbool("PMI_REPLAY")  # a replay reads only the archive
        for request in retries() if retries is not None and not replay else ():
            yield request
        async for request in start:
            yield request
