"""The outlet an article credits as its source: "Sumber: ANTARA", "dikutip dari Pos Kupang", "(ANTARA) -".

Indonesian outlets that reuse a text usually say whose it is; a credit that names the other article's
outlet is evidence that the two are copies (``stories.similarity``).
"""

from __future__ import annotations

import re

_NAME = r"([A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3})"
"""A credited name: up to four capitalised words (``Pos Kupang``, ``Tribun Jateng``, ``ANTARA``)."""
_CREDIT_PATTERNS = (
    re.compile(
        rf"\b(?:[Dd]ikutip|[Dd]ilansir|[Dd]ilaporkan|[Mm]engutip)(?: dari)? (?:laman |situs )?{_NAME}"
    ),
    re.compile(rf"\b[Ss]umber\s*:\s*{_NAME}"),
    re.compile(r"\((ANTARA|Antara|AFP|Reuters|AP)\)\s*[-–—]"),
    re.compile(r"\b([A-Z][a-z]+news)\.com\b"),
    re.compile(r"^([A-Z][A-Za-z]+(?:\.com|\.id|\.co\.id))\s*[-–—,]", re.MULTILINE),
)
_ALIASES = {
    "antara": "ANTARA",
    "antaranews": "ANTARA",
    "antara news": "ANTARA",
    "kantor berita antara": "ANTARA",
    "afp": "AFP",
    "reuters": "Reuters",
    "ap": "AP",
}
_NOT_A_SOURCE = frozenset({"data", "informasi", "keterangan", "foto", "video", "instagram", "twitter"})
_MAX_READ = 6000
"""Credits sit at the opening (a dateline) or the closing lines; the middle of a long text is skipped."""


def outlet_key(name: str) -> str:
    """A name reduced for comparison: ``Antaranews.com``, ``ANTARA`` and ``antara`` meet."""
    folded = re.sub(r"\.(?:com|co\.id|id)$", "", name.strip().lower())
    folded = _ALIASES.get(folded, folded)
    return re.sub(r"[^a-z0-9]+", "", folded.lower())


def credited_source(text: str) -> str | None:
    """The first outlet the text credits, in its canonical spelling, or None."""
    if len(text) > _MAX_READ:
        text = text[: _MAX_READ // 2] + "\n" + text[-_MAX_READ // 2 :]
    found: list[tuple[int, str]] = []
    for pattern in _CREDIT_PATTERNS:
        for match in pattern.finditer(text):
            name = match.group(1).rstrip(".,")
            if name.lower() not in _NOT_A_SOURCE:
                found.append((match.start(), name))
                break
    if not found:
        return None
    name = min(found)[1]
    canonical = _ALIASES.get(re.sub(r"\.(?:com|co\.id|id)$", "", name.lower()))
    return canonical or name[:60]
