from __future__ import annotations

import pytest

from pmi_aggregator.watch.failure import DeliveryFailed
from pmi_aggregator.watch.model import Entry, Watch
from pmi_aggregator.watch.settings import WebhookSettings
from pmi_aggregator.watch.webhook import post_batch
from tests.support.webhook_receiver import WebhookReceiver

FAST = WebhookSettings(attempts=3, backoff=0.01, timeout=5)
ENTRIES = [Entry("id1", "t", "https://n.example/1", None, "demo", "s", "h")]


def test_a_batch_is_posted_as_json_with_its_key():
    with WebhookReceiver() as hook:
        post_batch(FAST, Watch("w", webhook=hook.url), "k1", ENTRIES)
    ((key, body),) = hook.posts
    assert key == body["delivery"] == "k1"
    assert body["watch"] == "w"
    assert body["articles"] == [ENTRIES[0].to_dict()]


def test_a_server_error_is_retried_with_the_same_key():
    with WebhookReceiver([503, 500]) as hook:
        post_batch(FAST, Watch("w", webhook=hook.url), "k1", ENTRIES)
    assert [key for key, _ in hook.posts] == ["k1", "k1", "k1"]


def test_a_receiver_that_stays_down_fails_after_the_attempts():
    with WebhookReceiver([503] * 5) as hook, pytest.raises(DeliveryFailed, match="HTTP 503") as failure:
        post_batch(FAST, Watch("w", webhook=hook.url), "k1", ENTRIES)
    assert len(hook.posts) == 3 and not failure.value.permanent


def test_an_unreachable_receiver_fails_without_a_traceback():
    with WebhookReceiver() as hook:
        url = hook.url
    with pytest.raises(DeliveryFailed, match="cannot reach the webhook") as failure:
        post_batch(FAST, Watch("w", webhook=url), "k1", ENTRIES)
    assert not failure.value.permanent


@pytest.mark.parametrize(("status", "permanent", "posts"), [(400, True, 1), (404, True, 1), (429, False, 3)])
def test_a_refusal_is_not_retried_but_too_many_requests_is(status, permanent, posts):
    with WebhookReceiver([status] * 3) as hook, pytest.raises(DeliveryFailed) as failure:
        post_batch(FAST, Watch("w", webhook=hook.url), "k1", ENTRIES)
    assert failure.value.permanent is permanent and len(hook.posts) == posts


def test_a_reason_from_the_receiver_is_one_printable_line():
    reason = str(DeliveryFailed("550 \x1b[31mno\r\nsuch user" + "x" * 1000))
    assert reason.startswith("550  [31mno  such user") and len(reason) == 300
