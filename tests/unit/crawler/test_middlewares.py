"""Tests for pmi_aggregator.crawler.middlewares: reading the Retry-After header."""

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from pmi_aggregator.crawler.middlewares import retry_after_seconds


@pytest.mark.parametrize(("value", "expected"), [("120", 120.0), (b"120", 120.0), ("0", 0.0), (" 30 ", 30.0)])
def test_delta_seconds(value, expected):
    assert retry_after_seconds(value) == expected


def test_http_date_in_the_future_gives_the_remaining_seconds():
    when = datetime.now(timezone.utc) + timedelta(seconds=90)
    seconds = retry_after_seconds(format_datetime(when, usegmt=True))
    assert 80 <= seconds <= 91


def test_http_date_as_bytes():
    when = datetime.now(timezone.utc) + timedelta(seconds=60)
    assert 50 <= retry_after_seconds(format_datetime(when, usegmt=True).encode("latin-1")) <= 61


def test_http_date_with_a_numeric_offset():
    when = datetime.now(timezone(timedelta(hours=7))) + timedelta(seconds=60)
    assert 50 <= retry_after_seconds(format_datetime(when)) <= 61


def test_http_date_in_the_past_gives_zero():
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0


@pytest.mark.parametrize("value", [None, "", b"", "   "])
def test_missing_header_gives_none(value):
    assert retry_after_seconds(value) is None


@pytest.mark.parametrize(
    "value",
    [
        "garbage",
        "soon",
        "-5",
        "1.5",
        "Mon, 99 Foo 2015 99:99:99 GMT",
        b"\xff\xfe",
        b"\xb2",  # latin-1 superscript two: str.isdigit() is True, but it is not a number
        "¹²³",
        "12 seconds",
    ],
)
def test_garbage_gives_none(value):
    assert retry_after_seconds(value) is None
