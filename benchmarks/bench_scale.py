"""How the embedded index's cost grows with its size, beside raw SQLite FTS5 on the same texts.

    python benchmarks/bench_scale.py [--sizes 10000,100000,1000000] [--rounds 3] [--keep DIR]

For each size, generated articles (``benchmarks/corpus.py``, annotated as in ``bench_facets.py``) are
indexed in a child process (its indexing rate and peak memory), and the same texts are inserted into a
plain FTS5 table in another child. Then a fixed query set runs ``--rounds`` times, each query beside its
raw FTS5 equivalent on a copy holding the same analyzed terms: single words, phrases, OR, excludes, a
source filter, newest first (with and without words) and a deep page (ours through cursors, raw by
OFFSET); facets and per-source stats are timed too (no raw equivalent). ``--keep`` keeps the built
files in DIR and reuses them on the next run, so a large size is built once.
Targets at 1M: search p95 <= 3x raw and <= 2.5x our p95 at 100k; indexing peak memory <= 300 MB; no
query slower than 1 s.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

_FEED = """
import itertools, json, resource, sys, time
sys.path.insert(0, '.')
from benchmarks.bench_facets import annotated
count, path = int(sys.argv[1]), sys.argv[2]
def feed(index_batch):
    docs, elapsed = annotated(count), 0.0
    while batch := list(itertools.islice(docs, 500)):
        start = time.perf_counter()
        index_batch(batch)
        elapsed += time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "rss_mb": rss}))
"""
_BUILD = {
    "ours": _FEED
    + """
from pmi_aggregator import open_index
index = open_index(path)
feed(index.upsert)
index.close()
""",
    "raw": _FEED
    + """
import sqlite3
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=NORMAL")
db.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body, source UNINDEXED)")
def insert(docs):
    rows = [(d["title"], d["summary"] + "\\n" + d["body"], d["source"]) for d in docs]
    db.execute("BEGIN"); db.executemany("INSERT INTO fts VALUES (?, ?, ?)", rows); db.execute("COMMIT")
feed(insert)
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
""",
}

DEEP = 25
"""The deep page: the 25th page of 20 (ours follows cursors to it; raw uses OFFSET 480)."""
RAW_RANKED = "SELECT rowid, snippet(fts, 1, '<mark>', '</mark>', '…', 24) FROM fts WHERE fts MATCH ?"


@dataclass
class Case:
    """One query shape: our search arguments and the raw FTS5 statement that answers the same."""

    group: str
    query: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    raw_sql: str = RAW_RANKED + " ORDER BY bm25(fts, 4.0, 1.0) LIMIT 20"
    deep: bool = False


CASES = [
    *(Case("word", q) for q in ["deportasi", "kupang", "remitansi", "majikan", "paspor", "pekerja migran"]),
    *(Case("phrase", q) for q in ['"pekerja migran indonesia"', '"visa kerja"']),
    Case("or", "bpjs OR asuransi"),
    Case("exclude", "calo -malaysia"),
    Case(
        "filtered",
        "deportasi",
        {"sources": ["kp2mi"]},
        RAW_RANKED + " AND source = 'kp2mi' ORDER BY bm25(fts, 4.0, 1.0) LIMIT 20",
    ),
    Case("newest", "deportasi", {"sort": "newest"}, RAW_RANKED + " ORDER BY published DESC LIMIT 20"),
    Case("newest", "", {"sort": "newest"}, "SELECT rowid, body FROM fts ORDER BY published DESC LIMIT 20"),
    Case(
        "deep",
        "",
        {"sort": "newest"},
        f"SELECT rowid, body FROM fts ORDER BY published DESC LIMIT 20 OFFSET {20 * (DEEP - 1)}",
        True,
    ),
    Case(
        "deep",
        "deportasi",
        {},
        RAW_RANKED + f" ORDER BY bm25(fts, 4.0, 1.0) LIMIT 20 OFFSET {20 * (DEEP - 1)}",
        True,
    ),
    Case(
        "deep",
        "deportasi",
        {"sort": "newest"},
        RAW_RANKED + f" ORDER BY published DESC LIMIT 20 OFFSET {20 * (DEEP - 1)}",
        True,
    ),
]
FACETS: list[tuple[str, str, dict[str, Any]]] = [
    ("facets: everything", "", {}),
    ("facets: one country", "", {"countries": ["MY"]}),
    ("facets: a word", "deportasi", {}),
    ("facets: a common phrase", "pekerja migran", {}),
]


def _build(kind: str, size: int, path: Path) -> dict:
    """Build one file in a fresh interpreter (its peak memory is the builder's own), or reuse it."""
    done = path.with_suffix(".json")
    if done.exists():
        return json.loads(done.read_text())
    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()
    out = subprocess.run(
        [sys.executable, "-c", _BUILD[kind], str(size), str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    done.write_text(json.dumps(figures))
    return figures


def _analyzed_copy(ours: Path, target: Path) -> None:
    """Raw FTS5 over our analyzed terms, sources and dates (same rowids): both sides match the same
    articles, and raw sorts by date the only way plain FTS5 can, by reading every match's date."""
    if target.exists():
        return
    db = sqlite3.connect(str(target), isolation_level=None)
    db.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body, source UNINDEXED, published UNINDEXED)")
    db.execute(f"ATTACH DATABASE '{ours}' AS ours")
    db.execute("BEGIN")
    db.execute(
        "INSERT INTO fts (rowid, title, body, source, published) "
        "SELECT f.rowid, f.title_terms, f.body_terms, a.source, coalesce(a.published_utc, '') "
        "FROM ours.articles_fts f JOIN ours.articles a ON a.rowid = f.rowid"
    )
    db.execute("COMMIT")
    db.close()


def _raw_match(query: str) -> str:
    from pmi_aggregator.index.query import parse_query
    from pmi_aggregator.index.sqlite import render_fts

    parsed = parse_query(query)
    match = render_fts(parsed) or ""
    if parsed.excluded:
        match += " NOT (" + " OR ".join('"' + " ".join(c) + '"' for c in parsed.excluded) + ")"
    return match


def _timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000


def measure(ours_path: Path, raw_path: Path, rounds: int) -> dict[str, Any]:
    """p50/p95 per query group and overall, ours beside raw; facets and stats; the slowest query."""
    from pmi_aggregator import open_index

    index = open_index(str(ours_path))
    raw = sqlite3.connect(str(raw_path))
    cursors: dict[int, str | None] = {}
    for n, case in enumerate(CASES):
        if case.deep:  # the cursor of the deep page, followed once (each page is one search)
            cursor = None
            for _ in range(DEEP - 1):
                cursor = index.search(case.query, limit=20, cursor=cursor, **case.kwargs).cursor
            cursors[n] = cursor

    def ours(n: int, case: Case) -> None:
        results = index.search(case.query, limit=20, cursor=cursors.get(n), **case.kwargs)
        _ = [hit.snippet for hit in results]

    def reference(case: Case) -> None:
        params = (_raw_match(case.query),) if "MATCH" in case.raw_sql else ()
        raw.execute(case.raw_sql, params).fetchall()

    samples: dict[str, dict[str, list[float]]] = {}
    slowest = (0.0, "")
    for round_ in range(rounds + 1):  # the first round warms the caches and is not counted
        for n, case in enumerate(CASES):
            sides = [("ours", partial(ours, n, case)), ("raw", partial(reference, case))]
            for side, call in sides if round_ % 2 else reversed(sides):
                seconds = _timed(call)
                if round_:
                    for group in (case.group, "all"):
                        samples.setdefault(group, {"ours": [], "raw": []})[side].append(seconds)
                    if side == "ours" and seconds > slowest[0]:
                        slowest = (seconds, f"{case.query!r} {case.kwargs}{' deep' * case.deep}")
        for label, query, filters in FACETS:
            seconds = _timed(partial(index.facets, query, **filters))
            if round_:
                samples.setdefault(label, {"ours": []})["ours"].append(seconds)
                slowest = max(slowest, (seconds, label))
        seconds = _timed(index.source_stats)
        if round_:
            samples.setdefault("stats", {"ours": []})["ours"].append(seconds)
    index.close()
    return {
        "latency": {
            group: {k: _percentiles(v) for k, v in sides.items()} for group, sides in samples.items()
        },
        "slowest": slowest,
    }


def _file_kb(path: Path, articles: int) -> float:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1024 / articles


def run_size(size: int, work: Path, rounds: int) -> dict[str, Any]:
    ours_path, raw_path = work / f"ours-{size}.db", work / f"raw-{size}.db"
    built = {kind: _build(kind, size, path) for kind, path in (("ours", ours_path), ("raw", raw_path))}
    terms_path = work / f"raw-terms-{size}.db"
    _analyzed_copy(ours_path, terms_path)
    figures = measure(ours_path, terms_path, rounds)
    rates = {kind: size / built[kind]["seconds"] for kind in built}
    print(
        f"\n{size:,} articles: indexing ours {rates['ours']:,.0f}/s (peak {built['ours']['rss_mb']:.0f} MB)"
        f" | raw FTS5 {rates['raw']:,.0f}/s (peak {built['raw']['rss_mb']:.0f} MB) | ratio"
        f" {rates['ours'] / rates['raw']:.0%}; file ours {_file_kb(ours_path, size):.1f} KB/article,"
        f" raw {_file_kb(raw_path, size):.1f} KB/article"
    )
    for group, sides in figures["latency"].items():
        (o50, o95) = sides["ours"]
        line = f"  {group:<24} ours p50 {o50:8.2f} ms p95 {o95:8.2f} ms"
        if "raw" in sides:
            (r50, r95) = sides["raw"]
            line += f" | raw p50 {r50:8.2f} ms p95 {r95:8.2f} ms | p95 ratio {o95 / r95:5.2f}x"
        print(line)
    seconds, label = figures["slowest"]
    print(f"  slowest of ours: {seconds * 1000:.0f} ms ({label})")
    return {"built": built, **figures}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated article counts")
    parser.add_argument("--rounds", type=int, default=3, help="times each query is run (after a warm-up)")
    parser.add_argument("--keep", type=Path, help="keep the built files here and reuse them")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="pmi-bench-scale-") as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results = {size: run_size(size, work, args.rounds) for size in sizes}
    if len(sizes) < 2:
        return
    small, large = sorted(sizes)[-2:]
    ours_small, ours_large = (results[s]["latency"]["all"]["ours"][1] for s in (small, large))
    raw_small, raw_large = (results[s]["latency"]["all"]["raw"][1] for s in (small, large))
    print(
        f"\ngrowth {large:,} vs {small:,}: search p95 ours {ours_large / ours_small:.2f}x (target <= 2.5x),"
        f" raw {raw_large / raw_small:.2f}x | at {large:,} ours/raw p95 {ours_large / raw_large:.2f}x"
        f" (target <= 3x) | slowest {results[large]['slowest'][0] * 1000:.0f} ms (target < 1000 ms)"
        f" | indexing peak {results[large]['built']['ours']['rss_mb']:.0f} MB (target <= 300 MB)"
    )


if __name__ == "__main__":
    main()
