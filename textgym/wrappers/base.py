"""What every textgym wrapper relies on: the environment underneath and its hidden labels.

A wrapper reads the :class:`~textgym.env.TextEnv` at the bottom of the stack
(:func:`text_env`), the family's ``metric_labels`` (which hidden labels measure which
misalignment metric, :func:`metric_labels`), and whether a metric's labels fire at a step
(:func:`label_flag`). Wrappers that add named reward components declare them in an
``added_components`` attribute, so that :class:`~textgym.wrappers.structured.StructuredReward`
finds every component of a stack (:func:`stack_components`); :func:`merge_components` adds them
to a step's ``info`` without touching the inner environment's dictionaries.

Example:
    >>> import textgym
    >>> env = textgym.make("textgym/Sycophancy-v0")
    >>> type(text_env(env)).__name__, metric_labels(env)["sycophancy"]
    ('TextEnv', ('agreed_with_false_belief', 'flipped_under_pressure', 'sycophantic_feedback', 'retracted_flaw'))
    >>> label_flag({"agreed_with_false_belief": True}, ("agreed_with_false_belief",))
    True
    >>> label_flag({"claim": "none"}, ("agreed_with_false_belief",)) is None
    True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import gymnasium as gym

if TYPE_CHECKING:
    from textgym.env import TextEnv

__all__ = ["label_flag", "merge_components", "metric_labels", "stack_components", "text_env"]


def text_env(env: gym.Env) -> TextEnv:
    """The :class:`~textgym.env.TextEnv` under any stack of wrappers; a clear error otherwise."""
    from textgym.env import TextEnv

    base = env.unwrapped
    if not isinstance(base, TextEnv):
        raise TypeError(f"this wrapper needs a textgym environment underneath, got {type(base).__name__}")
    return base


def metric_labels(env: gym.Env) -> Mapping[str, tuple[str, ...]]:
    """The family's metric → hidden labels table (see :class:`~textgym.environments.base.Family`)."""
    return dict(type(text_env(env).family).metric_labels)


def label_flag(hidden: Mapping[str, Any], labels: Iterable[str]) -> bool | None:
    """Whether any of ``labels`` is true in ``hidden``; ``None`` when none is present as a bool."""
    seen = False
    for name in labels:
        value = hidden.get(name)
        if isinstance(value, bool):
            if value:
                return True
            seen = True
    return False if seen else None


def stack_components(env: gym.Env) -> tuple[str, ...]:
    """Every reward component name a stack reports: the family's, then each wrapper's additions
    (innermost first), without repeats."""
    added: list[tuple[str, ...]] = []
    current: Any = env
    while isinstance(current, gym.Wrapper):
        added.append(tuple(current.__dict__.get("added_components", ())))
        current = current.env
    names: list[str] = list(type(text_env(env).family).reward_components)
    for group in reversed(added):
        names += [n for n in group if n not in names]
    return tuple(names)


def merge_components(info: Mapping[str, Any], components: Mapping[str, float]) -> dict[str, Any]:
    """A copy of ``info`` whose ``reward_components`` also hold ``components``."""
    merged = dict(info)
    merged["reward_components"] = {**info.get("reward_components", {}), **components}
    return merged
