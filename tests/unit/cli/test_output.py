"""The renderer: tables that fit, columns dropped by priority, snippets that keep their match."""

from __future__ import annotations

import re

import pytest

from pmi_aggregator.cli.columns import specs
from pmi_aggregator.cli.output import Column, render_table

SNIPPET = "…" + "kata " * 60 + "sindikat yang <mark>merekrut</mark> calon pekerja " + "lagi " * 40
ROW = {
    "published": "2025-01-02",
    "source": "apakabaronline",
    "title": "Perekrutan PMI ilegal di Jawa Timur berhasil diungkap polisi setempat",
    "id": "5f0c2d6e1a",
    "snippet": SNIPPET,
    "url": "https://example.org/berita/" + "x" * 120,
}
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("width", [80, 100, 132])
@pytest.mark.parametrize("highlight", [False, True])
def test_search_rows_fit_and_keep_the_match(width: int, highlight: bool):
    lines, dropped = render_table(
        [ROW] * 3,
        specs(["published", "source", "title", "id", "snippet", "url"]),
        width=width,
        highlight=highlight,
    )
    assert dropped == []
    assert max(len(ANSI.sub("", line)) for line in lines) <= width
    text = "\n".join(lines)
    assert ("\x1b[1mmerekrut\x1b[0m" if highlight else "*merekrut*") in text
    assert "apakabaronline" in text and "5f0c2d6e1a" in text
    assert "".join(line.strip() for line in lines if "example.org" in line or "xxx" in line).startswith(
        "https://"
    )


def test_columns_are_dropped_by_priority_before_values_are_cut():
    columns = [
        Column("key", priority=0),
        Column("a", priority=9),
        Column("b", priority=1),
        Column("c", priority=5),
    ]
    row = {"key": "k" * 30, "a": "a" * 30, "b": "b" * 30, "c": "c" * 30}
    lines, dropped = render_table([row], columns, width=80)
    assert dropped == ["a", "c"]
    assert lines[2] == "k" * 30 + "  " + "b" * 30


def test_a_wrapping_column_wraps_instead_of_losing_words():
    lines, _ = render_table(
        [{"k": "x", "t": "satu dua tiga empat lima enam"}],
        [Column("k"), Column("t", wrap=True, min_width=6, max_lines=5)],
        width=14,
    )
    wrapped = [line[3:].strip() for line in lines[2:]]
    assert wrapped == ["satu dua", "tiga empat", "lima enam"]
    assert max(map(len, lines)) <= 14


def test_what_does_not_fit_in_max_lines_ends_with_an_ellipsis():
    lines, _ = render_table([{"t": "kata " * 100}], [Column("t", wrap=True, max_lines=2)], width=80)
    assert len(lines) == 4 and lines[-1].endswith("…")
    assert max(map(len, lines)) <= 80


def test_a_highlight_broken_across_lines_is_closed_and_reopened():
    snippet = "awal <mark>" + "panjang " * 30 + "</mark> akhir"
    lines, _ = render_table(
        [{"k": "x", "s": snippet}],
        [Column("k"), Column("s", detail=True, marked=True, max_lines=4)],
        width=80,
        highlight=True,
    )
    for line in lines[3:]:
        assert line.count("\x1b[1m") == line.count("\x1b[0m")


def test_empty_values_render_as_blank_cells():
    lines, _ = render_table([{"a": None, "b": [], "c": True}], ["a", "b", "c"], width=80)
    assert lines[2].rstrip().endswith("yes")
