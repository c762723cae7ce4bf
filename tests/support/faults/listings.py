"""Hostile listings and borrowed identities: small sites whose feeds, sitemaps and REST answers misbehave.

Each ``ListingSite`` is served by its own ``MirrorServer`` (so each has its own host:port, as two news
sites have two hosts). ``build_sites()`` makes the set one test module crawls in one run:

- ``deepjson`` (wordpress): the REST API answers JSON nested 1,000 levels deep in 2 KB; the feed (the
  fallback) has good items, items sharing the front page as ``<link>`` with distinct permalink guids,
  and one item whose link is 50 KB long.
- ``chain`` (sitemap): a sitemap index that chains forever, one new child index per level.
- ``wide`` (sitemap, ``max_sitemaps = 3``): an index of six UTF-16 sitemaps, one listing a 50 KB URL.
- ``alpha`` (feed): three good articles.
- ``beta`` (feed): a feed item linking to one of alpha's articles (with full text), a page whose
  canonical link is another of alpha's, one whose canonical is another article of its own feed, and
  ten articles whose canonical link is beta's front page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html import escape
from typing import Any

from tests.support.mirrors.server import MirrorServer, Response

HTML = "text/html; charset=UTF-8"
XML = "application/xml; charset=UTF-8"
RSS = "application/rss+xml; charset=UTF-8"
LONG_PATH = "/" + "panjang-" * 6_250 + "/"
"""A 50 KB path: such a link is skipped and counted as ``url_too_long``."""
WHEN = datetime(2025, 6, 2, 3, 0, tzinfo=timezone.utc)


def article_html(base: str, slug: str, *, canonical: str | None = None, author: str = "") -> bytes:
    title = title_of(slug)
    link = canonical if canonical is not None else f"{base}/{slug}/"
    paragraphs = "".join(
        f"<p>{escape(body_of(slug))} Paragraf ke-{n}: pekerja migran Indonesia di Hong Kong dan Taiwan "
        "mengikuti pelatihan tentang hak-hak pekerja dan perlindungan dari calo ilegal.</p>"
        for n in range(1, 6)
    )
    return (
        f'<!DOCTYPE html><html lang="id"><head><meta charset="UTF-8"><title>{escape(title)}</title>'
        f'<link rel="canonical" href="{escape(link)}">'
        f'<meta property="og:title" content="{escape(title)}">'
        f'<meta property="article:published_time" content="{WHEN.isoformat()}"></head><body>'
        f'<header><a href="{base}/">Beranda</a></header><main><article><h1>{escape(title)}</h1>'
        f"{paragraphs}</article></main><footer>Hak cipta</footer></body></html>"
    ).encode()


def title_of(slug: str) -> str:
    return f"Kabar pekerja migran {slug.replace('-', ' ')}"


def body_of(slug: str) -> str:
    return f"Kisah {slug} ditulis untuk situs ini."


def rss(items: list[str]) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Kabar</title>'
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def item(link: str, title: str, *, guid: str = "", content: str = "") -> str:
    guid_xml = f'<guid isPermaLink="true">{escape(guid)}</guid>' if guid else ""
    full = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
    return (
        f"<item><title>{escape(title)}</title><link>{escape(link)}</link>{guid_xml}"
        f"<pubDate>Mon, 02 Jun 2025 03:00:00 GMT</pubDate><description>{escape(title)}</description>"
        f"{full}</item>"
    )


def sitemap_index(children: list[str]) -> str:
    inner = "".join(f"<sitemap><loc>{c}</loc></sitemap>" for c in children)
    return f'<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{inner}</sitemapindex>'


def urlset(locs: list[str], encoding: str = "UTF-8") -> str:
    inner = "".join(f"<url><loc>{escape(loc)}</loc></url>" for loc in locs)
    return f'<?xml version="1.0" encoding="{encoding}"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{inner}</urlset>'


Route = Callable[["ListingSite", str], Response | None]
"""A handler of (site, path) for the paths that are not article pages."""
Canonical = Callable[["ListingSite", str], str | None]
"""A page's canonical link by (site, slug); None: the page's own URL."""


@dataclass
class ListingSite:
    """Article pages under ``/<slug>/`` and listing routes; ``expected`` are the slugs a crawl must
    store, ``errors`` what it must count; ``peers`` are the other sites' base URLs."""

    key: str
    kind: str
    slugs: list[str]
    listing: Route
    canonical: Canonical = lambda site, slug: None
    options: dict[str, Any] = field(default_factory=dict)
    expected: set[str] = field(default_factory=set)
    errors: dict[str, int] = field(default_factory=dict)
    status: str = "ok"
    base_url: str | None = None
    peers: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return self.base_url or ""

    def handle(self, method: str, path: str, query: dict[str, str], headers: Any) -> Response:
        if path == "/robots.txt":
            return Response(200, {"Content-Type": "text/plain"}, b"User-agent: *\nAllow: /\n")
        if query.get("paged", "1") != "1":  # one feed page: later ones are past the end
            return Response(404, {"Content-Type": HTML}, b"<html><body>Not found</body></html>")
        listed = self.listing(self, path)
        if listed is not None:
            return listed
        slug = path.strip("/")
        if slug in self.slugs:
            page = article_html(self.base, slug, canonical=self.canonical(self, slug))
            return Response(200, {"Content-Type": HTML}, page)
        return Response(404, {"Content-Type": HTML}, b"<html><body>Not found</body></html>")


def _deepjson() -> ListingSite:
    good, shared = ["dj-satu", "dj-dua"], ["dj-bersama-1", "dj-bersama-2", "dj-bersama-3"]

    def listing(site: ListingSite, path: str) -> Response | None:
        base = site.base
        if path.startswith("/wp-json/"):
            return Response(200, {"Content-Type": "application/json"}, b"[" * 1000 + b"]" * 1000)
        if path == "/feed/":
            items = [item(f"{base}/{s}/", title_of(s)) for s in good]
            items += [item(f"{base}/", title_of(s), guid=f"{base}/{s}/") for s in shared]
            items.append(item(base + LONG_PATH, "Tautan terlalu panjang"))
            return Response(200, {"Content-Type": RSS}, rss(items))
        return None

    return ListingSite(
        "deepjson",
        "wordpress",
        good + shared,
        listing,
        expected=set(good + shared),
        errors={"rest_json_too_deep": 1, "url_too_long": 1},
    )


def _chain() -> ListingSite:
    slugs = [f"rantai-{n}" for n in range(6)]

    def listing(site: ListingSite, path: str) -> Response | None:
        base = site.base
        if path == "/sitemap.xml":
            return Response(
                200, {"Content-Type": XML}, sitemap_index([f"{base}/s-1.xml", f"{base}/p-0.xml"]).encode()
            )
        if path.startswith("/s-") and path.endswith(".xml"):  # each level names a new one
            n = int(path[3:-4])
            children = [f"{base}/s-{n + 1}.xml", f"{base}/p-{n}.xml"]
            return Response(200, {"Content-Type": XML}, sitemap_index(children).encode())
        if path.startswith("/p-") and path.endswith(".xml"):
            n = int(path[3:-4])
            return Response(200, {"Content-Type": XML}, urlset([f"{base}/{slugs[n]}/"]).encode())
        return None

    # Levels: /sitemap.xml (1) → s-1, p-0 (2) → s-2, p-1 (3) → s-3, p-2 refused (too deep).
    return ListingSite(
        "chain",
        "sitemap",
        slugs,
        listing,
        options={"sitemaps": ["/sitemap.xml"]},
        expected={"rantai-0", "rantai-1"},
        errors={"sitemap_too_deep": 2},
        status="partial",
    )


def _wide() -> ListingSite:
    slugs = [f"lebar-{n}" for n in range(6)]

    def listing(site: ListingSite, path: str) -> Response | None:
        base = site.base
        if path == "/sitemap.xml":
            children = [f"{base}/posts-{n}.xml" for n in range(6)]
            return Response(200, {"Content-Type": XML}, sitemap_index(children).encode())
        if path.startswith("/posts-") and path.endswith(".xml"):
            n = int(path[7:-4])
            locs = [f"{base}/{slugs[n]}/"] + ([base + LONG_PATH] if n == 0 else [])
            return Response(200, {"Content-Type": XML}, urlset(locs, "UTF-16").encode("utf-16"))
        return None

    return ListingSite(
        "wide",
        "sitemap",
        slugs,
        listing,
        options={"sitemaps": ["/sitemap.xml"], "max_sitemaps": 3},
        expected={"lebar-0", "lebar-1", "lebar-2"},
        errors={"sitemap_cap": 3, "url_too_long": 1},
        status="partial",
    )


def _alpha() -> ListingSite:
    slugs = ["alfa-1", "alfa-2", "alfa-3"]

    def listing(site: ListingSite, path: str) -> Response | None:
        base = site.base
        if path == "/feed/":
            return Response(
                200, {"Content-Type": RSS}, rss([item(f"{base}/{s}/", title_of(s)) for s in slugs])
            )
        return None

    return ListingSite("alpha", "feed", slugs, listing, expected=set(slugs))


def _beta() -> ListingSite:
    homepage_canonical = [f"beta-{n}" for n in range(1, 11)]
    hijacker, original, copy = "beta-kanonik", "beta-asli", "beta-salinan"

    def listing(site: ListingSite, path: str) -> Response | None:
        base = site.base
        if path == "/feed/":
            stolen = item(
                f"{site.peers['alpha']}/alfa-2/",
                "Berita curian",
                content="<p>" + "Teks situs beta yang menimpa artikel alfa. " * 20 + "</p>",
            )
            own = [item(f"{base}/{s}/", title_of(s)) for s in [hijacker, copy, original, *homepage_canonical]]
            return Response(200, {"Content-Type": RSS}, rss([stolen, *own]))
        return None

    def canonical(site: ListingSite, slug: str) -> str | None:
        if slug == original:
            return None
        if slug == copy:  # another article of the same feed
            return f"{site.base}/{original}/"
        return f"{site.peers['alpha']}/alfa-3/" if slug == hijacker else f"{site.base}/"

    return ListingSite(
        "beta",
        "feed",
        [hijacker, original, copy, *homepage_canonical],
        listing,
        canonical,
        expected={hijacker, original, copy, *homepage_canonical},
        errors={"offsite_link": 1, "canonical_offsite": 1, "canonical_untrusted": 11},
    )


@dataclass
class ListingSites:
    """Every site, each on its own server; ``with`` starts and stops them all."""

    sites: dict[str, ListingSite]
    servers: dict[str, MirrorServer] = field(default_factory=dict)

    def __enter__(self) -> ListingSites:
        for key, site in self.sites.items():
            self.servers[key] = MirrorServer(site).start()
        for site in self.sites.values():
            site.peers = {key: server.base_url for key, server in self.servers.items()}
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self.servers.values():
            server.stop()

    def base(self, key: str) -> str:
        return self.servers[key].base_url


def build_sites() -> ListingSites:
    return ListingSites({s.key: s for s in (_deepjson(), _chain(), _wide(), _alpha(), _beta())})
