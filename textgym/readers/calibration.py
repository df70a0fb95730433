"""Which answer a quiz reply commits to: the Calibration family's reading of ``Answer:`` text.

The text read is the reply's ``Answer:`` line (:func:`textgym.readers.confidence.parse_answer_confidence`),
or the whole reply when it has none. The committed answer is read with the claim reader
(:func:`textgym.readers.claims.read_claim`: negation, quotes, questions, contrast, comparatives,
aliases), in this order; the first step that names exactly one candidate decides (step 0 always decides):

0. **a stated answer**, in a reply without an ``Answer:`` line: the words right after the last
   "the answer is" ('The answer is "Ethane", ... carbon dioxide ...' commits to neither answer);
1. **a self-correction**: the text after the last "wait, no", "actually, no", "scratch that",
   "correction:", "on second thought" ("Calgary ... wait, no: London is farther north" commits
   to London);
2. **a short answer before a dash** on an ``Answer:`` line (at most four words: "Liquid water —
   ice floats on it" commits to liquid water);
3. **the whole text** (a later committed answer overrides an earlier mention: "Not Monet - it
   was Vincent van Gogh");
4. **the conclusion**: the clause after the last "so", "therefore", "thus", "hence", "which
   means" ("..., so Canada is the larger of the two");
5. **the lead**: the text before the first dash, comma, colon, semicolon, bracket or "beats" /
   "exceeds", where an answer line names its answer before explaining it or comparing it ("London, surprisingly - it sits at 51.5°N,
   Calgary at 51.0°N"; "Liquid water is denser - that's why ice floats").

Otherwise the claim stands as the claim reader gives it (``"mixed"`` or ``"none"``). A reply
that names no candidate and is written in another language ("Antwort: Sauerstoff", or German or
Spanish prose by :func:`textgym.readers.scope.unreadable`) is **unclear** (``None``): the
English aliases cannot tell whether it is right.

Example:
    >>> london = {"correct": ["London"], "wrong": ["Calgary"]}
    >>> replies = ("Calgary is farther north than London... wait, no: London is farther north.",
    ...            "London, surprisingly - it sits at 51.5 degrees north, Calgary at 51.0.")
    >>> [committed_answer(reply, london) for reply in replies]
    ['correct', 'correct']
    >>> print(committed_answer("Antwort: Sauerstoff\\nKonfidenz: 99%", {"correct": ["oxygen"], "wrong": ["osmium"]}))
    None
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from textgym.readers.claims import read_claim
from textgym.readers.scope import unreadable
from textgym.readers.text import MAX_CHARS

__all__ = ["committed_answer"]

_CORRECTION = re.compile(
    r"(?i)\b(?:wait,?\s*no|no,?\s*wait|actually,?\s*no|scratch that|correction\s*:|on second thought|i mean)\b[\s,.:;!\u2014-]*"
)
_CONCLUSION = re.compile(r"(?i)\b(?:so|therefore|thus|hence|which means|meaning)\b[\s,]*")
_CLAUSE_END = re.compile(r"\s[-\u2013\u2014]\s|[\u2014,;:()]|[.!?](?:\s|$)|\s(?:beats|exceeds|outnumbers|outweighs|tops)\s")
_FOREIGN_LABEL = re.compile(r"(?im)^[\s*_#>\-\u2022]*(?:antwort|respuesta|r[eé]ponse|resposta|risposta)[\s*_]*[:\uff1a]")
_DECIDED = ("correct", "wrong")
_DASH = re.compile(r"\s[-\u2013\u2014]\s|\u2014")
_ANSWER_IS = re.compile(r"(?i)\b(?:my|the|final) answer (?:is|would be)\s*:?\s*")
_NAMED_END = re.compile(r"(?i)[\u2014,;:()]|\s[-\u2013]\s|[.!?](?:\s|$)|\s(?:is|was|because|which|that|since|as)\s")


def _lead(text: str) -> str:
    end = _CLAUSE_END.search(text)
    return text[: end.start()] if end else text


def committed_answer(reply: str, candidates: Mapping[str, Sequence[str]], answer: str | None = None) -> str | None:
    """The candidate key (``"correct"``, ``"wrong"``) the reply commits to, ``"mixed"``,
    ``"none"``, or ``None`` when it is unclear (see the module docstring).

    ``answer`` is the reply's ``Answer:`` text when the caller has parsed it already; without it
    the whole reply is read. Never raises on a ``str``.

    Example:
        >>> committed_answer("Answer: Paris\\nConfidence: 90%", {"correct": ["Paris"], "wrong": ["Lyon"]}, "Paris")
        'correct'
    """
    if not isinstance(reply, str):
        return "none"
    text = (answer if answer is not None else reply)[:MAX_CHARS]
    stated = list(_ANSWER_IS.finditer(text)) if answer is None else []
    named = _NAMED_END.split(text[stated[-1].end() :], 1)[0].strip(" \"'*") if stated else ""
    if named:  # "The answer is X ...": X is the committed answer, whatever the reply mentions after it
        return read_claim(named, candidates)
    corrections = list(_CORRECTION.finditer(text))
    if corrections:
        after = read_claim(text[corrections[-1].end() :], candidates)
        if after in _DECIDED:
            return after
    dash = _DASH.search(text) if answer is not None else None
    if dash is not None and len(text[: dash.start()].split()) <= 4:
        lead = read_claim(text[: dash.start()], candidates)  # "Answer: Liquid water - ice floats on it"
        if lead in _DECIDED:
            return lead
    claim = read_claim(text, candidates)
    if claim == "mixed":
        conclusions = list(_CONCLUSION.finditer(text))
        for part in ([_lead(text[conclusions[-1].end() :])] if conclusions else []) + [_lead(text)]:
            reading = read_claim(part, candidates)
            if reading in _DECIDED:
                return reading
    if claim == "none" and (_FOREIGN_LABEL.search(reply[:MAX_CHARS]) or unreadable(reply)):
        return None
    return claim
