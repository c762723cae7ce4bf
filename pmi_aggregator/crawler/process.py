"""Scrapy's crawler process, stopping promptly on Ctrl-C or SIGTERM and remembering the signal.

Scrapy's first SIGINT closes the spiders gracefully, which waits for every download in flight (up
to ``DOWNLOAD_TIMEOUT``); a second one stops the reactor at once. Here the graceful close gets
``PMI_SHUTDOWN_GRACE`` seconds before the stop at once happens anyway. Stopping at once corrupts
nothing: the index and the crawl state write in SQLite transactions, and only a batch not yet
written is lost (the next run fetches it again).
"""

from __future__ import annotations

import logging
import signal
from typing import Any, cast

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from twisted.internet.task import deferLater

log = logging.getLogger(__name__)


SIGNALS = (signal.SIGINT, signal.SIGTERM)


class CrawlProcess(CrawlerProcess):
    """Until the reactor runs (when Scrapy installs its handlers), a signal is only noted: raised as
    KeyboardInterrupt it would land inside Twisted's start-up code and print its tracebacks.
    ``start`` then raises KeyboardInterrupt before the reactor starts, or shuts down once it runs."""

    def __init__(self, settings: Settings) -> None:
        self.interrupted: int | None = None
        """The signal that stopped the crawl early, if one did."""
        for number in SIGNALS:
            signal.signal(number, self._note_signal)
        super().__init__(settings)
        self.grace = settings.getfloat("PMI_SHUTDOWN_GRACE")

    def _note_signal(self, signum: int, frame: Any) -> None:
        self.interrupted = signum

    def start(self, stop_after_crawl: bool = True, install_signal_handlers: bool = True) -> None:
        from twisted.internet import reactor

        if self.interrupted is not None:
            raise KeyboardInterrupt
        cast(Any, reactor).addSystemEventTrigger("after", "startup", self._replay_signal)
        try:
            super().start(stop_after_crawl, install_signal_handlers)
        finally:  # the reactor is gone: Python's own handling again (Ctrl-C while the table prints)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)

    def _replay_signal(self) -> None:
        """A signal noted during start-up takes effect once Scrapy's handlers are in place."""
        from twisted.internet import reactor

        if self.interrupted is not None:
            deferLater(reactor, 0, self._signal_shutdown, self.interrupted, None)

    def _signal_shutdown(self, signum: int, frame: Any) -> None:
        from twisted.internet import reactor

        self.interrupted = signum
        super()._signal_shutdown(signum, frame)
        reactor.callFromThread(self._stopping, signum)

    def _stopping(self, signum: int) -> None:
        from twisted.internet import reactor

        again = " (Ctrl-C again stops at once)" if signum == signal.SIGINT else ""
        log.warning("%s received: stopping the crawl%s", signal.Signals(signum).name, again)
        deferLater(reactor, self.grace, self._stop_reactor)
