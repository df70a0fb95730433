"""Invariant checks for any textgym environment: call them from your own tests.

:func:`check_reward_invariants` plays ``episodes`` seeded episodes (a random axis combination and
a random mix of reference-policy replies and hostile strings per episode), replays each one under
the other variants of every axis, and checks the six invariants every environment promises
(docs/design.md, sections 2 and 3):

``reward_range``
    Every step's earned reward is finite, inside the spec's declared ``reward.range``, and equal
    to the declared weighted sum of ``info["reward_components"]`` (whose names the family
    declares); ``info["hidden"]["true_reward"]`` is in [0, 1].
``determinism``
    The same seed and the same actions give the same episode (observations, rewards, flags,
    infos) in a fresh environment and in one that ran another episode in between.
``sparsity``
    Every sparsity variant leaves the dialogue, the earned rewards and the hidden labels
    unchanged, and delivers rewards exactly as its kind says (:mod:`textgym.sparsity`):
    ``dense`` at each step; ``terminal`` all at the last step; ``binary`` 0 until the last step,
    then ``1.0`` if the earned sum reaches the threshold; ``delayed`` each reward ``k`` steps
    later and the rest at the last step; ``stochastic`` the pending sum or nothing at each step
    and everything pending at the last. Every kind but ``binary`` declares (and must keep) the
    dense episode return.
``axis_independence``
    With the same actions, no ``framing`` or ``cues`` variant changes a reward, a reward
    component, ``true_reward``, the user type, the sampled episode or its length; framing
    changes nothing but the system message. A ``users`` variant changes only the user type: the
    sampled episode is the same, the user type is one its mix allows, and when it draws the same
    user type the whole episode is identical.
``hidden_labels``
    No hidden label escapes into the text the environment writes (see :class:`LeakScanner` for
    exactly what is searched, and why booleans, numbers and short words are not).
``no_exceptions``
    ``reset``, the reference policies and ``step`` never raise on a valid action string (NUL,
    right-to-left text, zero-width characters, escaped surrogates, 100 KB strings, ...; see
    :mod:`textgym.testing.hostile`), every observation is in the observation space, and
    invalid actions are refused with the documented errors (``TypeError`` for a non-string,
    ``ValueError`` for a lone surrogate) without changing the episode.

Every violation says which invariant, what differed, the seed, the axes and the actions, so a
failing case can be replayed with :meth:`InvariantChecker.replay`.

Example:
    >>> from textgym.testing import check_reward_invariants
    >>> report = check_reward_invariants("textgym/Sycophancy-v0", episodes=2, seed=0)
    >>> report.ok, report.cases
    (True, 2)
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

import numpy as np

from textgym.env import TextEnv
from textgym.spec import Spec
from textgym.testing.hostile import LONE_SURROGATES, hostile_examples, random_hostile_text
from textgym.types import Conversation, Message

if TYPE_CHECKING:
    from textgym.environments.base import Family

#: What the helpers accept as an environment: a Spec, a TextEnv, a registered id, or a YAML path.
SpecTarget = Union[Spec, TextEnv, str, Path]

INVARIANTS: tuple[str, ...] = (
    "reward_range",
    "determinism",
    "sparsity",
    "axis_independence",
    "hidden_labels",
    "no_exceptions",
)
#: Sparsity kinds that keep the dense episode return (docs/design.md section 3, ``sparsity``).
RETURN_PRESERVING_KINDS = frozenset({"dense", "terminal", "delayed", "stochastic"})
TOLERANCE = 1e-9

EnvFactory = Callable[..., TextEnv]


# ---------------------------------------------------------------- actions


@dataclass(frozen=True)
class TextAction:
    """A literal action string.

    Example:
        >>> TextAction("hi").render(None, Conversation())
        'hi'
    """

    text: str

    def render(self, env: TextEnv | None, observation: Conversation) -> str:
        return self.text


@dataclass(frozen=True)
class PolicyAction:
    """The reply of one of the environment's reference policies (``aligned``, ``exploit``, ...).

    Example:
        >>> import textgym
        >>> env = textgym.make("textgym/Sycophancy-v0").unwrapped
        >>> obs, _ = env.reset(seed=0)
        >>> PolicyAction("aligned").render(env, obs).startswith("The answer is")
        True
    """

    name: str

    def render(self, env: TextEnv | None, observation: Conversation) -> str:
        if env is None:
            raise ValueError(f"the reference policy {self.name!r} needs an environment")
        policies = env.reference_policies()
        if self.name not in policies:
            raise ValueError(f"{env.textgym_spec.id} has no reference policy {self.name!r}; it has {sorted(policies)}")
        return policies[self.name](observation)


ActionChoice = TextAction | PolicyAction


# ---------------------------------------------------------------- episodes


@dataclass
class EpisodeTrace:
    """Everything one episode showed: the reset, then one ``(obs, reward, terminated,
    truncated, info)`` per step, and the action strings that were sent.

    Example:
        >>> checker = InvariantChecker("textgym/Sycophancy-v0")
        >>> trace = checker.replay({}, seed=0, actions=["The answer is 42.", "Yes."])
        >>> len(trace.steps), trace.rewards == trace.earned
        (2, True)
    """

    axes: dict[str, str]
    seed: int
    actions: list[str] = field(default_factory=list)
    reset: tuple[Conversation, dict[str, Any]] | None = None
    steps: list[tuple[Conversation, float, bool, bool, dict[str, Any]]] = field(default_factory=list)

    @property
    def rewards(self) -> list[float]:
        """The delivered rewards."""
        return [s[1] for s in self.steps]

    @property
    def earned(self) -> list[float]:
        """The rewards earned before sparsity (``info["reward_earned"]``)."""
        return [s[4].get("reward_earned", math.nan) for s in self.steps]

    @property
    def components(self) -> list[dict[str, float]]:
        return [s[4].get("reward_components", {}) for s in self.steps]

    @property
    def hidden(self) -> list[dict[str, Any]]:
        return [s[4].get("hidden", {}) for s in self.steps]

    @property
    def true_rewards(self) -> list[float | None]:
        return [h.get("true_reward") for h in self.hidden]

    @property
    def observations(self) -> list[Conversation]:
        """The reset observation, then every step's."""
        assert self.reset is not None
        return [self.reset[0], *(s[0] for s in self.steps)]

    @property
    def user_type(self) -> str | None:
        assert self.reset is not None
        return self.reset[1].get("user_type")

    @property
    def episode_info(self) -> dict[str, Any] | None:
        assert self.reset is not None
        return self.reset[1].get("episode")

    @property
    def done(self) -> bool:
        return bool(self.steps) and (self.steps[-1][2] or self.steps[-1][3])


# ---------------------------------------------------------------- violations and reports


def _short(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 20]}...{text[-12:]} ({len(str(value))} chars)"


@dataclass(frozen=True)
class Violation:
    """One broken invariant in one episode, with what it takes to replay it.

    Example:
        >>> print(Violation("sparsity", "terminal delivered 0.5, expected 1.0", 3, {"sparsity": "terminal"}, ("hi",)))
        [sparsity] terminal delivered 0.5, expected 1.0 (seed=3, axes={'sparsity': 'terminal'}, actions=['hi'])
    """

    invariant: str
    message: str
    seed: int | None = None
    axes: Mapping[str, str] = field(default_factory=dict)
    actions: tuple[str, ...] = ()

    def __str__(self) -> str:
        where = []
        if self.seed is not None:
            where.append(f"seed={self.seed}")
        if self.axes:
            where.append(f"axes={dict(self.axes)}")
        if self.actions:
            where.append("actions=[" + ", ".join(_short(a) for a in self.actions) + "]")
        suffix = f" ({', '.join(where)})" if where else ""
        return f"[{self.invariant}] {self.message}{suffix}"


class InvariantViolation(AssertionError):
    """Raised by :func:`check_reward_invariants` when an invariant fails; ``report`` has them all.

    Example:
        >>> report = InvariantReport("x/Y-v0", 1, ("sparsity",), [Violation("sparsity", "bad")])
        >>> str(InvariantViolation(report)).splitlines()[0]
        'x/Y-v0: 1 of 1 invariants violated over 1 episodes:'
    """

    def __init__(self, report: InvariantReport):
        self.report = report
        super().__init__(report.summary())


@dataclass
class InvariantReport:
    """What a run checked and what it found.

    Example:
        >>> report = InvariantReport("x/Y-v0", 4, ("determinism",), [])
        >>> report.ok, report.summary()
        (True, 'x/Y-v0: all 1 invariants held over 4 episodes (determinism)')
    """

    env_id: str
    cases: int
    checked: tuple[str, ...]
    violations: list[Violation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations

    def by_invariant(self) -> dict[str, list[Violation]]:
        """Violations grouped by invariant (only the violated ones)."""
        grouped: dict[str, list[Violation]] = {}
        for violation in self.violations:
            grouped.setdefault(violation.invariant, []).append(violation)
        return grouped

    def summary(self, examples: int = 2) -> str:
        """One line per violated invariant with its first examples, or one line saying all held."""
        if self.ok:
            return f"{self.env_id}: all {len(self.checked)} invariants held over {self.cases} episodes ({', '.join(self.checked)})"
        grouped = self.by_invariant()
        lines = [f"{self.env_id}: {len(grouped)} of {len(self.checked)} invariants violated over {self.cases} episodes:"]
        for name, found in grouped.items():
            lines.append(f"  {name}: {len(found)} violation(s), e.g.")
            lines.extend(f"    {v}" for v in found[:examples])
        return "\n".join(lines)

    def raise_if_violated(self) -> InvariantReport:
        """Raise :class:`InvariantViolation` if anything failed; return ``self`` otherwise."""
        if not self.ok:
            raise InvariantViolation(self)
        return self


# ---------------------------------------------------------------- comparing episodes


def _first_difference(a: object, b: object, path: str = "") -> str | None:
    """Where two values first differ (NaN equals NaN), or ``None`` when they are equal."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return None
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        if set(a) != set(b):
            return f"{path or 'value'}: keys {sorted(map(str, a))} != {sorted(map(str, b))}"
        for key in a:
            found = _first_difference(a[key], b[key], f"{path}.{key}" if path else str(key))
            if found:
                return found
        return None
    if isinstance(a, Conversation) and isinstance(b, Conversation):
        if len(a) != len(b):
            return f"{path}: {len(a)} messages != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return f"{path}[{i}]: {x.role}/{x.source} {_short(x.content)} != {y.role}/{y.source} {_short(y.content)}"
        return None
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        if len(a) != len(b):
            return f"{path}: length {len(a)} != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            found = _first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    try:
        equal = bool(a == b)
    except Exception:  # e.g. arrays: compare as lists
        equal = np.asarray(a).tolist() == np.asarray(b).tolist()
    return None if equal else f"{path or 'value'}: {_short(a)} != {_short(b)}"


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


#: What each :class:`EpisodeTrace` field that :func:`_changes` compares is called in a message.
_FIELD_NAMES: dict[str, str] = {
    "observations": "observations",
    "earned": "earned rewards",
    "hidden": "hidden labels",
    "episode_info": "sampled episode",
    "user_type": "user type",
    "rewards": "delivered rewards",
    "components": "reward components",
    "true_rewards": "true rewards",
}


def _changes(trace: EpisodeTrace, other: EpisodeTrace, fields: Sequence[str]) -> Iterator[tuple[str, str]]:
    """``(what, first difference)`` for each of ``fields`` (in order) where ``other`` differs from ``trace``."""
    for name in fields:
        what = _FIELD_NAMES[name]
        difference = _first_difference(getattr(trace, name), getattr(other, name), what)
        if difference:
            yield what, difference


def _trace_difference(first: EpisodeTrace, second: EpisodeTrace) -> str | None:
    """Where two episodes first differ, ignoring only the axis names in the reset info."""
    assert first.reset is not None and second.reset is not None
    found = _first_difference(first.reset[0], second.reset[0], "reset observation")
    if found:
        return found
    info_a = {k: v for k, v in first.reset[1].items() if k != "axes"}
    info_b = {k: v for k, v in second.reset[1].items() if k != "axes"}
    found = _first_difference(info_a, info_b, "reset info")
    if found:
        return found
    if len(first.steps) != len(second.steps):
        return f"the episodes last {len(first.steps)} and {len(second.steps)} steps"
    for i, (x, y) in enumerate(zip(first.steps, second.steps)):
        for name, u, v in zip(("observation", "reward", "terminated", "truncated", "info"), x, y):
            found = _first_difference(u, v, f"step {i + 1} {name}")
            if found:
                return found
    return None


# ---------------------------------------------------------------- hidden-label leaks

_IDENTIFIER_LIKE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\Z")


class LeakScanner:
    """Finds hidden-label values in the text an environment writes for the policy.

    A hidden label may be anything (booleans, numbers, names, free text), and most of its
    possible string forms ("True", "0", "correct") occur in ordinary text, so a plain substring
    search would cry wolf. What is searched, and where:

    * **Searched text**: every message the environment wrote — system, user and tool turns and
      prefilled assistant turns — never the policy's own replies (a policy may say anything).
    * **Searched values** (string leaves of ``info["hidden"]``, in nested lists and mappings too):

      - *label-like* values: identifiers with an underscore and at least ``min_label_length``
        characters (``wrong_belief``, ``doubts_correct``), matched as whole tokens, case-sensitive;
      - *free text*: any other string of at least ``min_text_length`` characters (after
        stripping), matched as a substring.

      The hidden label *names* themselves (keys with an underscore, like ``true_reward``, and the
      family's declared ``hidden_labels``) are searched as label-like tokens too: their
      appearance means a hidden record is being printed.
    * **Never searched**: booleans, numbers, ``None``, and short strings — their text forms carry
      no information about the label (``True`` is in too many sentences); values that occur in
      the public material of the environment (its data records, its templates, system prompts,
      cue texts and phrases), which the policy sees by design whatever the labels say — e.g. a
      hidden ``correct_answer`` copied from the data; and values that occur in the policy's
      own actions of the episode (it said them; an echo is not a leak).

    Example:
        >>> scanner = LeakScanner(public=["Is {question} right?"])
        >>> obs = Conversation.of(("user", "Q? (user_belief=wrong_belief)"))
        >>> scanner.leaks(obs, [{"user_belief": "wrong_belief", "correct": True}], actions=[])
        ["hidden label 'user_belief' = 'wrong_belief' appears in message 0 (user): 'Q? (user_belief=wrong_belief)'", "the hidden label name 'user_belief' appears in message 0 (user): 'Q? (user_belief=wrong_belief)'"]
        >>> scanner.leaks(Conversation.of(("user", "Is that correct? True.")), [{"correct": True}], actions=[])
        []
    """

    def __init__(
        self,
        public: Iterable[str] = (),
        label_names: Iterable[str] = (),
        *,
        min_label_length: int = 6,
        min_text_length: int = 20,
    ):
        self.public = "\x00".join(public)
        self.label_names = tuple(label_names)
        self.min_label_length = min_label_length
        self.min_text_length = min_text_length
        self._patterns: dict[str, re.Pattern[str]] = {}

    def _label_like(self, text: str) -> bool:
        return len(text) >= self.min_label_length and _IDENTIFIER_LIKE.match(text) is not None

    def _values(self, hidden: object, name: str) -> Iterable[tuple[str, str]]:
        if isinstance(hidden, str):
            yield name, hidden
        elif isinstance(hidden, Mapping):
            for key, value in hidden.items():
                yield from self._values(value, f"{name}.{key}" if name else str(key))
        elif isinstance(hidden, (list, tuple, set, frozenset)):
            for i, value in enumerate(hidden):
                yield from self._values(value, f"{name}[{i}]")

    def _finder(self, needle: str, token: bool) -> Callable[[str], bool]:
        if not token:
            return lambda text: needle in text
        pattern = self._patterns.get(needle)
        if pattern is None:
            pattern = self._patterns[needle] = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(needle)}(?![A-Za-z0-9_])")
        return lambda text: pattern.search(text) is not None

    def needles(self, hidden_steps: Sequence[Mapping[str, Any]], actions: Sequence[str]) -> list[tuple[str, str, bool]]:
        """``(description, needle, whole_token)`` for every value and name worth searching."""
        found: dict[str, tuple[str, str, bool]] = {}
        names = set(self.label_names)
        for hidden in hidden_steps:
            names.update(str(k) for k in hidden)
            for where, value in self._values(hidden, ""):
                text = value.strip()
                if self._label_like(text):
                    token = True
                elif len(text) >= self.min_text_length:
                    token = False
                else:
                    continue
                found.setdefault(text, (f"hidden label {where!r} = {_short(text)}", text, token))
        for name in names:
            if "_" in name and self._label_like(name):
                found.setdefault(name, (f"the hidden label name {name!r}", name, True))
        keep = []
        for description, needle, token in found.values():
            if needle in self.public or any(needle in action for action in actions):
                continue
            keep.append((description, needle, token))
        return keep

    def leaks(
        self,
        observations: Conversation | Sequence[Conversation],
        hidden_steps: Sequence[Mapping[str, Any]],
        actions: Sequence[str],
    ) -> list[str]:
        """One line per hidden value found in an environment-written message of the observations."""
        if isinstance(observations, Conversation):
            observations = [observations]
        env_written: dict[tuple[str, str], int] = {}
        for observation in observations:
            for i, message in enumerate(observation):
                if message.source != "policy":
                    env_written.setdefault((message.role, message.content), i)
        problems = []
        for description, needle, token in self.needles(hidden_steps, actions):
            finds = self._finder(needle, token)
            for (role, content), i in env_written.items():
                if finds(content):
                    problems.append(f"{description} appears in message {i} ({role}): {_short(content, 80)}")
                    break
        return problems


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for v in value:
            yield from _strings(v)


def public_text(spec: Spec, family: Family) -> list[str]:
    """The text a spec shows the policy by design: data records, templates, prompts and cues."""
    texts: list[str] = [t.text for t in spec.templates.values()]
    for variant in spec.axes["framing"].variants.values():
        if variant.system is not None:
            texts.append(variant.system.text)
    for variant in spec.axes["cues"].variants.values():
        texts.extend(t.text for t in variant.templates.values())
        texts.extend([variant.system_suffix, variant.user_suffix, *variant.phrases])
    texts.extend(_strings(getattr(family, "data", {})))
    return [t for t in texts if t]


# ---------------------------------------------------------------- the checker


def resolve_spec(target: SpecTarget) -> Spec:
    """A spec from a Spec, a TextEnv, a registered environment id, or a YAML path
    (:func:`textgym.registry.resolve_spec`, which this extends to environments).

    Example:
        >>> resolve_spec("textgym/Sycophancy-v0").family
        'sycophancy'
    """
    from textgym.registry import resolve_spec as registered_or_loaded

    return target.textgym_spec if isinstance(target, TextEnv) else registered_or_loaded(target)


def _default_factory(backends: Mapping[str, str] | None) -> EnvFactory:
    def make(spec: Spec, **axes: str) -> TextEnv:
        selected: dict[str, Any] = dict(axes)  # axis names, kept apart from TextEnv's typed keywords
        return TextEnv(spec, backends=backends, **selected)

    return make


class InvariantChecker:
    """Plays, replays and checks episodes of one spec; each ``check_*`` returns violations.

    Args:
        target: a :class:`~textgym.spec.Spec`, a registered id or a YAML path.
        backends: role → backend for every environment built (default: the spec's).
        env_factory: ``factory(spec, **axes) -> TextEnv`` to check something other than a plain
            :class:`~textgym.env.TextEnv` (a subclass, or one with a patched part).
        min_label_length, min_text_length: see :class:`LeakScanner`.

    Example:
        >>> checker = InvariantChecker("textgym/Sycophancy-v0")
        >>> seed, axes, plan = checker.draw_case(np.random.default_rng(0))
        >>> checker.check_case(seed, plan, axes)
        []
    """

    def __init__(
        self,
        target: Spec | str | Path,
        *,
        backends: Mapping[str, str] | None = None,
        env_factory: EnvFactory | None = None,
        min_label_length: int = 6,
        min_text_length: int = 20,
    ):
        self.spec = resolve_spec(target)
        self.factory = env_factory or _default_factory(backends)
        self._envs: dict[tuple[str, ...], TextEnv] = {}
        self.variants = {name: list(axis.variants) for name, axis in self.spec.axes.items()}
        self.defaults = {name: axis.default for name, axis in self.spec.axes.items()}
        reference = self.env()
        self.policy_names = sorted(reference.reference_policies())
        self.scanner = LeakScanner(
            public_text(self.spec, reference.family),
            getattr(reference.family, "hidden_labels", ()),
            min_label_length=min_label_length,
            min_text_length=min_text_length,
        )

    # ------------------------------------------------------------ environments and episodes

    def full_axes(self, axes: Mapping[str, str] | None = None) -> dict[str, str]:
        """``axes`` with every unnamed axis at its default."""
        return {**self.defaults, **dict(axes or {})}

    def env(self, **axes: str) -> TextEnv:
        """The cached environment for an axis combination (episodes are reset with explicit seeds)."""
        full = self.full_axes(axes)
        key = tuple(full[name] for name in self.spec.axes)
        if key not in self._envs:
            self._envs[key] = self.factory(self.spec, **full)
        return self._envs[key]

    def play(self, axes: Mapping[str, str], seed: int, plan: Sequence[ActionChoice], env: TextEnv | None = None) -> EpisodeTrace:
        """Reset with ``seed`` and act by ``plan`` (its last choice repeats if the episode runs on)."""
        env = env if env is not None else self.env(**axes)
        trace = EpisodeTrace(self.full_axes(axes), seed)
        obs, info = env.reset(seed=seed)
        trace.reset = (obs, info)
        for turn in range(max(self.spec.max_turns, 1) + 1):
            choice = plan[min(turn, len(plan) - 1)] if plan else TextAction("")
            action = choice.render(env, obs)
            trace.actions.append(action)
            obs, reward, terminated, truncated, info = env.step(action)
            trace.steps.append((obs, reward, terminated, truncated, info))
            if terminated or truncated:
                break
        return trace

    def replay(self, axes: Mapping[str, str], seed: int, actions: Sequence[str], env: TextEnv | None = None) -> EpisodeTrace:
        """Reset with ``seed`` and send exactly these action strings."""
        return self.play(axes, seed, [TextAction(a) for a in actions], env)

    def draw_case(self, rng: np.random.Generator) -> tuple[int, dict[str, str], list[ActionChoice]]:
        """A random seed, axis combination and plan (reference replies and hostile strings)."""
        seed = int(rng.integers(2**31))
        axes = {name: variants[int(rng.integers(len(variants)))] for name, variants in self.variants.items()}
        plan: list[ActionChoice] = []
        for _ in range(self.spec.max_turns):
            if self.policy_names and rng.random() < 0.6:
                plan.append(PolicyAction(self.policy_names[int(rng.integers(len(self.policy_names)))]))
            else:
                plan.append(TextAction(random_hostile_text(rng)))
        return seed, axes, plan

    def _violation(self, invariant: str, message: str, trace: EpisodeTrace) -> Violation:
        return Violation(invariant, message, trace.seed, dict(trace.axes), tuple(trace.actions))

    # ------------------------------------------------------------ the invariants

    def check_reward_range(self, trace: EpisodeTrace) -> list[Violation]:
        lo, hi = self.spec.reward.range
        weights = dict(self.spec.reward.weights)
        declared = set(getattr(self.env().family, "reward_components", ()))
        found: list[Violation] = []
        for i, (_, reward, _, _, info) in enumerate(trace.steps, start=1):
            problems = []
            if not isinstance(reward, (int, float)) or isinstance(reward, bool) or not math.isfinite(reward):
                problems.append(f"the delivered reward {reward!r} is not a finite number")
            components = info.get("reward_components")
            earned = info.get("reward_earned")
            if not isinstance(components, Mapping):
                problems.append("info has no reward_components mapping")
                components = {}
            if not isinstance(earned, (int, float)) or not math.isfinite(earned):
                problems.append(f"info['reward_earned'] {earned!r} is not a finite number")
            else:
                if not lo - TOLERANCE <= earned <= hi + TOLERANCE:
                    problems.append(f"the earned reward {earned!r} is outside the declared range [{lo}, {hi}]")
                bad = sorted(str(k) for k in components if k not in declared)
                if bad:
                    problems.append(f"reward components {bad} are not among the family's declared {sorted(declared)}")
                values = [components.get(name, 0.0) for name in weights]
                if all(isinstance(v, (int, float)) and math.isfinite(v) for v in values):
                    expected = sum(weights[name] * components.get(name, 0.0) for name in weights)
                    if not _close(earned, expected):
                        problems.append(f"the earned reward {earned!r} is not the declared weighted sum of the components {dict(components)} (= {expected!r})")
                else:
                    problems.append(f"reward components {dict(components)} are not all finite numbers")
            hidden = info.get("hidden")
            if not isinstance(hidden, Mapping) or "true_reward" not in hidden:
                problems.append("info['hidden'] has no 'true_reward'")
            else:
                true = hidden["true_reward"]
                if isinstance(true, bool) or not isinstance(true, (int, float)) or not 0.0 <= true <= 1.0:
                    problems.append(f"hidden true_reward {true!r} is not a number in [0, 1]")
            found.extend(self._violation("reward_range", f"step {i}: {p}", trace) for p in problems)
        return found

    def check_determinism(self, trace: EpisodeTrace) -> list[Violation]:
        fresh = self.replay(trace.axes, trace.seed, trace.actions, env=self.factory(self.spec, **trace.axes))
        env = self.env(**trace.axes)
        self.replay(trace.axes, trace.seed + 1, trace.actions, env=env)  # another episode in between
        again = self.replay(trace.axes, trace.seed, trace.actions, env=env)
        found = []
        for replayed, how in ((fresh, "a fresh environment replayed the episode differently"), (again, "replaying after another episode differed")):
            difference = _trace_difference(trace, replayed)
            if difference:
                found.append(self._violation("determinism", f"{how}: {difference}", trace))
        return found

    def _replay_with(self, trace: EpisodeTrace, axis: str, variant: str) -> EpisodeTrace:
        """The trace's episode (same seed, same actions) with ``axis`` set to ``variant``; the
        trace itself for its own variant."""
        if variant == trace.axes[axis]:
            return trace
        return self.replay({**trace.axes, axis: variant}, trace.seed, trace.actions)

    def check_sparsity(self, trace: EpisodeTrace) -> list[Violation]:
        found = []
        for name, variant in self.spec.axes["sparsity"].variants.items():
            axes = {**trace.axes, "sparsity": name}
            other = self._replay_with(trace, "sparsity", name)

            def fail(message: str, other: EpisodeTrace = other) -> None:
                found.append(self._violation("sparsity", f"{name} ({variant.kind}): {message}", other))

            if len(other.steps) != len(trace.steps):
                fail(f"the episode lasts {len(other.steps)} steps instead of {len(trace.steps)}")
                continue
            for what, difference in _changes(trace, other, ("observations", "earned", "hidden")):
                fail(f"changed the {what}, not only when reward arrives: {difference}")
            declares = getattr(self.env(**axes).schedule, "preserves_return", None)
            promised = variant.kind in RETURN_PRESERVING_KINDS
            if declares is not promised:
                fail(f"the schedule declares preserves_return={declares!r}, but {variant.kind} {'keeps' if promised else 'does not keep'} the return")
            earned, delivered = other.earned, other.rewards
            problem = _sparsity_problem(variant.kind, earned, delivered, threshold=variant.threshold, k=variant.k)
            if problem:
                fail(problem)
            if promised and not _close(sum(delivered), sum(earned)):
                fail(f"the episode return {sum(delivered)!r} differs from the dense return {sum(earned)!r}")
        return found

    def check_axis_independence(self, trace: EpisodeTrace) -> list[Violation]:
        found = []

        def compare(axis: str, variant: str, other: EpisodeTrace) -> None:
            def fail(message: str) -> None:
                found.append(self._violation("axis_independence", f"{axis}={variant}: {message}", other))

            if len(other.steps) != len(trace.steps):
                fail(f"with the same actions the episode lasts {len(other.steps)} steps instead of {len(trace.steps)}")
                return
            for what, difference in _changes(trace, other, ("episode_info", "user_type", "rewards", "earned", "components", "true_rewards")):
                fail(f"changed the {what} (same seed, same actions): {difference}")
                return

        for axis in ("framing", "cues"):
            for variant in self.variants[axis]:
                if variant == trace.axes[axis]:
                    continue
                other = self._replay_with(trace, axis, variant)
                compare(axis, variant, other)
                if axis == "framing" and len(other.steps) == len(trace.steps):
                    mine = [[m for m in obs if m.role != "system"] for obs in trace.observations]
                    theirs = [[m for m in obs if m.role != "system"] for obs in other.observations]
                    difference = _first_difference(mine, theirs, "non-system messages")
                    if difference:
                        found.append(self._violation("axis_independence", f"framing={variant}: changed more than the system message: {difference}", other))
        for variant in self.variants["users"]:
            other = self._replay_with(trace, "users", variant)
            mix = self.spec.axes["users"].variants[variant].mix
            allowed = {name for name, weight in mix.items() if weight > 0}
            if other.user_type not in allowed:
                found.append(self._violation("axis_independence", f"users={variant}: drew user type {other.user_type!r}, which its mix {dict(mix)} does not allow", other))
            difference = _first_difference(trace.episode_info, other.episode_info, "sampled episode")
            if difference:
                found.append(self._violation("axis_independence", f"users={variant}: changed more than the user type: {difference}", other))
            elif other is not trace and other.user_type == trace.user_type:
                difference = _trace_difference(trace, other)
                if difference:
                    found.append(self._violation("axis_independence", f"users={variant}: the same user type gave a different episode: {difference}", other))
        return found

    def check_hidden_labels(self, trace: EpisodeTrace) -> list[Violation]:
        found = []
        for i, observation in enumerate(trace.observations):
            if type(observation) is not Conversation or not all(type(m) is Message and type(m.content) is str for m in observation):
                found.append(self._violation("hidden_labels", f"observation {i} is not a plain Conversation of Messages: {type(observation).__name__}", trace))
        for problem in self.scanner.leaks(trace.observations, trace.hidden, trace.actions):
            found.append(self._violation("hidden_labels", problem, trace))
        return found

    def check_step_contract(self, trace: EpisodeTrace) -> list[Violation]:
        env = self.env(**trace.axes)
        found = []
        if not trace.done:
            found.append(self._violation("no_exceptions", f"the episode did not end within max_turns={self.spec.max_turns} steps", trace))
        for i, observation in enumerate(trace.observations):
            if not env.observation_space.contains(observation):
                found.append(self._violation("no_exceptions", f"observation {i} is not in the observation space {env.observation_space}", trace))
        return found

    def check_invalid_actions(self, axes: Mapping[str, str], seed: int) -> list[Violation]:
        """Non-strings and lone surrogates are refused with the documented errors, harmlessly."""
        env = self.env(**axes)
        found = []
        obs, _ = env.reset(seed=seed)
        for bad, error in [(b"bytes", TypeError), (None, TypeError), *[(s, ValueError) for s in LONE_SURROGATES]]:
            try:
                env.step(bad)  # type: ignore[arg-type]
            except error:
                pass
            except Exception as raised:  # noqa: BLE001 - reporting what was raised is the point
                found.append(Violation("no_exceptions", f"step({_short(bad)}) raised {type(raised).__name__}: {raised}; expected {error.__name__}", seed, dict(axes)))
            else:
                found.append(Violation("no_exceptions", f"step({_short(bad)}) was accepted; expected a {error.__name__}", seed, dict(axes)))
                obs, _ = env.reset(seed=seed)
            if env.conversation != obs:
                found.append(Violation("no_exceptions", f"the refused step({_short(bad)}) changed the conversation", seed, dict(axes)))
        return found

    def check_hostile_examples(self, axes: Mapping[str, str], seed: int) -> list[Violation]:
        """Every fixed hostile string, at every turn of an episode, is accepted without an error."""
        found = []
        for text in hostile_examples():
            try:
                trace = self.replay(axes, seed, [text] * max(self.spec.max_turns, 1))
            except Exception as raised:  # noqa: BLE001
                found.append(Violation("no_exceptions", f"the action {_short(text)} raised {type(raised).__name__}: {raised}", seed, dict(axes), (text,)))
            else:
                found.extend(self.check_step_contract(trace))
        return found

    # ------------------------------------------------------------ cases and runs

    CHECKS: dict[str, str] = {
        "reward_range": "check_reward_range",
        "determinism": "check_determinism",
        "sparsity": "check_sparsity",
        "axis_independence": "check_axis_independence",
        "hidden_labels": "check_hidden_labels",
        "no_exceptions": "check_step_contract",
    }

    def check_case(
        self, seed: int, plan: Sequence[ActionChoice | str], axes: Mapping[str, str] | None = None, invariants: Iterable[str] = INVARIANTS
    ) -> list[Violation]:
        """Play one episode and check the chosen invariants on it (strings in ``plan`` are sent as is)."""
        wanted = _check_names(invariants)
        axes = self.full_axes(axes)
        choices = [TextAction(c) if isinstance(c, str) else c for c in plan]
        try:
            trace = self.play(axes, seed, choices)
        except Exception as raised:  # noqa: BLE001
            return [Violation("no_exceptions", f"playing the episode raised {type(raised).__name__}: {raised}", seed, axes, tuple(_short(c) for c in choices))]
        found = []
        for name in wanted:
            try:
                found.extend(getattr(self, self.CHECKS[name])(trace))
            except Exception as raised:  # noqa: BLE001
                found.append(self._violation("no_exceptions", f"checking {name} raised {type(raised).__name__}: {raised}", trace))
        return found

    def run(self, episodes: int = 20, seed: int = 0, invariants: Iterable[str] = INVARIANTS, *, progress: bool = False) -> InvariantReport:
        """Check ``episodes`` random cases (drawn from ``seed``); see :func:`check_reward_invariants`."""
        if episodes < 1:
            raise ValueError(f"episodes must be at least 1, got {episodes}")
        wanted = _check_names(invariants)
        rng = np.random.default_rng(seed)
        violations: list[Violation] = []
        if "no_exceptions" in wanted:
            violations.extend(self.check_invalid_actions(self.defaults, seed))
            violations.extend(self.check_hostile_examples(self.defaults, seed))
        cases = range(episodes)
        if progress:
            from tqdm.auto import tqdm

            cases = tqdm(cases, desc=f"invariants {self.spec.id}", unit="episode")
        for _ in cases:
            case_seed, axes, plan = self.draw_case(rng)
            violations.extend(self.check_case(case_seed, plan, axes, wanted))
        return InvariantReport(self.spec.id, episodes, wanted, violations)


def _check_names(invariants: Iterable[str]) -> tuple[str, ...]:
    wanted = tuple(dict.fromkeys([invariants] if isinstance(invariants, str) else invariants))
    unknown = [name for name in wanted if name not in INVARIANTS]
    if unknown or not wanted:
        raise ValueError(f"unknown invariants {unknown}; choose from {list(INVARIANTS)}")
    return wanted


def _sparsity_problem(kind: str, earned: Sequence[float], delivered: Sequence[float], *, threshold: float, k: int) -> str | None:
    """What is wrong with ``delivered`` as the ``kind`` schedule of ``earned`` (``None``: nothing)."""
    n = len(earned)
    if kind in ("dense", "terminal", "binary", "delayed"):
        if kind == "dense":
            expected = list(earned)
        elif kind == "terminal":
            expected = [0.0] * (n - 1) + [float(sum(earned))]
        elif kind == "binary":
            expected = [0.0] * (n - 1) + [float(sum(earned) >= threshold)]
        else:
            expected = [earned[t - k] if t >= k else 0.0 for t in range(n - 1)]
            expected.append(float(sum(earned[max(0, n - 1 - k):])))
        for t, (got, want) in enumerate(zip(delivered, expected), start=1):
            if not _close(got, want):
                return f"step {t} of {n} delivered {got!r}, expected {want!r} (earned {list(earned)})"
        return None
    if kind == "stochastic":
        pending = 0.0
        for t, (e, d) in enumerate(zip(earned, delivered), start=1):
            pending += e
            if t == n and not _close(d, pending):
                return f"the last step delivered {d!r}, expected everything pending ({pending!r}; earned {list(earned)})"
            if t < n:
                if _close(d, pending):
                    pending = 0.0
                elif not _close(d, 0.0):
                    return f"step {t} delivered {d!r}: neither 0 nor the pending sum {pending!r} (earned {list(earned)})"
        return None
    return f"unknown sparsity kind {kind!r}"


def check_reward_invariants(
    target: Spec | str | Path,
    *,
    episodes: int = 20,
    seed: int = 0,
    invariants: Iterable[str] = INVARIANTS,
    backends: Mapping[str, str] | None = None,
    env_factory: EnvFactory | None = None,
    raise_on_failure: bool = True,
    progress: bool = False,
) -> InvariantReport:
    """Check the reward invariants of an environment (see the module docs for each one).

    Args:
        target: a registered id (``"textgym/Sycophancy-v0"``), a YAML path or a Spec.
        episodes: how many random episodes to play, each replayed under every axis variant.
        seed: draws the episodes (their seeds, axes and actions): the same seed checks the same
            cases.
        invariants: which to check (default: all of :data:`INVARIANTS`).
        backends: role → backend (default: the spec's; the checks are exact with ``rule``).
        env_factory: ``factory(spec, **axes) -> TextEnv`` to check a modified environment.
        raise_on_failure: raise :class:`InvariantViolation` (an ``AssertionError``, so a test
            fails with its message) when anything is violated; otherwise return the report.

    Returns:
        the :class:`InvariantReport`.

    Example:
        >>> check_reward_invariants("textgym/Sycophancy-v0", episodes=2, invariants=["sparsity"]).summary()
        'textgym/Sycophancy-v0: all 1 invariants held over 2 episodes (sparsity)'
    """
    checker = InvariantChecker(target, backends=backends, env_factory=env_factory)
    report = checker.run(episodes, seed, invariants, progress=progress)
    if raise_on_failure:
        report.raise_if_violated()
    return report
