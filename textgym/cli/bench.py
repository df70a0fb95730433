"""``textgym bench [WHAT]``: env overhead, rollout and rater batching, GRPO vs TRL, the OpenEnv
server and asyncio rollouts against their goals; ``bench all`` writes ``benchmarks/results.md``."""

from __future__ import annotations

import argparse
import json


def cmd_bench(args: argparse.Namespace) -> int:
    """Run the chosen benchmarks and print each ratio against its goal (or all figures as JSON)."""
    from textgym.bench import GOALS, run_benchmarks, write_results

    which = None if args.what == "all" else [args.what]
    results = run_benchmarks(which, quick=args.quick, progress=not args.json)
    if args.what == "all" and not args.no_write:
        path = write_results(results, args.results)
        if not args.json:
            print(f"wrote {path}")
    if args.json:
        print(json.dumps(results, indent=2, default=str))
        return 0
    for key, goal in GOALS.items():
        if key in results:
            verdict = "met" if results[key] >= goal else "NOT met"
            print(f"{key:<24} {results[key]:8.2f}   goal >= {goal:g}  ({verdict})")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bench`` to the CLI's subcommands."""
    p = sub.add_parser("bench", help="benchmarks: env overhead, rollout, rater batching, training vs TRL")
    p.add_argument("what", nargs="?", default="all", choices=["all", "env", "rollout", "rater", "train", "serve", "asyncio"])
    p.add_argument("--quick", action="store_true", help="smaller runs (minutes, not tens of minutes)")
    p.add_argument("--json", action="store_true", help="one JSON object with the four ratios and the raw figures")
    p.add_argument("--results", default="benchmarks/results.md", help="where `bench all` writes its report")
    p.add_argument("--no-write", action="store_true", help="do not write the report")
    p.set_defaults(fn=cmd_bench)
