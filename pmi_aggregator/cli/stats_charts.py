"""Charts of ``pmi stats``: bars per period on a terminal (rich), and a PNG file (matplotlib, optional).

With a split, one small chart per split value, all on the same scale so that they compare at a glance.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from pmi_aggregator.errors import UsageError
from pmi_aggregator.index.periods import PeriodCounts

BAR_WIDTH = 30
"""Characters of the longest bar in a terminal chart."""


def series(stats: PeriodCounts) -> list[tuple[str | None, list[tuple[str, int]]]]:
    """Per split value with dated articles (None without a split), the count of every period of the
    whole chart (0 included), most articles first."""
    periods = sorted({p for p, _, _ in stats.periods})
    counts = {(p, g): n for p, g, n in stats.periods}
    dated = {g for _, g, _ in stats.periods}
    return [(g, [(p, counts.get((p, g), 0)) for p in periods]) for g in stats.groups if g in dated]


def print_terminal_chart(stats: PeriodCounts, file: IO[str], width: int) -> None:
    """Bars per period (and per split value, side by side while they fit) on ``file``."""
    from rich.bar import Bar
    from rich.columns import Columns
    from rich.console import Console
    from rich.table import Table

    drawn = series(stats)
    top = max((n for _, points in drawn for _, n in points), default=0)
    if not top:
        return
    charts = []
    for group, points in drawn:
        table = Table(title=group, box=None, show_header=False, padding=(0, 1), title_justify="left")
        table.add_column(no_wrap=True)
        table.add_column(width=BAR_WIDTH if group is None else BAR_WIDTH // 2)
        table.add_column(justify="right")
        for period, n in points:
            table.add_row(period, Bar(size=top, begin=0, end=n), str(n))
        charts.append(table)
    console = Console(file=file, width=width, highlight=False)
    console.print(charts[0] if stats.split is None else Columns(charts, padding=(1, 3)))


def write_png(stats: PeriodCounts, path: str | Path, title: str) -> bool:
    """A bar chart (small multiples with a split) as a PNG file; needs the ``charts`` extra.
    False when no dated article matches, and so there is nothing to draw (no file is written)."""
    try:
        import matplotlib
    except ImportError:
        raise UsageError("--png needs matplotlib: pip install 'pmi-aggregator[charts]'") from None
    matplotlib.use("Agg")  # no display: files only
    from matplotlib import pyplot

    drawn = series(stats)
    if not drawn:
        return False
    columns = 1 if len(drawn) == 1 else 2
    rows = -(-len(drawn) // columns)
    figure, axes = pyplot.subplots(rows, columns, figsize=(9, 2.6 * rows + 0.8), sharey=True, squeeze=False)
    for ax, (group, points) in zip(axes.flat, drawn, strict=False):
        labels = [p for p, _ in points]
        ax.bar(range(len(points)), [n for _, n in points], color="#3b6ea5")
        ax.set_title(group or "articles", fontsize=9, loc="left")
        step = max(1, len(labels) // 8)
        ax.set_xticks(range(0, len(labels), step), labels[::step], rotation=45, ha="right", fontsize=7)
    for ax in list(axes.flat)[len(drawn) :]:
        ax.set_visible(False)
    undated = f"; {stats.undated_total} undated articles not shown" if stats.undated_total else ""
    figure.suptitle(f"{title} per {stats.by} (WIB){undated}", fontsize=10)
    figure.tight_layout()
    try:
        figure.savefig(path, dpi=100)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        pyplot.close(figure)
    return True
