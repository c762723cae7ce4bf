"""The cursor moves only over what was stored: the Watermark rules, and runs with random failures.

The runs are a model of the REST listing (newest change first, pages one after another, only what
changed after the cursor), played against the real ``Watermark`` and ``CrawlState``: whatever
pages and writes fail along the way, one clean run afterwards leaves every listed article stored.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from pmi_aggregator.crawler.state import CrawlState
from pmi_aggregator.crawler.watermark import HOLD_MARGIN, Watermark

NOW = datetime(2025, 6, 1, tzinfo=timezone.utc)
FAR_FUTURE = datetime(2999, 1, 1, tzinfo=timezone.utc)


def day(n: int) -> datetime:
    return NOW - timedelta(days=n)


# -- the rules ------------------------------------------------------------------------------------
def test_a_clean_run_moves_the_cursor_to_the_newest_stored():
    assert Watermark(now=NOW).stored(day(3)).stored(day(1)).cursor(day(9)) == day(1)
    assert Watermark(now=NOW).stored(day(10)).cursor(day(9)) == day(9)  # never back for an old article


def test_an_article_not_stored_holds_the_cursor_just_before_it():
    watermark = Watermark(now=NOW).stored(day(1)).unstored(day(5)).stored(day(7)).unstored(day(4))
    assert watermark.cursor(day(9)) == day(5) - HOLD_MARGIN
    assert watermark.cursor(day(6)) == day(5) - HOLD_MARGIN  # forward, but not past it
    assert Watermark(now=NOW).unstored(day(12)).cursor(day(9)) == day(12) - HOLD_MARGIN  # moved back


def test_a_listing_that_stopped_never_moves_the_cursor_forward():
    stopped = Watermark(now=NOW).stored(day(1)).stopped()
    assert stopped.cursor(day(9)) == day(9)
    assert stopped.cursor(None) is None  # a first run: what lies below is unknown
    assert stopped.unstored(day(12)).cursor(day(9)) == day(12) - HOLD_MARGIN


def test_implausible_dates_never_move_a_cursor():
    assert Watermark(now=NOW).stored(FAR_FUTURE).cursor(day(9)) == day(9)
    assert Watermark(now=NOW).stored(datetime(1989, 12, 31, tzinfo=timezone.utc)).cursor(None) is None
    assert Watermark(now=NOW).stored(NOW + timedelta(hours=2)).cursor(day(9)) == NOW + timedelta(hours=2)
    # an unstored article that could be anywhere: the listing is as good as stopped
    assert Watermark(now=NOW).stored(day(1)).unstored(FAR_FUTURE).cursor(day(9)) == day(9)
    assert Watermark(now=NOW).stored(day(1)).unstored(None).cursor(day(9)) == day(9)


# -- the model of a source and its runs -------------------------------------------------------------
PER_PAGE = 3


@dataclass
class Source:
    """A WordPress-like site (id -> modification time) and what the crawl stored of it."""

    changed: dict[int, datetime] = field(default_factory=dict)
    stored: dict[int, datetime] = field(default_factory=dict)
    held: set[int] = field(default_factory=set)
    """The retries table: articles listed but not stored, fetched first next run."""

    def add(self, when: datetime) -> None:
        self.changed[len(self.changed)] = when

    def missing(self) -> set[int]:
        return {i for i, when in self.changed.items() if self.stored.get(i) != when}


def run(source: Source, state: CrawlState, failing_pages: set[int], failing_writes: set[int]) -> None:
    """One incremental run: retries first, then the listing after the cursor, newest change first."""
    cursor_text = state.high_water("s")
    cursor = datetime.fromisoformat(cursor_text) if cursor_text else None
    watermark = Watermark(now=NOW)

    def write(article: int) -> None:
        nonlocal watermark
        when = source.changed[article]
        if article in failing_writes:
            watermark = watermark.unstored(when)
            source.held.add(article)
        else:
            watermark = watermark.stored(when)
            source.stored[article] = when
            source.held.discard(article)

    for article in sorted(source.held):
        write(article)
    listed = sorted(
        (i for i, when in source.changed.items() if cursor is None or when > cursor),
        key=lambda i: source.changed[i],
        reverse=True,
    )
    for page in range(1, len(listed) // PER_PAGE + 2):
        if page in failing_pages:
            watermark = watermark.stopped()
            break
        chunk = listed[(page - 1) * PER_PAGE : page * PER_PAGE]
        for article in chunk:
            if source.stored.get(article) != source.changed[article]:
                write(article)
        if len(chunk) < PER_PAGE:
            break
    state.advance_cursor("s", watermark)


when_strategy = st.one_of(
    st.integers(min_value=0, max_value=400).map(day),
    st.just(FAR_FUTURE),  # a modified_gmt in 2999
)
run_strategy = st.tuples(
    st.sets(st.integers(min_value=1, max_value=6), max_size=2),
    st.sets(st.integers(min_value=0, max_value=30), max_size=6),
    st.lists(st.booleans(), max_size=4),  # published between runs: now (the site's clock), or "2999"
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(first=st.lists(when_strategy, min_size=1, max_size=25), runs=st.lists(run_strategy, max_size=5))
def test_after_any_failed_runs_one_clean_run_stores_every_listed_article(first, runs):
    with tempfile.TemporaryDirectory() as folder:
        state = CrawlState(Path(folder) / "state.db")
        source = Source()
        for when in first:
            source.add(when)
        for hour, (failing_pages, failing_writes, published) in enumerate(runs, start=1):
            run(source, state, failing_pages, failing_writes)
            for in_2999 in published:
                source.add(FAR_FUTURE if in_2999 else day(0) + timedelta(hours=hour))
        run(source, state, set(), set())
        state.close()
    assert source.missing() == set()


class Runs(RuleBasedStateMachine):
    """Runs with injected page and write failures, articles added and changed in between; after every
    clean run nothing is missing."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.state = CrawlState(Path(self.folder.name) / "state.db")
        self.source = Source()
        self.clock = 0

    @rule(count=st.integers(min_value=1, max_value=7))
    def publish(self, count: int) -> None:
        for _ in range(count):
            self.clock += 1
            self.source.add(day(100) + timedelta(hours=self.clock))

    @precondition(lambda self: bool(self.source.changed))
    @rule(data=st.data())
    def edit(self, data: st.DataObject) -> None:
        article = data.draw(st.sampled_from(sorted(self.source.changed)))
        self.clock += 1
        self.source.changed[article] = day(100) + timedelta(hours=self.clock)

    @rule(
        failing_pages=st.sets(st.integers(min_value=1, max_value=5), max_size=2),
        failing_writes=st.sets(st.integers(min_value=0, max_value=40), max_size=8),
    )
    def faulty_run(self, failing_pages: set[int], failing_writes: set[int]) -> None:
        run(self.source, self.state, failing_pages, failing_writes)

    @rule()
    def clean_run(self) -> None:
        run(self.source, self.state, set(), set())
        assert self.source.missing() == set()

    @invariant()
    def the_cursor_never_passes_a_missing_article(self) -> None:
        cursor_text = self.state.high_water("s")
        if cursor_text is None:
            return
        cursor = datetime.fromisoformat(cursor_text)
        unlisted = {i for i in self.source.missing() if i not in self.source.held}
        assert all(self.source.changed[i] > cursor for i in unlisted)

    def teardown(self) -> None:
        self.state.close()
        self.folder.cleanup()


TestRuns = Runs.TestCase
TestRuns.settings = settings(max_examples=25, stateful_step_count=15, deadline=None)
