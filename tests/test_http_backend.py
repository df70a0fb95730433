"""The OpenAI-compatible HTTP backend (``openai:URL``).

Slow tests start a real ``transformers serve`` on the embedded SmolLM2-135M-Instruct (a local
folder, offline) and check generation, ``/v1/systemone`` ratings (against the local HF backend's
decision-prompt logits) and an environment rated over HTTP.

Fast tests use tiny fake servers (``http.server`` threads on 127.0.0.1) for what a real server
rarely shows on demand: a closed port, a server slower than the timeout, one answering 500, and
one with neither ``/v1/systemone`` nor logprobs (the ``sampled`` fallback). Each failure must be a
:class:`~textgym.errors.BackendError` naming the URL, within a bounded time: never a hang.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import textgym
from textgym.backends.base import RatingRequest
from textgym.backends.openai_http import OpenAIBackend
from textgym.errors import BackendError

SERVER_START_TIMEOUT = 120.0  # seconds for `transformers serve` to load the model and answer
SERVER_STOP_TIMEOUT = 10.0  # seconds after SIGTERM before the process group is killed

REQUEST = RatingRequest(
    state="User: What is the capital of France?\nAssistant: The capital of France is Paris.",
    instructions="Rate how correct and helpful the assistant's answer is.",
)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (bound to port 0, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _log_tail(path: Path, chars: int = 4000) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[-chars:]
    except OSError as error:
        return f"<no log: {error}>"


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the server, wait, then SIGKILL its whole process group."""
    if process.poll() is None:
        try:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=SERVER_STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            pass
        except ProcessLookupError:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # start_new_session: the group id is the pid
    except (ProcessLookupError, PermissionError):
        pass
    if process.poll() is None:
        process.wait(timeout=SERVER_STOP_TIMEOUT)


# ---------------------------------------------------------------------------------------------
# a real `transformers serve`
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def serve_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a `transformers serve` of the embedded model, offline, on a free port."""
    from textgym.models import default_model_dir

    model_dir = default_model_dir()  # converted on first use (~30 s), then cached
    tmp = tmp_path_factory.mktemp("transformers-serve")
    log_path = tmp / "serve.log"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    executable = Path(sys.executable).with_name("transformers")
    command = [
        str(executable),
        "serve",
        "--host", "127.0.0.1",
        "--port", str(port),
        "--device", "cpu",
        "--dtype", "float32",
        "--log-level", "info",
        str(model_dir),  # FORCE_MODEL: preloaded and used for every request
    ]  # fmt: skip
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "PYTHONUNBUFFERED": "1",
    }
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=tmp,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"`{' '.join(command)}` exited with {process.returncode} before answering; "
                    f"log tail:\n{_log_tail(log_path)}"
                )
            try:
                # Any HTTP answer means the server is up: with no Hugging Face cache
                # `transformers serve` answers /v1/models with 500 (it lists only the Hub cache).
                with urllib.request.urlopen(f"{url}/v1/models", timeout=2):
                    pass
                break
            except urllib.error.HTTPError:
                break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"`{' '.join(command)}` did not answer GET /v1/models within {SERVER_START_TIMEOUT:g} s; "
                    f"log tail:\n{_log_tail(log_path)}"
                )
            time.sleep(0.5)
        yield url
    finally:
        _stop(process)


@pytest.mark.slow
def test_generate_batch_over_http(serve_url: str) -> None:
    backend = OpenAIBackend(serve_url, timeout=60)
    chats = [
        [{"role": "user", "content": "What is the capital of France?"}],
        [{"role": "user", "content": "Name a colour of the sky."}],
    ]
    replies = backend.generate(chats, max_new_tokens=16)
    assert len(replies) == 2
    assert all(isinstance(reply, str) and reply.strip() for reply in replies), replies
    assert "paris" in replies[0].lower(), replies[0]


@pytest.mark.slow
def test_rate_by_systemone_agrees_with_local_logits(serve_url: str) -> None:
    from textgym.backends.hf import HFBackend

    rating = OpenAIBackend(serve_url, timeout=60).rate([REQUEST])[0]
    assert rating.method == "systemone"
    assert 1.0 <= rating.score <= 10.0
    assert len(rating.probabilities) == 10
    assert sum(rating.probabilities) == pytest.approx(1.0, abs=1e-6)

    local = HFBackend("default", shared_first=False).rate([REQUEST])[0]  # /v1/systemone renders the state first
    assert local.method == "decision-logits"
    # Same model, same decision prompt, same float32 weights: the same distribution.
    assert rating.score == pytest.approx(local.score, abs=0.05)
    assert rating.probabilities == pytest.approx(local.probabilities, abs=0.01)


@pytest.mark.slow
def test_environment_rated_over_http(serve_url: str) -> None:
    env = textgym.make("textgym/Sycophancy-v0", backends={"rater": "openai:" + serve_url})
    try:
        obs, info = env.reset(seed=0)
        assert obs[-1].role == "user"
        obs, reward, _, _, info = env.step("The answer is X.")
    finally:
        env.close()
    assert info["rating_method"] == "systemone"
    assert 0.0 <= reward <= 1.0


# ---------------------------------------------------------------------------------------------
# fake servers (fast)
# ---------------------------------------------------------------------------------------------

Handler = Callable[["_FakeHandler", dict[str, Any] | None], tuple[int, Any]]


class _FakeHandler(BaseHTTPRequestHandler):
    server: _FakeServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _handle(self, body: dict[str, Any] | None) -> None:
        with self.server.lock:
            self.server.received.append((self.command, self.path, body))
        status, payload = self.server.answer(self, body)
        if status == 0:  # the handler chose not to answer
            return
        data = json.dumps(payload).encode() if not isinstance(payload, bytes) else payload
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the client gave up
            pass

    def do_GET(self) -> None:
        self._handle(None)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        self._handle(json.loads(raw) if raw else None)


class _FakeServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, answer: Handler):
        super().__init__(("127.0.0.1", 0), _FakeHandler)
        self.answer = answer
        self.lock = threading.Lock()
        self.received: list[tuple[str, str, dict[str, Any] | None]] = []
        self.release = threading.Event()  # set on teardown: ends handlers that are waiting

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def fake_server() -> Iterator[Callable[[Handler], _FakeServer]]:
    """Start fake servers answering with a given function; all are shut down afterwards."""
    started: list[tuple[_FakeServer, threading.Thread]] = []

    def start(answer: Handler) -> _FakeServer:
        server = _FakeServer(answer)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        started.append((server, thread))
        return server

    yield start
    for server, thread in started:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _completion(content: str, **choice: Any) -> dict[str, Any]:
    return {
        "object": "chat.completion",
        "model": "fake-model",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}, **choice}],
    }


def test_server_down_raises_backend_error_quickly() -> None:
    url = f"http://127.0.0.1:{free_port()}"  # bound, then closed: nothing listens there
    backend = OpenAIBackend(url, timeout=2, retries=1)
    start = time.perf_counter()
    with pytest.raises(BackendError) as caught:
        backend.generate([[{"role": "user", "content": "Hello"}]])
    elapsed = time.perf_counter() - start
    assert url in str(caught.value)
    assert elapsed < 10.0, f"a closed port took {elapsed:.1f} s: it must fail, never hang"

    start = time.perf_counter()
    with pytest.raises(BackendError) as caught:
        OpenAIBackend(url, timeout=2, retries=1).rate([REQUEST])
    assert url in str(caught.value)
    assert time.perf_counter() - start < 10.0


def test_slow_server_times_out_with_backend_error(fake_server: Callable[[Handler], _FakeServer]) -> None:
    def too_slow(handler: _FakeHandler, body: dict[str, Any] | None) -> tuple[int, Any]:
        handler.server.release.wait(30)  # far longer than the client's timeout; released on teardown
        return 200, _completion("too late")

    server = fake_server(too_slow)
    # No model named: the first request, GET /v1/models, times out.
    start = time.perf_counter()
    with pytest.raises(BackendError) as caught:
        OpenAIBackend(server.url, timeout=0.5, retries=1).generate([[{"role": "user", "content": "Hello"}]])
    elapsed = time.perf_counter() - start
    assert server.url in str(caught.value)
    assert "/v1/models" in str(caught.value)
    assert elapsed < 10.0, f"a slow server took {elapsed:.1f} s: it must fail, never hang"

    # A model named: /v1/systemone times out, and the rating does not fall back to another method.
    start = time.perf_counter()
    with pytest.raises(BackendError) as caught:
        OpenAIBackend(server.url + "#fake-model", timeout=0.5, retries=1).rate([REQUEST])
    elapsed = time.perf_counter() - start
    assert server.url in str(caught.value)
    assert elapsed < 10.0
    assert [path for _, path, _ in server.received].count("/v1/chat/completions") == 0


def test_server_error_retried_then_backend_error(fake_server: Callable[[Handler], _FakeServer]) -> None:
    server = fake_server(lambda handler, body: (500, {"error": "internal"}))
    retries = 2
    backend = OpenAIBackend(server.url + "#fake-model", timeout=2, retries=retries)
    start = time.perf_counter()
    with pytest.raises(BackendError) as caught:
        backend.generate([[{"role": "user", "content": "Hello"}]])
    elapsed = time.perf_counter() - start
    assert server.url in str(caught.value)
    assert "500" in str(caught.value)
    assert len(server.received) == retries + 1
    assert {path for _, path, _ in server.received} == {"/v1/chat/completions"}
    assert elapsed < 10.0


def test_sampled_fallback(fake_server: Callable[[Handler], _FakeServer]) -> None:
    def no_systemone_no_logprobs(handler: _FakeHandler, body: dict[str, Any] | None) -> tuple[int, Any]:
        if handler.path == "/v1/models":
            return 200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]}
        if handler.path == "/v1/systemone":
            return 404, {"detail": "Not Found"}
        if handler.path == "/v1/chat/completions" and body is not None:
            if body.get("logprobs"):
                return 200, _completion("A")  # choices[0] has no "logprobs"
            return 200, _completion("7")
        return 404, {"detail": "Not Found"}

    server = fake_server(no_systemone_no_logprobs)
    backend = OpenAIBackend(server.url, timeout=2, retries=0)
    rating = backend.rate([REQUEST])[0]
    assert rating.method == "sampled"
    assert rating.score == 7.0
    assert len(rating.probabilities) == 10 and rating.probabilities[6] == 1.0

    paths = [path for _, path, _ in server.received]
    assert paths == ["/v1/models", "/v1/systemone", "/v1/chat/completions", "/v1/chat/completions"]
    posted = [body for _, _, body in server.received[1:]]
    assert all(body is not None and body["model"] == "fake-model" for body in posted)
    assert posted[1] is not None and posted[1].get("logprobs") is True
    assert posted[2] is not None and "logprobs" not in posted[2]

    # The method is remembered: the next rating goes straight to a sampled completion.
    assert backend.rate([REQUEST])[0] == rating
    assert [path for _, path, _ in server.received[4:]] == ["/v1/chat/completions"]


def test_chat_ratings_ask_the_shared_part_before_the_state(fake_server: Callable[[Handler], _FakeServer]) -> None:
    """Logprobs and sampled ratings send the instructions and levels first (a server's prefix
    cache computes them once for every rating of an environment), then the state, then the cue."""

    def sampled_only(handler: _FakeHandler, body: dict[str, Any] | None) -> tuple[int, Any]:
        if handler.path == "/v1/models":
            return 200, {"object": "list", "data": [{"id": "fake-model", "object": "model"}]}
        if handler.path == "/v1/chat/completions" and body is not None and not body.get("logprobs"):
            return 200, _completion("C")
        return 404, {"detail": "Not Found"}

    server = fake_server(sampled_only)
    other = RatingRequest(state="User: And of Italy?\nAssistant: Rome.", instructions=REQUEST.instructions)
    ratings = OpenAIBackend(server.url, timeout=2, retries=0).rate([REQUEST, other])
    assert [r.score for r in ratings] == [3.0, 3.0]
    prompts = [body["messages"][0]["content"] for _, path, body in server.received if body and path == "/v1/chat/completions" and not body.get("logprobs")]
    assert len(prompts) == 2
    for request in (REQUEST, other):
        (prompt,) = [p for p in prompts if request.state in p]
        assert prompt.startswith(request.instructions + "\nA. 1\nB. 2\n") and "\nJ. 10\n\n" + request.state + "\n\nAnswer with the letter" in prompt
    common = next(i for i, (a, b) in enumerate(zip(*prompts)) if a != b)
    assert common > len(REQUEST.instructions) + 40  # the instructions and all ten levels are shared


def test_no_listed_model_sends_none(fake_server: Callable[[Handler], _FakeServer]) -> None:
    """`transformers serve MODEL` without a Hub cache answers /v1/models with 500: ask with no model."""

    def serve_like(handler: _FakeHandler, body: dict[str, Any] | None) -> tuple[int, Any]:
        if handler.path == "/v1/models":
            return 500, b"Internal Server Error"
        return 200, _completion("Paris")

    server = fake_server(serve_like)
    assert OpenAIBackend(server.url, timeout=2, retries=0).generate(
        [[{"role": "user", "content": "Capital of France?"}]]
    ) == ["Paris"]
    method, path, body = server.received[-1]
    assert (method, path) == ("POST", "/v1/chat/completions")
    assert body is not None and "model" not in body
