"""The spec: a typed, validated description of one environment (docs/design.md section 3).

A spec names a *family* (the Python behind it, in :mod:`textgym.environments`), its data files
and the four independent **axes** — ``framing``, ``cues``, ``users``, ``sparsity`` — plus any
axes the family declares. Each axis has named variants and a default, and every variant is a
``gym.make`` keyword.

:func:`load_spec` reads a YAML file through :mod:`textgym.strict_yaml` and validates it field by
field; every error is a :class:`~textgym.errors.SpecError` naming the file and the field path.

Example:
    >>> import textgym
    >>> spec = textgym.load_spec(textgym.builtin_spec_path("sycophancy"))
    >>> spec.id, spec.axes["framing"].default
    ('textgym/Sycophancy-v0', 'assistant')
    >>> sorted(spec.axes)
    ['cues', 'framing', 'sparsity', 'task', 'users']
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textgym.errors import SpecError
from textgym.strict_yaml import parse_yaml
from textgym.templates import Template

if TYPE_CHECKING:
    from textgym.environments.base import Family
    from textgym.judge import JudgeSpec

STANDARD_AXES = ("framing", "cues", "users", "sparsity")
SPARSITY_KINDS = ("dense", "terminal", "binary", "delayed", "stochastic")
ID_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}/[A-Z][A-Za-z0-9]{0,63}-v[0-9]{1,4}\Z")
NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}\Z")
MAX_VARIANTS = 64
MAX_LIST = 1024
MAX_TURNS = 64
MAX_DATA_BYTES = 64 * 1024 * 1024

V = TypeVar("V")


# ---------------------------------------------------------------- variant types


@dataclass(frozen=True)
class FramingVariant:
    """The role the assistant is given: its system prompt (``None``: no system message)."""

    system: Template | None
    description: str = ""


@dataclass(frozen=True)
class CuesVariant:
    """Gameability cues added to the text the policy sees.

    ``templates`` override the spec's user templates; ``system_suffix`` / ``user_suffix`` are
    appended to the system prompt / first user turn; ``phrases`` are the declared cue phrases that
    the cue density counts.
    """

    templates: Mapping[str, Template] = field(default_factory=dict)
    system_suffix: str = ""
    user_suffix: str = ""
    phrases: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class UsersVariant:
    """A mix of the family's user types, as normalised probabilities."""

    mix: Mapping[str, float]
    description: str = ""


@dataclass(frozen=True)
class SparsityVariant:
    """When the reward is delivered (see :mod:`textgym.sparsity`)."""

    kind: str = "dense"
    threshold: float = 0.5
    k: int = 1
    p: float = 0.5
    description: str = ""


@dataclass(frozen=True)
class OptionVariant:
    """A variant of a family-declared axis: values for the family's parameters."""

    params: Mapping[str, Any]
    description: str = ""


@dataclass(frozen=True)
class Axis(Generic[V]):
    """One axis: named variants and the default one."""

    name: str
    default: str
    variants: Mapping[str, V]

    def get(self, name: str | None) -> V:
        """The variant called ``name`` (the default for ``None``); a clear error otherwise."""
        key = self.default if name is None else name
        if key not in self.variants:
            raise ValueError(
                f"unknown {self.name} variant {key!r}; choose one of {sorted(self.variants)}"
            )
        return self.variants[key]


@dataclass(frozen=True)
class RoleSpec:
    """An LLM role (simulated user, rater, judge): its default backend and prompt template."""

    backend: str = "rule"
    prompt: Template | None = None
    instructions: str = "Rate the assistant's last reply from 1 (worst) to 10 (best)."


@dataclass(frozen=True)
class RewardSpec:
    """The scalar reward as a weighted sum of named components, and its per-step range."""

    weights: Mapping[str, float]
    range: tuple[float, float] = (0.0, 1.0)


@dataclass(frozen=True)
class Spec:
    """A validated environment spec. Build one with :func:`load_spec` or :func:`spec_from_mapping`."""

    id: str
    family: str
    description: str
    path: Path | None
    max_turns: int
    data: Mapping[str, Path]
    params: Mapping[str, Any]
    templates: Mapping[str, Template]
    roles: Mapping[str, RoleSpec]
    reward: RewardSpec
    axes: Mapping[str, Axis[Any]]
    #: the ``judge:`` section: who decides the hidden labels that read text (:mod:`textgym.judge`)
    judge: JudgeSpec = field(default_factory=lambda: _empty_judge())
    #: a declarative family's parsed config section (e.g. ``chat:``), see ``Family.config_key``
    family_config: object = None

    def resolve_axes(self, choices: Mapping[str, str | None]) -> dict[str, str]:
        """Map every axis to a chosen variant name, defaults filled in; unknown names are errors.

        Example:
            >>> import textgym
            >>> spec = textgym.load_spec(textgym.builtin_spec_path("sycophancy"))
            >>> spec.resolve_axes({"framing": "pleaser"})["framing"]
            'pleaser'
        """
        unknown = set(choices) - set(self.axes)
        if unknown:
            raise ValueError(
                f"{self.id} has no axis {sorted(unknown)}; its axes are {sorted(self.axes)}"
            )
        resolved = {}
        for name, axis in self.axes.items():
            choice = choices.get(name)
            axis.get(choice)  # validates
            resolved[name] = axis.default if choice is None else choice
        return resolved

    def family_class(self) -> type[Family]:
        from textgym.environments import get_family

        family = get_family(self.family)
        return family if self.family_config is None else family.specialize(self.family_config)


# ---------------------------------------------------------------- validation helpers


class _Fields:
    """Read one mapping of a spec, reporting errors with the field path."""

    def __init__(self, raw: object, path: str, where: str, allowed: tuple[str, ...]):
        self.path, self.where = path, where
        if not isinstance(raw, dict):
            raise self.error(f"expected a mapping, got {_type_name(raw)}")
        for key in raw:
            if key not in allowed:
                near = difflib.get_close_matches(key, allowed, n=1)
                hint = f"; did you mean {near[0]!r}?" if near else f"; allowed keys: {list(allowed)}"
                raise self.error(f"unknown key {key!r}{hint}", key)
        self.raw = raw

    def sub(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def error(self, message: str, key: str | None = None) -> SpecError:
        return SpecError(message, path=self.path, field=self.sub(key) if key else self.where)

    def has(self, key: str) -> bool:
        return key in self.raw

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ..., *, required: bool = False) -> Any:
        if key not in self.raw:
            if required or default is ...:
                raise self.error(f"missing required key {key!r}")
            return default
        value = self.raw[key]
        if isinstance(value, bool) and bool not in _as_tuple(kind):
            raise self.error(f"expected {_kind_name(kind)}, got bool", key)
        if not isinstance(value, kind):
            raise self.error(f"expected {_kind_name(kind)}, got {_type_name(value)}", key)
        return value

    def number(self, key: str, default: float, lo: float, hi: float) -> float:
        value = self.get(key, (int, float), default)
        if not math.isfinite(value) or not lo <= value <= hi:
            raise self.error(f"must be a number in [{lo}, {hi}], got {value!r}", key)
        return float(value)

    def integer(self, key: str, default: int, lo: int, hi: int) -> int:
        value = self.get(key, int, default)
        if not lo <= value <= hi:
            raise self.error(f"must be an integer in [{lo}, {hi}], got {value!r}", key)
        return value

    def text(self, key: str, default: str = "") -> str:
        return self.get(key, str, default)


def _as_tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {"dict": "a mapping", "list": "a list", "str": "a string", "int": "an integer", "float": "a number", "bool": "true or false"}
    return " or ".join(names.get(k.__name__, k.__name__) for k in _as_tuple(kind))


def _type_name(value: object) -> str:
    return {dict: "a mapping", list: "a list", str: "a string", int: "an integer", float: "a number", bool: "a boolean", type(None): "null"}.get(type(value), type(value).__name__)


def _check_name(name: object, what: str, path: str, where: str) -> str:
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise SpecError(
            f"{what} {name!r} must be lowercase letters, digits and '_' (starting with a letter, at most 64)",
            path=path,
            field=where,
        )
    return name


# ---------------------------------------------------------------- axis parsers


def _parse_axis(name: str, raw: object, path: str, parse_variant: Callable[[object, str, str], V]) -> Axis[V]:
    where = f"axes.{name}"
    fields = _Fields(raw, path, where, ("default", "variants"))
    variants_raw = fields.get("variants", dict, required=True)
    if not variants_raw:
        raise fields.error("needs at least one variant", "variants")
    if len(variants_raw) > MAX_VARIANTS:
        raise fields.error(f"has {len(variants_raw)} variants, over the limit of {MAX_VARIANTS}", "variants")
    variants = {}
    for vname, vraw in variants_raw.items():
        vwhere = f"{where}.variants.{vname}"
        _check_name(vname, "variant name", path, vwhere)
        variants[vname] = parse_variant(vraw, path, vwhere)
    default = fields.get("default", str, required=True)
    if default not in variants:
        raise fields.error(f"{default!r} is not one of the variants {sorted(variants)}", "default")
    return Axis(name=name, default=default, variants=variants)


def _framing_parser(family: type[Family]) -> Callable[[object, str, str], FramingVariant]:
    def parse(raw: object, path: str, where: str) -> FramingVariant:
        f = _Fields(raw, path, where, ("system", "description"))
        system = f.get("system", (str, type(None)), None)
        template = None
        if system is not None:
            template = Template.parse(system, family.system_variables, path=path, field=f.sub("system"))
        return FramingVariant(system=template, description=f.text("description"))

    return parse


def _cues_parser(family: type[Family]) -> Callable[[object, str, str], CuesVariant]:
    def parse(raw: object, path: str, where: str) -> CuesVariant:
        f = _Fields(raw, path, where, ("templates", "system_suffix", "user_suffix", "phrases", "description"))
        templates = _parse_templates(f.get("templates", dict, {}), family, path, f.sub("templates"), required=False)
        phrases = f.get("phrases", list, [])
        if len(phrases) > MAX_LIST:
            raise f.error(f"has {len(phrases)} phrases, over the limit of {MAX_LIST}", "phrases")
        for i, phrase in enumerate(phrases):
            if not isinstance(phrase, str) or not phrase.strip():
                raise f.error(f"phrase {i} must be a non-empty string", "phrases")
        return CuesVariant(
            templates=templates,
            system_suffix=f.text("system_suffix"),
            user_suffix=f.text("user_suffix"),
            phrases=tuple(phrases),
            description=f.text("description"),
        )

    return parse


def _users_parser(family: type[Family]) -> Callable[[object, str, str], UsersVariant]:
    def parse(raw: object, path: str, where: str) -> UsersVariant:
        f = _Fields(raw, path, where, ("mix", "description"))
        mix_raw = f.get("mix", dict, required=True)
        if not mix_raw:
            raise f.error("needs at least one user type", "mix")
        mix = {}
        for user_type, weight in mix_raw.items():
            if user_type not in family.user_types:
                near = difflib.get_close_matches(user_type, family.user_types, n=1)
                hint = f"; did you mean {near[0]!r}?" if near else ""
                raise f.error(
                    f"unknown user type {user_type!r} for family {family.name!r} "
                    f"(known: {list(family.user_types)}){hint}",
                    f"mix.{user_type}",
                )
            if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight) or weight < 0:
                raise f.error(f"weight must be a non-negative number, got {weight!r}", f"mix.{user_type}")
            mix[user_type] = float(weight)
        total = sum(mix.values())
        if total <= 0:
            raise f.error("weights must not all be zero", "mix")
        return UsersVariant(mix={k: v / total for k, v in mix.items()}, description=f.text("description"))

    return parse


def _parse_sparsity(raw: object, path: str, where: str) -> SparsityVariant:
    f = _Fields(raw, path, where, ("kind", "threshold", "k", "p", "description"))
    kind = f.get("kind", str, required=True)
    if kind not in SPARSITY_KINDS:
        near = difflib.get_close_matches(kind, SPARSITY_KINDS, n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        raise f.error(f"unknown sparsity kind {kind!r} (known: {list(SPARSITY_KINDS)}){hint}", "kind")
    return SparsityVariant(
        kind=kind,
        threshold=f.number("threshold", 0.5, -1e9, 1e9),
        k=f.integer("k", 1, 1, MAX_TURNS),
        p=f.number("p", 0.5, 0.0, 1.0),
        description=f.text("description"),
    )


def _option_parser(family: type[Family], axis: str) -> Callable[[object, str, str], OptionVariant]:
    schema = family.extra_axes[axis]

    def parse(raw: object, path: str, where: str) -> OptionVariant:
        f = _Fields(raw, path, where, tuple(schema) + ("description",))
        params = {key: param.read(f, key) for key, param in schema.items()}
        return OptionVariant(params=params, description=f.text("description"))

    return parse


def _parse_templates(raw: dict, family: type[Family], path: str, where: str, *, required: bool) -> dict[str, Template]:
    known = tuple(family.template_names)
    result = {}
    for key, text in raw.items():
        if key not in known:
            near = difflib.get_close_matches(key, known, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise SpecError(f"unknown template {key!r} for family {family.name!r} (known: {list(known)}){hint}", path=path, field=f"{where}.{key}")
        result[key] = Template.parse(text, family.template_variables, path=path, field=f"{where}.{key}")
    if required:
        missing = [k for k in known if k not in result]
        if missing:
            raise SpecError(f"missing templates {missing}", path=path, field=where)
    return result


# ---------------------------------------------------------------- the spec


_TOP_KEYS = ("id", "family", "description", "max_turns", "data", "params", "templates", "roles", "reward", "axes", "judge")


def _empty_judge() -> JudgeSpec:
    from textgym.judge import JudgeSpec

    return JudgeSpec()


def spec_from_mapping(raw: object, path: str | Path | None = None) -> Spec:
    """Validate a parsed spec mapping and build a :class:`Spec`.

    ``path`` is the spec file: data paths are resolved against its folder, and errors name it.
    """
    from textgym.environments import get_family, is_known_family, known_families

    source = str(path) if path is not None else "<spec>"
    config_key = None  # a declarative family reads its own top-level section (Family.config_key)
    extra: tuple[str, ...] = ()
    if isinstance(raw, dict) and isinstance(raw.get("family"), str):
        if is_known_family(raw["family"]):
            config_key = get_family(raw["family"]).config_key
            extra = (config_key,) if config_key else ()
        else:  # the unknown family is the error to report, not its section
            extra = tuple(k for k in raw if k not in _TOP_KEYS)
    top = _Fields(raw, source, "", _TOP_KEYS + extra)

    spec_id = top.get("id", str, required=True)
    if not ID_PATTERN.match(spec_id):
        raise top.error(
            f"malformed id {spec_id!r}: expected 'namespace/Name-vN', e.g. 'textgym/Sycophancy-v0' "
            "(namespace: letters, digits, '_'; Name: starts with a capital letter; N: a version number)",
            "id",
        )
    family_name = top.get("family", str, required=True)
    if not is_known_family(family_name):  # plugins are looked up only for a name not built in
        near = difflib.get_close_matches(family_name, known_families(), n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        raise top.error(f"unknown family {family_name!r} (known: {known_families()}){hint}", "family")
    family = get_family(family_name)
    family_config = family.parse_config(top.raw, source) if config_key else None
    if family_config is not None:
        family = family.specialize(family_config)

    max_turns = top.integer("max_turns", family.default_max_turns, 1, MAX_TURNS)

    data = _parse_data(top.get("data", dict, {}), family, path, source)

    params_fields = _Fields(top.get("params", dict, {}), source, "params", tuple(family.params))
    params = {key: param.read(params_fields, key) for key, param in family.params.items()}

    templates = _parse_templates(top.get("templates", dict, {}), family, source, "templates", required=True)

    roles = _parse_roles(top.get("roles", dict, {}), family, source)

    reward_fields = _Fields(top.get("reward", dict, {}), source, "reward", ("weights", "range"))
    weights_raw = reward_fields.get("weights", dict, {c: 1.0 for c in family.default_weights})
    weights = {}
    for component, weight in weights_raw.items():
        if component not in family.reward_components:
            raise reward_fields.error(
                f"unknown reward component {component!r} (the family reports {list(family.reward_components)})",
                f"weights.{component}",
            )
        if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight):
            raise reward_fields.error(f"weight must be a finite number, got {weight!r}", f"weights.{component}")
        weights[component] = float(weight)
    rng = reward_fields.get("range", list, [0.0, 1.0])
    if len(rng) != 2 or not all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x) for x in rng) or rng[0] >= rng[1]:
        raise reward_fields.error(f"must be [low, high] with low < high, got {rng!r}", "range")
    reward = RewardSpec(weights=weights, range=(float(rng[0]), float(rng[1])))

    axes_fields = _Fields(top.get("axes", dict, required=True), source, "axes", STANDARD_AXES + tuple(family.extra_axes))
    parsers = {
        "framing": _framing_parser(family),
        "cues": _cues_parser(family),
        "users": _users_parser(family),
        "sparsity": _parse_sparsity,
        **{name: _option_parser(family, name) for name in family.extra_axes},
    }
    axes: dict[str, Axis[Any]] = {}
    for name, parse in parsers.items():
        if name not in axes_fields.raw:
            raise axes_fields.error(f"missing axis {name!r} (every spec declares {list(parsers)})")
        axes[name] = _parse_axis(name, axes_fields.raw[name], source, parse)

    spec = Spec(
        id=spec_id,
        family=family_name,
        description=top.text("description"),
        path=Path(path).resolve() if path is not None else None,
        max_turns=max_turns,
        data=data,
        params=params,
        templates=templates,
        roles=roles,
        reward=reward,
        axes=axes,
        judge=_parse_judge_section(top.raw.get("judge"), family, source, data),
        family_config=family_config,
    )
    family.check_spec(spec)
    return spec


def _parse_judge_section(raw: object, family: type[Family], source: str, data: Mapping[str, Path]) -> JudgeSpec:
    """The ``judge:`` section (:func:`textgym.judge.parse_judge`), its record fields checked against the data."""
    from textgym.environments.base import load_jsonl_records
    from textgym.judge import check_record_fields, parse_judge

    judge = parse_judge(raw, family, source)
    if judge.record_fields() and data:
        records = {key: load_jsonl_records(path, family.record_fields.get(key)) for key, path in data.items()}
        check_record_fields(judge, records, source)
    return judge


def _parse_data(raw: dict, family: type[Family], path: str | Path | None, source: str) -> dict[str, Path]:
    fields = _Fields(raw, source, "data", tuple(family.data_files))
    if path is None:
        if raw:
            raise fields.error("a spec built in memory cannot name data files (no folder to resolve them in)")
        base = None
    else:
        base = Path(path).resolve().parent
    data = {}
    for key in family.data_files:
        rel = fields.get(key, str, required=True)
        where = fields.sub(key)
        if "\x00" in rel or not rel.strip():
            raise SpecError(f"data path {rel!r} is empty or contains a NUL character", path=source, field=where)
        candidate = Path(rel)
        if candidate.is_absolute() or base is None:
            raise SpecError(f"data paths must be relative to the spec's folder, got {rel!r}", path=source, field=where)
        resolved = (base / candidate).resolve()
        if not resolved.is_relative_to(base):
            raise SpecError(f"data path {rel!r} leaves the spec's folder {str(base)!r}", path=source, field=where)
        if not resolved.is_file():
            raise SpecError(f"data file {rel!r} does not exist (looked for {str(resolved)!r})", path=source, field=where)
        size = resolved.stat().st_size
        if size > MAX_DATA_BYTES:
            raise SpecError(f"data file is {size} bytes, over the limit of {MAX_DATA_BYTES}", path=source, field=where)
        data[key] = resolved
    return data


def _parse_roles(raw: dict, family: type[Family], source: str) -> dict[str, RoleSpec]:
    fields = _Fields(raw, source, "roles", tuple(family.roles))
    roles = {}
    for role, variables in family.roles.items():
        role_raw = fields.get(role, dict, {})
        f = _Fields(role_raw, source, f"roles.{role}", ("backend", "prompt", "instructions"))
        backend = f.text("backend", "rule")
        from textgym.backends import check_backend_name

        try:
            check_backend_name(backend)
        except ValueError as error:
            raise f.error(str(error), "backend") from None
        prompt_text = f.get("prompt", (str, type(None)), None)
        prompt = Template.parse(prompt_text, variables, path=source, field=f.sub("prompt")) if prompt_text else None
        instructions = f.text("instructions", RoleSpec.instructions)
        roles[role] = RoleSpec(backend=backend, prompt=prompt, instructions=instructions)
    return roles


def load_spec(path: str | Path) -> Spec:
    """Read and validate a YAML spec file.

    Raises:
        SpecError: for any problem, naming the file and the field path. Nothing in the file
            executes, and every size is bounded.

    Example:
        >>> import textgym
        >>> textgym.load_spec(textgym.builtin_spec_path("sycophancy")).family
        'sycophancy'
    """
    source = str(path)
    try:
        p = Path(path)
        if not p.is_file():
            raise SpecError("no such spec file", path=source)
        size = p.stat().st_size
        from textgym.strict_yaml import MAX_FILE_BYTES

        if size > MAX_FILE_BYTES:
            raise SpecError(f"file is {size} bytes, over the limit of {MAX_FILE_BYTES}", path=source)
        raw = parse_yaml(p.read_bytes(), source)
        spec = spec_from_mapping(raw, p)
        spec.family_class().load_data(spec)  # data errors are spec errors, found at load time
        return spec
    except SpecError:
        raise
    except (OSError, RecursionError, MemoryError, ValueError, TypeError, KeyError) as error:
        raise SpecError(f"could not load the spec: {type(error).__name__}: {error}", path=source) from None
