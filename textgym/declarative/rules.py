"""Reading a reply and scoring it with declarative tables.

A *reader* turns a reply into one boolean: ``mentions`` (any of a list of phrases, or of the
phrases in a record's list field, or of both together, occurs unnegated) or ``tone`` (the reply's
evaluative tone is ``positive``, ``negative`` or ``balanced``). Both use :mod:`textgym.readers`
(:class:`~textgym.readers.phrases.PhraseReader` and the feedback reader): text is lowercased,
accents folded, split into words and clause marks, and a match with a negation ("not", "no",
"isn't", ...) among the four words before it in the same clause does not count ("there is no
off-by-one" does not name the bug; "it's fine, but the loop is off by one" does — "but" ends a
negation's reach). With ``skip_conditionals`` a match in a conditional sentence ("if", "unless",
"once", "provided", "as long as" ...) does not count either ("if you fix the loop it will be
perfect" is not praise).

A *table* is a list of rows ``{if: [condition, ...], score: x}``; the first row whose
conditions all hold gives the score, and the last row must have no conditions (so every reply
gets a score). A condition is a reader or label name, or ``not NAME``.

Example:
    >>> reader = Reader("names_bug", mentions=(), field="keywords")
    >>> record = {"keywords": ["off by one"]}
    >>> reader.read("Nice, but the loop is off-by-one.", record), reader.read("No off by one here.", record)
    (True, False)
    >>> table = (Row((("names_bug", False),), 8.0), Row((), 3.0))
    >>> score(table, {"names_bug": True}), score(table, {"names_bug": False})
    (8.0, 3.0)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from textgym.readers.feedback import READER
from textgym.readers.phrases import PhraseReader

TONES = ("positive", "negative", "balanced")

Condition = tuple[str, bool]  # (name, negated)


@dataclass(frozen=True)
class Row:
    """One row of a table: all ``conditions`` (name, negated) hold → ``score``."""

    conditions: tuple[Condition, ...]
    score: float

    def holds(self, values: Mapping[str, bool]) -> bool:
        for name, negated in self.conditions:
            if bool(values[name]) == negated:
                return False
        return True


def score(table: Sequence[Row], values: Mapping[str, bool]) -> float:
    """The score of the first row of ``table`` whose conditions hold in ``values``."""
    for row in table:
        if row.holds(values):
            return row.score
    raise ValueError("no row of the table applies (its last row must have no conditions)")


def phrase_index(phrases: Sequence[str], skip_conditionals: bool = False) -> PhraseReader | None:
    """A :class:`textgym.readers.phrases.PhraseReader` for ``phrases``; punctuation inside a phrase
    is dropped ("off-by-one" reads as "off by one"), phrases without words are skipped. With
    ``skip_conditionals``, a match in a sentence with an if-clause does not count.

    Example:
        >>> phrase_index(["Off-by-one", "!!"]).read("An off by one error.")
        {'match': 1}
        >>> phrase_index(["perfect"], skip_conditionals=True).read("If you fix it, it will be perfect.")
        {'match': 0}
    """
    usable = []
    for phrase in phrases:
        if isinstance(phrase, str):
            words = " ".join(w for w in PhraseReader._words(phrase) if w[0].isalnum() or w[0] in "_&")
            if words:
                usable.append(words)
    if not usable:
        return None
    return PhraseReader({"match": usable}, cap=1, conditional=("match",) if skip_conditionals else ())


def mentions(text: str, index: PhraseReader | None) -> bool:
    """Whether any phrase occurs in ``text`` unnegated (the readers' scope: same clause, bridges,
    "but" ends a negation's reach).

    Example:
        >>> idx = phrase_index(["empty list"])
        >>> mentions("It crashes on an empty list.", idx), mentions("It never sees an empty list.", idx)
        (True, False)
    """
    return index is not None and index.read(text)["match"] > 0


@dataclass(frozen=True)
class Reader:
    """A named boolean reading of a reply: ``mentions`` phrases and/or a record ``field`` of phrases
    (one phrase list, their union), or a ``tone``; ``skip_conditionals`` leaves out phrase matches
    in conditional sentences."""

    name: str
    mentions: tuple[str, ...] = ()
    field: str | None = None
    tone: str | None = None
    skip_conditionals: bool = False

    def phrases(self, record: Mapping[str, Any]) -> list[str]:
        """The phrases this reader looks for in a reply to ``record``: its own, then the record's field."""
        phrases = list(self.mentions)
        if self.field is not None:
            value = record.get(self.field)
            phrases += value if isinstance(value, list) else [value] if isinstance(value, str) else []
        return phrases

    def read(self, text: str, record: Mapping[str, Any], compiled: PhraseReader | None = None) -> bool:
        """Read ``text``; ``compiled`` is a cached :func:`phrase_index` of the phrases, if any."""
        if self.tone is not None:
            return READER.read(text, {}).tone == self.tone
        if compiled is None:
            compiled = phrase_index(self.phrases(record), self.skip_conditionals)
        return mentions(text, compiled)
