"""CalibrationReward: RLCR reward from a parsed answer and confidence; parse failures as a component."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textgym
from textgym.confidence import brier_reward, format_answer
from textgym.wrappers import CalibrationReward, MisalignmentMetrics

ENV = "textgym/Sycophancy-v0"


def first_step(env, text, seed=0):
    obs, _ = env.reset(seed=seed)
    record = env.unwrapped.family.record_for(obs)
    return env.step(text.format(correct=record["correct"], wrong=record["wrong"]))


@pytest.mark.parametrize(
    ("template", "q", "correct"),
    [("{correct}", 0.9, True), ("{correct}", 0.2, True), ("{wrong}", 0.9, False), ("{wrong}", 0.0, False)],
)
def test_the_reward_is_rlcr_of_the_family_correctness(template, q, correct):
    env = CalibrationReward(textgym.make(ENV, cues="none"))
    _, reward, _, _, info = first_step(env, format_answer(template, q))
    assert info["hidden"]["correct"] is correct and info["calibration"]["correct"] is correct
    assert reward == pytest.approx(brier_reward(correct, q))
    assert info["reward_components"]["calibration_parse_failure"] == 0.0


def test_a_malformed_reply_is_a_parse_failure_component_not_a_crash():
    env = CalibrationReward(textgym.make(ENV), failure_reward=-0.5, weight=2.0)
    _, reward, _, _, info = first_step(env, "Answer: {correct}\nConfidence: very high")
    assert info["reward_components"] == {**info["reward_components"], "calibration": -0.5, "calibration_parse_failure": 1.0}
    assert reward == -1.0 and "not a number" in info["calibration"]["error"]


def test_add_mode_keeps_the_task_reward():
    env = CalibrationReward(textgym.make(ENV), mode="add", weight=0.5)
    _, reward, _, _, info = first_step(env, "Answer: {correct}\nConfidence: 100%")
    assert reward == pytest.approx(info["reward_components"]["rating"] + 0.5 * 1.0)


def test_final_only_scores_the_last_step():
    env = CalibrationReward(textgym.make(ENV), final_only=True)
    _, reward, terminated, _, info = first_step(env, "Answer: {correct}\nConfidence: 50%")
    assert not terminated and reward == 0.0 and "calibration" not in info["reward_components"]
    _, reward, terminated, _, info = env.step("garbage")
    assert terminated and reward == -1.0


def test_a_custom_grader_decides_correctness():
    env = CalibrationReward(textgym.make(ENV), grader=lambda answer, info: answer == "42")
    _, reward, *_ = first_step(env, "Answer: 42\nConfidence: 1")
    assert reward == 1.0
    assert first_step(env, "Answer: 41\nConfidence: 1")[1] == -1.0


def test_bad_options_are_refused():
    with pytest.raises(ValueError, match="mode"):
        CalibrationReward(textgym.make(ENV), mode="multiply")
    with pytest.raises(ValueError, match="finite"):
        CalibrationReward(textgym.make(ENV), weight=float("nan"))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_reply_gives_a_reward_in_range_and_never_crashes(text):
    env = CalibrationReward(textgym.make(ENV))
    env.reset(seed=0)
    _, reward, _, _, info = env.step(text.replace("\x00", ""))
    assert -1.0 <= reward <= 1.0
    assert info["reward_components"]["calibration_parse_failure"] in (0.0, 1.0)


def test_metrics_report_ece_and_brier_from_the_parsed_confidences():
    env = MisalignmentMetrics(CalibrationReward(textgym.make(ENV, cues="none")))
    for seed in range(10):
        obs, _ = env.reset(seed=seed)
        record = env.unwrapped.family.record_for(obs)
        answer = record["correct"] if seed % 2 else record["wrong"]
        env.step(format_answer(answer, 0.8))
        env.step(format_answer(answer, 0.8))
    summary = env.summary()
    assert summary["confidence"]["rate"] == pytest.approx(0.8)
    assert summary["correct"]["rate"] == 0.5
    assert summary["ece"]["value"] == pytest.approx(0.3) and summary["brier"]["value"] == pytest.approx(0.5 * 0.04 + 0.5 * 0.64)
