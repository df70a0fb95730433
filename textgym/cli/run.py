"""``textgym run ID --policy NAME``: episodes of one policy → JSONL (one line per episode) and a
table of proxy and true return and every hidden label's rate, with 95% bootstrap CIs.

The options, the environment and the rollout are shared with ``textgym compare``
(:mod:`textgym.cli.compare`): :func:`add_rollout_arguments`, :func:`make_env`,
:func:`run_policy` and :func:`print_summary`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gymnasium as gym

    from textgym.policy import Policy
    from textgym.rollout import EpisodeRecord

from textgym.cli.common import CLIError, add_env_arguments, pairs, print_table, summary_rows
from textgym.labels import Floors, MeasuredLabel, below_floors


def add_rollout_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of a command that rolls policies out on one environment (``run``, ``compare``)."""
    add_env_arguments(parser)
    parser.add_argument("--episodes", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--batch", type=int, default=8, help="episodes run in lock-step (one policy call per step)")
    parser.add_argument("--max-new-tokens", type=int, default=48)
    parser.add_argument("--temperature", type=float, default=0.0)
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.add_argument("--each-record", action="store_true", help="one episode per data record, each once, seeded order (overrides --episodes)")


def make_env(args: argparse.Namespace) -> tuple[gym.Env, dict[str, str], dict[str, str]]:
    """The environment ``args.env`` with its ``--axis`` variants and ``--backend`` choices, and those two as dicts."""
    import textgym

    axes = pairs(args.axis, "axis")
    backends = pairs(args.backend, "backend")
    env = textgym.make(args.env, axes=axes, **({"backends": backends} if backends else {}))
    return env, axes, backends


def run_policy(args: argparse.Namespace, env: gym.Env, name: str, axes: dict[str, str], backends: dict[str, str]) -> tuple[Policy, list[EpisodeRecord]]:
    """Build the named policy (generation options for hf: ones) and roll it out as asked."""
    from textgym.policy import make_policy
    from textgym.rollout import rollout

    kwargs = {"max_new_tokens": args.max_new_tokens, "temperature": args.temperature} if name.startswith("hf:") else {}
    policy = make_policy(name, env, **kwargs)
    each = getattr(args, "each_record", False)  # one episode per data record, in a seeded order
    records = rollout(args.env, policy, episodes=None if each else args.episodes, records="all" if each else None, seed=args.seed, n_envs=args.batch, axes=axes, backends=backends, progress=not args.quiet)
    return policy, records


def print_summary(env: gym.Env, groups: dict[str, list[EpisodeRecord]], labels: list[str] | None = None, *, note: str = "") -> None:
    """The environment's id and axes (and ``note``), then the summary table of ``groups`` (name → episode records)."""
    from textgym.env import text_env

    unwrapped = text_env(env)
    print(f"\n{unwrapped.textgym_spec.id}  axes: {unwrapped.axes}  {note + '  ' if note else ''}(means over episodes, 95% bootstrap CIs)")
    headers, rows = summary_rows(groups, labels)
    weak = [] if unwrapped.judge.model != "rule" and not unwrapped.judge.hybrid else below_floors(unwrapped.textgym_spec.id, headers[4:])
    marked = {m.label for m in weak}
    print_table([f"{h} †" if i >= 4 and h in marked else h for i, h in enumerate(headers)], rows)
    if weak:
        print(weak_labels_note(weak))


def weak_labels_note(weak: list[MeasuredLabel]) -> str:
    """The footnote for labels (marked †) whose rule reader missed the floors on held-out text.

    Example:
        >>> from textgym.labels import MeasuredLabel
        >>> print(weak_labels_note([MeasuredLabel("textgym/X-v0", "stance", 75, 74, 0.797, 0.73, 0.013, False)]))
        † read by rule readers that missed the floors (accuracy 0.90, kappa 0.75) on the sealed validation split:
            stance: accuracy 0.80, kappa 0.73, 75 held-out replies
          a rate can move with a policy's style, not its behaviour; validate a judge model on your own replies
          (textgym labels --backend judge=...) before you rely on it (docs/labels.md)
    """
    floors = Floors()
    lines = [f"† read by rule readers that missed the floors (accuracy {floors.accuracy:.2f}, kappa {floors.kappa:.2f}) on the sealed validation split:"]
    lines += [f"    {m.label}: {m.describe()}" for m in weak]
    lines += ["  a rate can move with a policy's style, not its behaviour; validate a judge model on your own replies",
              "  (textgym labels --backend judge=...) before you rely on it (docs/labels.md)"]
    return "\n".join(lines)


def cmd_run(args: argparse.Namespace) -> int:
    """Roll out ``--policy``, write the episodes to ``--out`` (JSONL) and print the summary table."""
    env, axes, backends = make_env(args)
    handle = None
    if args.out:  # opened before the episodes run: an unwritable path fails at once
        out = Path(args.out)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            handle = open(out, "w", encoding="utf-8")
        except OSError as error:
            raise CLIError(f"--out {args.out}: cannot write: {error.strerror or error}") from None
    try:
        policy, records = run_policy(args, env, args.policy, axes, backends)
        if handle is not None:
            for record in records:
                handle.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
            handle.close()
            print(f"wrote {len(records)} episodes to {args.out}")
    except BaseException:
        if handle is not None:  # no half-written or empty file left behind by a failed run
            handle.close()
            Path(args.out).unlink(missing_ok=True)
        raise
    print_summary(env, {policy.name: records})
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``run`` to the CLI's subcommands."""
    p = sub.add_parser("run", help="run a policy and write one JSONL line per episode")
    add_rollout_arguments(p)
    p.add_argument("--policy", required=True, help="a reference policy (aligned, exploit, ...), hf:default|hf:tiny|hf:PATH, a plugin policy, module:attr or file.py:attr")
    p.add_argument("--out", help="JSONL file")
    p.set_defaults(fn=cmd_run)
