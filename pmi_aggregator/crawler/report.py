"""Crawl reports: what each source yielded and what went wrong, from the crawler's stats."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

COUNTS = ("found", "new", "updated", "unchanged", "failed")
CLEAN_FINISH = ("finished",)


def source_report(source: str, stats: dict[str, Any], finish_reason: str) -> dict[str, Any]:
    """A plain dict (stored as JSON in the crawl state) describing one source's run."""
    errors = {k.removeprefix("pmi/errors/"): v for k, v in stats.items() if k.startswith("pmi/errors/")}
    items = stats.get("pmi/items", 0)
    discovery = stats.get("pmi/discovery")
    report: dict[str, Any] = {
        "source": source,
        "found": items,
        "new": stats.get("pmi/new", 0),
        "updated": stats.get("pmi/updated", 0),
        "unchanged": stats.get("pmi/unchanged", 0) + stats.get("pmi/unchanged_in_listing", 0),
        "failed": stats.get("pmi/failed", 0) + sum(v for k, v in errors.items() if _is_item_error(k)),
        "errors": errors,
        "missing_date": stats.get("pmi/missing_date", 0),
        "pending": stats.get("pmi/pending", 0),
        "discovery": discovery,
        "pages": stats.get("response_received_count", 0),
        "fill": {
            name: round(stats.get(f"pmi/fill/{name}", 0) / items, 3) if items else None
            for name in ("date", "author", "body")
        },
        "finish_reason": finish_reason,
    }
    if finish_reason not in CLEAN_FINISH:
        report["status"], report["error"] = "failed", f"crawl stopped: {finish_reason}"
    elif discovery is None:
        first = next(iter(errors), "no listing could be read")
        report["status"], report["error"] = "failed", f"nothing could be listed ({first.replace('_', ' ')})"
    else:
        report["status"], report["error"] = "ok", None
    return report


def _is_item_error(reason: str) -> bool:
    """Errors that lost an article (as opposed to a listing step that fell back)."""
    return reason in ("broken_page", "rest_post_invalid", "feed_item_invalid", "rest_post_without_link")


@dataclass
class CrawlReport:
    """The result of ``crawl()``: one report per source."""

    sources: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return all(r["status"] == "ok" for r in self.sources.values())

    def total(self, name: str) -> int:
        return sum(int(r.get(name) or 0) for r in self.sources.values())

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "sources": self.sources}


DATE_FILL_DROP = 0.3
"""A drop of the date fill rate below the usual one by more than this is worth a warning."""


def health_warnings(
    source_key: str, report: dict[str, Any], previous_runs: Sequence[dict[str, Any]]
) -> list[str]:
    """Warnings for a finished run, judged against the source's previous runs (newest first)."""
    warnings = []
    found = [r["found"] for r in previous_runs if isinstance(r.get("found"), int)]
    usual = statistics.median(found) if found else 0
    if usual > 0 and not report.get("found"):
        warnings.append(
            f"{source_key} yielded no articles this run (usually {usual:g}): "
            "its selectors or endpoints may have changed"
        )
    fills = [r["fill"]["date"] for r in previous_runs if isinstance((r.get("fill") or {}).get("date"), float)]
    date_fill = (report.get("fill") or {}).get("date")
    if (
        fills
        and isinstance(date_fill, (int, float))
        and statistics.median(fills) - date_fill > DATE_FILL_DROP
    ):
        warnings.append(
            f"{source_key} found a date for {date_fill:.0%} of its articles (usually "
            f"{statistics.median(fills):.0%}): its date selectors may have changed"
        )
    return warnings
