"""The ``chat:`` section of a declarative spec, parsed and checked at load time.

Every name is checked where it is used: a dialogue step naming an unknown template, a reader
naming an unknown record field, a table condition naming an unknown reader or label, a policy
template naming an unknown variable — each is a :class:`~textgym.errors.SpecError` naming the
file and the field path, raised by :func:`~textgym.spec.load_spec`.

A reader (``chat.readers.NAME``) is either a tone (``tone: positive|negative|balanced``) or a
phrase reader: ``mentions`` (phrases; ``(a|b)`` lists alternatives), ``mentions_field`` (a record
field of phrases) or both, with the options ``skip_conditionals``, ``skip_questions``,
``skip_code``, ``skip_suggestions``, ``skip_rejected``, ``opening_yes``, ``absence_names``,
``word_forms``, ``imperatives`` (each ``true`` or ``false``), ``overridden_by`` (phrases of the opposite
position); :class:`textgym.declarative.rules.Reader` says what each one does.

Example:
    >>> raw = {"data": {"records": "r.jsonl"}, "templates": {"ask": "{question}"}, "chat": {
    ...     "fields": {"id": "str", "question": "str", "answer": "str"},
    ...     "users": {"trusting": {"gameable": True}, "careful": {}},
    ...     "dialogue": {"opening": "ask"},
    ...     "readers": {"right": {"mentions_field": "answer"}},
    ...     "rating": {"default": [{"if": ["right"], "score": 8}, {"score": 3}]},
    ...     "truth": [{"if": ["right"], "score": 1}, {"score": 0}],
    ...     "policies": {"aligned": "It is {answer}.", "exploit": "Great question!"}}}
    >>> config = parse_chat_config(raw, "<spec>")
    >>> config.user_type_names, sorted(config.template_variables)
    (('trusting', 'careful'), ['answer', 'id', 'question', 'user_type'])
    >>> parse_chat_config({**raw, "chat": {**raw["chat"], "policies": {"aligned": "{answr}"}}}, "x.yaml")
    Traceback (most recent call last):
    ...
    textgym.errors.SpecError: x.yaml: chat.policies.aligned: unknown template variable {answr} (declared: answer, id, question, user_type)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from textgym.declarative.rules import MAX_EXPANSIONS, TONES, Reader, Row, expansions
from textgym.declarative.schema import ROLE_VARIABLES, ChatConfig, FieldSpec, Judge, UserType
from textgym.errors import SpecError
from textgym.templates import Template

if TYPE_CHECKING:
    from textgym.spec import _Fields

__all__ = ["ROLE_VARIABLES", "ChatConfig", "FieldSpec", "Judge", "UserType", "parse_chat_config"]

FIELD_TYPES = ("str", "int", "float", "bool", "list", "dict")
MAX_FIELDS = 64
MAX_ROWS = 64
MAX_PREFILL = 32
RESERVED = ("default",)
#: Options of a phrase reader (``textgym.declarative.rules.Reader`` documents each).
PHRASE_OPTIONS = ("skip_conditionals", "skip_questions", "skip_code", "skip_suggestions", "opening_yes", "absence_names", "skip_rejected", "word_forms", "imperatives", "overridden_by")


def _fields(raw: object, path: str, where: str, allowed: tuple[str, ...]) -> _Fields:
    from textgym.spec import _Fields

    return _Fields(raw, path, where, allowed)


def _name(value: object, what: str, path: str, where: str) -> str:
    from textgym.spec import _check_name

    return _check_name(value, what, path, where)


def _conditions(raw: object, known: tuple[str, ...], path: str, where: str) -> tuple[tuple[str, bool], ...]:
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or len(items) > MAX_ROWS:
        raise SpecError(f"expected a list of conditions (NAME or 'not NAME'), got {raw!r}", path=path, field=where)
    result = []
    for item in items:
        if not isinstance(item, str):
            raise SpecError(f"a condition is a string NAME or 'not NAME', got {item!r}", path=path, field=where)
        negated = item.startswith("not ")
        name = " ".join((item[4:] if negated else item).split())
        if name.removeprefix("was ") not in known:  # "was NAME": its value at the previous turn
            raise SpecError(f"unknown reader or label {name!r} in condition {item!r} (known: {list(known)})", path=path, field=where)
        result.append((name, negated))
    return tuple(result)


def _table(raw: object, known: tuple[str, ...], lo: float, hi: float, path: str, where: str) -> tuple[Row, ...]:
    if not isinstance(raw, list) or not raw or len(raw) > MAX_ROWS:
        raise SpecError(f"expected a list of 1 to {MAX_ROWS} rows {{if: [...], score: x}}", path=path, field=where)
    rows = []
    for i, row_raw in enumerate(raw):
        f = _fields(row_raw, path, f"{where}[{i}]", ("if", "score"))
        conditions = _conditions(f.get("if", (list, str), []), known, path, f.sub("if"))
        rows.append(Row(conditions, f.number("score", lo, lo, hi) if f.has("score") else f.get("score", (int, float), required=True)))
    if rows[-1].conditions:
        raise SpecError("the last row must have no 'if' (it scores every reply no other row matches)", path=path, field=f"{where}[{len(rows) - 1}]")
    return tuple(rows)


def _template(text: str, variables: frozenset[str], path: str, where: str) -> Template:
    return Template.parse(text, variables, path=path, field=where)


def parse_chat_config(raw_spec: Mapping[str, Any], path: str) -> ChatConfig:
    """Parse ``raw_spec["chat"]`` (and the names of ``raw_spec["templates"]``) into a :class:`ChatConfig`."""
    top = _fields(raw_spec, path, "", tuple(raw_spec))
    chat = _fields(top.get("chat", dict, required=True), path, "chat", (
        "fields", "id_field", "users", "user_field", "dialogue", "readers", "labels", "rating", "truth", "judges", "policies", "metrics"))
    data_raw = raw_spec.get("data", {})
    data_keys = list(data_raw) if isinstance(data_raw, dict) else []
    if len(data_keys) != 1:
        raise SpecError(f"a chat spec names exactly one data file (e.g. data: {{records: records.jsonl}}), got {data_keys}", path=path, field="data")
    _name(data_keys[0], "data file key", path, f"data.{data_keys[0]}")
    templates_raw = raw_spec.get("templates", {})
    templates = tuple(templates_raw) if isinstance(templates_raw, dict) else ()
    for t in templates:
        _name(t, "template name", path, f"templates.{t}")

    fields_raw = chat.get("fields", dict, required=True)
    if not fields_raw or len(fields_raw) > MAX_FIELDS:
        raise chat.error(f"declare 1 to {MAX_FIELDS} record fields (name: type)", "fields")
    fields = []
    for name, kind in fields_raw.items():
        _name(name, "field name", path, f"chat.fields.{name}")
        optional = isinstance(kind, str) and (kind.endswith("?") or kind.startswith("optional "))
        base = kind.removeprefix("optional ").rstrip("?").strip() if isinstance(kind, str) else kind
        if base not in FIELD_TYPES:
            raise chat.error(f"field type must be one of {list(FIELD_TYPES)} ('optional TYPE' or 'TYPE?' if optional), got {kind!r}", f"fields.{name}")
        fields.append(FieldSpec(name, base, not optional))
    kinds = {f.name: f.kind for f in fields}

    def field_ref(key: str, types: tuple[str, ...], owner: _Fields = chat) -> str | None:
        value = owner.get(key, (str, type(None)), None)
        if value is not None and value not in kinds:
            raise owner.error(f"unknown record field {value!r} (declared: {list(kinds)})", key)
        if value is not None and kinds[value] not in types:
            raise owner.error(f"field {value!r} is a {kinds[value]}; expected one of {list(types)}", key)
        return value

    id_field = field_ref("id_field", ("str", "int")) if chat.has("id_field") else ("id" if kinds.get("id") in ("str", "int") else None)

    users_raw = chat.get("users", dict, required=True)
    if not users_raw:
        raise chat.error("declare at least one user type", "users")
    user_types, var_keys = [], None
    for name, u_raw in users_raw.items():
        where = f"chat.users.{name}"
        _name(name, "user type", path, where)
        if name in RESERVED:
            raise SpecError(f"{name!r} is reserved (it names the fallback rating table)", path=path, field=where)
        u = _fields(u_raw if u_raw is not None else {}, path, where, ("gameable", "vars", "description"))
        variables = u.get("vars", dict, {})
        for k, v in variables.items():
            _name(k, "variable name", path, f"{where}.vars.{k}")
            if not isinstance(v, str) or k in kinds or k == "user_type":
                raise u.error(f"a user variable is a string not named like a record field, got {k}: {v!r}", f"vars.{k}")
        if var_keys is not None and set(variables) != var_keys:
            raise u.error(f"every user type must define the same vars {sorted(var_keys)}", "vars")
        var_keys = set(variables)
        user_types.append(UserType(name, u.get("gameable", bool, False), tuple(sorted(variables.items()))))
    user_field = field_ref("user_field", ("str",))

    d = _fields(chat.get("dialogue", dict, required=True), path, "chat.dialogue",
                ("prefill", "opening", "follow_ups", "simulated_user", "stop", "max_prefill"))
    prefill = field_ref("prefill", ("list",), d)

    def template_ref(value: str, where: str) -> str:
        if value not in templates:
            raise SpecError(f"unknown template {value!r}, used by {where} (the spec's templates: {list(templates)})", path=path, field="templates")
        return value

    opening = d.get("opening", (str, type(None)), None)
    if opening is not None:
        template_ref(opening, "chat.dialogue.opening")
    elif prefill is None:
        raise d.error("give an opening template, or a prefill field whose messages end with the user's turn", "opening")
    follow_ups_raw = d.get("follow_ups", list, [])
    if len(follow_ups_raw) > 64:
        raise d.error("at most 64 follow-ups", "follow_ups")
    stop = d.get("stop", (str, type(None)), None)

    readers = []
    for name, r_raw in chat.get("readers", dict, {}).items():
        where = f"chat.readers.{name}"
        _name(name, "reader name", path, where)
        r = _fields(r_raw, path, where, ("mentions", "mentions_field", "tone", *PHRASE_OPTIONS))
        if r.has("tone") == (r.has("mentions") or r.has("mentions_field")):
            raise r.error("a reader reads phrases (mentions: a list of phrases, mentions_field: a record field, or both together) or a tone, not both and not neither")
        phrases = r.get("mentions", list, [])
        if not all(isinstance(p, str) and p.strip() for p in phrases) or len(phrases) > 1024:
            raise r.error("mentions must be a list of non-empty phrases (at most 1024)", "mentions")
        for key in ("mentions", "overridden_by"):
            for p in r.get(key, list, []):
                if isinstance(p, str) and expansions(p) > MAX_EXPANSIONS:
                    raise r.error(f"phrase {p!r} lists {expansions(p)} alternatives in all (at most {MAX_EXPANSIONS}); split it", key)
        tone = r.get("tone", (str, type(None)), None)
        if tone is not None and tone not in TONES:
            raise r.error(f"tone must be one of {list(TONES)}, got {tone!r}", "tone")
        for option in PHRASE_OPTIONS:
            if r.has(option) and tone is not None:
                raise r.error(f"{option} applies to phrase readers (mentions, mentions_field), not to a tone", option)
        flags = {option: r.get(option, bool, False) for option in PHRASE_OPTIONS if option != "overridden_by"}
        against = r.get("overridden_by", list, [])
        if not all(isinstance(p, str) and p.strip() for p in against) or len(against) > 1024:
            raise r.error("overridden_by must be a list of non-empty phrases (at most 1024)", "overridden_by")
        readers.append(Reader(name, tuple(phrases), field_ref("mentions_field", ("str", "list"), r), tone, overridden_by=tuple(against), **flags))
    known = tuple(r.name for r in readers)
    labels: list[tuple[str, tuple[tuple[str, bool], ...]]] = []
    for name, cond in chat.get("labels", dict, {}).items():
        _name(name, "label name", path, f"chat.labels.{name}")
        if name in known:
            raise chat.error(f"label {name!r} has the name of a reader", f"labels.{name}")
        labels.append((name, _conditions(cond, known, path, f"chat.labels.{name}")))
        known += (name,)

    follow_ups: list[tuple[tuple[tuple[tuple[str, bool], ...], str | None], ...]] = []
    for i, step in enumerate(follow_ups_raw):
        where = f"chat.dialogue.follow_ups[{i}]"
        if isinstance(step, str):
            follow_ups.append((((), template_ref(step, where)),))
            continue
        if not isinstance(step, list) or not step or len(step) > MAX_ROWS:
            raise SpecError("a follow-up is a template name, or a list of {if: [...], say: TEMPLATE} rows (say: null ends the episode)", path=path, field=where)
        rows: list[tuple[tuple[tuple[str, bool], ...], str | None]] = []
        for j, row_raw in enumerate(step):
            f = _fields(row_raw, path, f"{where}[{j}]", ("if", "say"))
            say = f.get("say", (str, type(None)), required=True)
            rows.append((_conditions(f.get("if", (list, str), []), known, path, f.sub("if")), None if say is None else template_ref(say, f.sub("say"))))
        if rows[-1][0]:
            raise SpecError("the last row must have no 'if'", path=path, field=f"{where}[{len(rows) - 1}]")
        follow_ups.append(tuple(rows))
    used = {opening} | {t for step in follow_ups for _, t in step}
    for t in templates:
        if t not in used:
            raise SpecError(f"template {t!r} is not used by chat.dialogue (opening or follow_ups)", path=path, field=f"templates.{t}")
    rating_raw = chat.get("rating", dict, required=True)
    rating = []
    for key, table in rating_raw.items():
        if key not in RESERVED and key not in users_raw:
            raise chat.error(f"rating tables are per user type or 'default'; {key!r} is neither (user types: {list(users_raw)})", f"rating.{key}")
        rating.append((key, _table(table, known, 1.0, 10.0, path, f"chat.rating.{key}")))
    missing = [u.name for u in user_types if u.name not in rating_raw and "default" not in rating_raw]
    if missing:
        raise chat.error(f"no rating table for user types {missing} (give one each, or a 'default' table)", "rating")
    truth = _table(chat.get("truth", list, required=True), known, 0.0, 1.0, path, "chat.truth")

    judges = []
    for name, j_raw in chat.get("judges", dict, {}).items():
        where = f"chat.judges.{name}"
        _name(name, "judge name", path, where)
        judge_fields = _fields(j_raw, path, where, ("threshold", "rule"))
        judges.append(Judge(name, judge_fields.number("threshold", 6.0, 1.0, 10.0), _table(judge_fields.get("rule", list, required=True), known, 1.0, 10.0, path, f"{where}.rule")))

    variables = frozenset(kinds) | frozenset(k for k in (var_keys or ())) | {"user_type"}
    policies = []
    for name, p_raw in chat.get("policies", dict, required=True).items():
        where = f"chat.policies.{name}"
        _name(name, "policy name", path, where)
        by_type = p_raw if isinstance(p_raw, dict) else {"default": p_raw}
        for key in by_type:
            if key not in RESERVED and key not in users_raw:
                raise SpecError(f"a policy maps user types or 'default' to templates; {key!r} is neither", path=path, field=f"{where}.{key}")
        if "default" not in by_type and set(by_type) != set(users_raw):
            raise SpecError("a policy by user type needs every user type, or a 'default'", path=path, field=where)
        parsed = []
        for key, texts_raw in by_type.items():
            w = where if not isinstance(p_raw, dict) else f"{where}.{key}"
            texts = [texts_raw] if isinstance(texts_raw, str) else texts_raw
            if not isinstance(texts, list) or not texts or len(texts) > 64:
                raise SpecError("a policy is a template, a list of templates (one per turn, the last repeats), or a mapping of user types to those", path=path, field=w)
            parsed.append((key, tuple(_template(t, variables, path, w if isinstance(texts_raw, str) else f"{w}[{i}]") for i, t in enumerate(texts))))
        policies.append((name, tuple(parsed)))
    metrics = []
    booleans = known + tuple(j.name for j in judges)
    for metric, names in chat.get("metrics", dict, {}).items():
        items = [names] if isinstance(names, str) else names
        if not isinstance(items, list) or not all(n in booleans for n in items):
            raise chat.error(f"metric {metric!r} must list readers, labels or judges (known: {list(booleans)})", f"metrics.{metric}")
        metrics.append((metric, tuple(items)))
    return ChatConfig(
        fields=tuple(fields), data_key=data_keys[0], id_field=id_field, user_types=tuple(user_types), user_field=user_field, templates=templates,
        prefill=prefill, opening=opening, follow_ups=tuple(follow_ups), simulated_user=d.get("simulated_user", bool, False), stop=stop,
        max_prefill=d.integer("max_prefill", 8 if prefill else 0, 0, MAX_PREFILL), readers=tuple(readers), labels=tuple(labels),
        rating=tuple(rating), truth=truth, judges=tuple(judges), policies=tuple(policies), metrics=tuple(metrics),
    )
