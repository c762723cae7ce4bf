"""Indexes: the contract, and ``open_index`` which picks a backend from a URL or path."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from pmi_aggregator.errors import IndexFailure, IndexUnavailable, QueryError
from pmi_aggregator.index.contract import Hit, Index, SearchResults, UpsertResult
from pmi_aggregator.index.location import is_remote, resolve_index_spec, sqlite_path

if TYPE_CHECKING:
    from pmi_aggregator.index.sqlite import SqliteIndex

__all__ = [
    "Hit",
    "Index",
    "IndexFailure",
    "IndexUnavailable",
    "QueryError",
    "SearchResults",
    "UpsertResult",
    "open_index",
    "resolve_index_spec",
]


def open_index(spec: str | os.PathLike[str] | None = None, **options: object) -> Index:
    """Open an index by URL or path.

    ``http(s)://…`` is an Elasticsearch cluster; ``sqlite:///path.db`` or a plain path is an embedded
    SQLite file; nothing means ``PMI_INDEX``, the config file's ``index``, or the default data file.
    """
    target = resolve_index_spec(spec)
    if is_remote(target):
        from pmi_aggregator.config import load_config
        from pmi_aggregator.index.elastic import ElasticIndex

        # shards and replicas from [elasticsearch], unless the caller chose them
        return ElasticIndex(target, **{**load_config().elasticsearch, **options})  # type: ignore[arg-type]
    return _open_sqlite(target)


def _open_sqlite(target: str) -> SqliteIndex:
    from pmi_aggregator.index.sqlite import SqliteIndex

    return SqliteIndex(sqlite_path(target))
