"""A watch (a saved search and where its matches go) and the entry each match becomes.

An entry is what every output shows of a matched article, taken from the index once, when the article
first matches, so a feed or a retried delivery never needs the index again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from pmi_aggregator.article import Article
from pmi_aggregator.errors import UsageError
from pmi_aggregator.index.contract import make_request
from pmi_aggregator.index.snippets import MARK_END, MARK_START

NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
OUTPUTS = ("feed", "email", "webhook", "jsonl")
FILTERS = ("sources", "countries", "provinces", "organizations", "topics")
"""The search keyword arguments a watch keeps (``Index.search``); dates move with each run instead."""


@dataclass(frozen=True)
class Watch:
    """A saved search; ``updates`` delivers an edited article again."""

    name: str
    query: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    feed: bool = False
    email: tuple[str, ...] = ()
    webhook: str | None = None
    jsonl: bool = False
    updates: bool = False

    def __post_init__(self) -> None:
        if not NAME.fullmatch(self.name):
            raise UsageError(
                f"cannot name a watch {self.name!r}: use 1 to 64 lower-case letters, digits, - and _"
            )
        unknown = set(self.filters) - set(FILTERS)
        if unknown:
            raise UsageError(f"a watch has no filter {sorted(unknown)[0]!r}; use: {', '.join(FILTERS)}")
        make_request(self.query, **self.search_args()).parsed()  # the index's checks, now, not at each run
        if self.webhook is not None and not self.webhook.lower().startswith(("http://", "https://")):
            raise UsageError(f"the webhook must be an http:// or https:// URL, not {self.webhook!r}")
        if any("@" not in address or any(c in address for c in "\r\n,;<>") for address in self.email):
            raise UsageError("each --email must be one address such as name@example.org")

    @property
    def outputs(self) -> tuple[str, ...]:
        used = {
            "feed": self.feed,
            "email": bool(self.email),
            "webhook": bool(self.webhook),
            "jsonl": self.jsonl,
        }
        return tuple(name for name in OUTPUTS if used[name])

    def search_args(self) -> dict[str, Any]:
        return {name: list(values) for name, values in self.filters.items() if values}

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Watch:
        filters = {k: tuple(v) for k, v in data.get("filters", {}).items()}
        return cls(**{**data, "filters": filters, "email": tuple(data.get("email", ()))})


@dataclass(frozen=True)
class Entry:
    """One matched article as the outputs show it (plain text: crawled text is never markup here).

    Stored as JSON in the record; a field added later (a story's members) takes a default, so entries
    recorded before it still load.
    """

    article_id: str
    title: str
    link: str
    published: str | None
    source: str
    snippet: str
    content_hash: str
    members: tuple[str, ...] = ()
    """The story's other reports, ``"outlet: title"``, first report first (at most ``MAX_MEMBERS``)."""

    @property
    def text(self) -> str:
        """The snippet, and the story's other reports after it: what a feed entry or a digest shows."""
        if not self.members:
            return self.snippet
        return self.snippet + "\n\nAlso reported by:\n" + "\n".join(f"- {m}" for m in self.members)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "members": list(self.members)}  # JSON has lists

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entry:
        known = {k: v for k, v in data.items() if k in _ENTRY_FIELDS}
        return cls(**{**known, "members": tuple(known.get("members", ()))})


_ENTRY_FIELDS = frozenset(f.name for f in fields(Entry))


MAX_MEMBERS = 10


def entry_for(article: Article, snippet: str, story: Sequence[Article] = ()) -> Entry:
    """The entry of a matched article; ``story``: the members of its story, itself among them."""
    return Entry(
        article_id=article.id,
        title=article.title,
        link=article.url,
        published=article.published_at.isoformat() if article.published_at else None,
        source=article.source,
        snippet=snippet.replace(MARK_START, "").replace(MARK_END, ""),
        content_hash=article.content_hash,
        members=tuple(f"{m.source}: {m.title}" for m in story if m.id != article.id)[:MAX_MEMBERS],
    )
