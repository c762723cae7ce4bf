"""Annotate a stored or crawled Article: the one place that copies an Annotation onto the schema.

The crawl and ``pmi index reannotate`` both go through here, so an article annotated either way holds
the same fields, and a changed annotation model is applied to old articles exactly as to new ones.
"""

from __future__ import annotations

from pmi_aggregator.article import Article
from pmi_aggregator.domain.annotate import Annotation, annotate

ANNOTATION_FIELDS = ("countries", "provinces", "organizations", "topics")
"""The Annotation's fields that the Article stores; relevance is decided at crawl time, not stored."""


def annotate_article(article: Article) -> Annotation:
    """Annotate ``article`` (one pass over its text), set its annotation fields, return the Annotation."""
    note = annotate(article.title, article.summary, article.body)
    for name in ANNOTATION_FIELDS:
        setattr(article, name, list(getattr(note, name)))
    return note


def stored_annotation(article: Article) -> dict[str, list[str]]:
    """The annotation fields as the article holds them."""
    return {name: list(getattr(article, name)) for name in ANNOTATION_FIELDS}
