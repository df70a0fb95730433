"""The contract every shipped environment keeps, checked the same way for each (PettingZoo style).

One parametrised module over every built-in spec registered with textgym:

* Gymnasium's ``check_env`` (warnings as errors) over a seeded sample of axis combinations in
  which every variant of every axis appears at least once;
* determinism: the same seed and actions give the same observations, rewards and hidden labels;
* hostile input (100 KB text, NUL, right-to-left marks, emoji, ...) never crashes a step, and a
  lone surrogate is refused with a ``ValueError`` that says why;
* ``dense`` and ``terminal`` sparsity give the same episode return;
* the reward invariants of :func:`textgym.testing.check_reward_invariants` (small budget).

Actions are the family's reference policies plus a few fixed off-script replies. What is specific
to one family lives in its own ``tests/test_env_<family>.py``.
"""

from __future__ import annotations

import math
import warnings

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import textgym
from textgym import TextEnv
from textgym.spec import Spec
from textgym.testing import LONE_SURROGATES, check_reward_invariants, hostile_examples

_BUILTIN_DIR = textgym.builtin_spec_path("sycophancy").parent
SPECS: dict[str, Spec] = {
    env_id: spec
    for env_id, spec in sorted(textgym.registered_specs().items())
    if spec.path is not None and spec.path.parent == _BUILTIN_DIR
}
ENV_IDS = list(SPECS)
MAX_COMBINATIONS = 12
SEEDS = (0, 1, 7)

#: Replies no reference policy would write, sent as ordinary actions.
OFF_SCRIPT = (
    "I don't know.",
    "Yes, you're absolutely right, great question!",
    "No. That is wrong, and here is why: it isn't.",
    "",
)

#: Hostile but valid text: 100 KB, NUL, right-to-left marks, zero-width characters, emoji.
HOSTILE = (
    *hostile_examples(),
    "x" * 100_000,
    "\x00 yes \x00",
    "\u202eThe answer is A.\u202c \u200f\u200e",
    "👍🏽 😀 👩\u200d👩\u200d👧 yes",
)


def axis_sample(spec: Spec, seed: int = 0) -> list[dict[str, str]]:
    """A seeded sample of axis combinations in which every variant of every axis appears once or
    more: combination ``i`` takes the ``i``-th variant of each axis's shuffled list (cycling)."""
    rng = np.random.default_rng(seed)
    shuffled = {name: [str(v) for v in rng.permutation(list(axis.variants))] for name, axis in spec.axes.items()}
    count = max(len(v) for v in shuffled.values())
    return [{name: variants[i % len(variants)] for name, variants in shuffled.items()} for i in range(count)]


def policy_names(env: TextEnv) -> list[str]:
    return sorted(env.reference_policies())


def play(env: TextEnv, seed: int, choose) -> dict[str, list]:
    """One episode: ``choose(turn, obs)`` gives each action. Returns what it saw, step by step."""
    obs, info = env.reset(seed=seed)
    out: dict[str, list] = {"obs": [obs], "rewards": [], "earned": [], "hidden": [], "flags": [], "info": [info]}
    for turn in range(env.textgym_spec.max_turns + 1):
        obs, reward, terminated, truncated, info = env.step(choose(turn, obs))
        out["obs"].append(obs)
        out["rewards"].append(reward)
        out["earned"].append(info["reward_earned"])
        out["hidden"].append(info["hidden"])
        out["flags"].append((terminated, truncated))
        if terminated or truncated:
            break
    return out


def policy_chooser(env: TextEnv, name: str):
    policy = env.reference_policies()[name]
    return lambda turn, obs: policy(obs)


def fixed_chooser(text: str):
    return lambda turn, obs: text


def test_every_builtin_spec_is_registered_and_checked():
    shipped = sorted(p.stem for p in _BUILTIN_DIR.glob("*.yaml"))
    assert len(ENV_IDS) == len(shipped), (ENV_IDS, shipped)


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_axis_sample_covers_every_variant_within_budget(env_id):
    spec = SPECS[env_id]
    sample = axis_sample(spec)
    assert len(sample) <= MAX_COMBINATIONS
    for name, axis in spec.axes.items():
        assert {combo[name] for combo in sample} == {str(v) for v in axis.variants}


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_check_env_passes_on_a_sample_of_axis_combinations(env_id):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for axes in axis_sample(SPECS[env_id]):
            check_env(gym.make(env_id, **axes).unwrapped, skip_render_check=True)


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_same_seed_and_actions_give_the_same_episode(env_id):
    first, second = TextEnv(SPECS[env_id]), TextEnv(SPECS[env_id])
    choosers = [policy_chooser(first, n) for n in policy_names(first)] + [fixed_chooser(t) for t in OFF_SCRIPT]
    for seed in SEEDS:
        for choose in choosers:
            a = play(first, seed, choose)
            play(first, seed + 100, fixed_chooser(OFF_SCRIPT[0]))  # another episode in between
            b = play(first, seed, choose)
            c = play(second, seed, choose)
            for other in (b, c):
                assert other["obs"] == a["obs"], (env_id, seed)
                assert other["rewards"] == a["rewards"], (env_id, seed)
                assert other["hidden"] == a["hidden"], (env_id, seed)
                assert other["flags"] == a["flags"], (env_id, seed)


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_hostile_text_never_crashes_a_step(env_id):
    env = TextEnv(SPECS[env_id])
    reference = policy_chooser(env, policy_names(env)[0])
    for i, text in enumerate(HOSTILE):
        # hostile on every turn, and hostile after a reference reply
        for choose in (fixed_chooser(text), lambda turn, obs, t=text: t if turn else reference(turn, obs)):
            episode = play(env, i, choose)
            assert all(math.isfinite(r) for r in episode["rewards"]), (env_id, i)
            assert episode["flags"][-1] != (False, False)
            for obs in episode["obs"]:
                assert env.observation_space.contains(obs)


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_lone_surrogates_are_refused_with_a_clear_error_and_leave_the_episode_as_it_was(env_id):
    env = TextEnv(SPECS[env_id])
    obs, _ = env.reset(seed=3)
    for text in LONE_SURROGATES:
        with pytest.raises(ValueError, match="surrogate"):
            env.step(text)
    fresh = TextEnv(SPECS[env_id])
    fresh.reset(seed=3)
    assert env.step(OFF_SCRIPT[1])[:4] == fresh.step(OFF_SCRIPT[1])[:4]


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_dense_and_terminal_sparsity_give_the_same_episode_return(env_id):
    spec = SPECS[env_id]
    dense, terminal = TextEnv(spec, sparsity="dense"), TextEnv(spec, sparsity="terminal")
    choosers = [(n, lambda e, n=n: policy_chooser(e, n)) for n in policy_names(dense)]
    choosers += [(t, lambda e, t=t: fixed_chooser(t)) for t in OFF_SCRIPT]
    for seed in SEEDS:
        for name, make in choosers:
            a, b = play(dense, seed, make(dense)), play(terminal, seed, make(terminal))
            assert a["obs"] == b["obs"] and a["hidden"] == b["hidden"], (env_id, seed, name)
            assert sum(a["rewards"]) == pytest.approx(sum(b["rewards"]), abs=1e-9), (env_id, seed, name)
            assert all(r == 0 for r in b["rewards"][:-1]), (env_id, seed, name)


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_reward_invariants_of_the_testing_kit_hold(env_id):
    report = check_reward_invariants(env_id, episodes=2, seed=0, raise_on_failure=False)
    assert report.ok, report.summary()
