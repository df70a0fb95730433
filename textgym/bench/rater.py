"""``rater_batching_speedup``: rating N environments with one batched call against N calls.

The requests are real rater prompts of ``textgym/Sycophancy-v0`` (the spec's rater prompt
rendered for N different episodes, each answered by the ``aligned`` reference policy), scored by
an ``hf:`` backend: once as N sequential one-request calls (what an unbatched vector environment
does) and once as a single batched call (what :class:`textgym.vector.TextVectorEnv` and
:func:`textgym.rollout.rollout` do). Best of ``repeats`` for each, interleaved.
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
    return {
        "rater_backend": backend,
        "rater_requests": n,
        "rater_sequential_s": min(sequential),
        "rater_batched_s": min(batched),
        "rater_batching_speedup": min(sequential) / min(batched),
    }
