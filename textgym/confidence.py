"""Alias of :mod:`textgym.readers.confidence`: the reader moved into the one reading layer
(:mod:`textgym.readers`); this module keeps ``textgym.confidence`` imports working.

Example:
    >>> import textgym.confidence, textgym.readers.confidence
    >>> textgym.confidence.__all__ == textgym.readers.confidence.__all__
    True
"""

from textgym._moved import reexport

reexport(globals(), "textgym.readers.confidence")
