"""A vector environment whose model calls are batched across environments.

:class:`TextVectorEnv` is Gymnasium's :class:`~gymnasium.vector.SyncVectorEnv` with one change:
when any role of the environments uses a model backend (``hf:...``, ``openai:...``), the N
environments step concurrently and every role call of a round goes to the backend as one batched
call (:mod:`textgym.batching`): one rater call per step for N environments, not N. With rule
backends it steps sequentially, exactly like ``SyncVectorEnv``.

``gym.make_vec("textgym/...", num_envs=N)`` builds one (the registry sets
:func:`make_vector_env` as the vector entry point); ``vectorization_mode="sync"`` still gives a
plain ``SyncVectorEnv`` and ``"async"`` an ``AsyncVectorEnv``, with default arguments: this
module teaches Gymnasium's shared memory to carry conversations (a slot per environment sized
for the space's longest conversation, 4 bytes per character). All three give the same episodes.
``TextVectorEnv`` takes Gymnasium's ``autoreset_mode`` (``NEXT_STEP`` by default, or
``SAME_STEP``), and vector environments pickle and deep-copy (``AsyncVectorEnv`` excepted: it
holds processes).

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

import copyreg
import multiprocessing as mp
import struct
from collections.abc import Callable, Sequence
from copy import deepcopy
from functools import partial
from typing import TYPE_CHECKING, Any, SupportsFloat, overload

import gymnasium as gym
import numpy as np
from gymnasium.vector import AutoresetMode, SyncVectorEnv
from gymnasium.vector.utils import (
    concatenate,
    create_shared_memory,
    iterate,
    read_from_shared_memory,
    write_to_shared_memory,
)

from textgym.batching import BatchStats, RoleCallBatcher, run_batched
from textgym.roles import execute_role_calls
from textgym.spaces import ConversationSpace
from textgym.types import ROLES, SOURCES, Conversation, unchecked_conversation, unchecked_message

if TYPE_CHECKING:
    from pathlib import Path

    from textgym.spec import Spec

#: What ``Env.step`` returns: observation, reward, terminated, truncated, info.
StepResult = tuple[Conversation, SupportsFloat, bool, bool, dict[str, Any]]


def _needs_batching(env: gym.Env) -> bool:
    """Whether a step of ``env`` may call a model: a role not on ``rule``, or an active judge."""
    roles = getattr(env.unwrapped, "roles", None)
    judge = getattr(env.unwrapped, "judge", None)
    return (roles is not None and not roles.all_rule) or bool(getattr(judge, "active", False))


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

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_batcher"] = None  # threads and locks: a new one is made on unpickling
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._batcher = RoleCallBatcher(execute_role_calls)

    def __deepcopy__(self, memo: dict[int, Any]) -> TextVectorEnv:
        clone = type(self).__new__(type(self))
        memo[id(self)] = clone
        clone.__setstate__(deepcopy(self.__getstate__(), memo))
        return clone

    def step(self, actions: Sequence[str]) -> tuple[Any, np.ndarray, np.ndarray, np.ndarray, dict[str, Any]]:
        if not self._batched:
            return super().step(actions)
        actions = list(iterate(self.action_space, actions))
        mode = self.autoreset_mode

        def one(i: int) -> tuple[Conversation, float, bool, bool, dict[str, Any], dict[str, Any] | None]:
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
                return obs, float(reward), terminated, truncated, info, final
            return obs, float(reward), terminated, truncated, info, None

        results = run_batched([partial(one, i) for i in range(self.num_envs)], self._batcher)
        infos: dict[str, Any] = {}
        for i, (obs, reward, terminated, truncated, info, final) in enumerate(results):
            self._env_obs[i] = obs  # type: ignore[call-overload]  # Gymnasium infers list[None] for its buffer
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


def step_envs(envs: Sequence[gym.Env], actions: Sequence[str], batcher: RoleCallBatcher | None = None) -> list[StepResult]:
    """Step each env with its action; model role calls batched across envs when a batcher is given.

    Returns the five-tuples in order. Used by :func:`textgym.rollout.rollout`.
    """
    if len(envs) != len(actions):
        raise ValueError(f"{len(envs)} environments but {len(actions)} actions")
    if batcher is None or len(envs) == 1:
        return [env.step(action) for env, action in zip(envs, actions)]
    return run_batched([partial(env.step, action) for env, action in zip(envs, actions)], batcher)


def make_batcher_for(envs: Sequence[gym.Env]) -> RoleCallBatcher | None:
    """A batcher when any env has a model-backed role, else ``None`` (step sequentially)."""
    return RoleCallBatcher(execute_role_calls) if any(_needs_batching(env) for env in envs) else None


def make_vector_env(
    num_envs: int = 1,
    *,
    spec: str | Path | Spec,
    autoreset_mode: AutoresetMode | str = AutoresetMode.NEXT_STEP,
    copy: bool = True,
    **kwargs: Any,
) -> TextVectorEnv:
    """The vector entry point of every textgym id (``"textgym.vector:make_vector_env"``).

    ``gym.make_vec(id, num_envs=N)`` calls it with the id's spec reference and your keywords;
    ``autoreset_mode`` (Gymnasium's :class:`~gymnasium.vector.AutoresetMode`, default
    ``NEXT_STEP``) and ``copy`` go to the vector environment, the rest (axes, ``backends``,
    ``max_episode_steps``, ...) to every environment.

    Example:
        >>> import gymnasium as gym, textgym
        >>> from gymnasium.vector import AutoresetMode
        >>> envs = gym.make_vec("textgym/Sycophancy-v0", num_envs=2, autoreset_mode=AutoresetMode.SAME_STEP)
        >>> envs.metadata["autoreset_mode"]
        <AutoresetMode.SAME_STEP: 'SameStep'>
    """
    env_fn = partial(_make_single, spec, kwargs)
    return TextVectorEnv([env_fn] * num_envs, autoreset_mode=AutoresetMode(autoreset_mode), copy=copy)


def _make_single(spec: str | Path | Spec, kwargs: dict[str, Any]) -> gym.Env:
    import textgym

    return textgym.make(spec, **kwargs)


def vector_entry_point(env_id: str) -> Callable[..., TextVectorEnv]:
    """A vector entry point for one id (kept for callers of earlier versions; picklable).

    Example:
        >>> vector_entry_point("textgym/Sycophancy-v0")(num_envs=2).num_envs
        2
    """
    return partial(make_vector_env, spec=env_id)


def _reduce_sync_vector_env(envs: SyncVectorEnv) -> str | tuple[Any, ...]:
    """Pickle a ``SyncVectorEnv`` of textgym environments without its ``env_fns``.

    ``gym.make_vec(..., vectorization_mode="sync")`` gives the vector env a local function per
    environment, which pickle cannot save; the environments themselves pickle, and ``env_fns``
    is only used while constructing, so a copy keeps an empty ``env_fns``. Other
    ``SyncVectorEnv`` objects pickle as Gymnasium pickles them.
    """
    reduced = envs.__reduce_ex__(4)
    if type(envs) is not SyncVectorEnv or not any(hasattr(env.unwrapped, "textgym_spec") for env in envs.envs):
        return reduced
    state = dict(reduced[2]) if len(reduced) > 2 and isinstance(reduced[2], dict) else dict(envs.__dict__)
    state["env_fns"] = ()
    return (reduced[0], reduced[1], state, *reduced[3:])


copyreg.pickle(SyncVectorEnv, _reduce_sync_vector_env)


# ---------------------------------------------------------------- shared memory (AsyncVectorEnv)
#
# ``gym.make_vec(..., vectorization_mode="async")`` defaults to ``shared_memory=True``: workers
# write each observation into a buffer the main process reads. A conversation is stored per
# environment as [uint64 byte count][messages], each message as [role][source][uint32 n][n bytes
# of UTF-8 content], in a slot sized for the space's largest conversation.

_HEADER = 8
_MESSAGE_HEADER = 6


def _slot_size(space: ConversationSpace) -> int:
    return _HEADER + space.max_messages * (_MESSAGE_HEADER + 4 * space.text.max_length)


@create_shared_memory.register(ConversationSpace)
def _create_conversation_shared_memory(space: ConversationSpace, n: int = 1, ctx: Any = mp) -> Any:
    return ctx.Array("B", n * _slot_size(space), lock=False)


@write_to_shared_memory.register(ConversationSpace)
def _write_conversation_to_shared_memory(space: ConversationSpace, index: int, value: Conversation, shared_memory: Any) -> None:
    parts = []
    for message in value:
        content = message.content.encode("utf-8", "surrogatepass")
        parts.append(struct.pack("<BBI", ROLES.index(message.role), SOURCES.index(message.source), len(content)))
        parts.append(content)
    data = b"".join(parts)
    size = _slot_size(space)
    if _HEADER + len(data) > size:
        raise ValueError(f"a conversation of {len(value)} messages ({len(data)} bytes) does not fit {space}")
    buffer = np.frombuffer(shared_memory, dtype=np.uint8)
    offset = index * size
    buffer[offset + _HEADER : offset + _HEADER + len(data)] = np.frombuffer(data, dtype=np.uint8)
    buffer[offset : offset + _HEADER] = np.frombuffer(struct.pack("<Q", len(data)), dtype=np.uint8)


def _decode(buffer: np.ndarray, offset: int) -> Conversation:
    view = buffer.data  # the array's own memoryview (a buffer for struct)
    (length,) = struct.unpack_from("<Q", view, offset)
    position, end = offset + _HEADER, offset + _HEADER + length
    messages = []
    while position < end:
        role, source, n = struct.unpack_from("<BBI", view, position)
        position += _MESSAGE_HEADER
        content = buffer[position : position + n].tobytes().decode("utf-8", "surrogatepass")
        position += n
        messages.append(unchecked_message(ROLES[role], content, SOURCES[source]))
    return unchecked_conversation(tuple(messages))


class SharedConversations(Sequence[Conversation]):
    """The conversations in an ``AsyncVectorEnv``'s shared memory, decoded when read.

    This is the live view Gymnasium keeps as its observation buffer; with ``copy=True`` (the
    default) ``reset`` and ``step`` return ``deepcopy`` of it, a tuple of
    :class:`~textgym.types.Conversation` exactly as the sync vector environments return.
    """

    def __init__(self, space: ConversationSpace, shared_memory: Any, n: int):
        self.space, self.shared_memory, self.n = space, shared_memory, n
        self._size = _slot_size(space)

    def __len__(self) -> int:
        return self.n

    @overload
    def __getitem__(self, index: int) -> Conversation: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Conversation, ...]: ...

    def __getitem__(self, index: int | slice) -> Conversation | tuple[Conversation, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(self.n)))
        if not -self.n <= index < self.n:
            raise IndexError(index)
        return _decode(np.frombuffer(self.shared_memory, dtype=np.uint8), (index % self.n) * self._size)

    def __deepcopy__(self, memo: dict[int, Any]) -> tuple[Conversation, ...]:
        return tuple(self)

    def __repr__(self) -> str:
        return f"SharedConversations({tuple(self)!r})"


@read_from_shared_memory.register(ConversationSpace)
def _read_conversations_from_shared_memory(space: ConversationSpace, shared_memory: Any, n: int = 1) -> SharedConversations:
    return SharedConversations(space, shared_memory, n)
