"""Tests for pmi_aggregator.index.query: the user query language, parsed into groups and exclusions."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmi_aggregator.index.analysis import analyze
from pmi_aggregator.index.query import (
    MAX_CLAUSES,
    MAX_QUERY_LENGTH,
    Query,
    QueryError,
    parse_query,
)


def word(text):
    """The clause for one plain word, as the analyzer sees it."""
    (only,) = analyze(text)
    return (only,)


def phrase(text):
    return tuple(analyze(text))


# --- plain words -------------------------------------------------------------------------------------


def test_words_are_anded_as_separate_groups():
    parsed = parse_query("pekerja migran")
    assert parsed.groups == ((word("pekerja"),), (word("migran"),))
    assert parsed.excluded == ()


def test_words_are_analyzed_like_documents():
    assert parse_query("Perekrutan").groups == parse_query("merekrut").groups


def test_stop_words_in_a_query_are_dropped():
    assert parse_query("pekerja yang migran").groups == parse_query("pekerja migran").groups


def test_query_keeps_its_text():
    assert parse_query("  pekerja migran ").text == "pekerja migran"


# --- phrases -----------------------------------------------------------------------------------------


def test_quoted_words_form_one_phrase_clause():
    assert parse_query('"pekerja migran"').groups == ((phrase("pekerja migran"),),)


def test_phrase_and_word_are_anded():
    parsed = parse_query('"hong kong" taiwan')
    assert parsed.groups == ((phrase("hong kong"),), (word("taiwan"),))


def test_unbalanced_quote_takes_the_rest_as_a_phrase():
    assert parse_query('"pekerja migran').groups == ((phrase("pekerja migran"),),)


def test_stop_words_inside_a_phrase_are_dropped_like_in_documents():
    assert parse_query('"pekerja yang migran"').groups == parse_query('"pekerja migran"').groups


def test_hyphenated_word_becomes_a_phrase_clause():
    assert parse_query("pra-keberangkatan").groups == ((phrase("pra keberangkatan"),),)


# --- exclusions --------------------------------------------------------------------------------------


def test_minus_word_is_excluded():
    parsed = parse_query("pekerja -malaysia")
    assert parsed.groups == ((word("pekerja"),),)
    assert parsed.excluded == (word("malaysia"),)


def test_minus_phrase_is_excluded():
    parsed = parse_query('taiwan -"hong kong"')
    assert parsed.groups == ((word("taiwan"),),)
    assert parsed.excluded == (phrase("hong kong"),)


def test_not_keyword_excludes_the_next_word():
    parsed = parse_query("pekerja NOT malaysia")
    assert parsed.groups == ((word("pekerja"),),)
    assert parsed.excluded == (word("malaysia"),)


def test_not_keyword_excludes_the_next_phrase():
    assert parse_query('NOT "hong kong"').excluded == (phrase("hong kong"),)


def test_not_applies_to_one_word_only():
    parsed = parse_query("NOT malaysia taiwan")
    assert parsed.excluded == (word("malaysia"),)
    assert parsed.groups == ((word("taiwan"),),)


def test_lowercase_not_is_a_plain_word():
    assert parse_query("not malaysia").excluded == ()


def test_negative_only_query_is_not_match_all():
    parsed = parse_query("-malaysia")
    assert parsed.groups == ()
    assert parsed.excluded == (word("malaysia"),)
    assert not parsed.is_match_all


def test_lone_minus_is_not_an_exclusion():
    assert parse_query("pekerja -").excluded == ()


def test_excluded_terms_are_not_highlighted():
    assert parse_query("pekerja -malaysia").positive_terms() == set(word("pekerja"))


# --- OR ----------------------------------------------------------------------------------------------


def test_or_puts_both_words_in_one_group():
    assert parse_query("taiwan OR hongkong").groups == ((word("taiwan"), word("hongkong")),)


def test_or_binds_only_its_neighbours():
    parsed = parse_query("taiwan OR hongkong pekerja")
    assert parsed.groups == ((word("taiwan"), word("hongkong")), (word("pekerja"),))


def test_or_chains():
    assert parse_query("taiwan OR hongkong OR malaysia").groups == (
        (word("taiwan"), word("hongkong"), word("malaysia")),
    )


def test_or_between_phrase_and_word():
    assert parse_query('"hong kong" OR taiwan').groups == ((phrase("hong kong"), word("taiwan")),)


def test_lowercase_or_is_a_stop_word_not_an_operator():
    assert parse_query("taiwan or hongkong").groups == ((word("taiwan"),), (word("hongkong"),))


@pytest.mark.parametrize("text", ["OR taiwan", "taiwan OR", "OR"])
def test_dangling_or_is_harmless(text):
    parsed = parse_query(text)
    assert all(len(group) == 1 for group in parsed.groups)


def test_or_with_a_stop_word_side_keeps_the_other_side():
    assert parse_query("yang OR taiwan").groups == ((word("taiwan"),),)


def test_positive_terms_cover_every_or_branch_and_phrase_word():
    terms = parse_query('taiwan OR "hong kong"').positive_terms()
    assert terms == set(word("taiwan")) | set(phrase("hong kong"))


# --- match all and errors ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", None, '""'])
def test_empty_query_matches_all(text):
    parsed = parse_query(text)
    assert parsed.is_match_all
    assert parsed == Query()


@pytest.mark.parametrize("text", ["yang", "yang dan di", '"yang"', "-yang", "the of and"])
def test_stop_word_only_query_is_an_error(text):
    with pytest.raises(QueryError, match="stop words"):
        parse_query(text)


def test_stop_word_error_suggests_a_fix_and_quotes_the_query():
    with pytest.raises(QueryError) as info:
        parse_query("yang dan")
    assert "'yang dan'" in str(info.value)
    assert "more specific word" in str(info.value)


@pytest.mark.parametrize("text", [")(*&^%", "!!! ???", "..."])
def test_punctuation_only_query_is_an_error(text):
    with pytest.raises(QueryError, match="punctuation"):
        parse_query(text)


def test_overlong_query_is_an_error_naming_the_limit():
    with pytest.raises(QueryError, match=str(MAX_QUERY_LENGTH)):
        parse_query("pekerja " * (MAX_QUERY_LENGTH // 8 + 1))


def test_query_at_the_length_limit_is_accepted():
    parse_query("a" * MAX_QUERY_LENGTH)


def test_too_many_terms_is_an_error():
    words = " ".join(f"kata{i}" for i in range(MAX_CLAUSES + 1))
    with pytest.raises(QueryError, match="too many"):
        parse_query(words)


def test_repeated_or_branches_are_deduplicated():
    assert parse_query("taiwan OR taiwan").groups == ((word("taiwan"),),)


# --- hostile input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        '"AND (',
        ")(*&^%",
        '"unbalanced',
        'unbalanced"',
        '""""',
        "NEAR(pekerja migran, 5)",
        "title_terms:pekerja",
        "col:word",
        "^pekerja",
        "pekerja*",
        "* OR *",
        "AND OR NOT",
        "NOT NOT pekerja",
        "-",
        "--pekerja",
        "{pekerja migran}",
        "pekerja + migran",
        "\x00pekerja\x00",
        "pek\u200berja",
        "'; DROP TABLE articles; --",
    ],
)
def test_hostile_input_parses_or_raises_query_error(text):
    try:
        parsed = parse_query(text)
    except QueryError:
        return
    for group in parsed.groups:
        for clause in group:
            assert clause
            for found in clause:
                assert found.isalnum()


def test_fts_operator_words_are_plain_terms():
    parsed = parse_query("NEAR(pekerja migran)")
    assert all(found.isalnum() for found in parsed.positive_terms())
    assert word("pekerja")[0] in parsed.positive_terms()


@settings(max_examples=500)
@given(st.text(max_size=200))
def test_any_unicode_text_parses_or_raises_query_error(text):
    try:
        parsed = parse_query(text)
    except QueryError:
        return
    assert isinstance(parsed, Query)


_OPERATORISH = st.text(alphabet=list("abc -\"()*^:+ORNTAD'’_0é"), max_size=60)


@settings(max_examples=500)
@given(_OPERATORISH)
def test_operator_heavy_text_parses_or_raises_query_error(text):
    try:
        parsed = parse_query(text)
    except QueryError:
        return
    assert all(clause for group in parsed.groups for clause in group)
    assert all(clause for clause in parsed.excluded)
