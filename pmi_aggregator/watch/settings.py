"""The ``[watch]`` table of the config file: SMTP for the e-mail digests, retries for the webhooks.

[watch]
dead_after = 5                 # runs a batch may fail before it becomes a dead letter
[watch.smtp]
host = "smtp.example.org"
port = 587
security = "starttls"          # or "ssl", or "none" (a local relay)
username = "alerts@example.org"
sender = "PMI alerts <alerts@example.org>"
# the password comes from the environment: PMI_SMTP_PASSWORD
[watch.webhook]
attempts = 3                   # tries within one run
backoff = 1.0                  # seconds before the second try, doubled after each
timeout = 10.0
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from pmi_aggregator.config import Config, check_choice, check_number, check_str
from pmi_aggregator.errors import ConfigError

PASSWORD_VARIABLE = "PMI_SMTP_PASSWORD"
SECURITY = ("starttls", "ssl", "none")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str
    sender: str
    username: str | None
    password: str | None
    timeout: float


@dataclass(frozen=True)
class WebhookSettings:
    attempts: int = 3
    backoff: float = 1.0
    timeout: float = 10.0


@dataclass(frozen=True)
class WatchSettings:
    smtp: SmtpSettings | None = None
    webhook: WebhookSettings = WebhookSettings()
    dead_after: int = 5


def watch_settings(config: Config) -> WatchSettings:
    where = f"{config.path}: [watch]"
    table = config.watch
    _known(table, where, {"dead_after", "smtp", "webhook"})
    dead_after = check_number(
        table.get("dead_after", 5), f"{where} dead_after", low=1, high=1000, integer=True
    )
    return WatchSettings(
        smtp=_smtp(table["smtp"], f"{where}.smtp") if "smtp" in table else None,
        webhook=_webhook(table.get("webhook", {}), f"{where}.webhook"),
        dead_after=dead_after,
    )


def _smtp(table: Any, where: str) -> SmtpSettings:
    _known(table, where, {"host", "port", "security", "sender", "username", "timeout"})
    if "host" not in table or "sender" not in table:
        raise ConfigError(f"{where} needs host and sender")
    security = check_choice(table.get("security", "starttls"), f"{where} security", choices=SECURITY)
    username = table.get("username")
    return SmtpSettings(
        host=check_str(table["host"], f"{where} host"),
        port=check_number(
            table.get("port", 465 if security == "ssl" else 587),
            f"{where} port",
            low=1,
            high=65535,
            integer=True,
        ),
        security=security,
        sender=check_str(table["sender"], f"{where} sender"),
        username=None if username is None else check_str(username, f"{where} username"),
        password=os.environ.get(PASSWORD_VARIABLE) or None,
        timeout=check_number(table.get("timeout", 30.0), f"{where} timeout", low=0.1, high=600),
    )


def _webhook(table: Any, where: str) -> WebhookSettings:
    _known(table, where, {"attempts", "backoff", "timeout"})
    return WebhookSettings(
        attempts=check_number(table.get("attempts", 3), f"{where} attempts", low=1, high=20, integer=True),
        backoff=check_number(table.get("backoff", 1.0), f"{where} backoff", low=0, high=600),
        timeout=check_number(table.get("timeout", 10.0), f"{where} timeout", low=0.1, high=600),
    )


def _known(table: Any, where: str, keys: set[str]) -> None:
    if not isinstance(table, dict):
        raise ConfigError(f"{where} must be a table")
    unknown = sorted(set(table) - keys)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known keys: {', '.join(sorted(keys))})")
