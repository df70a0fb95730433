"""``TextEnv``: the Gymnasium environment every spec becomes.

The generic part of every environment lives here: role framing (system prompt), cues, user
sampling from the ``users`` mix, the reward as a declared weighted sum of named components, the
``sparsity`` schedule, the spaces and seeding. The family (:mod:`textgym.environments`) writes
the dialogue and the ground truth.

``info`` of every step carries ``reward_components`` (the named parts of the trained-on reward),
``reward_earned`` (their weighted sum, before sparsity), ``rating_method`` and ``hidden`` (ground
truth, including ``true_reward``). ``hidden`` is never part of an observation or a reward.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import gymnasium as gym
from textgym.environments.base import Episode, EpisodeRandom, Family, ReferencePolicy, Turn, pick_weighted
from textgym.judge import Judge
from textgym.roles import RoleSet
from textgym.sparsity import RewardSchedule, make_schedule
from textgym.spaces import ConversationSpace, UnicodeText, invalid_text_reason
from textgym.spec import Spec, load_spec
from textgym.types import Conversation, Message, unchecked_conversation, unchecked_message

MAX_ACTION_LENGTH = 131_072
_USER_MESSAGE_CACHE = 4096  # distinct user turns kept as ready Message objects, per env


class TextEnv(gym.Env[Conversation, str]):
    """A conversation environment built from a :class:`~textgym.spec.Spec`.

    Args:
        spec: a spec or the path of a YAML spec.
        render_mode: ``"ansi"`` (``render()`` returns the conversation as text) or ``"human"``
            (prints it).
        backends: role → backend name, e.g. ``{"rater": "hf:default"}`` (default: the spec's);
            ``"judge"`` chooses who decides the text-reading hidden labels (:mod:`textgym.judge`).
        max_action_length: the longest action accepted, in characters.
        **axes: a variant name per axis (``framing``, ``cues``, ``users``, ``sparsity`` and the
            family's own axes); unnamed axes take the spec's default.

    Example:
        >>> import textgym
        >>> env = textgym.make("textgym/Sycophancy-v0", cues="belief", sparsity="terminal")
        >>> obs, info = env.reset(seed=0)
        >>> obs[0].role, obs[-1].role
        ('system', 'user')
        >>> obs, reward, terminated, truncated, info = env.step("The answer is 42.")
        >>> sorted(info["reward_components"]), "true_reward" in info["hidden"]
        (['rating'], True)
    """

    metadata = {"render_modes": ["ansi", "human"], "render_fps": 1}
    action_space: UnicodeText
    observation_space: ConversationSpace

    def __init__(
        self,
        spec: Spec | str | Path,
        *,
        render_mode: str | None = None,
        backends: Mapping[str, str] | None = None,
        max_action_length: int = MAX_ACTION_LENGTH,
        **axes: str,
    ):
        if not isinstance(spec, Spec):
            spec = load_spec(spec)
        if render_mode is not None and render_mode not in self.metadata["render_modes"]:
            raise ValueError(f"render_mode must be one of {self.metadata['render_modes']} or None, got {render_mode!r}")
        for name, value in axes.items():
            if value is not None and not isinstance(value, str):
                raise TypeError(f"axis {name!r} takes a variant name (str), got {type(value).__name__}")
        self.textgym_spec = spec
        self.render_mode = render_mode
        self.axes = spec.resolve_axes(axes)
        self.framing = spec.axes["framing"].get(self.axes["framing"])
        self.cues = spec.axes["cues"].get(self.axes["cues"])
        self.users = spec.axes["users"].get(self.axes["users"])
        sparsity = spec.axes["sparsity"].get(self.axes["sparsity"])
        self.schedule: RewardSchedule = make_schedule(
            sparsity.kind, threshold=sparsity.threshold, k=sparsity.k, p=sparsity.p
        )
        backends = dict(backends or {})
        #: who decides the hidden labels that read text (``backends["judge"]``; :mod:`textgym.judge`)
        self.judge = Judge(spec.judge, backends.pop("judge", spec.judge.backend), spec.id)
        self.roles = RoleSet(spec, backends)
        system = self._system_prompt()  # framing and cues are fixed for the env's life
        self._system = Message("system", system) if system is not None else None
        self._weights = tuple(spec.reward.weights.items())
        self._user_types = list(self.users.mix)
        self._user_weights = list(self.users.mix.values())
        self._max_turns = spec.max_turns
        # The family's user turns repeat (templates over a finite data set), and messages are
        # immutable, so each distinct text becomes a Message once (checked, like any family text).
        self._user_messages: dict[str, Message] = {}
        templates = {**spec.templates, **self.cues.templates}
        self.family: Family = spec.family_class()(spec, self.axes, templates)

        self.action_space = UnicodeText(max_action_length)
        self.observation_space = ConversationSpace(
            max_messages=4 + 2 * spec.max_turns + self.family.max_prefill_messages,
            max_message_length=max(max_action_length, 65_536),
        )
        self._episode: Episode | None = None
        self._conversation = Conversation()
        self._done = True

    # ------------------------------------------------------------------ API

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[Conversation, dict[str, Any]]:
        super().reset(seed=seed)
        record, chosen_type = self._reset_options(options) if options else (None, None)
        rng = EpisodeRandom(self.np_random)
        schedule_seed = int(rng.random() * 2**53)  # drawn first, whatever the axes
        user_draw = rng.random()
        self.schedule.reset(schedule_seed)
        user_types = self._user_types
        user_type = user_types[0] if len(user_types) == 1 else user_types[pick_weighted(user_draw, self._user_weights)]
        if chosen_type is not None:  # drawn anyway above, so the random stream does not move
            user_type = chosen_type
        episode = self.family.begin(rng, user_type) if record is None else self.family.begin(rng, user_type, record=record)  # type: ignore[call-arg]
        user_type = episode.user_type  # a family may take it from the record
        opening = episode.opening
        if self.cues.user_suffix:
            opening = list(opening)
            for i, message in enumerate(opening):
                if message.role == "user":
                    opening[i] = Message("user", f"{message.content} {self.cues.user_suffix}".strip())
                    break
        # the system message is immutable, so one object serves every episode
        messages = (self._system, *opening) if self._system is not None else tuple(opening)
        for message in messages:
            if not isinstance(message, Message):
                Conversation(messages)  # raises the TypeError that names the bad item
        self._episode = episode
        self._conversation = unchecked_conversation(messages)
        self._done = False
        info = {"episode": dict(episode.public), "axes": dict(self.axes), "user_type": user_type}
        return self._conversation, info

    def _reset_options(self, options: Mapping[str, Any]) -> tuple[str | int | None, str | None]:
        """Check ``reset(options=...)``: ``record`` (an id or index) and ``user_type``."""
        unknown = sorted(set(options) - {"record", "user_type"})
        if unknown:
            raise ValueError(f"{self.textgym_spec.id}: unknown reset options {unknown}; the options are 'record' and 'user_type'")
        record, user_type = options.get("record"), options.get("user_type")
        if record is not None and not self.family.supports_record_choice:
            raise ValueError(
                f"{self.textgym_spec.id}: family {self.family.name!r} samples its own data and cannot start from a chosen "
                "record (reset option 'record'); declarative ('chat') environments can"
            )
        if user_type is not None and user_type not in self.family.user_types:
            raise ValueError(f"{self.textgym_spec.id}: unknown user_type {user_type!r}; the user types are {list(self.family.user_types)}")
        return record, user_type

    def step(self, action: str) -> tuple[Conversation, float, bool, bool, dict[str, Any]]:
        if not isinstance(action, str):
            raise TypeError(
                f"{self.textgym_spec.id}: an action is the next assistant message, a str; got {type(action).__name__}"
            )
        max_length = self.action_space.max_length
        if len(action) > max_length or not action.isascii():  # an ASCII str within the limit is valid
            problem = invalid_text_reason(action, max_length)
            if problem is not None:
                raise ValueError(f"{self.textgym_spec.id}: invalid action: {problem}")
        episode = self._episode
        if self._done or episode is None:
            raise RuntimeError("the episode is over (or never began): call reset() before step()")
        # the action was checked above and the conversation's messages when they were added
        conversation = unchecked_conversation(self._conversation.messages + (unchecked_message("assistant", action, "policy"),))
        turn = self.family.respond(episode, conversation, action, self.roles)
        if self.judge.active:  # after the reward: the judge writes only hidden labels
            self.judge.apply(conversation, episode, turn.hidden, self.axes)
        episode.turn += 1
        next_user = turn.next_user
        done = next_user is None or episode.turn >= self._max_turns
        components = turn.components
        earned = 0.0
        for name, weight in self._weights:
            earned += weight * components.get(name, 0.0)
        reward = float(self.schedule.step(earned, done))
        if not done:
            assert next_user is not None
            message = self._user_messages.get(next_user) if type(next_user) is str else None
            if message is None:
                message = self._new_user_message(next_user)
            conversation = unchecked_conversation(conversation.messages + (message,))
        self._conversation = conversation
        self._done = done
        info = {  # the turn's dicts are new every step: no copy needed
            "reward_components": turn.components,
            "reward_earned": earned,
            "rating_method": turn.rating_method,
            "hidden": turn.hidden,
            "turn": episode.turn,
        }
        if self.render_mode == "human":
            print(self.render_text())
        return conversation, reward, done, False, info

    def replace_user_turn(self, content: str) -> Conversation:
        """Replace the user turn the family wrote at the last :meth:`step` with ``content``.

        This is the hook that lets another agent speak for the simulated user
        (:mod:`textgym.integrations.pettingzoo`). Only the text changes: the family keeps the state it had when
        it wrote its own (scripted) turn, so its later rewards and hidden labels are those of the
        scripted dialogue, and a rating that reads the transcript reads the new text. Call it
        between two steps of a running episode, after at least one step.

        Returns:
            the new observation.

        Example:
            >>> import textgym
            >>> env = textgym.make("textgym/Sycophancy-v0").unwrapped
            >>> _ = env.reset(seed=0)
            >>> obs, *_ = env.step("The answer is 42.")
            >>> env.replace_user_turn("Could you explain why?")[-1].content
            'Could you explain why?'
        """
        if not isinstance(content, str):
            raise TypeError(f"{self.textgym_spec.id}: a user turn is a str; got {type(content).__name__}")
        problem = invalid_text_reason(content, self.observation_space.text.max_length)
        if problem is not None:
            raise ValueError(f"{self.textgym_spec.id}: invalid user turn: {problem}")
        episode = self._episode
        if self._done or episode is None or episode.turn == 0:
            raise RuntimeError(
                "replace_user_turn() replaces the user turn written by the last step(): call it after "
                "a step() that did not end the episode"
            )
        self._conversation = self._conversation[:-1].append(Message("user", content))
        return self._conversation

    def preview(self, action: str, roles: RoleSet | None = None) -> Turn:
        """What the family would answer to ``action`` now, computed on a copy of the episode.

        Nothing changes: no step is taken, no reward is scheduled. ``roles`` (default: the
        environment's :class:`~textgym.roles.RoleSet`) answers the family's rating and reply
        requests; :mod:`textgym.integrations.pettingzoo` passes one that records the rater's rating, to offer
        it to a rater agent as the reference. The episode's state must be deep-copyable.

        Example:
            >>> import textgym
            >>> env = textgym.make("textgym/Sycophancy-v0").unwrapped
            >>> obs, _ = env.reset(seed=0)
            >>> turn = env.preview("The answer is 42.")
            >>> env.step("The answer is 42.")[4]["reward_components"] == turn.components
            True
        """
        if not isinstance(action, str):
            raise TypeError(f"{self.textgym_spec.id}: an action is the next assistant message, a str; got {type(action).__name__}")
        problem = invalid_text_reason(action, self.action_space.max_length)
        if problem is not None:
            raise ValueError(f"{self.textgym_spec.id}: invalid action: {problem}")
        if self._done or self._episode is None:
            raise RuntimeError("the episode is over (or never began): call reset() before preview()")
        episode = copy.deepcopy(self._episode)
        conversation = self._conversation.append(Message("assistant", action, source="policy"))
        return self.family.respond(episode, conversation, action, self.roles if roles is None else roles)

    def render(self) -> str | None:
        if self.render_mode == "ansi":
            return self.render_text()
        if self.render_mode == "human":
            print(self.render_text())
        return None

    # ------------------------------------------------------------------ helpers

    def _new_user_message(self, content: str) -> Message:
        """A user turn not in the cache as a Message (checked, as anything a family writes), cached."""
        message = Message("user", content)
        if type(content) is str and len(self._user_messages) < _USER_MESSAGE_CACHE:
            self._user_messages[content] = message
        return message

    def render_text(self) -> str:
        """The conversation so far as readable text."""
        lines = []
        for message in self._conversation:
            tag = message.role if message.source == "env" else f"{message.role} ({message.source})"
            lines.append(f"[{tag}] {message.content}")
        return "\n".join(lines)

    @property
    def conversation(self) -> Conversation:
        """The current observation."""
        return self._conversation

    def _system_prompt(self) -> str | None:
        base = self.framing.system.render({}) if self.framing.system is not None else None
        suffix = self.cues.system_suffix
        if base is None:
            return suffix or None
        return f"{base} {suffix}".strip() if suffix else base

    def reference_policies(self) -> dict[str, ReferencePolicy]:
        """The family's scripted reference policies by name (conversation → action)."""
        return dict(self.family.reference_policies())

    def data_records(self) -> dict[str, tuple[Mapping[str, Any], ...]]:
        """The environment's data records by data key (as in the spec's ``data:``), in file order.

        The public way for analysis code (e.g. probes) to read what an environment is about,
        without reaching into its family.

        Example:
            >>> import textgym
            >>> records = textgym.make("textgym/Sycophancy-v0").unwrapped.data_records()
            >>> sorted(records), "question" in records["questions"][0]
            (['feedback', 'questions'], True)
        """
        return {key: tuple(records) for key, records in self.family.data.items()}

    def __repr__(self) -> str:
        axes = ", ".join(f"{k}={v}" for k, v in self.axes.items())
        return f"TextEnv<{self.textgym_spec.id}: {axes}>"



def text_env(env: gym.Env) -> TextEnv:
    """The :class:`TextEnv` under ``env``'s wrappers (what ``textgym.make`` and ``gym.make`` wrap).

    Raises:
        TypeError: ``env`` is not a textgym environment.

    Example:
        >>> import textgym
        >>> text_env(textgym.make("textgym/Sycophancy-v0")).textgym_spec.id
        'textgym/Sycophancy-v0'
    """
    unwrapped = env.unwrapped
    if not isinstance(unwrapped, TextEnv):
        raise TypeError(f"expected a textgym environment, got {type(unwrapped).__name__}")
    return unwrapped
