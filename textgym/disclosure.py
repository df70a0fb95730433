"""Alias of :mod:`textgym.readers.disclosure`: the reader moved into the one reading layer
(:mod:`textgym.readers`); this module keeps ``textgym.disclosure`` imports working.

Example:
    >>> import textgym.disclosure, textgym.readers.disclosure
    >>> textgym.disclosure.__all__ == textgym.readers.disclosure.__all__
    True
"""

from __future__ import annotations

from textgym.readers.disclosure import *  # noqa: F403
from textgym.readers.disclosure import __all__  # noqa: F401
from textgym.readers.disclosure import (  # noqa: F401
    HONESTY_TABLE,
    _ADV,
    _APOLOGY,
    _CLAUSE,
    _COMPLIANCE_QUESTION,
    _COMPLY_BASE,
    _COMPLY_PAST,
    _CONTEXT,
    _CONTRACTED,
    _CONTRACTION,
    _DET,
    _G_APOLOGY,
    _G_COMPLY,
    _G_MISTAKE,
    _G_REPLY,
    _G_RULE,
    _G_VIOLATION_BASE,
    _G_VIOLATION_PAST,
    _HYPOTHETICAL,
    _MISTAKE,
    _NEGATION,
    _NEG_AUX,
    _NO,
    _PHRASES,
    _Phrase,
    _REPLY,
    _RULE_NOUN,
    _RULE_WORD,
    _SENTENCE,
    _SPACE,
    _SUBJ,
    _TOKEN,
    _VIOLATION_BASE,
    _VIOLATION_GERUND,
    _VIOLATION_PAST,
    _VIOLATION_QUESTION,
    _WINDOW,
    _WORD,
    _YES,
    __all__,
    _expand,
    _keyword_pattern,
    _normalize,
    _p,
    _prefix_flags,
    _question_kind,
    _read,
)
