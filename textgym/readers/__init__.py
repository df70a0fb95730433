"""textgym's one text-reading layer: every family's hidden labels are read with these readers.

* :mod:`~textgym.readers.text` — normalisation (Unicode, case, Markdown, quotes, bullets),
  sentences, clauses, numbers in words;
* :mod:`~textgym.readers.scope` — negation, contrast, conditionals, attribution, questions, and
  basic German and Spanish cue words;
* :mod:`~textgym.readers.claims` — the final committed answer among candidates;
* :mod:`~textgym.readers.phrases` — phrase lexicons counted with negation and conditionals;
* :mod:`~textgym.readers.disclosure`, :mod:`~textgym.readers.hedging`,
  :mod:`~textgym.readers.confidence` — confessions and denials, hedges, stated confidence.

Readers import nothing from textgym but :mod:`textgym.errors`; a reader that cannot decide
returns ``None`` ("unclear") rather than guessing.

Example:
    >>> from textgym.readers import read_claim
    >>> read_claim("Sydney? No, it's Canberra.", {"correct": ["Canberra"], "wrong": ["Sydney"]})
    'correct'
"""

from __future__ import annotations

from textgym.readers.claims import ClaimReading, mentions, read_claim, read_claims
from textgym.readers.scope import attributed, conditional, language, negated_after, negated_before, unreadable
from textgym.readers.text import clauses, normalize, numbers_to_digits, sentences, words

__all__ = [
    "ClaimReading", "attributed", "clauses", "conditional", "language", "mentions", "negated_after", "negated_before",
    "normalize", "numbers_to_digits", "read_claim", "read_claims", "sentences", "unreadable", "words",
]
