"""A cap on the response header block: an endless header section, or a flood of distinct header
names, fails the download at ``PMI_MAX_HEADER_BYTES`` or ``PMI_MAX_HEADERS`` instead of growing
one response to gigabytes before the timeout.

Scrapy 2.19 has no such limit (``DOWNLOAD_MAXSIZE`` counts body bytes only, and Twisted bounds one
header line, not the block). Its HTTP/1.1 handler already swaps the parser of each request for a
lenient one; this handler swaps in a subclass of that parser that counts the header bytes and lines
it reads and gives the response up past either cap (``HeadersTooLarge``, counted per source).
"""

from __future__ import annotations

from typing import Any

from scrapy.core.downloader.handlers.http11 import (
    HTTP11DownloadHandler,
    _LenientHTTP11ClientFactory,
    _LenientHTTP11ClientProtocol,
    _LenientHTTPClientParser,
)
from scrapy.crawler import Crawler


class HeadersTooLarge(Exception):
    """The response's header block passed the configured cap; the download is given up."""


class _BoundedParser(_LenientHTTPClientParser):
    max_bytes: int = 0
    max_count: int = 0

    def lineReceived(self, line: bytes) -> None:
        # Counters live on the instance from the first header line on (the class swap adds no
        # __init__); the body is read in raw mode and never passes here.
        read = getattr(self, "_pmi_header_bytes", 0) + len(line) + 2
        count = getattr(self, "_pmi_header_lines", 0) + 1
        self._pmi_header_bytes, self._pmi_header_lines = read, count
        if read > self.max_bytes or count > self.max_count:
            raise HeadersTooLarge(
                f"response headers over {self.max_bytes} bytes or {self.max_count} lines "
                "(PMI_MAX_HEADER_BYTES, PMI_MAX_HEADERS)"
            )
        super().lineReceived(line)


class HeaderCappedDownloadHandler(HTTP11DownloadHandler):
    """Scrapy's HTTP/1.1 handler with the header block capped, for http and https."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        parser = type(
            "CappedHeaderParser",
            (_BoundedParser,),
            {
                "max_bytes": crawler.settings.getint("PMI_MAX_HEADER_BYTES"),
                "max_count": crawler.settings.getint("PMI_MAX_HEADERS"),
            },
        )

        class Protocol(_LenientHTTP11ClientProtocol):
            def request(self, request: Any) -> Any:
                done = super().request(request)
                self._parser.__class__ = parser  # as Scrapy's lenient protocol does: no new state
                return done

        class Factory(_LenientHTTP11ClientFactory):
            def buildProtocol(self, addr: Any) -> Any:
                return Protocol(self._quiescentCallback)

        self._pool._factory = Factory
