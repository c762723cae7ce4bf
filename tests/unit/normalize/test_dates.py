"""Indonesian date parser: table-driven over our corpus and the shared observed sample, then rule by rule."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import pmi_aggregator.normalize.dates as dates
from pmi_aggregator.normalize.dates import ParsedDate, parse_date, parse_date_ex
from tests.support.paths import DATA_DIR, SHARED_DIR

NOW = datetime(2025, 12, 10, 12, 0, tzinfo=timezone(timedelta(hours=7)))
CORPUS = DATA_DIR / "dates_corpus.tsv"
SHARED = SHARED_DIR / "dates" / "observed.tsv"


def _offset(hours: float) -> timezone:
    return timezone(timedelta(hours=hours))


def _rows(path: Path) -> list[pytest.ParameterSet]:
    """(input, expected_iso) per data line; inputs keep their spaces, so no csv dialect guessing."""
    lines = path.read_text(encoding="utf-8").split("\n")[1:]
    rows = [line.split("\t") for line in lines if line]
    return [pytest.param(r[0], r[1], id=f"{n}:{r[0][:40]}") for n, r in enumerate(rows, start=2)]


def _shared_rows() -> list[pytest.ParameterSet]:
    if not SHARED.is_file():
        reason = f"shared date sample not found at {SHARED} (../shared is absent outside the dev setup)"
        return [pytest.param("", "", marks=pytest.mark.skip(reason=reason), id="shared-absent")]
    return _rows(SHARED)


def _assert_parses_to(text: str, expected_iso: str, **kwargs: object) -> None:
    got = parse_date(text, now=NOW, **kwargs)
    if expected_iso == "NONE":
        assert got is None, f"{text!r} -> {got}"
        return
    expected = datetime.fromisoformat(expected_iso)
    assert got is not None, f"{text!r} -> None, expected {expected_iso}"
    assert (got, got.utcoffset()) == (expected, expected.utcoffset()), f"{text!r} -> {got.isoformat()}"


def test_corpus_is_large_and_well_formed() -> None:
    rows = [line.split("\t") for line in CORPUS.read_text(encoding="utf-8").split("\n")[1:] if line]
    assert len(rows) >= 200
    assert all(len(r) == 3 for r in rows)
    assert len({r[0] for r in rows}) == len(rows), "duplicate inputs"


@pytest.mark.parametrize(("text", "expected_iso"), _rows(CORPUS))
def test_corpus(text: str, expected_iso: str) -> None:
    _assert_parses_to(text, expected_iso)


@pytest.mark.parametrize(("text", "expected_iso"), _shared_rows())
def test_shared_observed(text: str, expected_iso: str) -> None:
    _assert_parses_to(text, expected_iso)


# --- rule groups -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "9 Desember 2025", "9 Des 2025", "9 December 2025", "9 Dec 2025", "December 9, 2025",
        "Dec. 9, 2025", "9 DESEMBER 2025", "9-Des-2025", "Selasa 09 Dec 2025", "Tuesday, 9 Desember 2025",
    ],
)  # fmt: skip
def test_month_names_in_both_languages(text: str) -> None:
    assert parse_date(text, now=NOW) == datetime(2025, 12, 9, tzinfo=_offset(7))


@pytest.mark.parametrize(
    ("text", "month"),
    [("1 Agu 2025", 8), ("1 Agt 2025", 8), ("1 Ags 2025", 8), ("1 Okt 2025", 10), ("1 Nop 2025", 11),
     ("1 Nopember 2025", 11), ("1 Peb 2025", 2), ("1 Pebruari 2025", 2), ("1 Sept 2025", 9),
     ("1 Mei 2025", 5)],
)  # fmt: skip
def test_old_and_short_indonesian_spellings(text: str, month: int) -> None:
    got = parse_date(text, now=NOW)
    assert got is not None and (got.year, got.month, got.day) == (2025, month, 1)


@pytest.mark.parametrize(
    "prefix",
    [
        "",
        "Selasa, ",
        "Selasa ",
        "SELASA, ",
        "Sel, ",
        "Sel ",
        "Tuesday, ",
        "Tue, ",
        "Jumat, ",
        "Jum'at, ",
        "Ahad, ",
    ],
)
def test_weekday_prefix_is_optional_and_never_overrides_the_date(prefix: str) -> None:
    assert parse_date(f"{prefix}9 Desember 2025 14:30", now=NOW) == datetime(
        2025, 12, 9, 14, 30, tzinfo=_offset(7)
    )


@pytest.mark.parametrize(
    ("suffix", "hour", "minute", "second"),
    [(" 14:30", 14, 30, 0), (" 14.30", 14, 30, 0), (" 10.19.04", 10, 19, 4), (" 2:30 PM", 14, 30, 0),
     (" 02.30 pm", 14, 30, 0), (" 12:05 am", 0, 5, 0), (" pukul 14.30", 14, 30, 0),
     (" pkl. 14.30", 14, 30, 0),
     (" jam 14:30", 14, 30, 0), (" @ 14:30", 14, 30, 0), (", 14:30", 14, 30, 0), (" | 14:30", 14, 30, 0),
     (" \u2013 14:30", 14, 30, 0), (" - 14:30", 14, 30, 0), (" / 14:30", 14, 30, 0), (",14:30", 14, 30, 0)],
)  # fmt: skip
def test_time_layouts(suffix: str, hour: int, minute: int, second: int) -> None:
    got = parse_date(f"Selasa, 9 Desember 2025{suffix}", now=NOW)
    assert got == datetime(2025, 12, 9, hour, minute, second, tzinfo=_offset(7))


def test_time_printed_before_the_date() -> None:
    assert parse_date("Pukul 14.30 WIB, Selasa (9/12/2025)") == datetime(
        2025, 12, 9, 14, 30, tzinfo=_offset(7)
    )
    assert parse_date("00.05 12 May 2024 3676") == datetime(2024, 5, 12, 0, 5, tzinfo=_offset(7))


@pytest.mark.parametrize(
    ("zone", "hours"),
    [("WIB", 7), ("WITA", 8), ("Wita", 8), ("WIT", 9), ("HKT", 8), ("+0700", 7), ("+07:00", 7), ("+0800", 8),
     ("GMT", 0), ("GMT+7", 7), ("UTC+8", 8), ("-0500", -5)],
)  # fmt: skip
def test_named_zone_is_kept_as_its_fixed_offset(zone: str, hours: int) -> None:
    got = parse_date(f"9 Desember 2025 14:30 {zone}", now=NOW, tz="Asia/Jakarta")
    assert got is not None
    assert got.tzinfo == _offset(hours)
    assert got.replace(tzinfo=None) == datetime(2025, 12, 9, 14, 30)


def test_time_range_keeps_its_start_and_the_zone_after_it() -> None:
    assert parse_date("9 Desember 2025 pukul 10.00-12.00 WITA") == datetime(
        2025, 12, 9, 10, tzinfo=_offset(8)
    )
    assert parse_date("9 Desember 2025 10:00 s/d 12:00 WIT").tzinfo == _offset(9)
    # with seconds the text is machine-made and "-05:00" is an offset, not the end of a range
    assert parse_date("2025-12-09T14:30:00-05:00").tzinfo == _offset(-5)


def test_iso_z_suffix_and_broken_wordpress_forms() -> None:
    assert parse_date("2025-12-09T07:30:00Z").tzinfo == timezone.utc
    got = parse_date("2019-09-28WIB19:17:34+07:00")
    assert got == datetime(2019, 9, 28, 19, 17, 34, tzinfo=_offset(7))
    assert parse_date("2025-01-20 HKT 18:44") == datetime(2025, 1, 20, 18, 44, tzinfo=_offset(8))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("09/12/2025", (2025, 12, 9)), ("9/12/25", (2025, 12, 9)), ("09-12-2025", (2025, 12, 9)),
     ("09.12.2025", (2025, 12, 9)), ("3/4/2025", (2025, 4, 3)), ("9/30/2025", (2025, 9, 30)),
     ("12/31/2024", (2024, 12, 31))],
)  # fmt: skip
def test_numeric_dates_are_day_first_unless_impossible(text: str, expected: tuple[int, int, int]) -> None:
    got = parse_date(text, now=NOW)
    assert got is not None and (got.year, got.month, got.day) == expected


def test_rfc822_feed_dates_english_and_localized() -> None:
    expected = datetime(2025, 12, 9, 14, 30, tzinfo=_offset(7))
    assert parse_date("Tue, 09 Dec 2025 14:30:00 +0700") == expected
    assert parse_date("Selasa, 09 Des 2025 14:30:00 +0700") == expected
    assert parse_date("Sel, 09 Des 2025 07:30:00 GMT") == expected


def test_unix_timestamps_in_seconds_and_milliseconds() -> None:
    assert parse_date("1765342800") == NOW
    assert parse_date("1765342800000") == NOW
    assert parse_date("Dilihat 1765342800 kali") is None  # only a bare number is a timestamp


@pytest.mark.parametrize(
    ("text", "delta"),
    [("17 menit yang lalu", timedelta(minutes=17)), ("2 jam lalu", timedelta(hours=2)),
     ("sejam yang lalu", timedelta(hours=1)), ("1 jam 30 menit yang lalu", timedelta(minutes=90)),
     ("30 detik yang lalu", timedelta(seconds=30)), ("kemarin", timedelta(days=1)),
     ("kemarin lusa", timedelta(days=2)), ("hari ini", timedelta(0)), ("baru saja", timedelta(0)),
     ("seminggu lalu", timedelta(days=7)), ("3 days ago", timedelta(days=3)),
     ("5 mins ago", timedelta(minutes=5)),
     ("yesterday", timedelta(days=1)), ("just now", timedelta(0)), ("an hour ago", timedelta(hours=1))],
)  # fmt: skip
def test_relative_forms(text: str, delta: timedelta) -> None:
    found = parse_date_ex(text, now=NOW)
    assert found is not None and found.relative
    assert found.value == NOW - delta


def test_calendar_relative_forms_clamp_the_day_and_keep_the_time_of_day() -> None:
    now = datetime(2025, 3, 31, 8, 45, tzinfo=_offset(7))
    assert parse_date("1 bulan lalu", now=now) == datetime(2025, 2, 28, 8, 45, tzinfo=_offset(7))
    assert parse_date("1 tahun lalu", now=datetime(2024, 2, 29, 9, 0, tzinfo=_offset(7))) == datetime(
        2023, 2, 28, 9, 0, tzinfo=_offset(7)
    )
    assert parse_date("2 bulan lalu", now=NOW) == datetime(2025, 10, 10, 12, 0, tzinfo=_offset(7))


def test_relative_day_with_a_time_uses_that_time_and_zone() -> None:
    assert parse_date("Kemarin, 14:30 WIB", now=NOW) == datetime(2025, 12, 9, 14, 30, tzinfo=_offset(7))
    assert parse_date("Hari ini, 09:15 WIB", now=NOW) == datetime(2025, 12, 10, 9, 15, tzinfo=_offset(7))
    # 00:30 WIB on 10 Dec is still 9 Dec in UTC: "today" is counted in the zone the text names
    late = datetime(2025, 12, 10, 0, 30, tzinfo=_offset(7))
    assert parse_date("Hari ini, 00:10 WIB", now=late) == datetime(2025, 12, 10, 0, 10, tzinfo=_offset(7))


def test_yearless_forms_take_the_most_recent_date_not_after_now() -> None:
    assert parse_date("Kamis (25/9)", now=NOW) == datetime(2025, 9, 25, tzinfo=_offset(7))
    assert parse_date("Rabu (10/12) sore", now=NOW) == datetime(2025, 12, 10, tzinfo=_offset(7))
    assert parse_date("Kamis (11/12)", now=NOW) == datetime(2024, 12, 11, tzinfo=_offset(7))
    assert parse_date("10 Des", now=NOW) == datetime(2025, 12, 10, tzinfo=_offset(7))
    new_year = datetime(2026, 1, 5, 9, 0, tzinfo=_offset(7))
    assert parse_date("Rabu (31/12)", now=new_year) == datetime(2025, 12, 31, tzinfo=_offset(7))
    assert parse_date("Kamis (29/2)", now=NOW) == datetime(2024, 2, 29, tzinfo=_offset(7))


@pytest.mark.parametrize(
    "text",
    ["5 Juli 2017 11:44 Diperbarui: 6 Juli 2017 13:57", "5 Juli 2017 11:44 (Diperbarui 6 Juli 2017 13:57)"],
)
def test_first_of_two_dates_is_the_publication_date(text: str) -> None:
    assert parse_date(text) == datetime(2017, 7, 5, 11, 44, tzinfo=_offset(7))


@pytest.mark.parametrize(
    "text",
    ["Selasa", "Kupang (ANTARA) -", "Liputan6.com, Jakarta", "pukul 05.30 WIB", "tadi pagi",
     "Copyright \u00a9 ANTARA 2019", "\u00a9 2024", "Dibaca 1.234 kali", "31 Februari 2025", "32/12/2025",
     "Rabu (26/2020)", "5 Fakta TKI Dideportasi dari Malaysia", "Baca juga: 3 PMI asal NTT meninggal"],
)  # fmt: skip
def test_text_without_a_full_date_gives_none(text: str) -> None:
    assert parse_date_ex(text, now=NOW) is None


# --- precision, tz argument, input types ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision", "relative"),
    [("9 Desember 2025 10.19.04", "second", False), ("2025-12-09T14:30:00+07:00", "second", False),
     ("9 Desember 2025 14:30", "minute", False), ("9 Desember 2025", "day", False),
     ("1765342800", "second", False), ("30 detik yang lalu", "second", True),
     ("17 menit yang lalu", "minute", True), ("2 jam lalu", "minute", True),
     ("kemarin", "day", True), ("seminggu lalu", "day", True), ("2 bulan lalu", "day", True),
     ("1 tahun lalu", "day", True), ("Kemarin, 14:30 WIB", "minute", True), ("Kamis (25/9)", "day", False)],
)  # fmt: skip
def test_precision_and_relative_flag(text: str, precision: str, relative: bool) -> None:
    found = parse_date_ex(text, now=NOW)
    assert found is not None
    assert (found.precision, found.relative) == (precision, relative)


def test_parsed_date_is_frozen() -> None:
    found = parse_date_ex("9 Desember 2025", now=NOW)
    assert isinstance(found, ParsedDate)
    with pytest.raises(AttributeError):
        found.precision = "minute"


def test_tz_is_the_zone_assumed_for_zoneless_text() -> None:
    assert parse_date("9 Desember 2025 14:30", tz="Asia/Hong_Kong").utcoffset() == timedelta(hours=8)
    assert parse_date("08/12/2025 18:40(Diperbaharui 08/12/2025 18:44)", tz="Asia/Taipei") == datetime(
        2025, 12, 8, 18, 40, tzinfo=_offset(8)
    )
    assert parse_date("9 Desember 2025", tz=_offset(9)) == datetime(2025, 12, 9, tzinfo=_offset(9))
    # a zone the text names wins over tz
    assert parse_date("9 Desember 2025 14:30 WIB", tz="Asia/Hong_Kong").utcoffset() == timedelta(hours=7)


def test_relative_results_are_expressed_in_tz() -> None:
    got = parse_date("2 jam lalu", now=NOW, tz="Asia/Hong_Kong")
    assert got == NOW - timedelta(hours=2)
    assert got.utcoffset() == timedelta(hours=8)
    assert parse_date("Kamis (25/9)", now=NOW, tz="Asia/Hong_Kong").utcoffset() == timedelta(hours=8)


def test_bad_tz_or_now_gives_none_instead_of_raising() -> None:
    assert parse_date("9 Desember 2025", tz="Not/AZone") is None
    assert parse_date("9 Desember 2025", tz=7) is None
    assert parse_date("kemarin", now="2025-12-10") is None


def test_naive_now_is_read_in_tz() -> None:
    assert parse_date("2 jam lalu", now=datetime(2025, 12, 10, 12, 0)) == NOW - timedelta(hours=2)


def test_default_now_is_the_current_time() -> None:
    got = parse_date("baru saja")
    assert got is not None and abs(got - datetime.now(timezone.utc)) < timedelta(minutes=1)


@pytest.mark.parametrize(
    ("data", "expected"),
    [(b"Selasa, 9 Desember 2025 14:30 WIB", datetime(2025, 12, 9, 14, 30, tzinfo=_offset(7))),
     ("Jum\u2019at, 5 Desember 2025".encode(), datetime(2025, 12, 5, tzinfo=_offset(7))),
     (b"\xff\xfe9 Desember 2025", datetime(2025, 12, 9, tzinfo=_offset(7))),
     (b"\xff\xfe", None)],
)  # fmt: skip
def test_bytes_are_decoded_as_utf8_with_replacement(data: bytes, expected: datetime | None) -> None:
    assert parse_date(data, now=NOW) == expected


@pytest.mark.parametrize(
    "value", [None, 20251209, 1765342800, ["9 Desember 2025"], bytearray(b"x"), object()]
)
def test_non_text_input_gives_none(value: object) -> None:
    assert parse_date(value) is None


# --- fast path and fallback -------------------------------------------------------------------------------


def test_common_layouts_do_not_import_dateparser() -> None:
    code = (
        "import sys\n"
        "from pmi_aggregator.normalize.dates import parse_date\n"
        "for s in ['Selasa, 9 Desember 2025 14:30 WIB', 'Kompas.com - 08/03/2022, 07:00 WIB', '2 jam lalu',"
        " 'Kamis (25/9)', 'Copyright 2019', 'Selasa']:\n"
        "    parse_date(s)\n"
        "print('dateparser' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_fallback_reads_the_long_tail() -> None:
    found = parse_date_ex("the 9th of December, 2025 at 10:00 WITA", now=NOW)
    assert found == ParsedDate(datetime(2025, 12, 9, 10, 0, tzinfo=_offset(8)), "minute", False)


def test_fallback_answer_is_dropped_unless_its_parts_are_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    guess = datetime(2025, 12, 5, tzinfo=_offset(7))  # "5" is not in the text: a guess
    monkeypatch.setattr(dates, "_call_dateparser", lambda *_: guess)
    assert parse_date("the 9th of December, 2025", now=NOW) is None


def test_fallback_is_not_reached_without_a_month_and_a_year(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_: object) -> None:
        raise AssertionError("dateparser called")

    monkeypatch.setattr(dates, "_guarded_dateparser", fail)
    for text in ["Selasa", "Copyright 2019", "Dibaca 1.234 kali", "Desember ini", "x" * 5000]:
        assert parse_date(text, now=NOW) is None


def test_fallback_time_guard_gives_up_and_stays_off_while_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    dates._dateparser()  # import and warm outside the measured part

    def slow(*_: object) -> datetime:
        time.sleep(0.5)
        return datetime(2025, 12, 9, tzinfo=_offset(7))

    monkeypatch.setattr(dates, "_call_dateparser", slow)
    monkeypatch.setattr(dates, "_FALLBACK_TIMEOUT_S", 0.05)
    monkeypatch.setattr(dates, "_runaway", None)
    started = time.perf_counter()
    assert parse_date("the 9th of December, 2025", now=NOW) is None
    assert parse_date("the 9th of December, 2025", now=NOW) is None  # runaway still busy: no new thread
    assert time.perf_counter() - started < 0.4
    dates._runaway.join()
