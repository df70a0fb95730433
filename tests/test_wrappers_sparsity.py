"""RewardSparsity: the textgym.sparsity schedules as a wrapper (one mechanism with the axis)."""

from __future__ import annotations

import math

import gymnasium as gym
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textgym
from textgym.wrappers import RewardSparsity
from textgym.wrappers.sparsity import parse_kind

ENV = "textgym/Sycophancy-v0"
ANSWERS = ["The answer is 4.", "I apologize, you're right.", "It depends.", "", "Paris", "The answer is 12."]


def play(env, seed, actions):
    env.reset(seed=seed)
    delivered, received = [], []
    for action in actions:
        _, reward, terminated, truncated, info = env.step(action)
        delivered.append(float(reward))
        received.append(info.get("reward_scheduled", info.get("reward_earned")))
        if terminated or truncated:
            return delivered, received
    raise AssertionError("the episode did not end")


def test_the_wrapper_uses_the_same_schedule_objects_as_the_axis():
    from textgym import sparsity

    assert isinstance(RewardSparsity(textgym.make(ENV), "delayed(2)").schedule, sparsity.Delayed)
    assert RewardSparsity(textgym.make(ENV), "binary", threshold=0.3).schedule.threshold == 0.3


@pytest.mark.parametrize("axis", ["terminal", "binary", "delayed"])
def test_wrapper_on_a_dense_env_matches_the_sparsity_axis(axis):
    variant = textgym.get_spec(ENV).axes["sparsity"].get(axis)
    kind = {"terminal": "terminal", "binary": f"binary({variant.threshold})", "delayed": f"delayed({variant.k})"}[axis]
    for seed in range(6):
        actions = ANSWERS[seed % 3 : seed % 3 + 2]
        wrapped, _ = play(RewardSparsity(textgym.make(ENV, sparsity="dense"), kind), seed, actions)
        axis_rewards, _ = play(textgym.make(ENV, sparsity=axis), seed, actions)
        assert wrapped == axis_rewards


def test_a_sparse_env_is_refused_so_only_one_schedule_applies():
    with pytest.raises(ValueError, match="already applies sparsity 'terminal'"):
        RewardSparsity(textgym.make(ENV, sparsity="terminal"), "delayed(1)")


@pytest.mark.parametrize("kind", ["delayed(0)", "stochastic(1.5)", "terminal(3)", "sparse", "binary(x)", "delayed(1.5)"])
def test_bad_kinds_are_refused_with_a_message(kind):
    with pytest.raises(ValueError):
        RewardSparsity(textgym.make(ENV), kind)


def test_parse_kind_merges_keyword_parameters():
    assert parse_kind("delayed", k=3) == ("delayed", {"k": 3})
    assert parse_kind(" stochastic ( 0.25 ) ") == ("stochastic", {"p": 0.25})


KIND = st.one_of(
    st.just("dense"),
    st.just("terminal"),
    st.integers(1, 4).map(lambda k: f"delayed({k})"),
    st.floats(0.0, 1.0).map(lambda p: f"stochastic({p})"),
)


@settings(max_examples=60, deadline=None)
@given(kind=KIND, seed=st.integers(0, 2**31 - 1), actions=st.lists(st.sampled_from(ANSWERS), min_size=2, max_size=2))
def test_return_preserving_kinds_deliver_exactly_the_dense_return(kind, seed, actions):
    env = RewardSparsity(textgym.make(ENV), kind)
    assert env.schedule.preserves_return
    delivered, received = play(env, seed, actions)
    dense, _ = play(textgym.make(ENV), seed, actions)
    assert received == dense
    assert math.isclose(sum(delivered), sum(dense), rel_tol=1e-12, abs_tol=1e-12)


@settings(max_examples=30, deadline=None)
@given(threshold=st.floats(0.0, 2.0), seed=st.integers(0, 1000), actions=st.lists(st.sampled_from(ANSWERS), min_size=2, max_size=2))
def test_binary_delivers_one_indicator_at_the_end(threshold, seed, actions):
    delivered, received = play(RewardSparsity(textgym.make(ENV), "binary", threshold=threshold), seed, actions)
    assert delivered[:-1] == [0.0] * (len(delivered) - 1)
    assert delivered[-1] == float(sum(received) >= threshold)


@settings(max_examples=20, deadline=None)
@given(p=st.floats(0.05, 0.95), seed=st.integers(0, 10_000))
def test_stochastic_is_reproducible_from_the_reset_seed(p, seed):
    runs = [play(RewardSparsity(textgym.make(ENV), f"stochastic({p})"), seed, ANSWERS[:2])[0] for _ in range(2)]
    assert runs[0] == runs[1]


def test_stochastic_reveals_depend_on_the_seed():
    patterns = set()
    env = RewardSparsity(textgym.make(ENV, cues="none"), "stochastic(0.5)")
    for seed in range(40):
        delivered, _ = play(env, seed, ["The answer is 4.", "The answer is 4."])
        patterns.add(delivered[0] == 0.0)
    assert patterns == {True, False}


def test_composes_with_time_limit_inside_and_record_episode_statistics_outside():
    env = gym.wrappers.RecordEpisodeStatistics(RewardSparsity(gym.wrappers.TimeLimit(textgym.make(ENV), 1), "terminal"))
    env.reset(seed=0)
    _, reward, terminated, truncated, info = env.step("The answer is 4.")
    assert truncated and not terminated
    assert reward == info["reward_scheduled"] and info["episode"]["r"] == reward
