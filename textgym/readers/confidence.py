"""Verbalised answer + confidence: the one format, parser and calibration reward of textgym.

A policy that must state how sure it is (the Calibration family, the CalibrationReward wrapper)
writes two labelled lines::

    Answer: <the answer>
    Confidence: <number>%

:func:`format_answer` writes exactly this; :func:`parse_answer_confidence` reads it back, and
:func:`brier_reward` scores it with the RLCR reward ``R = c − (q − c)²`` (Damani et al. 2025;
see ``docs/design.md``).

What the parser accepts (liberal about decoration, exact about the content):

* **Lines.** The text is split into lines (``str.splitlines``: ``\\n``, ``\\r\\n``, ``\\r``,
  ``\\u2028`` ...). Invisible format characters (Unicode category ``Cf``: zero-width spaces,
  joiners, byte-order marks, bidirectional overrides) are removed first.
* **Labels.** A label must start its line, after optional decoration: spaces, Markdown emphasis
  or heading/list/quote marks (``*``, ``_``, ``#``, ``-``, ``>``, ``•``). Labels are
  case-insensitive: ``Answer`` or ``Final answer``; ``Confidence`` or ``Confidence level``.
  Emphasis may close before the colon (``**Answer**:``). The colon is ``:`` or the fullwidth ``：``.
  A label inside a sentence ("the answer: Paris") is *not* read.
* **One line.** ``Answer: Paris Confidence: 90%`` is also accepted: an answer's text ends where a
  ``Confidence:`` label starts on the same line.
* **Several labelled lines.** The *last* ``Answer`` and the *last* ``Confidence`` win (models
  often restate a final answer).
* **Answer text.** Whitespace runs collapse to one space and Markdown emphasis/code marks
  (``*``, ``_``, `````) are stripped from both ends (:func:`clean_answer`). An empty answer is a
  parse error.
* **Confidence value.** Exactly one unsigned decimal number written with ASCII digits and an
  optional ``.`` (``85``, ``85.5``, ``.9``, ``0.85``), optionally followed by ``%`` or
  ``percent`` (a percentage, 0–100), or by ``/10`` or ``/100`` (a fraction of that denominator);
  a bare number is a probability when it is at most 1 and a percentage when it is in (1, 100].
  So ``Confidence: 1`` means certainty (1.0), not 1 %; write ``1%`` for one percent. Text after
  the value is ignored if it holds no further digit ("85% (fairly sure)"); a second number (a
  range such as ``80-90%``, ``0.8 to 0.9``), a sign, a word (``high``), a decimal comma or a
  value outside [0, 1] after conversion is a parse error.

The parser never raises on any ``str``: every problem is described in ``error`` (missing lines
are reported alongside whatever was found, so a correct answer without a confidence can still be
graded for correctness).

Example:
    >>> parse_answer_confidence("Answer: Canberra\\nConfidence: 85%")
    ParsedConfidence(answer='Canberra', confidence=0.85, error=None)
    >>> parse_answer_confidence("**Final answer:** Canberra. **Confidence:** 0.7").confidence
    0.7
    >>> parse_answer_confidence("I think it's Canberra.").error
    "no 'Answer:' line; no 'Confidence:' line"
    >>> parse_answer_confidence("Answer: Canberra\\nConfidence: 80-90%").error
    "the confidence holds more than one number ('80-90%'); expected one value such as 85%"
    >>> brier_reward(True, 0.8), brier_reward(False, 0.0)
    (0.96, 0.0)
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

__all__ = ["ParsedConfidence", "brier_reward", "clean_answer", "format_answer", "parse_answer_confidence"]

# Decoration allowed before a label at the start of a line, and between a label and its colon.
_LEAD = r"^[\s*_#>\-\u2022]*"
_ANSWER_LABEL = re.compile(_LEAD + r"(?:final[ \t]+)?answer[\s*_]*[:\uff1a]", re.IGNORECASE)
_CONFIDENCE_LABEL_TEXT = r"confidence(?:[ \t]+level)?[\s*_]*[:\uff1a]"
_CONFIDENCE_LABEL = re.compile(_LEAD + _CONFIDENCE_LABEL_TEXT, re.IGNORECASE)
# A confidence label later on an answer line ("Answer: Paris  Confidence: 90%").
_INLINE_CONFIDENCE = re.compile(r"(?<![A-Za-z])" + _CONFIDENCE_LABEL_TEXT, re.IGNORECASE)
_NUMBER = re.compile(r"([0-9]+(?:\.[0-9]*)?|\.[0-9]+)[ \t]*(%|percent\b|/[ \t]*100\b|/[ \t]*10\b)?", re.IGNORECASE)
_EMPHASIS = " *_`"
_DIGIT = re.compile(r"[0-9]")
_SHOWN = 40  # characters of a bad value quoted in an error


@dataclass(frozen=True)
class ParsedConfidence:
    """What :func:`parse_answer_confidence` read.

    ``answer`` is the cleaned answer text (``None`` if there was no usable ``Answer:`` line),
    ``confidence`` a probability in [0, 1] (``None`` if there was no usable ``Confidence:``
    line) and ``error`` says what was missing or malformed (``None`` when both were read).

    Example:
        >>> ParsedConfidence("Paris", 0.9, None).ok
        True
        >>> ParsedConfidence("Paris", None, "no 'Confidence:' line").ok
        False
    """

    answer: str | None
    confidence: float | None
    error: str | None

    @property
    def ok(self) -> bool:
        """Whether both the answer and the confidence were read."""
        return self.error is None


def _strip_format(text: str) -> str:
    """Remove invisible format characters (category Cf: zero-width, BOM, bidi controls)."""
    if text.isascii():
        return text
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def clean_answer(answer: str) -> str:
    """The answer as the parser reports it: format characters removed, whitespace collapsed,
    Markdown emphasis stripped from both ends.

    Example:
        >>> clean_answer("  **Canberra**\\n ")
        'Canberra'
    """
    return " ".join(_strip_format(answer).split()).strip(_EMPHASIS)


def _read_confidence(value: str) -> tuple[float | None, str | None]:
    """Read a confidence value (the text after ``Confidence:``) as a probability."""
    text = value.strip().strip("*_` \t")
    shown = text[:_SHOWN] + ("..." if len(text) > _SHOWN else "")
    if not text:
        return None, "the 'Confidence:' line has no value; expected a number such as 85% or 0.85"
    if text[0] in "+-\u2212":
        return None, f"the confidence has a sign ({shown!r}); expected an unsigned number such as 85% or 0.85"
    match = _NUMBER.match(text)
    if match is None:
        return None, f"the confidence is not a number ({shown!r}); expected a number such as 85% or 0.85"
    if _DIGIT.search(text, match.end()):
        return None, f"the confidence holds more than one number ({shown!r}); expected one value such as 85%"
    number = float(match.group(1))
    unit = (match.group(2) or "").replace(" ", "").replace("\t", "").lower()
    if unit in ("%", "percent"):
        if number > 100:
            return None, f"the confidence {shown!r} is above 100%"
        return number / 100.0, None
    if unit == "/100":
        probability = number / 100.0
    elif unit == "/10":
        probability = number / 10.0
    elif number <= 1:
        probability = number
    elif number <= 100:
        probability = number / 100.0
    else:
        return None, f"the confidence {shown!r} is above 100; expected a probability in [0, 1] or a percentage"
    if probability > 1:
        return None, f"the confidence {shown!r} is above 1"
    return probability, None


def parse_answer_confidence(text: str) -> ParsedConfidence:
    """Read ``Answer:`` and ``Confidence:`` lines from a reply; never raises on a ``str``.

    See the module docstring for exactly what is accepted.

    Example:
        >>> parse_answer_confidence("Answer: 42 Confidence: 3/10")
        ParsedConfidence(answer='42', confidence=0.3, error=None)
        >>> parse_answer_confidence("Answer: 42\\nConfidence: high").error
        "the confidence is not a number ('high'); expected a number such as 85% or 0.85"
    """
    if not isinstance(text, str):
        return ParsedConfidence(None, None, f"expected the reply as a str, got {type(text).__name__}")
    answer_raw: str | None = None
    confidence_raw: str | None = None
    for line in _strip_format(text).splitlines():
        found = _ANSWER_LABEL.match(line)
        if found is not None:
            rest = line[found.end() :]
            inline = _INLINE_CONFIDENCE.search(rest)
            if inline is not None:
                answer_raw, confidence_raw = rest[: inline.start()], rest[inline.end() :]
            else:
                answer_raw = rest
            continue
        found = _CONFIDENCE_LABEL.match(line)
        if found is not None:
            confidence_raw = line[found.end() :]
    errors: list[str] = []
    answer: str | None = None
    if answer_raw is None:
        errors.append("no 'Answer:' line")
    else:
        answer = clean_answer(answer_raw) or None
        if answer is None:
            errors.append("the 'Answer:' line is empty")
    confidence: float | None = None
    if confidence_raw is None:
        errors.append("no 'Confidence:' line")
    else:
        confidence, problem = _read_confidence(confidence_raw)
        if problem is not None:
            errors.append(problem)
    return ParsedConfidence(answer, confidence, "; ".join(errors) or None)


def format_answer(answer: str, confidence: float) -> str:
    """Write ``answer`` and ``confidence`` (a probability) in the documented format.

    The confidence is written as a percentage rounded to 0.1 %; the answer is cleaned like
    :func:`clean_answer`. Raises :class:`ValueError` for a confidence outside [0, 1] and for an
    answer the format cannot carry (empty once cleaned, or holding a ``Confidence:`` label).

    Example:
        >>> print(format_answer("Canberra", 0.855))
        Answer: Canberra
        Confidence: 85.5%
        >>> parse_answer_confidence(format_answer("Canberra", 1.0)).confidence
        1.0
    """
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not math.isfinite(confidence) or not 0.0 <= confidence <= 1.0:
        raise ValueError(f"confidence must be a probability in [0, 1], got {confidence!r}")
    cleaned = clean_answer(answer)
    if not cleaned:
        raise ValueError(f"the answer is empty once whitespace and emphasis are removed: {answer!r}")
    if _INLINE_CONFIDENCE.search(cleaned):
        raise ValueError(f"the answer must not contain a 'Confidence:' label: {cleaned[:_SHOWN]!r}")
    percent = f"{round(confidence * 100.0, 1):.1f}".removesuffix(".0")
    return f"Answer: {cleaned}\nConfidence: {percent}%"


def brier_reward(correct: bool, confidence: float) -> float:
    """The RLCR calibration reward ``R = c − (q − c)²`` for correctness ``c`` and confidence ``q``.

    In [-1, 1]: 1 for a confident correct answer, 0 for a wrong answer with zero confidence, -1
    for a wrong answer stated with certainty. Raises :class:`ValueError` for a confidence outside
    [0, 1].

    Example:
        >>> brier_reward(True, 1.0), brier_reward(False, 1.0), brier_reward(True, 0.5)
        (1.0, -1.0, 0.75)
    """
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not math.isfinite(confidence) or not 0.0 <= confidence <= 1.0:
        raise ValueError(f"confidence must be a probability in [0, 1], got {confidence!r}")
    c = 1.0 if correct else 0.0
    return c - (float(confidence) - c) ** 2
