"""Config tables to typed frozen dataclasses: the one place a source's values are checked.

Each dataclass field declares its type and default once; ``setting()`` adds what the type cannot
say (a range, a regex, a CSS selector). ``read()`` rejects an unknown key, a wrong type or a bad
value with a one-line ConfigError that names the file, the source and the key.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from typing import Any, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cssselect import SelectorError
from lxml.cssselect import CSSSelector
from parsel.csstranslator import HTMLTranslator

from pmi_aggregator.config import check_bool, check_number, check_str, check_strings, shown
from pmi_aggregator.errors import ConfigError

T = TypeVar("T")
Check = Callable[[Any, str], Any]
"""Takes a value already of the field's type and its label; returns it (maybe normalized) or raises."""


@dataclass(frozen=True)
class Rules:
    """What a field's type leaves open: checks on each string, a number range, a non-empty list."""

    checks: tuple[Check, ...] = ()
    low: float = 0
    high: float = 10**6
    non_empty: bool = False


def setting(
    default: Any = MISSING,
    *checks: Check,
    factory: Callable[[], Any] | None = None,
    low: float = 0,
    high: float = 10**6,
    non_empty: bool = False,
) -> Any:
    """A dataclass field with its default (or ``factory``; neither: required) and its checks, which
    run on each item of a list and on each key and value of a table."""
    metadata = {"rules": Rules(checks, low, high, non_empty)}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


def read(cls: type[T], table: Any, where: str, path: str = "", **fixed: Any) -> T:
    """An instance of ``cls`` from a config table; ``fixed`` values are given, not read.

    ``where`` names the file and the source, ``path`` the table inside it ("options.").
    """
    declared = fields(cls)  # type: ignore[arg-type]
    known = [f.name for f in declared if f.init and f.name not in fixed]
    if not isinstance(table, Mapping):
        raise ConfigError(
            f"{where} {path.rstrip('.')} must be a table with keys {', '.join(known)}, not {shown(table)}"
        )
    unknown = sorted(str(key) for key in set(table) - set(known))
    if unknown:
        names = ", ".join(path + key for key in unknown)
        raise ConfigError(f"{where}: unknown key {names} (known keys: {', '.join(known)})")
    hints = typing.get_type_hints(cls)
    rules = {f.name: f.metadata.get("rules", Rules()) for f in declared}
    values = {name: _value(hints[name], table[name], where, path + name, rules[name]) for name in table}
    instance = cls(**values, **fixed)
    for name, rule in rules.items():
        if rule.non_empty and not getattr(instance, name):
            raise ConfigError(f'{where} {path}{name} needs at least one entry, such as ["/path"]')
    return instance


def _value(kind: Any, value: Any, where: str, name: str, rules: Rules) -> Any:
    label = f"{where} {name}"
    if typing.get_origin(kind) in (typing.Union, types.UnionType):
        (kind,) = [k for k in typing.get_args(kind) if k is not type(None)]  # TOML has no null
    origin = typing.get_origin(kind)
    if kind is bool:
        return check_bool(value, label)
    if kind in (int, float):
        return check_number(value, label, low=rules.low, high=rules.high, integer=kind is int)
    if kind is str:
        return _checked(check_str(value, label), label, rules)
    if origin is tuple:
        items = check_strings(value, label)
        return tuple(_checked(item, label, rules) for item in items)
    if origin is Mapping:
        if not isinstance(value, Mapping):
            raise ConfigError(f"{label} must be a table of strings, not {shown(value)}")
        return {
            _checked(check_str(k, label), label, rules): _checked(
                check_str(v, f"{label}.{k}"), f"{label}.{k}", rules
            )
            for k, v in value.items()
        }
    if isinstance(kind, type) and is_dataclass(kind):
        return read(kind, value, where, f"{name}.")
    raise TypeError(f"no config reader for {kind!r}")  # a programming error, caught by the tests


def _checked(value: str, label: str, rules: Rules) -> str:
    for check in rules.checks:
        value = check(value, label)
    return value


# -- checks --------------------------------------------------------------------------------------


def nonblank(value: str, label: str) -> str:
    if not value.strip():
        raise ConfigError(f"{label} must not be empty")
    return value


def regex(value: str, label: str) -> str:
    """A regular expression (searched in URLs); empty means "no pattern"."""
    try:
        re.compile(value)
    except (re.error, RecursionError, OverflowError) as exc:
        raise ConfigError(f"{label} is not a valid regular expression: {exc}") from None
    return value


def regex_with_group(value: str, label: str) -> str:
    if value and re.compile(regex(value, label)).groups < 1:
        raise ConfigError(f"{label} needs a (group) around the part to read, in {shown(value)}")
    return value


def css(value: str, label: str) -> str:
    """A CSS selector for lxml (article pages); empty means "not used"."""
    if value:
        try:
            CSSSelector(value)
        except (SelectorError, SyntaxError) as exc:
            raise ConfigError(f"{label} is not a valid CSS selector ({exc}): {shown(value)}") from None
    return value


_SCRAPY_CSS = HTMLTranslator()


def scrapy_css(value: str, label: str) -> str:
    """A CSS selector as Scrapy reads it (``::text`` and ``::attr(name)`` allowed); empty: not used."""
    if value:
        try:
            _SCRAPY_CSS.css_to_xpath(value)
        except (SelectorError, SyntaxError) as exc:
            raise ConfigError(f"{label} is not a valid CSS selector ({exc}): {shown(value)}") from None
    return value


def http_url(value: str, label: str) -> str:
    """An http(s) URL with a host and a valid port; returned without a trailing slash."""
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a port out of range
    except ValueError as exc:
        raise ConfigError(f"{label} is not a valid URL ({exc}): {shown(value)}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{label} must be an http(s) URL such as https://example.org, not {shown(value)}")
    return value.rstrip("/")


def path(value: str, label: str) -> str:
    """A path on the source's site, appended to base_url."""
    if not value.startswith("/") or any(c.isspace() for c in value):
        raise ConfigError(f"{label} must be a path starting with / (no spaces), not {shown(value)}")
    return value


def path_or_url(value: str, label: str) -> str:
    """A path on the source's site, or a whole http(s) URL."""
    if "://" in value:
        http_url(value, label)
        return value
    return path(value, label)


def path_prefix(value: str, label: str) -> str:
    """A path prefix to strip ("/index.php"); empty: none."""
    if value and (not value.startswith("/") or value.endswith("/") or any(c.isspace() for c in value)):
        raise ConfigError(f"{label} must be a path prefix such as /index.php, not {shown(value)}")
    return value


def host(value: str, label: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\]", value):
        raise ConfigError(f"{label} must be a host name such as example.org, not {shown(value)}")
    return value


def page_template(value: str, label: str) -> str:
    """A later-page URL with ``{listing}`` and ``{n}``: "{listing}?page={n}"."""
    try:
        filled = value.format(listing="/x", n=2)
    except (KeyError, IndexError, ValueError, AttributeError):
        filled = ""
    if "{n}" not in value or not filled:
        raise ConfigError(
            f'{label} must use {{listing}} and {{n}} only, such as "{{listing}}?page={{n}}", not {shown(value)}'
        )
    return value


def query_name(value: str, label: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9_.-]*", value):
        raise ConfigError(f"{label} must be a query parameter name such as paged, not {shown(value)}")
    return value


def language(value: str, label: str) -> str:
    if not re.fullmatch(r"[a-z]{2,3}", value):
        raise ConfigError(f'{label} must be a language code such as "id" or "en", not {shown(value)}')
    return value


def one_of(*choices: str) -> Check:
    def check(value: str, label: str) -> str:
        if value not in choices:
            raise ConfigError(f"{label} must be one of {', '.join(choices)}, not {shown(value)}")
        return value

    return check


def time_zone(value: str, label: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ConfigError(
            f"{label}: unknown timezone {value!r} (use an IANA name such as Asia/Jakarta)"
        ) from None
    return value
