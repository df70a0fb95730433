"""``chat``: the declarative family — a whole environment in YAML, no Python.

The spec's ``chat:`` section (parsed by :mod:`textgym.declarative.config`) declares the record
schema, the user types (gameable or not; from a record field or sampled by the ``users`` axis),
the dialogue (prefilled turns, an opening user template, scripted follow-ups or an LLM simulated
user), *readers* (negation-aware boolean readings of a reply), a 1–10 *rating table* per user type
(the ``rule`` backend of the ``rater`` role; an ``hf:``/``openai:`` rater renders the role's prompt
instead and rates by next-token probabilities), the *truth* table (``true_reward`` in [0, 1]),
optional *judges* (hidden labels from a rule table or an LLM judge prompt, role ``judge_NAME``) and
the reference policies as templates over record fields.

Each episode: one record (sampled, or chosen with ``reset(options={"record": ID_or_index})``),
one user type. Hidden labels every step: each reader and label, each judge (``NAME`` and
``NAME_score``), ``true_reward``, ``user_type``, ``gameable`` and ``record`` (the record's id).
Readers, labels and rule judges are three-valued: ``None`` where the reply's reading is unclear
(for a rule judge: where an unclear reading could change its score or its verdict); the rating,
follow-ups and ``true_reward`` react to the best reading.

Example:
    >>> import textgym
    >>> env = textgym.make("textgym/CodeReview-v0", users="proud").unwrapped
    >>> obs, info = env.reset(seed=0)
    >>> info["user_type"], obs[-1].role
    ('proud_author', 'user')
    >>> exploit = env.reference_policies()["exploit"](obs)
    >>> _, reward, *_, info = env.step(exploit)
    >>> info["hidden"]["names_bug"], info["hidden"]["true_reward"], reward > 0.5
    (False, 0.0, True)
"""

from __future__ import annotations

import functools

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textgym.declarative.config import ROLE_VARIABLES, ChatConfig, parse_chat_config
from textgym.declarative.records import check_records, load_records
from textgym.declarative.rules import possible_scores, score
from textgym.environments.base import Episode, EpisodeRandom, Family, ReferencePolicy, Turn
from textgym.errors import SpecError
from textgym.types import Conversation, Message

if TYPE_CHECKING:
    from textgym.roles import RoleSet
    from textgym.spec import Spec

_CLASSES: dict[ChatConfig, type[Chat]] = {}
_CHECKED: set[tuple[Path, int, ChatConfig]] = set()


def transcript(conversation: Conversation) -> str:
    """The conversation as ``User: ...`` / ``Assistant: ...`` lines (no system prompt)."""
    return "\n".join(f"{m.role.capitalize()}: {m.content}" for m in conversation if m.role != "system")


class Chat(Family):
    """The declarative family: everything comes from the spec's ``chat:`` section."""

    name = "chat"
    description = "A declarative environment: records, dialogue, rating and truth tables from YAML."
    config_key: ClassVar[str | None] = "chat"
    supports_record_choice: ClassVar[bool] = True
    config: ClassVar[ChatConfig | None] = None
    user_types: ClassVar[tuple[str, ...]] = ()
    template_names: ClassVar[tuple[str, ...]] = ()
    template_variables: ClassVar[frozenset[str]] = frozenset()
    data_files = ("records",)
    reward_components = ("rating",)
    default_weights = ("rating",)
    hidden_labels: ClassVar[tuple[str, ...]] = ()

    # -------------------------------------------------------------- the class for one spec

    @classmethod
    def parse_config(cls, raw: Mapping[str, Any], source: str) -> ChatConfig:
        return parse_chat_config(raw, source)

    @classmethod
    def specialize(cls, config: Any) -> type[Family]:
        """The family class of one ``chat:`` section (cached): its user types, templates, roles, labels."""
        if config is None:
            return cls
        found = _CLASSES.get(config)
        if found is None:
            variables = config.template_variables
            role_vars = variables | ROLE_VARIABLES
            roles = {"rater": role_vars, **({"user": role_vars} if config.simulated_user else {})}
            roles.update({f"judge_{j.name}": role_vars for j in config.judges})
            labels = config.boolean_names + tuple(x for j in config.judges for x in (j.name, f"{j.name}_score"))
            found = type(cls.__name__, (cls,), {
                "__module__": cls.__module__, "__doc__": cls.__doc__, "config": config,
                "user_types": config.user_type_names, "template_names": config.templates, "template_variables": variables,
                "roles": roles, "data_files": (config.data_key,), "hidden_labels": labels + ("true_reward", "user_type", "gameable", "record"),
                "default_max_turns": 1 + len(config.follow_ups), "max_prefill_messages": config.max_prefill,
                "reference_policy_names": tuple(name for name, _ in config.policies), "metric_labels": dict(config.metrics),
            })
            _CLASSES[config] = found
        return found

    # -------------------------------------------------------------- data

    @classmethod
    def load_data(cls, spec: Spec) -> dict[str, tuple[dict[str, Any], ...]]:
        config = cls.config
        if config is None:
            raise SpecError("a chat spec needs a 'chat:' section", path=spec.path, field="chat")
        path = Path(spec.data[config.data_key])
        records = load_records(path, config.fields)
        key = (path, path.stat().st_mtime_ns, config)
        if key not in _CHECKED:
            check_records(path, records, config, spec)
            _CHECKED.add(key)
        return {config.data_key: records}

    def __init__(self, spec: Any, axes: Mapping[str, str], templates: Mapping[str, Any]):
        super().__init__(spec, axes, templates)
        config = type(self).config
        assert config is not None
        self.chat: ChatConfig = config
        self.records = self.data[config.data_key]
        self._user_vars = {u.name: dict(u.vars) for u in config.user_types}
        self._gameable = {u.name: u.gameable for u in config.user_types}
        self._ids = [r.get(config.id_field, i) if config.id_field else i for i, r in enumerate(self.records)]
        self._by_id = {str(v): i for i, v in enumerate(self._ids)}
        self._by_type: dict[str, list[int]] = {}
        if config.user_field:
            for i, r in enumerate(self.records):
                self._by_type.setdefault(r[config.user_field], []).append(i)
        self._compiled: dict[tuple[str, int], Any] = {}
        self._static = {r.name: r.compile({}) for r in config.readers if r.field is None and r.tone is None}
        self._index: dict[str, tuple[int, str]] | None = None
        self._suffix = spec.axes["cues"].get(axes["cues"]).user_suffix

    def record_count(self) -> int:
        """How many records ``reset(options={"record": ...})`` can choose from."""
        return len(self.records)

    def record_index(self, record: Any) -> int:
        """The index of a record given by id (any type, compared as text) or by integer index."""
        if isinstance(record, str):
            if record not in self._by_id:
                raise ValueError(f"{self.spec.id}: no record with id {record!r}")
            return self._by_id[record]
        if isinstance(record, int) and not isinstance(record, bool) and -len(self.records) <= record < len(self.records):
            return record % len(self.records)
        raise ValueError(f"{self.spec.id}: record must be an id or an index in [0, {len(self.records)}), got {record!r}")

    # -------------------------------------------------------------- dialogue

    def values(self, index: int, user_type: str) -> dict[str, Any]:
        """The template variables of one record and user type."""
        return {**self.records[index], **self._user_vars[user_type], "user_type": user_type}

    def opening(self, index: int, user_type: str) -> list[Message]:
        """The opening turns: the record's prefilled messages, then the opening user template."""
        config, record = self.chat, self.records[index]
        messages = []
        for item in record.get(config.prefill, []) if config.prefill else []:
            role = item["role"]
            messages.append(Message(role, item["content"], source="prefill" if role == "assistant" else "env"))
        if config.opening:
            messages.append(Message("user", self.render(config.opening, **self.values(index, user_type))))
        return messages

    def begin(self, rng: EpisodeRandom, user_type: str, record: Any = None) -> Episode:
        draw = rng.random()  # one draw whatever the options, so the rest of the stream never moves
        field = self.chat.user_field
        if record is not None:
            index = self.record_index(record)
            user_type = self.records[index][field] if field else user_type
        else:
            candidates = self._by_type.get(user_type) if field else None
            if field and not candidates:
                raise ValueError(f"{self.spec.id}: no record has {field} = {user_type!r}")
            n = len(candidates) if candidates is not None else len(self.records)
            pick = min(int(draw * n), n - 1)
            index = candidates[pick] if candidates is not None else pick
        public = {"record": self._ids[index], "record_index": index}
        state = {"index": index, "values": self.values(index, user_type)}
        return Episode(record=self.records[index], user_type=user_type, opening=self.opening(index, user_type), public=public, state=state)

    def read(self, action: str, index: int, previous: Mapping[str, bool] | None = None) -> dict[str, bool]:
        """Every reader's and label's value for one reply to record ``index``; ``was NAME`` keys
        carry the ``previous`` turn's values (all false on the first turn). An unclear reading
        counts as holding its match here (:meth:`decided` keeps it unclear)."""
        return self.decided(action, index, previous)[0]

    def decided(
        self, action: str, index: int, previous: Mapping[str, bool] | None = None, previous_known: Mapping[str, bool | None] | None = None
    ) -> tuple[dict[str, bool], dict[str, bool | None]]:
        """(:meth:`read`'s two-valued values, the same with ``None`` where a reading is unclear).

        The two-valued values drive the rating table, the follow-ups and ``true_reward`` (what
        the simulated user and rater react to); the three-valued ones are the hidden labels. A
        label is False when one of its conditions is false, unclear when none is false and one
        is unclear, and True otherwise."""
        record, values, known = self.records[index], {}, {}
        for reader in self.chat.readers:
            compiled = self._static.get(reader.name)
            if compiled is None and reader.field is not None:
                compiled = self._compiled.get((reader.name, index))
                if compiled is None:
                    compiled = reader.compile(record)
                    if len(self._compiled) < 65_536:
                        self._compiled[(reader.name, index)] = compiled
            decision = reader.decide(action, record, compiled)
            values[reader.name], known[reader.name] = decision is not False, decision
        names = [r.name for r in self.chat.readers] + [name for name, _ in self.chat.labels]
        for name in names:
            values[f"was {name}"] = bool(previous.get(name, False)) if previous else False
            known[f"was {name}"] = previous_known.get(name, False) if previous_known else values[f"was {name}"]
        for name, conditions in self.chat.labels:
            values[name] = all(bool(values[n]) != negated for n, negated in conditions)
            held = [None if known[n] is None else bool(known[n]) != negated for n, negated in conditions]
            known[name] = False if False in held else None if None in held else True
        return values, known

    def respond(self, episode: Episode, conversation: Conversation, action: str, roles: RoleSet) -> Turn:
        config, state, user_type = self.chat, episode.state, episode.user_type
        values, known = self.decided(action, state["index"], state.get("previous"), state.get("previous_known"))
        state["previous"], state["previous_known"] = values, known
        reading = values  # the simulated user and rater react to the best reading; hidden keeps the unclear ones
        variables = lambda: {**state["values"], "reply": action, "transcript": transcript(conversation), "turn": str(episode.turn + 1)}  # noqa: E731
        table = config.table_for(user_type)
        rating = roles.rate("rater", rule=lambda: score(table, reading), variables=variables)
        hidden: dict[str, Any] = {k: v for k, v in known.items() if not k.startswith("was ")}
        for judge in config.judges:
            role = f"judge_{judge.name}"
            verdict = roles.rate(role, rule=functools.partial(score, judge.rows, reading), variables=variables)
            # a rule judge's score is unclear where an unclear reading could change it (a model judge always answers)
            scores = possible_scores(judge.rows, known) if roles.is_rule(role) else frozenset({verdict.score})
            passes = {s >= judge.threshold for s in scores}
            hidden[judge.name] = verdict.score >= judge.threshold if len(passes) == 1 else None
            hidden[f"{judge.name}_score"] = float(verdict.score) if len(scores) == 1 else None
        hidden.update(true_reward=score(config.truth, reading), user_type=user_type, gameable=self._gameable[user_type], record=self._ids[state["index"]])
        k = episode.turn
        scripted = None
        if k < len(config.follow_ups):
            say = next(t for conditions, t in config.follow_ups[k] if all(bool(reading[n]) != neg for n, neg in conditions))
            scripted = None if say is None else self.render(say, **state["values"])
        next_user = scripted
        if config.simulated_user and not roles.is_rule("user"):
            next_user = roles.reply("user", rule=lambda: scripted or "", variables=variables)
            if config.stop and config.stop in next_user or not next_user.strip():
                next_user = None
        return Turn(components={"rating": rating.normalized}, hidden=hidden, next_user=next_user, rating_method=rating.method)

    # -------------------------------------------------------------- reference policies

    def _key(self, conversation: Conversation) -> str:
        """The opening turns (up to the policy's first reply) as one lookup key, cue suffix removed."""
        parts, suffixed = [], False
        for m in conversation:
            if m.role == "system":
                continue
            if m.source == "policy":
                break
            text = m.content
            if m.role == "user" and not suffixed:
                suffixed = True
                if self._suffix and text.endswith(" " + self._suffix):
                    text = text[: -len(self._suffix) - 1]
            parts.append(text)
        if not parts:
            raise ValueError("the conversation has no opening turn to find the record by")
        return "\x00".join(parts)

    def locate(self, conversation: Conversation) -> tuple[int, str]:
        """The record index and user type whose opening the conversation starts with."""
        if self._index is None:
            index: dict[str, tuple[int, str]] = {}
            for i, record in enumerate(self.records):
                types = [record[self.chat.user_field]] if self.chat.user_field else list(self.user_types)
                for user_type in types:
                    opening = self.opening(i, user_type)
                    if opening:
                        index.setdefault("\x00".join(m.content for m in opening), (i, user_type))
            self._index = index
        found = self._index.get(self._key(conversation))
        if found is None:
            raise ValueError(f"{self.spec.id}: no record's opening matches {self._key(conversation)[:80]!r}")
        return found

    def record_for(self, conversation: Conversation) -> Mapping[str, Any]:
        return self.records[self.locate(conversation)[0]]

    def reference_policies(self) -> Mapping[str, ReferencePolicy]:
        def make(by_type: Mapping[str, tuple[Any, ...]]) -> ReferencePolicy:
            def policy(conversation: Conversation) -> str:
                index, user_type = self.locate(conversation)
                templates = by_type.get(user_type) or by_type["default"]
                k = sum(1 for m in conversation if m.role == "assistant" and m.source == "policy")
                return templates[min(k, len(templates) - 1)].render(self.values(index, user_type))

            return policy

        return {name: make(dict(by_type)) for name, by_type in self.chat.policies}
