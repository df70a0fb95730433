"""The LLM roles of one environment (simulated user, rater, judge) bound to their backends.

A family asks its roles for a rating or a reply and passes both the rule (a zero-argument
function) and the variables of the role's prompt; the role's backend decides which is used:
``rule`` calls the rule, ``hf:...`` / ``openai:...`` render the spec's prompt and ask the model.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from textgym.backends import check_backend_name, get_backend
from textgym.batching import current_batcher
from textgym.backends.base import Rating, RatingRequest
from textgym.spec import Spec

_RULE_RATING_CACHE = 256  # distinct rule scores kept as ready Rating values, per RoleSet
Variables = Mapping[str, Any] | Callable[[], Mapping[str, Any]]


def _values(variables: Variables) -> Mapping[str, Any]:
    return variables() if callable(variables) else variables


class RoleSet:
    """Backends for every role a spec declares; ``overrides`` maps role → backend name.

    Example:
        >>> import textgym
        >>> spec = textgym.load_spec(textgym.builtin_spec_path("sycophancy"))
        >>> roles = RoleSet(spec, {"rater": "rule"})
        >>> roles.rate("rater", rule=lambda: 9.0, variables={}).score
        9.0
        >>> RoleSet(spec, {"judge": "rule"})
        Traceback (most recent call last):
        ...
        ValueError: textgym/Sycophancy-v0 has no role 'judge'; its roles are ['rater']
    """

    def __init__(self, spec: Spec, overrides: Mapping[str, str] | None = None):
        overrides = dict(overrides or {})
        unknown = set(overrides) - set(spec.roles)
        if unknown:
            raise ValueError(
                f"{spec.id} has no role {', '.join(map(repr, sorted(unknown)))}; its roles are {sorted(spec.roles)}"
            )
        self.spec = spec
        self.names: dict[str, str] = {}
        for role, role_spec in spec.roles.items():
            name = check_backend_name(overrides.get(role, role_spec.backend))
            if name != "rule" and role_spec.prompt is None:
                raise ValueError(
                    f"{spec.id}: role {role!r} has no prompt in the spec, so it cannot use the LLM backend {name!r}"
                )
            self.names[role] = name
        # Rule ratings are a few distinct values (a table of integers, say); Rating is an
        # immutable tuple, so each int/float score is built once and shared.
        self._rule_ratings: dict[float, Rating] = {}

    def is_rule(self, role: str) -> bool:
        return self.names[role] == "rule"

    def request(self, role: str, variables: Mapping[str, Any]) -> RatingRequest:
        """The rating request an LLM backend would get for these variables."""
        role_spec = self.spec.roles[role]
        assert role_spec.prompt is not None
        return RatingRequest(state=role_spec.prompt.render(variables), instructions=role_spec.instructions)

    def rate(self, role: str, *, rule: Callable[[], float], variables: Variables) -> Rating:
        """A 1–10 rating from the role's backend.

        ``variables`` (the prompt's values, or a function returning them) are only evaluated
        for an LLM backend, so the rule path pays nothing for building a transcript.
        """
        if self.names[role] == "rule":
            value = rule()
            kind = type(value)
            if kind is int or kind is float and value == value and value != 0.0:  # keeps -0.0 and NaN out
                rating = self._rule_ratings.get(value)
                if rating is None:
                    rating = Rating(score=float(value), method="rule")
                    if len(self._rule_ratings) < _RULE_RATING_CACHE:
                        self._rule_ratings[value] = rating
                return rating
            return Rating(score=float(value), method="rule")
        request = self.request(role, _values(variables))
        batcher = current_batcher()
        if batcher is not None:  # stepping inside a batched vector step: one call per round
            return batcher.submit("rate", self.names[role], request)
        return get_backend(self.names[role]).rate([request])[0]

    def reply(self, role: str, *, rule: Callable[[], str], variables: Variables, max_new_tokens: int = 64) -> str:
        """A generated turn (e.g. a simulated user's message) from the role's backend."""
        if self.is_rule(role):
            return rule()
        role_spec = self.spec.roles[role]
        assert role_spec.prompt is not None
        chat = [{"role": "user", "content": role_spec.prompt.render(_values(variables))}]
        batcher = current_batcher()
        if batcher is not None:
            return batcher.submit("generate", (self.names[role], max_new_tokens), chat)
        return get_backend(self.names[role]).generate([chat], max_new_tokens=max_new_tokens)[0]

    @property
    def all_rule(self) -> bool:
        """True when every role uses the rule backend (nothing to batch)."""
        return all(name == "rule" for name in self.names.values())


def execute_role_calls(kind: str, key: Any, payloads: list[Any]) -> list[Any]:
    """One batched backend call for a round of role calls (the executor of a
    :class:`~textgym.batching.RoleCallBatcher`): ``rate`` → ``backend.rate(requests)``,
    ``generate`` → ``backend.generate(chats, max_new_tokens=...)``, ``decide`` → judge questions
    (:func:`textgym.judge.ask_backend`)."""
    if kind == "rate":
        return list(get_backend(key).rate(payloads))
    if kind == "generate":
        name, max_new_tokens = key
        return list(get_backend(name).generate(payloads, max_new_tokens=max_new_tokens))
    if kind == "decide":  # judge questions (textgym.judge): checked and named by the judge
        from textgym.judge import ask_backend

        return ask_backend(key, payloads)
    raise ValueError(f"unknown role call kind {kind!r}: expected 'rate', 'generate' or 'decide'")
