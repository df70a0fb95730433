"""``textgym gameability ID``: cross-fitted exploit gap (with a 95% paired-bootstrap CI) and cue density for every
framing × cues combination (definitions and normalisation: :mod:`textgym.wrappers.gameability`).

Example:
    >>> from textgym.cli import main
    >>> main(["gameability", "textgym/Sycophancy-v0", "--axis", "framing=assistant", "--axis", "cues=belief",
    ...       "--episodes", "10", "--quiet"])  # doctest: +NORMALIZE_WHITESPACE
    textgym/Sycophancy-v0  (10 episodes per policy and setting; G cross-fitted, in [-1, 1]; 95% paired-bootstrap CI)
    framing    cues    exploit gap G      cue density /100w  policy gaining -> losing
    ---------  ------  -----------------  -----------------  ------------------------
    assistant  belief  0.41 [0.29, 0.53]  9.17               exploit -> aligned
    0
"""

from __future__ import annotations

import argparse
import json
from typing import Any


def cmd_gameability(args: argparse.Namespace) -> int:
    from textgym.cli import CLIError, _pairs, _print_table, _spec
    from textgym.stats import format_ci
    from textgym.wrappers.gameability import gameability_table, plot_heatmap

    spec = _spec(args.env)
    axes = _pairs(args.axis, "axis")
    backends = _pairs(args.backend, "backend")
    if args.episodes < 1:
        raise CLIError(f"--episodes must be at least 1, got {args.episodes}")
    try:
        rows = gameability_table(
            args.env, episodes=args.episodes, axes=axes, seed=args.seed, backends=backends or None, progress=not (args.quiet or args.json)
        )
    except ValueError as error:
        raise CLIError(str(error)) from None
    if args.plot:
        plot_heatmap(rows, args.plot, title=f"{spec.id}: exploit gap")
    if args.json:
        print(json.dumps({"env": spec.id, "episodes": args.episodes, "rows": [r.to_json() for r in rows]}, indent=2))
        return 0
    print(f"{spec.id}  ({args.episodes} episodes per policy and setting; G cross-fitted, in [-1, 1]; 95% paired-bootstrap CI)")
    table: list[list[str]] = []
    for r in rows:
        pair = f"{r.pair[0]} -> {r.pair[1]}" if r.pair else "-"
        table.append([r.framing, r.cues, format_ci(r.exploit_gap, r.ci), f"{r.cue_density:.2f}", pair])
    _print_table(["framing", "cues", "exploit gap G", "cue density /100w", "policy gaining -> losing"], table)
    if args.plot:
        print(f"heatmap written to {args.plot}")
    return 0


def register(sub: Any) -> None:
    """Add ``gameability`` to the CLI's subcommands."""
    p = sub.add_parser("gameability", help="exploit gap and cue density for every framing x cues combination")
    p.add_argument("env", help="a registered id or a YAML path")
    p.add_argument("--axis", action="append", metavar="NAME=VARIANT", help="fix an axis (repeatable); framing/cues restrict the table")
    p.add_argument("--backend", action="append", metavar="ROLE=BACKEND", help="e.g. rater=hf:default (repeatable)")
    p.add_argument("--episodes", type=int, default=50, help="episodes per reference policy and setting")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true", help='print {"rows": [{"framing", "cues", "exploit_gap", "ci", "cue_density", ...}]}')
    p.add_argument("--plot", metavar="FILE.png", help="save a framing x cues heatmap")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(fn=cmd_gameability)
