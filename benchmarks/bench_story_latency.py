"""Linking latency and memory with a large side store: one new article linked against N stored ones.

The store is filled with N synthetic articles (random MinHash signatures; key terms drawn from a
skewed vocabulary of names and figures, about 550 articles a day over five years, as a busy PMI
index would hold), then real articles of the labelled set, given dates inside that span, are linked
one at a time (features, candidate lookups, pairwise tests, group updates, commit). Prints p50/p95/max
of one link (one commit each), and of an article linked in a crawl batch of 50 (one commit per batch),
the ratio to a reference (the same links against an empty store, measured in this run),
the peak RSS, and the store's size on disk. Target: p95 <= 10 ms at N = 1,000,000.

    python benchmarks/bench_story_latency.py [--articles 1000000] [--dir /tmp]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pmi_aggregator.stories.features import NUM_PERM, Features, features_of, key_terms
from pmi_aggregator.stories.linker import Linker
from pmi_aggregator.stories.store import LinkStore
from tests.support.story_corpus import labelled_items

SHARED = Path(__file__).resolve().parents[2] / "shared"
START = datetime(2021, 1, 1, tzinfo=timezone.utc)
DAYS = 5 * 365
RARE = 300_000
"""Names met in few articles, beside the real articles' own key terms (Malaysia, BP3MI, KBRI…)."""


def _vocabulary(probes: list) -> list[str]:
    """The key terms real articles have, most frequent first: synthetic articles draw from these, so a
    real article's lookups meet posting lists as long as a real index's."""
    counts: dict[str, int] = {}
    for article in probes:
        for key in key_terms(article):
            counts[key] = counts.get(key, 0) + 1
    return sorted(counts, key=lambda k: -counts[k])


def _synthetic(rng: random.Random, gen: np.random.Generator, n: int, vocabulary: list[str]) -> Features:
    day = (START - datetime(1970, 1, 1, tzinfo=timezone.utc)).days + rng.randrange(DAYS)
    common = {vocabulary[int(rng.paretovariate(1.0)) % len(vocabulary)] for _ in range(12)}
    rare = {f"r{int(rng.paretovariate(0.8)) % RARE}" for _ in range(18)}
    at = (datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(days=day)).isoformat()[:19]
    return Features(
        id=f"syn{n:012d}",
        source=f"s{n % 60}",
        at=at,
        basis="published",
        day=day,
        content_hash=f"{n:032x}",
        shingles=rng.randrange(80, 600),
        signature=gen.integers(0, 2**32, NUM_PERM, dtype=np.uint64).astype(np.uint32),
        keys=frozenset(common | rare),
        credited=None,
    )


def _fill(store: LinkStore, count: int, vocabulary: list[str]) -> float:
    rng, gen = random.Random(14), np.random.default_rng(14)
    started = time.perf_counter()
    for first in range(0, count, 20_000):
        with store.transaction():
            batch = [_synthetic(rng, gen, n, vocabulary) for n in range(first, min(count, first + 20_000))]
            store.put_many([(f, f.id, f.id) for f in batch])
        if first and first % 200_000 == 0:
            print(f"  {first:,} stored ({time.perf_counter() - started:.0f} s)", flush=True)
    return time.perf_counter() - started


def _link_times(store: LinkStore, articles: list) -> list[float]:
    linker = Linker(store)
    times = []
    for article in articles:
        started = time.perf_counter()
        linker.link([article])
        times.append((time.perf_counter() - started) * 1000)
    return times


def _batched_times(store: LinkStore, articles: list, size: int = 50) -> list[float]:
    """Per-article time when linked as the crawl links them: a batch of ``PMI_BATCH_SIZE`` per commit."""
    linker = Linker(store)
    times = []
    for first in range(0, len(articles), size):
        batch = articles[first : first + size]
        started = time.perf_counter()
        linker.link(batch)
        times.append((time.perf_counter() - started) * 1000 / len(batch))
    return times


def _probes(count: int) -> list:
    rng = random.Random(7)
    items = [a for a, _, _ in labelled_items(SHARED / "domain" / "labelled.jsonl")]
    probes = []
    for i, article in enumerate(items * (count // len(items) + 1)):
        if len(probes) == count:
            break
        day = START + timedelta(days=rng.randrange(DAYS), hours=12)
        probes.append(replace(article, url=f"{article.url}#probe{i}", published_at=day))
    return probes


def _report(label: str, times: list[float]) -> float:
    times = sorted(times)
    p95 = times[int(len(times) * 0.95)]
    print(f"{label:<28} p50 {statistics.median(times):6.2f} ms  p95 {p95:6.2f} ms  max {times[-1]:7.2f} ms")
    return p95


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--probes", type=int, default=400)
    parser.add_argument("--dir", type=Path, default=None)
    args = parser.parse_args()
    if not (SHARED / "domain" / "labelled.jsonl").is_file():
        print(f"bench_story_latency: skipped: no labelled set in {SHARED / 'domain'}")
        return 0
    probes = _probes(args.probes)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        empty = LinkStore(Path(tmp) / "empty.db")
        for article in probes:  # warm the analysis caches and the stemmer, as a running crawl has them
            features_of(article)
        reference = _report("reference: empty store", _link_times(empty, probes))
        empty.close()
        path = Path(tmp) / "large.db"
        store = LinkStore(path)
        print(f"filling the store with {args.articles:,} articles ...", flush=True)
        seconds = _fill(store, args.articles, _vocabulary(probes))
        print(f"  filled in {seconds:.0f} s ({args.articles / seconds:,.0f} articles/s)")
        store.close()
        store = LinkStore(path)  # a cold connection, as a new crawl opens it
        p95 = _report(f"with {args.articles:,} stored", _link_times(store, probes))
        batched = [replace(a, url=f"{a.url}-batched") for a in probes]
        _report("  in batches of 50, per article", _batched_times(store, batched))
        store.close()
        size = sum(p.stat().st_size for p in Path(tmp).glob("large.db*")) / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"p95 ratio to the reference: {p95 / reference:.2f}x")
    print(
        f"peak RSS {peak:.0f} MB; store on disk {size:,.0f} MB ({size * 2**20 / args.articles:,.0f} B per article)"
    )
    ok = p95 <= 10.0
    print(f"target p95 <= 10 ms: {'ok' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
