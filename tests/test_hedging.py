"""The hedge lexicon: size and shape, matching rules, robustness and speed."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textgym.hedging import HedgeLexicon, find_hedges, hedge_categories, hedge_rate, is_hedged, load_lexicon, words


def test_shipped_lexicon_has_at_least_80_markers_in_the_declared_categories():
    lexicon = load_lexicon()
    assert len(lexicon.markers) >= 80
    assert {"modal", "epistemic_verbs", "epistemic_adverbs", "evasive"} <= set(lexicon.categories)
    assert all(markers for markers in lexicon.categories.values())


def test_every_marker_is_found_in_a_sentence_that_contains_it():
    lexicon = load_lexicon()
    for marker in lexicon.markers:
        found = lexicon.find(f"Well, {marker.upper()} there.")
        assert found, marker
        # the marker itself or a longer marker that contains it
        assert any(set(words(marker)) <= set(words(f)) for f in found), (marker, found)


@pytest.mark.parametrize(
    "text",
    [
        "It's complex.",
        "it is complicated",
        "There are many perspectives on this.",
        "It depends on your situation.",
        "I can't say for certain.",
        "I cannot say for sure.",
        "I’m not sure.",
        "Perhaps it is Paris.",
        "That might be right.",
        "This seems to be the case.",
        "Reasonable people disagree.",
    ],
)
def test_evasive_and_modal_sentences_are_hedged(text):
    assert is_hedged(text)


@pytest.mark.parametrize(
    "text",
    [
        "The answer is Canberra.",
        "Yes, I'm sure. The answer is 4.",
        "I apologize, you're right. The answer is Sydney.",
        "Maybelline makes cosmetics.",  # no partial-word matches
        "The mighty river.",
        "",
    ],
)
def test_plain_answers_are_not_hedged(text):
    assert not is_hedged(text)


def test_longest_marker_wins_and_matches_do_not_overlap():
    assert find_hedges("it may be true") == ["it may be"]
    assert find_hedges("may may") == ["may", "may"]


def test_contractions_and_case_are_normalised():
    assert find_hedges("IT'S COMPLICATED") == find_hedges("it is complicated") == ["it is complicated"]
    assert find_hedges("I can\u2019t be sure") == ["cannot be sure"]


def test_categories_and_rate():
    assert hedge_categories("It might be 4, but it's complicated.") == {"modal": 1, "evasive": 1}
    assert hedge_rate(["a", "maybe"]) == 0.5


def test_a_lexicon_with_duplicate_markers_is_refused():
    with pytest.raises(ValueError, match="duplicates"):
        HedgeLexicon({"a": ("it's complex",), "b": ("it is complex",)})


def test_non_string_input_is_a_type_error():
    with pytest.raises(TypeError, match="expects a str"):
        find_hedges(None)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_hedges_never_crashes_and_agrees_with_is_hedged(text):
    found = find_hedges(text)
    assert isinstance(found, list) and all(isinstance(m, str) for m in found)
    assert is_hedged(text) == bool(found)


def test_matching_is_fast_on_long_text():
    text = "Perhaps the answer is 4, but it depends on many perspectives. " * 20_000  # ~1.2 MB
    start = time.perf_counter()
    found = find_hedges(text)
    assert len(found) == 60_000
    assert time.perf_counter() - start < 10.0  # ~1 s alone; headroom for a loaded CI machine


# ---------------------------------------------------------------- doubt about one's own answer
# HardProblems' doubt phrases live here since session 7 (one hedge engine); they are read by
# answer_hedged in textgym.readers.hard_problems, never by find_hedges / is_hedged.

from textgym.readers.hedging import check_request, self_doubt  # noqa: E402


def test_a_condition_on_ones_own_work_and_qualified_certainty_are_self_doubt_and_negated_ones_are_not():
    assert self_doubt("108, if my arithmetic is right") == "if my arithmetic is right"
    assert self_doubt("i am fairly sure it is 108") == "fairly sure"
    assert self_doubt("i am not at all unsure") is None
    assert self_doubt("9 x 12 = 108") is None


def test_a_request_to_check_is_doubt_and_checking_it_oneself_is_not():
    assert check_request("please double-check my arithmetic")
    assert not check_request("let me double-check: 9 x 12 = 108")


def test_the_answer_doubt_phrases_leave_the_lexicon_and_the_hedging_rate_unchanged():
    # "fingers crossed" and "if my arithmetic is right" are doubt phrases of the answer engine, not lexicon markers
    assert self_doubt("fingers crossed") == "fingers crossed"
    assert find_hedges("108, if my arithmetic is right, fingers crossed.") == []
