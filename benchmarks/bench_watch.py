"""A watch run beside a reader of every match of its query (``index.search`` paged by cursor).

    python benchmarks/bench_watch.py [--docs 20000] [--new 200] [--rounds 3]

An embedded index of ``--docs`` generated articles (``benchmarks/corpus.py``) and one watch per
corpus query plus the empty query (everything). Reference: ``index.search`` paged by cursor over every
match of each query, as ``pmi export`` does; a run reads every match too (``Index.iter_matches``), but
makes snippets and content hashes only for the new ones. Measured: a run with nothing new, and a run after ``--new``
articles arrive (recorded, queued for JSON lines, delivered); medians of alternated rounds. A run's cost follows its matches, not
what is new; the ratio says what the record adds to the search. Target: a run with nothing new <= 1x reference.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpus import QUERIES, generate
from pmi_aggregator.index.contract import Index
from pmi_aggregator.index.sqlite import SqliteIndex
from pmi_aggregator.watch.model import Watch
from pmi_aggregator.watch.run import run_watches
from pmi_aggregator.watch.service import add_watch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--new", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        spec = str(Path(folder) / "bench.db")
        index = SqliteIndex(spec)
        articles = list(generate(args.docs + args.new))
        index.upsert(articles[: args.docs])
        watches = [Watch(f"w{n}", query, jsonl=True) for n, query in enumerate(["", *QUERIES])]
        for watch in watches:
            add_watch(watch, spec)
        page_all = lambda: sum(_page_every_match(index, w.query) for w in watches)  # noqa: E731
        quiet_run = lambda: run_watches(index_spec=spec, emit=lambda line: None)  # noqa: E731
        matches = page_all()  # and a warm-up: the file in the page cache for both measurements
        references, quiets = [], []
        for _ in range(args.rounds):  # alternated, so a busy machine slows both alike
            references.append(_timed(page_all))
            quiets.append(_timed(quiet_run))
        reference, quiet = statistics.median(references), statistics.median(quiets)
        index.upsert(articles[args.docs :])
        busy = _timed(lambda: run_watches(index_spec=spec, emit=lambda line: None))
        index.close()
    print(f"{len(watches)} watches, {matches} matches over {args.docs} articles, {args.new} new")
    print(f"reference (page every match): {reference:.2f} s")
    print(f"quiet run:  {quiet:.2f} s  {quiet / reference:.2f}x reference (target <= 1x)")
    print(f"run with new articles: {busy:.2f} s  {busy / reference:.2f}x reference")


def _page_every_match(index: Index, query: str) -> int:
    """What ``pmi export`` does: every hit of the query, page by page through the cursor."""
    count, cursor = 0, None
    while True:
        results = index.search(query, sort="newest", limit=500, cursor=cursor)
        count += len(results)
        if results.cursor is None:
            return count
        cursor = results.cursor


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
