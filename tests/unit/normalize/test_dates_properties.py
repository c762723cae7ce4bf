"""Properties of the date parser: total on any input, bounded on huge input, and round-trips real layouts."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmi_aggregator.normalize.dates import parse_date, parse_date_ex

NOW = datetime(2025, 12, 10, 12, 0, tzinfo=timezone(timedelta(hours=7)))
JAKARTA = ZoneInfo("Asia/Jakarta")
BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember"]  # fmt: skip
BLN = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
MONTH_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December"]  # fmt: skip
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
HR = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"]
DAY_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# pieces of real bylines, so random joins land near the date grammar and reach the fallback too
TOKENS = BULAN + BLN + MONTH_EN + HARI + HR + [
    "WIB", "WITA", "WIT", "HKT", "GMT+7", "+0700", "Z", "pukul", "pkl.", "jam", "@", "lalu", "yang", "ago",
    "kemarin", "menit", "detik", "hari", "tahun", "bulan",
    "(", ")", "/", "-", ".", ":", ",", "|", " ", "\u2013",
    "0", "1", "9", "12", "31", "32", "2025", "1999", "00", "59", "14:30", "10.19.04", "9/12/2025", "T", "pm",
]  # fmt: skip


def _check(value: object) -> None:
    found = parse_date_ex(value, now=NOW)
    assert found is None or (
        found.value.utcoffset() is not None and found.precision in ("second", "minute", "day")
    )


@given(st.text())
def test_any_text_gives_none_or_an_aware_datetime(text: str) -> None:
    _check(text)


@given(st.binary())
def test_any_bytes_give_none_or_an_aware_datetime(data: bytes) -> None:
    _check(data)


@given(st.text(st.characters(categories=("Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Nd"))))
def test_control_characters_and_odd_digits(text: str) -> None:
    _check(text)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(TOKENS), max_size=30).map(" ".join),
    st.lists(st.sampled_from(TOKENS)).map("".join),
)
def test_near_date_text_never_raises(spaced: str, glued: str) -> None:
    _check(spaced)
    _check(glued)


@pytest.mark.parametrize(
    "big",
    [
        "a" * 10_000_000,
        "Selasa, 9 Desember 2025 14:30 WIB " * 300_000,
        "Desember 2025 " * 700_000,
        "9/" * 5_000_000,
        ("\x00\u200b\u00a0" * 3_400_000),
    ],
    ids=["letters", "bylines", "month-year", "slashes", "controls"],
)
def test_ten_megabytes_return_quickly(big: str) -> None:
    for value in (big, big.encode()):
        started = time.perf_counter()
        _check(value)
        assert time.perf_counter() - started < 2.0  # a hang guard only; speed belongs to the benchmark


def _layouts(dt: datetime) -> list[tuple[str, datetime]]:
    """``dt`` printed as Indonesian sites print it, with the instant each string denotes."""
    wib, wita = timezone(timedelta(hours=7)), timezone(timedelta(hours=8))
    d, m, y, hh, mi, ss, wd = dt.day, dt.month, dt.year, dt.hour, dt.minute, dt.second, dt.weekday()
    h12, ampm = (hh % 12 or 12), ("AM" if hh < 12 else "PM")
    minute = dt.replace(second=0)
    return [
        (f"{HARI[wd]}, {d} {BULAN[m - 1]} {y} {hh:02d}:{mi:02d} WIB", minute.replace(tzinfo=wib)),
        (
            f"{HARI[wd].upper()}, {d:02d} {BULAN[m - 1].upper()} {y} | {hh:02d}:{mi:02d} WIB",
            minute.replace(tzinfo=wib),
        ),
        (f"{d:02d}/{m:02d}/{y} {hh:02d}:{mi:02d}", minute.replace(tzinfo=JAKARTA)),
        (f"Kompas.com - {d:02d}/{m:02d}/{y}, {hh:02d}:{mi:02d} WIB", minute.replace(tzinfo=wib)),
        (f"{y:04d}-{m:02d}-{d:02d}T{hh:02d}:{mi:02d}:{ss:02d}+07:00", dt.replace(tzinfo=wib)),
        (f"{HR[wd]}, {d:02d} {BLN[m - 1]} {y} {hh:02d}:{mi:02d}:{ss:02d} +0700", dt.replace(tzinfo=wib)),
        (f"{d} {BULAN[m - 1]} {y} pukul {hh:02d}.{mi:02d} WITA", minute.replace(tzinfo=wita)),
        (
            f"{DAY_EN[wd]}, {MONTH_EN[m - 1]} {d}, {y} at {h12}:{mi:02d} {ampm}",
            minute.replace(tzinfo=JAKARTA),
        ),
        (f"Pukul {hh:02d}.{mi:02d} WIB, {HARI[wd]} ({d}/{m}/{y})", minute.replace(tzinfo=wib)),
        (f"{hh:02d}.{mi:02d} {d} {MONTH_EN[m - 1]} {y} 1234", minute.replace(tzinfo=JAKARTA)),
        (f"{HARI[wd]} ({d}/{m}/{y})", datetime(y, m, d, tzinfo=JAKARTA)),
    ]


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31, 23, 59, 59)))
def test_indonesian_layouts_round_trip(dt: datetime) -> None:
    dt = dt.replace(microsecond=0)
    for text, expected in _layouts(dt):
        got = parse_date(text, now=NOW)
        assert got == expected, text
        assert got.utcoffset() == expected.utcoffset(), text
