"""Downloader middlewares: retries that back off instead of hammering a struggling site, the SSRF
and redirect guards, and challenge-page detection."""

from __future__ import annotations

import ipaddress
import logging
import random
import re
import socket
import time
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import ClassVar
from urllib.parse import urljoin

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message
from twisted.internet import reactor, threads
from twisted.internet.task import deferLater

from pmi_aggregator.normalize.bounded import xml_as_utf8
from pmi_aggregator.normalize.html_text import actual_encoding

log = logging.getLogger(__name__)

_WAIT_STEP = 0.25
"""Seconds between checks, during a retry's wait, that the crawl is still running."""


def retry_after_seconds(value: bytes | str | None) -> float | None:
    """Seconds from a Retry-After header: delta-seconds or an HTTP date."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isascii() and text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry policy, waiting before each retry: Retry-After when the server sends one,
    else exponential backoff with jitter, both capped by ``PMI_RETRY_MAX_DELAY``."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.base_delay = settings.getfloat("PMI_RETRY_BASE_DELAY")
        self.max_delay = settings.getfloat("PMI_RETRY_MAX_DELAY")

    def _delay(self, request: Request, response: Response | None) -> float:
        attempt = request.meta.get("retry_times", 0)
        delay = self.base_delay * (2**attempt) * random.uniform(0.8, 1.2)
        if response is not None:
            advised = retry_after_seconds(response.headers.get(b"Retry-After"))
            if advised is not None:
                delay = advised
        return min(delay, self.max_delay)

    # Scrapy calls coroutine methods without ``spider`` (2.13+); its base class still declares the old form.
    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if (
            request.meta.get("dont_retry", False)
            or response.status not in self.retry_http_codes
            or not self._running()
        ):
            return response
        retry = get_retry_request(
            request,
            spider=self._spider(),
            reason=response_status_message(response.status),
            max_retry_times=request.meta.get("max_retry_times", self.max_retry_times),
        )
        if retry is None:
            return response
        await self._wait(self._delay(request, response))
        return retry

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | None:
        if (
            not isinstance(exception, self.exceptions_to_retry)
            or request.meta.get("dont_retry", False)
            or not self._running()
        ):
            return None
        retry = get_retry_request(
            request,
            spider=self._spider(),
            reason=exception,
            max_retry_times=request.meta.get("max_retry_times", self.max_retry_times),
        )
        if retry is not None:
            await self._wait(self._delay(request, None))
        return retry

    def _spider(self) -> Spider:
        spider = self.crawler.spider
        assert spider is not None, "middlewares run only while a spider crawls"
        return spider

    def _running(self) -> bool:
        """False once the crawl is stopping (Ctrl-C, SIGTERM): a retry would only delay the exit."""
        engine = self.crawler.engine
        return engine is not None and engine.running

    async def _wait(self, seconds: float) -> None:
        """Sleeps in short steps so that a stopping crawl does not wait for a long backoff."""
        deadline = time.monotonic() + seconds
        while self._running() and (left := deadline - time.monotonic()) > 0:
            await maybe_deferred_to_future(deferLater(reactor, min(left, _WAIT_STEP), lambda: None))


class CountedIgnore(IgnoreRequest):
    """A request refused on purpose; ``pmi_reason`` names the error counted for the source.

    ``pmi_logged`` marks refusals already logged where they were decided (the errback only counts them).
    """

    pmi_reason: ClassVar[str] = "ignored"
    pmi_logged: ClassVar[bool] = False


class SsrfBlocked(CountedIgnore):
    pmi_reason = "ssrf_blocked"


class OffsiteRedirect(CountedIgnore):
    pmi_reason = "offsite_redirect"


class RedirectLoop(CountedIgnore):
    pmi_reason = "redirect_loop"


class ChallengePage(CountedIgnore):
    pmi_reason = "challenge_page"


class XmlEntities(CountedIgnore):
    pmi_reason = "xml_entities"


def blocked_address(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why an address must not be crawled (private, loopback, link-local, reserved…), or None."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind in ("loopback", "link_local", "private", "multicast", "unspecified", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "not public"


def _ip_literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a host stands for without a lookup: an IP literal, or loopback for ``localhost``."""
    if host == "localhost" or host.endswith(".localhost"):  # RFC 6761: always loopback
        return ipaddress.IPv4Address("127.0.0.1")
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def on_site(host: str, domains: list[str]) -> bool:
    """Scrapy's offsite rule (the domain or a subdomain), treating ``www.`` as the same site."""
    host = host.removeprefix("www.")
    for domain in domains:
        domain = domain.lower().removeprefix("www.")
        if host == domain or host.endswith("." + domain):
            return True
    return False


class SsrfGuardMiddleware:
    """Never reach a private, loopback, link-local or reserved address, nor follow a redirect off site.

    Checks every request, redirects included (Scrapy schedules each redirect as a new request): IP
    literals and off-site redirects when the request is scheduled (before Scrapy's offsite filter
    would drop it uncounted), host names in ``process_request`` after a bounded lookup
    (``PMI_DNS_TIMEOUT``), before the robots and download steps. A host listed in the source's
    ``allow_private_hosts`` (exactly as written in the URL) is exempt. A refused request is never sent.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.dns_timeout = crawler.settings.getfloat("PMI_DNS_TIMEOUT")
        self._verdicts: dict[str, str | None] = {}
        crawler.signals.connect(self.request_scheduled, signal=signals.request_scheduled)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SsrfGuardMiddleware:
        return cls(crawler)

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        """Refusals at this stage reach no errback (Scrapy drops the request), so they are counted here."""
        try:
            self._check(request)
        except CountedIgnore as exc:
            count_error(self.crawler, exc.pmi_reason, request.url, str(exc))
            raise

    async def process_request(self, request: Request) -> None:
        host = self._check(request)
        if host is not None and _ip_literal(host) is None:
            self._refuse_if(await self._resolve_verdict(host), host, request)

    def _check(self, request: Request) -> str | None:
        """The host still to look up (None when exempt); raises for literals and off-site redirects."""
        spider = self.crawler.spider
        host = (urlparse_cached(request).hostname or "").lower()
        allowed = {
            h.lower().strip("[]") for h in getattr(getattr(spider, "source", None), "allow_private_hosts", ())
        }
        if host in allowed:
            return None
        literal = _ip_literal(host)
        if literal is not None:
            self._refuse_if(blocked_address(literal), host, request)
        if "redirect_urls" in request.meta and not on_site(
            host, list(getattr(spider, "allowed_domains", None) or ())
        ):
            first = request.meta["redirect_urls"][0]
            raise OffsiteRedirect(f"redirect from {first} leaves the site for {request.url}")
        return host

    @staticmethod
    def _refuse_if(problem: str | None, host: str, request: Request) -> None:
        if problem is not None:
            via = request.meta.get("redirect_urls")
            detail = f" (redirected from {via[0]})" if via else ""
            raise SsrfBlocked(
                f"refused {request.url}{detail}: {host} is a {problem} address; "
                f"to allow it, list it in the source's allow_private_hosts"
            )

    async def _resolve_verdict(self, host: str) -> str | None:
        if host not in self._verdicts:
            lookup = threads.deferToThread(socket.getaddrinfo, host, None, proto=socket.IPPROTO_TCP)
            lookup.addTimeout(self.dns_timeout, reactor)
            try:
                infos = await maybe_deferred_to_future(lookup)
            except Exception:  # unresolvable: the download fails on its own and is counted there
                return None
            addresses = [str(info[4][0]).split("%")[0] for info in infos]  # "fe80::1%eth0": zone dropped
            problems = [blocked_address(ipaddress.ip_address(address)) for address in addresses]
            self._verdicts[host] = next((p for p in problems if p), None)
        return self._verdicts[host]


def count_error(crawler: Crawler, reason: str, url: str, detail: str) -> None:
    """Count a refusal against the source (``pmi/errors/<reason>``) and log it, as the spider would."""
    spider = crawler.spider
    error = getattr(spider, "error", None)
    if error is not None:
        error(reason, url, detail)
    else:
        crawler.stats.inc_value(f"pmi/errors/{reason}")
        log.warning("%s at %s: %s", reason.replace("_", " "), url, detail)


class RedirectLoopMiddleware:
    """Stops a redirect that points back to a URL of its own chain (else the duplicate filter would
    drop it silently, or it would bounce until ``REDIRECT_MAX_TIMES``)."""

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get(b"Location")
        if not (300 <= response.status < 400 and location):
            return response
        target = urljoin(request.url, location.decode("latin-1"))
        if target in (request.url, *request.meta.get("redirect_urls", ())):
            raise RedirectLoop(f"redirect loop at {request.url} (back to {target})")
        return response


# Lower-case patterns, searched in the lower-cased head: an IGNORECASE alternation scans a page
# about seven times slower (2 ms for a 27 KB article page, on every response).
_CHALLENGE_TITLE = re.compile(
    rb"<title[^>]*>\s*(?:just a moment|attention required|checking your browser|ddos-guard|"
    rb"one more step|security check|verify you are human|please wait|captcha|access denied \| )"
    rb"[^<]{0,80}</title>",
)
_CHALLENGE_MARKS = re.compile(
    rb"window\._cf_chl_opt|/cdn-cgi/challenge-platform/|cf-browser-verification|"
    rb"checking your browser before accessing|/\.well-known/ddos-guard/|ddos-guard\.net/|"
    rb"your country is not allowed to access this resource",
)
_CAPTCHA_MARKS = re.compile(rb"""(?:class|id)=["'][^"']*\b(?:g-recaptcha|h-captcha|cf-turnstile|captcha)\b""")
_BLOCK_STATUSES = (403, 429, 503)


def is_challenge(response: Response) -> bool:
    """A bot check, captcha or geo-block page in place of the content (with any status)."""
    headers = response.headers
    if (headers.get(b"cf-mitigated") or b"").lower() == b"challenge":
        return True
    head = response.body[:262_144].lower()
    if _CHALLENGE_TITLE.search(head) or _CHALLENGE_MARKS.search(head):
        return True
    server = (headers.get(b"Server") or b"").lower()
    if response.status in _BLOCK_STATUSES:
        return server in (b"cloudflare", b"ddos-guard") or bool(_CAPTCHA_MARKS.search(head))
    # A small HTML page that is a captcha and no article (comment forms embed captchas too).
    return (
        len(response.body) < 30_000
        and b"<html" in head[:1024]
        and b"<article" not in head
        and bool(_CAPTCHA_MARKS.search(head))
    )


class ChallengePageMiddleware:
    """Refuses challenge pages before they are retried or parsed: they are never stored as
    articles, and retrying cannot pass a bot check."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ChallengePageMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if is_challenge(response):
            self.crawler.stats.inc_value("pmi/challenge_responses")
            raise ChallengePage(f"challenge page (HTTP {response.status}) at {response.url}")
        return response


class CharsetRepairMiddleware:
    """Repairs a wrong charset label on HTML pages (counted as ``encoding_mismatch``): bytes that
    are valid UTF-8 with non-ASCII text are UTF-8 whatever the label says, and bytes labelled
    UTF-8 that are not valid UTF-8 are windows-1252 (the usual culprit)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CharsetRepairMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, HtmlResponse):
            return response
        declared = response.encoding.lower().replace("_", "-")
        actual = actual_encoding(response.body, declared)
        if actual == declared:
            return response
        self.crawler.stats.inc_value("pmi/errors/encoding_mismatch")
        log.warning("%s text labelled %s at %s; read as %s", actual, declared, response.url, actual)
        return response.replace(encoding=actual)


_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


class XmlEntityMiddleware:
    """Refuses XML (feeds, sitemaps) that declares its own entities: no real feed or sitemap needs
    them, and they are how "billion laughs" expansion bombs work (counted as ``xml_entities``)."""

    def process_response(self, request: Request, response: Response) -> Response:
        head = xml_as_utf8(response.body[:65_536])  # a UTF-16 bomb hides its "<!ENTITY" bytes
        if head.lstrip()[:1] == b"<" and b"<!DOCTYPE" in head.upper() and _ENTITY_DECLARATION.search(head):
            raise XmlEntities(f"XML with entity declarations at {response.url}")
        return response
