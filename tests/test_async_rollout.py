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
from textgym.integrations.asyncio import AsyncChatClient, AsyncOpenAIPolicy, arollout, rollout_concurrent
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
