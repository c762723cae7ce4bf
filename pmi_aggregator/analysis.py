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
"""Lower-cased token -> its term, or "" for a stop word: the hot path of indexing is one dict lookup."""


def analyze(text: str | None) -> list[str]:
    """All index terms of a text, in order, stop words removed."""
    if not text:
        return []
    cache = _term_cache
    if len(cache) >= _STEM_CACHE_MAX:
        cache.clear()
    out: list[str] = []
    append = out.append
    lowered = text.lower()
    # ASCII text (most of it) takes a simpler pattern: same tokens, a fifth faster.
    pattern = _ASCII_TOKEN_RE if lowered.isascii() else TOKEN_RE
    for raw in pattern.findall(lowered):
        found = cache.get(raw)
        if found is None:
            found = cache[raw] = term(raw) or ""
        if found:
            append(found)
    return out


def analyzed_text(text: str | None) -> str:
    """Analyzed terms joined by spaces: what the engines store in their term fields."""
    return " ".join(analyze(text))


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
