"""The date grammar of command-line options and API arguments (``--since``, ``--from``, ``--to``)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from pmi_aggregator.config import DEFAULT_TIMEZONE
from pmi_aggregator.errors import BadDateArgument

_SINCE_RELATIVE = re.compile(r"^\s*(\d{1,5})\s*([hdwmy])\s*$", re.IGNORECASE)
_SINCE_UNITS = {"h": 1 / 24, "d": 1, "w": 7, "m": 30, "y": 365}


def parse_since(value: str | datetime | None, *, now: datetime | None = None) -> datetime | None:
    """``--since``: an ISO date or datetime, or a span back from now (``12h``, ``7d``, ``2w``, ``6m``, ``1y``)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        parsed = value
    else:
        now = now or datetime.now(timezone.utc)
        match = _SINCE_RELATIVE.match(value)
        if match:
            try:
                return now - timedelta(days=int(match.group(1)) * _SINCE_UNITS[match.group(2).lower()])
            except OverflowError:
                raise BadDateArgument(f"--since {value!r} reaches back too far") from None
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            raise BadDateArgument(
                f"cannot read --since {value!r}; use a date like 2025-01-31 or a span like 7d"
            ) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(DEFAULT_TIMEZONE))
    return parsed.astimezone(timezone.utc)
