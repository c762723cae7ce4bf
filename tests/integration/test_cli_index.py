"""`pmi index copy|sync|migrate` and the outbox during a crawl, against the real Elasticsearch node."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmi_aggregator import open_index
from tests.support.faults.forwarder import Forwarder
from tests.support.fixtures import TEST_SCRAPY_SETTINGS, mirror_source_config
from tests.support.mirrors import apakabar
from tests.support.mirrors.server import MirrorServer

pytestmark = pytest.mark.elasticsearch


@pytest.fixture
def forwarder(es_url: str) -> Iterator[Forwarder]:
    port = int(es_url.rsplit(":", 1)[1].split("/")[0])
    forward = Forwarder(port)
    yield forward
    forward.close()


def test_crawl_while_elasticsearch_is_down_then_sync(
    run_pmi, tmp_path: Path, es_alias: str, forwarder: Forwarder
):
    site = apakabar.build_site()
    es_index = f"http://127.0.0.1:{forwarder.port}/{es_alias}"
    with MirrorServer(site) as mirror:
        config = tmp_path / "config.toml"
        config.write_text(
            f'index = "{es_index}"\n'
            + mirror_source_config("apakabaronline", mirror.base_url)
            + TEST_SCRAPY_SETTINGS,
            encoding="utf-8",
        )
        done = run_pmi("--config", str(config), "crawl", "apakabaronline", "--format", "json")
        assert done.returncode == 0, done.stderr[-2000:]
        report = json.loads(done.stdout)["sources"]["apakabaronline"]
        assert report["pending"] == apakabar.ARTICLE_COUNT and report["failed"] == 0
        assert "pmi index sync" in done.stderr

        forwarder.open()
        done = run_pmi("--config", str(config), "index", "sync")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == f"delivered {apakabar.ARTICLE_COUNT} articles; 0 still waiting"
        with open_index(es_index) as index:
            assert index.count() == apakabar.ARTICLE_COUNT
            assert {h.article.title for h in index.search("rekrut", limit=50)} >= {
                apakabar.KNOWN_REKRUT["title"]
            }

        site.add_post(apakabar.build_extra_post())
        done = run_pmi("--config", str(config), "crawl", "apakabaronline", "--format", "json")
        report = json.loads(done.stdout)["sources"]["apakabaronline"]
        assert (report["new"], report["pending"]) == (1, 0)


def test_copy_embedded_to_elasticsearch_and_back(run_pmi, tmp_path: Path, es_url: str, es_alias: str):
    embedded = tmp_path / "pmi.db"
    with open_index(str(embedded)) as index:
        index.upsert(
            {
                "url": f"https://example.org/berita/{n}",
                "source": "demo",
                "title": f"Perekrutan calon PMI ke-{n}",
                "body": "Sindikat merekrut pekerja migran secara ilegal." if n % 2 else "Remitansi naik.",
                "published_at": f"2025-01-{n + 1:02d}T08:00:00+07:00",
            }
            for n in range(25)
        )
        expected = [h.article.id for h in index.search("rekrut", sort="newest", limit=50)]
    target = f"{es_url}/{es_alias}"
    done = run_pmi("index", "copy", "--from", str(embedded), "--to", target, "--batch-size", "7")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "copied 25 articles: 25 new, 0 updated, 0 unchanged, 0 failed"
    with open_index(target) as index:
        assert [h.article.id for h in index.search("rekrut", sort="newest", limit=50)] == expected
    back = tmp_path / "back.db"
    done = run_pmi("index", "copy", "--from", target, "--to", str(back))
    assert done.returncode == 0, done.stderr
    with open_index(str(back)) as index:
        assert index.count() == 25


def test_migrate_swaps_the_alias(run_pmi, es_url: str, es_alias: str):
    target = f"{es_url}/{es_alias}"
    with open_index(target) as index:
        index.upsert([{"url": "https://example.org/a", "source": "demo", "title": "Deportasi PMI"}])
    done = run_pmi("index", "migrate", "--force", "--index", target)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["migrated"] and report["docs"] == 1 and report["new"] != report["old"]
    with open_index(target) as index:
        assert index.search("deportasi").total == 1


def test_migrate_refuses_the_embedded_index(run_pmi, tmp_path: Path):
    done = run_pmi("index", "migrate", "--index", str(tmp_path / "x.db"))
    assert done.returncode == 1 and "only Elasticsearch" in done.stderr
