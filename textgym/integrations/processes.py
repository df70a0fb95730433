"""Local server subprocesses for tests and benchmarks: a free port, ``textgym serve`` started and
waited for, and a stop by PID (SIGTERM, then SIGKILL after a grace period).

Servers listen on 127.0.0.1 only.

Example:
    >>> 1024 <= free_port() <= 65535
    True
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def stop(process: subprocess.Popen[Any], grace: float = 15.0) -> None:
    """Stop ``process`` by PID: SIGTERM if it still runs, wait ``grace`` seconds, then SIGKILL."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()


@contextlib.contextmanager
def served(
    env: str,
    args: Sequence[str] = (),
    *,
    stderr: Path | None = None,
    start_timeout: float = 60.0,
) -> Iterator[str]:
    """Run ``textgym serve ENV ARGS... --port P`` in a subprocess; yield its URL once ``/health``
    answers 200; stop it by PID on exit.

    ``stderr`` is a file for the server's log (a file, not a pipe: a full pipe would stall it);
    without it the log is discarded. A server that exits or does not answer within
    ``start_timeout`` seconds raises ``RuntimeError`` with its exit code and the end of its log.
    """
    port = free_port()
    command = [sys.executable, "-c", "import sys; from textgym.cli import main; sys.exit(main(sys.argv[1:]))",
               "serve", env, *args, "--port", str(port)]
    log: IO[str] | None = stderr.open("w") if stderr is not None else None
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log if log is not None else subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            try:
                with urllib.request.urlopen(url + "/health", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                tail = stderr.read_text()[-2000:] if stderr is not None else ""
                raise RuntimeError(f"textgym serve did not start (exit {process.poll()}): {tail}")
            time.sleep(0.3)
        yield url
    finally:
        stop(process)
        if log is not None:
            log.close()


@contextlib.contextmanager
def port_announcing(command: Sequence[str], *, name: str = "server") -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """Run ``command``, a server that prints ``PORT <n>`` as its first line on stdout; yield
    ``(url, process)`` with the URL on 127.0.0.1; stop it by PID on exit.

    A process whose first line is not ``PORT <n>`` raises ``RuntimeError`` naming ``name``, its
    exit code and the line.
    """
    process = subprocess.Popen(list(command), stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError(f"the {name} did not start (exit {process.poll()}): {line!r}")
        yield f"http://127.0.0.1:{int(line.split()[1])}", process
    finally:
        stop(process, grace=10)
        if process.stdout is not None:
            process.stdout.close()
