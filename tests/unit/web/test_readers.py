"""Each worker thread reads an embedded index through its own connection; an in-memory one is shared."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from pmi_aggregator.index.sqlite import SqliteIndex
from pmi_aggregator.web.readers import Readers


def test_threads_get_their_own_connection_to_the_same_file(index):
    readers = Readers(index)
    mine = readers()
    assert readers() is mine and mine is not index
    with ThreadPoolExecutor(1) as pool:
        theirs = pool.submit(readers).result()
    assert theirs is not mine
    assert theirs.count() == mine.count() == index.count() > 0
    readers.close()


def test_an_in_memory_index_is_shared():
    memory = SqliteIndex(":memory:")
    readers = Readers(memory)
    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(readers).result() is readers() is memory
    memory.close()
