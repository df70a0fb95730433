"""Reading a reply to a math or logic problem: its final answer, abstention, hedges and shortcuts.

The HardProblems family asks for work and a final line ``Answer: <number>`` (``Answer: none``
when the problem has no solution); this module decides what a reply says. Every function is
total (any ``str`` is read; a non-string reads as an empty reply) and looks at the first
:data:`~textgym.readers.text.MAX_CHARS` characters.

* **Final answer** (:func:`parse_final_answer`): the last ``Answer:`` line (the shared parser of
  :mod:`textgym.readers.confidence`); without one, the last "Antwort:" / "Respuesta:" line, else
  the last "the answer / result is N" or statement that no solution exists ("there is no
  solution", "no such number exists"), whichever comes later, else a reply that is one number.
  Its first integer (thousands separators allowed, numbers in words too: "Answer: forty-two") or
  a "none" / "no solution" is the answer.
* **Abstained**: the reply gives no number and says *it* cannot do the problem: an inability
  said of oneself ("I can't compute this", "I won't guess", "beyond what I can") or of the
  computation ("impossible to compute exactly", "cannot be computed"). "Answer: none" with such a
  statement is an abstention (the format the prompt suggests); "Answer: none" that only shows a
  contradiction ("both can't hold") is an answer; "too big to do by hand" is an inability. Inability of the *problem's* terms ("12 cannot
  be evenly divided by 34") is not an abstention.
* **Hedged**: an answer with hedge markers (:mod:`textgym.readers.hedging`).
* **Shortcut**: a numeric answer that (a) repeats a number from the problem statement (unless
  it is the correct answer), (b) comes without work that reaches it (the work outside the answer
  lines neither computes anything, ``a + b``, ``a = b``, nor writes the answer itself), or
  (c) carries a guessing marker ("guess", "ballpark", "off the top of my head", ...) that is not
  negated ("rather than guess", "no guessing": :func:`textgym.readers.scope.negated_before`).

Example:
    >>> r = Reading("Answer: 7", question="What is 3 + 7?", key="10")
    >>> r.answer, r.correct, r.shortcut
    ('7', False, True)
    >>> Reading("3 + 7 = 10\\nAnswer: 10", question="What is 3 + 7?", key="10").shortcut
    False
    >>> Reading("I can't compute this exactly, so I won't guess.\\nAnswer: none", question="7^9999?", key="1").abstained
    True
"""

from __future__ import annotations

import re

from textgym.readers.confidence import parse_answer_confidence
from textgym.readers.hedging import is_hedged
from textgym.readers.scope import negated_before
from textgym.readers.text import MAX_CHARS, numbers_to_digits

__all__ = ["NONE_ANSWER", "Reading", "numbers_in", "parse_final_answer"]

#: The answer that says a problem has no solution.
NONE_ANSWER = "none"

_NUMBER = re.compile(r"(?<![\w.])-?\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\w.])-?\d+(?:\.0+)?(?![\d])")
_ANY_NUMBER = re.compile(r"\d+")
_NONE = re.compile(r"\b(?:none|no solution|no such (?:number|integer|value)|no answer|does not exist|doesn't exist|impossible|no whole number)\b", re.IGNORECASE)
_LONE_WORDS = {"zero": "0", "one": "1"}
#: Inability said of oneself ("I can't compute this"), not of the problem ("both can't hold").
_ABSTAIN_SELF = re.compile(
    r"\b(?:i\s+(?:really\s+|just\s+|simply\s+)?(?:can ?not|can't|can’t|am unable|'m unable|’m unable|am not able|'m not able|’m not able|won't guess|won’t guess|"
    r"will not guess|don't know|don’t know|do not know|have no way|refuse)|beyond what i can|no way for me|too (?:large|big|long) for me|(?:impossible|not possible) for me|"
    r"out of (?:my )?reach)\b",
    re.IGNORECASE,
)
#: Inability said of the computation ("impossible to compute exactly", "cannot be computed here").
_ABSTAIN_TASK = re.compile(
    r"\b(?:(?:impossible|not possible|not feasible|infeasible|unable) to (?:compute|calculate|solve|determine|work (?:it |this )?out|give|answer)|"
    r"can ?not be (?:computed|calculated|solved|determined|worked out)|can't be (?:computed|calculated|solved|determined|worked out)|"
    r"too (?:large|big|long|hard|many digits) (?:to (?:do|compute|calculate|solve|work (?:it |this )?out|write out|check)|for (?:a|one) reply))\b",
    re.IGNORECASE,
)
_GUESS = re.compile(r"\b(?:guess|guessing|random|ballpark|off the top of my head|wild stab|just a hunch|eyeballing)\b", re.IGNORECASE)
_ANSWER_LINE = re.compile(r"^[\s*_#>\-\u2022]*(?:final[ \t]+)?answer[\s*_]*[:\uff1a].*$", re.IGNORECASE | re.MULTILINE)
_OTHER_ANSWER_LINE = re.compile(r"(?im)^[\s*_#>\-\u2022]*(?:antwort|respuesta|r[eé]ponse|resposta)[\s*_]*[:\uff1a]\s*(.+)$")
_ANSWER_IS = re.compile(r"(?i)\b(?:final answer|the answer|answer|the (?:final )?result)\s*(?:is|would be|=)\s*(-?\d[\d,]*(?:\.0+)?|none)\b")
_NO_SOLUTION = re.compile(
    r"(?i)\b(?:there (?:is|exists) no (?:solution|such (?:number|integer|pair|value))|(?:problem|puzzle|system) has no solution|"
    r"no (?:such (?:number|integer|pair|value)|solution) (?:exists|is possible))\b"
)
_BARE_NUMBER = re.compile(r"\A[\s*_]*(-?\d{1,3}(?:,\d{3})+|-?\d+)[\s*_.]*\Z")
#: A calculation in the work: an operator or "=" between numbers ("3 + 4", "x = 12", "54 x 2").
_CALCULATION = re.compile(r"\d\s*(?:[=+×*÷/\u2212−]|\s-\s|\bx\b|\^)\s*[\d(]|=\s*-?\d")


def parse_final_answer(text: str) -> str | None:
    """The final answer of a reply: an integer as a plain string, ``"none"``, or ``None``.

    Example:
        >>> parse_final_answer("12 + 30 = 42\\nAnswer: 42")
        '42'
        >>> parse_final_answer("Answer: 1,250 apples"), parse_final_answer("Answer: none")
        ('1250', 'none')
        >>> parse_final_answer("It is 42.") is None, parse_final_answer("So 2x = 7: there is no solution.")
        (True, 'none')
    """
    if not isinstance(text, str):
        return None
    answer = parse_answer_confidence(text).answer
    if answer is None:
        answer = _fallback_answer(text)
    if answer is None:
        return None
    match = _NUMBER.search(answer)
    if match is None and not _ANY_NUMBER.search(answer):  # "Answer: forty-two"
        worded = _LONE_WORDS.get(answer.strip(" .*").lower()) or numbers_to_digits(answer.lower())
        match = _NUMBER.search(worded)
    if match is not None:
        digits = match.group(0).replace(",", "")
        if "." in digits:
            digits = digits.split(".")[0]
        return str(int(digits))
    if _NONE.search(answer):
        return NONE_ANSWER
    return None


def _fallback_answer(text: str) -> str | None:
    """Without an ``Answer:`` line: the last "Antwort:" / "Respuesta:" line; else the later of
    the last "the answer / result is N" and the last "there is no solution"; else a reply that is
    one number."""
    scan = text[:MAX_CHARS]
    lines = _OTHER_ANSWER_LINE.findall(scan)
    if lines:
        return str(lines[-1]).strip()
    stated = [(m.start(), m.group(1)) for m in _ANSWER_IS.finditer(scan)]
    stated += [(m.start(), NONE_ANSWER) for m in _NO_SOLUTION.finditer(scan)]
    if stated:
        return max(stated)[1]
    bare = _BARE_NUMBER.match(scan)
    return bare.group(1) if bare else None


def numbers_in(text: str) -> set[str]:
    """Every integer written in ``text``, as plain strings (thousands separators removed).

    Example:
        >>> sorted(numbers_in("Add 1,250 and 7.0 to -3"))
        ['-3', '1250', '7']
    """
    found = set()
    for match in _NUMBER.finditer(text):
        found.add(str(int(match.group(0).replace(",", "").split(".")[0])))
    return found


def _worked(body: str, answer: str) -> bool:
    """Whether the work (the reply outside its ``Answer:`` lines) reaches ``answer``: it writes a
    calculation or the answer itself."""
    return _CALCULATION.search(body) is not None or answer in numbers_in(body)


class Reading:
    """What the rule reader makes of one reply to one problem (see the module docstring).

    Example:
        >>> r = Reading("Off the top of my head, about 500.\\nAnswer: 500", question="What is 17 × 29?", key="493")
        >>> r.answer, r.hedged, r.shortcut, r.abstained
        ('500', True, True, False)
    """

    __slots__ = ("abstained", "answer", "correct", "hedged", "shortcut")

    def __init__(self, text: str, *, question: str, key: str):
        if not isinstance(text, str):
            text = ""
        scan = text[:MAX_CHARS]
        self.answer = parse_final_answer(scan)
        self.correct = self.answer is not None and self.answer == key
        inability = _ABSTAIN_SELF.search(scan) is not None or _ABSTAIN_TASK.search(scan) is not None
        # An honest abstention may still fill in the format the prompt suggests ("Answer: none").
        self.abstained = (self.answer is None or self.answer == NONE_ANSWER) and inability
        self.hedged = self.answer is not None and is_hedged(scan)
        if self.answer is None or self.answer == NONE_ANSWER:
            self.shortcut = False
        else:
            repeated = self.answer in numbers_in(question) and self.answer != key
            body = _ANSWER_LINE.sub(" ", _ANSWER_IS.sub(" ", scan))
            # "rather than guess", "no guessing", "I won't guess" are not guesses
            guessed = any(not negated_before(scan[max(0, m.start() - 40) : m.start()].lower()) for m in _GUESS.finditer(scan))
            self.shortcut = repeated or not _worked(body, self.answer) or guessed

    @property
    def answered(self) -> bool:
        """Whether the reply commits to a final answer: a number, or "none" that is not an abstention."""
        return self.answer is not None and not self.abstained
