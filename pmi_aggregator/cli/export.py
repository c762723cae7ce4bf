"""``pmi export``: every article a search matches, streamed page by page as JSONL, CSV or Parquet.

Paging follows the index's cursor, so an export has no offset ceiling (search pages stop at 10,000)
and holds one page in memory. Parquet is written one row group per page (pyarrow, the ``export``
extra).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import fields
from typing import IO, Any

import click

from pmi_aggregator.article import Article
from pmi_aggregator.cli.output import write_csv
from pmi_aggregator.errors import UsageError
from pmi_aggregator.index import Index

PAGE = 1000
EXPORT_FORMATS = ("jsonl", "csv", "parquet")
FIELDS = ("id", *(f.name for f in fields(Article)), "content_hash")


def require_pyarrow() -> Any:
    """The pyarrow module, or a one-line error that says how to install it."""
    try:
        import pyarrow.parquet  # binds pyarrow too; the writer lives in the submodule
    except ImportError:
        raise UsageError(
            "--format parquet needs pyarrow: pip install 'pmi-aggregator[export]' (or use jsonl or csv)"
        ) from None
    return pyarrow


def pages(index: Index, query: str, search: dict[str, Any]) -> Iterator[tuple[int, list[Article]]]:
    """(total, articles) for each page of the search, following the cursor to the end."""
    cursor: str | None = None
    while True:
        page = index.search(query, **search, limit=PAGE, offset=0, cursor=cursor)
        yield page.total, [hit.article for hit in page]
        if not page.cursor or len(page) < PAGE:
            return
        cursor = page.cursor


Writer = Callable[[list[Article]], None]


def jsonl_writer(out: IO[str] | None) -> Writer:
    def write(articles: list[Article]) -> None:
        for article in articles:
            click.echo(json.dumps(article.to_dict(), ensure_ascii=False), file=out)

    return write


def csv_writer(out: IO[str] | None) -> Writer:
    first = True

    def write(articles: list[Article]) -> None:
        nonlocal first
        write_csv((a.to_dict() for a in articles), FIELDS, header=first, file=out)
        first = False

    return write


class ParquetWriter:
    """Pages as row groups; the schema follows the Article fields (dates as UTC timestamps)."""

    def __init__(self, target: str | IO[bytes]) -> None:
        pa = require_pyarrow()
        self._pa = pa
        self.schema = pa.schema([(name, _arrow_type(pa, name)) for name in FIELDS])
        self._writer = pa.parquet.ParquetWriter(target, self.schema)

    def __call__(self, articles: list[Article]) -> None:
        columns = {name: [getattr(a, name) for a in articles] for name in FIELDS}
        self._writer.write_table(self._pa.table(columns, schema=self.schema))

    def close(self) -> None:
        self._writer.close()


def _arrow_type(pa: Any, name: str) -> Any:
    declared = {f.name: str(f.type) for f in fields(Article)}.get(name, "str")
    if "list" in declared:
        return pa.list_(pa.string())
    if "datetime" in declared:
        return pa.timestamp("us", tz="UTC")
    return pa.string()


def binary_stdout() -> IO[bytes]:
    """Stdout for Parquet, refused on a terminal (it would print binary noise)."""
    if sys.stdout.isatty():
        raise UsageError("Parquet is binary: pass -o FILE.parquet or redirect the output to a file")
    return sys.stdout.buffer
