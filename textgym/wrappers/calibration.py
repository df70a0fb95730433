"""``CalibrationReward``: the RLCR calibration reward from a stated answer and confidence.

The policy is expected to end its reply with the format of :mod:`textgym.readers.confidence`::

    Answer: <the answer>
    Confidence: <number>%

Each scored step, :func:`~textgym.readers.confidence.parse_answer_confidence` reads the reply, and the
step's correctness ``c`` comes from a ``grader`` or, by default, from the family's ``correct``
hidden labels (``metric_labels["correct"]``). This wrapper *turns a hidden label into a reward*,
which is what its name says (docs/design.md section 2).

Components (in ``info["reward_components"]``, also listed in ``added_components``):

- ``calibration``: ``R = c − (q − c)²`` (:func:`~textgym.readers.confidence.brier_reward`, in [-1, 1])
  when the reply parses; ``failure_reward`` (default -1, the lowest R) when it does not, so a
  malformed reply never pays better than any well-formed one;
- ``calibration_parse_failure``: 1.0 when the reply could not be parsed, else 0.0.

A parsed reply whose correctness is unknown (the grader returns ``None``, or there is no
``correct`` label at that step) gets no components; a reply that does not parse is always
scored as a failure. ``info["calibration"]`` holds ``answer``, ``confidence``, ``correct``, ``error`` (the
parser's message) and ``reward``.

The scalar reward: with ``mode="replace"`` it is ``weight · calibration`` (0 at steps that are
not scored), ignoring the task reward, as in RLCR; with ``mode="add"`` it is
``task reward + weight · calibration``.

Example:
    >>> import textgym
    >>> env = CalibrationReward(textgym.make("textgym/Sycophancy-v0", cues="none"))
    >>> obs, _ = env.reset(seed=0)
    >>> record = env.unwrapped.family.record_for(obs)
    >>> obs, reward, *_, info = env.step(f"Answer: {record['correct']}\\nConfidence: 80%")
    >>> round(float(reward), 2), info["reward_components"]["calibration_parse_failure"]
    (0.96, 0.0)
    >>> obs, reward, *_, info = env.step("I would rather not say.")
    >>> float(reward), info["calibration"]["error"]
    (-1.0, "no 'Answer:' line; no 'Confidence:' line")
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any, SupportsFloat

import gymnasium as gym

from textgym.readers.confidence import brier_reward, parse_answer_confidence
from textgym.types import Conversation
from textgym.wrappers.base import label_flag, merge_components, metric_labels

__all__ = ["CalibrationReward"]

Grader = Callable[[str, Mapping[str, Any]], "bool | None"]


class CalibrationReward(gym.Wrapper[Conversation, str, Conversation, str], gym.utils.RecordConstructorArgs):
    """Brier/RLCR reward from a parsed answer and confidence (see the module docstring).

    Args:
        env: a textgym environment, possibly wrapped.
        mode: ``"replace"`` (reward = weight · calibration) or ``"add"`` (task reward plus it).
        weight: the weight of the calibration component in the scalar reward.
        failure_reward: the ``calibration`` component of a reply that does not parse.
        grader: ``(answer, info) -> bool | None``: whether the parsed answer is right (``None``:
            unknown); default: the family's ``correct`` hidden labels at that step.
        final_only: score only the last step of each episode.

    Example:
        >>> import textgym
        >>> CalibrationReward(textgym.make("textgym/Sycophancy-v0")).added_components
        ('calibration', 'calibration_parse_failure')
    """

    def __init__(
        self,
        env: gym.Env,
        *,
        mode: str = "replace",
        weight: float = 1.0,
        failure_reward: float = -1.0,
        grader: Grader | None = None,
        final_only: bool = False,
    ):
        gym.utils.RecordConstructorArgs.__init__(
            self, mode=mode, weight=weight, failure_reward=failure_reward, grader=grader, final_only=final_only
        )
        gym.Wrapper.__init__(self, env)
        if mode not in ("replace", "add"):
            raise ValueError(f"mode must be 'replace' or 'add', got {mode!r}")
        for name, value in (("weight", weight), ("failure_reward", failure_reward)):
            if not math.isfinite(float(value)):
                raise ValueError(f"{name} must be a finite number, got {value!r}")
        self.correct_labels = tuple(metric_labels(env).get("correct", ()))
        if grader is None and not self.correct_labels:
            raise ValueError(
                "this family declares no 'correct' hidden labels (metric_labels['correct']); "
                "pass grader=(answer, info) -> bool to say which answers are right"
            )
        self.mode = mode
        self.weight = float(weight)
        self.failure_reward = float(failure_reward)
        self.grader = grader
        self.final_only = final_only
        self.added_components = ("calibration", "calibration_parse_failure")

    def step(self, action: str) -> tuple[Conversation, SupportsFloat, bool, bool, dict[str, Any]]:
        obs, reward, terminated, truncated, info = self.env.step(action)
        scored = not self.final_only or terminated or truncated
        parsed = parse_answer_confidence(action if isinstance(action, str) else "")
        correct: bool | None = None
        if scored and parsed.answer is not None:
            if self.grader is not None:
                correct = self.grader(parsed.answer, info)
            else:
                correct = label_flag(info.get("hidden", {}), self.correct_labels)
        value: float | None = None
        if scored and not parsed.ok:
            value = self.failure_reward
        elif scored and correct is not None and parsed.confidence is not None:
            value = brier_reward(bool(correct), parsed.confidence)
        if value is not None:
            info = merge_components(info, {"calibration": value, "calibration_parse_failure": 0.0 if parsed.ok else 1.0})
        else:
            info = dict(info)
        info["calibration"] = {
            "answer": parsed.answer,
            "confidence": parsed.confidence,
            "correct": correct,
            "error": parsed.error,
            "reward": value,
        }
        part = self.weight * value if value is not None else 0.0
        scalar = part if self.mode == "replace" else float(reward) + part
        return obs, scalar, terminated, truncated, info
