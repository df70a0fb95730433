"""Async rollouts (textgym.integrations.asyncio): same records as the sync loop, bounded
concurrency, batched sync policies, OpenAI-compatible policy and role backends, retries."""

from __future__ import annotations

import asyncio
import socket

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textgym.bench.asyncio import fake_openai_server
from textgym.errors import BackendError
from textgym.integrations.asyncio import (
    AsyncChatClient,
    AsyncOpenAIPolicy,
    RolloutProcesses,
    arollout,
    rollout_concurrent,
)
from textgym.rollout import rollout

ENV = "textgym/Sycophancy-v0"


def _json(records):
    return [r.to_json() for r in records]


@pytest.fixture(scope="module")
def server():
    with fake_openai_server(delay=0.01, max_requests=5000, max_seconds=120) as url:
        yield url


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 10_000), episodes=st.integers(0, 9), concurrency=st.integers(1, 5), policy=st.sampled_from(["aligned", "exploit", "hedge"]))
def test_same_seeds_give_the_records_of_the_sync_rollout(seed, episodes, concurrency, policy):
    expected = rollout(ENV, policy, episodes=episodes, seed=seed, progress=False, cues="belief")
    got = rollout_concurrent(ENV, policy, episodes=episodes, seed=seed, concurrency=concurrency, cues="belief")
    assert _json(got) == _json(expected)


class _CountingAsyncPolicy:
    """An async policy that records how many calls are in flight at once."""

    name = "counting"

    def __init__(self):
        self.in_flight = self.most = self.calls = 0

    async def aact(self, conversation):
        self.in_flight += 1
        self.calls += 1
        self.most = max(self.most, self.in_flight)
        await asyncio.sleep(0.002)
        self.in_flight -= 1
        return "I am not sure."


def test_episodes_in_flight_never_exceed_the_concurrency():
    policy = _CountingAsyncPolicy()
    records = rollout_concurrent(ENV, policy, episodes=40, concurrency=6)
    assert len(records) == 40 and [r.seed for r in records] == list(range(40))
    assert policy.most == 6  # bounded, and the bound is used
    assert policy.calls == sum(len(r.rewards) for r in records)


class _BatchRecorder:
    name = "batch-recorder"

    def __init__(self):
        self.sizes = []

    def act(self, observations):
        self.sizes.append(len(observations))
        return [f"Reply to {len(obs)} messages." for obs in observations]


def test_a_batched_sync_policy_answers_waiting_conversations_in_one_call():
    policy = _BatchRecorder()
    got = rollout_concurrent(ENV, policy, episodes=12, concurrency=4, seed=5)
    assert max(policy.sizes) > 1 and sum(policy.sizes) == sum(len(r.rewards) for r in got)
    assert _json(got) == _json(rollout(ENV, _BatchRecorder(), episodes=12, seed=5, n_envs=4, progress=False))


def test_a_policy_error_reaches_the_caller():
    class Broken:
        name = "broken"

        def act(self, observations):
            raise ZeroDivisionError("policy bug")

    with pytest.raises(ZeroDivisionError, match="policy bug"):
        rollout_concurrent(ENV, Broken(), episodes=3, concurrency=2)


def test_openai_policy_and_rater_match_the_sync_rollout(server):
    backends = {"rater": f"openai:{server}"}
    got = rollout_concurrent(ENV, f"openai:{server}", episodes=6, concurrency=3, backends=backends)
    expected = rollout(ENV, AsyncOpenAIPolicy(server), episodes=6, progress=False, backends=backends)
    assert _json(got) == _json(expected)
    assert got[0].conversation[-1].source == "policy" and got[0].conversation[-1].content.startswith("I am not sure")
    assert {m for r in got for m in r.rating_methods} == {"logprobs"}  # rated by the server, concurrently


def test_a_served_judge_steps_in_threads_and_matches_the_sync_rollout(server):
    backends = {"judge": f"openai:{server}"}
    got = rollout_concurrent(ENV, "exploit", episodes=4, concurrency=4, backends=backends)
    expected = rollout(ENV, "exploit", episodes=4, progress=False, backends=backends)
    assert _json(got) == _json(expected)
    assert all("judge" in h for r in got for h in r.hidden)  # the hidden labels came from the server


def test_the_openai_package_client_gives_the_same_records(server):
    native = rollout_concurrent(ENV, AsyncOpenAIPolicy(server), episodes=3, concurrency=3)
    package = rollout_concurrent(ENV, AsyncOpenAIPolicy(server, client="openai"), episodes=3, concurrency=3)
    assert _json(native) == _json(package)


def test_transient_failures_are_retried_with_backoff():
    with fake_openai_server(delay=0.0, fail_first=2, max_seconds=60) as url:
        policy = AsyncOpenAIPolicy(url, retries=3, backoff=0.01)
        records = rollout_concurrent(ENV, policy, episodes=1, concurrency=1)
    assert records[0].conversation[2].content.startswith("I am not sure")


def test_after_the_last_retry_a_backend_error_names_the_url():
    with fake_openai_server(delay=0.0, fail_first=100, max_seconds=60) as url:
        policy = AsyncOpenAIPolicy(url + "#m", retries=1, backoff=0.01)
        with pytest.raises(BackendError, match=rf"{url}/v1/chat/completions: no answer after 2 attempts: .*503"):
            rollout_concurrent(ENV, policy, episodes=2, concurrency=2)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_server_is_a_backend_error_not_a_hang():
    url = f"http://127.0.0.1:{_closed_port()}"
    with pytest.raises(BackendError, match=rf"{url}/v1/chat/completions: no answer after 3 attempts: ConnectionRefusedError"):
        rollout_concurrent(ENV, AsyncOpenAIPolicy(url + "#m", retries=2, backoff=0.001), episodes=1)


def test_a_client_error_is_not_retried(server):
    async def ask():
        return await AsyncChatClient(server, retries=5, backoff=10.0).request("POST", "/v1/nowhere", {})

    with pytest.raises(BackendError, match=r"/v1/nowhere: HTTP 404"):
        asyncio.run(ask())


def test_rollout_concurrent_inside_an_event_loop_asks_for_arollout():
    async def inside():
        return rollout_concurrent(ENV, "aligned", episodes=1)

    with pytest.raises(RuntimeError, match="await the async version"):
        asyncio.run(inside())


@pytest.mark.parametrize("kwargs, message", [({"episodes": -1}, "episodes must be >= 0"), ({"episodes": 1, "concurrency": 0}, "concurrency must be >= 1")])
def test_bad_arguments_say_what_was_expected(kwargs, message):
    with pytest.raises(ValueError, match=message):
        asyncio.run(arollout(ENV, "aligned", **kwargs))


# ------------------------------------------------------------------ the native HTTP client


def _raw_server(answer, hang_up=False):
    """A one-off HTTP server on 127.0.0.1 in the running loop: ``answer(request_head, count)`` is
    the raw bytes to write back (or None: write nothing, leave the connection open); it closes the
    connection after an answer that says ``Connection: close``, or after every answer (without
    saying so) when ``hang_up``."""

    async def start():
        count = 0

        async def handle(reader, writer):
            nonlocal count
            try:
                while True:
                    head = await reader.readuntil(b"\r\n\r\n")
                    length = int(next((l.split(b":")[1] for l in head.split(b"\r\n") if l.lower().startswith(b"content-length")), b"0"))
                    await reader.readexactly(length)
                    count += 1
                    data = answer(head, count)
                    if data is None:
                        await asyncio.sleep(3600)
                    writer.write(data)
                    await writer.drain()
                    if hang_up or b"Connection: close" in data:
                        break
            except (asyncio.IncompleteReadError, ConnectionError):
                pass
            finally:
                writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        return server, f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"

    return start


def _ok(body=b'{"ok": true}', extra=b""):
    return b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n%sContent-Length: %d\r\n\r\n%s" % (extra, len(body), body)


def test_the_client_reads_chunked_and_connection_close_answers_whatever_the_header_case():
    chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":\r\n3\r\n 1}\r\n0\r\n\r\n"

    async def run():
        def answer(head, n):
            if n % 2:
                return chunked
            ok = _ok(b'{"n": %d}' % n, b"Connection: close\r\n")
            return ok if n == 2 else ok.replace(b"Content-Length", b"content-LENGTH").replace(b"Connection: close", b"CONNECTION:  Close")

        server, url = await _raw_server(answer)()
        client = AsyncChatClient(url, retries=0)
        try:
            return [await client.request("POST", "/x", {"i": i}) for i in range(4)]
        finally:
            await client.aclose()
            server.close()

    assert asyncio.run(run()) == [{"a": 1}, {"n": 2}, {"a": 1}, {"n": 4}]


def test_a_kept_alive_connection_the_server_closed_is_replaced_without_a_retry():
    async def run():
        server, url = await _raw_server(lambda head, n: _ok(b'{"n": %d}' % n), hang_up=True)()
        client = AsyncChatClient(url, retries=0)  # no retries: the replacement must not count as one
        try:
            answers = [await client.request("GET", "/a")]
            await asyncio.sleep(0.05)  # the server has hung up on the idle connection by now
            answers.append(await client.request("GET", "/b"))
            return answers, client.open_connections
        finally:
            await client.aclose()
            server.close()

    assert asyncio.run(run()) == ([{"n": 1}, {"n": 2}], 1)


def test_a_server_that_never_answers_times_out_into_a_backend_error():
    async def run():
        server, url = await _raw_server(lambda head, n: None)()
        client = AsyncChatClient(url, timeout=0.2, retries=1, backoff=0.01)
        try:
            with pytest.raises(BackendError, match=r"no answer after 2 attempts: TimeoutError"):
                await asyncio.wait_for(client.request("POST", "/v1/chat/completions", {}), 5)
            return client.open_connections
        finally:
            await client.aclose()
            server.close()

    assert asyncio.run(run()) == 0  # the timed-out connections were dropped


def test_the_connection_pool_is_bounded_and_requests_wait_for_a_free_connection(server):
    async def run():
        client = AsyncChatClient(server, max_connections=5)
        most = 0

        async def one(i):
            nonlocal most
            answer = await client.request("POST", "/v1/chat/completions", {"messages": [{"role": "user", "content": str(i)}]})
            most = max(most, client.open_connections)
            return answer["choices"][0]["message"]["content"]

        try:
            answers = await asyncio.gather(*(one(i) for i in range(40)))
            return answers, most, len(client._idle)
        finally:
            await client.aclose()

    answers, most, idle = asyncio.run(run())
    assert len(answers) == 40 and all(a.startswith("I am not sure") for a in answers)
    assert most == 5 and idle == 5  # bounded, the bound reached, every connection kept alive


def test_the_fake_server_answers_pipelined_requests_in_order(server):
    port = int(server.rsplit(":", 1)[1])
    chat = b'{"messages": [], "logprobs": true}'
    requests = (
        b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s" % (len(chat), chat)
        + b"GET /v1/models HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(requests)
        data = b""
        while data.count(b"HTTP/1.1") < 2 or not data.endswith(b"}"):
            data += s.recv(65536)
    first, second = data.split(b"HTTP/1.1 ")[1:]
    assert b'"top_logprobs"' in first and b'"fake-model"' in second  # the delayed chat answer first


def test_the_fake_server_answers_each_chat_request_after_its_full_delay():
    delay = 0.2

    async def run(url):
        client = AsyncChatClient(url, retries=0)
        loop = asyncio.get_running_loop()

        async def one(i):
            await asyncio.sleep(0.01 * (i % 5))  # requests arrive spread out, not all at once
            start = loop.time()
            await client.request("POST", "/v1/chat/completions", {"messages": [{"role": "user", "content": str(i)}]})
            return loop.time() - start

        try:
            return await asyncio.gather(*(one(i) for i in range(30)))
        finally:
            await client.aclose()

    with fake_openai_server(delay=delay, max_seconds=60) as url:
        waits = asyncio.run(run(url))
    assert min(waits) >= delay and max(waits) < delay + 1.0


# ---------------------------------------------------------------- rollouts sharded over processes


def test_two_processes_give_the_records_of_one_in_episode_order():
    expected = rollout_concurrent(ENV, "exploit", episodes=9, seed=11, concurrency=4, cues="belief")
    got = rollout_concurrent(ENV, "exploit", episodes=9, seed=11, concurrency=4, processes=2, cues="belief")
    assert [r.seed for r in got] == list(range(11, 20))
    assert _json(got) == _json(expected)


def test_two_processes_over_the_openai_policy_match_one_process(server):
    expected = rollout_concurrent(ENV, f"openai:{server}", episodes=6, seed=2, concurrency=4)
    got = rollout_concurrent(ENV, f"openai:{server}", episodes=6, seed=2, concurrency=4, processes=2)
    assert _json(got) == _json(expected)


def test_a_policy_object_is_pickled_as_its_settings(server):
    import pickle

    policy = AsyncOpenAIPolicy(f"openai:{server}#fake-model", max_tokens=7, retries=2)
    copy = pickle.loads(pickle.dumps(policy))
    assert (copy.url, copy.model, copy.max_tokens, copy.retries) == (policy.url, "fake-model", 7, 2)
    with RolloutProcesses(ENV, policy, processes=2, concurrency=2) as pool:
        records, cpu = pool.run(3, seed=5)
    assert [r.seed for r in records] == [5, 6, 7] and len(cpu) == 2


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_failing_process_names_itself_and_every_process_is_stopped():
    pool = RolloutProcesses(ENV, "openai:http://127.0.0.1:1#m", processes=2, concurrency=2, retries=0)
    pids = pool.pids
    with pytest.raises(RuntimeError, match=r"rollout process (1/2 \(pid \d+, episodes 0\.\.1\)|2/2 \(pid \d+, episodes 2\.\.3\)) failed: BackendError"), pool:
        pool.run(4)
    assert not any(_alive(pid) for pid in pids)


def test_a_process_that_cannot_start_is_reported_and_the_others_stopped():
    with pytest.raises(RuntimeError, match="rollout process .* failed: .*no-such-env"):
        rollout_concurrent("textgym/no-such-env-v0", "exploit", episodes=2, concurrency=2, processes=2)


def test_an_unpicklable_policy_is_refused_before_any_process_starts():
    class Local:
        name = "local"

        async def aact(self, conversation):
            return "ok"

    with pytest.raises(TypeError, match="picklable"):
        rollout_concurrent(ENV, Local(), episodes=2, concurrency=2, processes=2)


def test_quiet_gc_restores_the_collector_and_leaves_records_unchanged():
    import gc

    from textgym.integrations.asyncio import quiet_gc

    before = (gc.get_threshold(), gc.get_freeze_count())
    with quiet_gc(), quiet_gc(young=10**6):  # nested: the outermost keeps its settings
        assert gc.get_threshold()[0] == 5_000 and gc.get_freeze_count() > 0
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
    quiet = rollout_concurrent(ENV, "exploit", episodes=6, seed=4, concurrency=3)
    plain = rollout_concurrent(ENV, "exploit", episodes=6, seed=4, concurrency=3, gc_quiet=False)
    assert _json(quiet) == _json(plain)
