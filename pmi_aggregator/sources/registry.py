"""The source registry: built-in declarative sources merged with the user's config file."""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import MISSING, dataclass
from importlib import resources
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from pmi_aggregator.config import DEFAULT_TIMEZONE, Config, load_config, shown
from pmi_aggregator.errors import ConfigError, UnknownSource
from pmi_aggregator.sources.options import OPTIONS_BY_KIND, SourceOptions
from pmi_aggregator.sources.validate import (
    css,
    host,
    http_url,
    language,
    nonblank,
    one_of,
    read,
    setting,
    time_zone,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

KINDS = tuple(OPTIONS_BY_KIND)
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
"""Source keys name spiders, CLI arguments and state entries: letters, digits, - and _."""


@dataclass(frozen=True)
class Politeness:
    """Per-source crawl manners; defaults are deliberately gentle."""

    concurrency: int = setting(2, low=1, high=32)
    delay: float = setting(1.0, low=0, high=3600)
    """Seconds between requests to the site."""
    autothrottle_target: float = setting(1.0, low=0.1, high=32)


@dataclass(frozen=True)
class Source:
    key: str
    name: str = setting(MISSING, nonblank)
    """Defaults to the key."""
    kind: str = setting(MISSING, one_of(*KINDS))
    base_url: str = setting(MISSING, http_url)
    timezone: str = setting(DEFAULT_TIMEZONE, time_zone)
    enabled: bool = setting(True)
    dedicated: bool = setting(True)
    """A PMI-dedicated source keeps every article; a general one keeps only PMI-related ones."""
    language: str | None = setting(None, language)
    site_names: tuple[str, ...] = setting((), nonblank)
    canonical_scheme: str | None = setting(None, one_of("http", "https"))
    host_aliases: Mapping[str, str] = setting(MISSING, host, factory=dict)
    ignore_selectors: tuple[str, ...] = setting((), nonblank, css)
    """Elements that show a render date (today), removed before any date is read."""
    allow_private_hosts: tuple[str, ...] = setting((), host)
    """Private or loopback hosts this source may reach (local mirrors); everything else is refused."""
    politeness: Politeness = setting(factory=Politeness)  # noqa: RUF009 - a field specifier
    options: SourceOptions = setting(factory=SourceOptions)  # noqa: RUF009 - a field specifier
    """The typed options of the source's kind (``sources.options``); left out: the kind's defaults."""

    def __post_init__(self) -> None:
        expected = OPTIONS_BY_KIND.get(self.kind)
        if expected is not None and type(self.options) is SourceOptions:
            object.__setattr__(self, "options", expected())
        elif expected is not None and type(self.options) is not expected:
            raise TypeError(f"source {self.key!r} of kind {self.kind!r} needs {expected.__name__}")

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname or ""

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def _build(key: str, spec: Mapping[str, Any], origin: str) -> Source:
    where = f"{origin}: source {key!r}"
    if not _KEY.fullmatch(key):
        raise ConfigError(
            f"{where}: a source key must be 1-64 letters, digits, - or _ (start with a letter or digit)"
        )
    for required in ("kind", "base_url"):
        if not spec.get(required):
            raise ConfigError(f"{where} needs {required}")
    kind = spec["kind"]
    if kind not in KINDS:
        raise ConfigError(f"{where} has unknown kind {shown(kind)}; use one of {', '.join(KINDS)}")
    options = read(OPTIONS_BY_KIND[kind], spec.get("options", {}), where, "options.")
    table = {"name": key, **{name: value for name, value in spec.items() if name != "options"}}
    return read(Source, table, where, key=key, options=options)


def builtin_specs() -> dict[str, dict[str, Any]]:
    text = resources.files("pmi_aggregator.sources").joinpath("builtin.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_sources(config: Config | None = None) -> dict[str, Source]:
    """Every configured source by key: built-ins, with the user's config merged over them."""
    config = config or load_config()
    specs = builtin_specs()
    origin = str(config.path or "config")
    for key, override in config.sources.items():
        specs[key] = _merge(specs.get(key, {}), override)
    return {key: _build(key, spec, origin) for key, spec in specs.items()}


def select_sources(keys: list[str] | tuple[str, ...] | None, config: Config | None = None) -> list[Source]:
    """The sources to crawl: the named ones, or every enabled one; unknown names are a ConfigError."""
    registry = load_sources(config)
    if not keys:
        return [s for s in registry.values() if s.enabled]
    missing = [k for k in keys if k not in registry]
    if missing:
        raise UnknownSource(f"unknown source(s): {', '.join(missing)}; `pmi sources` lists them")
    return [registry[k] for k in keys]
