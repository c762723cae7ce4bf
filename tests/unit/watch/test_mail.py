from __future__ import annotations

import pytest

from pmi_aggregator.watch.failure import DeliveryFailed
from pmi_aggregator.watch.mail import send_digest
from pmi_aggregator.watch.model import Entry, Watch
from pmi_aggregator.watch.settings import SmtpSettings

ENTRIES = [
    Entry(
        "id1", "PMI <b>kabur</b>", "https://n.example/1", "2025-01-02T08:00:00+07:00", "demo", "snip one", "h"
    ),
    Entry("id2", "Kedua", "https://n.example/2", None, "ngo", "snip two", "h"),
]


def test_a_digest_lists_every_entry_as_plain_text(smtp):
    inbox, settings = smtp
    send_digest(settings, Watch("tki", email=("a@x.example", "b@x.example")), "key1", ENTRIES)
    ((sender, recipients, message),) = inbox.messages
    assert sender == "pmi@x.example" and recipients == ["a@x.example", "b@x.example"]
    assert message["Subject"] == "pmi watch tki: 2 new articles"
    assert message["Message-ID"] == "<key1@pmi-aggregator>"
    assert message.get_content_type() == "text/plain"
    body = message.get_payload(decode=True).decode()
    for part in (
        "PMI <b>kabur</b>",
        "demo · 2025-01-02",
        "https://n.example/1",
        "snip one",
        "https://n.example/2",
    ):
        assert part in body


def test_no_smtp_settings_or_no_server_is_a_failed_delivery():
    with pytest.raises(DeliveryFailed, match=r"\[watch.smtp\]"):
        send_digest(None, Watch("w", email=("a@x.example",)), "k", ENTRIES)
    closed = SmtpSettings("127.0.0.1", 1, "none", "pmi@x.example", None, None, 2)
    with pytest.raises(DeliveryFailed, match="cannot send mail") as failure:
        send_digest(closed, Watch("w", email=("a@x.example",)), "k", ENTRIES)
    assert not failure.value.permanent
