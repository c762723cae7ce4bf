"""The Scrapy extension that keeps every response of a crawl in the raw page archive."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response

from pmi_aggregator.crawler.archive import ArchiveWriter, prune
from pmi_aggregator.index.location import archive_dir_for, index_url_of, resolve_index_spec

log = logging.getLogger(__name__)


def archive_dir(settings: Any) -> Path:
    """``PMI_ARCHIVE_DIR``, else the folder beside the crawl's index."""
    given = settings.get("PMI_ARCHIVE_DIR")
    return (
        Path(given) if given else archive_dir_for(index_url_of(resolve_index_spec(settings.get("PMI_INDEX"))))
    )


def callback_of(request: Request, spider: Spider) -> tuple[str | None, dict[str, Any]]:
    """The spider method that handled ``request`` and its plain arguments (what a replay needs)."""
    callback = request.callback
    name = getattr(callback, "__name__", None) if getattr(callback, "__self__", None) is spider else None
    plain = {
        k: v
        for k, v in (request.cb_kwargs or {}).items()
        if v is None or isinstance(v, (str, int, float, bool))
    }
    return name, plain


class ArchiveExtension:
    """Writes each response the engine receives to the source's WARC files (``crawler.archive``).

    Off with ``PMI_ARCHIVE = False`` and during a replay (``pmi reextract`` reads the archive). A
    write that fails (disk full, read-only folder) is said once and counted as ``pmi/archive/failed``;
    the crawl goes on, since the articles themselves are still stored.
    """

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        if not settings.getbool("PMI_ARCHIVE") or settings.getbool("PMI_REPLAY"):
            raise NotConfigured
        self.crawler = crawler
        self.folder = archive_dir(settings)
        self.max_bytes = int(settings.getfloat("PMI_ARCHIVE_FILE_MB") * 1024 * 1024)
        self.retention_days = settings.getfloat("PMI_ARCHIVE_RETENTION_DAYS")
        self.writer: ArchiveWriter | None = None
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.received, signal=signals.response_received)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveExtension:
        return cls(crawler)

    def opened(self, spider: Spider) -> None:
        removed = prune(self.folder, retention_days=self.retention_days)
        if removed:
            log.info("archive: removed %d files older than %g days", removed, self.retention_days)
        self.writer = ArchiveWriter(self.folder, spider.name, max_bytes=self.max_bytes)

    def received(self, response: Response, request: Request, spider: Spider) -> None:
        if self.writer is None:
            return
        headers = [
            (key.decode("latin-1"), value.decode("latin-1"))
            for key, values in response.headers.items()
            for value in values
        ]
        callback, kwargs = callback_of(request, spider)
        try:
            self.writer.write(
                response.url,
                response.status,
                headers,
                response.body,
                callback=callback,
                arguments=json.dumps(kwargs) if kwargs else None,
            )
        except OSError as exc:
            self.crawler.stats.inc_value("pmi/archive/failed")
            log.warning("%s: the page archive in %s cannot be written (%s); crawling on without it",
                        spider.name, self.folder, exc)  # fmt: skip
            self.writer.close()
            self.writer = None
        else:
            self.crawler.stats.inc_value("pmi/archive/records")

    def closed(self, spider: Spider) -> None:
        if self.writer is not None:
            self.writer.close()
