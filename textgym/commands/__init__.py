"""Subcommands of the ``textgym`` CLI that live beside the feature they drive.

Each module here defines ``register(sub)``, which adds one subcommand to the parser's
subparsers and sets ``fn`` (a function ``args -> exit code``); :func:`textgym.cli.build_parser`
discovers them. Raise :class:`textgym.commands._common.CLIError` for a one-line error (exit 2).
"""
