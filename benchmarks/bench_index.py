"""Embedded-index benchmark: crawl rate, indexing rate and search latency, each beside a raw reference.

    python benchmarks/bench_index.py [--docs 100000] [--crawl-posts 400] [--index-rounds 3]

1. Crawls a local mirror of the seed portal (article pages fetched one by one through the sitemap
   fallback, the slowest path) with the real ``pmi crawl``: pages per second and peak memory.
2. Upserts generated articles into the embedded index in calls of 500, beside a raw SQLite FTS5 insert
   of the same texts in transactions of 500, in the same run. Each runs in its own child process, so
   peak memory is the indexer's own; articles are generated as they are fed, and only the indexing
   calls are timed (generating an article costs about as much as the raw insert of it). The pair runs
   ``--index-rounds`` times, alternating which goes first; on a shared 2-core machine one pair's ratio
   can move by ten points, so the median ratio is the figure that counts, printed with its range.
3. Search latency p50/p95 on that index for a set of queries, beside raw FTS5 ``MATCH`` queries for the
   same analyzed terms (ranked with bm25, LIMIT 20).
Targets: indexing >= 50% of the raw rate, search p95 <= 3x raw, peak memory while indexing <= 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BATCH = 500


def _child(code: str, *args: str) -> dict:
    """Run a step in a fresh interpreter; return its JSON result plus its peak RSS in MB."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=ROOT
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result


_FEED = """
import itertools, json, resource, sys, time
sys.path.insert(0, '.')
from benchmarks.corpus import generate
count, path = int(sys.argv[1]), sys.argv[2]
def feed(index_batch):
    # Articles are generated as they are fed, in batches of 500; only index_batch is timed.
    docs, elapsed = generate(count), 0.0
    while batch := list(itertools.islice(docs, 500)):
        start = time.perf_counter()
        index_batch(batch)
        elapsed += time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": elapsed, "rss_mb": rss}))
"""

_INDEX_OURS = (
    _FEED
    + """
from pmi_aggregator import open_index
index = open_index(path)
feed(index.upsert)
index.close()
"""
)

_INDEX_RAW = (
    _FEED
    + """
import sqlite3
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=NORMAL")
db.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body)")
def insert(docs):
    rows = [(doc["title"], doc["summary"] + "\\n" + doc["body"]) for doc in docs]
    db.execute("BEGIN"); db.executemany("INSERT INTO fts (title, body) VALUES (?, ?)", rows); db.execute("COMMIT")
feed(insert)
"""
)


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered) * 1000, p95 * 1000


def bench_crawl(posts: int, workdir: Path) -> dict:
    from tests.support.mirrors import apakabar
    from tests.support.mirrors.server import MirrorServer
    from tests.support.mirrors.wordpress import Post

    site = apakabar.build_site()
    originals = site.posts
    for n in range(max(0, posts - len(originals))):
        source = originals[n % len(originals)]
        site.add_post(
            Post(
                slug=f"{source.slug}-{n}",
                title=f"{source.title} ({n})",
                content_html=source.content_html,
                date_gmt=source.date_gmt,
                author=source.author,
                categories=list(source.categories),
                tags=list(source.tags),
            )
        )
    site.rest_enabled = False
    site.feed_enabled = False
    with MirrorServer(site) as mirror:
        config = workdir / "crawl.toml"
        config.write_text(
            f'index = "{workdir / "crawl.db"}"\n[sources.apakabaronline]\nbase_url = "{mirror.base_url}"\n'
            'canonical_scheme = "http"\nallow_private_hosts = ["127.0.0.1"]\n'
            "[sources.apakabaronline.politeness]\nconcurrency = 8\ndelay = 0.0\nautothrottle_target = 8.0\n"
            "[scrapy]\nAUTOTHROTTLE_ENABLED = false\nCONCURRENT_REQUESTS = 16\n",
            encoding="utf-8",
        )
        env = {**os.environ, "PMI_CONFIG": str(config), "PMI_DATA_DIR": str(workdir / "data")}
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pmi_aggregator.cli", "crawl", "apakabaronline", "--format", "json"],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        elapsed = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    report = json.loads(done.stdout)["sources"]["apakabaronline"]
    return {
        "pages": report["pages"],
        "articles": report["new"],
        "seconds": elapsed,
        "pages_per_s": report["pages"] / elapsed,
        "peak_mb": max(peak, before) / 1024,
    }


def bench_search(path: Path, raw_path: Path, rounds: int) -> dict:
    from benchmarks.corpus import QUERIES
    from pmi_aggregator import open_index
    from pmi_aggregator.index.query import parse_query
    from pmi_aggregator.index.sqlite import render_fts

    index = open_index(str(path))
    raw = sqlite3.connect(str(raw_path))
    ours: list[float] = []
    reference: list[float] = []
    for query in QUERIES * rounds:
        start = time.perf_counter()
        results = index.search(query, limit=20)
        _ = [hit.snippet for hit in results]
        ours.append(time.perf_counter() - start)
        match = render_fts(parse_query(query))
        excluded = parse_query(query).excluded
        if excluded:
            match += " NOT (" + " OR ".join('"' + " ".join(c) + '"' for c in excluded) + ")"
        start = time.perf_counter()
        raw.execute(
            "SELECT rowid, bm25(fts, 4.0, 1.0), snippet(fts, 1, '<mark>', '</mark>', '…', 24) FROM fts "
            "WHERE fts MATCH ? ORDER BY rank LIMIT 20",
            (match,),
        ).fetchall()
        reference.append(time.perf_counter() - start)
    index.close()
    return {"ours": _percentiles(ours), "raw": _percentiles(reference)}


def _analyzed_copy(source: Path, target: Path) -> None:
    """A raw FTS5 table holding the same analyzed terms, so the raw queries match the same documents."""
    db = sqlite3.connect(str(target), isolation_level=None)
    db.execute("CREATE VIRTUAL TABLE fts USING fts5(title, body)")
    db.execute(f"ATTACH DATABASE '{source}' AS ours")
    db.execute("BEGIN")
    db.execute(
        "INSERT INTO fts (rowid, title, body) SELECT rowid, title_terms, body_terms FROM ours.articles_fts"
    )
    db.execute("COMMIT")
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--crawl-posts", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=10, help="times each query is run")
    parser.add_argument(
        "--index-rounds",
        type=int,
        default=3,
        help="paired indexing runs (ours and raw); the median ratio counts",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pmi-bench-") as tmp:
        work = Path(tmp)
        crawl = bench_crawl(args.crawl_posts, work)
        print(
            f"crawl      {crawl['pages']} pages, {crawl['articles']} articles in {crawl['seconds']:.1f} s: "
            f"{crawl['pages_per_s']:.1f} pages/s, peak memory {crawl['peak_mb']:.0f} MB"
        )
        ratios, peak = [], 0.0
        for n in range(args.index_rounds):
            for path in work.glob("ours.db*"):
                path.unlink()
            for path in work.glob("raw.db*"):
                path.unlink()
            steps = [("ours", _INDEX_OURS, work / "ours.db"), ("raw", _INDEX_RAW, work / "raw.db")]
            if n % 2:  # alternate which runs first, so a drift of the machine does not favour one side
                steps.reverse()
            timed = {name: _child(code, str(args.docs), str(path)) for name, code, path in steps}
            ours_rate, raw_rate = (args.docs / timed[name]["seconds"] for name in ("ours", "raw"))
            ratios.append(ours_rate / raw_rate)
            peak = max(peak, timed["ours"]["rss_mb"])
            print(
                f"indexing   round {n + 1}: ours {ours_rate:,.0f} docs/s (peak {timed['ours']['rss_mb']:.0f} MB)"
                f" | raw FTS5 insert {raw_rate:,.0f} docs/s | ratio {ours_rate / raw_rate:.0%}"
            )
        print(
            f"indexing   median ratio {statistics.median(ratios):.0%} (range {min(ratios):.0%}-{max(ratios):.0%};"
            f" target >= 50%) | peak memory {peak:.0f} MB (target <= 300 MB)"
        )
        _analyzed_copy(work / "ours.db", work / "raw-terms.db")
        search = bench_search(work / "ours.db", work / "raw-terms.db", args.rounds)
        (o50, o95), (r50, r95) = search["ours"], search["raw"]
        print(
            f"search     ours p50 {o50:.2f} ms p95 {o95:.2f} ms | raw FTS5 MATCH p50 {r50:.2f} ms p95 {r95:.2f} ms"
            f" | p95 ratio {o95 / r95:.2f}x (target <= 3x)"
        )


if __name__ == "__main__":
    main()
