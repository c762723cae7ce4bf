"""The one Article schema that spiders produce, the index stores and the API returns."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields
from datetime import datetime, timezone
from typing import Any

import orjson

from pmi_aggregator.urls import article_id, canonicalize_url

DATE_SOURCES = ("api", "meta", "jsonld", "feed", "byline", "url", "time", "htmldate")
DATE_PRECISIONS = ("second", "minute", "day")
_DATETIME_FIELDS = ("published_at", "modified_at", "crawled_at")
_LIST_FIELDS = ("authors", "categories", "tags", "countries", "provinces", "organizations", "topics")
EARLIEST_PUBLICATION = datetime(1990, 1, 1, tzinfo=timezone.utc)
"""Older publication dates are parsing errors or placeholders (epoch 0 printed in a site's zone)."""


def _parse_iso(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        text = str(value).strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        raise ValueError(f"datetime without a timezone: {value!r}")
    return parsed


@dataclass
class Article:
    """A news article, cleaned. ``id`` and ``content_hash`` are derived, never set by hand."""

    url: str
    source: str
    title: str = ""
    body: str = ""
    summary: str = ""
    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    location: str | None = None
    published_at: datetime | None = None
    published_at_source: str | None = None
    date_precision: str | None = None
    modified_at: datetime | None = None
    crawled_at: datetime | None = None
    image_url: str | None = None
    countries: list[str] = field(default_factory=list)
    """Annotation (``domain.annotate``): ISO 3166-1 alpha-2 codes of where the workers are."""
    provinces: list[str] = field(default_factory=list)
    """Annotation: Indonesian provinces named as the workers' origin."""
    organizations: list[str] = field(default_factory=list)
    """Annotation: canonical names of the organisations the article names."""
    topics: list[str] = field(default_factory=list)
    """Annotation: the topics the article spends a sentence on (``domain.topics.TOPICS``)."""
    story_id: str | None = None
    """Linking (``stories``): the id of the story's first report; every report of one event shares it."""
    copy_of: str | None = None
    """Linking: the id of the earliest copy of this text, when this article reuses another's text."""
    copy_basis: str | None = None
    """Linking: what made ``copy_of`` the earliest: ``published`` times, or ``crawled`` times (undated)."""
    credited_source: str | None = None
    """The outlet the text names as its source ("Sumber: ANTARA"), if any."""

    def __post_init__(self) -> None:
        self.url = canonicalize_url(self.url)
        for name in _DATETIME_FIELDS:
            setattr(self, name, _parse_iso(getattr(self, name)))
        for name in _LIST_FIELDS:
            value = getattr(self, name)
            setattr(self, name, [value] if isinstance(value, str) else list(value or []))
        if self.date_precision is not None and self.date_precision not in DATE_PRECISIONS:
            raise ValueError(f"date_precision must be one of {DATE_PRECISIONS}: {self.date_precision!r}")
        if self.published_at_source is not None and self.published_at_source not in DATE_SOURCES:
            raise ValueError(
                f"published_at_source must be one of {DATE_SOURCES}: {self.published_at_source!r}"
            )

    @property
    def id(self) -> str:
        return article_id(self.url)

    @property
    def content_hash(self) -> str:
        """Hash of what a reader sees; a change here means the article was edited."""
        digest = hashlib.sha256()
        for part in (self.title, self.summary, self.body):
            digest.update(" ".join(part.split()).encode("utf-8"))
            digest.update(b"\x1f")
        return digest.hexdigest()[:32]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id}
        for name in _FIELD_NAMES:
            value = getattr(self, name)
            if isinstance(value, datetime):
                value = value.isoformat()
            elif isinstance(value, list):
                value = list(value)
            data[name] = value
        data["content_hash"] = self.content_hash
        return data

    def to_json(self) -> str:
        return orjson.dumps(self.to_dict()).decode()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(**{k: v for k, v in data.items() if k in _FIELD_SET})

    @classmethod
    def from_json(cls, text: str) -> Article:
        return cls.from_dict(orjson.loads(text))

    def same_content(self, other: Article) -> bool:
        """True when nothing but the crawl time differs."""
        mine, theirs = self.to_dict(), other.to_dict()
        mine.pop("crawled_at")
        theirs.pop("crawled_at")
        return mine == theirs


_FIELD_NAMES = tuple(f.name for f in fields(Article))
_FIELD_SET = frozenset(_FIELD_NAMES)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
