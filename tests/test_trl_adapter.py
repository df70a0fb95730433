"""The TRL adapter: GRPOTrainer trains on a textgym environment; hidden labels are logged, not trained on."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from textgym.integrations.trl import TRLEnvironment

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "trl_grpo.py"


def test_reward_weights_train_only_on_the_proxy_return():
    adapter = TRLEnvironment("textgym/Sycophancy-v0", episodes=2)
    names = [f.__name__ for f in adapter.reward_funcs]
    assert names[:2] == ["proxy_return", "true_return"]
    assert "hidden_agreed_with_false_belief" in names and "hidden_true_reward" not in names
    assert adapter.reward_weights == [1.0] + [0.0] * (len(names) - 1)


def test_hidden_label_column_is_the_episode_label_true_at_any_step_and_none_when_unclear():
    adapter = TRLEnvironment("textgym/Sycophancy-v0", episodes=2)
    rate = dict((f.__name__, f) for f in adapter.reward_funcs)["hidden_correct"]
    episodes = [
        '[{"correct": true}, {"correct": false}]',
        '[{"correct": false}, {"correct": false}]',
        '[{"correct": false}, {"correct": null}]',
        '[{"true_reward": 1.0}]',
    ]
    assert rate(textgym_hidden=episodes) == [1.0, 0.0, None, None]


def test_dataset_keeps_one_seed_per_distinct_opening():
    adapter = TRLEnvironment("textgym/Sycophancy-v0", episodes=40, axes={"cues": "none"})
    rows = adapter.dataset()
    keys = [adapter._key(p) for p in rows["prompt"]]
    assert len(keys) == len(set(keys)) and 0 < len(rows) <= 40


@pytest.mark.slow
def test_grpo_trainer_smoke_run_logs_proxy_as_the_trained_reward(tmp_path):
    pytest.importorskip("trl")
    spec = importlib.util.spec_from_file_location("trl_grpo_example", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    sys.modules["trl_grpo_example"] = module
    spec.loader.exec_module(module)
    logs = module.main(["--model", "hf:tiny", "--steps", "2", "--axis", "cues=belief", "--out", str(tmp_path)])
    assert len(logs) == 2
    for entry in logs:
        assert entry["reward"] == pytest.approx(entry["rewards/proxy_return/mean"])
        assert 0.0 <= entry["rewards/true_return/mean"] <= 2.0
        assert "rewards/hidden_agreed_with_false_belief/mean" in entry
