"""GRPO: on-policy training with group-relative advantages, a clipped ratio and a KL penalty.

One step, top to bottom (:func:`train_grpo`):

1. **Rollout.** ``batch`` episode seeds, each run ``group_size`` (G) times by the current model
   sampling at ``temperature``: multi-turn episodes through the environment (simulated user,
   rater), all B·G episodes in lock-step, one batched ``generate`` per turn.
2. **Advantages** (``advantage``). Episode i of a group (the G episodes of one seed) has turns
   t = 1..T_i with delivered rewards r_{i,t} (after the sparsity schedule; hidden labels are
   never used). Its return is ``R_i = sum_t r_{i,t}``.

   * ``episode`` (default; ``scalar`` is its old name): every turn of episode i gets
     ``A_i = (R_i - mean_G(R)) / (std_G(R) + 1e-4)``. A return-preserving sparsity schedule
     (``dense``, ``terminal``, ``delayed``, ``stochastic``) leaves R_i unchanged, so it cannot
     change the update.
   * ``per_turn``: reward-to-go with a per-turn group baseline. Turn t's reward-to-go is
     ``G_{i,t} = sum_{s >= t} r_{i,s}``; over the episodes j of the group that reach turn t,
     ``b_t = mean_j G_{j,t}`` and ``s_t = std_j G_{j,t}`` (0 when only one episode reaches t),
     and turn t of episode i gets ``A_{i,t} = (G_{i,t} - b_t) / (s_t + 1e-4)``. A turn is
     credited only with rewards delivered at or after it, so *when* the reward arrives matters:
     under ``terminal`` every G_{i,t} equals R_i (every turn gets the episode's advantage),
     under ``dense`` a later turn is judged by its own rewards only.
   * ``components`` (structured feedback): episode-level, one group-normalised advantage per
     reward component, combined with ``component_weights`` (:func:`group_advantages`).

   Every trained token of a turn gets that turn's advantage.
3. **Tokens: what was sampled.** The final conversation is rendered with the chat template and
   each policy turn's reply span is replaced by the token ids the policy *sampled*
   (:func:`textgym.agents.episodes.sampled_tokens`; the decoded text can re-encode differently,
   BPE merging pieces the model wrote apart). Later turns were prompted with those same ids, so
   each turn is scored in the context it was sampled in and, at the sampling temperature, its
   log-probabilities are the sampling log-probabilities. The loss is taken on the reply tokens
   of the policy's own messages only (``source="policy"``), never on env turns or prefilled
   assistant turns. A reply cut by ``max_new_tokens`` does not train its closing end-of-turn
   token (the policy never chose it). ``reencoded_same`` logs the share of turns whose
   re-encoding would have matched.
4. **Loss** per token t of episode i, with ``r = exp(log π(t) - log π_old(t))``:
   ``L = -[min(r·A, clip(r, 1-ε, 1+ε)·A) - β·KL]`` and the k3 estimator
   ``KL = exp(log π_ref - log π) - (log π_ref - log π) - 1`` against the frozen starting model.
   π and π_ref are the tempered distributions ``softmax(logits / temperature)``: the policy
   trained is the one that was sampled.
   Averaged over the tokens of each episode, then over episodes (as in the GRPO paper).
   With ``epochs=1`` (default) π_old is π detached, so r = 1 and the step is the plain
   policy gradient with a group baseline plus the KL term; ``epochs > 1`` re-uses the batch and
   the clip matters.
5. **Prefix gradient.** ``prefix_gradient="loss_mask"`` runs each sequence in one pass with
   gradients; ``"stop"`` runs everything before the first policy message under
   ``torch.no_grad()`` and only the rest with gradients (:mod:`textgym.lm.sequences`).

Every step appends a line to ``DIR/metrics.jsonl``: ``proxy_reward``, ``true_reward``,
``hidden/<label>`` rates, ``kl``, ``loss``, token counts and throughput, and ``no_signal``
(with ``no_signal_reason``): True when the step could not learn from the reward: every trained
token's advantage was 0 (every group's returns equal), no token was trained, or the gradient
was 0. Such a step is also announced on stderr (:func:`textgym.agents.runs.warn_no_signal`).

Example:
    >>> import tempfile
    >>> config = GRPOConfig(env="textgym/Sycophancy-v0", policy="hf:tiny", out=tempfile.mkdtemp(), steps=1,
    ...                     group_size=2, batch=1, max_new_tokens=4, progress=False)
    >>> metrics = train_grpo(config)  # doctest: +SKIP
    >>> sorted(metrics[-1])[:3]  # doctest: +SKIP
    ['clip_frac', 'gen_tokens', 'gen_tokens_per_s']
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import torch
    from transformers import PreTrainedTokenizerBase

    from textgym.rollout import EpisodeRecord

from textgym.agents.episodes import EnvPool, Trajectory, collect_episodes, sampled_tokens
from textgym.agents.runs import RunDir, Trainable, TrainerSettings, episode_metrics, start_training
from textgym.lm.sequences import (
    PackedBatch,
    TrainingSequence,
    check_prefix_gradient,
    masked_mean,
    pack,
    pack_token_values,
    token_logprobs,
)

ADVANTAGES = ("episode", "per_turn", "components", "scalar")  # "scalar": the old name of "episode"


@dataclass
class GRPOConfig(TrainerSettings):
    """Settings of a GRPO run (the ``textgym train --algo grpo`` flags).

    Example:
        >>> GRPOConfig(env="textgym/Sycophancy-v0", out="runs/x").group_size
        4
    """

    group_size: int = 4
    batch: int = 4
    beta: float = 0.04
    clip: float = 0.2
    epochs: int = 1
    # "episode" (old name "scalar"): one group-relative advantage of the episode's proxy return for every turn.
    # "per_turn": reward-to-go of each turn against the group's mean reward-to-go at that turn (sparsity matters).
    # "components": structured feedback — a group-relative advantage per reward component
    # (info["reward_components"], summed over the episode), combined with ``component_weights``.
    advantage: str = "episode"
    # the objective in both modes when set: return = sum_c w_c * R_c (default: the env's own reward)
    component_weights: dict[str, float] = field(default_factory=dict)
    save_episodes: bool = True

    def check(self) -> None:
        """A ``ValueError`` for a setting out of its range or a credit mode that cannot work."""
        self.check_counts(at_least_one=("steps", "group_size", "batch", "epochs", "max_new_tokens", "micro_batch"),
                          at_least_zero=("save_every",))
        if self.advantage not in ADVANTAGES:
            raise ValueError(f"GRPOConfig.advantage must be one of {ADVANTAGES}, got {self.advantage!r}")
        if self.advantage == "per_turn" and self.component_weights:
            raise ValueError("GRPOConfig.advantage='per_turn' credits the delivered reward of each turn: component_weights are not supported with it")
        if self.advantage == "components" and not self.component_weights:
            raise ValueError("GRPOConfig.advantage='components' needs component_weights, e.g. {'content': 0.5, 'framing': 0.5}")
        if self.group_size < 2:
            raise ValueError("GRPO needs group_size >= 2: the advantage is relative to the other samples of a group")
        if self.temperature <= 0:
            raise ValueError("GRPO samples its groups: temperature must be > 0")


_RESUME_KEYS = ("algo", "env", "policy", "lora", "lora_rank", "axes", "backends")


def train_grpo(config: GRPOConfig) -> list[dict[str, Any]]:
    """Run GRPO as configured; returns the metrics of every step of the run (resumed steps included)."""
    import torch
    from tqdm.auto import tqdm

    session = start_training(config, "grpo", _RESUME_KEYS, batch_size=config.batch * config.group_size)
    run, trainable, optimizer, first_step, policy = session.run, session.trainable, session.optimizer, session.first_step, session.policy
    model, tokenizer = trainable.model, trainable.tokenizer
    pool = EnvPool(config.env, config.batch * config.group_size, config.axes, config.backends)
    bar = tqdm(total=config.steps, initial=first_step, desc=f"GRPO {pool.env_id}", unit="step", disable=not config.progress)

    for step in range(first_step + 1, config.steps + 1):
        started = time.perf_counter()
        # 1. rollout: B seeds x G samples, multi-turn, in lock-step
        seeds = [config.seed + (step - 1) * config.batch + b for b in range(config.batch) for _ in range(config.group_size)]
        policy.reseed(config.seed * 1_000_003 + step)
        model.eval()
        trajectories = collect_episodes(pool, policy, seeds)
        rollout_s = time.perf_counter() - started

        # 2. group-relative advantages from the proxy return (or, structured, per reward component)
        records = [t.record for t in trajectories]
        returns, advantages = group_advantages(records, config)
        turn_advantages = per_turn_advantages(records, config) if config.advantage == "per_turn" else None

        # 3. tokens: the sampled ids of the policy's own replies are trained, nothing else
        built = [policy_sequence(tokenizer, t) for t in trajectories]
        sequences = [b[0] for b in built]
        retokenized = [b[1] for b in built]
        if turn_advantages is not None:
            advantages = [token_advantages(b[2], len(b[0]), a) for b, a in zip(built, turn_advantages)]

        # 4./5. loss and update
        update_started = time.perf_counter()
        model.train()
        stats = grpo_update(trainable, optimizer, sequences, advantages, config)
        update_s = time.perf_counter() - update_started

        step_s = time.perf_counter() - started
        gen_tokens = sum(len(g) for t in trajectories for g in t.generations)
        policy_turns = [g for t in trajectories for g in t.generations]
        metrics: dict[str, Any] = {
            "step": step,
            **episode_metrics([t.record for t in trajectories]),
            **stats,
            "reward_std": float(returns.std(dim=1).mean()),
            "groups_without_signal": float((returns.std(dim=1) == 0).float().mean()),
            "truncated": float(np.mean([not g.finished for g in policy_turns])) if policy_turns else 0.0,
            "reencoded_same": float(np.mean([x for r in retokenized for x in r])) if any(retokenized) else None,
            "gen_tokens": gen_tokens,
            "gen_tokens_per_s": gen_tokens / max(rollout_s, 1e-9),
            "train_tokens_per_s": stats["tokens"] / max(update_s, 1e-9),
            "tokens_per_s": stats["tokens"] / max(step_s, 1e-9),
            "rollout_s": rollout_s,
            "update_s": update_s,
            "step_s": step_s,
        }
        if config.save_episodes:
            run.log_episodes(step, [t.record for t in trajectories])
        session.end_step(config, step, stats, metrics, bar)
        bar.set_postfix(proxy=f"{metrics['proxy_reward']:.2f}", true=f"{metrics['true_reward']:.2f}", kl=f"{metrics['kl']:.3f}")

    bar.close()
    pool.close()
    return session.finish(config, f"GRPO {config.policy} on {pool.env_id} {config.axes or ''}")


def group_advantages(records: list[EpisodeRecord], config: GRPOConfig) -> tuple[torch.Tensor, torch.Tensor]:
    """Returns (B x G) and flat advantages ``A = (R - mean_G R) / (std_G R + 1e-4)``.

    ``advantage="scalar"``: R is the proxy return, or ``sum_c w_c R_c`` when ``component_weights``
    is set (R_c = component c summed over the episode). ``advantage="components"`` (structured
    feedback): each component gets its own group-normalised advantage and
    ``A = sum_c w_c A_c``, so a component the whole group scored alike adds nothing, whatever
    the others did. Hidden labels are never used.

    Example:
        >>> from textgym.rollout import EpisodeRecord
        >>> from textgym.types import Conversation
        >>> r = lambda c, f: EpisodeRecord("e", {}, 0, "p", Conversation(), rewards=[0.0], reward_components=[{"content": c, "framing": f}])
        >>> cfg = GRPOConfig(env="e", out="o", batch=1, group_size=2, advantage="components", component_weights={"content": 1.0, "framing": 1.0})
        >>> _, a = group_advantages([r(1.0, 0.0), r(1.0, 1.0)], cfg)
        >>> [round(float(x), 2) for x in a]  # content equal in the group: only framing separates them
        [-0.71, 0.71]
    """
    import torch

    shape = (config.batch, config.group_size)

    def normalise(values: torch.Tensor) -> torch.Tensor:
        return (values - values.mean(dim=1, keepdim=True)) / (values.std(dim=1, keepdim=True) + 1e-4)

    def component(name: str) -> torch.Tensor:
        return torch.tensor([sum(float(c.get(name, 0.0)) for c in r.reward_components) for r in records], dtype=torch.float32).view(shape)

    weights = dict(config.component_weights)
    if weights:
        returns = sum(w * component(name) for name, w in weights.items())
    else:
        returns = torch.tensor([r.proxy_return for r in records], dtype=torch.float32).view(shape)
    if config.advantage == "components":
        advantages = sum(w * normalise(component(name)) for name, w in weights.items())
    else:
        advantages = normalise(returns)
    return returns, advantages.flatten()


def per_turn_advantages(records: list[EpisodeRecord], config: GRPOConfig) -> list[list[float]]:
    """Per episode, the advantage of each turn: reward-to-go against the group's per-turn baseline.

    ``G_{i,t} = sum_{s >= t} r_{i,s}`` (delivered rewards); over the episodes j of the group
    that reach turn t, ``A_{i,t} = (G_{i,t} - mean_j G_{j,t}) / (std_j G_{j,t} + 1e-4)`` (std 0
    when only one episode reaches t). Records are ordered group by group, ``group_size`` each.

    Example:
        >>> from textgym.rollout import EpisodeRecord
        >>> from textgym.types import Conversation
        >>> r = lambda *rewards: EpisodeRecord("e", {}, 0, "p", Conversation(), rewards=list(rewards))
        >>> cfg = GRPOConfig(env="e", out="o", batch=1, group_size=2, advantage="per_turn")
        >>> [[round(a, 2) for a in turn] for turn in per_turn_advantages([r(1.0, 0.0), r(0.0, 1.0)], cfg)]  # dense: turn 2 judged alone
        [[0.0, -0.71], [0.0, 0.71]]
        >>> [[round(a, 2) for a in turn] for turn in per_turn_advantages([r(0.0, 1.0), r(0.0, 1.0)], cfg)]
        [[0.0, 0.0], [0.0, 0.0]]
    """
    out: list[list[float]] = []
    for start in range(0, len(records), config.group_size):
        group = records[start : start + config.group_size]
        to_go = [np.cumsum(np.asarray(r.rewards, dtype=np.float64)[::-1])[::-1] for r in group]
        longest = max((len(g) for g in to_go), default=0)
        stats = []
        for t in range(longest):
            values = np.array([g[t] for g in to_go if len(g) > t])
            stats.append((values.mean(), values.std(ddof=1) if len(values) > 1 else 0.0))
        out.extend([float((g[t] - stats[t][0]) / (stats[t][1] + 1e-4)) for t in range(len(g))] for g in to_go)
    return out


def token_advantages(turns: dict[tuple[int, int], int], length: int, advantages: list[float]) -> tuple[float, ...]:
    """One value per token: each turn's reply span ``(start, end) -> turn`` gets that turn's
    advantage, every other token 0 (it is not trained).

    Example:
        >>> token_advantages({(1, 3): 0, (4, 5): 1}, 6, [0.5, -1.0])
        (0.0, 0.5, 0.5, 0.0, -1.0, 0.0)
    """
    values = [0.0] * length
    for (start, end), turn in turns.items():
        if turn < len(advantages):
            values[start:end] = [advantages[turn]] * (end - start)
    return tuple(values)


def policy_sequence(tokenizer: PreTrainedTokenizerBase, trajectory: Trajectory) -> tuple[TrainingSequence, list[bool], dict[tuple[int, int], int]]:
    """The episode as a training sequence on the token ids that were *sampled* (policy reply
    tokens trained), per policy turn whether re-encoding the decoded text would have given
    those ids back, and each policy turn's reply span ``(start, end) -> turn index``."""
    sampled = sampled_tokens(tokenizer, trajectory.record.conversation, trajectory.generations)
    tokenized = sampled.tokenized
    sequence = TrainingSequence.from_tokenized(tokenized, ("policy",), end_of_turn=tokenizer.eos_token_id, unfinished=sampled.unfinished)
    spans = {tokenized.replies[index]: turn for index, turn in sampled.turn_of_message.items()}
    return sequence, sampled.reencoded_same, spans


def grpo_update(trainable: Trainable, optimizer: torch.optim.Optimizer, sequences: list[TrainingSequence], advantages: torch.Tensor, config: GRPOConfig) -> dict[str, float]:
    """``config.epochs`` passes of the clipped, KL-penalised GRPO loss over the batch; one
    optimizer step per pass (micro-batches accumulate gradients).

    ``advantages`` is one value per episode (a 1-D tensor) or one value per token of each
    sequence (a list of tuples, as :func:`token_advantages` builds for ``per_turn``)."""
    import torch

    model, pad_id = trainable.model, trainable.tokenizer.pad_token_id
    device = next(model.parameters()).device
    keep = [i for i, s in enumerate(sequences) if s.n_trained > 0]
    order = sorted(keep, key=lambda i: len(sequences[i]))  # similar lengths share a micro-batch: less padding
    chunks = [order[i : i + config.micro_batch] for i in range(0, len(order), config.micro_batch)]
    batches: list[PackedBatch] = [pack([sequences[i] for i in chunk], pad_id).to(device) for chunk in chunks]
    if isinstance(advantages, torch.Tensor):  # per episode: the same value on every token
        chunk_advantages = [advantages[chunk].to(device)[:, None].expand_as(b.target_mask) for chunk, b in zip(chunks, batches)]
    else:  # per token
        chunk_advantages = [pack_token_values([sequences[i] for i in chunk], [advantages[i] for i in chunk]).to(device) for chunk in chunks]
    max_advantage = max((float(a[b.target_mask].abs().max()) for a, b in zip(chunk_advantages, batches) if b.target_mask.any()), default=0.0)
    n_episodes = max(1, len(keep))

    # frozen log-probabilities: the reference (for KL) and, when the batch is re-used, π_old
    T = config.temperature  # the trained policy is the one sampled from: softmax(logits / T)
    reference = [trainable.reference_logprobs(b, T) for b in batches]
    old = None
    if config.epochs > 1:
        with torch.no_grad():
            old = [token_logprobs(model, b, check_prefix_gradient(config.prefix_gradient), T) for b in batches]

    totals = {"loss": 0.0, "kl": 0.0, "pg": 0.0}
    clipped_tokens = 0
    for epoch in range(config.epochs):
        optimizer.zero_grad(set_to_none=True)
        for k, (batch, adv, ref) in enumerate(zip(batches, chunk_advantages, reference)):
            mask = batch.target_mask
            logp = token_logprobs(model, batch, check_prefix_gradient(config.prefix_gradient), T)
            old_logp = logp.detach() if old is None else old[k]
            ratio = torch.exp(logp - old_logp)
            a = adv
            surrogate = torch.minimum(ratio * a, torch.clamp(ratio, 1 - config.clip, 1 + config.clip) * a)
            log_ref_ratio = ref - logp
            kl = torch.exp(log_ref_ratio) - log_ref_ratio - 1  # k3: unbiased, always >= 0
            per_token = -(surrogate - config.beta * kl)
            per_episode = masked_mean(per_token, mask)
            loss = per_episode.sum() / n_episodes
            loss.backward()
            if epoch == config.epochs - 1:  # report the last pass
                totals["loss"] += float(loss.detach())
                totals["pg"] += float(-masked_mean(surrogate.detach(), mask).sum()) / n_episodes
                totals["kl"] += float(masked_mean(kl.detach(), mask).sum()) / n_episodes
                clipped_tokens += int((((ratio - 1).abs() > config.clip) & mask).sum())
        grad_norm = torch.nn.utils.clip_grad_norm_(trainable.trainable_parameters(), config.max_grad_norm)
        optimizer.step()
    trained_tokens = int(sum(int(b.target_mask.sum()) for b in batches))
    return {
        **totals,
        "clip_frac": clipped_tokens / max(1, trained_tokens),
        "grad_norm": float(grad_norm),
        "tokens": sum(b.n_tokens for b in batches),
        "trained_tokens": trained_tokens,
        "episodes_trained": len(keep),
        "max_abs_advantage": max_advantage,
    }


# ---------------------------------------------------------------------------- benchmark


def bench_train(
    *,
    policy: str = "hf:default",
    env: str = "textgym/Sycophancy-v0",
    steps: int = 2,
    group_size: int = 4,
    batch: int = 2,
    max_new_tokens: int = 24,
    micro_batch: int = 2,
    lora: bool = False,
    prefix_gradient: str = "loss_mask",
    isolated: bool = True,
) -> dict[str, Any]:
    """Tokens/s of GRPO steps and the peak resident memory (CPU by default).

    Runs ``steps`` real GRPO steps (rollout, reference pass, update; no checkpoint) and reports
    the mean over steps after the first (the first pays one-off costs) of ``tokens_per_s``
    (tokens of the episodes' full conversations per second of the whole step),
    ``gen_tokens_per_s`` (generated tokens per second of rollout) and ``train_tokens_per_s``
    (conversation tokens per second of the update), plus ``peak_rss_gb`` from
    ``resource.getrusage``. ``isolated`` runs it in a fresh Python process so the peak is the
    training's own, not this process's history.

    Example:
        >>> result = bench_train(policy="hf:tiny", steps=1, group_size=2, batch=1, max_new_tokens=4)  # doctest: +SKIP
        >>> result["peak_rss_gb"] > 0  # doctest: +SKIP
        True
    """
    kwargs = dict(policy=policy, env=env, steps=steps, group_size=group_size, batch=batch, max_new_tokens=max_new_tokens,
                  micro_batch=micro_batch, lora=lora, prefix_gradient=prefix_gradient)
    if isolated:
        import json
        import subprocess
        import sys

        code = "import json, sys; from textgym.agents.grpo import bench_train; print(json.dumps(bench_train(isolated=False, **json.loads(sys.argv[1]))))"
        done = subprocess.run([sys.executable, "-c", code, json.dumps(kwargs)], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"bench_train subprocess failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}")
        return json.loads(done.stdout.strip().splitlines()[-1])
    import platform
    import resource
    import tempfile

    import torch

    with tempfile.TemporaryDirectory() as out:
        config = GRPOConfig(env=env, out=out, policy=policy, steps=steps, group_size=group_size, batch=batch,
                            max_new_tokens=max_new_tokens, micro_batch=micro_batch, lora=lora, prefix_gradient=prefix_gradient,
                            save_every=0, progress=False, save_episodes=False)
        metrics = train_grpo(config)
    timed = metrics[1:] if len(metrics) > 1 else metrics
    mean = lambda key: float(np.mean([m[key] for m in timed]))  # noqa: E731
    return {
        "policy": policy,
        "env": env,
        "lora": lora,
        "prefix_gradient": prefix_gradient,
        "episodes_per_step": batch * group_size,
        "max_new_tokens": max_new_tokens,
        "steps_timed": len(timed),
        "tokens_per_s": mean("tokens_per_s"),
        "gen_tokens_per_s": mean("gen_tokens_per_s"),
        "train_tokens_per_s": mean("train_tokens_per_s"),
        "step_s": mean("step_s"),
        "tokens_per_step": mean("tokens"),
        "peak_rss_gb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2,
        "torch_threads": torch.get_num_threads(),
        "machine": platform.machine(),
        "processor": platform.processor() or platform.machine(),
    }

