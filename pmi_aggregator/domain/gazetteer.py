"""Place names: countries (with their cities) and Indonesia's provinces, found as whole words in text.

The lists are data files beside this module (``data/countries.toml``, ``data/provinces.toml``). Names
written in capitals ("UEA", "NTT", "Jatim") match only as written, since "AS" or "UK" in lower case are
ordinary words; every other name matches in any case. Longer names win over the names inside them
("Kepulauan Riau" over "Riau", "Papua Barat" over "Papua").
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


@dataclass(frozen=True)
class Mention:
    """One place named in a text: what it stands for, the words as written, and where."""

    key: str
    """An ISO 3166-1 alpha-2 code, or a province's name."""
    text: str
    start: int
    end: int
    kind: str
    """``name``, ``demonym`` or ``place`` for countries; ``name`` for provinces."""


class _Matcher:
    """One alternation per case rule, longest names first, over whole words."""

    def __init__(self, entries: list[tuple[str, str, str]]) -> None:
        self._lookup: dict[str, tuple[str, str]] = {}
        self._exact: dict[str, tuple[str, str]] = {}
        for key, name, kind in entries:
            table = self._exact if _exact(name, kind) else self._lookup
            table.setdefault(name if table is self._exact else name.casefold(), (key, kind))
        self._any_case = _alternation(self._lookup)
        self._as_written = _alternation(self._exact)

    def finditer(self, text: str) -> Iterator[Mention]:
        found = []
        if self._any_case is not None:
            for m in re.finditer(self._any_case.pattern, text, re.IGNORECASE):
                key, kind = self._lookup[" ".join(m.group(0).split()).casefold()]
                found.append(Mention(key, m.group(0), m.start(), m.end(), kind))
        if self._as_written is not None:
            for m in self._as_written.finditer(text):
                key, kind = self._exact[" ".join(m.group(0).split())]
                found.append(Mention(key, m.group(0), m.start(), m.end(), kind))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        last_end = -1
        for mention in found:  # a name inside a longer one found at the same place is not a mention
            if mention.start >= last_end:
                last_end = mention.end
                yield mention


def _exact(name: str, kind: str) -> bool:
    """Demonyms ("Polish", "Thai") and short capitals ("AS", "NTT") are words in other senses."""
    letters = [c for c in name if c.isalpha()]
    return kind == "demonym" or (len(letters) <= 5 and all(c.isupper() for c in letters))


def _alternation(names: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(set(names), key=len, reverse=True)
    if not ordered:
        return None
    body = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in ordered)
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


def _data(name: str) -> dict[str, object]:
    text = resources.files("pmi_aggregator.domain").joinpath("data", name).read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def countries() -> _Matcher:
    entries = []
    for code, spec in _data("countries.toml").items():
        assert isinstance(spec, dict)
        for kind in ("names", "demonyms", "places"):
            entries += [(code, name, kind.rstrip("s")) for name in spec.get(kind, [])]
    return _Matcher(entries)


@cache
def provinces() -> _Matcher:
    entries = []
    for province, spellings in _data("provinces.toml").items():
        assert isinstance(spellings, list)
        entries += [(province, spelling, "name") for spelling in spellings]
    return _Matcher(entries)


def province_names() -> tuple[str, ...]:
    """The 38 provinces, by the name annotations use."""
    return tuple(_data("provinces.toml"))
