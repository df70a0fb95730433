"""``serve_ratio``: steps/s of episodes played over ``textgym serve`` against in-process.

Starts ``textgym serve textgym/Sycophancy-v0`` in a subprocess on ``127.0.0.1`` (stopped by PID
when done), plays ``episodes`` seeded episodes through OpenEnv's client with ``sessions``
WebSocket sessions at once, and compares the steps per second with the same episodes stepped
in-process (one environment, no network). Reported, no goal. Needs ``textgym[openenv]``.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from textgym.bench.extras import require_extra
from textgym.integrations.processes import served

ENV = "textgym/Sycophancy-v0"
REPLY = "The answer is Rome."


def _in_process(episodes: int) -> tuple[int, float]:
    import textgym

    env = textgym.make(ENV)
    steps, start = 0, time.perf_counter()
    for seed in range(episodes):
        env.reset(seed=seed)
        done = False
        while not done:
            _, _, terminated, truncated, _ = env.step(REPLY)
            steps, done = steps + 1, terminated or truncated
    return steps, time.perf_counter() - start


async def _over_server(url: str, episodes: int, sessions: int) -> tuple[int, float]:
    from textgym.integrations.openenv import TextgymAction, TextgymEnvClient

    seeds = iter(range(episodes))
    steps = 0

    async def session() -> None:
        nonlocal steps
        client = TextgymEnvClient(url)
        try:
            for seed in seeds:
                result = await client.reset(seed=seed)
                while not result.done:
                    result = await client.step(TextgymAction(message=REPLY))
                    steps += 1
        finally:
            await client.close()

    start = time.perf_counter()
    await asyncio.gather(*(session() for _ in range(sessions)))
    return steps, time.perf_counter() - start


def bench_serve(episodes: int = 200, sessions: int = 16, max_seconds: float = 300.0) -> dict[str, Any]:
    """Steps/s over the server (``sessions`` at once) and in-process; their ratio."""
    require_extra("openenv.core", "openenv")
    with served(ENV, ["--log-level", "error"]) as url:
        asyncio.run(_over_server(url, 2, 1))  # warm up
        served_steps, served_s = asyncio.run(asyncio.wait_for(_over_server(url, episodes, sessions), max_seconds))
    local_steps, local_s = _in_process(episodes)
    return {
        "serve_episodes": episodes,
        "serve_sessions": sessions,
        "serve_steps_per_s": served_steps / served_s,
        "in_process_steps_per_s": local_steps / local_s,
        "serve_ratio": (served_steps / served_s) / (local_steps / local_s),
    }
