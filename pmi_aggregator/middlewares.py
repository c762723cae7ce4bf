"""Downloader middlewares: retries that back off instead of hammering a struggling site."""

from __future__ import annotations

import random
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware, get_retry_request
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet import reactor
from twisted.internet.task import deferLater


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

    def __init__(self, settings) -> None:  # type: ignore[no-untyped-def]
        super().__init__(settings)
        self.base_delay = settings.getfloat("PMI_RETRY_BASE_DELAY", 2.0)
        self.max_delay = settings.getfloat("PMI_RETRY_MAX_DELAY", 120.0)

    def _delay(self, request: Request, response: Response | None) -> float:
        attempt = request.meta.get("retry_times", 0)
        delay = self.base_delay * (2**attempt) * random.uniform(0.8, 1.2)
        if response is not None:
            advised = retry_after_seconds(response.headers.get(b"Retry-After"))
            if advised is not None:
                delay = advised
        return min(delay, self.max_delay)

    async def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = get_retry_request(
            request,
            spider=self.crawler.spider,
            reason=response_status_message(response.status),
            max_retry_times=request.meta.get("max_retry_times", self.max_retry_times),
        )
        if retry is None:
            return response
        await self._wait(self._delay(request, response))
        return retry

    async def process_exception(self, request: Request, exception: Exception) -> Request | None:
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        retry = get_retry_request(
            request,
            spider=self.crawler.spider,
            reason=exception,
            max_retry_times=request.meta.get("max_retry_times", self.max_retry_times),
        )
        if retry is not None:
            await self._wait(self._delay(request, None))
        return retry

    @staticmethod
    async def _wait(seconds: float) -> None:
        if seconds > 0:
            await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))
