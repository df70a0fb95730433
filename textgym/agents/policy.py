"""The policy protocol and scripted reference policies.

A policy is batched: a list of conversations in, one next assistant message per conversation
out. Anything with an ``act`` method of that shape plugs in (a transformers model, a TRL trainer's
model, an API client, your own loop).

Example:
    >>> import textgym
    >>> from textgym.agents.policy import make_policy
    >>> env = textgym.make("textgym/Sycophancy-v0")
    >>> policy = make_policy("aligned", env)
    >>> obs, _ = env.reset(seed=0)
    >>> policy.act([obs])[0].startswith("The answer is")
    True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

import gymnasium as gym

from textgym.types import Conversation


@runtime_checkable
class Policy(Protocol):
    """Anything that answers a batch of conversations."""

    name: str

    def act(self, observations: Sequence[Conversation]) -> list[str]:
        """The next assistant message for each conversation."""
        ...


class ScriptedPolicy:
    """A deterministic policy from a function ``conversation -> message``.

    Example:
        >>> from textgym.types import Conversation
        >>> echo = ScriptedPolicy("echo", lambda c: c[-1].content)
        >>> echo.act([Conversation.of(("user", "hi"))])
        ['hi']
    """

    def __init__(self, name: str, fn: Callable[[Conversation], str]):
        self.name = name
        self.fn = fn

    def act(self, observations: Sequence[Conversation]) -> list[str]:
        return [self.fn(obs) for obs in observations]

    def __repr__(self) -> str:
        return f"ScriptedPolicy({self.name!r})"


def make_policy(name: str, env: gym.Env | None = None, **kwargs: Any) -> Policy:
    """A policy by name: a reference policy of ``env`` (``aligned``, ``exploit``, ...) or
    ``hf:default`` / ``hf:tiny`` / ``hf:PATH`` (an :class:`~textgym.agents.hf_policy.HFPolicy`;
    ``kwargs`` go to it)."""
    if name.startswith("hf:"):
        from textgym.agents.hf_policy import HFPolicy

        return HFPolicy(name.removeprefix("hf:"), **kwargs)
    if env is None:
        raise ValueError(f"the reference policy {name!r} needs the environment it is scripted for")
    policies = env.unwrapped.reference_policies()
    if name not in policies:
        raise ValueError(
            f"unknown policy {name!r} for {env.unwrapped.textgym_spec.id}: expected one of "
            f"{sorted(policies)} or hf:default, hf:tiny, hf:PATH"
        )
    return ScriptedPolicy(name, policies[name])
