"""textgym: Gymnasium-style text environments for studying how RL makes language models
sycophantic, deceptive, evasive or forgetful of facts.

Example:
    >>> import gymnasium as gym
    >>> import textgym
    >>> env = gym.make("textgym/Sycophancy-v0", framing="pleaser", cues="belief")
    >>> obs, info = env.reset(seed=1)
    >>> obs[-1].role
    'user'
"""

from __future__ import annotations

from typing import Any

from textgym.env import TextEnv
from textgym.environments import register_family
from textgym.errors import BackendError, SpecError
from textgym.readers.hedging import find_hedges, is_hedged
from textgym.registry import (
    builtin_spec_path,
    get_spec,
    make,
    register_builtin_specs,
    register_spec,
    registered_specs,
)
from textgym.plugins import register_backend, register_policy
from textgym.rollout import EpisodeRecord, rollout
from textgym.spaces import ConversationSpace, UnicodeText
from textgym.spec import Spec, load_spec
from textgym.types import Conversation, Message

__version__ = "0.1.0"

__all__ = [
    "BackendError",
    "Conversation",
    "ConversationSpace",
    "EpisodeRecord",
    "Message",
    "Spec",
    "SpecError",
    "TextEnv",
    "UnicodeText",
    "builtin_spec_path",
    "exploit_gap",
    "find_hedges",
    "get_spec",
    "is_hedged",
    "load_spec",
    "load_trajectories",
    "make",
    "register_backend",
    "register_family",
    "register_policy",
    "register_spec",
    "registered_specs",
    "rollout",
]

#: Names loaded on first use (``textgym.NAME``), so ``import textgym`` imports no wrapper.
_LAZY = {
    "exploit_gap": "textgym.wrappers.gameability",
    "load_trajectories": "textgym.wrappers.recording",
}


def __getattr__(name: str) -> Any:
    """``exploit_gap`` and ``load_trajectories``, imported from their wrapper modules on first use."""
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'textgym' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


register_builtin_specs()
