"""Scrapy extensions: the durable crawl state of a run, and progress on a terminal."""

from __future__ import annotations

import logging

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from pmi_aggregator.crawler.progress import ProgressBoard
from pmi_aggregator.crawler.report import CLEAN_FINISH, health_warnings, source_report
from pmi_aggregator.crawler.state_recovery import open_crawl_state
from pmi_aggregator.crawler.watermark import Watermark
from pmi_aggregator.index.location import index_url_of, resolve_index_spec, state_path_for

log = logging.getLogger(__name__)


class CrawlStateExtension:
    """Opens the crawl state for the spider (``crawler.pmi_state``) and files the run's report."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        spec = resolve_index_spec(crawler.settings.get("PMI_INDEX"))
        path = crawler.settings.get("PMI_STATE") or state_path_for(index_url_of(spec))
        self.state = open_crawl_state(path, spec)
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
        report["warnings"] = (
            health_warnings(spider.name, report, previous[:10], full=bool(getattr(spider, "full", False)))
            if report["status"] == "ok"
            else []  # a failed run says why in its error
        )
        for warning in report["warnings"]:
            log.warning(warning)
        if self.run_id is not None:
            self.state.finish_run(self.run_id, report["status"], report)
        watermark = getattr(spider, "watermark", None)
        if isinstance(watermark, Watermark):
            self.state.advance_cursor(
                spider.name, watermark if reason in CLEAN_FINISH else watermark.stopped()
            )
        self.crawler.pmi_report = report  # type: ignore[attr-defined]
        self.state.close()


class ProgressExtension:
    """Puts the source on the process's progress board (``crawler.pmi_board``) while it runs.

    Off (NotConfigured) unless ``PMI_PROGRESS`` is set and the runner made a board, which it does
    only when stderr is a terminal.
    """

    def __init__(self, crawler: Crawler, board: ProgressBoard) -> None:
        self.crawler = crawler
        self.board = board
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ProgressExtension:
        board = getattr(crawler, "pmi_board", None)
        if not crawler.settings.getbool("PMI_PROGRESS") or board is None:
            raise NotConfigured  # no message: Scrapy logs a NotConfigured message as a warning
        return cls(crawler, board)

    def opened(self, spider: Spider) -> None:
        self.board.add(spider.name, self.crawler.stats.get_stats)

    def closed(self, spider: Spider) -> None:
        self.board.remove(spider.name)
