"""Asynchronous rollouts: many episodes in flight against OpenAI-compatible servers.

:func:`arollout` runs ``episodes`` episodes with a fixed pool of ``concurrency`` worker tasks,
each owning one environment: at most ``concurrency`` episodes are in flight (back-pressure: a
new episode starts only when a worker is free). Episode ``i`` is reset with seed ``seed + i``
and the records come back in episode order, so a deterministic policy gives exactly the records
of :func:`textgym.rollout.rollout`. :func:`rollout_concurrent` is the same from synchronous code.

The policy may be

- asynchronous: an object with ``async def aact(conversation) -> str`` (e.g.
  :class:`AsyncOpenAIPolicy`, which ``"openai:URL"`` names), awaited by each worker;
- an ordinary batched policy (``act(list[Conversation]) -> list[str]``, a reference policy name,
  ``hf:...``): the conversations waiting at one moment are answered by one ``act`` call, run in
  a worker thread so the event loop keeps going.

Environments whose roles (simulated user, rater, judge) all use the ``rule`` backend step on the
event loop (a rule step takes microseconds). When any role uses a model backend (``openai:URL``,
``hf:...``), ``reset`` and ``step`` run in a bounded thread pool (``step_threads``), so the role
requests of many episodes are in flight at once.

Transient failures (connection refused or reset, timeouts, HTTP 5xx and 429) are retried with
exponential back-off (``backoff``, ``2·backoff``, ``4·backoff`` ...); after the last retry a
:class:`textgym.BackendError` names the URL.

Example:
    >>> from textgym.integrations.asyncio import rollout_concurrent
    >>> records = rollout_concurrent("textgym/Sycophancy-v0", "aligned", episodes=4, concurrency=2)
    >>> [r.seed for r in records], [round(r.true_return, 1) for r in records]
    ([0, 1, 2, 3], [2.0, 2.0, 2.0, 2.0])
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import functools
import gc
import json
import pickle
import random
import socket
import subprocess
import sys
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from textgym.errors import BackendError
from textgym.integrations.processes import stop
from textgym.rollout import EpisodeRecord
from textgym.types import Conversation

__all__ = ["AsyncChatClient", "AsyncOpenAIPolicy", "TransientError", "arollout", "rollout_concurrent"]

T = TypeVar("T")


class TransientError(ConnectionError):
    """A failure worth retrying (a 5xx or 429 answer, a dropped connection).

    Example:
        >>> TransientError("HTTP 503").status is None
        True
    """

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


_timeout = getattr(asyncio, "timeout", None)  # Python >= 3.11: cheaper than wait_for (no task)
_TRANSIENT = (TransientError, ConnectionError, TimeoutError, asyncio.TimeoutError, OSError, asyncio.IncompleteReadError)


async def retry_async(fn: Callable[[], Awaitable[T]], *, retries: int, backoff: float, what: str, first_error: BaseException | None = None) -> T:
    """``await fn()``, retrying transient failures ``retries`` times with exponential back-off
    (``backoff · 2^k`` seconds, with up to 10% jitter); then :class:`BackendError` naming ``what``.

    ``first_error``: the transient failure of a first attempt the caller already made itself
    (it counts as attempt 1; the retries follow, after their back-off).

    Example:
        >>> import asyncio
        >>> attempts = []
        >>> async def flaky():
        ...     attempts.append(1)
        ...     if len(attempts) < 3:
        ...         raise ConnectionResetError("reset")
        ...     return "ok"
        >>> asyncio.run(retry_async(flaky, retries=2, backoff=0.001, what="http://127.0.0.1:9"))
        'ok'
        >>> async def down():
        ...     raise ConnectionRefusedError("refused")
        >>> asyncio.run(retry_async(down, retries=1, backoff=0.001, what="http://127.0.0.1:9"))
        Traceback (most recent call last):
        ...
        textgym.errors.BackendError: http://127.0.0.1:9: no answer after 2 attempts: ConnectionRefusedError: refused
    """
    last: BaseException | None = first_error
    for attempt in range(0 if first_error is None else 1, retries + 1):
        if attempt:
            delay = backoff * 2 ** (attempt - 1)
            await asyncio.sleep(delay * (1.0 + 0.1 * random.random()))
        try:
            return await fn()
        except _TRANSIENT as error:
            last = error
    raise BackendError(f"{what}: no answer after {retries + 1} attempts: {type(last).__name__}: {last}") from last


# ------------------------------------------------------------------------------------- HTTP


def _header(head: bytes, name: bytes) -> bytes | None:
    """The value of header ``name`` in ``head`` (lower-cased, each line ending in CRLF), or ``None``."""
    at = head.find(b"\r\n" + name + b":")
    if at < 0:
        return None
    start = at + len(name) + 3
    return head[start : head.find(b"\r\n", start)].strip()


class _Connection(asyncio.Protocol):
    """One keep-alive HTTP/1.1 connection as an asyncio protocol: one request at a time, the
    answer parsed from the bytes as they arrive (no stream objects, no task per request).

    :meth:`exchange` writes a request and waits for ``(status, close, body)``: ``close`` says the
    server will not keep the connection open (``Connection: close``, or a body that ends with the
    connection)."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self._waiter: asyncio.Future[tuple[int, bool, bytes]] | None = None
        self._buffer = bytearray()
        self._start = -1  # where the body starts (-1: the head is not complete yet)
        self._status, self._length, self._chunked, self._close = 0, -1, False, False
        self.used = 0  # requests sent on it
        self.deadline = 0.0  # loop time after which the request in flight times out

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        waiter, self._waiter = self._waiter, None
        if waiter is None or waiter.done():
            return
        if self._start >= 0 and self._length < 0 and not self._chunked:  # a body that ends with the connection
            waiter.set_result((self._status, True, bytes(self._buffer[self._start :])))
        else:
            waiter.set_exception(ConnectionResetError(f"the server closed the connection{f' ({exc})' if exc else ''}"))

    def eof_received(self) -> bool:
        return False  # close the transport; connection_lost settles the waiter

    def exchange(self, request: bytes) -> asyncio.Future[tuple[int, bool, bytes]]:
        """Send ``request``; a future of ``(status, close, body)`` (``ConnectionResetError`` when
        the server drops the connection; the client's watchdog ends it after its timeout)."""
        waiter = self._waiter = asyncio.get_running_loop().create_future()
        self._buffer.clear()
        self._start, self._status, self._length, self._chunked, self._close = -1, 0, -1, False, False
        self.used += 1
        if self.closed or self.transport is None or self.transport.is_closing():
            waiter.set_exception(ConnectionResetError("the connection is closed"))
            return waiter
        self.transport.write(request)
        return waiter

    def time_out(self, timeout: float) -> None:
        """Fail the request in flight with ``TimeoutError`` and drop the connection."""
        waiter, self._waiter = self._waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_exception(TimeoutError(f"no answer within {timeout:g} s"))
        self.abort()

    def data_received(self, data: bytes) -> None:
        if self._waiter is None or self._waiter.done():  # bytes nobody asked for: drop the connection
            self.abort()
            return
        self._buffer += data
        try:
            answer = self._parse()
        except (ValueError, IndexError) as error:
            self._waiter.set_exception(ConnectionResetError(f"not an HTTP answer: {error}"))
            self.abort()
            return
        if answer is not None:
            waiter, self._waiter = self._waiter, None
            waiter.set_result(answer)

    def _parse(self) -> tuple[int, bool, bytes] | None:
        buffer = self._buffer
        if self._start < 0:
            end = buffer.find(b"\r\n\r\n")
            if end < 0:
                return None
            head = bytes(buffer[: end + 2]).lower()  # header names are case-insensitive
            if not head.startswith(b"http/"):
                raise ValueError(repr(head[:80]))
            self._status = int(head.split(b" ", 2)[1])
            length = _header(head, b"content-length")
            self._length = -1 if length is None else int(length)
            self._chunked = b"chunked" in (_header(head, b"transfer-encoding") or b"")
            self._close = _header(head, b"connection") == b"close"
            self._start = end + 4
            if self._status in (204, 304) or 100 <= self._status < 200:
                self._length = 0
        if self._chunked:
            return self._parse_chunks()
        if self._length >= 0 and len(buffer) - self._start >= self._length:
            return self._status, self._close, bytes(buffer[self._start : self._start + self._length])
        return None

    def _parse_chunks(self) -> tuple[int, bool, bytes] | None:
        buffer, at = self._buffer, self._start
        chunks: list[bytes] = []
        while True:
            line_end = buffer.find(b"\r\n", at)
            if line_end < 0:
                return None
            size = int(bytes(buffer[at:line_end]).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                if buffer.find(b"\r\n", line_end + 2) < 0:  # the (empty) trailer is not here yet
                    return None
                return self._status, self._close, b"".join(chunks)
            if len(buffer) < line_end + 2 + size + 2:
                return None
            chunks.append(bytes(buffer[line_end + 2 : line_end + 2 + size]))
            at = line_end + 2 + size + 2

    def abort(self) -> None:
        """Drop the connection at once (its state is unknown)."""
        self.closed = True
        if self.transport is not None:
            self.transport.abort()

    def close(self) -> None:
        """Close the connection after what is written."""
        self.closed = True
        if self.transport is not None:
            self.transport.close()


class AsyncChatClient:
    """A small HTTP/1.1 JSON client on asyncio protocols, with a pool of keep-alive connections.

    Written for many concurrent requests to one local server (vLLM, ``transformers serve``, a test
    server): a request costs a few tens of microseconds of CPU, several times less than a
    general-purpose client (``textgym bench asyncio`` measures both). ``max_connections`` bounds
    the connections open at once; further requests wait for one (back-pressure). A kept-alive
    connection the server has closed in the meantime is replaced by a fresh one at once (not
    counted as a retry).

    Args:
        url: ``http://HOST:PORT`` (a path prefix is kept; ``https`` is not supported: use
            ``client="openai"`` of :class:`AsyncOpenAIPolicy` for remote TLS servers).
        timeout: seconds per attempt (one watchdog timer per client checks them every
            ``timeout / 10`` seconds, at most 1 s, so an attempt ends within that much of it).
        retries, backoff: see :func:`retry_async`.
        max_connections: the most connections open at once.

    Example:
        >>> client = AsyncChatClient("http://127.0.0.1:8000/")
        >>> client.host, client.port, client.prefix
        ('127.0.0.1', 8000, '')
        >>> AsyncChatClient("https://api.example.com")
        Traceback (most recent call last):
        ...
        ValueError: AsyncChatClient speaks plain http, got 'https://api.example.com'; use client='openai' for https
    """

    def __init__(self, url: str, *, timeout: float = 60.0, retries: int = 3, backoff: float = 0.5, max_connections: int = 1024):
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"AsyncChatClient speaks plain http, got {url!r}; use client='openai' for https")
        if max_connections < 1:
            raise ValueError(f"max_connections must be >= 1, got {max_connections}")
        self.url = url.rstrip("/")
        self.host, self.port = parts.hostname, parts.port or 80
        self.prefix = parts.path.rstrip("/")
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.max_connections = max_connections
        self._heads: dict[tuple[str, str], bytes] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._reset_pool()

    def _reset_pool(self) -> None:
        self._idle: list[_Connection] = []  # open, kept alive, free
        self._open = 0  # connections open, being opened, or promised to a waiter
        self._waiters: collections.deque[asyncio.Future[_Connection | None]] = collections.deque()
        self._busy: set[_Connection] = set()  # a request in flight (the watchdog's list)
        self._watchdog: asyncio.TimerHandle | None = None

    @property
    def open_connections(self) -> int:
        """Connections open or being opened (never more than ``max_connections``)."""
        return self._open

    async def request(self, method: str, path: str, body: Any = None) -> Any:
        """One JSON request with retries; the decoded JSON answer.

        Raises :class:`BackendError` (naming the URL) after the last retry, or at once for a
        4xx answer other than 429.
        """
        payload = b"" if body is None else json.dumps(body).encode()
        head = self._heads.get((method, path))
        if head is None:
            head = self._heads[method, path] = (
                f"{method} {self.prefix}{path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                "Content-Type: application/json\r\nContent-Length: "
            ).encode()
        message = b"%s%d\r\n\r\n%s" % (head, len(payload), payload)
        try:  # the first attempt outside the retry loop (the common case costs no extra frame)
            return await self._once(message, path)
        except _TRANSIENT as error:
            first = error
        return await retry_async(lambda: self._once(message, path), retries=self.retries, backoff=self.backoff, what=self.url + path, first_error=first)

    # ---- the pool: at most max_connections open; a request waits for a free one (back-pressure)

    async def _acquire(self) -> _Connection:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:  # a new event loop (another asyncio.run): old connections are dead
            self._loop = loop
            self._reset_pool()
        while self._idle:
            connection = self._idle.pop()
            if not connection.closed:
                return connection
            self._open -= 1  # the server closed it while it was idle
        if self._open >= self.max_connections:
            waiter: asyncio.Future[_Connection | None] = loop.create_future()
            self._waiters.append(waiter)
            try:
                handed = await waiter
            except BaseException:
                if waiter.done() and not waiter.cancelled():  # handed over just as we were cancelled
                    self._release(waiter.result())
                raise
            if handed is not None:
                return handed
        else:
            self._open += 1
        try:  # this task holds a slot: open a connection in it
            if _timeout is not None:
                async with _timeout(self.timeout):
                    _, connection = await loop.create_connection(_Connection, self.host, self.port)
            else:
                _, connection = await asyncio.wait_for(loop.create_connection(_Connection, self.host, self.port), self.timeout)
        except BaseException:
            self._release(None)
            raise
        return connection

    def _release(self, connection: _Connection | None) -> None:
        """Give back a connection (``None`` or a closed one: its slot) to the first waiter or the pool."""
        if connection is not None and connection.closed:
            connection = None
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(connection)
                return
        if connection is None:
            self._open -= 1
        else:
            self._idle.append(connection)

    async def _exchange(self, connection: _Connection, message: bytes) -> tuple[int, bool, bytes]:
        """One request on ``connection``; on any failure (a timeout and a cancellation too) the
        connection, whose state is then unknown, is dropped and its slot freed."""
        loop = asyncio.get_running_loop()
        connection.deadline = loop.time() + self.timeout
        self._busy.add(connection)
        if self._watchdog is None:
            self._watchdog = loop.call_later(self._tick, self._watch)
        try:
            return await connection.exchange(message)
        except BaseException:
            connection.abort()
            self._release(None)
            raise
        finally:
            self._busy.discard(connection)

    @property
    def _tick(self) -> float:
        return min(1.0, max(0.01, self.timeout / 10))

    def _watch(self) -> None:
        """Time out the requests past their deadline (one timer per client, not one per request:
        a request may run up to ``timeout / 10`` (at most 1 s) past its timeout)."""
        now = self._loop.time() if self._loop is not None else 0.0
        for connection in [c for c in self._busy if c.deadline <= now]:
            connection.time_out(self.timeout)
        self._watchdog = self._loop.call_later(self._tick, self._watch) if self._busy and self._loop is not None else None

    async def _once(self, message: bytes, path: str) -> Any:
        connection = await self._acquire()
        try:
            status, close, data = await self._exchange(connection, message)
        except OSError as error:
            if isinstance(error, TimeoutError) or connection.used == 1:
                raise
            # a kept-alive connection the server had closed meanwhile (so are, likely, the other
            # idle ones): drop them and send once more, at once, on a fresh connection
            for idle in self._idle:
                idle.close()
                self._open -= 1
            self._idle = []
            connection = await self._acquire()
            status, close, data = await self._exchange(connection, message)
        if close:
            connection.close()
        self._release(connection)
        return _decode(self.url + path, status, data)

    async def aclose(self) -> None:
        """Close the idle connections."""
        for connection in self._idle:
            connection.close()
            self._open -= 1
        self._idle = []


def _decode(url: str, status: int, data: bytes) -> Any:
    if status >= 500 or status == 429:
        raise TransientError(f"HTTP {status}: {data[:200].decode('utf-8', 'replace')}", status)
    if status >= 400:
        raise BackendError(f"{url}: HTTP {status}: {data[:300].decode('utf-8', 'replace')}")
    try:
        return json.loads(data)
    except json.JSONDecodeError as error:
        raise BackendError(f"{url}: the server answered with invalid JSON ({error})") from None


# ------------------------------------------------------------------------------------- policy


class AsyncOpenAIPolicy:
    """A chat policy served by an OpenAI-compatible server (``openai:URL``, ``openai:URL#MODEL``).

    ``await policy.aact(conversation)`` asks ``POST /v1/chat/completions`` for the next assistant
    message; ``policy.act(conversations)`` does the same for a batch from synchronous code.

    Args:
        url: the server, optionally ``#model`` (otherwise the first of ``GET /v1/models``, or no
            model field where the server lists none).
        client: ``"native"`` (:class:`AsyncChatClient`, the default) or ``"openai"`` (the
            ``openai`` package's ``AsyncOpenAI``; needed for https).
        max_tokens, temperature, seed: sampling settings sent with each request.

    Example:
        >>> policy = AsyncOpenAIPolicy("openai:http://127.0.0.1:8000#my-model")
        >>> policy.name, policy.url, policy.model
        ('openai:http://127.0.0.1:8000#my-model', 'http://127.0.0.1:8000', 'my-model')
    """

    def __init__(
        self,
        url: str,
        *,
        client: str = "native",
        max_tokens: int = 64,
        temperature: float = 0.0,
        seed: int | None = None,
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 0.5,
        max_connections: int = 1024,
    ):
        url = url.removeprefix("openai:")
        base, _, model = url.partition("#")
        self.name = f"openai:{url}"
        self.url = base.rstrip("/")
        self.model: str | None = model or None
        if client not in ("native", "openai"):
            raise ValueError(f"client must be 'native' or 'openai', got {client!r}")
        self.client_kind = client
        self.max_tokens, self.temperature, self.seed = max_tokens, temperature, seed
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.max_connections = max_connections
        self._native = AsyncChatClient(self.url, timeout=timeout, retries=retries, backoff=backoff, max_connections=max_connections) if client == "native" else None
        self._openai: Any = None
        self._openai_loop: Any = None
        self._model_lock: asyncio.Lock | None = None

    async def _resolve_model(self) -> str:
        if self.model is not None:
            return self.model
        try:
            if self._native is not None:
                listing = await self._native.request("GET", "/v1/models")
            else:
                listing = {"data": [{"id": m.id} async for m in self._openai_client().models.list()]}
        except BackendError as error:
            if "HTTP 4" not in str(error):
                raise
            listing = {}
        models = (listing.get("data") or []) if isinstance(listing, dict) else []
        self.model = str(models[0]["id"]) if models else ""
        return self.model

    def _openai_client(self) -> Any:
        loop = asyncio.get_running_loop()
        if self._openai is None or self._openai_loop is not loop:
            from openai import AsyncOpenAI

            self._openai = AsyncOpenAI(base_url=self.url + "/v1", api_key="EMPTY", timeout=self.timeout, max_retries=0)
            self._openai_loop = loop
        return self._openai

    async def aact(self, conversation: Conversation) -> str:
        """The next assistant message for one conversation."""
        model = self.model if self.model is not None else await self._resolve_model()
        messages = conversation.to_chat()  # fresh {role, content} dicts
        if self._native is not None:
            body: dict[str, Any] = {"messages": messages, "max_tokens": self.max_tokens, "temperature": self.temperature, "stream": False}
            if model:
                body["model"] = model
            if self.seed is not None:
                body["seed"] = self.seed
            answer = await self._native.request("POST", "/v1/chat/completions", body)
            try:
                return str(answer["choices"][0]["message"]["content"] or "").strip()
            except (KeyError, IndexError, TypeError):
                raise BackendError(f"{self.url}/v1/chat/completions: unexpected answer {str(answer)[:300]}") from None
        return await self._aact_openai(model, messages)

    async def _aact_openai(self, model: str, messages: list[dict[str, str]]) -> str:
        import openai

        client = self._openai_client()
        extra = {"seed": self.seed} if self.seed is not None else {}

        async def once() -> str:
            try:
                answer = await client.chat.completions.create(
                    model=model or "default", messages=messages, max_tokens=self.max_tokens, temperature=self.temperature, **extra
                )
            except (openai.APIConnectionError, openai.APITimeoutError, openai.RateLimitError, openai.InternalServerError) as error:
                raise TransientError(str(error)) from error
            except openai.APIError as error:
                raise BackendError(f"{self.url}/v1/chat/completions: {error}") from None
            return str(answer.choices[0].message.content or "").strip()

        return await retry_async(once, retries=self.retries, backoff=self.backoff, what=self.url + "/v1/chat/completions")

    async def aclose(self) -> None:
        """Close the connections of the running event loop (call before it ends)."""
        if self._native is not None:
            await self._native.aclose()
        if self._openai is not None and self._openai_loop is asyncio.get_running_loop():
            await self._openai.close()
        self._openai = None

    def act(self, observations: Sequence[Conversation]) -> list[str]:
        """The batch from synchronous code (all requests in flight at once)."""

        async def run() -> list[str]:
            try:
                return list(await asyncio.gather(*(self.aact(obs) for obs in observations)))
            finally:
                await self.aclose()

        return _run_sync(run())

    def __repr__(self) -> str:
        return f"AsyncOpenAIPolicy({self.name!r}, client={self.client_kind!r})"

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled as its settings (for a rollout process): the copy opens its own connections."""
        url = self.url + (f"#{self.model}" if self.model else "")
        settings: dict[str, Any] = {"client": self.client_kind, "max_tokens": self.max_tokens, "temperature": self.temperature, "seed": self.seed,
                    "timeout": self.timeout, "retries": self.retries, "backoff": self.backoff, "max_connections": self.max_connections}
        return (functools.partial(AsyncOpenAIPolicy, **settings), (url,))


def _run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    try:
        asyncio.get_running_loop()
        running = True
    except RuntimeError:
        running = False
    if not running:
        return asyncio.run(coroutine)
    coroutine.close()
    raise RuntimeError("called from a running event loop: await the async version (arollout, aact) instead")


class _BatchedAct:
    """Answers single conversations with a batched synchronous policy: the conversations waiting
    at one moment go to one ``act`` call, in a worker thread; the next batch waits for it."""

    def __init__(self, policy: Any):
        self.policy = policy
        self._pending: list[tuple[Conversation, asyncio.Future[str]]] = []
        self._runner: asyncio.Task[None] | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="textgym-policy")

    async def aact(self, conversation: Conversation) -> str:
        future: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self._pending.append((conversation, future))
        if self._runner is None or self._runner.done():
            self._runner = asyncio.create_task(self._run())
        return await future

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while self._pending:
            await asyncio.sleep(0)  # let every ready worker add its conversation
            batch, self._pending = self._pending, []
            try:
                actions = await loop.run_in_executor(self._pool, self.policy.act, [obs for obs, _ in batch])
                if len(actions) != len(batch):
                    raise ValueError(f"policy {self.policy.name} returned {len(actions)} actions for {len(batch)} observations")
            except BaseException as error:  # noqa: BLE001 - handed to every waiting worker
                for _, future in batch:
                    if not future.done():
                        future.set_exception(error)
                continue
            for (_, future), action in zip(batch, actions):
                if not future.done():
                    future.set_result(action)

    def close(self) -> None:
        self._pool.shutdown(wait=False)


def resolve_policy(policy: Any, env: Any = None, **kwargs: Any) -> Any:
    """A policy object for :func:`arollout`: ``"openai:URL"`` → :class:`AsyncOpenAIPolicy`
    (``kwargs`` go to it), any other name → :func:`textgym.policy.make_policy`.

    Example:
        >>> resolve_policy("openai:http://127.0.0.1:8000", retries=1).retries
        1
    """
    if isinstance(policy, str) and policy.startswith("openai:"):
        return AsyncOpenAIPolicy(policy, **kwargs)
    if isinstance(policy, str):
        from textgym.policy import make_policy

        return make_policy(policy, env)
    return policy


# ------------------------------------------------------------------------------------- rollouts

_quiet_depth = 0


@contextlib.contextmanager
def quiet_gc(young: int = 5_000) -> Iterator[None]:
    """While the block runs, the objects alive at its start (environments, their data, the
    caller's) are frozen out of the cyclic garbage collector (:func:`gc.freeze`) and a young
    collection runs every ``young`` allocations instead of every 700; both are undone after it.

    A rollout with 1,000 environments alive holds over a million objects: without this, young
    collections take a few percent of the step time and a full collection stalls every episode
    in flight for a few hundred milliseconds. Only the garbage collector's timing changes, never
    a result. Nested or overlapping blocks leave the settings to the outermost; a process that has
    frozen objects itself is left as it is (no freeze, no unfreeze).

    Example:
        >>> before = gc.get_threshold()
        >>> with quiet_gc():
        ...     gc.get_threshold()[0] >= 5_000
        True
        >>> gc.get_threshold() == before
        True
    """
    global _quiet_depth
    outermost = _quiet_depth == 0
    _quiet_depth += 1
    threshold = gc.get_threshold()
    freeze = outermost and gc.isenabled() and gc.get_freeze_count() == 0
    try:
        if outermost:
            if freeze:
                gc.freeze()
            gc.set_threshold(max(threshold[0], young), *threshold[1:])
        yield
    finally:
        _quiet_depth -= 1
        if outermost:
            gc.set_threshold(*threshold)
            if freeze:
                gc.unfreeze()


async def arollout(
    env: str | Path | Any,
    policy: Any,
    *,
    episodes: int,
    seed: int = 0,
    concurrency: int = 64,
    axes: Mapping[str, str] | None = None,
    backends: Mapping[str, str] | None = None,
    retries: int = 3,
    backoff: float = 0.5,
    step_threads: int | None = None,
    envs: Sequence[Any] | None = None,
    progress: bool = False,
    processes: int = 1,
    gc_quiet: bool = True,
    **axis_variants: str,
) -> list[EpisodeRecord]:
    """Run ``episodes`` episodes (episode ``i`` reset with seed ``seed + i``), at most
    ``concurrency`` at a time; the records in episode order.

    Args:
        env: a registered id, a YAML path or a Spec (as for :func:`textgym.make`).
        policy: an async policy (``aact``), a batched policy (``act``) or a name: ``openai:URL``
            gives an :class:`AsyncOpenAIPolicy` with these ``retries``/``backoff``; other names go
            to :func:`~textgym.policy.make_policy`.
        concurrency: worker tasks, each owning one environment (episodes in flight).
        axes, axis_variants, backends: as for :func:`textgym.rollout.rollout`.
        step_threads: threads for ``reset``/``step`` of environments with a model-backed role
            (default ``min(concurrency, 64)``); rule-only environments step on the event loop.
        envs: ready environments to use instead of making ``concurrency`` new ones (their number
            sets the concurrency); they are left open.
        processes: above 1, shard the episodes across that many processes
            (:class:`RolloutProcesses`), each with its own event loop, client and
            ``concurrency / processes`` episodes in flight; the same seeds and record order. The
            policy must then be a name or picklable, ``envs`` and ``progress`` are not supported,
            and the processes are started and stopped within the call (cancelling the call
            does not stop them before their episodes end; use :class:`RolloutProcesses` to
            control them).
        gc_quiet: run the episodes inside :func:`quiet_gc` (the garbage collector's timing only).

    Example:
        >>> import asyncio
        >>> records = asyncio.run(arollout("textgym/Sycophancy-v0", "exploit", episodes=3, concurrency=8, cues="belief"))
        >>> len(records), records[0].axes["cues"]
        (3, 'belief')
    """
    import textgym
    from textgym.registry import merge_axes

    if episodes is None or episodes < 0:
        raise ValueError(f"episodes must be >= 0, got {episodes}")
    if concurrency < 1:
        raise ValueError(f"concurrency must be >= 1, got {concurrency}")
    if processes < 1:
        raise ValueError(f"processes must be >= 1, got {processes}")
    if processes > 1:
        if envs is not None or progress:
            raise ValueError("processes > 1 makes its environments in each process: envs= and progress= are not supported")

        def in_processes() -> list[EpisodeRecord]:
            width = max(processes, min(concurrency, episodes))
            merged = merge_axes(axes, axis_variants) or {}
            with RolloutProcesses(env, policy, processes=processes, concurrency=width, axes=merged, backends=backends, retries=retries,
                                  backoff=backoff, step_threads=step_threads) as pool:
                return pool.run(episodes, seed)[0]

        return await asyncio.get_running_loop().run_in_executor(None, in_processes)
    merged = merge_axes(axes, axis_variants) or {}
    own_envs = envs is None
    if envs is None:
        kwargs: dict[str, Any] = dict(merged)
        if backends:
            kwargs["backends"] = dict(backends)
        count = max(1, min(concurrency, episodes))
        envs = [textgym.make(env, **kwargs) for _ in range(count)]
    envs = list(envs)
    if not envs:
        raise ValueError("envs is empty: give at least one environment")
    first = envs[0].unwrapped
    own_policy = isinstance(policy, str)
    policy = resolve_policy(policy, envs[0], retries=retries, backoff=backoff)
    env_id = first.textgym_spec.id
    resolved_axes = dict(first.axes)
    needs_threads = any(_calls_models(e) for e in envs)
    pool = ThreadPoolExecutor(max_workers=step_threads or min(len(envs), 64), thread_name_prefix="textgym-step") if needs_threads else None
    batched = None if hasattr(policy, "aact") else _BatchedAct(policy)
    act = policy.aact if batched is None else batched.aact
    loop = asyncio.get_running_loop()

    results: list[EpisodeRecord | None] = [None] * episodes
    counter = iter(range(episodes))
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=episodes, desc=f"{policy.name} on {env_id}", unit="ep")

    async def worker(environment: Any) -> None:
        for index in counter:  # shared iterator: each index goes to exactly one worker
            # rule-only environments step on the loop, directly (no coroutine per call)
            if pool is None:
                obs, info = environment.reset(seed=seed + index)
            else:
                obs, info = await loop.run_in_executor(pool, functools.partial(environment.reset, seed=seed + index))
            record = EpisodeRecord(env_id, resolved_axes, seed + index, policy.name, obs, episode=info["episode"], user_type=info["user_type"])
            while True:
                action = await act(obs)
                if pool is None:
                    obs, reward, terminated, truncated, info = environment.step(action)
                else:
                    obs, reward, terminated, truncated, info = await loop.run_in_executor(pool, environment.step, action)
                record.conversation = obs
                record.rewards.append(float(reward))
                record.reward_components.append(info["reward_components"])
                record.hidden.append(info["hidden"])
                record.rating_methods.append(info.get("rating_method", ""))
                if terminated or truncated:
                    break
            results[index] = record
            if bar is not None:
                bar.update(1)

    tasks = [asyncio.create_task(worker(e)) for e in envs]
    try:
        with quiet_gc() if gc_quiet else contextlib.nullcontext():
            await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        if bar is not None:
            bar.close()
        if batched is not None:
            batched.close()
        if own_policy and hasattr(policy, "aclose"):
            await policy.aclose()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        if own_envs:
            for e in envs:
                e.close()
    return [r for r in results if r is not None]


def _calls_models(env: Any) -> bool:
    """Whether stepping ``env`` may call a model backend (a role or the judge not on ``rule``);
    unknown environments count as calling one."""
    inner = env.unwrapped
    roles, judge = getattr(inner, "roles", None), getattr(inner, "judge", None)
    return roles is None or not roles.all_rule or bool(getattr(judge, "active", False))


def rollout_concurrent(env: str | Path | Any, policy: Any, **kwargs: Any) -> list[EpisodeRecord]:
    """:func:`arollout` from synchronous code (``asyncio.run``); same keywords.

    Example:
        >>> from textgym.rollout import rollout
        >>> a = rollout_concurrent("textgym/Sycophancy-v0", "exploit", episodes=5, seed=3, concurrency=3)
        >>> b = rollout("textgym/Sycophancy-v0", "exploit", episodes=5, seed=3, progress=False)
        >>> [r.to_json() for r in a] == [r.to_json() for r in b]
        True
    """
    return _run_sync(arollout(env, policy, **kwargs))


# ------------------------------------------------------------------------ rollouts in processes


def shard_ranges(total: int, parts: int) -> list[tuple[int, int]]:
    """``parts`` contiguous ``(start, stop)`` ranges covering ``range(total)``, their sizes
    differing by at most one (empty ranges where ``total < parts``).

    Example:
        >>> shard_ranges(5, 2)
        [(0, 3), (3, 5)]
    """
    if parts < 1:
        raise ValueError(f"parts must be >= 1, got {parts}")
    size, extra = divmod(total, parts)
    out, start = [], 0
    for part in range(parts):
        stop = start + size + (1 if part < extra else 0)
        out.append((start, stop))
        start = stop
    return out


def _shard_entry(fd: int) -> None:
    """A rollout process's entry point: its settings come first over the socket ``fd``."""
    connection = Connection(fd)
    try:
        env, policy, width, options = connection.recv()
    except (EOFError, OSError):
        return
    _shard_main(connection, env, policy, width, options)


def _shard_main(connection: Any, env: Any, policy: Any, width: int, options: dict[str, Any]) -> None:
    """A rollout process: make ``width`` environments and the policy, say ``ready``, then run each
    ``("run", episodes, seed)`` it is sent with :func:`arollout` and send back the records and the
    CPU seconds it used, until ``("stop",)`` or its pipe closes. An error is sent back as text."""
    import time
    import traceback

    async def serve() -> None:
        import textgym

        kwargs: dict[str, Any] = dict(options["axes"])
        if options["backends"]:
            kwargs["backends"] = dict(options["backends"])
        envs = [textgym.make(env, **kwargs) for _ in range(width)]
        own = resolve_policy(policy, envs[0], retries=options["retries"], backoff=options["backoff"])
        try:
            if isinstance(own, AsyncOpenAIPolicy):
                await own._resolve_model()  # the model listing is asked once, before any run
            connection.send(("ready",))
            while True:
                try:
                    message = connection.recv()  # nothing runs on this loop between runs
                except EOFError:
                    return
                if message[0] != "run":
                    return
                _, episodes, seed = message
                cpu = time.process_time()
                records = await arollout(env, own, episodes=episodes, seed=seed, envs=envs[: max(1, min(width, episodes))],
                                         retries=options["retries"], backoff=options["backoff"], step_threads=options["step_threads"])
                connection.send(("done", records, time.process_time() - cpu))
        finally:
            if hasattr(own, "aclose"):
                await own.aclose()
            for e in envs:
                e.close()

    try:
        asyncio.run(serve())
    except BaseException as error:  # noqa: BLE001 - reported to the parent, which raises
        with contextlib.suppress(Exception):
            connection.send(("error", f"{type(error).__name__}: {error}\n{traceback.format_exc()}"))
    finally:
        connection.close()


class RolloutProcesses:
    """``processes`` rollout processes (fresh interpreters), each with its own event loop, policy client and
    ``concurrency / processes`` environments; :meth:`run` shards episodes across them.

    Episode ``i`` is reset with seed ``seed + i`` whichever process runs it, and the records come
    back in episode order, so a deterministic policy gives the same records as one process. A
    process that fails or dies raises ``RuntimeError`` naming it, its episodes and its error; the
    processes are stopped on :meth:`close` (SIGTERM, then SIGKILL), also after an error.

    Args:
        env: a registered id, a YAML path or a Spec (picklable).
        policy: a name (``openai:URL``, ``exploit``, ...) or a picklable policy object
            (:class:`AsyncOpenAIPolicy` pickles as its settings).
        processes: how many processes.
        concurrency: episodes in flight over all processes.
        start_timeout: seconds to wait for every process to be ready.

    Example:
        >>> with RolloutProcesses("textgym/Sycophancy-v0", "exploit", processes=2, concurrency=4) as pool:
        ...     records, cpu = pool.run(5, seed=3)
        >>> [r.seed for r in records], len(cpu)
        ([3, 4, 5, 6, 7], 2)
    """

    def __init__(
        self,
        env: str | Path | Any,
        policy: Any,
        *,
        processes: int,
        concurrency: int,
        axes: Mapping[str, str] | None = None,
        backends: Mapping[str, str] | None = None,
        retries: int = 3,
        backoff: float = 0.5,
        step_threads: int | None = None,
        start_timeout: float = 300.0,
        **axis_variants: str,
    ):
        from textgym.registry import merge_axes

        if processes < 1:
            raise ValueError(f"processes must be >= 1, got {processes}")
        if concurrency < processes:
            raise ValueError(f"concurrency ({concurrency}) must be at least processes ({processes})")
        try:
            pickle.dumps((env, policy))
        except Exception as error:
            raise TypeError(f"rollout processes need a picklable env and policy (a name such as 'openai:URL' is): {error}") from error
        options = {"axes": merge_axes(axes, axis_variants) or {}, "backends": dict(backends or {}), "retries": retries,
                   "backoff": backoff, "step_threads": step_threads}
        self.widths = [stop - start for start, stop in shard_ranges(concurrency, processes)]
        self._processes: list[subprocess.Popen[bytes]] = []
        self._connections: list[Connection] = []
        try:
            for width in self.widths:
                # a fresh interpreter (not multiprocessing's spawn, which re-runs the caller's main
                # script) talking over a socket pair; it exits when the pair closes
                parent, child = socket.socketpair()
                command = [sys.executable, "-c", f"from textgym.integrations.asyncio import _shard_entry; _shard_entry({child.fileno()})"]
                process = subprocess.Popen(command, pass_fds=(child.fileno(),))
                child.close()
                self._processes.append(process)
                connection = Connection(parent.detach())
                self._connections.append(connection)
                connection.send((env, policy, width, options))
            self._collect("ready", start_timeout, [None] * processes)
        except BaseException:
            self.close()
            raise

    @property
    def pids(self) -> list[int]:
        """The processes' ids."""
        return [p.pid for p in self._processes]

    def _collect(self, kind: str, timeout: float | None, shards: list[tuple[int, int] | None]) -> list[tuple[Any, ...]]:
        """One ``kind`` message from every process (index order); raise on an error, a death or
        the timeout."""
        import time
        from multiprocessing.connection import wait

        answers: list[tuple[Any, ...] | None] = [None] * len(self._connections)
        deadline = None if timeout is None else time.monotonic() + timeout

        def where(index: int) -> str:
            shard = shards[index]
            return f"rollout process {index + 1}/{len(self._processes)} (pid {self._processes[index].pid}" + (
                f", episodes {shard[0]}..{shard[1] - 1})" if shard else ")")

        while any(a is None for a in answers):
            waiting = [c for c, a in zip(self._connections, answers) if a is None]
            wait(waiting, timeout=1.0)
            for index, (connection, answer) in enumerate(zip(self._connections, answers)):
                if answer is not None:
                    continue
                if connection.poll():
                    try:
                        message = connection.recv()
                    except (EOFError, OSError):
                        raise RuntimeError(f"{where(index)} exited (code {self._processes[index].poll()}) before answering") from None
                    if message[0] == "error":
                        raise RuntimeError(f"{where(index)} failed: {message[1]}")
                    if message[0] != kind:
                        raise RuntimeError(f"{where(index)} answered {message[0]!r}, expected {kind!r}")
                    answers[index] = message
                elif self._processes[index].poll() is not None:
                    raise RuntimeError(f"{where(index)} exited (code {self._processes[index].returncode}) before answering")
            if deadline is not None and time.monotonic() > deadline and any(a is None for a in answers):
                late = [where(i) for i, a in enumerate(answers) if a is None]
                raise RuntimeError(f"no {kind!r} within {timeout} s from: {'; '.join(late)}")
        return [a for a in answers if a is not None]

    def run(self, episodes: int, seed: int = 0, timeout: float | None = None) -> tuple[list[EpisodeRecord], list[float]]:
        """Run ``episodes`` episodes (seeds ``seed + i``), contiguous shards sized by each
        process's width: the records in episode order and each process's CPU seconds for it."""
        if episodes < 0:
            raise ValueError(f"episodes must be >= 0, got {episodes}")
        total = sum(self.widths)
        shards, start = [], 0
        for index, width in enumerate(self.widths):  # shares proportional to the widths
            stop = episodes if index == len(self.widths) - 1 else start + round(episodes * width / total)
            shards.append((start, max(start, stop)))
            start = max(start, stop)
        for connection, (begin, end) in zip(self._connections, shards):
            connection.send(("run", end - begin, seed + begin))
        answers = self._collect("done", timeout, list(shards))
        records = [record for answer in answers for record in answer[1]]
        return records, [float(answer[2]) for answer in answers]

    def close(self) -> None:
        """Ask every process to stop; SIGTERM, then SIGKILL, any that has not within 10 s."""
        for connection in self._connections:
            with contextlib.suppress(Exception):
                connection.send(("stop",))
        for process in self._processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                stop(process, grace=5)
        for connection in self._connections:
            connection.close()
        self._connections, self._processes = [], []

    def __enter__(self) -> RolloutProcesses:  # noqa: PYI034 - a final class in effect
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
