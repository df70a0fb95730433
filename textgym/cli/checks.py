"""The input checks every ``textgym`` command shares, run before the command starts: counts at
least 1, output paths writable, input files readable, and the ``--axis`` and ``--labels`` a
spec has. A failed check is a :class:`~textgym.cli.common.CLIError` (one line, exit 2).

Example:
    >>> import argparse
    >>> check_arguments(argparse.Namespace(command="run", episodes=0))
    Traceback (most recent call last):
    ...
    textgym.cli.common.CLIError: --episodes must be at least 1, got 0
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textgym.spec import Spec

from textgym.cli.common import CLIError, did_you_mean, pairs, spec_for

#: Output paths each command writes, checked before it starts: (argument, is a directory).
OUTPUT_ARGUMENTS: dict[str, tuple[tuple[str, bool], ...]] = {
    "run": (("out", False),),
    "train": (("out", True),),
    "bench": (("results", False),),
    "gameability": (("plot", False),),
    "probe": (("save", False),),
    "eval": (("out", False),),
}
#: Input files each command reads: argument names.
INPUT_ARGUMENTS: dict[str, tuple[str, ...]] = {"probe": ("load",)}


def check_output(path: str | None, what: str, *, directory: bool = False) -> None:
    """Fail before any work when ``path`` cannot be written: try it (and leave nothing behind)."""
    if not path:
        return
    target = Path(path)
    if target.is_dir() and not directory:
        raise CLIError(f"{what} {path}: is a directory, expected a file")
    if target.exists() and directory and not target.is_dir():
        raise CLIError(f"{what} {path}: exists and is not a directory")
    folder = target if directory else target.parent
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    created: list[Path] = []
    try:
        if not folder.is_dir():
            raise CLIError(f"{what} {path}: {folder} is not a directory")
        for item in reversed(missing):
            item.mkdir()
            created.append(item)
        if not directory and target.exists():
            open(target, "a", encoding="utf-8").close()  # appending nothing changes nothing
        else:
            probe = (target if directory else target.parent) / f".textgym-write-test-{os.getpid()}"
            open(probe, "x", encoding="utf-8").close()
            probe.unlink()
    except OSError as error:
        raise CLIError(f"{what} {path}: cannot write there: {error.strerror or error}") from None
    finally:
        for item in reversed(created):
            try:
                item.rmdir()
            except OSError:
                pass


def check_input(path: str | None, what: str) -> None:
    """Fail when ``path`` is given but is not a readable file."""
    if path and not Path(path).is_file():
        raise CLIError(f"{what} {path}: no such file" if not Path(path).exists() else f"{what} {path}: not a readable file")


def check_arguments(args: argparse.Namespace) -> None:
    """The input checks every command shares: counts at least 1, output paths writable, input files readable."""
    for name in ("episodes", "batch"):
        value = getattr(args, name, None)
        if isinstance(value, int) and not isinstance(value, bool) and value < 1:
            raise CLIError(f"--{name} must be at least 1, got {value}")
    for name, directory in OUTPUT_ARGUMENTS.get(args.command, ()):
        value = getattr(args, name, None)
        unused = args.command == "bench" and (getattr(args, "no_write", False) or getattr(args, "what", "all") != "all")
        if isinstance(value, str) and not unused and not (args.command == "train" and getattr(args, "resume", False)):
            check_output(value, f"--{name}", directory=directory)
    for name in INPUT_ARGUMENTS.get(args.command, ()):
        value = getattr(args, name, None)
        if isinstance(value, str):
            check_input(value, f"--{name}")
    target = getattr(args, "env", None) if args.command != "check" else getattr(args, "target", None)
    if isinstance(target, str):  # the id (or path) first, then the axes it has
        spec = spec_for(target)
        check_axes(spec, pairs(getattr(args, "axis", None), "axis"))
        labels = getattr(args, "labels", None)
        if isinstance(labels, str):
            check_labels(spec, [label.strip() for label in labels.split(",") if label.strip()])
    elif isinstance(target, list):  # probe --env (repeatable)
        for item in target:
            spec_for(item)


def check_axes(spec: Spec, axes: dict[str, str]) -> None:
    """Every ``--axis NAME=VARIANT`` names an axis of the spec and one of its variants."""
    for name, variant in axes.items():
        if name not in spec.axes:
            hint = did_you_mean(name, list(spec.axes))
            raise CLIError(f"--axis {name}={variant}: {spec.id} has no axis {name!r}; {hint}its axes are {list(spec.axes)}")
        variants = list(spec.axes[name].variants)
        if variant not in variants:
            hint = did_you_mean(variant, variants)
            raise CLIError(f"--axis {name}={variant}: no variant {variant!r} of axis {name!r}; {hint}expected one of {variants}")


def check_labels(spec: Spec, labels: list[str]) -> None:
    """``--labels`` names hidden labels of the spec's family."""
    hidden = list(spec.family_class().hidden_labels)
    for label in labels:
        if label not in hidden:
            raise CLIError(f"--labels: {label!r} is not a hidden label of {spec.id}; {did_you_mean(label, hidden)}expected some of {hidden}")
