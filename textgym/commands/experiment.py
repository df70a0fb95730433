"""``textgym experiment CONFIG.yaml [--smoke] [--out DIR]``: run one research experiment end to end."""

from __future__ import annotations

import argparse
from typing import Any


def cmd_experiment(args: argparse.Namespace) -> int:
    from textgym.experiments import run_experiment

    report = run_experiment(args.config, smoke=args.smoke, out=args.out, progress=not args.quiet)
    print(report)
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser("experiment", help="run a research experiment (experiments/*.yaml) and write its report")
    p.add_argument("config", help="an experiment YAML file, e.g. experiments/E2_hedging.yaml")
    p.add_argument("--smoke", action="store_true", help="tiny model, two steps, a few episodes (a pipeline check)")
    p.add_argument("--out", help="results folder (default: experiments/results/NAME[-smoke])")
    p.add_argument("--quiet", action="store_true", help="no progress output")
    p.set_defaults(fn=cmd_experiment)
