"""What ``pmi crawl`` and ``pmi reextract`` print at the end, and the exit status it implies."""

from __future__ import annotations

import json

import click

from pmi_aggregator.cli.columns import specs
from pmi_aggregator.cli.output import print_table
from pmi_aggregator.crawler.report import CrawlReport
from pmi_aggregator.errors import EXIT_OK, EXIT_SOURCES_FAILED

wait_option = click.option(
    "--wait", type=float, default=0.0, show_default=True, help="Seconds to wait for a running crawl."
)
report_format_option = click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)

COLUMNS = ("source", "status", "found", "new", "updated", "unchanged", "failed", "pending", "via", "error")


def show_crawl_report(report: CrawlReport, fmt: str) -> int:
    """Print one row per source (or the JSON report); the exit status: 0, 1, or 128 + signal."""
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        rows = [
            {**r, "via": r.get("discovery") or "-", "error": r.get("error") or ""}
            for r in report.sources.values()
        ]
        print_table(rows, specs(list(COLUMNS)))
    if report.interrupted is not None:  # the warnings were logged as the sources closed
        return 128 + report.interrupted
    if report.unreachable:
        click.echo("Error: no source could be reached; check the network connection.", err=True)
    return EXIT_OK if report.ok else EXIT_SOURCES_FAILED
