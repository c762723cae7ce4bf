"""A WordPress site whose REST post listing misbehaves: failing pages, a missing or absurd
``X-WP-TotalPages``, and posts whose fields have the wrong JSON types; and a feed of every post,
oldest first (``OLDEST_FIRST_FEED``).

Built on ``FaultSite`` (no page faults, no sitemap faults): the article pages, the feed and the
sitemaps are the ApakabarOnline mirror's own. Tests change the faults between runs.
"""

from __future__ import annotations

import json
from email.utils import format_datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape

from tests.support.faults.server import FaultSite, _Handler
from tests.support.mirrors import apakabar
from tests.support.mirrors.server import Response

POSTS_PATH = "/wp-json/wp/v2/posts"
OLDEST_FIRST_FEED = "/semua.xml"
HOSTILE_FIELDS: tuple[tuple[str, Any], ...] = (
    ("date_gmt", 1733729400),
    ("date_gmt", True),
    ("date_gmt", ["2025-12-09T07:30:00"]),
    ("modified_gmt", {"when": "yesterday"}),
    ("_embedded", {"wp:term": 5, "wp:featuredmedia": 7, "author": "Redaksi"}),
    ("_embedded", {"wp:term": [5, [3, {"taxonomy": "category", "name": 9}]], "wp:featuredmedia": [None]}),
)
"""(field, value) laid over the first posts of page 1: each kind once killed the rest of the page."""


class ListingFaultSite(FaultSite):
    def __init__(self) -> None:
        super().__init__(apakabar.build_site(), faults={})
        self.sitemap_faults = False
        self.failing_pages: set[int] = set()
        """REST pages that answer 503 (every attempt)."""
        self.total_pages: str | None = "sent"
        """``X-WP-TotalPages``: "sent" (the true count), None (dropped), or a value to send instead."""
        self.hostile_posts = False

    def serve(self, h: _Handler, path: str, query: dict[str, str]) -> Response | None:
        if path == OLDEST_FIRST_FEED:
            return self._oldest_first_feed()
        if path.rstrip("/") != POSTS_PATH:
            return super().serve(h, path, query)
        page = int(query.get("page", "1") or 1)
        if page in self.failing_pages:
            return Response(503, {"Content-Type": "application/json"}, b'{"code":"unavailable"}')
        response = self.site.handle(h.command, path, query, h.headers)
        headers = [(k, v) for k, v in response.header_items() if k.lower() != "x-wp-totalpages"]
        true_pages = response.get_header("X-WP-TotalPages")
        sent = true_pages if self.total_pages == "sent" else self.total_pages
        if sent is not None:
            headers.append(("X-WP-TotalPages", sent))
        body = response.body
        if self.hostile_posts and page == 1 and response.status == 200:
            posts = json.loads(body)
            for post, (name, value) in zip(posts, HOSTILE_FIELDS, strict=False):
                post[name] = value
            body = json.dumps(posts).encode()
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        return Response(response.status, headers, body)

    def _oldest_first_feed(self) -> Response:
        """Every post in one RSS document, oldest first, excerpts only (the pages have the text)."""
        items = "".join(
            f"<item><title>{escape(post.title)}</title><link>{self.base}/{post.slug}/</link>"
            f"<pubDate>{format_datetime(post.date_gmt, usegmt=True)}</pubDate>"
            f"<description>{escape(post.auto_excerpt[:120])}</description></item>"
            for post in sorted(self.site.posts, key=lambda p: p.date_gmt)
        )
        body = f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Semua</title>{items}</channel></rss>'
        return Response(200, {"Content-Type": "application/rss+xml; charset=UTF-8"}, body.encode())

    def rest_pages_requested(self, paths: list[str]) -> list[int]:
        """The ``page`` of each REST listing request, in order."""
        return [
            int(dict(parse_qsl(urlsplit(p).query)).get("page", "1"))
            for p in paths
            if urlsplit(p).path.rstrip("/") == POSTS_PATH
        ]
