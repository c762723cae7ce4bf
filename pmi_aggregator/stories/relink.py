"""Linking a whole index again (``pmi index relink``): streamed, in two passes, memory bounded.

The first pass links every stored article into an empty side store; the second reads the articles
again, in id order, and rewrites those whose links differ from what the store now says. Neither pass
holds more than a batch of articles in memory; the groups live in the side store on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pmi_aggregator.article import Article
from pmi_aggregator.index import Index
from pmi_aggregator.index.contract import UpsertResult
from pmi_aggregator.stories.attribution import credited_source
from pmi_aggregator.stories.index_links import IndexLinking


def relink(
    index: Index, *, batch_size: int = 500, progress: Callable[[int], None] | None = None
) -> tuple[int, UpsertResult]:
    """(articles read, what the rewrite changed); ``progress`` is called with each batch's size, twice
    per article (once per pass)."""
    linking = IndexLinking(index)
    try:
        linking.store.clear()
        read = sum(_link(linking, batch, progress) for batch in _batches(index, batch_size))
        result = UpsertResult()
        for batch in _batches(index, batch_size):
            result += _rewrite(index, linking, batch, progress)
        return read, result
    finally:
        linking.close()


def _batches(index: Index, size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for article in index.iter_articles(batch_size=size):
        batch.append(article)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _link(linking: IndexLinking, batch: list[Article], progress: Callable[[int], None] | None) -> int:
    linking.linker.link(batch)
    if progress:
        progress(len(batch))
    return len(batch)


def _rewrite(
    index: Index, linking: IndexLinking, batch: list[Article], progress: Callable[[int], None] | None
) -> UpsertResult:
    links = linking.store.links([article.id for article in batch])
    changed = []
    for article in batch:
        link = links.get(article.id)
        credit = article.credited_source or credited_source(article.body)
        now = (article.story_id, article.copy_of, article.copy_basis, article.credited_source)
        if link is not None and now != (*link, credit):
            article.story_id, article.copy_of, article.copy_basis = link
            article.credited_source = credit
            changed.append(article)
    if progress:
        progress(len(batch))
    result = index.upsert(changed) if changed else UpsertResult()
    result.unchanged += len(batch) - len(changed)
    return result
