"""The source registry: built-in declarative sources merged with the user's config file."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from importlib import resources
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pmi_aggregator.config import DEFAULT_TIMEZONE, Config, load_config
from pmi_aggregator.errors import ConfigError, UnknownSource

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

KINDS = ("wordpress", "feed", "blogger", "sitemap", "tag_listing")


@dataclass(frozen=True)
class Politeness:
    """Per-source crawl manners; defaults are deliberately gentle."""

    concurrency: int = 2
    delay: float = 1.0
    autothrottle_target: float = 1.0


@dataclass(frozen=True)
class Source:
    key: str
    name: str
    kind: str
    base_url: str
    timezone: str = DEFAULT_TIMEZONE
    enabled: bool = True
    dedicated: bool = True
    """A PMI-dedicated source keeps every article; a general one keeps only PMI-related ones."""
    language: str | None = None
    site_names: tuple[str, ...] = ()
    canonical_scheme: str | None = None
    host_aliases: Mapping[str, str] = field(default_factory=dict)
    ignore_selectors: tuple[str, ...] = ()
    """Elements that show a render date (today), removed before any date is read."""
    allow_private_hosts: tuple[str, ...] = ()
    """Private or loopback hosts this source may reach (local mirrors); everything else is refused."""
    politeness: Politeness = field(default_factory=Politeness)
    options: Mapping[str, Any] = field(default_factory=dict)
    """Kind-specific settings (endpoints, selectors), documented by each spider."""

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).hostname or ""

    @property
    def tzinfo(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


_FIELDS = {f.name for f in fields(Source)}
_TUPLE_FIELDS = ("site_names", "ignore_selectors", "allow_private_hosts")


def _build(key: str, spec: Mapping[str, Any], origin: str) -> Source:
    unknown = set(spec) - _FIELDS - {"key"}
    if unknown:
        raise ConfigError(f"{origin}: source {key!r} has unknown settings: {', '.join(sorted(unknown))}")
    for required in ("kind", "base_url"):
        if not spec.get(required):
            raise ConfigError(f"{origin}: source {key!r} needs {required}")
    if spec["kind"] not in KINDS:
        raise ConfigError(f"{origin}: source {key!r} has unknown kind {spec['kind']!r}; use one of {KINDS}")
    parts = urlsplit(str(spec["base_url"]))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{origin}: source {key!r} base_url must be an http(s) URL")
    values = dict(spec)
    values.setdefault("name", key)
    values["base_url"] = str(values["base_url"]).rstrip("/")
    for name in _TUPLE_FIELDS:
        values[name] = _strings(values.get(name, ()), f"{origin}: source {key!r} {name}")
    for name in ("politeness", "host_aliases", "options"):
        if not isinstance(values.get(name, {}), Mapping):
            raise ConfigError(f"{origin}: source {key!r} {name} must be a table")
    values["politeness"] = _politeness(values.get("politeness", {}), f"{origin}: source {key!r} politeness")
    values["host_aliases"] = dict(values.get("host_aliases", {}))
    values["options"] = dict(values.get("options", {}))
    for name in ("enabled", "dedicated"):
        if not isinstance(values.get(name, True), bool):
            raise ConfigError(f"{origin}: source {key!r} {name} must be true or false")
    source = Source(key=key, **{k: v for k, v in values.items() if k != "key"})
    try:
        source.tzinfo  # noqa: B018 - validate early
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"{origin}: source {key!r} has unknown timezone {source.timezone!r}") from exc
    return source


def _strings(value: Any, where: str) -> tuple[str, ...]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, (list, tuple)) or not all(isinstance(v, str) for v in values):
        raise ConfigError(f"{where} must be a list of strings")
    return tuple(values)


def _politeness(table: Mapping[str, Any], where: str) -> Politeness:
    known = {f.name for f in fields(Politeness)}
    unknown = set(table) - known
    if unknown:
        raise ConfigError(f"{where} has unknown settings: {', '.join(sorted(unknown))}")
    for name, value in table.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ConfigError(f"{where}.{name} must be a non-negative number")
    if table.get("concurrency", 1) < 1:
        raise ConfigError(f"{where}.concurrency must be at least 1")
    return Politeness(**table)


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
