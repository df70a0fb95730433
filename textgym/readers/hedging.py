"""Hedge markers: the declared lexicon behind the *hedging rate* (``docs/design.md``).

The lexicon ships as package data, ``textgym/specs/data/lexicons/hedges.txt``: one marker per
line, grouped by category (``modal``, ``epistemic_verbs``, ``epistemic_adverbs``,
``approximators``, ``evasive``, ``deferral``, ``disclaimers``); the file's header says what was
left out and why. Matching is

- case-insensitive and on whole words (``"maybe"`` is found in ``"Maybe."`` but not in
  ``"maybelline"``);
- blind to contractions (``"it's complex"`` = ``"it is complex"``, ``"can't"`` = ``"cannot"`` =
  ``"can not"``, ``"I'm"`` = ``"I am"``) and to curly apostrophes;
- longest-first and non-overlapping: at each position the longest marker that matches is
  taken, then the scan moves past it (``"it may be"`` counts once, not also as ``"may"``);
- linear in the length of the text (a word index, no backtracking), and total: any ``str``
  gives an answer.

Example:
    >>> find_hedges("That's a tricky one. There are many perspectives, and I can't say for certain.")
    ['a tricky one', 'many perspectives', 'cannot say for certain']
    >>> is_hedged("The answer is Canberra."), is_hedged("It’s complicated.")
    (False, True)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["HedgeLexicon", "find_hedges", "hedge_categories", "hedge_rate", "is_hedged", "load_lexicon", "words"]

LEXICON_RESOURCE = "specs/data/lexicons/hedges.txt"

_WORD = re.compile(r"\w+(?:'\w+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\uff07": "'", "`": "'"})
_NOT = {"can't": ("can", "not"), "won't": ("will", "not"), "shan't": ("shall", "not"), "ain't": ("is", "not")}
_SUFFIXES = {"'m": "am", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would"}
#: Words whose "'s" is "is" rather than a possessive.
_IS_HOSTS = frozenset({"it", "that", "there", "here", "what", "who", "he", "she", "this", "everything", "nothing", "one"})


def words(text: str) -> list[str]:
    """The canonical word sequence hedges are matched against.

    Lower-cased (``casefold``), curly apostrophes straightened, contractions expanded.

    Example:
        >>> words("It’s not black-and-white; I can't say.")
        ['it', 'is', 'not', 'black', 'and', 'white', 'i', 'can', 'not', 'say']
    """
    out: list[str] = []
    for token in _WORD.findall(text.translate(_APOSTROPHES).casefold()):
        if "'" not in token and token != "cannot":  # the common case: a plain word
            out.append(token)
        elif token == "cannot":
            out += ("can", "not")
        elif token in _NOT:
            out += _NOT[token]
        elif token.endswith("n't") and len(token) > 3:
            out += (token[:-3], "not")
        elif token[-2:] in _SUFFIXES and len(token) > 2:
            out += (token[:-2], _SUFFIXES[token[-2:]])
        elif token[-3:] in _SUFFIXES and len(token) > 3:
            out += (token[:-3], _SUFFIXES[token[-3:]])
        elif token.endswith("'s") and token[:-2] in _IS_HOSTS:
            out += (token[:-2], "is")
        else:
            out.append(token)
    return out


@dataclass(frozen=True)
class HedgeLexicon:
    """A hedge lexicon: markers by category, with a fast matcher.

    Args:
        categories: category name → markers (any spelling; matched through :func:`words`).

    Example:
        >>> lexicon = HedgeLexicon({"modal": ("might",), "evasive": ("it's complex",)})
        >>> lexicon.find("It is complex, and it might rain.")
        ["it's complex", 'might']
        >>> lexicon.category_of("it's complex")
        'evasive'
    """

    categories: Mapping[str, tuple[str, ...]]

    def __post_init__(self) -> None:
        index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        owner: dict[tuple[str, ...], str] = {}
        category_of: dict[str, str] = {}
        for category, markers in self.categories.items():
            for marker in markers:
                key = tuple(words(marker))
                if not key:
                    raise ValueError(f"hedge marker {marker!r} (category {category!r}) has no words")
                if key in owner:
                    raise ValueError(f"hedge marker {marker!r} (category {category!r}) duplicates {owner[key]!r}")
                owner[key] = marker
                category_of[marker] = category
                index.setdefault(key[0], []).append((key, marker))
        for entries in index.values():
            entries.sort(key=lambda entry: -len(entry[0]))  # longest first
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_category_of", category_of)

    @property
    def markers(self) -> tuple[str, ...]:
        """Every marker, in file order."""
        return tuple(m for markers in self.categories.values() for m in markers)

    def category_of(self, marker: str) -> str:
        """The category a marker (as :meth:`find` returns it) belongs to."""
        try:
            return self._category_of[marker]  # type: ignore[attr-defined]
        except KeyError:
            raise KeyError(f"{marker!r} is not a marker of this lexicon") from None

    def find(self, text: str) -> list[str]:
        """The markers in ``text``, in order of occurrence, one entry per occurrence."""
        if not isinstance(text, str):
            raise TypeError(f"find_hedges expects a str, got {type(text).__name__}")
        index: dict[str, list[tuple[tuple[str, ...], str]]] = self._index  # type: ignore[attr-defined]
        seq = words(text)
        found: list[str] = []
        free = 0  # the first position not inside a marker already found
        for i in [i for i, word in enumerate(seq) if word in index]:
            if i < free:
                continue
            for key, marker in index[seq[i]]:
                if tuple(seq[i : i + len(key)]) == key:
                    found.append(marker)
                    free = i + len(key)
                    break
        return found


def _parse(text: str, source: str) -> dict[str, tuple[str, ...]]:
    categories: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1].strip()
            if not name or name in categories:
                raise ValueError(f"{source}, line {number}: expected a new category name in [brackets], got {line!r}")
            current = categories[name] = []
        elif current is None:
            raise ValueError(f"{source}, line {number}: a marker before the first [category] header: {line!r}")
        else:
            current.append(" ".join(line.split()))
    return {name: tuple(markers) for name, markers in categories.items()}


@lru_cache(maxsize=8)
def load_lexicon(path: str | Path | None = None) -> HedgeLexicon:
    """Load a lexicon file (default: the shipped ``hedges.txt``), cached.

    Example:
        >>> lexicon = load_lexicon()
        >>> len(lexicon.markers) >= 80, "evasive" in lexicon.categories
        (True, True)
    """
    if path is None:
        text = resources.files("textgym").joinpath(LEXICON_RESOURCE).read_text(encoding="utf-8")
        source = LEXICON_RESOURCE
    else:
        text = Path(path).read_text(encoding="utf-8")
        source = str(path)
    return HedgeLexicon(_parse(text, source))


def find_hedges(text: str) -> list[str]:
    """The shipped lexicon's markers found in ``text`` (see the module docstring for the rules).

    Example:
        >>> find_hedges("Perhaps. It depends on many factors; I think it's roughly right.")
        ['perhaps', 'it depends', 'i think', 'roughly']
        >>> find_hedges("")
        []
    """
    return load_lexicon().find(text)


def is_hedged(text: str) -> bool:
    """Whether ``text`` contains at least one marker of the shipped lexicon.

    Example:
        >>> is_hedged("Yes, I'm sure. The answer is 4."), is_hedged("I'm not sure, maybe 4.")
        (False, True)
    """
    return bool(find_hedges(text))


def hedge_categories(text: str) -> dict[str, int]:
    """How many markers of each category ``text`` contains (categories with none left out).

    Example:
        >>> hedge_categories("It might be 4, but it's complicated.")
        {'modal': 1, 'evasive': 1}
    """
    lexicon = load_lexicon()
    counts: dict[str, int] = {}
    for marker in lexicon.find(text):
        category = lexicon.category_of(marker)
        counts[category] = counts.get(category, 0) + 1
    return counts


def hedge_rate(texts: Iterable[str]) -> float:
    """Share of ``texts`` that are hedged (the hedging rate of ``docs/design.md``); ``nan`` for no texts.

    Example:
        >>> hedge_rate(["The answer is 4.", "Maybe 4.", "It depends."])
        0.6666666666666666
    """
    flags = [is_hedged(t) for t in texts]
    return sum(flags) / len(flags) if flags else float("nan")
