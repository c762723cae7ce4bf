"""Generic RSS/Atom feed sources, and Blogger blogs (whose feeds page by ``start-index``).

Options (``[sources.<key>.options]``; types and defaults: ``FeedOptions`` and ``BloggerOptions`` in
``pmi_aggregator/sources/options.py``):

- ``feeds``: feed paths or URLs (default ``["/feed/"]``; Blogger ``/feeds/posts/default``, the Atom
  feed, whose ``<content>`` has the whole post; its ``?alt=rss`` twin works too).
- ``page_param`` (feed only): the query parameter that pages a feed (``paged`` on WordPress);
  empty: no paging. ``per_page`` (Blogger only): posts per feed page (default 50).
- ``max_pages``: pages read per feed at most (10; Blogger 40).
- ``full_text``: fetch the article page when the feed has only an excerpt (default true). When
  false, only the feed's title, summary, date and link are stored and no page is ever fetched —
  for sites that forbid crawling their pages (ANTARA).
- ``link_pattern``: a regex an item's link must match (ANTARA feeds mix ``/berita/``, ``/video/``
  and ``/foto/`` items; Blogger default: its post URLs).
- ``page``: CSS selectors for the article pages (``PageSelectors``, read into ``PageRules``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import scrapy
from scrapy.http import Response

from pmi_aggregator.crawler.spiders.articles import ArticleSpider
from pmi_aggregator.extract.feed_entries import oldest_entry_date
from pmi_aggregator.extract.feed_reading import read_feed
from pmi_aggregator.sources.options import BloggerOptions, FeedOptions, FeedReading

_MISSING = [404, 410]


class FeedSpider(ArticleSpider):
    kind = "feed"
    no_discovery_detail = "no feed could be read"

    @property
    def options(self) -> FeedReading:
        return self.options_as(FeedReading)

    async def start(self) -> Any:
        for feed in self.options.feeds:
            yield self.feed_request(urljoin(self.source.base_url + "/", feed), 1)

    def feed_page_url(self, feed: str, page: int) -> str:
        param = self.options_as(FeedOptions).page_param
        return with_query(feed, {param: str(page)}) if param and page > 1 else feed

    def feed_request(self, feed: str, page: int) -> scrapy.Request:
        return scrapy.Request(
            self.feed_page_url(feed, page),
            callback=self.parse_feed,
            errback=self.errback,
            cb_kwargs={"feed": feed, "page": page},
            meta={"handle_httpstatus_list": _MISSING},
            dont_filter=True,
        )

    def parse_feed(self, response: Response, feed: str, page: int) -> Iterator[Any]:
        if response.status in _MISSING:
            if page == 1:
                self.error(f"feed_http_{response.status}", response.url)
            return  # a page past the end
        parsed, entries = read_feed(response.body)
        if not entries:
            if page == 1:
                self.error("feed_invalid", response.url, str(parsed.get("bozo_exception", "no items"))[:120])
            return
        self.discovery("feed")
        self.count("listing_pages")
        fresh = yield from self.feed_entries(entries, response.url, full_text=self.options.full_text)
        if self.next_feed_page(fresh, oldest_entry_date(entries)) and self.pages_on(page):
            yield self.feed_request(feed, page + 1)

    def pages_on(self, page: int) -> bool:
        """Whether this feed pages at all, and ``page`` is below the cap."""
        return bool(self.options_as(FeedOptions).page_param) and page < self.options.max_pages


class BloggerSpider(FeedSpider):
    """Blogger: ``/feeds/posts/default`` (Atom, or RSS with ``alt=rss``), paged by ``start-index``."""

    kind = "blogger"

    @property
    def options(self) -> BloggerOptions:
        return self.options_as(BloggerOptions)

    def feed_page_url(self, feed: str, page: int) -> str:
        per_page = self.options.per_page
        return with_query(feed, {"max-results": str(per_page), "start-index": str(1 + (page - 1) * per_page)})

    def pages_on(self, page: int) -> bool:
        return page < self.options.max_pages


def with_query(url: str, params: dict[str, str]) -> str:
    """``url`` with ``params`` set in its query string (other parameters kept)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    return urlunsplit(parts._replace(query=urlencode([*query, *params.items()])))
