"""Running crawls: in this process (the CLI) or in a fresh one (the Python API).

Scrapy's Twisted reactor cannot be restarted within a process, so ``crawl()`` runs each crawl in a
child process; that also gives every crawl a clean memory footprint.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from pmi_aggregator.config import load_config
from pmi_aggregator.crawler.loader import spider_class
from pmi_aggregator.crawler.report import CrawlReport, stopped_report
from pmi_aggregator.crawler.state import CrawlLock
from pmi_aggregator.errors import ConfigError, CrawlError, IndexDamaged
from pmi_aggregator.index import Index, open_index
from pmi_aggregator.index.health import raise_if_damaged
from pmi_aggregator.index.location import lock_path, resolve_index_spec
from pmi_aggregator.normalize.date_args import parse_since
from pmi_aggregator.sources import select_sources

log = logging.getLogger(__name__)


def scrapy_settings(index_spec: str, overrides: dict[str, Any] | None = None):  # -> scrapy Settings
    from scrapy.settings import Settings

    settings = Settings()
    settings.setmodule("pmi_aggregator.crawler.settings", priority="project")
    settings.set("PMI_INDEX", index_spec, priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_crawl(
    sources: Sequence[str] | None = None,
    *,
    since: str | datetime | None = None,
    index: str | None = None,
    full: bool = False,
    wait: float = 0.0,
    progress: bool = False,
    config_path: str | None = None,
    settings: dict[str, Any] | None = None,
) -> CrawlReport:
    """Crawl sources into an index in this process (once per process: Scrapy's reactor rule).

    A Ctrl-C or SIGTERM during the crawl ends it early with the report so far (``interrupted``);
    one before the crawl starts raises KeyboardInterrupt.
    """
    from pmi_aggregator.crawler.process import CrawlProcess
    from pmi_aggregator.crawler.progress import ProgressBoard

    config = load_config(config_path)
    spec = resolve_index_spec(index, config_path)
    since_at = parse_since(since)
    selected = select_sources(list(sources or ()), config)
    if not selected:
        raise ConfigError("no sources are enabled; enable one in the config file or name it")
    open_index(spec).close()  # fail early and clearly when the index cannot be opened
    raise_if_damaged(spec)  # or is damaged: a run with nothing new would not notice
    lock = CrawlLock(lock_path(spec))
    lock.acquire(wait)
    try:
        overrides = {**config.scrapy, "PMI_PROGRESS": progress, **(settings or {})}
        process = CrawlProcess(scrapy_settings(spec, overrides))
        board = ProgressBoard() if progress and sys.stderr.isatty() else None
        crawlers = []
        for source in selected:
            crawler = process.create_crawler(spider_class(source))
            crawler.pmi_board = board  # type: ignore[attr-defined]
            crawlers.append((source.key, crawler))
            process.crawl(crawler, source=source, since=since_at, full=full)
        if board is not None:
            board.start()
        try:
            process.start()
        finally:
            if board is not None:
                board.stop()
    finally:
        lock.release()
    report = CrawlReport(interrupted=process.interrupted)
    for key, crawler in crawlers:
        report.sources[key] = getattr(crawler, "pmi_report", None) or stopped_report(
            key, crawler.stats.get_stats() if crawler.stats is not None else None
        )
    _raise_if_damaged(crawler for _, crawler in crawlers)
    return report


def _raise_if_damaged(crawlers: Iterable[Any]) -> None:
    """A damaged index ends the run with exit 4 and its one line, not with a report of failed sources:
    every later run would fail the same way until ``pmi index repair``."""
    from pmi_aggregator.crawler.pipelines import INDEX_DAMAGED_STAT

    for crawler in crawlers:
        message = crawler.stats.get_value(INDEX_DAMAGED_STAT) if crawler.stats is not None else None
        if message:
            raise IndexDamaged(message)


def crawl(
    sources: Sequence[str] | None = None,
    *,
    since: str | datetime | None = None,
    index: Index | str | None = None,
    full: bool = False,
    wait: float = 0.0,
    config_path: str | None = None,
    settings: dict[str, Any] | None = None,
    timeout: float | None = None,
) -> CrawlReport:
    """Crawl sources into an index; may be called any number of times in one process.

    Each call runs the crawl in a child Python process and returns its report. Raises CrawlError
    when the crawl could not run at all (lock held, index unavailable, bad configuration).
    """
    spec = index.connection_spec() if isinstance(index, Index) else resolve_index_spec(index)
    with tempfile.TemporaryDirectory(prefix="pmi-crawl-") as tmp:
        out = Path(tmp) / "report.json"
        job = {
            "sources": list(sources or ()),
            "since": since.isoformat() if isinstance(since, datetime) else since,
            "full": full,
            "wait": wait,
            "config_path": config_path,
            "settings": settings or {},
            "report": str(out),
        }
        env = {**os.environ, "PMI_INDEX": spec}  # credentials travel in the environment, never in argv
        done = subprocess.run(
            [sys.executable, "-m", "pmi_aggregator.crawler.runner", json.dumps(job)],
            env=env,
            timeout=timeout,
            check=False,
        )
        if not out.exists():
            raise CrawlError(f"the crawl process ended with exit code {done.returncode} and no report")
        result = json.loads(out.read_text(encoding="utf-8"))
    if "error" in result:
        raise CrawlError(result["error"])
    return CrawlReport(sources=result["sources"], interrupted=result.get("interrupted"))


def _child(job: dict[str, Any]) -> int:
    from pmi_aggregator.crawler.log_setup import configure_logging

    configure_logging(debug=(job.get("settings") or {}).get("LOG_LEVEL") == "DEBUG")
    out = Path(job.pop("report"))
    try:
        report = run_crawl(**job)
    except KeyboardInterrupt:
        out.write_text(json.dumps({"error": "the crawl was interrupted before it started"}), "utf-8")
        return 128 + signal.SIGINT
    except Exception as exc:  # reported to the parent as one line; the parent raises CrawlError
        out.write_text(json.dumps({"error": str(exc)}), encoding="utf-8")
        return 1
    out.write_text(json.dumps(report.to_dict(), ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(_child(json.loads(sys.argv[1])))
