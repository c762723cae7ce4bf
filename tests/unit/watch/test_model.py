from __future__ import annotations

import pytest

from pmi_aggregator.errors import UsageError
from pmi_aggregator.watch.model import Watch


@pytest.mark.parametrize("name", ["", "Upper", "-x", "a b", "x" * 65, "a/b"])
def test_a_watch_name_is_a_short_slug(name):
    with pytest.raises(UsageError, match="cannot name a watch"):
        Watch(name)


def test_a_bad_query_or_filter_fails_when_the_watch_is_made_not_at_its_run():
    with pytest.raises(UsageError):
        Watch("w", "x" * 5000)
    with pytest.raises(UsageError, match="no filter"):
        Watch("w", "pmi", filters={"authors": ("x",)})
    with pytest.raises(UsageError, match="webhook"):
        Watch("w", webhook="ftp://example.org")
    with pytest.raises(UsageError, match="--email"):
        Watch("w", email=("a@b.org\r\nBcc: x@y.org",))


def test_a_watch_round_trips_through_its_dict():
    watch = Watch("w", "pmi", filters={"countries": ("MY",)}, email=("a@b.org",), jsonl=True, updates=True)
    assert Watch.from_dict(watch.to_dict()) == watch
    assert watch.outputs == ("email", "jsonl")
    assert watch.search_args() == {"countries": ["MY"]}
