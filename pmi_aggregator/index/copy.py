"""Copy every article from one index to another (e.g. the embedded file into Elasticsearch)."""

from __future__ import annotations

from collections.abc import Callable

from pmi_aggregator.article import Article
from pmi_aggregator.index.contract import Index, UpsertResult


def copy_index(
    src: Index,
    dst: Index,
    *,
    batch_size: int = 500,
    progress: Callable[[int, int], None] | None = None,
) -> UpsertResult:
    """Stream ``src`` into ``dst`` in batches; ``progress(done, total)`` follows each batch.

    Upserts are idempotent, so an interrupted copy is resumed by running it again.
    """
    total = src.count()
    result = UpsertResult()
    batch: list[Article] = []
    done = 0
    for article in src.iter_articles(batch_size=batch_size):
        batch.append(article)
        if len(batch) >= batch_size:
            result += dst.upsert(batch)
            done += len(batch)
            batch = []
            if progress:
                progress(done, total)
    if batch or not done:
        result += dst.upsert(batch)
        if progress:
            progress(done + len(batch), total)
    return result
