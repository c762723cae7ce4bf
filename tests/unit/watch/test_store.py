from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from pmi_aggregator.errors import UsageError
from pmi_aggregator.watch.model import Entry, Watch
from pmi_aggregator.watch.store import WatchStore


def entry(n: int, digest: str = "h1") -> Entry:
    return Entry(f"id{n}", f"t{n}", f"https://x.example/{n}", None, "demo", "s", digest)


@pytest.fixture
def store(tmp_path: Path):
    store = WatchStore(tmp_path / "w.db")
    yield store
    store.close()


def test_an_article_is_recorded_and_queued_once_per_output(store):
    watch = Watch("w", "pmi", email=("a@b.org",), webhook="http://127.0.0.1:1/", feed=True)
    store.add(watch)
    assert [e.article_id for e in store.record_matches(watch, [entry(1), entry(2)])] == ["id1", "id2"]
    assert store.record_matches(watch, [entry(1), entry(2), entry(3)]) == [entry(3)]
    batches = store.pending("w")
    assert [(b.output, len(b.entries)) for b in batches] == [
        ("email", 2),
        ("webhook", 2),
        ("email", 1),
        ("webhook", 1),
    ]
    assert len({b.key for b in batches}) == 4
    assert [e.article_id for e, _ in store.recent_entries("w", 10)] == ["id3", "id1", "id2"]


def test_an_edit_is_a_new_match_only_for_a_watch_that_asks_for_updates(store):
    plain, eager = Watch("plain", jsonl=True), Watch("eager", jsonl=True, updates=True)
    for watch in (plain, eager):
        store.add(watch)
        store.record_matches(watch, [entry(1)])
        assert store.record_matches(watch, [entry(1, "edited")]) == (
            [] if watch is plain else [entry(1, "edited")]
        )
        assert store.record_matches(watch, [entry(1, "edited")]) == []


def test_the_baseline_is_never_delivered_nor_in_the_feed(store):
    watch = Watch("w", jsonl=True)
    store.add(watch, [("id1", "h1")])
    assert store.record_matches(watch, [entry(1), entry(2)]) == [entry(2)]
    assert [e.article_id for e, _ in store.recent_entries("w", 10)] == ["id2"]


def test_a_failed_batch_waits_then_becomes_a_dead_letter_that_can_be_requeued(store):
    watch = Watch("w", webhook="http://127.0.0.1:1/")
    store.add(watch)
    store.record_matches(watch, [entry(1)])
    (batch,) = store.pending("w")
    store.failed(batch, "down", dead=False)
    (again,) = store.pending("w")
    assert (again.key, again.failed_runs) == (batch.key, 1)
    store.failed(again, "down", dead=True)
    assert store.pending("w") == []
    assert [(s.pending, s.dead) for s in store.statuses()] == [(0, 1)]
    assert store.requeue_dead("w") == 1
    (back,) = store.pending("w")
    store.delivered(back)
    assert store.pending("w") == [] and store.statuses()[0].dead == 0


def test_names_are_unique_and_removal_forgets_everything(store, tmp_path):
    watch = Watch("w", jsonl=True)
    store.add(watch)
    with pytest.raises(UsageError, match="exists"):
        store.add(replace(watch, query="other"))
    store.record_matches(watch, [entry(1)])
    store.remove("w")
    with pytest.raises(UsageError, match="no watch"):
        store.get("w")
    with pytest.raises(UsageError, match="no watch"):
        store.remove("w")
    store.add(watch)
    assert store.record_matches(watch, [entry(1)]) == [entry(1)]
    assert len(WatchStore(tmp_path / "w.db").pending("w")) == 1  # durable: another connection sees it
