"""Raw fields to a clean Article: the one place where every article is cleaned.

Each constructor (article pages, feed entries, WordPress REST posts, listing items) only gathers what
it read into a ``RawArticle``; ``build_article`` applies the title, author and term cleaners, the
language detection, the dateline and the date policy, so that no source cleans its articles differently.
The crawl's ``NormalizePipeline`` applies the same ``apply_date_policy`` to whatever reaches it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from pmi_aggregator.article import EARLIEST_PUBLICATION, Article, utcnow
from pmi_aggregator.config import DEFAULT_TIMEZONE
from pmi_aggregator.normalize.people import clean_author_list
from pmi_aggregator.normalize.text import (
    clean_terms,
    clean_title,
    detect_language,
    extract_dateline,
)

DEFAULT_FUTURE_TOLERANCE = timedelta(hours=24)
"""How far ahead of now a publication date may be (a site's clock or zone can be off by hours)."""
_UTC_STAMPS = ("api", "feed")
_LANGUAGE_SAMPLE = 2000


@dataclass(frozen=True)
class PageContext:
    """What is known about the source of an article, whatever its constructor."""

    source: str = "web"
    tz: tzinfo | str = DEFAULT_TIMEZONE
    """The zone assumed where a date names none, and the zone API/feed UTC stamps are shown in."""
    site_names: tuple[str, ...] = ()
    now: datetime | None = None
    """The time the article is read at: anchors relative dates and the date policy (default: now)."""
    language: str | None = None
    """The source's declared language, used instead of detection."""
    future_tolerance: timedelta = DEFAULT_FUTURE_TOLERANCE


@dataclass(frozen=True)
class RawDate:
    value: datetime
    origin: str
    """Where the date was read, one of ``article.DATE_SOURCES``."""
    precision: str


@dataclass
class RawArticle:
    """The fields a constructor read, uncleaned (text already converted from HTML)."""

    url: str
    title: str = ""
    body: str = ""
    summary: str = ""
    authors: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    published: RawDate | None = None
    modified_at: datetime | None = None
    image_url: str | None = None
    language: str | None = None
    """The language the page declares (``<html lang>``): used only when detection finds none."""


@dataclass(frozen=True)
class BuiltArticle:
    article: Article
    rejected_date: datetime | None = None
    """A publication date the date policy dropped, for the caller to count and log."""


def build_article(raw: RawArticle, context: PageContext) -> BuiltArticle:
    """The clean Article for ``raw``. Raises ValueError for an unusable URL or date source."""
    title = clean_title(raw.title, site_names=context.site_names)
    text = raw.body or raw.summary  # listing items and excerpt-only feeds have no body
    published = raw.published
    article = Article(
        url=raw.url,
        source=context.source,
        title=title,
        body=raw.body,
        summary=raw.summary,
        authors=clean_author_list(raw.authors, site_names=context.site_names),
        categories=clean_terms(raw.categories),
        tags=clean_terms(raw.tags),
        language=context.language
        or detect_language(f"{title} {raw.body[:_LANGUAGE_SAMPLE] or raw.summary}")
        or raw.language,
        location=extract_dateline(text),
        published_at=published.value if published else None,
        published_at_source=published.origin if published else None,
        date_precision=published.precision if published else None,
        modified_at=raw.modified_at,
        crawled_at=utcnow(),
        image_url=raw.image_url or None,
    )
    rejected = apply_date_policy(article, context.tz, tolerance=context.future_tolerance, now=context.now)
    return BuiltArticle(article, rejected)


def apply_date_policy(
    article: Article,
    tz: tzinfo | str | None,
    *,
    tolerance: timedelta = DEFAULT_FUTURE_TOLERANCE,
    now: datetime | None = None,
) -> datetime | None:
    """Drops an implausible publication date and shows UTC stamps in the source's zone ``tz``.

    A date before ``EARLIEST_PUBLICATION`` or more than ``tolerance`` ahead of ``now`` is a parsing
    or site error: the article stays, undated (a date is never guessed), and the dropped date is
    returned so that the caller can count it. Applying the policy twice changes nothing.
    """
    zone = as_zone(tz) if tz is not None else None
    reference = now or utcnow()
    if reference.utcoffset() is None:  # a naive ``now`` is wall time in the source's zone
        reference = reference.replace(tzinfo=zone or timezone.utc)
    published = article.published_at
    rejected = None
    if published is not None and not (EARLIEST_PUBLICATION <= published <= reference + tolerance):
        rejected = published
        article.published_at = article.published_at_source = article.date_precision = None
    if zone is not None and article.published_at is not None and article.published_at_source in _UTC_STAMPS:
        article.published_at = article.published_at.astimezone(zone)
        article.modified_at = article.modified_at.astimezone(zone) if article.modified_at else None
    return rejected


def as_zone(tz: tzinfo | str) -> tzinfo:
    """A zone given as a tzinfo or an IANA name (an unknown name raises, as in ``zoneinfo``)."""
    return tz if isinstance(tz, tzinfo) else ZoneInfo(tz)
