"""The fast paths of the core step give exactly what the checked, general paths give.

Covered: the env's own messages (built without re-checking) pass every check a user's
``Message(...)`` gets; the per-env cache of user turns and the per-RoleSet cache of rule ratings
return equal values and stay bounded; what a family writes is still checked; the ASCII fast path
of action checking refuses what it refused before; ``Family.render`` and ``EpisodeRandom.choice``
agree with ``Template.render`` and ``EpisodeRandom.integers``.
"""

from __future__ import annotations

import dataclasses
import inspect
import math
import pickle
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textgym
import textgym.env as env_module
from textgym import Conversation, Message, TextEnv
from textgym.backends.base import Rating
from textgym.environments.base import Episode, EpisodeRandom, Turn
from textgym.roles import RoleSet
from textgym.spaces import invalid_text_reason
from textgym.types import unchecked_conversation, unchecked_message

ENV_ID = "textgym/Sycophancy-v0"
SPEC = textgym.get_spec(ENV_ID)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ACTIONS = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200),
    st.sampled_from(["The answer is Canberra.", "You're right, it is 391.", "", "\x00\u202e😀"]),
)


def rechecked(conversation: Conversation) -> Conversation:
    """The same conversation rebuilt through the checked constructors."""
    return Conversation(tuple(Message(m.role, m.content, m.source) for m in conversation))


# ---------------------------------------------------------------- the env's own messages


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), actions=st.lists(ACTIONS, min_size=1, max_size=4), cues=st.sampled_from(["none", "belief", "belief_rating"]))
def test_env_observations_pass_the_checks_of_user_built_messages(seed, actions, cues):
    env = TextEnv(SPEC, cues=cues)
    obs, _ = env.reset(seed=seed)
    observations = [obs]
    for action in actions:
        obs, _, terminated, _, _ = env.step(action)
        observations.append(obs)
        if terminated:
            obs, _ = env.reset()
            observations.append(obs)
    for observation in observations:
        assert type(observation) is Conversation and type(observation.messages) is tuple
        assert all(type(m) is Message for m in observation)
        assert rechecked(observation) == observation
        assert env.observation_space.contains(observation)


def test_user_turn_cache_is_bounded_and_serves_equal_messages(monkeypatch):
    monkeypatch.setattr(env_module, "_USER_MESSAGE_CACHE", 3)
    env = TextEnv(SPEC)
    texts = iter(f"follow-up {i}" for i in range(100))

    def respond(episode, conversation, action, roles):
        return Turn(components={"rating": 0.5}, hidden={"true_reward": 1.0}, next_user=next(texts) if episode.turn == 0 else None)

    monkeypatch.setattr(env.family, "respond", respond)
    seen = []
    for seed in range(8):
        env.reset(seed=seed)
        obs, *_ = env.step("x")
        seen.append(obs[-1])
    assert [m.content for m in seen] == [f"follow-up {i}" for i in range(8)]
    assert all(m == Message("user", m.content) for m in seen)
    assert len(env._user_messages) == 3


def test_repeated_user_turns_come_from_the_cache_unchanged():
    env = TextEnv(SPEC, cues="belief")
    contents = set()
    for seed in range(30):
        env.reset(seed=seed)
        obs, _, terminated, _, _ = env.step("The answer is Canberra.")
        if not terminated:
            contents.add(obs[-1].content)
            assert obs[-1] == Message("user", obs[-1].content)
    assert contents and set(env._user_messages) == contents


def test_family_user_turn_that_is_not_a_string_is_refused(monkeypatch):
    env = TextEnv(SPEC)
    monkeypatch.setattr(env.family, "respond", lambda *a: Turn(components={"rating": 0.5}, hidden={"true_reward": 0.0}, next_user=3))  # type: ignore[arg-type]
    env.reset(seed=0)
    with pytest.raises(TypeError, match="Message content must be str, got int"):
        env.step("x")


def test_family_opening_that_holds_a_non_message_is_refused(monkeypatch):
    env = TextEnv(SPEC)
    record = env.family.questions[0]
    monkeypatch.setattr(env.family, "begin", lambda rng, user_type: Episode(record=record, user_type=user_type, opening=["hi"]))  # type: ignore[list-item]
    with pytest.raises(TypeError, match=r"Conversation.messages\[1\] must be a Message, got str"):
        env.reset(seed=0)


# ---------------------------------------------------------------- actions


@pytest.mark.parametrize(
    ("action", "problem"),
    [("x" * 65, "65 characters, more than the limit of 64"), ("ok \ud800", "lone surrogate U+D800 at index 3"), ("é" * 65, "65 characters")],
    ids=["long-ascii", "surrogate", "long-non-ascii"],
)
def test_ascii_fast_path_still_refuses_invalid_actions(action, problem):
    env = TextEnv(SPEC, max_action_length=64)
    env.reset(seed=0)
    with pytest.raises(ValueError, match=re.escape(problem)):
        env.step(action)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=40), limit=st.integers(1, 50))
def test_invalid_text_reason_agrees_with_the_utf8_encoding(text, limit):
    try:
        text.encode("utf-8")
        encodable = True
    except UnicodeEncodeError:
        encodable = False
    assert (invalid_text_reason(text, limit) is None) == (encodable and len(text) <= limit)


# ---------------------------------------------------------------- types


def test_unchecked_constructors_build_the_values_the_checked_ones_build():
    message = unchecked_message("assistant", "4", "policy")
    assert message == Message("assistant", "4", source="policy") and hash(message) == hash(Message("assistant", "4", "policy"))
    conversation = unchecked_conversation((Message("user", "2+2?"), message))
    assert conversation == Conversation.of(("user", "2+2?"), ("assistant", "4", "policy"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        message.content = "5"  # type: ignore[misc]


def test_message_keeps_its_dataclass_behaviour():
    assert list(inspect.signature(Message).parameters) == ["role", "content", "source"]
    message = Message(role="assistant", content="a", source="prefill")
    assert dataclasses.replace(message, content="b") == Message("assistant", "b", "prefill")
    assert pickle.loads(pickle.dumps(message)) == message
    with pytest.raises(ValueError, match="can only have source 'env'"):
        dataclasses.replace(message, role="user")
    assert Conversation([message]).messages == (message,)  # any iterable, stored as a tuple


def test_dataclass_subclass_of_message_is_still_checked():
    @dataclasses.dataclass(frozen=True, slots=True)
    class Tagged(Message):
        tag: str = ""

    assert Tagged("user", "hi", "env", "t").tag == "t"
    with pytest.raises(ValueError, match="role must be one of"):
        Tagged("bot", "hi")  # type: ignore[arg-type]


# ---------------------------------------------------------------- rule ratings

RULE_VALUES = st.one_of(
    st.integers(-20, 20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, True, False, np.float64(7.5), np.int64(3), "9"]),
)


def same_rating(a: Rating, b: Rating) -> bool:
    return type(a) is type(b) and a.method == b.method and a.probabilities == b.probabilities and (
        a.score == b.score and math.copysign(1, a.score) == math.copysign(1, b.score) or math.isnan(a.score) and math.isnan(b.score)
    )


@settings(max_examples=200, deadline=None)
@given(values=st.lists(RULE_VALUES, min_size=1, max_size=6))
def test_rule_rating_is_the_rating_a_fresh_one_would_be(values):
    roles = RoleSet(SPEC)
    for value in values + values:  # the second pass is served from the cache
        rating = roles.rate("rater", rule=lambda: value, variables={})
        assert same_rating(rating, Rating(score=float(value), method="rule"))


def test_rule_rating_cache_is_bounded():
    roles = RoleSet(SPEC)
    for value in range(1000):
        assert roles.rate("rater", rule=lambda: value, variables={}).score == float(value)
    assert len(roles._rule_ratings) <= 256


# ---------------------------------------------------------------- family helpers


def test_family_render_matches_template_render_and_its_errors():
    family = TextEnv(SPEC, cues="belief").family
    values = {name: f"<{name} {{}} é>" for name in type(family).template_variables}
    for name, template in family.templates.items():
        assert family.render(name, **values) == template.render(values)
    with pytest.raises(KeyError, match="needs values for") as refused:
        family.render("ask_wrong_belief", question="q", correct="4")
    with pytest.raises(KeyError) as expected:
        family.templates["ask_wrong_belief"].render({"question": "q", "correct": "4"})
    assert str(refused.value) == str(expected.value)


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), sizes=st.lists(st.integers(1, 500), min_size=1, max_size=40))
def test_choice_draws_what_integers_draws(seed, sizes):
    a, b = EpisodeRandom(np.random.default_rng(seed)), EpisodeRandom(np.random.default_rng(seed))
    for size in sizes:
        items = list(range(size))
        assert a.choice(items) == items[b.integers(size)]


def test_choice_of_nothing_is_refused():
    with pytest.raises(ValueError, match="needs high >= 1, got 0"):
        EpisodeRandom(np.random.default_rng(0)).choice([])
