"""A crawl replayed from the raw page archive instead of the web (``pmi reextract``).

The source's own spider runs with its own callbacks, pipelines (annotation, the index's change
detection) and reports; only the responses come from the archive. The start requests are the latest
capture of every archived URL of the source, each sent to the callback that read it the first time.
Requests the callbacks make for URLs the archive does not hold are dropped and counted
(``pmi/replay/not_archived``): a replay never touches the network.
"""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Headers, Response
from scrapy.responsetypes import responsetypes

from pmi_aggregator.crawler.archive import ReadCounts, archive_files, read_one, read_records
from pmi_aggregator.crawler.archiving import archive_dir
from pmi_aggregator.index import Index, open_index

log = logging.getLogger(__name__)

ARTICLE_CALLBACK = "parse_article"


@dataclass(frozen=True)
class Capture:
    path: Path
    offset: int
    status: int
    callback: str | None
    arguments: dict[str, Any]


def latest_captures(
    folder: Path, source: str, *, since: datetime | None, counts: ReadCounts
) -> dict[str, Capture]:
    """The newest intact capture of each URL the source's archive holds (later files win)."""
    captures: dict[str, Capture] = {}
    for record in read_records(archive_files(folder, [source]), counts, since=since):
        try:
            arguments = json.loads(record.arguments) if record.arguments else {}
        except ValueError:
            arguments = {}
        captures[record.url] = Capture(
            record.path,
            record.offset,
            record.status,
            record.callback,
            arguments if isinstance(arguments, dict) else {},
        )
    return captures


class _Archive:
    """The captures of the replayed source, shared by the two middlewares through the crawler."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        since = settings.get("PMI_REPLAY_SINCE")
        self.since = datetime.fromisoformat(since) if since else None
        self.folder = archive_dir(settings)
        self.crawler = crawler
        self.counts = ReadCounts()
        self.captures: dict[str, Capture] | None = None

    @classmethod
    def of(cls, crawler: Crawler) -> _Archive:
        if not crawler.settings.getbool("PMI_REPLAY"):
            raise NotConfigured
        archive = getattr(crawler, "pmi_replay", None)
        if archive is None:
            archive = cls(crawler)
            crawler.pmi_replay = archive  # type: ignore[attr-defined]
        return archive

    def load(self, source: str) -> dict[str, Capture]:
        if self.captures is None:
            self.captures = latest_captures(self.folder, source, since=self.since, counts=self.counts)
            stats = self.crawler.stats
            stats.set_value("pmi/replay/captures", len(self.captures))
            if self.counts.damaged:  # a crawl killed mid-write: that page was fetched again since
                stats.inc_value("pmi/replay/damaged", self.counts.damaged)
            log.info("%s: replaying %d archived responses from %s", source, len(self.captures), self.folder)
        return self.captures


class ReplayStartMiddleware:
    """Spider middleware: the archive's captures are the start; requests it lacks are dropped."""

    def __init__(self, crawler: Crawler) -> None:
        self.archive = _Archive.of(crawler)
        self.crawler = crawler
        self.index: Index | None = None
        crawler.signals.connect(self._closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReplayStartMiddleware:
        return cls(crawler)

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        spider = self.crawler.spider
        assert spider is not None  # the start is asked for once the spider is open
        for url, capture in self.archive.load(spider.name).items():
            if not 200 <= capture.status < 300:
                continue
            callback = getattr(spider, capture.callback or "parse", None)
            if callback is None:
                self.crawler.stats.inc_value("pmi/replay/no_callback")
                continue
            kwargs = dict(capture.arguments)
            if capture.callback == ARTICLE_CALLBACK:
                kwargs["feed_article"] = self._stored(url)  # what the listing gave it the first time
            yield Request(url, callback=callback, errback=getattr(spider, "errback", None), cb_kwargs=kwargs)

    def process_spider_output(self, response: Response, result: Iterable[Any]) -> Iterable[Any]:
        return (item for item in result if self._replayable(item))

    async def process_spider_output_async(
        self, response: Response, result: AsyncIterator[Any]
    ) -> AsyncIterator[Any]:
        async for item in result:
            if self._replayable(item):
                yield item

    def _replayable(self, item: Any) -> bool:
        """Items pass; a request passes only for a URL the archive holds (else counted, dropped)."""
        if isinstance(item, Request) and item.url not in (self.archive.captures or {}):
            self.crawler.stats.inc_value("pmi/replay/not_archived")
            return False
        return True

    def _stored(self, url: str) -> Any:
        if self.index is None:
            self.index = open_index(self.crawler.settings.get("PMI_INDEX"))
        return self.index.get_by_url(url)

    def _closed(self, spider: Spider) -> None:
        if self.index is not None:
            self.index.close()


class ReplayDownloaderMiddleware:
    """Downloader middleware, first in line: every request is answered from the archive."""

    def __init__(self, crawler: Crawler) -> None:
        self.archive = _Archive.of(crawler)
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ReplayDownloaderMiddleware:
        return cls(crawler)

    def process_request(self, request: Request) -> Response:
        spider = self.crawler.spider
        assert spider is not None  # requests are downloaded for an open spider
        capture = self.archive.load(spider.name).get(request.url)
        record = read_one(capture.path, capture.offset) if capture is not None else None
        if record is None:
            failure = IgnoreRequest(f"not in the page archive: {request.url}")
            failure.pmi_reason = "archive_damaged" if capture is not None else "not_archived"  # type: ignore[attr-defined]
            raise failure
        headers = Headers(record.headers)
        cls = responsetypes.from_args(headers=headers, url=record.url, body=record.body)
        return cls(
            url=request.url,
            status=record.status,
            headers=headers,
            body=record.body,
            request=request,
            flags=["archived"],
        )
