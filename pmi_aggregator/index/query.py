"""The search query language, parsed once into a small tree that each backend renders.

Syntax (the same on every backend):
  ``pekerja migran``      both words (AND is implicit)
  ``"pekerja migran"``    the phrase
  ``taiwan OR hongkong``  either word; OR binds the terms on each side of it
  ``-malaysia``           without the word (also ``-"a phrase"`` and ``NOT word``)
Anything else is literal text: punctuation, parentheses and stray quotes are never operators, so
user input can never reach the engine's own query syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pmi_aggregator.errors import QueryError
from pmi_aggregator.index.analysis import analyze

MAX_QUERY_LENGTH = 1000
MAX_CLAUSES = 64

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')

Clause = tuple[str, ...]
"""Analyzed terms that must appear next to each other; one term is a plain word."""


@dataclass(frozen=True)
class Query:
    """Groups are ANDed; the clauses in a group are ORed; excluded clauses must not match."""

    groups: tuple[tuple[Clause, ...], ...] = ()
    excluded: tuple[Clause, ...] = ()
    text: str = field(default="", compare=False)

    @property
    def is_match_all(self) -> bool:
        return not self.groups and not self.excluded

    def positive_terms(self) -> set[str]:
        """Every term that can make a document match: what snippets highlight."""
        return {t for group in self.groups for clause in group for t in clause}


def _clause(text: str) -> Clause:
    return tuple(analyze(text))


def parse_query(text: str | None) -> Query:
    """Parse user query text. Empty text matches everything (for browsing with filters)."""
    text = (text or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"query is too long ({len(text)} characters; the limit is {MAX_QUERY_LENGTH})")
    groups: list[list[Clause]] = []
    excluded: list[Clause] = []
    pending_or = False
    negate_next = False
    typed_words = False
    for match in _TOKEN.finditer(text):
        minus, quoted, bare = match.groups()
        if bare is not None:
            if bare == "OR":
                pending_or = bool(groups)
                continue
            if bare == "NOT":
                negate_next = True
                continue
            negative = negate_next or (bare.startswith("-") and len(bare) > 1)
            clause = _clause(bare[1:] if bare.startswith("-") else bare)
        else:
            negative = negate_next or bool(minus)
            clause = _clause(quoted)
        negate_next = False
        typed_words = typed_words or bool((bare or quoted or "").strip("-\"' "))
        if not clause:
            pending_or = False
            continue
        if negative:
            excluded.append(clause)
        elif pending_or:
            groups[-1].append(clause)
        else:
            groups.append([clause])
        pending_or = False
    if typed_words and not groups and not excluded:
        raise QueryError(
            f"nothing to search for in {text!r}: its words are all too common (stop words) or punctuation; "
            "add a more specific word"
        )
    if sum(len(g) for g in groups) + len(excluded) > MAX_CLAUSES:
        raise QueryError(f"query has too many terms (the limit is {MAX_CLAUSES})")
    return Query(tuple(tuple(dict.fromkeys(g)) for g in groups), tuple(dict.fromkeys(excluded)), text)
