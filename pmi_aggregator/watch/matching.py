"""Every article a watch's search matches, as entries, paged through the index's cursor."""

from __future__ import annotations

from collections.abc import Iterator

from pmi_aggregator.index import Index
from pmi_aggregator.index.synonyms import Synonyms
from pmi_aggregator.watch.model import Entry, Watch, entry_for

PAGE = 500


def matching_entries(index: Index, watch: Watch, synonyms: Synonyms | None = None) -> Iterator[Entry]:
    """All of them, not only the newest: a crawl can store an article published long ago, and the
    record (``WatchStore``), not a date, says what is new to the watch."""
    cursor = None
    while True:
        results = index.search(
            watch.query, **watch.search_args(), sort="newest", limit=PAGE, cursor=cursor, synonyms=synonyms
        )
        yield from (entry_for(hit) for hit in results)
        if results.cursor is None:
            return
        cursor = results.cursor
