"""Generic sitemap sources: article URLs from ``sitemap.xml`` (or an index of sitemaps), pages fetched.

Options: ``sitemaps`` (candidates tried in order), ``sitemap_follow`` (regex for child sitemaps of an
index), ``skip_paths`` (regex of paths that are not articles), ``max_sitemaps`` and
``max_sitemap_depth`` (caps on an index's walk), ``link_pattern`` (regex an article URL must match),
``extra_hosts`` (more hosts of the source's own articles), ``page`` (CSS selectors); types and defaults: ``SitemapOptions`` in
``pmi_aggregator/sources/options.py``.
"""

from __future__ import annotations

from typing import Any

from pmi_aggregator.crawler.spiders.articles import ArticleSpider


class SitemapSpider(ArticleSpider):
    kind = "sitemap"
    no_discovery_detail = "no sitemap could be read"

    async def start(self) -> Any:
        yield self._sitemap_request(0)
