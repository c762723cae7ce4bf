"""Scrapy's spider loader for pmi-aggregator: one spider class per configured source.

Scrapy asks ``SPIDER_LOADER_CLASS`` for spiders by name (``scrapy list``, ``scrapy crawl <source>``);
this loader answers from the source registry (built-ins plus the user's config file), building each
class from its kind's spider with the source bound to it. Nothing is written into a module's globals.
"""

from __future__ import annotations

import builtins
from typing import Any

from scrapy import Request
from scrapy.settings import BaseSettings

from pmi_aggregator.config import load_config
from pmi_aggregator.crawler.spiders.base import SourceSpider
from pmi_aggregator.crawler.spiders.feed import BloggerSpider, FeedSpider
from pmi_aggregator.crawler.spiders.sitemap import SitemapSpider
from pmi_aggregator.crawler.spiders.tag_listing import ListingSpider
from pmi_aggregator.crawler.spiders.wordpress import WordPressSpider
from pmi_aggregator.sources import Source, load_sources

SPIDER_KINDS: dict[str, type[SourceSpider]] = {
    "wordpress": WordPressSpider,
    "feed": FeedSpider,
    "blogger": BloggerSpider,
    "sitemap": SitemapSpider,
    "tag_listing": ListingSpider,
}


def spider_class(source: Source) -> type[SourceSpider]:
    """A spider class for one source, with the source's politeness as its custom settings."""
    base = SPIDER_KINDS[source.kind]
    settings: dict[str, Any] = {
        "CONCURRENT_REQUESTS_PER_DOMAIN": source.politeness.concurrency,
        "DOWNLOAD_DELAY": source.politeness.delay,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": source.politeness.autothrottle_target,
    }
    class_name = "".join(part.capitalize() for part in source.key.replace("-", "_").split("_")) + "Spider"
    attributes = {"name": source.key, "source": source, "custom_settings": settings, "__module__": __name__}
    return type(class_name, (base,), attributes)


class SourceSpiderLoader:
    """Spiders for the sources of the config file named by ``PMI_CONFIG`` (or the default one)."""

    def __init__(self, settings: BaseSettings) -> None:
        config = load_config(settings.get("PMI_CONFIG_PATH"))
        self._spiders = {key: spider_class(source) for key, source in load_sources(config).items()}

    @classmethod
    def from_settings(cls, settings: BaseSettings) -> SourceSpiderLoader:
        return cls(settings)

    def load(self, spider_name: str) -> type[SourceSpider]:
        try:
            return self._spiders[spider_name]
        except KeyError:
            raise KeyError(f"Spider not found: {spider_name}") from None

    def list(self) -> builtins.list[str]:
        return [*self._spiders]

    def find_by_request(self, request: Request) -> builtins.list[str]:
        return [name for name, cls in self._spiders.items() if cls.handles_request(request)]
