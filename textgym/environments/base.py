"""The :class:`Family` contract: the Python behind a YAML spec.

A family declares what its specs may contain (user types, templates and their variables, roles,
data files, parameters, extra axes, reward components, hidden labels) and implements the
dialogue: :meth:`Family.begin` opens an episode, :meth:`Family.respond` scores an assistant turn
and writes the next user turn. The generic :class:`~textgym.env.TextEnv` does the rest (framing,
cues, reward scalarisation, sparsity, spaces, seeding).

Families must draw every random choice from the generator they are given, in an order that does
not depend on the axes, so that changing framing, cues or sparsity never changes what is sampled.
"""

from __future__ import annotations

import json
import math
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np

from textgym.environments.records import Records, RecordSet
from textgym.errors import SpecError
from textgym.templates import Template
from textgym.types import Conversation, Message

if TYPE_CHECKING:
    from textgym.roles import RoleSet
    from textgym.spec import Spec, _Fields


@dataclass(frozen=True)
class Param:
    """A typed family parameter (in ``params:`` or in a family axis variant).

    Example:
        >>> Param(float, 0.1, lo=0.0, hi=1.0, doc="share of vulnerable users").doc
        'share of vulnerable users'
    """

    kind: type
    default: Any
    choices: tuple[Any, ...] | None = None
    lo: float | None = None
    hi: float | None = None
    doc: str = ""

    def read(self, fields: _Fields, key: str) -> Any:
        kinds: tuple[type, ...] = (int, float) if self.kind is float else (self.kind,)
        value = fields.get(key, kinds, self.default)
        if self.kind is float:
            value = float(value)
            if not math.isfinite(value):
                raise fields.error(f"must be a finite number, got {value!r}", key)
        if self.choices is not None and value not in self.choices:
            raise fields.error(f"must be one of {list(self.choices)}, got {value!r}", key)
        if self.lo is not None and value < self.lo or self.hi is not None and value > self.hi:
            raise fields.error(f"must be in [{self.lo}, {self.hi}], got {value!r}", key)
        return value


@dataclass
class Turn:
    """What :meth:`Family.respond` returns for one assistant turn.

    ``components`` are the named parts of the trained-on reward (the scalar reward is their
    weighted sum, weights from the spec); ``hidden`` holds ground truth, and must include
    ``true_reward`` (in [0, 1]); ``next_user`` is the next user turn (``None`` ends the episode).
    """

    components: dict[str, float]
    hidden: dict[str, Any]
    next_user: str | None
    rating_method: str = "rule"

    @classmethod
    def rated(cls, rating: Any, hidden: dict[str, Any], next_user: str | None) -> Turn:
        """The turn of a family whose only reward component is the rater's ``rating``.

        ``rating`` is a :class:`~textgym.backends.base.Rating` (anything with ``normalized`` and
        ``method``).

        Example:
            >>> from types import SimpleNamespace
            >>> Turn.rated(SimpleNamespace(normalized=0.75, method="rule"), {"true_reward": 1.0}, None).components
            {'rating': 0.75}
        """
        return cls(components={"rating": rating.normalized}, hidden=hidden, next_user=next_user, rating_method=rating.method)


@dataclass
class Episode:
    """Per-episode state a family keeps; ``public`` goes to ``info["episode"]``."""

    record: Mapping[str, Any]
    user_type: str
    opening: list[Message]
    public: dict[str, Any] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)
    turn: int = 0


ReferencePolicy = Callable[[Conversation], str]


class EpisodeRandom:
    """The random stream a family draws an episode from, derived from the reset seed.

    Uniforms are drawn from the environment's generator in blocks (one numpy call per reset
    instead of one per draw, which dominates a rule-based step), and handed out one at a time;
    the sequence is a pure function of the generator's state, so seeding is unchanged.

    Example:
        >>> import numpy as np
        >>> a, b = EpisodeRandom(np.random.default_rng(3)), EpisodeRandom(np.random.default_rng(3))
        >>> [a.integers(10) for _ in range(20)] == [b.integers(10) for _ in range(20)]
        True
    """

    BLOCK = 16

    def __init__(self, generator: np.random.Generator):
        self.generator = generator
        self._block: list[float] = []

    def random(self) -> float:
        """A uniform float in [0, 1)."""
        block = self._block
        if not block:
            self._block = block = self.generator.random(self.BLOCK).tolist()
            block.reverse()
        return block.pop()

    def integers(self, high: int) -> int:
        """A uniform integer in [0, high)."""
        if high < 1:
            raise ValueError(f"integers(high) needs high >= 1, got {high}")
        index = int(self.random() * high)
        return index if index < high else high - 1

    def choice(self, items: Sequence[Any]) -> Any:
        """A uniformly chosen item."""
        high = len(items)
        if high < 1:
            raise ValueError(f"integers(high) needs high >= 1, got {high}")
        index = int(self.random() * high)  # as integers(high), inlined: one call per draw
        return items[index if index < high else high - 1]


class Family(ABC):
    """Base class of environment families. Subclasses fill the class attributes and methods."""

    name: ClassVar[str]
    description: ClassVar[str] = ""
    user_types: ClassVar[tuple[str, ...]] = ("default",)
    template_names: ClassVar[tuple[str, ...]] = ()
    template_variables: ClassVar[frozenset[str]] = frozenset()
    system_variables: ClassVar[frozenset[str]] = frozenset()
    roles: ClassVar[Mapping[str, frozenset[str]]] = {}
    #: The family's data files, each declared once (:class:`~textgym.environments.records.Records`):
    #: data key -> declaration. Setting it fills :attr:`data_files` and :attr:`record_fields`,
    #: checks every record at load, and gives ``self.record_sets[key]`` (a
    #: :class:`~textgym.environments.records.RecordSet`) and the default :meth:`record_for`.
    record_files: ClassVar[Mapping[str, Records]] = {}
    data_files: ClassVar[tuple[str, ...]] = ()
    record_fields: ClassVar[Mapping[str, Mapping[str, type | tuple[type, ...]]]] = {}
    #: Scripted replies as templates over the episode's record fields (``str.format`` syntax):
    #: policy name -> one template, or a tuple of templates, one per assistant turn (the last
    #: repeats). :meth:`reference_policies` turns them into policies; a family overrides it to
    #: add policies written in Python (the escape hatch) and merges ``super().reference_policies()``.
    scripted_replies: ClassVar[Mapping[str, str | tuple[str, ...]]] = {}
    params: ClassVar[Mapping[str, Param]] = {}
    extra_axes: ClassVar[Mapping[str, Mapping[str, Param]]] = {}
    reward_components: ClassVar[tuple[str, ...]] = ("reward",)
    default_weights: ClassVar[tuple[str, ...]] = ("reward",)
    hidden_labels: ClassVar[tuple[str, ...]] = ("true_reward",)
    default_max_turns: ClassVar[int] = 1
    max_prefill_messages: ClassVar[int] = 0
    reference_policy_names: ClassVar[tuple[str, ...]] = ("aligned", "exploit")
    #: Which hidden labels measure which misalignment metric, so metrics and reports work across
    #: families. Keys (all optional): ``sycophancy`` (agreed with / validated the user against
    #: the truth), ``deception`` (stated or implied something false about itself or the world),
    #: ``violation`` (broke a declared rule), ``confession`` (disclosed a violation),
    #: ``escalation`` (flagged before a violation), ``correct`` (the answer was right),
    #: ``informative`` (committed to a checkable answer), ``hedged``, ``confidence`` (a number
    #: in [0, 1] the policy stated). Values are hidden-label names; a metric over several
    #: labels counts an episode when any of them is true.
    metric_labels: ClassVar[Mapping[str, tuple[str, ...]]] = {}
    #: A declarative family reads a top-level spec section of this name (``chat:``), parsed by
    #: :meth:`parse_config`; :meth:`specialize` then gives the family class for that config.
    config_key: ClassVar[str | None] = None
    #: True when :meth:`begin` takes ``record=`` (``reset(options={"record": ...})``) and
    #: :meth:`record_count` is defined, so every record can be visited (``rollout(records="all")``).
    supports_record_choice: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.__dict__.get("record_files"):
            cls.data_files = tuple(cls.record_files)
            cls.record_fields = {key: declared.fields for key, declared in cls.record_files.items()}

    def __init__(self, spec: Spec, axes: Mapping[str, str], templates: Mapping[str, Template]):
        self.spec = spec
        self.axes = dict(axes)
        self.templates = dict(templates)
        self.data = type(self).load_data(spec)
        #: the declared data files' records, checked and indexed (see :attr:`record_files`)
        self.record_sets: dict[str, RecordSet] = {
            key: declared.load(spec.data[key]) for key, declared in self.record_files.items() if key in spec.data
        }
        self.options: dict[str, Any] = dict(spec.params)
        for axis in self.extra_axes:
            self.options.update(spec.axes[axis].get(axes[axis]).params)

    @classmethod
    def parse_config(cls, raw: Mapping[str, Any], source: str) -> Any:
        """Parse the family's own spec section (only called when :attr:`config_key` is set)."""
        return None

    @classmethod
    def specialize(cls, config: Any) -> type[Family]:
        """The family class for one parsed config (default: this class)."""
        return cls

    def record_count(self) -> int:
        """How many data records ``begin(..., record=i)`` accepts (families with :attr:`supports_record_choice`)."""
        raise NotImplementedError(f"family {self.name!r} cannot choose a record: it samples its data itself")

    @classmethod
    def check_spec(cls, spec: Spec) -> None:
        """Family-specific checks of a whole spec at load time; raise :class:`SpecError`."""

    # -------------------------------------------------------------- data

    @classmethod
    def load_data(cls, spec: Spec) -> dict[str, tuple[dict[str, Any], ...]]:
        """Load and check every data file (JSON Lines), cached per file and modification time.

        Files declared ``private`` (:class:`~textgym.environments.records.Records`) are checked but
        left out: they are the family's machinery, not what episodes are about.
        """
        declared = cls.record_files
        data = {}
        for key, path in spec.data.items():
            if key not in declared:
                data[key] = load_jsonl_records(path, cls.record_fields.get(key))
            elif not declared[key].private:
                data[key] = tuple(declared[key].load(path))
            else:
                declared[key].load(path)  # checked at load like the others, but not data an episode is about
        return data

    def render(self, template: str, **values: Any) -> str:
        """Render one of the spec's user templates (after the cue variant's overrides)."""
        chosen = self.templates[template]
        if type(chosen) is Template:  # the fast path of Template.render for a values mapping
            try:
                return chosen.text.format_map(values)  # fields are bare names, checked at parse time
            except KeyError:
                pass  # Template.render explains which values are missing
        return chosen.render(values)

    # -------------------------------------------------------------- dialogue

    @abstractmethod
    def begin(self, rng: EpisodeRandom, user_type: str) -> Episode:
        """Sample an episode and write its opening turns (prefill and first user turn).

        A family with :attr:`supports_record_choice` also takes ``record=`` (an id or index, from
        ``reset(options={"record": ...})``) and starts from that record instead of sampling one.
        """

    @abstractmethod
    def respond(self, episode: Episode, conversation: Conversation, action: str, roles: RoleSet) -> Turn:
        """Score the assistant's ``action`` (already the last message of ``conversation``)."""

    def reference_policies(self) -> Mapping[str, ReferencePolicy]:
        """Scripted policies by name; each maps a conversation to the next assistant message.

        The default makes one policy per :attr:`scripted_replies` template, filled from
        :meth:`record_for`'s record.
        """
        return {name: self._scripted(templates) for name, templates in self.scripted_replies.items()}

    def _scripted(self, templates: str | tuple[str, ...]) -> ReferencePolicy:
        turns = (templates,) if isinstance(templates, str) else tuple(templates)

        def policy(conversation: Conversation) -> str:
            turn = min(len(conversation.by_role("assistant")), len(turns) - 1)
            return turns[turn].format_map(self.record_for(conversation))

        return policy

    def record_for(self, conversation: Conversation) -> Mapping[str, Any]:
        """The data record an episode is about (used by reference policies).

        The default finds it by the first declared data file with an ``opening`` field: the record
        whose opening text the first user turn contains.
        """
        for key, declared in self.record_files.items():
            if declared.opening and key in self.record_sets:
                users = conversation.by_role("user")
                if not users:
                    raise ValueError(f"the conversation has no user turn to find the {key} record in")
                found = self.record_sets[key].find_in(users[0].content)
                if found is None:
                    raise ValueError(f"no record of this environment's {key!r} data appears in {users[0].content[:80]!r}")
                return found
        raise NotImplementedError(f"family {self.name!r} does not look records up by conversation")


def load_jsonl_records(path: str | Path, fields: Mapping[str, type | tuple[type, ...]] | None = None) -> tuple[dict[str, Any], ...]:
    """Read a JSON Lines data file (cached per path and modification time), checking ``fields``.

    Errors are :class:`SpecError` naming the file and the line.
    """
    path = Path(path)
    return _load_jsonl(path, path.stat().st_mtime_ns, tuple((fields or {}).items()))


@lru_cache(maxsize=64)
def _load_jsonl(path: Path, mtime: int, fields: tuple[tuple[str, Any], ...]) -> tuple[dict[str, Any], ...]:
    required = dict(fields)
    records = []
    try:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    raise SpecError(f"line {number}: invalid JSON ({error.msg})", path=path) from None
                if not isinstance(record, dict):
                    raise SpecError(f"line {number}: each line must be a JSON object", path=path)
                missing = [key for key in required if key not in record]
                if missing:  # every missing field at once
                    raise SpecError(f"line {number}: missing field{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}", path=path)
                for key, kind in required.items():
                    if not isinstance(record[key], kind):
                        raise SpecError(f"line {number}: field {key!r} has the wrong type ({type(record[key]).__name__})", path=path)
                records.append(record)
    except UnicodeDecodeError as error:
        raise SpecError(f"not valid UTF-8 (byte {error.start})", path=path) from None
    if not records:
        raise SpecError("the data file has no records", path=path)
    return tuple(records)


def pick_weighted(u: float, weights: Sequence[float]) -> int:
    """The index that the uniform draw ``u`` in [0, 1) selects with the given weights.

    Taking the draw rather than a generator keeps every sampler at exactly one draw, so the
    rest of an episode's random stream never depends on the weights (e.g. the users axis).

    Example:
        >>> pick_weighted(0.1, [1, 3]), pick_weighted(0.3, [1, 3])
        (0, 1)
    """
    u = float(u) * float(sum(weights))
    acc = 0.0
    for i, w in enumerate(weights):
        acc += w
        if u < acc:
            return i
    return len(weights) - 1


def caved(pressed: bool, now: bool | None, before: bool | None) -> bool | None:
    """Three-valued "caved under pressure": the user pushed back (``pressed``), and the reply now
    takes the position it pressed for (``now``) where the first reply did not (``before``).

    False when there was no pushback, the reply does not take the position, or the first reply
    already did; True when it does now and did not before; ``None`` (unclear) when one of the two
    readings it rests on is unclear.

    Example:
        >>> caved(True, True, False), caved(True, False, None), caved(False, None, None), caved(True, True, None)
        (True, False, False, None)
    """
    if not pressed or now is False or before is True:
        return False
    if now and before is False:
        return True
    return None
