"""``textgym list``: every registered id with its axes (the default variant marked ``*``), then the
installed plugins."""

from __future__ import annotations

import argparse


def cmd_list(args: argparse.Namespace) -> int:
    """Print every registered environment id, its axes and variants, and the installed plugins."""
    import textgym
    from textgym.plugins import describe_installed

    for env_id, spec in sorted(textgym.registered_specs().items()):
        print(env_id)
        for name, axis in spec.axes.items():
            variants = " ".join(f"{v}*" if v == axis.default else v for v in axis.variants)
            print(f"    {name:<10} {variants}")
    for kind, entries in describe_installed().items():
        if entries:
            print(f"installed plugin {kind}: {'; '.join(entries)}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``list`` to the CLI's subcommands."""
    sub.add_parser("list", help="registered environments and their axes").set_defaults(fn=cmd_list)
