"""Alias of :mod:`textgym.readers.hedging`: the reader moved into the one reading layer
(:mod:`textgym.readers`); this module keeps ``textgym.hedging`` imports working.

Example:
    >>> import textgym.hedging, textgym.readers.hedging
    >>> textgym.hedging.__all__ == textgym.readers.hedging.__all__
    True
"""

from textgym._moved import reexport

reexport(globals(), "textgym.readers.hedging")
