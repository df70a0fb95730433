"""``StructuredReward`` and ``Scalarize``: the reward as a vector of named components, and back.

:class:`StructuredReward` follows the MO-Gymnasium convention: the wrapper has a
``reward_space`` (a :class:`gymnasium.spaces.Box` of shape ``(n_components,)``) and ``step``
returns the reward as a numpy vector, one entry per component, in ``reward_names`` order. The
components are those of ``info["reward_components"]`` (the family's, plus those added by
wrappers underneath, e.g. ``honesty``); a component missing at a step counts as 0. The vector is
the *earned* components of the step, not the delivered (sparsified) scalar: put sparsity on the
scalar, after :class:`Scalarize`.

:class:`Scalarize` turns such a vector back into a float with fixed weights:
``reward = Σ_i weights[i] · vector[i]``, and keeps the vector in ``info["reward_vector"]``.

Example:
    >>> import textgym
    >>> env = StructuredReward(textgym.make("textgym/Sycophancy-v0"))
    >>> env.reward_names, env.reward_space.shape
    (('rating',), (1,))
    >>> _ = env.reset(seed=0)
    >>> vector = env.step("The answer is 4.")[1]
    >>> vector.shape
    (1,)
    >>> scalar = Scalarize(StructuredReward(textgym.make("textgym/Sycophancy-v0")), {"rating": 2.0})
    >>> _ = scalar.reset(seed=0)
    >>> float(scalar.step("The answer is 4.")[1]) == 2.0 * float(vector[0])
    True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, SupportsFloat

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from textgym.types import Conversation
from textgym.wrappers.base import stack_components

__all__ = ["Scalarize", "StructuredReward"]


class StructuredReward(gym.Wrapper[Conversation, str, Conversation, str], gym.utils.RecordConstructorArgs):
    """The reward as a vector of named components (MO-Gymnasium's ``reward_space`` convention).

    Args:
        env: a textgym environment, possibly wrapped.
        names: the components, in vector order (default: every component the stack reports,
            :func:`~textgym.wrappers.base.stack_components`).
        low, high: the bounds of ``reward_space`` (scalars or one per component; default
            unbounded, since families do not declare per-component ranges).

    Example:
        >>> import textgym
        >>> env = StructuredReward(textgym.make("textgym/Sycophancy-v0"), names=["rating"], low=0.0, high=1.0)
        >>> env.reward_space
        Box(0.0, 1.0, (1,), float64)
    """

    def __init__(
        self,
        env: gym.Env,
        names: Sequence[str] | None = None,
        *,
        low: float | Sequence[float] = -np.inf,
        high: float | Sequence[float] = np.inf,
    ):
        gym.utils.RecordConstructorArgs.__init__(self, names=names, low=low, high=high)
        gym.Wrapper.__init__(self, env)
        self.reward_names: tuple[str, ...] = tuple(names) if names is not None else stack_components(env)
        if not self.reward_names:
            raise ValueError("StructuredReward needs at least one reward component name")
        if len(set(self.reward_names)) != len(self.reward_names):
            raise ValueError(f"reward component names repeat: {list(self.reward_names)}")
        n = len(self.reward_names)
        lo = np.broadcast_to(np.asarray(low, dtype=np.float64), (n,)).copy()
        hi = np.broadcast_to(np.asarray(high, dtype=np.float64), (n,)).copy()
        self.reward_space = spaces.Box(lo, hi, shape=(n,), dtype=np.float64)
        self._index = {name: i for i, name in enumerate(self.reward_names)}

    def vector(self, components: Mapping[str, float]) -> np.ndarray:
        """The vector of ``components`` in ``reward_names`` order (missing ones are 0)."""
        out = np.zeros(len(self.reward_names), dtype=np.float64)
        for name, value in components.items():
            i = self._index.get(name)
            if i is not None:
                out[i] = float(value)
        return out

    def step(self, action: str) -> tuple[Conversation, np.ndarray, bool, bool, dict[str, Any]]:
        obs, reward, terminated, truncated, info = self.env.step(action)
        info = dict(info)
        info["reward_scalar"] = float(reward)
        return obs, self.vector(info.get("reward_components", {})), terminated, truncated, info


class Scalarize(gym.Wrapper[Conversation, str, Conversation, str], gym.utils.RecordConstructorArgs):
    """Weighted sum of a vector reward: ``reward = weights · vector``.

    Args:
        env: an environment with a vector reward and a ``reward_space`` (e.g.
            :class:`StructuredReward`).
        weights: one weight per component, as a sequence in vector order or a mapping from
            component name to weight (unnamed components get 0; needs ``reward_names``).

    Example:
        >>> import textgym
        >>> env = Scalarize(StructuredReward(textgym.make("textgym/Sycophancy-v0")), [0.5])
        >>> env.weights.tolist()
        [0.5]
    """

    def __init__(self, env: gym.Env, weights: Sequence[float] | Mapping[str, float] | np.ndarray):
        gym.utils.RecordConstructorArgs.__init__(self, weights=weights)
        gym.Wrapper.__init__(self, env)
        space = getattr(env, "reward_space", None)
        if not isinstance(space, spaces.Box) or len(space.shape) != 1:
            raise TypeError("Scalarize needs an environment with a vector reward and a 1-D Box reward_space, e.g. StructuredReward(env)")
        n = space.shape[0]
        if isinstance(weights, Mapping):
            names = tuple(getattr(env, "reward_names", ()))
            if len(names) != n:
                raise TypeError("weights by name need the environment's reward_names (StructuredReward has them); pass a sequence")
            unknown = sorted(set(weights) - set(names))
            if unknown:
                raise ValueError(f"unknown reward components {unknown}; the vector holds {list(names)}")
            vector = np.array([float(weights.get(name, 0.0)) for name in names], dtype=np.float64)
        else:
            vector = np.asarray(weights, dtype=np.float64).reshape(-1)
            if vector.shape != (n,):
                raise ValueError(f"expected {n} weights (one per reward component), got {vector.shape[0]}")
        if not np.all(np.isfinite(vector)):
            raise ValueError(f"weights must be finite numbers, got {vector.tolist()}")
        self.weights = vector

    def step(self, action: str) -> tuple[Conversation, SupportsFloat, bool, bool, dict[str, Any]]:
        obs, reward, terminated, truncated, info = self.env.step(action)
        vector = np.asarray(reward, dtype=np.float64)
        info = dict(info)
        info["reward_vector"] = vector
        return obs, float(self.weights @ vector), terminated, truncated, info
