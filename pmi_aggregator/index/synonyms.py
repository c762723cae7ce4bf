"""Query-time synonyms: a word of a group also finds the others ("TKI" finds "pekerja migran").

Expansion happens on the parsed query, before any backend sees it, so both backends expand the same
way. Each entry is analysed like the query (stop words, stems); a multi-word entry is a phrase and
expands as a phrase. A single word or a quoted phrase of the query that equals an entry gains the
group's other entries as alternatives (ORed with it); exclusions are not expanded.

Ambiguous entries are never *added* by expansion: "PMI" is also the Red Cross and an economic index,
"ART" an English word. A search for "TKI" therefore never matches a Red Cross story through "PMI";
such a story is found only by a query that typed "PMI" itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pmi_aggregator.index.analysis import analyze
from pmi_aggregator.index.query import Clause, Query

DEFAULT_GROUPS: tuple[tuple[str, ...], ...] = (
    (
        "PMI",
        "TKI",
        "TKW",
        "BMI",
        "buruh migran",
        "pekerja migran",
        "migrant worker",
        "tenaga kerja Indonesia",
    ),
    ("KP2MI", "BP2MI", "BNP2TKI", "Kementerian Pelindungan Pekerja Migran Indonesia"),
    ("TPPO", "perdagangan orang", "human trafficking"),
    ("ABK", "anak buah kapal"),
    ("PRT", "pekerja rumah tangga", "domestic helper", "ART"),
    ("deportasi", "dideportasi", "dipulangkan"),
)
"""The built-in table; users add groups in the config file (``[synonyms] groups = [[…], …]``)."""
AMBIGUOUS = ("PMI", "ART")
"""Entries that other meanings share: found when typed, never added by expansion."""
MAX_EXPANDED_CLAUSES = 128
"""A query's clauses after expansion, at most: the backends' queries stay small."""


@dataclass(frozen=True)
class Synonyms:
    """Analysed synonym groups; ``expand`` applies them to a parsed query."""

    groups: tuple[tuple[Clause, ...], ...] = ()
    ambiguous: frozenset[Clause] = frozenset()

    @classmethod
    def build(cls, groups: Iterable[Iterable[str]], ambiguous: Iterable[str] = AMBIGUOUS) -> Synonyms:
        analysed = []
        for group in groups:
            clauses = tuple(dict.fromkeys(c for c in (tuple(analyze(entry)) for entry in group) if c))
            if len(clauses) > 1:
                analysed.append(clauses)
        return cls(tuple(analysed), frozenset(c for c in (tuple(analyze(e)) for e in ambiguous) if c))

    def alternatives(self, clause: Clause) -> tuple[Clause, ...]:
        """The other entries of every group that holds ``clause``, without the ambiguous ones."""
        found: dict[Clause, None] = {}
        for group in self.groups:
            if clause in group:
                found.update((c, None) for c in group if c != clause and c not in self.ambiguous)
        return tuple(found)

    def expand(self, query: Query) -> Query:
        """The query with each clause's alternatives ORed into its group."""
        budget = MAX_EXPANDED_CLAUSES - sum(len(g) for g in query.groups) - len(query.excluded)
        groups = []
        for group in query.groups:
            expanded: dict[Clause, None] = dict.fromkeys(group)
            for clause in group:
                for alternative in self.alternatives(clause):
                    if alternative not in expanded and budget > 0:
                        expanded[alternative] = None
                        budget -= 1
            groups.append(tuple(expanded))
        return Query(tuple(groups), query.excluded, query.text)

    def explain(self, query: Query) -> list[tuple[str, list[str]]]:
        """(typed clause, its added alternatives) for each clause that expands, as text."""
        return [
            (" ".join(clause), [" ".join(a) for a in alternatives])
            for group in query.groups
            for clause in group
            if (alternatives := self.alternatives(clause))
        ]


DEFAULT = Synonyms.build(DEFAULT_GROUPS)
