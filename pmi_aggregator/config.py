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

A value of the wrong type or out of range (here, in [scrapy] settings whose types are known, and in
``sources.validate`` for the sources) is a one-line ConfigError when the file loads, never a failure
halfway through a crawl.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
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
    synonyms: tuple[tuple[str, ...], ...] = ()
    """Synonym groups added to the built-in ones (``[synonyms] groups = [["a", "b"], …]``)."""
    watch: dict[str, Any] = field(default_factory=dict)
    """The ``[watch]`` table (SMTP, webhook retries), checked by ``watch.settings``."""
    web_token: str | None = None
    """``[web] token``: what ``pmi serve`` asks of every request; needed to bind a non-loopback address."""
    elasticsearch: dict[str, int] = field(default_factory=dict)
    """``[elasticsearch] shards`` and ``replicas`` of the indices a migration creates (unset: 1 and 0)."""


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
    known = ("index", "sources", "scrapy", "synonyms", "watch", "web", "elasticsearch")
    unknown = sorted(set(raw) - set(known))
    if unknown:
        raise ConfigError(f"{file}: unknown top-level key {unknown[0]!r} (known keys: {', '.join(known)})")
    watch = raw.get("watch", {})
    if not isinstance(watch, dict):
        raise ConfigError(f"{file}: [watch] must be a table")
    synonyms = _synonym_groups(raw.get("synonyms", {}), f"{file}: [synonyms]")
    for name, value in scrapy.items():
        check = _SCRAPY_SETTINGS.get(name)
        if check is not None:
            check(value, f"{file}: [scrapy] {name}")
    return Config(
        index=os.path.expanduser(index),
        sources=sources,
        scrapy=scrapy,
        path=file,
        synonyms=synonyms,
        watch=watch,
        web_token=_web_token(raw.get("web", {}), f"{file}: [web]"),
        elasticsearch=_elasticsearch(raw.get("elasticsearch", {}), f"{file}: [elasticsearch]"),
    )


MIN_WEB_TOKEN_LENGTH = 16


def _web_token(table: Any, where: str) -> str | None:
    """``[web] token = "…"``: a secret of at least ``MIN_WEB_TOKEN_LENGTH`` characters, or none."""
    if not isinstance(table, dict) or set(table) - {"token"}:
        raise ConfigError(f'{where} must be a table with one key, token = "a long random secret"')
    token = table.get("token")
    if token is None:
        return None
    if not isinstance(token, str) or len(token.strip()) < MIN_WEB_TOKEN_LENGTH or token != token.strip():
        raise ConfigError(
            f"{where} token must be a string of at least {MIN_WEB_TOKEN_LENGTH} characters without "
            "surrounding spaces (e.g. the output of `python -c 'import secrets; print(secrets.token_urlsafe())'`)"
        )
    return token


_ES_LAYOUT = {"shards": (1, 1024), "replicas": (0, 16)}


def _elasticsearch(table: Any, where: str) -> dict[str, int]:
    """``[elasticsearch] shards = 3, replicas = 1``: whole numbers in range, nothing else."""
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table such as shards = 3, replicas = 1")
    unknown = sorted(set(table) - set(_ES_LAYOUT))
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known keys: shards, replicas)")
    return {
        name: check_number(
            value, f"{where} {name}", low=_ES_LAYOUT[name][0], high=_ES_LAYOUT[name][1], integer=True
        )
        for name, value in table.items()
    }


MAX_SYNONYM_GROUPS = 500
MAX_SYNONYMS_PER_GROUP = 50
MAX_SYNONYM_CHARS = 100


def _synonym_groups(table: Any, where: str) -> tuple[tuple[str, ...], ...]:
    """``[synonyms] groups = [["PRT", "pembantu"], …]``: lists of two or more words or phrases."""
    if not isinstance(table, dict) or set(table) - {"groups"}:
        raise ConfigError(f'{where} must be a table with one key, groups = [["word", "synonym"], …]')
    groups = table.get("groups", [])
    if not isinstance(groups, list) or len(groups) > MAX_SYNONYM_GROUPS:
        raise ConfigError(f"{where} groups must be a list of at most {MAX_SYNONYM_GROUPS} lists")
    checked = []
    for group in groups:
        valid = isinstance(group, list) and 2 <= len(group) <= MAX_SYNONYMS_PER_GROUP
        valid = valid and all(isinstance(e, str) and 0 < len(e.strip()) <= MAX_SYNONYM_CHARS for e in group)
        if not valid:
            raise ConfigError(
                f"{where} each group must list 2 to {MAX_SYNONYMS_PER_GROUP} words or phrases "
                f"(at most {MAX_SYNONYM_CHARS} characters each), not {shown(group)}"
            )
        checked.append(tuple(e.strip() for e in group))
    return tuple(checked)


# -- value checks: every configured number, flag and string passes one of these ----------------------


def shown(value: Any) -> str:
    """A value as the user wrote it, short and on one line, for an error message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_bool(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    hint = " (write true or false without quotes)" if isinstance(value, str) else ""
    raise ConfigError(f"{where} must be true or false{hint}, not {shown(value)}")


def check_number(value: Any, where: str, *, low: float, high: float, integer: bool = False) -> Any:
    """An int (``integer``) or a float within ``[low, high]``: TOML's inf fails the range, nan every
    comparison, so neither passes."""
    numeric = isinstance(value, int) if integer else isinstance(value, (int, float))
    if isinstance(value, bool) or not numeric or not low <= value <= high:
        what = "a whole number" if integer else "a number"
        raise ConfigError(f"{where} must be {what} from {low:g} to {high:g}, not {shown(value)}")
    return value if integer else float(value)


def check_str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{where} must be a string, not {shown(value)}")
    return value


def check_strings(value: Any, where: str) -> tuple[str, ...]:
    """A list of strings; a lone string is read as a one-item list (never as its characters)."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(v, str) for v in items):
        raise ConfigError(f'{where} must be a list of strings such as ["a", "b"], not {shown(value)}')
    return tuple(items)


def check_choice(value: Any, where: str, *, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ConfigError(f"{where} must be one of {', '.join(choices)}, not {shown(value)}")
    return str(value)


LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")
_SECONDS = partial(check_number, low=0, high=86400)
_POSITIVE_SECONDS = partial(check_number, low=0.001, high=86400)
_COUNT = partial(check_number, low=0, high=10**12, integer=True)
_POSITIVE_COUNT = partial(check_number, low=1, high=10**6, integer=True)
_SCRAPY_SETTINGS: dict[str, Callable[[Any, str], object]] = {
    **dict.fromkeys(("DOWNLOAD_TIMEOUT", "DNS_TIMEOUT", "PMI_DNS_TIMEOUT"), _POSITIVE_SECONDS),
    "AUTOTHROTTLE_MAX_DELAY": _POSITIVE_SECONDS,
    **dict.fromkeys(
        ("DOWNLOAD_DELAY", "AUTOTHROTTLE_START_DELAY", "PMI_RETRY_BASE_DELAY", "PMI_RETRY_MAX_DELAY"),
        _SECONDS,
    ),
    **dict.fromkeys(("CLOSESPIDER_TIMEOUT", "PMI_FUTURE_TOLERANCE_HOURS"), _SECONDS),
    "AUTOTHROTTLE_TARGET_CONCURRENCY": partial(check_number, low=0.01, high=1000),
    **dict.fromkeys(
        ("CONCURRENT_REQUESTS", "CONCURRENT_REQUESTS_PER_DOMAIN", "PMI_BATCH_SIZE"), _POSITIVE_COUNT
    ),
    **dict.fromkeys(("DOWNLOAD_MAXSIZE", "DOWNLOAD_WARNSIZE", "REDIRECT_MAX_TIMES", "RETRY_TIMES"), _COUNT),
    **dict.fromkeys(("CLOSESPIDER_ITEMCOUNT", "CLOSESPIDER_PAGECOUNT", "CLOSESPIDER_ERRORCOUNT"), _COUNT),
    **dict.fromkeys(
        ("ROBOTSTXT_OBEY", "AUTOTHROTTLE_ENABLED", "COOKIES_ENABLED", "RETRY_ENABLED", "REDIRECT_ENABLED"),
        check_bool,
    ),
    **dict.fromkeys(("TELNETCONSOLE_ENABLED", "LOG_ENABLED", "HTTPCACHE_ENABLED", "STATS_DUMP"), check_bool),
    **dict.fromkeys(("USER_AGENT", "LOG_FILE", "LOG_FORMAT", "LOG_DATEFORMAT", "JOBDIR"), check_str),
    "LOG_LEVEL": partial(check_choice, choices=LOG_LEVELS),
    "PMI_ARCHIVE": check_bool,
    "PMI_TEMPLATES": check_bool,
    "PMI_LINK_STORIES": check_bool,
    "PMI_TEMPLATES_PATH": check_str,
    "PMI_ARCHIVE_DIR": check_str,
    "PMI_ARCHIVE_FILE_MB": partial(check_number, low=1, high=100_000),
    "PMI_ARCHIVE_RETENTION_DAYS": partial(check_number, low=0, high=36_500),
    "PMI_SHUTDOWN_GRACE": partial(check_number, low=0, high=600),
    "PMI_MAX_HEADER_BYTES": partial(check_number, low=1024, high=64 * 1024 * 1024, integer=True),
    "PMI_MAX_HEADERS": partial(check_number, low=10, high=100_000, integer=True),
    **dict.fromkeys(("PMI_SOURCE_BUDGET", "PMI_RUN_BUDGET"), partial(check_number, low=0.1, high=30 * 86400)),
    "LOGSTATS_INTERVAL": _SECONDS,
    **dict.fromkeys(
        ("PMI_PROGRESS", "PMI_REPLAY", "LOG_INSTALL_ROOT_HANDLER", "REMOTE_CONTROL_ENABLED"), check_bool
    ),
    **dict.fromkeys(
        ("PMI_INDEX", "PMI_STATE", "PMI_CONFIG_PATH", "PMI_REPLAY_SINCE", "BOT_NAME", "FEED_EXPORT_ENCODING"),
        check_str,
    ),
    **dict.fromkeys(("SPIDER_LOADER_CLASS", "COMMANDS_MODULE"), check_str),
    "RETRY_GIVE_UP_LOG_LEVEL": partial(check_choice, choices=LOG_LEVELS),
}
"""The [scrapy] settings whose types are known (Scrapy's and ours); others pass through untouched.
Every scalar setting that ``crawler/settings.py`` declares has its check here (a test says so)."""
