"""GRPO: on-policy training with group-relative advantages, a clipped ratio and a KL penalty.

One step, top to bottom (:func:`train_grpo`):

1. **Rollout.** ``batch`` episode seeds, each run ``group_size`` (G) times by the current model
   sampling at ``temperature``: multi-turn episodes through the environment (simulated user,
   rater), all B·G episodes in lock-step, one batched ``generate`` per turn.
2. **Advantages.** Each episode's return R is its proxy return (the sum of delivered rewards;
   hidden labels are never used). Within a group of the same seed:
   ``A = (R - mean_G(R)) / (std_G(R) + 1e-4)``; every trained token of the episode gets A.
3. **Tokens.** The final conversation is re-rendered with the chat template; the loss is taken
   on the reply tokens of the policy's own messages only (``source="policy"``), never on env
   turns or prefilled assistant turns. A reply cut by ``max_new_tokens`` does not train its
   closing end-of-turn token (the policy never chose it).
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
   ``torch.no_grad()`` and only the rest with gradients (:mod:`textgym.agents.sequences`).

Every step appends a line to ``DIR/metrics.jsonl``: ``proxy_reward``, ``true_reward``,
``hidden/<label>`` rates, ``kl``, ``loss``, token counts and throughput.

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
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from textgym.agents.episodes import EnvPool, Trajectory, collect_episodes
from textgym.agents.runs import RunDir, Trainable, episode_metrics, load_trainable, plot_metrics, start_run
from textgym.agents.sequences import PackedBatch, TrainingSequence, check_prefix_gradient, masked_mean, pack, token_logprobs
from textgym.agents.tokenization import tokenize_conversation


@dataclass
class GRPOConfig:
    """Settings of a GRPO run (the ``textgym train --algo grpo`` flags).

    Example:
        >>> GRPOConfig(env="textgym/Sycophancy-v0", out="runs/x").group_size
        4
    """

    env: str
    out: str | Path
    policy: str = "hf:default"
    steps: int = 30
    group_size: int = 4
    batch: int = 4
    lr: float = 1e-5
    beta: float = 0.04
    clip: float = 0.2
    epochs: int = 1
    max_new_tokens: int = 32
    temperature: float = 0.7
    prefix_gradient: str = "loss_mask"
    # "scalar": one group-relative advantage of the proxy return (the environment's scalar reward).
    # "components": structured feedback — a group-relative advantage per reward component
    # (info["reward_components"], summed over the episode), combined with ``component_weights``.
    advantage: str = "scalar"
    # the objective in both modes when set: return = sum_c w_c * R_c (default: the env's own reward)
    component_weights: dict[str, float] = field(default_factory=dict)
    lora: bool = False
    lora_rank: int = 16
    micro_batch: int = 2
    max_grad_norm: float = 1.0
    save_every: int = 10  # 0: never write a checkpoint (benchmarks)
    seed: int = 0
    axes: dict[str, str] = field(default_factory=dict)
    backends: dict[str, str] = field(default_factory=dict)
    device: str = "cpu"
    resume: bool = False
    plot: bool = False
    progress: bool = True
    save_episodes: bool = True

    def check(self) -> None:
        check_prefix_gradient(self.prefix_gradient)
        if self.advantage not in ("scalar", "components"):
            raise ValueError(f"GRPOConfig.advantage must be 'scalar' or 'components', got {self.advantage!r}")
        if self.advantage == "components" and not self.component_weights:
            raise ValueError("GRPOConfig.advantage='components' needs component_weights, e.g. {'content': 0.5, 'framing': 0.5}")
        if self.save_every < 0:
            raise ValueError(f"GRPOConfig.save_every must be >= 0 (0: no checkpoints), got {self.save_every}")
        for name in ("steps", "group_size", "batch", "epochs", "max_new_tokens", "micro_batch"):
            if getattr(self, name) < 1:
                raise ValueError(f"GRPOConfig.{name} must be >= 1, got {getattr(self, name)}")
        if self.group_size < 2:
            raise ValueError("GRPO needs group_size >= 2: the advantage is relative to the other samples of a group")
        if self.temperature <= 0:
            raise ValueError("GRPO samples its groups: temperature must be > 0")


_RESUME_KEYS = ("algo", "env", "policy", "lora", "lora_rank", "axes", "backends")


def train_grpo(config: GRPOConfig) -> list[dict[str, Any]]:
    """Run GRPO as configured; returns the metrics of every step of the run (resumed steps included)."""
    import torch
    from tqdm.auto import tqdm

    from textgym.agents.hf_policy import HFPolicy

    config.check()
    settings = {"algo": "grpo", **asdict(config), "out": str(config.out)}
    run, resuming = start_run(config.out, settings, resume=config.resume, compare=_RESUME_KEYS)
    trainable = load_trainable(
        config.policy, lora=config.lora, lora_rank=config.lora_rank, device=config.device, resume_from=run.path if resuming else None
    )
    model, tokenizer = trainable.model, trainable.tokenizer
    optimizer = trainable.optimizer(config.lr)
    first_step = run.restore(optimizer) if resuming else 0
    policy = HFPolicy(
        config.policy.removeprefix("hf:"), model=model, tokenizer=tokenizer, max_new_tokens=config.max_new_tokens,
        temperature=config.temperature, batch_size=config.batch * config.group_size,
    )
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
        returns, advantages = group_advantages([t.record for t in trajectories], config)

        # 3. tokens: the policy's own reply tokens are trained, nothing else
        sequences, retokenized = zip(*(policy_sequence(tokenizer, t) for t in trajectories))

        # 4./5. loss and update
        update_started = time.perf_counter()
        model.train()
        stats = grpo_update(trainable, optimizer, list(sequences), advantages, config)
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
            "retokenized_same": float(np.mean([x for r in retokenized for x in r])) if any(retokenized) else None,
            "gen_tokens": gen_tokens,
            "gen_tokens_per_s": gen_tokens / max(rollout_s, 1e-9),
            "train_tokens_per_s": stats["tokens"] / max(update_s, 1e-9),
            "tokens_per_s": stats["tokens"] / max(step_s, 1e-9),
            "rollout_s": rollout_s,
            "update_s": update_s,
            "step_s": step_s,
        }
        run.log_metrics(metrics)
        if config.save_episodes:
            run.log_episodes(step, [t.record for t in trajectories])
        if config.save_every and (step % config.save_every == 0 or step == config.steps):
            run.save_checkpoint(trainable, optimizer, step)
        bar.update(1)
        bar.set_postfix(proxy=f"{metrics['proxy_reward']:.2f}", true=f"{metrics['true_reward']:.2f}", kl=f"{metrics['kl']:.3f}")

    bar.close()
    pool.close()
    history = run.read_metrics()
    if config.plot:
        plot_metrics(history, run.path / "curves.png", title=f"GRPO {config.policy} on {pool.env_id} {config.axes or ''}")
    return history


def group_advantages(records: list[Any], config: GRPOConfig) -> tuple[Any, Any]:
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

    def normalise(values: Any) -> Any:
        return (values - values.mean(dim=1, keepdim=True)) / (values.std(dim=1, keepdim=True) + 1e-4)

    def component(name: str) -> Any:
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


def policy_sequence(tokenizer: Any, trajectory: Trajectory) -> tuple[TrainingSequence, list[bool]]:
    """The episode as a training sequence (policy reply tokens trained), and per policy turn
    whether re-rendering reproduced exactly the tokens the policy generated."""
    tokenized = tokenize_conversation(tokenizer, trajectory.record.conversation)
    policy_messages = [i for i, source in enumerate(tokenized.sources) if source == "policy"]
    unfinished = set()
    same = []
    for index, generation in zip(policy_messages, trajectory.generations):
        if not generation.finished:
            unfinished.add(index)
        if generation.token_ids:
            start, end = tokenized.replies[index]
            rendered = tokenized.input_ids[start:end]
            expected = generation.token_ids if generation.finished else generation.token_ids + (tokenizer.eos_token_id,)
            same.append(tuple(rendered) == tuple(expected))
    sequence = TrainingSequence.from_tokenized(tokenized, ("policy",), end_of_turn=tokenizer.eos_token_id, unfinished=unfinished)
    return sequence, same


def grpo_update(trainable: Trainable, optimizer: Any, sequences: list[TrainingSequence], advantages: Any, config: GRPOConfig) -> dict[str, float]:
    """``config.epochs`` passes of the clipped, KL-penalised GRPO loss over the batch; one
    optimizer step per pass (micro-batches accumulate gradients)."""
    import torch

    model, pad_id = trainable.model, trainable.tokenizer.pad_token_id
    device = next(model.parameters()).device
    keep = [i for i, s in enumerate(sequences) if s.n_trained > 0]
    order = sorted(keep, key=lambda i: len(sequences[i]))  # similar lengths share a micro-batch: less padding
    chunks = [order[i : i + config.micro_batch] for i in range(0, len(order), config.micro_batch)]
    batches: list[PackedBatch] = [pack([sequences[i] for i in chunk], pad_id).to(device) for chunk in chunks]
    chunk_advantages = [advantages[chunk].to(device) for chunk in chunks]
    n_episodes = max(1, len(keep))

    # frozen log-probabilities: the reference (for KL) and, when the batch is re-used, π_old
    T = config.temperature  # the trained policy is the one sampled from: softmax(logits / T)
    reference = [trainable.reference_logprobs(b, T) for b in batches]
    old = None
    if config.epochs > 1:
        with torch.no_grad():
            old = [token_logprobs(model, b, config.prefix_gradient, T) for b in batches]

    totals = {"loss": 0.0, "kl": 0.0, "pg": 0.0}
    clipped_tokens = 0
    for epoch in range(config.epochs):
        optimizer.zero_grad(set_to_none=True)
        for k, (batch, adv, ref) in enumerate(zip(batches, chunk_advantages, reference)):
            mask = batch.target_mask
            logp = token_logprobs(model, batch, config.prefix_gradient, T)
            old_logp = logp.detach() if old is None else old[k]
            ratio = torch.exp(logp - old_logp)
            a = adv[:, None]
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

