"""``Index.iter_matches`` on every backend: every match of a search, newest first, across pages."""

from __future__ import annotations

import pytest

from pmi_aggregator.index import IndexFailure


@pytest.mark.parametrize("query", ["", "pekerja", "pekerja -malaysia"])
def test_every_match_comes_once_newest_first_whatever_the_page_size(many, query):
    expected = []
    cursor = None
    while True:
        page = many.search(query, sort="newest", limit=7, cursor=cursor)
        expected += [hit.article.id for hit in page]
        if page.cursor is None:
            break
        cursor = page.cursor
    for size in (1, 7, 500):
        assert [a.id for a in many.iter_matches(query, page_size=size)] == expected
    assert len(expected) == len(set(expected)) > 0


def test_filters_and_checks_are_the_searchs(many):
    source = next(many.iter_matches()).source
    assert {a.source for a in many.iter_matches(sources=[source])} == {source}
    with pytest.raises(IndexFailure):
        list(many.iter_matches(date_from="2025-02-01", date_to="2025-01-01"))
