"""Multi-turn episodes for trainers: chosen seeds (repeats allowed), lock-step batches, and the
:class:`~textgym.agents.generation.Generation` behind every policy turn.

:func:`collect_episodes` is :func:`textgym.rollout.rollout` with two differences a trainer needs:
it takes an explicit list of reset seeds (GRPO runs the same seed ``G`` times to form a group)
and it keeps what the policy returned for each turn (token ids, log-probabilities). It returns
ordinary :class:`~textgym.rollout.EpisodeRecord` objects, so training episodes can be written
as the same JSONL as ``textgym run``. Model-backed roles (raters, simulated users) are batched
across the environments exactly as in ``rollout``.

Example:
    >>> import textgym
    >>> from textgym.agents.policy import make_policy
    >>> pool = EnvPool("textgym/Sycophancy-v0", size=2, axes={"cues": "belief"})
    >>> episodes = collect_episodes(pool, make_policy("aligned", pool.envs[0]), seeds=[3, 3, 4])
    >>> [e.record.seed for e in episodes], episodes[0].record.conversation == episodes[1].record.conversation
    ([3, 3, 4], True)
    >>> len(episodes[0].generations) == len(episodes[0].record.rewards)
    True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from textgym.agents.generation import Generation
from textgym.agents.policy import Policy, generate_actions
from textgym.rollout import EpisodeRecord


@dataclass
class Trajectory:
    """One finished episode and the generation behind each of the policy's turns.

    Example:
        >>> from textgym.types import Conversation
        >>> t = Trajectory(EpisodeRecord("x", {}, 0, "p", Conversation()))
        >>> t.generations
        []
    """

    record: EpisodeRecord
    generations: list[Generation] = field(default_factory=list)


class EnvPool:
    """``size`` environments of one id and axis setting, built once and reset per batch.

    Example:
        >>> pool = EnvPool("textgym/Sycophancy-v0", size=3)
        >>> len(pool.envs), pool.env_id
        (3, 'textgym/Sycophancy-v0')
    """

    def __init__(self, env: str, size: int, axes: Mapping[str, str] | None = None, backends: Mapping[str, str] | None = None):
        import textgym
        from textgym.vector import make_batcher_for

        if size < 1:
            raise ValueError(f"an environment pool needs size >= 1, got {size}")
        kwargs: dict[str, Any] = dict(axes or {})
        if backends:
            kwargs["backends"] = dict(backends)
        self.envs = [textgym.make(env, **kwargs) for _ in range(size)]
        self.env_id: str = self.envs[0].unwrapped.textgym_spec.id
        self.axes: dict[str, str] = dict(self.envs[0].unwrapped.axes)
        self.batcher = make_batcher_for(self.envs)

    def close(self) -> None:
        for env in self.envs:
            env.close()


def collect_episodes(pool: EnvPool, policy: Policy, seeds: Sequence[int], *, progress: Any = None) -> list[Trajectory]:
    """Run one episode per seed (``len(pool.envs)`` at a time), one policy call per turn.

    ``progress`` is an optional tqdm bar advanced by one per finished episode.
    """
    from textgym.vector import step_envs

    out: list[Trajectory] = []
    width = len(pool.envs)
    for start in range(0, len(seeds), width):
        chunk = list(seeds[start : start + width])
        live: dict[int, tuple[Any, Trajectory]] = {}
        for slot, seed in enumerate(chunk):
            obs, info = pool.envs[slot].reset(seed=int(seed))
            record = EpisodeRecord(pool.env_id, pool.axes, int(seed), policy.name, obs, episode=info["episode"], user_type=info["user_type"])
            live[slot] = (obs, Trajectory(record))
        finished: dict[int, Trajectory] = {}
        while live:
            slots = sorted(live)
            generations = generate_actions(policy, [live[s][0] for s in slots])
            results = step_envs([pool.envs[s] for s in slots], [g.text for g in generations], pool.batcher)
            for slot, generation, (obs, reward, terminated, truncated, info) in zip(slots, generations, results):
                trajectory = live[slot][1]
                record = trajectory.record
                record.conversation = obs
                record.rewards.append(float(reward))
                record.reward_components.append(info["reward_components"])
                record.hidden.append(info["hidden"])
                record.rating_methods.append(info.get("rating_method", ""))
                trajectory.generations.append(generation)
                if terminated or truncated:
                    finished[slot] = trajectory
                    del live[slot]
                    if progress is not None:
                        progress.update(1)
                else:
                    live[slot] = (obs, trajectory)
        out.extend(finished[slot] for slot in range(len(chunk)))
    return out
