"""A generic, configurable WordPress spider.

Discovery, most reliable first: the REST API (``/wp-json/wp/v2/posts``), the RSS feed (``/feed/``,
paged), the sitemap (core ``/wp-sitemap.xml`` or an SEO plugin's ``/sitemap_index.xml``). Each step
falls back to the next when it is disabled or broken. Article pages are fetched only when the
listing lacks the text (sitemaps, excerpt-only feeds).

Dates, most reliable first: REST ``date_gmt`` (UTC) → ``article:published_time`` / JSON-LD → the
feed's pubDate → the byline. Theme elements that print today's date (``ignore_selectors``) are
removed before any page is read.

Options (``[sources.<key>.options]``): ``use_rest``, ``rest_path``, ``per_page``, ``feed_path``,
``max_rest_pages``, ``max_feed_pages``, ``overlap_hours``, ``sitemaps``, ``sitemap_follow``, ``skip_paths``,
``max_sitemaps``, ``max_sitemap_depth``, ``link_pattern``, ``extra_hosts`` and ``page`` (CSS selectors laid over ``AF_THEME_RULES``); their types, defaults and
meaning are ``WordPressOptions`` in ``pmi_aggregator/sources/options.py``.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response, TextResponse

from pmi_aggregator.article import Article
from pmi_aggregator.crawler.spiders.articles import ArticleSpider
from pmi_aggregator.extract.builder import RawArticle, RawDate
from pmi_aggregator.extract.feed_entries import oldest_entry_date
from pmi_aggregator.extract.feed_reading import read_feed
from pmi_aggregator.normalize.bounded import ListingUnreadable, load_json
from pmi_aggregator.normalize.html_text import html_to_text
from pmi_aggregator.sources.options import WordPressOptions

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


def _gmt(value: Any) -> datetime | None:
    """WordPress ``*_gmt`` fields: UTC without an offset (anything but a string is no date)."""
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "")).replace(tzinfo=timezone.utc)
    except ValueError:
        return None


class WordPressSpider(ArticleSpider):
    kind = "wordpress"
    default_page_rules = AF_THEME_RULES
    no_discovery_detail = "REST API, feed and sitemaps all failed"

    @property
    def options(self) -> WordPressOptions:
        return self.options_as(WordPressOptions)

    async def start(self) -> Any:
        if self.options.use_rest:
            yield self._rest_request(1)
        else:
            for request in self._feed_fallback("REST API disabled in the source options"):
                yield request

    # -- 1. REST API ----------------------------------------------------------------------------
    def _rest_request(self, page: int) -> scrapy.Request:
        params: dict[str, Any] = {
            "per_page": self.options.per_page,
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
            cutoff = high_water - timedelta(hours=self.options.overlap_hours)
            params["modified_after"] = cutoff.astimezone(site_tz).strftime("%Y-%m-%dT%H:%M:%S")
        url = self.url(self.options.rest_path + "posts?" + urlencode(params))
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
        """One REST page: its posts first, then the next page, only if this one was full."""
        posts = self._rest_posts(response, page)
        if posts is None:
            if page == 1:
                yield from self._feed_fallback(
                    f"REST API unusable (HTTP {response.status}) at {response.url}"
                )
            else:
                self.listing_stopped()
            return
        if page == 1:
            self.discovery("rest")
        self.count("listing_pages")
        for post in posts:
            article = self._rest_post(post, response.url)
            if article is None or self.is_unchanged(article) or not self.first_emit(article):
                continue
            if not self.take_item():
                return
            yield article
        if self._more_rest_pages(page, len(posts)):
            yield self._rest_request(page + 1)

    def _more_rest_pages(self, page: int, count: int) -> bool:
        """A full page asks for the next one, up to the cap. ``X-WP-TotalPages`` is not believed:
        caches drop it, plugins inflate it, and one that says "last" under a full page would hide
        the rest for good (past the end, WordPress answers 400: an empty page)."""
        if count < self.options.per_page:
            return False
        if page >= self.options.max_rest_pages:
            self.partial("max_rest_pages")
            return False
        return True

    def _rest_post(self, post: dict[str, Any], listing_url: str) -> Article | None:
        """One post to an Article; a post that breaks the reader costs that post only, held for the
        next run."""
        try:
            return self._rest_article(post, listing_url)
        except Exception as exc:  # any shape of hostile JSON, the rest of the page goes on
            link = post.get("link")
            url = link if isinstance(link, str) and link.startswith("http") else listing_url
            detail = f"post id {post.get('id')!r}: {type(exc).__name__}: {str(exc)[:120]}"
            self.error("rest_post_invalid", url, detail)
            if url is listing_url:
                self.listing_stopped()  # nothing to fetch again by itself: list it again next run
            else:
                self.hold(url, "rest_post_invalid", _gmt(post.get("modified_gmt")))
            return None

    def _rest_posts(self, response: Response, page: int) -> list[dict[str, Any]] | None:
        if response.status == 400 and page > 1:
            return []  # WordPress: page number beyond the last page (posts removed meanwhile)
        if response.status != 200:
            self.error(f"rest_http_{response.status}", response.url)
            return None
        try:
            data = load_json(response.text if isinstance(response, TextResponse) else response.body)
        except ListingUnreadable as exc:  # invalid, or nested too deep to read safely
            self.error(f"rest_{exc.reason}", response.url, str(exc))
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
        if not self.listed(link, listing_url):
            return None
        embedded: dict[str, Any] = post["_embedded"] if isinstance(post.get("_embedded"), dict) else {}
        terms = [t for group in _dicts_in(embedded.get("wp:term"), nested=True) for t in _dicts_in(group)]
        media = _dicts_in(embedded.get("wp:featuredmedia"))
        image = media[0].get("source_url") if media else None
        published = _gmt(post.get("date_gmt"))
        try:
            return self.build(
                RawArticle(
                    url=self.canonical(link),
                    title=html.unescape(_rendered(post.get("title"))),
                    body=html_to_text(_rendered(post.get("content")), remove=self.rules.noise),
                    summary=html_to_text(_rendered(post.get("excerpt"))),
                    authors=_names(_dicts_in(embedded.get("author"))),
                    categories=_names(t for t in terms if t.get("taxonomy") == "category"),
                    tags=_names(t for t in terms if t.get("taxonomy") == "post_tag"),
                    published=RawDate(published, "api", "second") if published else None,
                    modified_at=_gmt(post.get("modified_gmt")),
                    image_url=image if isinstance(image, str) else None,
                )
            )
        except ValueError as exc:
            self.error("rest_post_invalid", listing_url, str(exc)[:120])
            return None

    # -- 2. RSS feed ----------------------------------------------------------------------------
    def _feed_fallback(self, why: str) -> Iterator[scrapy.Request]:
        self.source_log.info("%s: %s; using the feed", self.source.key, why)
        yield self._feed_request(1)

    def _feed_request(self, page: int) -> scrapy.Request:
        path = self.options.feed_path + (f"?paged={page}" if page > 1 else "")
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
        parsed, entries = read_feed(response.body)
        if not entries:
            if page == 1:
                self.error("feed_invalid", response.url, str(parsed.get("bozo_exception", "no items"))[:120])
                yield from self._sitemap_fallback(f"feed unusable at {response.url}")
            return
        if page == 1:
            self.discovery("feed")
        self.count("listing_pages")
        fresh = yield from self.feed_entries(entries, response.url)
        if self.next_feed_page(fresh, oldest_entry_date(entries)) and page < self.options.max_feed_pages:
            yield self._feed_request(page + 1)

    # -- 3. Sitemap -----------------------------------------------------------------------------
    def _sitemap_fallback(self, why: str) -> Iterator[scrapy.Request]:
        self.source_log.info("%s: %s; using the sitemap", self.source.key, why)
        yield self._sitemap_request(0)


def _dicts_in(value: Any, *, nested: bool = False) -> list[Any]:
    """The objects of a JSON list (or, ``nested``, its inner lists); anything else is none."""
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, list if nested else dict)]


def _names(objects: Iterable[dict[str, Any]]) -> list[str]:
    return [name for o in objects if isinstance(name := o.get("name"), str)]


def _rendered(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("rendered", "")
    return value if isinstance(value, str) else ""
