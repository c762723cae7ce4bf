"""Benchmark the Elasticsearch backend against the raw client on the same documents and queries.

    python benchmarks/bench_elastic.py [--docs 100000] [--url http://127.0.0.1:9200]
    python benchmarks/bench_elastic.py --cluster http://127.0.0.1:9210,127.0.0.1:9211,127.0.0.1:9212

``--cluster`` takes the URL list of a cluster (``scripts/es-test-cluster start``): both paths write to
indices of 3 shards with 1 replica, the layout the README recommends for three nodes.

Node: ``--url``, else ``PMI_TEST_ES_URL``, else http://127.0.0.1:9200 (``scripts/es-test-node start``).

Bulk, what is timed: the raw path prepares the documents with the backend's own ``document()`` (the
client-side analysis every path needs, since the node has no Indonesian analyzer) and sends them with
``elasticsearch.helpers.bulk``, then refreshes; the table also shows its rate for the bulk requests
alone. The backend path is ``ElasticIndex.upsert`` of 500 Articles at a time (as ``copy_index`` and a
crawl call it): the same preparation plus the mget that classifies new/updated/unchanged, the bulk
requests and a refresh per call. Both write to fresh indices with the backend's mapping and settings,
in alternating rounds so that load from other processes falls on both alike.

Search: about 20 queries; the backend's ``search`` (parse, request, Articles, snippets) beside
``es.search`` with the very body the backend sends, on the same index, alternating, after a warm-up.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from elasticsearch import Elasticsearch, helpers

from pmi_aggregator.article import Article
from pmi_aggregator.index.analysis import analyzed_text
from pmi_aggregator.index.elastic import MAPPING, ElasticIndex, document
from pmi_aggregator.index.elastic.connection import target
from pmi_aggregator.index.query import parse_query
from pmi_aggregator.index.snippets import make_snippet

BATCH = 500
TARGET_BULK_RATIO = 0.70
TARGET_P95_RATIO = 1.30

SOURCES = {
    "kompas": 9, "detik": 9, "tempo": 5, "antaranews": 7, "cnnindonesia": 5, "liputan6": 4,
    "bp2mi": 2, "kemnaker": 1, "republika": 3, "jpnn": 3, "suara": 3, "bbc-indonesia": 1,
}  # fmt: skip
PLACES = (
    "Taiwan Hongkong Malaysia Singapura Jepang Korea Brunei Qatar Dubai Kuwait Oman Turki Polandia Jerman "
    "Indramayu Cirebon Cianjur Sukabumi Karawang Subang Lombok Sumbawa Kupang Blitar Tulungagung Ponorogo "
    "Banyuwangi Malang Cilacap Kendal Batam Tanjungpinang Nunukan Entikong Medan Makassar Jakarta Surabaya"
).split()
ORGS = (
    "BP2MI KP2MI Kemnaker KBRI KJRI Polri Bareskrim Imigrasi P3MI LTSA Disnaker DPR Komnas Ombudsman".split()
)
WORDS = """
    pekerja migran buruh tenaga kerja perempuan laki calon keluarga anak suami istri ibu desa kampung
    perekrutan merekrut direkrut rekrutmen penempatan ditempatkan menempatkan pelindungan perlindungan
    melindungi dilindungi pengiriman mengirim dikirim pemberangkatan diberangkatkan berangkat pulang
    pemulangan dipulangkan kepulangan deportasi dideportasi ilegal nonprosedural resmi prosedural legal
    calo sponsor agen agensi perusahaan penyalur majikan pengguna pemberi kerja kontrak perjanjian
    gaji upah dibayar dipotong potongan utang pinjaman biaya penempatan remitansi kiriman uang devisa
    paspor visa dokumen sertifikat kompetensi pelatihan dilatih balai pelatihan kerja bahasa mandarin
    kasus korban penipuan ditipu perdagangan orang eksploitasi kekerasan penganiayaan disiksa sakit
    meninggal jenazah dipulangkan rumah sakit asuransi jaminan sosial klaim santunan bantuan hukum
    pengaduan mengadu laporan dilaporkan polisi penyidik tersangka ditangkap ditahan sidang vonis hukuman
    pemerintah kementerian menteri kepala badan direktur pejabat petugas satgas tim terpadu koordinasi
    program layanan terpadu satu atap daerah provinsi kabupaten kota kecamatan bupati gubernur dinas
    sektor domestik rumah tangga perkebunan sawit pabrik manufaktur konstruksi perikanan kapal nelayan
    pelaut awak restoran perawat lansia pengasuh bayi kebersihan pertanian peternakan jasa formal
    data jumlah ribu ratus juta meningkat menurun naik turun tahun bulan pekan hari lalu mendatang
    kebijakan aturan regulasi undang peraturan moratorium penghentian sementara pembukaan kembali kuota
    negara tujuan penempatan kawasan asia timur tengah eropa pasar kerja luar negeri dalam negeri
    mengatakan menyampaikan menjelaskan menegaskan mengungkapkan menyebut kata ujar tutur menurut
    sosialisasi edukasi informasi waspada hati jalur pendaftaran daftar online aplikasi sistem
    keberangkatan bandara pelabuhan penampungan asrama tempat tinggal kondisi layak hak kewajiban
    """.split()
COMMON = "yang dan di ke dari untuk dengan pada dalam itu ini akan telah sudah tidak juga oleh para".split()


def vocabulary() -> tuple[list[str], list[float]]:
    """Real words plus a long tail of made-up names and terms, Zipf-weighted: news-like variety."""
    rng = random.Random(7)
    syllables = "ba be bi bo bu ka ke ki ko ku la li lo lu ma mi mo na ni no pa pi ra ri ro sa si ta ti to wa ya".split()
    tail = {"".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(6000)}
    words = [*COMMON, *WORDS, *(w.lower() for w in PLACES + ORGS), *sorted(tail)]
    return words, [1.0 / (rank + 1) ** 0.9 for rank in range(len(words))]


def generate(n: int, seed: int = 42) -> Iterator[Article]:
    """``n`` deterministic articles of 250–400 words about Indonesian migrant workers."""
    rng = random.Random(seed)
    words, weights = vocabulary()
    cumulative = list(itertools.accumulate(weights))
    sources = rng.sample([s for s, w in SOURCES.items() for _ in range(w)], k=sum(SOURCES.values()))
    start = datetime(2019, 1, 1, tzinfo=timezone(timedelta(hours=7)))
    for i in range(n):
        body_words = rng.choices(words, cum_weights=cumulative, k=rng.randint(250, 400))
        place, org = rng.choice(PLACES), rng.choice(ORGS)
        title = f"{org}: {rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {rng.choice(WORDS)} di {place}"
        yield Article(
            url=f"https://www.{(source := sources[i % len(sources)])}.example/read/{i}/{place.lower()}",
            source=source,
            title=title,
            summary=f"{org} menyoroti {rng.choice(WORDS)} pekerja migran di {place}.",
            body=_sentences(rng, body_words, place, org),
            published_at=None if i % 20 == 7 else start + timedelta(minutes=rng.randint(0, 3_000_000)),
            crawled_at=datetime(2025, 1, 1, tzinfo=timezone.utc),
        )


def _sentences(rng: random.Random, words: list[str], place: str, org: str) -> str:
    out, i = [], 0
    while i < len(words):
        n = rng.randint(8, 20)
        chunk = words[i : i + n]
        if rng.random() < 0.3:
            chunk.insert(rng.randint(0, len(chunk)), place if rng.random() < 0.5 else org)
        out.append(" ".join(chunk).capitalize() + ".")
        i += n
    return " ".join(out)


# -- bulk ------------------------------------------------------------------------------------------
@dataclass
class BulkTimes:
    prepare: float = 0.0
    raw: float = 0.0
    backend: float = 0.0


LAYOUT = {"shards": 1, "replicas": 0}
"""Shards and replicas of every index the benchmark creates (``--cluster``: 3 and 1)."""


def create_raw_index(es: Elasticsearch, name: str) -> None:
    layout = {"number_of_shards": LAYOUT["shards"], "number_of_replicas": LAYOUT["replicas"]}
    settings = {**layout, "max_result_window": 11_000}
    es.indices.create(index=name, mappings=MAPPING, settings=settings)


def bulk_raw(es: Elasticsearch, name: str, docs: list[dict[str, Any]]) -> None:
    actions = ({"_index": name, "_id": doc["id"], "_source": doc} for doc in docs)
    ok, errors = helpers.bulk(es, actions, chunk_size=BATCH, max_chunk_bytes=50_000_000)
    es.indices.refresh(index=name)
    assert ok == len(docs) and not errors, errors


def bulk_backend(index: ElasticIndex, articles: list[Article]) -> None:
    """Upserts of 500 articles, as ``copy_index`` and a crawl send them."""
    for i in range(0, len(articles), BATCH):
        result = index.upsert(articles[i : i + BATCH])
        assert result.failed == 0 and result.new == len(articles[i : i + BATCH]), result


def bulk_rounds(es: Elasticsearch, raw_name: str, index: ElasticIndex, articles: list[Article]) -> BulkTimes:
    """Index the articles both ways in alternating rounds, so load from elsewhere hits both alike."""
    times = BulkTimes()
    step = max(BATCH, len(articles) // 10)
    for n, start in enumerate(range(0, len(articles), step)):
        chunk = articles[start : start + step]
        for path in ("raw", "backend") if n % 2 == 0 else ("backend", "raw"):
            started = time.perf_counter()
            if path == "backend":
                bulk_backend(index, chunk)
                times.backend += time.perf_counter() - started
                continue
            docs = [document(a) for a in chunk]
            prepared = time.perf_counter()
            bulk_raw(es, raw_name, docs)
            times.prepare += prepared - started
            times.raw += time.perf_counter() - prepared
    return times


# -- search ----------------------------------------------------------------------------------------
QUERIES: list[tuple[str, dict[str, Any]]] = [
    ("rekrut", {}),
    ("perekrutan ilegal", {}),
    ('"pekerja migran"', {}),
    ('"biaya penempatan"', {"sort": "newest"}),
    ("taiwan OR hongkong", {}),
    ("malaysia -sawit", {}),
    ("calo paspor", {}),
    ("deportasi", {"sources": ["kompas", "detik"]}),
    ("gaji dipotong majikan", {}),
    ("", {}),
    ("", {"sources": ["bp2mi"], "sort": "oldest"}),
    ("remitansi", {"date_from": "2021-01-01", "date_to": "2021-12-31"}),
    ("korban perdagangan orang", {"sort": "newest"}),
    ("kapal nelayan OR awak", {}),
    ("-moratorium", {"limit": 10}),
    ("pelatihan bahasa mandarin", {"offset": 40}),
    ("jenazah dipulangkan", {"include_undated": True, "date_from": "2022-01-01"}),
    ("kupang", {}),
    ("bupati", {"sort": "oldest"}),
    ("pekerja migran", {}),
]


def latencies(call: Callable[[], Any], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def percentile(samples: list[float], q: float) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[q - 1] if len(samples) > 1 else samples[0]


@dataclass
class SearchTimes:
    backend: list[float] = field(default_factory=list)
    raw: list[float] = field(default_factory=list)
    snippets: list[float] = field(default_factory=list)
    """The shared ``make_snippet`` alone on each page's hits: the part of ``backend`` both backends pay."""


def measure_searches(index: ElasticIndex, es: Elasticsearch, runs: int) -> SearchTimes:
    times = SearchTimes()
    for query, options in QUERIES:
        body = index.search_body(query, **options)
        backend_call = lambda q=query, o=options: index.search(q, **o)  # noqa: E731
        raw_call = lambda b=body: es.search(index=index.alias, body=b)  # noqa: E731
        latencies(backend_call, 3)
        latencies(raw_call, 3)
        for _ in range(runs):  # alternate, so both see the same cache and load conditions
            times.backend += latencies(backend_call, 1)
            times.raw += latencies(raw_call, 1)
        terms = parse_query(query).positive_terms()
        texts = [hit.article.summary + " " + hit.article.body for hit in backend_call()]
        times.snippets += latencies(lambda t=texts, w=terms: [make_snippet(x, w) for x in t], runs)
    return times


# -- report ----------------------------------------------------------------------------------------
def run(url: str, docs: int, runs: int) -> bool:
    es = Elasticsearch(**target(url, os.environ).client, request_timeout=120)
    tag = uuid.uuid4().hex[:8]
    started = time.perf_counter()
    articles = list(generate(docs))
    words = sum(len(a.body.split()) for a in articles) / len(articles)
    print(
        f"generated {docs:,} articles of {words:.0f} words on average in {time.perf_counter() - started:.0f} s"
    )
    analyzed_text(" ".join(vocabulary()[0]))  # warm the shared stem cache for both paths
    index = ElasticIndex(url, alias=f"pmi-bench-{tag}", request_timeout=120, **LAYOUT)
    try:
        _warm_up(url, es, articles[:2000], tag)
        create_raw_index(es, f"pmi-bench-raw-{tag}")
        times = bulk_rounds(es, f"pmi-bench-raw-{tag}", index, articles)
        es.indices.delete(index=f"pmi-bench-raw-{tag}")
        assert index.count() == docs
        searches = measure_searches(index, es, runs)
    finally:
        for name in es.indices.get(index=f"pmi-bench-*{tag}*").body:
            es.indices.delete(index=name)
        index.close()
        es.close()
    return report(docs, times, searches, time.perf_counter() - started)


def _warm_up(url: str, es: Elasticsearch, articles: list[Article], tag: str) -> None:
    """Let the JVM and both code paths warm up on throw-away indices (deleted with the others)."""
    create_raw_index(es, f"pmi-bench-warm-raw-{tag}")
    bulk_raw(es, f"pmi-bench-warm-raw-{tag}", [document(a) for a in articles])
    with ElasticIndex(url, alias=f"pmi-bench-warm-{tag}", **LAYOUT) as warm:
        bulk_backend(warm, articles)
        warm.search("pekerja migran")


def report(docs: int, times: BulkTimes, searches: SearchTimes, elapsed: float) -> bool:
    backend_rate, raw_rate = docs / times.backend, docs / (times.prepare + times.raw)
    bulk_ratio = backend_rate / raw_rate
    p50 = (percentile(searches.backend, 50), percentile(searches.raw, 50))
    p95 = (percentile(searches.backend, 95), percentile(searches.raw, 95))
    p95_ratio = p95[0] / p95[1]
    snippets = (percentile(searches.snippets, 50), percentile(searches.snippets, 95))
    rows = [
        ("", "backend", "raw", "ratio", "target"),
        (
            "bulk (docs/s)",
            f"{backend_rate:,.0f}",
            f"{raw_rate:,.0f}",
            f"{bulk_ratio:.2f}",
            f">= {TARGET_BULK_RATIO}",
        ),
        ("  raw bulk request only", "", f"{docs / times.raw:,.0f}", f"{times.raw / times.backend:.2f}", ""),
        ("search p50 (ms)", f"{p50[0]:.1f}", f"{p50[1]:.1f}", f"{p50[0] / p50[1]:.2f}", ""),
        ("search p95 (ms)", f"{p95[0]:.1f}", f"{p95[1]:.1f}", f"{p95_ratio:.2f}", f"<= {TARGET_P95_RATIO}"),
        ("  of which snippets p50/p95", f"{snippets[0]:.1f}/{snippets[1]:.1f}", "", "", ""),
    ]
    runs = len(searches.raw) // len(QUERIES)
    print(f"\n{docs:,} articles; {len(QUERIES)} queries x {runs} timed runs per path")
    print("raw bulk = preparing the documents (analysis, version hash) + helpers.bulk + refresh")
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        print(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
            )
        )
    met = bulk_ratio >= TARGET_BULK_RATIO and p95_ratio <= TARGET_P95_RATIO
    print(f"{'targets met' if met else 'TARGETS MISSED'} (total {elapsed:.0f} s)")
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000, help="articles to index (default 100000)")
    parser.add_argument("--runs", type=int, default=10, help="timed runs of each query per path (default 10)")
    parser.add_argument("--url", default=os.environ.get("PMI_TEST_ES_URL") or "http://127.0.0.1:9200")
    parser.add_argument("--cluster", help="a cluster's URL list: indices of 3 shards with 1 replica")
    args = parser.parse_args(argv)
    if args.cluster:
        LAYOUT.update(shards=3, replicas=1)
    return 0 if run((args.cluster or args.url).rstrip("/"), args.docs, args.runs) else 1


if __name__ == "__main__":
    sys.exit(main())
