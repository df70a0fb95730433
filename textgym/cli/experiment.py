"""``textgym experiment CONFIG.yaml [--smoke] [--out DIR] [--render-only]``: run one research
experiment end to end, or re-render its report from the stored ``results.json``.

Example:
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="textgym"); register(parser.add_subparsers(dest="command"))
    >>> parser.parse_args(["experiment", "experiments/E6_calibration_hard.yaml", "--render-only"]).render_only
    True
"""

from __future__ import annotations

import argparse

from textgym.cli.common import CLIError


def cmd_experiment(args: argparse.Namespace) -> int:
    from textgym.experiments import render_report, run_experiment

    if args.render_only:
        if args.smoke:
            raise CLIError("--render-only re-renders stored results; pass --out DIR for a smoke results folder instead of --smoke")
        report = render_report(args.config, args.out, recompute_gameability=args.recompute_gameability)
    else:
        report = run_experiment(args.config, smoke=args.smoke, out=args.out, progress=not args.quiet)
    print(report)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``experiment`` to the CLI's subcommands."""
    p = sub.add_parser("experiment", help="run a research experiment (experiments/*.yaml) and write its report")
    p.add_argument("config", help="an experiment YAML file, e.g. experiments/E2_hedging.yaml")
    p.add_argument("--smoke", action="store_true", help="tiny model, two steps, a few episodes (a pipeline check)")
    p.add_argument("--out", help="results folder (default: experiments/results/NAME[-smoke])")
    p.add_argument("--render-only", action="store_true",
                   help="no training or rollouts: re-render report.md and plots from the results folder's results.json")
    p.add_argument("--recompute-gameability", action="store_true",
                   help="with --render-only: recompute the scripted exploit gap G with the current estimator "
                        "(reference policies on rule backends, no model) and store it in results.json")
    p.add_argument("--quiet", action="store_true", help="no progress output")
    p.set_defaults(fn=cmd_experiment)
