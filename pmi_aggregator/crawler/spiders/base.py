"""What every source spider shares: its Source, the crawl window, state lookups and error counting."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any, ClassVar, TypeVar

import scrapy
from scrapy.http import Response
from scrapy.settings import default_settings
from twisted.python.failure import Failure

from pmi_aggregator.article import Article
from pmi_aggregator.crawler.spiders.identity import SourceHosts, listed_url_refusal, own_hosts
from pmi_aggregator.crawler.state import MAX_ATTEMPTS, CrawlState, SeenEntry
from pmi_aggregator.crawler.watermark import Watermark
from pmi_aggregator.normalize.date_args import parse_since
from pmi_aggregator.sources import Source
from pmi_aggregator.sources.options import SourceOptions
from pmi_aggregator.urls import canonicalize_url

Options = TypeVar("Options", bound=SourceOptions)
ARTICLE_PAGE = "pmi_article_when"
"""Request meta of an article page: the time the listing gave the article (None: undated)."""


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("1", "true", "yes", "on")


class SourceSpider(scrapy.Spider):
    """Base of the per-kind spiders; a concrete spider class exists per source (see ``crawler.loader``)."""

    source: ClassVar[Source]
    """Bound by ``crawler.loader.spider_class``; an instance may be given another one."""
    kind: ClassVar[str] = ""

    def __init__(
        self,
        source: Source | None = None,
        since: str | datetime | None = None,
        full: bool | str = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if source is not None:
            self.source = source  # type: ignore[misc]  # an instance may crawl another source
        self.since = parse_since(since)
        self.full = _truthy(full)
        self.allowed_domains = list(own_hosts(self.source))
        self.hosts = SourceHosts.of(self.source)
        self.source_log = logging.getLogger(f"pmi_aggregator.{self.source.key}")
        self._seen: dict[str, SeenEntry] | None = None
        self._emitted: set[str] = set()
        self.watermark = Watermark()
        self._taken = 0
        """How far this run lets the cursor move (``crawler.watermark``); read when the spider closes."""

    @property
    def options(self) -> SourceOptions:
        """The source's typed options (``sources.options``); each kind's spider narrows the type."""
        return self.source.options

    def options_as(self, kind: type[Options]) -> Options:
        """The options as the class a kind's spider reads; another class is a programming error."""
        if not isinstance(self.source.options, kind):
            raise TypeError(
                f"{type(self).__name__} needs {kind.__name__}, not {type(self.source.options).__name__}"
            )
        return self.source.options

    # -- state ----------------------------------------------------------------------------------
    @property
    def state(self) -> CrawlState | None:
        return getattr(self.crawler, "pmi_state", None)

    @property
    def seen(self) -> dict[str, SeenEntry]:
        """What earlier runs stored for this source (empty on ``--full``)."""
        if self._seen is None:
            self._seen = {} if self.full or self.state is None else self.state.seen(self.source.key)
        return self._seen

    def high_water(self) -> datetime | None:
        if self.full or self.state is None:
            return None
        value = self.state.high_water(self.source.key)
        return datetime.fromisoformat(value) if value else None

    # -- what was stored, and what the next run must try again -----------------------------------
    def articles_stored(self, articles: Iterable[Article]) -> None:
        """Articles the index took (or its durable outbox holds)."""
        for article in articles:
            self.watermark = self.watermark.stored(article.modified_at or article.published_at)

    def article_lost(self, reason: str, url: str, when: datetime | None, detail: str = "") -> None:
        """A listed article that was not stored: counted, held for the next run, and the cursor kept
        before it (``when``: its modification or publication time, if the listing gave one)."""
        self.error(reason, url, detail)
        self.hold(url, reason, when)

    def hold(self, url: str, reason: str, when: datetime | None) -> None:
        """Keep the cursor before ``url`` and have the next run fetch it first (already counted).

        An article that failed in ``MAX_ATTEMPTS`` runs is given up (counted ``given_up``): it no
        longer holds the cursor, so one permanently broken post cannot pin every later run."""
        attempts = 1
        if self.state is not None:
            try:
                article_id = Article(url=self.canonical(url), source=self.source.key).id
            except ValueError:
                article_id = None  # not a URL an article can have: nothing to fetch again
            if article_id is not None:
                attempts = self.state.hold_for_retry(self.source.key, article_id, url, reason)
        if attempts > MAX_ATTEMPTS:
            self.count("given_up")
            return
        self.watermark = self.watermark.unstored(when)

    def listing_stopped(self) -> None:
        """The listing ended before the cursor: nothing older than what was stored is known."""
        self.watermark = self.watermark.stopped()

    def request_lost(self, request: scrapy.Request, reason: str, *, falls_back: bool = False) -> None:
        """A request that failed for good (already counted): an article page is held for the next
        run; a listing page stops the listing, unless another discovery method takes over."""
        if ARTICLE_PAGE in request.meta:
            self.hold(request.url, reason, request.meta[ARTICLE_PAGE])
        elif not falls_back:
            self.listing_stopped()

    @property
    def capped(self) -> bool:
        """Whether this run took as many articles as ``options.max_items`` allows."""
        return self._taken >= self.options.max_items

    def take_item(self) -> bool:
        """Whether one more new or changed article fits in this run (``options.max_items``); the
        rest is left to the next run, the cursor held before it."""
        if self.capped:
            if self.watermark.listing_complete:
                self.source_log.info(
                    "%s: %d articles this run; the rest next run", self.source.key, self._taken
                )
            self.partial("max_items")
            return False
        self._taken += 1
        return True

    # -- helpers for subclasses -----------------------------------------------------------------
    def url(self, path: str) -> str:
        return self.source.base_url + path

    def canonical(self, url: str) -> str:
        canonical = canonicalize_url(url, host_aliases=self.source.host_aliases)
        scheme = self.source.canonical_scheme
        if scheme and canonical.split("://", 1)[0] != scheme:
            host = canonical.split("://", 1)[1].split("/", 1)[0]
            if host.removeprefix("www.") == self.source.host.removeprefix("www."):
                canonical = f"{scheme}://{canonical.split('://', 1)[1]}"
        return canonical

    def is_before_window(self, when: datetime | None) -> bool:
        return bool(self.since and when and when < self.since)

    def listed(self, url: str, listing: str) -> bool:
        """Whether a URL a listing names may be crawled: not over-long, on the source's own hosts."""
        settings = getattr(self, "settings", None)  # a spider used outside a crawl has none
        limit = (
            settings.getint("URLLENGTH_LIMIT") if settings is not None else default_settings.URLLENGTH_LIMIT
        )
        refusal = listed_url_refusal(url, self.hosts, limit)
        if refusal is not None:
            self.error(refusal, listing, f"{url[:100]!r}{' …' if len(url) > 100 else ''}")
        return refusal is None

    def first_emit(self, article: Article) -> bool:
        """True the first time an article id is emitted in this run (URL variants collapse); an article
        off the source's own hosts is never emitted (a last guard: listings refuse such links first)."""
        if not self.hosts.owns(article.url):
            self.error("offsite_article", article.url)
            return False
        if article.id in self._emitted:
            self.count("duplicates_in_run")
            return False
        self._emitted.add(article.id)
        return True

    def count(self, key: str, n: int = 1) -> None:
        self.crawler.stats.inc_value(f"pmi/{key}", n)

    def error(self, reason: str, url: str, detail: str = "") -> None:
        """Count and log one failure; the crawl goes on."""
        self.count(f"errors/{reason}")
        self.source_log.warning(
            "%s: %s at %s%s", self.source.key, reason.replace("_", " "), url, f": {detail}" if detail else ""
        )

    def partial(self, reason: str) -> None:
        """The run left something unlisted on purpose (a cap): it ends ``partial``, not ``ok``, and
        the cursor does not move forward (the next run lists the rest)."""
        self.crawler.stats.set_value("pmi/partial", reason)
        self.listing_stopped()

    def discovery(self, method: str) -> None:
        self.crawler.stats.set_value("pmi/discovery", method)

    def errback(self, failure: Failure) -> Iterator[Any]:
        request = failure.request  # type: ignore[attr-defined]
        response: Response | None = getattr(failure.value, "response", None)
        counted = getattr(failure.value, "pmi_reason", None)
        reason = counted or (f"http_{response.status}" if response is not None else _failure_reason(failure))
        if getattr(failure.value, "pmi_logged", False):  # said once where it was decided
            self.count(f"errors/{reason}")
        else:
            self.error(
                reason, request.url, "" if response is not None and not counted else str(failure.value)[:200]
            )
        fallback = request.meta.get("on_fail")
        self.request_lost(request, reason, falls_back=fallback is not None)
        if getattr(failure.value, "stops_source", False):
            return  # the source's own host is unreachable: no fallback can reach it either
        if fallback is not None:
            yield from fallback(request.url)


_FAILURE_MESSAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("too_large", ("max size", "DOWNLOAD_MAXSIZE")),
    ("headers_too_large", ("HeadersTooLarge", "PMI_MAX_HEADER_BYTES")),
    ("too_many_redirects", ("max redirections",)),
)
"""Failures told apart by their message (Scrapy raises a plain IgnoreRequest for these)."""
_FAILURE_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("too_large", ("Cancelled",)),
    ("unreachable_host", ("DNS", "Resolve", "Refused", "NoRoute", "ConnectError", "Unreachable")),
    ("timeout", ("Timeout", "TimedOut")),
    (
        "connection_lost",
        (
            "ConnectionLost",
            "ResponseNeverReceived",
            "DataLoss",
            "ConnectionDone",
            "Aborted",
            "ResponseFailed",
        ),
    ),
    ("tls_error", ("SSL", "TLS", "Certificate")),
    ("ignored", ("IgnoreRequest",)),
)


def _failure_reason(failure: Failure) -> str:
    """A stable reason name for a download failure, whatever Scrapy or Twisted calls it this year."""
    name = type(failure.value).__name__
    message = str(failure.value)
    for reason, markers in _FAILURE_MESSAGES:
        if any(marker in message for marker in markers):
            return reason
    for reason, markers in _FAILURE_KINDS:
        if any(marker in name for marker in markers):
            return reason
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
