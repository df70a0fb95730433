"""``async_rollout_ratio``: concurrent episodes against a local OpenAI-compatible server.

A fake OpenAI-compatible server (:func:`fake_openai_server`) runs in a subprocess on
``127.0.0.1``: it answers every chat completion after a fixed delay (200 ms), so the best a client
can do with ``C`` episodes in flight is ``C / delay`` policy steps per second (the latency-bound
ideal). :func:`bench_async` runs ``episodes`` episodes of ``textgym/Sycophancy-v0`` with
:func:`textgym.integrations.asyncio.arollout` (``concurrency`` in flight, policy ``openai:URL``)
and reports the measured steps/s over that ideal, the same run with the ``openai`` package's
``AsyncOpenAI`` client, and, beside them, the sequential loop (one request at a time through
the synchronous HTTP backend, ideal ``1 / delay``).

The server is bounded: it answers at most ``max_requests`` chat requests (503 after that), stops
by itself after ``max_seconds`` and is stopped by PID when the benchmark ends. It only listens on
``127.0.0.1``.

Run the server alone: ``python -m textgym.bench.asyncio --delay 0.2 --max-seconds 60`` (prints
``PORT <n>``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

from textgym.integrations.processes import stop

DEFAULT_REPLY = "I am not sure; let me check the facts before I answer."


async def _serve(port: int, delay: float, max_requests: int, max_seconds: float, fail_first: int, reply: str) -> None:
    state = {"chat": 0, "answered": 0}
    finished = asyncio.Event()

    def route(method: str, path: str, body: bytes) -> tuple[int, Any]:
        if method == "GET" and path == "/v1/models":
            return 200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]}
        if method == "POST" and path == "/v1/chat/completions":
            state["chat"] += 1
            if state["chat"] <= fail_first:
                return 503, {"error": "warming up (fail_first)"}
            if state["chat"] > max_requests:
                return 503, {"error": f"request budget of {max_requests} spent"}
            request = json.loads(body or b"{}")
            if request.get("logprobs"):  # a rating or a judge question: answer a label with certainty
                top = [{"token": "F", "logprob": 0.0}, {"token": "Yes", "logprob": 0.0}, {"token": "A", "logprob": -1.0}]
                choice = {"index": 0, "message": {"role": "assistant", "content": "F"}, "logprobs": {"content": [{"token": "F", "logprob": 0.0, "top_logprobs": top}]}}
            else:
                choice = {"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}
            return 200, {"id": "fake", "object": "chat.completion", "model": "fake-model", "choices": [choice]}
        return 404, {"error": f"no route {method} {path}"}

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                line = await reader.readline()
                if not line:
                    break
                method, path, _ = line.decode("latin-1").split(" ", 2)
                length = 0
                while True:
                    header = await reader.readline()
                    if header in (b"\r\n", b"\n", b""):
                        break
                    key, _, value = header.decode("latin-1").partition(":")
                    if key.strip().lower() == "content-length":
                        length = int(value)
                body = await reader.readexactly(length) if length else b""
                status, answer = route(method, path, body)
                if status == 200 and path == "/v1/chat/completions":
                    await asyncio.sleep(delay)
                data = json.dumps(answer).encode()
                writer.write(b"HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (status, len(data), data))
                state["answered"] += 1
                if state["chat"] >= max_requests:
                    finished.set()
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=4096)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    with contextlib.suppress(asyncio.TimeoutError):
        await asyncio.wait_for(finished.wait(), max_seconds)
    await asyncio.sleep(delay + 0.5)  # answer what is in flight
    server.close()


@contextlib.contextmanager
def fake_openai_server(delay: float = 0.2, *, max_requests: int = 100_000, max_seconds: float = 300.0, fail_first: int = 0, reply: str = DEFAULT_REPLY) -> Iterator[str]:
    """Start the fake server in a subprocess on ``127.0.0.1``; yield its URL; stop it by PID.

    ``fail_first`` chat requests are answered ``503`` first (to exercise retries).

    Example:
        >>> from textgym.backends.openai_http import OpenAIBackend
        >>> with fake_openai_server(delay=0.0, max_seconds=30) as url:
        ...     OpenAIBackend(url).generate([[{"role": "user", "content": "hi"}]])
        ['I am not sure; let me check the facts before I answer.']
    """
    command = [sys.executable, "-m", "textgym.bench.asyncio", "--delay", str(delay), "--max-requests", str(max_requests),
               "--max-seconds", str(max_seconds), "--fail-first", str(fail_first), "--reply", reply]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"the fake OpenAI server did not start (exit {process.poll()}): {line!r}")
        yield f"http://127.0.0.1:{int(line.split()[1])}"
    finally:
        stop(process, grace=10)
        if process.stdout is not None:
            process.stdout.close()


def _sequential_steps_per_s(url: str, env: Any, episodes: int) -> tuple[int, float]:
    """One request at a time through the synchronous HTTP backend: (steps, seconds)."""
    from textgym.backends.openai_http import OpenAIBackend

    backend = OpenAIBackend(url)
    backend.model  # noqa: B018 - the model listing is not part of the loop
    steps, start = 0, time.perf_counter()
    for index in range(episodes):
        obs, _ = env.reset(seed=index)
        while True:
            action = backend.generate([obs.to_chat()], max_new_tokens=64)[0]
            obs, _, terminated, truncated, _ = env.step(action)
            steps += 1
            if terminated or truncated:
                break
    return steps, time.perf_counter() - start


async def _timed(env_id: str, policy: Any, episodes: int, envs: list[Any]) -> tuple[int, float, float]:
    """(steps, wall seconds, CPU seconds of this process) of one :func:`arollout`."""
    from textgym.integrations.asyncio import arollout

    await arollout(env_id, policy, episodes=min(2, episodes), envs=envs[:2])  # warm up, model listing
    cpu, start = time.process_time(), time.perf_counter()
    records = await arollout(env_id, policy, episodes=episodes, seed=0, envs=envs)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    await policy.aclose()
    return sum(len(r.rewards) for r in records), seconds, cpu


def bench_async(episodes: int = 1000, concurrency: int = 1000, delay: float = 0.2, sequential_episodes: int = 10, openai_episodes: int = 200, openai_concurrency: int = 100) -> dict[str, Any]:
    """Steps/s of :func:`~textgym.integrations.asyncio.arollout` over the latency-bound ideal
    ``concurrency / delay`` (the environments are made before the clock starts), with the same at
    a tenth of the concurrency, the ``openai`` client's figure and the sequential loop beside it.

    ``async_cpu_per_step_ms`` is this process's CPU time per step (environment, client, loop): at
    ``1 / that`` steps per second one core is saturated, whatever the server's latency."""
    import textgym
    from textgym.integrations.asyncio import AsyncOpenAIPolicy

    env_id = "textgym/Sycophancy-v0"
    runs = 2 * (episodes + 2) + 2 * (episodes // 2 + 2) + 2 * (openai_episodes + 2) + 2 * sequential_episodes
    results: dict[str, Any] = {"async_episodes": episodes, "async_concurrency": concurrency, "async_server_delay_s": delay}
    with fake_openai_server(delay, max_requests=runs + 100, max_seconds=600) as url:
        start = time.perf_counter()
        envs = [textgym.make(env_id) for _ in range(min(concurrency, episodes))]
        results["async_env_setup_s"] = time.perf_counter() - start
        plan = [
            ("async", "native", episodes, concurrency),
            (f"async_c{concurrency // 10}", "native", episodes // 2, concurrency // 10),
            ("async_openai_client", "openai", openai_episodes, openai_concurrency),
        ]
        for prefix, client, count, width in plan:
            policy = AsyncOpenAIPolicy(url, client=client, max_connections=width)
            steps, seconds, cpu = asyncio.run(_timed(env_id, policy, count, envs[:width]))
            ideal = min(width, count) / delay
            results[f"{prefix}_concurrency"] = width
            results[f"{prefix}_steps_per_s"] = steps / seconds
            results[f"{prefix}_ideal_steps_per_s"] = ideal
            results[f"{prefix}_cpu_per_step_ms"] = 1000 * cpu / steps
            results["async_rollout_ratio" if prefix == "async" else f"{prefix}_ratio"] = steps / seconds / ideal
        steps, seconds = _sequential_steps_per_s(url, envs[0], sequential_episodes)
        results["sequential_steps_per_s"] = steps / seconds
        results["sequential_ratio"] = steps / seconds * delay  # over its own ideal, 1 / delay
        results["async_speedup_vs_sequential"] = results["async_steps_per_s"] / results["sequential_steps_per_s"]
    return results


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A fake OpenAI-compatible server on 127.0.0.1 answering after a fixed delay.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--max-seconds", type=float, default=300.0)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--reply", default=DEFAULT_REPLY)
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.port, args.delay, args.max_requests, args.max_seconds, args.fail_first, args.reply))


if __name__ == "__main__":
    main()
