"""Where things live and what the user configured: index location and source overrides.

The config file is TOML, at ``PMI_CONFIG`` or the platform's user config folder
(``~/.config/pmi-aggregator/config.toml`` on Linux). Example::

    index = "~/pmi/pmi.db"            # or "http://localhost:9200"

    [sources.apakabaronline]
    enabled = true

    [sources.my-wordpress-site]        # a new source, by configuration alone
    kind = "wordpress"
    name = "My PMI blog"
    base_url = "https://example.org"

    [scrapy]                           # Scrapy setting overrides, for experts
    DOWNLOAD_TIMEOUT = 60
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

from pmi_aggregator.errors import ConfigError

APP_NAME = "pmi-aggregator"
DEFAULT_TIMEZONE = "Asia/Jakarta"
"""The zone assumed where a site or an argument gives none: most Indonesian news is dated in WIB."""


def data_dir() -> Path:
    """Where the default index and crawl state live (``PMI_DATA_DIR`` overrides)."""
    return Path(os.environ.get("PMI_DATA_DIR") or platformdirs.user_data_dir(APP_NAME)).expanduser()


def config_path() -> Path:
    return Path(os.environ.get("PMI_CONFIG") or Path(platformdirs.user_config_dir(APP_NAME)) / "config.toml")


@dataclass
class Config:
    index: str
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    scrapy: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Read the config file; a missing file is fine (defaults), a broken one is a ConfigError."""
    file = Path(path) if path else config_path()
    default_index = str(data_dir() / "pmi.db")
    if not file.exists():
        if path:
            raise ConfigError(f"config file not found: {file}")
        return Config(index=default_index)
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config file {file}: {exc}") from exc
    sources = raw.get("sources", {})
    if not isinstance(sources, dict) or not all(isinstance(v, dict) for v in sources.values()):
        raise ConfigError(f"{file}: [sources.<key>] entries must be tables")
    index = raw.get("index", default_index)
    if not isinstance(index, str):
        raise ConfigError(f"{file}: index must be a string (a path or an http(s):// URL)")
    scrapy = raw.get("scrapy", {})
    if not isinstance(scrapy, dict):
        raise ConfigError(f"{file}: [scrapy] must be a table of Scrapy settings")
    return Config(index=os.path.expanduser(index), sources=sources, scrapy=scrapy, path=file)
