"""``scrapy crawl <source>`` from a checkout: the log lines, summary and exit status of ``pmi crawl``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from scrapy import Spider
from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.crawler import Crawler

from pmi_aggregator.crawler.log_setup import configure_logging
from pmi_aggregator.crawler.report import SUCCEEDED, stopped_report, summary_line


class Command(ScrapyCrawl):
    """Scrapy's crawl command; afterwards one summary line per source, and exit 1 when one failed."""

    def __init__(self) -> None:
        super().__init__()
        self._crawlers: list[Crawler] = []

    def _create_crawler(self, spname: type[Spider] | str) -> Crawler:
        crawler = super()._create_crawler(spname)
        self._crawlers.append(crawler)
        return crawler

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        configure_logging(debug=self.settings.get("LOG_LEVEL") == "DEBUG")
        super().run(args, opts)
        for crawler in self._crawlers:
            name = getattr(crawler.spidercls, "name", "crawl")
            report = getattr(crawler, "pmi_report", None) or stopped_report(name, _stats(crawler))
            sys.stderr.write(summary_line(report) + "\n")
            if report["status"] not in SUCCEEDED:
                self.exitcode = 1


def _stats(crawler: Crawler) -> dict[str, Any] | None:
    return crawler.stats.get_stats() if crawler.stats is not None else None
