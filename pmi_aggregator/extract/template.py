"""A source's template, learned from its pages: the text blocks that repeat across them.

A one-page extractor cannot tell a newsletter prompt, a "Baca juga" box or a footer from the
article when they sit inside the article's container. Across many pages of one source it can: what
comes back on page after page is the site's template, not anybody's article. Each page's leaf text
blocks are fingerprinted; a fingerprint's score decays with every page observed (a window of about
``WINDOW`` recent pages), so a block is template once it is on a good share of the recent pages, and
stops being one when the site drops it. Memory is bounded per source.

A block that is the page's own title or summary is never template on that page: a popular article's
teaser repeats on every page of a day, and must still stay in that article.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import lxml.html

WINDOW = 200
"""Pages a fingerprint's score remembers (its half-life is about 0.7 x WINDOW pages)."""
SHARE = 0.1
"""A block is template when it is on this share of the recent pages ..."""
MIN_REPEATS = 4.0
"""... and on at least this many of them."""
MIN_PAGES = 8
"""No block is template before the source has shown this many pages."""
MAX_ENTRIES = 20_000
"""Fingerprints kept per source; past it, the least recently repeated ones go."""
MIN_BLOCK = 20
"""Shorter blocks (a date, a byline, "Share") are left to the extractor's own rules."""

_DECAY = 1.0 - 1.0 / WINDOW
_BLOCKS = frozenset(
    "p li h1 h2 h3 h4 h5 h6 blockquote figcaption td dd dt div section aside nav footer header".split()
)
_SPACE = re.compile(r"\s+")


def normalized(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def fingerprint(text: str) -> str:
    return hashlib.blake2b(normalized(text).encode("utf-8"), digest_size=8).hexdigest()


def leaf_blocks(root: lxml.html.HtmlElement) -> Iterator[tuple[Any, str]]:
    """The (element, text) of each block with text of its own and no block inside it."""
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag not in _BLOCKS:
            continue
        if any(isinstance(child.tag, str) and child.tag in _BLOCKS for child in element):
            continue
        text = element.text_content()
        if len(text.strip()) >= MIN_BLOCK:
            yield element, text


@dataclass
class SiteTemplate:
    """The learned template of one source (``observe`` each page, ``drop`` from each page)."""

    pages: int = 0
    scores: dict[str, tuple[float, int]] = field(default_factory=dict)
    """fingerprint -> (score at its last sighting, the page number of that sighting)."""

    def score(self, fp: str) -> float:
        entry = self.scores.get(fp)
        if entry is None:
            return 0.0
        value, seen = entry
        return value * _DECAY ** (self.pages - seen)

    def recent_pages(self) -> float:
        """The decayed number of pages observed: the denominator of a block's share."""
        return (1.0 - _DECAY**self.pages) / (1.0 - _DECAY)

    def is_template(self, fp: str) -> bool:
        if self.pages < MIN_PAGES:
            return False
        return self.score(fp) >= max(MIN_REPEATS, SHARE * self.recent_pages())

    def observe(self, fingerprints: Iterable[str]) -> None:
        """One more page, with the fingerprints of its blocks (each counted once per page)."""
        self.pages += 1
        for fp in set(fingerprints):
            self.scores[fp] = (self.score(fp) + 1.0, self.pages)
        if len(self.scores) > MAX_ENTRIES:
            self._shrink()

    def _shrink(self) -> None:
        keep = sorted(self.scores, key=self.score, reverse=True)[: MAX_ENTRIES * 3 // 4]
        self.scores = {fp: self.scores[fp] for fp in keep}

    def learn_and_drop(self, root: lxml.html.HtmlElement, *, own: Iterable[str], drop: bool) -> int:
        """Observe the page; then, when ``drop``, remove its template blocks. Returns how many went.

        ``own`` are the page's title and summary: blocks that are, or begin with, one of them stay.
        """
        blocks = [(element, fingerprint(text), normalized(text)) for element, text in leaf_blocks(root)]
        self.observe(fp for _, fp, _ in blocks)
        if not drop:
            return 0
        keep = [normalized(text)[:80] for text in own if len(text.strip()) >= MIN_BLOCK]
        dropped = 0
        for element, fp, text in blocks:
            if not self.is_template(fp) or any(text.startswith(prefix) for prefix in keep):
                continue
            if element.getparent() is not None:
                element.drop_tree()
                dropped += 1
        return dropped

    def to_rows(self) -> Iterator[tuple[str, float, int]]:
        for fp, (value, seen) in self.scores.items():
            yield fp, value, seen

    @classmethod
    def from_rows(cls, pages: int, rows: Iterable[tuple[str, float, int]]) -> SiteTemplate:
        return cls(pages=pages, scores={fp: (float(value), int(seen)) for fp, value, seen in rows})
