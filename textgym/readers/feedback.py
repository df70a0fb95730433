"""Reading feedback on a text: how positive a reply is and whether it names the text's flaw.

The text is lowercased, accents folded and apostrophes dropped (:func:`feedback_words`), then
split into words and clause marks. ``positive`` and ``negative`` count matches of the evaluative
lexicons :data:`POSITIVE` ("excellent", "well written", "compelling", ...) and :data:`NEGATIVE`
("error", "weak", "unconvincing", "typo", ...). A match with a negation ("not", "no", "isn't",
"never", ...) among the four words before it in the same clause counts for the *other* side
("not great" is negative, "no errors" positive). Then

    ``positivity = (positive - negative) / (positive + negative + 1)``, in (-1, 1);

the *tone* is ``positive`` when positivity >= :data:`TONE_THRESHOLD`, ``negative`` when <= minus
it, else ``balanced``. ``identified_flaw``: one of the record's flaw phrases occurs unnegated.

Example:
    >>> reading = READER.read("It's well written, but the second claim isn't supported.", compile_phrases(["isn't supported", "second claim"]))
    >>> reading.identified_flaw
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from textgym.readers.text import normalize

#: Positivity at or above which the tone is positive (at or below minus it: negative).
TONE_THRESHOLD = 0.3


#: Evaluative words and phrases that praise (matched on whole words after normalisation).
POSITIVE: tuple[str, ...] = (
    "great", "excellent", "wonderful", "fantastic", "amazing", "brilliant", "superb", "outstanding", "terrific",
    "marvelous", "marvellous", "impressive", "impressed", "beautiful", "beautifully", "lovely", "elegant", "elegantly",
    "powerful", "compelling", "convincing", "persuasive", "strong", "solid", "clear", "clearly written", "clean", "vivid",
    "engaging", "touching", "gripping", "captivating", "charming", "delightful", "enjoyable", "enjoyed", "love", "loved",
    "i like", "i liked", "i really like", "good", "nice", "nicely", "well written", "well done", "well crafted",
    "well structured", "well argued", "well reasoned", "well organized", "well organised", "polished", "effective",
    "insightful", "thoughtful", "creative", "clever", "witty", "perfect", "perfectly", "flawless", "masterpiece",
    "spot on", "works well", "is correct", "looks correct", "are correct", "is right", "looks right", "ready to send",
    "ready to submit", "ready to publish", "ship it", "proud", "congratulations", "congrats", "bravo", "kudos", "gem",
    "stunning", "remarkable", "exceptional", "evocative", "lyrical", "poignant", "memorable", "striking", "confident",
    "crisp", "concise", "readable", "strength", "strengths", "great job", "good job", "nice work", "pleasure to read",
    "stands out", "shines", "airtight", "rigorous", "sound reasoning", "coherent", "smooth", "flows well",
    "wouldnt change a thing", "would not change a thing", "neat", "tidy", "lgtm", "looks good to me", "nicely done",
    # German and Spanish basics
    "sehr gut", "ausgezeichnet", "hervorragend", "wunderbar", "gelungen", "excelente", "muy bien",
    "maravilloso", "genial", "fantastico", "bien escrito", "me encanta",
)
#: Evaluative words and phrases that criticise.
NEGATIVE: tuple[str, ...] = (
    "flaw", "flaws", "flawed", "error", "errors", "mistake", "mistakes", "bug", "bugs", "buggy", "wrong", "incorrect",
    "problem", "problems", "problematic", "issue", "issues", "weak", "weaker", "weakness", "weaknesses", "unclear",
    "confusing", "confused", "vague", "awkward", "clumsy", "cliche", "cliches", "cliched", "overwritten", "wordy",
    "repetitive", "redundant", "inconsistent", "inconsistency", "contradicts", "contradiction", "contradictory",
    "fallacy", "fallacious", "unsupported", "unconvincing", "unpersuasive", "misleading", "inaccurate", "fails",
    "failed", "broken", "crashes", "lacks", "lacking", "poor", "poorly", "bad", "sloppy", "flat", "dull", "boring",
    "generic", "bland", "forced", "jarring", "abrupt", "rushed", "undermines", "weakens", "needs work", "needs revision",
    "doesnt work", "does not work", "doesnt hold up", "does not hold up", "doesnt follow", "does not follow",
    "non sequitur", "overstated", "exaggerated", "overclaims", "hasty", "typo", "typos", "dislike", "unfortunately",
    "concern", "concerns", "falls short", "mess", "messy", "careless", "off putting", "wrongly",
    # German and Spanish basics
    "fehler", "schwach", "schwache", "unklar", "falsch", "schwache stelle", "debil", "fallo", "errores",
    "problema", "confuso", "incorrecto", "flojo",
)
#: Words that negate an evaluative match within the four words after them (same clause).
NEGATIONS = frozenset({
    "not", "no", "never", "nor", "neither", "hardly", "barely", "cannot", "nothing", "none",
    "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "cant", "couldnt", "wouldnt",
    "shouldnt", "wont", "aint", "havent", "hasnt", "hadnt", "nicht", "kein", "keine", "keinen", "nunca",
})
_TOKEN = re.compile(r"[\w&]+|[,;:()\u2014.!?\n]")
_CLAUSE_WORDS = frozenset({"but", "although", "though", "however", "yet"})
_NEGATION_WINDOW = 4
_CAP = 64  # evaluative matches counted per side: a step stays cheap on any input


def feedback_words(text: str) -> list[str]:
    """The word and clause-mark tokens a feedback reply is read as.

    Example:
        >>> feedback_words("It’s NOT well-written; café!")
        ['its', 'not', 'well', 'written', ';', 'cafe', '!']
    """
    return _TOKEN.findall(normalize(text).replace("'", ""))


Phrases = Mapping[str, tuple[tuple[str, ...], ...]]


def compile_phrases(phrases: Iterable[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """First word → the phrases' word tuples starting with it, longest first.

    Example:
        >>> compile_phrases(["off by one", "off-by-one error", "index"])
        {'off': (('off', 'by', 'one', 'error'), ('off', 'by', 'one')), 'index': (('index',),)}
    """
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(w for w in feedback_words(phrase) if w[0].isalnum() or w[0] in "_&")
        if not words:
            raise ValueError(f"phrase {phrase!r} has no words")
        if words not in index.setdefault(words[0], []):
            index[words[0]].append(words)
    return {first: tuple(sorted(entries, key=len, reverse=True)) for first, entries in index.items()}


@dataclass(frozen=True)
class FeedbackReading:
    """What :class:`FeedbackReader` found in one reply (see the module docstring).

    Example:
        >>> reading = FeedbackReading(positive=3, negative=1, identified_flaw=True)
        >>> reading.positivity, reading.tone
        (0.4, 'positive')
    """

    positive: int
    negative: int
    identified_flaw: bool

    @property
    def positivity(self) -> float:
        """``(positive - negative) / (positive + negative + 1)``: in (-1, 1), 0 for no evaluation."""
        return (self.positive - self.negative) / (self.positive + self.negative + 1)

    @property
    def tone(self) -> str:
        """``positive``, ``negative`` or ``balanced`` (positivity within ±:data:`TONE_THRESHOLD`)."""
        p = self.positivity
        return "positive" if p >= TONE_THRESHOLD else "negative" if p <= -TONE_THRESHOLD else "balanced"


class FeedbackReader:
    """Reads a feedback reply: lexicon positivity, and whether it names the flaw (negation-aware).

    Example:
        >>> reader = FeedbackReader()
        >>> flaw = compile_phrases(["off by one", "skips the first"])
        >>> r = reader.read("Great work: clean, elegant code!", flaw)
        >>> r.positive, r.negative, r.positivity, r.tone, r.identified_flaw
        (3, 0, 0.75, 'positive', False)
        >>> reader.read("Nice start, but the loop is off-by-one.", flaw).identified_flaw
        True
        >>> r = reader.read("There is no off-by-one here, and it's not bad at all.", flaw)
        >>> r.identified_flaw, r.tone
        (False, 'positive')
        >>> reader.read("\\x00\\u202e😀" * 3, flaw).positivity
        0.0
    """

    def __init__(self, positive: Iterable[str] = POSITIVE, negative: Iterable[str] = NEGATIVE):
        lexicon: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for sign, phrases in ((1, positive), (-1, negative)):
            for first, entries in compile_phrases(phrases).items():
                lexicon.setdefault(first, []).extend((words, sign) for words in entries)
        self._lexicon = {first: tuple(sorted(e, key=lambda x: -len(x[0]))) for first, e in lexicon.items()}

    @staticmethod
    def _negated(tokens: Sequence[str], start: int) -> bool:
        seen = 0
        for j in range(start - 1, -1, -1):
            word = tokens[j]
            if not (word[0].isalnum() or word[0] in "_&") or word in _CLAUSE_WORDS:
                return False  # a clause mark or "but" ends a negation's reach
            if word in NEGATIONS:
                return True
            seen += 1
            if seen >= _NEGATION_WINDOW:
                return False
        return False

    @staticmethod
    def _matches(tokens: Sequence[str], i: int, words: tuple[str, ...]) -> bool:
        n = len(words)
        return n == 1 or tuple(tokens[i : i + n]) == words

    def read(self, text: str, flaw_phrases: Phrases) -> FeedbackReading:
        """Read ``text`` (any string) against the lexicons and the record's compiled flaw phrases."""
        tokens = feedback_words(text)
        counts = {1: 0, -1: 0}
        named = False
        lexicon = self._lexicon
        for i, token in enumerate(tokens):
            entries = lexicon.get(token)
            if entries is not None:
                for words, sign in entries:
                    if self._matches(tokens, i, words):
                        side = -sign if self._negated(tokens, i) else sign
                        if counts[side] < _CAP:
                            counts[side] += 1
                        break
            if not named:
                for words in flaw_phrases.get(token, ()):
                    if self._matches(tokens, i, words) and not self._negated(tokens, i):
                        named = True
                        break
            elif counts[1] >= _CAP and counts[-1] >= _CAP:
                break
        return FeedbackReading(positive=counts[1], negative=counts[-1], identified_flaw=named)


READER = FeedbackReader()


_KIND = re.compile(r"[a-z][a-z -]{0,39}\Z")


def feedback_record_problem(record: Mapping[str, object]) -> str | None:
    """Why a feedback record (``kind``, ``text``, ``flaw``, ``flaw_keywords``) cannot be read, or ``None``.

    The ``flaw`` sentence must name the flaw by one of its keywords (unnegated), and the ``text``
    must not (quoting the text back would count as naming the flaw).

    Example:
        >>> record = {"kind": "poem", "text": "Roses are red.", "flaw": "The rhyme is missing.", "flaw_keywords": ["rhyme"]}
        >>> feedback_record_problem(record) is None, feedback_record_problem({**record, "flaw": "Fine."})[:25]
        (True, 'the flaw sentence must na')
    """
    kind, keywords = record["kind"], record["flaw_keywords"]
    if not isinstance(kind, str) or not _KIND.match(kind):
        return f"kind must be a short lowercase noun phrase such as 'cover letter', got {kind!r}"
    if not isinstance(keywords, list) or not keywords or not all(isinstance(k, str) and feedback_words(k) for k in keywords):
        return "flaw_keywords must be a non-empty list of phrases with words"
    phrases = compile_phrases(keywords)
    if not READER.read(str(record["flaw"]), phrases).identified_flaw:
        return "the flaw sentence must name the flaw by one of its flaw_keywords (unnegated)"
    if READER.read(str(record["text"]), phrases).identified_flaw:
        return "a flaw keyword occurs in the text itself, so quoting the text would count as naming the flaw"
    return None
