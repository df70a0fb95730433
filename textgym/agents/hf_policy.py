"""``HFPolicy``: any local causal LM with a chat template as a batched policy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from textgym.lm.generation import Generation, generate
from textgym.lm.tokenization import TokenizedConversation, tokenize_conversation
from textgym.types import Conversation

if TYPE_CHECKING:
    from transformers import PreTrainedModel, PreTrainedTokenizerBase


class HFPolicy:
    """A transformers model answering a batch of conversations in one ``generate`` call per batch.

    Args:
        ref: ``"default"`` (embedded SmolLM2-135M-Instruct), ``"tiny"`` or a local folder.
        max_new_tokens: reply length bound.
        temperature: 0 for greedy decoding.
        batch_size: conversations per forward pass.
        seed: base seed for sampling (each call advances it, so runs are reproducible).
        model, tokenizer: pass an already loaded pair instead of ``ref`` (e.g. during training).

    ``act`` returns the reply texts; ``generate`` the same replies with their token ids and
    per-token log-probabilities (one batched ``generate`` call per ``batch_size`` conversations
    either way). ``tokenize`` gives the exact token span of every message.

    Example:
        >>> policy = HFPolicy("tiny", max_new_tokens=4)  # doctest: +SKIP
        >>> len(policy.act([Conversation.of(("user", "hi"))]))  # doctest: +SKIP
        1
        >>> g = policy.generate([Conversation.of(("user", "hi"))])[0]  # doctest: +SKIP
        >>> len(g.token_ids) == len(g.logprobs)  # doctest: +SKIP
        True
    """

    def __init__(
        self,
        ref: str = "default",
        *,
        max_new_tokens: int = 48,
        temperature: float = 0.0,
        batch_size: int = 16,
        seed: int = 0,
        model: PreTrainedModel | None = None,
        tokenizer: PreTrainedTokenizerBase | None = None,
    ):
        if model is None:
            from textgym.lm.models import load_model

            model, tokenizer = load_model(ref)
        if tokenizer is None:
            raise TypeError("HFPolicy(model=...) needs the model's tokenizer too")
        self.model, self.tokenizer = model, tokenizer
        if self.tokenizer.pad_token_id is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self.name = f"hf:{ref}"
        self.max_new_tokens, self.temperature, self.batch_size = max_new_tokens, temperature, batch_size
        self._seed = seed
        self._calls = 0

    def act(self, observations: Sequence[Conversation]) -> list[str]:
        return [g.text for g in self.generate(observations)]

    def generate(self, observations: Sequence[Conversation], *, prompt_ids: Sequence[Sequence[int] | None] | None = None) -> list[Generation]:
        """Replies with token ids and log-probabilities (sampling seeds advance per call).

        ``prompt_ids`` (one entry per observation, None for "render the text") prompts with
        given token ids, e.g. earlier turns as the ids that were sampled (see
        :func:`textgym.lm.generation.generate`)."""
        self._calls += 1
        return generate(
            self.model,
            self.tokenizer,
            [obs.to_chat() for obs in observations],
            max_new_tokens=self.max_new_tokens,
            temperature=self.temperature,
            seed=self._seed + self._calls if self.temperature > 0 else None,
            batch_size=self.batch_size,
            prompt_ids=prompt_ids,
        )

    def reseed(self, seed: int) -> None:
        """Restart the sampling seed sequence at ``seed`` (a trainer reseeds per step, so resumed
        runs sample what uninterrupted ones would)."""
        self._seed, self._calls = seed, 0

    def tokenize(self, conversation: Conversation, *, add_generation_prompt: bool = False) -> TokenizedConversation:
        """Token ids with the span of every message (see :mod:`textgym.lm.tokenization`)."""
        return tokenize_conversation(self.tokenizer, conversation, add_generation_prompt=add_generation_prompt)

    def __repr__(self) -> str:
        return f"HFPolicy({self.name!r})"
