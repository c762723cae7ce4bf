from __future__ import annotations

from pathlib import Path

import pytest

from pmi_aggregator.config import Config
from pmi_aggregator.errors import ConfigError
from pmi_aggregator.watch.settings import watch_settings


def settings(table):
    return watch_settings(Config(index="x.db", path=Path("config.toml"), watch=table))


def test_defaults_and_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("PMI_SMTP_PASSWORD", "s3cret")
    chosen = settings({"smtp": {"host": "mail.example", "sender": "a@b.example", "security": "ssl"}})
    assert (chosen.smtp.port, chosen.smtp.password, chosen.dead_after) == (465, "s3cret", 5)
    assert settings({}).smtp is None and settings({}).webhook.attempts == 3


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"smtp": {"host": "h"}}, "needs host and sender"),
        ({"smtp": {"host": "h", "sender": "s", "password": "x"}}, "unknown key 'password'"),
        ({"smtp": {"host": "h", "sender": "s", "security": "tls"}}, "security must be one of"),
        ({"webhook": {"attempts": 0}}, "attempts must be a whole number"),
        ({"dead_after": "5"}, "dead_after must be a whole number"),
        ({"webhook": []}, "must be a table"),
    ],
)
def test_a_bad_value_is_one_line_naming_it(table, message):
    with pytest.raises(ConfigError, match=message):
        settings(table)


def test_the_config_file_takes_a_watch_table(tmp_path):
    from pmi_aggregator.config import load_config

    path = tmp_path / "config.toml"
    path.write_text('[watch.smtp]\nhost = "mail.example"\nsender = "a@b.example"\n', "utf-8")
    assert watch_settings(load_config(path)).smtp.host == "mail.example"
    path.write_text('watch = "yes"\n', "utf-8")
    with pytest.raises(ConfigError, match=r"\[watch\] must be a table"):
        load_config(path)
