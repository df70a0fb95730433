"""What every LLM backend answers: chat generation and 1–10 ratings (docs/design.md section 4)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple, Protocol, runtime_checkable

RATING_LEVELS = 10


@dataclass(frozen=True)
class RatingRequest:
    """Ask for an integer rating from 1 to ``levels`` about ``state``, following ``instructions``.

    ``criteria`` describe the levels, lowest first (defaults: ``"1"`` ... ``"10"``).
    """

    state: str
    instructions: str
    criteria: tuple[str, ...] = tuple(str(i) for i in range(1, RATING_LEVELS + 1))


class Rating(NamedTuple):
    """A rating on the 1..levels scale.

    ``score`` is the probability-weighted expectation ``Σ level · p(level)`` where the backend
    gives probabilities, else the sampled or rule value. ``method`` records how it was produced:
    ``rule``, ``decision-logits`` (local next-token probabilities via transformers' decision
    prompt), ``systemone`` (``transformers serve``'s ``/v1/systemone``), ``logprobs`` (an
    OpenAI-compatible ``logprobs`` answer) or ``sampled`` (parsed from generated text).

    Example:
        >>> r = Rating.from_probabilities([0.0] * 8 + [0.5, 0.5], method="rule")
        >>> r.score
        9.5
    """

    score: float
    method: str
    probabilities: tuple[float, ...] = ()

    @classmethod
    def from_probabilities(cls, probabilities: Sequence[float], method: str) -> Rating:
        total = float(sum(probabilities))
        if total <= 0:
            raise ValueError("rating probabilities sum to zero")
        probs = tuple(float(p) / total for p in probabilities)
        score = sum((level + 1) * p for level, p in enumerate(probs))
        return cls(score=score, method=method, probabilities=probs)

    @property
    def normalized(self) -> float:
        """The score mapped linearly from [1, levels] to [0, 1]."""
        levels = len(self.probabilities) or RATING_LEVELS
        return (self.score - 1.0) / (levels - 1.0)


@runtime_checkable
class LLMBackend(Protocol):
    """A language model reachable for the environment's LLM roles. Batched: lists in, lists out."""

    name: str

    def generate(
        self,
        chats: Sequence[Sequence[dict[str, str]]],
        *,
        max_new_tokens: int = 64,
        temperature: float = 0.0,
        seed: int | None = None,
    ) -> list[str]:
        """Reply to each chat (``[{"role", "content"}, ...]``)."""
        ...

    def rate(self, requests: Sequence[RatingRequest]) -> list[Rating]:
        """Rate each request."""
        ...
