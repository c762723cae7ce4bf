"""Watches on both backends through the real CLI: a crash between delivering and recording, and the
watches at the end of ``pmi crawl`` (or not, with ``--no-watch``)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from pmi_aggregator import open_index
from pmi_aggregator.article import Article
from tests.support.mirrors import antara
from tests.support.mirrors.server import MirrorServer
from tests.support.source_crawl import crawl, source_section, write_config
from tests.support.webhook_receiver import WebhookReceiver

pytestmark = pytest.mark.slow


def news(n: int, title: str = "") -> Article:
    return Article(
        url=f"https://news.example/berita/{n}",
        source="demo",
        title=title or f"Pekerja migran kabar {n}",
        body="Pekerja migran Indonesia di Malaysia menunggu gaji.",
        published_at=f"2025-02-{n:02d}T08:00:00+07:00",
    )


@pytest.fixture(params=["sqlite", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)])
def index_spec(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "pmi.db")
    request.getfixturevalue("make_es_index")()  # creates the alias, deleted after the test
    return f"{request.getfixturevalue('es_url')}/{request.getfixturevalue('es_alias')}"


def store(spec: str, *articles: Article) -> None:
    with open_index(spec) as index:
        assert not index.upsert(articles).failures


@pytest.mark.timeout(120)
def test_a_run_killed_after_the_post_resends_that_batch_under_its_key_and_never_again(
    index_spec: str, run_pmi, tmp_path: Path
):
    store(index_spec, news(1))
    sender: list[subprocess.Popen[str]] = []

    def kill_the_sender() -> None:  # the delivery reached the receiver; the record was not written
        if len(receiver.posts) == 1:
            os.kill(sender[0].pid, signal.SIGKILL)
            sender[0].wait(30)

    with WebhookReceiver(on_post=kill_the_sender) as receiver:
        added = run_pmi(
            "watch",
            "add",
            "gaji",
            "pekerja",
            "migran",
            "--webhook",
            receiver.url,
            "--feed",
            "--index",
            index_spec,
        )
        assert added.returncode == 0, added.stderr
        store(index_spec, news(2), news(3))
        sender.append(
            subprocess.Popen(
                [sys.executable, "-m", "pmi_aggregator.cli", "watch", "run", "--index", index_spec],
                cwd=tmp_path,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
        )
        assert sender[0].wait(60) == -signal.SIGKILL
        resent = run_pmi("watch", "run", "--index", index_spec)
        assert resent.returncode == 0, resent.stderr
        assert "watch gaji: 0 new, 2 delivered, 0 waiting" in resent.stderr
        store(index_spec, news(2, title="Pekerja migran kabar 2, diperbarui"))  # an edit: not again
        quiet = run_pmi("watch", "run", "--index", index_spec)
        assert "watch gaji: 0 new, 0 delivered" in quiet.stderr
    (key, first), (again, second) = receiver.posts
    assert key == again and first == second
    assert sorted(a["article_id"] for a in first["articles"]) == sorted([news(2).id, news(3).id])
    feed = feedparser.parse(run_pmi("watch", "feed", "gaji", "--index", index_spec).stdout)
    assert sorted(e.link for e in feed.entries) == [news(2).url, news(3).url]


@pytest.mark.timeout(240)
def test_a_crawl_runs_the_watches_at_its_end_unless_no_watch(run_pmi, tmp_path: Path):
    with MirrorServer(antara.build_site()) as site, WebhookReceiver() as receiver:
        reports = {}
        for name, flags in (("watched", ()), ("unwatched", ("--no-watch",))):
            workdir = tmp_path / name
            workdir.mkdir()
            config = write_config(workdir, source_section("antara", site.base_url))
            options = ("--config", str(config))
            added = run_pmi(*options, "watch", "add", name, "--webhook", receiver.url)
            assert added.returncode == 0, added.stderr
            reports[name] = crawl(run_pmi, config, "antara", *flags)
            posted = {body["watch"] for _, body in receiver.posts}
            assert (name in posted) is (name == "watched")
        (watched,) = [body for _, body in receiver.posts]
        assert len(watched["articles"]) == reports["watched"]["antara"]["new"] > 0
        later = run_pmi("--config", str(tmp_path / "unwatched" / "config.toml"), "watch", "run")
        assert later.returncode == 0, later.stderr
    assert [body["watch"] for _, body in receiver.posts] == ["watched", "unwatched"]
    assert len(receiver.posts[1][1]["articles"]) == reports["unwatched"]["antara"]["new"]
    assert json.loads(json.dumps(reports))  # the crawl's JSON report stayed clean on stdout
