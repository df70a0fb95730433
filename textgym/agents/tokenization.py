"""Chat-template tokenization that knows the exact token span of every message.

:func:`tokenize_conversation` renders each prefix of the conversation with the tokenizer's chat
template and checks that every rendering extends the previous one token for token; the
difference is the new message's span. So ``source`` (env / prefill / policy) maps exactly to a
token mask, and a template that rewrites earlier tokens when the conversation grows is caught
with an error instead of silently corrupting a loss mask.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textgym.types import Conversation


class TemplateNotPrefixStable(ValueError):
    """The chat template changed earlier tokens when a message was appended."""


@dataclass(frozen=True)
class TokenizedConversation:
    """Token ids of a rendered conversation and the span ``[start, end)`` of each message.

    ``generation_prompt`` is the span of the trailing assistant header (when asked for).
    """

    input_ids: tuple[int, ...]
    spans: tuple[tuple[int, int], ...]
    sources: tuple[str, ...]
    roles: tuple[str, ...]
    generation_prompt: tuple[int, int] | None = None

    def mask(self, *sources: str) -> list[bool]:
        """Per-token mask: True where the token belongs to a message with one of ``sources``."""
        out = [False] * len(self.input_ids)
        for (start, end), source in zip(self.spans, self.sources):
            if source in sources:
                out[start:end] = [True] * (end - start)
        return out


def _render(tokenizer: Any, chat: list[dict[str, str]], generation: bool) -> list[int]:
    ids = tokenizer.apply_chat_template(chat, tokenize=True, add_generation_prompt=generation, return_dict=False)
    if hasattr(ids, "tolist"):
        ids = ids.tolist()
    if ids and isinstance(ids[0], list):
        ids = ids[0]
    return list(ids)


def tokenize_conversation(
    tokenizer: Any, conversation: Conversation, *, add_generation_prompt: bool = False
) -> TokenizedConversation:
    """Tokenize with spans; raise :class:`TemplateNotPrefixStable` if a prefix re-renders differently.

    Example:
        >>> from textgym.models import load_model
        >>> _, tok = load_model("tiny")  # doctest: +SKIP
        >>> conv = Conversation.of(("system", "Be brief."), ("user", "2+2?"), ("assistant", "4", "policy"))
        >>> t = tokenize_conversation(tok, conv)  # doctest: +SKIP
        >>> t.spans[-1][1] == len(t.input_ids)  # doctest: +SKIP
        True
    """
    chat = conversation.to_chat()
    previous: list[int] = []
    spans = []
    for i in range(1, len(chat) + 1):
        ids = _render(tokenizer, chat[:i], False)
        if ids[: len(previous)] != previous:
            diverge = next((j for j, (a, b) in enumerate(zip(previous, ids)) if a != b), len(ids))
            raise TemplateNotPrefixStable(
                f"appending message {i - 1} ({chat[i - 1]['role']}) changed earlier tokens at position {diverge}"
            )
        spans.append((len(previous), len(ids)))
        previous = ids
    generation = None
    if add_generation_prompt:
        ids = _render(tokenizer, chat, True)
        if ids[: len(previous)] != previous:
            raise TemplateNotPrefixStable("the generation prompt changed earlier tokens")
        generation = (len(previous), len(ids))
        previous = ids
    return TokenizedConversation(
        input_ids=tuple(previous),
        spans=tuple(spans),
        sources=tuple(m.source for m in conversation),
        roles=tuple(m.role for m in conversation),
        generation_prompt=generation,
    )
