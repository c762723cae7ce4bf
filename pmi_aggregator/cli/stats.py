"""``pmi stats``: how many articles the query matches per day, week, month or year (in WIB).

A table, JSON or CSV; on a terminal the table comes with a bar chart (one small chart per split value),
and ``--png`` writes the chart to a file. Undated articles are counted apart, in no period.
"""

from __future__ import annotations

import sys
from typing import Any

import click

from pmi_aggregator.cli.columns import specs
from pmi_aggregator.cli.index_access import NEVER_CRAWLED, never_crawled, open_existing
from pmi_aggregator.cli.output import print_json, print_records, print_table, table_width
from pmi_aggregator.cli.query_args import QueryCommand
from pmi_aggregator.cli.query_options import QUERY_HELP, query_options, take_query_options
from pmi_aggregator.cli.stats_charts import print_terminal_chart, write_png
from pmi_aggregator.index.facet_args import SPLIT_OPTIONS
from pmi_aggregator.index.payload import stats_payload
from pmi_aggregator.index.periods import MAX_SPLIT_LIMIT, PERIODS, PeriodCounts

STATS_COLUMNS = ("period", "split", "count")


@click.command(
    cls=QueryCommand,
    help="Count the articles the query matches per period, in Jakarta time (WIB)." + QUERY_HELP,
)
@query_options
@click.option("--by", type=click.Choice(PERIODS), default="month", show_default=True, help="The period.")
@click.option("--split", type=click.Choice(list(SPLIT_OPTIONS)), help="One count per value of this field.")
@click.option(
    "-n",
    "--limit",
    type=click.IntRange(1, MAX_SPLIT_LIMIT),
    default=6,
    show_default=True,
    help="With --split: the values with most articles.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
@click.option("--collapse", is_flag=True, help="Count stories (a story once per period), not articles.")
@click.option("--chart/--no-chart", default=None, help="Draw bars above the table (default: on a terminal).")
@click.option(
    "--png",
    type=click.Path(dir_okay=False, writable=True),
    help="Also write the chart to this PNG file (needs the `charts` extra: matplotlib).",
)
@click.pass_context
def stats(
    ctx: click.Context,
    by: str,
    split: str | None,
    limit: int,
    fmt: str,
    chart: bool | None,
    collapse: bool,
    png: str | None,
    **options: Any,
) -> None:
    query, index_spec, filters = take_query_options(options)
    field = SPLIT_OPTIONS[split] if split else None
    with open_existing(index_spec, ctx.obj.get("config_path")) as index:
        counts = index.stats(query, by=by, split=field, limit=limit, collapse=collapse, **filters)
        new = not (counts.periods or counts.undated) and never_crawled(index)
    if new:
        click.echo(f"Note: {NEVER_CRAWLED}", err=True)
    counted = "stories" if collapse else "articles"
    if png and not write_png(counts, png, f"{counted} matching {query!r}" if query else counted):
        click.echo(f"no dated article matches: {png} not written", err=True)
    if fmt == "json":
        print_json(stats_payload(query, counts, collapse))
        return
    if fmt == "csv":
        print_records(_rows(counts), fmt, STATS_COLUMNS)
        return
    if chart if chart is not None else sys.stdout.isatty():
        print_terminal_chart(counts, sys.stdout, table_width())
    columns = [c for c in STATS_COLUMNS if c != "split" or field]
    print_table(_rows(counts, undated_label="undated"), specs(columns), empty="(no articles)")
    if counts.undated_total:
        click.echo(
            f"{counts.undated_total} articles without a date are counted apart, in no period", err=True
        )


def _rows(counts: PeriodCounts, undated_label: str | None = None) -> list[dict[str, Any]]:
    """One row per (period, split value); the undated ones last, with ``undated_label`` as period."""
    rows = [{"period": p, "split": g, "count": n} for p, g, n in counts.periods]
    return rows + [{"period": undated_label, "split": g, "count": n} for g, n in counts.undated]
