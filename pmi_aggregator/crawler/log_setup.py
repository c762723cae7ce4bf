"""One logging setup for the CLI and the crawl processes: lines a person can act on, on stderr."""

from __future__ import annotations

import logging
import sys

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


def configure_logging(debug: bool = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    if not debug:
        handler.addFilter(_quiet_libraries)
    handler.setFormatter(logging.Formatter(FORMAT, "%Y-%m-%d %H:%M:%S"))
    handler.setLevel(logging.DEBUG if debug else logging.INFO)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if debug else logging.INFO)
