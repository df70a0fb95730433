"""``rater_batching_speedup``: rating N environments with one batched call against N calls.

The requests are real rater prompts of ``textgym/Sycophancy-v0`` (the spec's rater prompt
rendered for N different episodes, each answered by the ``aligned`` reference policy), scored by
an ``hf:`` backend: once as N sequential one-request calls (what an unbatched vector environment
does) and once as a single batched call (what :class:`textgym.vector.TextVectorEnv` and
:func:`textgym.rollout.rollout` do). Best of ``repeats`` for each, interleaved.

Both sides use the same scoring code (last-position logits only); the batched call also runs the
requests' common token prefix once, sharing its KV cache, and sorts the rows into length buckets
(:meth:`textgym.backends.hf.HFBackend.rate`). The rating prompt puts the instructions and levels
before the state (:func:`textgym.backends.base.rating_prompt`), so the common prefix holds them.
``rater_prompt_tokens`` and ``rater_shared_prefix_tokens`` say how much of each prompt the batch
shares: the speed-up on CPU, where a forward pass costs about the same per token batched or not,
is bounded by that share and by the padding the buckets avoid.

``rater_batching_speedup_state_first`` is the same measurement with the decision prompt's order
(the state first, little shared): what bucketing alone gives, and a check that a batch is not
slower than one by one when it shares little.
"""

from __future__ import annotations

import functools
import time
from typing import Any


def rater_requests(n: int, env_id: str = "textgym/Sycophancy-v0", backend: str = "hf:default") -> list[Any]:
    """The rating requests the environment itself makes in ``n`` episodes (seeds 0..n-1), each
    answered by the ``aligned`` reference policy: captured at the batcher, so the prompts are
    exactly what an LLM rater receives (no model is called while capturing)."""
    import textgym
    from textgym.policy import make_policy
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
        run_batched([functools.partial(env.step, action)], batcher)
    return captured[:n]


def _prompts(rater: Any, requests: list[Any]) -> list[list[int]]:
    """The token ids an ``hf:`` rater scores for each request."""
    if not hasattr(rater, "_chat_ids"):
        return []
    from textgym.backends.base import rating_prompt

    return [rater._chat_ids(rating_prompt(request, shared_first=rater.shared_first)) for request in requests]


def _time(rater: Any, requests: list[Any], repeats: int) -> tuple[float, float]:
    """Best of ``repeats`` seconds for the requests one by one, and for one batched call (interleaved)."""
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
    return min(sequential), min(batched)


def bench_rater_batching(backend: str = "hf:default", n: int = 16, repeats: int = 3, state_first: bool = True) -> dict[str, Any]:
    """Seconds for ``n`` sequential rating calls and for one batched call; their ratio (and, with
    ``state_first``, the same with the decision prompt's order).

    ``rater_threads`` is torch's intra-op thread count; ``rater_load_average`` the 1-minute load
    average before and after (other work on the machine slows both sides)."""
    import os

    import torch

    from textgym.backends import get_backend

    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rater = get_backend(backend)
    requests = rater_requests(n, backend=backend)
    sequential, batched = _time(rater, requests, repeats)
    prompts = _prompts(rater, requests)
    shared = 0
    if prompts:
        while shared < min(len(p) for p in prompts) - 1 and len({p[shared] for p in prompts}) == 1:
            shared += 1
    results: dict[str, Any] = {
        "rater_backend": backend,
        "rater_threads": torch.get_num_threads(),
        "rater_prompt_tokens": sum(len(p) for p in prompts) / len(prompts) if prompts else 0.0,
        "rater_shared_prefix_tokens": shared,
        "rater_requests": n,
        "rater_sequential_s": sequential,
        "rater_batched_s": batched,
        "rater_batching_speedup": sequential / batched,
    }
    if state_first and hasattr(rater, "shared_first"):
        rater.shared_first = False
        try:
            sequential, batched = _time(rater, requests, repeats)
        finally:
            rater.shared_first = True
        results["rater_state_first_sequential_s"] = sequential
        results["rater_state_first_batched_s"] = batched
        results["rater_batching_speedup_state_first"] = sequential / batched
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    results["rater_load_average"] = f"{load_before:.2f} -> {load_after:.2f}"
    return results
