"""The one episode loop: N environments stepped in lock-step, one policy call per step.

:func:`lockstep` is the loop behind :func:`textgym.rollout.rollout`, the trainers' collection
(:func:`textgym.agents.episodes.collect_episodes`), the TRL adapter's ``rollout_func``
(:mod:`textgym.integrations.trl`) and the Ray workers (:mod:`textgym.integrations.ray`, which run
``rollout`` on each actor). It yields a :class:`Reset` when an episode starts and a
:class:`Step` (with the :class:`~textgym.lm.generation.Generation` the policy produced) after
every step, so each caller keeps only what it needs.

How model calls are batched across environments:

* **The policy** is called once per step with the observations of every running episode (one
  batched ``generate``/``act`` call, however many environments are running).
* **Role calls** (simulated users, raters, judges backed by a model) of all environments in a
  step are gathered by a :class:`textgym.batching.RoleCallBatcher`
  (:func:`textgym.vector.make_batcher_for`): each environment's step runs on its own worker
  thread, and every role's calls of that step go to its backend as one batch.

Example:
    >>> import textgym
    >>> from textgym.policy import make_policy
    >>> envs = [textgym.make("textgym/Sycophancy-v0") for _ in range(2)]
    >>> policy = make_policy("aligned", envs[0])
    >>> events = list(lockstep(envs, policy, seeds=[0, 1, 2]))
    >>> [(type(e).__name__, e.episode) for e in events][:4]
    [('Reset', 0), ('Reset', 1), ('Step', 0), ('Step', 1)]
    >>> sum(isinstance(e, Step) and e.done for e in events)
    3
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import gymnasium as gym

from textgym.batching import RoleCallBatcher
from textgym.lm.generation import Generation
from textgym.policy import Policy, generate_actions
from textgym.types import Conversation

#: What produces the policy's turn: ``(observations, episode indices) -> one Generation each``.
Act = Callable[[Sequence[Conversation], Sequence[int]], Sequence[Generation]]


@dataclass(frozen=True)
class Reset:
    """Episode ``episode`` started in environment ``slot`` with this observation and info.

    Example:
        >>> Reset(0, 1, Conversation.of(("user", "hi")), {}).slot
        1
    """

    episode: int
    slot: int
    observation: Conversation
    info: dict[str, Any]


@dataclass(frozen=True)
class Step:
    """One step of episode ``episode`` (in environment ``slot``): what the policy generated and
    what the environment returned.

    Example:
        >>> s = Step(0, 0, Generation("ok"), Conversation.of(("user", "hi")), 1.0, False, True, {})
        >>> s.done, s.action
        (True, 'ok')
    """

    episode: int
    slot: int
    generation: Generation
    observation: Conversation
    reward: float
    terminated: bool
    truncated: bool
    info: dict[str, Any]

    @property
    def action(self) -> str:
        """The message the policy sent (the generation's text)."""
        return self.generation.text

    @property
    def done(self) -> bool:
        """The episode ended (terminated or truncated)."""
        return self.terminated or self.truncated


def lockstep(
    envs: Sequence[gym.Env],
    policy: Policy | None,
    seeds: Sequence[int],
    *,
    options: Sequence[Mapping[str, Any] | None] | None = None,
    act: Act | None = None,
    batcher: RoleCallBatcher | None = None,
    refill: bool = True,
) -> Iterator[Reset | Step]:
    """Run one episode per seed (episode ``i`` is reset with ``seeds[i]`` and ``options[i]``),
    ``len(envs)`` at a time, yielding a :class:`Reset` per episode start and a :class:`Step` per step.

    Every step makes **one policy call** over the observations of all running episodes (in slot
    order) and then steps those environments together, with the role calls of the step batched by
    ``batcher`` (default :func:`textgym.vector.make_batcher_for` of ``envs``; see the module
    docstring). ``act`` replaces the policy call (default
    :func:`textgym.policy.generate_actions`); it gets the episode indices too, for callers that
    prompt each episode from its own history (the trainers); with ``act``, ``policy`` may be None
    (the TRL adapter samples from the trainer's model directly).

    ``refill=True`` starts the next episode in a slot as soon as the slot's episode ends (the
    :class:`Reset` follows that :class:`Step`); ``refill=False`` runs the episodes in blocks of
    ``len(envs)`` and starts a block only when the whole previous block has ended (what the
    trainers do, so a GRPO group is sampled in the same batch).

    Example:
        >>> import textgym
        >>> from textgym.policy import ScriptedPolicy
        >>> envs = [textgym.make("textgym/Sycophancy-v0")]
        >>> steps = [e for e in lockstep(envs, ScriptedPolicy("x", lambda c: "4"), [5]) if isinstance(e, Step)]
        >>> steps[-1].done, steps[0].action
        (True, '4')
    """
    from textgym.vector import make_batcher_for, step_envs

    if not envs:
        raise ValueError("lockstep needs at least one environment")
    if options is not None and len(options) != len(seeds):
        raise ValueError(f"got {len(options)} reset options for {len(seeds)} seeds")
    if batcher is None:
        batcher = make_batcher_for(envs)
    if act is None:
        if policy is None:
            raise ValueError("lockstep needs a policy or an act function")
        act = lambda observations, episodes: generate_actions(policy, observations)  # noqa: E731
    name = "act" if policy is None else f"policy {policy.name}"
    episodes = len(seeds)
    block_end = len(envs) if not refill else episodes
    next_episode = 0
    live: dict[int, tuple[int, Conversation]] = {}  # slot -> (episode index, latest observation)

    def start(slot: int) -> Reset | None:
        nonlocal next_episode
        if next_episode >= min(episodes, block_end):
            return None
        index = next_episode
        next_episode += 1
        reset_options = None if options is None or options[index] is None else dict(options[index])  # type: ignore[arg-type]
        obs, info = envs[slot].reset(seed=int(seeds[index]), options=reset_options)
        live[slot] = (index, obs)
        return Reset(index, slot, obs, info)

    while next_episode < episodes:
        for slot in range(len(envs)):
            if (event := start(slot)) is not None:
                yield event
        while live:
            slots = sorted(live)
            indices = [live[s][0] for s in slots]
            generations = list(act([live[s][1] for s in slots], indices))
            if len(generations) != len(slots):
                raise ValueError(f"{name} returned {len(generations)} actions for {len(slots)} observations")
            results = step_envs([envs[s] for s in slots], [g.text for g in generations], batcher)
            for slot, index, generation, (obs, reward, terminated, truncated, info) in zip(slots, indices, generations, results):
                step = Step(index, slot, generation, obs, float(reward), bool(terminated), bool(truncated), info)
                if step.done:
                    del live[slot]
                    yield step
                    if (event := start(slot)) is not None:
                        yield event
                else:
                    live[slot] = (index, obs)
                    yield step
        block_end += len(envs)
