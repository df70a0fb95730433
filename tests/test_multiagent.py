"""textgym.multiagent: PettingZoo conformance for every built-in environment, equivalence with the
single-agent environment when the user and rater agents copy their reference actions, and what
a user or rater agent's own action changes."""

from __future__ import annotations

import contextlib
import io
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pettingzoo.test import api_test, parallel_api_test, parallel_seed_test, seed_test

import textgym
from textgym import Conversation, TextEnv
from textgym.integrations.pettingzoo import ASSISTANT, RATER, USER, AgentObservation, Dialogue, env, parallel_env, parse_rating
from textgym.testing import strategies as tst

ROOT = Path(__file__).resolve().parent.parent
SPECS = textgym.registered_specs()
ENV_IDS = sorted(SPECS)
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def all_agents(env_id: str) -> tuple[str, ...]:
    return (ASSISTANT, RATER, USER) if "rater" in SPECS[env_id].roles else (ASSISTANT, USER)


def quietly(fn, *args, **kwargs):
    """PettingZoo's tests print progress and warn about non-array spaces: keep the log clean."""
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


# ---------------------------------------------------------------- PettingZoo conformance


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_pettingzoo_api_parallel_api_and_seed_tests_pass(env_id):
    agents = all_agents(env_id)
    quietly(api_test, env(env_id, agents=agents), num_cycles=8)
    quietly(parallel_api_test, parallel_env(env_id, agents=agents), num_cycles=8)
    quietly(seed_test, lambda: env(env_id, agents=agents), num_cycles=8)
    quietly(parallel_seed_test, lambda: parallel_env(env_id, agents=agents), num_cycles=8)


@pytest.mark.parametrize("agents", [(ASSISTANT,), (ASSISTANT, USER), (ASSISTANT, RATER, USER), (ASSISTANT, RATER)])
def test_pettingzoo_api_test_passes_for_every_agent_set(agents):
    quietly(api_test, env("textgym/Sycophancy-v0", agents=agents, cues="belief"), num_cycles=20)
    quietly(parallel_api_test, parallel_env("textgym/Sycophancy-v0", agents=agents), num_cycles=20)


# ---------------------------------------------------------------- equivalence with TextEnv


def play_copying_references(env_id: str, seed: int, assistant_actions, agents, **axes):
    """The AEC game where user and rater copy their reference actions; what the assistant saw."""
    game = env(env_id, agents=agents, **axes)
    game.reset(seed=seed)
    seen, actions = [], iter(assistant_actions)
    for agent in game.agent_iter():
        obs, reward, terminated, truncated, info = game.last()
        if terminated or truncated:
            if agent == ASSISTANT:
                seen.append(("end", obs, reward))
            game.step(None)
            continue
        if agent == ASSISTANT:
            seen.append(("act", obs, reward, {k: v for k, v in info.items() if k != "rater_used"}))
            game.step(next(actions))
        else:
            assert isinstance(info["reference_action"], str)
            game.step(info["reference_action"])
    return seen


def play_single(env_id: str, seed: int, assistant_actions, **axes):
    text_env = TextEnv(SPECS[env_id], **axes)
    obs, info = text_env.reset(seed=seed)
    seen, reward = [], 0.0
    for action in assistant_actions:
        seen.append(("act", obs, reward, info))
        obs, reward, terminated, truncated, info = text_env.step(action)
        if terminated or truncated:
            break
    seen.append(("end", obs, reward))
    return seen


@SETTINGS
@given(seed=tst.seeds(), actions=st.lists(tst.hostile_text(max_size=80, huge=False), min_size=2, max_size=2),
       agents=st.sampled_from([(ASSISTANT, USER), (ASSISTANT, RATER, USER), (ASSISTANT, RATER)]),
       axes=tst.axes("textgym/Sycophancy-v0"))
def test_copying_the_references_reproduces_the_single_agent_episode(seed, actions, agents, axes):
    multi = play_copying_references("textgym/Sycophancy-v0", seed, actions, agents, **axes)
    single = play_single("textgym/Sycophancy-v0", seed, actions, **axes)
    assert multi == single


@pytest.mark.parametrize("env_id", ENV_IDS)
def test_copying_the_references_reproduces_every_builtin_environment(env_id):
    text_env = TextEnv(SPECS[env_id])
    policies = text_env.reference_policies()
    for seed, name in enumerate(sorted(policies)[:3]):
        obs, _ = text_env.reset(seed=seed)
        actions = []
        terminated = False
        while not terminated:  # the reference policy's replies in the single-agent episode
            actions.append(policies[name](obs))
            obs, _, terminated, truncated, _ = text_env.step(actions[-1])
            terminated = terminated or truncated
        multi = play_copying_references(env_id, seed, actions, all_agents(env_id))
        assert multi == play_single(env_id, seed, actions), (env_id, name)


# ---------------------------------------------------------------- the user agent


def test_user_agent_text_replaces_the_scripted_turn_and_is_seen_from_both_sides():
    game = Dialogue("textgym/Sycophancy-v0", cues="belief")
    game.reset(seed=0)
    opening = game.observe(ASSISTANT)[-1].content
    outcome = game.act(ASSISTANT, "The answer is 42.")
    scripted = outcome.infos[USER]["reference_action"]
    assert scripted == game.observe(ASSISTANT)[-1].content and game.to_act == USER
    game.act(USER, "Could you explain how you know? 😀\u202e")
    assistant_view = game.observe(ASSISTANT)
    assert assistant_view[-1].role == "user" and assistant_view[-1].content == "Could you explain how you know? 😀\u202e"
    assert assistant_view[-1].source == "env"
    user_view = game.observe(USER)
    assert [(m.role, m.source) for m in user_view] == [
        ("system", "env"), ("assistant", "prefill"), ("user", "env"), ("assistant", "policy"),
    ]
    assert user_view[1].content == opening and user_view[2].content == "The answer is 42."
    assert all(m.content != game.observe(ASSISTANT)[0].content for m in user_view)  # the framing prompt is the assistant's
    outcome = game.act(ASSISTANT, "It is 42, because I computed it.")
    assert outcome.done and game.to_act is None


def test_user_reward_function_is_called_on_each_environment_step():
    game = Dialogue("textgym/Sycophancy-v0", user_reward=lambda info: float(info["hidden"]["correct"]) - 1.0)
    game.reset(seed=0)
    record = game.text_env.family.record_for(game.observe(ASSISTANT))
    assert game.act(ASSISTANT, f"The answer is {record['wrong']}.").rewards[USER] == -1.0
    game.act(USER, "Really?")
    assert game.act(ASSISTANT, f"The answer is {record['correct']}.").rewards[USER] == 0.0


# ---------------------------------------------------------------- the rater agent


@pytest.mark.parametrize("says, expected", [("10", 1.0), ("Rating: 1/10", 0.0), ("5.5 out of 10", 0.5)])
def test_rater_agent_score_sets_the_assistant_reward(says, expected):
    game = Dialogue("textgym/Sycophancy-v0", agents=(ASSISTANT, RATER, USER))
    game.reset(seed=0)
    rater_info = game.act(ASSISTANT, "The answer is 42.").infos[RATER]
    assert game.to_act == RATER and rater_info["reference_rating"] == parse_rating(rater_info["reference_action"])
    assert game.observe(RATER)[-1].content.splitlines()[-3] == "assistant: The answer is 42."
    outcome = game.act(RATER, says)
    assert outcome.rewards[ASSISTANT] == pytest.approx(expected)
    assert outcome.infos[ASSISTANT]["rater_used"] is True


@pytest.mark.parametrize("says", ["", "great answer", "0", "11", "\x00\u202e"])
def test_rater_action_without_a_rating_falls_back_to_the_reference(says):
    game = Dialogue("textgym/Sycophancy-v0", agents=(ASSISTANT, RATER))
    game.reset(seed=3)
    reference = game.act(ASSISTANT, "The answer is 42.").infos[RATER]["reference_rating"]
    outcome = game.act(RATER, says)
    assert outcome.infos[ASSISTANT]["rater_used"] is False
    assert outcome.rewards[ASSISTANT] == pytest.approx((reference - 1) / 9)


def test_rater_agent_needs_the_spec_role():
    with pytest.raises(ValueError, match="no role 'judge'"):
        Dialogue("textgym/Sycophancy-v0", agents=(ASSISTANT, RATER), rater_role="judge")


# ---------------------------------------------------------------- errors and API details


def test_acting_out_of_turn_or_with_a_non_string_is_refused_without_changing_the_episode():
    game = Dialogue("textgym/Sycophancy-v0")
    game.reset(seed=0)
    before = game.observe(ASSISTANT)
    with pytest.raises(ValueError, match="it is the assistant's turn, not the user's"):
        game.act(USER, "hi")
    with pytest.raises(TypeError, match="a str"):
        game.act(ASSISTANT, b"bytes")
    with pytest.raises(ValueError, match="lone surrogate"):
        game.act(ASSISTANT, "\ud800")
    assert game.observe(ASSISTANT) == before


def test_parallel_step_needs_the_acting_agent_and_ignores_the_others():
    game = parallel_env("textgym/Sycophancy-v0")
    game.reset(seed=0)
    with pytest.raises(ValueError, match="it is the assistant's turn: the actions must include 'assistant'"):
        game.step({USER: "hello"})
    observations, rewards, terminations, truncations, infos = game.step({ASSISTANT: "The answer is 42.", USER: "ignored"})
    assert infos[USER]["to_act"] == USER and "ignored" not in observations[ASSISTANT].text()


def test_unknown_agents_are_refused():
    with pytest.raises(ValueError, match="agents must name 'assistant'"):
        env("textgym/Sycophancy-v0", agents=("user",))
    with pytest.raises(ValueError, match="agents must name 'assistant'"):
        env("textgym/Sycophancy-v0", agents=("assistant", "judge"))


def test_agent_observations_equal_conversations_and_carry_a_dtype():
    view = Dialogue("textgym/Sycophancy-v0")
    obs = TextEnv(SPECS["textgym/Sycophancy-v0"]).reset(seed=4)[0]
    view.reset(seed=4)
    seen = view.observe(ASSISTANT)
    assert isinstance(seen, AgentObservation) and seen == obs and obs == seen and hash(seen) == hash(obs)
    assert seen.dtype is None and isinstance(seen, Conversation)


def test_replace_user_turn_only_between_steps():
    text_env = TextEnv(SPECS["textgym/Sycophancy-v0"])
    with pytest.raises(RuntimeError, match="after a step"):
        text_env.replace_user_turn("hi")
    obs, _ = text_env.reset(seed=0)
    with pytest.raises(RuntimeError, match="after a step"):
        text_env.replace_user_turn("hi")
    with pytest.raises(TypeError):
        text_env.replace_user_turn(3)
    text_env.step("The answer is 42.")
    assert text_env.replace_user_turn("Why?")[-1].content == "Why?"


def test_preview_leaves_the_episode_unchanged():
    a, b = TextEnv(SPECS["textgym/Sycophancy-v0"]), TextEnv(SPECS["textgym/Sycophancy-v0"])
    a.reset(seed=9)
    b.reset(seed=9)
    for _ in range(3):
        a.preview("I'm not sure, maybe 42.")
    assert a.step("The answer is 42.") == b.step("The answer is 42.")
    assert a.step("Yes.") == b.step("Yes.")


# ---------------------------------------------------------------- two models talking


def test_two_tiny_models_talk_through_the_example():
    from textgym.testing.pytest_plugin import import_family_module  # imports any .py file by path

    module = import_family_module(str(ROOT / "examples" / "two_models_talking.py"))
    record = module.talk("textgym/Sycophancy-v0", "hf:tiny", "hf:tiny", seed=0, max_new_tokens=6)
    speakers = [speaker for speaker, _ in record.turns]
    assert speakers == ["user (scenario)", "assistant (hf:tiny)", "user (hf:tiny)", "assistant (hf:tiny)"]
    assert len(record.rewards) == 2 and len(record.scripted_user) == 1
    assert all(0.0 <= r <= 1.0 for r in record.rewards)
    assert "assistant=hf:tiny, user=hf:tiny" in record.show()
