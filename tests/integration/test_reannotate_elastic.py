"""`pmi index reannotate` and `pmi explain` on the real Elasticsearch node: the Index contract only."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pmi_aggregator import annotate
from pmi_aggregator.article import Article
from pmi_aggregator.cli import cli

pytestmark = pytest.mark.elasticsearch

TEXTS = [
    (
        "ABK WNI disiksa di kapal ikan berbendera China",
        "Pekerja migran asal Jawa Timur direkrut P3MI ilegal.",
    ),
    ("Remitansi pekerja migran di Taiwan naik", "BP2MI mencatat kiriman uang PMI dari Taiwan dan Hongkong."),
    ("PMI Kota Bandung gelar donor darah", "Relawan Palang Merah Indonesia menyiapkan ambulans."),
]


def run(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return done.exit_code, done.stdout, done.stderr


def test_reannotate_an_index_written_before_annotation(make_es_index, es_url: str, es_alias: str):
    articles = [
        Article(url=f"https://example.org/berita/{n}", source="demo" if n % 2 else "other", title=t, body=b)
        for n, (t, b) in enumerate(TEXTS * 3)
    ]
    index = make_es_index()
    assert index.upsert(articles).new == len(articles)
    spec = f"{es_url}/{es_alias}"

    code, out, err = run("index", "reannotate", "--index", spec, "--batch-size", "4")
    assert code == 0, err
    annotated = {a.id: a for a in index.iter_articles()}
    changed = 0
    for a in articles:
        note = annotate(a.title, a.summary, a.body)
        stored = annotated[a.id]
        assert (stored.countries, stored.provinces, stored.organizations, stored.topics) == (
            list(note.countries),
            list(note.provinces),
            list(note.organizations),
            list(note.topics),
        )
        changed += bool(note.countries or note.provinces or note.organizations or note.topics)
    assert (
        changed
        and out.strip() == f"{len(articles)} articles: {changed} updated, {len(articles) - changed} unchanged"
    )

    code, out, _ = run("index", "reannotate", "--index", spec)
    assert out.strip() == f"{len(articles)} articles: 0 updated, {len(articles)} unchanged"

    code, out, _ = run("index", "reannotate", "--index", spec, "-s", "demo")
    demo = sum(a.source == "demo" for a in articles)
    assert code == 0 and out.strip() == f"{demo} articles: 0 updated, {demo} unchanged"

    code, out, err = run("explain", "--index", spec, articles[0].id[:10], "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["relevant"] and data["signals"] and data["stored_up_to_date"], err
    assert data["countries"] == ["CN"] and data["provinces"] == ["Jawa Timur"]
