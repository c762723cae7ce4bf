"""One logging setup for the CLI and the crawl processes: lines a person can act on, on stderr."""

from __future__ import annotations

import logging
import sys

from pmi_aggregator.urls import redact_userinfo

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


_CHATTY = (
    "scrapy",
    "twisted",
    "py.warnings",
    "asyncio",
    "filelock",
    "trafilatura",
    "htmldate",
    "elastic_transport",
)


def _quiet_libraries(record: logging.LogRecord) -> bool:
    """Libraries' info lines (Scrapy's banner, per-request notes) hide the ones that matter."""
    return record.levelno >= logging.WARNING or not record.name.startswith(_CHATTY)


class RedactingFormatter(logging.Formatter):
    """Every line, with its traceback, loses the user and password of the URLs in it: a source's
    base_url or an index URL may carry credentials, and logs end up in bug reports and cron mail."""

    def format(self, record: logging.LogRecord) -> str:
        return redact_userinfo(super().format(record))


def configure_logging(
    debug: bool = False, *, level: int | str | None = None, log_file: str | None = None
) -> None:
    """Log lines on stderr, or appended to ``log_file`` (for cron); ``level`` overrides debug's INFO/DEBUG.

    Libraries' info lines stay hidden unless the level is DEBUG.
    """
    threshold = logging.getLevelName(level.upper()) if isinstance(level, str) else level
    if not isinstance(threshold, int):
        threshold = logging.DEBUG if debug else logging.INFO
    handler: logging.Handler
    handler = (
        logging.FileHandler(log_file, encoding="utf-8") if log_file else logging.StreamHandler(sys.stderr)
    )
    if threshold > logging.DEBUG:
        handler.addFilter(_quiet_libraries)
    handler.setFormatter(RedactingFormatter(FORMAT, "%Y-%m-%d %H:%M:%S"))
    handler.setLevel(threshold)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(threshold)
