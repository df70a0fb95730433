"""``rater_batching_speedup``: rating N environments with one batched call against N calls.

The requests are real rater prompts of ``textgym/Sycophancy-v0`` (the spec's rater prompt
rendered for N different episodes, each answered by the ``aligned`` reference policy), scored by
an ``hf:`` backend: once as N sequential one-request calls (what an unbatched vector environment
does) and once as a single batched call (what :class:`textgym.vector.TextVectorEnv` and
:func:`textgym.rollout.rollout` do). Best of ``repeats`` for each, interleaved.

Both sides use the same scoring code (last-position logits only); the batched call also sorts the
requests into length buckets and runs each bucket's common token prefix once, sharing its KV cache
(:meth:`textgym.backends.hf.HFBackend.rate`). ``rater_prompt_tokens`` and
``rater_shared_prefix_tokens`` say how much of each prompt the batch shares: the speed-up on CPU,
where a forward pass costs about the same per token batched or not, is bounded by that share and
by the padding the buckets avoid.
"""

from __future__ import annotations

import time
from typing import Any


def rater_requests(n: int, env_id: str = "textgym/Sycophancy-v0", backend: str = "hf:default") -> list[Any]:
    """The rating requests the environment itself makes in ``n`` episodes (seeds 0..n-1), each
    answered by the ``aligned`` reference policy: captured at the batcher, so the prompts are
    exactly what an LLM rater receives (no model is called while capturing)."""
    import textgym
    from textgym.agents.policy import make_policy
    from textgym.backends.base import Rating
    from textgym.batching import RoleCallBatcher, run_batched

    env = textgym.make(env_id, cues="belief", backends={"rater": backend})
    policy = make_policy("aligned", env)
    captured: list[Any] = []

    def capture(kind: str, key: Any, payloads: list[Any]) -> list[Any]:
        captured.extend(payloads)
        return [Rating(score=5.0, method="captured") for _ in payloads]

    batcher = RoleCallBatcher(capture)
    for seed in range(n):
        obs, _ = env.reset(seed=seed)
        action = policy.act([obs])[0]
        run_batched([lambda: env.step(action)], batcher)
    return captured[:n]


def _decision_prompts(rater: Any, requests: list[Any]) -> list[list[int]]:
    """The token ids an ``hf:`` rater scores for each request (up to the answer mark)."""
    if not hasattr(rater, "tokenizer"):
        return []
    from transformers.decision import DecisionConfig

    config, prompts = DecisionConfig(), []
    for request in requests:
        question = {"type": "score", "instructions": request.instructions, "criteria": list(request.criteria)}
        (inputs, _), = config.prepare_inputs({"state": request.state, "questions": {"rating": question}}, rater.tokenizer)
        prompts.append(inputs["input_ids"][0].tolist()[: int(inputs["marks"][0])])
    return prompts


def bench_rater_batching(backend: str = "hf:default", n: int = 16, repeats: int = 3) -> dict[str, Any]:
    """Seconds for ``n`` sequential rating calls and for one batched call; their ratio."""
    from textgym.backends import get_backend

    rater = get_backend(backend)
    requests = rater_requests(n, backend=backend)
    rater.rate(requests[:2])  # warm up
    sequential, batched = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        for request in requests:
            rater.rate([request])
        sequential.append(time.perf_counter() - start)
        start = time.perf_counter()
        rater.rate(requests)
        batched.append(time.perf_counter() - start)
    prompts = _decision_prompts(rater, requests)
    shared = 0
    if prompts:
        while shared < min(len(p) for p in prompts) - 1 and len({p[shared] for p in prompts}) == 1:
            shared += 1
    return {
        "rater_backend": backend,
        "rater_prompt_tokens": sum(len(p) for p in prompts) / len(prompts) if prompts else 0.0,
        "rater_shared_prefix_tokens": shared,
        "rater_requests": n,
        "rater_sequential_s": min(sequential),
        "rater_batched_s": min(batched),
        "rater_batching_speedup": min(sequential) / min(batched),
    }
