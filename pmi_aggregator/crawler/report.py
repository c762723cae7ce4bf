"""Crawl reports: what each source yielded and what went wrong, from the crawler's stats."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

COUNTS = ("found", "new", "updated", "unchanged", "failed")
SUCCEEDED = ("ok", "partial")
"""Statuses of a run that did its work: ``partial`` left part of a listing unread by a cap, and says so."""
CLEAN_FINISH = ("finished",)
BUDGET_FINISH = {
    "source_budget": "its time budget ({budget:g} s, PMI_SOURCE_BUDGET) ran out; the next run goes on",
    "run_budget": "the run's time budget ({budget:g} s, PMI_RUN_BUDGET) ran out; the next run goes on",
}
"""Sources stopped by a time budget end ``partial``: what they fetched is stored, the cursor stays."""
STOPPED_BY = {
    "unreachable_host": "unreachable host {unreachable}",
    "missing_dependency": "a Python package is missing: {missing_dependency}",
    "shutdown": "interrupted (Ctrl-C or SIGTERM)",
    "interrupted": "interrupted (stopped at once; the next run completes the work)",
    "index_damaged": "the index is damaged; run `pmi index check`",
}
"""The error shown for a source stopped before it finished, by Scrapy's finish reason."""
WRITE_FAILURE = "pmi/write_failure"
"""The stat holding the first index write failure of a run: its one-line hint fails the source."""


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
        "listed": items + stats.get("pmi/unchanged_in_listing", 0),
        "unreachable": finish_reason == "unreachable_host",
        "fill": {
            name: round(stats.get(f"pmi/fill/{name}", 0) / items, 3) if items else None
            for name in ("date", "author", "body")
        },
        "finish_reason": finish_reason,
    }
    if finish_reason in BUDGET_FINISH:
        budget = stats.get("pmi/budget_seconds", 0)
        report["status"], report["error"] = "partial", BUDGET_FINISH[finish_reason].format(budget=budget)
    elif finish_reason not in CLEAN_FINISH:
        detail = {
            "unreachable": stats.get("pmi/unreachable", "the host"),
            "missing_dependency": stats.get("pmi/missing_dependency", "see the log"),
        }
        template = STOPPED_BY.get(finish_reason, "crawl stopped: {reason}")
        report["status"], report["error"] = "failed", template.format(reason=finish_reason, **detail)
    elif stats.get(WRITE_FAILURE):
        report["status"], report["error"] = "failed", stats[WRITE_FAILURE]
    elif discovery is None:
        first = next(iter(errors), "no listing could be read")
        report["status"], report["error"] = "failed", f"nothing could be listed ({first.replace('_', ' ')})"
    elif stats.get("pmi/partial"):  # a cap left part of the listing unread: said, and the cursor stays
        cap = str(stats["pmi/partial"]).replace("_", " ")
        report["status"], report["error"] = "partial", f"listing cut short ({cap}); raise the source's cap"
    else:
        report["status"], report["error"] = "ok", None
    return report


def _is_item_error(reason: str) -> bool:
    """Errors that lost an article (as opposed to a listing step that fell back)."""
    return reason in (
        "broken_page",
        "rest_post_invalid",
        "feed_item_invalid",
        "rest_post_without_link",
        "item_error",
    )


@dataclass
class CrawlReport:
    """The result of ``crawl()``: one report per source."""

    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    interrupted: int | None = None
    """The signal (SIGINT, SIGTERM) that stopped the crawl early, if one did."""

    @property
    def ok(self) -> bool:
        return all(r["status"] in SUCCEEDED for r in self.sources.values())

    @property
    def unreachable(self) -> bool:
        """No source could be reached at all: most likely no network (or a proxy or firewall)."""
        return bool(self.sources) and all(r.get("unreachable") for r in self.sources.values())

    def total(self, name: str) -> int:
        return sum(int(r.get(name) or 0) for r in self.sources.values())

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "interrupted": self.interrupted, "sources": self.sources}


def summary_line(report: dict[str, Any]) -> str:
    """One source's report in one line (``scrapy crawl`` prints it; ``pmi crawl`` prints a table)."""
    counts = ", ".join(f"{report.get(name) or 0} {name}" for name in (*COUNTS, "pending"))
    via = f" via {report['discovery']}" if report.get("discovery") else ""
    error = f": {report['error']}" if report.get("error") else ""
    return f"{report['source']}: {report['status']}{via} ({counts}){error}"


def stopped_report(source: str, stats: dict[str, Any] | None) -> dict[str, Any]:
    """The report of a source whose crawl was stopped at once (a second Ctrl-C, a crash)."""
    if stats:
        return source_report(source, stats, "interrupted")
    return {
        "source": source,
        "status": "failed",
        "error": "the spider did not start (see the log above)",
        **{name: 0 for name in COUNTS},
    }


DATE_FILL_DROP = 0.3
"""A drop of the date fill rate below the usual one by more than this is worth a warning."""


def health_warnings(
    source_key: str, report: dict[str, Any], previous_runs: Sequence[dict[str, Any]], *, full: bool = False
) -> list[str]:
    """Warnings for a finished run, judged against the source's previous runs (newest first).

    A quiet incremental run yields no article but still lists the known ones (the listing overlaps
    the last run): that is no alarm. A listing with nothing in it, or a full run that yields
    nothing, is one.
    """
    warnings = []
    if full and not report.get("found"):
        warnings.append(
            f"{source_key} yielded no articles on a full run: its selectors or endpoints may have changed"
        )
        return warnings
    listed = [_listed(r) for r in previous_runs if isinstance(r.get("found"), int)]
    usual = statistics.median(listed) if listed else 0
    if usual > 0 and not _listed(report):
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


def _listed(report: dict[str, Any]) -> int:
    """Entries a run's listing showed (yielded or known unchanged); ``found`` for older reports."""
    listed = report.get("listed")
    return int(listed if isinstance(listed, int) else report.get("found") or 0)
