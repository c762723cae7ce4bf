"""Listing pages (tag pages, a ministry's news list): items read with per-site selectors, then paged.

A tag page of a general-news site is a fine source of PMI news until it runs out: Kompas then pads
the tag with unrelated latest news. So, on general sources (``dedicated = false``), paging stops after
a page whose share of PMI-related items (``relevance.relevant_share`` over titles and summaries)
falls below ``min_relevant_share``. Paging also stops at ``max_pages``, at a page with nothing new
(an incremental run has caught up) and at a page older than the ``--since`` window.

Options (``[sources.<key>.options]``; types and defaults: ``TagListingOptions`` in
``pmi_aggregator/sources/options.py``):

- ``listings`` (required): first-page paths or URLs; ``page_url``: later pages, ``{listing}`` and ``{n}``
  (``"{listing}?page={n}"`` or ``"{listing}/{n}"``); ``max_pages``; ``min_relevant_share``.
- ``item`` (one element per item), ``item_link``, ``item_title``, ``item_date``, ``item_summary``:
  CSS selectors relative to the item, Scrapy's ``::attr(name)`` / ``::text`` allowed.
- ``url_date``: a regex whose first group is a ``YYYYMMDD[HHMM[SS]]`` stamp in the article URL
  (CNN Indonesia, Focus Taiwan), used when the listing shows no date or only "x jam yang lalu".
- ``full_text``: fetch each article page (default true); false stores the listing's title, summary,
  date and link only.
- ``strip_path_prefix``: a path prefix that routes to the same page (``/index.php``), removed from
  article URLs so both spellings are one article.
- ``allowed_domains``: parent domains of article hosts (``kompas.com`` for ``nasional.kompas.com``).
- ``link_pattern``, ``page`` (CSS selectors for the article pages, read into ``PageRules``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import scrapy
from parsel import Selector
from scrapy.http import Response

from pmi_aggregator.article import Article
from pmi_aggregator.crawler.spiders.articles import ArticleSpider
from pmi_aggregator.domain.relevance import relevant_share
from pmi_aggregator.extract.builder import RawArticle, RawDate
from pmi_aggregator.normalize.dates import parse_date_ex
from pmi_aggregator.sources.options import TagListingOptions

_STAMP_FORMATS = {8: "%Y%m%d", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}


class ListingSpider(ArticleSpider):
    kind = "tag_listing"
    no_discovery_detail = "no listing page could be read"

    @property
    def options(self) -> TagListingOptions:
        return self.options_as(TagListingOptions)

    async def start(self) -> Any:
        for listing in self.options.listings:
            yield self.listing_request(urljoin(self.source.base_url + "/", listing.lstrip("/")), 1)

    def canonical(self, url: str) -> str:
        prefix = self.options.strip_path_prefix
        parts = urlsplit(url)
        if prefix and parts.path.startswith(prefix + "/"):
            url = urlunsplit(parts._replace(path=parts.path[len(prefix) :]))
        return super().canonical(url)

    def listing_request(self, listing: str, page: int) -> scrapy.Request:
        url = listing if page == 1 else self.options.page_url.format(listing=listing.rstrip("/"), n=page)
        return scrapy.Request(
            url,
            callback=self.parse_listing,
            errback=self.errback,
            cb_kwargs={"listing": listing, "page": page},
            dont_filter=True,
        )

    def parse_listing(self, response: Response, listing: str, page: int) -> Iterator[Any]:
        listed = (self.listing_item(item, response.url) for item in response.css(self.options.item))
        items = [item for item in listed if item is not None]
        if not items:
            if page == 1:
                self.error("listing_empty", response.url, "no items matched options.item")
            return
        self.discovery("listing")
        self.count("listing_pages")
        fresh = 0
        for article in items:
            if self.is_before_window(article.published_at) or article.id in self.seen:
                self.count("unchanged_in_listing", int(article.id in self.seen))
                continue
            if not self.take_item():
                break
            fresh += 1
            if self.options.full_text:
                yield self.page_request(article.url, feed_article=article)
            elif self.first_emit(article):
                yield article
        oldest = min((a.published_at for a in items if a.published_at), default=None)
        more = not self.capped and (fresh or self.behind_cursor(oldest))
        if more and page < self.options.max_pages and self.on_topic(items, response.url):
            yield self.listing_request(listing, page + 1)

    def on_topic(self, items: list[Article], url: str) -> bool:
        """False (and counted) when a general source's listing has run off-topic."""
        threshold = self.options.min_relevant_share
        if self.source.dedicated or not threshold:
            return True
        share = relevant_share((a.title, a.summary) for a in items)
        if share >= threshold:
            return True
        self.count("listing_off_topic_stop")
        self.source_log.info(
            "%s: only %.0f%% of the items at %s are PMI news; stopping", self.source.key, share * 100, url
        )
        return False

    def listing_item(self, item: Selector, page_url: str) -> Article | None:
        href = item.css(self.options.item_link).get("").strip()
        url = urljoin(page_url, href)
        if not href or not self.wanted(url) or not self.listed(url, page_url):
            return None
        try:
            return self.build(
                RawArticle(
                    url=self.canonical(url),
                    title=_joined(item, self.options.item_title),
                    summary=_joined(item, self.options.item_summary),
                    published=self.listed_date(_joined(item, self.options.item_date), url),
                )
            )
        except ValueError as exc:
            self.error("listing_item_invalid", url, str(exc)[:120])
            return None

    def listed_date(self, text: str, url: str) -> RawDate | None:
        """The listing's date (never a relative one), else a stamp in the URL."""
        parsed = parse_date_ex(text, tz=self.source.tzinfo) if text else None
        if parsed is not None and not parsed.relative:
            return RawDate(parsed.value, "byline", parsed.precision)
        pattern = self.options.url_date
        match = re.search(pattern, url) if pattern else None
        stamp = match.group(1) if match else ""
        if len(stamp) in _STAMP_FORMATS:
            try:
                value = datetime.strptime(stamp, _STAMP_FORMATS[len(stamp)])
            except ValueError:
                return None
            precision = "day" if len(stamp) == 8 else "minute" if len(stamp) == 12 else "second"
            return RawDate(value.replace(tzinfo=self.source.tzinfo), "url", precision)
        return None


def _joined(item: Selector, css: str) -> str:
    return " ".join(" ".join(item.css(css).getall()).split()) if css else ""
