"""Tests for pmi_aggregator.index.contract: failures by article id, and the shared search path."""

import pytest

from pmi_aggregator.errors import InvalidRequest
from pmi_aggregator.index.contract import Index, Page, UpsertResult
from pmi_aggregator.index.sqlite import SqliteIndex
from tests.contract.articles import art


def test_failures_are_keyed_by_article_id_and_shown_as_lines():
    result = UpsertResult(
        new=1, failed=2, failures={"a1": "400 mapper_parsing_exception: x", "b2": "429 busy"}
    )
    assert result.errors == ["a1: 400 mapper_parsing_exception: x", "b2: 429 busy"]


def test_adding_results_sums_counts_and_merges_failures():
    total = UpsertResult(new=1, failed=1, failures={"a1": "first"})
    total += UpsertResult(updated=2, failed=1, failures={"b2": "second"})
    total += UpsertResult(unchanged=3, failed=1, failures={"a1": "again"})
    assert (total.new, total.updated, total.unchanged, total.failed) == (1, 2, 3, 3)
    assert total.failures == {"a1": "again", "b2": "second"}


def test_errors_is_a_read_only_view():
    with pytest.raises(AttributeError):
        UpsertResult().errors = ["x: y"]  # type: ignore[misc]


class RecordingIndex(SqliteIndex):
    """A real embedded index that records what the shared search path hands to the backend."""

    def __init__(self, path):
        super().__init__(path)
        self.calls = []

    def _execute(self, request, parsed, after) -> Page:
        self.calls.append((request.sort, after))
        return super()._execute(request, parsed, after)


@pytest.fixture
def recording(tmp_path):
    index = RecordingIndex(tmp_path / "x.db")
    index.upsert([art(f"a{i}", title=f"Pekerja {i}", body="pekerja migran") for i in range(5)])
    yield index
    index.close()


def test_relevance_without_words_reaches_the_backend_as_newest(recording):
    recording.search("", sort="relevance")
    recording.search("-taiwan", sort="relevance")
    recording.search("pekerja", sort="relevance")
    assert [sort for sort, _ in recording.calls] == ["newest", "newest", "relevance"]


def test_the_backend_gets_the_decoded_position_of_the_cursor(recording):
    first = recording.search("pekerja", limit=2)
    recording.search("pekerja", limit=2, cursor=first.cursor)
    assert recording.calls[-1] == ("relevance", [2])


def test_a_bad_cursor_never_reaches_the_backend(recording):
    with pytest.raises(InvalidRequest):
        recording.search("pekerja", cursor="garbage")
    assert recording.calls == []


def test_every_backend_fulfils_the_whole_contract():
    from pmi_aggregator.index.elastic import ElasticIndex
    from pmi_aggregator.index.outbox import BufferedIndex

    for backend in (SqliteIndex, ElasticIndex, BufferedIndex):
        assert issubclass(backend, Index) and not backend.__abstractmethods__, backend
        assert isinstance(backend.needs_outbox, bool)
