"""Webhooks: a POST of a batch as JSON, retried with backoff within a run.

The body and the ``Idempotency-Key`` header carry the batch's key, the same on every retry and every
run, so a receiver can drop a batch it already has (after a crash between sending and recording).
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request

import orjson

from pmi_aggregator.watch.failure import DeliveryFailed
from pmi_aggregator.watch.model import Entry, Watch
from pmi_aggregator.watch.settings import WebhookSettings

RETRIED_STATUSES = frozenset({408, 425, 429})
"""Client errors that say "later"; any other 4xx refuses the batch itself."""


def payload(watch: Watch, key: str, entries: list[Entry]) -> bytes:
    return orjson.dumps({"watch": watch.name, "delivery": key, "articles": [e.to_dict() for e in entries]})


def post_batch(settings: WebhookSettings, watch: Watch, key: str, entries: list[Entry]) -> None:
    assert watch.webhook is not None
    body = payload(watch, key, entries)
    delay = settings.backoff
    for attempt in range(1, settings.attempts + 1):
        try:
            _post(watch.webhook, body, key, settings.timeout)
            return
        except DeliveryFailed as exc:
            if exc.permanent or attempt == settings.attempts:
                raise
        time.sleep(delay)
        delay *= 2


def _post(url: str, body: bytes, key: str, timeout: float) -> None:
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", "Idempotency-Key": key, "User-Agent": "pmi-aggregator"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read(1024)
    except urllib.error.HTTPError as exc:
        permanent = 400 <= exc.code < 500 and exc.code not in RETRIED_STATUSES
        raise DeliveryFailed(f"the webhook answered HTTP {exc.code}", permanent=permanent) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DeliveryFailed(f"cannot reach the webhook: {reason}") from None
