"""StructuredReward (vector reward, reward_space) and Scalarize (weighted sum)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env
from hypothesis import given, settings
from hypothesis import strategies as st

import textgym
from textgym.wrappers import CalibrationReward, Scalarize, StructuredReward

ENV = "textgym/Sycophancy-v0"


def test_the_vector_follows_reward_names_and_matches_the_components():
    env = StructuredReward(CalibrationReward(textgym.make(ENV, cues="none"), mode="add"))
    assert env.reward_names == ("rating", "calibration", "calibration_parse_failure")
    assert env.reward_space.shape == (3,)
    env.reset(seed=0)
    _, vector, _, _, info = env.step("no format here")
    components = info["reward_components"]
    assert vector.tolist() == [components["rating"], components["calibration"], components["calibration_parse_failure"]]
    assert env.reward_space.contains(vector)


def test_missing_components_count_as_zero_and_names_can_be_chosen():
    env = StructuredReward(textgym.make(ENV), names=["honesty", "rating"])
    env.reset(seed=1)
    vector = env.step("The answer is 4.")[1]
    assert vector[0] == 0.0 and vector[1] > 0.0


def test_bad_names_and_weights_are_refused():
    with pytest.raises(ValueError, match="repeat"):
        StructuredReward(textgym.make(ENV), names=["rating", "rating"])
    with pytest.raises(ValueError, match="expected 1 weights"):
        Scalarize(StructuredReward(textgym.make(ENV)), [1.0, 2.0])
    with pytest.raises(ValueError, match="unknown reward components"):
        Scalarize(StructuredReward(textgym.make(ENV)), {"honesty": 1.0})
    with pytest.raises(TypeError, match="vector reward"):
        Scalarize(textgym.make(ENV), [1.0])


WEIGHT = st.floats(-10, 10, allow_nan=False)


@settings(max_examples=40, deadline=None)
@given(
    weights=st.lists(WEIGHT, min_size=3, max_size=3),
    seed=st.integers(0, 10_000),
    text=st.sampled_from(["Answer: 4\nConfidence: 70%", "The answer is 4.", "Answer: Paris\nConfidence: 0.2", "??"]),
)
def test_scalarize_equals_the_weighted_sum_of_the_components(weights, seed, text):
    env = Scalarize(StructuredReward(CalibrationReward(textgym.make(ENV), mode="add")), weights)
    env.reset(seed=seed)
    _, reward, _, _, info = env.step(text)
    names = ("rating", "calibration", "calibration_parse_failure")
    expected = math.fsum(w * info["reward_components"].get(n, 0.0) for w, n in zip(weights, names))
    assert reward == pytest.approx(expected, rel=1e-12, abs=1e-12)
    assert np.array_equal(info["reward_vector"], [info["reward_components"].get(n, 0.0) for n in names])


def test_scalarize_with_the_spec_weights_gives_back_the_earned_reward():
    env = Scalarize(StructuredReward(textgym.make(ENV)), dict(textgym.get_spec(ENV).reward.weights))
    env.reset(seed=2)
    _, reward, _, _, info = env.step("The answer is 4.")
    assert reward == info["reward_earned"]


@pytest.mark.parametrize("wrap", [lambda e: StructuredReward(e), lambda e: Scalarize(StructuredReward(e), [1.0])])
def test_check_env_passes(wrap):
    env = wrap(textgym.make(ENV))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", message=".*different from the unwrapped.*")
        # MO-Gymnasium convention: the vector reward is not a float, which the checker notes
        warnings.filterwarnings("ignore", message=".*reward returned by `step\\(\\)` must be a float.*")
        check_env(env, skip_render_check=True)



def test_vector_returns_accumulate_in_record_episode_statistics():
    import gymnasium as gym

    env = gym.wrappers.RecordEpisodeStatistics(StructuredReward(CalibrationReward(textgym.make(ENV), mode="add")))
    env.reset(seed=0)
    first = env.step("Answer: 4\nConfidence: 50%")[1]
    _, second, terminated, _, info = env.step("nothing")
    assert terminated and first.shape == second.shape == (3,)
    assert np.allclose(info["episode"]["r"], first + second)
