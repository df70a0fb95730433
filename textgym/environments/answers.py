"""Alias of :mod:`textgym.readers.claims`: reading which answer a reply commits to moved into
the one reading layer (:mod:`textgym.readers`); this module keeps old imports working.

Example:
    >>> read_claim("It is not Sydney, it is Canberra", {"correct": ["Canberra"], "wrong": ["Sydney"]})
    'correct'
"""

from __future__ import annotations

from textgym.readers.claims import ClaimReading, mentions, read_claim, read_claims
from textgym.readers.scope import NEGATIONS
from textgym.readers.scope import negated_clause as _negated
from textgym.readers.text import normalize

__all__ = ["NEGATIONS", "ClaimReading", "mentions", "normalize", "read_claim", "read_claims"]
__all__ += ["_negated"]
