"""``textgym train``: GRPO or expert iteration of a transformers policy on one environment.

A step without a learning signal (every advantage 0, no trained token, or a zero gradient) is
announced on stderr as it happens and recorded as ``no_signal`` in ``metrics.jsonl``; the run
then ends with a summary that says how many of its steps had no signal. Exit codes: 0 the run
finished; 2 an input error (one line on stderr); 3 ``--strict`` and at least one step had no
learning signal (the run and its checkpoint are still written).

Example:
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="textgym"); register(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["train", "--env", "textgym/Sycophancy-v0", "--policy", "hf:tiny", "--steps", "2", "--out", "runs/x"])
    >>> args.algo, args.group_size, args.prefix_gradient, args.advantage, args.strict
    ('grpo', 4, 'loss_mask', 'episode', False)
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from textgym.cli.common import CLIError, add_env_arguments, pairs

EXIT_NO_SIGNAL = 3  # --strict: a step had no learning signal


def cmd_train(args: argparse.Namespace) -> int:

    if not args.policy.startswith("hf:"):
        raise CLIError(f"--policy must be hf:default, hf:tiny or hf:PATH (a model to train), got {args.policy!r}")
    common: dict[str, Any] = dict(
        env=args.env, out=args.out, policy=args.policy, steps=args.steps, lr=args.lr, beta=args.beta,
        max_new_tokens=args.max_new_tokens, temperature=args.temperature, prefix_gradient=args.prefix_gradient,
        lora=args.lora, lora_rank=args.lora_rank, micro_batch=args.micro_batch, save_every=args.save_every, seed=args.seed,
        axes=pairs(args.axis, "axis"), backends=pairs(args.backend, "backend"), device=args.device, resume=args.resume,
        plot=args.plot, progress=not args.quiet,
    )
    if args.algo == "grpo":
        from textgym.agents.grpo import GRPOConfig, train_grpo

        if args.behaviour_policy:
            raise CLIError("--behaviour-policy is for --algo expert-iteration (GRPO learns from its own samples)")
        metrics = train_grpo(GRPOConfig(**common, group_size=args.group_size, batch=args.batch or 4, clip=args.clip,
                                        epochs=args.epochs, advantage=args.advantage))
    else:
        from textgym.agents.expert_iteration import ExpertIterationConfig, train_expert_iteration

        if args.advantage != "episode":
            raise CLIError("--advantage is for --algo grpo (expert iteration clones episodes, it has no advantages)")
        if not args.behaviour_policy:
            raise CLIError("--algo expert-iteration needs --behaviour-policy NAME|FILE|self (e.g. exploit, hf:PATH, episodes.jsonl)")
        metrics = train_expert_iteration(ExpertIterationConfig(
            **common, behaviour=args.behaviour_policy, batch=args.batch or 8, collect=args.collect, keep_top=args.keep_top,
            min_return=args.min_return, refresh_every=args.refresh_every, eval_every=args.eval_every, eval_episodes=args.eval_episodes,
        ))
    silent = _print_summary(metrics, args)
    return EXIT_NO_SIGNAL if silent and args.strict else 0


def no_signal_summary(metrics: list[dict[str, Any]]) -> str | None:
    """The summary line for a run with steps that had no learning signal (None if every step had one).

    Example:
        >>> no_signal_summary([{"step": 1, "no_signal": True, "no_signal_reason": "every advantage was 0"}, {"step": 2, "no_signal": False}])
        'WARNING: 1 of 2 steps had NO LEARNING SIGNAL (every advantage was 0); steps: 1'
        >>> no_signal_summary([{"step": 1, "no_signal": False}]) is None
        True
    """
    steps = [m for m in metrics if "no_signal" in m]
    silent = [m for m in steps if m["no_signal"]]
    if not silent:
        return None
    reasons = sorted({str(m.get("no_signal_reason")) for m in silent if m.get("no_signal_reason")})
    listed = ", ".join(str(m["step"]) for m in silent[:20]) + (", ..." if len(silent) > 20 else "")
    head = "FAILED: the run learned nothing: every one of its" if len(silent) == len(steps) else "WARNING:"
    if len(silent) == len(steps):
        return f"{head} {len(steps)} steps had NO LEARNING SIGNAL ({'; '.join(reasons)}); its checkpoint equals the starting model up to the KL term"
    return f"{head} {len(silent)} of {len(steps)} steps had NO LEARNING SIGNAL ({'; '.join(reasons)}); steps: {listed}"


def _print_summary(metrics: list[dict[str, Any]], args: argparse.Namespace) -> bool:
    """Print the run's summary; True when some step had no learning signal."""
    import numpy as np

    with_reward = [m for m in metrics if isinstance(m.get("proxy_reward"), (int, float))]
    silent = no_signal_summary(metrics)
    if silent:
        print(f"textgym train: {silent}", file=sys.stderr, flush=True)
        print(silent)
    print(f"wrote {args.out} (load it with --policy hf:{args.out}); metrics: {args.out}/metrics.jsonl")
    if args.plot:
        print(f"curves: {args.out}/curves.png")
    if with_reward:
        k = min(5, max(1, len(with_reward) // 2))
        for key in ("proxy_reward", "true_reward", "kl"):
            first = [m[key] for m in with_reward[:k] if isinstance(m.get(key), (int, float))]
            last = [m[key] for m in with_reward[-k:] if isinstance(m.get(key), (int, float))]
            if first and last:
                print(f"{key:<13} first {k}: {np.mean(first):.3f}   last {k}: {np.mean(last):.3f}")
    if args.json:
        print(json.dumps(metrics[-1] if metrics else {}))
    return silent is not None


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``train`` to the CLI's subcommands."""
    p = sub.add_parser("train", help="train a transformers policy (GRPO or expert iteration)", description=__doc__.split("\n\n")[0])
    p.add_argument("--env", required=True, help="a registered id or a YAML path")
    p.add_argument("--policy", default="hf:default", help="hf:default | hf:tiny | hf:PATH (the model to train)")
    p.add_argument("--algo", choices=["grpo", "expert-iteration"], default="grpo")
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("--out", required=True, help="run folder: metrics, episodes, checkpoints (a checkpoint loads as hf:OUT)")
    add_env_arguments(p, env=False)
    p.add_argument("--prefix-gradient", choices=["loss_mask", "stop"], default="loss_mask",
                   help="loss_mask: one pass, loss masked; stop: no gradient through the prefix (KV cache under no_grad)")
    p.add_argument("--group-size", type=int, default=4, help="GRPO: samples per episode seed")
    p.add_argument("--batch", type=int, help="GRPO: episode seeds per step (default 4); expert iteration: episodes per step (default 8)")
    p.add_argument("--lr", type=float, default=1e-5)
    p.add_argument("--beta", type=float, default=None, help="KL coefficient (default 0.04 for GRPO, 0 for expert iteration)")
    p.add_argument("--clip", type=float, default=0.2, help="GRPO: ratio clip epsilon")
    p.add_argument("--advantage", choices=["episode", "per_turn"], default="episode",
                   help="GRPO credit: episode (every turn gets the episode's group-relative advantage) or per_turn "
                        "(reward-to-go with per-turn group baselines, so reward sparsity matters)")
    p.add_argument("--epochs", type=int, default=1, help="GRPO: optimisation passes per batch")
    p.add_argument("--max-new-tokens", type=int, default=32)
    p.add_argument("--temperature", type=float, default=0.7, help="sampling temperature of the trained policy (GRPO trains softmax(logits/T))")
    p.add_argument("--micro-batch", type=int, default=2, help="sequences per forward/backward pass (memory vs speed)")
    p.add_argument("--behaviour-policy", help="expert iteration: a reference policy name, hf:PATH, a JSONL file of episodes, or self")
    p.add_argument("--collect", type=int, default=64, help="expert iteration: behaviour episodes collected")
    p.add_argument("--keep-top", type=float, default=0.5, help="expert iteration: fraction kept by proxy return")
    p.add_argument("--min-return", type=float, help="expert iteration: also require this proxy return")
    p.add_argument("--refresh-every", type=int, default=10, help="expert iteration with self: re-collect every N steps")
    p.add_argument("--eval-every", type=int, default=5, help="expert iteration: greedy held-out episodes every N steps (0: never)")
    p.add_argument("--eval-episodes", type=int, default=16)
    p.add_argument("--lora", action="store_true", help="train a LoRA adapter (peft) instead of all weights")
    p.add_argument("--lora-rank", type=int, default=16)
    p.add_argument("--save-every", type=int, default=10, help="checkpoint every N steps (and at the end)")
    p.add_argument("--resume", action="store_true", help="continue the run in --out from its last checkpoint")
    p.add_argument("--plot", action="store_true", help="write OUT/curves.png")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--device", default="cpu", help="cpu, cuda, or auto")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--json", action="store_true", help="also print the last step's metrics as JSON")
    p.add_argument("--strict", action="store_true",
                   help=f"exit {EXIT_NO_SIGNAL} when any step had no learning signal (every advantage 0, no trained token, zero gradient)")
    p.set_defaults(fn=_train_with_defaults)


def _train_with_defaults(args: argparse.Namespace) -> int:
    if args.beta is None:
        args.beta = 0.04 if args.algo == "grpo" else 0.0
    return cmd_train(args)
