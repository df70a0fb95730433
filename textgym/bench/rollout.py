"""``rollout_ratio``: tokens/s of :func:`textgym.rollout` with ``HFPolicy`` over plain ``generate``.

The rollout runs ``episodes`` episodes of ``textgym/Sycophancy-v0`` (rule rater) with an
:class:`~textgym.agents.hf_policy.HFPolicy` (greedy), recording every batch of conversations the
policy was asked to answer. The baseline then renders exactly those batches with the chat
template and calls ``model.generate`` on them directly, with the same batch size and
``max_new_tokens``: the same prompts, the same tokens, no environment. Both sides count the new
tokens the model produced (padding excluded).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any


class _RecordingPolicy:
    """Wraps a policy and keeps the chats of every batch it answered."""

    def __init__(self, policy: Any):
        self.policy, self.name = policy, policy.name
        self.batches: list[list[list[dict[str, str]]]] = []

    def act(self, observations: Sequence[Any]) -> list[str]:
        self.batches.append([obs.to_chat() for obs in observations])
        return self.policy.act(observations)


def _plain_generate_seconds(model: Any, tokenizer: Any, batches: list[list[list[dict[str, str]]]], max_new_tokens: int) -> tuple[float, int]:
    import torch

    tokenizer.padding_side = "left"
    total_tokens, elapsed = 0, 0.0
    for chats in batches:
        texts = [tokenizer.apply_chat_template(c, tokenize=False, add_generation_prompt=True) for c in chats]
        inputs = tokenizer(texts, return_tensors="pt", padding=True, add_special_tokens=False)
        start = time.perf_counter()
        with torch.no_grad():
            out = model.generate(**inputs, max_new_tokens=max_new_tokens, do_sample=False, pad_token_id=tokenizer.pad_token_id)
        elapsed += time.perf_counter() - start
        new = out[:, inputs["input_ids"].shape[1] :]
        total_tokens += int((new != tokenizer.pad_token_id).sum())
    return elapsed, total_tokens


def bench_rollout(model_ref: str = "default", episodes: int = 16, n_envs: int = 8, max_new_tokens: int = 32) -> dict[str, Any]:
    """Tokens/s of a textgym rollout and of plain batched generation on the same prompts."""
    from textgym.agents.hf_policy import HFPolicy
    from textgym.rollout import rollout

    policy = HFPolicy(model_ref, max_new_tokens=max_new_tokens, batch_size=n_envs)
    tokenizer = policy.tokenizer
    recording = _RecordingPolicy(policy)
    rollout("textgym/Sycophancy-v0", recording, episodes=2, n_envs=2, seed=10_000, progress=False)  # warm up
    recording.batches.clear()
    start = time.perf_counter()
    records = rollout("textgym/Sycophancy-v0", recording, episodes=episodes, n_envs=n_envs, seed=0, progress=False)
    rollout_s = time.perf_counter() - start
    replies = [m.content for r in records for m in r.conversation if m.source == "policy"]
    rollout_tokens = sum(len(tokenizer(text, add_special_tokens=False)["input_ids"]) + 1 for text in replies)
    plain_s, plain_tokens = _plain_generate_seconds(policy.model, tokenizer, recording.batches, max_new_tokens)
    rollout_tps, plain_tps = rollout_tokens / rollout_s, plain_tokens / plain_s
    return {
        "rollout_model": f"hf:{model_ref}",
        "rollout_episodes": episodes,
        "rollout_tokens": rollout_tokens,
        "rollout_s": rollout_s,
        "rollout_tokens_per_s": rollout_tps,
        "plain_generate_tokens": plain_tokens,
        "plain_generate_s": plain_s,
        "plain_generate_tokens_per_s": plain_tps,
        "rollout_ratio": rollout_tps / plain_tps,
    }
