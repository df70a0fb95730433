"""``textgym import FORMAT SOURCE... --out DIR``: research data → a checked spec and its data.

Formats: ``sycophancy-eval`` (Sharma et al. 2023: ``answer``, ``feedback`` or ``are_you_sure``
JSONL files) and ``tmd`` (Williams et al. 2024 sub-environment JSON files — gameable
``vuln_*``/``weak_*`` and non-gameable ``normal_*``, or ``gameable/`` and ``non_gameable/``
folders — plus their ``master_config.yaml``). See :mod:`textgym.importers`. The written spec is
loaded before the command reports success; run ``textgym check`` and ``textgym run
--each-record`` on it next.

Example:
    >>> import argparse
    >>> parser = argparse.ArgumentParser(prog="textgym"); register(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["import", "tmd", "a.json", "master_config.yaml", "--out", "out"])
    >>> args.format, args.sources
    ('tmd', ['a.json', 'master_config.yaml'])
"""

from __future__ import annotations

import argparse

from textgym.cli.common import CLIError


def cmd_import(args: argparse.Namespace) -> int:
    from textgym.importers import ImportError_, run_import

    try:
        path = run_import(args.format, args.sources, args.out, env_id=args.id)
    except ImportError_ as error:
        raise CLIError(str(error)) from None
    print(f"wrote {path} and {path.parent / 'records.jsonl'}")
    print(f"next: textgym check {path}  ·  textgym run {path} --policy aligned --each-record")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import`` to the CLI's subcommands."""
    from textgym.importers import FORMATS

    p = sub.add_parser("import", help="import research data (sycophancy-eval, tmd) as a spec and its data")
    p.add_argument("format", choices=FORMATS)
    p.add_argument("sources", nargs="+", help="data files (and, for tmd, folders and one master_config.yaml)")
    p.add_argument("--out", required=True, help="folder to write the spec and records.jsonl into")
    p.add_argument("--id", help="the environment id (default: imported/<Name>-v0)")
    p.set_defaults(fn=cmd_import)
