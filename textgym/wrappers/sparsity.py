"""``RewardSparsity``: deliver a wrapped environment's reward on a sparsity schedule.

The schedules are those of :mod:`textgym.sparsity`, the same objects the ``sparsity`` axis of
every spec uses: one mechanism. The wrapper schedules the reward it receives, step by step, so
it can also sparsify rewards that other wrappers added (an honesty or calibration component).
To keep one schedule per stack, it refuses a textgym environment that already applies a
sparsity other than ``dense`` (make it with ``sparsity="dense"``, or use the axis instead).

======================  ===============================================  ================
kind                    delivers                                         preserves return
======================  ===============================================  ================
``"dense"``             each step's reward at that step                  yes
``"terminal"``          0 until the last step, then the episode's sum    yes
``"binary(t)"``         at the end, 1 if the sum >= t else 0             no
``"delayed(k)"``        each step's reward k steps later, rest at end    yes
``"stochastic(p)"``     the pending sum with probability p per step      yes
======================  ===============================================  ================

The kind is given as ``"binary(0.5)"`` or as ``"binary"`` with ``threshold=0.5`` (likewise
``k=`` and ``p=``). ``stochastic`` is seeded from :meth:`reset`: ``reset(seed=s)`` seeds the
wrapper's generator and each episode's schedule draws its seed from it, so the same seed and
actions give the same delivered rewards.

A truncated episode (e.g. by :class:`gymnasium.wrappers.TimeLimit` outside this wrapper) is
not seen here as ended; put ``TimeLimit`` inside (``RewardSparsity(TimeLimit(env, n))``) so the
pending reward is delivered at the truncation step.

``info["reward_scheduled"]`` holds the reward the wrapper received at that step (before the
schedule).

Example:
    >>> import textgym
    >>> env = RewardSparsity(textgym.make("textgym/Sycophancy-v0"), "terminal")
    >>> _ = env.reset(seed=0)
    >>> _, r1, *_ = env.step("The answer is 4.")
    >>> _, r2, done, _, info = env.step("The answer is 4.")
    >>> r1, done, r2 > 0
    (0.0, True, True)
"""

from __future__ import annotations

import re
from typing import Any, SupportsFloat

import gymnasium as gym
import numpy as np

from textgym.sparsity import RewardSchedule, make_schedule
from textgym.types import Conversation
from textgym.wrappers.base import text_env

__all__ = ["RewardSparsity", "parse_kind"]

_KIND = re.compile(r"^\s*(dense|terminal|binary|delayed|stochastic)\s*(?:\(\s*([^()]*?)\s*\))?\s*$")
_ARG = {"binary": "threshold", "delayed": "k", "stochastic": "p"}


def parse_kind(kind: str, **params: float) -> tuple[str, dict[str, float]]:
    """Split ``"delayed(2)"`` into ``("delayed", {"k": 2})``, merged with keyword ``params``.

    Example:
        >>> parse_kind("binary(0.75)"), parse_kind("stochastic", p=0.2), parse_kind("dense")
        (('binary', {'threshold': 0.75}), ('stochastic', {'p': 0.2}), ('dense', {}))
    """
    if not isinstance(kind, str):
        raise TypeError(f"sparsity kind must be a str such as 'delayed(2)', got {type(kind).__name__}")
    match = _KIND.match(kind)
    if match is None:
        raise ValueError(
            f"unknown sparsity {kind!r}; expected dense, terminal, binary(threshold), delayed(k) or stochastic(p)"
        )
    name, arg = match.group(1), match.group(2)
    out = {key: value for key, value in params.items() if value is not None}
    if arg:
        if name not in _ARG:
            raise ValueError(f"sparsity {name!r} takes no argument, got {kind!r}")
        try:
            value = float(arg)
        except ValueError:
            raise ValueError(f"sparsity {kind!r}: the argument must be a number, got {arg!r}") from None
        if name == "delayed" and not value.is_integer():
            raise ValueError(f"delayed sparsity needs an integer k, got {arg!r}")
        out[_ARG[name]] = int(value) if name == "delayed" else value
    unknown = set(out) - ({_ARG[name]} if name in _ARG else set())
    if unknown:
        raise ValueError(f"sparsity {name!r} does not take {sorted(unknown)}")
    if name == "delayed" and "k" in out and float(out["k"]) != int(out["k"]):
        raise ValueError(f"delayed sparsity needs an integer k, got {out['k']!r}")
    return name, out


class RewardSparsity(gym.Wrapper[Conversation, str, Conversation, str], gym.utils.RecordConstructorArgs):
    """Deliver the reward on a :mod:`textgym.sparsity` schedule (see the module docstring).

    Args:
        env: the environment (a textgym environment with ``sparsity="dense"``, or any other
            environment with a scalar reward).
        kind: ``"dense"``, ``"terminal"``, ``"binary(t)"``, ``"delayed(k)"``, ``"stochastic(p)"``.
        threshold, k, p: the kind's parameter, when not given in ``kind``.

    Example:
        >>> import textgym
        >>> env = RewardSparsity(textgym.make("textgym/Sycophancy-v0"), "delayed(1)")
        >>> env.schedule.kind, env.schedule.preserves_return
        ('delayed', True)
    """

    def __init__(
        self,
        env: gym.Env,
        kind: str = "terminal",
        *,
        threshold: float | None = None,
        k: int | None = None,
        p: float | None = None,
    ):
        gym.utils.RecordConstructorArgs.__init__(self, kind=kind, threshold=threshold, k=k, p=p)
        gym.Wrapper.__init__(self, env)
        name, params = parse_kind(kind, threshold=threshold, k=k, p=p)  # type: ignore[arg-type]
        try:
            inner = text_env(env).schedule.kind
        except TypeError:
            inner = "dense"  # not a textgym environment: its reward is taken as earned
        if inner != "dense":
            raise ValueError(
                f"the environment already applies sparsity {inner!r}; make it with sparsity='dense' "
                "so that one schedule decides when reward is delivered"
            )
        self.schedule: RewardSchedule = make_schedule(name, **params)  # type: ignore[arg-type]
        self._rng = np.random.default_rng()
        self._running = False

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None) -> tuple[Conversation, dict[str, Any]]:
        if seed is not None:
            self._rng = np.random.default_rng(seed)
        self.schedule.reset(int(self._rng.integers(0, 2**63 - 1)))
        self._running = True
        return self.env.reset(seed=seed, options=options)

    def step(self, action: str) -> tuple[Conversation, SupportsFloat, bool, bool, dict[str, Any]]:
        if not self._running:
            raise RuntimeError("call reset() before step() (and again after the episode ends)")
        obs, reward, terminated, truncated, info = self.env.step(action)
        done = bool(terminated or truncated)
        delivered = float(self.schedule.step(float(reward), done))
        if done:
            self._running = False
        info = dict(info)
        info["reward_scheduled"] = float(reward)
        return obs, delivered, terminated, truncated, info
