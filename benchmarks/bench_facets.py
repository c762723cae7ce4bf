"""Facet counts beside a plain search of the same queries, measured in the same run.

    python benchmarks/bench_facets.py [--docs 100000] [--rounds 5] [--url http://127.0.0.1:9201]

Articles come from ``benchmarks/corpus.py`` with annotations drawn from skewed distributions like the
crawled news (Malaysia, Taiwan and Hong Kong dominate; East Java, Central Java and NTT lead the
provinces; most articles have one or two topics, some none). For each query (the corpus queries,
the empty query, and the same with a country filter), ``index.search(q, limit=20)`` and
``index.facets(q)`` (every field, the top 10) alternate, after a warm-up; p50/p95 of each.
SQLite always; Elasticsearch too when ``--url`` or ``PMI_TEST_ES_URL`` is set (a throw-away alias).
Target: facet p95 <= 3x plain search p95.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import QUERIES, generate
from pmi_aggregator.index.contract import Index

COUNTRIES = {"MY": 30, "TW": 20, "HK": 18, "SA": 8, "SG": 6, "KR": 5, "JP": 4, "AE": 3, "QA": 2, "BN": 2}
PROVINCES = {
    "Jawa Timur": 25,
    "Jawa Tengah": 18,
    "Nusa Tenggara Timur": 15,
    "Jawa Barat": 14,
    "Nusa Tenggara Barat": 12,
    "Lampung": 5,
    "Sumatera Utara": 4,
    "Kalimantan Utara": 3,
    "Kepulauan Riau": 3,
    "Bali": 1,
}
TOPICS = {
    "perekrutan": 20,
    "gaji": 15,
    "kekerasan": 12,
    "deportasi": 10,
    "perdagangan orang": 10,
    "jenazah": 8,
    "remitansi": 7,
    "pelatihan": 6,
    "asuransi": 5,
    "kepulangan": 5,
    "hukum": 2,
}
ORGANIZATIONS = {
    "BP2MI": 30,
    "KP2MI": 20,
    "SBMI": 12,
    "Migrant CARE": 10,
    "KBRI Kuala Lumpur": 8,
    "KDEI Taipei": 8,
}
BATCH = 500


def _pick(rng: random.Random, weights: dict[str, int], sizes: list[int]) -> list[str]:
    """Distinct values, as many as a draw from ``sizes``, each drawn by weight."""
    wanted, values = rng.choice(sizes), list(weights)
    picked: set[str] = set()
    while len(picked) < wanted:
        picked.add(rng.choices(values, weights=list(weights.values()))[0])
    return sorted(picked)


def annotated(count: int) -> Iterator[dict]:
    rng = random.Random(3)
    for doc in generate(count):
        yield {
            **doc,
            "countries": _pick(rng, COUNTRIES, [0, 1, 1, 1, 1, 2]),
            "provinces": _pick(rng, PROVINCES, [0, 0, 1, 1, 1, 2]),
            "organizations": _pick(rng, ORGANIZATIONS, [0, 0, 1, 1, 2]),
            "topics": _pick(rng, TOPICS, [0, 1, 1, 2, 2, 3]),
        }


def load(index: Index, count: int) -> float:
    start = time.perf_counter()
    docs = annotated(count)
    while batch := list(itertools.islice(docs, BATCH)):
        index.upsert(batch)
    return time.perf_counter() - start


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000


def measure(index: Index, rounds: int) -> dict[str, tuple[float, float]]:
    cases = [(q, {}) for q in ["", *QUERIES]] + [(q, {"countries": ["MY"]}) for q in ["", *QUERIES[:10]]]
    for query, filters in cases:  # warm-up: caches, JIT, the page cache
        index.search(query, limit=20, **filters)
        index.facets(query, **filters)
    plain: list[float] = []
    faceted: list[float] = []
    for n in range(rounds):
        for query, filters in cases:
            steps = [("plain", plain), ("facets", faceted)]
            for name, samples in steps if n % 2 == 0 else reversed(steps):
                start = time.perf_counter()
                if name == "plain":
                    _ = [hit.snippet for hit in index.search(query, limit=20, **filters)]
                else:
                    index.facets(query, **filters)
                samples.append(time.perf_counter() - start)
    return {"search": _percentiles(plain), "facets": _percentiles(faceted)}


def report(backend: str, docs: int, seconds: float, figures: dict[str, tuple[float, float]]) -> None:
    (s50, s95), (f50, f95) = figures["search"], figures["facets"]
    print(f"{backend:<13} {docs:,} articles loaded in {seconds:.0f} s")
    print(
        f"{backend:<13} search p50 {s50:.2f} ms p95 {s95:.2f} ms | facets p50 {f50:.2f} ms p95 {f95:.2f} ms"
        f" | p95 ratio {f95 / s95:.2f}x (target <= 3x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5, help="times each query is run")
    parser.add_argument("--url", default=os.environ.get("PMI_TEST_ES_URL"), help="Elasticsearch node")
    args = parser.parse_args()
    from pmi_aggregator.index.sqlite import SqliteIndex

    with (
        tempfile.TemporaryDirectory(prefix="pmi-bench-facets-") as tmp,
        SqliteIndex(Path(tmp) / "facets.db") as sqlite,
    ):
        seconds = load(sqlite, args.docs)
        report("sqlite", args.docs, seconds, measure(sqlite, args.rounds))
    if args.url:
        from elasticsearch import Elasticsearch

        from pmi_aggregator.index.elastic import ElasticIndex

        alias = f"pmi-bench-facets-{uuid.uuid4().hex[:8]}"
        try:
            with ElasticIndex(args.url, alias=alias, request_timeout=120) as elastic:
                seconds = load(elastic, args.docs)
                report("elasticsearch", args.docs, seconds, measure(elastic, args.rounds))
        finally:
            with Elasticsearch(args.url) as es:
                es.options(ignore_status=404).indices.delete(index=f"{alias}*", expand_wildcards="all")


if __name__ == "__main__":
    main()
