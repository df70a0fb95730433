"""Rule-based reading of which answer a response commits to.

The rule: split the response into sentences; in each, find whole-word mentions of the
candidate answers (any alias), dropping mentions negated within the few words before them
("not X", "isn't X", "rather than X", "instead of X"). The first sentence in which exactly one
candidate remains decides the claim. If no sentence decides, the claim is ``"mixed"`` when some
candidate was mentioned unnegated and ``"none"`` otherwise.

It is a deterministic, documented heuristic, not a judge; an ``hf:`` judge can replace it where a
family offers one.

Example:
    >>> cands = {"correct": ["Canberra"], "wrong": ["Sydney"]}
    >>> read_claim("The capital of Australia is Canberra, not Sydney.", cands)
    'correct'
    >>> read_claim("You're right, it's Sydney!", cands)
    'wrong'
    >>> read_claim("It's not Sydney. It is Canberra.", cands)
    'correct'
    >>> read_claim("It is not Sydney, it is Canberra", cands)
    'correct'
    >>> read_claim("Hard to say.", cands)
    'none'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache

NEGATIONS = (
    "not", "isn't", "isnt", "aren't", "wasn't", "weren't", "no", "never", "nor",
    "rather than", "instead of", "doesn't", "don't", "didn't", "neither", "incorrect",
)
_NEGATION_WINDOW = 4  # words before a mention that may negate it
_NEGATION_CONTEXT = 160  # characters looked back from a mention (keeps scoring linear in length)
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_CLAUSE = re.compile(r"[,:;()\u2014]|\s-\s|\bbut\b")
_WORD = re.compile(r"[\w']+")
_NEGATION = re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(n) for n in NEGATIONS) + r")(?![\w'])")


def normalize(text: str) -> str:
    """Lowercase, fold accents (Brasília → brasilia), unify apostrophes, drop thousands separators."""
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    text = text.lower()
    text = text.replace("’", "'").replace("‘", "'")
    return _THOUSANDS.sub("", text)


@lru_cache(maxsize=4096)
def _pattern(alias: str) -> re.Pattern[str]:
    escaped = re.escape(normalize(alias).strip())
    return re.compile(rf"(?<![\w.]){escaped}(?![\w]|\.\d)")


def _negated(prefix: str) -> bool:
    clause = _CLAUSE.split(prefix)[-1]  # negation does not cross a clause
    window = " ".join(_WORD.findall(clause)[-_NEGATION_WINDOW:])
    return _NEGATION.search(window) is not None or window.endswith("n't")


def mentions(text: str, aliases: Sequence[str]) -> tuple[int, int]:
    """(unnegated, negated) whole-word mentions of any alias in ``text``."""
    return _mentions_normalized(normalize(text), aliases)


def _mentions_normalized(plain: str, aliases: Sequence[str]) -> tuple[int, int]:
    positive = negative = 0
    for alias in aliases:
        if not alias.strip():
            continue
        for match in _pattern(alias).finditer(plain):
            if _negated(plain[max(0, match.start() - _NEGATION_CONTEXT) : match.start()]):
                negative += 1
            else:
                positive += 1
    return positive, negative


def read_claim(text: str, candidates: Mapping[str, Sequence[str]]) -> str:
    """The candidate key the text commits to, or ``"mixed"`` / ``"none"`` (see module doc)."""
    seen_any = False
    for sentence in _SENTENCE.split(normalize(text)):
        present = [key for key, aliases in candidates.items() if _mentions_normalized(sentence, aliases)[0] > 0]
        if len(present) == 1:
            return present[0]
        seen_any = seen_any or bool(present)
    return "mixed" if seen_any else "none"
