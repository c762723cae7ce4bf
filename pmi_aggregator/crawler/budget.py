"""Time budgets: a source that takes too long (a tarpit dripping bytes just inside the download
timeout, page after page) stops as ``partial`` instead of holding the run and its lock for hours.

``PMI_SOURCE_BUDGET`` bounds each source from its start, ``PMI_RUN_BUDGET`` the whole run from the
first source's start. When one runs out, the source closes like any other: what it fetched is stored,
its cursor stays where it was (only an ``ok`` run moves it), and the other sources go on.
"""

from __future__ import annotations

import logging
import time
from typing import Any, cast

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.utils.defer import deferred_from_coro
from twisted.internet import reactor
from twisted.internet.base import DelayedCall

log = logging.getLogger(__name__)

SOURCE_BUDGET_REASON = "source_budget"
RUN_BUDGET_REASON = "run_budget"

_run_started: float | None = None
"""When the first source of this process's run opened: a process runs one crawl (Scrapy's reactor
cannot restart), so the run's clock is the process's."""


def _run_start() -> float:
    global _run_started
    if _run_started is None:
        _run_started = time.monotonic()
    return _run_started


class TimeBudgetExtension:
    """Closes the spider with reason ``source_budget`` or ``run_budget`` when its time is up."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.source_budget = crawler.settings.getfloat("PMI_SOURCE_BUDGET")
        self.run_budget = crawler.settings.getfloat("PMI_RUN_BUDGET")
        self.call: DelayedCall | None = None
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TimeBudgetExtension:
        return cls(crawler)

    def opened(self, spider: Spider) -> None:
        run_left = self.run_budget - (time.monotonic() - _run_start())
        if run_left < self.source_budget:
            seconds, reason = max(run_left, 0.0), RUN_BUDGET_REASON
        else:
            seconds, reason = self.source_budget, SOURCE_BUDGET_REASON
        self.call = cast(Any, reactor).callLater(seconds, self._expire, spider, reason)

    def closed(self, spider: Spider) -> None:
        if self.call is not None and self.call.active():
            self.call.cancel()

    def _expire(self, spider: Spider, reason: str) -> None:
        budget = self.source_budget if reason == SOURCE_BUDGET_REASON else self.run_budget
        which = "its time budget" if reason == SOURCE_BUDGET_REASON else "the run's time budget"
        log.warning(
            "%s: %s of %s is used up; the source stops here (partial) and the next run goes on",
            spider.name,
            which,
            _duration(budget),
        )
        self.crawler.stats.set_value("pmi/budget_seconds", budget)
        engine = self.crawler.engine
        if engine is not None and engine.spider is spider:
            deferred_from_coro(engine.close_spider_async(reason=reason))


def _duration(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:g} h"
    if seconds >= 60:
        return f"{seconds / 60:g} min"
    return f"{seconds:g} s"
