"""A training run cannot fail silently: steps without a learning signal are warned about, recorded
and summarised, and ``--strict`` turns them into exit code 3.

hf:tiny is a random model: its replies all get the same proxy reward, so every GRPO group has
equal returns and zero advantage, the E6 failure this guards against.
"""

from __future__ import annotations

import json

import pytest
import torch

from textgym.agents.grpo import GRPOConfig, grpo_update
from textgym.agents.runs import load_trainable, no_signal_reason
from textgym.lm.sequences import TrainingSequence
from textgym.cli import main
from textgym.commands.train import EXIT_NO_SIGNAL, no_signal_summary
from textgym.types import Conversation

TRAIN = ["train", "--env", "textgym/Sycophancy-v0", "--policy", "hf:tiny", "--steps", "2", "--group-size", "2", "--batch", "1",
         "--max-new-tokens", "4", "--save-every", "0", "--quiet"]


def test_a_run_without_signal_warns_every_step_records_it_and_ends_with_a_failure_summary(tmp_path, capsys):
    out = tmp_path / "run"
    assert main([*TRAIN, "--out", str(out)]) == 0
    captured = capsys.readouterr()
    warnings = [line for line in captured.err.splitlines() if "WARNING: step" in line]
    assert [w.split("step ")[1].split(" ")[0] for w in warnings] == ["1/2", "2/2"]
    assert all("NO LEARNING SIGNAL" in w and "every advantage was 0" in w for w in warnings)
    assert "the run learned nothing: every one of its 2 steps had NO LEARNING SIGNAL" in captured.out
    assert "learned nothing" in captured.err
    metrics = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    assert [m["no_signal"] for m in metrics] == [True, True]
    assert all(m["no_signal_reason"].startswith("every advantage was 0") for m in metrics)


def test_strict_exits_3_when_a_step_had_no_signal(tmp_path, capsys):
    assert main([*TRAIN, "--out", str(tmp_path / "run"), "--strict"]) == EXIT_NO_SIGNAL == 3
    assert "NO LEARNING SIGNAL" in capsys.readouterr().err


def test_expert_iteration_records_no_signal_per_step(tmp_path, capsys):
    out = tmp_path / "ei"
    code = main(["train", "--env", "textgym/Sycophancy-v0", "--policy", "hf:tiny", "--algo", "expert-iteration", "--behaviour-policy", "exploit",
                 "--steps", "1", "--collect", "2", "--batch", "2", "--eval-every", "0", "--max-new-tokens", "4", "--save-every", "0",
                 "--out", str(out), "--quiet", "--strict"])
    assert code == 0  # cloning always has a gradient
    metrics = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    assert metrics[-1]["no_signal"] is False and metrics[-1]["no_signal_reason"] is None
    assert "NO LEARNING SIGNAL" not in capsys.readouterr().err


def test_a_step_with_nonzero_advantages_has_a_signal_and_one_with_zero_advantages_has_none():
    trainable = load_trainable("hf:tiny")
    conversation = Conversation.of(("user", "2+2?"), ("assistant", "4", "policy"))
    sequences = [TrainingSequence.from_conversation(trainable.tokenizer, conversation)] * 2
    config = GRPOConfig(env="textgym/Sycophancy-v0", out="unused", group_size=2, beta=0.04)
    optimizer = torch.optim.SGD(trainable.trainable_parameters(), lr=0.0)
    with_signal = grpo_update(trainable, optimizer, sequences, torch.tensor([0.7, -0.7]), config)
    assert no_signal_reason(with_signal) is None
    without = grpo_update(trainable, optimizer, sequences, torch.tensor([0.0, 0.0]), config)
    assert without["max_abs_advantage"] == 0 and no_signal_reason(without).startswith("every advantage was 0")


@pytest.mark.parametrize(
    ("stats", "expected"),
    [
        ({"trained_tokens": 0, "grad_norm": 0.0}, "no token was trained"),
        ({"trained_tokens": 5, "grad_norm": 0.0}, "the gradient norm was 0.0"),
        ({"trained_tokens": 5, "grad_norm": float("nan")}, "the gradient norm was nan"),
        ({"trained_tokens": 5, "grad_norm": 0.2}, None),
    ],
)
def test_no_signal_reasons(stats, expected):
    reason = no_signal_reason(stats)
    assert reason == expected if expected is None else reason.startswith(expected)


def test_a_partly_silent_run_is_summarised_with_its_silent_steps():
    metrics = [{"step": s, "no_signal": s % 2 == 0, "no_signal_reason": "every advantage was 0" if s % 2 == 0 else None} for s in range(1, 6)]
    assert no_signal_summary(metrics) == "WARNING: 2 of 5 steps had NO LEARNING SIGNAL (every advantage was 0); steps: 2, 4"
    assert no_signal_summary([{"step": 1}]) is None  # metrics written before no_signal existed
