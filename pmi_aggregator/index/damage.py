"""Telling a damaged SQLite file from a busy, read-only or full one, and saying so in one line.

Only real damage counts: SQLite's CORRUPT and NOTADB codes (a bit-flipped page, a truncated file,
FTS5 structures that no longer decode). A locked, read-only or full database is a write failure
that the crawl counts per source; treating it as damage would send the user to repair a sound file.
"""

from __future__ import annotations

import functools
import inspect
import os
import sqlite3
import types
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

from pmi_aggregator.errors import IndexDamaged, IndexWriteFailed
from pmi_aggregator.index.write_failures import CORRUPT, failure_kind


def is_damage(exc: BaseException) -> bool:
    """Whether a SQLite error says the file is damaged (primary code CORRUPT or NOTADB), classified
    with every other write failure in ``index.write_failures``."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    if isinstance(getattr(exc, "sqlite_errorcode", None), int):
        return failure_kind(exc) == CORRUPT
    text = str(exc).lower()  # an error built without a code (a test double, an old Python)
    return "malformed" in text or "not a database" in text


def damaged(path: Path | str, detail: object) -> IndexDamaged:
    """The one line a user meets on a damaged index, wherever it was found."""
    first = (str(detail).splitlines() or ["damaged"])[0][:200]
    return IndexDamaged(
        f"the index at {path} is damaged ({first}); `pmi index check` says what is wrong and "
        "`pmi index repair` rebuilds it from the stored articles"
    )


def set_aside(path: Path) -> Path:
    """Rename a damaged SQLite file, with its WAL and shared-memory files, ``<name>.corrupt-<UTC>``:
    kept for a closer look, out of the way of the file rebuilt in its place."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        old = Path(f"{path}{suffix}")
        if old.exists():
            os.replace(old, f"{aside}{suffix}")
    return aside


C = TypeVar("C", bound=type)


def reports_damage(cls: C) -> C:
    """Every public method of an index class (and every iterator it returns) raises IndexDamaged,
    not sqlite3.DatabaseError, when SQLite finds the file damaged: one mechanism for every read and
    write path, including rows fetched after a query returned."""
    for name in dir(cls):
        method = inspect.getattr_static(cls, name)
        if not name.startswith("_") and isinstance(method, types.FunctionType):
            setattr(cls, name, _translating(method))
    return cls


def _translating(method: Callable[..., Any]) -> Callable[..., Any]:
    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def generator(self: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from method(self, *args, **kwargs)
            except (sqlite3.DatabaseError, IndexWriteFailed) as exc:
                _raise_if_damage(self.path, exc)
                raise

        return generator

    @functools.wraps(method)
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.DatabaseError, IndexWriteFailed) as exc:
            _raise_if_damage(self.path, exc)
            raise

    return call


def _raise_if_damage(path: Path | str, exc: BaseException) -> None:
    """IndexDamaged for a damaged file, whether SQLite said so or a write reported it as ``corrupt``."""
    if isinstance(exc, IndexWriteFailed):
        if exc.kind == CORRUPT:
            raise damaged(path, exc.__cause__ or exc) from exc
    elif is_damage(exc):
        raise damaged(path, exc) from exc
