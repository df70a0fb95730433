"""Alias of :mod:`textgym.readers.disclosure`: the reader moved into the one reading layer
(:mod:`textgym.readers`); this module keeps ``textgym.disclosure`` imports working.

Example:
    >>> import textgym.disclosure, textgym.readers.disclosure
    >>> textgym.disclosure.__all__ == textgym.readers.disclosure.__all__
    True
"""

from textgym._moved import reexport

reexport(globals(), "textgym.readers.disclosure")
