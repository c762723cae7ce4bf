"""Why an index write failed, by SQLite's result code or the OS's errno, never by the message.

A write refused for now (the file is read-only, the disk is full, another process held the lock past
the busy timeout) loses nothing: the crawl counts it, fails the source and retries the articles next
run. Corruption (``database disk image is malformed``, ``file is not a database``) is another kind,
``corrupt``, that no retry repairs; callers tell the two apart here and nowhere else.
"""

from __future__ import annotations

import errno
import sqlite3

from pmi_aggregator.errors import IndexWriteFailed

READ_ONLY = "index_read_only"
DISK_FULL = "disk_full"
LOCKED = "locked"
IO_ERROR = "io_error"
CORRUPT = "corrupt"
OTHER = "index_write_failed"

_BY_SQLITE_CODE = {
    5: LOCKED,  # SQLITE_BUSY
    6: LOCKED,  # SQLITE_LOCKED
    8: READ_ONLY,  # SQLITE_READONLY
    10: IO_ERROR,  # SQLITE_IOERR
    11: CORRUPT,  # SQLITE_CORRUPT
    13: DISK_FULL,  # SQLITE_FULL
    14: READ_ONLY,  # SQLITE_CANTOPEN (a journal that cannot be created beside the file)
    26: CORRUPT,  # SQLITE_NOTADB
}
_BY_ERRNO = {
    errno.ENOSPC: DISK_FULL,
    errno.EDQUOT: DISK_FULL,
    errno.EFBIG: DISK_FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: READ_ONLY,
    errno.EPERM: READ_ONLY,
}
HINTS = {
    READ_ONLY: "index is read-only: {detail}; make the index file and its folder writable, then crawl again",
    DISK_FULL: "disk full: {detail}; free some space, then crawl again",
    LOCKED: "index is locked: {detail}; another process held it past the busy timeout; crawl again",
    IO_ERROR: "index disk I/O error: {detail}; check the disk, then crawl again",
    CORRUPT: "index is damaged: {detail}; run `pmi index check`",
    OTHER: "index write failed: {detail}",
}
"""One line per kind that says what to do; the next run retries the articles."""


def failure_kind(exc: BaseException) -> str:
    """The kind of a failed index operation: one of the constants above (``OTHER`` when unknown)."""
    if isinstance(exc, IndexWriteFailed):
        return exc.kind
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        if isinstance(code, int):
            return _BY_SQLITE_CODE.get(code & 0xFF, OTHER)
        return OTHER
    if isinstance(exc, OSError) and exc.errno is not None:
        return _BY_ERRNO.get(exc.errno, OTHER)
    cause = exc.__cause__
    return failure_kind(cause) if cause is not None else OTHER


def write_failed(exc: BaseException) -> IndexWriteFailed:
    """The IndexWriteFailed for ``exc``, its message the kind's hint."""
    kind = failure_kind(exc)
    detail = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
    return IndexWriteFailed(HINTS[kind].format(detail=detail), kind)
