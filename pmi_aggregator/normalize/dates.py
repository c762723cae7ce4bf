"""Dates as Indonesian news sites print them: bylines, listing pages, feed fields, meta tags.

Precompiled regexes read the common layouts in microseconds; ``dateparser`` is imported and called only for
the long tail (text that names a month and a year which the regexes could not place). Text that holds no
full date -- a weekday, a time, a dateline, a copyright year, a headline with numbers -- gives ``None``
rather than a guess.

Candidates are tried in tiers: a bare Unix timestamp, then absolute dates (the first valid one in the text
wins, so "published ... updated ..." gives the publication date), then relative forms, then year-less
forms, then the dateparser fallback. A date of impossible shape (``31 Februari 2025``) ends the search
with ``None`` instead of falling through to a weaker reading.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from types import ModuleType
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pmi_aggregator.config import DEFAULT_TIMEZONE

__all__ = ["ParsedDate", "parse_date", "parse_date_ex"]

# Bylines are short and sit near the start of what a spider hands over; scanning a bounded prefix keeps
# every call at a few milliseconds at most, whatever the input size (a whole 10 MB page included).
_SCAN_CHARS = 4096
# dateparser sees at most this many characters on each side of the month name (<= ~200 chars in all).
_FALLBACK_WINDOW = 100
_FALLBACK_TIMEOUT_S = 1.0
_PRE_TIME_CHARS = 48  # how far before a date to look for a time printed first ("Pukul 14.30 WIB, Selasa ...")

_MONTHS: dict[str, int] = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = (
    "senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "sabtu", "minggu", "ahad",
    "sen", "sel", "rab", "kam", "jum", "sab", "min",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
)  # fmt: skip
_ZONE_HOURS = {"wib": 7, "wita": 8, "wit": 9, "hkt": 8, "sgt": 8, "myt": 8, "utc": 0, "gmt": 0, "z": 0}
# unit word -> (field, multiplier); weeks count as days and years as months (calendar arithmetic)
_UNITS: dict[str, tuple[str, int]] = {
    "detik": ("seconds", 1), "dtk": ("seconds", 1), "second": ("seconds", 1), "seconds": ("seconds", 1),
    "sec": ("seconds", 1), "secs": ("seconds", 1),
    "menit": ("minutes", 1), "mnt": ("minutes", 1), "minute": ("minutes", 1), "minutes": ("minutes", 1),
    "min": ("minutes", 1), "mins": ("minutes", 1),
    "jam": ("hours", 1), "hour": ("hours", 1), "hours": ("hours", 1), "hr": ("hours", 1), "hrs": ("hours", 1),
    "hari": ("days", 1), "day": ("days", 1), "days": ("days", 1),
    "minggu": ("days", 7), "pekan": ("days", 7), "week": ("days", 7), "weeks": ("days", 7),
    "bulan": ("months", 1), "month": ("months", 1), "months": ("months", 1),
    "tahun": ("months", 12), "thn": ("months", 12), "year": ("months", 12), "years": ("months", 12),
    "yr": ("months", 12), "yrs": ("months", 12),
}  # fmt: skip
_COUNT_WORDS = {"se": 1, "satu": 1, "a": 1, "an": 1, "one": 1}
_DAYS_BACK = {"kemarin lusa": 2, "kemarin": 1, "yesterday": 1, "hari ini": 0, "today": 0}

# Spaces, dashes and apostrophes that sites print in many Unicode forms, folded to one ASCII form.
_NORMALIZE = str.maketrans(
    {
        **dict.fromkeys("\u00a0\u2002\u2003\u2007\u2009\u200a\u202f\u3000", " "),
        **dict.fromkeys("\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u2018\u2019\u02bc\u00b4`", "'"),
        "\u200b": None,
        "\ufeff": None,
    }
)


def _words(words: Iterable[str]) -> str:
    """Regex matching any of ``words``, shaped as a trie so the engine never tries them one by one.

    Where one word is a prefix of another (``des``/``desember``) the longer one is tried first.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    group = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{group})?" if "" in node else group


_MONTH = _words(_MONTHS)
_ZONE = (
    r"(?:gmt|utc)(?:[+-][0-9]{1,2}(?::?[0-5][0-9])?)?(?![0-9a-z])"
    rf"|(?:{_words(k for k in _ZONE_HOURS if k not in ('gmt', 'utc', 'z'))})(?![a-z])"
    r"|[+-](?:0[0-9]|1[0-4]):?(?:[0-5][0-9])?(?![0-9]|[.:][0-9])"  # "-12.00" ends a time range instead
    r"|z(?![a-z])"
)
_TIME = (
    r"(?P<h>[01]?[0-9]|2[0-3])[:.](?P<mi>[0-5][0-9])"
    r"(?:[:.](?P<s>[0-5][0-9])(?:\.(?P<f>[0-9]{1,6})[0-9]*)?)?(?![0-9])"
    r"(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?"
)
# the end of a range such as "10.00-12.00 WIB", skipped so the zone after it is still read; a time with
# seconds is machine-made, and there "-05:00" is an offset
_RANGE_END = (
    r"(?:(?<![:.][0-9]{2}[:.][0-9]{2})\s*(?:-|s/d|sampai|hingga)\s*"
    r"(?:[01]?[0-9]|2[0-3])[:.][0-5][0-9](?![0-9]))?"
)
_DAY_PART = r"(?:pagi|siang|sore|malam|dini\s+hari)"

_ABSOLUTE = re.compile(
    rf"(?P<dmy>(?<![0-9])(?P<d1>[0-9]{{1,2}})(?:st|nd|rd|th)?[\s./,-]*(?<![a-z])(?P<m1>{_MONTH})(?![a-z])\.?"
    r"[\s./,-]*(?P<y1>[0-9]{4})(?![0-9]))"
    rf"|(?P<mdy>(?<![a-z])(?P<m2>{_MONTH})(?![a-z])\.?\s*(?P<d2>[0-9]{{1,2}})(?![0-9])(?:st|nd|rd|th)?"
    r",?\s*(?P<y2>[0-9]{4})(?![0-9]))"
    r"|(?P<ymd>(?<![0-9])(?P<y3>[0-9]{4})(?P<s3>[/.-])(?P<m3>[0-9]{1,2})(?P=s3)(?P<d3>[0-9]{1,2})(?![0-9]))"
    r"|(?P<num>(?<![0-9])(?<![0-9][/.-])(?P<d4>[0-9]{1,2})(?P<s4>[/-])(?P<m4>[0-9]{1,2})(?P=s4)"
    r"(?P<y4>[0-9]{4}|[0-9]{2})(?![0-9]|[/.-][0-9]))"
    r"|(?P<numdot>(?<![0-9])(?<![0-9][/.-])(?P<d5>[0-9]{1,2})\.(?P<m5>[0-9]{1,2})\.(?P<y5>[0-9]{4})"
    r"(?![0-9]|[/.-][0-9]))",
    re.ASCII,
)
# group names of (year, month, day) for each layout; "num"/"numdot" are day-first with a month-first rescue
_FIELDS = {
    "dmy": ("y1", "m1", "d1"),
    "mdy": ("y2", "m2", "d2"),
    "ymd": ("y3", "m3", "d3"),
    "num": ("y4", "m4", "d4"),
    "numdot": ("y5", "m5", "d5"),
}
_TAIL = re.compile(  # a time (and zone) printed right after a date
    rf"\)?[\s,|/-]*(?:{_DAY_PART}[\s,]*)?(?:t|(?P<z1>{_ZONE})\s*)?(?:(?:sekitar|sekira)\s+)?"
    rf"(?:(?:pukul|pkl\.?|jam|@|at)\s*)?{_TIME}{_RANGE_END}\s*\(?(?P<z2>{_ZONE})?",
    re.ASCII,
)
_PRE = re.compile(  # a time printed first: KP2MI "00.05 12 May 2024", "Pukul 14.30 WIB, Selasa (...)"
    rf"(?<![0-9.:]){_TIME}\s*\(?(?P<z2>{_ZONE})?\)?[\s,|/-]*(?:(?:{_words(_WEEKDAYS)})\.?[\s,]*)?\(?\s*\Z",
    re.ASCII,
)
_YEARLESS = re.compile(
    r"\(\s*(?P<pd>[0-9]{1,2})/(?P<pm>[0-9]{1,2})\s*\)"
    rf"|(?<![0-9])(?P<nd>[0-9]{{1,2}})(?:st|nd|rd|th)?[\s./-]*(?<![a-z])(?P<nm>{_MONTH})(?![a-z])\.?"
    r"(?!\s*[,./-]?\s*'?[0-9]{2}(?![0-9]*[:.][0-9]))",  # "10 Des 25" has a year we will not guess at
    re.ASCII,
)
_PAIR = rf"(?:[0-9]{{1,4}}\s*|satu\s+|se|an?\s+|one\s+)(?:{_words(_UNITS)})(?![a-z])"
_PAIR_PARTS = re.compile(rf"([0-9]{{1,4}}|satu|se|an|a|one)\s*({_words(_UNITS)})(?![a-z])", re.ASCII)
_RELATIVE = re.compile(
    rf"(?<![a-z0-9.,])(?P<pairs>{_PAIR}(?:\s*(?:,|dan|and)?\s*{_PAIR}){{0,3}})"
    r"\s*(?:yang\s+)?(?:lalu|ago)(?![a-z])"
    r"|(?<![a-z])(?P<day>kemarin\s+lusa|kemarin|hari\s+ini|yesterday|today)(?![a-z])"
    r"|(?<![a-z])(?P<now>baru\s+saja|barusan|just\s+now)(?![a-z])",
    re.ASCII,
)
_TIMESTAMP = re.compile(r"\s*([0-9]{13}|[0-9]{10})\s*", re.ASCII)
_ZONE_PARTS = re.compile(r"([a-z]*)(?:([+-])([0-9]{1,2}):?([0-9]{2})?)?", re.ASCII)
_MONTH_TOKEN = re.compile(rf"(?<![a-z])(?:{_MONTH})(?![a-z])", re.ASCII)
_YEAR_TOKEN = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", re.ASCII)
_DAY_TOKEN = re.compile(r"(?<![0-9])[0-9]{1,2}(?![0-9])", re.ASCII)
_TIMED_ZONE = re.compile(rf"{_TIME}\s*\(?(?P<z2>{_ZONE})", re.ASCII)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class ParsedDate:
    """A parsed date: ``value`` is aware; ``precision`` is "second", "minute" or "day"."""

    value: datetime
    precision: str
    relative: bool


class _Clock(NamedTuple):
    hour: int
    minute: int
    second: int
    micro: int
    precision: str
    zone: tzinfo | None  # the zone the text names, if any


def parse_date(
    text: object, *, now: datetime | None = None, tz: str | tzinfo = DEFAULT_TIMEZONE
) -> datetime | None:
    """The aware datetime ``text`` denotes, or ``None`` when it holds no full date. Never raises."""
    found = parse_date_ex(text, now=now, tz=tz)
    return found.value if found else None


def parse_date_ex(
    text: object, *, now: datetime | None = None, tz: str | tzinfo = DEFAULT_TIMEZONE
) -> ParsedDate | None:
    """Like :func:`parse_date`, with the precision and whether the text was relative.

    ``now`` anchors relative and year-less forms (a naive ``now`` is read in ``tz``); ``tz`` is the zone
    assumed when the text names none. A zone named in the text is kept as a fixed offset.
    """
    s = _prepare(text)
    zone = _zone(tz)
    if s is None or zone is None:
        return None
    anchor = _anchor(now, zone)
    if anchor is None:
        return None
    try:
        return _parse(s, anchor, zone)
    except (ValueError, OverflowError):  # an impossible date or an out-of-range relative offset
        return None


def _prepare(text: object) -> str | None:
    if isinstance(text, bytes):
        text = text[: _SCAN_CHARS * 4].decode("utf-8", errors="replace")
    if not isinstance(text, str):
        return None
    s = text[:_SCAN_CHARS].lower()
    return s if s.isascii() else s.translate(_NORMALIZE)


def _zone(tz: object) -> tzinfo | None:
    if isinstance(tz, tzinfo):
        return tz
    if not isinstance(tz, str):
        return None
    try:
        return ZoneInfo(tz)
    except (ValueError, ZoneInfoNotFoundError):
        return None


def _anchor(now: object, zone: tzinfo) -> datetime | None:
    if now is None:
        return datetime.now(zone)
    if not isinstance(now, datetime):
        return None
    return now if now.utcoffset() is not None else now.replace(tzinfo=zone)


def _parse(s: str, anchor: datetime, zone: tzinfo) -> ParsedDate | None:
    stamp = _TIMESTAMP.fullmatch(s)
    if stamp:
        return _from_timestamp(stamp[1], zone)
    found, shaped = _absolute(s, zone)
    if found or shaped:
        return found
    return _relative(s, anchor, zone) or _yearless(s, anchor, zone) or _fallback(s, anchor, zone)


def _from_timestamp(digits: str, zone: tzinfo) -> ParsedDate:
    millis = int(digits) if len(digits) == 13 else int(digits) * 1000
    return ParsedDate((_EPOCH + timedelta(milliseconds=millis)).astimezone(zone), "second", False)


def _absolute(s: str, zone: tzinfo) -> tuple[ParsedDate | None, bool]:
    """The first valid absolute date, and whether any date-shaped text was seen at all."""
    shaped = False
    for m in _ABSOLUTE.finditer(s):
        shaped = True
        try:
            year, month, day = _ymd(m)
            return _compose(year, month, day, _clock_near(s, m.start(), m.end()), zone), True
        except ValueError:
            continue
    return None, shaped


def _ymd(m: re.Match[str]) -> tuple[int, int, int]:
    layout = m.lastgroup or ""
    year, month, day = m.group(*_FIELDS[layout])
    month_number, day_number = _MONTHS.get(month) or int(month), int(day)
    if layout in ("num", "numdot") and month_number > 12:  # month-first only where day-first is impossible
        month_number, day_number = day_number, month_number
    return int(year) if len(year) == 4 else _century(int(year)), month_number, day_number


def _century(yy: int) -> int:
    """Two-digit years as POSIX strptime reads them: 69-99 -> 19xx, 00-68 -> 20xx."""
    return 1900 + yy if yy >= 69 else 2000 + yy


def _clock_near(s: str, start: int, end: int) -> _Clock | None:
    """The time printed right after the date, else one printed right before it."""
    m = _TAIL.match(s, end)
    if m:
        return _clock(m, m["z2"] or m["z1"])
    m = _PRE.search(s, max(0, start - _PRE_TIME_CHARS), start)
    return _clock(m, m["z2"]) if m else None


def _clock(m: re.Match[str], zone_text: str | None) -> _Clock:
    hour_text, minute, second, fraction, ampm = m.group("h", "mi", "s", "f", "ap")
    hour = int(hour_text)
    if ampm and hour <= 12:  # "13:00 PM" is a sloppy 24-hour time, kept as printed
        hour = hour % 12 + (12 if ampm == "p" else 0)
    return _Clock(
        hour,
        int(minute),
        int(second) if second else 0,
        int(fraction.ljust(6, "0")) if fraction else 0,
        "second" if second else "minute",
        _fixed_zone(zone_text) if zone_text else None,
    )


@functools.lru_cache(maxsize=64)
def _fixed_zone(text: str) -> timezone:
    """WIB/WITA/WIT/HKT/GMT+7/+07:00/Z as a fixed offset (ValueError for offsets of a day or more)."""
    match = _ZONE_PARTS.fullmatch(text)
    if match is None:
        raise ValueError(f"not a time zone: {text!r}")
    name, sign, hours, minutes = match.groups()
    if not sign:
        return timezone(timedelta(hours=_ZONE_HOURS[name]))
    offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
    return timezone(-offset if sign == "-" else offset)


def _compose(
    year: int, month: int, day: int, clock: _Clock | None, zone: tzinfo, *, relative: bool = False
) -> ParsedDate:
    if clock is None:
        return ParsedDate(datetime(year, month, day, tzinfo=zone), "day", relative)
    value = datetime(
        year, month, day, clock.hour, clock.minute, clock.second, clock.micro, tzinfo=clock.zone or zone
    )
    return ParsedDate(value, clock.precision, relative)


def _relative(s: str, anchor: datetime, zone: tzinfo) -> ParsedDate | None:
    m = _RELATIVE.search(s)
    if m is None:
        return None
    if m["pairs"]:
        return _ago(m["pairs"], anchor, zone)
    if m["now"]:
        return ParsedDate(anchor.astimezone(zone), "minute", True)
    days = _DAYS_BACK[" ".join(m["day"].split())]
    tail = _TAIL.match(s, m.end())
    if tail is None:
        return ParsedDate(anchor.astimezone(zone) - timedelta(days=days), "day", True)
    clock = _clock(tail, tail["z2"] or tail["z1"])
    local_day = anchor.astimezone(clock.zone or zone).date() - timedelta(days=days)
    return _compose(local_day.year, local_day.month, local_day.day, clock, zone, relative=True)


def _ago(pairs: str, anchor: datetime, zone: tzinfo) -> ParsedDate:
    """``1 jam 30 menit yang lalu``: calendar units on the wall clock, hours and less exactly."""
    totals: dict[str, int] = {}
    for count, unit in _PAIR_PARTS.findall(pairs):
        field, factor = _UNITS[unit]
        totals[field] = totals.get(field, 0) + (_COUNT_WORDS.get(count) or int(count)) * factor
    local = anchor.astimezone(zone)
    if "months" in totals or "days" in totals:
        local = _months_back(local, totals.get("months", 0)) - timedelta(days=totals.get("days", 0))
    exact = timedelta(**{k: v for k, v in totals.items() if k in ("hours", "minutes", "seconds")})
    value = (local.astimezone(timezone.utc) - exact).astimezone(zone) if exact else local
    if "seconds" in totals:
        return ParsedDate(value, "second", True)
    return ParsedDate(value, "minute" if totals.keys() & {"minutes", "hours"} else "day", True)


def _months_back(local: datetime, months: int) -> datetime:
    """Calendar month arithmetic, clamping the day (31 March - 1 month = 28/29 February)."""
    year, month_index = divmod(local.year * 12 + local.month - 1 - months, 12)
    next_month = date(year + (month_index + 1) // 12, (month_index + 1) % 12 + 1, 1)
    day = min(local.day, (next_month - timedelta(days=1)).day)
    return local.replace(year=year, month=month_index + 1, day=day)


def _yearless(s: str, anchor: datetime, zone: tzinfo) -> ParsedDate | None:
    """``Kamis (25/9)``, ``10 Des``: the most recent such date not after ``now``."""
    m = _YEARLESS.search(s)
    if m is None:
        return None
    day, month = (int(m["pd"]), int(m["pm"])) if m["pd"] else (int(m["nd"]), _MONTHS[m["nm"]])
    clock = _clock_near(s, m.start(), m.end())
    today = anchor.astimezone(clock.zone if clock and clock.zone else zone).date()
    return _compose(_recent_year(month, day, today), month, day, clock, zone)


def _recent_year(month: int, day: int, today: date) -> int:
    for year in range(today.year, today.year - 8, -1):  # 8 years always include a 29 February
        try:
            if date(year, month, day) <= today:
                return year
        except ValueError:
            continue
    raise ValueError(f"no date {day}/{month}")


def _fallback(s: str, anchor: datetime, zone: tzinfo) -> ParsedDate | None:
    """dateparser on a short window around a month name, for layouts the regexes do not know.

    Only text naming a month with a day-like number and a year (19xx/20xx) near it gets here, and
    dateparser runs in strict mode requiring day, month and year; its answer is kept only if that day,
    month and year are printed in the window, so the fallback never adds a guess.
    """
    month = _MONTH_TOKEN.search(s)
    if month is None:
        return None
    window = s[max(0, month.start() - _FALLBACK_WINDOW) : month.end() + _FALLBACK_WINDOW]
    if not (_YEAR_TOKEN.search(window) and _DAY_TOKEN.search(window)):
        return None
    found = _guarded_dateparser(window, anchor.astimezone(zone), zone)
    if found is None or not _printed(found, window):
        return None
    named = _TIMED_ZONE.search(window)
    value = found.astimezone(_fixed_zone(named["z2"]) if named else zone)
    if value.second or value.microsecond:
        return ParsedDate(value, "second", False)
    return ParsedDate(value, "minute" if value.hour or value.minute else "day", False)


def _printed(found: datetime, window: str) -> bool:
    """Whether the day, month and year dateparser returned all appear in the window it was given."""
    months = {_MONTHS[token] for token in _MONTH_TOKEN.findall(window)}
    return (
        found.month in months
        and re.search(rf"(?<![0-9]){found.year}(?![0-9])", window) is not None
        and re.search(rf"(?<![0-9])0?{found.day}(?![0-9])", window) is not None
    )


_runaway: threading.Thread | None = None  # a dateparser call that outlived its time guard


def _guarded_dateparser(window: str, local_now: datetime, zone: tzinfo) -> datetime | None:
    """Run dateparser on a worker thread and stop waiting after ``_FALLBACK_TIMEOUT_S``.

    dateparser has open issues about inputs that take minutes. Python cannot kill a thread, so the main
    defence is the input bound (a ~200-char window, reached only by text with a month name and a year);
    the guard is the backstop: the crawl gets ``None`` in time, and while a runaway call is still busy
    the fallback stays off instead of piling up more stuck threads.
    """
    global _runaway
    if _runaway is not None and _runaway.is_alive():
        return None
    parser = _dateparser()
    box: list[datetime | None] = []
    worker = threading.Thread(
        target=lambda: box.append(_call_dateparser(parser, window, local_now, zone)), daemon=True
    )
    try:
        worker.start()
    except RuntimeError:  # no thread to be had (interpreter shutting down, thread limit): no fallback
        return None
    worker.join(_FALLBACK_TIMEOUT_S)
    if worker.is_alive():
        _runaway = worker
        return None
    return box[0] if box else None


@functools.cache
def _dateparser() -> ModuleType:
    """Import dateparser on first need (it costs ~100 ms) and load its id/en data outside the time guard."""
    import dateparser

    _call_dateparser(dateparser, "1 januari 2025", datetime(2025, 1, 1), ZoneInfo(DEFAULT_TIMEZONE))
    return dateparser


def _call_dateparser(parser: ModuleType, text: str, local_now: datetime, zone: tzinfo) -> datetime | None:
    settings = {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "past",
        "RELATIVE_BASE": local_now.replace(tzinfo=None),
        "TIMEZONE": getattr(zone, "key", None) or local_now.strftime("%z"),
        "RETURN_AS_TIMEZONE_AWARE": True,
        "STRICT_PARSING": True,
        "REQUIRE_PARTS": ["day", "month", "year"],
    }
    try:
        return parser.parse(text, languages=["id", "en"], settings=settings)
    except Exception:  # a third-party parser on arbitrary text: any failure means "no date"
        return None
