"""Typed ``[sources.<key>.options]`` per source kind, each default declared once.

The crawler's spider for a kind reads these fields (``self.options.<field>``); ``load_sources``
validates them, so a misspelt key or a wrong value stops the run before any request is made.
Lists also take a lone string as a one-item list (``feeds = "/feed.xml"`` is ``["/feed.xml"]``).
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from pmi_aggregator.sources.validate import (
    css,
    host,
    nonblank,
    page_template,
    path,
    path_or_url,
    path_prefix,
    query_name,
    regex,
    regex_with_group,
    scrapy_css,
    setting,
)


@dataclass(frozen=True)
class PageSelectors:
    """``options.page``: CSS selectors for article pages (the crawler's ``PageRules``).

    A rule left out keeps the spider's default (WordPress: the AF-theme markup); an empty one falls
    back to generic extraction.
    """

    title: str | None = setting(None, css)
    body: str | None = setting(None, css)
    date: str | None = setting(None, css)
    modified: str | None = setting(None, css)
    author: str | None = setting(None, css)
    categories: str | None = setting(None, css)
    tags: str | None = setting(None, css)
    ignore: tuple[str, ...] | None = setting(None, nonblank, css)
    """Elements removed before anything is read (besides the source's ``ignore_selectors``)."""
    noise: tuple[str, ...] | None = setting(None, nonblank, css)
    """Extra elements removed from the body."""

    def given(self) -> dict[str, str | tuple[str, ...]]:
        """The rules the configuration sets, to lay over a spider's defaults."""
        return {f.name: value for f in fields(self) if (value := getattr(self, f.name)) is not None}


@dataclass(frozen=True)
class SourceOptions:
    """What every kind shares: article-page selectors and which listed URLs are articles."""

    page: PageSelectors = setting(factory=PageSelectors)  # noqa: RUF009 - a field specifier
    link_pattern: str = setting("", regex)
    """A regex searched in a listed URL; only matching URLs are articles (empty: every URL)."""
    max_items: int = setting(2000, low=1, high=1_000_000)
    """New or changed articles taken per run, newest first; the rest is left to the next run."""
    extra_hosts: tuple[str, ...] = setting((), host)
    """Hosts besides the base URL's and the aliases where the source's own articles live; articles
    (and canonical links) on any other host are refused (``crawler.spiders.identity``)."""


@dataclass(frozen=True)
class SitemapOptions(SourceOptions):
    """``kind = "sitemap"``: article URLs from ``sitemap.xml`` (or an index of sitemaps)."""

    sitemaps: tuple[str, ...] = setting(("/sitemap.xml", "/sitemap_index.xml"), path, non_empty=True)
    """Candidates, tried in order until one reads."""
    sitemap_follow: str = setting("", regex)
    """A regex a child sitemap of an index must match (empty: every child)."""
    skip_paths: str = setting("", regex)
    """A regex; URLs whose path matches are not articles."""
    max_sitemaps: int = setting(500, low=1, high=100_000)
    """Sitemaps read per run at most (an index may chain forever); reaching it makes the run partial."""
    max_sitemap_depth: int = setting(3, low=1, high=10)
    """Levels of sitemap indexes followed, the first sitemap being level 1; deeper ones are skipped."""


@dataclass(frozen=True)
class WordPressOptions(SitemapOptions):
    """``kind = "wordpress"``: REST API, then the feed, then the sitemaps (see the spider)."""

    use_rest: bool = setting(True)
    rest_path: str = setting("/wp-json/wp/v2/", path)
    per_page: int = setting(100, low=1, high=100)
    """Posts per REST page; WordPress refuses more than 100."""
    max_rest_pages: int = setting(100, low=1, high=10_000)
    """REST pages read per run at most, one after another (``X-WP-TotalPages`` may say anything)."""
    feed_path: str = setting("/feed/", path)
    max_feed_pages: int = setting(50, low=1, high=10_000)
    overlap_hours: float = setting(24.0, low=0, high=24 * 366)
    """How far before the last run's newest change an incremental run asks again."""
    sitemaps: tuple[str, ...] = setting(
        ("/wp-sitemap.xml", "/sitemap_index.xml", "/sitemap.xml"), path, non_empty=True
    )
    sitemap_follow: str = setting(r"posts-post|post-sitemap|sitemap-posts|news", regex)
    """Child sitemaps of posts (core, Yoast/RankMath, AIOSEO); pages, taxonomies and users skipped."""
    skip_paths: str = setting(r"^/$|^/(?:category|tag|author|page|search|feed|wp-content|wp-json)/", regex)


@dataclass(frozen=True)
class FeedReading(SourceOptions):
    """What RSS/Atom kinds share."""

    feeds: tuple[str, ...] = setting(("/feed/",), path_or_url, non_empty=True)
    """Feed paths or URLs."""
    max_pages: int = setting(10, low=1, high=10_000)
    """Pages read per feed at most."""
    full_text: bool = setting(True)
    """Fetch the article page when the feed has only an excerpt; false stores only the feed's title,
    summary, date and link and never fetches a page (sites that forbid crawling their pages)."""


@dataclass(frozen=True)
class FeedOptions(FeedReading):
    """``kind = "feed"``: any RSS/Atom feeds."""

    page_param: str = setting("", query_name)
    """The query parameter that pages a feed (``paged`` on WordPress); empty: no paging."""


@dataclass(frozen=True)
class BloggerOptions(FeedReading):
    """``kind = "blogger"``: ``/feeds/posts/default`` (Atom, the whole post), paged by start-index."""

    feeds: tuple[str, ...] = setting(("/feeds/posts/default",), path_or_url, non_empty=True)
    per_page: int = setting(50, low=1, high=500)
    max_pages: int = setting(40, low=1, high=10_000)
    link_pattern: str = setting(r"/\d{4}/\d{2}/[^/]+\.html", regex)


@dataclass(frozen=True)
class TagListingOptions(SourceOptions):
    """``kind = "tag_listing"``: listing pages (tag pages, a news list) read with selectors, paged."""

    listings: tuple[str, ...] = setting((), path_or_url, non_empty=True)
    """First-page paths or URLs (required)."""
    page_url: str = setting("{listing}?page={n}", page_template)
    """Later pages, from ``{listing}`` and ``{n}`` ("{listing}/{n}")."""
    max_pages: int = setting(20, low=1, high=10_000)
    min_relevant_share: float = setting(0.3, low=0, high=1)
    """On general sources, paging stops after a page with a smaller share of PMI items."""
    full_text: bool = setting(True)
    """Fetch each article page; false stores the listing's title, summary, date and link only."""
    item: str = setting("article", nonblank, scrapy_css)
    """One element per item; the ``item_*`` selectors are relative to it (``::text``,
    ``::attr(name)`` allowed; empty: not read)."""
    item_link: str = setting("a::attr(href)", nonblank, scrapy_css)
    item_title: str = setting("h2 ::text, h3 ::text", scrapy_css)
    item_date: str = setting("time::attr(datetime)", scrapy_css)
    item_summary: str = setting("", scrapy_css)
    url_date: str = setting("", regex_with_group)
    """A regex whose first group is a ``YYYYMMDD[HHMM[SS]]`` stamp in the article URL, used when the
    listing shows no date or only "x jam yang lalu"."""
    strip_path_prefix: str = setting("", path_prefix)
    """A path prefix that routes to the same page (``/index.php``), removed from article URLs."""
    allowed_domains: tuple[str, ...] = setting((), host)
    """Parent domains of article hosts (``kompas.com`` for ``nasional.kompas.com``)."""


OPTIONS_BY_KIND: dict[str, type[SourceOptions]] = {
    "wordpress": WordPressOptions,
    "feed": FeedOptions,
    "blogger": BloggerOptions,
    "sitemap": SitemapOptions,
    "tag_listing": TagListingOptions,
}
