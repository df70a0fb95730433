"""Alias of :mod:`textgym.readers.confidence`, kept for old imports: the reader moved into :mod:`textgym.readers`."""

from textgym._moved import reexport

reexport(globals(), "textgym.readers.confidence")
