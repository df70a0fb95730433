"""A vector environment whose model calls are batched across environments.

:class:`TextVectorEnv` is Gymnasium's :class:`~gymnasium.vector.SyncVectorEnv` with one change:
when any role of the environments uses a model backend (``hf:...``, ``openai:...``), the N
environments step concurrently and every role call of a round goes to the backend as one batched
call (:mod:`textgym.batching`): one rater call per step for N environments, not N. With rule
backends it steps sequentially, exactly like ``SyncVectorEnv``.

``gym.make_vec("textgym/...", num_envs=N)`` builds one (the registry sets it as the vector entry
point); ``vectorization_mode="sync"`` still gives a plain ``SyncVectorEnv``.

Example:
    >>> import gymnasium as gym, textgym
    >>> envs = gym.make_vec("textgym/Sycophancy-v0", num_envs=3)
    >>> type(envs).__name__
    'TextVectorEnv'
    >>> obs, infos = envs.reset(seed=0)
    >>> obs, rewards, terminated, truncated, infos = envs.step(["The answer is 4."] * 3)
    >>> rewards.shape
    (3,)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from copy import deepcopy
from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium.vector import AutoresetMode, SyncVectorEnv
from gymnasium.vector.utils import concatenate, iterate

from textgym.batching import BatchStats, RoleCallBatcher, run_batched
from textgym.roles import execute_role_calls


def _needs_batching(env: gym.Env) -> bool:
    roles = getattr(env.unwrapped, "roles", None)
    return roles is not None and not roles.all_rule


class TextVectorEnv(SyncVectorEnv):
    """``SyncVectorEnv`` that batches the environments' model calls (see the module docstring).

    ``batch_stats`` counts the batched backend calls made so far and their sizes.

    Example:
        >>> import textgym
        >>> envs = TextVectorEnv([lambda: textgym.make("textgym/Sycophancy-v0")] * 2)
        >>> len(envs.reset(seed=1)[0])
        2
    """

    def __init__(self, env_fns: Sequence[Callable[[], gym.Env]], **kwargs: Any):
        super().__init__(env_fns, **kwargs)
        self._batched = any(_needs_batching(env) for env in self.envs)
        self._batcher = RoleCallBatcher(execute_role_calls)

    @property
    def batch_stats(self) -> BatchStats:
        return self._batcher.stats

    def step(self, actions: Any) -> tuple[Any, np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
        if not self._batched:
            return super().step(actions)
        actions = list(iterate(self.action_space, actions))
        mode = self.autoreset_mode

        def one(i: int) -> tuple[Any, float, bool, bool, dict[str, Any], dict[str, Any] | None]:
            env = self.envs[i]
            if mode == AutoresetMode.NEXT_STEP and self._autoreset_envs[i]:
                obs, info = env.reset()
                return obs, 0.0, False, False, info, None
            if mode == AutoresetMode.DISABLED:
                assert not self._autoreset_envs[i], f"{self._autoreset_envs=}"
            obs, reward, terminated, truncated, info = env.step(actions[i])
            if mode == AutoresetMode.SAME_STEP and (terminated or truncated):
                final = {"final_obs": obs, "final_info": info}
                obs, info = env.reset()
                return obs, reward, terminated, truncated, info, final
            return obs, reward, terminated, truncated, info, None

        results = run_batched([lambda i=i: one(i) for i in range(self.num_envs)], self._batcher)
        infos: dict[str, Any] = {}
        for i, (obs, reward, terminated, truncated, info, final) in enumerate(results):
            self._env_obs[i] = obs
            self._rewards[i], self._terminations[i], self._truncations[i] = reward, terminated, truncated
            if final is not None:
                infos = self._add_info(infos, final, i)
            infos = self._add_info(infos, info, i)
        self._observations = concatenate(self.single_observation_space, self._env_obs, self._observations)
        self._autoreset_envs = np.logical_or(self._terminations, self._truncations)
        return (
            deepcopy(self._observations) if self.copy else self._observations,
            np.copy(self._rewards),
            np.copy(self._terminations),
            np.copy(self._truncations),
            infos,
        )


def step_envs(envs: Sequence[gym.Env], actions: Sequence[str], batcher: RoleCallBatcher | None = None) -> list[tuple[Any, ...]]:
    """Step each env with its action; model role calls batched across envs when a batcher is given.

    Returns the five-tuples in order. Used by :func:`textgym.rollout.rollout`.
    """
    if len(envs) != len(actions):
        raise ValueError(f"{len(envs)} environments but {len(actions)} actions")
    if batcher is None or len(envs) == 1:
        return [env.step(action) for env, action in zip(envs, actions)]
    return run_batched([lambda e=env, a=action: e.step(a) for env, action in zip(envs, actions)], batcher)


def make_batcher_for(envs: Sequence[gym.Env]) -> RoleCallBatcher | None:
    """A batcher when any env has a model-backed role, else ``None`` (step sequentially)."""
    return RoleCallBatcher(execute_role_calls) if any(_needs_batching(env) for env in envs) else None


def vector_entry_point(env_id: str) -> Callable[..., TextVectorEnv]:
    """The ``vector_entry_point`` the registry gives a textgym id."""

    def make_vector(num_envs: int = 1, **kwargs: Any) -> TextVectorEnv:
        import textgym

        kwargs.pop("max_episode_steps", None)
        return TextVectorEnv([lambda: textgym.make(env_id, **kwargs) for _ in range(num_envs)])

    return make_vector
