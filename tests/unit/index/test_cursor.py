"""Tests for pmi_aggregator.index.cursor: the one cursor format of every backend."""

import base64
import json

import pytest

from pmi_aggregator.errors import InvalidRequest
from pmi_aggregator.index.cursor import decode_cursor, encode_cursor, is_count


def accept(position):
    return True


def test_round_trip_keeps_the_position():
    cursor = encode_cursor("newest", ["2024-01-01T00:00:00", 7])
    assert decode_cursor(cursor, "newest", accept) == ["2024-01-01T00:00:00", 7]


def test_a_cursor_made_for_another_sort_is_invalid():
    with pytest.raises(InvalidRequest, match="invalid cursor"):
        decode_cursor(encode_cursor("newest", [1, "a"]), "oldest", accept)


def test_the_backend_decides_which_positions_are_valid():
    cursor = encode_cursor("relevance", [3])
    assert decode_cursor(cursor, "relevance", lambda p: len(p) == 1) == [3]
    with pytest.raises(InvalidRequest):
        decode_cursor(cursor, "relevance", lambda p: len(p) == 2)


def b64(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "!!!",
        "garbage",
        b64({"a": 1}),
        b64(["newest"]),
        b64(["newest", 5]),
        b64(["newest", [], 1]),
        b64(None),
    ],
)
def test_malformed_cursors_are_invalid_requests_with_one_line(cursor):
    with pytest.raises(InvalidRequest) as info:
        decode_cursor(cursor, "newest", accept)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("value", "ok"),
    [(0, True), (2**63 - 1, True), (-1, False), (2**63, False), (True, False), (1.0, False), ("1", False)],
)
def test_is_count(value, ok):
    assert is_count(value) is ok
