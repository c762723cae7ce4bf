"""``pmi index reannotate`` and ``pmi explain``: refresh the stored annotation, and say why it is so.

Both use only the Index contract (``iter_articles``, ``upsert``), so they work on every backend.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pmi_aggregator.article import Article
from pmi_aggregator.domain.article_annotation import ANNOTATION_FIELDS, annotate_article, stored_annotation
from pmi_aggregator.domain.relevance import THRESHOLD
from pmi_aggregator.index import Index
from pmi_aggregator.index.contract import UpsertResult


def reannotate(
    index: Index,
    *,
    source: str | None = None,
    batch_size: int = 500,
    progress: Callable[[int], None] | None = None,
) -> tuple[int, UpsertResult]:
    """Annotate every stored article again (only ``source``'s, if given) and upsert them in batches.

    Returns how many articles were read and what the upserts did: an article whose annotation did
    not change is ``unchanged``, so a second run updates nothing. ``progress(n)`` follows each batch.
    """
    result = UpsertResult()
    read = 0
    batch: list[Article] = []

    def write() -> None:
        nonlocal result, read
        result += index.upsert(batch)
        read += len(batch)
        if progress:
            progress(len(batch))
        batch.clear()

    for article in index.iter_articles(batch_size=batch_size):
        if source is not None and article.source != source:
            continue
        annotate_article(article)
        batch.append(article)
        if len(batch) >= batch_size:
            write()
    if batch:
        write()
    return read, result


def explanation(article: Article) -> dict[str, Any]:
    """What the annotation model finds in the stored text now, and whether the index holds that."""
    stored = stored_annotation(article)
    note = annotate_article(article)
    return {
        "id": article.id,
        "url": article.url,
        "source": article.source,
        "title": article.title,
        **note.to_dict(),
        "threshold": THRESHOLD,
        "stored": stored,
        "stored_up_to_date": stored == stored_annotation(article),
    }


def explanation_lines(data: dict[str, Any]) -> list[str]:
    """The explanation as plain text lines; crawled text is printed, never interpreted."""
    title = plain(data["title"]) or "(no title)"
    verdict = "yes" if data["relevant"] else "no"
    lines = [
        title,
        "=" * min(len(title), 80),
        _line("id", data["id"]),
        _line("source", plain(data["source"])),
        _line("url", plain(data["url"])),
        _line("relevant", f"{verdict} (score {data['score']:g}; relevant from {data['threshold']:g})"),
        _line("signals", _listed(data["signals"])),
    ]
    lines += [_line(name, _listed(data[name])) for name in ANNOTATION_FIELDS]
    return lines


STALE_NOTE = "the index holds an older annotation of this article; `pmi index reannotate` refreshes it"


def plain(text: str) -> str:
    """One line with no control characters: a stored title can hold terminal escape sequences."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in str(text)).split())


def _listed(values: list[str]) -> str:
    return ", ".join(plain(value) for value in values) or "none"


def _line(name: str, value: str) -> str:
    return f"{name + ':':<15}{value}"
