"""GRPO credit assignment: ``advantage: episode`` cannot see reward sparsity, ``per_turn`` can.

The group is one seed of Sycophancy-v0 (two turns: the answer, then "Are you sure?") played by
four scripted behaviours, so the group's returns differ (a random hf:tiny would give every
episode the same reward and no signal); the update is hf:tiny's real GRPO gradient on them.
"""

from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from textgym.agents.episodes import EnvPool, collect_episodes
from textgym.agents.grpo import GRPOConfig, group_advantages, grpo_update, per_turn_advantages, policy_sequence, token_advantages
from textgym.agents.runs import load_trainable
from textgym.rollout import EpisodeRecord
from textgym.types import Conversation

BEHAVIOURS = [("aligned", "aligned"), ("exploit", "exploit"), ("hedge", "hedge"), ("aligned", "exploit")]  # (turn 1, turn 2)


class PerSlot:
    """Slot i of the lock-step batch plays BEHAVIOURS[i] (turn 1's and turn 2's reference policy)."""

    name = "per-slot"

    def __init__(self, env):
        self.scripted = env.unwrapped.reference_policies()

    def act(self, observations):
        turn = lambda obs: sum(m.role == "assistant" for m in obs)  # noqa: E731
        return [self.scripted[BEHAVIOURS[i][min(turn(obs), 1)]](obs) for i, obs in enumerate(observations)]


@pytest.fixture(scope="module")
def trainable():
    return load_trainable("hf:tiny")


def _group(sparsity: str):
    pool = EnvPool("textgym/Sycophancy-v0", len(BEHAVIOURS), axes={"sparsity": sparsity, "cues": "belief"})
    trajectories = collect_episodes(pool, PerSlot(pool.envs[0]), [0] * len(BEHAVIOURS))
    pool.close()
    return trajectories


def _update(trainable, trajectories, advantage: str):
    """Per-token advantages and the gradient of one GRPO step (SGD at lr 0: the weights stay)."""
    config = GRPOConfig(env="textgym/Sycophancy-v0", out="unused", batch=1, group_size=len(BEHAVIOURS), advantage=advantage,
                        beta=0.0, micro_batch=4, max_grad_norm=1e9)
    built = [policy_sequence(trainable.tokenizer, t) for t in trajectories]
    sequences = [b[0] for b in built]
    records = [t.record for t in trajectories]
    if advantage == "per_turn":
        advantages = [token_advantages(b[2], len(b[0]), a) for b, a in zip(built, per_turn_advantages(records, config))]
    else:
        flat = group_advantages(records, config)[1]
        advantages = [token_advantages(b[2], len(b[0]), [float(a)] * len(b[2])) for b, a in zip(built, flat)]
    trainable.model.zero_grad(set_to_none=True)
    optimizer = torch.optim.SGD(trainable.trainable_parameters(), lr=0.0)
    grpo_update(trainable, optimizer, sequences, advantages if advantage == "per_turn" else group_advantages(records, config)[1], config)
    gradient = torch.cat([p.grad.flatten() for p in trainable.trainable_parameters()])
    return advantages, gradient


def test_dense_and_terminal_give_the_same_update_per_episode_and_different_ones_per_turn(trainable):
    dense, terminal = _group("dense"), _group("terminal")
    assert [t.record.conversation for t in dense] == [t.record.conversation for t in terminal]  # same episodes
    assert [t.record.proxy_return for t in dense] == pytest.approx([t.record.proxy_return for t in terminal])
    assert [t.record.rewards for t in dense] != [t.record.rewards for t in terminal]  # ... delivered at different turns
    assert len({round(t.record.proxy_return, 6) for t in dense}) > 1  # the group has a learning signal

    adv_dense, grad_dense = _update(trainable, dense, "episode")
    adv_terminal, grad_terminal = _update(trainable, terminal, "episode")
    assert any(any(a) for a in adv_dense)
    assert all(torch.allclose(torch.tensor(a), torch.tensor(b), atol=1e-6) for a, b in zip(adv_dense, adv_terminal))
    assert grad_dense.abs().max() > 0
    assert torch.allclose(grad_dense, grad_terminal, atol=1e-6)

    turn_dense, turn_grad_dense = _update(trainable, dense, "per_turn")
    turn_terminal, turn_grad_terminal = _update(trainable, terminal, "per_turn")
    assert not all(torch.allclose(torch.tensor(a), torch.tensor(b), atol=1e-3) for a, b in zip(turn_dense, turn_terminal))
    assert not torch.allclose(turn_grad_dense, turn_grad_terminal, atol=1e-4)
    # terminal sparsity carries no per-turn information: per_turn then equals episode credit
    assert all(torch.allclose(torch.tensor(a), torch.tensor(b), atol=1e-4) for a, b in zip(turn_terminal, adv_terminal))


def test_grpo_run_with_per_turn_advantage_and_cli_flag(tmp_path):
    from textgym.agents.grpo import train_grpo
    from textgym.cli import main

    metrics = train_grpo(GRPOConfig(env="textgym/Sycophancy-v0", policy="hf:tiny", out=tmp_path / "a", steps=1, group_size=2, batch=1,
                                    max_new_tokens=4, advantage="per_turn", save_every=0, progress=False))
    assert metrics[-1]["step"] == 1 and "no_signal" in metrics[-1]
    code = main(["train", "--env", "textgym/Sycophancy-v0", "--policy", "hf:tiny", "--steps", "1", "--group-size", "2", "--batch", "1",
                 "--max-new-tokens", "4", "--advantage", "per_turn", "--save-every", "0", "--out", str(tmp_path / "b"), "--quiet"])
    assert code == 0
    import json

    assert json.loads((tmp_path / "b" / "train_config.json").read_text())["advantage"] == "per_turn"


def test_per_turn_refuses_component_weights():
    with pytest.raises(ValueError, match="per_turn"):
        GRPOConfig(env="e", out="o", advantage="per_turn", component_weights={"content": 1.0}).check()


def _record(rewards):
    return EpisodeRecord("e", {}, 0, "p", Conversation(), rewards=list(rewards))


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.floats(-1, 1), min_size=1, max_size=3), min_size=2, max_size=5))
def test_per_turn_advantages_are_centred_per_turn_and_equal_episode_ones_for_a_terminal_reward(groups):
    config = GRPOConfig(env="e", out="o", batch=1, group_size=len(groups), advantage="per_turn")
    advantages = per_turn_advantages([_record(r) for r in groups], config)
    assert [len(a) for a in advantages] == [len(r) for r in groups]
    for t in range(max(len(r) for r in groups)):
        at_t = [a[t] for a in advantages if len(a) > t]
        assert abs(sum(at_t)) < 1e-6 * max(1.0, max(abs(x) for x in at_t))  # the baseline is the group mean at turn t
    # all reward at the last turn, equal lengths: reward-to-go is the return at every turn
    length = max(len(r) for r in groups)
    terminal = [[0.0] * (length - 1) + [sum(r)] for r in groups]
    per_turn = per_turn_advantages([_record(r) for r in terminal], config)
    _, episode = group_advantages([_record(r) for r in terminal], GRPOConfig(env="e", out="o", batch=1, group_size=len(groups)))
    for a, e in zip(per_turn, episode.tolist()):
        assert a == pytest.approx([e] * length, abs=1e-3)
