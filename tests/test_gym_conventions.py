"""Gymnasium conventions: pickling and deep copies, every ``make_vec`` mode, a small ``env.spec``,
YAML paths wherever an id is taken, axes as keywords, and the vector autoreset modes."""

from __future__ import annotations

import copy
import pickle
import shutil
from pathlib import Path

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.vector import AutoresetMode, SyncVectorEnv
from hypothesis import given, settings
from hypothesis import strategies as st

import textgym
from textgym.backends.base import Rating
from textgym.plugins import register_backend
from textgym.types import Conversation
from textgym.vector import TextVectorEnv

ENV_ID = "textgym/Sycophancy-v0"
ACTIONS = ["The answer is 4.", "I am not sure, sorry.", "You are right, it is 5!", "Let me think: 12."]


class LengthRater:
    """A deterministic stand-in for a model rater (not 'rule', so vector envs batch its calls)."""

    name = "length-rater"

    def generate(self, chats, *, max_new_tokens=64, temperature=0.0, seed=None):
        return [f"reply {len(chat)}" for chat in chats]

    def rate(self, requests):
        return [Rating(score=float(1 + len(r.state) % 10), method="length") for r in requests]


register_backend("test-length-rater", LengthRater)


def play(env: gym.Env, steps: int, offset: int = 0) -> list[tuple]:
    """``steps`` steps with fixed actions, resetting (seeded) whenever an episode ends."""
    out = []
    for i in range(steps):
        obs, reward, terminated, truncated, info = env.step(ACTIONS[(i + offset) % len(ACTIONS)])
        out.append((obs, reward, terminated, truncated, info["hidden"], info["reward_components"]))
        if terminated or truncated:
            obs, info = env.reset(seed=1000 + i)
            out.append((obs, info["episode"]))
    return out


# ---------------------------------------------------------------- pickle and deepcopy


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), before=st.integers(0, 3), sparsity=st.sampled_from(["dense", "stochastic", "terminal"]))
def test_pickled_and_copied_envs_continue_the_episode_identically(seed, before, sparsity):
    env = textgym.make(ENV_ID, sparsity=sparsity)
    env.reset(seed=seed)
    play(env, before)  # mid-episode, or just after a reset
    clones = [pickle.loads(pickle.dumps(env)), copy.deepcopy(env)]
    expected = play(env, 5, offset=before)
    for clone in clones:
        assert play(clone, 5, offset=before) == expected


def test_env_pickles_with_a_model_backend_name_and_its_spec_too():
    env = textgym.make(ENV_ID, backends={"rater": "test-length-rater"})
    env.reset(seed=3)
    clone = pickle.loads(pickle.dumps(env))
    assert play(clone, 3) == play(env, 3)
    assert pickle.loads(pickle.dumps(env.spec)) == env.spec == copy.deepcopy(env.spec)
    spec = env.unwrapped.textgym_spec
    assert pickle.loads(pickle.dumps(spec)) == spec


@pytest.mark.parametrize("mode", ["sync", "vector_entry_point"])
def test_vector_envs_pickle_and_deepcopy_mid_episode(mode):
    envs = gym.make_vec(ENV_ID, num_envs=2, vectorization_mode=mode)
    envs.reset(seed=5)
    envs.step(["The answer is 4."] * 2)
    clones = [pickle.loads(pickle.dumps(envs)), copy.deepcopy(envs)]
    expected = envs.step(["No."] * 2)
    for clone in clones:
        got = clone.step(["No."] * 2)
        assert got[0] == expected[0] and np.array_equal(got[1], expected[1]) and np.array_equal(got[2], expected[2])
        clone.close()
    envs.close()


# ---------------------------------------------------------------- make_vec in every mode


def run_vector(envs: gym.vector.VectorEnv, steps: int) -> list:
    observations, infos = envs.reset(seed=11)
    out = [(tuple(observations), infos["user_type"].tolist())]
    for i in range(steps):
        observations, rewards, terminated, truncated, infos = envs.step([ACTIONS[(i + j) % len(ACTIONS)] for j in range(envs.num_envs)])
        out.append((tuple(observations), rewards.tolist(), terminated.tolist(), truncated.tolist()))
    return out


def test_make_vec_works_in_every_mode_with_default_arguments_and_async_equals_sync():
    runs = {}
    for mode in ("sync", "async", "vector_entry_point", None):
        envs = gym.make_vec(ENV_ID, num_envs=3, vectorization_mode=mode)
        try:
            runs[mode] = run_vector(envs, 5)  # 2-turn episodes: crosses autoresets
        finally:
            envs.close()
    assert runs["async"] == runs["sync"] == runs["vector_entry_point"] == runs[None]
    assert all(isinstance(o, Conversation) for o in runs["async"][-1][0])


def test_async_with_shared_memory_disabled_matches_too():
    sync = gym.make_vec(ENV_ID, num_envs=2, vectorization_mode="sync")
    unshared = gym.make_vec(ENV_ID, num_envs=2, vectorization_mode="async", vector_kwargs={"shared_memory": False})
    try:
        assert run_vector(unshared, 3) == run_vector(sync, 3)
    finally:
        sync.close()
        unshared.close()


@pytest.mark.parametrize("mode", [AutoresetMode.NEXT_STEP, AutoresetMode.SAME_STEP])
def test_text_vector_env_autoreset_modes_match_gymnasiums_sync_vector_env(mode):
    """The batched path (a model-backed rater) steps and autoresets exactly as SyncVectorEnv."""
    make = lambda: textgym.make(ENV_ID, backends={"rater": "test-length-rater"})  # noqa: E731
    batched = TextVectorEnv([make] * 3, autoreset_mode=mode)
    plain = SyncVectorEnv([make] * 3, autoreset_mode=mode)
    assert batched._batched and batched.metadata["autoreset_mode"] == mode
    for envs in (batched, plain):
        envs.reset(seed=2)
    for i in range(6):
        actions = [ACTIONS[(i + j) % len(ACTIONS)] for j in range(3)]
        a, b = batched.step(actions), plain.step(actions)
        assert a[0] == b[0]
        for x, y in zip(a[1:4], b[1:4]):
            assert np.array_equal(x, y)
        assert sorted(a[4]) == sorted(b[4])
        if mode == AutoresetMode.SAME_STEP and "final_obs" in b[4]:
            assert list(a[4]["final_obs"]) == list(b[4]["final_obs"])
            assert np.array_equal(a[4]["_final_obs"], b[4]["_final_obs"])
    assert batched.batch_stats.calls > 0  # the rater's calls were batched across environments


def test_make_vec_passes_autoreset_mode_through_every_mode():
    for mode, kwargs in (("vector_entry_point", {"autoreset_mode": AutoresetMode.SAME_STEP}), ("sync", {"vector_kwargs": {"autoreset_mode": AutoresetMode.SAME_STEP}})):
        envs = gym.make_vec(ENV_ID, num_envs=2, vectorization_mode=mode, **kwargs)
        try:
            envs.reset(seed=0)
            envs.step(["The answer is 4."] * 2)
            _, _, terminated, truncated, infos = envs.step(["Yes."] * 2)  # the last turn: reset in the same step
            assert terminated.all() and "final_obs" in infos
        finally:
            envs.close()


# ---------------------------------------------------------------- env.spec


def test_env_spec_is_small_and_readable():
    env = gym.make(ENV_ID)
    spec = env.spec
    assert spec.entry_point == "textgym.registry:make_env"
    assert spec.vector_entry_point == "textgym.vector:make_vector_env"
    assert spec.kwargs == {"spec": ENV_ID}
    assert spec.max_episode_steps == env.unwrapped.textgym_spec.max_turns + 1 == 3
    assert len(str(spec)) < 500 and len(spec.pprint(disable_print=True, print_all=True)) < 1000
    # the entry point string is all Gymnasium needs
    rebuilt = gym.make(spec)
    assert rebuilt.unwrapped.axes == env.unwrapped.axes


@pytest.mark.filterwarnings("ignore:.*different from the unwrapped version")
@pytest.mark.parametrize("env_id", ["textgym/Sycophancy-v0", "textgym/HardProblems-v0"])
def test_max_episode_steps_bounds_the_dialogue_without_truncating_it(env_id):
    """The last turn terminates; the TimeLimit bound is never what ends a dialogue."""
    from gymnasium.utils.env_checker import check_env

    env = gym.make(env_id)
    env.reset(seed=0)
    steps, done = 0, False
    while not done:
        _, _, terminated, truncated, _ = env.step("The answer is 4.")
        steps += 1
        done = terminated or truncated
    assert terminated and not truncated and steps < env.spec.max_episode_steps
    check_env(env.unwrapped)
    check_env(gym.make(env_id))  # Gymnasium's checker refuses an env that truncates after one step


# ---------------------------------------------------------------- YAML paths


@pytest.fixture()
def user_spec(tmp_path):
    """A copy of the Sycophancy spec under a new id, outside the package."""
    source = textgym.builtin_spec_path("sycophancy")
    shutil.copytree(source.parent / "data" / "sycophancy", tmp_path / "data" / "sycophancy")
    path = tmp_path / "my_spec.yaml"
    path.write_text(source.read_text(encoding="utf-8").replace("id: textgym/Sycophancy-v0", "id: mylab/MySycophancy-v0"), encoding="utf-8")
    yield path
    if "mylab/MySycophancy-v0" in textgym.registered_specs():  # leave the registry as other tests expect it
        textgym.registry.unregister_spec("mylab/MySycophancy-v0")


def test_yaml_paths_work_in_textgym_make_rollout_get_spec_and_the_cli(user_spec, capsys):
    env = textgym.make(user_spec, cues="none")
    assert env.unwrapped.textgym_spec.id == "mylab/MySycophancy-v0"
    assert env.spec.kwargs == {"spec": str(user_spec.resolve()), "cues": "none"}  # a user spec is found again by its path
    assert textgym.get_spec(str(user_spec)).id == "mylab/MySycophancy-v0"
    assert len(textgym.rollout(user_spec, "aligned", episodes=2, progress=False)) == 2
    from textgym.cli import main

    assert main(["run", str(user_spec), "--policy", "aligned", "--episodes", "2", "--quiet"]) == 0
    assert "mylab/MySycophancy-v0" in capsys.readouterr().out


def test_register_spec_makes_a_yaml_path_available_to_plain_gym_make(user_spec):
    with pytest.raises(gym.error.Error):
        gym.make(str(user_spec))  # Gymnasium itself only takes ids
    env_id = textgym.register_spec(user_spec)
    env = gym.make(env_id, users="open_minded")
    assert env_id == "mylab/MySycophancy-v0" and env.unwrapped.axes["users"] == "open_minded"
    clone = pickle.loads(pickle.dumps(env))
    assert clone.unwrapped.textgym_spec == env.unwrapped.textgym_spec
    envs = gym.make_vec(env_id, num_envs=2, vectorization_mode="async")
    try:
        assert len(envs.reset(seed=0)[0]) == 2
    finally:
        envs.close()


def test_a_mistyped_id_says_did_you_mean_in_the_python_api():
    for call in (lambda: textgym.make("textgym/Sycophancy-v1"), lambda: textgym.get_spec("textgym/Sycophncy-v0")):
        with pytest.raises(KeyError) as raised:
            call()
        assert "did you mean 'textgym/Sycophancy-v0'?" in raised.value.args[0]


# ---------------------------------------------------------------- axes as keywords


def test_axes_are_keywords_everywhere_and_the_mapping_is_an_alias():
    by_keyword = textgym.make(ENV_ID, users="open_minded", cues="none").unwrapped.axes
    assert textgym.make(ENV_ID, axes={"users": "open_minded", "cues": "none"}).unwrapped.axes == by_keyword
    assert gym.make(ENV_ID, users="open_minded", cues="none").unwrapped.axes == by_keyword
    assert gym.make(ENV_ID, axes={"users": "open_minded"}, cues="none").unwrapped.axes == by_keyword
    keyword_records = textgym.rollout(ENV_ID, "exploit", episodes=3, progress=False, users="open_minded", cues="none")
    mapping_records = textgym.rollout(ENV_ID, "exploit", episodes=3, progress=False, axes={"users": "open_minded", "cues": "none"})
    assert keyword_records[0].axes == by_keyword
    assert [r.to_json() for r in keyword_records] == [r.to_json() for r in mapping_records]


@pytest.mark.parametrize("call", ["make", "gym.make", "rollout"])
def test_an_axis_given_two_different_ways_is_an_error(call):
    with pytest.raises(ValueError, match="axis 'users' given twice"):
        if call == "make":
            textgym.make(ENV_ID, users="normal", axes={"users": "mixed"})
        elif call == "gym.make":
            gym.make(ENV_ID, users="normal", axes={"users": "mixed"})
        else:
            textgym.rollout(ENV_ID, "aligned", episodes=1, progress=False, users="normal", axes={"users": "mixed"})


# ---------------------------------------------------------------- shared memory


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), index=st.integers(0, 2))
def test_shared_memory_round_trips_any_conversation_of_the_space(seed, index):
    from gymnasium.vector.utils import create_shared_memory, read_from_shared_memory, write_to_shared_memory

    from textgym.spaces import ConversationSpace

    space = ConversationSpace(max_messages=6, max_message_length=40, seed=seed)
    conversations = [space.sample() for _ in range(3)]
    conversations[index] = Conversation.of(("system", "مرحبا 👋 \u202e"), ("user", "x" * 40), ("assistant", "", "policy"))
    memory = create_shared_memory(space, n=3)
    view = read_from_shared_memory(space, memory, n=3)
    for i, conversation in enumerate(conversations):
        write_to_shared_memory(space, i, conversation, memory)
    assert copy.deepcopy(view) == tuple(conversations)  # what AsyncVectorEnv returns with copy=True
    assert view[index] == conversations[index] and len(view) == 3
