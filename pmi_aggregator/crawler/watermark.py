"""How far a source's incremental cursor may move after a run: only over what was stored.

The cursor is a modification time at or before which every article of the source is stored; the
next run lists only what changed after it (less the source's overlap). So a run that listed an
article but did not store it (a failed write, an item that raised) moves the cursor at most to just
before that article, and a run whose listing stopped early (a page that failed, paging cut short by a
cap, a run stopped half-way) knows nothing of the older articles and never moves it forward. Dates
outside the plausible window (before 1990, or ahead of now by more than the tolerance) say nothing
about where the listing is: they never move a cursor.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from pmi_aggregator.article import EARLIEST_PUBLICATION, utcnow

FUTURE_TOLERANCE = timedelta(hours=24)
HOLD_MARGIN = timedelta(seconds=1)
"""The cursor stops this far before an article that was listed but not stored."""


@dataclass(frozen=True)
class Watermark:
    """What one run of a source listed and stored, as far as the cursor is concerned."""

    newest_stored: datetime | None = None
    oldest_unstored: datetime | None = None
    listing_complete: bool = True
    """False once the listing stopped before it reached the previous cursor."""
    now: datetime = field(default_factory=utcnow)
    tolerance: timedelta = FUTURE_TOLERANCE

    def plausible(self, when: datetime) -> bool:
        return EARLIEST_PUBLICATION <= when <= self.now + self.tolerance

    def stored(self, when: datetime | None) -> Watermark:
        """An article stored (or written to the durable outbox), changed at ``when``."""
        if when is None or not self.plausible(when):
            return self
        if self.newest_stored is not None and when <= self.newest_stored:
            return self
        return replace(self, newest_stored=when)

    def unstored(self, when: datetime | None) -> Watermark:
        """An article listed but not stored; undated (or implausibly dated), it could be anywhere."""
        if when is None or not self.plausible(when):
            return self.stopped()
        if self.oldest_unstored is not None and when >= self.oldest_unstored:
            return self
        return replace(self, oldest_unstored=when)

    def stopped(self) -> Watermark:
        """The listing ended before it reached the previous cursor (a failed page, a cap)."""
        return self if not self.listing_complete else replace(self, listing_complete=False)

    def cursor(self, previous: datetime | None) -> datetime | None:
        """The cursor after this run, from the one before it (None: list everything)."""
        if self.listing_complete:
            reached = [when for when in (previous, self.newest_stored) if when is not None]
            moved = max(reached) if reached else None
        else:
            moved = previous
        if moved is not None and self.oldest_unstored is not None:
            moved = min(moved, self.oldest_unstored - HOLD_MARGIN)
        return moved
