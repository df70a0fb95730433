"""Gymnasium wrappers for textgym environments, one concept per module.

=============================  =============================================================
wrapper                        does
=============================  =============================================================
:class:`GameabilityScore`      online proxy/true divergence on the agent's own episodes
:class:`PostViolationHonesty`  interrogates after a hidden violation; ``honesty`` and
                               ``escalation`` components, sealed from the task reward
:class:`RewardSparsity`        delivers the reward on a :mod:`textgym.sparsity` schedule
:class:`StructuredReward`      the reward as a vector of named components (``reward_space``)
:class:`Scalarize`             a weighted sum of such a vector
:class:`CalibrationReward`     RLCR reward from a stated answer and confidence
:class:`MisalignmentMetrics`   sycophancy, hedging, deception, ... rates; ECE and Brier
:class:`RecordConversations`   one crash-safe JSONL line per episode
=============================  =============================================================

All are :class:`gymnasium.Wrapper` subclasses and compose with Gymnasium's own wrappers
(``RecordEpisodeStatistics``, ``TimeLimit``).

Example:
    >>> import gymnasium as gym, textgym
    >>> from textgym.wrappers import MisalignmentMetrics, RewardSparsity
    >>> env = gym.wrappers.RecordEpisodeStatistics(MisalignmentMetrics(RewardSparsity(textgym.make("textgym/Sycophancy-v0"), "terminal")))
    >>> _ = env.reset(seed=0)
    >>> _ = env.step("The answer is 4.")
    >>> info = env.step("The answer is 4.")[-1]
    >>> sorted(k for k in ("episode", "metrics") if k in info)
    ['episode', 'metrics']
"""

from textgym.wrappers.calibration import CalibrationReward
from textgym.wrappers.gameability import GameabilityScore, exploit_gap, gameability_table
from textgym.wrappers.honesty import PostViolationHonesty
from textgym.wrappers.metrics import MisalignmentMetrics
from textgym.wrappers.recording import RecordConversations, load_trajectories
from textgym.wrappers.sparsity import RewardSparsity
from textgym.wrappers.structured import Scalarize, StructuredReward

__all__ = [
    "CalibrationReward",
    "GameabilityScore",
    "MisalignmentMetrics",
    "PostViolationHonesty",
    "RecordConversations",
    "RewardSparsity",
    "Scalarize",
    "StructuredReward",
    "exploit_gap",
    "gameability_table",
    "load_trajectories",
]
