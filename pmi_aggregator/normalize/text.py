"""Text fields of articles from Indonesian news sites: titles, datelines, terms, language.

Bylines, datelines, terms and titles arrive in site-specific shapes; these helpers reduce them to clean
values before indexing so that facets and author search work across outlets. Every function is total:
odd input (None, non-strings, huge strings) yields an empty result instead of an exception, and regex
work is bounded by truncating input first.
"""

import html
import re
from collections.abc import Iterable

# Input bounds: metadata fields are short, so anything longer is junk and only costs time.
_MAX_BYLINE = 1000
_MAX_TITLE = 2000
_MAX_TERM = 300
_MAX_OPENING = 120
_MAX_LANGUAGE_TEXT = 20000

_WHITESPACE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")


def normalize_whitespace(text: str | None) -> str:
    """Collapse whitespace, NBSP and zero-width characters to single spaces so equal text compares equal."""
    if not isinstance(text, str):
        return ""
    return _WHITESPACE.sub(" ", text).strip()


def clean_text(text: object, limit: int) -> str:
    """Bounded, entity-unescaped, whitespace-normalized text; "" for non-strings."""
    if not isinstance(text, str):
        return ""
    return normalize_whitespace(html.unescape(text[:limit]))


def dedupe(values: Iterable[str]) -> list[str]:
    """Drop case-insensitive duplicates, keeping the first spelling seen."""
    seen: set[str] = set()
    kept: list[str] = []
    for value in values:
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            kept.append(value)
    return kept


def as_strings(values: Iterable[str] | str | None) -> list[str]:
    """Accept a lone string as a one-item list (a common caller slip) and skip non-string items."""
    if values is None:
        return []
    if isinstance(values, str):
        return [values]
    return [value for value in values if isinstance(value, str)]


# --- outlets -------------------------------------------------------------------------------------------

_TLD = re.compile(r"\.(?:co\.id|go\.id|or\.id|com|co|id|net|org)$")
_NON_ALNUM = re.compile(r"[\W_]+")
# Names ending like a domain or a media brand ("Apakabar Online", "ANTARA News", "detikNews", "Kompas TV").
_OUTLET_SHAPE = re.compile(r"(?i:\.(?:com|co|id|net|org))$|(?:News|NEWS|Online|ONLINE|TV)$")
_MAX_OUTLET_WORDS = 5


def site_key(name: str) -> str:
    """Comparable outlet name: `KOMPAS.com`, `Kompas` and `kompas .com` all give `kompas`."""
    key = normalize_whitespace(name).casefold().removeprefix("www.")
    return _NON_ALNUM.sub("", _TLD.sub("", key))


def outlet_keys(site_names: Iterable[str] | str) -> frozenset[str]:
    return frozenset(key for key in map(site_key, as_strings(site_names)) if key)


# Distinctive outlet names only: common words such as "Merdeka" or "Suara" could be real subtitles.
_KNOWN_OUTLETS = outlet_keys(
    (
        "ANTARA",
        "Kompas",
        "Tempo",
        "detik",
        "detikcom",
        "Republika",
        "Liputan6",
        "CNN Indonesia",
        "CNBC Indonesia",
        "Tribunnews",
        "Okezone",
        "Sindonews",
        "kumparan",
        "Tirto",
        "Katadata",
        "IDN Times",
        "JawaPos",
        "JPNN",
        "Beritasatu",
        "Kontan",
        "BBC Indonesia",
        "BBC News Indonesia",
        "VOA Indonesia",
        "Apakabar Online",
        "The Jakarta Post",
        "Jakarta Globe",
        "Pos Kupang",
        "Reuters",
        "AFP",
        "Xinhua",
    )
)


def is_outlet(name: str, keys: frozenset[str]) -> bool:
    """True for a media brand: a configured site name, a well-known outlet, or a domain/brand-shaped name."""
    key = site_key(name)
    if key and (key in keys or key in _KNOWN_OUTLETS):
        return True
    return len(name.split()) <= _MAX_OUTLET_WORDS and bool(_OUTLET_SHAPE.search(name))


# --- dateline ------------------------------------------------------------------------------------------

_PLACE_WORD = r"[A-Z][A-Za-z'’]*"
_DATELINE = re.compile(
    r"(?:(?P<outlet>[A-Za-z0-9]+(?:\.[A-Za-z]{2,3}){1,2}),\s*)?"
    rf"(?P<place>{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}})"
    r"(?:\s*,\s*(?P<qualifier>[^,()\-–—]{1,40}?))?"
    r"(?:\s*\((?P<agency>[^()]{1,40})\))?"
    r"\s*(?:--|[-–—])\s*"
)


def extract_dateline(text: str | None) -> str | None:
    """Place name from an article opening such as `Kupang (ANTARA) -` or `TEMPO.CO, Jakarta -`.

    A bare `Word -` opening (detik style) is only accepted when a sentence follows, so asides such as
    `Pemerintah - melalui KP2MI - ...` are not taken for datelines.
    """
    opening = clean_text(text, _MAX_OPENING * 4)[:_MAX_OPENING]
    match = _DATELINE.match(opening)
    if match is None:
        return None
    place = match["place"]
    marked = match["outlet"] or match["qualifier"] or match["agency"] or place.isupper()
    following = opening[match.end() : match.end() + 1]
    if not marked and following.islower():
        return None
    return place.title() if place.isupper() else place


# --- terms ---------------------------------------------------------------------------------------------

_TERM_EDGE = " #\"'“”‘’«».,;:!?*·•-–—_/\\|~"
_WRAPPED_TERM = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_NO_CATEGORY = frozenset(
    {"uncategorized", "uncategorised", "tak berkategori", "tidak berkategori", "tanpa kategori"}
)


def _clean_term(term: str) -> str:
    """Strip entities, hashtags, edge punctuation and brackets wrapping the whole term (`(BP2MI)`)."""
    cleaned = clean_text(term, _MAX_TERM).strip(_TERM_EDGE)
    wrapped = _WRAPPED_TERM.fullmatch(cleaned)
    return wrapped[1].strip(_TERM_EDGE) if wrapped else cleaned


def clean_terms(terms: Iterable[str] | None) -> list[str]:
    """Normalize categories/tags so facets do not split on case, entities, hashtags or CMS placeholders."""
    cleaned = map(_clean_term, as_strings(terms))
    return dedupe(term for term in cleaned if term and term.casefold() not in _NO_CATEGORY)


# --- title ---------------------------------------------------------------------------------------------

_TITLE_TAIL = re.compile(r"(.*\S) (?:[|–—]|-{1,2}) (.+)")


def clean_title(title: str | None, *, site_names: Iterable[str] = ()) -> str:
    """Title without trailing outlet suffixes (` - ANTARA News`, ` | Apakabar Online`).

    Only outlet-like tails are removed, so real subtitles (`Pekerja Migran - Antara Harapan dan
    Kenyataan`) survive unless they are a configured site name, and the title never becomes empty.
    """
    text = clean_text(title, _MAX_TITLE)
    keys = outlet_keys(site_names)
    while (match := _TITLE_TAIL.fullmatch(text)) and is_outlet(match[2], keys):
        text = match[1]
    return text


# --- language ------------------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_STOPWORDS = {
    "id": frozenset(
        """yang dan di ke dari ini itu dengan untuk pada tidak dalam akan juga ada oleh sebagai telah karena
        adalah atau bisa dapat lebih saat sudah belum masih harus bagi para kepada tersebut merupakan yaitu
        serta setelah sejak hingga kami kita mereka dia ia kata ujar bahwa seperti tentang secara sebuah
        namun jika agar sangat hanya lalu kini pun tak maupun terhadap antara melalui menjadi baru banyak
        mengatakan""".split()
    ),
    "en": frozenset(
        """the and of to in is that for it with was on are be by this from at or an have has had not but
        they their which were been will would can could its who said also more than about after into over
        other some such only new when there these those what while being because between against under
        during should may most very""".split()
    ),
}
_MIN_WORDS = 5
_MIN_HIT_RATE = 1 / 20
_MIN_LEAD = 1.5


def detect_language(text: str | None) -> str | None:
    """ "id" or "en" by stop-word frequency; None for short text or when neither language clearly leads."""
    words = [word.casefold() for word in _WORD.findall(clean_text(text, _MAX_LANGUAGE_TEXT))]
    if len(words) < _MIN_WORDS:
        return None
    scores = sorted(
        ((sum(word in stop for word in words), lang) for lang, stop in _STOPWORDS.items()), reverse=True
    )
    (best, lang), (runner_up, _) = scores[0], scores[1]
    if best < max(1.0, len(words) * _MIN_HIT_RATE) or best < _MIN_LEAD * runner_up:
        return None
    return lang
