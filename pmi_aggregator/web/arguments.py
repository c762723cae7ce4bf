"""Query-string parameters to the arguments of the index calls, named and checked as the CLI's options.

``/api/search?q=gaji&country=MY&from=2024&limit=5`` means ``pmi search gaji --country MY --from 2024
-n 5``: the same names (``source``, ``from``, ``to``, ``include_undated``, ``country``, ``province``,
``org``, ``topic``, ``exact``, ``sort``, ``limit``, ``offset``, ``cursor``) and the same limits; bad
values raise ``UsageError`` (a 400 with one line).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import QueryParams

from pmi_aggregator.errors import UsageError
from pmi_aggregator.index.contract import MAX_LIMIT, MAX_OFFSET, SORTS
from pmi_aggregator.index.facet_args import FACET_OPTIONS, facet_filters
from pmi_aggregator.index.synonyms import Synonyms
from pmi_aggregator.normalize.date_args import parse_date_arg

FILTER_PARAMS = ("source", *FACET_OPTIONS)
"""The repeatable filter parameters, as the page's facet links and active-filter chips name them."""
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")


@dataclass(frozen=True)
class SearchArgs:
    query: str
    narrowed: dict[str, Any]
    """The filters and query options (``Index.facets`` and ``Index.stats`` take them as they are)."""
    sort: str
    limit: int
    offset: int
    cursor: str | None
    collapse: bool = False
    """One hit per story (``pmi search --collapse``)."""


def search_args(params: QueryParams, synonyms: Synonyms) -> SearchArgs:
    """The search the parameters describe, as ``pmi search`` reads the same options (``synonyms``: the
    configured table, used unless ``exact``)."""
    exact = flag(params, "exact")
    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        raise UsageError(f"sort must be one of: {', '.join(SORTS)}")
    narrowed = {
        "sources": _values(params, "source"),
        "date_from": _date(params, "from", end=False),
        "date_to": _date(params, "to", end=True),
        "include_undated": flag(params, "include_undated"),
        **facet_filters(**{name: tuple(_values(params, name)) for name in FACET_OPTIONS}),
        "exact": exact,
        "synonyms": None if exact else synonyms,
    }
    return SearchArgs(
        query=" ".join((params.get("q") or "").split()),
        narrowed=narrowed,
        sort=sort,
        limit=number(params, "limit", 20, 0, MAX_LIMIT),  # as pmi search -n
        offset=number(params, "offset", 0, 0, MAX_OFFSET),
        cursor=params.get("cursor") or None,
        collapse=flag(params, "collapse"),
    )


def number(params: QueryParams, name: str, default: int, low: int, high: int) -> int:
    text = params.get(name)
    if text is None or text == "":
        return default
    if not text.isdigit() or not low <= int(text) <= high:
        raise UsageError(f"{name} must be a whole number from {low} to {high}")
    return int(text)


def flag(params: QueryParams, name: str) -> bool:
    value = (params.get(name) or "").strip().lower()
    if value not in _TRUE + _FALSE:
        raise UsageError(f"{name} must be 1 or 0 (true or false)")
    return value in _TRUE


def choice(params: QueryParams, name: str, choices: Sequence[str]) -> str | None:
    """One of ``choices``, or None when the parameter is absent or empty."""
    value = params.get(name) or None
    if value is not None and value not in choices:
        raise UsageError(f"{name} must be one of: {', '.join(choices)}")
    return value


def _values(params: QueryParams, name: str) -> list[str]:
    return [v for v in params.getlist(name) if v.strip()]


def _date(params: QueryParams, name: str, *, end: bool) -> Any:
    text = (params.get(name) or "").strip()
    return parse_date_arg(text, end=end, name=name) if text else None


def with_value(
    pairs: Sequence[tuple[str, str]], name: str, value: str, *, add: bool
) -> list[tuple[str, str]]:
    """The parameters with ``name=value`` added or removed, and without a cursor or offset (a new search
    starts on its first page)."""
    kept = [(k, v) for k, v in pairs if k not in ("cursor", "offset") and not (k == name and v == value)]
    return [*kept, (name, value)] if add else kept
