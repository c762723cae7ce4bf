"""Snippets with the matched words marked, computed the same way for every backend.

Engines index analyzed terms, not the displayed text, so highlighting maps each displayed word
back to its term (``merekrut`` is marked for a search on ``perekrutan``).
"""

from __future__ import annotations

from collections.abc import Collection

from ..analysis import iter_terms_with_spans

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
    spans = (
        [(s, e) for s, e, t in iter_terms_with_spans(text) if t is not None and t in terms] if terms else []
    )
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
    parts, cursor = [], begin
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
