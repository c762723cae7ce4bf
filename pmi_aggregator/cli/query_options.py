"""The query and filter options that ``search``, ``export``, ``facets`` and ``stats`` share.

Kept apart from ``cli.commands`` so that a command in its own module takes the same options.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import click

from pmi_aggregator.cli.params import TEXT, DateArg, index_option
from pmi_aggregator.index.facet_args import facet_filters
from pmi_aggregator.index.payload import configured_synonyms


def query_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The query words and the filters, as options of ``command``."""
    for decorate in reversed(
        (
            click.argument("words", nargs=-1, type=TEXT),
            click.option(
                "-s", "--source", "sources", multiple=True, type=TEXT, help="Only this source (repeatable)."
            ),
            click.option(
                "--from", "date_from", type=DateArg(), help="Published on or after (see DATES below)."
            ),
            click.option(
                "--to", "date_to", type=DateArg(end=True), help="Published on or before (2025: to its end)."
            ),
            click.option(
                "--include-undated", is_flag=True, help="Keep articles without a date when filtering by date."
            ),
            *(
                click.option(
                    f"--{name}", name, multiple=True, type=TEXT, help=f"Only articles naming this {what}."
                )
                for name, what in (
                    ("country", "country (ISO code: MY, TW, HK…; repeatable: any of them)"),
                    ("province", "province of origin (repeatable)"),
                    ("org", "organisation (repeatable)"),
                    ("topic", "topic (repeatable)"),
                )
            ),
            click.option("--exact", is_flag=True, help="No synonyms: only the words as typed (stemmed)."),
            index_option,
        )
    ):
        command = decorate(command)
    return command


def query_filters(
    sources: tuple[str, ...],
    date_from: datetime | None,
    date_to: datetime | None,
    include_undated: bool,
    facet_options: dict[str, Any],
) -> dict[str, Any]:
    """The search keyword arguments of the shared query options (different options are ANDed)."""
    exact = bool(facet_options.pop("exact", False))
    config_path = click.get_current_context().obj.get("config_path")
    return {
        "sources": list(sources),
        "date_from": date_from,
        "date_to": date_to,
        "include_undated": include_undated,
        **facet_filters(**facet_options),
        "exact": exact,
        "synonyms": None if exact else configured_synonyms(config_path),
    }


def take_query_options(options: dict[str, Any]) -> tuple[str, str | None, dict[str, Any]]:
    """(the query, the --index value, the search filters) of a command's shared options, which are
    taken out of ``options``: what is left are the command's own."""
    shared = {name: options.pop(name) for name in _FACET_AND_QUERY_NAMES}
    filters = query_filters(
        shared.pop("sources"),
        shared.pop("date_from"),
        shared.pop("date_to"),
        shared.pop("include_undated"),
        {name: shared.pop(name) for name in ("country", "province", "org", "topic", "exact")},
    )
    return " ".join(shared["words"]), shared["index_spec"], filters


_FACET_AND_QUERY_NAMES = (
    "words",
    "sources",
    "date_from",
    "date_to",
    "include_undated",
    "country",
    "province",
    "org",
    "topic",
    "exact",
    "index_spec",
)
"""The parameter names of ``query_options``."""


QUERY_HELP = """

    QUERY: words (ANDed), "a phrase", -word or -"a phrase" to exclude, a OR b; none lists by date.
    Words may start with "-"; after `--` every word is a query word.

    \\b
    DATES (--from, --to): YYYY, YYYY-MM, YYYY-MM-DD, an ISO datetime (2025-01-31T08:00+07:00),
    or a span back from now: 12h, 7d, 2w, 6m (30 days), 1y (365 days). Without a zone: Jakarta time."""
