"""Runs over a real embedded index: what is delivered, once, and what waits."""

from __future__ import annotations

from pathlib import Path

import feedparser
import pytest

from pmi_aggregator.errors import LockBusy, UsageError
from pmi_aggregator.watch import store as store_module
from pmi_aggregator.watch.model import Watch
from pmi_aggregator.watch.run import run_watches
from pmi_aggregator.watch.service import add_watch, feed_bytes, feed_path, list_watches
from tests.support.webhook_receiver import WebhookReceiver
from tests.unit.watch.conftest import article


@pytest.fixture
def fast_retries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "config.toml"
    config.write_text("[watch]\ndead_after = 2\n[watch.webhook]\nattempts = 1\nbackoff = 0\n", "utf-8")
    monkeypatch.setenv("PMI_CONFIG", str(config))
    return config


def run(index_path: Path, **options):
    return run_watches(index_spec=str(index_path), **options)


def test_only_what_matches_after_the_watch_was_added_is_delivered_and_only_once(index_path, store_articles):
    store_articles(article(1))
    assert add_watch(Watch("w", "pekerja migran", jsonl=True, feed=True), str(index_path)) == 1
    store_articles(article(2), article(3, body="berita olahraga"))
    lines: list[str] = []
    (first,) = run(index_path, emit=lines.append)
    assert (first.matched, first.delivered, first.ok) == (1, 1, True)
    assert [line.count('"article_id"') for line in lines] == [1] and article(2).id in lines[0]
    store_articles(article(2), article(1))  # re-crawled, unchanged
    assert run(index_path, emit=lines.append)[0].matched == 0
    assert len(lines) == 1
    feed = feedparser.parse(feed_path("w", str(index_path)).read_bytes())
    assert [e.link for e in feed.entries] == [article(2).url]
    assert feed_path("w", str(index_path)).read_bytes() == feed_bytes("w", str(index_path))


def test_an_edited_article_comes_again_only_for_a_watch_with_updates(index_path, store_articles):
    add_watch(Watch("plain", "pekerja", jsonl=True), str(index_path))
    add_watch(Watch("eager", "pekerja", jsonl=True, updates=True), str(index_path))
    store_articles(article(1))
    run(index_path, emit=lambda line: None)
    store_articles(article(1, title="Berita PMI 1 (diperbarui)"))
    runs = {r.name: r.matched for r in run(index_path, emit=lambda line: None)}
    assert runs == {"plain": 0, "eager": 1}


def test_json_lines_wait_for_a_run_that_prints_them(index_path, store_articles):
    add_watch(Watch("w", "pekerja", jsonl=True), str(index_path))
    store_articles(article(1))
    (quiet,) = run(index_path)  # as at the end of `pmi crawl`
    assert (quiet.matched, quiet.delivered, quiet.waiting) == (1, 0, 1)
    lines: list[str] = []
    (loud,) = run(index_path, emit=lines.append)
    assert (loud.matched, loud.delivered, loud.waiting) == (0, 1, 0) and len(lines) == 1


def test_a_failed_delivery_waits_for_the_next_run_then_becomes_a_dead_letter(
    index_path, store_articles, fast_retries
):
    with WebhookReceiver([503] * 10) as hook:
        add_watch(Watch("w", "pekerja", webhook=hook.url), str(index_path))
        store_articles(article(1))
        (first,) = run(index_path)
        assert (first.waiting, first.dead, first.ok) == (1, 0, False)
        assert "retried next run" in first.errors[0]
        (second,) = run(index_path)
        assert (second.waiting, second.dead) == (0, 1)
        assert list_watches(str(index_path))[0].dead == 1
        hook.statuses.clear()
        (third,) = run(index_path, retry_dead=True)
    assert third.delivered == 1 and third.ok
    assert len({key for key, _ in hook.posts}) == 1  # one batch, tried three times under one key


def test_a_crash_between_delivering_and_recording_resends_the_same_batch_under_its_key(
    index_path, store_articles, monkeypatch
):
    with WebhookReceiver() as hook:
        add_watch(Watch("w", "pekerja", webhook=hook.url), str(index_path))
        store_articles(article(1), article(2))

        def crash(self, batch):
            raise KeyboardInterrupt  # the process dies after the POST, before the record

        with monkeypatch.context() as patch:
            patch.setattr(store_module.WatchStore, "delivered", crash)
            with pytest.raises(KeyboardInterrupt):
                run(index_path)
        (after,) = run(index_path)
        assert run(index_path)[0].delivered == 0
    assert after.matched == 0 and after.delivered == 2
    (first_key, first), (second_key, second) = hook.posts
    assert first_key == second_key and first == second
    assert sorted(hook.delivered_ids()[first_key]) == sorted([article(1).id, article(2).id])


def test_one_run_at_a_time(index_path):
    from pmi_aggregator.watch.run import _run_lock

    add_watch(Watch("w", "pekerja", jsonl=True), str(index_path))
    with _run_lock(index_path.with_name(index_path.name + ".watches")), pytest.raises(LockBusy):
        run(index_path)
    assert run(index_path)[0].ok  # released


def test_a_watch_on_an_index_not_yet_crawled_runs_and_matches_nothing(tmp_path):
    spec = str(tmp_path / "none.db")
    assert add_watch(Watch("w", "pekerja", feed=True), spec) == 0
    assert run_watches(index_spec=spec)[0].matched == 0
    assert not (tmp_path / "none.db").exists()
    assert feedparser.parse(feed_path("w", spec).read_bytes()).entries == []


def test_what_waits_is_delivered_while_the_index_is_down(index_path, store_articles, monkeypatch):
    from pmi_aggregator.errors import IndexUnavailable
    from pmi_aggregator.watch import run as run_module

    add_watch(Watch("w", "pekerja", jsonl=True), str(index_path))
    store_articles(article(1))
    run(index_path)  # queued, waiting for a run that prints

    def down(*args):
        raise IndexUnavailable("cannot reach the cluster")

    monkeypatch.setattr(run_module, "existing_index", down)
    lines: list[str] = []
    (result,) = run(index_path, emit=lines.append)
    assert (result.delivered, len(lines)) == (1, 1)
    assert result.errors == ["cannot open the index: cannot reach the cluster"]


def test_a_feed_that_cannot_be_written_is_an_error_line_not_a_traceback(index_path, monkeypatch):
    add_watch(Watch("w", "pekerja", feed=True), str(index_path))
    feed_path("w", str(index_path)).parent.parent.mkdir(parents=True, exist_ok=True)
    feed_path("w", str(index_path)).parent.write_text("a file where the folder goes")
    (result,) = run(index_path)
    assert len(result.errors) == 1 and result.errors[0].startswith("cannot write the feed")


def test_an_index_without_watches_gets_no_side_file(index_path):
    assert run_watches(index_spec=str(index_path)) == []
    assert list_watches(str(index_path)) == []
    with pytest.raises(UsageError, match="no watch named 'w'"):
        run_watches(["w"], index_spec=str(index_path))
    with pytest.raises(UsageError, match="no watch named 'w'"):
        feed_bytes("w", str(index_path))
    assert sorted(p.name for p in index_path.parent.iterdir()) == ["pmi.db"]


def test_a_run_mails_one_digest_through_the_configured_server(index_path, store_articles, smtp, monkeypatch):
    inbox, server = smtp
    config = index_path.with_name("config.toml")
    config.write_text(
        f'[watch.smtp]\nhost = "127.0.0.1"\nport = {server.port}\nsecurity = "none"\nsender = "pmi@x.example"\n'
    )
    monkeypatch.setenv("PMI_CONFIG", str(config))
    add_watch(Watch("w", "pekerja", email=("me@x.example",)), str(index_path))
    store_articles(article(1), article(2))
    assert run(index_path)[0].delivered == 2
    assert run(index_path)[0].delivered == 0
    ((_, recipients, message),) = inbox.messages
    assert recipients == ["me@x.example"] and message["Subject"] == "pmi watch w: 2 new articles"
