"""``pmi watch``: saved searches whose new matches are delivered (feed, e-mail, webhook, JSON lines).

The library does the work (``pmi_aggregator.watch``); this module reads the options and prints. A run's
JSON lines are the only thing on stdout, so ``pmi watch run | script`` reads articles; the summary
goes to stderr.
"""

from __future__ import annotations

import sys

import click

from pmi_aggregator.cli.columns import specs
from pmi_aggregator.cli.output import print_json, print_table
from pmi_aggregator.cli.params import TEXT, index_option
from pmi_aggregator.cli.query_args import QueryCommand
from pmi_aggregator.errors import EXIT_OK, EXIT_SOURCES_FAILED, PmiError
from pmi_aggregator.index.facet_args import facet_filters
from pmi_aggregator.watch.model import Watch
from pmi_aggregator.watch.run import WatchRun, run_watches
from pmi_aggregator.watch.service import add_watch, feed_bytes, feed_path, list_watches, remove_watch

LIST_COLUMNS = ("name", "query", "outputs", "matched", "pending", "dead", "last_run", "last_error")


def _config_path() -> str | None:
    obj = click.get_current_context().obj or {}
    return obj.get("config_path")


@click.group("watch")
def watch_group() -> None:
    """Saved searches: each run delivers the articles that match since the last one."""


@watch_group.command("add", cls=QueryCommand)
@click.argument("name", type=TEXT)
@click.argument("words", nargs=-1, type=TEXT)
@click.option("-s", "--source", "sources", multiple=True, type=TEXT, help="Only this source (repeatable).")
@click.option("--country", multiple=True, type=TEXT, help="Only articles naming this country (ISO code).")
@click.option("--province", multiple=True, type=TEXT, help="Only this province of origin.")
@click.option("--org", multiple=True, type=TEXT, help="Only articles naming this organisation.")
@click.option("--topic", multiple=True, type=TEXT, help="Only this topic.")
@click.option("--feed", is_flag=True, help="Rewrite an Atom file after each run (the default output).")
@click.option("--email", multiple=True, type=TEXT, help="Send a digest to this address ([watch.smtp]).")
@click.option("--webhook", type=TEXT, help="POST each batch as JSON to this URL.")
@click.option("--jsonl", is_flag=True, help="Print the matches as JSON lines from `pmi watch run`.")
@click.option("--updates", is_flag=True, help="Deliver an article again when it is edited.")
@index_option
def watch_add(
    name: str,
    words: tuple[str, ...],
    sources: tuple[str, ...],
    feed: bool,
    email: tuple[str, ...],
    webhook: str | None,
    jsonl: bool,
    updates: bool,
    index_spec: str | None,
    **facets: tuple[str, ...],
) -> None:
    """Save the search WORDS as NAME; what matches now is the starting point, never delivered."""
    filters = {"sources": sources, **facet_filters(**facets)}
    watch = Watch(
        name,
        " ".join(words),
        filters={k: tuple(v) for k, v in filters.items() if v},
        feed=feed or not (email or webhook or jsonl),
        email=email,
        webhook=webhook,
        jsonl=jsonl,
        updates=updates,
    )
    baseline = add_watch(watch, index_spec, _config_path())
    click.echo(f"watch {name} saved; {baseline} articles match already and will not be delivered", err=True)


@watch_group.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@index_option
def watch_list(fmt: str, index_spec: str | None) -> None:
    """The saved searches, what they matched and what waits."""
    rows = []
    for status in list_watches(index_spec, _config_path()):
        watch = status.watch
        rows.append(
            {
                **watch.to_dict(),
                "outputs": ", ".join(watch.outputs),
                "matched": status.matched,
                "pending": status.pending,
                "dead": status.dead,
                "created_at": status.created_at,
                "last_run": status.last_run_at,
                "last_error": status.last_error,
                "feed_file": str(feed_path(watch.name, index_spec, _config_path())) if watch.feed else None,
            }
        )
    if fmt == "json":
        print_json(rows)
    else:
        shown = [
            {**r, "last_run": (r["last_run"] or "never")[:16], "last_error": r["last_error"] or ""}
            for r in rows
        ]
        print_table(
            shown, specs(list(LIST_COLUMNS)), empty="(no watches; `pmi watch add NAME WORDS` saves one)"
        )


@watch_group.command("rm")
@click.argument("name", type=TEXT)
@index_option
def watch_rm(name: str, index_spec: str | None) -> None:
    """Forget a watch, its record and its feed file."""
    remove_watch(name, index_spec, _config_path())
    click.echo(f"watch {name} removed", err=True)


@watch_group.command("feed")
@click.argument("name", type=TEXT)
@index_option
def watch_feed(name: str, index_spec: str | None) -> None:
    """Print the Atom feed of a watch."""
    sys.stdout.buffer.write(feed_bytes(name, index_spec, _config_path()))
    sys.stdout.flush()


@watch_group.command("run")
@click.argument("names", nargs=-1, type=TEXT)
@click.option("--retry-dead", is_flag=True, help="Try the dead letters again.")
@index_option
@click.pass_context
def watch_run(ctx: click.Context, names: tuple[str, ...], retry_dead: bool, index_spec: str | None) -> None:
    """Deliver what the watches NAMES (default: all) match since their last run.

    Exit status 1 when a delivery failed: its articles wait for the next run.
    """
    runs = run_watches(
        names, index_spec=index_spec, config_path=_config_path(), emit=click.echo, retry_dead=retry_dead
    )
    _summarize(runs)
    ctx.exit(EXIT_OK if all(run.ok for run in runs) else EXIT_SOURCES_FAILED)


def run_after_crawl(index_spec: str | None, config_path: str | None) -> None:
    """The watches at the end of ``pmi crawl``: a failure is a warning, never the crawl's exit status;
    JSON lines wait for ``pmi watch run``."""
    try:
        _summarize(run_watches(index_spec=index_spec, config_path=config_path))
    except PmiError as exc:
        click.echo(f"Warning: the watches did not run: {exc}", err=True)


def _summarize(runs: list[WatchRun]) -> None:
    for run in runs:
        line = f"watch {run.name}: {run.matched} new, {run.delivered} delivered, {run.waiting} waiting"
        click.echo(line + (f", {run.dead} dead letters" if run.dead else ""), err=True)
        for error in run.errors:
            click.echo(f"Warning: watch {run.name}: {error}", err=True)
