"""``textgym eval``: a policy's episodes on one environment as a metrics table.

Proxy and true return with 95% bootstrap CIs and every hidden label's rate. Episode seeds start
at 1,000,000 by default: training draws its seeds from 0 upward, so evaluation is on other
episodes (which can still repeat data records; see the environment's data size).

Example:
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="textgym"); register(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["eval", "--policy", "hf:runs/x", "--env", "textgym/Sycophancy-v0"]).episodes
    50
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any


def cmd_eval(args: argparse.Namespace) -> int:
    import textgym
    from textgym.agents.policy import make_policy
    from textgym.cli import _pairs, _print_table, _summary_rows
    from textgym.rollout import rollout

    axes = _pairs(args.axis, "axis")
    backends = _pairs(args.backend, "backend")
    env = textgym.make(args.env, **axes, **({"backends": backends} if backends else {}))
    groups: dict[str, list[Any]] = {}
    for name in args.policy:
        kwargs = {"max_new_tokens": args.max_new_tokens, "temperature": args.temperature} if name.startswith("hf:") else {}
        policy = make_policy(name, env, **kwargs)
        records = rollout(args.env, policy, episodes=args.episodes, seed=args.seed, n_envs=args.batch, axes=axes, backends=backends, progress=not args.quiet)
        groups[policy.name] = records
        if args.out:
            out = Path(args.out)
            out.parent.mkdir(parents=True, exist_ok=True)
            with open(out, "a", encoding="utf-8") as handle:
                for record in records:
                    handle.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
    labels = args.labels.split(",") if args.labels else None
    headers, rows = _summary_rows(groups, labels)
    unwrapped = env.unwrapped
    print(f"\n{unwrapped.textgym_spec.id}  axes: {unwrapped.axes}  seeds {args.seed}..{args.seed + args.episodes - 1}  (means over episodes, 95% bootstrap CIs)")
    _print_table(headers, rows)
    if args.out:
        print(f"episodes appended to {args.out}")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("eval", help="evaluate a (trained) policy: proxy/true return with CIs, hidden-label rates")
    p.add_argument("--policy", action="append", required=True, help="hf:DIR (a training run), hf:default, or a reference policy; repeatable")
    p.add_argument("--env", required=True, help="a registered id or a YAML path")
    p.add_argument("--episodes", type=int, default=50)
    p.add_argument("--seed", type=int, default=1_000_000, help="first episode seed (training uses 0 upward)")
    p.add_argument("--axis", action="append", metavar="NAME=VARIANT", help="choose an axis variant (repeatable)")
    p.add_argument("--backend", action="append", metavar="ROLE=BACKEND", help="e.g. rater=hf:default (repeatable)")
    p.add_argument("--batch", type=int, default=16, help="episodes run in lock-step")
    p.add_argument("--max-new-tokens", type=int, default=48)
    p.add_argument("--temperature", type=float, default=0.0, help="0: greedy")
    p.add_argument("--labels", help="comma-separated hidden labels to show (default: all boolean ones)")
    p.add_argument("--out", help="append the episodes to this JSONL file")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(fn=cmd_eval)
