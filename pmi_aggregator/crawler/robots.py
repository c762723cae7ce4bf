"""robots.txt that cannot be downloaded: one line, not Scrapy's traceback.

Scrapy's RobotsTxtMiddleware logs every robots.txt download failure with its traceback (Scrapy 2.19
has no setting for it) but stays silent on IgnoreRequest. This downloader middleware, placed before
it, turns such a failure into a counted, logged IgnoreRequest; Scrapy then crawls the site as it
always does without a robots.txt.
"""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest

from pmi_aggregator.crawler.middlewares import CountedIgnore

log = logging.getLogger(__name__)


class RobotsUnavailable(CountedIgnore):
    pmi_reason = "robots_unavailable"
    pmi_logged = True


def is_robots_request(request: Request) -> bool:
    return bool(request.meta.get("dont_obey_robotstxt")) and request.url.endswith("/robots.txt")


class RobotsFailureMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsFailureMiddleware:
        return cls(crawler)

    def process_exception(self, request: Request, exception: Exception) -> None:
        if not is_robots_request(request) or isinstance(exception, IgnoreRequest):
            return  # IgnoreRequest: refused on purpose, and said where it was decided
        detail = (str(exception).splitlines() or [""])[0][:200]
        self.crawler.stats.inc_value(f"pmi/errors/{RobotsUnavailable.pmi_reason}")
        log.warning("robots.txt unavailable at %s (%s: %s)", request.url, type(exception).__name__, detail)
        raise RobotsUnavailable(f"robots.txt unavailable at {request.url}") from exception
