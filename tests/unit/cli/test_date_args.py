"""The one date grammar of --since, --from and --to (pmi_aggregator.normalize.date_args)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from pmi_aggregator.errors import EXIT_USAGE, BadDateArgument
from pmi_aggregator.normalize.date_args import parse_date_arg

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=timezone.utc)
WIB = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2025", datetime(2025, 1, 1, tzinfo=WIB), datetime(2025, 12, 31, 23, 59, 59, 999999, tzinfo=WIB)),
        ("2024-02", datetime(2024, 2, 1, tzinfo=WIB), datetime(2024, 2, 29, 23, 59, 59, 999999, tzinfo=WIB)),
        (
            "2025-12",
            datetime(2025, 12, 1, tzinfo=WIB),
            datetime(2025, 12, 31, 23, 59, 59, 999999, tzinfo=WIB),
        ),
        (
            "2025-01-31",
            datetime(2025, 1, 31, tzinfo=WIB),
            datetime(2025, 1, 31, 23, 59, 59, 999999, tzinfo=WIB),
        ),
    ],
)
def test_calendar_values_name_a_period(value, start, end):
    assert parse_date_arg(value) == start
    assert parse_date_arg(value, end=True) == end


def test_datetimes_are_instants_whatever_the_side():
    value = "2025-01-31T08:00:00+07:00"
    assert (
        parse_date_arg(value)
        == parse_date_arg(value, end=True)
        == datetime(2025, 1, 31, 1, tzinfo=timezone.utc)
    )
    assert parse_date_arg("2025-01-31 08:00Z") == datetime(2025, 1, 31, 8, tzinfo=timezone.utc)


@pytest.mark.parametrize(("span", "days"), [("30d", 30), ("2w", 14), ("12h", 0.5), ("1y", 365), ("6m", 180)])
def test_spans_count_back_from_now_on_both_sides(span, days):
    assert (
        parse_date_arg(span, now=NOW) == parse_date_arg(span, now=NOW, end=True) == NOW - timedelta(days=days)
    )


@pytest.mark.parametrize(
    "value",
    [
        "yesterday",
        "kemarin",
        "31/01/2025",
        "2025-13-45",
        "2025-1-5",
        "20250131",
        "2025-W05",
        "-5d",
        "5",
        "25",
        "2025-01-31T25:00",
        "10000y",
    ],
)
def test_anything_else_is_refused_with_exit_2_and_the_option_named(value):
    with pytest.raises(BadDateArgument) as info:
        parse_date_arg(value, name="--from", now=NOW)
    assert info.value.exit_code == EXIT_USAGE
    assert "--from" in str(info.value) and repr(value) in str(info.value)
