"""Re-extraction: every archived page read again with today's extractor, annotation and index.

An improvement to the extractor thus reaches the articles already collected, without a re-crawl and
without the network: the crawl is replayed from the archive (``crawler.replay``), and the index's
own change detection updates only the articles whose content changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from pmi_aggregator.config import load_config
from pmi_aggregator.crawler.archive import archive_files
from pmi_aggregator.crawler.report import CrawlReport
from pmi_aggregator.crawler.runner import run_crawl, scrapy_settings
from pmi_aggregator.errors import UsageError
from pmi_aggregator.index.location import resolve_index_spec
from pmi_aggregator.sources import select_sources

REPLAY_SETTINGS: dict[str, Any] = {
    "PMI_REPLAY": True,
    "ROBOTSTXT_OBEY": False,  # nothing is fetched: the archive answers
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": False,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
}


def archive_folder(index: str | None = None, config_path: str | None = None) -> Path:
    """The archive of an index, as the crawl's settings (and the config's [scrapy] table) place it."""
    from pmi_aggregator.crawler.archiving import archive_dir

    config = load_config(config_path)
    spec = resolve_index_spec(index, config_path)
    return archive_dir(scrapy_settings(spec, dict(config.scrapy)))


def reextract(
    sources: Sequence[str] | None = None,
    *,
    since: datetime | None = None,
    index: str | None = None,
    wait: float = 0.0,
    progress: bool = False,
    config_path: str | None = None,
    settings: dict[str, Any] | None = None,
) -> CrawlReport:
    """Replay the archived responses of ``sources`` (default: every enabled source with an archive).

    ``since`` keeps the responses archived at or after that instant: when none is that recent, the
    report is empty (nothing to do). Raises UsageError when a named source, or every source, has
    nothing archived at all.
    """
    folder = archive_folder(index, config_path)
    chosen = [s.key for s in select_sources(list(sources or ()), load_config(config_path))]
    archived = [key for key in chosen if archive_files(folder, [key])]
    if sources and len(archived) < len(chosen):
        missing = ", ".join(k for k in chosen if k not in archived)
        raise UsageError(
            f"nothing archived for {missing} in {folder}; crawl it first (PMI_ARCHIVE is on by default)"
        )
    if not archived:
        raise UsageError(f"nothing archived yet in {folder}; `pmi crawl` fills the archive")
    if since is not None:
        archived = [k for k in archived if _written_since(folder, k, since)]
        if not archived:
            return CrawlReport()
    overrides = {**REPLAY_SETTINGS, **(settings or {})}
    if since is not None:
        overrides["PMI_REPLAY_SINCE"] = since.isoformat()
    return run_crawl(
        archived,
        index=index,
        full=True,
        wait=wait,
        progress=progress,
        config_path=config_path,
        settings=overrides,
    )


def _written_since(folder: Path, source: str, since: datetime) -> bool:
    return any(f.stat().st_mtime >= since.timestamp() for f in archive_files(folder, [source]))
