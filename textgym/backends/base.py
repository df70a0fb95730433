"""What every LLM backend answers: chat generation and 1–10 ratings (docs/design.md section 4)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol, cast, runtime_checkable

RATING_LEVELS = 10

#: the labels of the rating levels, lowest first ("10" is not one token for most tokenizers, letters are)
LEVEL_LABELS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


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


def rating_prompt(request: RatingRequest, *, shared_first: bool = True) -> str:
    """The rating question as one user message: the instructions, one line per level
    (``A. <criterion>`` ...), the state, and the answer cue.

    ``shared_first`` (the default) puts what the requests of one environment share, the
    instructions and the levels, before the state, so a batch of ratings (or a server's prefix
    cache) computes that part once. ``shared_first=False`` is the layout of transformers' decision
    prompt (``DECISION_PROMPT``, which ``/v1/systemone`` renders): the state first. Same text,
    other order.

    Example:
        >>> request = RatingRequest("Q: 2+2? A: 4", "Rate the reply.", ("bad", "good"))
        >>> print(rating_prompt(request))
        Rate the reply.
        A. bad
        B. good
        <BLANKLINE>
        Q: 2+2? A: 4
        <BLANKLINE>
        Answer with the letter of the level that fits best (A to B) only.
        >>> rating_prompt(request, shared_first=False).splitlines()[0]
        'Q: 2+2? A: 4'
    """
    lines = [request.instructions, *(f"{LEVEL_LABELS[i]}. {c}" for i, c in enumerate(request.criteria))]
    levels = "\n".join(line for line in lines if line)  # as the decision prompt, no empty instructions line
    cue = f"Answer with the letter of the level that fits best (A to {LEVEL_LABELS[len(request.criteria) - 1]}) only."
    if shared_first:
        return f"{levels}\n\n{request.state}\n\n{cue}"
    return f"{request.state}\n\n{levels}\n{cue}"


class Sampling(NamedTuple):
    """How :meth:`LLMBackend.generate` samples: at most ``max_new_tokens`` new tokens, greedy at
    ``temperature`` 0, ``seed`` for reproducible sampling."""

    max_new_tokens: int = 64
    temperature: float = 0.0
    seed: int | None = None


@runtime_checkable
class LLMBackend(Protocol):
    """A language model reachable for the environment's LLM roles. Batched: lists in, lists out.

    Any object with this ``generate`` and ``rate`` is a backend (a protocol). The built-in
    backends subclass it and implement ``_reply(chats, sampling)`` (the chats as lists, a
    :class:`Sampling`), which the ``generate`` defined here calls: the keyword signature lives in
    one place.
    """

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
        return cast(Any, self)._reply([list(chat) for chat in chats], Sampling(max_new_tokens, temperature, seed))

    def rate(self, requests: Sequence[RatingRequest]) -> list[Rating]:
        """Rate each request."""
        ...
