"""``pmi reextract`` and ``pmi archive export``: the raw page archive, read again or handed on."""

from __future__ import annotations

import signal
import sys
from datetime import datetime

import click

from pmi_aggregator.cli.crawl_report import report_format_option, show_crawl_report, wait_option
from pmi_aggregator.cli.params import TEXT, DateArg, index_option


@click.command()
@click.option("--source", "sources", multiple=True, type=TEXT, help="Only this source (repeatable).")
@click.option("--since", type=DateArg(), help="Only pages archived since (YYYY-MM-DD, a span such as 7d, …).")
@index_option
@wait_option
@report_format_option
@click.pass_context
def reextract(
    ctx: click.Context,
    sources: tuple[str, ...],
    since: datetime | None,
    index_spec: str | None,
    wait: float,
    fmt: str,
) -> None:
    """Re-read archived pages with the current extractor; update only the articles that changed.

    Nothing is fetched: each source's crawl is replayed from its archive, with today's extraction
    and annotation, and the index keeps what did not change.
    """
    from pmi_aggregator.crawler.reextract import reextract as run

    try:
        report = run(
            sources,
            since=since,
            index=index_spec,
            wait=wait,
            progress=sys.stderr.isatty(),
            config_path=ctx.obj["config_path"],
            settings={"LOG_LEVEL": "DEBUG"} if ctx.obj["debug"] else None,
        )
    except KeyboardInterrupt:
        click.echo("Interrupted before the re-extraction started.", err=True)
        ctx.exit(128 + signal.SIGINT)
    if not report.sources:
        click.echo("Nothing archived since then: nothing to re-extract.", err=True)
    ctx.exit(show_crawl_report(report, fmt))


@click.group("archive")
def archive_group() -> None:
    """The raw page archive (WARC files beside the index): hand it to other tools."""


@archive_group.command("export")
@click.option(
    "--warc",
    "out",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="File to write, - for stdout.",
)
@click.option("--source", "sources", multiple=True, type=TEXT, help="Only this source (repeatable).")
@click.option("--since", type=DateArg(), help="Only responses archived since.")
@index_option
@click.pass_context
def archive_export(
    ctx: click.Context, out: str, sources: tuple[str, ...], since: datetime | None, index_spec: str | None
) -> None:
    """Write the archive as one gzipped WARC file (for pywb, warcio, the Internet Archive's tools).

    Torn or damaged records (a crawl killed mid-write) are left out and counted.
    """
    from pmi_aggregator.crawler.archive import ReadCounts, archive_files, export
    from pmi_aggregator.crawler.reextract import archive_folder

    folder = archive_folder(index_spec, ctx.obj["config_path"])
    files = archive_files(folder, list(sources) if sources else None)
    if since is not None:
        files = [f for f in files if f.stat().st_mtime >= since.timestamp()]
    counts = ReadCounts()
    if out == "-":
        if sys.stdout.isatty():
            raise click.UsageError("a WARC file is binary: redirect stdout to a file, or give --warc FILE")
        written = export(files, sys.stdout.buffer, counts, since=since)
    else:
        with click.open_file(out, "wb", atomic=True) as fh:
            written = export(files, fh, counts, since=since)
    where = "stdout" if out == "-" else out
    skipped = f"; {counts.damaged} torn or damaged records skipped" if counts.damaged else ""
    click.echo(f"wrote {written} records from {len(files)} archive files to {where}{skipped}", err=True)
