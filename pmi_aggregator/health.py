"""Source health: what each source yielded lately, and how complete its articles are."""

from __future__ import annotations

from typing import Any

from .config import load_config
from .extensions import index_url_of
from .index import open_index, resolve_index_spec
from .sources import load_sources
from .state import CrawlState, state_path_for


def source_rows(index_spec: str | None, config_path: str | None = None) -> list[dict[str, Any]]:
    """One row per configured source: last run, counts, errors and fill rates of key fields."""
    config = load_config(config_path)
    spec = resolve_index_spec(index_spec, config_path)
    with open_index(spec) as index:
        stats = index.source_stats()
    state = CrawlState(state_path_for(index_url_of(spec)))
    try:
        rows = []
        for key, source in load_sources(config).items():
            runs = state.last_runs(key, limit=1)
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
        state.close()
