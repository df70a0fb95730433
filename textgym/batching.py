"""Batching model calls across environments: one backend call per role per round.

A family asks its roles for a rating or a reply synchronously, in the middle of ``step``
(:mod:`textgym.roles`). To batch those calls across N environments without rewriting any family,
:func:`run_batched` runs the N steps in N threads and routes every LLM role call through a
:class:`RoleCallBatcher`: a call blocks until every still-running step has either made its call
or finished, and then the whole round goes to the backend as **one** list call (``rate`` for
ratings, ``generate`` for replies), grouped by backend and call kind, in environment order so
results do not depend on thread timing. Rule backends never reach the batcher.

Example:
    >>> from textgym.batching import RoleCallBatcher, run_batched
    >>> calls = []
    >>> def backend(kind, key, payloads):
    ...     calls.append(len(payloads))
    ...     return [p * 10 for p in payloads]
    >>> batcher = RoleCallBatcher(backend)
    >>> run_batched([lambda i=i: batcher.submit("rate", "model", i) + 1 for i in range(4)], batcher)
    [1, 11, 21, 31]
    >>> calls  # four environments, one backend call
    [4]
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

#: ``execute(kind, key, payloads) -> results``: one backend call for a whole round of a group.
Executor = Callable[[str, Hashable, list[Any]], list[Any]]

T = TypeVar("T")

_local = threading.local()


def current_batcher() -> RoleCallBatcher | None:
    """The batcher of the calling thread, if it runs inside :func:`run_batched`."""
    return getattr(_local, "batcher", None)


def current_worker() -> int:
    """The index of the calling thread's task in :func:`run_batched` (0 outside it)."""
    return getattr(_local, "worker", 0)


@dataclass
class _Call:
    worker: int
    kind: str
    key: Hashable
    payload: Any
    done: bool = False
    value: Any = None
    error: BaseException | None = None


@dataclass
class BatchStats:
    """How many backend calls a batcher made, and how many requests they carried."""

    calls: int = 0
    requests: int = 0
    sizes: list[int] = field(default_factory=list)


class RoleCallBatcher:
    """Collects role calls from concurrently stepping environments into batched backend calls.

    ``execute(kind, key, payloads)`` performs one batched call and returns one result per
    payload. A round is flushed when every worker that is still running is waiting on a call,
    so a family that calls a role twice in one step simply takes two rounds.

    Example:
        >>> b = RoleCallBatcher(lambda kind, key, xs: [x.upper() for x in xs])
        >>> run_batched([lambda: b.submit("generate", "m", "hi"), lambda: "rule"], b)
        ['HI', 'rule']
        >>> b.stats.calls, b.stats.requests
        (1, 1)
    """

    def __init__(self, execute: Executor):
        self.execute = execute
        self.stats = BatchStats()
        self._cond = threading.Condition()
        self._pending: list[_Call] = []
        self._running = 0
        self._threads: ThreadPoolExecutor | None = None
        self._thread_count = 0

    def _pool(self, n: int) -> ThreadPoolExecutor:
        """Threads for ``n`` concurrent tasks (all must run at once for a round to complete)."""
        if self._threads is None or self._thread_count < n:
            if self._threads is not None:
                self._threads.shutdown(wait=False)
            self._threads = ThreadPoolExecutor(max_workers=n, thread_name_prefix="textgym-batch")
            self._thread_count = n
        return self._threads

    # ---------------------------------------------------------------- used by run_batched

    def _start(self, n: int) -> None:
        with self._cond:
            if self._running or self._pending:
                raise RuntimeError("a RoleCallBatcher serves one run_batched at a time")
            self._running = n

    def _finish_worker(self) -> None:
        with self._cond:
            self._running -= 1
            self._flush_if_complete()

    # ---------------------------------------------------------------- used by roles

    def submit(self, kind: str, key: Hashable, payload: Any) -> Any:
        """Queue one request and block until its batched round has run; return its result."""
        call = _Call(current_worker(), kind, key, payload)
        with self._cond:
            self._pending.append(call)
            self._flush_if_complete()
            while not call.done:
                self._cond.wait()
        if call.error is not None:
            raise call.error
        return call.value

    def _flush_if_complete(self) -> None:
        """Run the round if every running worker is waiting (called with the lock held)."""
        if not self._pending or len(self._pending) < self._running:
            return
        pending, self._pending = self._pending, []
        groups: dict[tuple[str, Hashable], list[_Call]] = {}
        for call in sorted(pending, key=lambda c: c.worker):
            groups.setdefault((call.kind, call.key), []).append(call)
        for (kind, key), calls in groups.items():
            try:
                results = self.execute(kind, key, [c.payload for c in calls])
                if len(results) != len(calls):
                    raise RuntimeError(f"a batched {kind} call returned {len(results)} results for {len(calls)} requests")
                for call, value in zip(calls, results):
                    call.value = value
            except BaseException as error:  # every waiting worker sees the failure
                for call in calls:
                    call.error = error
            self.stats.calls += 1
            self.stats.requests += len(calls)
            self.stats.sizes.append(len(calls))
            for call in calls:
                call.done = True
        self._cond.notify_all()


def run_batched(tasks: Sequence[Callable[[], T]], batcher: RoleCallBatcher) -> list[T]:
    """Run ``tasks`` concurrently with their role calls batched by ``batcher``; results in order.

    The first exception raised by a task is re-raised after every task has finished.
    """
    n = len(tasks)
    if n == 0:
        return []
    batcher._start(n)

    def run(index: int) -> T:
        _local.batcher, _local.worker = batcher, index
        try:
            return tasks[index]()
        finally:
            _local.batcher = None
            batcher._finish_worker()

    pool = batcher._pool(n)
    futures = [pool.submit(run, i) for i in range(n)]
    results: list[T | None] = []
    first_error: BaseException | None = None
    for future in futures:
        try:
            results.append(future.result())
        except BaseException as error:  # noqa: BLE001 - re-raised below
            results.append(None)
            first_error = first_error or error
    if first_error is not None:
        raise first_error
    return cast("list[T]", results)  # every task returned: no None placeholder is left
