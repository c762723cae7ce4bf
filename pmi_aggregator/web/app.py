"""The Starlette application: the search page, the article view, their fragments and the JSON API.

The page itself runs one search; facet counts and the timeline arrive in separate requests (fetched by
the static script), so the first results show as soon as the search is done.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from pmi_aggregator.article import Article
from pmi_aggregator.errors import IndexFailure, InvalidRequest, UsageError
from pmi_aggregator.index.contract import FACET_FIELDS, Index
from pmi_aggregator.index.facet_args import FACET_OPTIONS, SPLIT_OPTIONS, facet_fields
from pmi_aggregator.index.payload import (
    configured_synonyms,
    facets_payload,
    resolve_story,
    search_payload,
    stats_payload,
    story_payload,
)
from pmi_aggregator.index.periods import MAX_SPLIT_LIMIT, PERIODS, SPLITS
from pmi_aggregator.watch.service import feed_bytes, list_watches
from pmi_aggregator.web.arguments import (
    FILTER_PARAMS,
    SearchArgs,
    choice,
    flag,
    number,
    search_args,
    with_value,
)
from pmi_aggregator.web.readers import Readers
from pmi_aggregator.web.security import Guard
from pmi_aggregator.web.timeline import timeline

HERE = Path(__file__).parent
FIELD_PARAMS = {"source": "source", **{field: word for word, field in FACET_OPTIONS.items()}}
"""Index field -> the query parameter that filters by it."""
FACET_TITLES = {
    "source": "Source",
    "countries": "Country",
    "provinces": "Province",
    "organizations": "Organisation",
    "topics": "Topic",
}
_MARKED = re.compile(r"&lt;mark&gt;(.*?)&lt;/mark&gt;", re.DOTALL)


def marked(snippet: str) -> Markup:
    """A snippet escaped whole, then only our own ``<mark>`` pairs restored (their text stays escaped)."""
    return Markup(_MARKED.sub(r"<mark>\1</mark>", str(escape(snippet))))


def safe_link(url: str) -> str | None:
    """The URL if a browser may follow it (http or https); a ``javascript:`` or ``data:`` URL is not."""
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, auto_reload=False)
    env.filters.update(marked=marked, safe_link=safe_link)
    return env


def create_app(index: Index, *, config_path: str | None = None, token: str | None, check_host: bool) -> Any:
    """The UI over an open index; ``token`` (None: none needed) and the Host check as ``web.security``."""
    env = _environment()
    reader = Readers(index)
    pool = ThreadPoolExecutor(4, thread_name_prefix="pmi-web")
    synonyms = configured_synonyms(config_path)  # read once: the config of the running server

    def page(name: str, code: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=code)

    def args(request: Request) -> SearchArgs:
        return search_args(request.query_params, synonyms)

    def search(request: Request) -> Response:
        wanted = args(request)
        payload = search_payload(
            reader(),
            wanted.query,
            wanted.narrowed,
            **_page_of(wanted),
            facets=_facets(request),
            explain=flag(request.query_params, "explain"),
            collapse=wanted.collapse,
        )
        pairs = list(request.query_params.multi_items())
        if request.url.path.startswith("/api/"):
            return JSONResponse(payload)
        active = [
            (
                FACET_TITLES.get(FACET_OPTIONS.get(k, k), k),
                v,
                "?" + urlencode(with_value(pairs, k, v, add=False)),
            )
            for k, v in pairs
            if k in FILTER_PARAMS and v.strip()
        ]
        rest = urlencode([(k, v) for k, v in pairs if k not in ("cursor", "offset")])
        following = urlencode([*[(k, v) for k, v in pairs if k != "cursor"], ("cursor", payload["cursor"])])
        return page(
            "search.html",
            payload=payload,
            params=request.query_params,
            active=active,
            hidden=[(k, v) for k, v in pairs if k in FILTER_PARAMS],
            query_string=rest,
            next_page=f"?{following}" if payload["cursor"] else None,
            resumed=bool(wanted.cursor),
            sorts=("relevance", "newest", "oldest"),
            periods={
                by: "?"
                + urlencode([*((k, v) for k, v in pairs if k not in ("by", "cursor", "offset")), ("by", by)])
                for by in ("week", "month", "year")
            },
        )

    def facets(request: Request) -> Response:
        wanted = args(request)
        if request.url.path.startswith("/api/"):
            fields = facet_fields([request.query_params.get("by") or ",".join(FACET_OPTIONS)])
            limit = number(request.query_params, "limit", 10, 1, 100)
            counts = reader().facets(wanted.query, fields=fields, limit=limit, **wanted.narrowed)
            return JSONResponse(facets_payload(wanted.query, counts))
        # The source counts (a split of the stats) in another thread, on its own connection.
        sources = pool.submit(
            lambda: reader().stats(wanted.query, by="year", split="source", limit=10, **wanted.narrowed)
        )
        counts = reader().facets(
            wanted.query, limit=10, **wanted.narrowed
        )  # the page's `by` is the timeline's
        groups = [("source", [(str(g), n) for g, n in sources.result().totals.items()])]
        groups += [(field, counts[field]) for field in FACET_FIELDS]
        pairs = list(request.query_params.multi_items())
        return page("facets.html", groups=_facet_links(groups, pairs), titles=FACET_TITLES)

    def stats(request: Request) -> Response:
        wanted = args(request)
        by = choice(request.query_params, "by", PERIODS) or "month"
        word = request.query_params.get("split") or None
        split = (
            choice(request.query_params, "split", SPLITS)
            if word not in SPLIT_OPTIONS
            else SPLIT_OPTIONS[word]
        )
        if not request.url.path.startswith("/api/"):
            return page(
                "timeline.html",
                chart=timeline(
                    reader().stats(wanted.query, by=by, collapse=wanted.collapse, **wanted.narrowed)
                ),
            )
        limit = number(request.query_params, "limit", 10, 1, MAX_SPLIT_LIMIT)
        counts = reader().stats(
            wanted.query, by=by, split=split, limit=limit, collapse=wanted.collapse, **wanted.narrowed
        )
        return JSONResponse(stats_payload(wanted.query, counts, wanted.collapse))

    def article(request: Request) -> Response:
        found = reader().get(request.path_params["article_id"])
        if found is None:
            raise LookupError(f"no article {request.path_params['article_id']!r} in the index")
        if request.url.path.startswith("/api/"):
            return JSONResponse(found.to_dict())
        return page("article.html", article=found, fields=_fields(found))

    def story(request: Request) -> Response:
        members = resolve_story(index, request.path_params["ref"])
        if not members:
            raise LookupError(f"no story or article {request.path_params['ref']!r} in the index")
        payload = story_payload(members)
        if request.url.path.startswith("/api/"):
            return JSONResponse(payload)
        outlets = len({a.source for a in members})
        return page("story.html", story=payload, outlets=outlets)

    def watches(request: Request) -> Response:
        return page("watches.html", watches=list_watches(index.url, config_path))

    def feed(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in {status.watch.name for status in list_watches(index.url, config_path)}:
            raise LookupError(f"no watch named {name!r}")
        return Response(feed_bytes(name, index.url, config_path), media_type="application/atom+xml")

    def guarded(handler: Callable[[Request], Response]) -> Callable[[Request], Response]:
        """Bad input: 400 and its one line; a missing article: 404; an index that fails: 503."""

        def run(request: Request) -> Response:
            try:
                return handler(request)
            except (UsageError, InvalidRequest) as exc:
                return _error(request, 400, str(exc), page)
            except LookupError as exc:
                return _error(request, 404, str(exc.args[0]), page)
            except IndexFailure as exc:
                return _error(request, 503, str(exc), page)

        return run

    routes = [
        Route("/", guarded(search)),
        Route("/article/{article_id}", guarded(article)),
        Route("/fragment/facets", guarded(facets)),
        Route("/fragment/timeline", guarded(stats)),
        Route("/story/{ref}", guarded(story)),
        Route("/watches", guarded(watches)),
        Route("/feeds/{name}.atom", guarded(feed)),
        Route("/api/search", guarded(search)),
        Route("/api/facets", guarded(facets)),
        Route("/api/stats", guarded(stats)),
        Route("/api/article/{article_id}", guarded(article)),
        Route("/api/story/{ref}", guarded(story)),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        pool.shutdown()
        reader.close()

    app = Starlette(routes=routes, lifespan=lifespan)
    return Guard(app, token=token, check_host=check_host)


def _page_of(wanted: SearchArgs) -> dict[str, Any]:
    return {"sort": wanted.sort, "limit": wanted.limit, "offset": wanted.offset, "cursor": wanted.cursor}


def _facets(request: Request) -> tuple[str, ...]:
    names = request.query_params.get("facets")
    return facet_fields([names]) if names else ()


def _facet_links(
    groups: list[tuple[str, list[tuple[str, int]]]], pairs: list[tuple[str, str]]
) -> list[tuple[str, list[dict[str, Any]]]]:
    """Per field, each value with its count, whether it is a filter now, and the link that toggles it."""
    linked = []
    for field, counts in groups:
        param = FIELD_PARAMS[field]
        chosen = {v for k, v in pairs if k == param}
        values = [
            {
                "value": value,
                "count": n,
                "active": value in chosen,
                "href": "/?" + urlencode(with_value(pairs, param, value, add=value not in chosen)),
            }
            for value, n in counts
        ]
        linked.append((field, values))
    return linked


def _fields(article: Article) -> list[tuple[str, str]]:
    """Every field of the article as (name, text), lists joined; the body is shown apart."""
    return [
        (name, "; ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value))
        for name, value in article.to_dict().items()
        if name != "body"
    ]


def _error(request: Request, status: int, message: str, page: Callable[..., HTMLResponse]) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status_code=status)
    return page("error.html", status, status=status, message=message)
