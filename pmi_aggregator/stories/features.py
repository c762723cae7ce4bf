"""What linking reads of an article: a MinHash of its body's word shingles, its key terms, its date.

Computed once per article and stored beside the index (``stories.store``), so a new article is compared
with its candidates without reading their texts again.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from pmi_aggregator.article import Article
from pmi_aggregator.index.analysis import analyze, body_text, term
from pmi_aggregator.stories.attribution import credited_source, outlet_key

NUM_PERM = 128
SHINGLE = 2
"""Word pairs of the analysed body: one rewritten word breaks two shingles, not a sentence."""
MAX_KEYS = 40
"""Key terms kept per article (the first ones met): bounds the side store and each lookup."""
COUNTRY = "country:"
"""The prefix of the keys that hold an article's countries (``domain`` annotations)."""
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

_DATE_NUMBERS = re.compile(r"\b\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\b|\b\d{1,2}[.:]\d{2}\b")
"""``(5/1/2023)`` and ``10.30``: dates and times, which every report of a week shares."""
_KEY_WORD = re.compile(r"\b(?:[A-Z][\w'’-]+|\d[\d.,]*\d|\d{2,})\b")
"""Capitalised words (names, places, agencies) and numbers of two digits or more (deportees, victims)."""
_CALENDAR = frozenset(
    """senin selasa rabu kamis jumat jum'at sabtu minggu ahad januari februari maret april mei juni juli
    agustus september oktober november desember jan feb mar apr jun jul agu agt sep okt nov des wib wita
    wit""".split()
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")


@dataclass(frozen=True)
class Features:
    """One article as linking sees it."""

    id: str
    source: str
    at: str | None
    """The instant that orders copies: published, else crawled (``basis`` says which), ISO UTC."""
    basis: str | None
    day: int | None
    """Days since 1970 of the publication (UTC): the story window compares these; None if undated."""
    content_hash: str
    shingles: int
    signature: np.ndarray
    keys: frozenset[str]
    credited: str | None
    """The credited outlet, reduced by ``attribution.outlet_key``."""
    figures: frozenset[int] = frozenset()
    """The counts of people the title and lede give (64 deportees, 217 PMI): what tells two like
    events apart."""


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """Drawn once: every signature must use the same permutations to be comparable."""
    return MinHash(num_perm=NUM_PERM, seed=14, scheme="affine32").permutations


def signature_of(terms: list[str]) -> tuple[np.ndarray, int]:
    """(MinHash hash values, number of distinct shingles) of a term sequence."""
    if len(terms) >= SHINGLE:
        shingles = {" ".join(terms[i : i + SHINGLE]) for i in range(len(terms) - SHINGLE + 1)}
    else:
        shingles = set(terms)
    minhash = MinHash(num_perm=NUM_PERM, permutations=_permutations(), hashfunc=_hash32, scheme="affine32")
    if shingles:
        minhash.update_batch([s.encode("utf-8") for s in shingles])
    return minhash.hashvalues.astype(np.uint32), len(shingles)


def _hash32(data: bytes) -> int:
    """CRC-32: stable across processes (unlike ``hash``) and a C call; the permutations then mix it."""
    return zlib.crc32(data)


def _sentence_start(text: str, at: int) -> bool:
    before = text[max(0, at - 6) : at].rstrip(" \t\"'“(")
    return (not before and at < 6) or (bool(before) and before[-1] in ".!?\n:")


def _words(text: str) -> list[str]:
    """Capitalised words and figures in order; a capitalised word that opens a sentence only when it
    also appears capitalised inside one (``Hendra`` yes, ``Menurut`` and ``Sebanyak`` no)."""
    found = [(m.group(), _sentence_start(text, m.start())) for m in _KEY_WORD.finditer(text)]
    inside = {word for word, opening in found if not opening}
    return [word for word, opening in found if not opening or word in inside or word[0].isdigit()]


def key_terms(article: Article) -> frozenset[str]:
    """Names, places, agencies and figures of the article, analysed, with its domain annotations.

    The words of an annotated organisation's name are not keys again on their own: two chapters of
    one body (PMI Kota Bogor, PMI Sleman) share its name, not an event.
    """
    keys: dict[str, None] = {}
    for value in article.countries:
        keys[f"{COUNTRY}{value}"] = None
    for value in article.provinces:
        keys[f"province:{value}"] = None
    named: set[str] = set()
    for value in article.organizations:
        keys[f"org:{value.lower()}"] = None
        named.update(t for t in (term(w) for w in value.split()) if t)
    text = _DATE_NUMBERS.sub(" ", f"{article.title}\n{article.summary}\n{article.body}")
    for word in _words(text):
        if len(keys) >= MAX_KEYS:
            break
        found = term(word) if not word[0].isdigit() else word.replace(".", "").replace(",", "")
        if (
            found
            and found not in named
            and found not in _CALENDAR
            and not _YEAR.match(found)
            and len(found) > 1
        ):
            keys[found] = None
    return frozenset(keys)


_LEDE = 400
"""Characters of the body read for headline figures, after the title."""
_PEOPLE = (
    "pmi|wni|tki|tkw|bmi|pekerja|buruh|orang|warga|deportan|deportee|abk|awak|korban|jenazah|calon|"
    "migran|nelayan|perempuan|anak|penumpang|workers?|people|migrants?|victims?|crew"
)
_FIGURE = re.compile(
    rf"(?<![\d(/.,])(\d{{1,3}}(?:[.,]\d{{3}})+|\d{{2,6}})(?:\s+(?:orang|org))?\s+(?:{_PEOPLE})\b",
    re.IGNORECASE,
)
"""A count of people (``217 PMI``, ``sebanyak 64 pekerja``, ``1.204 orang``): two digits or more."""


def headline_figures(article: Article) -> frozenset[int]:
    """The counts of people in the title and the lede: how many were deported, rescued, found."""
    text = _DATE_NUMBERS.sub(" ", f"{article.title}\n{(article.summary or article.body)[:_LEDE]}")
    found = (int(re.sub(r"[.,]", "", m)) for m in _FIGURE.findall(text))
    return frozenset(n for n in found if not 1900 <= n <= 2100)


def features_of(article: Article) -> Features:
    published = article.published_at
    instant = published or article.crawled_at
    signature, shingles = signature_of(analyze(body_text(article.summary, article.body) or article.title))
    credit = article.credited_source or credited_source(article.body)
    return Features(
        id=article.id,
        source=article.source,
        at=instant.astimezone(timezone.utc).isoformat()[:19] if instant else None,
        basis=("published" if published else "crawled") if instant else None,
        day=(published.astimezone(timezone.utc) - _EPOCH).days if published else None,
        content_hash=article.content_hash,
        shingles=shingles,
        signature=signature,
        keys=key_terms(article),
        credited=outlet_key(credit) if credit else None,
        figures=headline_figures(article),
    )
