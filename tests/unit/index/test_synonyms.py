"""The synonym table: analysed groups, ambiguous entries, expansion of a parsed query."""

from __future__ import annotations

from pmi_aggregator.index.query import parse_query
from pmi_aggregator.index.synonyms import DEFAULT, MAX_EXPANDED_CLAUSES, Synonyms


def test_entries_are_analysed_like_the_query():
    table = Synonyms.build([("Deportasi", "dideportasi", "dipulangkan")])
    assert table.groups == ((("deportasi",), ("pulang",)),)  # stems: "dideportasi" is "deportasi"


def test_ambiguous_entries_are_never_added():
    added = DEFAULT.alternatives(("tki",))
    assert ("pmi",) not in added and ("kerja", "migran") in added
    assert ("tki",) in DEFAULT.alternatives(("pmi",))


def test_expansion_ors_into_the_group_and_keeps_exclusions():
    query = DEFAULT.expand(parse_query('TKI malaysia -"anak buah kapal"'))
    assert query.groups[0][0] == ("tki",) and ("buruh", "migran") in query.groups[0]
    assert query.groups[1] == (("malaysia",),)
    assert query.excluded == (("anak", "buah", "kapal"),)


def test_explain_lists_what_was_added():
    assert DEFAULT.explain(parse_query("ABK sawit")) == [("abk", ["anak buah kapal"])]
    assert DEFAULT.explain(parse_query("sawit")) == []


def test_expansion_is_bounded():
    huge = Synonyms.build([[f"kata{i}" for i in range(300)]])
    query = huge.expand(parse_query(" OR ".join(f"kata{i}" for i in range(60))))
    assert sum(len(g) for g in query.groups) <= MAX_EXPANDED_CLAUSES


def test_groups_of_one_entry_are_dropped():
    assert Synonyms.build([("dan", "yang"), ("TKI",)]).groups == ()  # stop words and lone entries
