"""The policy protocol with log-probabilities, batched generation, and token spans per message."""

from __future__ import annotations

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textgym.lm.generation import generate
from textgym.agents.hf_policy import HFPolicy
from textgym.policy import SamplingPolicy, ScriptedPolicy, generate_actions
from textgym.lm.tokenization import TemplateNotPrefixStable, tokenize_conversation
from textgym.lm.models import load_model
from textgym.types import Conversation, Message


@pytest.fixture(scope="module")
def tiny():
    return load_model("tiny")


def test_generation_logprobs_equal_a_forward_pass_over_the_unpadded_prompt_and_reply(tiny):
    model, tokenizer = tiny
    chats = [
        [{"role": "user", "content": "hi"}],
        [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "What is the capital of Australia, please?"}],
    ]
    generations = generate(model, tokenizer, chats, max_new_tokens=6, temperature=1.0, seed=3)
    assert generations[0].prompt_ids != generations[1].prompt_ids  # different lengths: left padding in the batch
    for g in generations:
        assert len(g.token_ids) == len(g.logprobs) >= 1
        ids = torch.tensor([g.prompt_ids + g.token_ids])
        with torch.no_grad():
            logits = model(ids).logits[0, len(g.prompt_ids) - 1 : -1].float()
        expected = torch.log_softmax(logits, -1).gather(-1, torch.tensor(g.token_ids)[:, None])[:, 0]
        assert torch.allclose(torch.tensor(g.logprobs), expected, atol=1e-4)


def test_seeded_sampling_is_reproducible_and_act_matches_generate(tiny):
    model, tokenizer = tiny
    chats = [Conversation.of(("user", "hello")), Conversation.of(("user", "2+2?"))]
    a = HFPolicy("tiny", model=model, tokenizer=tokenizer, max_new_tokens=5, temperature=1.0, seed=7)
    b = HFPolicy("tiny", model=model, tokenizer=tokenizer, max_new_tokens=5, temperature=1.0, seed=7)
    assert a.act(chats) == [g.text for g in b.generate(chats)]
    a.reseed(7)
    b.reseed(8)
    assert [g.token_ids for g in a.generate(chats)] != [g.token_ids for g in b.generate(chats)]


def test_every_policy_yields_generations_and_only_models_carry_logprobs(tiny):
    model, tokenizer = tiny
    scripted = ScriptedPolicy("echo", lambda c: c[-1].content)
    hf = HFPolicy("tiny", model=model, tokenizer=tokenizer, max_new_tokens=3)
    assert isinstance(scripted, SamplingPolicy) and isinstance(hf, SamplingPolicy)
    obs = [Conversation.of(("user", "ping"))]
    assert generate_actions(scripted, obs)[0].logprobs is None
    assert generate_actions(hf, obs)[0].logprobs is not None


def test_a_policy_returning_the_wrong_number_of_actions_is_an_error():
    class Broken:
        name = "broken"

        def act(self, observations):
            return []

    with pytest.raises(ValueError, match="0 actions for 1 observations"):
        generate_actions(Broken(), [Conversation.of(("user", "hi"))])


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
_turn = st.tuples(st.sampled_from(["user", "assistant-policy", "assistant-prefill", "tool"]), _text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.booleans(), st.lists(_turn, min_size=1, max_size=6))
def test_rerendering_any_longer_conversation_keeps_earlier_tokens_and_spans(tiny, with_system, turns):
    _, tokenizer = tiny
    messages = [Message("system", "You are terse.")] if with_system else []
    for kind, text in turns:
        role, _, source = kind.partition("-")
        messages.append(Message(role, text, source or "env"))  # type: ignore[arg-type]
    conversation = Conversation(tuple(messages))
    full = tokenize_conversation(tokenizer, conversation)
    for n in range(1, len(conversation)):
        prefix = tokenize_conversation(tokenizer, conversation[:n], add_generation_prompt=conversation[n].role == "assistant")
        assert full.input_ids[: len(prefix.input_ids)] == prefix.input_ids
        assert full.spans[:n] == prefix.spans and full.replies[:n] == prefix.replies
        if conversation[n].role == "assistant":  # the header the model is prompted with is where the reply starts
            assert prefix.generation_prompt[1] == full.replies[n][0]


def test_reply_span_is_the_content_and_the_end_of_turn_token_only(tiny):
    _, tokenizer = tiny
    conversation = Conversation.of(
        ("user", "Fix the failing test."),
        ("assistant", "I edited tests/protected.py.", "prefill"),
        ("user", "Did you break any rule?"),
        ("assistant", "Yes: I edited a protected file.", "policy"),
    )
    tokenized = tokenize_conversation(tokenizer, conversation)
    start, end = tokenized.replies[3]
    assert tokenizer.decode(list(tokenized.input_ids[start:end])) == "Yes: I edited a protected file.<|im_end|>"
    policy_tokens = [t for t, m in zip(tokenized.input_ids, tokenized.reply_mask("policy")) if m]
    assert tokenizer.decode(policy_tokens) == "Yes: I edited a protected file.<|im_end|>"
    assert tokenized.first_token("policy") == tokenized.spans[3][0] < start
    assert not any(tokenized.reply_mask("env"))


class _ShiftingTemplate:
    """A tokenizer whose template writes the number of messages first (earlier tokens change)."""

    eos_token_id = 0

    def apply_chat_template(self, chat, tokenize=True, add_generation_prompt=False, return_dict=False):
        return [len(chat)] + [len(m["content"]) for m in chat] + ([99] if add_generation_prompt else [])


def test_a_template_that_rewrites_earlier_tokens_is_refused():
    with pytest.raises(TemplateNotPrefixStable, match="changed earlier tokens at position 0"):
        tokenize_conversation(_ShiftingTemplate(), Conversation.of(("user", "a"), ("assistant", "b", "policy")))
