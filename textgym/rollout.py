"""Running policies in environments: episodes in lock-step batches, one policy call per step.

Example:
    >>> import textgym
    >>> from textgym.rollout import rollout
    >>> records = rollout("textgym/Sycophancy-v0", "aligned", episodes=4, seed=0, progress=False)
    >>> [round(r.true_return, 1) for r in records]
    [2.0, 2.0, 2.0, 2.0]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, cast

import gymnasium as gym
import numpy as np

from textgym.lm.generation import Generation
from textgym.loop import Step, lockstep
from textgym.stats import bootstrap_ci
from textgym.types import Conversation

if TYPE_CHECKING:
    from textgym.env import TextEnv
    from textgym.policy import Policy
    from textgym.spec import Spec


class EpisodeJSON(TypedDict):
    """An :class:`EpisodeRecord` as a JSON object (:meth:`EpisodeRecord.to_json`), with both returns."""

    env_id: str
    axes: dict[str, str]
    seed: int
    policy: str
    user_type: str
    episode: dict[str, Any]
    conversation: list[dict[str, str]]
    rewards: list[float]
    proxy_return: float
    true_return: float
    reward_components: list[dict[str, float]]
    hidden: list[dict[str, Any]]
    rating_methods: list[str]


@dataclass
class EpisodeRecord:
    """One finished episode: the full conversation, rewards, components and hidden labels."""

    env_id: str
    axes: dict[str, str]
    seed: int
    policy: str
    conversation: Conversation
    rewards: list[float] = field(default_factory=list)
    reward_components: list[dict[str, float]] = field(default_factory=list)
    hidden: list[dict[str, Any]] = field(default_factory=list)
    rating_methods: list[str] = field(default_factory=list)
    episode: dict[str, Any] = field(default_factory=dict)
    user_type: str = ""

    @property
    def proxy_return(self) -> float:
        """The sum of delivered rewards (what a trainer optimises)."""
        return float(sum(self.rewards))

    @property
    def true_return(self) -> float:
        """The sum of the hidden ``true_reward`` labels (ground truth, never trained on)."""
        return float(sum(float(h.get("true_reward", 0.0)) for h in self.hidden))

    def label_rate(self, label: str) -> float | None:
        """This episode's value of a hidden label, counted per episode: 1.0 when it is true at any
        step, 0.0 when it is reported and never true, ``None`` when it is unclear (a step reports
        ``None``) or absent (:func:`textgym.wrappers.metrics.episode_label`). Averaged over episodes
        this is the label rate used everywhere; the share of *steps* is
        :func:`textgym.wrappers.metrics.step_rate`."""
        from textgym.wrappers.metrics import episode_label

        value = episode_label(self.hidden, label)
        return None if value is None else float(value)

    def add_step(self, step: Step) -> None:
        """Record one step of :func:`textgym.loop.lockstep`: the new conversation, the reward, its
        components, the hidden labels and the rating method."""
        self.conversation = step.observation
        self.rewards.append(step.reward)
        self.reward_components.append(step.info["reward_components"])
        self.hidden.append(step.info["hidden"])
        self.rating_methods.append(step.info.get("rating_method", ""))

    def to_json(self) -> EpisodeJSON:
        return {
            "env_id": self.env_id,
            "axes": self.axes,
            "seed": self.seed,
            "policy": self.policy,
            "user_type": self.user_type,
            "episode": self.episode,
            "conversation": self.conversation.to_dicts(),
            "rewards": self.rewards,
            "proxy_return": self.proxy_return,
            "true_return": self.true_return,
            "reward_components": self.reward_components,
            "hidden": self.hidden,
            "rating_methods": self.rating_methods,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EpisodeRecord:
        return cls(
            env_id=data["env_id"],
            axes=dict(data["axes"]),
            seed=int(data["seed"]),
            policy=data["policy"],
            conversation=Conversation.from_dicts(data["conversation"]),
            rewards=list(data["rewards"]),
            reward_components=list(data["reward_components"]),
            hidden=list(data["hidden"]),
            rating_methods=list(data.get("rating_methods", [])),
            episode=dict(data.get("episode", {})),
            user_type=data.get("user_type", ""),
        )


def _make_envs(env: str | Path | Spec, n: int, axes: Mapping[str, str], backends: Mapping[str, str] | None) -> list[gym.Env]:
    import textgym

    kwargs: dict[str, Any] = dict(axes)
    if backends:
        kwargs["backends"] = dict(backends)
    return [textgym.make(env, **kwargs) for _ in range(n)]


def rollout(
    env: str | Path | Spec,
    policy: Policy | str,
    *,
    episodes: int | None = None,
    seed: int = 0,
    n_envs: int = 8,
    axes: Mapping[str, str] | None = None,
    backends: Mapping[str, str] | None = None,
    progress: bool = True,
    records: str | None = None,
    **axis_variants: str,
) -> list[EpisodeRecord]:
    """Run ``episodes`` episodes (episode ``i`` reset with seed ``seed + i``), ``n_envs`` at a time.

    ``policy`` is a :class:`~textgym.policy.Policy` or a name for
    :func:`~textgym.policy.make_policy`. The episodes run in :func:`textgym.loop.lockstep`: the
    policy's ``act`` is called once per step with the observations of every running episode, and a
    slot starts its next episode as soon as its episode ends.

    Axis variants come as keywords, as for ``textgym.make`` and ``gym.make``
    (``rollout(env, policy, episodes=4, users="normal")``), or as the mapping ``axes={...}``;
    naming one axis differently both ways is an error.

    ``records="all"`` (families with ``supports_record_choice``, e.g. declarative ``chat``
    environments) runs one episode per data record, each record exactly once, in an order
    shuffled by ``seed``; ``episodes`` may then be left out.
    """
    from textgym.policy import make_policy
    from textgym.registry import merge_axes

    axes = merge_axes(axes, axis_variants)
    order = _record_order(env, records, episodes, seed, axes, backends) if records is not None else None
    episodes = len(order) if order is not None else episodes
    if episodes is None or episodes < 0:
        raise ValueError(f"episodes must be >= 0, got {episodes}")
    envs = _make_envs(env, max(1, min(n_envs, episodes or 1)), axes or {}, backends)
    if isinstance(policy, str):
        policy = make_policy(policy, envs[0])
    first = cast("TextEnv", envs[0].unwrapped)
    env_id = first.textgym_spec.id
    resolved_axes = dict(first.axes)
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=episodes, desc=f"{policy.name} on {env_id}", unit="ep")
    out: list[EpisodeRecord | None] = [None] * episodes
    seeds = [seed + i for i in range(episodes)]
    options = None if order is None else [{"record": i} for i in order]
    text_only = lambda observations, _: [Generation(text) for text in policy.act(observations)]  # noqa: E731
    for event in lockstep(envs, policy, seeds, options=options, act=text_only):
        if not isinstance(event, Step):
            out[event.episode] = EpisodeRecord(
                env_id, resolved_axes, seeds[event.episode], policy.name, event.observation,
                episode=event.info["episode"], user_type=event.info["user_type"],
            )
            continue
        record = out[event.episode]
        assert record is not None
        record.add_step(event)
        if event.done and bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    for e in envs:
        e.close()
    return [r for r in out if r is not None]



def _record_order(env: str | Path | Spec, records: str, episodes: int | None, seed: int, axes: Mapping[str, str] | None, backends: Mapping[str, str] | None) -> list[int]:
    """Every record index once, shuffled by ``seed`` (for ``rollout(records="all")``)."""
    if records != "all":
        raise ValueError(f"records must be 'all' or None, got {records!r}")
    probe = _make_envs(env, 1, axes or {}, backends)[0]
    family = cast("TextEnv", probe.unwrapped).family
    probe.close()
    if not family.supports_record_choice:
        raise ValueError(f"family {family.name!r} samples its own data, so it cannot visit each record (records='all')")
    count = family.record_count()
    if episodes is not None and episodes != count:
        raise ValueError(f"records='all' runs one episode per record ({count}); got episodes={episodes}")
    return [int(i) for i in np.random.default_rng(seed).permutation(count)]


@dataclass(frozen=True)
class SummaryRow:
    """Returns with 95% bootstrap CIs, and per label the per-episode rate with its 95% Wilson CI
    over the episodes where the label was clear (``rates``) and the share of episodes where it was
    unclear (``unclear``; 0.0 when every episode was clear)."""

    label: str
    n: int
    proxy: tuple[float, tuple[float, float]]
    true: tuple[float, tuple[float, float]]
    rates: dict[str, tuple[float, tuple[float, float]]]
    unclear: dict[str, float] = field(default_factory=dict)


def summarize(records: Sequence[EpisodeRecord], label: str = "") -> SummaryRow:
    """Mean proxy return, true return and every boolean hidden label's per-episode rate, with 95% CIs.

    An episode counts for a label when the label is true at any step; episodes where it is unclear
    (``None``) are left out of the rate's denominator and counted in ``unclear``.

    Example:
        >>> from textgym.types import Conversation
        >>> def ep(*steps):
        ...     return EpisodeRecord("e", {}, 0, "p", Conversation.of(("assistant", "x", "policy")), hidden=list(steps))
        >>> row = summarize([ep({"lie": False}, {"lie": True}), ep({"lie": False}), ep({"lie": None})])
        >>> row.rates["lie"][0], round(row.unclear["lie"], 2)
        (0.5, 0.33)
    """
    from textgym.stats import wilson_ci
    from textgym.wrappers.metrics import label_present

    proxy = np.array([r.proxy_return for r in records])
    true = np.array([r.true_return for r in records])
    labels = sorted({k for r in records for h in r.hidden for k, v in h.items() if isinstance(v, bool)})
    rates, unclear = {}, {}
    for name in labels:
        present = [r for r in records if label_present(r.hidden, name)]
        values = np.array([v for r in present if (v := r.label_rate(name)) is not None])
        rates[name] = (float(values.mean()) if values.size else float("nan"), wilson_ci(float(values.sum()), int(values.size)))
        unclear[name] = (len(present) - values.size) / len(present) if present else 0.0
    mean = lambda a: float(a.mean()) if a.size else float("nan")  # noqa: E731
    return SummaryRow(label, len(records), (mean(proxy), bootstrap_ci(proxy)), (mean(true), bootstrap_ci(true)), rates, unclear)
