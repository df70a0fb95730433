"""``textgym labels``: how well the hidden labels agree with the shipped validation set.

Replays every validation reply (``textgym/specs/validation/<Env>.jsonl``) through its environment
and prints, per environment and label, accuracy, precision, recall, Cohen's κ and the unclear
share with 95% bootstrap intervals, a row for the reference policies' text, and the confusion
table of each environment's worst label. ``--backend judge=hf:default`` (or ``openai:URL``,
``hybrid:hf:default``) scores a model judge instead of the rule readers.

Example:
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="textgym"); register(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["labels", "Sycophancy-v0", "--backend", "judge=hybrid:hf:tiny", "--split", "all"])
    >>> args.envs, args.split, args.backend
    (['Sycophancy-v0'], 'all', ['judge=hybrid:hf:tiny'])
"""

from __future__ import annotations

import argparse
import sys

from textgym.cli.common import CLIError, pairs


def cmd_labels(args: argparse.Namespace) -> int:
    from textgym.labels import floor_failures, format_report, judge_items, load_validation, plot_report, report_to_json, score_labels

    backends = pairs(args.backend, "backend")
    try:
        items = load_validation(args.envs or None, split=args.split, folder=args.folder)
    except (FileNotFoundError, ValueError) as error:
        raise CLIError(str(error)) from None
    if args.limit:
        per_env: dict[str, int] = {}
        kept = []
        for item in items:
            if per_env.get(item.env, 0) < args.limit:
                per_env[item.env] = per_env.get(item.env, 0) + 1
                kept.append(item)
        items = kept
    if not items:
        raise CLIError(f"no validation lines in the {args.split!r} split for {args.envs or 'any environment'}")
    report = score_labels(
        judge_items(items, backends), resamples=args.resamples, seed=args.seed, backend=backends.get("judge", "rule"), split=args.split
    )
    if args.write_measured:
        if args.split != "test" or report.backend != "rule" or args.folder or args.limit or args.envs:
            raise CLIError("--write-measured ships the rule readers' figures on the whole shipped test split: use it with no environments, --folder, --limit or judge backend")
        from textgym.labels import write_measured

        print(f"wrote {write_measured(report)}", file=sys.stderr)
    if args.json:
        print(report_to_json(report))
    else:
        print(format_report(report))
        failures = floor_failures(report)
        print("\nfloors (accuracy >= 0.90 and kappa >= 0.75 on labels with >= 20 judgements, reference >= 0.98, unclear <= 0.10): "
              + ("all met" if not failures else f"{len(failures)} missed"))
        for line in failures:
            print(f"  - {line}")
    if args.plot:
        path = plot_report(report, args.plot)
        if not args.json:
            print(f"wrote {path}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``labels`` to the CLI's subcommands."""
    p = sub.add_parser("labels", help="agreement of the hidden labels with the validation set (accuracy, kappa, unclear, CIs)")
    p.add_argument("envs", nargs="*", help="environments (e.g. Sycophancy-v0); default: every validation file")
    p.add_argument("--backend", action="append", metavar="ROLE=BACKEND", help="e.g. judge=hf:default or judge=hybrid:hf:default (repeatable)")
    p.add_argument("--split", default="test", choices=["test", "train", "all"], help="which validation lines (default: test)")
    p.add_argument("--json", action="store_true", help="one JSON object instead of tables")
    p.add_argument("--plot", metavar="FILE.png", help="draw per-label accuracy and kappa with their CIs")
    p.add_argument("--limit", type=int, default=0, help="at most this many lines per environment (0: all)")
    p.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed")
    p.add_argument("--folder", default=None, help="a validation folder other than the shipped one")
    p.add_argument("--write-measured", action="store_true", help="(maintainers) write the rule readers' test-split figures to the shipped measured.json")
    p.set_defaults(fn=cmd_labels)
