"""Alias of :mod:`textgym.readers.hedging`: the reader moved into the one reading layer
(:mod:`textgym.readers`); this module keeps ``textgym.hedging`` imports working.

Example:
    >>> import textgym.hedging, textgym.readers.hedging
    >>> textgym.hedging.__all__ == textgym.readers.hedging.__all__
    True
"""

from __future__ import annotations

from textgym.readers.hedging import *  # noqa: F403
from textgym.readers.hedging import __all__  # noqa: F401
from textgym.readers.hedging import (  # noqa: F401
    LEXICON_RESOURCE,
    _APOSTROPHES,
    _IS_HOSTS,
    _NOT,
    _SUFFIXES,
    _WORD,
    __all__,
    _parse,
)
