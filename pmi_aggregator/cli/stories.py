"""``pmi story``, ``pmi stories``, ``pmi index relink`` and the story fields of ``pmi search --collapse``."""

from __future__ import annotations

import contextlib
import sys
from datetime import datetime, timedelta, timezone
from typing import Any

import click

from pmi_aggregator.cli.columns import specs
from pmi_aggregator.cli.index_access import open_existing
from pmi_aggregator.cli.output import print_json, print_records, print_table
from pmi_aggregator.cli.params import TEXT, DateArg, index_option
from pmi_aggregator.errors import UsageError
from pmi_aggregator.index import Index, resolve_index_spec
from pmi_aggregator.index.contract import StorySummary
from pmi_aggregator.index.payload import published_of, resolve_story, story_payload

FORMATS = ("table", "json", "csv")
MEMBER_FIELDS = ("published_at", "source", "title", "kind", "copy_of", "id", "url")
STORY_FIELDS = ("outlets", "articles", "first_published", "first_source", "title", "story_id")


def more_outlets(row: dict[str, Any]) -> str:
    """``+4 outlets`` beside a collapsed hit's row (nothing for a story of one outlet)."""
    others = int(row.get("story_outlets") or 1) - 1
    return f"+{others} outlet{'s' if others > 1 else ''}" if others else ""


def _open(index_spec: str | None) -> Index:
    return open_existing(index_spec, click.get_current_context().obj.get("config_path"))


@click.command()
@click.argument("ref", type=TEXT)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@index_option
def story(ref: str, fmt: str, index_spec: str | None) -> None:
    """Every article of one story, first report first: outlet, date, title, and copy or separate report.

    REF is a story id (as `pmi stories` and `pmi search --collapse` print it) or any member's id.
    """
    with _open(index_spec) as index:
        members = resolve_story(index, ref.strip())
    if not members:
        raise UsageError(f"no story or article {ref!r} in the index; `pmi stories` lists stories")
    payload = story_payload(members)
    rows: list[dict[str, Any]] = payload["articles"]
    if fmt == "json":
        print_json(payload)
    elif fmt == "csv":
        print_records(rows, "csv", MEMBER_FIELDS)
    else:
        table = [{**r, "published": (r["published_at"] or "")[:10], "id": r["id"][:10]} for r in rows]
        print_table(table, specs(["published", "source", "title", "kind", "id"]), empty="(no articles)")
        outlets = len({a.source for a in members})
        click.echo(f"{len(members)} articles from {outlets} outlets", err=True)


@click.command()
@click.option("--since", type=DateArg(), help="Only articles published since (a span such as 7d, or a date).")
@click.option("--to", "until", type=DateArg(end=True), help="Only articles published until.")
@click.option(
    "--source", "sources", multiple=True, type=TEXT, help="Only articles of this source (repeatable)."
)
@click.option("--country", "countries", multiple=True, type=TEXT, help="Only articles naming this country.")
@click.option("--topic", "topics", multiple=True, type=TEXT, help="Only articles on this topic (repeatable).")
@click.option("-n", "--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@index_option
def stories(
    since: datetime | None,
    until: datetime | None,
    sources: tuple[str, ...],
    countries: tuple[str, ...],
    topics: tuple[str, ...],
    limit: int,
    fmt: str,
    index_spec: str | None,
) -> None:
    """The stories reported by the most outlets (default: the last 7 days)."""
    start = since or datetime.now(timezone.utc) - timedelta(days=7)
    with _open(index_spec) as index:
        found = index.stories(
            since=start, until=until, sources=sources, countries=countries, topics=topics, limit=limit
        )
    rows = [_story_row(s) for s in found]
    if fmt == "json":
        print_json({"since": start.isoformat(), "stories": rows})
    elif fmt == "csv":
        print_records(rows, "csv", STORY_FIELDS)
    else:
        table = [
            {**r, "published": (r["first_published"] or "")[:10], "id": r["story_id"][:10]} for r in rows
        ]
        print_table(table, specs(["outlets", "articles", "published", "title", "id"]), empty="(no stories)")


def _story_row(summary: StorySummary) -> dict[str, Any]:
    first = summary.first
    return {
        "outlets": summary.outlets,
        "articles": summary.articles,
        "first_published": published_of(first),
        "first_source": first.source if first else None,
        "title": first.title if first else "",
        "story_id": summary.story_id,
    }


@click.command()
@index_option
@click.option("--batch-size", type=click.IntRange(1, 5000), default=500, show_default=True)
@click.pass_context
def relink(ctx: click.Context, index_spec: str | None, batch_size: int) -> None:
    """Link every stored article into copies and stories again (after an update of the linking rules)."""
    from pmi_aggregator.crawler.state import CrawlLock
    from pmi_aggregator.index.location import lock_path
    from pmi_aggregator.stories.relink import relink as run

    with _open(index_spec) as index:
        total = index.count()
        # Held like a crawl's: a crawl linking articles meanwhile would be undone by the rewrite.
        lock = CrawlLock(lock_path(resolve_index_spec(index_spec, ctx.obj.get("config_path"))))
        with lock, contextlib.ExitStack() as stack:
            progress = None
            if sys.stderr.isatty() and not ctx.obj["quiet"]:
                bar = stack.enter_context(
                    click.progressbar(length=2 * total, label="relinking", file=sys.stderr)
                )
                progress = bar.update
            read, result = run(index, batch_size=batch_size, progress=progress)
    click.echo(f"{read} articles: {result.updated} relinked, {result.unchanged} unchanged")
