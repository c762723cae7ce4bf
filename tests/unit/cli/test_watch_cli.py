"""`pmi watch`: add, list, run, feed, rm, and their exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser

from pmi_aggregator import open_index
from tests.unit.cli.conftest import article


def test_add_list_run_feed_rm(pmi, index_path: Path):
    index = ("--index", str(index_path))
    added = pmi(
        "watch",
        "add",
        "tki",
        "pekerja",
        "-taiwan",
        "--country",
        "MY",
        "-s",
        "kompas",
        "--jsonl",
        "--feed",
        *index,
    )
    assert added.exit_code == 0, added.output
    assert "articles match already" in added.stderr
    (row,) = json.loads(pmi("watch", "list", "--format", "json", *index).stdout)
    assert (row["name"], row["query"], row["outputs"]) == ("tki", "pekerja -taiwan", "feed, jsonl")
    assert row["filters"] == {"sources": ["kompas"], "countries": ["MY"]}
    assert "tki" in pmi("watch", "list", *index).stdout

    with open_index(str(index_path)) as opened:
        opened.upsert(
            [{**article(100), "source": "kompas", "body": "Pekerja migran tiba.", "countries": ["MY"]}]
        )
    ran = pmi("watch", "run", *index)
    assert ran.exit_code == 0, ran.output
    (line,) = ran.stdout.splitlines()
    assert json.loads(line)["link"] == "https://example.org/berita/100"
    assert "watch tki: 1 new, 1 delivered" in ran.stderr
    assert pmi("watch", "run", *index).stdout == ""

    feed = pmi("watch", "feed", "tki", *index)
    assert [e.link for e in feedparser.parse(feed.stdout_bytes).entries] == ["https://example.org/berita/100"]
    assert pmi("watch", "rm", "tki", *index).exit_code == 0
    assert pmi("watch", "list", *index).stdout.startswith("(no watches")


def test_usage_errors_exit_2(pmi, index_path: Path):
    index = ("--index", str(index_path))
    assert pmi("watch", "add", "Bad Name", "x", *index).exit_code == 2
    assert pmi("watch", "add", "w", "x", "--webhook", "file:///etc/passwd", *index).exit_code == 2
    assert pmi("watch", "add", "w", "x", *index).exit_code == 0
    duplicate = pmi("watch", "add", "w", "y", *index)
    assert duplicate.exit_code == 2 and "exists" in duplicate.stderr
    for command in (("rm", "nope"), ("feed", "nope"), ("run", "nope")):
        done = pmi("watch", *command, *index)
        assert done.exit_code == 2 and done.stderr.startswith("Error: no watch named 'nope'")


def test_a_failed_delivery_exits_1_and_says_it_waits(pmi, index_path: Path, tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text("[watch.webhook]\nattempts = 1\n", "utf-8")
    index = ("--index", str(index_path))
    pmi(
        "--config",
        str(config),
        "watch",
        "add",
        "w",
        "pekerja",
        "--webhook",
        "http://127.0.0.1:1/hook",
        *index,
    )
    with open_index(str(index_path)) as opened:
        opened.upsert([article(200)])
    done = pmi("--config", str(config), "watch", "run", *index)
    assert done.exit_code == 1
    assert "cannot reach the webhook" in done.stderr and "retried next run" in done.stderr
    (row,) = json.loads(pmi("watch", "list", "--format", "json", *index).stdout)
    assert row["pending"] == 1 and "cannot reach" in row["last_error"]


def test_a_broken_watch_table_is_a_config_error(pmi, index_path: Path, tmp_path: Path):
    config = tmp_path / "config.toml"
    config.write_text('[watch.smtp]\nhost = "mail.example"\n', "utf-8")
    pmi("watch", "add", "w", "pekerja", "--index", str(index_path))
    done = pmi("--config", str(config), "watch", "run", "--index", str(index_path))
    assert done.exit_code == 4 and "needs host and sender" in done.stderr
