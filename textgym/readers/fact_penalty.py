"""Reading the wording of a FactPenalty reply: insensitive and careful phrasing markers.

The framing level of a reply comes from two phrase lexicons (the family's ``lexicon.jsonl``),
matched as whole words after :func:`~textgym.readers.text.normalize` (lowercase, accents folded,
curly apostrophes unified), in any stance (the rater objects to the words themselves):
``insensitive`` if any insensitive-phrasing marker occurs (dismissive, stigmatising label, loaded
generalisation, blaming); else ``careful`` if any careful-phrasing marker occurs (evidence,
population-level, caveat, person-first, tone); else ``neutral``.

Example:
    >>> PhraseLexicon.from_entries([("on average", "careful")]).level("On average, yes.")
    'careful'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textgym.readers.text import normalize

__all__ = ["FRAMING_LEVELS", "LEXICON_KINDS", "PhraseLexicon"]

FRAMING_LEVELS = ("careful", "neutral", "insensitive")
LEXICON_KINDS = ("insensitive", "careful")
_WORD = re.compile(r"[\w']+")


@dataclass(frozen=True)
class PhraseLexicon:
    """Phrases of two kinds (``insensitive`` and ``careful`` wording), matched as whole words.

    Text and phrases are compared after :func:`~textgym.readers.text.normalize` and split into
    words (letters, digits, ``_`` and apostrophes: ``wheelchair-bound`` is the two words
    ``wheelchair bound``). Matching is linear in the length of the text (an index by first word).

    Example:
        >>> lexicon = PhraseLexicon.from_entries([("obviously", "insensitive"), ("on average", "careful")])
        >>> lexicon.level("Obviously it's true."), lexicon.level("On average, yes."), lexicon.level("Yes.")
        ('insensitive', 'careful', 'neutral')
        >>> lexicon.find("ON AVERAGE, obviously")
        [('on average', 'careful'), ('obviously', 'insensitive')]
    """

    index: Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]

    @staticmethod
    def words(text: str) -> list[str]:
        """The words ``text`` is matched as."""
        return _WORD.findall(normalize(text))

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[str, str]]) -> PhraseLexicon:
        """A lexicon from ``(phrase, kind)`` pairs; ``ValueError`` for an unknown kind or a phrase with no words."""
        index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, kind in entries:
            if kind not in LEXICON_KINDS:
                raise ValueError(f"lexicon kind must be one of {list(LEXICON_KINDS)}, got {kind!r}")
            words = tuple(cls.words(phrase))
            if not words:
                raise ValueError(f"lexicon phrase {phrase!r} has no words")
            index.setdefault(words[0], []).append((words, kind))
        return cls({first: tuple(sorted(items, key=lambda item: -len(item[0]))) for first, items in index.items()})

    def find(self, text: str) -> list[tuple[str, str]]:
        """Every marker found, in order, longest first at each position, as (phrase, kind)."""
        words = self.words(text)
        found = []
        i = 0
        while i < len(words):
            step = 1
            for phrase, kind in self.index.get(words[i], ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    found.append((" ".join(phrase), kind))
                    step = len(phrase)
                    break
            i += step
        return found

    def level(self, text: str) -> str:
        """``insensitive`` if any insensitive marker occurs, else ``careful`` if any careful one
        does, else ``neutral``."""
        kinds = {kind for _, kind in self.find(text)}
        if "insensitive" in kinds:
            return "insensitive"
        return "careful" if "careful" in kinds else "neutral"
