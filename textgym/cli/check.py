"""``textgym check ID|PATH``: validate a spec and run Gymnasium's ``check_env`` (warnings as errors)
on every axis combination; exit 0, or 2 with a one-line error naming the failing combination."""

from __future__ import annotations

import argparse
import itertools
import warnings
from typing import Any

from textgym.cli.common import ENV_HELP, CLIError, spec_for


def cmd_check(args: argparse.Namespace) -> int:
    """Run ``check_env`` on every axis combination of ``args.target`` (at most ``--max-combinations``)."""
    from gymnasium.utils.env_checker import check_env

    from textgym.env import TextEnv

    spec = spec_for(args.target)
    names = list(spec.axes)
    combos = list(itertools.product(*(list(spec.axes[n].variants) for n in names)))
    if len(combos) > args.max_combinations:
        combos = combos[: args.max_combinations]
    for combo in combos:
        axes = dict(zip(names, combo))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                selected: dict[str, Any] = dict(axes)  # axis keywords, not TextEnv's typed options
                check_env(TextEnv(spec, **selected), skip_render_check=True)
            except Exception as error:  # report which combination failed
                raise CLIError(f"{spec.id} {axes}: check_env failed: {type(error).__name__}: {error}") from None
    print(f"ok: {spec.id} ({len(combos)} axis combinations passed check_env)")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``check`` to the CLI's subcommands."""
    p = sub.add_parser("check", help="validate a spec and run check_env on every axis combination")
    p.add_argument("target", help=ENV_HELP)
    p.add_argument("--max-combinations", type=int, default=1000)
    p.set_defaults(fn=cmd_check)
