"""Opening an index for the read-only commands, which must never create one.

``open_index`` creates a missing embedded file on purpose (a crawl starts that way); a search with a
mistyped ``--index`` would instead leave new folders and an empty database behind and print nothing.
"""

from __future__ import annotations

from pathlib import Path

from pmi_aggregator.errors import IndexUnavailable
from pmi_aggregator.index import Index, open_index, resolve_index_spec
from pmi_aggregator.index.location import index_url_of, is_remote, sqlite_path, state_path_for


def missing_file(spec: str) -> Path | None:
    """The embedded file ``spec`` names when it does not exist; None for one that does, or a server."""
    if is_remote(spec):
        return None
    path = sqlite_path(spec)
    return None if path == ":memory:" or Path(path).is_file() else Path(path)


def missing_message(path: Path) -> str:
    return (
        f"no index at {path}; run `pmi crawl` to create it, or check --index, PMI_INDEX "
        "and the config file (`pmi info` shows which is used)"
    )


def open_existing(index_spec: str | None, config_path: str | None) -> Index:
    """The index the options name; IndexUnavailable (exit 4) when its embedded file does not exist."""
    spec = resolve_index_spec(index_spec, config_path)
    path = missing_file(spec)
    if path is not None:
        raise IndexUnavailable(missing_message(path))
    return open_index(spec)


def never_crawled(index: Index) -> bool:
    """No article and no crawl state: a new index, not an empty search result."""
    return index.count() == 0 and not state_path_for(index_url_of(index.url)).exists()


NEVER_CRAWLED = "this index has never been crawled; run `pmi crawl` to fill it"
