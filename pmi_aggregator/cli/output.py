"""The one renderer of command output: tables that fit the terminal, and JSON, JSONL and CSV.

A table fits 80 columns, or the terminal when it is wider. When the natural widths do not fit, wrapping
columns narrow first, then the least important columns are left out (named on stderr), and only then
are values cut with "…". A *detail* column (a snippet, a URL) gets its own full-width lines
under its row; a snippet is cut around its first highlighted match, so the match always shows.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

import click

MIN_WIDTH = 80
GAP = "  "
_OPEN, _CLOSE = "\ue000", "\ue001"
"""Zero-width stand-ins for a highlight while the layout is computed."""
_MARK = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


@dataclass(frozen=True)
class Column:
    """How one field shows in a table; a lower ``priority`` is kept longer when space runs out."""

    name: str
    header: str = ""
    priority: int = 5
    max_width: int | None = None
    min_width: int = 6
    wrap: bool = False
    max_lines: int = 2
    detail: bool = False
    marked: bool = False

    @property
    def title(self) -> str:
        return self.header or self.name


ColumnSpec = Column | str


def table_width() -> int:
    """80 columns, or the terminal's width when it is wider (``COLUMNS`` counts when not a terminal)."""
    return max(MIN_WIDTH, shutil.get_terminal_size((MIN_WIDTH, 24)).columns)


def cell(value: Any) -> str:
    """One line of text for a value: lists joined with "; ", whitespace collapsed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return " ".join(str(value).split())


def render_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[ColumnSpec],
    *,
    width: int | None = None,
    highlight: bool = False,
) -> tuple[list[str], list[str]]:
    """(the table's lines, the names of the columns left out for lack of width)."""
    width = width or table_width()
    specs = [c if isinstance(c, Column) else Column(c) for c in columns]
    inline = [c for c in specs if not c.detail]
    details = [c for c in specs if c.detail]
    text = [{c.name: _prepare(row.get(c.name), c, highlight) for c in specs} for row in rows]
    widths = {
        c.name: min(max([len(c.title), *(_vlen(t[c.name]) for t in text)]), c.max_width or width)
        for c in inline
    }
    dropped = _drop_to_fit(inline, widths, width)
    shown = [c for c in inline if c.name not in dropped]
    _narrow(shown, widths, width)
    lines = [GAP.join(c.title[: widths[c.name]].ljust(widths[c.name]) for c in shown).rstrip()]
    lines.append(GAP.join("-" * widths[c.name] for c in shown))
    for row in text:
        cells = [_cell_lines(row[c.name], widths[c.name], c.max_lines if c.wrap else 1) for c in shown]
        for n in range(max(len(c) for c in cells)):
            parts = [
                _pad(c[n] if n < len(c) else "", widths[col.name])
                for c, col in zip(cells, shown, strict=True)
            ]
            lines.append(_finish(GAP.join(parts).rstrip(), highlight))
        for column in details:
            value = row[column.name]
            if value:
                budget = (width - len(GAP)) * column.max_lines
                value = _focus(value, budget) if column.marked else value
                for line in _cell_lines(value, width - len(GAP), column.max_lines):
                    lines.append(_finish(GAP + line, highlight))
    return lines, dropped


def print_table(
    rows: Sequence[Mapping[str, Any]],
    columns: Sequence[ColumnSpec],
    *,
    empty: str = "(no rows)",
    highlight: bool | None = None,
) -> None:
    """Print a table on stdout; a note on stderr names the columns it had to leave out."""
    if not rows:
        click.echo(empty)
        return
    lines, dropped = render_table(
        rows, columns, highlight=sys.stdout.isatty() if highlight is None else highlight
    )
    for line in lines:
        click.echo(line)
    if dropped:
        click.echo(f"(not shown for lack of width: {', '.join(dropped)}; try --format json)", err=True)


def print_records(rows: Iterable[Mapping[str, Any]], fmt: str, fields: Sequence[str] | None = None) -> None:
    """``json`` (one array), ``jsonl`` (one object a line) or ``csv`` (``fields``, with a header)."""
    if fmt == "json":
        print_json(list(rows))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        write_csv(rows, fields or [], header=True)
    else:
        raise ValueError(f"not a record format: {fmt}")


def print_json(payload: Any) -> None:
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def write_csv(
    rows: Iterable[Mapping[str, Any]], fields: Sequence[str], *, header: bool, file: IO[str] | None = None
) -> None:
    """CSV rows (on stdout by default), lists joined with "; " (a spreadsheet's cell holds one value)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(fields), extrasaction="ignore")

    def flush() -> None:  # row by row: an export of any size streams
        click.echo(buffer.getvalue(), nl=False, file=file)
        buffer.seek(0)
        buffer.truncate()

    if header:
        writer.writeheader()
        flush()
    for row in rows:
        writer.writerow({f: cell(row.get(f)) for f in fields})
        flush()


# -- layout -------------------------------------------------------------------------------------------
def _prepare(value: Any, column: Column, highlight: bool) -> str:
    text = cell(value)
    if column.marked:
        return _MARK.sub(f"{_OPEN}\\1{_CLOSE}" if highlight else "*\\1*", text)
    return text


def _vlen(text: str) -> int:
    return len(text) - text.count(_OPEN) - text.count(_CLOSE)


def _room(columns: Sequence[Column], widths: Mapping[str, int]) -> int:
    return sum(widths[c.name] for c in columns) + len(GAP) * (len(columns) - 1)


def _least(column: Column, widths: Mapping[str, int]) -> int:
    return min(widths[column.name], column.min_width)


def _drop_to_fit(columns: Sequence[Column], widths: Mapping[str, int], width: int) -> list[str]:
    """Leave out the least important columns until the rest fit, wrapping ones at their narrowest.

    A column is left out before any other is cut short: a cut value ("apakabaron…") misleads.
    """
    kept = list(columns)
    dropped: list[str] = []

    def needed() -> int:
        room = sum(_least(c, widths) if c.wrap else widths[c.name] for c in kept)
        return room + len(GAP) * (len(kept) - 1)

    while len(kept) > 1 and needed() > width:
        victim = max(reversed(kept), key=lambda c: c.priority)
        if victim.priority == min(c.priority for c in kept):
            break  # only the most important are left: cut them instead
        kept.remove(victim)
        dropped.append(victim.name)
    return dropped


def _narrow(columns: Sequence[Column], widths: dict[str, int], width: int) -> None:
    """Take the excess from the widest wrapping column first, then cut the widest of the others."""
    for group in ([c for c in columns if c.wrap], [c for c in columns if not c.wrap]):
        while _room(columns, widths) > width:
            spare = [c for c in group if widths[c.name] > _least(c, widths)]
            if not spare:
                break
            widest = max(spare, key=lambda c: widths[c.name])
            widths[widest.name] -= 1
    if len(columns) == 1 and widths[columns[0].name] > width:
        widths[columns[0].name] = width


def _cell_lines(text: str, width: int, max_lines: int) -> list[str]:
    """Wrap at spaces into at most ``max_lines`` lines; what does not fit ends with "…"."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        while _vlen(word) > width:  # a word longer than the column is broken
            head, word = _split_visible(word, width - _vlen(current) - (1 if current else 0))
            if head:
                lines.append(f"{current} {head}" if current else head)
                current = ""
            elif current:
                lines.append(current)
                current = ""
        candidate = f"{current} {word}" if current else word
        if _vlen(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while _vlen(last) > width - 1:
            last = _split_visible(last, _vlen(last) - 1)[0]
        lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
    return _balance(lines)


def _balance(lines: list[str]) -> list[str]:
    """A highlight cut by a line break is closed at the end of the line and reopened on the next."""
    balanced, inside = [], False
    for line in lines:
        line = (_OPEN if inside else "") + line
        inside = line.rfind(_OPEN) > line.rfind(_CLOSE)
        balanced.append(line + (_CLOSE if inside else ""))
    return balanced


def _split_visible(text: str, count: int) -> tuple[str, str]:
    """Split after ``count`` visible characters (highlight markers take no room)."""
    seen = 0
    for i, char in enumerate(text):
        if char in (_OPEN, _CLOSE):
            continue
        if seen == max(0, count):
            return text[:i], text[i:]
        seen += 1
    return text, ""


def _pad(text: str, width: int) -> str:
    if _vlen(text) > width:
        text = _split_visible(text, width - 1)[0] + "…"
    return text + " " * (width - _vlen(text))


def _focus(text: str, budget: int) -> str:
    """A window of ``budget`` visible characters that starts a little before the first match."""
    if _vlen(text) <= budget:
        return text
    first = min((i for i in (text.find(_OPEN), text.find("*")) if i >= 0), default=0)
    start = max(0, first - budget // 4)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    window = _split_visible(text[start:], budget - 2)[0]
    if len(window) < len(text) - start:
        space = window.rfind(" ")
        window = window[:space] if space > len(window) // 2 else window
    opened = window.count(_OPEN) > window.count(_CLOSE)
    return ("…" if start else "") + window + (_CLOSE if opened else "") + "…"


def _finish(line: str, highlight: bool) -> str:
    """Markers become bold on a terminal (without one they were never inserted)."""
    return line.replace(_OPEN, _BOLD).replace(_CLOSE, _RESET) if highlight else line
