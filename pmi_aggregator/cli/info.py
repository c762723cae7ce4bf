"""``pmi info``: what this installation would use, for a bug report or a cron job that misbehaves.

Credentials never show: URLs lose their user and password, and secret variables print as ``***``.
"""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from pmi_aggregator.config import config_path as default_config_path
from pmi_aggregator.config import data_dir
from pmi_aggregator.errors import PmiError
from pmi_aggregator.index import resolve_index_spec
from pmi_aggregator.index.location import index_url_of
from pmi_aggregator.urls import strip_credentials

_SECRET_WORDS = ("PASSWORD", "API_KEY", "SECRET", "TOKEN")


def info_rows(index_spec: str | None, config_path: str | None) -> list[dict[str, Any]]:
    """(name, value) rows: version, config file, index, data folder, then each PMI_* variable set."""
    config = config_path or str(default_config_path())
    exists = "exists" if os.path.isfile(config) else "not found: defaults apply"
    folder = data_dir()
    rows = [
        {"name": "version", "value": _version()},
        {"name": "config file", "value": f"{config} ({exists})"},
        {"name": "index", "value": _index(index_spec, config_path)},
        {"name": "data folder", "value": f"{folder} ({'exists' if folder.is_dir() else 'not created yet'})"},
    ]
    for name in sorted(n for n in os.environ if n.startswith("PMI_")):
        rows.append({"name": name, "value": masked(name, os.environ[name])})
    return rows


def masked(name: str, value: str) -> str:
    """A variable's value safe to print."""
    if any(word in name for word in _SECRET_WORDS):
        return "***"
    return strip_credentials(value) if "://" in value else value


def _index(index_spec: str | None, config_path: str | None) -> str:
    try:
        return index_url_of(resolve_index_spec(index_spec, config_path))
    except PmiError as exc:  # a broken config must not hide the rest of the report
        return f"cannot tell: {exc}"


def _version() -> str:
    try:
        return version("pmi-aggregator")
    except PackageNotFoundError:
        from pmi_aggregator import __version__

        return f"{__version__} (not installed)"
