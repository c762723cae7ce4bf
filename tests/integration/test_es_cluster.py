"""A three-node cluster that loses a node: nothing written is lost, and searches answer or fail in one line.

Needs ``scripts/es-test-cluster start`` and ``PMI_TEST_ES_CLUSTER`` set to its URL list (e.g.
``http://127.0.0.1:9210,127.0.0.1:9211,127.0.0.1:9212``); the tests kill node 2 or 3 with SIGKILL through
that script and start it again before they end.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from elasticsearch import Elasticsearch

from pmi_aggregator.article import Article
from pmi_aggregator.errors import IndexFailure
from pmi_aggregator.index.elastic import ElasticIndex
from pmi_aggregator.index.outbox import BufferedIndex, sync

CLUSTER = os.environ.get("PMI_TEST_ES_CLUSTER", "")
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "es-test-cluster"
TIMEOUT = 5.0
"""Seconds per request: a search may wait at most this per try, never hang on a dead node."""

pytestmark = [
    pytest.mark.cluster,
    pytest.mark.skipif(not CLUSTER, reason="set PMI_TEST_ES_CLUSTER to a scripts/es-test-cluster URL list"),
    pytest.mark.timeout(300),
]


def node(command: str, n: int) -> None:
    """``scripts/es-test-cluster kill|restart N`` on the cluster of PMI_TEST_ES_CLUSTER."""
    port = urlsplit(CLUSTER.split(",")[0]).port
    env = {**os.environ, "ES_CLUSTER_PORT": str(port)}
    subprocess.run([str(SCRIPT), command, str(n)], env=env, check=True, timeout=280, capture_output=True)


def articles(n: int, start: int = 0) -> list[Article]:
    first = datetime(2024, 1, 1, tzinfo=timezone.utc)
    return [
        Article(
            url=f"https://cluster.example/berita/{i}",
            source=f"s{i % 3}",
            title=f"Pekerja migran nomor {i}",
            body=f"Laporan {i} tentang perekrutan pekerja migran ke Taiwan dan Hongkong.",
            published_at=first + timedelta(hours=i),
        )
        for i in range(start, start + n)
    ]


@pytest.fixture
def spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The cluster URL naming a fresh alias; its indices are deleted and every node is up afterwards."""
    monkeypatch.setenv("PMI_DATA_DIR", str(tmp_path))  # the outbox of the test's own
    alias = f"pmi-cluster-{uuid.uuid4().hex[:8]}"
    yield f"{CLUSTER}/{alias}"
    for n in (2, 3):
        node("restart", n)
    hosts = ["http://" + h.removeprefix("http://") for h in CLUSTER.split(",")]
    with Elasticsearch(hosts) as es:
        es.options(ignore_status=404).indices.delete(index=f"{alias}*", expand_wildcards="all")


def test_a_node_killed_during_writes_loses_nothing_once_synced(spec: str) -> None:
    index = BufferedIndex(ElasticIndex(spec, shards=3, replicas=1, request_timeout=TIMEOUT, retries=1))
    taken = refused = answered = 0
    for batch in range(12):
        if batch == 4:
            node("kill", 3)
        result = index.upsert(articles(100, start=100 * batch))
        assert result.new + result.failed == 100  # each article stored or queued, none dropped
        taken, refused = taken + result.new, refused + result.failed
        try:
            index.search("pekerja migran", limit=5)
            answered += 1
        except IndexFailure as exc:
            assert "\n" not in str(exc)
    index.close()
    assert answered >= 8  # the cluster kept answering with a node gone
    node("restart", 3)
    delivered, waiting = sync(spec)
    assert (delivered, waiting) == (refused, 0)
    with ElasticIndex(spec) as after:
        assert after.count() == 1200 == taken + refused  # counts match: nothing lost, nothing twice
        assert after.search("perekrutan", limit=1).total == 1200


def test_a_node_killed_during_a_search_burst_never_hangs_a_search(spec: str) -> None:
    with ElasticIndex(spec, shards=3, replicas=1) as setup:
        assert setup.upsert(articles(600)).new == 600
    index = ElasticIndex(spec, request_timeout=TIMEOUT, retries=1, backoff=0.2)
    calls: list[tuple[float, str | None]] = []
    stop = threading.Event()

    def burst() -> None:
        while not stop.is_set():
            start = time.monotonic()
            try:
                total = index.search("pekerja", limit=10).total
                outcome = None if total == 600 else f"WRONG TOTAL {total}"
            except IndexFailure as exc:
                outcome = str(exc)
            calls.append((time.monotonic() - start, outcome))

    workers = [threading.Thread(target=burst) for _ in range(4)]
    for worker in workers:
        worker.start()
    time.sleep(2)
    node("kill", 2)
    time.sleep(8)
    stop.set()
    for worker in workers:
        worker.join(timeout=60)
    index.close()
    assert not any(worker.is_alive() for worker in workers)
    assert max(seconds for seconds, _ in calls) < 2 * TIMEOUT + 5  # two tries and a backoff at most
    failures = [outcome for _, outcome in calls if outcome is not None]
    assert all("\n" not in message and "WRONG" not in message for message in failures)
    assert len(failures) < len(calls) / 2  # most searches were answered


def test_migrate_on_the_cluster_while_searches_run(spec: str) -> None:
    with ElasticIndex(spec, shards=3, replicas=1) as index:
        assert index.upsert(articles(600)).new == 600
        totals: list[int | str] = []
        stop = threading.Event()

        def searches() -> None:
            with ElasticIndex(spec, request_timeout=TIMEOUT) as reader:
                while not stop.is_set():
                    try:
                        totals.append(reader.search("pekerja", limit=5).total)
                    except IndexFailure as exc:
                        totals.append(str(exc))

        worker = threading.Thread(target=searches)
        worker.start()
        try:
            report = index.migrate(force=True)
        finally:
            time.sleep(1)
            stop.set()
            worker.join(timeout=60)
        assert report["migrated"] and report["docs"] == 600 and report["new"] != report["old"]
        assert totals and set(totals) == {600}  # every search during the migration answered, in full
        hosts = ["http://" + h.removeprefix("http://") for h in CLUSTER.split(",")]
        with Elasticsearch(hosts) as es:
            settings = es.indices.get_settings(index=report["new"]).body[report["new"]]["settings"]["index"]
        assert (settings["number_of_shards"], settings["number_of_replicas"]) == ("3", "1")
