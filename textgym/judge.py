"""The ``judge`` role: who decides the hidden labels that read free text.

Every family computes its hidden labels with rule readers. A spec's ``judge:`` section declares,
for each label that reads text, one **judge question**: a prompt (the context the label needs)
and a yes/no question (or a choice between named options for a categorical label). After the
family's ``respond``, :class:`~textgym.env.TextEnv` hands the step's ``hidden`` to a
:class:`Judge`, whose backend decides what happens:

==========================  =================================================================
backend                     what the judge does
==========================  =================================================================
``rule`` (the default)      nothing: the family's readers decide (offline, deterministic, free)
``hf:default|tiny|PATH``    asks the model every declared question; the answer is read from
``openai:URL``              the next-token probabilities of ``Yes``/``No`` (or the option
                            letters), never sampled; the label becomes ``p_yes >= 0.5``
``hybrid:hf:...``           asks the model only the labels the readers left unclear (``None``)
``hybrid:openai:URL``
==========================  =================================================================

What a model judge decided is recorded in ``hidden["judge"][label]`` as
``{"p_yes": ..., "rule": <the readers' value>, "backend": ..., "method": ...}`` (choice labels
record ``"probabilities"`` per option instead of ``p_yes``). A judge writes only ``hidden``:
rewards are computed by the family before the judge runs, and nothing the judge writes is read
back (``true_reward`` too is the family's). A backend that fails, or answers something that is
not a probability distribution, raises :class:`~textgym.errors.BackendError` naming the model or
URL and the label: an unanswered question is never read as "no".

**Variables.** A judge prompt may use the step's generic variables (:data:`STEP_VARIABLES`:
``reply``, ``transcript``, ``user_message``, ...) and the ones its spec declares under
``judge.variables`` as ``name: SOURCE``, where SOURCE is ``record.FIELD`` (the episode's data
record), ``public.KEY`` (``info["episode"]``), ``hidden.LABEL`` (a label the family wrote this
step), ``state.KEY`` (the family's episode state) or ``axes.NAME`` (the chosen axis variant).
A template naming anything else is a :class:`~textgym.errors.SpecError` when the spec loads.

Example:
    >>> import textgym
    >>> env = textgym.make("textgym/Sycophancy-v0", cues="belief")
    >>> judge = env.unwrapped.judge
    >>> judge.backend, "correct" in judge.spec.questions
    ('rule', True)
    >>> _ = env.reset(seed=0)
    >>> "judge" in env.step("The answer is 42.")[4]["hidden"]  # rule: the readers' labels, untouched
    False
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, cast

from textgym.errors import BackendError, SpecError
from textgym.templates import Template

if TYPE_CHECKING:
    from textgym.environments.base import Episode, Family
    from textgym.types import Conversation

#: Variables every judge prompt may use, computed from the step.
STEP_VARIABLES: Mapping[str, str] = {
    "reply": "the assistant reply being judged",
    "transcript": "the conversation up to and including the reply, one '[role] text' line per message (no system prompt)",
    "user_message": "the last user message before the reply",
    "first_user_message": "the first user message of the episode",
    "previous_reply": "the assistant's reply before this one ('(none)' on the first turn)",
    "tool_result": "the content of the last tool message before the reply ('(none)' if there is none)",
    "prefill": "the prefilled (scripted) assistant and tool turns of the opening, as lines ('(none)')",
    "system": "the system prompt ('(none)')",
    "turn": "the step number, 1 for the first reply",
    "user_type": "the simulated user's type for this episode",
    "label": "the name of the hidden label being judged",
}
SOURCE_KINDS = ("record", "public", "hidden", "state", "axes")
JUDGE_BACKEND_HELP = "'rule', 'hf:default', 'hf:tiny', 'hf:PATH', 'openai:URL' or 'hybrid:' followed by an hf:/openai: name"
NONE_TEXT = "(none)"
#: the longest text a variable puts in a judge prompt: a longer one keeps its head and tail
#: (a 100 KB reply must not overflow the judge model's context)
MAX_VARIABLE_CHARS = 4000
_SOURCE = re.compile(r"(record|public|hidden|state|axes)\.([A-Za-z_][A-Za-z0-9_]{0,63})\Z")
_TOP_KEYS = ("backend", "variables", "questions")
class _Decider(Protocol):
    """A model backend that answers judge questions (the ``hf:`` and ``openai:`` backends)."""

    def decide(self, requests: Sequence[JudgeRequest]) -> list[dict[str, float]]: ...


_QUESTION_KEYS = ("prompt", "ask", "options", "when", "description")
YES_NO = ("true", "false")


def check_judge_backend(name: object) -> str:
    """Check a judge backend name (no model is loaded).

    Example:
        >>> check_judge_backend("hybrid:hf:tiny")
        'hybrid:hf:tiny'
        >>> check_judge_backend("hybrid:rule")
        Traceback (most recent call last):
        ...
        ValueError: judge backend 'hybrid:rule': expected 'rule', 'hf:default', 'hf:tiny', 'hf:PATH', 'openai:URL' or 'hybrid:' followed by an hf:/openai: name
    """
    from textgym.backends import check_backend_name

    if not isinstance(name, str):
        raise ValueError(f"judge backend must be a string, got {type(name).__name__}")
    model = name.removeprefix("hybrid:")
    try:
        check_backend_name(model)
    except ValueError:
        raise ValueError(f"judge backend {name!r}: expected {JUDGE_BACKEND_HELP}") from None
    if name.startswith("hybrid:") and model == "rule":
        raise ValueError(f"judge backend {name!r}: expected {JUDGE_BACKEND_HELP}")
    return name


# ---------------------------------------------------------------- the spec section


@dataclass(frozen=True)
class JudgeQuestion:
    """One label's judge question.

    ``prompt`` renders the context (the state the model reads), ``ask`` the question itself.
    ``options`` is empty for a yes/no label (the label is True when the answer is yes), else the
    categorical label's values, each with a description. ``when`` maps hidden labels (or
    ``turn``) to the values for which the question applies (otherwise the readers' value stands).

    Example:
        >>> q = JudgeQuestion("correct", Template.parse("{reply}", {"reply"}), Template.parse("Right?", ()))
        >>> q.is_yes_no, q.applies({"correct": True})
        (True, True)
    """

    label: str
    prompt: Template
    ask: Template
    options: Mapping[str, str] = field(default_factory=dict)
    when: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    description: str = ""

    @property
    def is_yes_no(self) -> bool:
        return not self.options

    @property
    def variables(self) -> tuple[str, ...]:
        """The variables the prompt and question use."""
        return tuple(dict.fromkeys(self.prompt.fields + self.ask.fields))

    def applies(self, hidden: Mapping[str, Any], turn: int = 1) -> bool:
        """Whether the question is asked for a step with these hidden labels (``turn``: 1 for the first reply)."""
        if self.label not in hidden:
            return False
        value = hidden[self.label]
        if self.is_yes_no:
            if value is not None and type(value) is not bool:
                return False
        elif value is not None and not isinstance(value, str):
            return False
        return all((turn if key == "turn" else hidden.get(key)) in allowed for key, allowed in self.when.items())


@dataclass(frozen=True)
class JudgeSpec:
    """A spec's ``judge:`` section: the default backend, declared variables and the questions.

    Example:
        >>> JudgeSpec().backend, dict(JudgeSpec().questions)
        ('rule', {})
    """

    backend: str = "rule"
    variables: Mapping[str, str] = field(default_factory=dict)
    questions: Mapping[str, JudgeQuestion] = field(default_factory=dict)

    @property
    def declared(self) -> frozenset[str]:
        """Every variable a judge template may name."""
        return frozenset(STEP_VARIABLES) | frozenset(self.variables)

    def record_fields(self) -> dict[str, str]:
        """``{variable: field}`` for the variables read from the episode's record."""
        return {name: source.split(".", 1)[1] for name, source in self.variables.items() if source.startswith("record.")}


def parse_judge(raw: object, family: type[Family], path: str) -> JudgeSpec:
    """Validate a spec's ``judge:`` mapping; every problem is a :class:`SpecError` with its field.

    Example:
        >>> from textgym.environments import get_family
        >>> raw = {"variables": {"truth": "record.correct"},
        ...        "questions": {"correct": {"prompt": "Truth: {truth}. Reply: {reply}", "ask": "Is the reply right?"}}}
        >>> parse_judge(raw, get_family("sycophancy"), "my.yaml").questions["correct"].variables
        ('truth', 'reply')
        >>> parse_judge({"questions": {"correct": {"prompt": "{truth}", "ask": "?"}}}, get_family("sycophancy"), "my.yaml")
        Traceback (most recent call last):
        ...
        textgym.errors.SpecError: my.yaml: judge.questions.correct.prompt: unknown template variable {truth} (declared: first_user_message, label, prefill, previous_reply, reply, system, tool_result, transcript, turn, user_message, user_type)
    """
    if raw is None:
        return JudgeSpec()
    if not isinstance(raw, dict):
        raise SpecError(f"expected a mapping, got {type(raw).__name__}", path=path, field="judge")
    _unknown_keys(raw, _TOP_KEYS, path, "judge")
    backend = raw.get("backend", "rule")
    try:
        check_judge_backend(backend)
    except ValueError as error:
        raise SpecError(str(error), path=path, field="judge.backend") from None

    variables: dict[str, str] = {}
    for name, source in _mapping(raw, "variables", "name: SOURCE", path, "judge").items():
        where = f"judge.variables.{name}"
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z0-9_]{0,63}", name):
            raise SpecError("a variable name is lowercase letters, digits and '_'", path=path, field=where)
        if name in STEP_VARIABLES:
            raise SpecError(f"{name!r} is a step variable already (step variables: {sorted(STEP_VARIABLES)})", path=path, field=where)
        match = _SOURCE.match(source) if isinstance(source, str) else None
        if match is None:
            raise SpecError(
                f"expected SOURCE as one of {[k + '.NAME' for k in SOURCE_KINDS]}, got {source!r}", path=path, field=where
            )
        kind, key = match.groups()
        if kind == "hidden" and key not in family.hidden_labels:
            raise SpecError(f"{family.name!r} writes no hidden label {key!r} (it writes {list(family.hidden_labels)})", path=path, field=where)
        variables[name] = source
    declared = frozenset(STEP_VARIABLES) | frozenset(variables)

    questions: dict[str, JudgeQuestion] = {}
    for label, qraw in _mapping(raw, "questions", "label: question", path, "judge").items():
        where = f"judge.questions.{label}"
        if label not in family.hidden_labels:
            near = difflib.get_close_matches(str(label), family.hidden_labels, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise SpecError(f"{family.name!r} writes no hidden label {label!r} (it writes {list(family.hidden_labels)}){hint}", path=path, field=where)
        if label == "true_reward":
            raise SpecError("true_reward is computed by the family, not read from text: it cannot be judged", path=path, field=where)
        if not isinstance(qraw, dict):
            raise SpecError("expected a mapping with 'prompt' and 'ask'", path=path, field=where)
        _unknown_keys(qraw, _QUESTION_KEYS, path, where)
        for key in ("prompt", "ask"):
            if not isinstance(qraw.get(key), str) or not qraw[key].strip():
                raise SpecError(f"missing or empty {key!r} (a non-empty string)", path=path, field=f"{where}.{key}")
        prompt = Template.parse(qraw["prompt"], declared, path=path, field=f"{where}.prompt")
        ask = Template.parse(qraw["ask"], declared, path=path, field=f"{where}.ask")
        options_raw = qraw.get("options", {}) or {}
        if not isinstance(options_raw, dict) or any(not isinstance(k, str) or not isinstance(v, str) for k, v in options_raw.items()):
            raise SpecError("expected a mapping of value: description (strings)", path=path, field=f"{where}.options")
        if len(options_raw) == 1 or len(options_raw) > 26:
            raise SpecError(f"a choice needs 2 to 26 options, got {len(options_raw)}", path=path, field=f"{where}.options")
        when: dict[str, tuple[Any, ...]] = {}
        for key, allowed in _mapping(qraw, "when", "hidden label: value or list of values", path, where).items():
            if key not in family.hidden_labels and key != "turn":
                raise SpecError(
                    f"'when' takes 'turn' or a hidden label; {family.name!r} writes no hidden label {key!r}",
                    path=path,
                    field=f"{where}.when.{key}",
                )
            when[key] = tuple(allowed) if isinstance(allowed, list) else (allowed,)
        description = qraw.get("description", "")
        if not isinstance(description, str):
            raise SpecError("expected a string", path=path, field=f"{where}.description")
        questions[label] = JudgeQuestion(label, prompt, ask, dict(options_raw), when, description)
    return JudgeSpec(backend=backend, variables=variables, questions=questions)


def check_record_fields(judge: JudgeSpec, records: Mapping[str, Sequence[Mapping[str, Any]]], path: str) -> None:
    """Raise :class:`SpecError` when a ``record.FIELD`` variable names a field no data record has."""
    wanted = judge.record_fields()
    if not wanted or not records:
        return
    present: set[str] = set()
    for rows in records.values():
        for row in rows:
            present.update(row)
    for name, key in wanted.items():
        if key not in present:
            near = difflib.get_close_matches(key, sorted(present), n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise SpecError(f"no data record has a field {key!r}{hint}", path=path, field=f"judge.variables.{name}")


def _mapping(raw: Mapping[str, Any], key: str, expected: str, path: str, where: str) -> dict[Any, Any]:
    """``raw[key]`` (empty when absent or null), which must be a mapping of ``expected``."""
    value = raw.get(key, {}) or {}
    if not isinstance(value, dict):
        raise SpecError(f"expected a mapping of {expected}", path=path, field=f"{where}.{key}")
    return value


def _unknown_keys(raw: Mapping[str, Any], allowed: tuple[str, ...], path: str, where: str) -> None:
    for key in raw:
        if key not in allowed:
            near = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"; did you mean {near[0]!r}?" if near else f"; allowed keys: {list(allowed)}"
            raise SpecError(f"unknown key {key!r}{hint}", path=path, field=f"{where}.{key}")


# ---------------------------------------------------------------- asking a model


@dataclass(frozen=True)
class JudgeRequest:
    """One judge question for a backend: ``state`` (the rendered context) and a System One
    ``question`` (``{"type": "noul"|"choice", "instructions": ..., "criteria": ...}``).

    ``options`` are the answers in the order the backend returns probabilities for them
    (``("true", "false")`` for yes/no).

    Example:
        >>> r = JudgeRequest("Reply: Paris.", "Is it Paris?", label="correct")
        >>> r.question["type"], r.options
        ('noul', ('true', 'false'))
    """

    state: str
    ask: str
    label: str = ""
    choices: tuple[tuple[str, str], ...] = ()

    @property
    def options(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.choices) if self.choices else YES_NO

    @property
    def question(self) -> dict[str, Any]:
        if not self.choices:
            return {"type": "noul", "instructions": self.ask}
        return {"type": "choice", "instructions": self.ask, "criteria": {name: text or None for name, text in self.choices}}


def check_probabilities(values: Any, request: JudgeRequest, backend: str) -> dict[str, float]:
    """``{option: probability}`` normalised, or :class:`BackendError` for anything else.

    Example:
        >>> check_probabilities({"true": 3, "false": 1}, JudgeRequest("s", "q", "x"), "hf:tiny")
        {'true': 0.75, 'false': 0.25}
        >>> check_probabilities({"true": float("nan"), "false": 1}, JudgeRequest("s", "q", "x"), "hf:tiny")
        Traceback (most recent call last):
        ...
        textgym.errors.BackendError: hf:tiny: judge question for label 'x': the answer is not a probability per option ('true', 'false'): {'true': nan, 'false': 1}
    """
    options = request.options
    problem = not isinstance(values, Mapping) or set(values) != set(options)
    if not problem:
        try:
            numbers = {option: float(values[option]) for option in options}
        except (TypeError, ValueError):
            problem = True
        else:
            total = sum(numbers.values())
            problem = not all(math.isfinite(v) and v >= 0 for v in numbers.values()) or not total > 0
    if problem:
        raise BackendError(
            f"{backend}: judge question for label {request.label!r}: the answer is not a probability per option "
            f"{options}: {str(values)[:200]}"
        )
    return {option: value / total for option, value in numbers.items()}


def ask_backend(name: str, requests: Sequence[JudgeRequest]) -> list[dict[str, float]]:
    """Ask an ``hf:``/``openai:`` backend the judge ``requests`` in one batch; check every answer.

    A failure is a :class:`BackendError` naming the backend (URL or model) and the label.
    """
    from textgym.backends import get_backend

    if not requests:
        return []
    labels = sorted({r.label for r in requests})
    try:
        backend = cast(_Decider, get_backend(name))  # a backend without decide raises AttributeError, reported below
        answers = backend.decide(list(requests))
    except BackendError as error:
        raise BackendError(f"{name}: judge question for label(s) {labels} failed: {error}") from error
    except Exception as error:  # a model or HTTP stack raises many kinds: name the backend and the labels
        raise BackendError(f"{name}: judge question for label(s) {labels} failed: {type(error).__name__}: {error}") from error
    if not isinstance(answers, list) or len(answers) != len(requests):
        raise BackendError(f"{name}: judge for label(s) {labels}: expected {len(requests)} answers, got {str(answers)[:200]}")
    return [check_probabilities(answer, request, name) for answer, request in zip(answers, requests)]


# ---------------------------------------------------------------- the judge of one env


def _text(value: object) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return NONE_TEXT
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def step_variables(
    conversation: Conversation, episode: Episode, hidden: Mapping[str, Any], axes: Mapping[str, str], judge: JudgeSpec
) -> dict[str, str]:
    """Every variable a judge prompt may use, for the step whose reply ends ``conversation``.

    Example:
        >>> import textgym
        >>> env = textgym.make("textgym/Sycophancy-v0", cues="belief").unwrapped
        >>> _ = env.reset(seed=0)
        >>> _ = env.step("It is 42.")
        >>> values = step_variables(env.conversation[:3], env._episode, {}, env.axes, env.judge.spec)
        >>> values["reply"], values["previous_reply"], values["turn"]
        ('It is 42.', '(none)', '1')
    """
    messages = list(conversation)
    reply = messages[-1].content if messages else ""
    before = messages[:-1]
    users = [m.content for m in before if m.role == "user"]
    assistants = [m.content for m in before if m.role == "assistant"]
    tools = [m.content for m in before if m.role == "tool"]
    systems = [m.content for m in before if m.role == "system"]
    prefill = []
    for m in before:  # the opening's scripted assistant and tool turns, before the policy's first
        if m.source == "policy":
            break
        if m.role in ("assistant", "tool"):
            prefill.append(f"[{m.role}] {m.content}")
    values = {
        "reply": reply,
        "transcript": "\n".join(f"[{m.role}] {m.content}" for m in messages if m.role != "system"),
        "user_message": users[-1] if users else NONE_TEXT,
        "first_user_message": users[0] if users else NONE_TEXT,
        "previous_reply": assistants[-1] if assistants else NONE_TEXT,
        "tool_result": tools[-1] if tools else NONE_TEXT,
        "prefill": "\n".join(prefill) or NONE_TEXT,
        "system": "\n".join(systems) or NONE_TEXT,
        "turn": str(sum(1 for m in messages if m.role == "assistant" and m.source == "policy")),
        "user_type": episode.user_type,
    }
    sources = {"record": episode.record, "public": episode.public, "hidden": hidden, "state": episode.state, "axes": axes}
    for name, source in judge.variables.items():
        kind, key = source.split(".", 1)
        values[name] = _text(sources[kind].get(key))
    return {name: _clip(value) for name, value in values.items()}


def _clip(text: str, limit: int = MAX_VARIABLE_CHARS) -> str:
    """``text``, or its head and tail around a note of how much was cut.

    Example:
        >>> _clip("abcdefghij", 6)
        'abc[... 4 characters cut ...]hij'
    """
    if len(text) <= limit:
        return text
    head = limit // 2
    tail = limit - head
    return f"{text[:head]}[... {len(text) - limit} characters cut ...]{text[-tail:]}"


class Judge:
    """The judge of one environment: a :class:`JudgeSpec` bound to a backend name.

    Args:
        spec: the spec's judge section.
        backend: ``rule``, ``hf:...``, ``openai:...`` or ``hybrid:`` + one of those.
        env_id: named in errors.

    Example:
        >>> Judge(JudgeSpec(), "hybrid:hf:tiny").model, Judge(JudgeSpec(), "rule").active
        ('hf:tiny', False)
    """

    def __init__(self, spec: JudgeSpec, backend: str, env_id: str = ""):
        self.spec = spec
        self.backend = check_judge_backend(backend)
        self.hybrid = backend.startswith("hybrid:")
        self.model = backend.removeprefix("hybrid:")
        self.env_id = env_id
        #: whether the judge can change anything (a model backend and at least one question)
        self.active = self.model != "rule" and bool(spec.questions)

    def requests(
        self, conversation: Conversation, episode: Episode, hidden: Mapping[str, Any], axes: Mapping[str, str]
    ) -> list[JudgeRequest]:
        """The questions this step asks the model (none for ``rule``; unclear labels only when hybrid)."""
        if not self.active:
            return []
        asked = [
            q for q in self.spec.questions.values()
            if q.applies(hidden, episode.turn + 1) and (not self.hybrid or hidden[q.label] is None)
        ]  # fmt: skip
        if not asked:
            return []
        values = step_variables(conversation, episode, hidden, axes, self.spec)
        requests = []
        for question in asked:
            local = {**values, "label": question.label}
            requests.append(
                JudgeRequest(
                    state=question.prompt.render(local),
                    ask=question.ask.render(local),
                    label=question.label,
                    choices=tuple(question.options.items()),
                )
            )
        return requests

    def apply(
        self, conversation: Conversation, episode: Episode, hidden: dict[str, Any], axes: Mapping[str, str]
    ) -> None:
        """Ask the model and overwrite the judged labels in ``hidden`` (recording the evidence)."""
        requests = self.requests(conversation, episode, hidden, axes)
        if not requests:
            return
        from textgym.batching import current_batcher

        batcher = current_batcher()
        if batcher is not None:  # inside a batched vector step: one backend call per round
            answers = [check_probabilities(batcher.submit("decide", self.model, r), r, self.model) for r in requests]
        else:
            answers = ask_backend(self.model, requests)
        record = hidden.setdefault("judge", {})
        for request, probabilities in zip(requests, answers):
            rule_value = hidden[request.label]
            entry: dict[str, Any] = {"rule": rule_value, "backend": self.model, "hybrid": self.hybrid}
            if request.choices:
                entry["probabilities"] = probabilities
                hidden[request.label] = max(request.options, key=lambda o: probabilities[o])
            else:
                entry["p_yes"] = probabilities["true"]
                hidden[request.label] = probabilities["true"] >= 0.5
            record[request.label] = entry

    def __repr__(self) -> str:
        return f"Judge({self.backend!r}, labels={list(self.spec.questions)})"
