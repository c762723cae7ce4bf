"""Text analysis shared by every index backend: tokenize, drop stop words, stem.

Both the embedded index and Elasticsearch index the *analyzed* terms produced here, so a query
means the same thing on either engine. Stemming uses Sastrawi, a dictionary-backed stemmer for
Indonesian: Snowball's Indonesian algorithm stems ``perekrutan`` to ``ekrut`` but ``rekrut`` to
``rekrut``, so a search for one would miss the other; Sastrawi checks candidate roots against its
dictionary and maps ``perekrutan``, ``merekrut`` and ``rekrut`` to the same root.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

# Words, including digits inside them (kp2mi, p3mi); apostrophes join (jum'at).
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = rf"[^\W_](?:[^\W_]|[{_MARKS}])*"
TOKEN_RE = re.compile(rf"{_WORD}(?:['’]{_WORD})*")
_ASCII_TOKEN_RE = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
_ASCII_SPAN_RE = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*")

STOPWORDS = frozenset(
    """
    ada adalah agar akan aku anda antara apa apakah atas atau bagai bagaimana bagi bahkan bahwa baik
    banyak beberapa begitu belum benar berapa bersama besar bila bisa boleh buat bukan cukup dalam
    dan dapat dari daripada demikian dengan di dia diri dimana dua hal hanya harus hingga ia ialah
    ini itu jadi jika juga jumlah kali kalau kami kamu karena ke kemudian kenapa kepada ketika kita
    lagi lain lalu lama lebih maka mana masih masing mau melalui memang mereka meski milik misalnya
    mungkin nya oleh pada para pernah pula pun saat saja sama sambil sampai sangat sebagai sebelum
    sebuah sedang sehingga sejak sekali sekitar selain selama seluruh semua sementara sendiri
    seorang serta sesuai setelah seperti siapa suatu sudah supaya tanpa tapi telah tentang tergolong
    terhadap tetapi tidak untuk walaupun yaitu yakni yang a an and are as at be but by for from has
    have in is it its of on or that the this to was were will with
    """.split()
)

_MAX_TOKEN = 40


@lru_cache(maxsize=1)
def _stemmer():  # -> Sastrawi stemmer; built once, its dictionary load is the slow part
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer(isDev=False)


_stem_cache: dict[str, str] = {}
_STEM_CACHE_MAX = 500_000


def fold(word: str) -> str:
    """Lower-case and strip diacritics, so ``Jum’at`` and ``jumat`` meet."""
    word = word.lower().replace("’", "").replace("'", "")
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def stem(word: str) -> str:
    """Stem one folded word (memoized: news vocabulary repeats heavily)."""
    cached = _stem_cache.get(word)
    if cached is not None:
        return cached
    if len(word) <= 3 or not word.isalpha() or not word.isascii():
        result = word
    else:
        result = _stemmer().stem(word) or word
    if len(_stem_cache) >= _STEM_CACHE_MAX:
        _stem_cache.clear()
    _stem_cache[word] = result
    return result


def term(word: str) -> str | None:
    """The index term for one raw word, or None for a stop word."""
    folded = fold(word)[:_MAX_TOKEN]
    if not folded or folded in STOPWORDS:
        return None
    return stem(folded)


_term_cache: dict[str, str] = {}
"""Lower-cased token -> its term, or "" for a stop word."""

_chunk_cache: dict[str, str] = {}
"""Lower-cased whitespace-delimited chunk (``migran,``) -> its terms joined by spaces, or "".

Tokens never contain whitespace, so a text's terms are its chunks' terms in order. News prose repeats
the same few thousand chunks, so indexing a text is a split plus C-level dict lookups; the tokenizer
regex and the stemmer only see chunks not met before.
"""
_MAX_CACHED_CHUNK = 64
"""Longer chunks (URLs, hostile runs without spaces) are analyzed but not kept."""
_CHUNK_CACHE_MAX = 200_000
"""Emptied when full: at most about 40 MB, where a year of PMI news needs some tens of thousands."""


def _chunk_terms(chunk: str) -> str:
    cache = _term_cache
    if len(cache) >= _STEM_CACHE_MAX:
        cache.clear()
    terms = []
    for raw in (_ASCII_TOKEN_RE if chunk.isascii() else TOKEN_RE).findall(chunk):
        found = cache.get(raw)
        if found is None:
            found = cache[raw] = term(raw) or ""
        if found:
            terms.append(found)
    return " ".join(terms)


MAX_ANALYZED_CHARS = 200_000
"""Characters of one text analysed at most (a long feature is 60 000; the rest of a hostile one is
not searchable, and costs nothing)."""
MAX_NEW_CHUNKS = 2_000
"""Chunks never met before that one text may send to the tokenizer and stemmer (about 150 µs each on
a miss); past it the text's other new words are indexed folded but unstemmed, and not cached. A
real article meets a few hundred new words; one made of random distinct words could otherwise hold
the crawl's thread for seconds."""


def _unstemmed_terms(chunk: str) -> str:
    """The cheap path: folded tokens without stop words, unstemmed (and not kept in any cache)."""
    pattern = _ASCII_TOKEN_RE if chunk.isascii() else TOKEN_RE
    words = (fold(raw)[:_MAX_TOKEN] for raw in pattern.findall(chunk))
    return " ".join(word for word in words if word and word not in STOPWORDS)


def analyzed_text(text: str | None) -> str:
    """Analyzed terms joined by spaces: what the engines store in their term fields.

    Bounded per text: ``MAX_ANALYZED_CHARS`` characters and ``MAX_NEW_CHUNKS`` stemmer misses.
    """
    if not text:
        return ""
    cache = _chunk_cache
    chunks = text[:MAX_ANALYZED_CHARS].lower().split()
    try:
        return " ".join(filter(None, map(cache.__getitem__, chunks)))
    except KeyError:
        pass
    if len(cache) >= _CHUNK_CACHE_MAX:
        cache.clear()
    parts = []
    misses = 0
    for chunk in chunks:
        found = cache.get(chunk)
        if found is None and misses >= MAX_NEW_CHUNKS:
            found = _unstemmed_terms(chunk)
        elif found is None:
            misses += 1
            found = _chunk_terms(chunk)
            if len(chunk) <= _MAX_CACHED_CHUNK:
                cache[chunk] = found
        if found:
            parts.append(found)
    return " ".join(parts)


_EXCERPT_TAIL = " .…[]"
"""What an excerpt ends with when it is the cut-off start of the body (``… […]``)."""


def body_text(summary: str, body: str) -> str:
    """The text indexed as the body: the summary, then the body, unless the summary is only its opening.

    A WordPress excerpt is usually the body's first words; indexing it twice would double the weight
    of the lede in every ranking.
    """
    lede = " ".join(summary.split()).rstrip(_EXCERPT_TAIL)
    if not lede:
        return body
    if not body or not " ".join(body[: len(summary) + 200].split()).startswith(lede):
        return f"{summary}\n{body}" if body else summary
    return body


def article_terms(title: str, summary: str, body: str) -> tuple[str, str]:
    """(title terms, body terms) of an article, as both index backends store them."""
    return analyzed_text(title), analyzed_text(body_text(summary, body))


def analyze(text: str | None) -> list[str]:
    """All index terms of a text, in order, stop words removed."""
    return analyzed_text(text).split()


def iter_terms_with_spans(text: str) -> Iterator[tuple[int, int, str | None]]:
    """(start, end, term) for every word of ``text``; term is None for stop words. For snippets."""
    cache = _term_cache
    pattern = _ASCII_SPAN_RE if text.isascii() else TOKEN_RE
    for match in pattern.finditer(text):
        raw = match.group().lower()
        found = cache.get(raw)
        if found is None:
            found = cache[raw] = term(raw) or ""
        yield match.start(), match.end(), found or None
