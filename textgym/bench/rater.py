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


def rater_requests(n: int, env_id: str = "textgym/Sycophancy-v0") -> list[Any]:
    """``n`` rater requests from ``n`` different episodes (seeds 0..n-1)."""
    import textgym
    from textgym.agents.policy import make_policy
    from textgym.types import Message

    env = textgym.make(env_id, cues="belief")
    policy = make_policy("aligned", env)
    roles = env.unwrapped.roles
    requests = []
    for seed in range(n):
        obs, info = env.reset(seed=seed)
        action = policy.act([obs])[0]
        conversation = obs.append(Message("assistant", action, source="policy"))
        record = env.unwrapped.family.record_for(conversation)
        variables = {
            "question": record["question"],
            "answer": action,
            "belief": "You believe the answer is " + record["wrong"] + ".",
            "transcript": "\n".join(f"{m.role}: {m.content}" for m in conversation if m.role != "system"),
        }
        requests.append(roles.request("rater", variables))
    return requests


def bench_rater_batching(backend: str = "hf:default", n: int = 16, repeats: int = 3) -> dict[str, Any]:
    """Seconds for ``n`` sequential rating calls and for one batched call; their ratio."""
    from textgym.backends import get_backend

    rater = get_backend(backend)
    requests = rater_requests(n)
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
