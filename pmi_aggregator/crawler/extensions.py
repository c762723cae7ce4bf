"""Scrapy extensions: the durable crawl state of a run, and progress on a terminal."""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from pmi_aggregator.crawler.report import health_warnings, source_report
from pmi_aggregator.crawler.state import CrawlState
from pmi_aggregator.index.location import index_url_of, resolve_index_spec, state_path_for

log = logging.getLogger(__name__)


class CrawlStateExtension:
    """Opens the crawl state for the spider (``crawler.pmi_state``) and files the run's report."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        spec = resolve_index_spec(crawler.settings.get("PMI_INDEX"))
        path = crawler.settings.get("PMI_STATE") or state_path_for(index_url_of(spec))
        self.state = CrawlState(path)
        crawler.pmi_state = self.state  # type: ignore[attr-defined]
        self.run_id: int | None = None
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlStateExtension:
        return cls(crawler)

    def opened(self, spider: Spider) -> None:
        self.run_id = self.state.start_run(spider.name)

    def closed(self, spider: Spider, reason: str) -> None:
        report = source_report(spider.name, self.crawler.stats.get_stats(), reason)
        previous = [r for r in self.state.last_runs(spider.name, limit=11) if r.get("status") != "running"]
        report["warnings"] = health_warnings(spider.name, report, previous[:10])
        for warning in report["warnings"]:
            log.warning(warning)
        if self.run_id is not None:
            self.state.finish_run(self.run_id, report["status"], report)
        if report["status"] == "ok":
            self.state.advance_cursor(spider.name)
        self.crawler.pmi_report = report  # type: ignore[attr-defined]
        self.state.close()


class ProgressExtension:
    """One updating status line per source on stderr, only when stderr is a terminal."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.enabled = crawler.settings.getbool("PMI_PROGRESS") and sys.stderr.isatty()
        self.last = 0.0
        if self.enabled:
            crawler.signals.connect(self.update, signal=signals.item_scraped)
            crawler.signals.connect(self.update, signal=signals.response_received)
            crawler.signals.connect(self.done, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressExtension:
        return cls(crawler)

    def update(self, *args: Any, spider: Spider, **kwargs: Any) -> None:
        now = time.monotonic()
        if now - self.last < 0.25:
            return
        self.last = now
        stats = self.crawler.stats
        pages = stats.get_value("response_received_count", 0)
        items = stats.get_value("item_scraped_count", 0)
        sys.stderr.write(f"\r\x1b[K{spider.name}: {pages} pages fetched, {items} articles")
        sys.stderr.flush()

    def done(self, spider: Spider) -> None:
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()
