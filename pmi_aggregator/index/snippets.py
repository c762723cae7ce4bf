"""Snippets with the matched words marked, computed the same way for every backend.

Engines index analyzed terms, not the displayed text, so highlighting maps each displayed word
back to its term (``merekrut`` is marked for a search on ``perekrutan``).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from pmi_aggregator.index.analysis import iter_terms_with_spans, term

MARK_START, MARK_END = "<mark>", "</mark>"
SCAN_LIMIT = 20_000
"""Characters of the body scanned for matches: enough for any news article, bounded for hostile ones."""


def make_snippet(
    text: str,
    terms: Collection[str],
    *,
    width: int = 240,
    marks: tuple[str, str] = (MARK_START, MARK_END),
) -> str:
    """A window of about ``width`` characters around the densest run of matches, matches marked.

    Without matches (a title-only hit, or browsing) it returns the opening of the text.
    """
    text = " ".join(text[:SCAN_LIMIT].split())
    if not text:
        return ""
    spans = _match_spans(text, terms) if terms else []
    if not spans:
        return _cut(text, 0, width)
    best_start, best_count, j = spans[0][0], 0, 0
    for i, (start, _) in enumerate(spans):
        while spans[j][0] < start - width // 2:
            j += 1
        if i - j + 1 > best_count:
            best_count, best_start = i - j + 1, spans[j][0]
    begin = max(0, best_start - width // 4)
    if begin:
        space = text.find(" ", begin)
        begin = space + 1 if 0 <= space < best_start else begin
    end = min(len(text), begin + width)
    if end < len(text):
        space = text.rfind(" ", begin, end)
        end = space if space > begin else end
    window = [(s, e) for s, e in spans if s >= begin and e <= end]
    parts: list[str] = []
    cursor = begin
    for s, e in window:
        parts.extend((text[cursor:s], marks[0], text[s:e], marks[1]))
        cursor = e
    parts.append(text[cursor:end])
    return ("…" if begin else "") + "".join(parts) + ("…" if end < len(text) else "")


def _cut(text: str, begin: int, width: int) -> str:
    if len(text) <= width:
        return text
    end = text.rfind(" ", begin, begin + width)
    return text[begin : end if end > begin else begin + width] + "…"


_WORD_CHAR = re.compile(r"[^\W_]|['’]")


def _match_spans(text: str, terms: Collection[str]) -> list[tuple[int, int]]:
    """Spans of the words whose term is in ``terms``.

    Only words around an occurrence of a term's root are analyzed: Indonesian affixes leave the root
    in the word, bar its first letter (``pulang`` in ``pemulangan``, ``rekrut`` in ``merekrut``), so
    the search for ``root[1:]`` runs in C and the per-word analysis touches a handful of words.
    Text whose lower-casing changes its length falls back to analyzing every word.
    """
    lowered = text.lower()
    if len(lowered) != len(text):
        return [(s, e) for s, e, t in iter_terms_with_spans(text) if t is not None and t in terms]
    found: set[tuple[int, int]] = set()
    for wanted in terms:
        probe = wanted[1:] if len(wanted) > 3 else wanted
        at = lowered.find(probe)
        while at >= 0:
            start, end = _word_at(lowered, at, at + len(probe))
            if term(lowered[start:end]) in terms:
                found.add((start, end))
            at = lowered.find(probe, end)
    return sorted(found)


def _word_at(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole word around text[start:end] (the analysis tokenizer's notion of a word)."""
    while start > 0 and _WORD_CHAR.match(text[start - 1]):
        start -= 1
    while end < len(text) and _WORD_CHAR.match(text[end]):
        end += 1
    while start < end and text[start] in "'’":  # quotes around a word are not part of it
        start += 1
    while end > start and text[end - 1] in "'’":
        end -= 1
    return start, end
