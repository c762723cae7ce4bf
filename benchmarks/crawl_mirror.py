"""A static copy of the ApakabarOnline mirror with N articles, served fast for crawl benchmarks.

    python -m benchmarks.crawl_mirror N      # prints the base URL on stdout, serves until killed

The dynamic mirror renders each page from its post list (a quarter of a second per page at 10,000
posts), which would make the server the bottleneck. Here each of the mirror's own article pages is
rendered once and copied with a numbered slug, title and paragraphs (so every copy is a distinct
article), and the sitemaps are written directly: every response is a prepared ``bytes``.
"""

from __future__ import annotations

import html
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

PER_SITEMAP = 2000


class _Headers(dict[str, str]):
    """The request headers the mirror's handler reads (none set)."""


def _article_pages(base: str, count: int) -> dict[str, bytes]:
    from tests.support.mirrors import apakabar

    site = apakabar.build_site()
    site.base_url = base
    posts = [
        post for post in site.posts if site.handle("GET", f"/{post.slug}/", {}, _Headers()).status == 200
    ]
    templates = [site.handle("GET", f"/{post.slug}/", {}, _Headers()).body.decode("utf-8") for post in posts]
    pages: dict[str, bytes] = {}
    for n in range(count):
        post, template = posts[n % len(posts)], templates[n % len(posts)]
        slug, title = f"{post.slug}-{n}", html.escape(post.title, quote=False)
        page = template.replace(f"/{post.slug}/", f"/{slug}/").replace(title, f"{title} ({n})")
        pages[f"/{slug}/"] = page.replace("</p>", f" ({n})</p>").encode("utf-8")
    return pages


def build(base: str, count: int) -> dict[str, bytes]:
    """Every path of the static mirror and its body."""
    pages = _article_pages(base, count)
    paths = sorted(pages)
    chunks = [paths[i : i + PER_SITEMAP] for i in range(0, len(paths), PER_SITEMAP)]
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    index = "".join(f"<sitemap><loc>{base}/sitemap-{i + 1}.xml</loc></sitemap>" for i in range(len(chunks)))
    pages["/sitemap.xml"] = f"{head}<sitemapindex {ns}>{index}</sitemapindex>".encode()
    for i, chunk in enumerate(chunks):
        urls = "".join(f"<url><loc>{base}{path}</loc></url>" for path in chunk)
        pages[f"/sitemap-{i + 1}.xml"] = f"{head}<urlset {ns}>{urls}</urlset>".encode()
    pages["/robots.txt"] = f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n".encode()
    return pages


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    pages: dict[str, bytes]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        body = self.server.pages.get(path)
        kind = "application/xml" if path.endswith(".xml") else "text/html; charset=UTF-8"
        if path.endswith(".txt"):
            kind = "text/plain"
        self.send_response(200 if body is not None else 404)
        body = body if body is not None else b"not found"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def main() -> None:
    server = _Server(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    server.pages = build(base, int(sys.argv[1]))
    print(base, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
