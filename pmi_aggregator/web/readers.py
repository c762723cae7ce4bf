"""One connection per worker thread to an embedded index, so the page and its fragments run at once.

A ``SqliteIndex`` serializes its reads on its one connection; SQLite in WAL mode lets several
connections read together (and releases the GIL while a query runs), so each of the server's worker
threads reads through its own. An Elasticsearch index is shared: its client is thread-safe.
"""

from __future__ import annotations

import threading

from pmi_aggregator.index import open_index
from pmi_aggregator.index.contract import Index


class Readers:
    """``readers()`` is the index for the calling thread; ``close()`` closes the extra connections."""

    def __init__(self, index: Index) -> None:
        self._index = index
        self._per_thread = index.url.startswith("sqlite:///") and index.url != "sqlite:///:memory:"
        self._local = threading.local()
        self._opened: list[Index] = []
        self._lock = threading.Lock()

    def __call__(self) -> Index:
        if not self._per_thread:
            return self._index
        reader: Index | None = getattr(self._local, "index", None)
        if reader is None:
            reader = open_index(self._index.url)
            self._local.index = reader
            with self._lock:
                self._opened.append(reader)
        return reader

    def close(self) -> None:
        with self._lock:
            opened, self._opened = self._opened, []
        for reader in opened:
            reader.close()
