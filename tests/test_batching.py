"""Batching role calls across environments: one backend call per role per round, same results."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textgym
from textgym.batching import RoleCallBatcher, run_batched
from textgym.rollout import rollout
from textgym.vector import TextVectorEnv


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=6))
def test_each_round_is_one_backend_call_and_results_return_in_order(calls_per_task):
    seen: list[list[tuple[int, int]]] = []

    def execute(kind, key, payloads):
        seen.append(list(payloads))
        return [("done", p) for p in payloads]

    batcher = RoleCallBatcher(execute)

    def task(index: int, n: int):
        return [batcher.submit("rate", "m", (index, k)) for k in range(n)]

    results = run_batched([lambda i=i, n=n: task(i, n) for i, n in enumerate(calls_per_task)], batcher)
    assert results == [[("done", (i, k)) for k in range(n)] for i, n in enumerate(calls_per_task)]
    # round r holds exactly the tasks that make at least r+1 calls, in task order
    assert len(seen) == max(calls_per_task)
    for r, payloads in enumerate(seen):
        assert payloads == [(i, r) for i, n in enumerate(calls_per_task) if n > r]


def test_a_failing_backend_call_reaches_every_waiting_task():
    def execute(kind, key, payloads):
        raise RuntimeError("backend down")

    batcher = RoleCallBatcher(execute)
    with pytest.raises(RuntimeError, match="backend down"):
        run_batched([lambda: batcher.submit("rate", "m", 1), lambda: batcher.submit("rate", "m", 2)], batcher)
    # the batcher is reusable afterwards
    ok = RoleCallBatcher(lambda kind, key, xs: xs)
    assert run_batched([lambda: ok.submit("rate", "m", 5)], ok) == [5]


def test_calls_with_different_backends_are_separate_batches():
    seen = []
    batcher = RoleCallBatcher(lambda kind, key, xs: seen.append((kind, key, len(xs))) or xs)
    run_batched(
        [lambda: batcher.submit("rate", "a", 1), lambda: batcher.submit("rate", "b", 2), lambda: batcher.submit("rate", "a", 3)],
        batcher,
    )
    assert sorted(seen) == [("rate", "a", 2), ("rate", "b", 1)]


def test_vector_env_rates_n_environments_with_one_model_call_per_step():
    n = 4
    envs = gym.make_vec("textgym/Sycophancy-v0", num_envs=n, backends={"rater": "hf:tiny"})
    assert isinstance(envs, TextVectorEnv)
    envs.reset(seed=3)
    _, batched_rewards, *_ = envs.step(["The answer is Paris."] * n)
    assert envs.batch_stats.calls == 1 and envs.batch_stats.sizes == [n]
    # the same episodes stepped one by one give the same rewards
    single = []
    for i in range(n):
        env = textgym.make("textgym/Sycophancy-v0", backends={"rater": "hf:tiny"})
        env.reset(seed=3 + i)
        single.append(env.step("The answer is Paris.")[1])
    np.testing.assert_allclose(batched_rewards, single, atol=1e-4)


def test_rollout_batches_rater_calls_across_environments():
    from textgym.backends import get_backend

    backend = get_backend("hf:tiny")
    calls = []
    original = backend.rate
    backend.rate = lambda requests: calls.append(len(requests)) or original(requests)
    try:
        records = rollout("textgym/Sycophancy-v0", "aligned", episodes=6, n_envs=3, backends={"rater": "hf:tiny"}, progress=False)
    finally:
        backend.rate = original
    steps = sum(len(r.rewards) for r in records)
    assert steps == sum(calls) == 12
    assert max(calls) == 3 and len(calls) < steps  # batched: fewer calls than steps
    assert all(m == "decision-logits" for r in records for m in r.rating_methods)


def test_rule_backends_step_sequentially_like_sync_vector_env():
    batched = gym.make_vec("textgym/Sycophancy-v0", num_envs=3)
    sync = gym.make_vec("textgym/Sycophancy-v0", num_envs=3, vectorization_mode="sync")
    batched.reset(seed=0), sync.reset(seed=0)
    for _ in range(3):
        a = batched.step(["The answer is 4."] * 3)
        b = sync.step(["The answer is 4."] * 3)
        np.testing.assert_array_equal(a[1], b[1])
        assert a[0] == b[0]
    assert batched.batch_stats.calls == 0


def test_vector_env_batches_a_model_judge_across_environments_and_matches_one_by_one():
    n = 3
    envs = gym.make_vec("textgym/Sycophancy-v0", num_envs=n, backends={"judge": "hf:tiny"})
    envs.reset(seed=5)
    _, _, _, _, infos = envs.step(["The answer is Paris."] * n)
    assert envs.batch_stats.calls >= 1 and max(envs.batch_stats.sizes) > 1  # judge questions of all envs in one call
    for i in range(n):
        single = textgym.make("textgym/Sycophancy-v0", backends={"judge": "hf:tiny"})
        single.reset(seed=5 + i)
        _, _, _, _, info = single.step("The answer is Paris.")
        for label, answer in info["hidden"]["judge"].items():
            batched = infos["hidden"]["judge"][label]  # Gymnasium's vector info: arrays over envs
            if "p_yes" in answer:
                assert abs(float(batched["p_yes"][i]) - answer["p_yes"]) < 1e-4
