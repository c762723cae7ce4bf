"""The ``pmi`` command line: crawl, search, export, show, explain, sources, info, index.

Exit codes (documented in the README):
  0  success (also when the reader of the output stops reading: ``pmi search … | head``)
  1  a crawl finished but one or more sources failed (the others were stored)
  2  bad usage or input (unknown option, bad query, bad date, unknown source, no such article)
  3  another crawl holds the lock on this index
  4  the index or the configuration cannot be used (also: no index file where one was expected)
  70 an unexpected internal error (run with --debug for the traceback)
"""

from __future__ import annotations

import contextlib
import json
import signal
import sys
import traceback
from datetime import datetime
from typing import Any

import click

from pmi_aggregator.article import Article
from pmi_aggregator.cli import export as exporting
from pmi_aggregator.cli.archive import archive_group, reextract
from pmi_aggregator.cli.columns import specs
from pmi_aggregator.cli.crawl_report import report_format_option, show_crawl_report, wait_option
from pmi_aggregator.cli.index_access import (
    NEVER_CRAWLED,
    missing_file,
    missing_message,
    never_crawled,
    open_existing,
)
from pmi_aggregator.cli.index_health import index_check, index_repair
from pmi_aggregator.cli.info import info_rows
from pmi_aggregator.cli.output import print_json, print_records, print_table
from pmi_aggregator.cli.params import TEXT, DateArg, index_option
from pmi_aggregator.cli.pipes import flush_stdout, silence_stdout
from pmi_aggregator.cli.query_args import QueryCommand
from pmi_aggregator.cli.query_options import QUERY_HELP, query_filters, query_options
from pmi_aggregator.cli.serve import serve
from pmi_aggregator.cli.stats import stats
from pmi_aggregator.cli.stories import more_outlets, relink, stories, story
from pmi_aggregator.cli.watch import run_after_crawl, watch_group
from pmi_aggregator.crawler.log_setup import configure_logging
from pmi_aggregator.errors import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_SOURCES_FAILED,
    EXIT_UNAVAILABLE,
    PmiError,
    UsageError,
)
from pmi_aggregator.index import Index, open_index, resolve_index_spec
from pmi_aggregator.index.contract import SORTS
from pmi_aggregator.index.facet_args import (
    FACET_COLUMNS,
    FACET_OPTIONS,
    facet_fields,
    facet_rows,
)
from pmi_aggregator.index.payload import facets_payload, search_payload
from pmi_aggregator.urls import redact_userinfo

FORMATS = ("table", "wide", "json", "jsonl", "csv")
CSV_FIELDS = (
    "id",
    "published_at",
    "source",
    "title",
    "url",
    "authors",
    "categories",
    "tags",
    "score",
    "snippet",
)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class PmiGroup(click.Group):
    """Turns known failures into one clear line and a documented exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # the reader stopped reading (`| head`): done, like `ls`
            silence_stdout()
            ctx.exit(EXIT_OK)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:  # every failure ends as one line (and a traceback with --debug)
            debug = bool(ctx.obj and ctx.obj.get("debug"))
            if debug:
                traceback.print_exc()
            code, message = _classify(exc)
            click.echo(f"Error: {redact_userinfo(message)}", err=True)
            ctx.exit(code)


def _classify(exc: Exception) -> tuple[int, str]:
    """The exit code by the exception's type (``errors``), never by its message."""
    if isinstance(exc, PmiError):
        return exc.exit_code, str(exc)
    first_line = (str(exc).splitlines() or [""])[0][:300]
    return (
        EXIT_INTERNAL,
        f"unexpected {type(exc).__name__}: {first_line} (run with --debug for the traceback)",
    )


def _open_index(index_spec: str | None) -> Index:
    config_path = click.get_current_context().obj.get("config_path")
    return open_index(resolve_index_spec(index_spec, config_path))


def _open_existing(index_spec: str | None) -> Index:
    """For the read-only commands: never creates an index (exit 4 when the file is missing)."""
    return open_existing(index_spec, click.get_current_context().obj.get("config_path"))


@click.group(cls=PmiGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.option(
    "-q", "--quiet", is_flag=True, help="Log only warnings and errors; no export progress bar (for cron)."
)
@click.option(
    "--log-level", type=click.Choice(LOG_LEVELS, case_sensitive=False), help="Log this level and above."
)
@click.option(
    "--log-file",
    type=click.Path(dir_okay=False, writable=True),
    help="Append log lines to this file, not stderr.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Config file; must exist (default: $PMI_CONFIG, else ~/.config/pmi-aggregator/config.toml, "
    "either optional).",
)
@click.version_option(package_name="pmi-aggregator")
@click.pass_context
def cli(
    ctx: click.Context,
    debug: bool,
    quiet: bool,
    log_level: str | None,
    log_file: str | None,
    config_path: str | None,
) -> None:
    """Collect, clean and search news about Indonesian migrant workers (PMI).

    \b
    Environment:
      PMI_INDEX     the index (a path, sqlite:///…, http(s)://…); --index wins
      PMI_CONFIG    the config file; --config wins
      PMI_DATA_DIR  the data folder (default index, crawl state, outbox)
    `pmi info` shows what is in effect.
    """
    ctx.ensure_object(dict)
    ctx.obj.update(debug=debug, config_path=config_path, quiet=quiet)
    level = log_level or ("WARNING" if quiet else None)
    try:
        configure_logging(debug, level=level, log_file=log_file)
    except OSError as exc:
        raise click.BadParameter(
            f"cannot write {log_file}: {exc.strerror}", param_hint="'--log-file'"
        ) from None


# -- crawl ------------------------------------------------------------------------------------------
@cli.command()
@click.argument("sources", nargs=-1, type=TEXT)
@click.option(
    "--since",
    type=DateArg(),
    help="Only articles published since: YYYY, YYYY-MM, YYYY-MM-DD, an ISO datetime, or a span (7d, 2w).",
)
@index_option
@click.option("--full", is_flag=True, help="Ignore what earlier runs saw and re-check every article.")
@wait_option
@report_format_option
@click.option("--no-watch", is_flag=True, help="Do not run the watches (`pmi watch`) after the crawl.")
@click.pass_context
def crawl(
    ctx: click.Context,
    sources: tuple[str, ...],
    since: datetime | None,
    index_spec: str | None,
    full: bool,
    wait: float,
    fmt: str,
    no_watch: bool,
) -> None:
    """Crawl SOURCES (default: every enabled source) into the index."""
    debug = ctx.obj["debug"]
    try:
        from pmi_aggregator.crawler.runner import run_crawl

        report = run_crawl(
            sources,
            since=since,
            index=index_spec,
            full=full,
            wait=wait,
            progress=sys.stderr.isatty(),
            config_path=ctx.obj["config_path"],
            settings={"LOG_LEVEL": "DEBUG"} if debug else None,
        )
    except KeyboardInterrupt:  # Ctrl-C before the crawl started: nothing was written
        click.echo("Interrupted before the crawl started.", err=True)
        ctx.exit(128 + signal.SIGINT)
    status = show_crawl_report(report, fmt)
    if not no_watch and report.interrupted is None:
        run_after_crawl(index_spec, ctx.obj["config_path"])
    ctx.exit(status)


# -- search and export ------------------------------------------------------------------------------
@cli.command(cls=QueryCommand, help="Search the index." + QUERY_HELP)
@query_options
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@click.option("-n", "--limit", type=click.IntRange(0, 1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0, 10_000), default=0, show_default=True)
@click.option(
    "--cursor", type=TEXT, help="Continue after the last hit of a previous page (printed with each page)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="wide: the table with each URL; json: total, cursor and hits.",
)
@click.option(
    "--facets",
    "facet_names",
    type=TEXT,
    help="With --format json: add the top values of these fields (country,province,org,topic).",
)
@click.option(
    "--explain", is_flag=True, help="Also show how the query was read: its words and their synonyms."
)
@click.option("--collapse", is_flag=True, help="One hit per story: its best match; totals count stories.")
def search(
    words: tuple[str, ...],
    sources: tuple[str, ...],
    date_from: datetime | None,
    date_to: datetime | None,
    include_undated: bool,
    index_spec: str | None,
    sort: str,
    limit: int,
    offset: int,
    cursor: str | None,
    fmt: str,
    facet_names: str | None,
    explain: bool,
    collapse: bool,
    **facet_options: tuple[str, ...],
) -> None:
    query = " ".join(words)
    counted = facet_fields([facet_names]) if facet_names is not None else ()
    if counted and fmt != "json":
        raise UsageError("--facets needs --format json (or use `pmi facets`)")
    narrowed = query_filters(sources, date_from, date_to, include_undated, facet_options)
    with _open_existing(index_spec) as index:
        page: dict[str, Any] = {"sort": sort, "limit": limit, "offset": offset, "cursor": cursor}
        payload = search_payload(
            index, query, narrowed, **page, facets=counted, explain=explain, collapse=collapse
        )
        new = not payload["total"] and never_crawled(index)
    hits, next_cursor = payload["hits"], payload["cursor"]
    if new:
        click.echo(f"Note: {NEVER_CRAWLED}", err=True)
    if fmt == "json":
        print_json(payload)
    elif fmt in ("jsonl", "csv"):
        print_records(hits, fmt, CSV_FIELDS)
    else:
        expansion = payload.get("expansion")
        for item in expansion or ():
            click.echo(f"{item['term']}: also {', '.join(item['synonyms'])}", err=True)
        if expansion == []:
            click.echo("no synonyms apply: the words are searched as typed", err=True)
        columns = ["published", "source", *(["outlets"] if collapse else []), "title", "id", "snippet"]
        columns += ["url"] if fmt == "wide" else []
        rows = [
            {
                **row,
                "published": (row["published_at"] or "")[:10],
                "id": row["id"][:10],
                "outlets": more_outlets(row),
            }
            for row in hits
        ]
        print_table(rows, specs(columns), empty="(no results)")
        shown = f"{offset + 1}-{offset + len(hits)}" if hits and not cursor else str(len(hits))
        following = f"; next page: --cursor {next_cursor}" if next_cursor else ""
        counted_as = "stories" if collapse else "results"
        click.echo(f"{shown} of {payload['total']} {counted_as}, by {sort}{following}", err=True)


@cli.command(cls=QueryCommand, help="Write every article the query matches (no page limit)." + QUERY_HELP)
@query_options
@click.option("--sort", type=click.Choice(SORTS), default="newest", show_default=True)
@click.option(
    "--format", "fmt", type=click.Choice(exporting.EXPORT_FORMATS), default="jsonl", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, allow_dash=True),
    default="-",
    help="File to write (default: stdout). Parquet needs the `export` extra (pyarrow).",
)
@click.pass_context
def export(
    ctx: click.Context,
    words: tuple[str, ...],
    sources: tuple[str, ...],
    date_from: datetime | None,
    date_to: datetime | None,
    include_undated: bool,
    index_spec: str | None,
    sort: str,
    fmt: str,
    output: str,
    **facet_options: tuple[str, ...],
) -> None:
    if fmt == "parquet":
        exporting.require_pyarrow()
    filters = {**query_filters(sources, date_from, date_to, include_undated, facet_options), "sort": sort}
    progress = sys.stderr.isatty() and not ctx.obj["quiet"]
    with _open_existing(index_spec) as index, contextlib.ExitStack() as stack:
        to_stdout = output == "-"
        if fmt == "parquet":
            parquet = exporting.ParquetWriter(exporting.binary_stdout() if to_stdout else output)
            stack.callback(parquet.close)
            write: exporting.Writer = parquet
        else:
            text_out = (
                None if to_stdout else stack.enter_context(open(output, "w", encoding="utf-8", newline=""))
            )
            write = exporting.jsonl_writer(text_out) if fmt == "jsonl" else exporting.csv_writer(text_out)
        bar = None
        written = 0
        for total, articles in exporting.pages(index, " ".join(words), filters):
            if bar is None and progress:
                bar = stack.enter_context(click.progressbar(length=total, label="exporting", file=sys.stderr))
            write(articles)
            written += len(articles)
            if bar is not None:
                bar.update(len(articles))
        if not written and never_crawled(index):
            click.echo(f"Note: {NEVER_CRAWLED}", err=True)
    if not to_stdout:
        click.echo(f"exported {written} articles to {output}", err=True)


# -- facets -----------------------------------------------------------------------------------------
@cli.command(
    cls=QueryCommand,
    help="Count the articles the query matches by country, province, organisation or topic." + QUERY_HELP,
)
@query_options
@click.option(
    "--by",
    "by",
    multiple=True,
    type=TEXT,
    help="Count by country, province, org or topic (repeatable, or comma-separated; default: all).",
)
@click.option(
    "-n", "--limit", type=click.IntRange(1, 100), default=10, show_default=True, help="Values per field."
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
def facets(
    words: tuple[str, ...],
    sources: tuple[str, ...],
    date_from: datetime | None,
    date_to: datetime | None,
    include_undated: bool,
    index_spec: str | None,
    by: tuple[str, ...],
    limit: int,
    fmt: str,
    **facet_options: tuple[str, ...],
) -> None:
    query = " ".join(words)
    fields = facet_fields(by or FACET_OPTIONS)
    with _open_existing(index_spec) as index:
        counts = index.facets(
            query,
            fields=fields,
            limit=limit,
            **query_filters(sources, date_from, date_to, include_undated, facet_options),
        )
        new = not any(counts.values()) and never_crawled(index)
    if new:
        click.echo(f"Note: {NEVER_CRAWLED}", err=True)
    if fmt == "json":
        print_json(facets_payload(query, counts))
    elif fmt == "csv":
        print_records(facet_rows(counts), fmt, FACET_COLUMNS)
    else:
        print_table(facet_rows(counts), specs(FACET_COLUMNS), empty="(no values)")


# -- show -------------------------------------------------------------------------------------------
@cli.command()
@click.argument("ref", type=TEXT)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@index_option
def show(ref: str, fmt: str, index_spec: str | None) -> None:
    """Show one article by REF: its id, the start of its id (as `pmi search` prints it), or its URL."""
    with _open_existing(index_spec) as index:
        article = _find(index, ref.strip())
    if fmt == "json":
        print_json(article.to_dict())
        return
    meta = [
        ("id", article.id),
        ("url", article.url),
        ("source", article.source),
        (
            "published",
            f"{article.published_at.isoformat()} (from {article.published_at_source})"
            if article.published_at
            else "unknown",
        ),
        ("authors", ", ".join(article.authors)),
        ("categories", ", ".join(article.categories)),
        ("tags", ", ".join(article.tags)),
        ("language", article.language or ""),
    ]
    click.echo(article.title)
    click.echo("=" * min(len(article.title), 80))
    for name, value in meta:
        if value:
            click.echo(f"{name + ':':<12}{value}")
    click.echo()
    click.echo(article.body)


def _find(index: Index, ref: str) -> Article:
    """The article ``ref`` names (id, unique id prefix, URL); UsageError (exit 2) when there is none."""
    article = None
    if ref and "://" not in ref:
        article = index.get(ref)
        if article is None and ref.isalnum():
            ids = index.ids_with_prefix(ref.lower(), 2)
            if len(ids) > 1:
                raise UsageError(f"{ref!r} starts more than one id ({', '.join(ids)}…); give more characters")
            article = index.get(ids[0]) if ids else None
    if article is None and ("://" in ref or "." in ref):
        with contextlib.suppress(ValueError):
            article = index.get_by_url(ref if "://" in ref else f"https://{ref}")
    if article is None:
        hint = NEVER_CRAWLED if never_crawled(index) else "`pmi search` shows ids"
        raise UsageError(f"no article {ref!r} in the index; {hint}")
    return article


# -- explain ----------------------------------------------------------------------------------------
@cli.command()
@click.argument("ref", type=TEXT)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@index_option
def explain(ref: str, fmt: str, index_spec: str | None) -> None:
    """Why an article is (not) PMI news, and what was found in it: REF as for `pmi show`."""
    from pmi_aggregator.cli.annotations import STALE_NOTE, explanation, explanation_lines

    with _open_existing(index_spec) as index:
        data = explanation(_find(index, ref.strip()))
    if fmt == "json":
        print_json(data)
        return
    for line in explanation_lines(data):
        click.echo(line)
    if not data["stored_up_to_date"]:
        click.echo(f"Note: {STALE_NOTE}", err=True)


# -- sources ----------------------------------------------------------------------------------------
SOURCE_COLUMNS = [
    "source",
    "kind",
    "enabled",
    "last_run",
    "status",
    "articles",
    "found",
    "new",
    "errors",
    "date_fill",
    "author_fill",
    "body_fill",
    "last_error",
]


@cli.group(invoke_without_command=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl", "csv"]),
    default="table",
    show_default=True,
)
@index_option
@click.pass_context
def sources(ctx: click.Context, fmt: str, index_spec: str | None) -> None:
    """The configured sources: last crawl, articles, errors and field fill rates.

    Lists the sources even before the first crawl, but then says so and exits 4.
    """
    if ctx.invoked_subcommand is not None:
        return
    from pmi_aggregator.cli.health import source_rows

    config_path = ctx.obj["config_path"]
    rows = source_rows(index_spec, config_path)
    if fmt in ("json", "jsonl", "csv"):
        print_records(rows, fmt, SOURCE_COLUMNS)
    else:
        table = [
            {
                **row,
                "last_run": (row["last_run"] or "")[:16].replace("T", " "),
                **{k: _percent(row[k]) for k in ("date_fill", "author_fill", "body_fill")},
            }
            for row in rows
        ]
        print_table(table, specs(SOURCE_COLUMNS))
    missing = missing_file(resolve_index_spec(index_spec, config_path))
    if missing is not None:
        click.echo(f"Error: {missing_message(missing)}", err=True)
        ctx.exit(EXIT_UNAVAILABLE)


def _percent(fill: float | None) -> str:
    return "" if fill is None else f"{fill:.0%}"


@sources.command("check")
@click.argument("keys", nargs=-1, type=TEXT)
@click.option(
    "-n",
    "--limit",
    type=click.IntRange(0, 1000),
    default=5,
    show_default=True,
    help="Articles per source (0: the whole site).",
)
@click.pass_context
def sources_check(ctx: click.Context, keys: tuple[str, ...], limit: int) -> None:
    """Crawl a few articles of each source (default: all) with its real spider, into a throwaway index.

    Shows how many came out with an empty title, date, author or body; exits 1 when a source that could
    be reached failed. Point a source's base_url at a copy of its site (a local mirror) to check that.
    """
    from pmi_aggregator.cli.health import check_sources

    rows, ok = check_sources(keys, ctx.obj["config_path"], limit=limit)
    columns = ["source", "status", "articles", "empty_title", "empty_date", "empty_author", "empty_body"]
    print_table(rows, specs([*columns, "site", "note"]))
    ctx.exit(EXIT_OK if ok else EXIT_SOURCES_FAILED)


# -- info -------------------------------------------------------------------------------------------
@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@index_option
@click.pass_context
def info(ctx: click.Context, fmt: str, index_spec: str | None) -> None:
    """The version, config file, index, data folder and PMI_* variables in effect (secrets masked)."""
    rows = info_rows(index_spec, ctx.obj["config_path"])
    if fmt == "json":
        print_json({row["name"]: row["value"] for row in rows})
    else:
        print_table(rows, specs(["name", "value"]))


# -- index ----------------------------------------------------------------------------------------
@cli.group("index")
def index_group() -> None:
    """Manage an index: deliver the outbox, copy between backends, migrate a mapping, re-annotate, check, repair."""


@index_group.command("sync")
@index_option
def index_sync(index_spec: str | None) -> None:
    """Deliver articles waiting in the local outbox (written while the index was unreachable)."""
    from pmi_aggregator.index.outbox import sync

    delivered, pending = sync(
        resolve_index_spec(index_spec, click.get_current_context().obj.get("config_path"))
    )
    click.echo(f"delivered {delivered} articles; {pending} still waiting")
    if pending:
        raise click.exceptions.Exit(EXIT_UNAVAILABLE)


@index_group.command("copy")
@click.option("--from", "source", required=True, help="Index to read (path, sqlite:///…, http(s)://…).")
@click.option("--to", "target", required=True, help="Index to write.")
@click.option("--batch-size", type=click.IntRange(1, 5000), default=500, show_default=True)
def index_copy(source: str, target: str, batch_size: int) -> None:
    """Copy every article from one index to another, streaming (re-running resumes it)."""
    from pmi_aggregator.index.copy import copy_index

    with open_index(source) as src, open_index(target) as dst:
        total = src.count()
        with click.progressbar(length=total, label="copying", file=sys.stderr) as bar:
            last = 0

            def progress(done: int, _total: int) -> None:
                nonlocal last
                bar.update(done - last)
                last = done

            result = copy_index(src, dst, batch_size=batch_size, progress=progress)
    click.echo(
        f"copied {total} articles: {result.new} new, {result.updated} updated, "
        f"{result.unchanged} unchanged, {result.failed} failed"
    )
    if result.failed:
        for error in result.errors[:10]:
            click.echo(f"  {error}", err=True)
        raise click.exceptions.Exit(EXIT_SOURCES_FAILED)


@index_group.command("migrate")
@index_option
@click.option("--force", is_flag=True, help="Rebuild even when the index already has the current mapping.")
def index_migrate(index_spec: str | None, force: bool) -> None:
    """Move an Elasticsearch index to the current mapping behind its alias, with no downtime."""
    with _open_index(index_spec) as index:
        migrate = getattr(index, "migrate", None)
        if migrate is None:
            raise click.ClickException("only Elasticsearch indexes have mappings to migrate")
        report = migrate(force=force)
    click.echo(json.dumps(report, ensure_ascii=False))


@index_group.command("reannotate")
@index_option
@click.option("-s", "--source", help="Only the articles of this source.")
@click.option("--batch-size", type=click.IntRange(1, 5000), default=500, show_default=True)
@click.pass_context
def index_reannotate(ctx: click.Context, index_spec: str | None, source: str | None, batch_size: int) -> None:
    """Annotate every stored article again (after an update of the annotation model)."""
    from pmi_aggregator.cli.annotations import reannotate
    from pmi_aggregator.crawler.state import CrawlLock
    from pmi_aggregator.index.location import lock_path

    with _open_existing(index_spec) as index:
        total = index.count(source=source)
        if source and not total:
            raise UsageError(f"no articles of the source {source!r} in the index; `pmi sources` lists them")
        # Held like a crawl's: a crawl's newer text must not be overwritten by the text read here.
        lock = CrawlLock(lock_path(resolve_index_spec(index_spec, ctx.obj.get("config_path"))))
        with lock, contextlib.ExitStack() as stack:
            progress = None
            if sys.stderr.isatty() and not ctx.obj["quiet"]:
                bar = stack.enter_context(
                    click.progressbar(length=total, label="annotating", file=sys.stderr)
                )
                progress = bar.update
            read, result = reannotate(index, source=source, batch_size=batch_size, progress=progress)
    failed = f", {result.failed} failed" if result.failed else ""
    click.echo(f"{read} articles: {result.updated} updated, {result.unchanged} unchanged{failed}")
    if result.failed:
        for error in result.errors[:10]:
            click.echo(f"  {error}", err=True)
        raise click.exceptions.Exit(EXIT_SOURCES_FAILED)


cli.add_command(reextract)
cli.add_command(stats)
cli.add_command(serve)
cli.add_command(archive_group)
cli.add_command(watch_group)
cli.add_command(story)
cli.add_command(stories)
index_group.add_command(index_check)
index_group.add_command(index_repair)
index_group.add_command(relink)


def main(argv: list[str] | None = None) -> None:
    """``pmi``; the final flush is checked too, so a reader that stopped early is no error."""
    try:
        cli.main(args=argv, prog_name="pmi")
    finally:
        flush_stdout()


if __name__ == "__main__":
    main()
