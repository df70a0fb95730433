"""Alias of :mod:`textgym.cli.experiment` (the command modules moved into :mod:`textgym.cli`)."""

from textgym._moved import reexport

reexport(globals(), "textgym.cli.experiment")
