"""``link_stories``: the crawl's linking over a list of articles, with nothing stored."""

from __future__ import annotations

from collections.abc import Iterable

from pmi_aggregator.article import Article
from pmi_aggregator.stories.linker import Linker
from pmi_aggregator.stories.similarity import DEFAULT, Thresholds
from pmi_aggregator.stories.store import LinkStore


def link_stories(articles: Iterable[Article], thresholds: Thresholds = DEFAULT) -> dict[str, str]:
    """Article id -> story id (the id of the story's first report), as the crawl would link them."""
    store = LinkStore(":memory:", thresholds)
    try:
        Linker(store).link(articles)
        return store.stories()
    finally:
        store.close()
