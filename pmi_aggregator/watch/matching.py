"""The articles a watch's search matches that its record does not hold yet, as entries.

Every match is read, not only the newest: a crawl can store an article published long ago, and the
record, not a date, says what is new to the watch. Only the new ones get a snippet and a content hash.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from pmi_aggregator.index import Index
from pmi_aggregator.index.contract import make_request, snippet_of
from pmi_aggregator.index.synonyms import Synonyms
from pmi_aggregator.watch.model import Entry, Watch, entry_for

PAGE = 500


def unseen_matches(
    index: Index, watch: Watch, known: Mapping[str, str], synonyms: Synonyms | None = None
) -> Iterator[Entry]:
    """Matches whose id is not in ``known`` (id -> content hash), or, for a watch with ``updates``,
    whose content changed."""
    terms = make_request(watch.query, synonyms=synonyms).parsed().positive_terms()
    for article in index.iter_matches(watch.query, page_size=PAGE, synonyms=synonyms, **watch.search_args()):
        seen = known.get(article.id)
        if seen is None or (watch.updates and seen != article.content_hash):
            story = index.story(article.story_id) if article.story_id else ()
            yield entry_for(article, snippet_of(article, terms), story)


def matched_ids(index: Index, watch: Watch, synonyms: Synonyms | None = None) -> Iterator[tuple[str, str]]:
    """(id, content hash) of every match: a new watch's starting point."""
    for article in index.iter_matches(watch.query, page_size=PAGE, synonyms=synonyms, **watch.search_args()):
        yield article.id, article.content_hash
