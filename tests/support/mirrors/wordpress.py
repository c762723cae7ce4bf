"""A generic WordPress news site model served by ``tests.support.mirrors.server.MirrorServer``.

It reproduces WordPress core behaviour that a crawler meets on a real site (see RECON.md section 2):
REST API (``/wp-json/wp/v2/...`` and ``/?rest_route=``), RSS2 feeds, core or Yoast sitemaps, virtual
robots.txt, canonical redirects, and article/archive pages in AF Themes (MoreNews/Newsphere) markup with
the top-bar "today" date trap.  Fault toggles are plain attributes that tests may flip at runtime:

    rest_enabled, rest_invalid_json, feed_enabled, feed_not_xml, sitemap_style, seo_plugin,
    broken_pages, undated_posts, url_variants (+ url_variant_slug), date_display

Dates: ``Post.date_gmt``/``modified_gmt`` are aware UTC datetimes.  REST ``date`` is site-local time and
``date_gmt`` UTC, both without offset ("2025-12-09T07:30:00"), as WordPress does.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
import unicodedata
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, time, timedelta, timezone
from email.utils import format_datetime, parsedate_to_datetime
from html import escape
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote, urlencode

from tests.support.mirrors.server import Response

__all__ = [
    "Post",
    "WordPressSite",
    "build_content_html",
    "format_wp_date",
    "rss_date",
    "slugify",
    "w3c_datetime",
]

UTC = timezone.utc
_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_REST_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}(?::\d{2})?)?$")
_HTML = "text/html; charset=UTF-8"
_JSON = "application/json; charset=UTF-8"
_XML = "application/xml; charset=UTF-8"
_RSS = "application/rss+xml; charset=UTF-8"

# Tiny valid images for /wp-content/uploads/... (so image fetches do not 404): a 1x1 grey baseline JPEG
# with the standard Huffman tables (one block: DC category 0 + EOB) and a 1x1 RGBA PNG.
_AC_LUMA = (
    "01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a2526"
    "2728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485"
    "868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6"
    "d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9fa"
)


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload


def _tiny_jpeg() -> bytes:
    dc = bytes([0x00, 0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]) + bytes(range(12))
    ac = bytes([0x10, 0, 2, 1, 3, 3, 2, 4, 3, 5, 5, 4, 4, 0, 0, 1, 0x7D]) + bytes.fromhex(_AC_LUMA)
    return b"".join([
        b"\xff\xd8",
        _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"),
        _segment(0xDB, b"\x00" + bytes([1] * 64)),
        _segment(0xC0, bytes([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
        _segment(0xC4, dc),
        _segment(0xC4, ac),
        _segment(0xDA, bytes([1, 1, 0x00, 0, 63, 0])),
        b"\x2b\xff\xd9",
    ])  # fmt: skip


def _tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return len(data).to_bytes(4, "big") + kind + data + zlib.crc32(kind + data).to_bytes(4, "big")

    ihdr = (1).to_bytes(4, "big") * 2 + bytes([8, 6, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


_JPEG = _tiny_jpeg()
_PNG = _tiny_png()


# ---------------------------------------------------------------------------------------------------
# formatting helpers
# ---------------------------------------------------------------------------------------------------
def format_wp_date(d: date | datetime) -> str:
    """WordPress default ``date_format`` ``F j, Y`` in English: ``December 9, 2025``."""
    return f"{_MONTHS[d.month - 1]} {d.day}, {d.year}"


def rss_date(dt: datetime) -> str:
    """RSS2 pubDate as WordPress core prints it: ``D, d M Y H:i:s +0000`` in GMT, English names."""
    dt = _as_utc(dt)
    return f"{_DAYS[dt.weekday()]}, {dt.day:02d} {_MONTHS[dt.month - 1][:3]} {dt.year} {dt:%H:%M:%S} +0000"


def w3c_datetime(dt: datetime) -> str:
    """Sitemap ``<lastmod>`` / Yoast meta format: ``2025-12-09T07:30:00+00:00``."""
    return _as_utc(dt).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def slugify(text: str) -> str:
    """Approximation of WordPress ``sanitize_title_with_dashes``."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"<[^>]*>", "", text).replace(".", "-").replace("/", "-")
    text = re.sub(r"[^a-z0-9 _-]", "", text)
    text = re.sub(r"[\s_-]+", "-", text)
    return text.strip("-")


def _as_utc(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        raise ValueError(f"naive datetime not allowed here: {dt!r}")
    return dt.astimezone(UTC)


def _naive_iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S")


def _text(s: str) -> str:
    return escape(s, quote=False)


def _attr(s: str) -> str:
    return escape(s, quote=True)


def _rendered(s: str) -> str:
    """Title as WordPress renders it (``&`` becomes ``&#038;``)."""
    return escape(s, quote=False).replace("&amp;", "&#038;")


def _cdata(s: str) -> str:
    return "<![CDATA[" + s.replace("]]>", "]]]]><![CDATA[>") + "]]>"


class _TextExtractor(HTMLParser):
    """Collects the text of top-level ``<p>`` elements (outside any ``div``), for excerpts and counts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.all_text: list[str] = []
        self._div = 0
        self._in_p = False
        self._buf: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "div":
            self._div += 1
        elif tag == "p" and self._div == 0:
            self._in_p = True
            self._buf = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "div":
            self._div = max(0, self._div - 1)
        elif tag == "p" and self._in_p:
            self._in_p = False
            para = " ".join("".join(self._buf).split())
            if para:
                self.paragraphs.append(para)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        self.all_text.append(data)
        if self._in_p:
            self._buf.append(data)


def article_paragraphs(content_html: str) -> list[str]:
    """Text of the article's own paragraphs (noise blocks and "Baca juga" lines left out)."""
    parser = _TextExtractor()
    parser.feed(content_html)
    parser.close()
    return [p for p in parser.paragraphs if not p.lower().startswith("baca juga")]


def _auto_excerpt(content_html: str, words: int = 55) -> str:
    text = " ".join(article_paragraphs(content_html)).split()
    if len(text) > words:
        return " ".join(text[:words]) + " [\u2026]"
    return " ".join(text)


def _word_count(content_html: str) -> int:
    parser = _TextExtractor()
    parser.feed(content_html)
    parser.close()
    return len(" ".join(parser.all_text).split())


def build_content_html(
    paragraphs: list[str],
    *,
    related: tuple[str, str] | None = None,
    related_after: int = 2,
    ad_after: int | None = 3,
    share_url: str | None = None,
    image: tuple[str, str] | None = None,
) -> str:
    """Compose a post body as WordPress stores/renders it, with realistic noise.

    ``paragraphs`` are plain text (escaped here).  ``related`` = (title, "/slug/") adds an inline
    "Baca juga:" paragraph after ``related_after`` paragraphs; ``ad_after`` inserts an "Advertisement"
    block (Ad Inserter style); ``share_url`` adds an AddToAny share widget at the top of the body;
    ``image`` = (src, caption) adds a figure after the first paragraph.  Root-relative links are
    made absolute by the site when rendering.
    """
    out: list[str] = []
    if share_url is not None:
        enc = quote(share_url, safe="")
        out.append(
            '<div class="addtoany_share_save_container addtoany_content addtoany_content_top">'
            '<div class="addtoany_header">Bagikan:</div>'
            '<div class="a2a_kit a2a_kit_size_32 addtoany_list" data-a2a-url="' + _attr(share_url) + '">'
            f'<a class="a2a_button_facebook" href="https://www.addtoany.com/add_to/facebook?linkurl={enc}" '
            'title="Facebook" rel="nofollow noopener" target="_blank"></a>'
            f'<a class="a2a_button_whatsapp" href="https://www.addtoany.com/add_to/whatsapp?linkurl={enc}" '
            'title="WhatsApp" rel="nofollow noopener" target="_blank"></a>'
            '<a class="a2a_dd addtoany_share_save addtoany_share" href="https://www.addtoany.com/share"></a>'
            "</div></div>"
        )
    for i, para in enumerate(paragraphs, start=1):
        out.append(f"<p>{_text(para)}</p>")
        if i == 1 and image is not None:
            src, caption = image
            out.append(
                '<figure class="wp-block-image size-large"><img decoding="async" width="1024" height="683" '
                f'src="{_attr(src)}" alt="" class="wp-image"/><figcaption class="wp-element-caption">'
                f"{_text(caption)}</figcaption></figure>"
            )
        if related is not None and i == related_after:
            title, href = related
            out.append(f'<p><strong>Baca juga: <a href="{_attr(href)}">{_text(title)}</a></strong></p>')
        if ad_after is not None and i == ad_after:
            out.append(
                '<div class="code-block code-block-2" style="margin: 8px auto; text-align: center; '
                'display: block; clear: both;"><p class="ad-label">Advertisement</p>'
                '<ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-0000000000000000" '
                'data-ad-slot="1234567890" data-ad-format="auto" data-full-width-responsive="true"></ins>'
                "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script></div>"
            )
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------------
# data model
# ---------------------------------------------------------------------------------------------------
@dataclass(kw_only=True)
class Post:
    """One published post.  ``id`` 0 means "allocate one" when added to a site."""

    id: int = 0
    slug: str
    title: str
    content_html: str
    excerpt: str = ""  # plain text; empty -> WordPress auto excerpt (55 words + " […]")
    date_gmt: datetime
    modified_gmt: datetime | None = None  # None -> same as date_gmt
    author: str = "Redaksi"
    categories: list[str] = field(default_factory=lambda: ["Berita"])
    tags: list[str] = field(default_factory=list)
    featured_image: str | None = None  # URL or root-relative path (/wp-content/uploads/...)

    def __post_init__(self) -> None:
        self.date_gmt = _as_utc(self.date_gmt)
        self.modified_gmt = self.date_gmt if self.modified_gmt is None else _as_utc(self.modified_gmt)
        self.categories = list(self.categories)
        self.tags = list(self.tags)

    @property
    def auto_excerpt(self) -> str:
        return self.excerpt or _auto_excerpt(self.content_html)

    @property
    def paragraphs(self) -> list[str]:
        return article_paragraphs(self.content_html)


@dataclass
class _Term:
    id: int
    name: str
    slug: str
    taxonomy: str  # "category" | "post_tag"


@dataclass
class _User:
    id: int
    name: str
    slug: str


def _html_response(status: int, body: str, headers: Iterable[tuple[str, str]] = ()) -> Response:
    return Response(status, [("Content-Type", _HTML), *headers], body.encode("utf-8"))


def _redirect(location: str, status: int = 301, by: str = "WordPress") -> Response:
    return Response(
        status,
        [("Location", location), ("X-Redirect-By", by), ("Content-Type", _HTML)],
        b"",
    )


class _RestError(Exception):
    def __init__(self, status: int, payload: dict[str, Any]) -> None:
        super().__init__(payload.get("code"))
        self.status = status
        self.payload = payload


def _rest_error(status: int, code: str, message: str, **data: Any) -> _RestError:
    return _RestError(status, {"code": code, "message": message, "data": {"status": status, **data}})


def _invalid_param(name: str, message: str, detail_code: str = "rest_invalid_param") -> _RestError:
    return _rest_error(
        400,
        "rest_invalid_param",
        f"Invalid parameter(s): {name}",
        params={name: message},
        details={name: {"code": detail_code, "message": message, "data": None}},
    )


# ---------------------------------------------------------------------------------------------------
# the site
# ---------------------------------------------------------------------------------------------------
class WordPressSite:
    """A WordPress site with posts, served through ``handle(method, path, query, headers)``."""

    def __init__(
        self,
        *,
        name: str = "Apakabar Online",
        tagline: str = "Portal Berita Pekerja Migran Indonesia",
        base_url: str | None = None,
        render_today: date = date(2026, 11, 27),
        tz_offset: timedelta = timedelta(hours=7),
        timezone_string: str = "Asia/Jakarta",
        theme: str = "morenews",
        theme_version: str = "3.8.6",
        seo_plugin: str | None = None,
        sitemap_style: str | None = "core",
        posts: Iterable[Post] = (),
    ) -> None:
        self.name = name
        self.tagline = tagline
        self.base_url = base_url  # None: set by MirrorServer.start(), else taken from the Host header
        self.render_today = render_today
        self.tz_offset = tz_offset
        self.timezone_string = timezone_string
        self.theme = theme
        self.theme_version = theme_version
        self.wp_version = "6.8.3"
        self.posts_per_page = 10
        self.posts_per_rss = 10
        self.max_urls_per_sitemap = 2000  # core: filter wp_sitemaps_max_urls
        self.yoast_entries_per_sitemap = 1000
        # --- fault toggles / variants (flip at runtime) ---
        self.seo_plugin = seo_plugin  # None | "yoast"
        self.sitemap_style = sitemap_style  # "core" | "yoast" | None
        self.rest_enabled = True
        self.rest_invalid_json = False
        self.feed_enabled = True
        self.feed_not_xml: bool | str = False  # True/"html": HTML error page; "garbage": broken RSS bytes
        self.broken_pages: set[str] = set()
        self.undated_posts: set[str] = set()
        self.url_variants = False
        self.url_variant_slug: str | None = None  # None -> newest dated post
        self.date_display = "date"  # "date" (F j, Y) | "ago" ("Posted on 3 days ago")
        # --- storage ---
        self._lock = threading.RLock()
        self._posts: dict[str, Post] = {}
        self._old_slugs: dict[str, str] = {}
        self._terms: dict[tuple[str, str], _Term] = {
            ("category", "Uncategorized"): _Term(1, "Uncategorized", "uncategorized", "category")
        }
        self._next_term_id = 2
        self._users: dict[str, _User] = {}
        self._media_ids: dict[int, int] = {}
        for post in posts:
            self.add_post(post)

    @property
    def _theme_name(self) -> str:
        return {"morenews": "MoreNews", "newsphere": "Newsphere", "covernews": "CoverNews"}.get(
            self.theme, self.theme.capitalize()
        )

    # -- mutation ----------------------------------------------------------------------------------
    def add_post(self, post: Post) -> Post:
        with self._lock:
            if post.slug in self._posts:
                raise ValueError(f"slug already exists: {post.slug}")
            used = self._used_ids()
            if post.id <= 0:
                post.id = max(used, default=100) + 3
            elif post.id in used:
                raise ValueError(f"id already used: {post.id}")
            self._posts[post.slug] = post
            self._register(post)
            return post

    def update_post(self, slug: str, /, **changes: Any) -> Post:
        """Change fields of a post; ``modified_gmt`` is bumped (to 1 h after the latest date on the
        site, deterministic) unless given.  Changing ``slug`` keeps a 301 from the old one."""
        with self._lock:
            post = self._posts[slug]
            names = {f.name for f in fields(Post)}
            unknown = set(changes) - names
            if unknown or "id" in changes:
                raise TypeError(f"cannot update {sorted(unknown | ({'id'} & set(changes)))}")
            if "modified_gmt" not in changes:
                latest = max(max(p.date_gmt, p.modified_gmt or p.date_gmt) for p in self._posts.values())
                changes["modified_gmt"] = latest + timedelta(hours=1)
            new = replace(post, **changes)
            del self._posts[slug]
            if new.slug != slug:
                if new.slug in self._posts:
                    self._posts[slug] = post
                    raise ValueError(f"slug already exists: {new.slug}")
                self._old_slugs[slug] = new.slug
            self._posts[new.slug] = new
            self._register(new)
            return new

    def delete_post(self, slug: str) -> None:
        with self._lock:
            del self._posts[slug]

    def get_post(self, slug: str) -> Post:
        with self._lock:
            return self._posts[slug]

    @property
    def posts(self) -> list[Post]:
        """All posts, newest first."""
        return self._sorted(include_undated=True)

    def _used_ids(self) -> set[int]:
        return {p.id for p in self._posts.values()} | set(self._media_ids.values())

    def _register(self, post: Post) -> None:
        for name in post.categories:
            self._term("category", name)
        for name in post.tags:
            self._term("post_tag", name)
        if post.author not in self._users:
            self._users[post.author] = _User(len(self._users) + 1, post.author, slugify(post.author))
        if post.featured_image and post.id not in self._media_ids:
            self._media_ids[post.id] = max(self._used_ids() | {post.id}) + 1

    def _term(self, taxonomy: str, name: str) -> _Term:
        key = (taxonomy, name)
        term = self._terms.get(key)
        if term is None:
            term = _Term(self._next_term_id, name, slugify(name), taxonomy)
            self._next_term_id += 1
            self._terms[key] = term
        return term

    # -- queries -----------------------------------------------------------------------------------
    def local(self, dt: datetime) -> datetime:
        """Site-local naive datetime (what WordPress stores as post_date)."""
        return (_as_utc(dt) + self.tz_offset).replace(tzinfo=None)

    def _sorted(self, include_undated: bool = False) -> list[Post]:
        with self._lock:
            posts = list(self._posts.values())
        if not include_undated:
            posts = [p for p in posts if p.slug not in self.undated_posts]
        return sorted(posts, key=lambda p: (p.date_gmt, p.id), reverse=True)

    def _terms_of(self, taxonomy: str) -> list[_Term]:
        with self._lock:
            return sorted((t for t in self._terms.values() if t.taxonomy == taxonomy), key=lambda t: t.id)

    def _term_by_slug(self, taxonomy: str, slug: str) -> _Term | None:
        return next((t for t in self._terms_of(taxonomy) if t.slug == slug), None)

    def _user(self, name: str) -> _User:
        with self._lock:
            return self._users[name]

    def _post_terms(self, post: Post, taxonomy: str) -> list[_Term]:
        names = post.categories if taxonomy == "category" else post.tags
        with self._lock:
            return [self._terms[(taxonomy, n)] for n in names]

    def _count(self, term: _Term) -> int:
        attr = "categories" if term.taxonomy == "category" else "tags"
        return sum(1 for p in self._sorted(True) if term.name in getattr(p, attr))

    def _image_url(self, post: Post, base: str) -> str | None:
        if not post.featured_image:
            return None
        src = post.featured_image
        return base + src if src.startswith("/") else src

    def _variant_slug(self) -> str | None:
        if not self.url_variants:
            return None
        if self.url_variant_slug:
            return self.url_variant_slug
        dated = self._sorted()
        return dated[0].slug if dated else None

    def _base(self, headers: Any) -> str:
        if self.base_url:
            return self.base_url.rstrip("/")
        host = headers.get("Host") if headers is not None else None
        return f"http://{host or '127.0.0.1'}"

    @staticmethod
    def _abs(html_text: str, base: str) -> str:
        return re.sub(r"""(\b(?:href|src)=["'])/(?!/)""", lambda m: m.group(1) + base + "/", html_text)

    # -- dispatch ----------------------------------------------------------------------------------
    def handle(self, method: str, path: str, query: Mapping[str, str], headers: Any) -> Response:
        base = self._base(headers)
        query = dict(query)
        if method not in ("GET", "HEAD"):
            return Response(405, [("Allow", "GET, HEAD"), ("Content-Type", _HTML)], b"Method Not Allowed")
        if "rest_route" in query:
            route = query.pop("rest_route") or "/"
            return self._rest(route, query, base)
        if path == "/wp-json" or path.startswith("/wp-json/"):
            return self._rest(path[len("/wp-json") :] or "/", query, base)
        resp = self._route(path, query, base, headers)
        if resp is not None:
            return resp
        # WordPress redirect_canonical: add the missing trailing slash to pretty URLs.
        last = path.rsplit("/", 1)[-1]
        if not path.endswith("/") and "." not in last:
            probe = self._route(path + "/", query, base, headers)
            if probe is not None and probe.status == 200:
                target = base + path + "/"
                if query:
                    target += "?" + urlencode(query)
                return _redirect(target)
        return self._not_found(base)

    def _route(self, path: str, query: dict[str, str], base: str, headers: Any) -> Response | None:
        if path == "/":
            if "p" in query:
                return self._shortlink(query["p"], base)
            if "feed" in query:
                return _redirect(base + "/feed/")
            if "s" in query:
                return self._listing(base, "search", query["s"], 1)
            if "paged" in query and query["paged"].isdigit() and int(query["paged"]) > 1:
                return _redirect(f"{base}/page/{int(query['paged'])}/")
            return self._listing(base, "home", "", 1)
        if path == "/robots.txt":
            return self._robots(base)
        if path.endswith((".xml", ".xsl")):
            return self._sitemaps(path, base)
        if path.startswith("/wp-content/"):
            return self._static(path)
        if path in ("/feed/", "/feed/rss2/"):
            return self._feed(base, "home", "", query, headers)
        m = re.fullmatch(r"/(category|tag)/([^/]+)/feed/", path)
        if m:
            return self._feed(base, m.group(1), m.group(2), query, headers)
        m = re.fullmatch(r"/page/(\d+)/", path)
        if m:
            if int(m.group(1)) <= 1:
                return _redirect(base + "/")
            kind = "search" if "s" in query else "home"
            return self._listing(base, kind, query.get("s", ""), int(m.group(1)))
        m = re.fullmatch(r"/(category|tag|author)/([^/]+)/(?:page/(\d+)/)?", path)
        if m:
            page = int(m.group(3) or 1)
            if m.group(3) and page <= 1:
                return _redirect(f"{base}/{m.group(1)}/{m.group(2)}/")
            return self._listing(base, m.group(1), m.group(2), page)
        m = re.fullmatch(r"/([^/]+)/(amp/)?", path)
        if m:
            return self._article(m.group(1), bool(m.group(2)), query, base)
        return None

    # -- robots, static ----------------------------------------------------------------------------
    def _robots(self, base: str) -> Response:
        lines = ["User-agent: *", "Disallow: /wp-admin/", "Allow: /wp-admin/admin-ajax.php", ""]
        if self.sitemap_style == "core":
            lines.append(f"Sitemap: {base}/wp-sitemap.xml")
        elif self.sitemap_style == "yoast":
            lines.append(f"Sitemap: {base}/sitemap_index.xml")
        body = "\n".join(lines) + "\n"
        return Response(200, [("Content-Type", "text/plain; charset=utf-8")], body.encode())

    def _static(self, path: str) -> Response | None:
        if path == f"/wp-content/themes/{self.theme}/style.css":
            css = (
                f"/*\nTheme Name: {self._theme_name}\nTheme URI: https://afthemes.com/products/"
                f"{self.theme}/\nAuthor: AF themes\nVersion: {self.theme_version}\nText Domain: "
                f"{self.theme}\n*/\n.topbar-date{{font-size:12px}}\n.min-read{{opacity:.8}}\n"
            )
            return Response(200, [("Content-Type", "text/css")], css.encode())
        if path.startswith("/wp-content/uploads/"):
            lower = path.lower()
            if lower.endswith((".jpg", ".jpeg")):
                return Response(200, [("Content-Type", "image/jpeg")], _JPEG)
            if lower.endswith(".png"):
                return Response(200, [("Content-Type", "image/png")], _PNG)
        return None

    # -- REST API ----------------------------------------------------------------------------------
    def _rest(self, route: str, query: dict[str, str], base: str) -> Response:
        headers: list[tuple[str, str]] = [
            ("X-Robots-Tag", "noindex"),
            ("X-Content-Type-Options", "nosniff"),
            ("Access-Control-Expose-Headers", "X-WP-Total, X-WP-TotalPages, Link"),
            ("Access-Control-Allow-Headers", "Authorization, X-WP-Nonce, Content-Disposition, Content-Type"),
        ]
        if not self.rest_enabled:
            err = _rest_error(404, "rest_no_route", "No route was found matching the URL and request method.")
            return self._json(err.status, err.payload, headers, base)
        route = "/" + route.strip("/")
        try:
            status, payload, extra = self._rest_dispatch(route, query, base)
        except _RestError as err:
            return self._json(err.status, err.payload, headers, base)
        return self._json(status, payload, headers + extra, base)

    def _json(self, status: int, payload: Any, headers: list[tuple[str, str]], base: str) -> Response:
        text = json.dumps(payload, separators=(",", ":")).replace("/", "\\/")
        body = text.encode("utf-8")
        if self.rest_invalid_json and status == 200:
            body = body[: max(1, len(body) * 2 // 3)]
        if not any(k == "Link" for k, _ in headers):
            headers = [*headers, ("Link", f'<{base}/wp-json/>; rel="https://api.w.org/"')]
        return Response(status, [("Content-Type", _JSON), ("Allow", "GET"), *headers], body)

    def _rest_dispatch(
        self, route: str, query: dict[str, str], base: str
    ) -> tuple[int, Any, list[tuple[str, str]]]:
        if route == "/":
            return 200, self._rest_index(base), []
        if route == "/wp/v2":
            return 200, {"namespace": "wp/v2", "routes": self._rest_routes(base, "/wp/v2")}, []
        if route == "/wp/v2/posts":
            return self._rest_posts(query, base)
        m = re.fullmatch(r"/wp/v2/posts/(\d+)", route)
        if m:
            post = self._post_by_id(int(m.group(1)))
            if post is None or post.slug in self.undated_posts:
                raise _rest_error(404, "rest_post_invalid_id", "Invalid post ID.")
            return 200, self._rest_post_view(post, base, query), []
        m = re.fullmatch(r"/wp/v2/(categories|tags)(?:/(\d+))?", route)
        if m:
            taxonomy = "category" if m.group(1) == "categories" else "post_tag"
            if m.group(2):
                term = next((t for t in self._terms_of(taxonomy) if t.id == int(m.group(2))), None)
                if term is None:
                    raise _rest_error(404, "rest_term_invalid", "Term does not exist.")
                return 200, self._fields(self._term_json(term, base), query), []
            items = self._terms_of(taxonomy)
            return self._rest_collection(
                items, query, base, f"/wp/v2/{m.group(1)}", lambda t: self._term_json(t, base), "name",
                {"id": lambda t: t.id, "name": lambda t: t.name.lower(), "slug": lambda t: t.slug,
                 "count": lambda t: self._count(t)},
                lambda t: (t.name, t.slug),
            )  # fmt: skip
        m = re.fullmatch(r"/wp/v2/users(?:/(\d+))?", route)
        if m:
            with self._lock:
                users = sorted(self._users.values(), key=lambda u: u.id)
            if m.group(1):
                user = next((u for u in users if u.id == int(m.group(1))), None)
                if user is None:
                    raise _rest_error(404, "rest_user_invalid_id", "Invalid user ID.")
                return 200, self._fields(self._user_json(user, base), query), []
            return self._rest_collection(
                users, query, base, "/wp/v2/users", lambda u: self._user_json(u, base), "name",
                {"id": lambda u: u.id, "name": lambda u: u.name.lower(), "slug": lambda u: u.slug},
                lambda u: (u.name, u.slug),
            )  # fmt: skip
        m = re.fullmatch(r"/wp/v2/media/(\d+)", route)
        if m:
            for post_id, media_id in list(self._media_ids.items()):
                post = self._post_by_id(post_id)
                if media_id == int(m.group(1)) and post is not None:
                    return 200, self._fields(self._media_json(post, base), query), []
            raise _rest_error(404, "rest_post_invalid_id", "Invalid post ID.")
        raise _rest_error(404, "rest_no_route", "No route was found matching the URL and request method.")

    def _rest_routes(self, base: str, prefix: str = "") -> dict[str, Any]:
        names = ["/wp/v2/posts", "/wp/v2/posts/(?P<id>[\\d]+)", "/wp/v2/categories", "/wp/v2/tags",
                 "/wp/v2/users", "/wp/v2/media"]  # fmt: skip
        routes: dict[str, Any] = {}
        for name in names:
            if name.startswith(prefix):
                entry: dict[str, Any] = {"namespace": "wp/v2", "methods": ["GET"], "endpoints": [
                    {"methods": ["GET"], "args": {}}]}  # fmt: skip
                if "(?P" not in name:
                    entry["_links"] = {"self": [{"href": f"{base}/wp-json{name}"}]}
                routes[name] = entry
        return routes

    def _rest_index(self, base: str) -> dict[str, Any]:
        hours = self.tz_offset.total_seconds() / 3600
        return {
            "name": self.name,
            "description": self.tagline,
            "url": base,
            "home": base,
            "gmt_offset": int(hours) if hours == int(hours) else hours,
            "timezone_string": self.timezone_string,
            "page_for_posts": 0,
            "page_on_front": 0,
            "show_on_front": "posts",
            "namespaces": ["oembed/1.0", "wp/v2"],
            "authentication": [],
            "routes": {"/": {"namespace": "", "methods": ["GET"]}, **self._rest_routes(base)},
            "site_logo": 0,
            "site_icon": 0,
            "site_icon_url": "",
            "_links": {"help": [{"href": "https://developer.wordpress.org/rest-api/"}]},
        }

    @staticmethod
    def _int_param(query: dict[str, str], name: str, default: int, lo: int, hi: int | None) -> int:
        raw = query.get(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise _invalid_param(name, f"{name} is not of type integer.", "rest_invalid_type") from None
        if hi is not None and not lo <= value <= hi:
            msg = f"{name} must be between {lo} (inclusive) and {hi} (inclusive)"
            raise _invalid_param(name, msg, "rest_out_of_bounds")
        if value < lo:
            raise _invalid_param(name, f"{name} must be greater than or equal to {lo}", "rest_out_of_bounds")
        return value

    def _date_param(self, query: dict[str, str], name: str) -> datetime | None:
        raw = query.get(name)
        if raw is None:
            return None
        if not _REST_DATE_RE.match(raw):
            raise _invalid_param(name, "Invalid date.", "rest_invalid_date")
        text = raw.replace("t", "T").replace(" ", "T", 1)
        text = re.sub(r"\.\d+", "", text)
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        text = re.sub(r"([+-]\d{2})$", r"\1:00", text)
        parsed = datetime.fromisoformat(text)
        if parsed.tzinfo is not None:  # WP_Date_Query converts to the site timezone, then compares
            parsed = (parsed.astimezone(UTC) + self.tz_offset).replace(tzinfo=None)
        return parsed

    @staticmethod
    def _id_list(query: dict[str, str], name: str) -> list[int] | None:
        raw = query.get(name)
        if raw is None or raw == "":
            return None
        try:
            return [int(x) for x in raw.split(",") if x.strip()]
        except ValueError:
            raise _invalid_param(name, f"{name}[0] is not of type integer.", "rest_invalid_type") from None

    def _rest_posts(self, query: dict[str, str], base: str) -> tuple[int, Any, list[tuple[str, str]]]:
        page = self._int_param(query, "page", 1, 1, None)
        per_page = self._int_param(query, "per_page", 10, 1, 100)
        offset = self._int_param(query, "offset", 0, 0, None) if "offset" in query else None
        filters = {
            n: self._date_param(query, n) for n in ("after", "before", "modified_after", "modified_before")
        }
        orderby = query.get("orderby", "date") or "date"
        allowed = ["author", "date", "id", "include", "modified", "parent", "relevance", "slug",
                   "include_slugs", "title"]  # fmt: skip
        if orderby not in allowed:
            raise _invalid_param(
                "orderby", f"orderby is not one of {', '.join(allowed)}.", "rest_not_in_enum"
            )
        order = query.get("order", "desc") or "desc"
        if order not in ("asc", "desc"):
            raise _invalid_param("order", "order is not one of asc and desc.", "rest_not_in_enum")
        status = query.get("status", "publish")
        if status != "publish":
            raise _invalid_param("status", "Status is forbidden.", "rest_forbidden_status")

        posts = self._sorted()
        if filters["after"] is not None:
            posts = [p for p in posts if self.local(p.date_gmt) > filters["after"]]
        if filters["before"] is not None:
            posts = [p for p in posts if self.local(p.date_gmt) < filters["before"]]
        if filters["modified_after"] is not None:
            posts = [p for p in posts if self.local(p.modified_gmt) > filters["modified_after"]]  # type: ignore[arg-type]
        if filters["modified_before"] is not None:
            posts = [p for p in posts if self.local(p.modified_gmt) < filters["modified_before"]]  # type: ignore[arg-type]
        include = self._id_list(query, "include")
        if include is not None:
            posts = [p for p in posts if p.id in include]
        exclude = self._id_list(query, "exclude")
        if exclude is not None:
            posts = [p for p in posts if p.id not in exclude]
        if query.get("slug"):
            slugs = [s.strip() for s in query["slug"].split(",")]
            posts = [p for p in posts if p.slug in slugs]
        for param, taxonomy in (("categories", "category"), ("tags", "post_tag")):
            ids = self._id_list(query, param)
            if ids is not None:
                posts = [p for p in posts if {t.id for t in self._post_terms(p, taxonomy)} & set(ids)]
        search = (query.get("search") or "").strip().lower()
        if search:
            posts = [
                p for p in posts
                if search in f"{p.title} {p.auto_excerpt} {' '.join(p.paragraphs)}".lower()
            ]  # fmt: skip
        keys = {
            "date": lambda p: (p.date_gmt, p.id),
            "modified": lambda p: (p.modified_gmt, p.id),
            "id": lambda p: p.id,
            "slug": lambda p: p.slug,
            "title": lambda p: p.title.lower(),
        }
        key = keys.get(orderby, keys["date"])
        if orderby == "include" and include is not None:
            posts.sort(key=lambda p: include.index(p.id))
        else:
            posts.sort(key=key, reverse=(order == "desc"))

        total = len(posts)
        pages = math.ceil(total / per_page) if total else 0
        if offset is not None:
            chunk = posts[offset : offset + per_page]
        else:
            if page > pages and total > 0:
                raise _rest_error(
                    400,
                    "rest_post_invalid_page_number",
                    "The page number requested is larger than the number of pages available.",
                )
            chunk = posts[(page - 1) * per_page : page * per_page]
        items = [self._rest_post_view(p, base, query) for p in chunk]
        extra = [("X-WP-Total", str(total)), ("X-WP-TotalPages", str(pages))]
        link = self._link_header(base, "/wp/v2/posts", query, page, pages)
        if link:
            extra.append(("Link", link))
        return 200, items, extra

    def _rest_collection(
        self,
        items: list[Any],
        query: dict[str, str],
        base: str,
        route: str,
        to_json: Any,
        default_orderby: str,
        keys: dict[str, Any],
        names: Any,
    ) -> tuple[int, Any, list[tuple[str, str]]]:
        page = self._int_param(query, "page", 1, 1, None)
        per_page = self._int_param(query, "per_page", 10, 1, 100)
        include = self._id_list(query, "include")
        if include is not None:
            items = [i for i in items if i.id in include]
        exclude = self._id_list(query, "exclude")
        if exclude is not None:
            items = [i for i in items if i.id not in exclude]
        if query.get("slug"):
            slugs = [s.strip() for s in query["slug"].split(",")]
            items = [i for i in items if i.slug in slugs]
        search = (query.get("search") or "").strip().lower()
        if search:
            items = [i for i in items if any(search in n.lower() for n in names(i))]
        if query.get("hide_empty") in ("1", "true") and hasattr(items[0] if items else None, "taxonomy"):
            items = [i for i in items if self._count(i) > 0]
        orderby = query.get("orderby", default_orderby) or default_orderby
        if orderby == "include" and include is not None:
            items = sorted(items, key=lambda i: include.index(i.id))
        elif orderby in keys:
            items = sorted(items, key=keys[orderby], reverse=(query.get("order", "asc") == "desc"))
        else:
            raise _invalid_param("orderby", f"orderby is not one of {', '.join(keys)}.", "rest_not_in_enum")
        total = len(items)
        pages = math.ceil(total / per_page) if total else 0
        chunk = items[(page - 1) * per_page : page * per_page]
        out = [self._fields(to_json(i), query) for i in chunk]
        extra = [("X-WP-Total", str(total)), ("X-WP-TotalPages", str(pages))]
        link = self._link_header(base, route, query, page, pages)
        if link:
            extra.append(("Link", link))
        return 200, out, extra

    @staticmethod
    def _link_header(base: str, route: str, query: dict[str, str], page: int, pages: int) -> str:
        params = {k: v for k, v in query.items() if k != "page"}
        links = []

        def url(n: int) -> str:
            return f"{base}/wp-json{route}?" + urlencode({**params, "page": n})

        if page > 1:
            links.append(f'<{url(min(page - 1, max(pages, 1)))}>; rel="prev"')
        if page < pages:
            links.append(f'<{url(page + 1)}>; rel="next"')
        return ", ".join(links)

    @staticmethod
    def _fields(obj: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
        raw = query.get("_fields")
        if not raw:
            return obj
        out: dict[str, Any] = {}
        for name in (f.strip() for f in raw.split(",")):
            if not name:
                continue
            parts = name.split(".")
            src: Any = obj
            dst = out
            for i, part in enumerate(parts):
                if not isinstance(src, dict) or part not in src:
                    break
                if i == len(parts) - 1:
                    dst[part] = src[part]
                else:
                    nxt = dst.get(part)
                    if not isinstance(nxt, dict):
                        nxt = dst[part] = {}
                    dst = nxt
                    src = src[part]
        return out

    def _post_by_id(self, post_id: int) -> Post | None:
        with self._lock:
            return next((p for p in self._posts.values() if p.id == post_id), None)

    def _rest_post_view(self, post: Post, base: str, query: dict[str, str]) -> dict[str, Any]:
        obj = self._post_json(post, base)
        if "_embed" in query:
            wanted = query["_embed"]
            rels = None if wanted in ("", "1", "true") else {r.strip() for r in wanted.split(",")}
            obj["_embedded"] = self._embedded(post, base, rels)
        return self._fields(obj, query)

    def _post_json(self, post: Post, base: str) -> dict[str, Any]:
        rest = f"{base}/wp-json/wp/v2"
        user = self._user(post.author)
        media_id = self._media_ids.get(post.id, 0) if post.featured_image else 0
        cats = [t.id for t in self._post_terms(post, "category")]
        tags = [t.id for t in self._post_terms(post, "post_tag")]
        links: dict[str, Any] = {
            "self": [{"href": f"{rest}/posts/{post.id}", "targetHints": {"allow": ["GET"]}}],
            "collection": [{"href": f"{rest}/posts"}],
            "about": [{"href": f"{rest}/types/post"}],
            "author": [{"embeddable": True, "href": f"{rest}/users/{user.id}"}],
            "replies": [{"embeddable": True, "href": f"{rest}/comments?post={post.id}"}],
            "version-history": [{"count": 1, "href": f"{rest}/posts/{post.id}/revisions"}],
        }
        if media_id:
            links["wp:featuredmedia"] = [{"embeddable": True, "href": f"{rest}/media/{media_id}"}]
        links["wp:attachment"] = [{"href": f"{rest}/media?parent={post.id}"}]
        links["wp:term"] = [
            {"taxonomy": "category", "embeddable": True, "href": f"{rest}/categories?post={post.id}"},
            {"taxonomy": "post_tag", "embeddable": True, "href": f"{rest}/tags?post={post.id}"},
        ]
        links["curies"] = [{"name": "wp", "href": "https://api.w.org/{rel}", "templated": True}]
        excerpt = post.auto_excerpt
        return {
            "id": post.id,
            "date": _naive_iso(self.local(post.date_gmt)),
            "date_gmt": _naive_iso(post.date_gmt),
            "guid": {"rendered": f"{base}/?p={post.id}"},
            "modified": _naive_iso(self.local(post.modified_gmt)),  # type: ignore[arg-type]
            "modified_gmt": _naive_iso(post.modified_gmt),  # type: ignore[arg-type]
            "slug": post.slug,
            "status": "publish",
            "type": "post",
            "link": f"{base}/{post.slug}/",
            "title": {"rendered": _rendered(post.title)},
            "content": {"rendered": self._abs(post.content_html, base), "protected": False},
            "excerpt": {"rendered": f"<p>{_text(excerpt)}</p>\n", "protected": False},
            "author": user.id,
            "featured_media": media_id,
            "comment_status": "open",
            "ping_status": "open",
            "sticky": False,
            "template": "",
            "format": "standard",
            "meta": {"footnotes": ""},
            "categories": cats,
            "tags": tags,
            "class_list": [
                f"post-{post.id}",
                "post",
                "type-post",
                "status-publish",
                "format-standard",
                "hentry",
            ]
            + [f"category-{slugify(c)}" for c in post.categories]
            + [f"tag-{slugify(t)}" for t in post.tags],
            "_links": links,
        }

    def _embedded(self, post: Post, base: str, rels: set[str] | None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if rels is None or "author" in rels:
            out["author"] = [self._user_json(self._user(post.author), base)]
        if post.featured_image and (rels is None or "wp:featuredmedia" in rels):
            out["wp:featuredmedia"] = [self._media_json(post, base)]
        if rels is None or "wp:term" in rels:
            out["wp:term"] = [
                [self._term_json(t, base, embed=True) for t in self._post_terms(post, "category")],
                [self._term_json(t, base, embed=True) for t in self._post_terms(post, "post_tag")],
            ]
        return out

    def _term_json(self, term: _Term, base: str, embed: bool = False) -> dict[str, Any]:
        prefix = "category" if term.taxonomy == "category" else "tag"
        route = "categories" if term.taxonomy == "category" else "tags"
        link = f"{base}/{prefix}/{term.slug}/"
        if embed:
            return {
                "id": term.id,
                "link": link,
                "name": term.name,
                "slug": term.slug,
                "taxonomy": term.taxonomy,
            }
        obj: dict[str, Any] = {
            "id": term.id,
            "count": self._count(term),
            "description": "",
            "link": link,
            "name": term.name,
            "slug": term.slug,
            "taxonomy": term.taxonomy,
        }
        if term.taxonomy == "category":
            obj["parent"] = 0
        obj["meta"] = []
        obj["_links"] = {
            "self": [{"href": f"{base}/wp-json/wp/v2/{route}/{term.id}"}],
            "collection": [{"href": f"{base}/wp-json/wp/v2/{route}"}],
            "wp:post_type": [{"href": f"{base}/wp-json/wp/v2/posts?{route}={term.id}"}],
        }
        return obj

    def _user_json(self, user: _User, base: str) -> dict[str, Any]:
        digest = hashlib.md5(user.slug.encode()).hexdigest()
        avatar = f"https://secure.gravatar.com/avatar/{digest}?s={{}}&d=mm&r=g"
        return {
            "id": user.id,
            "name": user.name,
            "url": "",
            "description": "",
            "link": f"{base}/author/{user.slug}/",
            "slug": user.slug,
            "avatar_urls": {s: avatar.format(s) for s in ("24", "48", "96")},
            "meta": [],
            "_links": {
                "self": [{"href": f"{base}/wp-json/wp/v2/users/{user.id}"}],
                "collection": [{"href": f"{base}/wp-json/wp/v2/users"}],
            },
        }

    def _media_json(self, post: Post, base: str) -> dict[str, Any]:
        url = self._image_url(post, base) or ""
        media_id = self._media_ids.get(post.id, 0)
        name = url.rsplit("/", 1)[-1]
        return {
            "id": media_id,
            "date": _naive_iso(self.local(post.date_gmt)),
            "slug": slugify(name.rsplit(".", 1)[0]),
            "type": "attachment",
            "link": f"{base}/{post.slug}/{slugify(name.rsplit('.', 1)[0])}/",
            "title": {"rendered": _rendered(name.rsplit(".", 1)[0])},
            "author": self._user(post.author).id,
            "caption": {"rendered": ""},
            "alt_text": "",
            "media_type": "image",
            "mime_type": "image/png" if url.lower().endswith(".png") else "image/jpeg",
            "media_details": {"width": 1024, "height": 683, "file": name, "sizes": {}},
            "source_url": url,
        }

    # -- feeds -------------------------------------------------------------------------------------
    def _feed(self, base: str, kind: str, slug: str, query: dict[str, str], headers: Any) -> Response:
        if not self.feed_enabled:
            return self._not_found(base)
        posts = self._sorted()
        title = self.name
        link = base + "/"
        self_url = base + "/feed/"
        if kind in ("category", "tag"):
            taxonomy = "category" if kind == "category" else "post_tag"
            term = self._term_by_slug(taxonomy, slug)
            if term is None:
                return self._not_found(base)
            attr = "categories" if kind == "category" else "tags"
            posts = [p for p in posts if term.name in getattr(p, attr)]
            title = f"{term.name} &#8211; {self.name}"
            link = f"{base}/{kind}/{slug}/"
            self_url = link + "feed/"
        paged_raw = query.get("paged", "1") or "1"
        paged = int(paged_raw) if paged_raw.isdigit() else 1
        paged = max(paged, 1)
        per = self.posts_per_rss
        chunk = posts[(paged - 1) * per : paged * per]
        if paged > 1 and not chunk:
            return self._not_found(base)
        if self.feed_not_xml:
            if self.feed_not_xml == "garbage":
                body = (
                    b'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>'
                    + self.name.encode()
                    + b"</title><item><title>Deport\xff\xfe\x00<<&&</tit"
                )
                return Response(200, [("Content-Type", _RSS)], body)
            page = (
                "<!DOCTYPE html><html><head><title>Error 503 Service Unavailable</title></head><body>"
                "<h1>Service Temporarily Unavailable</h1><p>The feed is being regenerated. "
                "Please try again later.</p><hr><address>Apache Server</address></body></html>"
            )
            return _html_response(200, page)
        if self_url.endswith("/feed/") and paged > 1:
            self_url += f"?paged={paged}"
        build = max((p.modified_gmt for p in chunk), default=None) or datetime(2018, 1, 1, tzinfo=UTC)
        last_modified = format_datetime(_as_utc(build), usegmt=True)
        etag = '"' + hashlib.md5(last_modified.encode()).hexdigest() + '"'
        if self._not_modified(headers, build, etag):
            return Response(304, [("Last-Modified", last_modified), ("ETag", etag)], b"")
        variant = self._variant_slug()
        out = [
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"',
            '\txmlns:content="http://purl.org/rss/1.0/modules/content/"',
            '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"',
            '\txmlns:dc="http://purl.org/dc/elements/1.1/"',
            '\txmlns:atom="http://www.w3.org/2005/Atom"',
            '\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"',
            '\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"',
            "\t>",
            "",
            "<channel>",
            f"\t<title>{title}</title>",
            f'\t<atom:link href="{_attr(self_url)}" rel="self" type="application/rss+xml" />',
            f"\t<link>{_text(link)}</link>",
            f"\t<description>{_text(self.tagline)}</description>",
            f"\t<lastBuildDate>{rss_date(build)}</lastBuildDate>",
            "\t<language>en-US</language>",
            "\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>",
            "\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>",
            f"\t<generator>https://wordpress.org/?v={self.wp_version}</generator>",
        ]
        for post in chunk:
            permalink = f"{base}/{post.slug}/"
            item_link = permalink
            if post.slug == variant:
                item_link += f"?utm_source=rss&utm_medium=rss&utm_campaign={post.slug}"
            cats = "".join(
                f"\n\t\t<category>{_cdata(name)}</category>" for name in [*post.categories, *post.tags]
            )
            excerpt = post.auto_excerpt.replace("\u2026", "&#8230;")
            out.append(
                "\t<item>\n"
                f"\t\t<title>{_rendered(post.title)}</title>\n"
                f"\t\t<link>{_text(item_link)}</link>\n"
                f"\t\t<comments>{_text(permalink)}#respond</comments>\n"
                f"\t\t<dc:creator>{_cdata(post.author)}</dc:creator>\n"
                f"\t\t<pubDate>{rss_date(post.date_gmt)}</pubDate>"
                f"{cats}\n"
                f'\t\t<guid isPermaLink="false">{base}/?p={post.id}</guid>\n\n'
                f"\t\t<description>{_cdata(excerpt)}</description>\n"
                f"\t\t<content:encoded>{_cdata(self._abs(post.content_html, base))}</content:encoded>\n"
                f"\t\t<wfw:commentRss>{_text(permalink)}feed/</wfw:commentRss>\n"
                "\t\t<slash:comments>0</slash:comments>\n"
                "\t</item>"
            )
        out.append("\t</channel>\n</rss>\n")
        headers_out = [
            ("Content-Type", _RSS),
            ("Last-Modified", last_modified),
            ("ETag", etag),
        ]
        return Response(200, headers_out, "\n".join(out).encode("utf-8"))

    @staticmethod
    def _not_modified(headers: Any, build: datetime, etag: str) -> bool:
        if headers is None:
            return False
        inm = headers.get("If-None-Match")
        ims = headers.get("If-Modified-Since")
        since = None
        if ims:
            try:
                since = parsedate_to_datetime(ims)
            except (TypeError, ValueError):
                since = None
            if since is not None and since.tzinfo is None:
                since = since.replace(tzinfo=UTC)
        fresh = since is not None and since >= _as_utc(build).replace(microsecond=0)
        tag_ok = inm is not None and inm.strip() == etag
        if inm and ims:
            return fresh and tag_ok
        return fresh or tag_ok

    # -- sitemaps ----------------------------------------------------------------------------------
    def _sitemaps(self, path: str, base: str) -> Response | None:
        style = self.sitemap_style
        if path.endswith(".xsl"):
            if path in ("/wp-sitemap-index.xsl", "/wp-sitemap.xsl", "/main-sitemap.xsl"):
                xsl = (
                    '<?xml version="1.0" encoding="UTF-8"?><xsl:stylesheet version="1.0" '
                    'xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/">'
                    "<html><body>XML Sitemap</body></html></xsl:template></xsl:stylesheet>"
                )
                return Response(200, [("Content-Type", "text/xsl; charset=UTF-8")], xsl.encode())
            return None
        if style is None:
            return None
        if path == "/sitemap.xml":  # both core (since 5.5) and Yoast redirect it
            target = "/wp-sitemap.xml" if style == "core" else "/sitemap_index.xml"
            return _redirect(base + target, by="WordPress" if style == "core" else "Yoast SEO")
        if style == "yoast":
            if path.startswith("/wp-sitemap"):
                return _redirect(base + "/sitemap_index.xml", by="Yoast SEO")
            return self._yoast_sitemap(path, base)
        return self._core_sitemap(path, base)

    def _sitemap_post_entries(self, base: str, order: str) -> list[tuple[str, datetime | None, Post | None]]:
        posts = self._sorted(include_undated=True)
        if order == "id":
            posts.sort(key=lambda p: p.id)
        else:
            posts.sort(key=lambda p: (p.modified_gmt, p.id))
        variant = self._variant_slug()
        entries: list[tuple[str, datetime | None, Post | None]] = []
        for post in posts:
            lastmod = None if post.slug in self.undated_posts else post.modified_gmt
            entries.append((f"{base}/{post.slug}/", lastmod, post))
            if post.slug == variant:
                entries.append((f"{base}/{post.slug}/amp/", lastmod, post))
                entries.append((f"{base}/{post.slug}/?utm_source=sitemap&utm_medium=referral", None, post))
        return entries

    @staticmethod
    def _xml_response(body: str) -> Response:
        return Response(200, [("Content-Type", _XML), ("X-Robots-Tag", "noindex, follow")], body.encode())

    def _core_sitemap(self, path: str, base: str) -> Response | None:
        per = self.max_urls_per_sitemap
        entries = self._sitemap_post_entries(base, "id")
        post_pages = max(1, math.ceil(len(entries) / per))
        cats = [t for t in self._terms_of("category") if self._count(t)]
        tags = [t for t in self._terms_of("post_tag") if self._count(t)]
        with self._lock:
            users = sorted(self._users.values(), key=lambda u: u.id)
        head_index = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<?xml-stylesheet type="text/xsl" href="{base}/wp-sitemap-index.xsl" ?>\n'
        )
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<?xml-stylesheet type="text/xsl" href="{base}/wp-sitemap.xsl" ?>\n'
        )
        ns = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        if path == "/wp-sitemap.xml":
            locs = [f"{base}/wp-sitemap-posts-post-{n}.xml" for n in range(1, post_pages + 1)]
            locs.append(f"{base}/wp-sitemap-posts-page-1.xml")
            if cats:
                locs.append(f"{base}/wp-sitemap-taxonomies-category-1.xml")
            if tags:
                locs.append(f"{base}/wp-sitemap-taxonomies-post_tag-1.xml")
            if users:
                locs.append(f"{base}/wp-sitemap-users-1.xml")
            inner = "".join(f"<sitemap><loc>{_text(loc)}</loc></sitemap>" for loc in locs)
            return self._xml_response(f"{head_index}<sitemapindex {ns}>{inner}</sitemapindex>\n")

        def urlset(rows: list[tuple[str, datetime | None]]) -> Response:
            inner = "".join(
                f"<url><loc>{_text(loc)}</loc>"
                + (f"<lastmod>{w3c_datetime(mod)}</lastmod>" if mod else "")
                + "</url>"
                for loc, mod in rows
            )
            return self._xml_response(f"{head}<urlset {ns}>{inner}</urlset>\n")

        m = re.fullmatch(r"/wp-sitemap-posts-post-(\d+)\.xml", path)
        if m:
            n = int(m.group(1))
            if not 1 <= n <= post_pages:
                return None
            return urlset([(loc, mod) for loc, mod, _ in entries[(n - 1) * per : n * per]])
        if path == "/wp-sitemap-posts-page-1.xml":
            return urlset([(base + "/", None)])
        if path == "/wp-sitemap-taxonomies-category-1.xml" and cats:
            return urlset([(f"{base}/category/{t.slug}/", None) for t in cats])
        if path == "/wp-sitemap-taxonomies-post_tag-1.xml" and tags:
            return urlset([(f"{base}/tag/{t.slug}/", None) for t in tags])
        if path == "/wp-sitemap-users-1.xml" and users:
            return urlset([(f"{base}/author/{u.slug}/", None) for u in users])
        return None

    def _yoast_sitemap(self, path: str, base: str) -> Response | None:
        per = self.yoast_entries_per_sitemap
        entries = self._sitemap_post_entries(base, "modified")
        pages = max(1, math.ceil(len(entries) / per))
        head = (
            '<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/xsl" '
            f'href="//{base.split("://", 1)[-1]}/main-sitemap.xsl"?>\n'
        )
        dated = [p.modified_gmt for p in self._sorted()]
        latest = max(dated) if dated else None  # type: ignore[type-var]
        cats = [t for t in self._terms_of("category") if self._count(t)]
        everything = self._sorted(include_undated=True)
        with self._lock:
            users = sorted(self._users.values(), key=lambda u: u.id)

        def newest(posts: Iterable[Post]) -> datetime | None:
            mods = [p.modified_gmt for p in posts if p.slug not in self.undated_posts]
            return max(mods) if mods else None  # type: ignore[type-var]

        if path == "/sitemap_index.xml":
            rows: list[tuple[str, datetime | None]] = []
            for n in range(1, pages + 1):
                chunk = entries[(n - 1) * per : n * per]
                name = "post-sitemap.xml" if n == 1 else f"post-sitemap{n}.xml"
                rows.append((f"{base}/{name}", newest(p for _, _, p in chunk if p)))
            rows.append((f"{base}/category-sitemap.xml", latest))
            rows.append((f"{base}/author-sitemap.xml", latest))
            inner = "".join(
                f"\n\t<sitemap>\n\t\t<loc>{_text(loc)}</loc>\n"
                + (f"\t\t<lastmod>{w3c_datetime(mod)}</lastmod>\n" if mod else "")
                + "\t</sitemap>"
                for loc, mod in rows
            )
            body = f'{head}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{inner}\n</sitemapindex>\n'
            body += "<!-- XML Sitemap generated by Yoast SEO -->"
            return self._xml_response(body)
        ns = (
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" '
            'xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 '
            "http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd "
            "http://www.google.com/schemas/sitemap-image/1.1 "
            'http://www.google.com/schemas/sitemap-image/1.1/sitemap-image.xsd" '
            'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        )

        def urlset(rows: list[tuple[str, datetime | None, str | None]]) -> Response:
            parts = []
            for loc, mod, image in rows:
                item = f"\n\t<url>\n\t\t<loc>{_text(loc)}</loc>\n"
                if mod:
                    item += f"\t\t<lastmod>{w3c_datetime(mod)}</lastmod>\n"
                if image:
                    item += f"\t\t<image:image>\n\t\t\t<image:loc>{_text(image)}</image:loc>\n"
                    item += "\t\t</image:image>\n"
                parts.append(item + "\t</url>")
            body = (
                f"{head}<urlset {ns}>{''.join(parts)}\n</urlset>\n<!-- XML Sitemap generated by Yoast SEO -->"
            )
            return self._xml_response(body)

        m = re.fullmatch(r"/post-sitemap(\d*)\.xml", path)
        if m:
            n = int(m.group(1) or 1)
            if not 1 <= n <= pages or m.group(1) == "1":
                return None
            rows3: list[tuple[str, datetime | None, str | None]] = []
            if n == 1:
                rows3.append((base + "/", latest, None))
            for loc, mod, post in entries[(n - 1) * per : n * per]:
                rows3.append((loc, mod, self._image_url(post, base) if post else None))
            return urlset(rows3)
        if path == "/category-sitemap.xml":
            return urlset([
                (f"{base}/category/{t.slug}/", newest(p for p in everything if t.name in p.categories), None)
                for t in cats
            ])  # fmt: skip
        if path == "/author-sitemap.xml":
            return urlset([
                (f"{base}/author/{u.slug}/", newest(p for p in everything if p.author == u.name), None)
                for u in users
            ])  # fmt: skip
        return None

    # -- HTML pages --------------------------------------------------------------------------------
    def _shortlink(self, raw_id: str, base: str) -> Response:
        post = self._post_by_id(int(raw_id)) if raw_id.isdigit() else None
        if post is None:
            return self._not_found(base)
        return _redirect(f"{base}/{post.slug}/")

    def _display_date(self, post: Post) -> str:
        if self.date_display == "ago":
            now = datetime.combine(self.render_today, time(12, 0))
            return f"Posted on {_human_time_diff(self.local(post.date_gmt), now)} ago"
        return format_wp_date(self.local(post.date_gmt))

    def _html_headers(self, base: str, post: Post | None = None) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        if self.rest_enabled:
            out.append(("Link", f'<{base}/wp-json/>; rel="https://api.w.org/"'))
            if post is not None:
                out.append((
                    "Link",
                    f'<{base}/wp-json/wp/v2/posts/{post.id}>; rel="alternate"; title="JSON"; '
                    'type="application/json"',
                ))  # fmt: skip
        if post is not None:
            out.append(("Link", f"<{base}/?p={post.id}>; rel=shortlink"))
        return out

    def _article(self, slug: str, amp: bool, query: dict[str, str], base: str) -> Response | None:
        with self._lock:
            post = self._posts.get(slug)
            old = self._old_slugs.get(slug)
        if post is None:
            if old is not None and old in self._posts:
                return _redirect(f"{base}/{old}/" + ("amp/" if amp else ""))
            return None
        if "share" in query:  # Jetpack sharing button links
            target = f"{base}/{post.slug}/"
            share = {
                "facebook": "https://www.facebook.com/sharer.php?u=",
                "x": "https://x.com/intent/tweet?url=",
                "jetpack-whatsapp": "https://api.whatsapp.com/send?text=",
            }.get(query["share"], "https://www.facebook.com/sharer.php?u=")
            return _redirect(share + quote(target, safe=""), status=302, by="Jetpack")
        page = self._article_html(post, base)
        if post.slug in self.broken_pages:
            cut = page.find('<div class="entry-content read-details">')
            cut = page.find("</p>", cut) + 40 if cut >= 0 else len(page) // 3
            body = page[:cut].rsplit("<", 1)[0] + '<p class="has-text-al'
            return Response(200, [("Content-Type", _HTML)], body.encode() + b"\xff\xfe\x00\x8b\x1f\x9d\xc3(")
        return _html_response(200, page, self._html_headers(base, post))

    def _article_html(self, post: Post, base: str) -> str:
        url = f"{base}/{post.slug}/"
        undated = post.slug in self.undated_posts
        image = self._image_url(post, base)
        excerpt = post.auto_excerpt
        author = self._user(post.author)
        head: list[str] = []
        if self.seo_plugin == "yoast":
            doc_title = f"{post.title} - {self.name}"
            head.append(
                "<!-- This site is optimized with the Yoast SEO plugin v24.0 - "
                "https://yoast.com/wordpress/plugins/seo/ -->"
            )
            head.append(f"<title>{_text(doc_title)}</title>")
            head.append(f'<meta name="description" content="{_attr(excerpt)}" />')
            head.append(f'<link rel="canonical" href="{_attr(url)}" />')
            head.append('<meta property="og:locale" content="en_US" />')
            head.append('<meta property="og:type" content="article" />')
            head.append(f'<meta property="og:title" content="{_attr(doc_title)}" />')
            head.append(f'<meta property="og:description" content="{_attr(excerpt)}" />')
            head.append(f'<meta property="og:url" content="{_attr(url)}" />')
            head.append(f'<meta property="og:site_name" content="{_attr(self.name)}" />')
            if not undated:
                head.append(
                    f'<meta property="article:published_time" content="{w3c_datetime(post.date_gmt)}" />'
                )
                head.append(
                    f'<meta property="article:modified_time" content="{w3c_datetime(post.modified_gmt)}" />'
                )  # type: ignore[arg-type]
            if image:
                head.append(f'<meta property="og:image" content="{_attr(image)}" />')
            head.append(f'<meta name="author" content="{_attr(post.author)}" />')
            head.append('<meta name="twitter:card" content="summary_large_image" />')
            head.append('<meta name="twitter:label1" content="Written by" />')
            head.append(f'<meta name="twitter:data1" content="{_attr(post.author)}" />')
            head.append(
                '<script type="application/ld+json" '
                f'class="yoast-schema-graph">{self._yoast_graph(post, base)}</script>'
            )
            head.append("<!-- / Yoast SEO plugin. -->")
        else:
            head.append(f"<title>{_rendered(post.title)} &#8211; {_text(self.name)}</title>")
            head.append("<meta name='robots' content='max-image-preview:large' />")
        head.append(self._common_head(base))
        if self.rest_enabled:
            head.append(
                '<link rel="alternate" title="JSON" type="application/json" '
                f'href="{base}/wp-json/wp/v2/posts/{post.id}" />'
            )
        if self.seo_plugin != "yoast":
            head.append(f'<link rel="canonical" href="{_attr(url)}" />')
            head.append(f"<link rel='shortlink' href='{base}/?p={post.id}' />")
            head.append("<!-- Jetpack Open Graph Tags -->")
            head.append('<meta property="og:type" content="article" />')
            head.append(f'<meta property="og:title" content="{_attr(post.title)}" />')
            head.append(f'<meta property="og:url" content="{_attr(url)}" />')
            head.append(f'<meta property="og:description" content="{_attr(excerpt)}" />')
            head.append(f'<meta property="og:site_name" content="{_attr(self.name)}" />')
            if image:
                head.append(f'<meta property="og:image" content="{_attr(image)}" />')
            head.append('<meta property="og:locale" content="en_US" />')
            head.append("<!-- End Jetpack Open Graph Tags -->")

        cats = self._post_terms(post, "category")
        tags = self._post_terms(post, "post_tag")
        cat_class = f"{self.theme}-categories"
        cat_links = "".join(
            f'<li class="meta-category">\n    <a class="{cat_class} category-color-1" '
            f'href="{base}/category/{t.slug}/" aria-label="{_attr(t.name)}">\n        '
            f"{_text(t.name)}\n    </a>\n</li>"
            for t in cats
        )
        date_span = (
            ""
            if undated
            else '<span class="item-metadata posts-date">\n    <i class="far fa-clock" aria-hidden="true">'
            f"</i>\n    {_text(self._display_date(post))}\n</span>"
        )
        minutes = max(1, math.ceil(_word_count(post.content_html) / 200))
        thumb = (
            '<div class="read-img pos-rel"><div class="post-thumbnail full-width-image">'
            f'<img width="1024" height="683" src="{_attr(image)}" class="attachment-{self.theme}-featured '
            f'size-{self.theme}-featured wp-post-image" alt="" decoding="async" fetchpriority="high" /></div>'
            '<span class="aft-image-caption"><p></p></span></div>'
            if image
            else ""
        )
        tag_html = (
            '<span class="tags-links">Tags: '
            + " ".join(f'<a href="{base}/tag/{t.slug}/" rel="tag">{_text(t.name)}</a>' for t in tags)
            + "</span>"
            if tags
            else ""
        )
        share = (
            '<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social '
            'sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3>'
            '<div class="sd-content"><ul><li class="share-facebook">'
            '<a rel="nofollow noopener noreferrer" class="share-facebook sd-button '
            f'share-icon" href="{url}?share=facebook" target="_blank" title="Click to share on Facebook">'
            "<span>Facebook</span></a></li>"
            f'<li class="share-x"><a rel="nofollow noopener noreferrer" class="share-x sd-button share-icon" '
            f'href="{url}?share=x" target="_blank" title="Click to share on X"><span>X</span></a></li>'
            '<li class="share-jetpack-whatsapp"><a rel="nofollow noopener noreferrer" '
            'class="share-jetpack-whatsapp sd-button share-icon" '
            f'href="{url}?share=jetpack-whatsapp" target="_blank" '
            'title="Click to share on WhatsApp"><span>WhatsApp</span></a></li>'
            '<li class="share-end"></li></ul></div></div></div>'
        )
        ordered = self._sorted(include_undated=True)
        idx = next(i for i, p in enumerate(ordered) if p.slug == post.slug)
        newer = ordered[idx - 1] if idx > 0 else None
        older = ordered[idx + 1] if idx + 1 < len(ordered) else None
        nav = (
            '<nav class="navigation post-navigation" aria-label="Post navigation">'
            '<h2 class="screen-reader-text">Post navigation</h2><div class="nav-links">'
        )
        if older:
            nav += (
                f'<div class="nav-previous"><a href="{base}/{older.slug}/" rel="prev"><span '
                'class="em-post-navigation">'
                f"Previous:</span> {_rendered(older.title)}</a></div>"
            )
        if newer:
            nav += (
                f'<div class="nav-next"><a href="{base}/{newer.slug}/" rel="next"><span '
                'class="em-post-navigation">'
                f"Next:</span> {_rendered(newer.title)}</a></div>"
            )
        nav += "</div></nav>"
        breadcrumbs = (
            '<div class="af-breadcrumbs font-family-1 color-pad"><div role="navigation" '
            'aria-label="Breadcrumbs" '
            'class="breadcrumb-trail breadcrumbs" itemprop="breadcrumb"><ul class="trail-items">'
            f'<li class="trail-item trail-begin"><a href="{base}/" rel="home"><span>Home</span></a></li>'
            + (
                '<li class="trail-item"><a '
                f'href="{base}/category/{cats[0].slug}/"><span>{_text(cats[0].name)}'
                "</span></a></li>"
                if cats
                else ""
            )
            + f'<li class="trail-item trail-end"><a href="{url}"><span>{_rendered(post.title)}'
            "</span></a></li>"
            "</ul></div></div>"
        )
        comment_form = (
            '<div id="comments" class="comments-area">\n\t<div id="respond" class="comment-respond">\n'
            '\t\t<h3 id="reply-title" class="comment-reply-title">Leave a Reply <small><a rel="nofollow" '
            f'id="cancel-comment-reply-link" href="{url}#respond" style="display:none;">Cancel '
            "reply</a></small></h3>"
            f'<form action="{base}/wp-comments-post.php" method="post" id="commentform" '
            'class="comment-form" novalidate>'
            '<p class="comment-notes"><span id="email-notes">Your email address will not be '
            "published.</span> "
            '<span class="required-field-message">Required fields are marked <span '
            'class="required">*</span></span></p>'
            '<p class="comment-form-comment"><label for="comment">Comment <span '
            'class="required">*</span></label> '
            '<textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" '
            "required></textarea></p>"
            '<p class="comment-form-author"><label for="author">Name <span class="required">*</span></label> '
            '<input id="author" name="author" type="text" value="" size="30" maxlength="245" '
            'autocomplete="name" required /></p>'
            '<p class="comment-form-email"><label for="email">Email <span class="required">*</span></label> '
            '<input id="email" name="email" type="email" value="" size="30" maxlength="100" '
            'autocomplete="email" required /></p>'
            '<p class="comment-form-url"><label for="url">Website</label> '
            '<input id="url" name="url" type="url" value="" size="30" maxlength="200" autocomplete="url" '
            "/></p>"
            '<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" '
            'value="Post Comment" /> '
            f"<input type='hidden' name='comment_post_ID' value='{post.id}' id='comment_post_ID' />\n"
            "<input type='hidden' name='comment_parent' id='comment_parent' value='0' />\n</p></form>"
            "\t</div><!-- #respond -->\n</div><!-- #comments -->"
        )
        article_class = (
            f"af-single-article post-{post.id} post type-post status-publish format-standard"
            + (" has-post-thumbnail" if image else "")
            + " hentry"
            + "".join(f" category-{t.slug}" for t in cats)
            + "".join(f" tag-{t.slug}" for t in tags)
        )
        article = f"""{breadcrumbs}
<div id="primary" class="content-area">
<main id="main" class="site-main">
<article id="post-{post.id}" class="{article_class}">
  <div class="entry-content-wrap read-single social-after-title">
    <header class="entry-header pos-rel">
      <div class="read-details">
        <div class="entry-header-details af-cat-widget-carousel">
          <div class="figure-categories read-categories figure-categories-bg categories-inside-image">
            <ul class="cat-links">{cat_links}</ul>
          </div>
          <h1 class="entry-title">{_rendered(post.title)}</h1>
          <div class="aft-post-excerpt-and-meta color-pad">
            <div class="entry-meta author-links">
              <span class="author-links">
                <span class="item-metadata posts-author byline">
                    <i class="far fa-user-circle"></i>
                    <a href="{base}/author/{author.slug}/">{_text(author.name)}</a>
                </span>
                {date_span}
                <span class="min-read">{minutes} min read</span>
              </span>
              <div class="aft-comment-view-share"></div>
            </div>
          </div>
        </div>
      </div>
      {thumb}
    </header>
    <div class="entry-content read-details">
{self._abs(post.content_html, base)}{share}
      <div class="post-item-metadata entry-meta author-links">{tag_html}</div>
      {nav}
    </div>
  </div>
  <div class="promotionspace enable-promotionspace"><div class="af-reated-posts morenews-customizer">
    <div class="af-advertisement-block"><span class="advertisement-label">Advertisement</span>
    <a href="{base}/pasang-iklan/"><img src="{base}/wp-content/uploads/2024/01/banner-iklan.jpg"
      alt="Advertisement" /></a></div>
  </div></div>
  {comment_form}
</article>
</main>
</div>"""
        return self._page(
            base,
            head="\n".join(head),
            body_class=f"post-template-default single single-post postid-{post.id} single-format-standard "
            "aft-default-mode aft-header-layout-side header-image-default default-content-layout "
            "single-content-mode-default align-content-left af-wide-layout",
            main=article,
            exclude=post.slug,
        )

    def _yoast_graph(self, post: Post, base: str) -> str:
        url = f"{base}/{post.slug}/"
        undated = post.slug in self.undated_posts
        author = self._user(post.author)
        person_id = f"{base}/#/schema/person/{hashlib.md5(author.slug.encode()).hexdigest()}"
        article: dict[str, Any] = {
            "@type": "Article",
            "@id": f"{url}#article",
            "isPartOf": {"@id": url},
            "author": {"name": post.author, "@id": person_id},
            "headline": post.title,
        }
        webpage: dict[str, Any] = {
            "@type": "WebPage",
            "@id": url,
            "url": url,
            "name": f"{post.title} - {self.name}",
            "isPartOf": {"@id": f"{base}/#website"},
        }
        if not undated:
            for node in (article, webpage):
                node["datePublished"] = w3c_datetime(post.date_gmt)
                node["dateModified"] = w3c_datetime(post.modified_gmt)  # type: ignore[arg-type]
        article.update({
            "mainEntityOfPage": {"@id": url},
            "wordCount": _word_count(post.content_html),
            "publisher": {"@id": f"{base}/#organization"},
            "keywords": list(post.tags),
            "articleSection": list(post.categories),
            "inLanguage": "en-US",
        })  # fmt: skip
        image = self._image_url(post, base)
        if image:
            article["thumbnailUrl"] = image
            webpage["thumbnailUrl"] = image
        webpage.update({"breadcrumb": {"@id": f"{url}#breadcrumb"}, "inLanguage": "en-US"})
        graph = [
            article,
            webpage,
            {
                "@type": "BreadcrumbList",
                "@id": f"{url}#breadcrumb",
                "itemListElement": [
                    {"@type": "ListItem", "position": 1, "name": "Home", "item": f"{base}/"},
                    {"@type": "ListItem", "position": 2, "name": post.title},
                ],
            },
            {
                "@type": "WebSite",
                "@id": f"{base}/#website",
                "url": f"{base}/",
                "name": self.name,
                "description": self.tagline,
                "inLanguage": "en-US",
            },
            {
                "@type": "Person",
                "@id": person_id,
                "name": post.author,
                "url": f"{base}/author/{author.slug}/",
            },
        ]
        return json.dumps({"@context": "https://schema.org", "@graph": graph}, ensure_ascii=False).replace(
            "</", "<\\/"
        )

    def _common_head(self, base: str) -> str:
        v = self.wp_version
        parts = [
            f'<link rel="alternate" type="application/rss+xml" title="{_attr(self.name)} &raquo; Feed" '
            f'href="{base}/feed/" />',
            f'<link rel="alternate" type="application/rss+xml" title="{_attr(self.name)} &raquo; Comments '
            'Feed" '
            f'href="{base}/comments/feed/" />',
            "<link rel='stylesheet' id='wp-block-library-css' "
            f"href='{base}/wp-includes/css/dist/block-library/"
            f"style.min.css?ver={v}' type='text/css' media='all' />",
            f"<link rel='stylesheet' id='{self.theme}-google-fonts-css' "
            "href='https://fonts.googleapis.com/css?"
            "family=Roboto:400,700&#038;subset=latin&#038;display=swap' type='text/css' media='all' />",
            f"<link rel='stylesheet' id='{self.theme}-style-css' href='{base}/wp-content/themes/{self.theme}/"
            f"style.css?ver={self.theme_version}' type='text/css' media='all' />",
            f'<script type="text/javascript" src="{base}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" '
            'id="jquery-core-js"></script>',
        ]
        if self.rest_enabled:
            parts.append(f'<link rel="https://api.w.org/" href="{base}/wp-json/" />')
        parts.append(
            f'<link rel="EditURI" type="application/rsd+xml" title="RSD" href="{base}/xmlrpc.php?rsd" />'
        )
        parts.append(f'<meta name="generator" content="WordPress {v}" />')
        return "\n".join(parts)

    def _card(self, post: Post, base: str, with_excerpt: bool = True) -> str:
        url = f"{base}/{post.slug}/"
        image = self._image_url(post, base)
        cats = self._post_terms(post, "category")
        author = self._user(post.author)
        date_html = (
            ""
            if post.slug in self.undated_posts
            else '<span class="item-metadata posts-date"><i class="far fa-clock" aria-hidden="true"></i> '
            f"{_text(self._display_date(post))}</span>"
        )
        first_cat = (
            f'<ul class="cat-links"><li class="meta-category"><a class="{self.theme}-categories '
            'category-color-1" '
            f'href="{base}/category/{cats[0].slug}/">{_text(cats[0].name)}</a></li></ul>'
            if cats
            else ""
        )
        img = (
            '<div class="read-img pos-rel col-4 float-l read-bg-img"><a class="aft-post-image-link" '
            f'href="{url}">'
            f'<img width="300" height="200" src="{_attr(image)}" class="attachment-medium size-medium '
            'wp-post-image" '
            'alt="" loading="lazy" /></a></div>'
            if image
            else ""
        )
        excerpt = (
            f'<div class="read-descprition full-item-description"><div class="post-description">'
            f"{_text(post.auto_excerpt)}</div></div>"
            if with_excerpt
            else ""
        )
        return (
            '<div class="af-double-column list-style clearfix aft-list-show-image"><div class="read-single '
            'color-pad">'
            f'{img}<div class="read-details col-2 float-l pad float-l"><div class="figure-categories '
            'figure-categories-bg">'
            f'{first_cat}</div><div class="read-title"><h3><a '
            f'href="{url}">{_rendered(post.title)}</a></h3></div>'
            f'<div class="post-item-metadata entry-meta author-links"><span class="author-links">'
            f'<span class="item-metadata posts-author byline"><i class="far fa-user-circle"></i> '
            f'<a href="{base}/author/{author.slug}/">{_text(author.name)}</a></span>{date_html}</span></div>'
            f"{excerpt}</div></div></div>"
        )

    def _page(self, base: str, head: str, body_class: str, main: str, exclude: str | None = None) -> str:
        today = format_wp_date(self.render_today)
        cats = [t for t in self._terms_of("category") if self._count(t)]
        menu = (
            f'<li class="menu-item menu-item-type-custom menu-item-home"><a href="{base}/">Home</a></li>'
            + "".join(
                '<li class="menu-item menu-item-type-taxonomy menu-item-object-category"><a '
                f'href="{base}/category/'
                f'{t.slug}/">{_text(t.name)}</a></li>'
                for t in cats
            )
        )
        everything = self._sorted(include_undated=True)
        recent = [p for p in everything if p.slug != exclude][:5]
        recent_html = "".join(f'<li><a href="{base}/{p.slug}/">{_rendered(p.title)}</a></li>' for p in recent)
        cat_widget = "".join(
            f'<li class="cat-item cat-item-{t.id}"><a href="{base}/category/{t.slug}/">{_text(t.name)}</a> '
            f"({self._count(t)})</li>"
            for t in cats
        )
        missed = "".join(
            self._card(p, base, with_excerpt=False) for p in [p for p in everything if p.slug != exclude][:4]
        )
        return f"""<!doctype html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="profile" href="https://gmpg.org/xfn/11">
{head}
</head>
<body class="{body_class} wp-embed-responsive">
<div id="af-preloader"><div id="loader-wrapper"><div id="loader"></div></div></div>
<div id="page" class="site af-whole-wrapper">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="header-layout-side {self.theme}-header">
  <div class="top-header">
    <div class="container-wrapper">
      <div class="top-bar-flex">
        <div class="top-bar-left col-2">
          <div class="date-bar-left">
            <span class="topbar-date">
              {today}
            </span>
          </div>
        </div>
        <div class="top-bar-right col-2">
          <div class="aft-small-social-menu"><ul id="menu-social" class="menu">
            <li class="menu-item"><a href="https://www.facebook.com/"><span
              class="screen-reader-text">Facebook</span></a></li>
            <li class="menu-item"><a href="https://www.youtube.com/"><span
              class="screen-reader-text">YouTube</span></a></li>
          </ul></div>
        </div>
      </div>
    </div>
  </div>
  <div class="af-middle-header">
    <div class="container-wrapper">
      <div class="af-middle-container">
        <div class="logo">
          <div class="site-branding">
            <p class="site-title font-family-1"><a href="{base}/" class="site-title-anchor"
              rel="home">{_text(self.name)}</a></p>
            <p class="site-description">{_text(self.tagline)}</p>
          </div>
        </div>
        <div class="header-promotion"><div class="banner-promotions-wrapper"><div class="promotion-section">
          <span class="advertisement-label">Advertisement</span>
          <a href="{base}/pasang-iklan/"><img src="{base}/wp-content/uploads/2024/01/banner-header.jpg"
            alt="Pasang iklan" /></a>
        </div></div></div>
      </div>
    </div>
  </div>
  <div id="main-navigation-bar" class="af-bottom-header">
    <div class="container-wrapper">
      <nav class="main-navigation clearfix">
        <span class="toggle-menu" aria-controls="primary-menu" aria-expanded="false"><span
          class="screen-reader-text">Primary Menu</span></span>
        <div class="menu main-menu menu-desktop show-menu-border"><ul id="primary-menu"
          class="menu">{menu}</ul></div>
      </nav>
      <div class="search-watch"><form role="search" method="get" class="search-form" action="{base}/">
        <label><span class="screen-reader-text">Search for:</span><input type="search" class="search-field"
          placeholder="Search &hellip;" value="" name="s" /></label>
        <input type="submit" class="search-submit" value="Search" /></form></div>
    </div>
  </div>
</header>
<div id="content" class="container-wrapper">
<div class="section-block-wrapper">
{main}
<aside id="secondary" class="sidebar-area sidebar-sticky-top">
  <div class="theiaStickySidebar"><div class="aft-sidebar-wrapper">
    <div id="recent-posts-2" class="widget morenews-widget widget_recent_entries">
      <h2 class="widget-title widget-title-1"><span class="heading-line-before"></span>Recent Posts<span
        class="heading-line-after"></span></h2>
      <ul>{recent_html}</ul>
    </div>
    <div id="custom_html-3" class="widget_text widget morenews-widget widget_custom_html"><div
      class="textwidget custom-html-widget">
      <span class="advertisement-label">Advertisement</span><div class="ad-slot" data-slot="sidebar-1"></div>
    </div></div>
    <div id="categories-2" class="widget morenews-widget widget_categories">
      <h2 class="widget-title widget-title-1"><span class="heading-line-before"></span>Categories<span
        class="heading-line-after"></span></h2>
      <ul>{cat_widget}</ul>
    </div>
  </div></div>
</aside>
</div>
</div>
<section class="aft-blocks above-footer-widget-section">
  <div class="af-main-banner-latest-posts grid-layout {self.theme}-customizer">
    <div class="container-wrapper">
      <div class="widget-title-section">
        <h4 class="widget-title header-after1"><span class="heading-line-before"></span><span
          class="heading-line">You may have missed</span><span class="heading-line-after"></span></h4>
      </div>
      <div class="af-container-row clearfix">{missed}</div>
    </div>
  </div>
</section>
<footer class="site-footer" id="color-footer">
  <div class="site-info">
    <div class="container-wrapper">
      <div class="af-container-row">
        <div class="col-1 color-pad">
          Copyright &copy; All rights reserved. <span class="sep"> | </span>
          <a href="https://afthemes.com/products/{self.theme}/">{self._theme_name}</a> by AF themes.
        </div>
      </div>
    </div>
  </div>
</footer>
</div>
<a id="scroll-up" class="secondary-color right"><i class="fas fa-angle-up"></i></a>
<script type="text/javascript"
  src="{base}/wp-content/themes/{self.theme}/js/script.js?ver={self.theme_version}"
  id="{self.theme}-script-js"></script>
</body>
</html>
"""

    def _listing(self, base: str, kind: str, key: str, page: int) -> Response | None:
        posts = self._sorted(include_undated=True)
        if kind == "home":
            title_html = ""
            doc_title = f"{_text(self.name)} &#8211; {_text(self.tagline)}"
            root = f"{base}/"
        elif kind == "search":
            needle = key.strip().lower()
            posts = [p for p in posts if needle in f"{p.title} {' '.join(p.paragraphs)}".lower()]
            title_html = f'<h1 class="page-title">Search Results for: <span>{_text(key)}</span></h1>'
            doc_title = f"Search Results for &#8220;{_text(key)}&#8221; &#8211; {_text(self.name)}"
            root = f"{base}/"
        elif kind == "author":
            user = next((u for u in self._users.values() if u.slug == key), None)
            if user is None:
                return None
            posts = [p for p in posts if p.author == user.name]
            title_html = f'<h1 class="page-title">Author: <span class="vcard">{_text(user.name)}</span></h1>'
            doc_title = f"{_text(user.name)} &#8211; {_text(self.name)}"
            root = f"{base}/author/{key}/"
        else:
            taxonomy = "category" if kind == "category" else "post_tag"
            term = self._term_by_slug(taxonomy, key)
            if term is None:
                return None
            attr = "categories" if kind == "category" else "tags"
            posts = [p for p in posts if term.name in getattr(p, attr)]
            label = "Category" if kind == "category" else "Tag"
            title_html = f'<h1 class="page-title">{label}: <span>{_text(term.name)}</span></h1>'
            doc_title = f"{_text(term.name)} &#8211; {_text(self.name)}"
            root = f"{base}/{kind}/{key}/"
        per = self.posts_per_page
        pages = max(1, math.ceil(len(posts) / per))
        if page > pages:
            return None
        chunk = posts[(page - 1) * per : page * per]
        search_q = f"?s={quote(key)}" if kind == "search" else ""

        def page_url(n: int) -> str:
            return (root if n == 1 else f"{root}page/{n}/") + search_q

        links = []
        if page > 1:
            links.append(f'<a class="prev page-numbers" href="{page_url(page - 1)}">Previous</a>')
        for n in range(1, pages + 1):
            if n == page:
                links.append(f'<span aria-current="page" class="page-numbers current">{n}</span>')
            else:
                links.append(f'<a class="page-numbers" href="{page_url(n)}">{n}</a>')
        if page < pages:
            links.append(f'<a class="next page-numbers" href="{page_url(page + 1)}">Next</a>')
        pagination = (
            '<nav class="navigation pagination" aria-label="Posts pagination"><h2 class="screen-reader-text">'
            f'Posts pagination</h2><div class="nav-links">{"".join(links)}</div></nav>'
        )
        cards = "".join(self._card(p, base) for p in chunk) or (
            '<section class="no-results not-found"><h1 class="page-title">Nothing Found</h1></section>'
        )
        main = f"""<div id="primary" class="content-area">
<main id="main" class="site-main aft-archive-post">
<header class="header-title-wrapper1 entry-header-details">{title_html}</header>
<div class="af-container-row aft-archive-wrapper clearfix archive-layout-list">{cards}</div>
<div class="col col-ten"><div class="morenews-pagination">{pagination}</div></div>
</main>
</div>"""
        if page > 1:
            doc_title = doc_title.replace(" &#8211; ", f" &#8211; Page {page} &#8211; ", 1)
        head = f"<title>{doc_title}</title>\n" + self._common_head(base)
        if kind != "search":
            head += (
                f'\n<link rel="canonical" href="{page_url(page)}" />' if kind != "home" or page > 1 else ""
            )
        body_class = {"home": "home blog", "search": "search search-results", "author": "archive author"}.get(
            kind, f"archive {kind}"
        )
        return _html_response(200, self._page(base, head, body_class, main), self._html_headers(base))

    def _not_found(self, base: str) -> Response:
        main = """<div id="primary" class="content-area">
<main id="main" class="site-main">
<section class="error-404 not-found">
<header class="header-title-wrapper1"><h1
  class="page-title">Oops! That page can&rsquo;t be found.</h1></header>
<div class="page-content"><p>It looks like nothing was found at this location.
Maybe try one of the links below or a search?</p></div>
</section>
</main>
</div>"""
        head = f"<title>Page not found &#8211; {_text(self.name)}</title>\n" + self._common_head(base)
        return _html_response(404, self._page(base, head, "error404", main), self._html_headers(base))


def _human_time_diff(then: datetime, now: datetime) -> str:
    """WordPress ``human_time_diff`` (English)."""
    secs = abs((now - then).total_seconds())

    def unit(n: float, word: str) -> str:
        k = max(1, round(n))
        return f"{k} {word}" if k == 1 else f"{k} {word}s"

    if secs < 3600:
        return unit(secs / 60, "min")
    if secs < 86400:
        return unit(secs / 3600, "hour")
    if secs < 7 * 86400:
        return unit(secs / 86400, "day")
    if secs < 30 * 86400:
        return unit(secs / (7 * 86400), "week")
    if secs < 365 * 86400:
        return unit(secs / (30 * 86400), "month")
    return unit(secs / (365 * 86400), "year")
