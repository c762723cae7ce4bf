"""Pages and feed entries to Articles."""

from pmi_aggregator.extract.page import ExtractionError, PageContext, PageRules, extract_article

__all__ = ["ExtractionError", "PageContext", "PageRules", "extract_article"]
