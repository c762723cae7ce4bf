"""The one cursor format: the sort it was made for and a backend's position after the last hit.

A cursor comes back from API clients and the command line, so anything that is not a cursor of this
sort, with a position the backend accepts, is an ``InvalidRequest``, never a crash.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

from pmi_aggregator.errors import InvalidRequest

Position = list[Any]
"""JSON values a backend needs to resume after a hit (an offset, a sort key and a tiebreak…)."""

_INVALID = "invalid cursor; use the cursor printed with the previous page, or none"


def encode_cursor(sort: str, position: Position) -> str:
    return base64.urlsafe_b64encode(json.dumps([sort, position]).encode()).decode()


def decode_cursor(cursor: str, sort: str, valid: Callable[[Position], bool]) -> Position:
    """The position in ``cursor``; InvalidRequest unless it was made for ``sort`` and ``valid`` accepts it."""
    try:
        decoded = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError):
        raise InvalidRequest(_INVALID) from None
    if not (isinstance(decoded, list) and len(decoded) == 2 and decoded[0] == sort):
        raise InvalidRequest(_INVALID)
    position = decoded[1]
    if not (isinstance(position, list) and valid(position)):
        raise InvalidRequest(_INVALID)
    return position


def is_count(value: Any) -> bool:
    """A non-negative 64-bit integer (an offset or a row id), not a bool or a float."""
    return type(value) is int and 0 <= value < 2**63
