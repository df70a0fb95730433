"""Normalising and splitting reply text: the first step of every reader.

:func:`normalize` makes one canonical lower-case string out of any Unicode input: compatibility
forms folded (NFKD: fullwidth letters, ligatures), accents dropped (Brasília → brasilia),
invisible format and control characters removed (zero-width spaces, bidi overrides, NUL), curly
quotes straightened, Markdown emphasis (``**``, ``__``, backticks) and heading, quote and bullet
marks at line starts removed, thousands separators dropped (1,250 → 1250). Line breaks are kept:
they end sentences. :func:`sentences` and :func:`clauses` split the normalised text;
:func:`numbers_to_digits` rewrites numbers written in words ("five hundred and seven" → "507");
:func:`stem` gives one word-family stem that every reader matches words by.

Everything here is total (any ``str`` is read, a non-string reads as empty) and linear in the
length of the text.

Example:
    >>> normalize("**The answer:** Brasília\\u200b — 1,250 people")
    'the answer: brasilia \\u2014 1250 people'
    >>> sentences(normalize("It is Canberra. Not Sydney!\\n- really"))
    ['it is canberra.', 'not sydney!', 'really']
    >>> numbers_to_digits("so the answer is five hundred and seven")
    'so the answer is 507'
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["MAX_CHARS", "clauses", "normalize", "numbers_to_digits", "sentences", "stem", "words"]

#: Characters of a reply that readers look at (a 100 KB reply is read in its first MAX_CHARS).
MAX_CHARS = 20_000

_QUOTES = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'", "`": "", "\u201c": '"', "\u201d": '"',
    "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2013": "\u2014", "\u2026": "...", "\u00bf": " ", "\u00a1": " ",
})
_THOUSANDS = re.compile(r"(\d),(?=\d{3}\b)")
_EMPHASIS = re.compile(r"\*+|(?<![\w])_+|_+(?![\w])")
_LINE_MARK = re.compile(r"(?m)^[ \t]*(?:(?:#{1,6}|>+|[-+\u2022\u00b7\u2023\u25aa\u25cf\u2013]|\d{1,2}[.)])[ \t]+){1,4}")
_MARK_STARTS = frozenset(" \t#>-+\u2022\u00b7\u2023\u25aa\u25cf\u20130123456789")
_SPACE = re.compile(r"[ \t\f\v\r]{2,}|[\t\f\v\r]")
_SENTENCE = re.compile(
    # not after an initial or a common abbreviation ("franklin d. roosevelt", "e.g.", "dr. smith")
    r"(?<![\s.][a-z]\.)(?<!^[a-z]\.)(?<!\bmr\.)(?<!\bmrs\.)(?<!\bms\.)(?<!\bdr\.)(?<!\bst\.)(?<!\bvs\.)(?<!\bjr\.)(?<!\bsr\.)"
    r"(?<=[.!?;])(?!(?<=\bno\.)\s+\d)\s+|(?<=[.!?;][\"'])\s+|\n+"
)
_CLAUSE = re.compile(r"[,:;()\u2014]|\s-\s|\b(?:but|however|although|though|whereas|yet|aber|pero|sino|sondern)\b")
_WORD = re.compile(r"[\w']+")


def normalize(text: str) -> str:
    """The canonical form readers search (see the module docstring).

    Example:
        >>> normalize("IT\\u2019S  \\uff23anberra\\x00!")
        "it's canberra!"
        >>> normalize(None)
        ''
    """
    if not isinstance(text, str):
        return ""
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(
            c for c in decomposed
            if not unicodedata.combining(c) and (unicodedata.category(c) not in ("Cf", "Cc", "Cs") or c in "\n\t")
        )
        text = text.translate(_QUOTES)
    elif "`" in text:
        text = text.replace("`", "")
    if "\x00" in text or "\r" in text:
        text = text.replace("\x00", " ").replace("\r\n", "\n").replace("\r", "\n")
    if "*" in text or "_" in text:
        text = _EMPHASIS.sub("", text)
    if "\n" in text or text[:1] in _MARK_STARTS:
        text = _LINE_MARK.sub("", text)
    text = text.lower()
    if "," in text:
        text = _THOUSANDS.sub(r"\1", text)
    if "  " in text or not text.isprintable():
        text = _SPACE.sub(" ", text)
    return text.strip(" ")


def sentences(plain: str) -> list[str]:
    """Sentences of normalised text: split after ``. ! ? ;`` and at line breaks.

    Example:
        >>> sentences("michelangelo? no \\u2014 it was leonardo.")
        ['michelangelo?', 'no \\u2014 it was leonardo.']
    """
    return [s.strip() for s in _SENTENCE.split(plain) if s and s.strip()]


def clauses(sentence: str) -> list[str]:
    """Clauses of one sentence: split at ``, : ; ( ) —`` and at "but", "however", "although" ...

    Example:
        >>> clauses("many assume it is milan, but the capital is rome")
        ['many assume it is milan', 'the capital is rome']
    """
    return [c.strip() for c in _CLAUSE.split(sentence) if c and c.strip()]


def words(text: str) -> list[str]:
    """Word tokens (letters, digits, apostrophes).

    Example:
        >>> words("it isn't mars.")
        ['it', "isn't", 'mars']
    """
    return _WORD.findall(text)


_UNITS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
_NUMBER_RUN = re.compile(  # "and" joins only after a scale word: "one hundred and five", not "seventy-two and one"
    rf"\b(?:{_NUMBER_WORD})(?:(?:[\s-]+|(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+)(?:{_NUMBER_WORD}))*\b"
)


def _value(run: str) -> int | None:
    total = current = 0
    seen = False
    for token in re.split(r"[\s-]+", run):
        if token == "and":
            continue
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in _SCALES:
            total += max(current, 1) * _SCALES[token]
            current = 0
        else:  # pragma: no cover - the pattern admits only number words
            return None
        seen = True
    return total + current if seen else None


_DIGIT_SCALE = re.compile(r"(?<![\w.])(\d{1,6}(?:\.\d{1,3})?)\s+(hundred|thousand|million|billion)\b")


def _scaled(match: re.Match[str]) -> str:
    value = float(match.group(1)) * _SCALES[match.group(2)]
    return str(int(value)) if value == int(value) else match.group(0)


def numbers_to_digits(plain: str) -> str:
    """Rewrite runs of English number words as digits (normalised, lower-case text).

    A lone "one" is kept as a word ("one small glitch", "the one you said"); runs of two or
    more number words and single words from "two" up are rewritten.

    Example:
        >>> numbers_to_digits("twenty-one guns and one rose, three thousand four hundred")
        '21 guns and one rose, 3400'
        >>> numbers_to_digits("6 million, six million, 1.5 million")
        '6000000, 6000000, 1500000'
        >>> numbers_to_digits("seventy-two and one more; one hundred and five; twenty and thirty")
        '72 and one more; 105; 20 and 30'
    """
    if not isinstance(plain, str):
        return ""
    if _DIGIT_SCALE.search(plain):
        plain = _DIGIT_SCALE.sub(_scaled, plain)
    if not _NUMBER_RUN.search(plain):
        return plain

    def rewrite(match: re.Match[str]) -> str:
        run = match.group(0)
        if run in ("one", "zero"):
            return run
        value = _value(run)
        return str(value) if value is not None else run

    return _NUMBER_RUN.sub(rewrite, plain)


#: Irregular English verb forms -> their base, so that "wrote" and "writing" share a family.
_IRREGULAR_FORMS = {
    form: base
    for base, forms in {
        "begin": "began begun", "break": "broke broken", "bring": "brought", "build": "built", "buy": "bought",
        "become": "became", "choose": "chose chosen", "do": "did done does doing", "drink": "drank drunk",
        "drive": "drove driven", "eat": "ate eaten", "fall": "fell fallen", "feel": "felt", "find": "found",
        "forget": "forgot forgotten", "get": "got gotten", "give": "gave given", "go": "went gone goes going",
        "have": "had has", "keep": "kept", "leave": "left", "lose": "lost", "make": "made", "meet": "met",
        "pay": "paid", "run": "ran", "say": "said says", "see": "saw seen", "sell": "sold", "send": "sent",
        "sink": "sank sunk", "speak": "spoke spoken", "spend": "spent", "steal": "stole stolen",
        "take": "took taken", "tell": "told", "think": "thought", "win": "won", "write": "wrote written",
        "agree": "agreed agrees", "disagree": "disagreed disagrees", "guarantee": "guaranteed guarantees",
        "free": "freed frees", "die": "died dying", "lie": "lied lying", "tie": "tied tying",
    }.items()
    for form in forms.split()
}
#: Function words that end like an inflection but are not one ("always", "unless", "this").
_UNINFLECTED = frozenset(
    "always perhaps unless thus this his its was has is does yes less besides towards afterwards "
    "nevertheless whereas nowadays across series species news various previous serious".split()
)
#: Suffixes stripped by :func:`stem`, longest first; each needs a stem of at least 3 letters left.
_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ies", "ied", "es", "ed", "s")
_DOUBLED = re.compile(r"([b-df-hjkmnp-rtv-y])\1$")  # a doubled consonant but l, s, z ("stopp" -> "stop"; "fall" stays)


@functools.lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """The family stem of one word: every reader matches words by it.

    Lower-cases, maps irregular verb forms to their base ("wrote" -> "write"), strips one
    inflectional or "-ation"/"-ion" suffix when at least three letters remain, undoes a doubled
    final consonant left by "-ing"/"-ed" ("stopping" -> "stop"), ends a final "y" or "ie" in "i"
    ("carry", "carried", "carries" -> "carri") and drops a silent final "e" ("close", "closed",
    "closes" -> "clos"). Words of three letters or fewer and function words such as "always" or
    "unless" are kept as they are. It is a light, predictable stemmer, not a lemmatiser: two words
    share a stem when they are forms of one word, and rarely otherwise.

    Example:
        >>> [stem(w) for w in ("Evicted", "eviction", "evicting", "evicts")]
        ['evict', 'evict', 'evict', 'evict']
        >>> [stem(w) for w in ("stopping", "stopped", "stops", "stop")]
        ['stop', 'stop', 'stop', 'stop']
        >>> [stem(w) for w in ("wrote", "written", "writing", "writes")]
        ['writ', 'writ', 'writ', 'writ']
        >>> [stem(w) for w in ("carry", "carried", "carries", "closures", "closure", "unless", "is")]
        ['carri', 'carri', 'carri', 'closur', 'closur', 'unless', 'is']
    """
    word = word.lower()
    word = _IRREGULAR_FORMS.get(word, word)
    if len(word) <= 3 or word in _UNINFLECTED:
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break
            word = word[: -len(suffix)]
            if suffix in ("ies", "ied"):
                return word + "i"
            if suffix in ("ing", "ings", "ed") and _DOUBLED.search(word):
                word = word[:-1]
            break
    if word.endswith("y") and len(word) > 3:
        return word[:-1] + "i"
    if word.endswith("ie") and len(word) > 3:
        return word[:-1]
    return word[:-1] if word.endswith("e") and len(word) >= 4 and not word.endswith("ee") else word
