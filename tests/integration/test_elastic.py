"""Elasticsearch-specific behaviour: URLs and credentials, alias and migration, errors, outbox, copies."""

from __future__ import annotations

import json
import logging
import threading
import traceback
import urllib.error
import urllib.request
from base64 import b64encode
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from elasticsearch import Elasticsearch

from pmi_aggregator.article import Article
from pmi_aggregator.errors import IndexFailure, IndexUnavailable
from pmi_aggregator.index import open_index
from pmi_aggregator.index.copy import copy_index
from pmi_aggregator.index.elastic import DEFAULT_ALIAS, MAPPING, ElasticIndex
from pmi_aggregator.index.elastic.mapping import MAPPING_VERSION
from pmi_aggregator.index.outbox import BufferedIndex, Outbox, sync
from pmi_aggregator.index.sqlite import SqliteIndex
from tests.contract.test_index_contract import corpus

MakeIndex = Callable[..., ElasticIndex]
SECRET = "s3cret"


def articles(n: int, *, source: str = "kompas") -> list[Article]:
    start = datetime(2024, 1, 1, tzinfo=timezone.utc)
    return [
        Article(
            url=f"https://www.{source}.example/berita/{i}",
            source=source,
            title=f"Pekerja migran nomor {i}",
            body=f"Laporan {i} tentang perekrutan pekerja migran ke Taiwan dan Hongkong.",
            published_at=start + timedelta(hours=i),
        )
        for i in range(n)
    ]


def backing_index(es: Elasticsearch, alias: str) -> str:
    (name,) = es.indices.get_alias(name=alias).body
    return name


@pytest.fixture
def es(es_url: str) -> Iterator[Elasticsearch]:
    with Elasticsearch(es_url) as client:
        yield client


class FakeCluster:
    """A local HTTP server answering like Elasticsearch with an error status for the first ``failures``
    requests (all of them by default), then forwarding to ``upstream`` if given."""

    def __init__(self, status: int, *, failures: int | None = None, upstream: str | None = None) -> None:
        self.status, self.failures, self.upstream = status, failures, upstream
        self.requests = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self._server.server_port}"

    def __enter__(self) -> FakeCluster:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _failing(self) -> bool:
        with self._lock:
            self.requests += 1
            return self.failures is None or self.requests <= self.failures

    def _error(self) -> tuple[int, dict[str, str], bytes]:
        kind = {401: "security_exception", 429: "es_rejected_execution_exception"}.get(
            self.status, "exception"
        )
        error = {"type": kind, "reason": f"fake {self.status} for user [elastic]"}
        body = {"error": {**error, "root_cause": [error]}, "status": self.status}
        return self.status, {"Content-Type": "application/json"}, json.dumps(body).encode()

    def _forward(
        self, method: str, path: str, headers: dict[str, str], data: bytes | None
    ) -> tuple[int, dict[str, str], bytes]:
        request = urllib.request.Request(f"{self.upstream}{path}", data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return (
                    response.status,
                    {"Content-Type": response.headers["Content-Type"] or ""},
                    response.read(),
                )
        except urllib.error.HTTPError as exc:
            return exc.code, {"Content-Type": exc.headers["Content-Type"] or ""}, exc.read()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                data = self.rfile.read(length) if length else None
                if fake._failing() or fake.upstream is None:
                    status, headers, body = fake._error()
                else:
                    keep = {k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")}
                    status, headers, body = fake._forward(self.command, self.path, keep, data)
                self.send_response(status)
                for name, value in {**headers, "X-elastic-product": "Elasticsearch"}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

            def log_message(self, *args: Any) -> None:
                pass

        return Handler


# -- URLs and credentials (no node needed) ---------------------------------------------------------
def test_url_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PMI_ES_API_KEY", "PMI_ES_USERNAME", "PMI_ES_PASSWORD", "PMI_ES_CLOUD_ID"):
        monkeypatch.delenv(name, raising=False)
    plain = ElasticIndex("http://localhost:9200")
    assert (plain.url, plain.alias) == ("http://localhost:9200", DEFAULT_ALIAS)
    secured = ElasticIndex(f"https://elastic:{SECRET}@ES.example:9243/proxy/pmi-lab")
    assert (secured.url, secured.alias) == ("https://es.example:9243/proxy/pmi-lab", "pmi-lab")
    assert SECRET not in repr(secured) and SECRET in secured.connection_spec()
    assert secured._es.transport.node_pool.all()[0].config.path_prefix == "/proxy"
    assert secured._es.transport.node_pool.all()[0].config.verify_certs
    assert secured._es._headers["authorization"].startswith("Basic ")
    assert isinstance(open_index("es+http://localhost:9200"), ElasticIndex)

    monkeypatch.setenv("PMI_ES_API_KEY", "key-" + SECRET)
    keyed = ElasticIndex("https://es.example:9243", alias="other", ca_certs=__file__)
    assert keyed._es._headers["authorization"].startswith("ApiKey ")
    assert keyed._es.transport.node_pool.all()[0].config.ca_certs == __file__
    assert keyed.url == keyed.connection_spec() == "https://es.example:9243/other"
    assert SECRET not in repr(keyed)
    renamed = ElasticIndex(f"http://u:{SECRET}@localhost:9200/old", alias="new")
    assert (renamed.url, renamed.connection_spec()) == (
        "http://localhost:9200/new",
        f"http://u:{SECRET}@localhost:9200/new",
    )

    with pytest.raises(IndexUnavailable, match="PMI_ES_CLOUD_ID"):
        ElasticIndex("es+cloud://")
    host = b64encode(b"es.example.com:443$abc123$def456").decode()
    monkeypatch.setenv("PMI_ES_CLOUD_ID", f"pmi-prod:{host}")
    for spec in ("es+cloud://", "elasticsearch://cloud"):
        cloud = ElasticIndex(spec)
        assert cloud.alias == DEFAULT_ALIAS and SECRET not in cloud.url
        assert cloud._es.transport.node_pool.all()[0].config.host == "abc123.es.example.com"
    with pytest.raises(IndexUnavailable, match="unsupported"):
        ElasticIndex(f"ftp://u:{SECRET}@host")
    with pytest.raises(IndexFailure, match="invalid alias"):
        ElasticIndex("http://localhost:9200", alias="Bad Alias")


def _assert_no_secret(exc: BaseException, index: ElasticIndex, caplog: pytest.LogCaptureFixture) -> None:
    assert SECRET not in str(exc)
    assert SECRET not in "".join(traceback.format_exception(exc))
    assert SECRET not in repr(index)
    assert SECRET not in caplog.text
    assert "\n" not in str(exc)


def test_credentials_never_leak(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    caplog.set_level(logging.DEBUG)
    for name in ("elastic_transport", "elastic_transport.transport", "elasticsearch", "pmi_aggregator"):
        caplog.set_level(logging.DEBUG, logger=name)
    unreachable = ElasticIndex(f"http://elastic:{SECRET}@127.0.0.1:1", retries=1, backoff=0.01)
    with pytest.raises(IndexUnavailable, match="cannot reach") as info:
        unreachable.search("pekerja")
    _assert_no_secret(info.value, unreachable, caplog)

    with FakeCluster(401) as fake:
        wrong = ElasticIndex(fake.url.replace("//", f"//elastic:{SECRET}@"), retries=1, backoff=0.01)
        with pytest.raises(IndexUnavailable, match=r"rejected the credentials \(401\)") as info:
            wrong.upsert(articles(1))
        _assert_no_secret(info.value, wrong, caplog)
        monkeypatch.setenv("PMI_ES_API_KEY", SECRET)
        keyed = ElasticIndex(fake.url)
        with pytest.raises(IndexUnavailable, match="PMI_ES_API_KEY") as info:
            keyed.count()
        _assert_no_secret(info.value, keyed, caplog)
    assert "127.0.0.1" in caplog.text  # the transport did log its requests


def test_forbidden_is_one_clear_line() -> None:
    with FakeCluster(403) as fake, pytest.raises(IndexUnavailable, match=r"denied access \(403") as info:
        ElasticIndex(fake.url, retries=0).search("pekerja")
    assert "grant the user read/write/manage on pmi-articles*" in str(info.value)
    assert fake.requests == 1


def test_429_is_retried_with_backoff_then_reported() -> None:
    with FakeCluster(429) as fake:
        index = ElasticIndex(fake.url, retries=2, backoff=0.01)
        with pytest.raises(IndexUnavailable, match="429") as info:
            index.count()
    assert fake.requests == 3
    assert "retry later" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.elasticsearch
def test_429_then_success(es_url: str, es_alias: str) -> None:
    with FakeCluster(429, failures=2, upstream=es_url) as proxy:
        index = ElasticIndex(proxy.url, alias=es_alias, retries=3, backoff=0.01)
        assert index.upsert(articles(5)).new == 5
        assert index.search("pekerja").total == 5
        index.close()


def test_unreachable_host_is_one_clear_line() -> None:
    index = ElasticIndex("http://127.0.0.1:1", retries=0)
    for call in (lambda: index.count(), lambda: index.upsert(articles(1)), lambda: index.get("x")):
        with pytest.raises(IndexUnavailable) as info:
            call()
        assert str(info.value).startswith("cannot reach Elasticsearch at http://127.0.0.1:1 (")
        assert "\n" not in str(info.value)


# -- alias, mapping, migration ---------------------------------------------------------------------
@pytest.mark.elasticsearch
def test_first_use_creates_versioned_index_behind_alias(
    make_es_index: MakeIndex, es: Elasticsearch, es_alias: str
) -> None:
    index = make_es_index()
    index.upsert(articles(3))
    name = backing_index(es, es_alias)
    assert name == f"{es_alias}-v{MAPPING_VERSION}"
    mapping = es.indices.get_mapping(index=name)[name]["mappings"]
    assert mapping["dynamic"] == "strict" and mapping["properties"] == MAPPING["properties"]
    settings = es.indices.get_settings(index=name)[name]["settings"]["index"]
    assert (settings["number_of_shards"], settings["number_of_replicas"]) == ("1", "0")
    assert make_es_index().search("pekerja").total == 3  # visible to another client at once
    assert index.migrate() == {"old": name, "new": name, "docs": 3, "migrated": False}


@pytest.mark.elasticsearch
def test_migrate_swaps_alias_while_searches_run(
    make_es_index: MakeIndex, es: Elasticsearch, es_alias: str
) -> None:
    index = make_es_index()
    index.upsert(articles(400))
    old = backing_index(es, es_alias)
    reader = make_es_index()
    totals: list[int] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def search_until_done() -> None:
        while not done.is_set():
            try:
                totals.append(index.search("pekerja migran", limit=5).total)  # the migrating client
                totals.append(reader.count())
            except BaseException as exc:  # any error fails the test below
                errors.append(exc)

    thread = threading.Thread(target=search_until_done)
    thread.start()
    try:
        report = index.migrate(force=True)
    finally:
        done.set()
        thread.join()
    assert errors == []
    assert len(totals) > 10 and set(totals) == {400}
    assert report == {"old": old, "new": f"{es_alias}-v{MAPPING_VERSION}-2", "docs": 400, "migrated": True}
    assert backing_index(es, es_alias) == report["new"]
    assert es.indices.get_settings(index=old)[old]["settings"]["index"]["blocks"]["write"] == "true"
    assert index.upsert(articles(401)).new == 1
    assert es.count(index=report["new"])["count"] == 401


@pytest.mark.elasticsearch
def test_mapping_conflict_asks_for_migrate(
    make_es_index: MakeIndex, es: Elasticsearch, es_alias: str
) -> None:
    legacy = f"{es_alias}-v{MAPPING_VERSION}"
    es.indices.create(
        index=legacy, mappings={"properties": {"title_terms": {"type": "keyword"}}}, aliases={es_alias: {}}
    )
    flat = articles(2)
    for article in flat:
        es.index(
            index=legacy, id=article.id, document={**article.to_dict(), "title_terms": "x"}, refresh=True
        )
    index = make_es_index()
    with pytest.raises(IndexFailure, match="run `pmi index migrate`") as info:
        index.search("pekerja")
    assert "incompatible mapping" in str(info.value) and "\n" not in str(info.value)
    report = index.migrate()
    assert report["migrated"] and report["docs"] == 2 and report["new"] == f"{es_alias}-v{MAPPING_VERSION}-2"
    assert index.get(flat[0].id) == flat[0]
    assert index.search("perekrutan").total == 2


@pytest.mark.elasticsearch
def test_failed_migration_leaves_old_index_serving(
    make_es_index: MakeIndex, es: Elasticsearch, es_alias: str
) -> None:
    legacy = f"{es_alias}-old"
    es.indices.create(index=legacy, aliases={es_alias: {}})
    es.index(index=legacy, id="broken", document={"title": "no url"}, refresh=True)
    index = make_es_index()
    with pytest.raises(IndexFailure, match="cannot migrate document broken"):
        index.migrate()
    assert backing_index(es, es_alias) == legacy
    assert "blocks" not in es.indices.get_settings(index=legacy)[legacy]["settings"]["index"]
    assert not es.indices.exists(index=f"{es_alias}-v{MAPPING_VERSION}")


@pytest.mark.elasticsearch
def test_index_named_like_the_alias_is_moved_behind_it(
    make_es_index: MakeIndex, es: Elasticsearch, es_alias: str
) -> None:
    es.indices.create(index=es_alias, mappings=MAPPING)
    index = make_es_index()
    with pytest.raises(IndexFailure, match="is an index, not an alias; run `pmi index migrate`"):
        index.count()
    report = index.migrate()
    assert report["old"] == es_alias and report["new"] == f"{es_alias}-v{MAPPING_VERSION}"
    assert backing_index(es, es_alias) == report["new"]
    assert index.upsert(articles(2)).new == 2


@pytest.mark.elasticsearch
def test_newer_mapping_is_refused(make_es_index: MakeIndex, es: Elasticsearch, es_alias: str) -> None:
    es.indices.create(
        index=f"{es_alias}-v9", mappings={**MAPPING, "_meta": {"mapping_version": 9}}, aliases={es_alias: {}}
    )
    index = make_es_index()
    for call in (index.count, index.migrate):
        with pytest.raises(IndexFailure, match="newer than this pmi-aggregator"):
            call()


# -- errors on a real node -------------------------------------------------------------------------
@pytest.mark.elasticsearch
def test_closed_index_is_a_clear_error(make_es_index: MakeIndex, es: Elasticsearch, es_alias: str) -> None:
    index = make_es_index()
    index.upsert(articles(2))
    name = backing_index(es, es_alias)
    es.indices.close(index=name)
    for call in (lambda: index.search("pekerja"), lambda: index.upsert(articles(3)), index.count):
        with pytest.raises(IndexUnavailable, match=rf"closed; reopen it \(POST /{name}/_open\)") as info:
            call()
        assert "\n" not in str(info.value)
    with pytest.raises(IndexUnavailable, match="closed"):
        make_es_index().count()


@pytest.mark.elasticsearch
def test_bulk_partial_failure_is_reported_per_document(make_es_index: MakeIndex) -> None:
    index = make_es_index()
    good = articles(3)
    bad = Article(url="https://www.kompas.example/raksasa", source="x" * 40_000, title="Sumber raksasa")
    result = index.upsert([good[0], bad, *good[1:]])
    assert (result.new, result.failed) == (3, 1)
    assert len(result.errors) == 1 and result.errors[0].startswith(f"{bad.id}: 400 ")
    assert "failed to parse field [source]" in result.errors[0] and "\n" not in result.errors[0]
    assert index.count() == 3 and index.get(bad.id) is None


@pytest.mark.elasticsearch
def test_counts_stay_exact_across_bulk_batches(make_es_index: MakeIndex) -> None:
    index = make_es_index(batch_size=2)
    first, second, third = articles(3)
    edited = Article.from_dict({**first.to_dict(), "body": "Isi baru."})
    result = index.upsert([first, second, edited, first, third])
    assert (result.new, result.updated, result.unchanged) == (3, 2, 0)
    assert index.get(first.id) == first and index.count() == 3


# -- outbox, sync, copies --------------------------------------------------------------------------
@pytest.mark.elasticsearch
def test_outbox_keeps_articles_until_the_index_takes_them(tmp_path: Path, make_es_index: MakeIndex) -> None:
    outbox = Outbox(tmp_path / "outbox.db")
    down = BufferedIndex(ElasticIndex("http://127.0.0.1:1", retries=0), outbox, cooldown=60)
    batch = articles(5)
    result = down.upsert(batch)
    assert (result.failed, down.pending) == (5, 5) and "pmi index sync" in result.errors[0]
    assert down.upsert(articles(7)).failed == 7 and down.pending == 7  # queued at once, newest version kept
    bad = Article(url="https://www.kompas.example/raksasa", source="x" * 40_000, title="Sumber raksasa")
    outbox.put([bad])

    target = make_es_index()
    delivered = outbox.drain(target, batch_size=3)
    assert (delivered.new, delivered.failed, outbox.pending()) == (7, 1, 1)
    assert target.count() == 7
    up = BufferedIndex(target, outbox)
    assert up.upsert(articles(9)).new == 2 and up.pending == 1  # drains first; the bad one stays
    assert up.search("pekerja").total == 9


@pytest.mark.elasticsearch
def test_sync_delivers_what_waited_during_an_outage(es_url: str, es_alias: str, es: Elasticsearch) -> None:
    spec = f"{es_url}/{es_alias}"
    with open_index(spec) as first:
        first.upsert(articles(1))
    es.indices.close(index=backing_index(es, es_alias))
    crawl = BufferedIndex(open_index(spec))
    assert crawl.upsert(articles(6)).failed == 6 and crawl.pending == 6
    crawl.close()
    es.indices.open(index=backing_index(es, es_alias), wait_for_active_shards="1")
    assert sync(spec) == (6, 0)
    assert sync(spec) == (0, 0)
    with open_index(spec) as index:
        assert index.count() == 6


@pytest.mark.elasticsearch
def test_copy_sqlite_to_elasticsearch_and_back(tmp_path: Path, make_es_index: MakeIndex) -> None:
    source = SqliteIndex(tmp_path / "a.db")
    source.upsert(corpus())
    elastic = make_es_index()
    seen: list[tuple[int, int]] = []
    result = copy_index(
        source, elastic, batch_size=7, progress=lambda done, total: seen.append((done, total))
    )
    total = len(corpus())
    assert (result.new, result.failed) == (total, 0)
    assert seen[-1] == (total, total) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    back = SqliteIndex(tmp_path / "b.db")
    assert copy_index(elastic, back).new == total
    assert list(back.iter_articles()) == list(source.iter_articles()) == list(elastic.iter_articles())
    assert copy_index(source, elastic).unchanged == total
    source.close()
    back.close()
