"""The web UI's first page and its separate requests, over HTTP, against the index calls behind them.

    python benchmarks/bench_web.py [--docs 100000] [--rounds 5] [--db FILE]

Builds an embedded index of ``--docs`` annotated articles (``bench_facets``; ``--db`` keeps the file
and reuses it on the next run), serves it with uvicorn on 127.0.0.1 in this process, and times, per
query (the empty query, corpus queries, the same with a country filter): the page (``/``: one search),
its facets and timeline fragments, the first view as a browser loads it (the page, then both fragments
at once), and the index calls alone (``index.search``, ``index.facets``, ``index.stats``) as the
reference measured in the same run. p50/p95 of each. Target: the page p95 <= 300 ms at 100,000.
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_facets import load
from benchmarks.corpus import QUERIES
from pmi_aggregator.index.sqlite import SqliteIndex


def _serve(index: SqliteIndex) -> tuple[int, Callable[[], None]]:
    import uvicorn

    from pmi_aggregator.web.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(index, token=None, check_host=True), port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)

    def stop() -> None:
        server.should_exit = True
        thread.join()

    return port, stop


def _get(port: int, path: str) -> float:
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status != 200:
        raise SystemExit(f"{path}: HTTP {response.status}")
    return time.perf_counter() - start


def _ms(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50, p95 = statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000
    return f"p50 {p50:7.1f} ms  p95 {p95:7.1f} ms"


def measure(index: SqliteIndex, port: int, rounds: int) -> dict[str, list[float]]:
    cases = [{"q": q} for q in ["", *QUERIES[:8]]] + [{"q": q, "country": "MY"} for q in ["", *QUERIES[:3]]]
    names = ("index.search", "index.facets", "index.stats", "page", "facets", "timeline", "first view")
    samples: dict[str, list[float]] = {name: [] for name in names}
    pool = ThreadPoolExecutor(2)

    def timed(name: str, call: Callable[[], object]) -> None:
        start = time.perf_counter()
        call()
        samples[name].append(time.perf_counter() - start)

    for n in range(rounds + 1):  # the first round warms the caches and is not counted
        for case in cases:
            query, filters = case["q"], {"countries": [case["country"]]} if "country" in case else {}
            qs = urlencode(case)
            timed(
                "index.search", lambda q=query, f=filters: [h.snippet for h in index.search(q, limit=20, **f)]
            )
            timed("index.facets", lambda q=query, f=filters: index.facets(q, **f))
            timed("index.stats", lambda q=query, f=filters: index.stats(q, by="month", **f))
            samples["page"].append(_get(port, f"/?{qs}"))
            samples["facets"].append(_get(port, f"/fragment/facets?{qs}"))
            samples["timeline"].append(_get(port, f"/fragment/timeline?{qs}"))
            start = time.perf_counter()
            _get(port, f"/?{qs}")
            list(pool.map(lambda p: _get(port, p), [f"/fragment/facets?{qs}", f"/fragment/timeline?{qs}"]))
            samples["first view"].append(time.perf_counter() - start)
        if n == 0:
            samples = {name: [] for name in names}
    pool.shutdown()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--db", help="index file to keep (built when missing, else reused)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pmi-bench-web-") as tmp:
        path = Path(args.db or Path(tmp) / "web.db")
        fresh = not path.exists()
        with SqliteIndex(path) as index:
            if fresh:
                print(f"{args.docs:,} articles loaded in {load(index, args.docs):.0f} s")
            print(f"{index.count():,} articles in {path}")
            port, stop = _serve(index)
            try:
                samples = measure(index, port, args.rounds)
            finally:
                stop()
    reference = statistics.median(samples["index.search"])
    for name, values in samples.items():
        ratio = statistics.median(values) / reference
        print(f"{name:<13} {_ms(values)}  p50 {ratio:5.2f}x index.search")
    worst = sorted(samples["page"])[int(0.95 * (len(samples["page"]) - 1))] * 1000
    print(f"page p95 {worst:.0f} ms (target <= 300 ms)")


if __name__ == "__main__":
    main()
