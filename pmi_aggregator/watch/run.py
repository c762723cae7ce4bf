"""``pmi watch run``: find what each watch matches since its last run, and deliver it.

New matches are recorded and queued in one transaction (``WatchStore.record_matches``); then every
waiting batch of the watch, this run's and earlier ones', goes to its output. A batch that fails waits
for the next run, and after ``dead_after`` failed runs (or a refusal) becomes a dead letter, kept in
the store. JSON lines go to ``emit`` when the caller has a stdout for them; otherwise (at the end of
``pmi crawl``) they wait for ``pmi watch run``.
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from pmi_aggregator.config import load_config
from pmi_aggregator.errors import IndexFailure, LockBusy
from pmi_aggregator.index import Index
from pmi_aggregator.index.payload import configured_synonyms
from pmi_aggregator.index.synonyms import Synonyms
from pmi_aggregator.watch.atom import write_atomically
from pmi_aggregator.watch.failure import DeliveryFailed
from pmi_aggregator.watch.mail import send_digest
from pmi_aggregator.watch.matching import unseen_matches
from pmi_aggregator.watch.model import Watch
from pmi_aggregator.watch.service import (
    existing_index,
    existing_store,
    feed_bytes,
    feed_path,
    watch_store,
)
from pmi_aggregator.watch.settings import WatchSettings, watch_settings
from pmi_aggregator.watch.store import Batch, WatchStore
from pmi_aggregator.watch.webhook import post_batch

log = logging.getLogger(__name__)


@dataclass
class WatchRun:
    """What one run did for one watch; ``errors`` are one line each."""

    name: str
    matched: int = 0
    delivered: int = 0
    waiting: int = 0
    dead: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, object]:
        return {
            "watch": self.name,
            "matched": self.matched,
            "delivered": self.delivered,
            "waiting": self.waiting,
            "dead": self.dead,
            "errors": self.errors,
        }


def run_watches(
    names: Sequence[str] = (),
    *,
    index_spec: str | None = None,
    config_path: str | None = None,
    emit: Callable[[str], None] | None = None,
    retry_dead: bool = False,
) -> list[WatchRun]:
    """Run the named watches (default: all); raises LockBusy while another run delivers."""
    settings = watch_settings(load_config(config_path))
    with watch_store(index_spec, config_path, create=False) as found:
        if found is None and not names:
            return []  # no watch was ever added: nothing to open, no file to make
        store = existing_store(found, names[0] if names else "")
        with _run_lock(store.path):
            watches = [store.get(name) for name in names] or [s.watch for s in store.statuses()]
            if not watches:
                return []
            index, unsearchable = _open(index_spec, config_path)
            synonyms = configured_synonyms(config_path)
            try:
                runs = []
                for watch in watches:
                    run = WatchRun(watch.name, errors=[unsearchable] if unsearchable else [])
                    if retry_dead:
                        store.requeue_dead(watch.name)
                    if index is not None:
                        _match(store, index, watch, synonyms, run)
                    _deliver_waiting(store, run, settings, emit)  # also when the index is down
                    if watch.feed:
                        _write_feed(watch.name, index_spec, config_path, run)
                    store.ran(watch.name, "; ".join(run.errors) or None)
                    runs.append(run)
                return runs
            finally:
                if index is not None:
                    index.close()


def _match(store: WatchStore, index: Index, watch: Watch, synonyms: Synonyms, run: WatchRun) -> None:
    try:
        run.matched = len(
            store.record_matches(watch, unseen_matches(index, watch, store.known(watch.name), synonyms))
        )
    except IndexFailure as exc:
        run.errors.append(f"cannot search the index: {exc}")


def _open(index_spec: str | None, config_path: str | None) -> tuple[Index | None, str | None]:
    """The index to match against, or why there is none (what waits is delivered all the same)."""
    try:
        return existing_index(index_spec, config_path), None
    except IndexFailure as exc:
        return None, f"cannot open the index: {exc}"


def _write_feed(name: str, index_spec: str | None, config_path: str | None, run: WatchRun) -> None:
    path = feed_path(name, index_spec, config_path)
    try:
        write_atomically(path, feed_bytes(name, index_spec, config_path))
    except OSError as exc:
        run.errors.append(f"cannot write the feed {path}: {exc.strerror or exc}")


def _deliver_waiting(
    store: WatchStore, run: WatchRun, settings: WatchSettings, emit: Callable[[str], None] | None
) -> None:
    watch = store.get(run.name)
    for batch in store.pending(run.name):
        if batch.output == "jsonl" and emit is None:
            run.waiting += 1
            continue
        try:
            _deliver(batch, watch, settings, emit)
        except DeliveryFailed as exc:
            dead = exc.permanent or batch.failed_runs + 1 >= settings.dead_after
            store.failed(batch, str(exc), dead=dead)
            run.dead += dead
            run.waiting += not dead
            run.errors.append(
                f"{batch.output}: {exc}" + (" (kept as a dead letter)" if dead else " (retried next run)")
            )
            log.warning("watch %s: %s delivery failed: %s", run.name, batch.output, exc)
            continue
        store.delivered(batch)
        run.delivered += len(batch.entries)


def _deliver(batch: Batch, watch: Watch, settings: WatchSettings, emit: Callable[[str], None] | None) -> None:
    if batch.output == "email":
        send_digest(settings.smtp, watch, batch.key, batch.entries)
    elif batch.output == "webhook":
        post_batch(settings.webhook, watch, batch.key, batch.entries)
    elif emit is not None:
        for entry in batch.entries:
            emit(orjson.dumps({"watch": watch.name, "delivery": batch.key, **entry.to_dict()}).decode())


@contextmanager
def _run_lock(store_path: Path) -> Iterator[None]:
    """One run at a time per store, so no batch goes out twice; the OS releases it if the process dies."""
    fd = os.open(f"{store_path}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockBusy(
                "another `pmi watch run` is delivering for this index; run it again later"
            ) from None
        yield
    finally:
        os.close(fd)
