"""The index contract every backend fulfils, the result types they return, and the one search path.

``Index.search`` validates the arguments, parses the query, applies "relevance with no words means
newest", decodes the cursor and builds the results (snippets, total, next cursor) the same way for
every backend; a backend only renders the query and pages (``_execute``).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timezone
from functools import partial
from typing import Any, ClassVar

from pmi_aggregator.article import Article
from pmi_aggregator.config import DEFAULT_TIMEZONE
from pmi_aggregator.errors import InvalidRequest
from pmi_aggregator.index.cursor import Position, decode_cursor, encode_cursor
from pmi_aggregator.index.periods import PeriodCounts, PeriodRow, check_stats_args, period_counts
from pmi_aggregator.index.query import Query, parse_query
from pmi_aggregator.index.snippets import make_snippet
from pmi_aggregator.index.synonyms import DEFAULT as DEFAULT_SYNONYMS
from pmi_aggregator.index.synonyms import Synonyms

SORTS = ("relevance", "newest", "oldest")
MAX_LIMIT = 1000
MAX_OFFSET = 10_000
FACET_FIELDS = ("countries", "provinces", "organizations", "topics")
"""The Article list fields every backend can filter and count by (annotations: ``domain.annotate``)."""
MAX_FILTER_VALUES = 50
MAX_VALUE_LENGTH = 200
"""Longer values are neither indexed for filters and facets nor accepted in a filter."""
MAX_FACET_LIMIT = 100
FILTER_ARGS = ("sources", "date_from", "date_to", "include_undated", *FACET_FIELDS)
"""The keyword arguments that narrow a search, and so the facet counts too."""
QUERY_ARGS = ("exact", "synonyms")
"""How the query is read: ``exact`` turns synonym expansion off; ``synonyms`` replaces the table."""

FacetCounts = dict[str, list[tuple[str, int]]]
"""Per field, (value, articles) by count then value: what ``Index.facets`` returns."""


@dataclass
class UpsertResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: dict[str, str] = field(default_factory=dict)
    """Article id -> why the index did not take it; a whole-batch failure names every id of the batch."""

    @property
    def errors(self) -> list[str]:
        """The failures as ``"<id>: <reason>"`` lines, for display."""
        return [f"{article_id}: {reason}" for article_id, reason in self.failures.items()]

    def __iadd__(self, other: UpsertResult) -> UpsertResult:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.failed += other.failed
        self.failures.update(other.failures)
        return self


@dataclass
class StorySummary:
    """One story (``stories``): how many articles and outlets reported it, and its first report."""

    story_id: str
    articles: int
    outlets: int
    first: Article | None = None
    """The first report (whose id is the story's), None if the index no longer holds it."""


@dataclass
class Hit:
    article: Article
    score: float
    snippet: str
    story: StorySummary | None = None
    """With ``search(..., collapse=True)``: the story this hit stands for."""


@dataclass
class SearchResults:
    """One page of hits, best first; ``total`` counts every match; ``cursor`` resumes after the last hit."""

    hits: list[Hit]
    total: int
    cursor: str | None = None

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)


@dataclass
class Page:
    """What a backend found for one search: (article, score) best first, every match counted, and
    the position after the last hit (what the next cursor holds)."""

    hits: list[tuple[Article, float]]
    total: int
    after: Position | None = None


@dataclass(frozen=True)
class SearchRequest:
    """Validated search arguments, shared by the backends so they reject the same input the same way."""

    query: str
    sources: tuple[str, ...] = ()
    date_from: datetime | None = None
    date_to: datetime | None = None
    include_undated: bool = False
    sort: str = "relevance"
    limit: int = 20
    offset: int = 0
    cursor: str | None = None
    countries: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    exact: bool = False
    """No synonym expansion: only the words as typed (stemmed) match."""
    synonyms: Synonyms | None = None
    """The synonym table (``None``: the built-in one)."""

    def parsed(self) -> Query:
        """The query, parsed and, unless ``exact``, expanded with its synonyms."""
        parsed = parse_query(self.query)
        return parsed if self.exact else (self.synonyms or DEFAULT_SYNONYMS).expand(parsed)

    @property
    def facet_filters(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """(field, values) of each facet filter in use: values ORed, fields ANDed."""
        return tuple((name, getattr(self, name)) for name in FACET_FIELDS if getattr(self, name))


def facet_values(article: Article, name: str) -> list[str]:
    """The values of one facet field as both backends index them: distinct, non-empty, bounded."""
    values: list[str] = getattr(article, name)
    return [v for v in dict.fromkeys(values) if isinstance(v, str) and 0 < len(v) <= MAX_VALUE_LENGTH]


def _filter_values(name: str, values: Sequence[str] | str | None) -> tuple[str, ...]:
    """A facet filter's values, checked: a lone string is one value; blanks are ignored."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, (list, tuple, set, frozenset)):
        raise InvalidRequest(f"{name} must be a list of strings, not {type(values).__name__}")
    if len(values) > MAX_FILTER_VALUES:
        raise InvalidRequest(f"{name} takes at most {MAX_FILTER_VALUES} values, not {len(values)}")
    cleaned = set()
    for value in values:
        if not isinstance(value, str):
            raise InvalidRequest(f"{name} values must be strings, not {type(value).__name__}")
        value = value.strip()
        if len(value) > MAX_VALUE_LENGTH:
            raise InvalidRequest(f"a {name} value is longer than {MAX_VALUE_LENGTH} characters")
        if value:
            cleaned.add(value.upper() if name == "countries" else value)  # ISO codes are upper case
    return tuple(sorted(cleaned))


def facet_fields(fields: Sequence[str] | str) -> tuple[str, ...]:
    """The fields to count, checked against ``FACET_FIELDS`` (a lone string is one field)."""
    if isinstance(fields, str):
        fields = [fields]
    if not isinstance(fields, (list, tuple)) or not fields:
        raise InvalidRequest(f"fields must be a non-empty list of: {', '.join(FACET_FIELDS)}")
    unknown = [f for f in fields if f not in FACET_FIELDS]
    if unknown:
        raise InvalidRequest(f"cannot count by {unknown[0]!r}; use one of: {', '.join(FACET_FIELDS)}")
    return tuple(dict.fromkeys(fields))


def _as_instant(value: date | datetime | str | None, *, end: bool) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        value = _parse_date_arg(value)
    if not isinstance(value, datetime):
        value = datetime.combine(value, time.max if end else time.min)
    if value.tzinfo is None:
        from zoneinfo import ZoneInfo

        value = value.replace(tzinfo=ZoneInfo(DEFAULT_TIMEZONE))
    try:
        return value.astimezone(timezone.utc)
    except OverflowError:  # year 1 or 9999 pushed out of range by the time zone
        raise InvalidRequest(f"cannot use the date {value.date().isoformat()}: it is out of range") from None


def _parse_date_arg(text: str) -> date | datetime:
    try:
        return date.fromisoformat(text) if len(text.strip()) == 10 else datetime.fromisoformat(text)
    except ValueError:
        from pmi_aggregator.normalize.dates import parse_date

        parsed = parse_date(text)
        if parsed is None:
            raise InvalidRequest(f"cannot read the date {text!r}; use YYYY-MM-DD") from None
        return parsed


def make_request(
    query: str | None,
    *,
    sources: Sequence[str] | str | None = None,
    date_from: date | datetime | str | None = None,
    date_to: date | datetime | str | None = None,
    include_undated: bool = False,
    sort: str = "relevance",
    limit: int = 20,
    offset: int = 0,
    cursor: str | None = None,
    countries: Sequence[str] | str | None = None,
    provinces: Sequence[str] | str | None = None,
    organizations: Sequence[str] | str | None = None,
    topics: Sequence[str] | str | None = None,
    exact: bool = False,
    synonyms: Synonyms | None = None,
) -> SearchRequest:
    """Check and normalize search arguments; raise IndexFailure with a clear message on bad input."""
    if sort not in SORTS:
        raise InvalidRequest(f"unknown sort {sort!r}; use one of: {', '.join(SORTS)}")
    if not isinstance(limit, int) or not 0 <= limit <= MAX_LIMIT:
        raise InvalidRequest(f"limit must be between 0 and {MAX_LIMIT}")
    if not isinstance(offset, int) or not 0 <= offset <= MAX_OFFSET:
        raise InvalidRequest(f"offset must be between 0 and {MAX_OFFSET}; page deeper with the cursor")
    if isinstance(sources, str):
        sources = [sources]
    start, end = _as_instant(date_from, end=False), _as_instant(date_to, end=True)
    if start and end and start > end:
        raise InvalidRequest("date_from is after date_to; use a start date on or before the end date")
    return SearchRequest(
        query=query or "",
        sources=tuple(sorted({s for s in sources or () if s})),
        date_from=start,
        date_to=end,
        include_undated=include_undated,
        sort=sort,
        limit=limit,
        offset=offset,
        cursor=cursor,
        countries=_filter_values("countries", countries),
        provinces=_filter_values("provinces", provinces),
        organizations=_filter_values("organizations", organizations),
        topics=_filter_values("topics", topics),
        exact=bool(exact),
        synonyms=synonyms,
    )


class Index(ABC):
    """A searchable store of articles. Backends: ``SqliteIndex`` (embedded), ``ElasticIndex``."""

    url: str
    """Where the index lives, without credentials: safe to print and to hand to another process."""

    needs_outbox: ClassVar[bool]
    """Whether a crawl should queue what this index can't take in a durable outbox (a remote index
    can be down or refuse writes; a local transactional file either takes a batch or raises)."""

    @abstractmethod
    def upsert(self, articles: Iterable[Article | Mapping[str, Any]]) -> UpsertResult:
        """Insert or replace articles by id; re-upserting the same article changes nothing."""

    @abstractmethod
    def get(self, article_id: str) -> Article | None: ...

    @abstractmethod
    def count(self, *, source: str | None = None) -> int: ...

    def search(self, query: str | None = None, *, collapse: bool = False, **kwargs: Any) -> SearchResults:
        """Search; keyword arguments as in ``make_request``. ``collapse``: one hit per story, its best
        match, with the story's size and first report; ``total`` then counts stories. Collapsed results
        page by ``offset`` (Elasticsearch cannot resume a collapsed search after a hit)."""
        if collapse and kwargs.get("cursor"):
            raise InvalidRequest("a collapsed search pages by offset, not by cursor")
        request, parsed, after = self._prepare(query, kwargs)
        if not collapse:
            return _results(request, parsed, self._execute(request, parsed, after))
        results = _results(request, parsed, self._execute_collapsed(request, parsed, after))
        results.cursor = None
        summaries = self._summaries([story_of(hit.article) for hit in results.hits])
        for hit in results.hits:
            hit.story = summaries.get(story_of(hit.article))
        return results

    @abstractmethod
    def _execute_collapsed(self, request: SearchRequest, parsed: Query, after: Position | None) -> Page:
        """As ``_execute``, keeping the best hit of each story (``story_of``); the total counts stories."""

    def story(self, story_id: str) -> list[Article]:
        """Every article of a story, first report first (by publication, else crawl time, then id)."""
        if not isinstance(story_id, str) or not story_id:
            raise InvalidRequest("a story id is a non-empty string")
        return sorted(self._story_members(story_id), key=story_order)

    def stories(
        self,
        *,
        since: date | datetime | str | None = None,
        until: date | datetime | str | None = None,
        sources: Sequence[str] | str | None = None,
        countries: Sequence[str] | str | None = None,
        topics: Sequence[str] | str | None = None,
        limit: int = 20,
    ) -> list[StorySummary]:
        """The stories reported by the most outlets among the articles the filters keep (then by most
        articles, then newest)."""
        request = make_request(
            None,
            sources=sources,
            date_from=since,
            date_to=until,
            countries=countries,
            topics=topics,
            limit=limit,
        )
        counts = self._story_counts(request)
        firsts = {article.id: article for article in self._get_many([story for story, _, _ in counts])}
        return [StorySummary(story, n, outlets, firsts.get(story)) for story, n, outlets in counts]

    def _summaries(self, story_ids: list[str]) -> dict[str, StorySummary]:
        sizes = self._story_sizes(story_ids)
        firsts = {article.id: article for article in self._get_many(story_ids)}
        return {
            story: StorySummary(story, *sizes.get(story, (1, 1)), firsts.get(story))
            for story in dict.fromkeys(story_ids)
        }

    def _get_many(self, article_ids: Iterable[str]) -> list[Article]:
        return [article for article in map(self.get, dict.fromkeys(article_ids)) if article is not None]

    @abstractmethod
    def _story_members(self, story_id: str) -> list[Article]: ...

    @abstractmethod
    def _story_sizes(self, story_ids: list[str]) -> dict[str, tuple[int, int]]:
        """Story id -> (articles, distinct sources), for the given stories."""

    @abstractmethod
    def _story_counts(self, request: SearchRequest) -> list[tuple[str, int, int]]:
        """(story id, articles, outlets) of the ``request.limit`` stories with the most outlets among
        the articles the request's filters keep; ties by articles, then the newest publication."""

    def _prepare(
        self, query: str | None, kwargs: Mapping[str, Any]
    ) -> tuple[SearchRequest, Query, Position | None]:
        """The validated request (its sort as executed), the parsed query, and the cursor's position."""
        request = make_request(query, **kwargs)
        parsed = request.parsed()
        if request.sort == "relevance" and not parsed.groups:  # no words to rank by: newest first
            request = replace(request, sort="newest")
        after = None
        if request.cursor:
            after = decode_cursor(request.cursor, request.sort, partial(self._valid_position, request.sort))
        return request, parsed, after

    def iter_matches(
        self, query: str | None = None, *, page_size: int = 500, **filters: Any
    ) -> Iterator[Article]:
        """Every article the query and filters match, newest first, without hits' snippets (for a
        reader of all of them, such as a watch, that shows only a few); arguments as in ``search``."""
        request, parsed, after = self._prepare(query, {**filters, "sort": "newest", "limit": page_size})
        while True:
            page = self._execute(request, parsed, after)
            yield from (article for article, _ in page.hits)
            if len(page.hits) < page_size or page.after is None:
                return
            after = page.after

    @abstractmethod
    def _execute(self, request: SearchRequest, parsed: Query, after: Position | None) -> Page:
        """One page of matches for ``parsed`` and the filters, resuming after ``after`` if given."""

    def facets(
        self,
        query: str | None = None,
        *,
        fields: Sequence[str] | str = FACET_FIELDS,
        limit: int = 10,
        **filters: Any,
    ) -> FacetCounts:
        """The top ``limit`` values of each field among the articles the query and filters match."""
        names = facet_fields(fields)
        if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_FACET_LIMIT:
            raise InvalidRequest(f"limit must be between 1 and {MAX_FACET_LIMIT}")
        request = make_request(query, **_narrowing(filters, "facets"), limit=0)
        counts = self._facet_counts(request, request.parsed(), names, limit)
        return {
            name: sorted(counts.get(name, []), key=lambda pair: (-pair[1], pair[0]))[:limit] for name in names
        }

    @abstractmethod
    def _facet_counts(
        self, request: SearchRequest, parsed: Query, fields: tuple[str, ...], limit: int
    ) -> FacetCounts:
        """Per field, at least the top ``limit`` (value, count) pairs among the matches, in any order."""

    def stats(
        self,
        query: str | None = None,
        *,
        by: str = "month",
        split: str | None = None,
        limit: int = 10,
        collapse: bool = False,
        **filters: Any,
    ) -> PeriodCounts:
        """Articles the query and filters match per period (``index.periods``), split by a field's
        ``limit`` values with most articles; the undated ones counted apart. With ``collapse``, stories
        instead of articles: a story counts once in each period it was reported in."""
        check_stats_args(by, split, limit)
        request = make_request(query, **_narrowing(filters, "stats"), limit=0)
        rows = self._period_counts(request, request.parsed(), by, split, limit, collapse)
        return period_counts(rows, by, split, limit)

    @abstractmethod
    def _period_counts(
        self, request: SearchRequest, parsed: Query, by: str, split: str | None, limit: int, collapse: bool
    ) -> Iterable[PeriodRow]:
        """(period label or None, split value or None, count of articles, or of stories with
        ``collapse``) rows; at least the top ``limit`` split values."""

    @abstractmethod
    def _valid_position(self, sort: str, position: Position) -> bool:
        """Whether a decoded cursor position is one this backend could have made for ``sort``."""

    def ids_with_prefix(self, prefix: str, limit: int = 2) -> list[str]:
        """Up to ``limit`` stored ids that start with ``prefix``, in id order (two: is it unique?)."""
        if not prefix:
            raise InvalidRequest("an id prefix needs at least one character")
        if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise InvalidRequest(f"limit must be between 1 and {MAX_LIMIT}")
        return self._ids_with_prefix(prefix, limit)

    @abstractmethod
    def _ids_with_prefix(self, prefix: str, limit: int) -> list[str]: ...

    @abstractmethod
    def iter_articles(self, *, batch_size: int = 500) -> Iterator[Article]:
        """Every article, streamed in id order (for copies between backends)."""

    @abstractmethod
    def source_stats(self) -> dict[str, dict[str, Any]]:
        """Per source: article count and the newest published date."""

    def connection_spec(self) -> str:
        """What ``open_index`` needs to reopen this index in another process (may hold credentials)."""
        return self.url

    def get_by_url(self, url: str) -> Article | None:
        from pmi_aggregator.urls import article_id, canonicalize_url

        return self.get(article_id(canonicalize_url(url)))

    def close(self) -> None:  # noqa: B027 - optional for backends without resources
        """Release connections."""

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _narrowing(filters: dict[str, Any], method: str) -> dict[str, Any]:
    """The filters and query options of a counting method (``facets``, ``stats``), checked by name."""
    unknown = sorted(set(filters) - set(FILTER_ARGS) - set(QUERY_ARGS))
    if unknown:
        raise InvalidRequest(f"{method} takes no {unknown[0]!r}; filters: {', '.join(FILTER_ARGS)}")
    return filters


def _results(request: SearchRequest, parsed: Query, page: Page) -> SearchResults:
    """Hits with snippets of the matched forms; a full page gets the cursor to the next one."""
    terms = parsed.positive_terms()
    ranked = bool(parsed.groups)
    hits = [
        Hit(article, score if ranked else 0.0, snippet_of(article, terms)) for article, score in page.hits
    ]
    cursor = None
    if hits and len(hits) == request.limit and page.after is not None:
        cursor = encode_cursor(request.sort, page.after)
    return SearchResults(hits=hits, total=page.total, cursor=cursor)


def snippet_of(article: Article, terms: Collection[str]) -> str:
    """The snippet of a hit: the summary and body around the matched ``terms``, matches marked."""
    return make_snippet(article.summary + " " + article.body, terms)


def story_of(article: Article) -> str:
    """The story an article belongs to: its linked story, else (never linked) a story of its own."""
    return article.story_id or article.id


def story_order(article: Article) -> tuple[bool, str, str]:
    """First report first: by publication, else crawl time (undated last), then id."""
    instant = article.published_at or article.crawled_at
    return instant is None, instant.astimezone(timezone.utc).isoformat() if instant else "", article.id


def coerce_articles(items: Iterable[Article | Mapping[str, Any]]) -> Iterator[Article]:
    for item in items:
        yield item if isinstance(item, Article) else Article.from_dict(dict(item))
