"""pmi-aggregator: news about Indonesian migrant workers, crawled, cleaned and searchable.

from pmi_aggregator import Article, open_index, crawl
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "Annotation",
    "Article",
    "CrawlReport",
    "annotate",
    "crawl",
    "link_stories",
    "open_index",
    "parse_date",
]

if TYPE_CHECKING:
    from pmi_aggregator.article import Article
    from pmi_aggregator.crawler.report import CrawlReport
    from pmi_aggregator.crawler.runner import crawl
    from pmi_aggregator.domain.annotate import Annotation, annotate
    from pmi_aggregator.index import open_index
    from pmi_aggregator.normalize.dates import parse_date
    from pmi_aggregator.stories.batch import link_stories

_LAZY = {
    "Annotation": "pmi_aggregator.domain.annotate",
    "Article": "pmi_aggregator.article",
    "annotate": "pmi_aggregator.domain.annotate",
    "CrawlReport": "pmi_aggregator.crawler.report",
    "crawl": "pmi_aggregator.crawler.runner",
    "link_stories": "pmi_aggregator.stories.batch",
    "open_index": "pmi_aggregator.index",
    "parse_date": "pmi_aggregator.normalize.dates",
}


def __getattr__(name: str) -> Any:
    """Import on first use, so ``import pmi_aggregator`` stays cheap (Scrapy loads only to crawl)."""
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
