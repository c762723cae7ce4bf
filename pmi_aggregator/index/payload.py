"""The JSON answers of the read commands, built once for the CLI (``--format json``) and the web API.

``pmi search --format json`` and ``GET /api/search`` return the same payload for the same arguments
because both call ``search_payload``; likewise facets and stats.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pmi_aggregator.article import Article
from pmi_aggregator.config import load_config
from pmi_aggregator.errors import UsageError
from pmi_aggregator.index.contract import FacetCounts, Hit, Index, SearchResults
from pmi_aggregator.index.periods import PERIOD_ZONE, PeriodCounts
from pmi_aggregator.index.query import parse_query
from pmi_aggregator.index.synonyms import DEFAULT_GROUPS, Synonyms


def configured_synonyms(config_path: str | None) -> Synonyms:
    """The built-in synonym groups and the config file's own."""
    return Synonyms.build((*DEFAULT_GROUPS, *load_config(config_path).synonyms))


def search_payload(
    index: Index,
    query: str,
    narrowed: Mapping[str, Any],
    *,
    sort: str,
    limit: int,
    offset: int = 0,
    cursor: str | None = None,
    facets: Sequence[str] = (),
    explain: bool = False,
    collapse: bool = False,
) -> dict[str, Any]:
    """One page of hits: the query, total, the cursor to the next page (None on the last) and the hits;
    with ``explain`` the synonyms searched per word, with ``facets`` the top values of those fields;
    with ``collapse`` one hit per story (the total counts stories), each with its story's fields."""
    filters = {**narrowed, "sort": sort}
    results = index.search(query, **filters, limit=limit, offset=offset, cursor=cursor, collapse=collapse)
    more = _has_more(index, query, filters, results, limit=limit, offset=offset, resumed=bool(cursor))
    payload: dict[str, Any] = {
        "query": query,
        "total": results.total,
        "cursor": results.cursor if more else None,
        "hits": [{**hit_row(hit.article, hit.score, hit.snippet), **story_fields(hit)} for hit in results],
    }
    if explain:
        synonyms = narrowed.get("synonyms")
        expansion = synonyms.explain(parse_query(query)) if synonyms is not None else []
        payload["expansion"] = [{"term": term, "synonyms": added} for term, added in expansion]
    if facets:
        payload["facets"] = facets_json(index.facets(query, fields=facets, **narrowed))
    return payload


def _has_more(
    index: Index,
    query: str,
    filters: Mapping[str, Any],
    results: SearchResults,
    *,
    limit: int,
    offset: int,
    resumed: bool,
) -> bool:
    """Whether a page follows. From the first hit on, the exact total says; after a cursor the total
    still counts the hits before it, so a full page can be the last one: ask for one hit after it."""
    if not results.cursor or len(results) < limit:
        return False
    if not resumed:
        return offset + len(results) < results.total
    return bool(len(index.search(query, **filters, limit=1, offset=0, cursor=results.cursor)))


def hit_row(article: Article, score: float, snippet: str) -> dict[str, Any]:
    return {**article.to_dict(), "score": round(score, 4), "snippet": snippet}


def facets_json(counts: FacetCounts) -> dict[str, list[dict[str, Any]]]:
    """``{"countries": [{"value": "MY", "count": 3}, …]}``: the facets object of the JSON output."""
    return {field: [{"value": v, "count": n} for v, n in pairs] for field, pairs in counts.items()}


def facets_payload(query: str, counts: FacetCounts) -> dict[str, Any]:
    return {"query": query, "facets": facets_json(counts)}


def stats_payload(query: str, stats: PeriodCounts, collapse: bool = False) -> dict[str, Any]:
    """Counts per period (oldest first), the undated ones apart, what is counted (articles, or stories
    with ``collapse``) and the zone the periods are in."""
    return {
        "query": query,
        "counted": "stories" if collapse else "articles",
        "by": stats.by,
        "split": stats.split,
        "timezone": PERIOD_ZONE,
        "periods": [{"period": p, "split": g, "count": n} for p, g, n in stats.periods],
        "undated": [{"split": g, "count": n} for g, n in stats.undated],
        "dated_total": stats.dated_total,
        "undated_total": stats.undated_total,
    }


def story_fields(hit: Hit) -> dict[str, Any]:
    """What a collapsed search adds to a hit: its story, its size and its first report."""
    story = hit.story
    if story is None:
        return {}
    first = story.first
    return {
        "story_id": story.story_id,
        "story_articles": story.articles,
        "story_outlets": story.outlets,
        "first_report": {"id": first.id, "source": first.source, "published_at": published_of(first)}
        if first
        else None,
    }


def published_of(article: Article | None) -> str | None:
    """An article's publication instant as JSON shows it (None when undated)."""
    return article.published_at.isoformat() if article and article.published_at else None


def resolve_story(index: Index, ref: str) -> list[Article]:
    """The members of the story ``ref`` names, first report first: a story id, or a member's id (or
    the start of one); none when the index holds neither. UsageError for a prefix of several ids."""
    members = index.story(ref)
    if members:
        return members
    ids = index.ids_with_prefix(ref.lower(), 2) if ref.isalnum() else []
    if len(ids) > 1:
        raise UsageError(f"{ref!r} starts more than one id ({', '.join(ids)}…); give more characters")
    article = index.get(ids[0]) if ids else None
    return index.story(article.story_id or article.id) if article else []


def story_payload(members: list[Article]) -> dict[str, Any]:
    """One story as ``pmi story --format json`` and ``/api/story/ID`` show it: its members in order,
    each the first report, a ``copy`` of another's text or a separate ``report``."""
    return {
        "story_id": members[0].story_id or members[0].id,
        "articles": [
            {
                "published_at": published_of(a),
                "source": a.source,
                "title": a.title,
                "kind": _story_kind(a),
                "copy_of": a.copy_of,
                "id": a.id,
                "url": a.url,
                "credited_source": a.credited_source,
            }
            for a in members
        ],
    }


def _story_kind(article: Article) -> str:
    if article.copy_of:
        return "copy"
    return "first" if article.id == (article.story_id or article.id) else "report"
