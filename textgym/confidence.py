"""Alias of :mod:`textgym.readers.confidence`: the reader moved into the one reading layer
(:mod:`textgym.readers`); this module keeps ``textgym.confidence`` imports working.

Example:
    >>> import textgym.confidence, textgym.readers.confidence
    >>> textgym.confidence.__all__ == textgym.readers.confidence.__all__
    True
"""

from __future__ import annotations

from textgym.readers.confidence import *  # noqa: F403
from textgym.readers.confidence import __all__  # noqa: F401
from textgym.readers.confidence import (  # noqa: F401
    _ANSWER_LABEL,
    _CONFIDENCE_LABEL,
    _CONFIDENCE_LABEL_TEXT,
    _DIGIT,
    _EMPHASIS,
    _INLINE_CONFIDENCE,
    _LEAD,
    _NUMBER,
    _SHOWN,
    __all__,
    _read_confidence,
    _strip_format,
)
