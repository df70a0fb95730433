"""The policy protocol, scripted reference policies and :func:`make_policy`.

A policy is batched: a list of conversations in, one next assistant message per conversation
out. Anything with an ``act`` method of that shape plugs in (a transformers model, a TRL trainer's
model, an API client, your own loop).

A policy that can also say *how* it wrote each message implements :class:`SamplingPolicy`:
``generate(observations)`` returns one :class:`~textgym.lm.generation.Generation` per
conversation (text, token ids, per-token log-probabilities). :func:`generate_actions` gives the
same for any policy (scripted ones return text without tokens), so trainers and recorders can
take any policy.

Example:
    >>> import textgym
    >>> from textgym.policy import make_policy
    >>> env = textgym.make("textgym/Sycophancy-v0")
    >>> policy = make_policy("aligned", env)
    >>> obs, _ = env.reset(seed=0)
    >>> policy.act([obs])[0].startswith("The answer is")
    True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, cast, runtime_checkable

import gymnasium as gym

from textgym.lm.generation import Generation
from textgym.types import Conversation

if TYPE_CHECKING:
    from textgym.env import TextEnv


@runtime_checkable
class Policy(Protocol):
    """Anything that answers a batch of conversations.

    Example:
        >>> isinstance(ScriptedPolicy("echo", lambda c: c[-1].content), Policy)
        True
    """

    name: str

    def act(self, observations: Sequence[Conversation]) -> list[str]:
        """The next assistant message for each conversation."""
        ...


@runtime_checkable
class SamplingPolicy(Policy, Protocol):
    """A policy that also returns the token ids and log-probabilities of what it wrote.

    Example:
        >>> isinstance(ScriptedPolicy("echo", lambda c: c[-1].content), SamplingPolicy)
        True
    """

    def generate(self, observations: Sequence[Conversation]) -> list[Generation]:
        """One :class:`~textgym.lm.generation.Generation` per conversation."""
        ...


def generate_actions(policy: Policy, observations: Sequence[Conversation]) -> list[Generation]:
    """``policy.generate`` where it exists, else ``policy.act`` wrapped as text-only generations.

    Example:
        >>> echo = ScriptedPolicy("echo", lambda c: c[-1].content)
        >>> class Plain:
        ...     name = "plain"
        ...     def act(self, observations): return ["ok" for _ in observations]
        >>> [g.text for g in generate_actions(Plain(), [Conversation.of(("user", "hi"))])]
        ['ok']
        >>> generate_actions(echo, [Conversation.of(("user", "hi"))])[0].logprobs is None
        True
    """
    if isinstance(policy, SamplingPolicy):
        generations = policy.generate(observations)
    else:
        generations = [Generation(text) for text in policy.act(observations)]
    if len(generations) != len(observations):
        raise ValueError(f"policy {policy.name} returned {len(generations)} actions for {len(observations)} observations")
    return list(generations)


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

    def generate(self, observations: Sequence[Conversation]) -> list[Generation]:
        """The scripted text as generations without tokens or log-probabilities."""
        return [Generation(text) for text in self.act(observations)]

    def __repr__(self) -> str:
        return f"ScriptedPolicy({self.name!r})"


#: Policies chosen by a name prefix, as in ``hf:PATH``: prefix → a factory called as
#: ``factory(rest_of_name, **kwargs)``, or its ``"module:attr"`` reference, imported only when a
#: name with that prefix is asked for (so the core never imports model or agent code).
#: :func:`register_policy_prefix` adds one.
POLICY_PREFIXES: dict[str, Callable[..., Policy] | str] = {"hf": "textgym.agents.hf_policy:HFPolicy"}


def register_policy_prefix(prefix: str, factory: Callable[..., Policy] | str) -> None:
    """Make ``make_policy(f"{prefix}:REST", **kwargs)`` return ``factory(REST, **kwargs)``.

    Example:
        >>> register_policy_prefix("const", lambda text: ScriptedPolicy(f"const:{text}", lambda c: text))
        >>> make_policy("const:yes").act([Conversation.of(("user", "hi"))])
        ['yes']
        >>> del POLICY_PREFIXES["const"]
    """
    if not prefix or ":" in prefix:
        raise ValueError(f"a policy prefix is a non-empty name without ':', got {prefix!r}")
    POLICY_PREFIXES[prefix] = factory


def make_policy(name: str, env: gym.Env | None = None, **kwargs: Any) -> Policy:
    """A policy by name.

    In order: ``hf:default`` / ``hf:tiny`` / ``hf:PATH`` (an
    :class:`~textgym.agents.hf_policy.HFPolicy`; ``kwargs`` go to it) or another prefix of
    :data:`POLICY_PREFIXES`; a reference policy of
    ``env`` (``aligned``, ``exploit``, ...); a policy registered with
    :func:`textgym.plugins.register_policy` or installed as a ``textgym.policies`` entry point;
    ``module:attr`` or ``path/to/file.py:attr`` (a policy class, an object with ``act``, or a
    function ``conversation -> str``; see :mod:`textgym.plugins`).

    Example:
        >>> make_policy("textgym.plugins:example_policy").act([Conversation.of(("user", "hi"))])
        ['You said: hi']
        >>> import textgym
        >>> make_policy("aligend", textgym.make("textgym/Sycophancy-v0"))
        Traceback (most recent call last):
        ...
        ValueError: unknown policy 'aligend' for textgym/Sycophancy-v0: expected one of ['aligned', 'exploit', 'hedge'], a registered or installed policy, hf:default, hf:tiny, hf:PATH, module:attr or file.py:attr; did you mean 'aligned'?
    """
    import difflib

    from textgym import plugins

    prefix, sep, rest = name.partition(":")
    if sep and prefix in POLICY_PREFIXES:
        factory = POLICY_PREFIXES[prefix]
        if isinstance(factory, str):
            factory = plugins.resolve_object(factory)
        return factory(rest, **kwargs)
    unwrapped = cast("TextEnv", env.unwrapped) if env is not None else None
    policies = unwrapped.reference_policies() if unwrapped is not None else {}
    if name in policies:
        return ScriptedPolicy(name, policies[name])
    if name in plugins.policy_names() or plugins.parse_reference(name) is not None:
        return plugins.resolve_policy(name, env)
    near = difflib.get_close_matches(name, [*policies, *plugins.policy_names()], n=1)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    where = f" for {unwrapped.textgym_spec.id}" if unwrapped is not None else " (no environment given, so no reference policies)"
    raise ValueError(
        f"unknown policy {name!r}{where}: expected one of {sorted(policies)}, a registered or installed policy, "
        f"hf:default, hf:tiny, hf:PATH, module:attr or file.py:attr{hint}"
    )
