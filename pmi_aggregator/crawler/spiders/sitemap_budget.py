"""How many sitemaps of an index a run reads, and how deep: an index that chains forever ends.

``options.max_sitemaps`` and ``options.max_sitemap_depth`` (``SitemapOptions``) bound the walk; a
sitemap refused by either is counted, and the run is ``partial`` (what it did not read, it did not list).
"""

from __future__ import annotations

from dataclasses import dataclass

from pmi_aggregator.sources.options import SitemapOptions


@dataclass
class SitemapBudget:
    max_sitemaps: int
    max_depth: int
    requested: int = 0

    @classmethod
    def of(cls, options: SitemapOptions) -> SitemapBudget:
        return cls(options.max_sitemaps, options.max_sitemap_depth)

    def refusal(self, depth: int) -> str | None:
        """Why a child sitemap at ``depth`` (the first sitemap is 1) may not be requested, or None (and it
        is counted against ``max_sitemaps``)."""
        if depth > self.max_depth:
            return "sitemap_too_deep"
        if self.requested >= self.max_sitemaps:
            return "sitemap_cap"
        self.requested += 1
        return None
