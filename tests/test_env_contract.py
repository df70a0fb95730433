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
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textgym
from textgym import TextEnv
from textgym.spec import Spec
from textgym.testing import LONE_SURROGATES, check_reward_invariants, env_for, hostile_examples

_BUILTIN_DIR = textgym.builtin_spec_path("sycophancy").parent
SPECS: dict[str, Spec] = {
    env_id: spec
    for env_id, spec in sorted(textgym.registered_specs().items())
    if spec.path is not None and spec.path.parent == _BUILTIN_DIR
}
ENV_IDS = list(SPECS)
MAX_COMBINATIONS = 12

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


SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEEDS_ST = st.integers(min_value=0, max_value=2**31 - 1)
SMALL_HOSTILE = st.lists(
    st.sampled_from(["\x00", "\u202e", "\u200f", "\u200b", "😀", "👍🏽", "yes", " no", "I don't know", ".", "\n", "{x}"]),
    max_size=12,
).map("".join)


def axes_strategy(spec: Spec) -> st.SearchStrategy[dict[str, str]]:
    """Any axis combination of ``spec``."""
    return st.fixed_dictionaries({name: st.sampled_from([str(v) for v in axis.variants]) for name, axis in spec.axes.items()})


def plan_strategy(env: TextEnv) -> st.SearchStrategy[list[tuple[str, str]]]:
    """One choice per turn: a reference policy, an off-script reply, or short hostile text."""
    choice = st.one_of(
        st.sampled_from([("policy", n) for n in policy_names(env)]),
        st.sampled_from([("text", t) for t in OFF_SCRIPT]),
        SMALL_HOSTILE.map(lambda t: ("text", t)),
    )
    turns = env.textgym_spec.max_turns + 1
    return st.lists(choice, min_size=turns, max_size=turns)


def draw_case(data: st.DataObject, env_id: str) -> tuple[Spec, int, dict[str, str]]:
    """The spec of ``env_id``, a seed and any axis combination, drawn by Hypothesis."""
    spec = SPECS[env_id]
    return spec, data.draw(SEEDS_ST, "seed"), data.draw(axes_strategy(spec), "axes")


def plan_chooser(env: TextEnv, plan: list[tuple[str, str]]):
    policies = env.reference_policies()
    return lambda turn, obs: policies[plan[turn][1]](obs) if plan[turn][0] == "policy" else plan[turn][1]


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
@SETTINGS
@given(data=st.data())
def test_same_seed_and_actions_give_the_same_episode(env_id, data):
    spec, seed, axes = draw_case(data, env_id)
    fresh, reused = TextEnv(spec, **axes), env_for(env_id, **axes)
    plan = data.draw(plan_strategy(fresh), "plan")
    first = play(fresh, seed, plan_chooser(fresh, plan))
    play(reused, seed + 1, fixed_chooser(OFF_SCRIPT[0]))  # another episode in between
    second = play(reused, seed, plan_chooser(reused, plan))
    # observations, rewards, flags, and every info (hidden labels, components, episode) alike
    assert second == first


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
        assert env.conversation == obs
    fresh = TextEnv(SPECS[env_id])
    fresh.reset(seed=3)
    assert env.step(OFF_SCRIPT[1])[:4] == fresh.step(OFF_SCRIPT[1])[:4]


@pytest.mark.parametrize("env_id", ENV_IDS)
@SETTINGS
@given(data=st.data())
def test_dense_and_terminal_sparsity_give_the_same_episode_return(env_id, data):
    spec, seed, axes = draw_case(data, env_id)
    dense = env_for(env_id, **{**axes, "sparsity": "dense"})
    terminal = env_for(env_id, **{**axes, "sparsity": "terminal"})
    plan = data.draw(plan_strategy(dense), "plan")
    a, b = play(dense, seed, plan_chooser(dense, plan)), play(terminal, seed, plan_chooser(terminal, plan))
    assert a["obs"] == b["obs"] and a["earned"] == b["earned"] and a["hidden"] == b["hidden"]
    assert sum(b["rewards"]) == pytest.approx(sum(a["rewards"]), abs=1e-12)
    assert b["rewards"][:-1] == [0.0] * (len(b["rewards"]) - 1)


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_reward_invariants_of_the_testing_kit_hold(env_id):
    report = check_reward_invariants(env_id, episodes=3, seed=0, raise_on_failure=False)
    assert report.ok, report.summary()
