"""Saved searches of an index: add, list, remove, and the Atom feed of one (what a web route serves).

Each function takes the index as the CLI does (a spec, else ``PMI_INDEX``, else the config file) and
needs no running index except ``add_watch``, which notes the current matches so that only later ones
are delivered.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pmi_aggregator.errors import UsageError
from pmi_aggregator.index import Index, open_index
from pmi_aggregator.index.location import (
    feeds_dir_for,
    index_url_of,
    is_remote,
    resolve_index_spec,
    sqlite_path,
    watches_path_for,
)
from pmi_aggregator.index.payload import configured_synonyms
from pmi_aggregator.watch.atom import FEED_ENTRIES, feed_xml
from pmi_aggregator.watch.matching import matched_ids
from pmi_aggregator.watch.model import Watch
from pmi_aggregator.watch.store import WatchStatus, WatchStore


@contextmanager
def watch_store(
    index_spec: str | None = None, config_path: str | None = None, *, create: bool = True
) -> Iterator[WatchStore | None]:
    """The store of the index; without ``create``, None when no watch was ever added (no file is made
    beside an index, by a crawl say, that has no watches)."""
    path = watches_path_for(index_url_of(resolve_index_spec(index_spec, config_path)))
    if not create and not path.exists():
        yield None
        return
    store = WatchStore(path)
    try:
        yield store
    finally:
        store.close()


def existing_index(index_spec: str | None, config_path: str | None) -> Index | None:
    """The index, or None when its embedded file does not exist yet (nothing can match)."""
    spec = resolve_index_spec(index_spec, config_path)
    if not is_remote(spec) and not Path(sqlite_path(spec)).exists():
        return None
    return open_index(spec)


def add_watch(watch: Watch, index_spec: str | None = None, config_path: str | None = None) -> int:
    """Save ``watch``; returns how many articles match already (they are never delivered)."""
    index = existing_index(index_spec, config_path)
    baseline = []
    if index is not None:
        with index:
            synonyms = configured_synonyms(config_path)
            baseline = list(matched_ids(index, watch, synonyms))
    with watch_store(index_spec, config_path) as store:
        assert store is not None
        store.add(watch, baseline)
    return len(baseline)


def remove_watch(name: str, index_spec: str | None = None, config_path: str | None = None) -> None:
    with watch_store(index_spec, config_path, create=False) as store:
        existing_store(store, name).remove(name)
    feed_path(name, index_spec, config_path).unlink(missing_ok=True)


def list_watches(index_spec: str | None = None, config_path: str | None = None) -> list[WatchStatus]:
    with watch_store(index_spec, config_path, create=False) as store:
        return store.statuses() if store else []


def feed_bytes(name: str, index_spec: str | None = None, config_path: str | None = None) -> bytes:
    """The Atom feed of one watch: its latest matches (UsageError for an unknown name)."""
    with watch_store(index_spec, config_path, create=False) as store:
        found = existing_store(store, name)
        found.get(name)  # UsageError for an unknown name
        return feed_xml(name, found.recent_entries(name, FEED_ENTRIES))


def feed_path(name: str, index_spec: str | None = None, config_path: str | None = None) -> Path:
    """The feed file a run rewrites: ``<data dir>/feeds-<digest>/<name>.atom``."""
    return feeds_dir_for(index_url_of(resolve_index_spec(index_spec, config_path))) / f"{name}.atom"


def existing_store(store: WatchStore | None, name: str) -> WatchStore:
    """The store of ``watch_store(create=False)``, or the UsageError of an unknown watch ``name``."""
    if store is None:
        raise UsageError(f"no watch named {name!r}; `pmi watch list` shows them")
    return store
