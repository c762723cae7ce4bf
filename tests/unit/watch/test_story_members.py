"""A watch's entry carries the story's other reports: in its feed, its digest and its JSON."""

from __future__ import annotations

from pmi_aggregator.watch.model import Entry, entry_for
from tests.contract.articles import linked_story


def test_an_entry_names_the_other_reports_of_its_story_first_report_first():
    members = linked_story()
    story = [members["a1"], members["a2"], members["a3"]]
    entry = entry_for(members["a3"], "Deportasi dari Sabah.", story)
    assert entry.members == ("antara: Ratusan PMI tiba", "tribun: PMI tiba di Nunukan")
    assert entry.text.endswith("Also reported by:\n- antara: Ratusan PMI tiba\n- tribun: PMI tiba di Nunukan")
    assert Entry.from_dict(entry.to_dict()) == entry  # recorded as JSON lists, read back as tuples


def test_an_entry_recorded_before_story_members_still_loads():
    recorded = entry_for(linked_story()["a1"], "Deportasi dari Tawau.").to_dict()
    del recorded["members"]
    entry = Entry.from_dict(recorded)
    assert entry.members == () and entry.text == "Deportasi dari Tawau."
