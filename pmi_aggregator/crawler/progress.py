"""A live status board on a terminal: one line per running source and the elapsed time.

One board per process, shared by every source's crawler (``ProgressExtension`` registers them).
Rich's Live display redraws it in place; while it runs, the logging handlers write through Live's
stderr proxy, so a log line is printed above the board instead of glued onto it.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.live import Live
from rich.text import Text
from twisted.internet.task import LoopingCall

REFRESH_SECONDS = 0.5


def plural(count: int, word: str) -> str:
    """``1 page``, ``2 pages``, ``1 failure``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def source_line(name: str, stats: dict[str, Any]) -> str:
    """One running source: pages fetched, articles stored and failures so far."""
    pages = int(stats.get("response_received_count", 0))
    stored = int(stats.get("pmi/new", 0)) + int(stats.get("pmi/updated", 0))
    failures = int(stats.get("pmi/failed", 0)) + sum(
        int(v) for k, v in list(stats.items()) if k.startswith("pmi/errors/")
    )
    return f"{name}: {plural(pages, 'page')} fetched, {plural(stored, 'article')} stored, {plural(failures, 'failure')}"


def elapsed_line(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    return f"elapsed {minutes // 60}:{minutes % 60:02d}:{secs:02d}"


class ProgressBoard:
    """The board: sources are added when they open and removed when they close."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.started = time.monotonic()
        self.running: dict[str, Callable[[], dict[str, Any]]] = {}
        self._live: Live | None = None
        self._loop: LoopingCall | None = None
        self._stderr = sys.stderr
        self._redirected: list[logging.StreamHandler[Any]] = []

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from self.lines()

    def lines(self) -> Iterator[Text]:
        for name, stats in list(self.running.items()):
            yield Text(source_line(name, stats()))
        yield Text(elapsed_line(time.monotonic() - self.started), style="dim")

    def add(self, name: str, stats: Callable[[], dict[str, Any]]) -> None:
        """Shows a source; ``stats`` returns its crawler's current stats."""
        self.running[name] = stats

    def remove(self, name: str) -> None:
        self.running.pop(name, None)

    def refresh(self) -> None:
        if self._live is not None:
            self._live.refresh()

    def start(self) -> None:
        """Shows the board, redrawn from the reactor (the stats are only safe to read there), and
        sends the log handlers' stderr lines above it."""
        self._stderr = sys.stderr
        self._live = Live(
            self, console=self.console, auto_refresh=False, redirect_stderr=True, transient=True
        )
        self._live.start()
        for handler in logging.getLogger().handlers:
            if isinstance(handler, logging.StreamHandler) and handler.stream is self._stderr:
                handler.setStream(sys.stderr)
                self._redirected.append(handler)
        self._loop = LoopingCall(self.refresh)
        self._loop.start(REFRESH_SECONDS, now=True)

    def stop(self) -> None:
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        if self._live is not None:
            self._live.stop()
            self._live = None
        for handler in self._redirected:
            handler.setStream(self._stderr)
        self._redirected.clear()
