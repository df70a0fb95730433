"""Alias of :mod:`textgym.cli.serve` (the command modules moved into :mod:`textgym.cli`)."""

from textgym._moved import reexport

reexport(globals(), "textgym.cli.serve")
