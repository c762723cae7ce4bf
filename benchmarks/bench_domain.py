"""Domain annotation on real text: relevance and every field of ``annotate`` against ../shared/domain.

The labelled excerpts are third-party material: read from ../shared, never copied. Prints precision
and recall per field beside the targets, the time per article, and (``--errors``) every relevance
error with its score and signals, so a change to the rules can be judged on what it fixes and breaks.
The rules were written with this set in view: it is a development set, and these are not held-out
figures.

    python benchmarks/bench_domain.py [--data ../shared/domain/labelled.jsonl] [--errors]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from pmi_aggregator.domain.annotate import annotate

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "domain" / "labelled.jsonl"
TARGETS = {
    "relevance": (0.95, 0.90),
    "countries": (0.90, 0.80),
    "provinces": (0.90, 0.80),
    "topics": (0.90, 0.80),
    "organizations": (None, None),
}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--errors", action="store_true", help="list the relevance errors")
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"bench_domain: skipped: no labelled set at {args.data} (it lives in ../shared/domain)")
        return 0
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts = {field: [0, 0, 0] for field in TARGETS}  # tp, fp, fn
    errors = []
    started = time.perf_counter()
    results = [annotate(row.get("title") or "", "", row.get("text") or "") for row in rows]
    elapsed = time.perf_counter() - started
    for row, result in zip(rows, results, strict=True):
        labels = row["labels"]
        truth = bool(labels["relevant"])
        tally = counts["relevance"]
        tally[0] += result.relevant and truth
        tally[1] += result.relevant and not truth
        tally[2] += truth and not result.relevant
        if result.relevant != truth:
            errors.append(("false positive" if result.relevant else "missed", row, result))
        for field in ("countries", "provinces", "topics", "organizations"):
            predicted, gold = set(getattr(result, field)), set(labels[field])
            tally = counts[field]
            tally[0] += len(predicted & gold)
            tally[1] += len(predicted - gold)
            tally[2] += len(gold - predicted)
    relevant = sum(bool(r["labels"]["relevant"]) for r in rows)
    print(
        f"annotate() on {len(rows)} labelled excerpts ({relevant} relevant), {1000 * elapsed / len(rows):.2f} ms each"
    )
    print(f"  {'field':<14} {'precision':>9} {'recall':>7}   target (P, R)")
    for field, (tp, fp, fn) in counts.items():
        p_target, r_target = TARGETS[field]
        target = f"{p_target}, {r_target}" if p_target else "-"
        print(f"  {field:<14} {_ratio(tp, tp + fp):9.3f} {_ratio(tp, tp + fn):7.3f}   {target}")
    if args.errors:
        for kind, row, result in errors:
            signals = ", ".join(result.signals) or "no signal"
            print(f"  {kind:<14} {row['id']}  score {result.score:4.1f}  [{signals}]  {row['title'][:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
