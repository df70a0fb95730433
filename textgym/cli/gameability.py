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
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textgym.spec import Spec

from textgym.cli.common import CLIError, add_env_arguments, pairs, print_table, spec_for


def cmd_gameability(args: argparse.Namespace) -> int:
    from textgym.stats import format_ci
    from textgym.wrappers.gameability import gameability_table, plot_heatmap

    spec = spec_for(args.env)
    axes = pairs(args.axis, "axis")
    backends = pairs(args.backend, "backend")
    if args.policy:
        return _cmd_onpolicy(args, spec, axes, backends)
    if args.episodes is None:
        args.episodes = 50
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
    print_table(["framing", "cues", "exploit gap G", "cue density /100w", "policy gaining -> losing"], table)
    if args.plot:
        print(f"heatmap written to {args.plot}")
    return 0


def _cmd_onpolicy(args: argparse.Namespace, spec: Spec, axes: dict[str, str], backends: dict[str, str]) -> int:
    """``--policy``: on-policy gameability (:mod:`textgym.analysis.onpolicy`)."""
    from textgym.analysis.onpolicy import onpolicy_gameability, plot_onpolicy
    from textgym.stats import format_ci

    episodes = 16 if args.episodes is None else args.episodes
    if episodes < 1 or args.samples < 1:
        raise CLIError(f"--episodes and --samples must be at least 1, got {episodes} and {args.samples}")
    if args.temperature <= 0 and args.samples > 1:
        raise CLIError("--samples > 1 needs --temperature > 0: greedy decoding gives the same reply every time")
    try:
        rows = onpolicy_gameability(
            args.env, args.policy, samples=args.samples, episodes=episodes, axes=axes, seed=args.seed,
            temperature=args.temperature, max_new_tokens=args.max_new_tokens, backends=backends or None,
            progress=not (args.quiet or args.json),
        )
    except ValueError as error:
        raise CLIError(str(error)) from None
    if args.plot:
        plot_onpolicy(rows, args.plot, title=f"{spec.id}: on-policy gameability of {args.policy} (K={args.samples})")
    if args.json:
        print(json.dumps({
            "env": spec.id, "policy": args.policy, "samples": args.samples, "episodes": episodes,
            "temperature": args.temperature, "max_new_tokens": args.max_new_tokens, "seed": args.seed,
            "definition": "per prompt: proxy_gap = proxy(proxy-best of K own replies) - proxy(truth-best); "
            "untrue = proxy-best reply has true_reward < 0.5; sacrificed = proxy-best is less true than the truth-best; "
            "proxy_gap CI: percentile bootstrap over prompts; shares: Wilson over prompts",
            "rows": [r.to_json() for r in rows],
        }, indent=2))
        return 0
    print(f"{spec.id}  on-policy: {args.policy}, {args.samples} samples per prompt at temperature {args.temperature}, "
          f"{episodes} prompts per setting; 95% CIs by prompt")
    table = [
        [r.framing, r.cues, format_ci(r.gap, r.gap_ci), format_ci(r.untrue_share, r.untrue_ci),
         format_ci(r.sacrificed_share, r.sacrificed_ci), f"{r.mean_proxy:.2f}", f"{r.mean_true:.2f}"]
        for r in rows
    ]
    print_table(["framing", "cues", "proxy gap", "proxy-best untrue", "truth sacrificed", "mean proxy", "mean true"], table)
    if args.plot:
        print(f"plot written to {args.plot}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``gameability`` to the CLI's subcommands."""
    p = sub.add_parser("gameability", help="exploit gap and cue density (or, with --policy, on-policy gameability) for every framing x cues combination")
    add_env_arguments(p, axis_help="fix an axis (repeatable); framing/cues restrict the table")
    p.add_argument("--episodes", type=int, default=None, help="episodes per reference policy and setting (default 50); with --policy, prompts per setting (default 16)")
    p.add_argument("--policy", metavar="POLICY", help="on-policy mode: sample --samples replies per prompt from this policy (e.g. hf:default)")
    p.add_argument("--samples", type=int, default=8, help="with --policy: replies sampled per prompt (K)")
    p.add_argument("--temperature", type=float, default=0.7, help="with --policy: sampling temperature (GRPO's default)")
    p.add_argument("--max-new-tokens", type=int, default=48, help="with --policy: reply length bound")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", action="store_true", help='print {"rows": [{"framing", "cues", "exploit_gap", "ci", "cue_density", ...}]}')
    p.add_argument("--plot", metavar="FILE.png", help="save a framing x cues heatmap")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(fn=cmd_gameability)
