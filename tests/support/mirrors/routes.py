"""A small routed site for mirrors of non-WordPress sources (listings, feeds, sitemaps, article pages).

Routes are regular expressions over the path; a handler gets the site's base URL (known once
``MirrorServer`` starts), the match and the query, and returns a ``Response`` or None (404).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any

from tests.support.mirrors.server import Response

Handler = Callable[[str, re.Match[str], dict[str, str]], "Response | None"]
HTML = "text/html; charset=UTF-8"
RSS = "application/rss+xml; charset=UTF-8"
XML = "application/xml; charset=UTF-8"


def html(body: str, status: int = 200) -> Response:
    return Response(status, [("Content-Type", HTML)], body.encode("utf-8"))


def xml(body: str, content_type: str = XML) -> Response:
    return Response(200, [("Content-Type", content_type)], body.encode("utf-8"))


def text(value: str) -> str:
    return escape(value, quote=True)


class RoutedSite:
    """Serves ``routes`` in order; ``robots.txt`` allows everything (the crawler reads it)."""

    def __init__(self) -> None:
        self.base_url: str | None = None
        self.routes: list[tuple[re.Pattern[str], Handler]] = []

    def route(self, pattern: str, handler: Handler) -> None:
        self.routes.append((re.compile(pattern), handler))

    def handle(self, method: str, path: str, query: dict[str, str], headers: Any) -> Response:
        base = self.base_url or f"http://{headers.get('Host', '127.0.0.1')}"
        if path == "/robots.txt":
            return Response(200, [("Content-Type", "text/plain")], b"User-agent: *\nDisallow: /admin/\n")
        for pattern, handler in self.routes:
            match = pattern.fullmatch(path)
            if match:
                response = handler(base, match, query)
                if response is not None:
                    return response
        return html("<html><body><h1>404 Page Not Found</h1></body></html>", 404)
