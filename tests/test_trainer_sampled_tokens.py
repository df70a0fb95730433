"""The trainers score the token ids that were sampled, never a re-encoding of the decoded text."""

from __future__ import annotations

import pytest
import torch

import textgym.agents.expert_iteration as expert_iteration
import textgym.agents.grpo as grpo
from textgym.agents.episodes import Trajectory, sampled_tokens
from textgym.lm.generation import Generation
from textgym.agents.grpo import GRPOConfig, policy_sequence, train_grpo
from textgym.lm.sequences import pack, token_logprobs
from textgym.lm.models import load_model
from textgym.rollout import EpisodeRecord
from textgym.types import Conversation


@pytest.fixture(scope="module")
def tiny():
    return load_model("tiny")


def _reencoded(tokenizer, generation: Generation) -> tuple[int, ...]:
    return tuple(tokenizer.encode(generation.text, add_special_tokens=False))


def _captured_grpo_step(tmp_path, monkeypatch, **overrides):
    """Run one real GRPO step on hf:tiny; return its trajectories, the sequences it trained on and the model."""
    seen: dict = {}
    collect, update = grpo.collect_episodes, grpo.grpo_update

    def collect_and_keep(*args, **kwargs):
        seen["trajectories"] = collect(*args, **kwargs)
        return seen["trajectories"]

    def update_and_keep(trainable, optimizer, sequences, advantages, config):
        seen["sequences"], seen["trainable"] = list(sequences), trainable
        with torch.no_grad():  # the policy that sampled: score before the update changes it
            seen["logprobs"] = [
                token_logprobs(trainable.model, pack([s], trainable.tokenizer.pad_token_id), config.prefix_gradient, config.temperature)[0]
                for s in sequences
            ]
        return update(trainable, optimizer, sequences, advantages, config)

    monkeypatch.setattr(grpo, "collect_episodes", collect_and_keep)
    monkeypatch.setattr(grpo, "grpo_update", update_and_keep)
    config = dict(env="textgym/Sycophancy-v0", policy="hf:tiny", out=tmp_path / "run", steps=1, group_size=2, batch=2,
                  max_new_tokens=8, temperature=1.0, save_every=0, progress=False)
    metrics = train_grpo(GRPOConfig(**{**config, **overrides}))
    return seen, metrics


@pytest.mark.parametrize("prefix_gradient", ["loss_mask", "stop"])
def test_grpo_trains_on_the_sampled_ids_and_reproduces_the_sampling_logprobs(tmp_path, monkeypatch, prefix_gradient):
    seen, metrics = _captured_grpo_step(tmp_path, monkeypatch, prefix_gradient=prefix_gradient)
    tokenizer = seen["trainable"].tokenizer
    differing = 0
    for trajectory, sequence, logprobs in zip(seen["trajectories"], seen["sequences"], seen["logprobs"]):
        tokenized = sampled_tokens(tokenizer, trajectory.record.conversation, trajectory.generations).tokenized
        policy_messages = [i for i, s in enumerate(tokenized.sources) if s == "policy"]
        assert len(policy_messages) == len(trajectory.generations) == 2  # Sycophancy-v0 asks "Are you sure?"
        for index, generation in zip(policy_messages, trajectory.generations):
            start = tokenized.replies[index][0]
            ids = generation.token_ids
            assert sequence.input_ids[start : start + len(ids)] == ids  # the exact sampled ids are in the training batch
            assert sequence.input_ids[:start] == generation.prompt_ids  # ... in the exact context they were sampled in
            assert all(sequence.loss_mask[start : start + len(ids)])
            assert sequence.grad_start < start  # the whole reply is scored with gradients under "stop"
            differing += _reencoded(tokenizer, generation) != tuple(t for t in ids if t != tokenizer.eos_token_id)
            # column j of token_logprobs scores input id split + 1 + j (one sequence: split = grad_start)
            column = start - sequence.grad_start - 1
            scored = logprobs[column : column + len(ids)]
            assert torch.allclose(scored, torch.tensor(generation.logprobs), atol=1e-4), (scored, generation.logprobs)
    assert differing > 0  # the case that matters happened: decode -> re-encode gave other ids
    assert metrics[-1]["reencoded_same"] < 1.0


def test_forced_unmerged_ids_are_trained_as_sampled_not_as_their_merged_re_encoding(tiny):
    _, tokenizer = tiny
    text = "The answer is Paris."
    merged = tuple(tokenizer.encode(text, add_special_tokens=False))
    pieces = tuple(t for ch in text for t in tokenizer.encode(ch, add_special_tokens=False))  # one token per character
    assert pieces != merged and tokenizer.decode(pieces) == text
    sampled = pieces + (tokenizer.eos_token_id,)
    conversation = Conversation.of(("user", "Capital of France?"), ("assistant", text, "policy"))
    trajectory = Trajectory(EpisodeRecord("e", {}, 0, "p", conversation, rewards=[1.0]), [Generation(text, token_ids=sampled)])
    sequence, same, spans = policy_sequence(tokenizer, trajectory)
    assert same == [False]
    (start, end), = spans
    assert sequence.input_ids[start:end] == sampled
    assert [i for i, m in enumerate(sequence.loss_mask) if m] == list(range(start, end))
    assert merged not in [sequence.input_ids[i : i + len(merged)] for i in range(len(sequence))]


def test_a_cut_reply_keeps_the_templates_end_of_turn_as_context_but_does_not_train_it(tiny):
    _, tokenizer = tiny
    text = "Paris is the"
    ids = tuple(tokenizer.encode(text, add_special_tokens=False))
    conversation = Conversation.of(("user", "Capital of France?"), ("assistant", text, "policy"))
    for finished in (True, False):
        sampled = ids + (tokenizer.eos_token_id,) if finished else ids
        trajectory = Trajectory(EpisodeRecord("e", {}, 0, "p", conversation, rewards=[1.0]), [Generation(text, token_ids=sampled, finished=finished)])
        for sequence in (policy_sequence(tokenizer, trajectory)[0], expert_iteration.clone_sequence(tokenizer, trajectory)):
            trained = [sequence.input_ids[i] for i, m in enumerate(sequence.loss_mask) if m]
            assert trained == list(ids) + ([tokenizer.eos_token_id] if finished else [])
            assert tokenizer.eos_token_id in sequence.input_ids[-3:]  # the template still closes the turn


def test_expert_iteration_on_its_own_samples_clones_the_sampled_ids_and_no_end_of_turn_of_a_cut_reply(tmp_path, monkeypatch, tiny):
    seen: dict = {"sequences": []}
    collect, clone = expert_iteration.collect_episodes, expert_iteration.clone_step

    def collect_and_keep(*args, **kwargs):
        seen["trajectories"] = collect(*args, **kwargs)
        return seen["trajectories"]

    def clone_and_keep(trainable, optimizer, sequences, config):
        seen["sequences"] += list(sequences)
        return clone(trainable, optimizer, sequences, config)

    monkeypatch.setattr(expert_iteration, "collect_episodes", collect_and_keep)
    monkeypatch.setattr(expert_iteration, "clone_step", clone_and_keep)
    config = expert_iteration.ExpertIterationConfig(
        env="textgym/Sycophancy-v0", policy="hf:tiny", behaviour="self", out=tmp_path / "run", steps=1, collect=2, batch=2,
        keep_top=1.0, eval_every=0, max_new_tokens=3, temperature=1.0, save_every=0, progress=False,
    )
    expert_iteration.train_expert_iteration(config)
    _, tokenizer = tiny
    trajectories = seen["trajectories"]
    cut = [g for t in trajectories for g in t.generations if not g.finished]
    assert cut  # 3 new tokens of a random model: replies are cut
    expected = {expert_iteration.clone_sequence(tokenizer, t).input_ids: t for t in trajectories}
    for sequence in seen["sequences"]:
        trajectory = expected[sequence.input_ids]
        trained = [sequence.input_ids[i] for i, m in enumerate(sequence.loss_mask) if m]
        assert trained == [t for g in trajectory.generations for t in g.token_ids]  # sampled ids, nothing else
        for g in trajectory.generations:
            if not g.finished:
                assert tokenizer.eos_token_id not in g.token_ids


def test_generate_with_prompt_ids_equals_generate_from_the_rendered_text(tiny):
    from textgym.lm.generation import generate
    from textgym.lm.tokenization import tokenize_conversation

    model, tokenizer = tiny
    chats = [Conversation.of(("user", "hi")), Conversation.of(("system", "Be brief."), ("user", "What is 2+2? Answer."))]
    ids = [tokenize_conversation(tokenizer, c, add_generation_prompt=True).input_ids for c in chats]
    plain = generate(model, tokenizer, [c.to_chat() for c in chats], max_new_tokens=5, temperature=1.0, seed=3)
    given = generate(model, tokenizer, [c.to_chat() for c in chats], max_new_tokens=5, temperature=1.0, seed=3, prompt_ids=[ids[0], None])
    assert [g.token_ids for g in plain] == [g.token_ids for g in given]
    assert [g.prompt_ids for g in given] == [tuple(i) for i in ids]
    with pytest.raises(ValueError, match="one entry"):
        generate(model, tokenizer, [c.to_chat() for c in chats], prompt_ids=[ids[0]])


def test_an_observation_showing_fewer_policy_turns_is_aligned_from_the_last_turn(tiny):
    _, tokenizer = tiny
    first, second = (tuple(tokenizer.encode(t, add_special_tokens=False)) + (tokenizer.eos_token_id,) for t in ("Four.", "Yes, four."))
    shown = Conversation.of(("user", "Are you sure?"), ("assistant", "Yes, four.", "policy"))  # the env dropped turn 1
    spliced = sampled_tokens(tokenizer, shown, [Generation("Four.", token_ids=first), Generation("Yes, four.", token_ids=second)])
    assert spliced.turn_of_message == {1: 1}
    assert spliced.tokenized.input_ids[slice(*spliced.tokenized.replies[1])] == second
