"""Story linking against labelled groups: pairwise precision, recall and F1 for copies and same-event stories.

Groups: the labelled set's stories (``labels.story``, ``labels.story_kind``) and copies generated from
../shared/realpages (``tests.support.story_corpus``). Copies are scored on copy groups (gold: pairs of
one ``syndicated`` group), same-event reports on the labelled set's stories (gold: pairs of one
``same_event`` group; a predicted pair of one syndicated group is right at the other level and left
out; generated copies are labelled as copies only, so they are left out too). Prints the curves of
each threshold around the defaults, then the defaults' figures beside the targets. The thresholds were
chosen on this set: a development set, so these are not held-out figures.

    python benchmarks/bench_stories.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pmi_aggregator.stories.linker import Linker
from pmi_aggregator.stories.similarity import DEFAULT, Thresholds
from pmi_aggregator.stories.store import LinkStore
from tests.support.story_corpus import GENERATED, Item, generated_items, labelled_items

SHARED = Path(__file__).resolve().parents[2] / "shared"
TARGETS = {"copies": (None, 0.95), "same-event": (0.90, 0.70)}
"""Level -> (precision, F1) targets."""


def _pairs(groups: dict[str, str]) -> set[frozenset[str]]:
    members: dict[str, list[str]] = {}
    for article_id, group in groups.items():
        members.setdefault(group, []).append(article_id)
    return {frozenset(p) for ids in members.values() for p in itertools.combinations(sorted(ids), 2)}


def _score(predicted: set[frozenset[str]], gold: set[frozenset[str]]) -> tuple[float, float, float]:
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(items: list[Item], thresholds: Thresholds) -> dict[str, tuple[float, float, float]]:
    store = LinkStore(":memory:", thresholds)
    Linker(store).link(article for article, _, _ in items)
    copies, stories = store.copy_groups(), store.stories()
    store.close()
    gold = {kind: {a.id: g for a, g, k in items if g and k == kind} for kind in ("syndicated", "same_event")}
    syndicated, same_event = _pairs(gold["syndicated"]), _pairs(gold["same_event"])
    labelled = {a.id for a, g, _ in items if not (g or "").startswith(GENERATED)}
    return {
        "copies": _score(_pairs(copies), syndicated),
        "same-event": _score(
            _pairs({i: s for i, s in stories.items() if i in labelled}) - syndicated, same_event
        ),
    }


def _line(label: str, figures: dict[str, tuple[float, float, float]]) -> str:
    return f"{label:<28}" + "".join(
        f"  {level}: P {p:.2f} R {r:.2f} F1 {f:.2f}" for level, (p, r, f) in figures.items()
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args()
    labelled = args.shared / "domain" / "labelled.jsonl"
    if not labelled.is_file():
        print(f"bench_stories: skipped: no labelled set at {labelled} (it lives in ../shared/domain)")
        return 0
    items = labelled_items(labelled)
    realpages = args.shared / "realpages"
    if realpages.is_dir():
        items += generated_items(realpages)
    else:
        print(f"bench_stories: no generated copies: {realpages} is absent")
    groups = {g for _, g, _ in items if g}
    print(f"{len(items)} articles, {len(groups)} groups")
    curves = {
        "copy": [0.4, 0.5, 0.6, 0.7, 0.8],
        "credited_copy": [0.25, 0.35, 0.45, 0.6],
        "story": [0.12, 0.15, 0.18, 0.2, 0.25, 0.3, 0.4],
        "window_days": [1, 2, 3, 5, 7],
        "figure_tolerance": [0.0, 0.02, 0.05, 0.1, 0.2],
    }
    for name, values in curves.items():
        print(f"\n{name} (default {getattr(DEFAULT, name)})")
        for value in values:
            print(_line(f"  {name}={value}", evaluate(items, replace(DEFAULT, **{name: value}))))
    started = time.perf_counter()
    figures = evaluate(items, DEFAULT)
    elapsed = time.perf_counter() - started
    print(f"\ndefaults, {elapsed / len(items) * 1000:.2f} ms per article")
    failed = False
    for level, (p, r, f) in figures.items():
        target_p, target_f = TARGETS[level]
        ok = f >= target_f and (target_p is None or p >= target_p)
        failed |= not ok
        wanted = f"F1 >= {target_f}" + (f", P >= {target_p}" if target_p else "")
        print(f"  {level:<11} P {p:.3f}  R {r:.3f}  F1 {f:.3f}   target {wanted}  {'ok' if ok else 'MISSED'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
