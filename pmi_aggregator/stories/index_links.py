"""Linking in front of an index: each batch is linked before the index takes it, and the stored
articles whose links changed (a story merged, an earlier copy arrived) are rewritten after it."""

from __future__ import annotations

from collections.abc import Iterable

from pmi_aggregator.article import Article
from pmi_aggregator.index import Index
from pmi_aggregator.index.location import stories_path_for
from pmi_aggregator.stories.attribution import credited_source
from pmi_aggregator.stories.linker import Linker
from pmi_aggregator.stories.store import LinkStore


class IndexLinking:
    """The linker and side store of one index."""

    def __init__(self, index: Index) -> None:
        self.index = index
        self.store = LinkStore(stories_path_for(index.url))
        self.linker = Linker(self.store)

    def link(self, batch: list[Article]) -> list[Article]:
        """Set the links of ``batch`` (and its credited sources); return the other stored articles whose
        links changed, with their new links, for the index to rewrite."""
        for article in batch:
            article.credited_source = article.credited_source or credited_source(article.body)
        return self._apply(self.linker.link(batch), {a.id: a for a in batch})

    def unlink(self, article_ids: Iterable[str]) -> list[Article]:
        """Forget deleted articles; return the rest of their stories whose links changed."""
        return self._apply(self.linker.unlink(article_ids), {})

    def _apply(self, links: dict, batch: dict[str, Article]) -> list[Article]:
        others = []
        for article_id, link in links.items():
            article = batch.get(article_id)
            if article is None:
                article = self.index.get(article_id)
                if article is None:  # linked, but the index never took it (a failed batch)
                    continue
                others.append(article)
            link.apply(article)
        return others

    def close(self) -> None:
        self.store.close()
