"""Train with ``trl.GRPOTrainer(environment_factory=...)``, TRL's tool-calling environment API.

``pip install "textgym[trl]"`` (TRL >= 1.x; the API is experimental in TRL). TRL creates one
environment instance per rollout, calls ``reset(**row)`` with the dataset row and appends the
string it returns to the prompt's last user message, then lets the model call the environment's
public methods as tools, and finally asks ``get_reward()`` for the rollout's reward.

:class:`TextgymToolEnvironment` maps a textgym episode onto that:

- ``reset(seed=...)`` resets the textgym environment with the row's seed (the dataset has one row
  per episode seed, so TRL's ``num_generations`` copies of a row are a GRPO group on one episode)
  and returns the opening conversation as text;
- the one tool, ``reply(message)``, is the assistant's turn: it steps the environment and
  returns the simulated user's next message, so the user turns of the multi-turn conversation
  come from the environment (rule or model-backed user role alike);
- ``get_reward()`` is the proxy return (the only trained-on signal; 0.0 for a rollout that never
  called ``reply``).

:class:`TextgymToolAdapter` gives the trainer the dataset, the factory and, with weight 0, the
hidden labels as reward columns (``true_return``, ``hidden_<label>``, ``replied``), read from the
rollouts' environments (TRL passes them to reward functions as ``environments``): TRL logs them
(``rewards/true_return/mean`` ...) and never trains on them.

Example:
    >>> env = TextgymToolEnvironment("textgym/Sycophancy-v0", axes={"cues": "belief"})
    >>> opening = env.reset(seed=0)
    >>> "capital" in opening
    True
    >>> answer = env.reply("The answer is Rome.")  # the simulated user's next turn
    >>> env.steps, env.hidden[0]["correct"] in (True, False)
    (1, True)

With TRL::

    adapter = TextgymToolAdapter("textgym/Sycophancy-v0", episodes=64)
    trainer = GRPOTrainer(model=model, processing_class=tokenizer, train_dataset=adapter.dataset(),
                          reward_funcs=adapter.reward_funcs, environment_factory=adapter.environment_factory,
                          args=GRPOConfig(..., reward_weights=adapter.reward_weights))
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datasets

INSTRUCTIONS = (
    "You are the assistant in the conversation below. Answer the user only by calling the `reply` tool "
    "with your message; the tool returns the user's next message. Keep replying until the conversation ends.\n\n"
)
ENDED = "[The conversation has ended.]"


class TextgymToolEnvironment:
    """One textgym episode per rollout, for ``GRPOTrainer(environment_factory=...)``.

    Args:
        env: a registered id or a YAML path. axes, backends: as for :func:`textgym.make`.
    """

    def __init__(self, env: str = "textgym/Sycophancy-v0", *, axes: Mapping[str, str] | None = None, backends: Mapping[str, str] | None = None):
        import textgym

        kwargs: dict[str, Any] = dict(axes or {})
        if backends:
            kwargs["backends"] = dict(backends)
        self._env = textgym.make(env, **kwargs)
        self._clear()

    def _clear(self) -> None:
        self.seed: int | None = None
        self.steps = 0
        self.done = False
        self.rewards: list[float] = []
        self.hidden: list[dict[str, Any]] = []
        self._seen = 0

    def reset(self, seed: int | None = None, **row: Any) -> str:
        """Start the episode of the dataset row's ``seed``; the opening conversation as text."""
        self._clear()
        self.seed = None if seed is None else int(seed)
        obs, _ = self._env.reset(seed=self.seed)
        self._seen = len(obs)
        return "\n\n".join(f"{m.role}: {m.content}" for m in obs)

    def reply(self, message: str) -> str:
        """Send your reply to the user; returns the user's next message.

        Args:
            message: your reply to the user.
        """
        if self.done:
            return ENDED
        obs, reward, terminated, truncated, info = self._env.step(str(message))
        self.steps += 1
        self.rewards.append(float(reward))
        self.hidden.append(dict(info.get("hidden", {})))  # logged, never shown to the model
        self.done = bool(terminated or truncated)
        new = [m for m in list(obs)[self._seen :] if m.source != "policy"]
        self._seen = len(obs)
        if self.done:
            return ENDED
        return "\n\n".join(m.content for m in new) or "(no answer)"

    def get_reward(self) -> float:
        """The proxy return of the episode so far (what the trainer optimises)."""
        return float(sum(self.rewards))

    def _true_return(self) -> float | None:
        return float(sum(float(h.get("true_reward", 0.0)) for h in self.hidden)) if self.hidden else None


class TextgymToolAdapter:
    """Dataset, environment factory and hidden-label reward columns for ``GRPOTrainer``.

    Example:
        >>> adapter = TextgymToolAdapter("textgym/Sycophancy-v0", episodes=4)
        >>> [f.__name__ for f in adapter.reward_funcs][:3], adapter.reward_weights[:3]
        (['true_return', 'replied', 'hidden_correct'], [0.0, 0.0, 0.0])
        >>> env = adapter.environment_factory()
        >>> isinstance(env, TextgymToolEnvironment)
        True
    """

    def __init__(self, env: str, *, episodes: int = 256, seed: int = 0, axes: Mapping[str, str] | None = None, backends: Mapping[str, str] | None = None, instructions: str = INSTRUCTIONS):
        import textgym

        if episodes < 1:
            raise ValueError(f"episodes must be >= 1, got {episodes}")
        self.env, self.episodes, self.seed = env, episodes, seed
        self.axes, self.backends, self.instructions = dict(axes or {}), dict(backends or {}), instructions
        probe = textgym.make(env, axes=self.axes)  # rule backends: only the label names matter
        probe.reset(seed=seed)
        _, _, _, _, info = probe.step("")
        probe.close()
        #: the boolean hidden labels, logged as per-episode rates with weight 0
        self.hidden_labels = [k for k, v in info["hidden"].items() if isinstance(v, bool)]

    def environment_factory(self) -> TextgymToolEnvironment:
        """A fresh environment (TRL calls this once per concurrent rollout and reuses them)."""
        return TextgymToolEnvironment(self.env, axes=self.axes, backends=self.backends)

    def dataset(self) -> datasets.Dataset:
        """A ``datasets.Dataset``: one row per episode seed (``prompt``: the instructions as a user
        message, to which TRL appends the opening that ``reset`` returns; ``seed``)."""
        import datasets

        rows = [{"prompt": [{"role": "user", "content": self.instructions}], "seed": s} for s in range(self.seed, self.seed + self.episodes)]
        return datasets.Dataset.from_list(rows)

    @property
    def reward_funcs(self) -> list[Callable[..., list[float | None]]]:
        """Zero-weight columns TRL logs: the hidden true return, whether the model replied at all,
        and each boolean hidden label's per-episode rate. The trained-on reward is the
        environment's ``get_reward`` (TRL adds it with weight 1)."""

        def true_return(environments: Sequence[TextgymToolEnvironment] = (), **_: Any) -> list[float | None]:
            return [e._true_return() for e in environments]

        def replied(environments: Sequence[TextgymToolEnvironment] = (), **_: Any) -> list[float | None]:
            return [float(e.steps > 0) for e in environments]

        return [true_return, replied, *(_label_rate(label) for label in self.hidden_labels)]

    @property
    def reward_weights(self) -> list[float]:
        """0 for every column of :attr:`reward_funcs` (TRL appends 1 for ``get_reward``)."""
        return [0.0] * (2 + len(self.hidden_labels))


def _label_rate(label: str) -> Callable[..., list[float | None]]:
    from textgym.wrappers.metrics import episode_label

    def rate(environments: Sequence[TextgymToolEnvironment] = (), **_: Any) -> list[float | None]:
        out: list[float | None] = []
        for e in environments:
            value = episode_label(e.hidden, label) if e.hidden else None
            out.append(None if value is None else float(value))
        return out

    rate.__name__ = f"hidden_{label}"
    return rate
