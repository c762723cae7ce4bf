"""The index pipeline links every batch: a copy written in an earlier batch points at the original later."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from scrapy.statscollectors import MemoryStatsCollector
from scrapy.utils.test import get_crawler

from pmi_aggregator.crawler.pipelines import IndexPipeline
from pmi_aggregator.index.sqlite import SqliteIndex
from tests.support.pipelines import write_through
from tests.unit.stories.news import DAY, TAWAU, copy_of, news


def _pipeline(db: Path, link: bool = True) -> IndexPipeline:
    crawler = get_crawler(settings_dict={"PMI_INDEX": str(db), "PMI_BATCH_SIZE": 1, "PMI_LINK_STORIES": link})
    crawler.stats = MemoryStatsCollector(crawler)
    pipeline = IndexPipeline.from_crawler(crawler)
    pipeline.open_spider()
    return pipeline


def test_batches_are_linked_and_earlier_articles_relinked(tmp_path: Path):
    original = news("antara-kupang", "a", "217 PMI dideportasi dari Tawau", TAWAU)
    copy = copy_of(original, "apakabaronline", "Ratusan PMI Dipulangkan", DAY + timedelta(hours=2))
    pipeline = _pipeline(tmp_path / "index.db")
    write_through(pipeline, [copy], [original])  # the copy written before the original arrives
    assert pipeline.stats.get_value("pmi/relinked") == 1
    index = SqliteIndex(tmp_path / "index.db")
    stored = index.get(copy.id)
    assert stored is not None and stored.copy_of == original.id and stored.story_id == original.id
    assert stored.credited_source == "ANTARA"


def test_linking_can_be_switched_off(tmp_path: Path):
    original = news("antara-kupang", "a", "217 PMI dideportasi dari Tawau", TAWAU)
    pipeline = _pipeline(tmp_path / "index.db", link=False)
    write_through(pipeline, [original])
    stored = SqliteIndex(tmp_path / "index.db").get(original.id)
    assert stored is not None and stored.story_id is None
