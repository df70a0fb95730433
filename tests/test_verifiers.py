"""``textgym.integrations.verifiers``: textgym environments run by verifiers' own eval runner.

The runner (``verifiers.v1.cli.eval.runner.run_eval``, what ``vf-eval`` runs) plays episodes of
``textgym/Sycophancy-v0`` through verifiers' tool-less chat harness against a fake
OpenAI-compatible server on 127.0.0.1, started in a fixture and stopped by PID.

The fake server is the benchmark's (:mod:`textgym.bench.asyncio`), run with its routes extended by
:class:`StreamingFakeServer`: verifiers' chat harness asks for streamed completions (SSE), which the
benchmark's server does not send; the reply also varies with the conversation, so episodes differ.

Needs verifiers (its own venv, see ``docs/integrations.md``); skipped where it is not installed::

    .venv-verifiers/bin/python -m pytest -q -p no:cacheprovider -m slow tests/test_verifiers.py
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from textgym.bench.asyncio import _FakeServer
from textgym.integrations.processes import port_announcing

REPLIES = (
    "I am not sure; let me check the facts before I answer.",
    "You're right, I apologize for the mistake.",
    "I stand by my answer.",
    "The answer is Rome.",
)


def reply_for(messages: list[dict[str, Any]]) -> str:
    """The fake model's reply: one of :data:`REPLIES`, picked by the conversation's last message."""
    last = str(messages[-1].get("content", "")) if messages else ""
    return REPLIES[int(hashlib.sha256(last.encode()).hexdigest(), 16) % len(REPLIES)]


class StreamingFakeServer(_FakeServer):
    """The benchmark's fake server, answering a ``"stream": true`` chat request with SSE chunks
    (content, finish, usage, ``[DONE]``) of :func:`reply_for`'s reply; the rest as the benchmark's."""

    def route(self, method: str, path: str, body: bytes) -> tuple[int, bytes, bool]:
        status, answer, delayed = super().route(method, path, body)
        if status != 200 or path != "/v1/chat/completions":
            return status, answer, delayed
        request = json.loads(body or b"{}")
        if not request.get("stream"):
            return status, answer, delayed
        text = reply_for(request.get("messages", []))
        head = {"id": "fake", "object": "chat.completion.chunk", "created": 0, "model": "fake-model"}
        events = [
            {**head, "choices": [{"index": 0, "delta": {"role": "assistant", "content": text}, "finish_reason": None}]},
            {**head, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]},
            {**head, "choices": [], "usage": {"prompt_tokens": 10, "completion_tokens": len(text.split()), "total_tokens": 10 + len(text.split())}},
        ]
        sse = b"".join(b"data: " + json.dumps(e).encode() + b"\n\n" for e in events) + b"data: [DONE]\n\n"
        return status, sse, delayed


@contextlib.contextmanager
def streaming_fake_server(max_seconds: float = 240.0) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Run this file as the fake server (``textgym.bench.asyncio.main`` with
    :class:`StreamingFakeServer`) in a subprocess on 127.0.0.1; yield ``(url, process)``; stop it
    by PID."""
    command = [sys.executable, __file__, "--delay", "0", "--max-requests", "2000", "--max-seconds", str(max_seconds)]
    with port_announcing(command, name="fake OpenAI server") as served:
        yield served


if __name__ == "__main__":  # the fake server's process (see streaming_fake_server)
    import textgym.bench.asyncio as fake

    fake._FakeServer = StreamingFakeServer  # type: ignore[misc]  # _serve builds this class
    fake.main()
    raise SystemExit(0)


try:
    import verifiers.v1  # noqa: F401
except ImportError:
    HAVE_VERIFIERS = False
else:
    HAVE_VERIFIERS = True

# verifiers runs its chat harness's program with uv (and would try to install uv itself)
HAVE_UV = shutil.which("uv", path=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")) is not None

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(HAVE_VERIFIERS and not HAVE_UV, reason="verifiers' chat harness needs uv beside this interpreter "
                       "or on PATH: pip install uv (see docs/integrations.md)"),
    pytest.mark.skipif(not HAVE_VERIFIERS, reason="verifiers is not installed in this interpreter (it needs its own venv: "
                       "python -m venv .venv-verifiers && .venv-verifiers/bin/pip install verifiers==0.4.0 && "
                       ".venv-verifiers/bin/pip install -e . --no-deps, see docs/integrations.md)"),
]

ENV_ID = "textgym/Sycophancy-v0"
EPISODES = 4


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, subprocess.Popen[str]]]:
    with streaming_fake_server() as served:
        yield served


@pytest.fixture(scope="module")
def evaluated(server: tuple[str, subprocess.Popen[str]], tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    """Episodes of :data:`ENV_ID` (seeds 0..3) from verifiers' eval runner against the fake server.

    The chat harness runs as a subprocess with the interpreter's own bin directory first on its
    PATH, so verifiers finds the venv's ``uv`` for the harness program."""
    from verifiers.v1.cli.eval.runner import run_eval
    from verifiers.v1.configs.cli.eval import EvalConfig

    from textgym.integrations.verifiers import eval_env_config

    url, _ = server
    config = EvalConfig(
        env=eval_env_config(ENV_ID, episodes=EPISODES, seed=0),
        model="fake-model",
        client={"base_url": url + "/v1", "api_key_var": "TEXTGYM_FAKE_SERVER_KEY"},
        push=False,
        rich=None,
        output_dir=tmp_path_factory.mktemp("vf-eval"),
        max_concurrent=2,
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
        return asyncio.run(asyncio.wait_for(run_eval(config), timeout=600))


def _replay(seed: int, replies: list[str], axes: dict[str, str] | None = None, env_id: str = ENV_ID,
            backends: dict[str, str] | None = None) -> tuple[list[float], list[dict[str, Any]], list[list[str]]]:
    """The same episode played directly on textgym: (rewards, hidden labels, user turns)."""
    import textgym

    env = textgym.make(env_id, axes=axes or {}, **({"backends": backends} if backends else {}))
    obs, _ = env.reset(seed=seed)
    seen = len(obs)
    rewards, hidden, user_turns = [], [], []
    for reply in replies:
        obs, reward, terminated, truncated, info = env.step(reply)
        rewards.append(float(reward))
        hidden.append(info["hidden"])
        new = [m.content for m in list(obs)[seen:] if m.source != "policy"]
        seen = len(obs)
        if terminated or truncated:
            break
        user_turns.append(new)
    env.close()
    return rewards, hidden, user_turns


def _assistant_replies(trace: Any) -> list[str]:
    """The model's replies: the sampled messages (a prefilled assistant message is not one)."""
    return [(node.message.content or "").strip() for node in trace.nodes if node.sampled]


def test_the_eval_runner_plays_every_seed_to_the_end(evaluated):
    assert len(evaluated) == EPISODES
    assert sorted(e.task.data.seed for e in evaluated) == list(range(EPISODES))
    for episode in evaluated:
        assert episode.ok, episode.errors
        (trace,) = episode.traces
        assert trace.metrics["env_finished"] == 1.0
        assert trace.metrics["env_steps"] == len(_assistant_replies(trace)) >= 1


def test_the_reported_reward_is_the_textgym_proxy_return_of_the_same_seed_and_replies(evaluated):
    for episode in evaluated:
        (trace,) = episode.traces
        replies = _assistant_replies(trace)
        rewards, _, _ = _replay(episode.task.data.seed, replies)
        assert len(rewards) == len(replies)
        assert trace.reward == pytest.approx(sum(rewards), abs=1e-9)
        assert trace.rewards["proxy_return"].score == pytest.approx(sum(rewards), abs=1e-9)
    # the fake model's replies differ, and so do the returns: the check is not on a constant
    assert len({round(e.traces[0].reward, 9) for e in evaluated}) > 1


def test_hidden_labels_are_metrics_and_never_part_of_the_reward(evaluated):
    from textgym.wrappers.metrics import episode_label

    for episode in evaluated:
        (trace,) = episode.traces
        assert set(trace.rewards) == {"proxy_return"}  # the one trained-on signal
        _, hidden, _ = _replay(episode.task.data.seed, _assistant_replies(trace))
        assert trace.metrics["true_return"] == pytest.approx(sum(h["true_reward"] for h in hidden))
        for label in ("correct", "agreed_with_false_belief", "flipped_under_pressure"):
            value = episode_label(hidden, label)
            if value is None:
                assert f"hidden_{label}" not in trace.metrics
            else:
                assert trace.metrics[f"hidden_{label}"] == float(value)
        assert trace.info["textgym"]["hidden"] == json.loads(json.dumps(hidden))
        assert not any(name.startswith("hidden_") or name == "true_return" for name in trace.rewards)


def test_the_user_turns_of_the_conversation_come_from_the_environment(evaluated):
    multi_turn = 0
    for episode in evaluated:
        (trace,) = episode.traces
        _, _, env_turns = _replay(episode.task.data.seed, _assistant_replies(trace))
        users = [m.content for m in trace.messages if m.role == "user"]
        import textgym

        opening = [m.content for m in textgym.make(ENV_ID).reset(seed=episode.task.data.seed)[0] if m.role == "user"]
        assert users == opening + [text for turn in env_turns for text in turn]
        multi_turn += len(env_turns) > 0
    assert multi_turn > 0  # some episode went past its opening (the simulated user pushed back)


def test_the_fake_server_answered_the_harness_and_is_stopped_by_pid(server, evaluated):
    _, process = server
    assert process.poll() is None  # still serving while the module's tests run
    with streaming_fake_server(max_seconds=30) as (_, other):
        pid = other.pid
    assert other.poll() is not None  # stop() ended it by PID
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_vf_eval_cli_runs_a_textgym_variant_by_its_taskset_id(server, tmp_path):
    """verifiers' ``vf-eval`` command line (its ``main``) in a fresh process that imported this
    integration: the taskset id, an axis variant and the seeds come from the command line, and the
    traces it writes carry the proxy return of the same seeds and replies."""
    url, _ = server
    command = [sys.executable, "-c", "import sys, textgym.integrations.verifiers; from verifiers.v1.cli.eval.main import main; main(sys.argv[1:])",
               "textgym-verifiers", "--env.taskset.env", ENV_ID, "--env.taskset.episodes", "2", "--env.taskset.seed", "5",
               "--env.taskset.axes", '{"cues": "belief"}', "-m", "fake-model", "--client.base-url", url + "/v1",
               "--client.api-key-var", "TEXTGYM_FAKE_SERVER_KEY", "--no-push", "--no-rich", "-o", str(tmp_path), "--run.name", "cli"]
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    episodes = [json.loads(line) for line in (tmp_path / "cli" / "traces.jsonl").read_text().splitlines()]
    assert sorted(e["task"]["data"]["seed"] for e in episodes) == [5, 6]
    for episode in episodes:
        assert episode["ok"], episode["errors"]
        (trace,) = episode["traces"]
        assert episode["task"]["data"]["axes"] == {"cues": "belief"}
        replies = [n["message"]["content"].strip() for n in trace["nodes"] if n["sampled"]]
        rewards, _, _ = _replay(episode["task"]["data"]["seed"], replies, axes={"cues": "belief"})
        assert set(trace["rewards"]) == {"proxy_return"}
        assert trace["rewards"]["proxy_return"]["score"] == pytest.approx(sum(rewards), abs=1e-9)
        assert trace["metrics"]["env_finished"] == 1.0


def test_load_environment_names_an_unknown_textgym_id():
    from textgym.integrations.verifiers import load_environment

    with pytest.raises(KeyError, match="Sycophancy"):
        load_environment("textgym/Sycophancy-v9")


def test_every_registered_environment_plays_through_the_eval_runner(server, tmp_path):
    """One seed of every built-in environment (prefilled assistant turns, tool messages, up to
    three steps): each episode ends by the environment and reports the proxy return of a direct
    textgym replay of its replies."""
    import textgym
    from verifiers.v1.cli.eval.runner import run_eval
    from verifiers.v1.configs.cli.eval import EvalConfig

    from textgym.integrations.verifiers import eval_env_config
    from textgym.registry import registered_specs

    url, _ = server
    ids = sorted(i for i in registered_specs() if i.startswith("textgym/"))
    assert len(ids) >= 10
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
        for env_id in ids:
            config = EvalConfig(env=eval_env_config(env_id, episodes=1, seed=1), model="fake-model",
                                client={"base_url": url + "/v1", "api_key_var": "TEXTGYM_FAKE_SERVER_KEY"},
                                push=False, rich=None, output_dir=tmp_path / env_id.replace("/", "_"))
            (episode,) = asyncio.run(asyncio.wait_for(run_eval(config), timeout=300))
            assert episode.ok, (env_id, episode.errors)
            (trace,) = episode.traces
            replies = _assistant_replies(trace)
            rewards, _, _ = _replay(1, replies, env_id=env_id)
            assert trace.metrics["env_finished"] == 1.0, env_id
            assert len(rewards) == len(replies) == trace.metrics["env_steps"], env_id
            assert trace.reward == pytest.approx(sum(rewards), abs=1e-9), env_id
            # what the model saw before its first reply is the environment's opening
            first = next(i for i, node in enumerate(trace.nodes) if node.sampled)
            seen = [(n.message.role, n.message.content) for n in trace.nodes[:first] if n.message.role != "system"]
            opening = [(m.role, m.content) for m in textgym.make(env_id).reset(seed=1)[0] if m.role != "system"]
            assert seen == opening, env_id


def test_a_model_backed_rater_and_an_episode_cut_short_by_the_seats_turn_limit(server, tmp_path):
    """``backends`` reach the environment (the rater is the fake server, read through its
    logprobs), and an episode that verifiers ends first (``assistant.max_turns = 1`` on a
    two-step environment) reports the proxy return of the steps taken, with ``env_finished`` 0."""
    from verifiers.v1.cli.eval.runner import run_eval
    from verifiers.v1.configs.cli.eval import EvalConfig

    from textgym.integrations.verifiers import eval_env_config

    url, _ = server
    backends = {"rater": "openai:" + url}
    env = eval_env_config(ENV_ID, episodes=2, seed=0, backends=backends)
    env["assistant"]["max_turns"] = 1
    config = EvalConfig(env=env, model="fake-model", client={"base_url": url + "/v1", "api_key_var": "TEXTGYM_FAKE_SERVER_KEY"},
                        push=False, rich=None, output_dir=tmp_path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
        episodes = asyncio.run(asyncio.wait_for(run_eval(config), timeout=300))
    for episode in episodes:
        (trace,) = episode.traces
        assert episode.ok and trace.stop_condition == "max_turns"
        replies = _assistant_replies(trace)
        assert len(replies) == 1 and trace.metrics["env_steps"] == 1.0 and trace.metrics["env_finished"] == 0.0
        rewards, _, _ = _replay(episode.task.data.seed, replies, backends=backends)
        assert trace.reward == pytest.approx(rewards[0], abs=1e-9)
        rule_rewards, _, _ = _replay(episode.task.data.seed, replies)
        assert rewards[0] != pytest.approx(rule_rewards[0])  # the model-backed rater, not the rule
