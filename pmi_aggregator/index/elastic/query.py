"""Rendering a parsed query and the request's filters to an Elasticsearch query body."""

from __future__ import annotations

from typing import Any

from pmi_aggregator.index.contract import SearchRequest
from pmi_aggregator.index.elastic.mapping import DATE_FORMAT
from pmi_aggregator.index.query import Clause, Query
from pmi_aggregator.index.ranking import BODY_WEIGHT, TITLE_WEIGHT

_FIELDS = [f"title_terms^{TITLE_WEIGHT / BODY_WEIGHT:g}", "body_terms"]
SORTS: dict[str, list[dict[str, Any]]] = {
    "relevance": [{"_score": "desc"}, {"id": "asc"}],
    "newest": [{"published_at": {"order": "desc", "missing": "_last"}}, {"id": "desc"}],
    "oldest": [{"published_at": {"order": "asc", "missing": "_last"}}, {"id": "asc"}],
}
"""The id tiebreak makes every order total, so ``search_after`` cursors never skip or repeat a hit."""


def _clause_query(clause: Clause) -> dict[str, Any]:
    """One clause on both term fields, scores summed (like BM25 over weighted columns)."""
    kind = "phrase" if len(clause) > 1 else "best_fields"
    return {"multi_match": {"query": " ".join(clause), "type": kind, "fields": _FIELDS, "tie_breaker": 1.0}}


def _group_query(group: tuple[Clause, ...]) -> dict[str, Any]:
    if len(group) == 1:
        return _clause_query(group[0])
    return {"bool": {"should": [_clause_query(c) for c in group], "minimum_should_match": 1}}


def _filters(request: SearchRequest) -> list[dict[str, Any]]:
    filters: list[dict[str, Any]] = []
    if request.sources:
        filters.append({"terms": {"source": list(request.sources)}})
    bounds = {}
    if request.date_from:
        bounds["gte"] = request.date_from.strftime(DATE_FORMAT)
    if request.date_to:
        bounds["lte"] = request.date_to.strftime(DATE_FORMAT)
    if bounds:
        dated = {"range": {"published_at": bounds}}
        undated = {"bool": {"must_not": {"exists": {"field": "published_at"}}}}
        filters.append({"bool": {"should": [dated, undated]}} if request.include_undated else dated)
    filters.extend({"terms": {name: list(values)}} for name, values in request.facet_filters)
    return filters


def render_query(parsed: Query, request: SearchRequest) -> dict[str, Any]:
    """The ES query for a parsed query plus the request's filters."""
    clauses: dict[str, Any] = {}
    if parsed.groups:
        clauses["must"] = [_group_query(g) for g in parsed.groups]
    if parsed.excluded:
        clauses["must_not"] = [_clause_query(c) for c in parsed.excluded]
    if filters := _filters(request):
        clauses["filter"] = filters
    return {"bool": clauses} if clauses else {"match_all": {}}


def facet_aggregations(fields: tuple[str, ...], limit: int) -> dict[str, Any]:
    """One ``terms`` aggregation per field, ordered as the contract orders facets."""
    order = [{"_count": "desc"}, {"_key": "asc"}]
    return {name: {"terms": {"field": name, "size": limit, "order": order}} for name in fields}
