"""Source health for the CLI: what each source yielded lately (``pmi sources``), and whether its
extraction still works on its site (``pmi sources check``).

Stale selectors and moved endpoints are the commonest way a news scraper fails, and they fail quietly:
the crawl "succeeds" with nothing in it. The check crawls each source with its real spider, the same
code path as ``pmi crawl``, into a throwaway index, and counts the articles that came out with an
empty title, date, author or body.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pmi_aggregator.cli.index_access import missing_file
from pmi_aggregator.config import load_config
from pmi_aggregator.crawler.report import SUCCEEDED
from pmi_aggregator.crawler.runner import crawl
from pmi_aggregator.crawler.state_recovery import open_crawl_state
from pmi_aggregator.errors import CrawlError
from pmi_aggregator.index import open_index, resolve_index_spec
from pmi_aggregator.index.location import index_url_of, state_path_for
from pmi_aggregator.sources import Source, load_sources, select_sources

CHECK_ARTICLES = 5
CHECK_TIMEOUT = 300.0
"""Seconds one source's check may take in all."""
_NETWORK_ERRORS = frozenset({"unreachable_host", "timeout", "connection_lost", "tls_error"})


def source_rows(index_spec: str | None, config_path: str | None = None) -> list[dict[str, Any]]:
    """One row per configured source: last run, counts, errors and fill rates of key fields."""
    config = load_config(config_path)
    spec = resolve_index_spec(index_spec, config_path)
    stats: dict[str, dict[str, Any]] = {}
    if missing_file(spec) is None:  # reading must not create an index
        with open_index(spec) as index:
            stats = index.source_stats()
    state_file = state_path_for(index_url_of(spec))
    state = open_crawl_state(state_file, spec) if state_file.exists() else None
    try:
        rows = []
        for key, source in load_sources(config).items():
            runs = state.last_runs(key, limit=1) if state else []
            last = runs[0] if runs else {}
            fill = last.get("fill") or {}
            rows.append(
                {
                    "source": key,
                    "kind": source.kind,
                    "enabled": source.enabled,
                    "last_run": last.get("finished_at") or last.get("started_at"),
                    "status": last.get("status", "never run"),
                    "articles": stats.get(key, {}).get("articles", 0),
                    "newest": stats.get(key, {}).get("newest"),
                    "found": last.get("found"),
                    "new": last.get("new"),
                    "errors": sum((last.get("errors") or {}).values()),
                    "date_fill": fill.get("date"),
                    "author_fill": fill.get("author"),
                    "body_fill": fill.get("body"),
                    "last_error": last.get("error"),
                }
            )
        return rows
    finally:
        if state:
            state.close()


# -- pmi sources check -------------------------------------------------------------------------------
def check_sources(
    keys: Sequence[str],
    config_path: str | None = None,
    *,
    limit: int = CHECK_ARTICLES,
    timeout: float = CHECK_TIMEOUT,
) -> tuple[list[dict[str, Any]], bool]:
    """One row per source; ok is False when a reachable source's extraction failed.

    ``limit`` articles per source (``CLOSESPIDER_ITEMCOUNT``; 0 crawls the whole site). A site that
    cannot be reached is reported as ``unreachable``: that says nothing about its extraction.
    """
    config = load_config(config_path)
    sources = select_sources(list(keys), config) if keys else list(load_sources(config).values())
    rows = [_check(source, config_path, limit, timeout) for source in sources]
    return rows, all(row["status"] in ("ok", "unreachable") for row in rows)


def _check(source: Source, config_path: str | None, limit: int, timeout: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="pmi-check-") as tmp:
        index = f"sqlite:///{Path(tmp) / 'check.db'}"
        settings = {"CLOSESPIDER_ITEMCOUNT": limit} if limit else {}
        try:
            report = crawl(
                [source.key],
                index=index,
                full=True,
                config_path=config_path,
                settings=settings,
                timeout=timeout,
            )
        except CrawlError as exc:
            return _row(source, status="failed", note=str(exc)[:80])
        with open_index(index) as stored:
            articles = list(stored.iter_articles())
    result = report.sources[source.key]
    errors = result.get("errors") or {}
    note = result.get("error") or ", ".join(f"{k} {v}" for k, v in errors.items())
    network_only = bool(errors) and set(errors) <= _NETWORK_ERRORS | {"no_discovery"}
    if not articles and (result.get("unreachable") or network_only):
        return _row(source, status="unreachable", note=note)
    empty = {
        "title": sum(not a.title for a in articles),
        "date": sum(a.published_at is None for a in articles),
        "author": sum(not a.authors for a in articles),
        "body": sum(not (a.body or a.summary) for a in articles),  # feed-only sources keep the summary
    }
    broken = not articles or empty["title"] or empty["date"] or empty["body"]
    stopped = result["status"] not in SUCCEEDED and result.get("finish_reason") != "closespider_itemcount"
    broken = broken or stopped
    return _row(source, status="failed" if broken else "ok", articles=len(articles), empty=empty, note=note)


def _row(
    source: Source, *, status: str, articles: int = 0, empty: dict[str, int] | None = None, note: str = ""
) -> dict[str, Any]:
    empty = empty or {}
    return {
        "source": source.key,
        "site": source.base_url,
        "status": status,
        "articles": articles,
        **{f"empty_{name}": empty.get(name) for name in ("title", "date", "author", "body")},
        "note": note,
    }
