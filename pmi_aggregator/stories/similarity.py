"""When two articles are copies of one text, and when they report one event: pairwise and symmetric.

Both tests read only the two articles' features, never the rest of the index, so the groups they
make do not depend on the order in which articles arrive (the crawl and ``link_stories`` agree).
The thresholds were chosen on the labelled set (``benchmarks/bench_stories.py`` prints the curves).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from pmi_aggregator.stories.attribution import outlet_key
from pmi_aggregator.stories.features import COUNTRY, Features


@dataclass(frozen=True)
class Thresholds:
    copy: float = 0.6
    """Estimated containment of word pairs (of the shorter text in the longer) for a copy."""
    credited_copy: float = 0.45
    """The same, when one article credits the other's outlet or both credit the same one."""
    story: float = 0.2
    """Jaccard of key terms (names, places, agencies, figures, annotations) for one event."""
    window_days: int = 3
    """Reports of one event are published at most this many days apart."""
    figure_tolerance: float = 0.05
    """Headline counts this close (relative) are the same count told by two outlets."""


DEFAULT = Thresholds()


def jaccard(a: Features, b: Features) -> float:
    """The MinHash estimate of the Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a.signature == b.signature)) / len(a.signature)


def containment(a: Features, b: Features) -> float:
    """How much of the shorter text's shingles the longer one holds, from the Jaccard estimate."""
    smaller = min(a.shingles, b.shingles)
    if smaller == 0:
        return 0.0
    j = jaccard(a, b)
    return min(1.0, j * (a.shingles + b.shingles) / ((1 + j) * smaller))


def credits_each_other(a: Features, b: Features) -> bool:
    """One credits the other's outlet, or both credit the same outlet."""
    if a.credited and (a.credited == b.credited or a.credited == outlet_key(b.source)):
        return True
    return bool(b.credited and b.credited == outlet_key(a.source))


def is_copy(a: Features, b: Features, thresholds: Thresholds = DEFAULT) -> bool:
    needed = thresholds.credited_copy if credits_each_other(a, b) else thresholds.copy
    return containment(a, b) >= needed


def key_jaccard(a: Features, b: Features) -> float:
    union = len(a.keys | b.keys)
    return len(a.keys & b.keys) / union if union else 0.0


def within_window(a: Features, b: Features, thresholds: Thresholds = DEFAULT) -> bool:
    return a.day is not None and b.day is not None and abs(a.day - b.day) <= thresholds.window_days


def different_countries(a: Features, b: Features) -> bool:
    """Both name where the workers are, and no country is common: two events, however alike the rest
    (deportees from Malaysia and from Saudi Arabia landing at one airport on consecutive days)."""
    mine = {k for k in a.keys if k.startswith(COUNTRY)}
    theirs = {k for k in b.keys if k.startswith(COUNTRY)}
    return bool(mine and theirs) and not mine & theirs


def different_figures(a: Features, b: Features, thresholds: Thresholds = DEFAULT) -> bool:
    """Both lead with counts and none of them agree (within ``figure_tolerance``): two events, such as
    two groups of deportees landing at one airport on different days. Reports of one event give the
    same count, or nearly (217 and 216 deportees)."""
    if not (a.figures and b.figures):
        return False
    tolerance = thresholds.figure_tolerance
    if any(abs(x - y) <= max(2, tolerance * max(x, y)) for x in a.figures for y in b.figures):
        return False
    # One report's headline count in the other's text (554 found, 400 brought home): one event.
    return not any(str(x) in b.keys for x in a.figures) and not any(str(y) in a.keys for y in b.figures)


def same_event(a: Features, b: Features, thresholds: Thresholds = DEFAULT) -> bool:
    """Reports of one event: published within the window, sharing enough names, places and figures,
    not set in different countries, not leading with different counts."""
    return (
        within_window(a, b, thresholds)
        and key_jaccard(a, b) >= thresholds.story
        and not different_countries(a, b)
        and not different_figures(a, b, thresholds)
    )


def least_shared_keys(features: Features, thresholds: Thresholds = DEFAULT) -> int:
    """Keys any article must share with ``features`` to pass ``same_event``: J >= t needs |A∩B| >= t|A|."""
    return max(1, math.ceil(thresholds.story * len(features.keys) - 1e-9))
