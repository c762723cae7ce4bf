"""pmi_aggregator.normalize.dates.parse_date against plain dateparser.parse: speed, accuracy, first-call latency.

Run: python benchmarks/bench_dates.py   (about a minute; exits 1 when a target is missed)

Both parsers get the same inputs, the same languages (id, en) and the same reference time, day-first
order and zone. Accuracy is the share of corpus rows whose instant and UTC offset match the expected
value; a NONE row counts as correct when the parser returns None.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import dateparser

from pmi_aggregator.normalize.dates import parse_date

REF = datetime(2025, 12, 10, 12, 0, tzinfo=timezone(timedelta(hours=7)))
ROOT = Path(__file__).resolve().parents[1]
CORPORA = [
    ROOT / "tests" / "support" / "data" / "dates_corpus.tsv",
    ROOT.parent / "shared" / "dates" / "observed.tsv",
]
DATEPARSER_SETTINGS = {
    "DATE_ORDER": "DMY",
    "PREFER_DAY_OF_MONTH": "first",
    "PREFER_DATES_FROM": "past",
    "RELATIVE_BASE": REF.replace(tzinfo=None),
    "TIMEZONE": "Asia/Jakarta",
    "RETURN_AS_TIMEZONE_AWARE": True,
}
COMMON = [
    "Selasa, 9 Desember 2025 14:30 WIB",
    "Kompas.com - 08/03/2022, 07:00 WIB",
    "CNN Indonesia | Rabu, 13/01/2021 18:07 WIB",
    "SELASA, 10 JANUARI 2017 | 16:26 WIB | LAPORAN: WIDIAN VEBRIYANTO",
    "Jumat, 24 Oktober 2025 | 09:54 WIB",
    "Selasa, 16 April 2024 \u2013 21:45 WIB",
    "11 Desember 2021 | 17.48 WIB",
    "Senin, 20 Mei 2024 10.19.04",
    "Thu, 28 May 2026 13:27:46 +0700",
    "Selasa, 09 Des 2025 14:30:00 +0700",
    "2025-12-09T14:30:00+07:00",
    "Kamis, 18 Desember 2025 14:16",
    "23 Mei 2024 14.02",
    "Sabtu 17 April 2021 09:10 WIB",
    "12 Ags 2026, 10:30 WIB",
    "Minggu, 17 Agustus 2025",
    "17 menit yang lalu",
    "2 jam lalu",
]
FIRST_CALL = (
    "import sys, time\n"
    "t = time.perf_counter()\n"
    "from pmi_aggregator.normalize.dates import parse_date\n"
    "parse_date('Selasa, 9 Desember 2025 14:30 WIB')\n"
    "print((time.perf_counter() - t) * 1000, 'dateparser' in sys.modules)\n"
)


def load_rows() -> list[tuple[str, str]]:
    rows = []
    for path in CORPORA:
        if not path.is_file():
            print(f"(skipping {path}: not found)")
            continue
        for line in path.read_text(encoding="utf-8").split("\n")[1:]:
            if line:
                text, expected, *_ = line.split("\t")
                rows.append((text, expected))
    return rows


def ours(text: str) -> datetime | None:
    return parse_date(text, now=REF)


def plain_dateparser(text: str) -> datetime | None:
    return dateparser.parse(text, languages=["id", "en"], settings=DATEPARSER_SETTINGS)


def per_call_us(parse: Callable[[str], object], inputs: list[str], budget_s: float) -> float:
    """Microseconds per call in the fastest pass over ``inputs``, passing again until ``budget_s`` is spent.

    The fastest pass is the one least disturbed by other work on the machine (as timeit advises).
    """
    passes, spent = [], 0.0
    while spent < budget_s or len(passes) < 3:
        started = time.perf_counter()
        for text in inputs:
            parse(text)
        passes.append(time.perf_counter() - started)
        spent += passes[-1]
    return min(passes) / len(inputs) * 1e6


def accuracy(parse: Callable[[str], datetime | None], rows: list[tuple[str, str]]) -> float:
    def correct(text: str, expected: str) -> bool:
        got = parse(text)
        if expected == "NONE" or got is None:
            return expected == "NONE" and got is None
        want = datetime.fromisoformat(expected)
        return got == want and got.utcoffset() == want.utcoffset()

    return 100 * sum(correct(text, expected) for text, expected in rows) / len(rows)


def first_call_ms(runs: int = 7) -> tuple[float, float, bool]:
    """Median and worst import-plus-first-call time in fresh interpreters, and whether dateparser loaded."""
    times, loaded = [], False
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", FIRST_CALL], capture_output=True, text=True, check=True)
        ms, imported = out.stdout.split()
        times.append(float(ms))
        loaded = loaded or imported == "True"
    return statistics.median(times), max(times), loaded


def main() -> int:
    rows = load_rows()
    corpus = [text for text, _ in rows]
    acc_ours, acc_dp = accuracy(ours, rows), accuracy(plain_dateparser, rows)  # doubles as warm-up
    common_ours = per_call_us(ours, COMMON, 1.0)
    common_dp = per_call_us(plain_dateparser, COMMON, 5.0)
    corpus_ours = per_call_us(ours, corpus, 2.0)
    corpus_dp = per_call_us(plain_dateparser, corpus, 10.0)
    first_median, first_worst, loaded = first_call_ms()
    common_ratio, corpus_ratio = common_dp / common_ours, corpus_dp / corpus_ours

    print(f"inputs: {len(COMMON)} common byline layouts; corpus of {len(rows)} rows")
    print(f"(a) common layouts  parse_date {common_ours:8.1f} us/call   dateparser {common_dp:8.1f} us/call")
    print(f"    speed ratio {common_ratio:.0f}x   (target >= 100x)")
    print(f"(b) full corpus     parse_date {corpus_ours:8.1f} us/call   dateparser {corpus_dp:8.1f} us/call")
    print(f"    speed ratio {corpus_ratio:.0f}x   (target >= 10x)")
    print(f"accuracy on corpus  parse_date {acc_ours:.1f}%   dateparser {acc_dp:.1f}%   (target >= 99%)")
    print(
        f"first call in a fresh process (import + parse): median {first_median:.1f} ms, "
        f"worst {first_worst:.1f} ms (target <= 50 ms); dateparser imported: {loaded}"
    )
    met = common_ratio >= 100 and corpus_ratio >= 10 and acc_ours >= 99 and first_median <= 50 and not loaded
    print("targets met" if met else "TARGETS MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
