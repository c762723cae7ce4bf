"""The crawl's annotation step: every article annotated once, general news kept only when PMI-related."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from scrapy.exceptions import DropItem
from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from pmi_aggregator.article import Article
from pmi_aggregator.crawler.pipelines import AnnotatePipeline, IndexPipeline, NormalizePipeline
from pmi_aggregator.crawler.settings import ITEM_PIPELINES
from pmi_aggregator.domain import article_annotation
from pmi_aggregator.sources.registry import load_sources

MIGRANT = dict(
    title="ABK WNI disiksa di kapal ikan berbendera China",
    body="Sindikat merekrut pekerja migran asal Jawa Timur ke Malaysia lewat P3MI ilegal, kata BP2MI.",
)
RED_CROSS = dict(
    title="PMI Kota Bandung gelar donor darah",
    body="Relawan Palang Merah Indonesia menyiapkan ambulans dan kantong darah bersama Polri.",
)


def pipeline(source_key: str) -> AnnotatePipeline:
    crawler = get_crawler()
    crawler.stats = MemoryStatsCollector(crawler)
    crawler.spider = SimpleNamespace(source=load_sources()[source_key])
    return AnnotatePipeline(crawler)


def article(source: str, n: int = 1, **text: str) -> Article:
    return Article(url=f"https://example.org/berita/{n}", source=source, **text)


def test_the_annotation_is_stored_on_the_article():
    item = pipeline("apakabaronline").process_item(article("apakabaronline", **MIGRANT))
    assert item.countries == ["CN", "MY"]
    assert item.provinces == ["Jawa Timur"]
    assert {"P3MI", "BP2MI"} <= set(item.organizations)
    assert {"recruitment", "fishers"} <= set(item.topics)


def test_a_general_source_drops_the_irrelevant_and_keeps_the_relevant_with_its_fields():
    general = pipeline("antara")
    assert not load_sources()["antara"].dedicated
    kept = general.process_item(article("antara", 1, **MIGRANT))
    assert kept.countries == ["CN", "MY"] and kept.provinces == ["Jawa Timur"] and kept.topics
    with pytest.raises(DropItem, match="not PMI news"):
        general.process_item(article("antara", 2, **RED_CROSS))
    assert general.crawler.stats.get_value("pmi/skipped/irrelevant") == 1


def test_a_dedicated_source_keeps_an_irrelevant_article_with_its_organisations():
    dedicated = pipeline("migrantcare")
    item = dedicated.process_item(article("migrantcare", **RED_CROSS))
    assert item.organizations == ["Palang Merah Indonesia", "Polri"]  # named for every article
    assert item.countries == item.provinces == item.topics == []  # only for relevant text
    assert dedicated.crawler.stats.get_value("pmi/skipped/irrelevant") is None


def test_the_text_is_analysed_once_per_article(monkeypatch):
    calls: list[str] = []
    real = article_annotation.annotate

    def counting(*args: str):
        calls.append(args[0])
        return real(*args)

    monkeypatch.setattr(article_annotation, "annotate", counting)
    general = pipeline("antara")
    general.process_item(article("antara", 1, **MIGRANT))
    with pytest.raises(DropItem):
        general.process_item(article("antara", 2, **RED_CROSS))
    assert calls == [MIGRANT["title"], RED_CROSS["title"]]


def test_the_step_runs_between_the_date_policy_and_the_index():
    order = sorted(ITEM_PIPELINES, key=ITEM_PIPELINES.__getitem__)
    names = [path.rsplit(".", 1)[1] for path in order]
    assert names == [NormalizePipeline.__name__, AnnotatePipeline.__name__, IndexPipeline.__name__]
