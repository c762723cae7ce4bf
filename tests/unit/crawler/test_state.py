"""Tests for pmi_aggregator.crawler.state: the crawl state file and the cross-process crawl lock."""

import subprocess
import sys
import textwrap
import time
from datetime import datetime

import pytest

from pmi_aggregator.crawler.state import MAX_ATTEMPTS, CrawlLock, CrawlState
from pmi_aggregator.crawler.watermark import Watermark
from pmi_aggregator.errors import LockBusy
from pmi_aggregator.index.location import state_path_for

# --- CrawlState --------------------------------------------------------------------------------------


@pytest.fixture
def state(tmp_path):
    crawl_state = CrawlState(tmp_path / "sub" / "pmi.db.state")
    yield crawl_state
    crawl_state.close()


def test_empty_state(state):
    assert state.seen("apakabaronline") == {}
    assert state.high_water("apakabaronline") is None
    assert state.last_runs("apakabaronline") == []


def test_record_then_seen_round_trip(state):
    state.record(
        "apakabaronline",
        [
            (
                "id1",
                "https://example.com/1",
                "hash1",
                "2024-01-01T00:00:00+07:00",
                "2024-01-02T00:00:00+00:00",
            ),
            ("id2", "https://example.com/2", "hash2", None, None),
        ],
    )
    seen = state.seen("apakabaronline")
    assert set(seen) == {"id1", "id2"}
    assert seen["id1"].url == "https://example.com/1"
    assert seen["id1"].content_hash == "hash1"
    assert seen["id1"].modified_at == "2024-01-02T00:00:00+00:00"
    assert seen["id2"].modified_at is None


def test_seen_is_per_source(state):
    state.record("a", [("id1", "https://example.com/1", "h", None, None)])
    state.record("b", [("id2", "https://example.com/2", "h", None, None)])
    assert set(state.seen("a")) == {"id1"}
    assert set(state.seen("b")) == {"id2"}


def test_record_again_updates_the_entry(state):
    state.record("a", [("id1", "https://example.com/1", "old", None, "2024-01-01T00:00:00+00:00")])
    state.record("a", [("id1", "https://example.com/1b", "new", None, "2024-03-01T00:00:00+00:00")])
    entry = state.seen("a")["id1"]
    assert (entry.url, entry.content_hash, entry.modified_at) == (
        "https://example.com/1b",
        "new",
        "2024-03-01T00:00:00+00:00",
    )
    assert len(state.seen("a")) == 1


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_cursor_moves_to_the_newest_stored_and_only_through_a_watermark(state):
    now = _at("2025-06-01T00:00:00+00:00")
    assert state.high_water("a") is None  # recording alone moves nothing: a run may still die
    state.advance_cursor("a", Watermark(now=now).stored(_at("2024-05-01T00:00:00+00:00")))
    assert state.high_water("a") == "2024-05-01T00:00:00+00:00"
    state.advance_cursor("a", Watermark(now=now).stored(_at("2024-01-01T00:00:00+00:00")))
    assert state.high_water("a") == "2024-05-01T00:00:00+00:00"  # never back for an older article
    state.advance_cursor("a", Watermark(now=now).unstored(_at("2024-03-01T00:00:00+00:00")))
    assert state.high_water("a") == "2024-02-29T23:59:59+00:00"  # back before one it could not store


def test_a_first_run_that_stopped_early_leaves_no_cursor(state):
    now = _at("2025-06-01T00:00:00+00:00")
    state.advance_cursor("a", Watermark(now=now).stored(_at("2025-01-01T00:00:00+00:00")).stopped())
    assert state.high_water("a") is None


def test_retries_are_kept_until_the_article_is_recorded(state):
    assert state.hold_for_retry("a", "id1", "https://x.test/1", "disk_full") == 1
    state.hold_for_retry("a", "id2", "https://x.test/2", "http_503")
    assert state.hold_for_retry("a", "id1", "https://x.test/1", "locked") == 1  # the same run: one attempt
    assert sorted(state.retries("a")) == ["https://x.test/1", "https://x.test/2"]
    assert state.retries("b") == []
    state.record("a", [("id1", "https://x.test/1", "h", None, None)])
    assert state.retries("a") == ["https://x.test/2"]


def test_an_article_failed_in_every_run_is_given_up(tmp_path):
    path = tmp_path / "pmi.db.state"
    for run in range(1, MAX_ATTEMPTS + 2):
        state = CrawlState(path)
        state._run_started = f"2025-01-{run:02d}T00:00:00Z"  # each run a day after the last failure
        with state._db:
            state._db.execute("UPDATE retries SET last_failed = ?", (f"2025-01-{run - 1:02d}T12:00:00Z",))
        assert state.hold_for_retry("a", "id1", "https://x.test/1", "http_404") == run
        state.close()
    state = CrawlState(path)
    assert state.retries("a") == []  # given up: no longer fetched first
    state.close()


def test_record_is_atomic(state):
    def entries():
        yield ("id1", "u1", "h", None, None)
        raise RuntimeError("broken batch")

    with pytest.raises(RuntimeError):
        state.record("a", entries())
    assert state.seen("a") == {}
    state.record("a", [("id2", "u2", "h", None, None)])
    assert set(state.seen("a")) == {"id2"}


def test_state_survives_reopening(tmp_path):
    path = tmp_path / "pmi.db.state"
    first = CrawlState(path)
    first.record("a", [("id1", "u1", "h", None, "2024-01-01T00:00:00+00:00")])
    run = first.start_run("a")
    first.finish_run(run, "ok", {"found": 1})
    first.close()
    second = CrawlState(path)
    try:
        assert set(second.seen("a")) == {"id1"}
        assert second.last_runs("a")[0]["found"] == 1
    finally:
        second.close()


def test_start_run_is_listed_as_running(state):
    state.start_run("a")
    (run,) = state.last_runs("a")
    assert run["status"] == "running"
    assert run["finished_at"] is None
    assert run["started_at"].endswith("Z")


def test_finish_run_stores_status_and_report(state):
    run_id = state.start_run("a")
    state.finish_run(run_id, "partial", {"found": 10, "new": 3, "note": "Jum’at"})
    (run,) = state.last_runs("a")
    assert run["status"] == "partial"
    assert run["finished_at"] is not None
    assert (run["found"], run["new"], run["note"]) == (10, 3, "Jum’at")


def test_last_runs_newest_first_with_limit(state):
    ids = [state.start_run("a") for _ in range(7)]
    for n, run_id in enumerate(ids):
        state.finish_run(run_id, "ok", {"n": n})
    runs = state.last_runs("a", limit=3)
    assert [r["n"] for r in runs] == [6, 5, 4]
    assert len(state.last_runs("a")) == 5


def test_last_runs_are_per_source(state):
    state.finish_run(state.start_run("a"), "ok", {"who": "a"})
    state.finish_run(state.start_run("b"), "failed", {"who": "b"})
    assert [r["who"] for r in state.last_runs("a")] == ["a"]
    assert [r["status"] for r in state.last_runs("b")] == ["failed"]


def test_state_file_sits_beside_a_sqlite_index(tmp_path):
    assert state_path_for(f"sqlite:///{tmp_path}/pmi.db") == tmp_path / "pmi.db.state"


def test_state_file_of_a_remote_index_is_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PMI_DATA_DIR", str(tmp_path / "data"))
    first = state_path_for("https://es.example.com:9200")
    assert first.parent == tmp_path / "data"
    assert first != state_path_for("https://other.example.com:9200")
    assert first == state_path_for("https://es.example.com:9200")


# --- CrawlLock ---------------------------------------------------------------------------------------

_HOLDER = textwrap.dedent(
    """
    import sys, time
    from pmi_aggregator.crawler.state import CrawlLock
    lock = CrawlLock(sys.argv[1])
    lock.acquire()
    print("locked", flush=True)
    hold = float(sys.argv[2])
    if hold < 0:
        time.sleep(600)
    else:
        time.sleep(hold)
        lock.release()
        print("released", flush=True)
        time.sleep(600)
    """
)


def hold_lock(path, hold=-1.0):
    """Start a process that takes the lock (and releases it after ``hold`` seconds, unless negative)."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(path), str(hold)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "locked"
    return proc


@pytest.fixture
def lock_path(tmp_path):
    return tmp_path / "locks" / "pmi.db.state.lock"


@pytest.fixture
def holders():
    started = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()


def test_lock_is_exclusive_across_processes(lock_path, holders):
    holder = hold_lock(lock_path)
    holders.append(holder)
    with pytest.raises(LockBusy) as info:
        CrawlLock(lock_path).acquire()
    assert f"pid {holder.pid}" in str(info.value)
    assert "--wait" in str(info.value)


def test_busy_lock_gives_up_after_the_wait(lock_path, holders):
    holders.append(hold_lock(lock_path))
    started = time.monotonic()
    with pytest.raises(LockBusy):
        CrawlLock(lock_path).acquire(wait=0.6)
    assert 0.5 <= time.monotonic() - started < 10


def test_wait_succeeds_once_the_holder_releases(lock_path, holders):
    holder = hold_lock(lock_path, hold=0.8)
    holders.append(holder)
    lock = CrawlLock(lock_path)
    lock.acquire(wait=30)
    try:
        assert holder.stdout.readline().strip() == "released"
    finally:
        lock.release()


def test_lock_is_released_when_the_holder_is_killed(lock_path, holders):
    holder = hold_lock(lock_path)
    holders.append(holder)
    holder.kill()  # SIGKILL: no chance to clean up
    holder.wait(timeout=10)
    lock = CrawlLock(lock_path)
    lock.acquire()
    lock.release()


def test_lock_file_names_the_current_holder(lock_path):
    import os

    with CrawlLock(lock_path):
        assert lock_path.read_text().startswith(f"pid {os.getpid()}")


def test_lock_is_exclusive_within_one_process(lock_path):
    with CrawlLock(lock_path), pytest.raises(LockBusy):
        CrawlLock(lock_path).acquire()


def test_released_lock_can_be_taken_again(lock_path):
    first = CrawlLock(lock_path)
    first.acquire()
    first.release()
    second = CrawlLock(lock_path)
    second.acquire()
    second.release()


def test_release_without_acquire_is_harmless(lock_path):
    CrawlLock(lock_path).release()


def test_context_manager_releases_on_error(lock_path):
    with pytest.raises(RuntimeError), CrawlLock(lock_path):
        raise RuntimeError("crawl failed")
    with CrawlLock(lock_path):
        pass


def test_lock_in_a_missing_folder_is_created(tmp_path):
    path = tmp_path / "a" / "b" / "lock"
    with CrawlLock(path):
        assert path.exists()
