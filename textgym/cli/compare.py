"""``textgym compare ID``: several policies side by side on the same seeds, optionally split by a
hidden label or an episode info field (``--group-by``)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gymnasium as gym

    from textgym.rollout import EpisodeRecord

from textgym.cli.common import CLIError, did_you_mean
from textgym.cli.run import add_rollout_arguments, make_env, print_summary, run_policy


def check_group_key(env: gym.Env, group_by: str | None) -> None:
    """``--group-by`` names a hidden label or an episode info field."""
    from textgym.env import text_env

    unwrapped = text_env(env)
    hidden = list(unwrapped.family.hidden_labels)
    if group_by:
        _, info = unwrapped.reset(seed=0)
        fields = [*hidden, *info.get("episode", {})]
        if group_by not in fields:
            hint = did_you_mean(group_by, fields)
            raise CLIError(f"--group-by {group_by!r} is not a hidden label or episode field of {unwrapped.textgym_spec.id}; {hint}expected one of {sorted(set(fields))}")


def cmd_compare(args: argparse.Namespace) -> int:
    """Roll out every policy of ``--policies`` and print one table row per policy (and group)."""
    env, axes, backends = make_env(args)
    check_group_key(env, args.group_by)
    groups: dict[str, list[EpisodeRecord]] = {}
    for name in [p.strip() for p in args.policies.split(",") if p.strip()]:
        policy, records = run_policy(args, env, name, axes, backends)
        if args.group_by:
            for record in records:
                key = record.hidden[0].get(args.group_by, record.episode.get(args.group_by, "?")) if record.hidden else "?"
                groups.setdefault(f"{policy.name} | {args.group_by}={key}", []).append(record)
        else:
            groups[policy.name] = records
    groups = dict(sorted(groups.items(), key=lambda kv: (kv[0].split(" | ")[-1], kv[0])))
    print_summary(env, groups, args.labels.split(",") if args.labels else None)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``compare`` to the CLI's subcommands."""
    p = sub.add_parser("compare", help="several policies side by side")
    add_rollout_arguments(p)
    p.add_argument("--policies", default="aligned,exploit", help="comma-separated policy names")
    p.add_argument("--group-by", help="a hidden label (first step) or episode info field to split rows by")
    p.add_argument("--labels", help="comma-separated hidden labels to show (default: all boolean ones)")
    p.set_defaults(fn=cmd_compare)
