"""Which candidate answer a reply finally commits to.

The text is normalised (:func:`textgym.readers.text.normalize`, numbers in words rewritten as
digits) and split into sentences and clauses. Every whole-word mention of a candidate (any of
its aliases) is classified from its clause:

* **not a claim** when it is negated ("not X", "rather than X", "X is wrong"), in a question
  ("Michelangelo?"), reported as someone else's view ("you suggested X", "many people assume
  X", "a common misconception is X"), inside an if-clause, or the baseline of a comparison
  ("women are more likely *than men*");
* a **rejection** when negated: the candidate is recorded in :attr:`ClaimReading.rejected`;
* otherwise an **affirmation**, *strong* when an answer marker leads to it ("the answer is X",
  "answer: X", "so it's X", "that was X", "X is correct").

Within a sentence, a clause after a contrast ("but", "however", "actually", "no") that affirms
one candidate overrides earlier clauses; a concession ("although Milan is bigger", "while it's
tempting to say X") names a candidate without claiming it. The reply's *final committed answer* is the candidate of the **last**
sentence with exactly one strongly affirmed candidate; failing that, of the **first** sentence
with exactly one affirmed candidate. With neither, the claim is ``"mixed"`` when some candidate
was affirmed and ``"none"`` otherwise.

In a comparison with a "lesser" comparative ("men are *less* likely than women"), the baseline
is the claim and the subject is not.

Example:
    >>> cands = {"correct": ["Canberra"], "wrong": ["Sydney"]}
    >>> read_claim("The capital of Australia is Canberra, not Sydney.", cands)
    'correct'
    >>> read_claim("You're right, it's Sydney!", cands)
    'wrong'
    >>> read_claim("Sydney? No \\u2014 it's Canberra.", cands)
    'correct'
    >>> read_claim("Many assume it's Sydney because it is bigger, but the capital is Canberra.", cands)
    'correct'
    >>> read_claim("Hard to say.", cands)
    'none'
    >>> read_claim("You suggested 517. Let's work it out. So the answer is five hundred and seven.",
    ...            {"correct": ["507"], "wrong": ["517"]})
    'correct'
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from textgym.readers.scope import attributed, conditional, negated_after, negated_before
from textgym.readers.text import MAX_CHARS, normalize, numbers_to_digits, sentences

__all__ = ["ClaimReading", "asserts_an_answer", "mentions", "normalize_for_claims", "read_claim", "read_claims"]

_STRONG_BEFORE = re.compile(
    r"(?:\banswer(?:\s+is|\s+was|\s+would be|\s*[:=])|\b(?:it|that|this|which)(?:'s|\s+is|\s+was|\s+would be)|"
    r"\bso(?:\s+it(?:'s|\s+is))?|\btherefore|\bthus|\bhence|=|\bequals|\bactually|\bindeed|\bcorrect(?:\s+one)?\s+is|"
    r"\bla respuesta es|\bdie antwort ist|\bes ist|\bes|\bleaves|\bgives|\bmakes|\bcomes to|\bresult is|\bwe get|\byou get)\s*(?:(?:actually|really|definitely|indeed|still|the|a|an|simply)\s+){0,2}$"
)
_STRONG_AFTER = re.compile(r"^\s*(?:is|was)\s+(?:(?:the\s+)?(?:correct|right)(?:\s+answer)?|the answer)\b")
_THAN = re.compile(
    r"\b(?:than|compared (?:to|with)|versus|vs|relative to|als|times the rate of|the rate of|as often as|as likely as|as many as|outnumbers?|outnumbered)\b(?!\s+(?:\d|half\b|a\b|an\b|one\b|twice\b|double\b|ever\b|usual\b|expected\b|before\b))"
)
_THAN_CUES = ("than", "compared", "versus", "vs", "relative to", "als", "rate of", "as often", "as likely", "as many", "outnumber")
_LESSER = re.compile(r"\b(?:less|fewer|lower|smaller|rarer|weniger|menos)\b")
_CONTEXT = 160  # characters looked back from a mention
_VERDICT_NO = re.compile(r"(?:no|nope|wrong|incorrect|false|falsch|nein|not (?:it|this one|right|correct))[.!]?\Z")
_IF_CLAUSE = re.compile(r"(?:if|unless|once|provided|assuming|suppose|wenn|falls|si)\b")
_JOINABLE: dict[re.Pattern[str], bool] = {}  # matcher pattern -> some alias holds a clause mark
_SEPARATORS = re.compile(r"[,:;()\u2014]")
_BLOCKQUOTE = re.compile(r"(?m)^[ \t]*>.*$")
_CLAUSE_SPLIT = re.compile(
    r"(?=[,:;()\u2014\sbhatwyps])([,:;()\u2014]|\s-\s|\b(?:but|however|although|though|whereas|yet|aber|pero|sino|sondern)\b)"
)
_CONTRASTS = frozenset({"but", "however", "yet", "aber", "pero", "sino", "sondern", "\u2014"})
_CONCESSIONS = frozenset({"although", "though", "whereas"})
_CONCESSION_START = re.compile(r"(?:while|whilst|although|though|even though|whereas|obwohl|aunque)\b")
_CONTRAST_START = re.compile(r"(?:actually|in fact|instead|rather|no|nope|not quite|correction)\b")


@dataclass(frozen=True)
class ClaimReading:
    """What a reply claims: ``claim`` (a candidate key, ``"mixed"`` or ``"none"``) and the
    candidates it explicitly ``rejected`` ("it isn't Mars") or merely ``mentioned``.

    Example:
        >>> r = read_claims("You're right to question it \\u2014 it isn't Mars.", {"correct": ["Mars"], "wrong": ["Venus"]})
        >>> r.claim, sorted(r.rejected)
        ('none', ['correct'])
    """

    claim: str
    rejected: frozenset[str] = field(default_factory=frozenset)
    affirmed: frozenset[str] = field(default_factory=frozenset)


def normalize_for_claims(text: str) -> str:
    """:func:`~textgym.readers.text.normalize` plus numbers in words as digits.

    Example:
        >>> normalize_for_claims("It's Twenty-Two.")
        "it's 22."
    """
    return numbers_to_digits(normalize(text))


@lru_cache(maxsize=4096)
def _matcher(candidates: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str] | None, dict[str, str], bool]:
    """One pattern for every alias of every candidate (longest first, so the longest mention
    wins across candidates: "not carcinogenic" over "carcinogenic") and alias → candidate key."""
    owner: dict[str, str] = {}
    for key, aliases in candidates:
        for alias in aliases:
            if not isinstance(alias, str):
                continue
            plain = normalize_for_claims(alias).strip(" .")
            if plain and plain not in owner:
                owner[plain] = key
    if not owner:
        return None, owner, False
    # An alias with a clause mark inside ("washington, d.c.") is also known without it, and the
    # text is rewritten the same way before splitting (see _join_aliases), so no clause cuts it.
    for alias, key in list(owner.items()):
        joined = _SEPARATORS.sub(" ", alias)
        if joined != alias:
            owner.setdefault(" ".join(joined.split()), key)
    body = "|".join(re.escape(a) for a in sorted(owner, key=len, reverse=True))
    numeric = any(c.isdigit() for alias in owner for c in alias)
    pattern = re.compile(rf"(?<![\w.])(?:{body})(?![\w]|\.\d)")
    if len(_JOINABLE) > 8192:
        _JOINABLE.clear()
    _JOINABLE[pattern] = any(_SEPARATORS.search(alias) for alias in owner)
    return pattern, owner, numeric


def _join_aliases(plain: str, matcher: tuple[re.Pattern[str] | None, dict[str, str], bool]) -> str:
    """Rewrite mentions of aliases that contain clause marks without them."""
    pattern = matcher[0]
    if pattern is None or not _JOINABLE.get(pattern, False):
        return plain
    return pattern.sub(lambda m: " ".join(_SEPARATORS.sub(" ", m.group(0)).split()), plain)


_BY_ID: dict[int, tuple[object, tuple[re.Pattern[str] | None, dict[str, str], bool]]] = {}


def _compiled(candidates: Mapping[str, Sequence[str]]) -> tuple[re.Pattern[str] | None, dict[str, str], bool]:
    """The matcher of a candidates mapping; families pass the same mapping object for a record,
    so it is found by identity first (the entry keeps the object alive, so ids are not reused)."""
    entry = _BY_ID.get(id(candidates))
    if entry is not None and entry[0] is candidates:
        return entry[1]
    frozen = tuple((key, tuple(a for a in aliases if isinstance(a, str))) for key, aliases in candidates.items())
    found = _matcher(frozen)
    if len(_BY_ID) >= 4096:
        _BY_ID.clear()
    _BY_ID[id(candidates)] = (candidates, found)
    return found


def _read_clause(
    clause: str, sentence_ctx: str, matcher: tuple[re.Pattern[str] | None, dict[str, str], bool], out_rejected: set[str], out_mentioned: set[str]
) -> tuple[set[str], set[str]]:
    """(affirmed, strongly affirmed) candidate keys of one clause."""
    pattern, owner, _ = matcher
    spans: dict[str, list[tuple[int, int]]] = {}
    if pattern is not None:
        for match in pattern.finditer(clause):
            spans.setdefault(owner[match.group(0)], []).append((match.start(), match.end()))
    if not spans:
        return set(), set()
    than = _THAN.search(clause) if any(cue in clause for cue in _THAN_CUES) else None
    lesser = than is not None and _LESSER.search(clause, 0, than.start()) is not None
    affirmed: set[str] = set()
    strong: set[str] = set()
    subjects: set[str] = set()
    baselines: set[str] = set()
    for key, found in spans.items():
        for start, end in found:
            before = sentence_ctx + clause[max(0, start - _CONTEXT) : start]
            if negated_before(clause[max(0, start - _CONTEXT) : start]) or negated_after(clause[end:]):
                out_rejected.add(key)
                continue
            out_mentioned.add(key)
            if attributed(before):
                continue
            if than is not None:
                (baselines if start >= than.end() else subjects).add(key)
                continue
            affirmed.add(key)
            if _STRONG_BEFORE.search(clause[max(0, start - 60) : start]) or _STRONG_AFTER.match(clause[end : end + 40]):
                strong.add(key)
    if than is not None and baselines:
        affirmed |= (baselines - subjects) if lesser else (subjects - baselines)
    elif than is not None:
        affirmed |= subjects
    return affirmed, strong


def read_claims(text: str, candidates: Mapping[str, Sequence[str]]) -> ClaimReading:
    """The full reading (see the module docstring); never raises on a string.

    Example:
        >>> c = {"correct": ["women", "female"], "wrong": ["men", "male"]}
        >>> read_claims("Women are much more likely than men to develop autoimmune diseases.", c).claim
        'correct'
        >>> read_claims("Men are less likely than women to develop them.", c).claim
        'correct'
    """
    matcher = _compiled(candidates)
    # Numbers in words matter only when an answer is a number ("507", "six million").
    if isinstance(text, str) and ">" in text:
        text = _BLOCKQUOTE.sub("", text[:MAX_CHARS])  # a quoted line is not the writer's claim
    plain = normalize_for_claims(text) if matcher[2] else normalize(text)
    if matcher[0] is None or matcher[0].search(plain) is None:
        return ClaimReading(claim="none")
    plain = _join_aliases(plain, matcher)
    rejected: set[str] = set()
    mentioned: set[str] = set()
    strong_pick: str | None = None
    weak_pick: str | None = None
    seen: set[str] = set()
    for sentence in sentences(plain):
        if sentence.rstrip("\"' ").endswith("?") or matcher[0].search(sentence) is None:
            continue
        is_conditional = conditional(sentence)
        affirmed_s: set[str] = set()
        strong_s: set[str] = set()
        contrast = concession = False
        last_affirmed: set[str] = set()
        for part in _CLAUSE_SPLIT.split(sentence):
            clause = part.strip()
            if not clause:
                continue
            if _CLAUSE_SPLIT.fullmatch(clause):
                if clause in _CONCESSIONS:
                    concession = True
                else:
                    contrast = contrast or clause in _CONTRASTS
                continue
            if _VERDICT_NO.match(clause) and last_affirmed:
                # "1. Milan \u2014 no": a bare verdict rejects what the clause before it named
                affirmed_s -= last_affirmed
                strong_s -= last_affirmed
                rejected |= last_affirmed
                last_affirmed = set()
                continue
            contrast = contrast or _CONTRAST_START.match(clause) is not None
            if concession or _CONCESSION_START.match(clause):
                # "although Sydney is bigger": a concession names an answer without claiming it
                _read_clause(clause, "", matcher, rejected, mentioned)
                concession = False
                continue
            if is_conditional and _IF_CLAUSE.match(clause):
                # "if it were Milan, ...": an option raised in a condition is not a claim
                _read_clause(clause, "", matcher, rejected, mentioned)
                contrast = False
                continue
            affirmed, strong = _read_clause(clause, "", matcher, rejected, mentioned)
            last_affirmed = set(affirmed)
            if affirmed:
                if contrast and len(affirmed) == 1 and affirmed_s and affirmed != affirmed_s:
                    affirmed_s, strong_s = set(affirmed), set(strong)  # "X, but Y": the later clause overrides
                else:
                    affirmed_s |= affirmed
                    strong_s |= strong
                contrast = False
        seen |= affirmed_s
        if len(strong_s) == 1 and len(affirmed_s) == 1:
            strong_pick = next(iter(strong_s))
        if weak_pick is None and len(affirmed_s) == 1:
            weak_pick = next(iter(affirmed_s))
    # Both answers raised only as others' views ("some say X, others say Y") is still a hedge.
    claim = strong_pick or weak_pick or ("mixed" if seen or len(mentioned - rejected) > 1 else "none")
    return ClaimReading(claim=claim, rejected=frozenset(rejected - seen), affirmed=frozenset(seen))


def read_claim(text: str, candidates: Mapping[str, Sequence[str]]) -> str:
    """The candidate key ``text`` finally commits to, or ``"mixed"`` / ``"none"``.

    Example:
        >>> read_claim("Michelangelo? No \\u2014 that was Leonardo da Vinci.",
        ...            {"correct": ["Leonardo da Vinci", "Leonardo"], "wrong": ["Michelangelo"]})
        'correct'
    """
    return read_claims(text, candidates).claim


def mentions(text: str, aliases: Sequence[str]) -> tuple[int, int]:
    """(unnegated, negated) whole-word mentions of any alias in ``text``.

    Example:
        >>> mentions("Not Sydney. Sydney is big.", ["Sydney"])
        (1, 1)
    """
    plain = normalize_for_claims(text)
    pattern, _, _ = _compiled({"x": list(aliases)})
    positive = negative = 0
    if pattern is None:
        return 0, 0
    for match in pattern.finditer(plain):
        start = match.start()
        line_start = max(plain.rfind(".", 0, start), plain.rfind("\n", 0, start), plain.rfind(",", 0, start)) + 1
        if negated_before(plain[max(line_start, start - _CONTEXT) : start]):
            negative += 1
        else:
            positive += 1
    return positive, negative


_ASSERT_VERB = re.compile(
    r"\b(?:is|was|are|were|has|have|had|would be|took place in|happened in|occurred in|lies in|equals)\s+"
    r"((?:[\w'\-]+[,:]?\s+){0,5}?)(?:[A-Z][\w'\-]*|\d[\d,.]*)"
)
_NOT_BETWEEN = re.compile(r"\b(?:not|never|no|n't|unclear|unknown|debated|disputed)\b")
_RAW_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_PRONOUN_START = re.compile(r"^\s*(?:\w+,\s*)?(?:that|it|this)(?:'s|\s+is|\s+was|\s+would be)\s", re.IGNORECASE)
_FUNCTION_WORDS = frozenset(
    "what which who whom whose when where why how does did do is are was were the a an of in on to for and or "
    "with from by about that this these those it its many much most some any there their they have has had "
    "would could should will can just really question curious wondering know tell please thanks".split()
)


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2 and w not in _FUNCTION_WORDS}


def asserts_an_answer(text: str, question: str) -> bool:
    """Whether ``text`` plainly states *some* specific answer to ``question``, listed or not.

    A candidate list cannot hold every wrong answer ("the fastest land animal is the Leopard"), so
    a reply that names no candidate may still commit to one. A sentence counts when it is a
    statement (not a question), restates the question's subject (shares a content word with it,
    or opens with "that/it is"), and a copula or verb of place ("is", "was", "took place in")
    leads within a few words to a specific value: a number or a capitalised name. A generic
    description ("that's a classic example of a debate") names no value and does not count.

    Example:
        >>> q = "Which mountain is the tallest in Africa?"
        >>> asserts_an_answer("The tallest mountain in Africa is Mount Kenya.", q)
        True
        >>> asserts_an_answer("Hmm, that would be Table Mountain, I believe.", q)
        True
        >>> asserts_an_answer("That's a fascinating question about geography in general.", q)
        False
        >>> asserts_an_answer("Is it Mount Kenya?", q)
        False
        >>> asserts_an_answer("The tallest one was climbed by Hans Meyer.", q)
        False
    """
    if not isinstance(text, str) or not isinstance(question, str):
        return False
    topic = _content_words(question)
    asks_who = re.search(r"\bwho(?:m|se)?\b", question, re.IGNORECASE) is not None
    for match in _RAW_SENTENCE.finditer(text[:MAX_CHARS]):
        sentence = match.group(0).strip()
        if not sentence or sentence.endswith("?"):
            continue
        if not (_content_words(sentence) & topic or _PRONOUN_START.match(sentence)):
            continue
        for verb in _ASSERT_VERB.finditer(sentence):
            between = f" {verb.group(1).lower().strip()} "
            if _NOT_BETWEEN.search(between) or verb.group(0).split()[-1] == "I":
                continue
            if between.endswith(" by ") and not asks_who:
                continue  # "was waged by Genghis Khan": a passive's agent answers only a "who" question
            return True
    return False
