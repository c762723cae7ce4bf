"""The document layout: the versioned mapping, the indexed form of an article, its version hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import timezone
from typing import Any

from pmi_aggregator.article import Article
from pmi_aggregator.index.analysis import article_terms
from pmi_aggregator.index.contract import FACET_FIELDS, facet_values, story_of

MAPPING_VERSION = 3
"""Bump on any change to ``MAPPING``; ``migrate()`` then rebuilds the index under the alias."""
DATE_FORMAT = "%Y-%m-%dT%H:%M:%S"

MAPPING: dict[str, Any] = {
    "dynamic": "strict",
    "_meta": {"mapping_version": MAPPING_VERSION},
    # The terms and facet fields are rebuilt from ``article`` when needed (migrate): not stored twice.
    "_source": {"excludes": ["title_terms", "body_terms", "story", *FACET_FIELDS]},
    "properties": {
        "id": {"type": "keyword"},
        "source": {"type": "keyword"},
        "published_at": {"type": "date"},
        "vhash": {"type": "keyword", "index": False, "doc_values": False, "store": True},
        "title_terms": {"type": "text", "analyzer": "whitespace"},
        "body_terms": {"type": "text", "analyzer": "whitespace"},
        "article": {"type": "object", "enabled": False},
        "story": {"type": "keyword"},
        **{name: {"type": "keyword"} for name in FACET_FIELDS},
    },
}
"""``article`` is the full Article as JSON, shown as is; ``vhash`` identifies its content minus crawl time."""


def version_hash(data: Mapping[str, Any]) -> str:
    """Hash of an article's dict minus ``crawled_at``: equal exactly when ``Article.same_content`` is."""
    rest = {k: v for k, v in data.items() if k != "crawled_at"}
    return hashlib.sha256(json.dumps(rest, sort_keys=True, separators=(",", ":")).encode()).hexdigest()[:32]


def document(article: Article) -> dict[str, Any]:
    """The indexed form of an article: analyzed terms, filter fields and the article itself."""
    data = article.to_dict()
    published = article.published_at
    title_terms, body_terms = article_terms(article.title, article.summary, article.body)
    return {
        "id": data["id"],
        "source": article.source,
        "published_at": published.astimezone(timezone.utc).strftime(DATE_FORMAT) if published else None,
        "vhash": version_hash(data),
        "title_terms": title_terms,
        "body_terms": body_terms,
        "article": data,
        "story": story_of(article),
        **{name: facet_values(article, name) for name in FACET_FIELDS},
    }


def field_conflict(actual: Mapping[str, Any]) -> str | None:
    """The first field whose type or analyzer differs from ``MAPPING``, described."""
    for name, expected in MAPPING["properties"].items():
        found = actual.get(name)
        if found is None:
            return f"no field {name}"
        for key in ("type", "analyzer"):
            if key in expected and found.get(key, "object") != expected[key]:
                return f"{name} has {key} {found.get(key, 'object')}, expected {expected[key]}"
    return None
