"""A generic, configurable WordPress spider.

Discovery, most reliable first: the REST API (``/wp-json/wp/v2/posts``), the RSS feed (``/feed/``,
paged), the sitemap (core ``/wp-sitemap.xml`` or an SEO plugin's ``/sitemap_index.xml``). Each step
falls back to the next when it is disabled or broken. Article pages are fetched only when the
listing lacks the text (sitemaps, excerpt-only feeds).

Dates, most reliable first: REST ``date_gmt`` (UTC) → ``article:published_time`` / JSON-LD → the
feed's pubDate → the byline. Theme elements that print today's date (``ignore_selectors``) are
removed before any page is read.

Options (``[sources.<key>.options]``): ``rest_path``, ``per_page``, ``use_rest``, ``feed_path``,
``max_feed_pages``, ``sitemaps``, ``overlap_hours`` and ``page`` (CSS selectors, see ``PageRules``).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any, ClassVar
from urllib.parse import urlencode

import feedparser
import scrapy
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap

from ..article import Article, utcnow
from ..extract import ExtractionError, PageContext, PageRules, extract_article
from ..html_text import html_to_text
from ..metadata import clean_author_list, clean_terms, clean_title, detect_language, extract_dateline
from .base import SourceSpider

# AF Themes (MoreNews, Newsphere, CoverNews) markup; other themes override via options.page.
AF_THEME_RULES = {
    "title": "article h1.entry-title, header.entry-header h1.entry-title, h1.entry-title",
    "body": "div.entry-content.read-details, div.entry-content",
    # Scoped to the article header: "You may have missed" blocks repeat the byline markup for other posts.
    "date": "header.entry-header span.posts-date, article.af-single-article span.posts-date, .entry-meta time",
    "author": "header.entry-header span.posts-author a, article.af-single-article span.posts-author a",
    "categories": ".figure-categories ul.cat-links li.meta-category a, .cat-links a",
    "tags": "span.tags-links a, .tags-links a",
    "noise": [".min-read", ".aft-readmore", ".morenews-pagination", ".post-navigation"],
}
_FEED_STATUSES = [404, 410]
_REST_STATUSES = [400, 401, 403, 404, 410, 500, 501, 502, 503]


def _gmt(value: str | None) -> datetime | None:
    """WordPress ``*_gmt`` fields: UTC without an offset."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "")).replace(tzinfo=timezone.utc)
    except ValueError:
        return None


class WordPressSpider(SourceSpider):
    kind = "wordpress"
    default_options: ClassVar[dict[str, Any]] = {
        "use_rest": True,
        "rest_path": "/wp-json/wp/v2/",
        "per_page": 100,
        "feed_path": "/feed/",
        "max_feed_pages": 50,
        "sitemaps": ["/wp-sitemap.xml", "/sitemap_index.xml", "/sitemap.xml"],
        "overlap_hours": 24,
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        page = {**AF_THEME_RULES, **dict(self.options.get("page", {}))}
        page["ignore"] = tuple(self.source.ignore_selectors) + tuple(page.get("ignore", ()))
        page["noise"] = tuple(page.get("noise", ()))
        self.rules = PageRules(**page)

    async def start(self) -> Any:
        if self.options["use_rest"]:
            yield self._rest_request(1)
        else:
            for request in self._feed_fallback("REST API disabled in the source options"):
                yield request

    # -- 1. REST API ----------------------------------------------------------------------------
    def _rest_request(self, page: int) -> scrapy.Request:
        params: dict[str, Any] = {
            "per_page": self.options["per_page"],
            "page": page,
            "_embed": 1,
            "orderby": "modified",
            "order": "desc",
        }
        site_tz = self.source.tzinfo
        if self.since:
            params["after"] = self.since.astimezone(site_tz).strftime("%Y-%m-%dT%H:%M:%S")
        high_water = self.high_water()
        if high_water:
            cutoff = high_water - timedelta(hours=float(self.options["overlap_hours"]))
            params["modified_after"] = cutoff.astimezone(site_tz).strftime("%Y-%m-%dT%H:%M:%S")
        url = self.url(self.options["rest_path"] + "posts?" + urlencode(params))
        return scrapy.Request(
            url,
            callback=self.parse_rest,
            errback=self.errback,
            cb_kwargs={"page": page},
            meta={"handle_httpstatus_list": _REST_STATUSES, "on_fail": self._on_rest_fail(page)},
        )

    def _on_rest_fail(self, page: int) -> Any:
        if page != 1:
            return None
        return lambda url: self._feed_fallback(f"REST API unreachable at {url}")

    def parse_rest(self, response: Response, page: int) -> Iterator[Any]:
        posts = self._rest_posts(response, page)
        if posts is None:
            if page == 1:
                yield from self._feed_fallback(
                    f"REST API unusable (HTTP {response.status}) at {response.url}"
                )
            return
        if page == 1:
            self.discovery("rest")
            total_pages = _int(response.headers.get(b"X-WP-TotalPages"), default=1)
            self.count("listing_pages_total", total_pages)
            for next_page in range(2, total_pages + 1):
                yield self._rest_request(next_page)
        self.count("listing_pages")
        for post in posts:
            article = self._rest_article(post, response.url)
            if article is not None and self.first_emit(article):
                yield article

    def _rest_posts(self, response: Response, page: int) -> list[dict[str, Any]] | None:
        if response.status == 400 and page > 1:
            return []  # WordPress: page number beyond the last page (posts removed meanwhile)
        if response.status != 200:
            self.error(f"rest_http_{response.status}", response.url)
            return None
        try:
            data = json.loads(response.text)
        except (ValueError, AttributeError) as exc:
            self.error("rest_invalid_json", response.url, str(exc)[:120])
            return None
        if not isinstance(data, list):
            self.error("rest_unexpected_json", response.url, f"expected a list, got {type(data).__name__}")
            return None
        return [post for post in data if isinstance(post, dict)]

    def _rest_article(self, post: dict[str, Any], listing_url: str) -> Article | None:
        link = post.get("link")
        if not isinstance(link, str) or not link.startswith("http"):
            self.error("rest_post_without_link", listing_url, f"post id {post.get('id')!r}")
            return None
        embedded = post.get("_embedded") if isinstance(post.get("_embedded"), dict) else {}
        terms = [
            t for group in embedded.get("wp:term", []) or [] for t in (group or []) if isinstance(t, dict)
        ]
        media = embedded.get("wp:featuredmedia") or [{}]
        published = _gmt(post.get("date_gmt"))
        body = html_to_text(_rendered(post.get("content")), remove=self.rules.noise)
        title = clean_title(html.unescape(_rendered(post.get("title"))), site_names=self.source.site_names)
        try:
            return Article(
                url=self.canonical(link),
                source=self.source.key,
                title=title,
                body=body,
                summary=html_to_text(_rendered(post.get("excerpt"))),
                authors=clean_author_list(
                    [a.get("name", "") for a in embedded.get("author", []) or [] if isinstance(a, dict)],
                    site_names=self.source.site_names,
                ),
                categories=clean_terms([t.get("name", "") for t in terms if t.get("taxonomy") == "category"]),
                tags=clean_terms([t.get("name", "") for t in terms if t.get("taxonomy") == "post_tag"]),
                language=self.source.language or detect_language(f"{title} {body[:2000]}"),
                location=extract_dateline(body),
                published_at=published,
                published_at_source="api" if published else None,
                date_precision="second" if published else None,
                modified_at=_gmt(post.get("modified_gmt")),
                crawled_at=utcnow(),
                image_url=(media[0] or {}).get("source_url") if isinstance(media[0], dict) else None,
            )
        except ValueError as exc:
            self.error("rest_post_invalid", listing_url, str(exc)[:120])
            return None

    # -- 2. RSS feed ----------------------------------------------------------------------------
    def _feed_fallback(self, why: str) -> Iterator[scrapy.Request]:
        self.log.info("%s: %s; using the feed", self.source.key, why)
        yield self._feed_request(1)

    def _feed_request(self, page: int) -> scrapy.Request:
        path = self.options["feed_path"] + (f"?paged={page}" if page > 1 else "")
        return scrapy.Request(
            self.url(path),
            callback=self.parse_feed,
            errback=self.errback,
            cb_kwargs={"page": page},
            meta={
                "handle_httpstatus_list": _FEED_STATUSES,
                "on_fail": (lambda url: self._sitemap_fallback(f"feed unreachable at {url}"))
                if page == 1
                else None,
            },
            dont_filter=True,
        )

    def parse_feed(self, response: Response, page: int) -> Iterator[Any]:
        if response.status in _FEED_STATUSES:
            if page == 1:
                yield from self._sitemap_fallback(f"no feed (HTTP {response.status}) at {response.url}")
            return
        parsed = feedparser.parse(response.body)
        entries = [e for e in parsed.entries if e.get("link")]
        if not entries:
            if page == 1:
                self.error("feed_invalid", response.url, str(parsed.get("bozo_exception", "no items"))[:120])
                yield from self._sitemap_fallback(f"feed unusable at {response.url}")
            return
        if page == 1:
            self.discovery("feed")
        self.count("listing_pages")
        fresh = 0
        for entry in entries:
            article, needs_page = self._feed_article(entry, response.url)
            if article is None or self.is_before_window(article.published_at):
                continue
            known = self.seen.get(article.id)
            if known is not None and known.content_hash == article.content_hash:
                self.count("unchanged_in_listing")
                continue
            fresh += 1
            if needs_page:
                yield self._page_request(entry.link, feed_article=article)
            elif self.first_emit(article):
                yield article
        oldest = min((_feed_date(e) for e in entries if _feed_date(e)), default=None)
        if fresh and page < int(self.options["max_feed_pages"]) and not self.is_before_window(oldest):
            yield self._feed_request(page + 1)

    def _feed_article(self, entry: Any, feed_url: str) -> tuple[Article | None, bool]:
        content = entry.get("content") or []
        body_html = content[0].get("value", "") if content else ""
        body = html_to_text(body_html, remove=self.rules.noise)
        summary = html_to_text(entry.get("summary", ""))
        published = _feed_date(entry)
        title = clean_title(entry.get("title", ""), site_names=self.source.site_names)
        try:
            article = Article(
                url=self.canonical(entry.link),
                source=self.source.key,
                title=title,
                body=body,
                summary=summary if summary != body else "",
                authors=clean_author_list([entry.get("author", "")], site_names=self.source.site_names),
                categories=clean_terms([t.get("term", "") for t in entry.get("tags", [])]),
                language=self.source.language or detect_language(f"{title} {body[:2000]}"),
                location=extract_dateline(body),
                published_at=published,
                published_at_source="feed" if published else None,
                date_precision="second" if published else None,
                crawled_at=utcnow(),
            )
        except ValueError as exc:
            self.error("feed_item_invalid", feed_url, str(exc)[:120])
            return None, False
        # Excerpt-only feeds: the article page has the text.
        return article, len(body) < max(200, len(summary) + 50)

    # -- 3. Sitemap -----------------------------------------------------------------------------
    def _sitemap_fallback(self, why: str) -> Iterator[scrapy.Request]:
        self.log.info("%s: %s; using the sitemap", self.source.key, why)
        yield self._sitemap_request(0)

    def _sitemap_request(self, candidate: int) -> scrapy.Request:
        return scrapy.Request(
            self.url(self.options["sitemaps"][candidate]),
            callback=self.parse_sitemap,
            errback=self.errback,
            cb_kwargs={"candidate": candidate},
            meta={"handle_httpstatus_list": [404, 410, 403], "on_fail": self._next_sitemap(candidate)},
            dont_filter=True,
        )

    def _next_sitemap(self, candidate: int) -> Any:
        def fallback(url: str) -> Iterator[scrapy.Request]:
            if candidate is not None and candidate + 1 < len(self.options["sitemaps"]):
                yield self._sitemap_request(candidate + 1)
            else:
                self.error("no_discovery", self.source.base_url, "REST API, feed and sitemaps all failed")

        return fallback

    def parse_sitemap(self, response: Response, candidate: int | None = None) -> Iterator[Any]:
        sitemap = _read_sitemap(response)
        if sitemap is None:
            self.error("sitemap_invalid", response.url)
            if candidate is not None:
                yield from self._next_sitemap(candidate)(response.url)
            return
        self.discovery("sitemap")
        self.count("listing_pages")
        for entry in sitemap:
            loc = entry.get("loc", "")
            if not loc.startswith("http"):
                continue
            if sitemap.type == "sitemapindex":
                yield scrapy.Request(loc, callback=self.parse_sitemap, errback=self.errback)
                continue
            yield from self._sitemap_url(loc, _w3c_date(entry.get("lastmod")))

    def _sitemap_url(self, loc: str, lastmod: datetime | None) -> Iterator[scrapy.Request]:
        try:
            canonical = self.canonical(loc)
        except ValueError:
            return
        if self.is_before_window(lastmod):
            return
        known = self.seen.get(Article(url=canonical, source=self.source.key).id)
        if known is not None and (
            lastmod is None or (known.modified_at and lastmod <= _iso(known.modified_at))
        ):
            self.count("unchanged_in_listing")
            return
        yield self._page_request(loc)

    # -- article pages --------------------------------------------------------------------------
    def _page_request(self, url: str, feed_article: Article | None = None) -> scrapy.Request:
        return scrapy.Request(
            url, callback=self.parse_article, errback=self.errback, cb_kwargs={"feed_article": feed_article}
        )

    def parse_article(self, response: Response, feed_article: Article | None = None) -> Iterator[Article]:
        self.count("pages_fetched")
        if _truncated(response):
            self.error("broken_page", response.url, "the page is cut off (no closing </html>)")
            if feed_article is not None and self.first_emit(feed_article):
                yield feed_article
            return
        context = PageContext(
            source=self.source.key, tz=self.source.tzinfo, site_names=self.source.site_names
        )
        try:
            article = extract_article(response.text, response.url, rules=self.rules, context=context)
        except (ExtractionError, AttributeError) as exc:
            self.error("broken_page", response.url, str(exc))
            if feed_article is not None and self.first_emit(feed_article):
                yield feed_article  # the feed's title and excerpt are better than nothing
            return
        article.url = self.canonical(article.url)
        if feed_article is not None:
            article = _merge_feed(article, feed_article)
        if self.first_emit(article):
            yield article


def _truncated(response: Response) -> bool:
    """A page cut off in transfer or on the server: storing it would keep a half article."""
    if "dataloss" in response.flags:
        return True
    body = response.body
    return b"<html" in body[:4096].lower() and b"</html" not in body[-4096:].lower()


def _merge_feed(page: Article, feed: Article) -> Article:
    """The page's text and metadata, with the feed's GMT date where the page had only a byline date."""
    if feed.published_at and page.published_at_source in (None, "byline"):
        page.published_at, page.published_at_source = feed.published_at, "feed"
        page.date_precision = feed.date_precision
    page.authors = page.authors or feed.authors
    page.categories = page.categories or feed.categories
    page.summary = page.summary or feed.summary
    return page


def _rendered(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("rendered", "")
    return value if isinstance(value, str) else ""


def _int(value: bytes | None, *, default: int) -> int:
    try:
        return max(1, int(value or default))
    except ValueError:
        return default


def _feed_date(entry: Any) -> datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None


def _w3c_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _iso(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _read_sitemap(response: Response) -> Sitemap | None:
    """Scrapy's sitemap reader: lxml with entity resolution off, so entity bombs do not expand."""
    body = response.body
    if not body.lstrip().startswith(b"<"):
        return None
    try:
        sitemap = Sitemap(body)
    except Exception:  # lxml raises several types on garbage; none of them matter here
        return None
    return sitemap if sitemap.type in ("urlset", "sitemapindex") else None
