"""Hypothesis strategies for textgym: text, messages, conversations, actions and specs.

Text and conversations:

* :func:`hostile_text` — any valid action string, biased towards what breaks code: NUL,
  right-to-left overrides, zero-width characters, escaped surrogates, chat-template tokens and
  100 KB strings (:mod:`textgym.testing.hostile`). :func:`lone_surrogate_text` draws the
  *invalid* ones (lone surrogates), which an environment must refuse with a ``ValueError``.
* :func:`messages`, :func:`conversations` — valid :class:`~textgym.types.Message` values (every
  role with a source it allows) and conversations of them.
* :func:`action_choices`, :func:`action_plans` — what a policy says, turn by turn: a reference
  policy's reply (rendered against the live observation) or hostile text; feed a plan to
  :meth:`~textgym.testing.invariants.InvariantChecker.check_case`.

Specs, drawn from a family's schema around a base spec (its templates and data):

* :func:`valid_spec_mappings` / :func:`valid_specs` — subsets of the axis variants with any of
  them as default, new ``users`` mixes over the family's user types, new ``sparsity`` variants
  of every kind, family parameters and family-axis parameters anywhere inside their
  :class:`~textgym.environments.base.Param` bounds, ``max_turns`` up to the base's.
* :func:`invalid_spec_mutations` — one targeted mutation of the base (an unknown key, a value
  out of bounds, a template reaching for an attribute, a data path leaving the folder, ...),
  with the field path the :class:`~textgym.errors.SpecError` must name.

Example:
    >>> from hypothesis import given, settings
    >>> from textgym.spaces import UnicodeText
    >>> @settings(max_examples=20)
    ... @given(hostile_text())
    ... def test_actions_are_valid(text):
    ...     assert UnicodeText().contains(text)
    >>> test_actions_are_valid()
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from hypothesis import strategies as st

from textgym.errors import SpecError
from textgym.spec import MAX_TURNS, SPARSITY_KINDS, STANDARD_AXES, Spec, spec_from_mapping
from textgym.strict_yaml import parse_yaml
from textgym.testing.hostile import HOSTILE_PIECES, LONE_SURROGATES, hostile_examples
from textgym.testing.invariants import ActionChoice, PolicyAction, SpecTarget, TextAction, resolve_spec
from textgym.types import ROLES, Conversation, Message

if TYPE_CHECKING:
    from textgym.environments.base import Param

# ---------------------------------------------------------------- text

_SURROGATES: tuple[Literal["Cs"]] = ("Cs",)


def hostile_text(max_size: int = 200, *, huge: bool = True) -> st.SearchStrategy[str]:
    """Valid action strings: arbitrary Unicode (no lone surrogates), hostile pieces joined,
    and (with ``huge``) the fixed hostile examples, three of them 100 KB long.

    Example:
        >>> from hypothesis import find
        >>> "\\x00" in find(hostile_text(), lambda t: "\\x00" in t)
        True
    """
    no_surrogates = st.characters(exclude_categories=_SURROGATES)
    options = [
        st.text(alphabet=no_surrogates, max_size=max_size),
        st.lists(st.sampled_from(HOSTILE_PIECES), max_size=max(1, max_size // 4)).map("".join),
    ]
    fixed = [t for t in hostile_examples() if huge or len(t) <= max_size]
    options.append(st.sampled_from(fixed))
    return st.one_of(*options)


def lone_surrogate_text() -> st.SearchStrategy[str]:
    """Strings with at least one lone surrogate: invalid actions, to be refused with ValueError.

    Example:
        >>> from hypothesis import find
        >>> from textgym.spaces import invalid_text_reason
        >>> "lone surrogate" in invalid_text_reason(find(lone_surrogate_text(), lambda t: True), 100)
        True
    """
    surrogate = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
    return st.one_of(
        st.sampled_from(LONE_SURROGATES),
        st.tuples(st.text(max_size=20), surrogate, st.text(max_size=20)).map("".join),
    )


# ---------------------------------------------------------------- messages


_SOURCES_BY_ROLE = {role: (("env", "prefill", "policy") if role == "assistant" else ("env",)) for role in ROLES}


@st.composite
def messages(draw: st.DrawFn, roles: Sequence[str] = ROLES, text: st.SearchStrategy[str] | None = None) -> Message:
    """A valid message: a role from ``roles``, a source that role allows, ``text`` content.

    Example:
        >>> from hypothesis import find
        >>> find(messages(roles=["assistant"]), lambda m: m.source == "prefill").role
        'assistant'
    """
    role = draw(st.sampled_from(list(roles)))
    source = draw(st.sampled_from(_SOURCES_BY_ROLE[role]))
    content = draw(text if text is not None else hostile_text(max_size=60, huge=False))
    return Message(role, content, source)  # type: ignore[arg-type]


@st.composite
def conversations(
    draw: st.DrawFn, max_messages: int = 8, *, system: bool | None = None, text: st.SearchStrategy[str] | None = None
) -> Conversation:
    """A conversation shaped like an observation: an optional system message, then user and
    assistant turns alternating (assistant turns may be prefilled); ``system`` forces it on/off.

    Example:
        >>> from hypothesis import find
        >>> c = find(conversations(system=True), lambda c: len(c) >= 3)
        >>> c[0].role, c[1].role, c[2].role
        ('system', 'user', 'assistant')
    """
    has_system = draw(st.booleans()) if system is None else system
    n = draw(st.integers(min_value=1, max_value=max(1, max_messages - int(has_system))))
    items = [draw(messages(roles=["system"], text=text))] if has_system else []
    for i in range(n):
        role = "user" if i % 2 == 0 else "assistant"
        items.append(draw(messages(roles=[role], text=text)))
    return Conversation(tuple(items))


# ---------------------------------------------------------------- actions


def action_choices(policy_names: Sequence[str] = (), text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[ActionChoice]:
    """One turn of a plan: a reference policy's reply (by name) or literal hostile text.

    Example:
        >>> from hypothesis import find
        >>> find(action_choices(["aligned"]), lambda c: isinstance(c, PolicyAction))
        PolicyAction(name='aligned')
    """
    literal = (text if text is not None else hostile_text()).map(TextAction)
    if not policy_names:
        return literal
    return st.one_of(st.sampled_from(list(policy_names)).map(PolicyAction), literal)


def action_plans(target: SpecTarget, *, turns: int | None = None, text: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[list[ActionChoice]]:
    """A whole episode's plan for an environment (id, path, Spec or TextEnv): one choice per turn.

    Example:
        >>> from hypothesis import find
        >>> len(find(action_plans("textgym/Sycophancy-v0"), lambda p: True))
        2
    """
    from textgym.env import TextEnv

    env = target if isinstance(target, TextEnv) else TextEnv(resolve_spec(target))
    names = sorted(env.reference_policies())
    n = turns if turns is not None else env.textgym_spec.max_turns
    return st.lists(action_choices(names, text), min_size=n, max_size=n)


def seeds() -> st.SearchStrategy[int]:
    """Reset seeds."""
    return st.integers(min_value=0, max_value=2**32 - 1)


def axes(target: SpecTarget) -> st.SearchStrategy[dict[str, str]]:
    """A variant name for every axis of a spec (id, path or Spec).

    Example:
        >>> from hypothesis import find
        >>> sorted(find(axes("textgym/Sycophancy-v0"), lambda a: True))
        ['cues', 'framing', 'sparsity', 'task', 'users']
    """
    spec = resolve_spec(target)
    return st.fixed_dictionaries({name: st.sampled_from(sorted(axis.variants)) for name, axis in spec.axes.items()})


# ---------------------------------------------------------------- specs


def _base(target: SpecTarget) -> tuple[Spec, dict[str, Any]]:
    spec = resolve_spec(target)
    if spec.path is None:
        raise ValueError(f"{spec.id}: spec strategies start from a spec loaded from a file (its YAML is the base)")
    raw = parse_yaml(Path(spec.path).read_bytes(), str(spec.path))
    return spec, raw


def _param_values(param: Param) -> st.SearchStrategy[object]:
    """Any value a :class:`~textgym.environments.base.Param` accepts."""
    if param.choices is not None:
        return st.sampled_from(list(param.choices))
    if param.kind is bool:
        return st.booleans()
    if param.kind is float:
        lo = param.lo if param.lo is not None else -1e6
        hi = param.hi if param.hi is not None else 1e6
        return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False)
    if param.kind is int:
        lo = int(math.ceil(param.lo)) if param.lo is not None else min(int(param.default), 0) - 1000
        hi = int(math.floor(param.hi)) if param.hi is not None else max(int(param.default), 0) + 1000
        return st.integers(min_value=lo, max_value=hi)
    return st.just(copy.deepcopy(param.default))


@st.composite
def _subset_axis(draw: st.DrawFn, axis_raw: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    variants = dict(axis_raw["variants"])
    variants.update(extra)
    names = draw(st.lists(st.sampled_from(sorted(variants)), min_size=1, unique=True))
    default = draw(st.sampled_from(names))
    return {"default": default, "variants": {n: copy.deepcopy(variants[n]) for n in names}}


def _users_variant(user_types: Sequence[str]) -> st.SearchStrategy[dict[str, Any]]:
    weights = st.floats(min_value=0.0, max_value=10.0, allow_nan=False)
    mixes = st.dictionaries(st.sampled_from(list(user_types)), weights, min_size=1).filter(lambda m: sum(m.values()) > 0)
    return mixes.map(lambda mix: {"mix": mix, "description": "drawn by textgym.testing.strategies"})


def _sparsity_variant() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "kind": st.sampled_from(SPARSITY_KINDS),
            "threshold": st.floats(min_value=-10.0, max_value=10.0, allow_nan=False),
            "k": st.integers(min_value=1, max_value=MAX_TURNS),
            "p": st.floats(min_value=0.0, max_value=1.0),
        }
    )


def _accepts(raw: Mapping[str, Any], path: Path) -> bool:
    try:
        spec_from_mapping(raw, path)
    except SpecError:
        return False
    return True


def valid_spec_mappings(target: SpecTarget) -> st.SearchStrategy[dict[str, Any]]:
    """Spec mappings the family's schema allows, built around a base spec loaded from a file.

    Draws are made with the base file's path in mind: pass them to
    ``spec_from_mapping(mapping, base.path)`` (or use :func:`valid_specs`). A draw the family's
    own ``check_spec`` refuses (e.g. every belief weight 0) is filtered out.

    Example:
        >>> from hypothesis import find
        >>> from textgym.spec import spec_from_mapping
        >>> import textgym
        >>> base = textgym.get_spec("textgym/Sycophancy-v0")
        >>> raw = find(valid_spec_mappings(base), lambda m: m["axes"]["sparsity"]["default"] == "drawn")
        >>> spec_from_mapping(raw, base.path).axes["sparsity"].default
        'drawn'
    """
    spec, raw = _base(target)
    family = spec.family_class()
    path = Path(spec.path)  # type: ignore[arg-type]

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        out = copy.deepcopy(raw)
        out["max_turns"] = draw(st.integers(min_value=1, max_value=spec.max_turns))
        if family.params:
            out["params"] = {name: draw(_param_values(p)) for name, p in family.params.items()}
        axes_raw = out["axes"]
        new = {
            "framing": {},
            "cues": {},
            "users": {"drawn": draw(_users_variant(family.user_types))},
            "sparsity": {"drawn": draw(_sparsity_variant())},
        }
        for name, schema in family.extra_axes.items():
            new[name] = {"drawn": {key: draw(_param_values(p)) for key, p in schema.items()}}
        for name in (*STANDARD_AXES, *family.extra_axes):
            axes_raw[name] = draw(_subset_axis(axes_raw[name], new.get(name, {})))
        return out

    return build().filter(lambda m: _accepts(m, path))


def valid_specs(target: SpecTarget) -> st.SearchStrategy[Spec]:
    """:func:`valid_spec_mappings`, built into :class:`~textgym.spec.Spec` values.

    Example:
        >>> from hypothesis import find
        >>> find(valid_specs("textgym/Sycophancy-v0"), lambda s: len(s.axes["framing"].variants) == 1).family
        'sycophancy'
    """
    spec, _ = _base(target)
    return valid_spec_mappings(spec).map(lambda m: spec_from_mapping(m, spec.path))


@dataclass(frozen=True)
class SpecMutation:
    """An invalid spec mapping and the field path its :class:`SpecError` must name.

    ``field`` is a prefix: the error's ``field`` must equal it or continue it with ``.``.
    """

    name: str
    mapping: dict[str, Any]
    field: str

    def check(self, path: str | Path | None) -> SpecError:
        """Build the mapping; return the SpecError, or raise AssertionError explaining the miss."""
        try:
            spec_from_mapping(self.mapping, path)
        except SpecError as error:
            if not (error.field == self.field or error.field.startswith(self.field + ".")):
                raise AssertionError(f"mutation {self.name!r}: the SpecError names field {error.field!r}, expected {self.field!r}: {error}") from None
            return error
        raise AssertionError(f"mutation {self.name!r} was accepted; expected a SpecError at {self.field!r}")


def _mutators(spec: Spec, raw: Mapping[str, Any]) -> dict[str, st.SearchStrategy[tuple[dict[str, Any], str]]]:
    family = spec.family_class()
    axes_names = [*STANDARD_AXES, *family.extra_axes]
    out: dict[str, st.SearchStrategy[tuple[dict[str, Any], str]]] = {}

    def mutation(fn: Callable[..., tuple[dict[str, Any], str]], *strategies: st.SearchStrategy[object]) -> st.SearchStrategy[tuple[dict[str, Any], str]]:
        return st.tuples(*strategies).map(lambda args: fn(copy.deepcopy(dict(raw)), *args)) if strategies else st.just(None).map(lambda _: fn(copy.deepcopy(dict(raw))))

    def set_path(m: dict[str, Any], keys: Sequence[str], value: object) -> dict[str, Any]:
        node = m
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = value
        return m

    def unknown_top_key(m: dict[str, Any], key: str) -> tuple[dict[str, Any], str]:
        m[key + "x"] = 1
        return m, key + "x"

    out["unknown_top_key"] = mutation(unknown_top_key, st.sampled_from(["axes", "params", "reward", "templates", "descriptions"]))
    out["malformed_id"] = mutation(lambda m, v: (set_path(m, ["id"], v), "id"), st.sampled_from(["no-namespace", "ns/lowercase-v0", "ns/Name", "ns/Name-vX", "../etc/Name-v0", ""]))
    out["unknown_family"] = mutation(lambda m: (set_path(m, ["family"], "no_such_family_xyz"), "family"))
    out["max_turns_out_of_range"] = mutation(lambda m, v: (set_path(m, ["max_turns"], v), "max_turns"), st.sampled_from([0, -1, MAX_TURNS + 1, True, 2.5, "2"]))

    def missing_axis(m: dict[str, Any], axis: str) -> tuple[dict[str, Any], str]:
        del m["axes"][axis]
        return m, "axes"

    out["missing_axis"] = mutation(missing_axis, st.sampled_from(axes_names))
    out["default_not_a_variant"] = mutation(lambda m, a: (set_path(m, ["axes", a, "default"], "no_such_variant"), f"axes.{a}.default"), st.sampled_from(axes_names))
    out["no_variants"] = mutation(lambda m, a: (set_path(m, ["axes", a, "variants"], {}), f"axes.{a}.variants"), st.sampled_from(axes_names))

    def bad_variant_name(m: dict[str, Any], axis: str, name: str) -> tuple[dict[str, Any], str]:
        variants = m["axes"][axis]["variants"]
        variants[name] = variants[next(iter(variants))]
        return m, f"axes.{axis}.variants.{name}"

    out["bad_variant_name"] = mutation(bad_variant_name, st.sampled_from(axes_names), st.sampled_from(["Upper", "has-dash", "1digit", "with space", "é"]))

    def unknown_variant_key(m: dict[str, Any], axis: str) -> tuple[dict[str, Any], str]:
        variants = m["axes"][axis]["variants"]
        name = sorted(variants)[0]
        if not isinstance(variants[name], dict):
            variants[name] = {}
        variants[name]["descripton"] = "typo"
        return m, f"axes.{axis}.variants.{name}.descripton"

    out["unknown_variant_key"] = mutation(unknown_variant_key, st.sampled_from(["framing", "cues", "users", "sparsity"]))
    out["unknown_sparsity_kind"] = mutation(lambda m, kind: (set_path(m, ["axes", "sparsity", "variants", "broken"], {"kind": kind}), "axes.sparsity.variants.broken.kind"), st.sampled_from(["sometimes", "Dense", "", "terminal "]))
    out["sparsity_number_out_of_range"] = mutation(
        lambda m, key, v: (set_path(m, ["axes", "sparsity", "variants", "broken"], {"kind": "stochastic", key: v}), f"axes.sparsity.variants.broken.{key}"),
        st.sampled_from(["p", "k", "threshold"]),
        st.sampled_from([float("nan"), float("inf"), True, "0.5", -1e12]),
    )
    out["negative_user_weight"] = mutation(
        lambda m, user, v: (set_path(m, ["axes", "users", "variants", "broken"], {"mix": {user: v}}), f"axes.users.variants.broken.mix.{user}"),
        st.sampled_from(list(family.user_types)),
        st.sampled_from([-1.0, float("nan"), float("inf"), True, "1"]),
    )
    out["unknown_user_type"] = mutation(lambda m: (set_path(m, ["axes", "users", "variants", "broken"], {"mix": {"no_such_user_type": 1.0}}), "axes.users.variants.broken.mix.no_such_user_type"))
    out["all_zero_user_weights"] = mutation(lambda m: (set_path(m, ["axes", "users", "variants", "broken"], {"mix": {u: 0 for u in family.user_types}}), "axes.users.variants.broken.mix"))
    out["unknown_param"] = mutation(lambda m: (set_path(m, ["params", "no_such_param"], 1), "params.no_such_param"))
    if family.template_names:
        variables = sorted(family.template_variables) or ["x"]
        out["template_attribute_access"] = mutation(
            lambda m, t, v, form: (set_path(m, ["templates", t], form.format(v=v)), f"templates.{t}"),
            st.sampled_from(list(family.template_names)),
            st.sampled_from(variables),
            st.sampled_from(["{{{v}.__class__}}", "{{{v}[0]}}", "{{{v}!r}}", "{{{v}:>99999}}", "{{0.__globals__}}"]),
        )
        out["undeclared_template_variable"] = mutation(lambda m, t: (set_path(m, ["templates", t], "{not_declared_xyz}"), f"templates.{t}"), st.sampled_from(list(family.template_names)))
        out["unknown_template"] = mutation(lambda m: (set_path(m, ["templates", "no_such_template"], "hi"), "templates.no_such_template"))

        def missing_template(m: dict[str, Any], t: str) -> tuple[dict[str, Any], str]:
            m.setdefault("templates", {}).pop(t, None)
            return m, "templates"

        out["missing_template"] = mutation(missing_template, st.sampled_from(list(family.template_names)))
    for name, param in family.params.items():
        if param.kind in (int, float):
            bad: list[object] = []
            if param.lo is not None:
                bad.append(param.lo - 1 - abs(param.lo))
            if param.hi is not None:
                bad.append(param.hi + 1 + abs(param.hi))
            bad += ["a string", [1], True] if param.kind is not bool else []
            if param.kind is float:
                bad.append(float("nan"))
            out[f"param_{name}_invalid"] = mutation(lambda m, v, name=name: (set_path(m, ["params", name], v), f"params.{name}"), st.sampled_from(bad))
    if family.data_files:
        out["data_path_escapes"] = mutation(
            lambda m, key, v: (set_path(m, ["data", key], v), f"data.{key}"),
            st.sampled_from(list(family.data_files)),
            st.sampled_from(["../../etc/passwd", "/etc/passwd", "data/\x00x.jsonl", "", "does/not/exist.jsonl"]),
        )
    if family.roles:
        out["unknown_backend"] = mutation(
            lambda m, role, v: (set_path(m, ["roles", role, "backend"], v), f"roles.{role}.backend"),
            st.sampled_from(sorted(family.roles)),
            st.sampled_from(["gpt4", "hf:", "openai:", "", "rule "]),
        )
    out["unknown_role"] = mutation(lambda m: (set_path(m, ["roles", "no_such_role"], {}), "roles.no_such_role"))
    out["reversed_reward_range"] = mutation(lambda m, v: (set_path(m, ["reward", "range"], v), "reward.range"), st.sampled_from([[1, 0], [0, 0], [0], [0, float("inf")], ["0", "1"], [True, 2]]))
    out["unknown_reward_component"] = mutation(lambda m: (set_path(m, ["reward", "weights"], {"no_such_component": 1.0}), "reward.weights.no_such_component"))
    component = family.reward_components[0]
    out["non_finite_reward_weight"] = mutation(lambda m, v: (set_path(m, ["reward", "weights"], {component: v}), f"reward.weights.{component}"), st.sampled_from([float("nan"), float("inf"), True, "1"]))
    return out


def spec_mutation_names(target: SpecTarget) -> list[str]:
    """The names of the mutations :func:`invalid_spec_mutations` draws for this spec's family.

    Example:
        >>> "template_attribute_access" in spec_mutation_names("textgym/Sycophancy-v0")
        True
    """
    spec, raw = _base(target)
    return sorted(_mutators(spec, raw))


def invalid_spec_mutations(target: SpecTarget, names: Sequence[str] | None = None) -> st.SearchStrategy[SpecMutation]:
    """One targeted mutation of a base spec; ``mutation.check(base.path)`` asserts the refusal.

    ``names`` restricts the draw to some mutations (see :func:`spec_mutation_names`).

    Example:
        >>> from hypothesis import given, settings
        >>> import textgym
        >>> base = textgym.get_spec("textgym/Sycophancy-v0")
        >>> @settings(max_examples=30)
        ... @given(invalid_spec_mutations(base))
        ... def test_mutations_are_refused(mutation):
        ...     mutation.check(base.path)
        >>> test_mutations_are_refused()
    """
    spec, raw = _base(target)
    named = _mutators(spec, raw)
    chosen = sorted(named) if names is None else list(names)
    unknown = [n for n in chosen if n not in named]
    if unknown or not chosen:
        raise ValueError(f"unknown spec mutations {unknown}; {spec.family!r} has {sorted(named)}")
    return st.sampled_from(chosen).flatmap(lambda name: named[name].map(lambda result: SpecMutation(name, *result)))


__all__ = [
    "SpecMutation",
    "action_choices",
    "action_plans",
    "axes",
    "conversations",
    "hostile_text",
    "invalid_spec_mutations",
    "lone_surrogate_text",
    "messages",
    "seeds",
    "spec_mutation_names",
    "valid_spec_mappings",
    "valid_specs",
]
