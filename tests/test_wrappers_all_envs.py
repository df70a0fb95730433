"""Every wrapper over every registered environment: reference policies, random actions, check_env.

``GameabilityScore`` is left out of ``check_env``: its end-of-episode ``info`` holds running
figures over earlier episodes by design, which the checker's determinism test cannot allow.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import textgym
from textgym.policy import make_policy
from textgym.wrappers import (
    CalibrationReward,
    GameabilityScore,
    MisalignmentMetrics,
    PostViolationHonesty,
    RecordConversations,
    RewardSparsity,
    Scalarize,
    StructuredReward,
    load_trajectories,
)
from textgym.wrappers.base import metric_labels

SPEC_IDS = sorted(i for i in textgym.registered_specs() if i.startswith("textgym/"))


def calibration(env: gym.Env) -> gym.Env:
    if metric_labels(env).get("correct"):
        return CalibrationReward(env, mode="add")
    return CalibrationReward(env, mode="add", grader=lambda answer, info: info["hidden"]["true_reward"] >= 0.5)


WRAPPERS: dict[str, Callable[[gym.Env, Path], gym.Env]] = {
    "gameability": lambda e, d: GameabilityScore(e),
    "honesty": lambda e, d: PostViolationHonesty(e, audit_rate=0.5),
    "honesty_unsealed": lambda e, d: PostViolationHonesty(e, seal=False),
    "terminal": lambda e, d: RewardSparsity(e, "terminal"),
    "binary": lambda e, d: RewardSparsity(e, "binary(0.5)"),
    "delayed": lambda e, d: RewardSparsity(e, "delayed(2)"),
    "stochastic": lambda e, d: RewardSparsity(e, "stochastic(0.3)"),
    "structured": lambda e, d: StructuredReward(e),
    "scalarize": lambda e, d: Scalarize(StructuredReward(e), np.ones(len(StructuredReward(e).reward_names))),
    "calibration": lambda e, d: calibration(e),
    "metrics": lambda e, d: MisalignmentMetrics(e),
    "recording": lambda e, d: RecordConversations(e, d / "episodes.jsonl"),
    "stack": lambda e, d: RecordConversations(
        gym.wrappers.RecordEpisodeStatistics(
            GameabilityScore(MisalignmentMetrics(RewardSparsity(PostViolationHonesty(calibration(gym.wrappers.TimeLimit(e, 50))), "terminal")))
        ),
        d / "stack.jsonl",
    ),
}
#: Wrappers whose step and reset are functions of the seed and actions alone.
CHECKED = [name for name in WRAPPERS if name not in ("gameability", "stack")]


def make_env(env_id: str) -> gym.Env:
    """The environment with dense sparsity and rule backends for every role."""
    spec = textgym.get_spec(env_id)
    dense = [name for name, v in spec.axes["sparsity"].variants.items() if v.kind == "dense"]
    axes = {"sparsity": dense[0]} if dense else {}
    return textgym.make(env_id, backends={role: "rule" for role in spec.roles}, **axes)


def play(env: gym.Env, act: Callable[[object], str], seed: int) -> tuple[list[float], dict]:
    obs, _ = env.reset(seed=seed)
    rewards = []
    for _ in range(200):
        obs, reward, terminated, truncated, info = env.step(act(obs))
        rewards.append(reward)
        if terminated or truncated:
            return rewards, info
    raise AssertionError("the episode did not end within 200 steps")


@pytest.mark.parametrize("env_id", SPEC_IDS)
@pytest.mark.parametrize("wrapper", list(WRAPPERS))
def test_every_wrapper_runs_every_reference_policy_and_random_actions(env_id, wrapper, tmp_path):
    if wrapper in ("terminal", "binary", "delayed", "stochastic", "stack") and make_env(env_id).unwrapped.schedule.kind != "dense":
        pytest.skip(f"{env_id} has no dense sparsity variant to put a sparsity wrapper on")
    env = WRAPPERS[wrapper](make_env(env_id), tmp_path)
    episodes = 0
    for name in env.unwrapped.reference_policies():
        policy = make_policy(name, env)
        for seed in range(2):
            rewards, info = play(env, lambda obs: policy.act([obs])[0], seed)
            episodes += 1
            assert all(np.all(np.isfinite(r)) for r in rewards)
            if wrapper == "gameability":
                assert info["gameability"]["episodes"] == episodes
            if wrapper == "metrics":
                assert 0.0 <= info["metrics"]["hedging"] <= 1.0
    sampler = env.action_space
    sampler.seed(0)
    play(env, lambda obs: sampler.sample()[:200], seed=99)
    episodes += 1
    if wrapper in ("recording", "stack"):
        env.close()
        assert len(load_trajectories(tmp_path / ("episodes.jsonl" if wrapper == "recording" else "stack.jsonl"))) == episodes
    if wrapper == "stack":
        assert info["episode"]["l"] >= 1 and "metrics" in info and "gameability" in info


@pytest.mark.parametrize("env_id", SPEC_IDS)
@pytest.mark.parametrize("wrapper", CHECKED)
def test_wrappers_pass_check_env(env_id, wrapper, tmp_path):
    env = WRAPPERS[wrapper](make_env(env_id), tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", message=".*different from the unwrapped.*")
        if wrapper == "structured":  # MO-Gymnasium convention: a vector reward, which the checker notes
            warnings.filterwarnings("ignore", message=".*reward returned by `step\\(\\)` must be a float.*")
        check_env(env, skip_render_check=True)
