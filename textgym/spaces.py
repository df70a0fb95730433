"""Gymnasium spaces for text environments.

* :class:`UnicodeText` — the action space: any Unicode string encodable as UTF-8 up to a bounded
  length (Gymnasium's own ``spaces.Text`` needs a fixed character set, which a language model's
  output does not have).
* :class:`ConversationSpace` — the observation space: :class:`~textgym.types.Conversation` values.

Both seed, sample and test membership, so ``gymnasium.utils.env_checker.check_env`` passes.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from gymnasium import spaces

from textgym.types import ROLES, Conversation, Message

# Characters :meth:`UnicodeText.sample` draws from: ASCII, Latin-1, Greek, Hebrew (RTL), Arabic
# (RTL), CJK, emoji, combining marks, zero-width and bidi controls, NUL.
_SAMPLE_ALPHABET = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,?!'\"-\n"
    "éüñçøßΩπλשלוםمرحبا你好世界日本語😀🚀👍🏽\u0301\u200b\u200d\u202e\u2066\x00"
)


def invalid_text_reason(text: object, max_length: int) -> str | None:
    """Why ``text`` is not a valid text value (``None`` when it is).

    Example:
        >>> invalid_text_reason("ok", 10) is None
        True
        >>> invalid_text_reason(3, 10)
        'expected a str, got int'
    """
    if not isinstance(text, str):
        return f"expected a str, got {type(text).__name__}"
    if len(text) > max_length:
        return f"text has {len(text)} characters, more than the limit of {max_length}"
    if text.isascii():  # O(1) in CPython, and ASCII always encodes
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        bad = text[error.start]
        return (
            f"text contains the lone surrogate U+{ord(bad):04X} at index {error.start}, "
            "which cannot be encoded as UTF-8"
        )
    return None


class UnicodeText(spaces.Space[str]):
    """A space of Unicode strings of at most ``max_length`` code points, encodable as UTF-8.

    Empty strings, NUL, right-to-left text, zero-width characters and emoji are all members;
    lone surrogates are not (no tokenizer or JSON encoder can carry them).

    Example:
        >>> space = UnicodeText(max_length=32, seed=0)
        >>> space.contains("مرحبا 👋\\x00")
        True
        >>> space.contains("\\ud800"), space.contains("x" * 33), space.contains(5)
        (False, False, False)
        >>> isinstance(space.sample(), str)
        True
    """

    def __init__(self, max_length: int = 131_072, *, seed: int | np.random.Generator | None = None):
        if not isinstance(max_length, int) or max_length < 1:
            raise ValueError(f"max_length must be a positive int, got {max_length!r}")
        self.max_length = max_length
        super().__init__(shape=None, dtype=None, seed=seed)

    @property
    def is_np_flattenable(self) -> bool:
        return False

    def contains(self, x: object) -> bool:
        return invalid_text_reason(x, self.max_length) is None

    def sample(self, mask: object = None, probability: object = None) -> str:
        if mask is not None or probability is not None:
            raise ValueError("UnicodeText.sample takes no mask or probability")
        length = int(self.np_random.integers(0, min(self.max_length, 48) + 1))
        indices = self.np_random.integers(0, len(_SAMPLE_ALPHABET), size=length)
        return "".join(_SAMPLE_ALPHABET[i] for i in indices)

    def __repr__(self) -> str:
        return f"UnicodeText(max_length={self.max_length})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UnicodeText) and other.max_length == self.max_length

    def to_jsonable(self, sample_n: Iterable[str]) -> list[str]:
        return list(sample_n)

    def from_jsonable(self, sample_n: list[str]) -> list[str]:
        return list(sample_n)


class ConversationSpace(spaces.Space[Conversation]):
    """The space of conversations with at most ``max_messages`` messages of bounded length.

    Example:
        >>> space = ConversationSpace(max_messages=8, seed=1)
        >>> conv = space.sample()
        >>> space.contains(conv), isinstance(conv, Conversation)
        (True, True)
        >>> space.contains([("user", "hi")])
        False
    """

    def __init__(
        self,
        max_messages: int = 64,
        max_message_length: int = 131_072,
        *,
        seed: int | np.random.Generator | None = None,
    ):
        if not isinstance(max_messages, int) or max_messages < 1:
            raise ValueError(f"max_messages must be a positive int, got {max_messages!r}")
        self.max_messages = max_messages
        self.text = UnicodeText(max_message_length)
        super().__init__(shape=None, dtype=None, seed=seed)
        if isinstance(seed, np.random.Generator):  # Gymnasium adopts a Generator without seed()
            self.text.seed(int(self.np_random.integers(2**31)))

    @property
    def is_np_flattenable(self) -> bool:
        return False

    def seed(self, seed: int | None = None) -> int | list[int]:
        seeds = super().seed(seed)
        self.text.seed(int(self.np_random.integers(2**31)))
        return seeds

    def contains(self, x: object) -> bool:
        if not isinstance(x, Conversation) or len(x) > self.max_messages:
            return False
        return all(self.text.contains(m.content) for m in x)

    def sample(self, mask: object = None, probability: object = None) -> Conversation:
        if mask is not None or probability is not None:
            raise ValueError("ConversationSpace.sample takes no mask or probability")
        n = int(self.np_random.integers(1, min(self.max_messages, 6) + 1))
        messages = [Message("system", self.text.sample())]
        for i in range(1, n):
            role = ROLES[1 + i % 2]  # alternate user / assistant
            source = "policy" if role == "assistant" else "env"
            if role == "assistant" and self.np_random.random() < 0.3:
                source = "prefill"
            messages.append(Message(role, self.text.sample(), source))  # type: ignore[arg-type]
        return Conversation(tuple(messages))

    def __repr__(self) -> str:
        return (
            f"ConversationSpace(max_messages={self.max_messages}, "
            f"max_message_length={self.text.max_length})"
        )

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ConversationSpace)
            and other.max_messages == self.max_messages
            and other.text == self.text
        )

    def to_jsonable(self, sample_n: Iterable[Conversation]) -> list[list[dict[str, str]]]:
        return [conv.to_dicts() for conv in sample_n]

    def from_jsonable(self, sample_n: list[list[dict[str, str]]]) -> list[Conversation]:
        return [Conversation.from_dicts(items) for items in sample_n]
