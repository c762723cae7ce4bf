"""A damaged crawl state file is set aside and rebuilt from the index; a sound one is left alone."""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path

import pytest

from pmi_aggregator import open_index
from pmi_aggregator.crawler.state import CrawlState
from pmi_aggregator.crawler.state_recovery import open_crawl_state
from pmi_aggregator.crawler.watermark import Watermark
from tests.support.faults.damage import DAMAGES
from tests.unit.cli.conftest import ARTICLES, index_path  # noqa: F401 - the fixture


@pytest.fixture
def state_path(index_path: Path) -> Path:  # noqa: F811 - the fixture imported above
    path = index_path.with_name("pmi.db.state")
    state = CrawlState(path)
    state.record("kompas", [("x1", "https://example.org/x1", "h", None, None)])
    state.advance_cursor("kompas", Watermark(newest_stored=datetime(2025, 1, 2, tzinfo=timezone.utc)))
    state.close()
    return path


def test_a_sound_state_is_opened_as_it_is(state_path, index_path):  # noqa: F811
    state = open_crawl_state(state_path, str(index_path))
    assert set(state.seen("kompas")) == {"x1"}
    state.close()
    assert not list(state_path.parent.glob("*.corrupt-*"))


@pytest.mark.parametrize("damage", ["not a database", "truncated"])
def test_a_damaged_state_is_set_aside_and_rebuilt_from_the_index(state_path, index_path, damage, caplog):  # noqa: F811
    DAMAGES[damage](state_path)
    with caplog.at_level(logging.WARNING):
        state = open_crawl_state(state_path, str(index_path))
    with open_index(str(index_path)) as index:
        stored = {a.source: set() for a in index.iter_articles()}
        for article in index.iter_articles():
            stored[article.source].add(article.id)
    assert {source: set(state.seen(source)) for source in stored} == stored
    assert sum(len(ids) for ids in stored.values()) == ARTICLES
    assert state.high_water("kompas") is None  # the next run lists its whole window once
    state.close()
    assert len(list(state_path.parent.glob("pmi.db.state.corrupt-*Z"))) == 1  # beside its -wal, -shm
    (line,) = [r.getMessage() for r in caplog.records if "crawl state" in r.getMessage()]
    assert str(state_path) in line and f"({ARTICLES} articles)" in line
