"""Facet names as a reader types them: CLI options (``--by country``, ``--facets country,topic``) and
web API parameters (``country=MY``, ``facets=country,topic``), and facet output rows.

The options use the singular words a reader types (``country``, ``org``); the index and the JSON use the
Article's field names (``countries``, ``organizations``), so either is accepted here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pmi_aggregator.errors import UsageError
from pmi_aggregator.index.contract import FACET_FIELDS, FacetCounts

FACET_OPTIONS = {"country": "countries", "province": "provinces", "org": "organizations", "topic": "topics"}
"""Option word -> Article field: ``--country``/``--by country`` filter or count ``countries``."""
SPLIT_OPTIONS = {"source": "source", **FACET_OPTIONS}
"""Option word -> the field ``Index.stats`` splits by (``--split country`` splits by ``countries``)."""
FACET_COLUMNS = ("field", "value", "count")


def facet_fields(names: Iterable[str]) -> tuple[str, ...]:
    """The Article fields that option words (or field names, or comma lists of them) name."""
    fields: list[str] = []
    for name in (part.strip().lower() for text in names for part in text.split(",")):
        if not name:
            continue
        field = FACET_OPTIONS.get(name, name)
        if field not in FACET_FIELDS:
            raise UsageError(f"cannot count by {name!r}; use one of: {', '.join(FACET_OPTIONS)}")
        fields.append(field)
    if not fields:
        raise UsageError(f"name a facet to count: {', '.join(FACET_OPTIONS)}")
    return tuple(dict.fromkeys(fields))


def facet_filters(**values: tuple[str, ...]) -> dict[str, list[str]]:
    """The search keyword arguments of the facet filter options, by Article field."""
    return {FACET_OPTIONS[name]: list(given) for name, given in values.items()}


def facet_rows(counts: FacetCounts) -> list[dict[str, Any]]:
    """One row per (field, value), for tables and CSV."""
    return [{"field": field, "value": v, "count": n} for field, pairs in counts.items() for v, n in pairs]
