"""How each field shows in the tables of every command: header, importance, width, wrapping.

One table per field name, so a column looks the same wherever it appears (``source`` in search, crawl
and ``pmi sources``). Priority 0 is dropped last when the terminal is narrow.
"""

from __future__ import annotations

from collections.abc import Sequence

from pmi_aggregator.cli.output import Column

_KNOWN = {
    c.name: c
    for c in (
        Column("source", priority=0, max_width=18, min_width=8),
        Column("status", priority=0, max_width=12),
        Column("published", "date", priority=1, max_width=10),
        Column("title", priority=0, wrap=True, min_width=16),
        Column("id", priority=1, max_width=20, min_width=20),
        Column("snippet", detail=True, marked=True, max_lines=2),
        Column("url", detail=True, max_lines=3),
        Column("found", priority=2, max_width=7),
        Column("new", priority=2, max_width=7),
        Column("updated", "upd", priority=3, max_width=7),
        Column("unchanged", "same", priority=4, max_width=7),
        Column("failed", "fail", priority=1, max_width=7),
        Column("pending", "pend", priority=2, max_width=7),
        Column("via", priority=5, max_width=10),
        Column("error", priority=1, wrap=True, min_width=24, max_lines=3),
        Column("kind", priority=6, max_width=11),
        Column("enabled", "on", priority=3, max_width=3),
        Column("last_run", "last run", priority=2, max_width=16, min_width=10),
        Column("articles", "arts", priority=1, max_width=7),
        Column("errors", "errs", priority=2, max_width=6),
        Column("date_fill", "date%", priority=5, max_width=5),
        Column("author_fill", "auth%", priority=6, max_width=5),
        Column("body_fill", "body%", priority=5, max_width=5),
        Column("last_error", "last error", priority=4, wrap=True, min_width=12),
        Column("empty_title", "no title", priority=2, max_width=8),
        Column("empty_date", "no date", priority=2, max_width=8),
        Column("empty_author", "no auth", priority=3, max_width=8),
        Column("empty_body", "no body", priority=2, max_width=8),
        Column("site", priority=5, max_width=40, min_width=12),
        Column("note", priority=3, wrap=True, min_width=16),
        Column("name", priority=0, max_width=24),
        Column("value", priority=0, wrap=True, max_lines=4, min_width=20),
        Column("query", priority=0, wrap=True, max_lines=2, min_width=12),
        Column("outputs", priority=1, wrap=True, min_width=8),
        Column("matched", "match", priority=1, max_width=7),
        Column("dead", priority=2, max_width=5),
        Column("outlets", priority=1, max_width=12),
    )
}


def specs(names: Sequence[str]) -> list[Column]:
    """The columns for these field names (an unknown name shows as is)."""
    return [_KNOWN.get(name) or Column(name) for name in names]
