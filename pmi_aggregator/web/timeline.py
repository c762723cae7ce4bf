"""The timeline of matches: bar geometry for a server-rendered SVG (no script, no chart library)."""

from __future__ import annotations

from dataclasses import dataclass

from pmi_aggregator.index.periods import PeriodCounts

WIDTH, HEIGHT, LABEL_ROOM = 640, 70, 14
MAX_LABELS = 8


@dataclass(frozen=True)
class Bar:
    period: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Timeline:
    bars: list[Bar]
    labels: list[Bar]
    """The bars whose period is written under the axis: a few, evenly spaced."""
    top: int
    undated: int
    by: str
    width: int = WIDTH
    height: int = HEIGHT + LABEL_ROOM
    axis_y: int = HEIGHT


def timeline(stats: PeriodCounts) -> Timeline:
    """One bar per period with matches, scaled to the highest; the undated count apart."""
    points = [(p, n) for p, _, n in stats.periods]
    top = max((n for _, n in points), default=0)
    slot = WIDTH / max(len(points), 1)
    bars = [
        Bar(period, n, i * slot + slot * 0.1, HEIGHT - HEIGHT * n / top, slot * 0.8, HEIGHT * n / top)
        for i, (period, n) in enumerate(points)
    ]
    step = max(1, -(-len(bars) // MAX_LABELS))
    return Timeline(bars, bars[::step], top, stats.undated_total, stats.by)
