"""``textgym serve``: a real OpenEnv server on 127.0.0.1 (subprocess), played through OpenEnv's own
client. Skipped where openenv-core is not installed (``pip install "textgym[openenv]"``)."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request

import pytest

pytest.importorskip("openenv.core", reason="needs openenv-core: pip install 'textgym[openenv]'")

import textgym  # noqa: E402
from textgym.integrations.openenv import TextgymAction, TextgymEnvClient  # noqa: E402
from textgym.integrations.processes import served  # noqa: E402

ENV = "textgym/Sycophancy-v0"
REPLY = "The answer is Rome."
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("serve") / "server.log"
    with served(ENV, ["--axis", "cues=belief", "--max-sessions", "128"], stderr=log) as url:
        yield url
        assert "Traceback" not in log.read_text(), log.read_text()[-3000:]  # no session ended in a server error


def _local_episode(seed: int) -> tuple[list[list[dict[str, str]]], list[float], list[dict]]:
    env = textgym.make(ENV, cues="belief")
    obs, _ = env.reset(seed=seed)
    conversations, rewards, hidden = [], [], []
    done = False
    while not done:
        obs, reward, terminated, truncated, info = env.step(REPLY)
        conversations.append([{"role": m.role, "content": m.content, "source": m.source} for m in obs])
        rewards.append(float(reward))
        hidden.append(info["hidden"])
        done = terminated or truncated
    return conversations, rewards, hidden


async def _play(url: str, seed: int) -> tuple[list[list[dict[str, str]]], list[float], object, list[dict]]:
    client = TextgymEnvClient(url)
    try:
        result = await client.reset(seed=seed)
        first = result.observation.messages
        conversations, rewards = [], []
        while not result.done:
            result = await client.step(TextgymAction(message=REPLY))
            conversations.append(result.observation.messages)
            rewards.append(result.reward)
        state = await client.state()
        return conversations, rewards, state, first
    finally:
        await client.close()


def test_an_episode_over_the_server_equals_the_local_one_and_hides_the_labels(server):
    conversations, rewards, state, first = asyncio.run(_play(server, seed=7))
    local_conversations, local_rewards, local_hidden = _local_episode(7)
    assert conversations == local_conversations and rewards == pytest.approx(local_rewards)
    assert {m["source"] for m in first} == {"env"} and conversations[-1][-1]["source"] in {"env", "user", "policy"}
    assert any(m["source"] == "policy" and m["content"] == REPLY for m in conversations[-1])
    # hidden labels: in the state a trainer asks for, never in an observation
    assert state.hidden == local_hidden and state.seed == 7 and state.step_count == len(rewards) and state.done
    observed = json.dumps([conversations, first])
    assert all(label not in observed for label in local_hidden[0])


def test_a_hundred_concurrent_sessions_lose_no_step(server):
    async def everyone():
        return await asyncio.gather(*(_play(server, seed) for seed in range(100)))

    played = asyncio.run(everyone())
    for seed, (conversations, rewards, state, _) in enumerate(played):
        local_conversations, local_rewards, _ = _local_episode(seed)
        assert conversations == local_conversations, seed
        assert rewards == pytest.approx(local_rewards) and state.step_count == len(local_rewards)


def test_bad_actions_and_steps_outside_an_episode_get_clear_errors(server):
    async def scenario():
        client = TextgymEnvClient(server)
        errors = []
        try:
            for attempt in (
                lambda: client.step(TextgymAction(message=REPLY)),  # no reset yet
                lambda: client._send_and_receive({"type": "step", "data": {"msg": 3}}),  # not an action
                lambda: client._send_and_receive({"type": "jump"}),  # not a message type
            ):
                with pytest.raises(RuntimeError) as caught:
                    await attempt()
                errors.append(str(caught.value))
            result = await client.reset(seed=1)
            while not result.done:
                result = await client.step(TextgymAction(message=REPLY))
            with pytest.raises(RuntimeError) as caught:
                await client.step(TextgymAction(message=REPLY))  # after the episode ended
            errors.append(str(caught.value))
            await client.close()  # the session is closed: the next message opens a new, empty one
            with pytest.raises(RuntimeError) as caught:
                await client.step(TextgymAction(message=REPLY))
            errors.append(str(caught.value))
        finally:
            await client.close()
        return errors

    no_reset, bad_action, bad_type, ended, closed = asyncio.run(scenario())
    assert "send reset (with a seed) before step" in no_reset
    assert "Invalid" in bad_action or "message" in bad_action
    assert "Unknown message type: jump" in bad_type
    assert "the episode ended after" in ended and "send reset" in ended
    assert "no episode in this session" in closed
    for error in (no_reset, bad_action, bad_type, ended, closed):
        assert "Traceback" not in error


def test_stateless_http_errors_are_client_errors_not_500(server):
    def post(path, body):
        request = urllib.request.Request(server + path, data=json.dumps(body).encode(), method="POST", headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, answer.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    status, text = post("/step", {"action": {"message": REPLY}})  # a fresh session has no episode
    assert status == 409 and "send reset" in text and "Traceback" not in text
    status, text = post("/step", {"action": {"note": 1}})
    assert status == 422 and "Traceback" not in text
    status, text = post("/reset", {"seed": 3})
    assert status == 200 and '"source"' in text and "true_reward" not in text
