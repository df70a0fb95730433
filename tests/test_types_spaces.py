"""Value types (Message, Conversation), spaces (UnicodeText, ConversationSpace) and sparsity schedules."""

from __future__ import annotations

import dataclasses
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textgym import Conversation, ConversationSpace, Message, UnicodeText
from textgym.sparsity import Binary, Delayed, Stochastic, make_schedule

SETTINGS = settings(max_examples=100, deadline=None)

# ---------------------------------------------------------------- strategies

TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)))  # UTF-8 encodable
MESSAGES = st.one_of(
    st.builds(Message, st.sampled_from(["system", "user", "tool"]), TEXT, st.just("env")),
    st.builds(Message, st.just("assistant"), TEXT, st.sampled_from(["env", "prefill", "policy"])),
)
CONVERSATIONS = st.lists(MESSAGES, max_size=8).map(lambda ms: Conversation(tuple(ms)))
REWARDS = st.lists(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=30)


# ---------------------------------------------------------------- Message


def test_message_is_immutable():
    message = Message("user", "hi")
    with pytest.raises(dataclasses.FrozenInstanceError):
        message.content = "changed"  # type: ignore[misc]
    with pytest.raises((AttributeError, TypeError)):
        message.extra = 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("role", ["bot", "System", "", "assistant "])
def test_message_with_unknown_role_is_refused(role):
    with pytest.raises(ValueError, match="role must be one of"):
        Message(role, "x")  # type: ignore[arg-type]


@pytest.mark.parametrize("source", ["model", "", "Policy", None])
def test_message_with_unknown_source_is_refused(source):
    with pytest.raises(ValueError, match="source must be one of"):
        Message("assistant", "x", source=source)  # type: ignore[arg-type]


@pytest.mark.parametrize("role", ["system", "user", "tool"])
@pytest.mark.parametrize("source", ["prefill", "policy"])
def test_non_assistant_message_with_non_env_source_is_refused(role, source):
    with pytest.raises(ValueError, match=f"role='{role}'.*can only have source 'env'"):
        Message(role, "x", source=source)  # type: ignore[arg-type]


@pytest.mark.parametrize("content", [b"bytes", None, 3, ["x"]], ids=["bytes", "none", "int", "list"])
def test_message_with_non_string_content_is_refused(content):
    with pytest.raises(TypeError, match="content must be str"):
        Message("user", content)  # type: ignore[arg-type]


def test_assistant_message_from_chat_dict_defaults_to_policy_source():
    assert Message.from_dict({"role": "assistant", "content": "a"}).source == "policy"
    assert Message.from_dict({"role": "user", "content": "u"}).source == "env"


# ---------------------------------------------------------------- Conversation


def test_conversation_is_immutable_and_append_returns_a_new_value():
    conversation = Conversation.of(("system", "s"), ("user", "u"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        conversation.messages = ()  # type: ignore[misc]
    longer = conversation.append(Message("assistant", "a", source="policy"))
    assert len(conversation) == 2 and len(longer) == 3
    assert longer[:2] == conversation and isinstance(longer[:2], Conversation)
    assert longer.last == Message("assistant", "a", source="policy")


def test_conversation_stores_a_tuple_even_when_given_a_list():
    items = [Message("user", "u")]
    conversation = Conversation(items)  # type: ignore[arg-type]
    items.append(Message("user", "later"))
    assert isinstance(conversation.messages, tuple) and len(conversation) == 1


@pytest.mark.parametrize("item", [("user", "hi"), {"role": "user", "content": "hi"}, "hi", None],
                         ids=["tuple", "dict", "str", "none"])
def test_conversation_with_non_message_is_refused(item):
    with pytest.raises(TypeError, match=r"messages\[1\] must be a Message"):
        Conversation((Message("system", "s"), item))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a Message"):
        Conversation.of(("system", "s")).append(item)  # type: ignore[arg-type]


def test_user_message_with_prefill_source_is_refused_in_conversation_of():
    with pytest.raises(ValueError, match="can only have source 'env'"):
        Conversation.of(("user", "hi", "prefill"))


@SETTINGS
@given(CONVERSATIONS)
def test_conversation_round_trips_through_dicts_and_json(conversation):
    dicts = conversation.to_dicts()
    assert Conversation.from_dicts(dicts) == conversation
    assert Conversation.from_dicts(json.loads(json.dumps(dicts))) == conversation
    assert hash(Conversation.from_dicts(dicts)) == hash(conversation)
    assert [d["role"] for d in conversation.to_chat()] == [m.role for m in conversation]


@SETTINGS
@given(CONVERSATIONS)
def test_conversation_by_role_partitions_the_messages(conversation):
    by_role = {role: conversation.by_role(role) for role in ("system", "user", "assistant", "tool")}
    assert sum(len(v) for v in by_role.values()) == len(conversation)
    assert conversation.text() == "\n".join(m.content for m in conversation)


# ---------------------------------------------------------------- UnicodeText


@pytest.mark.parametrize("text", ["", "\x00", "\u202e\u200b", "مرحبا 👋🏽", "你好" * 10, "e\u0301"],
                         ids=["empty", "nul", "bidi-zero-width", "rtl-emoji", "cjk", "combining"])
def test_unicode_text_contains_hostile_but_encodable_strings(text):
    assert UnicodeText(max_length=64).contains(text)


@pytest.mark.parametrize("value", ["\ud800", "ok\udfff", "x" * 65, 5, b"bytes", None],
                         ids=["lone-high-surrogate", "lone-low-surrogate", "too-long", "int", "bytes", "none"])
def test_unicode_text_does_not_contain_invalid_values(value):
    assert not UnicodeText(max_length=64).contains(value)


@pytest.mark.parametrize("max_length", [0, -1, 1.5, "10"])
def test_unicode_text_refuses_a_bad_max_length(max_length):
    with pytest.raises(ValueError, match="positive int"):
        UnicodeText(max_length=max_length)  # type: ignore[arg-type]


@SETTINGS
@given(max_length=st.integers(min_value=1, max_value=200), seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_unicode_text_samples_are_contained_and_reproducible(max_length, seed):
    a, b = UnicodeText(max_length, seed=seed), UnicodeText(max_length, seed=seed)
    samples = [a.sample() for _ in range(10)]
    assert all(a.contains(s) and len(s) <= max_length for s in samples)
    assert samples == [b.sample() for _ in range(10)]
    a.seed(seed)
    assert samples == [a.sample() for _ in range(10)]


def test_unicode_text_samples_differ_across_seeds():
    draws = {tuple(UnicodeText(seed=seed).sample() for _ in range(3)) for seed in range(5)}
    assert len(draws) == 5


def test_unicode_text_sample_refuses_mask():
    with pytest.raises(ValueError, match="no mask"):
        UnicodeText(seed=0).sample(mask=np.ones(3))


# ---------------------------------------------------------------- ConversationSpace


@SETTINGS
@given(max_messages=st.integers(min_value=1, max_value=12), seed=st.integers(min_value=0, max_value=2**32 - 1))
def test_conversation_space_samples_are_contained_and_reproducible(max_messages, seed):
    a, b = ConversationSpace(max_messages, seed=seed), ConversationSpace(max_messages, seed=seed)
    samples = [a.sample() for _ in range(5)]
    assert all(isinstance(c, Conversation) and a.contains(c) and 1 <= len(c) <= max_messages for c in samples)
    assert samples == [b.sample() for _ in range(5)]
    a.seed(seed)
    assert samples == [a.sample() for _ in range(5)]
    assert a.from_jsonable(a.to_jsonable(samples)) == samples


def test_conversation_space_does_not_contain_invalid_values():
    space = ConversationSpace(max_messages=2, max_message_length=4)
    assert not space.contains([("user", "hi")])
    assert not space.contains(Conversation.of(("system", "s"), ("user", "u"), ("user", "v")))
    assert not space.contains(Conversation.of(("user", "too long")))
    assert not space.contains(Conversation.of(("user", "\ud800")))
    assert space.contains(Conversation.of(("user", "ok")))


def test_conversation_space_seeded_with_a_generator_is_reproducible():
    a = ConversationSpace(seed=np.random.default_rng(0))
    b = ConversationSpace(seed=np.random.default_rng(0))
    assert [a.sample() for _ in range(3)] == [b.sample() for _ in range(3)]


# ---------------------------------------------------------------- sparsity schedules


def deliver(schedule, rewards, seed=0):
    schedule.reset(seed)
    return [schedule.step(r, i == len(rewards) - 1) for i, r in enumerate(rewards)]


def assert_same_total(delivered, rewards):
    scale = sum(abs(r) for r in rewards)
    assert math.isclose(sum(delivered), sum(rewards), rel_tol=1e-9, abs_tol=1e-9 * scale + 1e-12)


@SETTINGS
@given(REWARDS)
def test_dense_sparsity_delivers_each_reward_when_earned(rewards):
    assert deliver(make_schedule("dense"), rewards) == rewards


@SETTINGS
@given(REWARDS)
def test_terminal_sparsity_preserves_episode_return(rewards):
    delivered = deliver(make_schedule("terminal"), rewards)
    assert delivered[:-1] == [0.0] * (len(rewards) - 1)
    assert_same_total(delivered, rewards)


@SETTINGS
@given(REWARDS, st.integers(min_value=1, max_value=10))
def test_delayed_sparsity_preserves_return_and_delays_by_k(rewards, k):
    delivered = deliver(make_schedule("delayed", k=k), rewards)
    assert_same_total(delivered, rewards)
    for i, value in enumerate(delivered[:-1]):
        assert value == (rewards[i - k] if i >= k else 0.0)


@SETTINGS
@given(REWARDS, st.floats(min_value=0.0, max_value=1.0), st.integers(min_value=0, max_value=2**53))
def test_stochastic_sparsity_preserves_return_and_is_seed_stable(rewards, p, seed):
    schedule = make_schedule("stochastic", p=p)
    delivered = deliver(schedule, rewards, seed)
    assert_same_total(delivered, rewards)
    assert deliver(make_schedule("stochastic", p=p), rewards, seed) == delivered
    assert deliver(schedule, rewards, seed) == delivered  # reset really resets


@SETTINGS
@given(REWARDS, st.integers(min_value=0, max_value=2**53))
def test_stochastic_sparsity_with_p_one_is_dense_and_with_p_zero_is_terminal(rewards, seed):
    assert deliver(make_schedule("stochastic", p=1.0), rewards, seed) == rewards
    assert deliver(make_schedule("stochastic", p=0.0), rewards, seed) == deliver(make_schedule("terminal"), rewards)


@SETTINGS
@given(REWARDS, st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_binary_sparsity_pays_one_or_zero_at_the_end_by_threshold(rewards, threshold):
    delivered = deliver(make_schedule("binary", threshold=threshold), rewards)
    assert delivered[:-1] == [0.0] * (len(rewards) - 1)
    total = 0.0
    for r in rewards:
        total += r
    assert delivered[-1] == (1.0 if total >= threshold else 0.0)


def test_schedules_declare_whether_they_preserve_return():
    preserving = {kind: make_schedule(kind).preserves_return for kind in ("dense", "terminal", "binary", "delayed", "stochastic")}
    assert preserving == {"dense": True, "terminal": True, "binary": False, "delayed": True, "stochastic": True}


def test_schedule_state_does_not_leak_between_episodes():
    for kind in ("terminal", "binary", "delayed", "stochastic"):
        schedule = make_schedule(kind, threshold=1.0, p=0.0, k=3)
        schedule.reset(0)
        schedule.step(5.0, False)  # an episode abandoned mid-way
        assert deliver(schedule, [0.25, 0.25]) == deliver(make_schedule(kind, threshold=1.0, p=0.0, k=3), [0.25, 0.25]), kind


@pytest.mark.parametrize("build, match", [
    (lambda: make_schedule("sparse"), "unknown sparsity kind 'sparse'"),
    (lambda: Delayed(0), "k >= 1"),
    (lambda: Stochastic(1.5), "0 <= p <= 1"),
    (lambda: Stochastic(-0.1), "0 <= p <= 1"),
], ids=["unknown-kind", "delayed-k-0", "stochastic-p-above-1", "stochastic-p-negative"])
def test_invalid_schedule_parameters_are_refused(build, match):
    with pytest.raises(ValueError, match=match):
        build()


def test_binary_threshold_is_inclusive():
    assert deliver(Binary(1.0), [0.5, 0.5]) == [0.0, 1.0]
    assert deliver(Binary(1.0), [0.5, 0.25]) == [0.0, 0.0]
