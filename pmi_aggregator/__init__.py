"""pmi-aggregator: news about Indonesian migrant workers, crawled, cleaned and searchable.

from pmi_aggregator import Article, open_index, crawl
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Article", "CrawlReport", "crawl", "open_index", "parse_date"]

if TYPE_CHECKING:
    from .article import Article
    from .crawler import crawl
    from .dates import parse_date
    from .index import open_index
    from .report import CrawlReport

_LAZY = {
    "Article": ".article",
    "CrawlReport": ".report",
    "crawl": ".crawler",
    "open_index": ".index",
    "parse_date": ".dates",
}


def __getattr__(name: str) -> Any:
    """Import on first use, so ``import pmi_aggregator`` stays cheap (Scrapy loads only to crawl)."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
