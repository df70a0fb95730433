"""Core value types: :class:`Message` and the immutable :class:`Conversation` (the observation).

A conversation is an episode's observation: the system prompt (the *role framing*), the user
turns, tool turns and the assistant turns, including assistant turns the policy never wrote
(``source="prefill"``). ``source`` is what lets a trainer mask or stop gradients at prefilled
history (docs/design.md section 2).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args, overload

Role = Literal["system", "user", "assistant", "tool"]
Source = Literal["env", "prefill", "policy"]

ROLES: tuple[str, ...] = get_args(Role)
SOURCES: tuple[str, ...] = get_args(Source)


@dataclass(frozen=True, slots=True)
class Message:
    """One turn of a conversation.

    Args:
        role: ``"system"``, ``"user"``, ``"assistant"`` or ``"tool"``.
        content: the text of the turn (any Unicode string).
        source: who produced it: ``"env"`` (system prompt, simulated user, tools), ``"prefill"``
            (an assistant turn that is part of the scenario) or ``"policy"`` (the agent's action).

    Example:
        >>> m = Message("assistant", "The capital is Canberra.", source="policy")
        >>> m.role, m.source
        ('assistant', 'policy')
        >>> Message("user", "hi", source="policy")
        Traceback (most recent call last):
        ...
        ValueError: Message(role='user') can only have source 'env', got 'policy'
    """

    role: Role
    content: str
    source: Source = "env"

    # A hand-written ``__init__`` (the dataclass keeps it): it checks the values, then stores them
    # through the slot descriptors, which costs a third of the generated frozen ``__init__``.
    def __init__(self, role: Role, content: str, source: Source = "env") -> None:
        _check_message(role, content, source)
        _SET_ROLE(self, role)
        _SET_CONTENT(self, content)
        _SET_SOURCE(self, source)

    def __post_init__(self) -> None:  # kept for dataclass subclasses, whose generated __init__ calls it
        _check_message(self.role, self.content, self.source)

    def to_dict(self) -> dict[str, str]:
        """The message as a JSON-ready mapping ``{"role", "content", "source"}``."""
        return {"role": self.role, "content": self.content, "source": self.source}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Message:
        """Inverse of :meth:`to_dict`; ``source`` defaults to ``"env"`` (or ``"policy"`` for
        assistant turns, the OpenAI chat format having no such field)."""
        role = data["role"]
        default = "policy" if role == "assistant" else "env"
        return cls(role=role, content=data["content"], source=data.get("source", default))


@dataclass(frozen=True, slots=True)
class Conversation:
    """An immutable sequence of :class:`Message` — the observation of every textgym environment.

    Conversations compare by value, hash, and grow only by returning a new object, so an
    observation handed to an agent can never be changed behind its back.

    Example:
        >>> c = Conversation.of(("system", "You are a helpful assistant."), ("user", "2+2?"))
        >>> c2 = c.append(Message("assistant", "4", source="policy"))
        >>> len(c), len(c2), c2[-1].content
        (2, 3, '4')
        >>> c2.to_chat()[-1]
        {'role': 'assistant', 'content': '4'}
    """

    messages: tuple[Message, ...] = ()

    def __init__(self, messages: tuple[Message, ...] = ()) -> None:
        if not isinstance(messages, tuple):
            messages = tuple(messages)
        for i, message in enumerate(messages):
            if not isinstance(message, Message):
                raise TypeError(
                    f"Conversation.messages[{i}] must be a Message, got {type(message).__name__}"
                )
        _SET_MESSAGES(self, messages)

    @classmethod
    def of(cls, *turns: tuple[str, str] | tuple[str, str, str] | Message) -> Conversation:
        """Build from ``(role, content)``/``(role, content, source)`` tuples or messages."""
        return cls(tuple(t if isinstance(t, Message) else Message(*t) for t in turns))

    def append(self, *messages: Message) -> Conversation:
        """A new conversation with ``messages`` added at the end."""
        for message in messages:
            if not isinstance(message, Message):
                i = next(i for i, m in enumerate(messages) if not isinstance(m, Message))
                raise TypeError(f"Conversation.append: argument {i} must be a Message, got {type(messages[i]).__name__}")
        return unchecked_conversation(self.messages + messages)  # the existing messages were checked already

    def __len__(self) -> int:
        return len(self.messages)

    def __iter__(self) -> Iterator[Message]:
        return iter(self.messages)

    @overload
    def __getitem__(self, index: int) -> Message: ...
    @overload
    def __getitem__(self, index: slice) -> Conversation: ...
    def __getitem__(self, index: int | slice) -> Message | Conversation:
        if isinstance(index, slice):
            return Conversation(self.messages[index])
        return self.messages[index]

    @property
    def last(self) -> Message | None:
        """The last message, or ``None`` for an empty conversation."""
        return self.messages[-1] if self.messages else None

    def by_role(self, role: Role) -> tuple[Message, ...]:
        """All messages with the given role, in order."""
        return tuple(m for m in self.messages if m.role == role)

    def text(self) -> str:
        """All message contents joined by newlines (what the policy reads)."""
        return "\n".join(m.content for m in self.messages)

    def to_chat(self) -> list[dict[str, str]]:
        """The OpenAI / transformers chat format: a list of ``{"role", "content"}`` dicts."""
        return [{"role": m.role, "content": m.content} for m in self.messages]

    def to_dicts(self) -> list[dict[str, str]]:
        """Like :meth:`to_chat` but keeping ``source`` (lossless, JSON-ready)."""
        return [m.to_dict() for m in self.messages]

    @classmethod
    def from_dicts(cls, items: Iterable[Mapping[str, Any]]) -> Conversation:
        """Inverse of :meth:`to_dicts` (also accepts plain chat dicts)."""
        return cls(tuple(Message.from_dict(item) for item in items))

    def __repr__(self) -> str:
        inner = ", ".join(f"{m.role}/{m.source}:{m.content[:24]!r}" for m in self.messages)
        return f"Conversation([{inner}])"


def _check_message(role: object, content: object, source: object) -> None:
    if role not in ROLES:
        raise ValueError(f"Message role must be one of {ROLES}, got {role!r}")
    if source not in SOURCES:
        raise ValueError(f"Message source must be one of {SOURCES}, got {source!r}")
    if not isinstance(content, str):
        raise TypeError(f"Message content must be str, got {type(content).__name__}")
    if role != "assistant" and source != "env":
        raise ValueError(f"Message(role={role!r}) can only have source 'env', got {source!r}")


_SET_ROLE = Message.__dict__["role"].__set__  # slot descriptors: they bypass the frozen __setattr__
_SET_CONTENT = Message.__dict__["content"].__set__
_SET_SOURCE = Message.__dict__["source"].__set__
_SET_MESSAGES = Conversation.__dict__["messages"].__set__
_new = object.__new__


def unchecked_message(role: Role, content: str, source: Source) -> Message:
    """A :class:`Message` built WITHOUT the checks, for messages the framework writes itself.

    Only for values already known valid (a role and source from :data:`ROLES` / :data:`SOURCES`
    that go together, a ``str`` content): a user's ``Message(...)`` is always checked.

    Example:
        >>> unchecked_message("assistant", "4", "policy") == Message("assistant", "4", source="policy")
        True
    """
    message = _new(Message)
    _SET_ROLE(message, role)
    _SET_CONTENT(message, content)
    _SET_SOURCE(message, source)
    return message


def unchecked_conversation(messages: tuple[Message, ...]) -> Conversation:
    """A :class:`Conversation` of a tuple already known to hold only :class:`Message` values.

    Example:
        >>> unchecked_conversation((Message("user", "hi"),)) == Conversation.of(("user", "hi"))
        True
    """
    conversation = _new(Conversation)
    _SET_MESSAGES(conversation, messages)
    return conversation
