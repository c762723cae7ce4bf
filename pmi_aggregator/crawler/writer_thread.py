"""The one thread that analyses and writes index batches, off the reactor's thread.

Stemming a page of random distinct words takes a second; on the reactor's thread it stalls every
source and a SIGTERM with it. One writer for the whole process keeps the reactor free and the writes
in order (SQLite takes one writer at a time anyway). Its thread is a daemon that the reactor does
not wait for: a crawl stopped at once does not sit out the batch being analysed, whose transaction
then never commits (the next run fetches those articles again, as after any stop at once).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from twisted.internet import reactor
from twisted.internet.defer import Deferred
from twisted.internet.threads import deferToThreadPool
from twisted.python.threadpool import ThreadPool

T = TypeVar("T")


class _DaemonThreadPool(ThreadPool):
    def threadFactory(self, *args: Any, **kwargs: Any) -> threading.Thread:  # type: ignore[override]
        return threading.Thread(*args, daemon=True, **kwargs)


_pool: _DaemonThreadPool | None = None


def in_writer_thread(work: Callable[..., T], *args: Any) -> Deferred[T]:
    """Run ``work(*args)`` in the writer thread; its result (or failure) on the reactor's thread."""
    global _pool
    if _pool is None:
        _pool = _DaemonThreadPool(minthreads=0, maxthreads=1, name="pmi-index-writer")
        _pool.start()
    return deferToThreadPool(reactor, _pool, work, *args)
