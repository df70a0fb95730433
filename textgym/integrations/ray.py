"""Rollouts on Ray actors: N workers, each with its own environments and a copy of the policy.

Install the extra: ``pip install "textgym[distributed]"`` (it adds ``ray``). Episode ``i`` of a run
is reset with seed ``seed + i`` wherever it runs, and each worker takes a contiguous block of
episode indices, so the same seeds give the same episodes as a local
:func:`textgym.rollout.rollout` (with rule backends and greedy or scripted policies, exactly): each
actor runs ``rollout``, so its environments step in the one lock-step loop,
:func:`textgym.loop.lockstep`.

A trainer keeps the master weights and calls :meth:`RolloutWorkers.broadcast` after each update;
the state dict is put in Ray's object store once and every actor loads it.

Example:
    >>> import ray  # doctest: +SKIP
    >>> from textgym.integrations.ray import RolloutWorkers
    >>> ray.init(num_cpus=2)  # doctest: +SKIP
    >>> workers = RolloutWorkers("textgym/Sycophancy-v0", "aligned", num_workers=2)  # doctest: +SKIP
    >>> records = workers.rollout(episodes=8, seed=0)  # doctest: +SKIP
    >>> [r.seed for r in records] == list(range(8))  # doctest: +SKIP
    True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from textgym.rollout import EpisodeJSON, EpisodeRecord

if TYPE_CHECKING:
    import torch
    from types import ModuleType


def _ray() -> ModuleType:
    try:
        import ray
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError('textgym.integrations.ray needs Ray: pip install "textgym[distributed]"') from error
    return ray


def weights_fingerprint(model: torch.nn.Module) -> float:
    """A cheap fingerprint of a model's weights (a position-weighted sum), to check a broadcast.

    Example:
        >>> import torch
        >>> layer = torch.nn.Linear(2, 2, bias=False)
        >>> _ = torch.nn.init.constant_(layer.weight, 1.0)
        >>> weights_fingerprint(layer)  # 1 * (1 + 4/3 + 5/3 + 2)
        6.0
    """
    import torch

    total = 0.0
    with torch.no_grad():
        for i, (_, tensor) in enumerate(sorted(model.state_dict().items())):
            flat = tensor.detach().float().flatten()
            total += (i + 1) * float((flat * torch.linspace(1.0, 2.0, flat.numel())).sum()) if flat.numel() else 0.0
    return total


class _Worker:
    """The actor body: builds the environments and the policy once, then runs episode blocks."""

    def __init__(self, env_id: str, policy: str, n_envs: int, axes: Mapping[str, str], backends: Mapping[str, str] | None, policy_kwargs: Mapping[str, Any]):
        import textgym
        from textgym.policy import make_policy

        self.env_id, self.n_envs = env_id, n_envs
        self.axes, self.backends = dict(axes), dict(backends or {})
        probe_env = textgym.make(env_id, axes=self.axes)
        self.policy = make_policy(policy, probe_env, **dict(policy_kwargs))
        probe_env.close()

    def load_weights(self, state: Mapping[str, Any]) -> int:
        model = getattr(self.policy, "model", None)
        if model is None:
            raise TypeError(f"policy {self.policy.name!r} has no model to load weights into")
        model.load_state_dict(dict(state))
        return len(state)

    def fingerprint(self) -> float | None:
        return weights_fingerprint(self.policy.model) if hasattr(self.policy, "model") else None

    def rollout(self, episodes: int, seed: int) -> list[EpisodeJSON]:
        from textgym.rollout import rollout

        records = rollout(
            self.env_id, self.policy, episodes=episodes, seed=seed, n_envs=self.n_envs,
            axes=self.axes, backends=self.backends, progress=False,
        )
        return [r.to_json() for r in records]


class RolloutWorkers:
    """``num_workers`` Ray actors running a policy in an environment.

    Args:
        env_id: a registered id (or a YAML path readable by every worker).
        policy: a reference policy name or ``hf:default`` / ``hf:tiny`` / ``hf:PATH``.
        num_workers: actors to start (Ray must be initialised, e.g. ``ray.init(num_cpus=2)``).
        n_envs: environments per actor, stepped in lock-step (model calls batched).
        axes, backends: as for :func:`textgym.make`.
        policy_kwargs: keyword arguments for the policy (e.g. ``max_new_tokens``).
        num_cpus: CPUs Ray reserves per actor.

    Example:
        >>> workers = RolloutWorkers("textgym/Sycophancy-v0", "exploit", num_workers=2)  # doctest: +SKIP
        >>> len(workers.rollout(episodes=4))  # doctest: +SKIP
        4
    """

    def __init__(
        self,
        env_id: str,
        policy: str,
        *,
        num_workers: int = 2,
        n_envs: int = 8,
        axes: Mapping[str, str] | None = None,
        backends: Mapping[str, str] | None = None,
        policy_kwargs: Mapping[str, Any] | None = None,
        num_cpus: float = 1,
    ):
        ray = _ray()
        if not ray.is_initialized():
            raise RuntimeError("Ray is not initialised: call ray.init(...) (e.g. ray.init(num_cpus=2)) first")
        if num_workers < 1:
            raise ValueError(f"num_workers must be >= 1, got {num_workers}")
        actor = ray.remote(num_cpus=num_cpus)(_Worker)
        self.num_workers = num_workers
        self.actors = [
            actor.remote(env_id, policy, n_envs, dict(axes or {}), dict(backends or {}), dict(policy_kwargs or {}))
            for _ in range(num_workers)
        ]

    def broadcast(self, state_dict: Mapping[str, Any]) -> None:
        """Send the trainer's weights to every actor (one object-store copy, loaded by all)."""
        ray = _ray()
        state = {k: v.detach().cpu() if hasattr(v, "detach") else v for k, v in state_dict.items()}
        ref = ray.put(state)
        ray.get([a.load_weights.remote(ref) for a in self.actors])

    def rollout(self, episodes: int, seed: int = 0) -> list[EpisodeRecord]:
        """Run episodes ``seed .. seed + episodes - 1`` split in contiguous blocks over the actors."""
        ray = _ray()
        if episodes < 0:
            raise ValueError(f"episodes must be >= 0, got {episodes}")
        base, extra = divmod(episodes, self.num_workers)
        futures, start = [], 0
        for i, actor in enumerate(self.actors):
            count = base + (1 if i < extra else 0)
            if count:
                futures.append(actor.rollout.remote(count, seed + start))
            start += count
        return [EpisodeRecord.from_json(d) for block in ray.get(futures) for d in block]

    def fingerprints(self) -> list[float | None]:
        """:func:`weights_fingerprint` of every actor's policy model (None for scripted policies)."""
        ray = _ray()
        return ray.get([a.fingerprint.remote() for a in self.actors])

    def shutdown(self) -> None:
        """Stop the actors."""
        ray = _ray()
        for actor in self.actors:
            ray.kill(actor)
        self.actors = []
