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
import collections
import contextlib
import importlib.util
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

from textgym.integrations.processes import port_announcing

DEFAULT_REPLY = "I am not sure; let me check the facts before I answer."


class _FakeServer:
    """The fake server's routes and bounds (shared by its connections)."""

    def __init__(self, delay: float, max_requests: int, fail_first: int, reply: str):
        self.delay, self.max_requests, self.fail_first = delay, max_requests, fail_first
        self.chat = self.served = 0
        self.finished = asyncio.Event()
        # the delayed answers in the order they fall due (one fixed delay: arrival order), and
        # one timer for the first of them, instead of a timer per answer
        self.due: collections.deque[tuple[float, _FakeConnection, list[Any]]] = collections.deque()
        self.timer: asyncio.TimerHandle | None = None
        self.resolution = time.get_clock_info("monotonic").resolution
        top = [{"token": "F", "logprob": 0.0}, {"token": "Yes", "logprob": 0.0}, {"token": "A", "logprob": -1.0}]
        label = {"index": 0, "message": {"role": "assistant", "content": "F"}, "logprobs": {"content": [{"token": "F", "logprob": 0.0, "top_logprobs": top}]}}
        text = {"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}
        self.label_answer, self.text_answer = (
            json.dumps({"id": "fake", "object": "chat.completion", "model": "fake-model", "choices": [choice]}).encode() for choice in (label, text)
        )

    def route(self, method: str, path: str, body: bytes) -> tuple[int, bytes, bool]:
        """(status, JSON body, whether to answer after ``delay``) for one request."""
        if method == "GET" and path == "/v1/models":
            return 200, json.dumps({"object": "list", "data": [{"id": "fake-model", "object": "model"}]}).encode(), False
        if method == "POST" and path == "/v1/chat/completions":
            self.chat += 1
            if self.chat <= self.fail_first:
                return 503, b'{"error": "warming up (fail_first)"}', False
            if self.chat > self.max_requests:
                return 503, json.dumps({"error": f"request budget of {self.max_requests} spent"}).encode(), False
            try:
                request = json.loads(body or b"{}")
            except ValueError:
                return 400, b'{"error": "the body is not JSON"}', False
            # a rating or a judge question asks for logprobs: answer a label with certainty
            return 200, self.label_answer if request.get("logprobs") else self.text_answer, True
        return 404, json.dumps({"error": f"no route {method} {path}"}).encode(), False

    def later(self, connection: _FakeConnection, slot: list[Any]) -> None:
        """Make ``slot`` of ``connection`` ready ``delay`` seconds from now."""
        loop = asyncio.get_running_loop()
        self.due.append((loop.time() + self.delay, connection, slot))
        if self.timer is None:
            self.timer = loop.call_at(self.due[0][0], self._fire)

    def _fire(self) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time() + self.resolution
        while self.due and self.due[0][0] <= now:
            _, connection, slot = self.due.popleft()
            connection.ready(slot)
        self.timer = loop.call_at(self.due[0][0], self._fire) if self.due else None

    def answered(self) -> None:
        self.served += 1
        if self.chat >= self.max_requests:
            self.finished.set()


class _FakeConnection(asyncio.Protocol):
    """One keep-alive HTTP/1.1 connection of the fake server, as an asyncio protocol (no stream
    objects, no task per request: a request costs the server some tens of microseconds).

    Requests on one connection are answered in their order; a chat completion is answered
    ``delay`` seconds after it was read (:meth:`_FakeServer.later`), other requests at once."""

    def __init__(self, server: _FakeServer):
        self.server = server
        self.buffer = b""
        self.transport: asyncio.Transport | None = None
        self.pending: list[list[Any]] = []  # [ready, bytes] per request, in request order

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            lines = self.buffer[:end].decode("latin-1").split("\r\n")
            length = 0
            for line in lines[1:]:
                key, _, value = line.partition(":")
                if key.strip().lower() == "content-length":
                    length = int(value)
            if len(self.buffer) < end + 4 + length:
                return
            body, self.buffer = self.buffer[end + 4 : end + 4 + length], self.buffer[end + 4 + length :]
            request = lines[0].split(" ")
            if len(request) != 3:
                if self.transport is not None:
                    self.transport.close()
                return
            status, answer, delayed = self.server.route(request[0], request[1], body)
            slot = [False, b"HTTP/1.1 %d X\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (status, len(answer), answer)]
            self.pending.append(slot)
            if delayed and self.server.delay > 0:
                self.server.later(self, slot)
            else:
                self.ready(slot)

    def ready(self, slot: list[Any]) -> None:
        """``slot``'s answer may go: write every ready answer at the head of the queue."""
        slot[0] = True
        while self.pending and self.pending[0][0]:
            data = self.pending.pop(0)[1]
            if self.transport is not None and not self.transport.is_closing():
                self.transport.write(data)
            self.server.answered()


async def _serve(port: int, delay: float, max_requests: int, max_seconds: float, fail_first: int, reply: str) -> None:
    state = _FakeServer(delay, max_requests, fail_first, reply)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: _FakeConnection(state), "127.0.0.1", port, backlog=4096)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    with contextlib.suppress(asyncio.TimeoutError):
        await asyncio.wait_for(state.finished.wait(), max_seconds)
    await asyncio.sleep(delay + 0.5)  # answer what is in flight
    server.close()


@contextlib.contextmanager
def fake_server_process(delay: float = 0.2, *, max_requests: int = 100_000, max_seconds: float = 300.0, fail_first: int = 0, reply: str = DEFAULT_REPLY) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """:func:`fake_openai_server`, yielding ``(url, process)`` (the process to read its CPU time)."""
    command = [sys.executable, "-m", "textgym.bench.asyncio", "--delay", str(delay), "--max-requests", str(max_requests),
               "--max-seconds", str(max_seconds), "--fail-first", str(fail_first), "--reply", reply]
    with port_announcing(command, name="fake OpenAI server") as served:
        yield served


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
    with fake_server_process(delay, max_requests=max_requests, max_seconds=max_seconds, fail_first=fail_first, reply=reply) as (url, _):
        yield url


def process_cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds a process has used so far (Linux ``/proc``; ``None`` elsewhere).

    Example:
        >>> seconds = process_cpu_seconds(os.getpid())
        >>> seconds is None or seconds >= 0
        True
    """
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


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


async def _timed(env_id: str, policy: Any, episodes: int, envs: list[Any], seed: int, server_pid: int) -> dict[str, float]:
    """One :func:`arollout` on the clock: steps, wall seconds, and the CPU seconds of this process
    (environments, client, event loop) and of the server."""
    from textgym.integrations.asyncio import arollout

    server_cpu, cpu, start = process_cpu_seconds(server_pid), time.process_time(), time.perf_counter()
    records = await arollout(env_id, policy, episodes=episodes, seed=seed, envs=envs)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    server_after = process_cpu_seconds(server_pid)
    steps = sum(len(r.rewards) for r in records)
    figures = {"steps": steps, "seconds": seconds, "cpu_per_step_ms": 1000 * cpu / steps}
    if server_cpu is not None and server_after is not None:
        figures["server_cpu_per_step_ms"] = 1000 * (server_after - server_cpu) / steps
    return figures


async def _runs(env_id: str, url: str, server_pid: int, envs: list[Any], plan: list[tuple[str, str, int, int]]) -> dict[str, dict[str, float]]:
    """Run ``plan`` (name, client, episodes, in flight) in order in one event loop, the native
    runs sharing one client (its connections stay open between runs, as between the batches of a
    training run); the model listing is asked before the clock starts."""
    from textgym.integrations.asyncio import AsyncOpenAIPolicy

    native = AsyncOpenAIPolicy(url, client="native", max_connections=max(width for _, _, _, width in plan))
    out: dict[str, dict[str, float]] = {}
    for name, client, episodes, width in plan:
        policy = native if client == "native" else AsyncOpenAIPolicy(url, client=client, max_connections=width)
        if policy.model is None:
            await policy._resolve_model()
        out[name] = await _timed(env_id, policy, episodes, envs[:width], 0 if out else 10**6, server_pid)
        if policy is not native:
            await policy.aclose()
    await native.aclose()
    return out


def _sharded_runs(env_id: str, url: str, server_pid: int, processes: int, concurrency: int, plan: list[tuple[str, int]]) -> dict[str, dict[str, float]]:
    """Run ``plan`` (name, episodes) in order on ``processes`` client processes
    (:class:`~textgym.integrations.asyncio.RolloutProcesses`, ``concurrency`` in flight over all of
    them), started before the clock; per run: steps, wall seconds, the client processes' CPU
    seconds per step together and the server's."""
    from textgym.integrations.asyncio import RolloutProcesses

    out: dict[str, dict[str, float]] = {}
    with RolloutProcesses(env_id, f"openai:{url}", processes=processes, concurrency=concurrency) as pool:
        for index, (name, episodes) in enumerate(plan):
            server_cpu, start = process_cpu_seconds(server_pid), time.perf_counter()
            records, cpu = pool.run(episodes, seed=2 * 10**6 + index * 10**5, timeout=600)
            seconds = time.perf_counter() - start
            server_after = process_cpu_seconds(server_pid)
            steps = sum(len(r.rewards) for r in records)
            out[name] = {"steps": steps, "seconds": seconds, "cpu_per_step_ms": 1000 * sum(cpu) / steps}
            if server_cpu is not None and server_after is not None:
                out[name]["server_cpu_per_step_ms"] = 1000 * (server_after - server_cpu) / steps
    return out


def bench_async(
    episodes: int = 1000,
    concurrency: int = 1000,
    delay: float = 0.2,
    sustained_episodes: int | None = None,
    widths: tuple[int, ...] = (100, 300),
    sequential_episodes: int = 10,
    openai_episodes: int = 200,
    openai_concurrency: int = 100,
    processes: tuple[int, ...] = (2,),
) -> dict[str, Any]:
    """Steps/s of :func:`~textgym.integrations.asyncio.arollout` with ``concurrency`` episodes in
    flight over the latency-bound ideal ``min(concurrency, episodes) / delay`` steps/s (the ideal
    time is ``episodes · turns · delay / concurrency``).

    Runs, in this order, in one event loop against one fake server (environments made before the
    clock starts):

    - ``async_cold``: ``episodes`` episodes, ``concurrency`` in flight, the client opening its
      connections and each environment stepping for the first time on the clock;
    - ``async_one_wave``: the same again, connections open (a batch-synchronous trainer's later
      batches: all episodes start together and the batch ends with its slowest episode);
    - ``async_p1``: ``sustained_episodes`` episodes (default ``5 · concurrency``),
      ``concurrency`` in flight, connections open: sustained throughput of one client process;
    - ``async_c{w}`` for each of ``widths``: ``5 · w`` episodes with ``w`` in flight;
    - ``async_openai_client``: the ``openai`` package's ``AsyncOpenAI`` client instead (skipped,
      with the install command in ``results["skipped"]``, where ``openai`` is not installed);
    - for each ``p`` of ``processes`` (:class:`~textgym.integrations.asyncio.RolloutProcesses`,
      ``concurrency / p`` in flight in each of ``p`` client processes, started, with their
      environments and the model listing, before the clock): ``async_p{p}_cold`` and
      ``async_p{p}_one_wave`` (``episodes`` episodes, as above) and ``async_p{p}`` (sustained);
      their CPU per step is the client processes' together;
    - ``sequential``: one request at a time through the synchronous HTTP backend (ideal ``1 / delay``).

    ``async_rollout_ratio`` (the headline) is the best sustained ratio over one process and each
    of ``processes``; ``async_rollout_processes`` says which, and ``async_steps_per_s`` is its
    throughput.

    For each: ``_steps_per_s``, ``_ideal_steps_per_s``, ``_ratio``, ``_cpu_per_step_ms`` (this
    process: environment, client, event loop, its share of the kernel's loopback work) and
    ``_server_cpu_per_step_ms`` (the fake server's process, on the same machine). At
    ``1 / max(the two)`` steps/s (one core each) or ``1 / sum`` (one core for both) the CPU is
    spent, whatever the latency; ``async_load_average`` is the 1-minute load average before and
    after (other work on the machine takes its share)."""
    import textgym

    env_id = "textgym/Sycophancy-v0"
    sustained = sustained_episodes if sustained_episodes is not None else 5 * concurrency
    plan = [("async_cold", "native", episodes, concurrency), ("async_one_wave", "native", episodes, concurrency), ("async_p1", "native", sustained, concurrency)]
    plan += [(f"async_c{w}", "native", 5 * w, w) for w in widths if w < concurrency]
    skipped = {}
    if importlib.util.find_spec("openai") is None:
        skipped["async_openai_client_ratio"] = "needs the openai package, not installed: pip install openai"
    elif openai_episodes > 0:
        plan += [("async_openai_client", "openai", openai_episodes, openai_concurrency)]
    turns_bound = 4  # Sycophancy episodes take 2 policy turns; a bound for the server's request budget
    sharded = [p for p in processes if 1 < p <= concurrency]
    budget = turns_bound * (sum(count for _, _, count, _ in plan) + sequential_episodes + len(sharded) * (2 * episodes + sustained)) + 100
    results: dict[str, Any] = {"async_episodes": episodes, "async_concurrency": concurrency, "async_sustained_episodes": sustained, "async_server_delay_s": delay}
    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    with fake_server_process(delay, max_requests=budget, max_seconds=600) as (url, server):
        start = time.perf_counter()
        envs = [textgym.make(env_id) for _ in range(max(width for _, _, _, width in plan))]
        results["async_env_setup_s"] = time.perf_counter() - start
        runs = asyncio.run(_runs(env_id, url, server.pid, envs, plan))
        for p in sharded:
            runs.update(_sharded_runs(env_id, url, server.pid, p, concurrency, [(f"async_p{p}_cold", episodes), (f"async_p{p}_one_wave", episodes), (f"async_p{p}", sustained)]))
        named = [(name, count, width) for name, _, count, width in plan]
        named += [(f"async_p{p}{suffix}", count, concurrency) for p in sharded for suffix, count in (("_cold", episodes), ("_one_wave", episodes), ("", sustained))]
        for name, count, width in named:
            figures = runs[name]
            ideal = min(width, count) / delay
            steps_per_s = figures["steps"] / figures["seconds"]
            results[f"{name}_concurrency"] = width
            results[f"{name}_steps_per_s"] = steps_per_s
            results[f"{name}_ideal_steps_per_s"] = ideal
            results[f"{name}_cpu_per_step_ms"] = figures["cpu_per_step_ms"]
            if "server_cpu_per_step_ms" in figures:
                results[f"{name}_server_cpu_per_step_ms"] = figures["server_cpu_per_step_ms"]
            results[f"{name}_ratio"] = steps_per_s / ideal
        best = max([1, *sharded], key=lambda p: results[f"async_p{p}_ratio"])
        results["async_rollout_ratio"] = results[f"async_p{best}_ratio"]
        results["async_rollout_processes"] = best
        results["async_steps_per_s"] = results[f"async_p{best}_steps_per_s"]
        steps, seconds = _sequential_steps_per_s(url, envs[0], sequential_episodes)
        results["sequential_steps_per_s"] = steps / seconds
        results["sequential_ratio"] = steps / seconds * delay  # over its own ideal, 1 / delay
        results["async_speedup_vs_sequential"] = results["async_steps_per_s"] / results["sequential_steps_per_s"]
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    results["async_load_average"] = f"{load_before:.2f} -> {load_after:.2f}"
    if skipped:
        results["skipped"] = skipped
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
