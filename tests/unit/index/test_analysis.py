"""Tests for pmi_aggregator.index.analysis: tokenizing, stop words, folding and Indonesian stemming."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmi_aggregator.index import analysis
from pmi_aggregator.index.analysis import (
    STOPWORDS,
    TOKEN_RE,
    analyze,
    analyzed_text,
    article_terms,
    body_text,
    fold,
    iter_terms_with_spans,
    term,
)

# --- stemming ----------------------------------------------------------------------------------------


def test_recruitment_word_family_shares_one_term():
    assert analyze("perekrutan") == analyze("merekrut") == analyze("rekrut")


def test_pekerja_stems_to_kerja():
    assert analyze("pekerja") == ["kerja"]


def test_repatriation_word_family_shares_one_term():
    assert analyze("dipulangkan") == analyze("pemulangan") == analyze("pulang")


def test_different_roots_stay_different():
    assert analyze("pekerja") != analyze("migran")


def test_case_does_not_matter():
    assert analyze("PEKERJA Migran") == analyze("pekerja migran")


def test_short_words_are_not_stemmed():
    assert analyze("tki") == ["tki"]


# --- stop words --------------------------------------------------------------------------------------


def test_stop_words_are_removed():
    assert analyze("pekerja yang dan di migran") == analyze("pekerja migran")


def test_only_stop_words_give_nothing():
    assert analyze("yang dan di untuk dari") == []


def test_capitalized_stop_word_is_removed():
    assert analyze("Yang DAN") == []


def test_term_returns_none_for_stop_word():
    assert term("yang") is None
    assert term("pekerja") == "kerja"


def test_every_stop_word_alone_gives_nothing():
    assert [word for word in sorted(STOPWORDS) if analyze(word)] == []


def test_english_stop_words_are_removed():
    assert analyze("the workers of Malaysia") == analyze("workers Malaysia")


# --- tokenizing --------------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["kp2mi", "p3mi", "bp2mi"])
def test_digits_inside_words_are_kept(word):
    assert analyze(word.upper()) == [word]


def test_numbers_are_terms():
    assert analyze("tahun 2024") == [*analyze("tahun"), "2024"]


@pytest.mark.parametrize("spelling", ["Jum'at", "Jum’at", "JUM'AT"])
def test_apostrophe_joins_a_word(spelling):
    assert analyze(spelling) == analyze("jumat")


def test_hyphenated_word_is_split_into_its_parts():
    assert analyze("pra-keberangkatan") == analyze("pra keberangkatan")


def test_reduplicated_word_gives_two_terms():
    assert analyze("anak-anak") == analyze("anak") * 2


def test_punctuation_separates_words():
    assert analyze("pekerja,migran.(malaysia)") == analyze("pekerja migran malaysia")


def test_underscore_separates_words():
    assert analyze("pekerja_migran") == analyze("pekerja migran")


def test_empty_and_none_give_no_terms():
    assert analyze("") == []
    assert analyze(None) == []
    assert analyzed_text(None) == ""


def test_analyzed_text_joins_terms_with_spaces():
    assert analyzed_text("Pekerja migran") == " ".join(analyze("Pekerja migran"))


def test_overlong_token_is_truncated():
    (only,) = analyze("x" * 500)
    assert 0 < len(only) <= 40


# --- folding -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("accented", "plain"), [("café", "cafe"), ("Pérez", "perez"), ("naïve", "naive")])
def test_diacritics_are_folded(accented, plain):
    assert analyze(accented) == analyze(plain)


def test_styled_unicode_letters_fold_to_plain_lowercase():
    # "Fancy" bold letters (common in social-media titles) have no lower-case form of their own.
    assert analyze("𝐏𝐄𝐊𝐄𝐑𝐉𝐀 𝐘𝐀𝐍𝐆 𝐓𝐊𝐈") == analyze("pekerja yang tki")


def test_fold_lowercases_and_drops_apostrophes():
    assert fold("Jum’At") == "jumat"


def test_full_width_letters_are_folded():
    assert analyze("ｐｅｋｅｒｊａ") == analyze("pekerja")


@pytest.mark.parametrize("text", ["Pérez", "Hồng Kông", "Việt Nam", "café"])
def test_decomposed_diacritics_equal_composed(text):
    # Text pasted from macOS or some CMSs arrives in NFD: a base letter plus a combining mark.
    assert analyze(unicodedata.normalize("NFD", text)) == analyze(unicodedata.normalize("NFC", text))


def test_analyze_and_spans_agree_on_dotted_capital_i():
    text = "İstanbul"
    assert [t for _, _, t in iter_terms_with_spans(text) if t] == analyze(text)


# --- spans -------------------------------------------------------------------------------------------


def test_spans_point_at_the_original_words():
    text = "Pekerja Migran yang dipulangkan dari Malaysia"
    words = [text[s:e] for s, e, _ in iter_terms_with_spans(text)]
    assert words == ["Pekerja", "Migran", "yang", "dipulangkan", "dari", "Malaysia"]


def test_spans_carry_terms_and_none_for_stop_words():
    text = "Pekerja yang dipulangkan"
    terms = [t for _, _, t in iter_terms_with_spans(text)]
    assert terms == [analyze("Pekerja")[0], None, analyze("dipulangkan")[0]]


def test_spans_keep_original_case_and_apostrophe():
    text = "Pada hari Jum’at, KP2MI"
    spans = {text[s:e]: t for s, e, t in iter_terms_with_spans(text)}
    assert spans["Jum’at"] == "jumat"
    assert spans["KP2MI"] == "kp2mi"


def test_span_terms_match_analyze():
    text = "Perekrutan ilegal pekerja migran ke Malaysia, kata KP2MI pada Jum'at (1/3)."
    assert [t for _, _, t in iter_terms_with_spans(text) if t is not None] == analyze(text)


@settings(max_examples=200)
@given(st.text(max_size=80))
def test_spans_are_ordered_and_inside_the_text(text):
    previous_end = 0
    for start, end, found in iter_terms_with_spans(text):
        assert previous_end <= start < end <= len(text)
        assert found is None or found == term(text[start:end])
        previous_end = end


@settings(max_examples=200)
@given(st.text(max_size=80))
def test_terms_are_folded_single_words(text):
    for found in analyze(text):
        assert found
        assert fold(found) == found
        assert not any(ch.isspace() for ch in found)


# --- the chunk cache -----------------------------------------------------------------------------


def _reference_terms(text):
    """The plain definition: every token of the lower-cased text, mapped to its term, stop words out."""
    return [found for found in (term(raw) for raw in TOKEN_RE.findall(text.lower())) if found]


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("aeiku nmp-’'.,\n\tÉé\u0301İ2\xa0\u3000香港ΣΟ"), max_size=60))
def test_cached_analysis_equals_the_plain_definition(text):
    assert analyze(text) == _reference_terms(text)
    assert analyze(text) == _reference_terms(text)  # a second time, from the cache


@settings(max_examples=200)
@given(st.text(max_size=80))
def test_cached_analysis_equals_the_plain_definition_on_any_text(text):
    assert analyze(text) == _reference_terms(text)


def test_punctuation_variants_of_one_word_are_one_term():
    assert analyze("(migran, migran. migran) “migran”") == analyze("migran") * 4


def test_a_long_run_without_spaces_is_analyzed_but_not_cached():
    hostile = "ab" * 5_000
    before = len(analysis._chunk_cache)
    assert analyze(hostile) == analyze(hostile) == [hostile[:40]]
    assert hostile not in analysis._chunk_cache
    assert len(analysis._chunk_cache) <= before + 1


# --- the indexed body ----------------------------------------------------------------------------

BODY = "Sebanyak 12 pekerja migran dipulangkan dari Malaysia pada Senin.\n\nMereka tiba di Nunukan."


@pytest.mark.parametrize(
    "summary",
    [
        "Sebanyak 12 pekerja migran dipulangkan dari Malaysia pada Senin.",
        "Sebanyak 12 pekerja migran dipulangkan dari [&hellip;]".replace("&hellip;", "…"),
        "Sebanyak 12 pekerja   migran dipulangkan…",
        "Sebanyak 12 pekerja migran dipulangkan dari Malaysia pada Senin. Mereka tiba di Nunukan.",
    ],
)
def test_a_summary_that_opens_the_body_is_not_indexed_twice(summary):
    assert body_text(summary, BODY) == BODY


def test_an_editorial_summary_is_indexed_with_the_body():
    summary = "KP2MI memulangkan pekerja migran yang dideportasi."
    assert body_text(summary, BODY) == f"{summary}\n{BODY}"
    assert analyze("dideportasi")[0] in article_terms("", summary, BODY)[1].split()


def test_body_text_with_a_missing_part():
    assert body_text("", BODY) == BODY
    assert body_text("Ringkasan saja.", "") == "Ringkasan saja."
    assert body_text("…", BODY) == BODY
    assert body_text("", "") == ""


def test_article_terms_are_title_and_body_terms():
    assert article_terms("Pekerja Migran", "", BODY) == (analyzed_text("Pekerja Migran"), analyzed_text(BODY))
