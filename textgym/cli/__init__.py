"""The ``textgym`` command line: the parser and :func:`main`; one module of this package per command.

=====================  ====================================================================
command                does
=====================  ====================================================================
``list``               every registered id with its axes (default marked ``*``)
``describe ID``        the spec: description, roles, axes and variants, reward, hidden labels
``check ID|PATH``      validate a spec and run Gymnasium's ``check_env`` on every axis
                       combination; exit 0, or 2 with a one-line error
``run ID``             episodes of one policy → JSONL (one line per episode) and a table
``compare ID``         several policies side by side, grouped by a hidden label or info field
``bench [WHAT]``       env overhead, rollout and rater batching, GRPO vs TRL; writes
                       ``benchmarks/results.md``
``eval``               a (trained) policy's metrics table
``experiment CONFIG``  a research experiment and its report
``gameability ID``     exploit gap and cue density per framing x cues (or on-policy)
``import FORMAT``      research data as a spec and its data
``labels``             agreement of the hidden labels with the validation set
``probe``              linear truth probes per layer
``serve ID``           an OpenEnv environment server
``train``              GRPO or expert iteration on a transformers policy
=====================  ====================================================================

Each command lives in the module of its name (``list`` in ``listing``, ``import`` in
``importer``) and defines ``register(sub)``: it adds its subcommand to the parser and sets
``fn`` (``args -> exit code``); :data:`COMMANDS` lists them in the order ``textgym --help`` shows.
Helpers the modules share are public in :mod:`textgym.cli.common` (options, spec lookup, the
summary table) and :mod:`textgym.cli.checks` (the input checks run before every command).

Every command takes ``--import MODULE_OR_FILE.py`` (repeatable): the module is imported before
the command runs, so the families, policies and backends it registers can be named (see
:mod:`textgym.plugins`; installed ``textgym.families`` / ``textgym.policies`` /
``textgym.backends`` entry points need no import). ``--policy`` and ``--backend ROLE=...`` also
take ``module:attr`` and ``path/to/file.py:attr``.

Input errors (an unknown id, axis, variant, policy, label or backend; ``--episodes`` below 1; an
output path that cannot be written) print one line, ``textgym COMMAND: error: ...``, and exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from textgym.cli.checks import check_arguments
from textgym.cli.common import EXIT_ERROR, CLIError

__all__ = ["COMMANDS", "build_parser", "command_modules", "error_message", "main"]

#: The command modules of this package, in the order ``textgym --help`` lists their subcommands.
COMMANDS: tuple[str, ...] = (
    "listing", "describe", "check", "run", "compare", "bench",
    "eval", "experiment", "gameability", "importer", "labels", "probe", "serve", "train",
)


def command_modules() -> list[ModuleType]:
    """The modules of :data:`COMMANDS`, each adding its subcommand with ``register(sub)``."""
    return [importlib.import_module(f"textgym.cli.{name}") for name in COMMANDS]


def build_parser() -> argparse.ArgumentParser:
    """The ``textgym`` parser: every command of :data:`COMMANDS`, each taking ``--import``."""
    parser = argparse.ArgumentParser(prog="textgym", description="Text environments for studying RL-induced misalignment.")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in command_modules():
        module.register(sub)
    import_help = "import this module or .py file first (it may register families, policies, backends); repeatable"
    parser.add_argument("--import", dest="imports_first", action="append", default=[], metavar="MODULE_OR_FILE", help=import_help)
    for subparser in sub.choices.values():
        subparser.add_argument("--import", dest="imports", action="append", default=[], metavar="MODULE_OR_FILE", help=import_help)
    return parser


def error_message(error: BaseException) -> str:
    """One line for an error: input errors as their message, anything else with its type."""
    from textgym.errors import SpecError

    if isinstance(error, KeyError) and error.args and isinstance(error.args[0], str):
        message = error.args[0]
    elif isinstance(error, (CLIError, SpecError, ValueError, FileNotFoundError, PermissionError)):
        message = str(error)
    else:
        message = f"{type(error).__name__}: {error}"
    lines = [line for line in message.splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; input errors print one line and return 2.

    Example:
        >>> main(["run", "textgym/Sycophancy-v1", "--policy", "aligned"])
        2
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        from textgym.plugins import import_module_or_file

        for target in [*args.imports_first, *getattr(args, "imports", [])]:
            import_module_or_file(target)
        check_arguments(args)
        return int(args.fn(args) or 0)
    except (CLIError, Exception) as error:  # one line, no traceback
        print(f"textgym {args.command}: error: {error_message(error)}", file=sys.stderr)
        return EXIT_ERROR

