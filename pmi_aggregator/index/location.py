"""Where an index and its side files live: the one place that computes these paths.

An index is named by a spec (a path, ``sqlite:///…`` or an Elasticsearch URL). Beside it live the
crawl state and the crawl lock (next to an embedded file, else in the data folder), and, for a
remote index, the outbox of articles waiting for it. Every path is derived from the index's display
URL, which never holds credentials.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pmi_aggregator.config import data_dir, load_config
from pmi_aggregator.errors import IndexUnavailable
from pmi_aggregator.urls import strip_credentials

_SQLITE = "sqlite:///"


def resolve_index_spec(spec: str | os.PathLike[str] | None = None, config_path: str | None = None) -> str:
    """The index to use: the argument, else ``PMI_INDEX``, else the config file, else the default file."""
    if spec:
        return os.fspath(spec)
    if os.environ.get("PMI_INDEX"):
        return os.environ["PMI_INDEX"]
    return load_config(config_path).index


def is_remote(spec: str) -> bool:
    """True for an Elasticsearch URL (``http(s)://``, ``es+…://``, ``elasticsearch://``)."""
    return spec.lower().startswith(("http://", "https://", "elasticsearch://", "es+"))


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


def index_url_of(spec: str) -> str:
    """The display URL of an index spec, as the index itself reports it (no credentials)."""
    if "://" in spec and not spec.lower().startswith("sqlite:"):
        return strip_credentials(spec)
    path = sqlite_path(spec)
    return "sqlite:///:memory:" if path == ":memory:" else f"{_SQLITE}{Path(path).resolve()}"


def _beside(index_url: str, suffix: str, remote_name: str) -> Path:
    """``<file><suffix>`` beside a SQLite file, else ``remote_name`` with the URL's digest in the data folder."""
    if index_url.startswith(_SQLITE) and not index_url.endswith(":memory:"):
        db = Path(index_url[len(_SQLITE) :])
        return db.with_name(db.name + suffix)
    return data_dir() / remote_name.format(digest=_digest(index_url))


def _digest(index_url: str) -> str:
    return hashlib.sha1(index_url.encode("utf-8")).hexdigest()[:12]


def state_path_for(index_url: str) -> Path:
    """The crawl state of an index: beside a SQLite file, else in the data folder."""
    return _beside(index_url, ".state", "state-{digest}.db")


def lock_path(index_spec: str) -> Path:
    """The crawl lock of an index, beside its state file."""
    state = state_path_for(index_url_of(index_spec))
    return state.with_name(state.name + ".lock")


def outbox_path(index_url: str, directory: str | os.PathLike[str] | None = None) -> Path:
    """``<data dir>/outbox-<hash of the index URL>.db``; the URL never holds credentials."""
    digest = hashlib.sha256(index_url.encode()).hexdigest()[:16]
    return Path(directory or data_dir()) / f"outbox-{digest}.db"


def archive_dir_for(index_url: str) -> Path:
    """The raw page archive of an index: ``<file>.archive`` beside a SQLite file, else in the data folder."""
    return _beside(index_url, ".archive", "archive-{digest}")


def templates_path_for(index_url: str) -> Path:
    """The sources' learned page templates (``extract.template``), beside the crawl state."""
    return _beside(index_url, ".templates", "templates-{digest}.db")


def watches_path_for(index_url: str) -> Path:
    """The saved searches of an index and what each delivered (``watch.store``), beside the crawl state."""
    return _beside(index_url, ".watches", "watches-{digest}.db")


def feeds_dir_for(index_url: str) -> Path:
    """The Atom feeds of an index's watches, one ``<name>.atom`` each, in the data folder."""
    return data_dir() / f"feeds-{_digest(index_url)}"


def stories_path_for(index_url: str) -> Path | str:
    """Story linking's side store (``stories.store``): an embedded index's own file, else a file in the
    data folder (``:memory:`` for an index in memory)."""
    if index_url.startswith(_SQLITE):
        path = index_url[len(_SQLITE) :]
        return ":memory:" if path.endswith(":memory:") else Path(path)
    return _beside(index_url, "", "stories-{digest}.db")
