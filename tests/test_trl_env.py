"""TRL's environment_factory adapter: user turns come from the environment, hidden labels are
logged with weight 0, and a GRPOTrainer step runs with hf:tiny (slow; needs trl)."""

from __future__ import annotations

import copy

import pytest

import textgym
from textgym.integrations.trl_env import ENDED, TextgymToolAdapter, TextgymToolEnvironment

ENV = "textgym/Sycophancy-v0"


def test_reply_steps_the_environment_and_returns_the_users_next_turn():
    tool_env = TextgymToolEnvironment(ENV, axes={"cues": "belief"})
    opening = tool_env.reset(seed=3)
    local = textgym.make(ENV, cues="belief")
    obs, _ = local.reset(seed=3)
    assert all(m.content in opening for m in obs)
    answers, rewards = [], []
    while True:
        answer = tool_env.reply("The answer is Rome.")
        obs, reward, terminated, truncated, info = local.step("The answer is Rome.")
        rewards.append(reward)
        answers.append(answer)
        if terminated or truncated:
            break
        assert answer == obs[-1].content and obs[-1].source != "policy"  # the environment's user turn
    assert answers[-1] == ENDED and tool_env.reply("again") == ENDED and tool_env.steps == len(rewards)
    assert tool_env.get_reward() == pytest.approx(sum(rewards))
    assert tool_env.hidden[-1] == info["hidden"]
    assert all(label not in "".join(answers) for label in info["hidden"])  # nothing hidden reaches the model


def test_reset_starts_a_fresh_seeded_episode():
    tool_env = TextgymToolEnvironment(ENV)
    first = tool_env.reset(seed=5, prompt=[{"role": "user", "content": "x"}])  # TRL passes the whole row
    tool_env.reply("Maybe.")
    assert tool_env.reset(seed=5) == first and tool_env.steps == 0 and tool_env.get_reward() == 0.0


def test_hidden_labels_are_zero_weight_columns_read_from_the_environments():
    adapter = TextgymToolAdapter(ENV, episodes=3)
    played, silent = adapter.environment_factory(), adapter.environment_factory()
    played.reset(seed=0)
    played.reply("The answer is Rome.")
    silent.reset(seed=1)
    columns = {f.__name__: f(environments=[played, silent]) for f in adapter.reward_funcs}
    assert columns["replied"] == [1.0, 0.0]
    assert columns["true_return"][0] == pytest.approx(sum(h["true_reward"] for h in played.hidden)) and columns["true_return"][1] is None
    assert set(adapter.reward_weights) == {0.0} and len(adapter.reward_weights) == len(adapter.reward_funcs)
    assert {f"hidden_{label}" for label in adapter.hidden_labels} <= set(columns)


@pytest.mark.slow
def test_a_grpo_step_with_the_tiny_model_through_environment_factory(tmp_path):
    trl = pytest.importorskip("trl", reason="needs trl: pip install 'textgym[trl]'")
    pytest.importorskip("datasets")
    from trl.chat_template_utils import qwen3_chat_template

    from textgym.models import shared_model

    shared, shared_tokenizer = shared_model("tiny")
    model, tokenizer = copy.deepcopy(shared), copy.deepcopy(shared_tokenizer)  # the shared ones stay untouched
    tokenizer.chat_template = qwen3_chat_template  # a template TRL can render and parse tool calls with
    adapter = TextgymToolAdapter(ENV, episodes=2)
    args = trl.GRPOConfig(
        output_dir=str(tmp_path), max_steps=1, per_device_train_batch_size=2, num_generations=2,
        max_completion_length=16, report_to="none", use_cpu=True, logging_steps=1, save_strategy="no",
        reward_weights=adapter.reward_weights,
    )
    trainer = trl.GRPOTrainer(
        model=model, processing_class=tokenizer, args=args, train_dataset=adapter.dataset(),
        reward_funcs=adapter.reward_funcs, environment_factory=adapter.environment_factory,
    )
    assert [tool.__name__ for tool in trainer.tools] == ["reply"]  # the environment's one public method
    before = shared.model.embed_tokens.weight.clone()
    trainer.train()
    assert shared.model.embed_tokens.weight.equal(before)
    logged = {k for entry in trainer.state.log_history for k in entry}
    assert "rewards/TextgymToolEnvironment/mean" in logged  # the trained-on reward
    assert "rewards/replied/mean" in logged and "loss" in logged
