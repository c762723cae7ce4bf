"""Tests for pmi_aggregator.index.outbox: what the index refuses waits, per article, with its reason."""

import sqlite3

import pytest

from pmi_aggregator.errors import IndexUnavailable
from pmi_aggregator.index.contract import UpsertResult, coerce_articles
from pmi_aggregator.index.outbox import BufferedIndex, Outbox
from pmi_aggregator.index.sqlite import SqliteIndex
from tests.contract.articles import art


class PickyIndex(SqliteIndex):
    """A real embedded index that refuses some articles by id, as a cluster rejects single documents."""

    def __init__(self, path, refused=(), down=False):
        super().__init__(path)
        self.refused, self.down = set(refused), down

    def upsert(self, articles) -> UpsertResult:
        if self.down:
            raise IndexUnavailable("cannot reach the index (test); retry")
        batch = list(coerce_articles(articles))
        result = super().upsert(a for a in batch if a.id not in self.refused)
        for article in batch:
            if article.id in self.refused:
                result.failed += 1
                result.failures[article.id] = f"400 refused {article.url.rsplit('/', 1)[-1]}"
        return result


def waiting(outbox):
    with sqlite3.connect(outbox.path) as db:
        return dict(db.execute("SELECT id, last_error || ' #' || attempts FROM outbox").fetchall())


@pytest.fixture
def batch():
    return [art(f"a{i}", title=f"Pekerja {i}") for i in range(4)]


def test_only_refused_articles_wait_each_with_its_own_reason(tmp_path, batch):
    refused = {batch[1].id, batch[3].id}
    index = BufferedIndex(PickyIndex(tmp_path / "x.db", refused), Outbox(tmp_path / "outbox.db"))
    result = index.upsert(batch)
    assert (result.new, result.failed) == (2, 2)
    assert set(result.failures) == refused
    assert waiting(index.outbox) == {batch[1].id: "400 refused a1 #0", batch[3].id: "400 refused a3 #0"}
    index.close()


def test_drain_deletes_what_was_delivered_and_notes_each_refusal(tmp_path, batch):
    outbox = Outbox(tmp_path / "outbox.db")
    outbox.put(batch, error="queued during an outage")
    target = PickyIndex(tmp_path / "x.db", {batch[2].id})
    delivered = outbox.drain(target, batch_size=3)
    assert (delivered.new, delivered.failed, target.count()) == (3, 1, 3)
    assert waiting(outbox) == {batch[2].id: "400 refused a2 #1"}
    target.refused.clear()
    assert outbox.drain(target).new == 1 and outbox.pending() == 0
    outbox.close()
    target.close()


def test_an_outage_marks_every_article_of_the_batch(tmp_path, batch):
    index = BufferedIndex(PickyIndex(tmp_path / "x.db", down=True), Outbox(tmp_path / "outbox.db"))
    result = index.upsert(batch)
    assert result.failed == len(batch) == index.pending
    assert set(result.failures) == {a.id for a in batch}
    assert len(set(result.failures.values())) == 1 and "pmi index sync" in result.errors[0]
    index.close()


def test_an_empty_outage_batch_reports_nothing(tmp_path):
    index = BufferedIndex(PickyIndex(tmp_path / "x.db", down=True), Outbox(tmp_path / "outbox.db"))
    assert index.upsert([]) == UpsertResult()
    index.close()


def test_reads_and_id_prefixes_go_through_to_the_index(tmp_path, batch):
    inner = PickyIndex(tmp_path / "x.db")
    index = BufferedIndex(inner, Outbox(tmp_path / "outbox.db"))
    index.upsert(batch)
    assert index.search("pekerja", limit=100).total == 4
    assert index.ids_with_prefix(batch[0].id) == [batch[0].id]
    index.close()
