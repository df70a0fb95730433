"""``RecordConversations``: one JSON line per finished episode, crash-safe; ``load_trajectories``.

Each line is :meth:`textgym.rollout.EpisodeRecord.to_json` of one episode: ``env_id``, ``axes``,
``seed`` (the reset seed; ``-1`` when the episode was reset without one), ``policy``,
``user_type``, ``episode``, ``conversation`` (with ``source``), ``rewards``, ``proxy_return``,
``true_return``, ``reward_components``, ``hidden``, ``rating_methods``. Values JSON cannot hold
(numpy numbers, tuples) are converted; anything else is written as its ``str``.

**Crash safety.** Each line is written with a single ``write`` on a file opened in append mode
and flushed before the next step (``fsync=True`` also forces it to disk), so a killed process
leaves every finished episode on disk, one complete line each. A partial last line (the process
died inside a write) is ignored by :func:`load_trajectories` and cut off when the file is
reopened for appending.

The file is plain JSON Lines: ``datasets.load_dataset("json", data_files=path)`` reads it too.

Example:
    >>> import tempfile, os, textgym
    >>> path = os.path.join(tempfile.mkdtemp(), "episodes.jsonl")
    >>> env = RecordConversations(textgym.make("textgym/Sycophancy-v0"), path, policy="aligned")
    >>> for seed in range(3):
    ...     _ = env.reset(seed=seed)
    ...     done = False
    ...     while not done:
    ...         done = env.step("The answer is 4.")[2]
    >>> env.close()
    >>> records = load_trajectories(path)
    >>> len(records), records[0].seed, records[0].conversation[-1].source
    (3, 0, 'policy')
"""

from __future__ import annotations

import json
import os
import warnings
from pathlib import Path
from typing import Any, SupportsFloat

import gymnasium as gym
import numpy as np

from textgym.rollout import EpisodeRecord
from textgym.types import Conversation
from textgym.wrappers.base import text_env

__all__ = ["RecordConversations", "load_trajectories"]


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


def _line(record: EpisodeRecord) -> bytes:
    text = json.dumps(record.to_json(), ensure_ascii=False, default=_jsonable, allow_nan=True)
    return (text + "\n").encode("utf-8", errors="backslashreplace")  # lone surrogates -> \\udXXX escapes


def _cut_partial_tail(path: Path) -> None:
    """Truncate ``path`` after its last newline (a line left half-written by a crash)."""
    size = path.stat().st_size
    if size == 0:
        return
    with open(path, "rb+") as handle:
        block = 1 << 16
        end = size
        while end > 0:
            start = max(0, end - block)
            handle.seek(start)
            chunk = handle.read(end - start)
            cut = chunk.rfind(b"\n")
            if cut >= 0:
                keep = start + cut + 1
                break
            end = start
        else:
            keep = 0
        if keep < size:
            handle.truncate(keep)


class RecordConversations(gym.Wrapper[Conversation, str, Conversation, str], gym.utils.RecordConstructorArgs):
    """Append one :class:`~textgym.rollout.EpisodeRecord` JSON line per finished episode.

    Args:
        env: a textgym environment, possibly wrapped (put this wrapper outermost to record what
            the agent saw, e.g. interrogation turns, and the rewards it got).
        path: the JSONL file.
        mode: ``"a"`` (append; a partial last line from a crash is cut first) or ``"w"``
            (start a new file).
        policy: the policy name written in each record.
        fsync: also ``os.fsync`` after every line (survives a power cut, not only a killed
            process; slower).

    Example:
        >>> import tempfile, os, textgym
        >>> path = os.path.join(tempfile.mkdtemp(), "run.jsonl")
        >>> env = RecordConversations(textgym.make("textgym/Sycophancy-v0"), path, mode="w")
        >>> env.episodes_written
        0
    """

    def __init__(self, env: gym.Env, path: str | os.PathLike[str], *, mode: str = "a", policy: str = "unknown", fsync: bool = False):
        gym.utils.RecordConstructorArgs.__init__(self, path=str(path), mode=mode, policy=policy, fsync=fsync)
        gym.Wrapper.__init__(self, env)
        if mode not in ("a", "w"):
            raise ValueError(f"mode must be 'a' (append) or 'w' (overwrite), got {mode!r}")
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if mode == "a" and self.path.exists():
            _cut_partial_tail(self.path)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_TRUNC if mode == "w" else 0)
        self._fd: int | None = os.open(self.path, flags, 0o644)
        self.policy = policy
        self.fsync = fsync
        self.episodes_written = 0
        base = text_env(env)
        self._env_id = base.textgym_spec.id
        self._axes = dict(base.axes)
        self._record: EpisodeRecord | None = None

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[Conversation, dict[str, Any]]:
        obs, info = self.env.reset(seed=seed, options=options)
        self._record = EpisodeRecord(
            self._env_id,
            dict(self._axes),
            -1 if seed is None else int(seed),
            self.policy,
            obs if isinstance(obs, Conversation) else Conversation(),
            episode=dict(info.get("episode", {})),
            user_type=str(info.get("user_type", "")),
        )
        return obs, info

    def step(self, action: str) -> tuple[Conversation, SupportsFloat, bool, bool, dict[str, Any]]:
        obs, reward, terminated, truncated, info = self.env.step(action)
        record = self._record
        if record is not None:
            if isinstance(obs, Conversation):
                record.conversation = obs
            # a vector reward (StructuredReward underneath) is recorded as the scalar it came from
            value: Any = reward
            record.rewards.append(float(value) if np.ndim(value) == 0 else float(info["reward_scalar"] if "reward_scalar" in info else np.sum(value)))
            record.reward_components.append(dict(info.get("reward_components", {})))
            record.hidden.append(dict(info.get("hidden", {})))
            record.rating_methods.append(str(info.get("rating_method", "")))
            if terminated or truncated:
                self._write(record)
                self._record = None
        return obs, reward, terminated, truncated, info

    def _write(self, record: EpisodeRecord) -> None:
        if self._fd is None:
            raise RuntimeError(f"RecordConversations({self.path}) is closed")
        data = memoryview(_line(record))
        while data:
            written = os.write(self._fd, data)
            data = data[written:]
        if self.fsync:
            os.fsync(self._fd)
        self.episodes_written += 1

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        super().close()

    def __del__(self) -> None:
        if getattr(self, "_fd", None) is not None:
            os.close(self._fd)  # type: ignore[arg-type]
            self._fd = None


def load_trajectories(path: str | os.PathLike[str]) -> list[EpisodeRecord]:
    """Read a JSONL file of episodes (from :class:`RecordConversations` or ``textgym run --out``).

    Blank lines are skipped; a partial *last* line (a crash mid-write) is skipped with a
    warning; any other bad line is an error naming the file and line.

    Example:
        >>> import tempfile, os
        >>> path = os.path.join(tempfile.mkdtemp(), "empty.jsonl")
        >>> open(path, "w").close()
        >>> load_trajectories(path)
        []
    """
    path = Path(path)
    records: list[EpisodeRecord] = []
    with open(path, "rb") as handle:
        raw = handle.read()
    lines = raw.split(b"\n")
    complete = raw.endswith(b"\n") or not raw
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        last = number == len(lines)
        try:
            data = json.loads(line.decode("utf-8"))
            records.append(EpisodeRecord.from_json(data))
        except (ValueError, KeyError, TypeError) as error:
            if last and not complete:
                warnings.warn(f"{path}: skipped a partial last line (line {number}): the run stopped mid-write", stacklevel=2)
                break
            raise ValueError(f"{path}, line {number}: not an episode record ({type(error).__name__}: {error})") from None
    return records
