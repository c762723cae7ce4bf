"""The ``pmi`` command line: crawl, search, show, sources.

Exit codes (documented in the README):
  0  success
  1  a crawl finished but one or more sources failed (the others were stored)
  2  bad usage or input (unknown option, bad query, bad date)
  3  another crawl holds the lock on this index
  4  the index or the configuration cannot be used
  70 an unexpected internal error (run with --debug for the traceback)
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
import traceback
from typing import Any

import click

from pmi_aggregator.article import Article
from pmi_aggregator.crawler.log_setup import configure_logging
from pmi_aggregator.errors import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_SOURCES_FAILED,
    EXIT_UNAVAILABLE,
    PmiError,
)
from pmi_aggregator.index import Index, open_index, resolve_index_spec
from pmi_aggregator.index.contract import SORTS

FORMATS = ("table", "json", "jsonl", "csv")
_MARK = re.compile(r"<mark>(.*?)</mark>")


class PmiGroup(click.Group):
    """Turns known failures into one clear line and a documented exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Exception as exc:  # every failure ends as one line (and a traceback with --debug)
            debug = bool(ctx.obj and ctx.obj.get("debug"))
            if debug:
                traceback.print_exc()
            code, message = _classify(exc)
            click.echo(f"Error: {message}", err=True)
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


index_option = click.option(
    "--index",
    "index_spec",
    envvar="PMI_INDEX",
    help="Index path, sqlite:///path.db or http(s)://elasticsearch:9200 (default: the data folder).",
)


@click.group(cls=PmiGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.option(
    "--config", "config_path", envvar="PMI_CONFIG", type=click.Path(dir_okay=False), help="Config file."
)
@click.version_option(package_name="pmi-aggregator")
@click.pass_context
def cli(ctx: click.Context, debug: bool, config_path: str | None) -> None:
    """Collect, clean and search news about Indonesian migrant workers (PMI)."""
    ctx.ensure_object(dict)
    ctx.obj.update(debug=debug, config_path=config_path)
    configure_logging(debug)


# -- crawl ------------------------------------------------------------------------------------------
@cli.command()
@click.argument("sources", nargs=-1)
@click.option("--since", help="Only articles published since: a date (2025-01-31) or a span (12h, 7d, 6m).")
@index_option
@click.option("--full", is_flag=True, help="Ignore what earlier runs saw and re-check every article.")
@click.option(
    "--wait", type=float, default=0.0, show_default=True, help="Seconds to wait for a running crawl."
)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def crawl(
    ctx: click.Context,
    sources: tuple[str, ...],
    since: str | None,
    index_spec: str | None,
    full: bool,
    wait: float,
    fmt: str,
) -> None:
    """Crawl SOURCES (default: every enabled source) into the index."""
    from pmi_aggregator.crawler.runner import run_crawl

    debug = ctx.obj["debug"]
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
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        columns = [
            "source",
            "status",
            "found",
            "new",
            "updated",
            "unchanged",
            "failed",
            "pending",
            "via",
            "error",
        ]
        rows = [
            {**r, "via": r.get("discovery") or "-", "error": r.get("error") or ""}
            for r in report.sources.values()
        ]
        _table(rows, columns)
    for row in report.sources.values():
        for warning in row.get("warnings") or ():
            click.echo(f"Warning: {warning}", err=True)
    ctx.exit(EXIT_OK if report.ok else EXIT_SOURCES_FAILED)


# -- search -----------------------------------------------------------------------------------------
@cli.command()
@click.argument("query", required=False, default="")
@click.option("-s", "--source", "sources", multiple=True, help="Only this source (repeatable).")
@click.option("--from", "date_from", help="Published on or after this date (YYYY-MM-DD).")
@click.option("--to", "date_to", help="Published on or before this date (YYYY-MM-DD).")
@click.option("--include-undated", is_flag=True, help="Keep articles without a date when filtering by date.")
@click.option("--sort", type=click.Choice(SORTS), default="relevance", show_default=True)
@click.option("-n", "--limit", type=click.IntRange(0, 1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0, 10_000), default=0, show_default=True)
@click.option("--cursor", help="Continue after the last hit of a previous page (printed with each page).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@index_option
def search(
    query: str,
    sources: tuple[str, ...],
    date_from: str | None,
    date_to: str | None,
    include_undated: bool,
    sort: str,
    limit: int,
    offset: int,
    cursor: str | None,
    fmt: str,
    index_spec: str | None,
) -> None:
    """Search the index. QUERY: words, "a phrase", -exclude, a OR b; empty lists by date."""
    with _open_index(index_spec) as index:
        results = index.search(
            query,
            sources=list(sources),
            date_from=date_from,
            date_to=date_to,
            include_undated=include_undated,
            sort=sort,
            limit=limit,
            offset=offset,
            cursor=cursor,
        )
    hits = [_hit_row(hit.article, hit.score, hit.snippet) for hit in results]
    if fmt == "json":
        payload = {"query": query, "total": results.total, "cursor": results.cursor, "hits": hits}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for row in hits:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        _csv(hits)
    else:
        bold = sys.stdout.isatty()
        rows = [
            {**row, "published": (row["published_at"] or "")[:10], "snippet": _marks(row["snippet"], bold)}
            for row in hits
        ]
        _table(rows, ["published", "source", "title", "snippet", "id"], wrap="snippet")
        shown = f"{offset + 1}-{offset + len(hits)}" if hits else "0"
        more = f"; next page: --cursor {results.cursor}" if results.cursor else ""
        click.echo(f"{shown} of {results.total} results, by {sort}{more}", err=True)


def _hit_row(article: Article, score: float, snippet: str) -> dict[str, Any]:
    return {**article.to_dict(), "score": round(score, 4), "snippet": snippet}


def _marks(snippet: str, bold: bool) -> str:
    return _MARK.sub("\x1b[1m\\1\x1b[0m" if bold else "*\\1*", snippet)


# -- show -------------------------------------------------------------------------------------------
@cli.command()
@click.argument("ref")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@index_option
def show(ref: str, fmt: str, index_spec: str | None) -> None:
    """Show one article by REF: its id or its URL."""
    with _open_index(index_spec) as index:
        article = index.get(ref) if "://" not in ref else None
        if article is None and ("://" in ref or "." in ref):
            try:
                article = index.get_by_url(ref if "://" in ref else f"https://{ref}")
            except ValueError:
                article = None
    if article is None:
        raise click.ClickException(f"no article {ref!r} in the index; `pmi search` shows ids")
    if fmt == "json":
        click.echo(json.dumps(article.to_dict(), ensure_ascii=False, indent=2))
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
    click.echo("=" * min(len(article.title), 100))
    for name, value in meta:
        if value:
            click.echo(f"{name + ':':<12}{value}")
    click.echo()
    click.echo(article.body)


# -- sources ----------------------------------------------------------------------------------------
@cli.group(invoke_without_command=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@index_option
@click.pass_context
def sources(ctx: click.Context, fmt: str, index_spec: str | None) -> None:
    """The configured sources: last crawl, articles, errors and field fill rates."""
    if ctx.invoked_subcommand is not None:
        return
    from pmi_aggregator.cli.health import source_rows

    rows = source_rows(index_spec, ctx.obj["config_path"])
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        _table(
            rows,
            [
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
            ],
        )


@sources.command("check")
@click.argument("keys", nargs=-1)
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
    _table(rows, [*columns, "site", "note"])
    ctx.exit(EXIT_OK if ok else EXIT_SOURCES_FAILED)


# -- index ----------------------------------------------------------------------------------------
@cli.group("index")
def index_group() -> None:
    """Manage an index: deliver the outbox, copy between backends, migrate a mapping."""


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


# -- output helpers ---------------------------------------------------------------------------------
def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return " ".join(str(value).split())


def _table(rows: list[dict[str, Any]], columns: list[str], *, wrap: str | None = None) -> None:
    """An aligned text table that fits the terminal; the ``wrap`` column gets the leftover width."""
    if not rows:
        click.echo("(no rows)")
        return
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    widths = [max(len(c), *(len(_visible(r[i])) for r in cells)) for i, c in enumerate(columns)]
    total = shutil.get_terminal_size((160, 24)).columns
    budget = total - 2 * (len(columns) - 1)
    for i, column in enumerate(columns):
        if column == "title":
            widths[i] = min(widths[i], 60)
    if wrap in columns:
        i = columns.index(wrap)
        widths[i] = max(20, min(widths[i], budget - (sum(widths) - widths[i])))
    click.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    click.echo("  ".join("-" * w for w in widths))
    for row in cells:
        click.echo("  ".join(_fit(v, w) for v, w in zip(row, widths, strict=True)).rstrip())


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _visible(text: str) -> str:
    return _ANSI.sub("", text)


def _fit(text: str, width: int) -> str:
    visible = _visible(text)
    if len(visible) <= width:
        return text + " " * (width - len(visible))
    return visible[: max(0, width - 1)] + "…"


def _csv(rows: list[dict[str, Any]]) -> None:
    buffer = io.StringIO()
    columns = [
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
    ]
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: _cell(row.get(c)) for c in columns})
    click.echo(buffer.getvalue(), nl=False)


def main(argv: list[str] | None = None) -> None:
    cli.main(args=argv, prog_name="pmi")


if __name__ == "__main__":
    main()
