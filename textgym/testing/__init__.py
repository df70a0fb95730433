"""Property-testing kit: Hypothesis strategies, invariant checks and a pytest plugin.

* :func:`check_reward_invariants` — play seeded episodes of any spec and check the reward
  invariants (range, determinism, sparsity semantics, axis independence, hidden labels, no
  exceptions); raises :class:`InvariantViolation` naming each violated invariant.
* :mod:`textgym.testing.strategies` — Hypothesis strategies for messages, conversations,
  hostile action strings, action plans, and valid or invalid specs drawn from a family's schema.
* :mod:`textgym.testing.pytest_plugin` — ``pytest --textgym-spec my_env.yaml`` runs every check
  on your spec.
* :mod:`textgym.testing.episodes` — :func:`env_for` (a cached environment per setting) and
  :func:`play` (one scripted episode) for environment tests.

See ``docs/property-testing.md``.

Example:
    >>> from textgym.testing import check_reward_invariants
    >>> check_reward_invariants("textgym/Sycophancy-v0", episodes=2).ok
    True
"""

from __future__ import annotations

from textgym.testing.episodes import PlayedEpisode, env_for, play
from textgym.testing.hostile import LONE_SURROGATES, hostile_examples, random_hostile_text
from textgym.testing.invariants import (
    INVARIANTS,
    EpisodeTrace,
    InvariantChecker,
    InvariantReport,
    InvariantViolation,
    LeakScanner,
    PolicyAction,
    TextAction,
    Violation,
    check_reward_invariants,
)

__all__ = [
    "INVARIANTS",
    "LONE_SURROGATES",
    "EpisodeTrace",
    "InvariantChecker",
    "InvariantReport",
    "InvariantViolation",
    "LeakScanner",
    "PlayedEpisode",
    "PolicyAction",
    "TextAction",
    "Violation",
    "check_reward_invariants",
    "env_for",
    "hostile_examples",
    "play",
    "random_hostile_text",
]
