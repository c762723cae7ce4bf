"""A real crawl stores the annotation of every article, dedicated and general sources alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmi_aggregator import annotate
from tests.support.mirrors import antara, apakabar
from tests.support.mirrors.server import MirrorServer
from tests.support.source_crawl import crawl, source_section, stored, write_config

pytestmark = pytest.mark.slow


def test_a_crawl_stores_what_annotate_finds(run_pmi, tmp_path: Path):
    with MirrorServer(antara.build_site()) as news, MirrorServer(apakabar.build_site()) as ngo:
        config = write_config(
            tmp_path, source_section("antara", news.base_url), source_section("apakabaronline", ngo.base_url)
        )
        crawl(run_pmi, config, "antara", "apakabaronline")
    found = 0
    for source in ("antara", "apakabaronline"):
        articles = stored(tmp_path, source).values()
        assert articles
        for article in articles:
            note = annotate(article.title, article.summary, article.body)
            assert note.relevant or source == "apakabaronline"  # general news: only PMI-related kept
            assert article.countries == list(note.countries)
            assert article.provinces == list(note.provinces)
            assert article.organizations == list(note.organizations)
            assert article.topics == list(note.topics)
            found += bool(article.countries)
    assert found
    assert set(stored(tmp_path, "antara")) == {item.path for item in antara.EXPECTED}
