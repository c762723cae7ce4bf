"""``pmi index check`` and ``pmi index repair``: find damage in an index, and rebuild it."""

from __future__ import annotations

import click

from pmi_aggregator.cli.params import index_option
from pmi_aggregator.errors import EXIT_UNAVAILABLE
from pmi_aggregator.index.location import is_remote, lock_path, resolve_index_spec


def _spec(index_spec: str | None) -> str:
    return resolve_index_spec(index_spec, click.get_current_context().obj.get("config_path"))


@click.command("check")
@index_option
def index_check(index_spec: str | None) -> None:
    """Check the index for damage: SQLite and full-text integrity, or the cluster's health (exit 4: damaged)."""
    from pmi_aggregator.index.health import check_index

    spec = _spec(index_spec)
    problems = check_index(spec)
    if not problems:
        click.echo("the index is sound")
        return
    for problem in problems:
        click.echo(problem)
    repair = "" if is_remote(spec) else "; `pmi index repair` rebuilds it from the stored articles"
    click.echo(
        f"Error: the index is damaged ({len(problems)} problem{'s' if len(problems) != 1 else ''}){repair}",
        err=True,
    )
    raise click.exceptions.Exit(EXIT_UNAVAILABLE)


@click.command("repair")
@index_option
@click.option("--force", is_flag=True, help="Rebuild even when the check finds nothing wrong.")
def index_repair(index_spec: str | None, force: bool) -> None:
    """Rebuild a damaged embedded index from its stored articles (the old file is kept aside)."""
    from pmi_aggregator.crawler.state import CrawlLock
    from pmi_aggregator.index.health import check_index, repair_index

    spec = _spec(index_spec)
    if not force and not is_remote(spec) and not check_index(spec):
        click.echo("the index is sound; nothing to repair (--force rebuilds it anyway)")
        return
    with CrawlLock(lock_path(spec)):  # no crawl writes while the file is swapped
        click.echo(repair_index(spec))
        if not is_remote(spec):
            _forget_lost_articles(spec)


def _forget_lost_articles(spec: str) -> None:
    """The crawl state must not vouch for articles the repair could not carry over."""
    from pmi_aggregator.crawler.state_recovery import open_crawl_state
    from pmi_aggregator.index import open_index
    from pmi_aggregator.index.location import index_url_of, state_path_for

    path = state_path_for(index_url_of(spec))
    if not path.exists():
        return
    with open_index(spec) as index:
        stored = {article.id for article in index.iter_articles()}
    state = open_crawl_state(path, spec)
    try:
        sources = state.forget_all_but(stored)
    finally:
        state.close()
    if sources:
        click.echo(
            f"the next crawl of {', '.join(sources)} fetches the articles that could not be read again"
        )
