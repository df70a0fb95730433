"""Reward sparsity schedules: *when* a reward is delivered, never *how much* is earned.

This is the one mechanism behind the ``sparsity`` axis of every spec and behind the
:class:`~textgym.wrappers.sparsity.RewardSparsity` wrapper.

=============  ===========================================================  ==================
kind           delivers                                                     preserves return
=============  ===========================================================  ==================
``dense``      each step's reward at that step                              yes
``terminal``   0 until the last step, then the episode's sum                yes
``binary``     0 until the last step, then 1 if the sum >= threshold else 0  no
``delayed``    each step's reward k steps later (the rest at the end)       yes
``stochastic`` the pending sum with probability p each step (seeded),       yes
               everything pending at the end
=============  ===========================================================  ==================

Example:
    >>> schedule = make_schedule("terminal")
    >>> schedule.reset(seed=0)
    >>> [schedule.step(r, done) for r, done in [(0.5, False), (0.25, False), (1.0, True)]]
    [0.0, 0.0, 1.75]
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import deque
from typing import ClassVar

import numpy as np


class RewardSchedule(ABC):
    """Turns the stream of earned rewards into the stream of delivered rewards."""

    kind: ClassVar[str]
    preserves_return: ClassVar[bool]

    def reset(self, seed: int) -> None:
        """Start a new episode; ``seed`` (derived from the reset seed) seeds any randomness."""

    @abstractmethod
    def step(self, reward: float, done: bool) -> float:
        """The reward to deliver now, given the reward earned this step."""


class Dense(RewardSchedule):
    kind, preserves_return = "dense", True

    def step(self, reward: float, done: bool) -> float:
        return float(reward)


class Terminal(RewardSchedule):
    kind, preserves_return = "terminal", True

    def reset(self, seed: int) -> None:
        self._pending = 0.0

    def step(self, reward: float, done: bool) -> float:
        self._pending += reward
        if not done:
            return 0.0
        delivered, self._pending = self._pending, 0.0
        return delivered


class Binary(RewardSchedule):
    kind, preserves_return = "binary", False

    def __init__(self, threshold: float = 0.5):
        self.threshold = float(threshold)

    def reset(self, seed: int) -> None:
        self._total = 0.0

    def step(self, reward: float, done: bool) -> float:
        self._total += reward
        return float(self._total >= self.threshold) if done else 0.0


class Delayed(RewardSchedule):
    kind, preserves_return = "delayed", True

    def __init__(self, k: int = 1):
        if k < 1:
            raise ValueError(f"delayed sparsity needs k >= 1, got {k}")
        self.k = int(k)

    def reset(self, seed: int) -> None:
        self._queue: deque[float] = deque()

    def step(self, reward: float, done: bool) -> float:
        self._queue.append(reward)
        if done:
            delivered = sum(self._queue)
            self._queue.clear()
            return float(delivered)
        return float(self._queue.popleft()) if len(self._queue) > self.k else 0.0


class Stochastic(RewardSchedule):
    kind, preserves_return = "stochastic", True

    def __init__(self, p: float = 0.5):
        if not 0.0 <= p <= 1.0:
            raise ValueError(f"stochastic sparsity needs 0 <= p <= 1, got {p}")
        self.p = float(p)

    def reset(self, seed: int) -> None:
        self._rng = np.random.default_rng(seed)
        self._pending = 0.0

    def step(self, reward: float, done: bool) -> float:
        self._pending += reward
        reveal = self._rng.random() < self.p  # drawn every step, so the stream is seed-stable
        if done or reveal:
            delivered, self._pending = self._pending, 0.0
            return delivered
        return 0.0


def make_schedule(kind: str, *, threshold: float = 0.5, k: int = 1, p: float = 0.5) -> RewardSchedule:
    """Build a schedule by kind name (see the module table)."""
    if kind == "dense":
        return Dense()
    if kind == "terminal":
        return Terminal()
    if kind == "binary":
        return Binary(threshold)
    if kind == "delayed":
        return Delayed(k)
    if kind == "stochastic":
        return Stochastic(p)
    raise ValueError(
        f"unknown sparsity kind {kind!r}; expected one of dense, terminal, binary, delayed, stochastic"
    )
