"""Page furniture at the edges of an extracted body: header lines before the article, credits after it.

A whole-page extractor keeps what sits inside the article container: above the text, the
breadcrumb ("Home > Berita"), the rubric, the repeated headline and the byline's date line
("Jumat, 19 Juni 2015 12:58 WIB"); below it, the credits ("Editor: …", "Filed under: …") and the
copyright line ("COPYRIGHT © ANTARA 2026"). They are recognised by their form, not by any site's
markup, and only where they stand, at the edges: the first paragraph that is article text (and the
last one, from the end) stops the trimming, so the article's own sentences are never touched.
"""

from __future__ import annotations

import re

from pmi_aggregator.normalize.dates import parse_date

__all__ = ["trim_furniture"]

_MAX_HEAD_LINE = 80
_MAX_TAIL_LINE = 200
_MAX_DATE_WORDS = 4  # "Jumat", "Juni", "WIB": a date line has few words besides its numbers
_MAX_RUBRIC_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+")
_BREADCRUMB = re.compile(r"\S\s*[>›»/]\s*\S.*[>›»/]|^(?:home|beranda|index)\s*[>›»/]", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…\"”)]$")
_CREDIT = re.compile(
    r"^(?:editor|redaktur|penyunting|pewarta|reporter|penulis|wartawan|kontributor|fotografer|sumber"
    r"|source|filed\s+under|posted\s+in|tags?|topik|kategori|category|categories)\s*:",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\b|\bhak\s+cipta\b|all\s+rights\s+reserved", re.IGNORECASE
)


def trim_furniture(text: str, title: str = "") -> str:
    """``text`` (paragraphs separated by blank lines) without the furniture at its two edges."""
    paragraphs = text.split("\n\n")
    headline = _key(title)
    start = 0
    while start < len(paragraphs) - 1 and _is_head_furniture(paragraphs[start], headline):
        start += 1
    end = len(paragraphs)
    while end > start + 1 and _is_tail_furniture(paragraphs[end - 1]):
        end -= 1
    return text if (start, end) == (0, len(paragraphs)) else "\n\n".join(paragraphs[start:end])


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _is_head_furniture(paragraph: str, headline: str) -> bool:
    if len(paragraph) > _MAX_HEAD_LINE * 3:
        return False
    if headline and _key(paragraph) == headline:
        return True
    if len(paragraph) > _MAX_HEAD_LINE:
        return False
    words = _WORD.findall(paragraph)
    if _BREADCRUMB.search(paragraph) and not _SENTENCE_END.search(paragraph):
        return True
    if (
        len(words) <= _MAX_RUBRIC_WORDS
        and not _SENTENCE_END.search(paragraph)
        and not any(c.isdigit() for c in paragraph)
    ):
        return True  # a rubric or kicker: "NASIONAL", "Berita Daerah"
    return (
        len(words) <= _MAX_DATE_WORDS
        and any(c.isdigit() for c in paragraph)
        and parse_date(paragraph) is not None
    )


def _is_tail_furniture(paragraph: str) -> bool:
    if len(paragraph) > _MAX_TAIL_LINE:
        return False
    return bool(_CREDIT.match(paragraph) or _COPYRIGHT.search(paragraph))
