"""What the feed, sitemap and listing spiders share: feed items to Articles, article pages, sitemaps.

``ArticleSpider`` turns feed entries into Articles (fetching the page when the feed carries only an
excerpt), reads article pages with the source's ``PageRules``, and decides from the crawl state
whether a listed URL needs fetching at all. The per-kind spiders only discover URLs.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from scrapy.utils.sitemap import Sitemap

from pmi_aggregator.article import Article
from pmi_aggregator.crawler.spiders.base import ARTICLE_PAGE, SourceSpider
from pmi_aggregator.crawler.spiders.identity import CanonicalJudge
from pmi_aggregator.crawler.spiders.sitemap_budget import SitemapBudget
from pmi_aggregator.extract.builder import (
    DEFAULT_FUTURE_TOLERANCE,
    BuiltArticle,
    PageContext,
    RawArticle,
    RawDate,
    build_article,
)
from pmi_aggregator.extract.feed_entries import entry_date
from pmi_aggregator.extract.page import ExtractionError, PageRules, extract_page
from pmi_aggregator.extract.template import SiteTemplate
from pmi_aggregator.normalize.bounded import xml_as_utf8
from pmi_aggregator.normalize.html_text import html_to_text
from pmi_aggregator.sources.options import SitemapOptions
from pmi_aggregator.urls import article_id


class ArticleSpider(SourceSpider):
    """A SourceSpider that reads article pages with per-source selectors (``options.page``)."""

    default_page_rules: ClassVar[dict[str, Any]] = {}
    template: SiteTemplate | None = None
    """The source's learned page template, set by ``crawler.templates.TemplateExtension``."""
    no_discovery_detail: ClassVar[str] = "every discovery method failed"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        page: dict[str, Any] = {**self.default_page_rules, **self.options.page.given()}
        page["ignore"] = tuple(self.source.ignore_selectors) + tuple(page.get("ignore", ()))
        page["noise"] = tuple(page.get("noise", ()))
        self.rules = PageRules(**page)
        self.canonicals = CanonicalJudge.of(self.source)

    @cached_property
    def sitemap_budget(self) -> SitemapBudget:
        return SitemapBudget.of(self.options_as(SitemapOptions))

    # -- building articles ----------------------------------------------------------------------
    def item_context(self) -> PageContext:
        """How this source's feed, API and listing items are cleaned (``extract.builder``)."""
        settings = getattr(self, "settings", None)  # a spider used outside a crawl has none
        tolerance = DEFAULT_FUTURE_TOLERANCE
        if settings is not None:
            tolerance = timedelta(hours=settings.getfloat("PMI_FUTURE_TOLERANCE_HOURS"))
        return PageContext(
            source=self.source.key,
            tz=self.source.tzinfo,
            site_names=self.source.site_names,
            language=self.source.language,
            future_tolerance=tolerance,
        )

    def build(self, raw: RawArticle) -> Article:
        """The clean Article for ``raw``. Raises ValueError for an unusable URL."""
        return self.counted(build_article(raw, self.item_context()))

    def counted(self, built: BuiltArticle) -> Article:
        """The built Article; a publication date the date policy dropped is counted and logged."""
        if built.rejected_date is not None:
            self.error(
                "date_rejected",
                built.article.url,
                f"implausible publication date {built.rejected_date}; stored undated",
            )
        return built.article

    # -- feeds ----------------------------------------------------------------------------------
    def feed_entries(
        self, entries: list[Any], feed_url: str, *, full_text: bool = True
    ) -> Generator[Any, None, int]:
        """Articles (or page requests) for a feed's entries; returns how many were new or changed.

        Without ``full_text`` the feed's title, summary, date and link are all that is stored: no
        page is fetched and the feed's full text (``content:encoded``) is left out too.
        """
        fresh = 0
        for entry in newest_first(entries):
            if not self.wanted(entry.link) or not self.listed(entry.link, feed_url):
                continue
            article, needs_page = self.feed_article(entry, feed_url, full_text=full_text)
            if article is None or self.is_before_window(article.published_at):
                continue
            if self.is_unchanged(article) or (needs_page and full_text and self.is_stored_page(article)):
                continue
            if not self.take_item():
                break
            fresh += 1
            if needs_page and full_text:
                yield self.page_request(entry.link, feed_article=article)
            elif self.first_emit(article):
                yield article
        return fresh

    def feed_article(
        self, entry: Any, feed_url: str, *, full_text: bool = True
    ) -> tuple[Article | None, bool]:
        """An Article from one feed entry, and whether its page is needed for the text."""
        content = entry.get("content") or []
        body_html = content[0].get("value", "") if content and full_text else ""
        body = html_to_text(body_html, remove=self.rules.noise)
        summary = html_to_text(entry.get("summary", ""))
        summary = "" if summary == body else summary  # feedparser copies Atom content into summary
        published = entry_date(entry)
        try:
            article = self.build(
                RawArticle(
                    url=self.canonical(entry.link),
                    title=entry.get("title", ""),
                    body=body,
                    summary=summary,
                    authors=[entry.get("author", "")],
                    categories=[t.get("term", "") for t in entry.get("tags", [])],
                    published=RawDate(published, "feed", "second") if published else None,
                    image_url=_feed_image(entry),
                )
            )
        except ValueError as exc:
            self.error("feed_item_invalid", feed_url, str(exc)[:120])
            return None, False
        # Excerpt-only feeds: the article page has the text.
        return article, len(body) < max(200, len(summary) + 50)

    def wanted(self, url: str) -> bool:
        """Whether a listed URL is an article (``options.link_pattern``, a regex searched in the URL)."""
        pattern = self.options.link_pattern
        return not pattern or re.search(pattern, url) is not None

    def is_unchanged(self, article: Article) -> bool:
        """True (and counted) when an earlier run stored this article with the same text."""
        known = self.seen.get(article.id)
        if known is not None and known.content_hash == article.content_hash:
            self.count("unchanged_in_listing")
            return True
        return False

    def is_stored_page(self, article: Article) -> bool:
        """True (and counted) when an excerpt's page was stored by an earlier run and the listing
        shows no later date: the excerpt's hash never matches the page's, so it is not re-fetched
        (nor counted against ``max_items``) on that ground alone."""
        known = self.seen.get(article.id)
        if known is None:
            return False
        listed = article.modified_at or article.published_at
        if known.modified_at is not None and listed is not None and listed > iso(known.modified_at):
            return False
        self.count("unchanged_in_listing")
        return True

    # -- sitemaps (``options.sitemaps``: candidates tried in order) -----------------------------
    def _sitemap_request(self, candidate: int) -> scrapy.Request:
        return scrapy.Request(
            self.url(self.options_as(SitemapOptions).sitemaps[candidate]),
            callback=self.parse_sitemap,
            errback=self.errback,
            cb_kwargs={"candidate": candidate},
            meta={"handle_httpstatus_list": [404, 410, 403], "on_fail": self._next_sitemap(candidate)},
            dont_filter=True,
        )

    def _next_sitemap(self, candidate: int) -> Any:
        def fallback(url: str) -> Iterator[scrapy.Request]:
            if candidate is not None and candidate + 1 < len(self.options_as(SitemapOptions).sitemaps):
                yield self._sitemap_request(candidate + 1)
            else:
                self.error("no_discovery", self.source.base_url, self.no_discovery_detail)

        return fallback

    def parse_sitemap(
        self, response: Response, candidate: int | None = None, depth: int = 1
    ) -> Iterator[Any]:
        sitemap = read_sitemap(response)
        if sitemap is None:
            self.error("sitemap_invalid", response.url)
            if candidate is not None:
                yield from self._next_sitemap(candidate)(response.url)
            return
        self.discovery("sitemap")
        self.count("listing_pages")
        options = self.options_as(SitemapOptions)
        for entry in sitemap:
            loc = entry.get("loc", "")
            if not loc.startswith("http") or not self.listed(loc, response.url):
                continue
            if sitemap.type == "sitemapindex":
                if _matches(options.sitemap_follow, loc) and self.sitemap_admitted(loc, depth + 1):
                    yield scrapy.Request(
                        loc, callback=self.parse_sitemap, errback=self.errback, cb_kwargs={"depth": depth + 1}
                    )
                continue
            if options.skip_paths and _matches(options.skip_paths, urlsplit(loc).path):
                continue
            yield from self.sitemap_url(loc, w3c_date(entry.get("lastmod")))

    def sitemap_admitted(self, loc: str, depth: int) -> bool:
        """Whether the budget (``options.max_sitemaps``, ``max_sitemap_depth``) lets this sitemap in; a
        refusal is counted, logged once per reason, and makes the run partial."""
        refusal = self.sitemap_budget.refusal(depth)
        if refusal is None:
            return True
        if not self.crawler.stats.get_value(f"pmi/errors/{refusal}"):
            self.error(
                refusal, loc, "the sitemaps beyond it are not read (options.max_sitemaps, max_sitemap_depth)"
            )
        else:
            self.count(f"errors/{refusal}")
        self.partial(refusal)
        return False

    def sitemap_url(self, loc: str, lastmod: datetime | None) -> Iterator[scrapy.Request]:
        """A page request for a sitemap URL, unless it is outside the window or known unchanged."""
        if not self.wanted(loc):
            return
        try:
            canonical = self.canonical(loc)
        except ValueError:
            return
        if self.is_before_window(lastmod):
            return
        known = self.seen.get(Article(url=canonical, source=self.source.key).id)
        if known is not None and (
            lastmod is None or (known.modified_at and lastmod <= iso(known.modified_at))
        ):
            self.count("unchanged_in_listing")
            return
        try:
            request = self.page_request(loc, when=lastmod)
        except ValueError as exc:  # a malformed <loc> (bad port, no host) must not end the sitemap
            self.error("bad_url", loc, str(exc)[:120])
            return
        yield request

    def next_feed_page(self, fresh: int, oldest: datetime | None) -> bool:
        """Whether a feed page is worth the next: it had something new, or has not reached the
        cursor yet; never past the run's item cap or before the crawl window."""
        if self.capped or self.is_before_window(oldest):
            return False
        return bool(fresh) or self.behind_cursor(oldest)

    def behind_cursor(self, oldest: datetime | None) -> bool:
        """A feed page with nothing new ends the paging only where the last clean run's listing
        reached: a killed run may have stored the newest pages but not the older ones."""
        cursor = self.high_water()
        return cursor is None or (oldest is not None and oldest > cursor)

    # -- article pages --------------------------------------------------------------------------
    def page_request(
        self,
        url: str,
        feed_article: Article | None = None,
        when: datetime | None = None,
        *,
        priority: int | None = None,
    ) -> scrapy.Request:
        """An article page; ``when`` (or the feed article's dates) places it for the cursor if it
        fails, and has the newest pages fetched first (Scrapy's queue would take the last listed)."""
        if feed_article is not None:
            when = when or feed_article.modified_at or feed_article.published_at
        if priority is None:
            priority = int(when.timestamp() // 60) if when is not None else 0
        request = scrapy.Request(
            url,
            callback=self.parse_article,
            errback=self.errback,
            cb_kwargs={"feed_article": feed_article},
            meta={ARTICLE_PAGE: when},
            priority=priority,
        )
        self.canonicals.list(self.canonical(url))
        return request

    def retry_requests(self) -> Iterator[scrapy.Request]:
        """The article pages earlier runs listed but could not store: fetched before anything else.

        Not for a source whose pages must not be fetched (``full_text = false``): its listing, which
        the held cursor keeps reaching back to them, gives them again."""
        if self.state is None or not getattr(self.options, "full_text", True):
            return
        for url in self.state.retries(self.source.key):
            self.count("retried")
            yield self.page_request(url, priority=RETRY_PRIORITY)

    def parse_article(self, response: Response, feed_article: Article | None = None) -> Iterator[Article]:
        self.count("pages_fetched")
        if truncated(response):
            yield from self.broken_page(response, "the page is cut off (no closing </html>)", feed_article)
            return
        # A page's full text is enough to detect its language: the source's declaration is for items.
        context = replace(self.item_context(), language=None)
        try:
            article = self.counted(
                extract_page(
                    response.text, response.url, rules=self.rules, context=context, template=self.template
                )
            )
        except (ExtractionError, AttributeError) as exc:
            yield from self.broken_page(response, str(exc), feed_article)
            return
        article.url = self.trusted_url(article, response.url)
        if feed_article is not None:
            article = merge_feed(article, feed_article)
        if self.first_emit(article):
            yield article

    def broken_page(self, response: Response, detail: str, feed_article: Article | None) -> Iterator[Article]:
        """The feed's title and excerpt are better than nothing; without them the page is fetched
        again next run."""
        self.error("broken_page", response.url, detail)
        if feed_article is None:
            self.hold(response.url, "broken_page", response.meta.get(ARTICLE_PAGE))
        elif self.first_emit(feed_article):
            yield feed_article

    def trusted_url(self, article: Article, page_url: str) -> str:
        """The article's canonical URL, unless it leaves the source or is shared (then the page's own,
        and counted: ``crawler.spiders.identity``)."""
        page = self.canonical(page_url)
        declared = self.canonical(article.url)
        if article_id(declared) == article_id(page):  # the page's own URL, however spelt
            self.canonicals.claim(page, article.title)
            return declared
        refusal = self.canonicals.refusal(declared, page, article.title)
        if refusal is None:
            return declared
        self.error(refusal, page_url, f"canonical link {declared[:100]!r} ignored")
        self.canonicals.claim(page, article.title)
        return page


RETRY_PRIORITY = 10**9
"""Above any page's priority (minutes since 1970): retries go first."""


def newest_first(entries: list[Any]) -> list[Any]:
    """Feed entries by date, newest first (undated ones last, in feed order): a feed listed oldest
    first must not spend the run's item cap on its oldest items."""
    dates = [(entry_date(e), e) for e in entries]
    dated = sorted(
        ((when, e) for when, e in dates if when is not None), key=lambda pair: pair[0], reverse=True
    )
    return [e for _, e in dated] + [e for when, e in dates if when is None]


def truncated(response: Response) -> bool:
    """A page cut off in transfer or on the server: storing it would keep a half article."""
    if "dataloss" in response.flags:
        return True
    body = response.body
    return b"<html" in body[:4096].lower() and b"</html" not in body[-4096:].lower()


def merge_feed(page: Article, feed: Article) -> Article:
    """The page's text and metadata, with the feed's date where the page had none or only a byline.

    A listing's date (also a byline) replaces only a missing one: the page's own byline is as good.
    """
    page_weaker = page.published_at_source is None or (
        page.published_at_source == "byline" and feed.published_at_source != "byline"
    )
    if feed.published_at and page_weaker:
        page.published_at, page.published_at_source = feed.published_at, feed.published_at_source
        page.date_precision = feed.date_precision
    page.authors = page.authors or feed.authors
    page.categories = page.categories or feed.categories
    page.summary = page.summary or feed.summary
    return page


def _feed_image(entry: Any) -> str | None:
    """``media:content`` / ``media:thumbnail`` / an image enclosure, when the feed names one."""
    for media in [*(entry.get("media_content") or []), *(entry.get("media_thumbnail") or [])]:
        url = media.get("url", "")
        if url.startswith("http"):
            return url
    for link in entry.get("links") or []:
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/"):
            return link.get("href") or None
    return None


def w3c_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def iso(value: str) -> datetime:
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def read_sitemap(response: Response) -> Sitemap | None:
    """Scrapy's sitemap reader: lxml with entity resolution off, so entity bombs do not expand; the
    bytes of a UTF-16 or UTF-32 sitemap (valid, and told by their byte-order mark) made UTF-8 first."""
    body = xml_as_utf8(response.body)
    if not body.lstrip().startswith(b"<"):
        return None
    try:
        sitemap = Sitemap(body)
    except Exception:  # lxml raises several types on garbage; none of them matter here
        return None
    return sitemap if sitemap.type in ("urlset", "sitemapindex") else None


def _matches(pattern: str, text: str) -> bool:
    """Option patterns (``sitemap_follow``, ``skip_paths``): no pattern matches everything."""
    return not pattern or re.search(pattern, text) is not None
