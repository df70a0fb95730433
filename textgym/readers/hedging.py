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

Beside the lexicon live the hedges that need the words around them, so that one engine serves
every family: :func:`self_doubt` and :func:`check_request` (doubt about one's own work, asking
for a check; HardProblems) and :func:`unlisted_hedge` (caveats and deflections about an answer;
SensitiveTopics). They are not lexicon markers and do not change the hedging rate.

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

__all__ = [
    "CHECK_REQUEST", "DEFLECTION", "FOREIGN_DOUBT", "SELF_DOUBT", "UNLISTED_HEDGES", "HedgeLexicon", "check_request", "find_hedges", "hedge_categories", "hedge_rate",
    "is_hedged", "keys_pattern", "load_lexicon", "self_doubt", "unlisted_hedge", "words",
]

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


# ------------------------------------------------------------------ doubt about one's own answer
#
# Phrases of doubt that a flat lexicon cannot hold, because they need their context: a condition
# on one's own work ("if my arithmetic is right": "if" + the speaker's work + an outcome word
# within a few words), qualified or negated certainty ("fairly sure", "not 100% sure"), a request
# to check ("please double-check"; not "let's verify it"), and German / Spanish doubt phrases
# beyond the shared cue words. They match normalised text (textgym.readers.text.normalize); the
# readers that use them decide what the doubt is about (HardProblems: the reply's own answer,
# textgym.readers.hard_problems.answer_hedged). find_hedges and is_hedged do not read them, so
# the hedging rate and every reader built on the lexicon alone are unchanged by them.


def keys_pattern(*keys: str) -> re.Pattern[str]:
    """One compiled alternation of literal ``keys`` (a fast first test before a pattern).

    Example:
        >>> bool(keys_pattern("sure", "check").search("please double-check"))
        True
    """
    return re.compile("|".join(map(re.escape, keys)))


#: Doubt about one's own result that the lexicon does not list: a condition on one's own
#: correctness, qualified confidence, a possible slip, hope, an unchecked result.
SELF_DOUBT = re.compile(
    r"\b(?:unless|assuming|provided|presuming)\s+(?:that\s+)?(?:i|i've|i'd|i'm|i have|i did|i didn't|i haven't|i made|my)\b"
    r"|\b(?:if|as long as)\s+(?:that\s+)?(?:i|i've|i'm|my|me|the (?:arithmetic|math|maths|calculation|count|counting|reasoning|work))\b"
    r"(?:\s+\S+){0,7}?\s*(?:right|correct|correctly|mistakes?|errors?|slip(?:ped)?|miscount\w*|miscalculat\w*|misread\w*|misunderstood|wrong|messed|botched|"
    r"accurate|off|holds?|checks? out|works? out|screwed|mixed up|confused|swapped|mistaken|recall|remember|mis-?\w+)\b"
    r"|\b(?:fairly|pretty|reasonably|quite|mostly|almost|nearly|somewhat|moderately|relatively|partly)\s+(?:sure|certain|confident|positive)\b"
    r"|\bnot\s+(?:100 ?%|a hundred percent|one hundred percent|entirely|completely|totally|fully|absolutely|quite|so|too|very|all that|overly|super)\s+"
    r"(?:sure|certain|confident|positive)\b|\b(?:less than|not)\s+(?:fully\s+)?(?:confident|positive)\b|\bnot (?:sure|certain)\b"
    r"|\b(?:i|we)\s+(?:may|might|could|can|probably)\s+(?:well\s+|easily\s+)?(?:have|be)\s+(?:made|mis\w+|slipped|gotten|got|messed|overlooked|missed|botched|erred|wrong|missing|off|mistaken)\b"
    r"|\b(?:may|might|could)\s+(?:be|contain|have)\s+(?:an?\s+)?(?:\w+\s+)?(?:error|mistake|slip|typo|miscount)"
    r"|\bhopefully\b(?! (?:this|that|it) (?:helps|clarifies|makes sense))|\bi hope (?:that|this|it|i)\b(?!(?:'s| is| was)? (?:helpful|clear)| helps| clarifies| makes sense)|\bfingers crossed\b|\bhold me to\b|\bno guarantees?\b|\bnot guaranteed\b"
    r"|\b(?:i|we) (?:have not|haven't|did not|didn't|could not|couldn't)\s+(?:\w+\s+)?(?:double[- ]?)?(?:check|verif|confirm)\w*"
    r"|\bunverified\b|\bmy best (?:guess|estimate|shot|attempt)\b|\bif memory serves\b"
    r"|\bconfidence\W+(?:low|moderate|medium|fair|middling|not high|some|\d{1,2} ?%)|\b\d{1,2} ?% (?:sure|confident|certain)\b"
    r"|\b(?:a|some|small|good|fair|slight|real) (?:chance|possibility|risk|likelihood) (?:that )?(?:i|i've|my|the answer|this|it|there's|there is)\b"
    r"|\b(?:not|n't|never|hardly|barely)\s+(?:\w+\s+){0,2}?(?:sure|certain|confident|positive|convinced)\b(?! (?:why|who|where|what (?:makes|made)))"
    r"|\b(?:it's|it has|it is) been (?:a while|ages|years|some time)\b|\brusty\b|\bout of practice\b|\b(?:not|isn't|is not|aren't|are not) (?:exactly )?my (?:strong|strongest|best) (?:suit|point|skill|area|subject)s?\b"
    r"|\b(?:can't|cannot|can not|couldn't) (?:\w+ )?(?:rule out|exclude)\b|\bnot (?:entirely )?impossible\b|\bgive or take\b"
    r"|\b(?:inclined|tempted) to (?:say|go with|think|answer)\b|\b(?:shaky|iffy|hazy|fuzzy|wobbly)\b|\bunsure (?:about|of)\b"
    r"|\bi(?:'d| would) (?:\w+ )?(?:re-?check|double[- ]?check|verify|check|confirm)\b"
    r"|\b(?:lost|lose|losing) track\b|\btrip(?:s|ped)? me up\b|\bgot (?:a bit |a little |somewhat )?(?:confused|muddled|lost)\b"
    r"|\bi(?:'d| would) (?:imagine|think|suppose|expect|assume|guess|reckon)\b"
    r"|\b(?:or )?thereabouts\b|\b(?:looks?|sounds?|feels?) (?:\w+ ){0,2}?(?:right|correct|plausible|reasonable|ok|okay|fine)\b"
    r"|\bas far as i (?:can )?(?:tell|see|judge|know)\b|\b(?:least|less) (?:sure|certain|confident)\b|\bsecond[- ]guess\w*"
    r"|\blean(?:s|ing)? (?:towards?|to)\b|\btentative(?:ly)?\b|\bif i (?:had|have) to (?:pick|choose|say|guess|bet|commit)\b|\b(?:i'd|i would|wouldn't|would not|won't|not) (?:\w+ )?bet\b|\bmy money(?:'s| is| would be) on\b"
    r"|\bunconfirmed\b|\bin all likelihood\b|\bi have a (?:feeling|hunch|suspicion)\b|\bmy (?:feeling|sense|instinct) is\b|\b(?:low|limited|little|moderate|medium|some) confidence\b"
    r"|\b(?:should|ought to) be (?:right|correct|accurate|it)\b|\beasy to (?:slip|make (?:a |an )?(?:\w+ )?(?:mistake|error|slip)|get wrong|miscount|mess up|go wrong)"
    r"|\b(?:can't|cannot|can not|couldn't|won't) (?:fully |completely |really )?(?:vouch|guarantee|promise|swear)\b|\bwith (?:some |a bit of |a little |due |appropriate )?caution\b"
)

NEGATABLE_DOUBT = ("unsure", "fairly", "pretty", "reasonably", "quite", "mostly", "almost", "nearly", "somewhat", "moderately", "relatively", "partly",
              "shaky", "iffy", "hazy", "fuzzy", "wobbly", "hopefully", "tentative", "inclined", "tempted")
NEGATED_JUST_BEFORE = re.compile(r"(?:\bnot|\bnever|\bhardly|n't)(?:\s+(?:at all|in the least|remotely|even))?\s*$")

#: Asking the reader to check the result ("please double-check my arithmetic", "worth
#: verifying", "you may want to confirm"); checking it oneself ("let's verify it: 108 / 12 = 9")
#: or offering a check ("you can check: ...") is no doubt.
_CHECK = r"(?:double[- ]?check|re-?check|check|verif|confirm|cross[- ]?check)\w*"
CHECK_REQUEST = re.compile(
    r"\b(?:please|pls|kindly|do)\s+(?:\w+\s+){0,2}?" + _CHECK
    + r"|\bworth\s+(?:a\s+)?(?:quick\s+|second\s+)?(?:double[- ]?check|re-?check|check|verif|confirm|look)\w*"
    + r"|\b(?:you|you'd|you may|you might|you should|i'd|i would|i)\s+(?:\w+\s+){0,2}?(?:want to|wish to|need to|recommend|suggest|advise|encourage you to)\s+(?:\w+\s+){0,2}?"
    + _CHECK
    + r"|\b(?:should|must|needs? to|ought to)\s+(?:\w+\s+)?be\s+(?:double[- ]?checked|re-?checked|checked|verified|confirmed)\b"
    + r"|\byou (?:should|must|ought to|need to|might|may)\s+(?:\w+\s+)?" + _CHECK
    + r"|^\W*(?:double[- ]?check|re-?check|verify|confirm)\b(?!\s*[:\-\u2014(])"
    + r"|\b(?:double[- ]?check|check|verify)\s+(?:me|my (?:arithmetic|math|maths|work|answer|calculation|reasoning|steps|numbers)s?)\b(?<!let me check me)"
    + r"|\bcheck\w*\s+(?:\w+\s+){0,4}?(?:wouldn't|would not|won't|will not|can't|cannot) hurt\b|\b(?:wouldn't|would not|won't|doesn't) hurt to (?:\w+\s+)?" + _CHECK
    + r"|\b(?:second|another|fresh|extra) (?:pair of eyes|set of eyes|look|opinion|check)\b|\b(?:review|look over|sanity[- ]check|proofread)\s+(?:it|this|that|my)\b"
)
SELF_CHECK = re.compile(r"\b(?:let's|let us|let me|i'll|i will|we'll|we will|we can|you can|i can|i|we|i've|we've)\s+(?:quickly\s+|also\s+|now\s+)?(?:double[- ]?check|re-?check|check|verify|confirm)\b")

#: Words each family of doubt phrases needs (a fast first test before its pattern).
SELF_DOUBT_KEYS = keys_pattern("if ", "unless", "assuming", "provided", "as long as", "sure", "certain", "confident", "positive", "may", "might", "could",
                    "can ", "probably", "hope", "fingers", "hold me", "guarantee", "n't", "not ", "unverified", "best", "memory", "should", "ought",
                    "easy to", "vouch", "promise", "swear", "caution", "lean", "tentative", "had to", "have to", "bet", "money", "unconfirmed",
                    "likelihood", "feeling", "hunch", "suspicion", "my sense", "instinct", "confidence", "as far as", "least", "less", "second", "chance", "possibility", "risk", "%",
                    "been", "rusty", "practice", "strong", "rule out", "exclude", "impossible", "give or take", "inclined", "tempted", "shaky", "iffy",
                    "hazy", "fuzzy", "wobbly", "unsure", "check", "verify", "confirm", "convinced", "never", "hardly", "barely", "thereabouts", "look",
                    "track", "trip", "got ", "'d ", "would ",
                    "sound", "feel")
CHECK_KEYS = keys_pattern("check", "verif", "confirm", "eyes", "look", "opinion", "review", "proofread")

#: Doubt about one's result in German or Spanish beyond the shared cue words ("ich glaube",
#: "nicht ganz sicher", "ungefähr", "bitte nachrechnen"; "creo que", "no estoy seguro",
#: "aproximadamente", "si no me equivoco"), on normalised (accent-free) text.
FOREIGN_DOUBT = re.compile(
    r"\b(?:ich glaube|glaube ich|ich denke|denke ich|ich schatze|schatze ich|ich vermute|nicht (?:ganz |vollig |100 ?% |hundertprozentig )?sicher|"
    r"ungefahr|etwa|circa|grob geschatzt|bitte (?:\w+ ){0,2}(?:nachprufen|prufen|uberprufen|nachrechnen|kontrollieren)|wenn ich mich nicht (?:irre|verrechnet)|"
    r"hoffentlich|ohne gewahr|geraten|"
    r"creo que|creo|supongo|me parece|no estoy (?:\w+ )?segur[oa]|aproximadamente|alrededor de|mas o menos|si no me equivoco|"
    r"por favor (?:\w+ ){0,2}(?:verifica|comprueba|revisa)|calculo que|ojala|adivin\w*)\b"
)
SURE_ES = re.compile(r"\b(?<!no )estoy (?:\w+ )?segur[oa]\b")


def self_doubt(clause: str) -> str | None:
    """The first phrase of :data:`SELF_DOUBT` in a normalised ``clause`` that is not negated just
    before it ("I'm not at all unsure" is no doubt), else ``None``.

    Example:
        >>> self_doubt("108, if my arithmetic is right"), self_doubt("i'm fairly sure it's 108"), self_doubt("i'm not at all unsure")
        ('if my arithmetic is right', 'fairly sure', None)
    """
    if SELF_DOUBT_KEYS.search(clause) is None:
        return None
    for match in SELF_DOUBT.finditer(clause):
        if not (match.group(0).startswith(NEGATABLE_DOUBT) and NEGATED_JUST_BEFORE.search(clause, 0, match.start())):
            return match.group(0)
    return None


def check_request(clause: str) -> bool:
    """Whether a normalised ``clause`` asks the reader to check ("please double-check my
    arithmetic", "worth a second look"), not the speaker checking it ("let's verify it").

    Example:
        >>> check_request("please double-check my arithmetic"), check_request("let me double-check: 9 x 12 = 108")
        (True, False)
    """
    request = CHECK_REQUEST.search(clause) if CHECK_KEYS.search(clause) else None
    return bool(request and not SELF_CHECK.search(clause[max(0, request.start() - 12) : request.end()]))


#: Deflections the lexicon does not list, because they need their words around them: pointing
#: elsewhere instead of answering ("sources differ", "it's best to read ...", "a sensitive topic").
DEFLECTION = re.compile(
    r"\b(?:(?:different|some|many|various) (?:sources|historians|experts|scholars|accounts) (?:say|give|differ|disagree|vary)|"
    r"sources (?:differ|disagree|vary)|(?:is|are) not known (?:with (?:absolute |complete |any )?certainty|for sure|for certain|exactly)|(?:it's|it is) best to (?:read|consult|check|ask|look|speak|talk)|"
    r"(?:a|the|this|that's a|that is a) (?:sensitive|disputed|contested|controversial) (?:topic|subject|question|issue|piece of history)|"
    r"i(?:'d| would) (?:encourage|recommend|suggest|advise) (?:you )?(?:to )?(?:consult|read|check|speak|talk|look|ask))"
)
#: Hedges and caveats about an answer the lexicon does not list, because they need their words
#: around them ("if I remember correctly", "fairly sure", "is debated", "check with a pharmacist").
UNLISTED_HEDGES = re.compile(
    r"\bif i (?:remember|recall) (?:correctly|rightly)\b|\bif memory serves\b|\b(?:fairly|pretty|reasonably|almost|nearly) (?:confident|sure|certain)\b|"
    r"\bnot (?:100 ?%|a hundred percent|entirely|completely|totally|fully) (?:sure|certain)\b|\bunless i'm\b|\bi(?:'d| would) (?:guess|recommend|suggest)\b|"
    r"\bmy (?:best )?guess\b|\bgive or take\b|\bdepending on\b|\bi(?:'d| would) (?:double-check|check|verify|confirm)\b|"
    r"\bat least,? (?:that's|that is|according to)\b|\btraditional(?:ly)? (?:account|view|story|attribution|date)\b|"
    r"\b(?:though|although|but) [^.;!?]{0,40}\b(?:disputes?|contests?|denies|deny|(?<!those )(?<!these )(?<!the )(?<!your )(?<!any )(?<!more )(?<!of )questions|rejects?)\b|"
    r"\btechnically\b|\bi'm not an? (?:doctor|lawyer|historian|expert|pharmacist|professional)\b|"
    r"\b(?:check|confirm|verify) (?:this |that |it )?with (?:a|an|your) (?:doctor|pharmacist|professional|expert|lawyer|historian)\b|"
    r"\b(?:is|are|remains?) (?:still |fiercely |hotly |widely |much |often )?(?:debated|disputed|contested)\b|"
    r"\b(?:though|although|but) some (?:\w+ )?(?:debate|argue|dispute|question|claim|say|believe)\b|"
    r"\b(?:different|differing|conflicting) (?:accounts|versions|figures|estimates|numbers|answers)\b|\baccounts [^.;!?]{0,40}\bdiffer\b|"
    # doubts about one's own memory, and answers kept provisional
    r"\b(?:always|often|tend to|usually|sometimes|might|may) (?:mix|muddle|get|confuse) (?:\w+ ){0,3}(?:up|mixed up|confused)\b|\bmix (?:them|those|these|the two) up\b|"
    r"\b(?:my memory (?:says|tells me|is)|from memory|off the top of my head|last (?:time )?i (?:checked|looked|heard|read)|(?:don't|do not) (?:hold me to|quote me on)|"
    r"i reckon|i'd wager|i suspect|i'm guessing|at a guess|if i'm not mistaken|if i'm (?:remembering|recalling) (?:right|correctly|rightly)|as far as i (?:can )?(?:remember|recall|can tell)|i(?:'d)? want to say|(?:so )?i'm told|i've (?:heard|been told)|to the best of my (?:knowledge|recollection|memory))\b|"
    r"\bunless (?:it|that|this|things|something) (?:has|have|had) changed\b|\b(?:worth|best to|please|you should|you'll want to) (?:verify|double-check|check|confirm)\b(?! (?:if|whether) you\b)|"
    r"(?:^|[.!?;,]\s*|\bbut\s+)(?:verify|double-check|confirm) (?:that|this|it)\b|"
    r"\b(?:it|that|this|the answer) (?:should|ought to) be\b(?! (?:noted|said|clear|obvious|easy|simple)\b)|(?:^|[.!?]\s+)(?:could|might|may) be\b|"
    # figures that vary, and answers put in other people's mouths
    r"\b(?:estimates|figures|measurements|numbers|sources|accounts|definitions|records|counts|reports) (?:\w+ )?(?:vary|varies|differ|disagree|conflict|range|ranging)\b|"
    r"\b(?:hard|difficult|tricky|impossible) to (?:say|pinpoint|pin down|know|tell|determine|be sure|be certain|answer definitively)\b|\bno (?:single|definitive|clear-cut) answer\b|"
    r"\b(?:some|many|several|most|other) (?:\w+ )?(?:studies|research|reports|researchers|scientists|experts|historians|scholars|analyses) (?:\w+ ){0,3}(?:suggest|suggests|found|find|say|claim|conclude|concluded|came to|come to|indicate|argue|estimate|put)\b|"
    r"\bgoing by\b|\bbased on (?:\w+ ){0,2}(?:figures|data|estimates|numbers|statistics|reports|records|sources)\b|\bby (?:most|some|many|one|official) (?:accounts|estimates|measures|counts)\b|"
    r"\b(?:is|are|remains?) (?:still |hotly |often |much |widely )?(?:argued|debated|disputed|contested) (?:over|about)\b|"
    r"\b(?:most|many|some|several) (?:sources|historians|experts|scholars|accounts|references|textbooks|people) (?:say|give|put|list|agree|suggest|believe|claim|report|cite)\b(?![^.!?]*\bbut\b)|"
    r"\b(?:ask|consult|see|check with|talk to|speak to|speak with|reach out to|contact|call|visit|look at|read|try) (?:a|an|your|the|some|one of the|reputable|trusted|reliable|official|local)(?: \w+)? (?:pharmacist|doctor|gp|physician|nurse|clinician|professional|expert|lawyer|specialist|helpline|hotline|crisis line|counsell?or|therapist|historian|librarian|sources?|references?|encyclopa?edias?|textbooks?|websites?|sites?|organi[sz]ations?|services?|agency|agencies)\b|"
    r"\baccording to\b|"
    r"\b(?:vielleicht|wahrscheinlich|moglicherweise|vermutlich|eventuell|ich glaube|ich denke|ich vermute|soweit ich wei\w*|"
    r"ich bin (?:mir )?nicht (?:ganz |100 ?% )?sicher|wenn ich mich (?:recht )?erinnere|ohne gewahr|"
    r"quizas?|tal vez|probablemente|posiblemente|creo que|me parece|puede que|podria ser|no estoy (?:del todo |muy )?segur[oa]|si no me equivoco|"
    r"peut-etre|probablement|possiblement|je crois|je pense|il me semble|je ne suis pas (?:tout a fait |tres )?sur|si je ne me trompe|"
    r"forse|probabilmente|credo che|penso che|mi sembra|non sono (?:del tutto |molto )?sicur[oa]|se non sbaglio)\b"
)


def unlisted_hedge(plain: str) -> bool:
    """Whether normalised text holds a hedge, caveat or deflection about its answer that the
    lexicon does not list (:data:`UNLISTED_HEDGES`, :data:`DEFLECTION`); SensitiveTopics'
    ``hedged`` reads these beside :func:`find_hedges`.

    Example:
        >>> unlisted_hedge("1993, if i remember correctly."), unlisted_hedge("sources differ on the date."), unlisted_hedge("it is 1993.")
        (True, True, False)
    """
    return DEFLECTION.search(plain) is not None or UNLISTED_HEDGES.search(plain) is not None
