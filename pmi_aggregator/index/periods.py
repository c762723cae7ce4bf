"""Coverage over time: articles per day, week, month or year, split by a field, as ``Index.stats`` returns.

Periods are calendar periods in Indonesia's WIB (UTC+07:00, ``PERIOD_OFFSET``), where most of the news
is dated: an article published at 23:30 WIB on 31 January counts in January, whatever the server's
zone. Weeks are ISO weeks (Monday to Sunday), named by their Monday. Undated articles are counted
apart (``undated``), never put into a period. An article naming two countries counts once in each
country's split, as a facet count does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from pmi_aggregator.errors import InvalidRequest

PERIODS = ("day", "week", "month", "year")
PERIOD_OFFSET = timedelta(hours=7)
"""WIB, the zone of the periods: Indonesia keeps no daylight saving time, so a fixed offset is exact."""
PERIOD_ZONE = f"+{PERIOD_OFFSET.seconds // 3600:02d}:00"
PERIOD_LABEL_LENGTH = {"day": 10, "week": 10, "month": 7, "year": 4}
"""A period's label is the start of its first day's ISO date: ``2024-01-08`` (week), ``2024-01``, ``2024``."""
SPLITS = ("source", "countries", "provinces", "organizations", "topics")
MAX_SPLIT_LIMIT = 100

PeriodRow = tuple[str | None, str | None, int]
"""(period label or None when undated, split value or None without a split, articles): a backend's row."""


@dataclass(frozen=True)
class PeriodCounts:
    """Articles per period (oldest first) and per split value; the undated ones apart."""

    by: str
    split: str | None
    periods: list[tuple[str, str | None, int]]
    """(period label, split value or None, articles), by period then split value."""
    undated: list[tuple[str | None, int]]
    """(split value or None, articles without a date), by split value."""

    @property
    def dated_total(self) -> int:
        return sum(n for _, _, n in self.periods)

    @property
    def undated_total(self) -> int:
        return sum(n for _, n in self.undated)

    @property
    def groups(self) -> list[str | None]:
        """The split values, most articles first ([None] without a split)."""
        totals: dict[str | None, int] = {}
        for _, group, n in self.periods:
            totals[group] = totals.get(group, 0) + n
        for group, n in self.undated:
            totals[group] = totals.get(group, 0) + n
        return sorted(totals, key=lambda g: (-totals[g], g or "")) or [None]


def check_stats_args(by: str, split: str | None, limit: int) -> None:
    """Reject a period, split field or split limit the backends do not know, with the choices."""
    if by not in PERIODS:
        raise InvalidRequest(f"cannot count by {by!r}; use one of: {', '.join(PERIODS)}")
    if split is not None and split not in SPLITS:
        raise InvalidRequest(f"cannot split by {split!r}; use one of: {', '.join(SPLITS)}")
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_SPLIT_LIMIT:
        raise InvalidRequest(f"limit must be between 1 and {MAX_SPLIT_LIMIT}")


def period_counts(rows: Iterable[PeriodRow], by: str, split: str | None, limit: int) -> PeriodCounts:
    """A backend's rows as ``PeriodCounts``, keeping the ``limit`` split values with most articles."""
    rows = list(rows)
    totals: dict[str | None, int] = {}
    for _, group, n in rows:
        totals[group] = totals.get(group, 0) + n
    kept = set(sorted(totals, key=lambda g: (-totals[g], g or ""))[:limit])
    dated = sorted(
        ((p, g, n) for p, g, n in rows if p is not None and g in kept), key=lambda r: (r[0], r[1] or "")
    )
    undated = sorted(((g, n) for p, g, n in rows if p is None and g in kept), key=lambda r: r[0] or "")
    return PeriodCounts(by=by, split=split, periods=dated, undated=undated)
