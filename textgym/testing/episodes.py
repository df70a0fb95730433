"""Playing scripted episodes in tests: a cached environment per setting and one episode runner.

Per-environment tests used to each write the same ``env_for`` cache and ``play`` loop; these are
the shared ones. The contract test (``tests/test_env_contract.py``) already checks every
environment for Gymnasium conformance, determinism, hostile text and sparsity, so a family's own
test file only needs to play the episodes that show what is special about it.

Example:
    >>> from textgym.testing.episodes import env_for, play
    >>> env = env_for("textgym/Sycophancy-v0", cues="belief")
    >>> episode = play(env, seed=0, actions=["aligned", "aligned"])
    >>> episode.terminated, len(episode.steps) == len(episode.hidden)
    (True, True)
    >>> env_for("textgym/Sycophancy-v0", cues="belief") is env  # cached per setting
    True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from textgym.env import TextEnv
from textgym.registry import get_spec
from textgym.spec import Spec
from textgym.types import Conversation

__all__ = ["PlayedEpisode", "env_for", "play"]

#: an action in a scripted episode: literal text, a reference policy's name, or a policy
Action = str | Callable[[Conversation], str]

_ENVS: dict[tuple[Any, ...], TextEnv] = {}


def env_for(target: str | Spec, **axes: str) -> TextEnv:
    """The environment for ``target`` (an id or a :class:`~textgym.spec.Spec`) at these axes.

    Cached per spec and resolved axes, so tests that play many episodes build each setting once.
    Unknown axes or variants raise the spec's own error.
    """
    spec = get_spec(target) if isinstance(target, str) else target
    key = (spec.id, str(spec.path), id(spec), *spec.resolve_axes(axes).values())
    env = _ENVS.get(key)
    if env is None:
        env = _ENVS[key] = TextEnv(spec, **axes)  # type: ignore[arg-type]  # axes are str keyword arguments
    return env


@dataclass
class PlayedEpisode:
    """What one scripted episode gave, step by step.

    ``steps`` holds Gymnasium's 5-tuples; the other lists are views of them by step.
    """

    observation: Conversation
    info: dict[str, Any]
    steps: list[tuple[Conversation, float, bool, bool, dict[str, Any]]] = field(default_factory=list)

    @property
    def rewards(self) -> list[float]:
        return [step[1] for step in self.steps]

    @property
    def hidden(self) -> list[dict[str, Any]]:
        return [step[4]["hidden"] for step in self.steps]

    @property
    def components(self) -> list[dict[str, float]]:
        return [step[4]["reward_components"] for step in self.steps]

    @property
    def earned(self) -> list[float]:
        return [step[4]["reward_earned"] for step in self.steps]

    @property
    def last(self) -> tuple[Conversation, float, bool, bool, dict[str, Any]]:
        """The last step (``IndexError`` if none was played)."""
        return self.steps[-1]

    @property
    def terminated(self) -> bool:
        return bool(self.steps) and self.steps[-1][2]

    @property
    def true_return(self) -> float:
        return sum(float(hidden["true_reward"]) for hidden in self.hidden)


def play(
    env: TextEnv,
    seed: int,
    actions: Sequence[Action],
    *,
    options: Mapping[str, Any] | None = None,
) -> PlayedEpisode:
    """Reset ``env`` with ``seed`` and step ``actions`` in order until the episode ends.

    An action that names one of the environment's reference policies is that policy's reply; any
    other string is sent as it is; a callable is called with the conversation so far. Actions
    left over when the episode ends are not played.
    """
    observation, info = env.reset(seed=seed, options=dict(options) if options else None)
    episode = PlayedEpisode(observation, info)
    policies = env.reference_policies()
    for action in actions:
        if callable(action):
            text = action(observation)
        else:
            text = policies[action](observation) if action in policies else action
        step = env.step(text)
        episode.steps.append(step)
        observation = step[0]
        if step[2] or step[3]:
            break
    return episode
