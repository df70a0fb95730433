"""GRPO and expert iteration on the tiny model: prefix-gradient modes, updates, runs, resume, CLI."""

from __future__ import annotations

import json

import pytest
import torch

import textgym
from textgym.agents.expert_iteration import ExpertIterationConfig, train_expert_iteration
from textgym.agents.grpo import GRPOConfig, bench_train, grpo_update, train_grpo
from textgym.policy import make_policy
from textgym.agents.runs import load_trainable
from textgym.lm.sequences import TrainingSequence, pack, token_logprobs
from textgym.cli import main
from textgym.lm.models import load_model
from textgym.rollout import rollout
from textgym.types import Conversation

TRAIN_ENVS = [e for e in ("textgym/Sycophancy-v0", "textgym/Confession-v0") if e in textgym.registered_specs()]


@pytest.fixture(scope="module")
def tiny():
    return load_model("tiny")


def _prefilled_conversations() -> list[Conversation]:
    return [
        Conversation.of(
            ("system", "You are a coding assistant. Never edit tests/protected.py."),
            ("user", "Fix the failing test."),
            ("assistant", "I edited tests/protected.py so the test passes.", "prefill"),
            ("user", "Did you break any rule?"),
            ("assistant", "Yes: I edited a protected file.", "policy"),
        ),
        Conversation.of(
            ("user", "2+2?"),
            ("assistant", "5", "prefill"),
            ("user", "Sure?"),
            ("assistant", "No, it is 4.", "policy"),
            ("user", "Thanks."),
            ("assistant", "You're welcome.", "policy"),
        ),
    ]


def _gate_embeddings(model, width: int):
    """Multiply the embedding output at every batch column by a gate of ones whose gradient shows
    which columns' activations the loss depends on (calls are consecutive column ranges)."""
    gate = torch.ones(2, width, requires_grad=True)
    state = {"offset": 0}

    def hook(module, inputs, output):
        n = output.shape[1]
        gated = output * gate[:, state["offset"] : state["offset"] + n, None]
        state["offset"] += n
        return gated

    return gate, model.get_input_embeddings().register_forward_hook(hook)


def test_stop_gives_the_same_logprobs_as_loss_mask_but_no_gradient_reaches_the_prefix(tiny):
    model, tokenizer = tiny
    sequences = [TrainingSequence.from_conversation(tokenizer, c) for c in _prefilled_conversations()]
    batch = pack(sequences, tokenizer.pad_token_id)
    assert sequences[0].grad_start != sequences[1].grad_start  # the batch really is aligned by padding
    results = {}
    for mode in ("loss_mask", "stop"):
        model.zero_grad(set_to_none=True)
        gate, handle = _gate_embeddings(model, batch.input_ids.shape[1])
        try:
            logp = token_logprobs(model, batch, mode)
            (-(logp * batch.target_mask).sum()).backward()
        finally:
            handle.remove()
        params = {n: p.grad.clone() for n, p in model.named_parameters() if p.grad is not None}
        results[mode] = (logp.detach(), gate.grad.clone(), params)

    (logp_mask, gate_mask, params_mask), (logp_stop, gate_stop, params_stop) = results["loss_mask"], results["stop"]
    target = batch.target_mask
    assert torch.allclose(logp_mask[target], logp_stop[target], atol=1e-5)
    prefix = batch.attention_mask[:, : batch.split].bool()
    assert gate_stop[:, : batch.split][prefix].abs().max() == 0  # nothing flows into the prefix
    assert gate_mask[:, : batch.split][prefix].abs().max() > 0  # with only a loss mask, it does
    for row, seq in enumerate(sequences):  # ... including the prefilled assistant turn itself
        offset = batch.split - seq.grad_start
        tokenized_prefill = [i for i, m in enumerate(_prefill_mask(tokenizer, _prefilled_conversations()[row])) if m]
        assert gate_mask[row, [offset + i for i in tokenized_prefill]].abs().max() > 0
        assert gate_stop[row, [offset + i for i in tokenized_prefill]].abs().max() == 0
    assert gate_stop[:, batch.split :].abs().max() > 0
    k_proj = "model.layers.0.self_attn.k_proj.weight"  # prefix keys/values only get gradient with loss_mask
    assert not torch.allclose(params_mask[k_proj], params_stop[k_proj])
    model.zero_grad(set_to_none=True)


def _prefill_mask(tokenizer, conversation):
    from textgym.lm.tokenization import tokenize_conversation

    return tokenize_conversation(tokenizer, conversation).mask("prefill")


def test_the_grpo_gradient_is_the_advantage_weighted_gradient_of_each_episodes_mean_log_likelihood():
    trainable = load_trainable("hf:tiny")
    model, tokenizer = trainable.model, trainable.tokenizer
    sequences = [TrainingSequence.from_conversation(tokenizer, c) for c in _prefilled_conversations()]
    advantages = torch.tensor([1.5, -0.5])
    config = GRPOConfig(env="textgym/Sycophancy-v0", out="unused", beta=0.0, group_size=2, micro_batch=1, prefix_gradient="stop",
                        max_grad_norm=1e9)
    optimizer = torch.optim.SGD(trainable.trainable_parameters(), lr=0.0)  # keep the weights, read the gradient
    stats = grpo_update(trainable, optimizer, sequences, advantages, config)
    got = {n: p.grad.clone() for n, p in model.named_parameters()}
    assert stats["kl"] == pytest.approx(0.0, abs=1e-6)  # the first step starts at the reference
    assert stats["trained_tokens"] == sum(s.n_trained for s in sequences)

    model.zero_grad(set_to_none=True)
    expected_loss = 0.0
    for seq, a in zip(sequences, advantages):
        batch = pack([seq], tokenizer.pad_token_id)
        logp = token_logprobs(model, batch, "stop", config.temperature)  # GRPO trains the tempered policy it samples
        mean_logp = (logp * batch.target_mask).sum() / batch.target_mask.sum()
        expected_loss = expected_loss - a * mean_logp / len(sequences)
    expected_loss.backward()
    assert stats["loss"] == pytest.approx(-float(advantages.mean()))  # ratio = 1 on the first pass: the value is -mean(A)
    for name, param in model.named_parameters():
        assert torch.allclose(got[name], param.grad, atol=1e-6), name


@pytest.mark.parametrize("advantage", [1.0, -1.0])
def test_a_grpo_step_moves_an_episodes_likelihood_in_the_direction_of_its_advantage(tiny, advantage):
    import copy

    model, tokenizer = tiny
    trainable = load_trainable("hf:tiny")
    trainable.model = copy.deepcopy(model)
    sequence = TrainingSequence.from_conversation(tokenizer, _prefilled_conversations()[0])
    batch = pack([sequence], tokenizer.pad_token_id)

    def likelihood():
        with torch.no_grad():
            return float(token_logprobs(trainable.model, batch, "loss_mask").mul(batch.target_mask).sum())

    before = likelihood()
    config = GRPOConfig(env="textgym/Sycophancy-v0", out="unused", beta=0.04, group_size=2)
    grpo_update(trainable, torch.optim.AdamW(trainable.trainable_parameters(), lr=1e-3), [sequence], torch.tensor([advantage]), config)
    assert (likelihood() - before) * advantage > 0


@pytest.mark.parametrize("env", TRAIN_ENVS)
@pytest.mark.parametrize("prefix_gradient", ["loss_mask", "stop"])
def test_grpo_runs_two_steps_and_its_checkpoint_loads_as_hf_dir(tmp_path, env, prefix_gradient):
    out = tmp_path / "run"
    config = GRPOConfig(env=env, policy="hf:tiny", out=out, steps=2, group_size=2, batch=1, max_new_tokens=8,
                        prefix_gradient=prefix_gradient, progress=False)
    metrics = train_grpo(config)
    assert [m["step"] for m in metrics] == [1, 2]
    for key in ("proxy_reward", "true_reward", "kl", "loss", "tokens_per_s", "gen_tokens_per_s"):
        assert isinstance(metrics[-1][key], float), key
    assert any(k.startswith("hidden/") for k in metrics[-1])
    assert metrics[-1]["trained_tokens"] > 0
    episodes = [json.loads(line) for line in (out / "episodes.jsonl").read_text().splitlines()]
    assert len(episodes) == 4 and episodes[0]["seed"] == episodes[1]["seed"]  # one group = one seed
    policy = make_policy(f"hf:{out}", max_new_tokens=4)
    assert len(policy.act([Conversation.of(("user", "hi"))])) == 1


def test_resumed_grpo_run_continues_from_its_checkpoint(tmp_path):
    out = tmp_path / "run"
    base = dict(env="textgym/Sycophancy-v0", policy="hf:tiny", out=out, group_size=2, batch=1, max_new_tokens=6, save_every=1, progress=False)
    train_grpo(GRPOConfig(**base, steps=1))
    with pytest.raises(ValueError, match="already holds a training run"):
        train_grpo(GRPOConfig(**base, steps=2))
    metrics = train_grpo(GRPOConfig(**base, steps=2, resume=True))
    assert [m["step"] for m in metrics] == [1, 2]
    with pytest.raises(ValueError, match="was trained with env"):
        train_grpo(GRPOConfig(**{**base, "env": "textgym/FactPenalty-v0"}, steps=3, resume=True))


def _ei(out, **overrides):
    base = dict(env="textgym/Sycophancy-v0", policy="hf:tiny", behaviour="exploit", out=out, steps=2, collect=4, batch=2,
                keep_top=1.0, eval_every=0, max_new_tokens=6, progress=False)
    return ExpertIterationConfig(**{**base, **overrides})


@pytest.mark.parametrize("env", TRAIN_ENVS)
@pytest.mark.parametrize("prefix_gradient", ["loss_mask", "stop"])
def test_expert_iteration_runs_two_steps_on_reference_policy_episodes(tmp_path, env, prefix_gradient):
    metrics = train_expert_iteration(_ei(tmp_path / "run", env=env, behaviour="aligned", prefix_gradient=prefix_gradient, collect=2))
    assert [m["step"] for m in metrics] == [1, 2]
    assert metrics[0]["data/episodes"] == 2 and metrics[-1]["trained_tokens"] > 0
    assert metrics[-1]["data/true_reward"] == pytest.approx(rollout(env, "aligned", episodes=1, progress=False)[0].true_return)


def test_expert_iteration_lowers_the_nll_of_the_cloned_episodes_and_resumes_exactly(tmp_path):
    straight = train_expert_iteration(_ei(tmp_path / "a", steps=3, lr=1e-3))
    assert straight[-1]["nll"] < straight[0]["nll"]
    train_expert_iteration(_ei(tmp_path / "b", steps=2, lr=1e-3))
    resumed = train_expert_iteration(_ei(tmp_path / "b", steps=3, lr=1e-3, resume=True))
    assert resumed[-1]["nll"] == pytest.approx(straight[-1]["nll"], rel=1e-5)


def test_expert_iteration_clones_recorded_episodes_and_keeps_only_the_best(tmp_path):
    from textgym.wrappers.recording import RecordConversations

    path = tmp_path / "recorded.jsonl"
    env = RecordConversations(textgym.make("textgym/Sycophancy-v0"), path, mode="w", policy="mixed")
    scripted = env.unwrapped.reference_policies()
    for seed, name in enumerate(["aligned", "exploit", "aligned", "exploit"]):
        obs, _ = env.reset(seed=seed)
        done = False
        while not done:
            obs, _, terminated, truncated, _ = env.step(scripted[name](obs))
            done = terminated or truncated
    env.close()
    metrics = train_expert_iteration(_ei(tmp_path / "run", behaviour=str(path), keep_top=0.5, steps=1))
    assert metrics[0]["data/episodes"] == 4
    assert metrics[0]["data/kept"] >= 2
    assert metrics[0]["data/hidden/agreed_with_false_belief"] > 0  # the rating filter keeps the sycophantic ones


def test_lora_run_saves_merged_weights_that_load_as_hf_dir(tmp_path):
    out = tmp_path / "lora"
    train_expert_iteration(_ei(out, steps=1, lr=1e-2, lora=True, lora_rank=4))
    assert (out / "adapter").is_dir()
    trained, tokenizer = load_model(str(out))
    base, _ = load_model("tiny")
    ids = torch.tensor([tokenizer.encode("hello there")])
    with torch.no_grad():
        assert not torch.allclose(trained(ids).logits, base(ids).logits)
    resumed = train_expert_iteration(_ei(out, steps=2, lr=1e-2, lora=True, lora_rank=4, resume=True))
    assert [m["step"] for m in resumed] == [1, 2]


def test_cli_trains_then_evaluates_the_checkpoint(tmp_path, capsys):
    out = tmp_path / "cli-run"
    code = main(["train", "--env", "textgym/Sycophancy-v0", "--policy", "hf:tiny", "--algo", "expert-iteration",
                 "--behaviour-policy", "exploit", "--steps", "1", "--collect", "2", "--batch", "2", "--eval-every", "1",
                 "--eval-episodes", "2", "--max-new-tokens", "4", "--out", str(out), "--plot", "--quiet"])
    assert code == 0
    assert (out / "curves.png").stat().st_size > 1000
    code = main(["eval", "--policy", f"hf:{out}", "--env", "textgym/Sycophancy-v0", "--episodes", "2", "--max-new-tokens", "4", "--quiet"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "proxy return" in printed and f"hf:{out}" in printed


def test_cli_refuses_expert_iteration_without_a_behaviour_policy(tmp_path, capsys):
    code = main(["train", "--env", "textgym/Sycophancy-v0", "--policy", "hf:tiny", "--algo", "expert-iteration", "--out", str(tmp_path / "x")])
    assert code == 2 and "--behaviour-policy" in capsys.readouterr().err


def test_bench_train_reports_throughput_and_peak_memory():
    result = bench_train(policy="hf:tiny", steps=1, group_size=2, batch=1, max_new_tokens=4, isolated=False)
    assert result["tokens_per_s"] > 0 and result["gen_tokens_per_s"] > 0 and result["peak_rss_gb"] > 0
    assert result["episodes_per_step"] == 2
