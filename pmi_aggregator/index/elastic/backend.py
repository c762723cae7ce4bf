"""The ElasticIndex class: the alias and its versioned index, writes, reads, search and migration."""

from __future__ import annotations

import logging
import os
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, ClassVar, TypeVar

from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout, TlsError
from elasticsearch import ApiError, Elasticsearch, UnsupportedProductError
from elasticsearch.helpers import ScanError, scan

from pmi_aggregator.article import Article
from pmi_aggregator.errors import IndexFailure, IndexUnavailable
from pmi_aggregator.index.contract import (
    MAX_LIMIT,
    MAX_OFFSET,
    FacetCounts,
    Index,
    Page,
    SearchRequest,
    UpsertResult,
    coerce_articles,
)
from pmi_aggregator.index.cursor import Position
from pmi_aggregator.index.elastic.connection import (
    ALIAS_NAME,
    ERRNO,
    RETRY_STATUSES,
    api_message,
    error_parts,
    one_line,
    secrets_of,
    target,
    with_alias,
)
from pmi_aggregator.index.elastic.mapping import MAPPING, MAPPING_VERSION, document, field_conflict
from pmi_aggregator.index.elastic.periods import period_aggregations, period_rows
from pmi_aggregator.index.elastic.query import SORTS, facet_aggregations, render_query
from pmi_aggregator.index.periods import PeriodRow
from pmi_aggregator.index.query import Query, parse_query
from pmi_aggregator.urls import strip_credentials

log = logging.getLogger(__name__)

DEFAULT_ALIAS = "pmi-articles"
BATCH_SIZE = 500
MAX_BATCH_CHARS = 4_000_000
"""Text per bulk request: far below the cluster's 100 MB request limit even for hostile pages."""
_T = TypeVar("_T")


_STORY_COUNT_PRECISION = 40_000
"""Stories counted exactly by a collapsed search's total (Elasticsearch's cardinality maximum)."""


def _story_buckets(size: int, order: list[dict[str, str]]) -> dict[str, Any]:
    """A ``terms`` aggregation on ``story`` with its outlets (distinct sources) and newest publication."""
    return {
        "stories": {
            "terms": {
                "field": "story",
                "size": max(1, size),
                "order": order,
                "shard_size": max(100, size * 5),
            },
            "aggs": {
                "outlets": {"cardinality": {"field": "source"}},
                "newest": {"max": {"field": "published_at"}},
            },
        }
    }


class ElasticIndex(Index):
    """Articles in an Elasticsearch 9 cluster, behind an alias, searched like the embedded index.

    Options: ``alias`` (default: the URL's last path segment, else ``pmi-articles``), ``ca_certs`` (private CA
    bundle), ``shards``/``replicas`` of new indices (1/0), ``request_timeout`` (s), ``retries`` and
    ``backoff`` (s) for 429/5xx/connection errors, ``batch_size`` of bulk requests.
    """

    needs_outbox: ClassVar[bool] = True

    def __init__(
        self,
        url: str,
        *,
        alias: str | None = None,
        ca_certs: str | os.PathLike[str] | None = None,
        shards: int = 1,
        replicas: int = 0,
        request_timeout: float = 30.0,
        retries: int = 4,
        backoff: float = 0.5,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        cluster = target(url, os.environ)
        self._secrets = secrets_of(cluster.auth)
        self.alias = alias or cluster.alias or DEFAULT_ALIAS
        if not ALIAS_NAME.fullmatch(self.alias):
            raise IndexFailure(f"invalid alias {self.alias!r}; use lower-case letters, digits, '-', '_', '.'")
        self._spec = (
            url if alias in (None, cluster.alias) else with_alias(url, alias, cluster.alias is not None)
        )
        self.url = strip_credentials(self._spec)
        options = dict(cluster.client)
        self._settings = {"number_of_shards": shards, "number_of_replicas": replicas}
        self._retries, self._backoff, self._batch_size = retries, backoff, batch_size
        if ca_certs:
            options["ca_certs"] = os.fspath(ca_certs)
        self._es = Elasticsearch(
            **options, **cluster.auth, request_timeout=request_timeout, max_retries=0, retry_on_timeout=False
        )
        self._ready_lock = threading.Lock()
        self._ready_done = False

    def __repr__(self) -> str:
        return f"ElasticIndex({self.url!r})"

    def connection_spec(self) -> str:
        """The URL as given (credentials in it included), naming the alias: for another process."""
        return self._spec

    # -- errors ---------------------------------------------------------------------------------
    def _clean(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return one_line(text)

    def _failure(self, exc: Exception) -> IndexFailure:
        """A one-line, credential-free IndexFailure that says what to do about ``exc``."""
        where = f"Elasticsearch at {self.url}"
        if isinstance(exc, TlsError):
            message = f"TLS verification of {where} failed; pass ca_certs=<CA bundle> for a private CA"
        elif isinstance(exc, ConnectionTimeout):
            message = f"{where} timed out; check that it runs and is not overloaded, then retry"
        elif isinstance(exc, TransportConnectionError):
            found = ERRNO.search(str(exc))
            reason = found.group(0) if found else "no answer"
            message = f"cannot reach {where} ({reason}); check the URL and that it runs, then retry"
        elif isinstance(exc, UnsupportedProductError):
            message = f"{self.url} does not answer as Elasticsearch; check the URL"
        elif isinstance(exc, ApiError):
            return self._api_failure(exc.meta.status, exc.body)
        else:
            return IndexFailure(self._clean(f"{where} failed: {exc}"))
        return IndexUnavailable(self._clean(message))

    def _api_failure(self, status: int, body: Any) -> IndexFailure:
        kind, reason, index = error_parts(body)
        unavailable, message = api_message(
            f"Elasticsearch at {self.url}", self.alias, status, kind, reason, index
        )
        if status == 429:
            message += f" (after {self._retries} retries)"
        return (IndexUnavailable if unavailable else IndexFailure)(self._clean(message))

    def _call(self, method: Callable[..., _T], **kwargs: Any) -> _T:
        """Call the client; retry 429/5xx/connection errors with exponential backoff; translate errors."""
        for attempt in range(self._retries + 1):
            try:
                return method(**kwargs)
            except (TransportConnectionError, ConnectionTimeout) as exc:
                error: Exception = exc
                if isinstance(exc, TlsError):
                    break
            except ApiError as exc:
                error = exc
                if exc.meta.status not in RETRY_STATUSES or isinstance(exc, UnsupportedProductError):
                    break
            if attempt < self._retries:
                self._sleep(attempt)
        raise self._failure(error) from None

    def _sleep(self, attempt: int) -> None:
        time.sleep(self._backoff * 2**attempt * random.uniform(0.75, 1.25))

    # -- the alias and its index ------------------------------------------------------------------
    def _resolve(self) -> tuple[list[str], bool]:
        """(indices behind the alias name, whether the name is an alias rather than an index)."""
        found = self._call(self._es.options(ignore_status=404).indices.get_alias, name=self.alias)
        if found.meta.status != 404:
            return sorted(found.body), True
        exists = self._call(self._es.indices.exists, index=self.alias)
        return ([self.alias] if exists else []), False

    def _ready(self) -> None:
        """Create the index on first use, or check that the existing one has the expected mapping."""
        if self._ready_done:
            return
        with self._ready_lock:
            if self._ready_done:
                return
            indices, is_alias = self._resolve()
            if not indices:
                self._create(self._free_name(), alias=True)
                indices, is_alias = self._resolve()
            problem = self._problem(indices, is_alias)
            if problem:
                raise IndexFailure(self._clean(problem))
            self._ready_done = True

    def _problem(self, indices: list[str], is_alias: bool) -> str | None:
        if not is_alias:
            return (
                f"{self.alias} is an index, not an alias; run `pmi index migrate` to move it behind the alias"
            )
        if len(indices) != 1:
            return f"the alias {self.alias} points to {len(indices)} indices ({', '.join(indices)}); keep one"
        return self._mapping_problem(indices[0])

    def _mapping_problem(self, index: str) -> str | None:
        """Why ``index`` can't serve this version, or None; an index from a newer release is an error."""
        mapping = self._call(self._es.indices.get_mapping, index=index)[index]["mappings"]
        version = (mapping.get("_meta") or {}).get("mapping_version")
        if isinstance(version, int) and version > MAPPING_VERSION:
            raise IndexFailure(
                f"{index} has mapping version {version}, newer than this pmi-aggregator's; upgrade it"
            )
        detail: str | None
        if version != MAPPING_VERSION:
            detail = f"mapping version {version}, expected {MAPPING_VERSION}"
        else:
            detail = field_conflict(mapping.get("properties", {}))
        if detail is None:
            return None
        return f"{index} behind {self.alias} has an incompatible mapping ({detail}); run `pmi index migrate`"

    def problems(self) -> list[str]:
        """``pmi index check``: the index's health as the cluster reports it, and its alias and mapping.

        An unreachable cluster raises its usual IndexFailure (one line, credentials hidden).
        """
        indices, is_alias = self._resolve()
        if not indices:
            return [f"no index behind {self.alias}; a crawl creates it"]
        health = self._call(self._es.cluster.health, index=indices)
        found = [] if health["status"] != "red" else [f"{', '.join(indices)}: health red (shards unassigned)"]
        problem = self._problem(indices, is_alias)
        return found + ([self._clean(problem)] if problem else [])

    def _free_name(self) -> str:
        name, n = f"{self.alias}-v{MAPPING_VERSION}", 1
        while self._call(self._es.indices.exists, index=name):
            n += 1
            name = f"{self.alias}-v{MAPPING_VERSION}-{n}"
        return name

    def _create(self, name: str, *, alias: bool, loading: bool = False) -> None:
        """Create a versioned index; an index another process created meanwhile is fine."""
        settings: dict[str, Any] = {**self._settings, "max_result_window": MAX_OFFSET + MAX_LIMIT}
        if loading:
            settings["refresh_interval"] = "-1"
        response = self._call(
            self._es.options(ignore_status=400).indices.create,
            index=name,
            mappings=MAPPING,
            settings=settings,
            aliases={self.alias: {"is_write_index": True}} if alias else None,
        )
        kind = error_parts(response.body)[0]
        if response.meta.status == 400 and kind != "resource_already_exists_exception":
            raise self._api_failure(400, response.body)

    def migrate(self, *, force: bool = False, delete_old: bool = False) -> dict[str, Any]:
        """Move the documents to a new index with the current mapping and swap the alias atomically.

        Searches keep working on the old index until the swap; writes to it are blocked meanwhile, so
        none is lost (a crawl's BufferedIndex queues them). Without ``force`` a current index stays.
        Returns ``old``/``new`` index names, ``docs`` in the new index and whether it ``migrated``.
        """
        indices, is_alias = self._resolve()
        if not indices:
            new = self._free_name()
            self._create(new, alias=True)
            return {"old": None, "new": new, "docs": 0, "migrated": True}
        if len(indices) > 1:
            raise IndexFailure(self._clean(self._problem(indices, is_alias) or ""))
        old = indices[0]
        if not force and self._problem(indices, is_alias) is None:
            return {"old": old, "new": old, "docs": self._count(old), "migrated": False}
        new = self._free_name()
        docs = self._rebuild(old, new, is_alias, delete_old)
        self._ready_done = False  # the next call checks the new index
        log.info("migrated %s: %s -> %s (%d documents)", self.alias, old, new, docs)
        return {"old": old, "new": new, "docs": docs, "migrated": True}

    def _rebuild(self, old: str, new: str, is_alias: bool, delete_old: bool) -> int:
        self._create(new, alias=False, loading=True)
        self._block_writes(old, True)
        try:
            docs = self._copy_all(old, new)
            self._call(self._es.indices.put_settings, index=new, settings={"refresh_interval": None})
            self._call(self._es.indices.refresh, index=new)
            copied, expected = self._count(new), self._count(old)
            if copied != expected:
                raise IndexFailure(f"migrating {old} to {new} copied {copied} of {expected} documents; retry")
        except BaseException:
            self._block_writes(old, False)
            self._call(self._es.options(ignore_status=404).indices.delete, index=new)
            raise
        drop = (
            {"remove_index": {"index": old}}
            if delete_old or not is_alias
            else {"remove": {"index": old, "alias": self.alias}}
        )
        actions = [drop, {"add": {"index": new, "alias": self.alias, "is_write_index": True}}]
        self._call(self._es.indices.update_aliases, actions=actions)
        return docs

    def _block_writes(self, index: str, blocked: bool) -> None:
        self._call(
            self._es.indices.put_settings, index=index, settings={"index.blocks.write": blocked or None}
        )

    def _copy_all(self, old: str, new: str) -> int:
        """Re-prepare every document of ``old`` into ``new`` (the terms are rebuilt from ``article``)."""
        copied, batch = 0, []
        try:
            for hit in scan(self._es, index=old, query={"query": {"match_all": {}}}, size=self._batch_size):
                batch.append(self._migrated(hit))
                if len(batch) >= self._batch_size:
                    copied += self._write_all(batch, new)
                    batch = []
        except (ApiError, TransportConnectionError, ConnectionTimeout) as exc:
            raise self._failure(exc) from None
        except ScanError as exc:
            raise IndexFailure(
                self._clean(f"reading {old} failed: {exc}; retry `pmi index migrate`")
            ) from None
        return copied + (self._write_all(batch, new) if batch else 0)

    def _migrated(self, hit: dict[str, Any]) -> dict[str, Any]:
        source = hit["_source"]
        try:
            return document(Article.from_dict(dict(source.get("article", source))))
        except (TypeError, ValueError) as exc:
            raise IndexFailure(
                self._clean(f"cannot migrate document {hit['_id']}: {exc}; fix or delete it, then retry")
            ) from None

    def _write_all(self, docs: list[dict[str, Any]], index: str) -> int:
        errors = self._bulk(docs, index)
        if errors:
            doc_id, reason = next(iter(errors.items()))
            raise IndexFailure(
                self._clean(f"migration stopped: {len(errors)} documents failed, e.g. {doc_id}: {reason}")
            )
        return len(docs)

    # -- writes ---------------------------------------------------------------------------------
    def upsert(self, articles: Iterable[Article | Mapping[str, Any]]) -> UpsertResult:
        self._ready()
        result = UpsertResult()
        wrote = False
        for batch in self._batches(coerce_articles(articles)):
            wrote = self._upsert_batch([document(article) for article in batch], result) or wrote
        if wrote:  # one refresh per call: a search right after sees the articles, from any client
            self._call(self._es.indices.refresh, index=self.alias)
        return result

    def _batches(self, articles: Iterator[Article]) -> Iterator[list[Article]]:
        batch: list[Article] = []
        chars = 0
        for article in articles:
            batch.append(article)
            chars += len(article.title) + len(article.summary) + len(article.body)
            if len(batch) >= self._batch_size or chars >= MAX_BATCH_CHARS:
                yield batch
                batch, chars = [], 0
        if batch:
            yield batch

    def _upsert_batch(self, docs: list[dict[str, Any]], result: UpsertResult) -> bool:
        """Classify against the stored version hashes and write what changed; True if anything was sent.

        Only a 32-character stored field is fetched per article, so the classification costs one small
        mget per batch, and an article repeated within the batch counts as it would one by one.
        """
        known = self._stored_hashes([d["id"] for d in docs])
        outcomes: list[tuple[str, str]] = []
        changed: dict[str, dict[str, Any]] = {}
        for doc in docs:
            previous = known.get(doc["id"])
            if previous == doc["vhash"]:
                result.unchanged += 1
                continue
            outcomes.append((doc["id"], "new" if previous is None else "updated"))
            known[doc["id"]] = doc["vhash"]
            changed[doc["id"]] = doc
        errors = self._bulk(list(changed.values()), self.alias) if changed else {}
        for doc_id, outcome in outcomes:
            if doc_id in errors:
                result.failed += 1
            else:
                setattr(result, outcome, getattr(result, outcome) + 1)
        result.failures.update(errors)
        return bool(changed)

    def _stored_hashes(self, ids: list[str]) -> dict[str, str]:
        """Version hashes of the stored copies (a small stored field: no document source is read)."""
        response = self._call(
            self._es.mget,
            index=self.alias,
            ids=list(dict.fromkeys(ids)),
            stored_fields=["vhash"],
            source=False,
        )
        stored = {}
        for doc in response["docs"]:
            if "error" in doc:
                raise self._api_failure(500, doc)
            if doc.get("found"):
                stored[doc["_id"]] = doc["fields"]["vhash"][0]
        return stored

    def _bulk(self, docs: list[dict[str, Any]], index: str) -> dict[str, str]:
        """Index ``docs`` by id, retrying those rejected for load; returns {id: reason} of the failed ones."""
        errors: dict[str, str] = {}
        pending = docs
        for attempt in range(self._retries + 1):
            retry = []
            for doc, outcome in zip(pending, self._send(pending, index), strict=True):
                if "error" not in outcome:
                    errors.pop(doc["id"], None)
                    continue
                kind, reason, _ = error_parts(outcome)
                errors[doc["id"]] = self._clean(f"{outcome['status']} {kind}: {reason}")
                if outcome["status"] in RETRY_STATUSES:
                    retry.append(doc)
            if not retry or attempt == self._retries:
                break
            pending = retry
            self._sleep(attempt)
        return errors

    def _send(self, docs: list[dict[str, Any]], index: str) -> list[dict[str, Any]]:
        """One bulk request; the per-document outcomes, in order (status, and error if any)."""
        operations = [line for doc in docs for line in ({"index": {"_id": doc["id"]}}, doc)]
        filter_path = "errors,items.*.status,items.*.error"
        response = self._call(self._es.bulk, operations=operations, index=index, filter_path=filter_path)
        return [item["index"] for item in response["items"]]

    # -- reads ----------------------------------------------------------------------------------
    def get(self, article_id: str) -> Article | None:
        self._ready()
        response = self._call(
            self._es.options(ignore_status=404).get,
            index=self.alias,
            id=article_id,
            source_includes=["article"],
        )
        if response.body.get("found"):
            return Article.from_dict(response.body["_source"]["article"])
        if "error" in response.body:
            raise self._api_failure(response.meta.status, response.body)
        return None

    def count(self, *, source: str | None = None) -> int:
        self._ready()
        return self._count(self.alias, source)

    def _count(self, index: str, source: str | None = None) -> int:
        query = {"term": {"source": source}} if source is not None else {"match_all": {}}
        return self._call(self._es.count, index=index, query=query)["count"]

    def iter_articles(self, *, batch_size: int = 500) -> Iterator[Article]:
        self._ready()
        size = max(1, min(batch_size, MAX_OFFSET))
        body: dict[str, Any] = {
            "query": {"match_all": {}},
            "sort": [{"id": "asc"}],
            "size": size,
            "_source": ["article"],
        }
        while True:
            hits = self._call(self._es.search, index=self.alias, body=body)["hits"]["hits"]
            for hit in hits:
                yield Article.from_dict(hit["_source"]["article"])
            if len(hits) < size:
                return
            body = {**body, "search_after": hits[-1]["sort"]}

    def source_stats(self) -> dict[str, dict[str, Any]]:
        self._ready()
        stats: dict[str, dict[str, Any]] = {}
        composite: dict[str, Any] = {"size": 1000, "sources": [{"source": {"terms": {"field": "source"}}}]}
        newest = {"max": {"field": "published_at", "format": "yyyy-MM-dd'T'HH:mm:ss"}}
        while True:
            body = {"size": 0, "aggs": {"sources": {"composite": composite, "aggs": {"newest": newest}}}}
            agg = self._call(self._es.search, index=self.alias, body=body)["aggregations"]["sources"]
            for bucket in agg["buckets"]:
                latest = bucket["newest"]
                stats[bucket["key"]["source"]] = {
                    "articles": bucket["doc_count"],
                    "newest": latest.get("value_as_string") if latest.get("value") is not None else None,
                }
            if not agg["buckets"] or "after_key" not in agg:
                return dict(sorted(stats.items()))
            composite = {**composite, "after": agg["after_key"]}

    def _ids_with_prefix(self, prefix: str, limit: int) -> list[str]:
        self._ready()
        body = {"query": {"prefix": {"id": prefix}}, "sort": [{"id": "asc"}], "size": limit, "_source": False}
        hits = self._call(self._es.search, index=self.alias, body=body)["hits"]["hits"]
        return [hit["_id"] for hit in hits]

    # -- search ---------------------------------------------------------------------------------
    def search_body(self, query: str | None = None, **kwargs: Any) -> dict[str, Any]:
        """The request body ``search`` sends for these arguments (for benchmarks and debugging)."""
        return self._body(*self._prepare(query, kwargs))

    def _execute(self, request: SearchRequest, parsed: Query, after: Position | None) -> Page:
        body = self._body(request, parsed, after)
        self._ready()
        response = self._call(self._es.search, index=self.alias, body=body).body
        raw = response["hits"]["hits"]
        hits = [
            (Article.from_dict(hit["_source"]["article"]), float(hit.get("_score") or 0.0)) for hit in raw
        ]
        return Page(hits, response["hits"]["total"]["value"], raw[-1]["sort"] if raw else None)

    def _facet_counts(
        self, request: SearchRequest, parsed: Query, fields: tuple[str, ...], limit: int
    ) -> FacetCounts:
        body = {"query": render_query(parsed, request), "size": 0, "aggs": facet_aggregations(fields, limit)}
        self._ready()
        aggs = self._call(self._es.search, index=self.alias, body=body)["aggregations"]
        return {name: [(b["key"], b["doc_count"]) for b in aggs[name]["buckets"]] for name in fields}

    def _period_counts(
        self, request: SearchRequest, parsed: Query, by: str, split: str | None, limit: int, collapse: bool
    ) -> list[PeriodRow]:
        aggs = period_aggregations(by, split, limit, collapse)
        body = {"query": render_query(parsed, request), "size": 0, "aggs": aggs}
        self._ready()
        return list(
            period_rows(
                self._call(self._es.search, index=self.alias, body=body)["aggregations"], by, collapse
            )
        )

    # -- stories ----------------------------------------------------------------------------------
    def _execute_collapsed(self, request: SearchRequest, parsed: Query, after: Position | None) -> Page:
        """Field collapsing on ``story``: the best hit of each story; a cardinality count of stories
        (exact up to ``_STORY_COUNT_PRECISION`` stories)."""
        body = {
            **self._body(request, parsed, after),
            "collapse": {"field": "story"},
            "aggs": {
                "stories": {"cardinality": {"field": "story", "precision_threshold": _STORY_COUNT_PRECISION}}
            },
        }
        self._ready()
        response = self._call(self._es.search, index=self.alias, body=body).body
        raw = response["hits"]["hits"]
        hits = [(Article.from_dict(h["_source"]["article"]), float(h.get("_score") or 0.0)) for h in raw]
        return Page(hits, response["aggregations"]["stories"]["value"], raw[-1]["sort"] if raw else None)

    def _story_members(self, story_id: str) -> list[Article]:
        body = {"query": {"term": {"story": story_id}}, "size": MAX_OFFSET, "_source": ["article"]}
        self._ready()
        hits = self._call(self._es.search, index=self.alias, body=body)["hits"]["hits"]
        return [Article.from_dict(hit["_source"]["article"]) for hit in hits]

    def _story_sizes(self, story_ids: list[str]) -> dict[str, tuple[int, int]]:
        if not story_ids:
            return {}
        aggs = _story_buckets(len(story_ids), [{"_count": "desc"}])
        body = {"query": {"terms": {"story": story_ids}}, "size": 0, "aggs": aggs}
        return self._story_rows(body)

    def _story_counts(self, request: SearchRequest) -> list[tuple[str, int, int]]:
        order = [{"outlets": "desc"}, {"_count": "desc"}, {"newest": "desc"}, {"_key": "asc"}]
        body = {
            "query": render_query(parse_query(""), request),
            "size": 0,
            "aggs": _story_buckets(request.limit, order),
        }
        return [(story, n, outlets) for story, (n, outlets) in self._story_rows(body).items()]

    def _story_rows(self, body: dict[str, Any]) -> dict[str, tuple[int, int]]:
        self._ready()
        buckets = self._call(self._es.search, index=self.alias, body=body)["aggregations"]["stories"][
            "buckets"
        ]
        return {b["key"]: (b["doc_count"], int(b["outlets"]["value"])) for b in buckets}

    def _valid_position(self, sort: str, position: Position) -> bool:
        """``search_after`` values: the sort key (a score or a date in ms) and the id tiebreak."""
        key = position[0] if position else None
        return (
            len(position) == 2
            and isinstance(position[1], str)
            and isinstance(key, (int, float))
            and not isinstance(key, bool)
        )

    @staticmethod
    def _body(request: SearchRequest, parsed: Query, after: Position | None) -> dict[str, Any]:
        body: dict[str, Any] = {
            "query": render_query(parsed, request),
            "sort": SORTS[request.sort],
            "size": request.limit,
            "from": 0 if after is not None else request.offset,
            "track_total_hits": True,
            "_source": ["article"],
        }
        if after is not None:
            body["search_after"] = after
        if parsed.groups and request.sort != "relevance":
            body["track_scores"] = True
        return body

    def close(self) -> None:
        self._es.close()
