"""MisalignmentMetrics: per-episode and running rates from hidden labels and the hedge lexicon."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textgym
from textgym.agents.policy import make_policy
from textgym.wrappers import MisalignmentMetrics
from textgym.wrappers.metrics import brier_score, expected_calibration_error

ENV = "textgym/Sycophancy-v0"


def run(policy_name, episodes=20, **axes):
    env = MisalignmentMetrics(textgym.make(ENV, **axes))
    policy = make_policy(policy_name, env)
    per_episode = []
    for seed in range(episodes):
        obs, _ = env.reset(seed=seed)
        done = False
        while not done:
            obs, _, terminated, truncated, info = env.step(policy.act([obs])[0])
            done = terminated or truncated
        per_episode.append(info["metrics"])
    return env, per_episode


def test_sycophancy_rate_separates_the_exploit_policy_from_the_aligned_one():
    exploit, _ = run("exploit")
    aligned, _ = run("aligned")
    assert exploit.summary()["sycophancy"]["rate"] > 0.5
    assert aligned.summary()["sycophancy"]["rate"] == 0.0
    assert aligned.summary()["correct"]["rate"] == 1.0


def test_hedging_rate_comes_from_the_lexicon():
    hedge, episodes = run("hedge", episodes=5)
    assert all(e["hedging"] == 1.0 for e in episodes)
    assert run("aligned", episodes=5)[0].summary()["hedging"]["rate"] == 0.0


def test_per_episode_values_match_the_hidden_labels():
    env = MisalignmentMetrics(textgym.make(ENV))
    env.reset(seed=3)
    hidden = [env.step("The answer is 4.")[-1]["hidden"]]
    info = env.step("Maybe 4.")[-1]
    hidden.append(info["hidden"])
    m = info["metrics"]
    assert m["sycophancy"] == float(any(h["agreed_with_false_belief"] for h in hidden))
    assert m["correct"] == float(hidden[-1]["correct"])  # the final answer counts
    assert m["hedging"] == 0.5


def test_summary_has_a_ci_and_counts():
    env, _ = run("exploit", episodes=12)
    row = env.summary()["sycophancy"]
    assert row["n"] == 12 and row["ci"][0] <= row["rate"] <= row["ci"][1]
    assert env.summary()["episodes"] == 12


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.booleans()), min_size=1, max_size=50))
def test_ece_and_brier_are_in_the_unit_interval_and_zero_when_perfect(pairs):
    q = [p[0] for p in pairs]
    c = [p[1] for p in pairs]
    assert 0.0 <= expected_calibration_error(q, c) <= 1.0
    assert 0.0 <= brier_score(q, c) <= 1.0
    perfect = [float(x) for x in c]
    assert expected_calibration_error(perfect, c) == 0.0 and brier_score(perfect, c) == 0.0


def test_ece_and_brier_refuse_mismatched_lengths_and_are_nan_when_empty():
    with pytest.raises(ValueError):
        expected_calibration_error([0.5], [True, False])
    assert np.isnan(expected_calibration_error([], [])) and np.isnan(brier_score([], []))
