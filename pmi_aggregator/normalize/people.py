"""Bylines to people: authors and the editor, from Indonesian credit lines."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from pmi_aggregator.normalize.text import as_strings, dedupe, is_outlet, normalize_whitespace, outlet_keys

_MAX_BYLINE = 1000

# Credit prefixes of pages in other languages ("von …", "Veröffentlicht von …", "publié par …"): kept,
# they would become part of the name. Longest first, as the label pattern tries them in order.
_FOREIGN_AUTHOR_LABELS = (
    "veröffentlicht von",
    "geschrieben von",
    "publié par",
    "écrit par",
    "publicado por",
    "escrito por",
    "scritto da",
    "geschreven door",
    "von",
    "par",
    "por",
    "door",
    "autor",
    "auteur",
    "autore",
)
_LABEL_KINDS = {
    **dict.fromkeys(
        (
            "written by",
            "posted by",
            "ditulis oleh",
            "penulis",
            "pewarta",
            "reporter",
            "rep",
            "oleh",
            "kontributor",
            "koresponden",
            "laporan",
            "wartawan",
            "jurnalis",
            "author",
            "by",
            *_FOREIGN_AUTHOR_LABELS,
        ),
        "author",
    ),
    **dict.fromkeys(("editor", "redaktur", "penyunting", "red"), "editor"),
    **dict.fromkeys(
        ("fotografer", "foto", "sumber", "video", "grafis", "copyright", "hak cipta", "©"), "skip"
    ),
}
_LABEL = re.compile(
    r"(?:(?P<word>written by|posted by|ditulis oleh|penulis|pewarta|reporter|oleh|kontributor|koresponden"
    r"|laporan|wartawan|jurnalis|author|by|editor|redaktur|penyunting|fotografer|foto|sumber|video|grafis"
    r"|copyright|hak cipta|"
    + "|".join(_FOREIGN_AUTHOR_LABELS)
    + r")\b|(?P<short>rep|red)(?=\s*:)|©)\s*:?\s*",
    re.I,
)
# Segment boundaries: explicit separators, and any `Label:` or copyright notice even mid-line (Tempo
# prints "Reporter: A Editor: B" on one line). Labels that are also ordinary words need the colon here.
_SEGMENT_SPLIT = re.compile(
    r"[|\n\r•·]+"
    r"|(?=\b(?:penulis|pewarta|reporter|rep|kontributor|koresponden|laporan|wartawan|editor|redaktur"
    r"|penyunting|red|fotografer|foto|sumber)\s*:)"
    r"|(?=©|\bcopyright\b|\bhak cipta\b)",
    re.I,
)
_SEGMENT_LEAD = " -–—:;,"
_PARENTHETICAL = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
# Everything after a spaced hyphen, a dash, a slash or an unclosed bracket is a role, outlet or date.
_TRAILER = re.compile(r"\s-+(?=\s|$)|--|[–—/(\[]")
_NAME_SEP = re.compile(r"\s*[,;&+]\s*|\s+(?:dan|and|serta)\s+", re.I)
_DEGREE = re.compile(r"(?:[A-Z][A-Za-z]{0,4}\.){1,4}(?:[A-Z][A-Za-z]{0,4})?|S[EHTP]|M[AMH]|MBA|MSc|Lc")
_NAME_STOPS = frozenset({"pada", "on", "at", "published", "updated", "diperbarui", "dipublikasikan"})
_NAME_EDGE = " ,;:'\"“”‘’*"
_NAME_OK = re.compile(r"[^\W\d_](?:[^\W\d_]|[ .'’`,-])*")
_MAX_NAME_CHARS = 80
_MAX_NAME_WORDS = 8
_ROLE_WORDS = frozenset(
    {
        "kontributor",
        "koresponden",
        "wartawan",
        "wartawati",
        "jurnalis",
        "reporter",
        "editor",
        "redaktur",
        "penulis",
        "pewarta",
        "fotografer",
        "penyunting",
        "redaksi",
        "admin",
        "administrator",
        "humas",
        "webmaster",
        "anonim",
        "anonymous",
        "guest",
    }
)
_TEAM_WORDS = frozenset({"tim", "team", "staf", "staff"})
_CALENDAR_WORDS = frozenset(
    {
        "senin",
        "selasa",
        "rabu",
        "kamis",
        "jumat",
        "jum'at",
        "sabtu",
        "minggu",
        "ahad",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "januari",
        "februari",
        "maret",
        "april",
        "mei",
        "juni",
        "juli",
        "agustus",
        "september",
        "oktober",
        "november",
        "desember",
        "january",
        "february",
        "march",
        "may",
        "june",
        "july",
        "august",
        "october",
        "december",
        # German, French, Spanish, Dutch and Malay months that differ from the above
        "januar",
        "februar",
        "märz",
        "mai",
        "dezember",
        "janvier",
        "février",
        "mars",
        "avril",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "maart",
        "augustus",
        "ogos",
        "disember",
        "mac",
    }
)
# A lower-case preposition first is a listing's "in Uncategorized" or "di Berita", not a name; and
# a blog's default category is nobody.
_PREPOSITIONS = frozenset({"in", "di", "dalam", "on", "at", "from", "dari", "im", "dans", "en"})
_CATEGORY_WORDS = frozenset({"uncategorized", "uncategorised", "allgemein", "non classé", "tak berkategori"})


def _segments(byline: str) -> list[tuple[str, str]]:
    """Split a credit line into (kind, body) parts, kind being "author", "editor" or "skip"."""
    parts = []
    for raw in _SEGMENT_SPLIT.split(html.unescape(byline[:_MAX_BYLINE])):
        segment = normalize_whitespace(raw).lstrip(_SEGMENT_LEAD)
        label = _LABEL.match(segment)
        if label is None:
            parts.append(("author", segment))
            continue
        word = normalize_whitespace(label["word"] or label["short"] or "©").casefold()
        parts.append((_LABEL_KINDS[word], segment[label.end() :]))
    return parts


def _raw_names(body: str) -> list[str]:
    """Split a credit body into name candidates, re-attaching academic degrees split off at commas."""
    body = _TRAILER.split(_PARENTHETICAL.sub(" ", body), maxsplit=1)[0].strip()
    names: list[str] = []
    for piece in _NAME_SEP.split(body):
        if names and _DEGREE.fullmatch(piece):
            names[-1] = f"{names[-1]}, {piece}"
        else:
            names.append(piece)
    return names


def _clean_name(raw: str) -> str:
    """Cut a candidate at the first date/time token and fix ALL-CAPS spelling."""
    tokens = []
    for token in raw.split():
        if token[0].isdigit() or token.casefold() in _NAME_STOPS:
            break
        tokens.append(token)
    name = " ".join(tokens).strip(_NAME_EDGE)
    return name.title() if name.isupper() else name


def _is_non_person(name: str, keys: frozenset[str]) -> bool:
    """Roles, teams ("Tim Redaksi", "Tim detikcom"), outlets and bare day/month names are not people."""
    words = name.split()
    first = words[0].casefold()
    if first in _ROLE_WORDS or (len(words) == 1 and first in _CALENDAR_WORDS):
        return True
    if (words[0] in _PREPOSITIONS and len(words) > 1) or name.casefold() in _CATEGORY_WORDS:
        return True
    if first in _TEAM_WORDS:
        return len(words) == 1 or _is_non_person(" ".join(words[1:]), keys)
    return is_outlet(name, keys)


def _is_person(name: str, keys: frozenset[str]) -> bool:
    if len(name) > _MAX_NAME_CHARS or len(name.split()) > _MAX_NAME_WORDS or not _NAME_OK.fullmatch(name):
        return False
    return not _is_non_person(name, keys)


def split_authors(byline: str | None, *, site_names: Iterable[str] = ()) -> tuple[list[str], str | None]:
    """Parse an Indonesian credit line into (authors, editor); the editor is kept apart from the authors.

    Handles `Pewarta: A dan B | Editor: C`, `Penulis: A & B`, `Rep: A/ Red: B`, `Oleh A - 10 Des 2025`,
    `By admin` and similar; site names, teams and roles are dropped because they are not persons.
    """
    if not isinstance(byline, str):
        return [], None
    keys = outlet_keys(site_names)
    found: dict[str, list[str]] = {"author": [], "editor": [], "skip": []}
    for kind, body in _segments(byline):
        for raw in _raw_names(body):
            name = _clean_name(raw)
            if name and _is_person(name, keys):
                found[kind].append(name)
    editors = found["editor"]
    return dedupe(found["author"]), (editors[0] if editors else None)


def clean_author_list(names: Iterable[str], *, site_names: Iterable[str] = ()) -> list[str]:
    """Clean author names from structured data (JSON-LD, REST), which carry the same noise as bylines."""
    authors = (author for raw in as_strings(names) for author in split_authors(raw, site_names=site_names)[0])
    return dedupe(authors)
