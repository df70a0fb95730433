"""Chat-template tokenization that knows the exact token span of every message.

:func:`tokenize_conversation` renders each prefix of the conversation with the tokenizer's chat
template and checks that every rendering extends the previous one token for token; the
difference is the new message's span. So ``source`` (env / prefill / policy) maps exactly to a
token mask, and a template that rewrites earlier tokens when the conversation grows is caught
with an error instead of silently corrupting a loss mask.

An assistant message's span starts with the template's header (``<|im_start|>assistant\n``),
which the model never writes: the *reply* span is the part after the header, through the first
end-of-turn token (what :func:`~textgym.lm.generation.generate` produces and a trainer
scores). :meth:`TokenizedConversation.reply_mask` selects those tokens per source.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from textgym.types import Conversation


class TemplateNotPrefixStable(ValueError):
    """The chat template changed earlier tokens when a message was appended."""


@dataclass(frozen=True)
class TokenizedConversation:
    """Token ids of a rendered conversation and the span ``[start, end)`` of each message.

    ``generation_prompt`` is the span of the trailing assistant header (when asked for).
    ``replies`` holds, per message, the span of the tokens the model writes: for an assistant
    message its content and end-of-turn token (no header, nothing after the end-of-turn token);
    an empty span ``(end, end)`` for other roles.

    Example:
        >>> t = TokenizedConversation((5, 6, 7, 8), ((0, 2), (2, 4)), ("env", "policy"), ("user", "assistant"),
        ...                           replies=((2, 2), (3, 4)))
        >>> t.mask("policy"), t.reply_mask("policy"), t.first_token("policy")
        ([False, False, True, True], [False, False, False, True], 2)
    """

    input_ids: tuple[int, ...]
    spans: tuple[tuple[int, int], ...]
    sources: tuple[str, ...]
    roles: tuple[str, ...]
    generation_prompt: tuple[int, int] | None = None
    replies: tuple[tuple[int, int], ...] = ()

    def mask(self, *sources: str) -> list[bool]:
        """Per-token mask: True where the token belongs to a message with one of ``sources``."""
        out = [False] * len(self.input_ids)
        for (start, end), source in zip(self.spans, self.sources):
            if source in sources:
                out[start:end] = [True] * (end - start)
        return out

    def reply_mask(self, *sources: str) -> list[bool]:
        """Per-token mask: True on the reply tokens (see ``replies``) of messages with ``sources``."""
        if len(self.replies) != len(self.spans):
            raise ValueError("this TokenizedConversation was built without reply spans")
        out = [False] * len(self.input_ids)
        for (start, end), source in zip(self.replies, self.sources):
            if source in sources:
                out[start:end] = [True] * (end - start)
        return out

    def splice(self, replies: Mapping[int, Sequence[int]]) -> TokenizedConversation:
        """The same conversation with the reply span of each message ``k`` in ``replies`` replaced
        by ``replies[k]`` (e.g. the token ids that were sampled, where the re-rendered text
        re-encodes differently); every later span shifts by the change in length.

        Example:
            >>> t = TokenizedConversation((5, 6, 7, 2, 9), ((0, 2), (2, 5)), ("env", "policy"), ("user", "assistant"),
            ...                           replies=((2, 2), (2, 4)))
            >>> s = t.splice({1: (70, 71, 2)})
            >>> s.input_ids, s.spans, s.replies
            ((5, 6, 70, 71, 2, 9), ((0, 2), (2, 6)), ((2, 2), (2, 5)))
        """
        if len(self.replies) != len(self.spans):
            raise ValueError("this TokenizedConversation was built without reply spans")
        ids = list(self.input_ids)
        spans, reply_spans = [list(s) for s in self.spans], [list(r) for r in self.replies]
        prompt = list(self.generation_prompt) if self.generation_prompt is not None else None
        for index in sorted(replies, reverse=True):  # from the end: earlier positions stay valid
            start, end = reply_spans[index]
            new = list(replies[index])
            ids[start:end] = new
            delta = len(new) - (end - start)
            reply_spans[index][1] = start + len(new)
            spans[index][1] += delta
            for k in range(index + 1, len(spans)):
                spans[k] = [spans[k][0] + delta, spans[k][1] + delta]
                reply_spans[k] = [reply_spans[k][0] + delta, reply_spans[k][1] + delta]
            if prompt is not None:
                prompt = [prompt[0] + delta, prompt[1] + delta]
        return TokenizedConversation(
            input_ids=tuple(ids),
            spans=tuple(tuple(s) for s in spans),  # type: ignore[misc]
            sources=self.sources,
            roles=self.roles,
            generation_prompt=tuple(prompt) if prompt is not None else None,  # type: ignore[arg-type]
            replies=tuple(tuple(r) for r in reply_spans),  # type: ignore[misc]
        )

    def first_token(self, *sources: str) -> int | None:
        """Where the span of the first message with one of ``sources`` starts (None if there is none)."""
        for (start, _), source in zip(self.spans, self.sources):
            if source in sources:
                return start
        return None


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
        >>> from textgym.lm.models import load_model
        >>> _, tok = load_model("tiny")  # doctest: +SKIP
        >>> conv = Conversation.of(("system", "Be brief."), ("user", "2+2?"), ("assistant", "4", "policy"))
        >>> t = tokenize_conversation(tok, conv)  # doctest: +SKIP
        >>> t.spans[-1][1] == len(t.input_ids)  # doctest: +SKIP
        True
    """
    chat = conversation.to_chat()
    previous: list[int] = []
    spans = []
    replies = []
    end_of_turn = getattr(tokenizer, "eos_token_id", None)
    for i in range(1, len(chat) + 1):
        ids = _render(tokenizer, chat[:i], False)
        if ids[: len(previous)] != previous:
            diverge = next((j for j, (a, b) in enumerate(zip(previous, ids)) if a != b), len(ids))
            raise TemplateNotPrefixStable(
                f"appending message {i - 1} ({chat[i - 1]['role']}) changed earlier tokens at position {diverge}"
            )
        spans.append((len(previous), len(ids)))
        if chat[i - 1]["role"] == "assistant":
            # an opening assistant turn has no rendering of "nothing plus header": whole span is the reply
            header = _render(tokenizer, chat[: i - 1], True) if i > 1 else previous
            if ids[: len(header)] != header or len(header) < len(previous):
                raise TemplateNotPrefixStable(
                    f"message {i - 1} (assistant) does not begin with the template's generation prompt"
                )
            stop = len(ids)
            if end_of_turn is not None and end_of_turn in ids[len(header) :]:
                stop = ids.index(end_of_turn, len(header)) + 1
            replies.append((len(header), stop))
        else:
            replies.append((len(ids), len(ids)))
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
        replies=tuple(replies),
    )
