"""Tests for pmi_aggregator.index.snippets: highlighted snippets around the matched words."""

import re
import time

from pmi_aggregator.index.analysis import analyze
from pmi_aggregator.index.snippets import MARK_END, MARK_START, make_snippet

REKRUT = set(analyze("rekrut"))


def filler(count, prefix):
    return " ".join(f"{prefix}{i}" for i in range(count))


def plain(snippet):
    return snippet.replace(MARK_START, "").replace(MARK_END, "")


def marked(snippet):
    return re.findall(re.escape(MARK_START) + "(.*?)" + re.escape(MARK_END), snippet)


def test_stemmed_variant_is_marked():
    snippet = make_snippet("Agen itu merekrut pekerja secara ilegal.", REKRUT)
    assert "<mark>merekrut</mark>" in snippet


def test_every_variant_of_a_term_is_marked():
    snippet = make_snippet("Perekrutan dan rekrut ulang: agen merekrut lagi.", REKRUT)
    assert marked(snippet) == ["Perekrutan", "rekrut", "merekrut"]


def test_original_case_is_kept_inside_the_mark():
    assert marked(make_snippet("MEREKRUT!", REKRUT)) == ["MEREKRUT"]


def test_unrelated_words_are_not_marked():
    snippet = make_snippet("Agen merekrut pekerja.", REKRUT)
    assert marked(snippet) == ["merekrut"]


def test_several_terms_are_marked():
    snippet = make_snippet("Agen merekrut pekerja.", REKRUT | set(analyze("pekerja")))
    assert marked(snippet) == ["merekrut", "pekerja"]


def test_stop_words_are_never_marked():
    snippet = make_snippet("yang merekrut yang", {"yang"} | REKRUT)
    assert marked(snippet) == ["merekrut"]


def test_custom_marks():
    assert make_snippet("agen merekrut", REKRUT, marks=("[", "]")) == "agen [merekrut]"


def test_short_text_is_returned_whole_with_marks():
    text = "Agen merekrut pekerja migran."
    snippet = make_snippet(text, REKRUT)
    assert plain(snippet) == text
    assert "…" not in snippet


def test_whitespace_is_collapsed():
    assert make_snippet("a\n\nb   merekrut\tc", REKRUT) == "a b <mark>merekrut</mark> c"


# --- window ------------------------------------------------------------------------------------------


def test_window_is_around_a_match_deep_in_the_text():
    text = filler(300, "awal") + " Agen merekrut pekerja " + filler(300, "akhir")
    snippet = make_snippet(text, REKRUT, width=120)
    assert "<mark>merekrut</mark>" in snippet
    assert "awal0 " not in snippet
    assert "akhir299" not in snippet


def test_window_starts_and_ends_with_ellipses_when_cut_on_both_sides():
    text = filler(300, "awal") + " merekrut " + filler(300, "akhir")
    snippet = make_snippet(text, REKRUT, width=120)
    assert snippet.startswith("…")
    assert snippet.endswith("…")


def test_no_leading_ellipsis_when_the_match_is_at_the_start():
    snippet = make_snippet("merekrut " + filler(300, "akhir"), REKRUT, width=120)
    assert snippet.startswith("<mark>merekrut</mark>")
    assert snippet.endswith("…")


def test_no_trailing_ellipsis_when_the_match_is_at_the_end():
    snippet = make_snippet(filler(300, "awal") + " merekrut", REKRUT, width=120)
    assert snippet.startswith("…")
    assert snippet.endswith("<mark>merekrut</mark>")


def test_window_length_is_about_the_width():
    text = filler(300, "awal") + " merekrut " + filler(300, "akhir")
    for width in (80, 240):
        visible = plain(make_snippet(text, REKRUT, width=width)).strip("…")
        assert width // 2 <= len(visible) <= width


def test_window_is_cut_at_word_boundaries():
    text = filler(300, "awal") + " merekrut " + filler(300, "akhir")
    visible = plain(make_snippet(text, REKRUT, width=120)).strip("…")
    words = set(text.split())
    assert all(part in words for part in visible.split())


def test_window_prefers_the_densest_run_of_matches():
    text = "merekrut " + filler(150, "x") + " migran merekrut pekerja migran " + filler(150, "y")
    terms = REKRUT | set(analyze("migran"))
    snippet = make_snippet(text, terms, width=160)
    assert len(marked(snippet)) == 3


# --- no match and bounds -----------------------------------------------------------------------------


def test_no_match_returns_the_opening():
    text = filler(300, "kata")
    snippet = make_snippet(text, REKRUT, width=100)
    assert snippet.startswith("kata0 kata1")
    assert snippet.endswith("…")
    assert MARK_START not in snippet


def test_no_terms_returns_the_opening():
    assert make_snippet("Pendek saja.", set()) == "Pendek saja."


def test_empty_text_gives_empty_snippet():
    assert make_snippet("", REKRUT) == ""
    assert make_snippet("  \n\t ", REKRUT) == ""


def test_unbroken_text_is_cut_to_the_width():
    snippet = make_snippet("a" * 100_000, REKRUT, width=240)
    assert len(snippet) <= 241


def test_huge_text_is_bounded_and_fast():
    text = "lorem ipsum " * 500_000 + " merekrut"
    started = time.perf_counter()
    snippet = make_snippet(text, REKRUT)
    assert time.perf_counter() - started < 5
    assert len(snippet) <= 250


def test_huge_text_full_of_matches_is_bounded():
    snippet = make_snippet("merekrut " * 200_000, REKRUT, width=240)
    assert len(plain(snippet)) <= 242
    assert 0 < len(marked(snippet)) <= 240 // len("merekrut ") + 1
