"""Pages and feed entries to Articles."""

from pmi_aggregator.extract.builder import PageContext, RawArticle, RawDate, build_article
from pmi_aggregator.extract.page import ExtractionError, PageRules, extract_article, extract_page

__all__ = [
    "ExtractionError",
    "PageContext",
    "PageRules",
    "RawArticle",
    "RawDate",
    "build_article",
    "extract_article",
    "extract_page",
]
