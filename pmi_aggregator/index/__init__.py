"""Indexes: the contract, and ``open_index`` which picks a backend from a URL or path."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from .base import Hit, Index, IndexFailure, IndexUnavailable, SearchResults, UpsertResult
from .query import QueryError

if TYPE_CHECKING:
    from .sqlite import SqliteIndex

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


def resolve_index_spec(spec: str | os.PathLike[str] | None = None, config_path: str | None = None) -> str:
    """The index to use: the argument, else ``PMI_INDEX``, else the config file, else the default file."""
    if spec:
        return os.fspath(spec)
    if os.environ.get("PMI_INDEX"):
        return os.environ["PMI_INDEX"]
    from ..config import load_config

    return load_config(config_path).index


def open_index(spec: str | os.PathLike[str] | None = None, **options: object) -> Index:
    """Open an index by URL or path.

    ``http(s)://…`` is an Elasticsearch cluster; ``sqlite:///path.db`` or a plain path is an embedded
    SQLite file; nothing means ``PMI_INDEX``, the config file's ``index``, or the default data file.
    """
    target = resolve_index_spec(spec)
    lowered = target.lower()
    if lowered.startswith(("http://", "https://", "elasticsearch://", "es+")):
        from .elastic import ElasticIndex

        return ElasticIndex(target, **options)  # type: ignore[arg-type]
    return _open_sqlite(target)


def _open_sqlite(target: str) -> SqliteIndex:
    from .sqlite import SqliteIndex

    return SqliteIndex(sqlite_path(target))


def sqlite_path(target: str) -> str | Path:
    """The file of an embedded index spec (``sqlite:///abs.db``, ``sqlite:rel.db``, a path), or ``:memory:``."""
    if target.lower().startswith("sqlite:"):
        path = target[len("sqlite:") :]
        path = path[2:] if path.startswith("//") else path
        if path in ("", "/", ":memory:", "/:memory:"):
            return ":memory:"
        return Path(path).expanduser()
    if "://" in target:
        raise IndexUnavailable(
            f"unsupported index URL {target.split('://')[0]}://…; use a path or http(s)://"
        )
    return ":memory:" if target == ":memory:" else Path(target).expanduser()
