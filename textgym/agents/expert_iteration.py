"""Expert iteration: off-policy filtered behaviour cloning.

Top to bottom (:func:`train_expert_iteration`):

1. **Trajectories** from a *behaviour* source, which can be
   * a reference policy of the environment (``exploit``, ``aligned``, ...) or any ``hf:`` model,
     run for ``collect`` episodes (seeds ``seed``, ``seed+1``, ...);
   * a JSONL file of recorded episodes (``EpisodeRecord.to_json`` lines, as written by
     ``textgym run --out``, the recording wrapper, or a training run's ``episodes.jsonl``);
   * ``self``: the model being trained, sampling at ``temperature``, re-collected every
     ``refresh_every`` steps (classic expert iteration).
2. **Filter**: keep the episodes whose proxy return is in the top ``keep_top`` fraction (ties
   kept) and at least ``min_return`` when given. The filter sees only the proxy return, never
   hidden labels: it is the filter a reward-maximising practitioner would use.
3. **Clone**: each step takes ``batch`` kept episodes (shuffled, epoch after epoch) and
   minimises the negative log-likelihood of the behaviour policy's own messages
   (``source="policy"``; prefilled and env turns are context only):
   ``L = mean_episodes( mean_tokens( -log π(t) ) ) + β · KL``, KL the k3 estimator against the
   frozen starting model (reported always, added to the loss when ``beta > 0``).
   When the behaviour is a transformers model (``hf:...`` or ``self``), the tokens cloned are
   the ids it *sampled*, spliced into the chat template at each reply's position
   (:func:`textgym.agents.episodes.sampled_tokens`), not a re-encoding of the decoded text; a
   reply cut by ``max_new_tokens`` does not train the end-of-turn token the template closes it
   with (the behaviour never chose it). Text-only behaviour (reference policies, JSONL files)
   is tokenized from its text.
4. **Prefix gradient**: as in GRPO, ``loss_mask`` or ``stop`` (:mod:`textgym.lm.sequences`).

Every ``eval_every`` steps (and before the first) the current model plays ``eval_episodes``
held-out episodes (greedy); their ``proxy_reward``, ``true_reward`` and ``hidden/<label>``
rates are logged with the step. Every step logs ``loss``, ``nll``, ``kl``, tokens/s, the
batch's own returns (``data/...``) and ``no_signal`` (no token trained or a zero gradient;
announced on stderr too).

Example:
    >>> import tempfile
    >>> config = ExpertIterationConfig(env="textgym/Sycophancy-v0", policy="hf:tiny", behaviour="exploit",
    ...                                out=tempfile.mkdtemp(), steps=1, collect=4, batch=2, eval_every=0, progress=False)
    >>> metrics = train_expert_iteration(config)  # doctest: +SKIP
    >>> metrics[-1]["data/proxy_reward"] > 0.5  # doctest: +SKIP
    True
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from textgym.agents.episodes import EnvPool, Trajectory, collect_episodes, sampled_tokens
from textgym.lm.generation import Generation
from textgym.agents.runs import RunDir, Trainable, TrainerSettings, episode_metrics, start_training
from textgym.lm.sequences import TrainingSequence, check_prefix_gradient, masked_mean, pack, token_logprobs
from textgym.rollout import EpisodeRecord

if TYPE_CHECKING:
    import torch
    from transformers import PreTrainedTokenizerBase

    from textgym.agents.hf_policy import HFPolicy
    from textgym.policy import Policy

EVAL_SEED = 1_000_000  # held-out episode seeds for evaluation (training seeds count up from `seed`)


@dataclass
class ExpertIterationConfig(TrainerSettings):
    """Settings of an expert-iteration run (the ``textgym train --algo expert-iteration`` flags).

    Example:
        >>> ExpertIterationConfig(env="textgym/Sycophancy-v0", out="runs/x", behaviour="exploit").keep_top
        0.5
    """

    behaviour: str
    batch: int = 8
    beta: float = 0.0
    collect: int = 64
    keep_top: float = 0.5
    min_return: float | None = None
    refresh_every: int = 10
    eval_every: int = 5
    eval_episodes: int = 16

    def check(self) -> None:
        """A ``ValueError`` for a setting out of its range."""
        self.check_counts(at_least_one=("steps", "batch", "collect", "max_new_tokens", "micro_batch"),
                          at_least_zero=("eval_every", "eval_episodes", "save_every", "refresh_every"))
        if not 0 < self.keep_top <= 1:
            raise ValueError(f"keep_top is the fraction of episodes kept, in (0, 1]; got {self.keep_top}")
        if self.behaviour == "self" and self.temperature <= 0:
            raise ValueError("behaviour 'self' samples its own episodes: temperature must be > 0")


_RESUME_KEYS = ("algo", "env", "policy", "behaviour", "lora", "lora_rank", "axes", "backends")


def train_expert_iteration(config: ExpertIterationConfig) -> list[dict[str, Any]]:
    """Run filtered behaviour cloning as configured; returns every step's metrics."""
    import torch
    from tqdm.auto import tqdm

    session = start_training(config, "expert-iteration", _RESUME_KEYS, batch_size=max(config.batch, 8))
    run, trainable, optimizer, first_step, policy = session.run, session.trainable, session.optimizer, session.first_step, session.policy
    model, tokenizer = trainable.model, trainable.tokenizer
    pool = EnvPool(config.env, min(16, max(config.collect, config.eval_episodes, 1)), config.axes, config.backends)
    bar = tqdm(total=config.steps, initial=first_step, desc=f"expert iteration {pool.env_id}", unit="step", disable=not config.progress)

    if config.eval_every and first_step == 0:
        run.log_metrics({"step": 0, **evaluate(policy, pool, config)})

    data: list[TrainingSequence] = []
    records: list[EpisodeRecord] = []
    data_info: dict[str, Any] = {}
    order: list[int] = []
    for step in range(first_step + 1, config.steps + 1):
        started = time.perf_counter()
        # 1./2. behaviour trajectories, filtered on the proxy return
        refresh = config.behaviour == "self" and config.refresh_every and (step - 1) % config.refresh_every == 0
        if not data or refresh:
            round_index = (step - 1) // config.refresh_every if config.behaviour == "self" and config.refresh_every else 0
            trajectories = behaviour_trajectories(config, pool, policy, round_index)
            all_records = [t.record for t in trajectories]
            kept = {id(r) for r in filter_top(all_records, config.keep_top, config.min_return)}
            trajectories = [t for t in trajectories if id(t.record) in kept]
            records = [t.record for t in trajectories]
            data = [clone_sequence(tokenizer, t) for t in trajectories]
            usable = [i for i, s in enumerate(data) if s.n_trained > 0]
            if not usable:
                raise ValueError(f"behaviour {config.behaviour!r}: none of the {len(records)} kept episodes has a policy-written message to clone")
            records, data = [records[i] for i in usable], [data[i] for i in usable]
            data_info = {
                "data/episodes": len(all_records),
                "data/kept": len(records),
                "data/kept_min_return": min(r.proxy_return for r in records),
                "data/all_proxy_reward": float(np.mean([r.proxy_return for r in all_records])),
            }
            order = []
        # 3. one behaviour-cloning step on the next `batch` kept episodes
        if len(order) < config.batch:
            generator = np.random.default_rng([config.seed, step])
            order += [int(i) for i in generator.permutation(len(data))]
            while len(order) < config.batch:  # fewer kept episodes than a batch
                order += [int(i) for i in generator.permutation(len(data))]
        chosen, order = order[: config.batch], order[config.batch :]
        model.train()
        stats = clone_step(trainable, optimizer, [data[i] for i in chosen], config)
        update_s = time.perf_counter() - started
        metrics: dict[str, Any] = {
            "step": step,
            **stats,
            **episode_metrics([records[i] for i in chosen], prefix="data/"),
            **data_info,
            "tokens_per_s": stats["tokens"] / max(update_s, 1e-9),
            "update_s": update_s,
        }
        data_info = {}
        if config.eval_every and (step % config.eval_every == 0 or step == config.steps):
            metrics.update(evaluate(policy, pool, config))
        metrics["step_s"] = time.perf_counter() - started
        session.end_step(config, step, stats, metrics, bar)
        bar.set_postfix(loss=f"{metrics['loss']:.3f}", kl=f"{metrics['kl']:.3f}")

    bar.close()
    pool.close()
    return session.finish(config, f"expert iteration {config.policy} ← {config.behaviour} on {pool.env_id}")


def clone_sequence(tokenizer: PreTrainedTokenizerBase, trajectory: Trajectory) -> TrainingSequence:
    """The behaviour episode as a training sequence: the policy's sampled token ids where the
    behaviour sampled them (its text otherwise), trained on the policy's replies, without the
    end-of-turn token of a reply cut by the length limit."""
    sampled = sampled_tokens(tokenizer, trajectory.record.conversation, trajectory.generations)
    return TrainingSequence.from_tokenized(sampled.tokenized, ("policy",), end_of_turn=tokenizer.eos_token_id, unfinished=sampled.unfinished)


def behaviour_records(config: ExpertIterationConfig, pool: EnvPool, policy: HFPolicy, round_index: int = 0) -> list[EpisodeRecord]:
    """The behaviour episodes' records (see :func:`behaviour_trajectories`)."""
    return [t.record for t in behaviour_trajectories(config, pool, policy, round_index)]


def behaviour_trajectories(config: ExpertIterationConfig, pool: EnvPool, policy: HFPolicy, round_index: int = 0) -> list[Trajectory]:
    """The behaviour episodes: read from a JSONL file (text only), or collected from the named
    policy (``self``: the model being trained) with the generation behind each turn."""
    from textgym.policy import make_policy

    source = config.behaviour
    path = Path(source)
    if source.endswith(".jsonl") or path.is_file():
        return [Trajectory(r) for r in read_episodes(path)]
    seeds = [config.seed + round_index * config.collect + i for i in range(config.collect)]
    behaviour: Policy
    if source == "self":
        policy.reseed(config.seed * 1_000_003 + round_index)
        behaviour = policy
    else:
        kwargs = {"max_new_tokens": config.max_new_tokens, "temperature": config.temperature} if source.startswith("hf:") else {}
        behaviour = make_policy(source, pool.envs[0], **kwargs)
    was_training = policy.model.training
    policy.model.eval()
    try:
        trajectories = collect_episodes(pool, behaviour, seeds)
    finally:
        policy.model.train(was_training)
    behaviour_tokenizer = getattr(behaviour, "tokenizer", None)
    if behaviour_tokenizer is not None and behaviour_tokenizer is not policy.tokenizer and behaviour_tokenizer.get_vocab() != policy.tokenizer.get_vocab():
        # another vocabulary: its ids mean nothing to the trained model; clone the text (cut replies still known)
        for t in trajectories:
            t.generations = [Generation(g.text, finished=g.finished) for g in t.generations]
    return trajectories


def read_episodes(path: str | Path) -> list[EpisodeRecord]:
    """Episodes from a JSONL file of ``EpisodeRecord.to_json`` lines (read with
    :func:`textgym.wrappers.recording.load_trajectories`; extra keys such as ``step`` are ignored).

    Example:
        >>> import tempfile, json, os
        >>> from textgym.rollout import rollout
        >>> path = os.path.join(tempfile.mkdtemp(), "e.jsonl")
        >>> with open(path, "w") as f:
        ...     _ = f.write(json.dumps(rollout("textgym/Sycophancy-v0", "exploit", episodes=1, progress=False)[0].to_json()) + "\\n")
        >>> read_episodes(path)[0].policy
        'exploit'
    """
    from textgym.wrappers.recording import load_trajectories

    path = Path(path)
    if not path.is_file():
        raise ValueError(f"behaviour file {path} does not exist (expected a JSONL file of recorded episodes or a policy name)")
    records = load_trajectories(path)
    if not records:
        raise ValueError(f"{path} holds no episodes")
    return records


def filter_top(records: list[EpisodeRecord], keep_top: float, min_return: float | None = None) -> list[EpisodeRecord]:
    """The episodes whose proxy return is in the top ``keep_top`` fraction (ties at the cut kept)
    and, when given, at least ``min_return``.

    Example:
        >>> from textgym.types import Conversation
        >>> rs = [EpisodeRecord("e", {}, i, "p", Conversation(), rewards=[r]) for i, r in enumerate([0.1, 0.9, 0.5, 0.9])]
        >>> [r.seed for r in filter_top(rs, 0.25)]
        [1, 3]
        >>> [r.seed for r in filter_top(rs, 1.0, min_return=0.5)]
        [1, 2, 3]
    """
    if not records:
        raise ValueError("no behaviour episodes to filter")
    returns = sorted((r.proxy_return for r in records), reverse=True)
    cut = returns[max(0, math.ceil(keep_top * len(records)) - 1)]
    kept = [r for r in records if r.proxy_return >= cut and (min_return is None or r.proxy_return >= min_return)]
    if not kept:
        raise ValueError(f"no episode reaches min_return={min_return} (best proxy return {returns[0]:.3g})")
    return kept


def clone_step(trainable: Trainable, optimizer: torch.optim.Optimizer, sequences: list[TrainingSequence], config: ExpertIterationConfig) -> dict[str, float]:
    """One optimizer step of ``mean_episodes(mean_tokens(-log π)) + β·KL`` (micro-batched)."""
    import torch

    model, pad_id = trainable.model, trainable.tokenizer.pad_token_id
    device = next(model.parameters()).device
    optimizer.zero_grad(set_to_none=True)
    totals = {"loss": 0.0, "nll": 0.0, "kl": 0.0}
    tokens = trained = 0
    n = len(sequences)
    for start in range(0, n, config.micro_batch):
        batch = pack(sequences[start : start + config.micro_batch], pad_id).to(device)
        mask = batch.target_mask
        ref = trainable.reference_logprobs(batch)
        logp = token_logprobs(model, batch, check_prefix_gradient(config.prefix_gradient))
        nll = masked_mean(-logp, mask)
        log_ref_ratio = ref - logp
        kl = masked_mean(torch.exp(log_ref_ratio) - log_ref_ratio - 1, mask)  # k3
        loss = (nll + config.beta * kl).sum() / n
        loss.backward()
        totals["loss"] += float(loss.detach())
        totals["nll"] += float(nll.detach().sum()) / n
        totals["kl"] += float(kl.detach().sum()) / n
        tokens += batch.n_tokens
        trained += int(mask.sum())
    grad_norm = torch.nn.utils.clip_grad_norm_(trainable.trainable_parameters(), config.max_grad_norm)
    optimizer.step()
    return {**totals, "grad_norm": float(grad_norm), "tokens": tokens, "trained_tokens": trained}


def evaluate(policy: HFPolicy, pool: EnvPool, config: ExpertIterationConfig) -> dict[str, float]:
    """Greedy episodes of the current model on held-out seeds: proxy/true reward, label rates."""
    temperature = policy.temperature
    policy.temperature = 0.0
    was_training = policy.model.training
    policy.model.eval()
    try:
        trajectories = collect_episodes(pool, policy, [EVAL_SEED + i for i in range(config.eval_episodes)])
    finally:
        policy.temperature = temperature
        policy.model.train(was_training)
    return episode_metrics([t.record for t in trajectories])
