"""One Scrapy spider class per configured source, built from the declarative registry.

Scrapy's spider loader scans this module, so ``scrapy list`` shows every source and
``scrapy crawl <source>`` works from a checkout.
"""

from __future__ import annotations

from typing import Any

from ..sources import Source
from .base import SourceSpider
from .feed import BloggerSpider, FeedSpider
from .listing import ListingSpider
from .sitemap import SitemapSpider
from .wordpress import WordPressSpider

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
    return type(
        class_name,
        (base,),
        {"name": source.key, "source_key": source.key, "custom_settings": settings, "__module__": __name__},
    )


def _publish() -> None:
    from .base import all_source_spiders

    for cls in all_source_spiders().values():
        globals()[cls.__name__] = cls


_publish()
