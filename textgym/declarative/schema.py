"""The parsed form of a declarative spec's ``chat:`` section (built by :mod:`textgym.declarative.config`).

Example:
    >>> FieldSpec("code", "str").required
    True
"""

from __future__ import annotations

from dataclasses import dataclass

from textgym.declarative.rules import Reader, Row
from textgym.templates import Template

#: Variables every role prompt gets besides the record fields and user-type variables.
ROLE_VARIABLES = frozenset({"reply", "transcript", "turn"})


@dataclass(frozen=True)
class FieldSpec:
    """A declared record field: its name, type (one of :data:`FIELD_TYPES`) and whether required."""

    name: str
    kind: str
    required: bool = True


@dataclass(frozen=True)
class UserType:
    """A user type: gameable (exploitable by flattery/agreement) or not, and its template variables."""

    name: str
    gameable: bool
    vars: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Judge:
    """A judge question: a hidden label ``name`` (score >= ``threshold``) and ``name_score``."""

    name: str
    threshold: float
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class ChatConfig:
    """A parsed ``chat:`` section (hashable: it keys the family class built for it)."""

    fields: tuple[FieldSpec, ...]
    data_key: str
    id_field: str | None
    user_types: tuple[UserType, ...]
    user_field: str | None
    templates: tuple[str, ...]
    prefill: str | None
    opening: str | None
    #: per user turn after reply k: rows (conditions, template or None to end), the first that holds
    follow_ups: tuple[tuple[tuple[tuple[tuple[str, bool], ...], str | None], ...], ...]
    simulated_user: bool
    stop: str | None
    max_prefill: int
    readers: tuple[Reader, ...]
    labels: tuple[tuple[str, tuple[tuple[str, bool], ...]], ...]
    rating: tuple[tuple[str, tuple[Row, ...]], ...]
    truth: tuple[Row, ...]
    judges: tuple[Judge, ...]
    policies: tuple[tuple[str, tuple[tuple[str, tuple[Template, ...]], ...]], ...]
    metrics: tuple[tuple[str, tuple[str, ...]], ...]

    @property
    def user_type_names(self) -> tuple[str, ...]:
        return tuple(u.name for u in self.user_types)

    @property
    def user_variables(self) -> frozenset[str]:
        return frozenset(k for u in self.user_types[:1] for k, _ in u.vars) | {"user_type"}

    @property
    def template_variables(self) -> frozenset[str]:
        """What user templates, policies and role prompts may name (role prompts also get :data:`ROLE_VARIABLES`)."""
        return frozenset(f.name for f in self.fields) | self.user_variables

    @property
    def boolean_names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.readers) + tuple(name for name, _ in self.labels)

    def table_for(self, user_type: str) -> tuple[Row, ...]:
        tables = dict(self.rating)
        return tables.get(user_type, tables.get("default", ()))
