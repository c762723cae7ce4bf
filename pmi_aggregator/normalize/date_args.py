"""The one date grammar of command-line options and API arguments (``--since``, ``--from``, ``--to``).

``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, an ISO datetime (``2025-01-31T08:00``, with ``Z`` or an offset),
or a span back from now: ``Nh``, ``Nd``, ``Nw``, ``Nm`` (30 days), ``Ny`` (365 days). A calendar value
names a period: as a start it means the period's first instant, as an end (``end=True``) its last, so
``--to 2025`` includes 31 December. Times without a zone are Jakarta time. Anything else is refused:
a guessed date ("yesterday", ``31/01/2025``) would silently filter the wrong articles.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from pmi_aggregator.config import DEFAULT_TIMEZONE
from pmi_aggregator.errors import BadDateArgument

GRAMMAR_HINT = "use YYYY, YYYY-MM, YYYY-MM-DD, an ISO datetime, or a span like 7d, 2w, 12h"
_RELATIVE = re.compile(r"^(\d{1,5})\s*([hdwmy])$", re.IGNORECASE)
_UNIT_DAYS = {"h": 1 / 24, "d": 1, "w": 7, "m": 30, "y": 365}
_CALENDAR = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?$", re.IGNORECASE
)


def parse_date_arg(
    value: str | datetime | None, *, end: bool = False, now: datetime | None = None, name: str = "--since"
) -> datetime | None:
    """The UTC instant ``value`` names; ``end`` picks the last instant of a calendar period.

    ``name`` is the option the value came from, for the error message. None or "" means no bound.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _utc(value, value.isoformat(), name)
    text = value.strip()
    relative = _RELATIVE.match(text)
    if relative:
        now = now or datetime.now(timezone.utc)
        try:
            return now - timedelta(days=int(relative.group(1)) * _UNIT_DAYS[relative.group(2).lower()])
        except OverflowError:
            raise BadDateArgument(f"{name} {value!r} reaches back too far") from None
    try:
        calendar = _CALENDAR.match(text)
        if calendar:
            parsed = _period_bound(*calendar.groups(), end=end)
        elif _DATETIME.match(text):
            parsed = datetime.fromisoformat(re.sub(r"[zZ]$", "+00:00", text))
        else:
            raise ValueError(text)
    except ValueError:
        raise BadDateArgument(f"cannot read {name} {value!r}; {GRAMMAR_HINT}") from None
    return _utc(parsed, value, name)


def parse_since(value: str | datetime | None, *, now: datetime | None = None) -> datetime | None:
    """``--since`` of a crawl: the start of the window (see the module for the grammar)."""
    return parse_date_arg(value, now=now, name="--since")


def _period_bound(year: str, month: str | None, day: str | None, *, end: bool) -> datetime:
    """The first (or, with ``end``, the last) instant of a year, a month or a day; ValueError if none."""
    start = datetime(int(year), int(month or 1), int(day or 1))
    if not end:
        return start
    if day:
        following = start + timedelta(days=1)
    elif month:
        following = datetime(start.year + start.month // 12, start.month % 12 + 1, 1)
    else:
        following = datetime(start.year + 1, 1, 1)
    return following - timedelta(microseconds=1)


def _utc(parsed: datetime, shown: str, name: str) -> datetime:
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(DEFAULT_TIMEZONE))
    try:
        return parsed.astimezone(timezone.utc)
    except OverflowError:
        raise BadDateArgument(f"cannot use {name} {shown!r}: it is out of range") from None
