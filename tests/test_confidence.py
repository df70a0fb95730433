"""The verbalised answer + confidence format: what is read, what is refused, round trips with
format_answer, the RLCR reward, and that no string makes the parser raise."""

from __future__ import annotations

import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textgym.confidence import ParsedConfidence, brier_reward, clean_answer, format_answer, parse_answer_confidence

SETTINGS = settings(max_examples=200, deadline=None)


@pytest.mark.parametrize(
    ("text", "answer", "confidence"),
    [
        ("Answer: Canberra\nConfidence: 85%", "Canberra", 0.85),
        ("answer: Canberra\nconfidence: 0.85", "Canberra", 0.85),
        ("Answer: Canberra\nConfidence: 85", "Canberra", 0.85),
        ("Answer: Canberra\nConfidence: 85 percent", "Canberra", 0.85),
        ("Answer: Canberra\nConfidence: 8.5/10", "Canberra", 0.85),
        ("Answer: Canberra\nConfidence: 85/100", "Canberra", 0.85),
        ("Answer: Canberra\nConfidence: .85", "Canberra", 0.85),
        ("Answer: Canberra\nConfidence: 1", "Canberra", 1.0),
        ("Answer: Canberra\nConfidence: 1%", "Canberra", 0.01),
        ("Answer: Canberra\nConfidence: 0", "Canberra", 0.0),
        ("Answer: Canberra\nConfidence: 100%", "Canberra", 1.0),
        ("**Answer:** Canberra\n**Confidence:** 60%", "Canberra", 0.6),
        ("**Answer**: Canberra\n- Confidence level: 60% (fairly sure)", "Canberra", 0.6),
        ("Let me think.\nFinal Answer: Canberra\nConfidence\uff1a 60%", "Canberra", 0.6),
        ("Answer: Canberra Confidence: 70%", "Canberra", 0.7),
        ("Answer: Sydney\nAnswer: Canberra\nConfidence: 10%\nConfidence: 70%", "Canberra", 0.7),
        ("\u200bAnswer:\u200b Can\u200dberra\r\nConfidence: 7\u200b0%", "Canberra", 0.7),
        ("# Answer: the  Treaty\tof Versailles\nConfidence: 55.5%", "the Treaty of Versailles", 0.555),
    ],
)
def test_documented_forms_are_read(text: str, answer: str, confidence: float) -> None:
    parsed = parse_answer_confidence(text)
    assert parsed.error is None, parsed.error
    assert parsed.answer == answer
    assert parsed.confidence == pytest.approx(confidence)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("Canberra, 85%", "no 'Answer:' line"),
        ("I think the answer: Canberra\nConfidence: 85%", "no 'Answer:' line"),
        ("Answer: Canberra", "no 'Confidence:' line"),
        ("Answer:   **  \nConfidence: 85%", "'Answer:' line is empty"),
        ("Answer: Canberra\nConfidence:", "has no value"),
        ("Answer: Canberra\nConfidence: high", "not a number"),
        ("Answer: Canberra\nConfidence: 80-90%", "more than one number"),
        ("Answer: Canberra\nConfidence: 0.8 to 0.9", "more than one number"),
        ("Answer: Canberra\nConfidence: 0,8", "more than one number"),
        ("Answer: Canberra\nConfidence: -5%", "sign"),
        ("Answer: Canberra\nConfidence: 150%", "above 100%"),
        ("Answer: Canberra\nConfidence: 250", "above 100"),
        ("Answer: Canberra\nConfidence: 12/10", "above 1"),
        ("Answer: Canberra\nConfidence: \u0668\u0665%", "not a number"),  # Arabic-Indic digits are not ASCII
    ],
)
def test_malformed_replies_are_explained_not_read(text: str, fragment: str) -> None:
    parsed = parse_answer_confidence(text)
    assert parsed.error is not None and fragment in parsed.error
    assert not parsed.ok


def test_answer_without_confidence_keeps_the_answer() -> None:
    parsed = parse_answer_confidence("Answer: Canberra")
    assert parsed == ParsedConfidence("Canberra", None, "no 'Confidence:' line")


def test_non_string_input_is_an_error_not_an_exception() -> None:
    parsed = parse_answer_confidence(None)  # type: ignore[arg-type]
    assert parsed.error is not None and "str" in parsed.error


HOSTILE = st.one_of(
    st.text(),
    st.lists(st.sampled_from(["Answer:", "Confidence:", "\x00", "\u202e", "\u200b", "😀", "%", "9", ".", "/", "10", "\n", "**", " "])).map("".join),
)


@SETTINGS
@given(HOSTILE)
def test_parser_never_raises_and_confidence_is_a_probability(text: str) -> None:
    parsed = parse_answer_confidence(text)
    assert isinstance(parsed, ParsedConfidence)
    assert parsed.confidence is None or (math.isfinite(parsed.confidence) and 0.0 <= parsed.confidence <= 1.0)
    assert parsed.answer is None or (parsed.answer and "\n" not in parsed.answer)
    assert (parsed.error is None) == (parsed.answer is not None and parsed.confidence is not None)


def test_huge_hostile_replies_parse_quickly() -> None:
    texts = ["x" * 100_000, "\u202e" * 50_000 + "😀" * 1_000, "Answer: " + "9" * 100_000 + "\nConfidence: " + "9" * 100_000, "\n" * 100_000]
    start = time.perf_counter()
    for text in texts:
        parse_answer_confidence(text)
    assert time.perf_counter() - start < 1.0


@SETTINGS
@given(st.text(min_size=1, max_size=80), st.floats(min_value=0.0, max_value=1.0))
def test_format_answer_round_trips_through_the_parser(answer: str, confidence: float) -> None:
    try:
        text = format_answer(answer, confidence)
    except ValueError:
        assert not clean_answer(answer) or "confidence" in clean_answer(answer).lower()
        return
    parsed = parse_answer_confidence(text)
    assert parsed.error is None, (text, parsed.error)
    assert parsed.answer == clean_answer(answer)
    assert parsed.confidence == pytest.approx(confidence, abs=0.0005 + 1e-12)


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), float("inf"), True])
def test_format_answer_refuses_a_confidence_outside_unit_interval(bad: float) -> None:
    with pytest.raises(ValueError, match="probability in"):
        format_answer("Canberra", bad)


def test_format_answer_refuses_answers_the_format_cannot_carry() -> None:
    with pytest.raises(ValueError, match="empty"):
        format_answer("  ** ", 0.5)
    with pytest.raises(ValueError, match="Confidence"):
        format_answer("Paris Confidence: 90%", 0.5)


@SETTINGS
@given(st.booleans(), st.floats(min_value=0.0, max_value=1.0))
def test_brier_reward_is_rlcr_and_bounded(correct: bool, confidence: float) -> None:
    c = 1.0 if correct else 0.0
    reward = brier_reward(correct, confidence)
    assert reward == pytest.approx(c - (confidence - c) ** 2)
    assert -1.0 <= reward <= 1.0


def test_brier_reward_prefers_calibrated_confidence() -> None:
    # With accuracy p, the expected reward p·R(1, q) + (1-p)·R(0, q) peaks at q = p.
    p = 0.7
    grid = [i / 100 for i in range(101)]
    best = max(grid, key=lambda q: p * brier_reward(True, q) + (1 - p) * brier_reward(False, q))
    assert best == pytest.approx(p)


@pytest.mark.parametrize("bad", [-0.01, 1.01, float("nan")])
def test_brier_reward_refuses_a_confidence_outside_unit_interval(bad: float) -> None:
    with pytest.raises(ValueError, match="probability in"):
        brier_reward(True, bad)
