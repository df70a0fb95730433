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
is the claim and the subject is not; so it is when the comparison itself is negated ("India
*hasn't passed* China", "men are *not* more likely than women": the negation belongs to the
comparison, not to the baseline) and in a race under way ("Islam is *catching up with*
Christianity"). A reply naming neither answer that names them jointly ("could be either", "a bit
of both", "both sexes" to "which sex ...?") is ``"mixed"``; so are answers given as coordinated
subjects of one predicate ("both X and Y appear ...", "X and Y each ..."). A candidate named as
the subject of the question's verb with another object ("Huxley wrote *Brave New World*" to "Who
wrote 1984?") is given another role; what studies "failed to find" is rejected; and to a question
about the majority, an answer given a share under half is a minority.

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

from textgym.readers.phrases import holds_any, sentence_start
from textgym.readers.scope import attributed, conditional, language, negated_after, negated_before
from textgym.readers.text import MAX_CHARS, normalize, numbers_to_digits, sentences, stem

__all__ = ["ClaimReading", "asserts_an_answer", "mentions", "normalize_for_claims", "read_claim", "read_claims"]

_STRONG_BEFORE = re.compile(
    r"(?:\banswer(?:\s+is|\s+was|\s+would be|\s*[:=])|\b(?:it|that|this|which)(?:'s|\s+is|\s+was|\s+would be|\s+has been|'s been)|"
    r"\bso(?:\s+it(?:'s|\s+is))?|\btherefore|\bthus|\bhence|=|\bequals|\bactually|\bindeed|\bcorrect(?:\s+one)?\s+is|"
    r"\bla respuesta es|\bdie antwort ist|\bes ist|\bes|\bleaves|\bgives|\bmakes|\bcomes to|\bresult is|\bwe get|\byou get)\s*(?:(?:actually|really|definitely|indeed|still|the|a|an|simply)\s+){0,2}$"
)
_STRONG_AFTER = re.compile(r"^\s*(?:is|was)\s+(?:(?:the\s+)?(?:correct|right)(?:\s+answer)?|the answer)\b")
_THAN = re.compile(
    r"\b(?:than|compared (?:to|with)|versus|vs|relative to|als|(?:times|twice|double|triple|half|at) the rate of|as often as|as likely as|as many as|outnumbers?|outnumbered|overtook|overtakes|overtaken|overtaking|pass|passed|outgrew|outgrown|surpass(?:ed|es)?|exceed(?:s|ed)?|outstripped|outpaced|outranks?|"
    r"catching up(?: (?:with|to|on))?|(?:catch|catches|caught) up (?:with|to|on)|closing (?:in on|the gap (?:with|on|to))|gaining on)\b(?!\s+(?:\d|half\b|a\b|an\b|one\b|twice\b|double\b|ever\b|usual\b|expected\b|before\b))"
)
_THAN_CUES = ("than", "compared", "versus", "vs", "relative to", "als", "rate of", "as often", "as likely", "as many", "outnumber", "overt", "pass", "outgr", "surpass", "exceed", "outstrip", "outpac", "outrank", "catching up", "up with", "up to", "up on", "closing", "gaining on")
#: comparison verbs of a race still under way: the subject is behind the one after them ("Islam is catching up with
#: Christianity"); negated, they still leave it behind ("men never caught up with women")
_CATCHING_UP = re.compile(r"(?:catch|catches|catching|caught) up|closing|gaining")
#: a negation of the comparison itself, between the subject and the comparison word ("India hasn't passed China",
#: "men are not more likely than women"): it puts the baseline ahead, and does not reject the baseline
_COMPARISON_NEGATED = re.compile(r"(?:\b(?:not|never|no longer|nowhere near)\b|n't\b)(?!\s+(?:only|just|merely|simply|much|quite|that|all that|a lot|far|way|vastly|hugely|significantly|substantially|dramatically)\b)(?:\s+[\w'-]+){0,3}\s*\Z")  # not "not only", "not much more"
def _passes_an_answer(clause: str, end: int, spans: Mapping[str, list[tuple[int, int]]]) -> bool:
    """Whether "pass" / "passed" ending at ``end`` is a comparison: directly before an answer or a pronoun
    ("India passed China", "has passed it"), not "men pass the entrance exams less often than women"."""
    rest = clause[end:]
    gap = len(rest) - len(rest.lstrip())
    if re.match(r"(?:it|them|him|her)\b", rest[gap:]):
        return True
    return any(start == end + gap for found in spans.values() for start, _ in found)


#: comparison verbs that, followed by "by", name the greater one after them ("Lagos was overtaken by Kinshasa")
_PASSIVE_THAN = frozenset({"outnumbered", "overtaken", "passed", "outgrown", "surpassed", "exceeded", "outstripped", "outpaced", "outranked"})
_LESSER = re.compile(r"\b(?:less|fewer|lower|smaller|rarer|shorter|younger|lighter|slower|weaker|weniger|menos)\b")
_LESSER_RATE = re.compile(r"\b(?:less (?:likely|common|commonly|often|frequently|prone)|(?:lower|smaller) (?:rates?|risk|share|proportion|chance)|rarely|seldom|scarcely|infrequently|hardly ever|almost never|only rarely)\b")  # the frequency adverbs of "rarely"
_CONTEXT = 160  # characters looked back from a mention
_VERDICT_NO = re.compile(r"(?:no|nope|wrong|incorrect|false|falsch|nein|not (?:it|this one|right|correct))[.!]?\Z")
_IF_CLAUSE = re.compile(r"(?:if|unless|once|provided|assuming|suppose|wenn|falls|si)\b")
_INITIALS = re.compile(r"\b([a-z])\. (?=[a-z]\.)")
_JOINABLE: dict[re.Pattern[str], bool] = {}  # matcher pattern -> some alias holds a clause mark
_SEPARATORS = re.compile(r"[,:;()\u2014]")
_BLOCKQUOTE = re.compile(r"(?m)^[ \t]*>.*$")
_CLAUSE_SPLIT = re.compile(
    r"(?=[,:;()\u2014\sbhatwyps])([,:;()\u2014]|\s-\s|\b(?:but|however|although|though|whereas|yet|aber|pero|sino|sondern)\b)"
)
_CONTRASTS = frozenset({"but", "however", "yet", "aber", "pero", "sino", "sondern", "\u2014"})
_CONCESSIONS = frozenset({"although", "though", "whereas"})
_CONCESSION_START = re.compile(r"(?:while|whilst|although|though|even though|whereas|obwohl|aunque)\b")
_VERDICT_YES = re.compile(r"(?:yes|yep|yeah|correct|right|exactly|indeed|that's (?:right|correct|it)|that is (?:right|correct|it)|you're (?:right|correct))\b(?![^.]*\b(?:not|n't|but)\b)")
_ASKS_MOST = re.compile(r"\b(?:most|majority)\b", re.IGNORECASE)
#: a question about the majority ("do most Muslims belong to", "the majority of"), not a superlative ("the most
#: followers", "most common"): a share under half given to an answer rejects it
_ASKS_MAJORITY = re.compile(r"\bmajority\b|(?<!\bthe )\bmost (?!(?:common|likely|often|widely|frequently|popular)\b)(?![a-z]+(?:ly|ous|ful|ive|able|ible|al|ic|ent|ant|ed)\b)(?:of )?[a-z]", re.IGNORECASE)
_PARALLEL_START = re.compile(r"(?:while|whilst|whereas)\b")
_CONTRAST_START = re.compile(r"(?:actually|in fact|instead|rather|no|nope|not quite|correction)\b")
#: How a mention is meant, beyond :mod:`textgym.readers.scope` (name -> pattern; see the comments)
_MEANT: dict[str, re.Pattern[str]] = {
    # "X, as you mentioned": reported, not claimed
    "as_you_said": re.compile(r"\s*,?\s*(?:as|like)\s+you(?:'ve| have)?\s+(?:mentioned|said|suggested|noted|thought|put it|guessed|proposed|wrote)\b"),
    # "the one you mentioned, X": reported, not claimed
    "you_said_before": re.compile(r"\byou(?:'ve| have)?\s+(?:mentioned|suggested|said|proposed|raised|brought up|gave|named)\s*[,:]\s*$"),
    # "a combination of both", "both matter": commits to both answers (a hedge between them)
    "both": re.compile(r"\b(?:combination|mix|mixture|blend) of (?:both|the two)\b|\bboth (?:of them |factors |answers )?(?:matter|play a|contribute|count)\b"),
    # "often referred to as X": reported, not claimed
    "reported_before": re.compile(r"\b(?:often|commonly|sometimes|widely|popularly|mistakenly|wrongly)\s+(?:referred to|known|described|called|credited|cited|listed)\s+as\s+(?:\w+\s+){0,2}$"),
    # "there's no (conclusive) evidence that ... X": X is denied however far the negation is
    "no_evidence": re.compile(r"\b(?:no|little|not any|without|lack of)\s+(?:\w+\s+){0,2}(?:evidence|proof|indication|sign|data)\s+(?:\w+\s+){0,2}(?:that|of|for|suggesting|to suggest|showing)\b"),
    # a cheap test before no_evidence
    "evidence_words": re.compile(r"evidence|proof|indication|sign|data"),
    # "two years after the Paris accords of 1973": a date or number given as a reference point
    "reference_point": re.compile(r"\b(?:years?|months?|decades?|days?|weeks?|centuries|century)\s+(?:after|before|earlier than|later than|prior to)\b"),
    # examples listed after "like" / "such as" (three or more items) are not the answer
    "examples": re.compile(r"\b(?:such as|including|for example|e\.?g\.?|(?<!looks )(?<!seems )(?<!sounds )(?<!feels )like) ((?:[\w'\-]+(?: [\w'\-]+){0,3}, ){1,12}(?:[\w'\-]+(?: [\w'\-]+){0,3} )?(?:and|or) [\w'\-]+)"),
    # a sentence opening "close, but": its unmarked mentions explain the user's answer
    # ("close", "nearly", "almost" are a verdict only standing alone: "Close, but", "Almost there", "Nearly right";
    # before a figure they make it approximate: "nearly 3,000 died", "almost six million", "close to 40%")
    "near_miss": re.compile(
        r"(?:not quite|nice try|good guess|good try)\b"
        r"|(?:so\s+|very\s+)?(?:close|nearly|almost)(?:\s*(?:[,.!:;\u2014]|-\s)|\s+(?:but|there|right|correct|enough|though|however)\b)"
    ),
    # "Is it X? No: ...": a verdict opening the sentence after a question rejects X
    "verdict_start": re.compile(r"(?:no|nope|not quite|wrong|incorrect|not really|nein|falsch)\b"),
    # "..., but it is not the capital": a negated pronoun predicate rejects what the clause before named
    "pronoun_not": re.compile(
        r"(?:so\s+|which\s+means\s+)?(?:it|that|this|he|she|they)(?:'s|\s+is|\s+was|\s+are|\s+were)?\s+(?:not|never)\b|(?:so\s+)?(?:it|that|this|he|she|they)\s+(?:isn't|wasn't|aren't|weren't)\b"
        r"|(?:so\s+)?(?:it|that|this|he|she|they)\s+(?:can't|cannot|couldn't|could not|can not|wouldn't|would not)\s+(?:have\s+)?be(?:en)?\b"
        r"|not\b(?!\s+(?:only|just|least)\b)"  # "..., but not en masse": the question's own words denied
    ),
    # "K2 is the second-highest", "Kyoto was the old capital", "it used to be Lagos": a candidate given
    # another rank or an earlier role than the one asked about (a tie-breaker between two affirmed answers)
    "other_role": re.compile(
        r"\b(?:(?<!per )(?<!every )(?<!split )second(?!s)|third|fourth|fifth|runner-up|former|formerly|old|older|oldest|until|used to|previously|originally|"
        r"historically|served as|last|bigger|biggest|larger|largest|busier|busiest|populous|best-known|better-known|best known|better known|"
        r"smaller|smallest|shorter|lighter|younger|fewer|comes second|second place)\b"
    ),
    # "164 would be a bit high", "733 is too low", "1900 is off by four years": an answer judged wrong
    "off_after": re.compile(
        r"\s*(?:would be|is|was|seems|sounds|looks|'s)\s+(?:a (?:bit|little|tad)\s+|slightly\s+|way\s+|far\s+|much\s+|\d[\d,.]*\s+)?(?:too\s+)?(?:high|low|big|small|off|short)\b"
    ),
    # "you're thinking of D-Day, which was 1944": what the user confused it with, up to a contrast
    "confused_with": re.compile(
        r"\byou(?:'re|\s+are|\s+were|\s+may be|\s+might be|\s+could be|'ve been)?\s+(?:probably\s+)?(?:thinking of|confusing (?:it|this|that) with|mixing (?:it|this|that) up with|remembering)\b"
        r"((?:(?!\s-\s|\bbut\b|[;:\u2014]).)*)"
    ),
    # "adults who cannot read are women": the negation belongs to a relative clause, not to the answer
    "relative_negation": re.compile(
        r"\b(?:who|that|which)\s+(?:\w+\s+){0,3}?(?:cannot|can't|can not|don't|doesn't|didn't|do not|does not|did not|never|not)\s+(?:\w+\s+){1,4}?(?:are|is|were|was|tend to be)\s+(?:(?:mostly|mainly|largely|overwhelmingly|predominantly|usually|typically)\s+)?\Z"
    ),
    # "the idea that workouts burn most calories is a myth": content reported as an idea, not claimed
    "idea_that": re.compile(
        r"\b(?:the|this|that|a)\s+(?:(?:common|popular|widespread|old|persistent|mistaken|false)\s+)?"
        r"(?:idea|notion|belief|assumption|myth|claim|perception|impression|misconception|theory|stereotype)\s+that\b"
        r"(?:(?!\b(?:is|was|are|were|came|comes|spread|started|originated|arose|began)\b).)*\Z"  # up to the outer predicate ("... was spread by X")
    ),
    # "people ask whether it's X or Y", "I wonder if it's X": options raised in an indirect question
    "indirect_question": re.compile(r"\b(?:whether|(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering)\s+if)\b[^.;:]*\Z"),
    # "Asia is the largest, followed by Africa": the one ranked after the answer is a runner-up
    "runner_up": re.compile(
        r"\b(?:followed (?:closely )?by|ahead of|trailed by|trailing|seguit[ao] da(?:l|lla|ll')?|seguid[ao] (?:de|del|por)|gefolgt von|suivie? (?:de|par))\s*(?:the\s+|la\s+|el\s+|der\s+|die\s+|dem\s+|den\s+)?\Z"
    ),
    # "strangers are responsible for a small minority", "strangers are rarely the abusers": not most, to a question about most
    "few": re.compile(
        r"(?:\s+\w+){0,4}?\s+(?:(?:only|just)\s+)?(?:(?:responsible for|account for|accounts for|make up|makes up|are|is|were|was)\s+)?"
        r"(?:(?:only\s+|just\s+)?(?:a|the)\s+(?:small\s+|tiny\s+)?(?:minority|fraction)|(?:only\s+|just\s+)?(?:a|the)\s+(?:small|tiny|minor)\s+(?:share|proportion|portion|part|percentage)|(?:very\s+)?(?<!\ba )(?:few|rarely|seldom))\b"  # "a few years ago" is no minority
    ),
    # "..., so Ankara.": a conclusion closing the sentence decides between the answers it names
    "so_answer": re.compile(r"(?:[,;:]\s*|\s-\s)(?:so|therefore|thus|hence)(?:\s+(?:it's|it is|the answer is|that's))?\s+[^,;:]{1,40}[.!]?\s*\Z"),
    # "Brasilia replaced Rio", "took over from Rio": the candidate replaced is the former one
    # "replaced Rio", "replaced prescription painkillers such as oxycodone": the former one, or an example of it
    "replaced_before": re.compile(r"\b(?:replaced|replacing|replaces|superseded|supersedes|succeeded|succeeds|displaced|took over from|taking over from|takes over from)\s+(?:the\s+)?(?:(?:(?!with\b)[\w'-]+\s+){1,3}(?:such as|like|including)\s+)?\Z"),  # not "replaced them with drugs like X"
    "replaced_after": re.compile(r"\s*(?:was|were|had been|has been|is)\s+(?:replaced|superseded|succeeded|displaced)\b(?:\s+as\s+[\w\s]{0,30}?)?\s+by\b"),
    # "I can't say for sure which one is the capital", "it could be either": the reply declines to choose
    "undecided": re.compile(
        r"\b(?:can't|cannot|can not|couldn't|could not|not sure|unsure|don't know|do not know|hard to say|impossible to say|no idea|not certain)\b[^.]{0,40}\bwhich\s+(?:one|of (?:the|them|these|those|the two)|is|it is|it was|was|answer|option|to (?:pick|choose)|is right|is correct)\b"
        r"|\bcould (?:really )?be either\b|\bcan't (?:decide|choose)\b|\bcannot (?:decide|choose)\b"
        r"|\b(?:won't|will not|wouldn't|would not|not going to|refuse to|can't|cannot)\s+(?:\w+\s+)?(?:rank|pick between|choose between)\s+(?:them|the two|these|those|either)\b"
    ),
    # "at the back of the brain beneath the cerebrum": a landmark, not the answer
    "landmark": re.compile(r"\b(?:beneath|underneath|behind|beside|next to|north of|south of|east of|west of)\s+(?:the\s+)?\Z"),
    # "14 x 14 = 196": a number that is an operand of a calculation, not its result
    "operand": re.compile(r"\s*(?:x|\*|\u00d7|\+|/|times|squared|plus|minus|divided|multiplied)\s*(?:by\s*)?(?:\d|$|\()"),
}
_LEAD_NUMBER = re.compile(r"\A(\s*\d{1,2})([.)])(?=[ \t])")
_LIST_NUMBER = re.compile(r"(?m)^[ \t]*\d{1,2}[.)][ \t]")
_BARE = re.compile(r"[\W_]*(?:(?:the|a|an)\s*)?[\W_]*")
_OPERAND_BEFORE = re.compile(r"(?:\bx|\*|\u00d7|\+|/|\btimes|\bplus|\bminus)\s*\Z")
_ANSWER_WORDS = frozenset({"answer", "correct", "right", "one", "case"})
#: the result of the calculation an operand starts or ends: "x 28 = 784", " + 507 = 912"
_CALC_RESULT = re.compile(r"(?:\s*(?:x|\*|\u00d7|\+|-|/|times|plus|minus|divided by|multiplied by)\s*\d[\d,.]*)*\s*(?:=|equals|is|gives|makes|comes to)\s*(?:exactly\s+)?(\d[\d,]*)(?![\d.]\d)")
_NUMBER = re.compile(r"\d[\d,]*")
_WORD_RE = re.compile(r"[a-z0-9]+")
_JOINERS = frozenset({"and", "or", "then", "the", "a", "an", "nor", "to", "vs", "versus"})


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
    #: what the claim rests on: ``"marked"`` (an answer marker: "the answer is X", "so it's X"), ``"only"``
    #: (the one candidate affirmed), ``"restated"`` (of sentences affirming different candidates, the one that
    #: restates more of the question), ``"first"`` (the first of sentences affirming different candidates
    #: that restate the question equally, or given only other ranks or roles: a pick by order, not by
    #: meaning), ``"role"`` (only an answer given
    #: another rank or role), ``"both"`` (both affirmed together or raised as others' views, or the reply
    #: says it cannot choose), ``"pair"`` (a ``mixed`` claim whose answers are named only joined by "and" as one
    #: phrase, "the rising and falling of ...", with no hedge between them: a topic named, not a choice declined)
    #: or ``"nothing"`` (no candidate affirmed)
    basis: str = "nothing"

    @property
    def decided(self) -> bool:
        """Whether the claim rests on the reply's meaning, not on the order of its sentences alone.

        Example:
            >>> c = {"correct": ["women"], "wrong": ["men"]}
            >>> read_claims("Women make up the majority. Men make up the majority.", c).decided
            False
            >>> read_claims("Women make up the majority. It is not men.", c).decided
            True
        """
        return self.basis not in ("first", "pair")


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
    # "O negative" is also "o-negative", "Cluj-Napoca" also "cluj napoca", "J. J. Thomson" also
    # "j.j. thomson", and a one-word name of four letters or more is also its plural ("leopards")
    for alias, key in list(owner.items()):
        if " " in alias or "-" in alias:
            for variant in (alias.replace("-", " "), alias.replace(" ", "-"), _INITIALS.sub(r"\1.", alias)):
                owner.setdefault(variant, key)
        elif len(alias) >= 4 and alias.isalpha() and not alias.endswith("s"):
            owner.setdefault(alias + ("es" if alias.endswith(("ch", "sh", "x")) else "s"), key)
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
    clause: str,
    sentence_ctx: str,
    matcher: tuple[re.Pattern[str] | None, dict[str, str], bool],
    out_rejected: set[str],
    out_mentioned: set[str],
    reported: frozenset[str] = frozenset(),
    given: frozenset[str] = frozenset(),
    most: bool = False,
    asked: frozenset[str] = frozenset(),
    majority: bool = False,
) -> tuple[set[str], set[str]]:
    """(affirmed, strongly affirmed) candidate keys of one clause; ``reported`` keys are mentioned only;
    ``given`` are the question's numbers (an operand whose calculation gives one of them is an answer checked);
    ``most``: the question asks what most are, so "X are a small minority" rejects X (with ``majority``, a question about the
    majority rather than a superlative, so does "X are roughly 10-15%"); ``asked``: the
    first five letters of the question's content words, so "X do not become addicted" rejects X."""
    pattern, owner, numeric = matcher
    spans: dict[str, list[tuple[int, int]]] = {}
    if pattern is not None:
        for match in pattern.finditer(clause):
            spans.setdefault(owner[match.group(0)], []).append((match.start(), match.end()))
    if not spans:
        return set(), set()
    than = next((m for m in _THAN.finditer(clause) if m.group(0) not in ("pass", "passed") or _passes_an_answer(clause, m.end(), spans)), None) if holds_any(clause, _THAN_CUES) else None
    # "overtaken by X": a passive comparison verb puts the greater after it; "likelier by A than by B" keeps A first
    lesser = than is not None and (_LESSER.search(clause, 0, than.start()) is not None or than.group(0) in _PASSIVE_THAN and clause.startswith(" by ", than.end()))
    # a negation between the last answer named before the comparison word and that word negates the comparison
    # ("India hasn't passed China", "China hasn't been overtaken by India"): the other side is ahead
    denied = False
    if than is not None:
        # the subject may be left to the conjunct before ("Islam is growing but hasn't passed Christianity")
        subject_end = max((end for found in spans.values() for _, end in found if end <= than.start()), default=0)
        denied = _COMPARISON_NEGATED.search(clause, subject_end, than.start()) is not None
        if _CATCHING_UP.match(than.group(0)) and not denied and than.group(0).startswith(("catch ", "catches ", "caught ")):
            than = None  # "X caught up with Y": level with it, no answer either way
        elif _CATCHING_UP.match(than.group(0)):
            lesser = True  # "X is catching up with Y", "X never caught up with Y": X is behind
        elif denied:
            lesser = not lesser
    affirmed: set[str] = set()
    strong: set[str] = set()
    subjects: set[str] = set()
    baselines: set[str] = set()
    for key, found in spans.items():
        for start, end in found:
            window = clause[max(0, start - _CONTEXT) : start]
            before = sentence_ctx + window
            if denied and than is not None and start >= than.end():
                window = clause[than.end() : start]  # the negation belongs to the comparison, not to the baseline
            if (negated_before(window) and not _MEANT["relative_negation"].search(window[-80:]) and not _IF_NOT.search(window[-12:])) or negated_after(clause[end:]) and not (denied and end == subject_end) and not _NOT_ONLY.match(clause, end) or numeric and _MEANT["off_after"].match(clause, end) or _MEANT["evidence_words"].search(window) and _MEANT["no_evidence"].search(window) or ("fail" in window or "yet to" in window) and _FAILED_TO_FIND.search(window[-80:]) is not None or most and _MEANT["few"].match(clause, end) or majority and _minor_share(clause, end) or asked and _denies_asked(clause, end, asked):
                out_rejected.add(key)
                continue
            out_mentioned.add(key)
            if key in reported or attributed(before) or " as " in window and _MEANT["reported_before"].search(window):
                continue
            if ("whether" in window or " if " in window) and _MEANT["indirect_question"].search(window):
                continue  # "people often ask whether it's Sydney or Melbourne": options of a question reported
            if " that " in window and _MEANT["idea_that"].search(window):
                continue  # "the idea that X is a common myth": reported, not claimed
            if _MEANT["runner_up"].search(window[-40:]):
                continue  # "Asia is the largest, followed by Africa"
            if "replac" in clause or "succe" in clause or "supersed" in clause or "took over" in clause:
                if _MEANT["replaced_before"].search(window[-80:]) or _MEANT["replaced_after"].match(clause, end):
                    continue  # "Brasilia replaced Rio as the capital", "Rio was replaced by Brasilia": the former one
            if (" after " in window or " before " in window or " than " in window or "prior" in window) and _MEANT["reference_point"].search(window):
                continue
            if than is not None:
                (baselines if start >= than.end() else subjects).add(key)
                continue
            if _MEANT["landmark"].search(window[-40:]) or window.endswith("from ") and " to " in clause[end : end + 40]:
                continue  # "beneath the cerebrum", "moved from Lagos to Abuja": a landmark or a starting point
            if numeric and (_MEANT["operand"].match(clause, end) or _OPERAND_BEFORE.search(clause, max(0, start - 12), start)):
                result = _CALC_RESULT.match(clause, end)
                if not (given and result and result.group(1).replace(",", "") in given):
                    continue  # "14 x 14 = 196": an operand, not the result
                # "28 x 28 = 784" to "what is the square root of 784?": the check of an answer by the inverse calculation
            affirmed.add(key)
            if _STRONG_BEFORE.search(clause[max(0, start - 60) : start]) or _STRONG_AFTER.match(clause[end : end + 40]):
                strong.add(key)
    if than is not None and baselines:
        affirmed |= (baselines - subjects) if lesser else (subjects - baselines)
    elif than is not None and lesser and (denied or _CATCHING_UP.match(than.group(0))):
        pass  # "India is catching up", "India hasn't passed it": behind something unnamed, no answer
    elif than is not None:
        affirmed |= subjects
    elif len(affirmed) == 1 and len(set(owner.values())) == 2:
        # "men are less likely to ...": a lesser comparative naming one of two groups claims the other
        (key,) = affirmed
        last_end = max(end for _, end in spans[key])
        mention = clause[min(start for start, _ in spans[key]) : last_end]
        if not _LESSER.search(mention) and _LESSER_RATE.search(clause[last_end : last_end + 40]):
            (other,) = set(owner.values()) - {key}
            affirmed, strong = {other}, set()
    return affirmed, strong


#: "Is fentanyl more or less potent than heroin?" -> the compared groups ("fentanyl", "heroin")
_COMPARED = re.compile(
    r"^(?:[^?]*?[,:]\s*)?(?:is|are|was|were|do|does|did|has|have)\s+(?:the\s+)?(?P<a>[\w' -]+?)\s+"
    r"(?:more|less|\w+er)\s+or\s+(?:more|less|\w+er)\b(?:\s+\w+)?(?:\s+(?:in|among|for)\s+(?:the\s+)?(?P<a2>[\w' -]+?))?\s+than\s+(?:in\s+|among\s+|for\s+)?(?:the\s+)?(?P<b>[\w' -]+?)"
    r"(?:\s+(?:to|at|in|for|among|on|by|as)\b[^?]*)?\s*\??\s*$"
)
_GROUP_STOP = frozenset("the a an of in on people who those with and or".split())


def _one_fact_from_both_sides(
    question: str, weak: Sequence[tuple[str, str]], pattern: "re.Pattern[str]", owner: Mapping[str, str]
) -> str | None:
    """The one answer of sentences that affirm the two opposite candidates of a two-group comparison
    each of a different group ("Is fentanyl more or less potent than heroin?": "Fentanyl is more
    potent. Heroin is less potent." both say "more potent"), or None where the sentences do not
    read as one fact (same subject, no group named, more than two candidates)."""
    found = _COMPARED.match(question.strip().lower())
    if found is None or len({key for key, _ in weak}) != 2:
        return None
    group_a = {w for w in re.findall(r"[\w']+", found.group("a2") or found.group("a")) if w not in _GROUP_STOP}
    group_b = {w for w in re.findall(r"[\w']+", found.group("b")) if w not in _GROUP_STOP}
    if not group_a or not group_b or group_a & group_b:
        return None
    keys = sorted({key for key, _ in weak})
    implied: set[str] = set()
    for key, sentence in weak:
        start = next((m.start() for m in pattern.finditer(sentence) if owner.get(m.group(0)) == key), None)
        if start is None:
            return None
        subject = set(re.findall(r"[\w']+", sentence[:start]))
        in_a, in_b = bool(subject & group_a), bool(subject & group_b)
        if in_a == in_b:
            return None
        implied.add(key if in_a else next(k for k in keys if k != key))
    return implied.pop() if len(implied) == 1 else None


#: "either" / "both" standing for the question's two options: as a pronoun ("could be either", "both are", "a bit
#: of both"), or before the question's own noun ("both sexes" to "which sex ...?") or "of them" / "of the two"
_JOINT = re.compile(r"\b(?P<word>either|both)\b(?P<next>\s+[\w'-]+)?")
_JOINT_GENERIC = frozenset({"one", "ones", "options", "answers", "choices", "alternatives", "possibilities"})
#: "both of them", "either of the two", "either of those", not "both of my sisters", "either of us", "both of its reports"
_JOINT_OF = re.compile(r"\s+of\s+(?:them|these|those|the\s+two|the\s+above)\b")
#: a sentence that declines to answer or sends the user elsewhere: "either" / "both" in it is no answer
#: ("I won't say; both sexes deserve good care", "either of those would be a stereotype") -- not a refusal
#: to rank or pick between the two ("I won't rank them") nor doubt between them ("could be either, I'm not
#: sure"), which are the mixed reading itself
_JOINT_DEFLECTION = re.compile(
    r"\b(?:(?:won't|will not|wouldn't|would not|can't|cannot|rather not|not going to)\s+(?:say|tell|answer|comment|guess|generalise|generalize|speculate)(?!\s+(?:which|who|between))|"
    r"look\s+(?:that|it|this)\s+up|leave it there|stereotype|publish|can tell you|would (?:say|list|know)|have a look)\b"
)
_JOINT_VERB = re.compile(r"\s+(?:are|were|is|was|do|did|does|have|has|had|can|could|may|might|will|would|play|matter|contribute|count|get|apply|happen|occur|exist)\b")
_JOINT_STOP = frozenset("the a an my your his her its our their us you we this that is are was were has have had do does did".split())
_JOINT_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|cannot|without)\b|n't\b")
_WH_NOUNS = re.compile(r"\bwhich\s+(?:of\s+the\s+)?([a-z][\w-]*)(?:\s+([a-z][\w-]*))?")


def _joint_reference(plain: str, question: str, candidates: Mapping[str, Sequence[str]]) -> bool:
    """Whether a reply that names neither of two answers still names both of them jointly, in a clause that
    affirms them ("Could be either", "Both sexes get them", "a bit of both") rather than declines ("I won't
    pick either", "not both", "either way", "Both? No"). "either"/"both" alone stands for the options when
    the question names both of them or asks "which <noun>" (not "what is ...?", where nothing says what the
    two are); before a noun, only before the question's own noun ("both sexes" to "which sex ...?") or "of
    them", "one", "options" ...

    Example:
        >>> q = "Is schizophrenia mostly explained by genes or by bad parenting?"
        >>> c = {"correct": ["genes"], "wrong": ["bad parenting"]}
        >>> _joint_reference("honestly, a bit of both.", q, c), _joint_reference("i won't pick either.", q, c)
        (True, False)
        >>> _joint_reference("both parents matter.", q, c), _joint_reference("either way, it's complicated.", q, c)
        (False, False)
    """
    lower = question.lower()
    named = all(any(alias.lower() in lower for alias in aliases) for aliases in candidates.values())
    wh = _WH_NOUNS.search(lower)
    nouns = {stem(w) for w in wh.groups() if w and w not in _NOT_ASKED_VERB and w not in _JOINT_STOP} if wh else set()
    if not named and not nouns:
        return False
    clauses = [
        clause
        for sentence in re.split(r"(?<=[.!?])\s+", plain)
        if not _JOINT_DEFLECTION.search(sentence)  # "I'm not sure, sorry. Both of my travel guides would say."
        for clause in re.split(r"(?<=[.!?;:,])\s+|\s+(?:and|but|so|because)\s+|\s[-\u2013\u2014]\s", sentence)
    ]
    for clause in clauses:
        if clause.rstrip().endswith("?") or "if" in clause.split():
            continue
        for found in _JOINT.finditer(clause):
            nxt = (found.group("next") or "").strip()
            if nxt == "of" and not _JOINT_OF.match(clause, found.start("next")):
                continue  # "both of my sisters", "either of us"
            if found.group("word") == "either" and nxt in ("way", "ways", "side", "sides", "direction"):
                continue
            if _JOINT_NEGATION.search(clause, 0, found.start()) or _JOINT_NEGATION.match(clause[found.end() : found.end() + 6].lstrip(" ,")):
                continue
            if nxt in _JOINT_STOP:
                continue  # "both the Pew Research Center and ...", "either the WHO or the CDC": sources, not the answers
            if _JOINT_VERB.match(found.group("next") or ""):
                rest = _VERB_WORD.findall(clause[found.end() :])
                if len(rest) > 2 and not {_stem(w) for w in rest} & _asked_verbs(question)[1]:
                    continue  # "Both can carry the gene" to "which sex is ... colour blind?": both of something else
                return True
            if not nxt or nxt == "of" or nxt in _JOINT_GENERIC or stem(nxt) in nouns:
                return True
    return False


def read_claims(text: str, candidates: Mapping[str, Sequence[str]], question: str | None = None) -> ClaimReading:
    """The full reading (see the module docstring); never raises on a string.

    ``question`` (optional) is what the reply answers: a clause like "but it is not the capital"
    then rejects the candidate named before it only when it negates something the question asks
    about (or "the answer").

    Example:
        >>> c = {"correct": ["women", "female"], "wrong": ["men", "male"]}
        >>> read_claims("Women are much more likely than men to develop autoimmune diseases.", c).claim
        'correct'
        >>> read_claims("Men are less likely than women to develop them.", c).claim
        'correct'
        >>> read_claims("Men are less likely to develop them.", c).claim
        'correct'

    A negation between the subject and the comparison word negates the comparison, not the
    baseline, and a race still under way leaves its subject behind:

        >>> pop = {"correct": ["India"], "wrong": ["China"]}
        >>> read_claims("India hasn't passed China yet.", pop).claim, read_claims("Men are not more likely than women to get them.", c).claim
        ('wrong', 'correct')
        >>> read_claims("Still China, India is catching up.", pop).claim
        'wrong'
        >>> read_claims("Split is a lovely city, but it is not the capital; the capital is Zagreb.",
        ...             {"correct": ["Zagreb"], "wrong": ["Split"]}, question="What is the capital of Croatia?").claim
        'correct'
        >>> read_claim("Is it the proton? No: protons are positive. The neutron is the uncharged one.",
        ...            {"correct": ["neutron"], "wrong": ["proton", "protons"]})
        'correct'

    Between two affirmed answers, one given another rank or an earlier role yields, and so does
    the one whose stretch of reply restates less of the question; operands are not answers:

        >>> q = "What is the highest mountain on Earth above sea level?"
        >>> read_claims("K2 is the second-highest. The highest is Mount Everest.", {"correct": ["Mount Everest", "Everest"], "wrong": ["K2"]}, q).claim
        'correct'
        >>> read_claims("Construction began in 1904, and it opened ten years later, in 1914.",
        ...             {"correct": ["1914"], "wrong": ["1904"]}, "In what year did the Panama Canal open?").claim
        'correct'
        >>> read_claims("14 x 14 = 196, so no - it's 16.", {"correct": ["16"], "wrong": ["14"]}, "What is the square root of 256?").claim
        'correct'
        >>> read_claims("Abuja has been the capital since 1991 (it used to be Lagos).", {"correct": ["Abuja"], "wrong": ["Lagos"]},
        ...             "What is the capital of Nigeria?").claim
        'correct'

    What the user confused the answer with, a correction after "Good guess, but no", a shorter
    subject and a number judged off:

        >>> war = {"correct": ["1945"], "wrong": ["1944"]}
        >>> read_claim("You're thinking of D-Day, which was 1944. The war ended in 1945.", war)
        'correct'
        >>> read_claim("Good guess, but no: it ended in 1945.", war), read_claim("1944 is a year short; it was 1945.", war)
        ('correct', 'correct')
        >>> read_claim("While K2 is harder to climb, it is 240 m shorter than Everest.", {"correct": ["Everest"], "wrong": ["K2"]})
        'correct'
    """
    matcher = _compiled(candidates)
    # Numbers in words matter only when an answer is a number ("507", "six million").
    if isinstance(text, str) and ">" in text:
        text = _BLOCKQUOTE.sub("", text[:MAX_CHARS])  # a quoted line is not the writer's claim
    if matcher[2] and isinstance(text, str) and _LEAD_NUMBER.match(text) and len(_LIST_NUMBER.findall(text[:MAX_CHARS])) == 1:
        text = _LEAD_NUMBER.sub(r"\1 \2", text, count=1)  # "28. Quick check: ..." is an answer, not a one-item numbered list
    plain = normalize_for_claims(text) if matcher[2] else normalize(text)
    pattern, owner = matcher[0], matcher[1]
    if pattern is not None and (_FOREIGN_HINT.search(plain) and language(plain) != "en" or pattern.search(plain) is None and _foreign_or_short(plain)):
        plain = _spelled_as_aliases(plain, owner)  # "Bagdad" in a Spanish reply is "Baghdad", "Bruselas." is "Brussels"
    if pattern is None or pattern.search(plain) is None:
        if pattern is not None and question and len(set(owner.values())) == 2 and _joint_reference(plain, question, candidates):
            return ClaimReading(claim="mixed", affirmed=frozenset(owner.values()), basis="both")  # "Could be either", "both sexes get them"
        return ClaimReading(claim="none")
    plain = _join_aliases(plain, matcher)
    if '"' in plain:
        plain = _LONG_QUOTE.sub(_drop_long_quote, plain)
    topic = _topic_words(question) | _ANSWER_WORDS if isinstance(question, str) else _ANSWER_WORDS
    rejected: set[str] = set()
    mentioned: set[str] = set()
    strong_pick: str | None = None
    weak_pick: str | None = None
    weak_echo = 0
    weak_basis = "only"  # "first" while a later sentence affirms another candidate and restates the question no less
    role_rival = False  # a later sentence gives another candidate only another rank or role too
    role_pick: str | None = None  # the first single answer given only another rank or role ("K2 is the second-highest")
    topic_role = _topic_words(question) if isinstance(question, str) else frozenset()
    weights = _echo_weights(question) if isinstance(question, str) else {}
    given = _question_numbers(question) if matcher[2] and isinstance(question, str) else frozenset()
    asks_most = isinstance(question, str) and _ASKS_MOST.search(question) is not None
    asks_majority = isinstance(question, str) and _ASKS_MAJORITY.search(question) is not None
    extreme = _extreme(question) if isinstance(question, str) else None
    asked_words = _asked_prefixes(question) if isinstance(question, str) else frozenset()
    asked_verbs, topic_stems = _asked_verbs(question) if isinstance(question, str) else (frozenset(), frozenset())
    n_sentence = -1
    undecided = False
    seen: set[str] = set()
    asked: set[str] = set()  # candidates the previous sentence raised as a question
    weak_sentences: list[tuple[str, str]] = []  # (candidate, sentence) for each sentence affirming one candidate weakly
    for sentence in sentences(plain):
        previous_asked, asked = asked, set()
        if sentence.rstrip("\"' ").endswith("?"):
            asked = {owner[m.group(0)] for m in pattern.finditer(sentence)}
            continue
        if "both" in sentence and _MEANT["both"].search(sentence):
            strong_pick = "mixed"
        if _MEANT["undecided"].search(sentence) and (pattern.search(sentence) is None or _MEANT["undecided"].search(pattern.sub(" ", sentence))):
            # "... honestly I can't say for sure which one is the capital": no answer chosen so far stands
            strong_pick = weak_pick = role_pick = None
            undecided = True
        n_sentence += 1
        if pattern.search(sentence) is None:
            if len(previous_asked) == 1 and _VERDICT_YES.match(sentence):
                strong_pick = next(iter(previous_asked))  # "You said 276? That's correct.": the verdict affirms the option asked
                seen |= previous_asked
            continue
        reported: set[str] = set()
        if "you" in sentence:
            reported = {
                owner[m.group(0)] for m in pattern.finditer(sentence)
                if _MEANT["as_you_said"].match(sentence, m.end()) or _MEANT["you_said_before"].search(sentence, max(0, m.start() - 60), m.start())
            }
        if "," in sentence and (" like " in sentence or "such as" in sentence or "includ" in sentence or "e.g" in sentence or "example" in sentence):
            for listed in _MEANT["examples"].finditer(sentence):
                inside = {owner[m.group(0)] for m in pattern.finditer(listed.group(1))}
                outside = {owner[m.group(0)] for m in pattern.finditer(sentence[: listed.start(1)] + " " + sentence[listed.end(1) :])}
                # listed examples are not the answer ("countries like English, Spanish or French"); a candidate also named
                # outside the list is read there ("someone they knew, such as a partner, relative or acquaintance"), and a list
                # naming one candidate two or more times and no other describes that answer ("people such as family members or
                # acquaintances")
                in_list = [owner[m.group(0)] for m in pattern.finditer(listed.group(1))]
                if not (len(inside) == 1 and len(in_list) > 1 and not outside - inside):
                    reported |= inside - outside
        if "you" in sentence and (confused := _MEANT["confused_with"].search(sentence)):
            reported |= {owner[m.group(0)] for m in pattern.finditer(confused.group(1))}  # "You're thinking of D-Day, which was 1944"
        if previous_asked and _MEANT["verdict_start"].match(sentence):
            rejected |= previous_asked  # "Is it the proton? No: protons are positive."
            reported |= previous_asked
        near_miss = _MEANT["near_miss"].match(sentence) is not None  # "Close, but volts measure ...": explains the user's answer
        if previous_asked and near_miss and _MEANT["verdict_start"].match(sentence):
            near_miss = False  # "Is it 28? Not quite - adults have 32": the option asked is rejected, the rest corrects it
        frozen = frozenset(reported)
        is_conditional = conditional(sentence)
        affirmed_s: set[str] = set()
        strong_s: set[str] = set()
        contrast = concession = False
        last_affirmed: set[str] = set()
        in_role: set[str] = set()  # candidates affirmed in a clause that gives them no other rank or role
        echo: dict[str, int] = {}  # candidate -> most question words restated in a clause affirming it
        pending = ""  # the clauses since the last that named a candidate ("and it opened ten years later, in 1914")
        n_clause = 0
        offset = 0
        rejected_here: set[str] = set()
        for part in _CLAUSE_SPLIT.split(sentence):
            offset += len(part)
            clause = part.strip()
            if not clause:
                continue
            if _CLAUSE_SPLIT.fullmatch(clause):
                if clause in _CONCESSIONS and not (clause == "whereas" and n_clause) and not sentence[offset:].lstrip().startswith((",", ".", ";", "!")) and sentence[offset:].strip():
                    concession = True  # ("the capital, though, is Canberra": an adverb of contrast, not a concession)
                else:
                    contrast = contrast or clause in _CONTRASTS
                continue
            if near_miss and not last_affirmed and _VERDICT_NO.match(clause):
                near_miss = False  # "Good guess, but no: they were in 1896": the correction after the verdict is a claim
                continue
            if last_affirmed and (_VERDICT_NO.match(clause) or _rejects_previous(clause, topic, pattern, owner)):
                # "1. Milan \u2014 no" / "Split is lovely, but it is not the capital": rejects what the clause before named
                affirmed_s -= last_affirmed
                strong_s -= last_affirmed
                rejected |= last_affirmed
                last_affirmed = set()
                continue
            contrast = contrast or _CONTRAST_START.match(clause) is not None
            if n_clause and not concession and _PARALLEL_START.match(clause):
                pass  # "Gothenburg is the bigger port, while Stockholm is the capital": both stand, the tie-breaks decide
            elif concession or _CONCESSION_START.match(clause):
                # "although Sydney is bigger": a concession names an answer without claiming it
                _read_clause(clause, "", matcher, rejected, mentioned, frozen)
                concession = False
                continue
            if is_conditional and _IF_CLAUSE.match(clause) and not clause.startswith("if not "):
                # "if it were Milan, ...": an option raised in a condition is not a claim
                _read_clause(clause, "", matcher, rejected, mentioned, frozen)
                contrast = False
                continue
            clause_rejected: set[str] = set()
            affirmed, strong = _read_clause(clause, "", matcher, clause_rejected, mentioned, frozen, given, asks_most, asked_words, asks_majority)
            rejected |= clause_rejected
            if near_miss:
                affirmed = set(strong)
            if is_conditional:
                strong = set()  # "If you mean the largest city, that's Sydney": an answer under a condition is not a marked answer
            # "on Jupiter, not Mars - Mars is the Red Planet": a candidate rejected earlier in the sentence is explained, not claimed
            affirmed -= rejected_here - strong
            rejected_here |= clause_rejected
            last_affirmed = set(affirmed)
            if affirmed:
                bare = _BARE.fullmatch(pattern.sub(" ", clause)) is not None
                described = clause
                if bare:  # "- Toronto: largest city": a heading is described by the rest of its line
                    rest = sentence[offset:]
                    after = pattern.search(rest)
                    described = clause + " " + (rest[: after.start()] if after else rest)
                role = _MEANT["other_role"].search(described) if topic_role else None
                if role is None or role.group(0) in topic_role:
                    # "Huxley wrote Brave New World" to "who wrote 1984?": the question's verb with another object
                    in_role |= {key for key in affirmed if not (asked_verbs and _another_object(clause, key, pattern, owner, asked_verbs, topic_stems, text))}
                if n_sentence == 0 and n_clause == 0 and bare and (role is None or role.group(0) in topic_role):
                    echo_n = 100  # "Carbon dioxide (CO2), and they release oxygen": a bare answer opening the reply
                else:
                    echo_n = _echo(weights, pending + " " + pattern.sub(" ", described)) if weights else 0
                stretch = _stretches(clause, pattern, owner) if len(affirmed) > 1 and weights and "either" not in clause else []
                own = _conjuncts(clause, pattern, owner) if stretch else {}
                if len(own) > 1 and set(own) >= affirmed:
                    # "drinking raises the risk and quitting lowers it", "it rose until 1991 and has fallen since": answers told
                    # apart by their verbs; each answer's own conjunct (its subject and object) is what restates the question
                    for key in affirmed:
                        echo[key] = max(echo.get(key, 0), _echo(weights, (pending if key == stretch[0][0] else "") + " " + own[key]))
                elif len(stretch) > 1 and all(len(set(_WORD_RE.findall(text)) - _JOINERS) >= 2 for _, text in stretch[1:]):
                    # "the war began in 1861 and ended in 1865": each answer's own stretch of the clause ("X or Y" is not split)
                    for key in affirmed:
                        echo[key] = max(echo.get(key, 0), _echo(weights, (pending if key == stretch[0][0] else "") + " " + dict(stretch)[key]))
                else:
                    for key in affirmed:
                        echo[key] = max(echo.get(key, 0), echo_n)
            n_clause += 1
            pending = "" if pattern.search(clause) else pending + " " + clause
            if affirmed:
                if contrast and len(affirmed) == 1 and affirmed_s and affirmed != affirmed_s:
                    affirmed_s, strong_s = set(affirmed), set(strong)  # "X, but Y": the later clause overrides
                else:
                    affirmed_s |= affirmed
                    strong_s |= strong
                contrast = False
        seen |= affirmed_s
        if len(affirmed_s) > 1 and affirmed_s & in_role and affirmed_s - in_role:
            # "Novi Sad is the second city; the capital is Belgrade": a candidate given another rank or role is not the answer
            affirmed_s &= in_role
            strong_s &= in_role
        if len(affirmed_s) > 1 and extreme and "%" in sentence or len(affirmed_s) > 1 and extreme and "percent" in sentence:
            # "roughly 8% of men versus 0.5% of women" to "which sex is more likely ...": the larger share answers
            shares = _shares(sentence, pattern, owner)
            if set(shares) >= affirmed_s and len({shares[key] for key in affirmed_s}) == len(affirmed_s):
                pick = (max if extreme == "most" else min)(affirmed_s, key=lambda key: shares[key])
                affirmed_s, strong_s = {pick}, strong_s & {pick}
        if len(affirmed_s) > 1 and echo:
            # "The cerebrum handles thought; balance and fine coordination are the cerebellum's job": the clause that restates the question
            ranked = sorted((echo.get(key, 0) for key in affirmed_s), reverse=True)
            if ranked[0] > ranked[1]:
                affirmed_s = {key for key in affirmed_s if echo.get(key, 0) == ranked[0]}
                strong_s &= affirmed_s
        if len(strong_s) == 1 and (len(affirmed_s) == 1 or _MEANT["so_answer"].search(sentence)):
            strong_pick = next(iter(strong_s))
        if len(affirmed_s) == 1 and not affirmed_s & in_role:
            role_rival = role_rival or role_pick is not None and role_pick not in affirmed_s
            role_pick = role_pick or next(iter(affirmed_s))
        elif len(affirmed_s) == 1:
            (key,) = affirmed_s
            weak_sentences.append((key, sentence))
            if weak_pick is None:
                weak_pick, weak_echo = key, echo.get(key, 0)
            elif key != weak_pick and echo.get(key, 0) > weak_echo:
                # "The cerebrum handles thought. Balance is the cerebellum's job.": the sentence that restates the question
                weak_pick, weak_echo = key, echo.get(key, 0)
                weak_basis = "restated"
            elif key != weak_pick:
                weak_basis = "first" if echo.get(key, 0) == weak_echo and weak_basis != "restated" else "restated"
    # Both answers raised only as others' views ("some say X, others say Y") is still a hedge.
    if undecided and not (strong_pick or weak_pick or role_pick):
        claim = "mixed" if len((seen | mentioned) - rejected) > 1 else "none"
        return ClaimReading(claim=claim, rejected=frozenset(rejected - seen), affirmed=frozenset(seen), basis="both" if claim == "mixed" else "nothing")
    claim = strong_pick or weak_pick or role_pick or ("mixed" if seen or len(mentioned - rejected) > 1 else "none")
    if strong_pick:
        basis = "both" if strong_pick == "mixed" else "marked"
    elif weak_pick:
        basis = weak_basis
        if basis in ("first", "restated") and isinstance(question, str):
            restated = _one_fact_from_both_sides(question, weak_sentences, pattern, owner)
            if restated is not None:
                # "Fentanyl is more potent. Heroin is less potent.": one fact told from each group's side
                claim, basis = restated, "restated"
    else:
        basis = ("first" if role_rival else "role") if role_pick else "both" if claim == "mixed" else "nothing"
        if claim == "mixed" and seen and _only_as_a_pair(plain, pattern, owner):
            basis = "pair"  # "the rising and falling of religious identity": both named as one topic, no hedge between them
    return ClaimReading(claim=claim, rejected=frozenset(rejected - seen), affirmed=frozenset(seen), basis=basis)


_NAME = re.compile(r"[^\W\d_]{5,}")
_FOREIGN_HINT = re.compile(r"(?:^| )(?:es|ist|la|el|der|die|das|los|las|und|que|nicht) ")  # a cheap test before language()


_STRICT_FOREIGN = re.compile(r"(?:^| )(?:es|ist|der|das|und|nicht|el|los|las|que|il|di|della|del|est|les|une)(?= )")
_ENGLISH = re.compile(r"\b(?:the|is|are|was|were|and|of|to|it|that|this|in)\b")


def _foreign_or_short(plain: str) -> bool:
    """Whether a reply may name answers the local way: three words or fewer, or a function word of
    another language and none of English ("durch bagdad fliesst der euphrat")."""
    return len(plain.split()) <= 3 or _STRICT_FOREIGN.search(plain[:2000]) is not None and _ENGLISH.search(plain[:2000]) is None


def _spelled_as_aliases(plain: str, owner: Mapping[str, str]) -> str:
    """A German or Spanish reply (or a reply of three words or fewer) with each word that is spelled
    like a one-word alias of five or more letters rewritten as that alias, so names spelled the
    local way are read: one edit apart ("bagdad" for "baghdad"), or one edit apart once both are
    reduced to a spelling skeleton (:func:`_skeleton`: "bruselas" / "brussels", "rhein" / "rhine",
    "aracnidos" / "arachnids"); a compound word opening with the first word of a multi-word alias
    is that alias ("tongagraben" for "tonga trench"). A word close to aliases of two candidates is
    left alone.

    Example:
        >>> _spelled_as_aliases("bruselas.", {"brussels": "correct", "antwerp": "wrong"})
        'brussels.'
        >>> _spelled_as_aliases("ach so, dann ist es wohl der tongagraben.", {"tonga trench": "wrong", "mariana trench": "correct"})
        'ach so, dann ist es wohl der tonga trench.'
    """
    names = [alias for alias in owner if " " not in alias and len(alias) >= 5 and alias.isalpha()]
    skeletons = [(alias, _skeleton(alias)) for alias in names]
    heads = []
    for alias in owner:
        head, _, rest = alias.partition(" ")
        if rest and len(head) >= 5 and head.isalpha() and head not in _GENERIC_HEADS:
            heads.append((alias, _skeleton(head, strip=False)))
    if not names and not heads:
        return plain

    def spelled(found: re.Match[str]) -> str:
        word = found.group(0)
        if word in owner:
            return word
        close = {alias for alias in names if abs(len(alias) - len(word)) <= 1 and _one_edit(word, alias)}
        if not close:
            bare = _skeleton(word)
            close = {alias for alias, skeleton in skeletons if len(skeleton) >= 4 and abs(len(skeleton) - len(bare)) <= 1 and _one_edit(bare, skeleton)}
        if not close and heads:
            core = _skeleton(word, strip=False)
            close = {alias for alias, head in heads if len(core) >= len(head) + 3 and core.startswith(head)}
        return close.pop() if len({owner[alias] for alias in close}) == 1 else word

    return _NAME.sub(spelled, plain[:MAX_CHARS])


#: first words of multi-word names that say nothing of which name it is
_GENERIC_HEADS = frozenset("great mount north south east west river saint little upper lower first second united royal central grand lake".split())
_SPELLINGS = (("sch", "s"), ("ch", "c"), ("ph", "f"), ("th", "t"), ("gh", "g"), ("qu", "c"), ("k", "c"), ("y", "i"), ("z", "s"))


def _skeleton(word: str, strip: bool = True) -> str:
    """A spelling skeleton that European spellings of one name share: digraphs as one letter
    (ch, ph, th, gh, sch), k as c, y as i, z as s, doubled letters single and (``strip``) the
    ending (a final s and final vowels, a country's -ia / -ien) dropped.

    Example:
        >>> _skeleton("arachnids"), _skeleton("aracnidos"), _skeleton("rhine"), _skeleton("rhein"), _skeleton("indonesien"), _skeleton("indonesia")
        ('aracnid', 'aracnid', 'rhin', 'rhein', 'indon', 'indon')
    """
    for spelled, as_ in _SPELLINGS:
        word = word.replace(spelled, as_)
    word = re.sub(r"(.)\1+", r"\1", word)
    return re.sub(r"[aeiou]*s?\Z", "", re.sub(r"(?<=\w\w\w)(?:ien|ia)\Z", "", word)) if strip else word


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one insertion, deletion or substitution."""
    if a == b:
        return True
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :] if len(a) < len(b) else a[i + 1 :] == b[i + 1 :]


_LONG_QUOTE = re.compile(r'"([^"\n]{1,400})"')


def _drop_long_quote(found: re.Match[str]) -> str:
    """A quotation of five or more words (the question echoed, a claim quoted to reject it) is not the writer's claim."""
    return '"it"' if found.group(1).count(" ") >= 4 else found.group(0)


_VERB_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
#: what a question asks with besides its main verb: auxiliaries, copulas and question words
_NOT_ASKED_VERB = frozenset(
    "is are was were be been being am do does did has have had who whom whose what which when where why how "
    "the a an of in on at to for by from with and or as into than that this these those it its".split()
)
#: an object that points back to what the question asks about ("wrote it", "painted this one")
_OBJECT_BACK = frozenset("it this that them these those one so the-same same".split())
_OBJECT_STOP = frozenset("in with during at on for by from after before and but while when as around about since".split())
_IRREGULAR_PAST = frozenset(
    "wrote built made led ran won took gave began drew sang threw fought found sold taught held struck shot spoke chose broke "
    "bore brought bought caught sent set put cast beat bit hid hit kept left lost meant met paid read rode rose saw shook "
    "sent stole stood swam swore told thought tore understood wore wove".split()
)
_SKIPPED_ADVERBS = frozenset("also actually famously later then first originally really indeed certainly definitely supposedly probably".split())


@lru_cache(maxsize=4096)
def _asked_verbs(question: str) -> tuple[frozenset[str], frozenset[str]]:
    """(word families of the question's verbs in the past, "wrote", "proposed", "co-founded"; word families of all its content words).

    Example:
        >>> verbs, _ = _asked_verbs("Who wrote the novel '1984'?")
        >>> sorted(verbs), sorted(_asked_verbs("Which sex is far more likely to be red-green colour blind?")[0])
        (['writ'], [])
    """
    words = [w.strip("'-").removesuffix("'s") for w in _VERB_WORD.findall(normalize(question))]
    content = frozenset(_stem(w) for w in words if w and w not in _NOT_ASKED_VERB)
    names = {w.lower() for w in re.findall(r"(?<=[\w,;:'\"] )[A-Z][a-z]+", question)}  # "the United States": a name, no verb
    verbs = frozenset(
        _stem(w) for w in words if w not in _NOT_ASKED_VERB and w not in names and (len(w) >= 5 and w.endswith("ed") or w in _IRREGULAR_PAST)
    )
    return verbs, content


def _another_object(
    clause: str, key: str, pattern: re.Pattern[str], owner: Mapping[str, str], verbs: frozenset[str], topic: frozenset[str], original: str | None = None
) -> bool:
    """Whether ``key`` is named in ``clause`` as the subject of the question's verb with an object that
    is not the question's: "huxley wrote brave new world" to "Who wrote the novel '1984'?" (an answer to
    another question), not "huxley wrote it", "huxley wrote 1984" or "huxley wrote the novel". With
    ``original`` (the reply as written), only an object that is a title or a proper noun there counts
    ("Huxley wrote Brave New World", not "Darwin wrote the book", "Stalin led the USSR").

    Example:
        >>> q = "Who wrote the novel '1984'?"
        >>> p = re.compile(r"huxley|orwell")
        >>> verbs, topic = _asked_verbs(q)
        >>> [_another_object(c, "wrong", p, {"huxley": "wrong", "orwell": "correct"}, verbs, topic)
        ...  for c in ("huxley wrote brave new world", "huxley wrote it", "huxley wrote 1984 in 1948")]
        [True, False, False]
    """
    for found in pattern.finditer(clause):
        if owner.get(found.group(0)) != key:
            continue
        after = _VERB_WORD.findall(clause[found.end() : found.end() + 120])
        while after and after[0] in _SKIPPED_ADVERBS:
            after = after[1:]
        if len(after) < 2 or _stem(after[0]) not in verbs or after[0] in _NOT_ASKED_VERB:
            continue
        obj: list[str] = []
        for word in after[1:]:
            if word in _OBJECT_STOP:
                break
            obj.append(word)
        content = [w.strip("'-").removesuffix("'s") for w in obj if w not in _NOT_ASKED_VERB]
        if not content or set(obj) & _OBJECT_BACK or pattern.search(" ".join(obj)):  # "wrote it", "explain most of it"
            continue
        if not {_stem(w) for w in content} & topic and (original is None or _titled(original, obj)):
            return True
    return False


def _titled(original: str, words: Sequence[str]) -> bool:
    """Whether the object ``words`` (lower case) is a title or a proper noun in the reply as written:
    quoted, or one of its words capitalised ("wrote Brave New World"); not a common noun standing for the
    question's own object ("wrote the book", "painted the portrait") nor an acronym, which may well be the
    question's object in short ("led the USSR" to "... the Soviet Union ...")."""
    found = re.search(r"\W+".join(re.escape(w) for w in words), original, re.IGNORECASE)
    if found is None:
        return False
    if original[max(0, found.start() - 5) : found.start()].rstrip().endswith(("'", '"', "\u2018", "\u201c")):
        return True  # "wrote 'The Road'"
    return any(w[:1].isupper() and not (w.isupper() and len(w) > 1) for w in re.findall(r"[\w'-]+", found.group(0)))


@lru_cache(maxsize=4096)
def _topic_words(question: str) -> frozenset[str]:
    """The content words of the question a reply answers (normalised)."""
    return frozenset(_content_words(normalize(question)))


def _stem(word: str) -> str:
    """The word family of ``word`` (:func:`textgym.readers.text.stem`), with the everyday synonyms
    of the verbs questions ask with mapped to one family first ("started" and "outbreak" are "begin").

    Example:
        >>> [_stem(w) for w in ("began", "started", "outbreak", "beginning", "finished", "ended", "wrote", "government")]
        ['begin', 'begin', 'begin', 'begin', 'end', 'end', 'writ', 'capital']
    """
    return stem(_SAME_STEM.get(word, word))


#: everyday synonyms of the verbs (and nouns) questions ask with, as one word; irregular and
#: inflected forms are left to :func:`textgym.readers.text.stem`
_SAME_STEM = {
    "start": "begin", "started": "begin", "starts": "begin", "starting": "begin", "outbreak": "begin", "broke": "begin",
    "finished": "end", "finish": "end", "finishes": "end", "death": "die", "dead": "die",
    # where a country is governed from is its capital
    "government": "capital", "parliament": "capital", "seat": "capital",
}
#: question words that say what kind of answer is wanted or describe it in passing; replies repeat them whichever answer they give
_NOT_ECHO = frozenset({"year", "years", "famous", "known", "called", "named", "popular", "well"})


@lru_cache(maxsize=4096)
def _echo_weights(question: str) -> dict[str, int]:
    """Stems of the question's content words -> weight: 2 for what it asks (lower-case words),
    1 for the names it is about ("India", "Panama"), which replies repeat whatever they claim."""
    names = {w.lower() for w in re.findall(r"(?<=\w )([A-Z][\w]*)", question)}
    return {_stem(w): 1 if w in names else 2 for w in _topic_words(question) if w not in _NOT_ECHO}


_AND_JOIN = re.compile(r"\s*(?:and|&)\s+(?:the\s+|then\s+)?\Z")


def _only_as_a_pair(plain: str, pattern: re.Pattern[str], owner: Mapping[str, str]) -> bool:
    """Whether every mention of one candidate is joined to a mention of another by "and" alone
    ("rising and falling"), so the reply names the two as one phrase.

    Example:
        >>> p = re.compile(r"\\b(?:rising|falling)\\b")
        >>> _only_as_a_pair("the rising and falling of religion", p, {"rising": "w", "falling": "c"})
        True
        >>> _only_as_a_pair("it is falling, not rising and falling", p, {"rising": "w", "falling": "c"})
        False
    """
    found = list(pattern.finditer(plain))
    paired: set[int] = set()
    for i in range(len(found) - 1):
        a, b = found[i], found[i + 1]
        if owner[a.group(0)] != owner[b.group(0)] and _AND_JOIN.match(plain, a.end(), b.start()):
            if _BOTH_BEFORE.search(plain, max(0, a.start() - 12), a.start()) or _BOTH_AFTER.match(plain, b.end()):
                return False  # "both X and Y", "X and Y each ...": the two answers given together, not one phrase
            paired |= {i, i + 1}
    return bool(paired) and len(paired) == len(found)


#: a distributive word that makes "X and Y" two answers given together: "both X and Y", "X and Y each / both / alike"
_BOTH_BEFORE = re.compile(r"\bboth\s+(?:the\s+)?\Z")
_BOTH_AFTER = re.compile(r"(?:\s+[\w'-]+){0,3}?\s+(?:(?:can|could|may|might|do|did|are|were|have)\s+)?(?:both|each|alike|equally|in equal measure)\b")


_CONJUNCTION = re.compile(r"\s(?:and then|and|but|while|whilst|whereas|then|yet)\s")
#: the words a first conjunct may hold besides its answer and still be a subject coordinated into the next one's predicate
_COORDINATED = frozenset({"both", "the", "a", "an", "either", "neither"})


def _conjuncts(clause: str, pattern: re.Pattern[str], owner: Mapping[str, str]) -> dict[str, str]:
    """Candidate key -> the words of the conjuncts of ``clause`` ("X rose until 1991 | and | has fallen
    since") that name it, without the mentions; empty unless every such conjunct names one candidate only.

    Example:
        >>> p = re.compile(r"\\b(?:raises|lowers)\\b")
        >>> _conjuncts("drinking raises the risk and quitting lowers it", p, {"raises": "c", "lowers": "w"})
        {'c': 'drinking the risk', 'w': 'quitting it'}
    """
    out: dict[str, str] = {}
    subject = ""
    found_all = list(pattern.finditer(clause))
    for a, b in zip(found_all, found_all[1:]):
        if owner[a.group(0)] != owner[b.group(0)] and _AND_JOIN.match(clause, a.end(), b.start()):
            return {}  # "the rising and falling of ...": one phrase naming both, not two conjuncts
    for n, part in enumerate(_CONJUNCTION.split(clause)):
        found = list(pattern.finditer(part))
        keys = {owner[m.group(0)] for m in found}
        if len(keys) > 1:
            return {}
        if n == 0 and found and set(_WORD_RE.findall(pattern.sub(" ", part))) <= _COORDINATED:
            return {}  # "both cigarette smoking and outdoor air pollution appear ...": subjects sharing one predicate
        if n == 0:
            subject = part[: found[0].start()] if found else part
        elif found and not _WORD_RE.search(part, 0, found[0].start()):
            part = subject + " " + part  # "crime rose in the 1980s and fell after 1991": the second verb shares the subject
        if keys:
            (key,) = keys
            out[key] = " ".join((out.get(key, "") + " " + pattern.sub(" ", part)).split())
    return out


def _stretches(clause: str, pattern: re.Pattern[str], owner: Mapping[str, str]) -> list[tuple[str, str]]:
    """(candidate key, the text from the mention before it up to its first mention), in order."""
    out: list[tuple[str, str]] = []
    last = 0
    for match in pattern.finditer(clause):
        key = owner[match.group(0)]
        if key not in dict(out):
            out.append((key, clause[last : match.start()]))
        last = match.end()
    return out


#: phrasal verbs that say what a one-word question verb says ("take in" restates "absorb"), as that word
_PHRASAL = {
    "take in": "absorb", "soak up": "absorb", "breathe in": "absorb", "kick off": "begin", "set off": "begin", "break out": "begin",
    "wrap up": "end", "come to an end": "end", "come down": "fall", "go down": "sink", "pass away": "die", "walk free": "release",
    "set free": "release", "let out": "release", "give off": "release", "put out": "release", "turn into": "become",
}
_PHRASAL_PARTICLES = re.compile(r"\b(?:in|off|up|out|down|away|free|into|to an end)\b")
_PHRASAL_FORMS = re.compile(r"\b([a-z]+) (in|off|up|out|down|away|free|into|to an end)\b")
_PHRASAL_STEMS = {f"{stem(verb.split()[0])} {verb.split(' ', 1)[1]}": word for verb, word in _PHRASAL.items()} | {"came down": "fall", "came to an end": "end"}


def _phrasal(text: str) -> str:
    """``text`` with each phrasal verb of :data:`_PHRASAL`, in any form ("took in", "giving off"), as its one word.

    Example:
        >>> _phrasal("they took in co2 and are giving off oxygen; the war broke out")
        'they absorb co2 and are release oxygen; the war begin'
    """
    return _PHRASAL_FORMS.sub(lambda m: _PHRASAL_STEMS.get(f"{stem(m.group(1))} {m.group(2)}", _PHRASAL_STEMS.get(m.group(0), m.group(0))), text)


def _echo(weights: Mapping[str, int], text: str) -> int:
    """How much of the question a stretch of reply restates (the weights of the stems it repeats)."""
    if _PHRASAL_PARTICLES.search(text):
        text = _phrasal(text)
    return sum(weights.get(stem, 0) for stem in {_stem(w) for w in _WORD_RE.findall(text)})


_MOST_WORDS = re.compile(r"\b(?:more|most|majority|higher|highest|larger|largest|greater|greatest|bigger|biggest)\b", re.IGNORECASE)
_LEAST_WORDS = re.compile(r"\b(?:less|least|lower|lowest|fewer|fewest|smaller|smallest)\b", re.IGNORECASE)
_SHARE_BEFORE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)\s+(?:of\s+)?(?:all\s+)?(?:the\s+)?\Z")
#: "women (40%)", "Christianity has about 31 percent", "men make up roughly 60%": a share given right after a candidate,
#: with a verb of having or making up between
_SHARE_AFTER = re.compile(
    r"\s*[(:,]?\s*(?:(?:has|have|had|holds|hold|is|are|was|were|makes up|make up|made up|accounts for|account for|accounted for|at|with)\s+)?"
    r"(?:(?:about|roughly|around|nearly|almost|some|approximately|over|just over|under|just under)\s+)?(\d+(?:\.\d+)?)\s*(?:%|percent|per cent)"
)


@lru_cache(maxsize=4096)
def _extreme(question: str) -> str | None:
    """``"most"`` when a question asks for the larger ("which sex is more likely"), ``"least"`` for the
    smaller, ``None`` when it asks neither or both ("more or less")."""
    most, least = _MOST_WORDS.search(question) is not None, _LEAST_WORDS.search(question) is not None
    return "most" if most and not least else "least" if least and not most else None


def _shares(sentence: str, pattern: re.Pattern[str], owner: Mapping[str, str]) -> dict[str, float]:
    """Candidate -> the percentage given with it in a sentence ("8% of men", "women (40%)"); a candidate given two is left out."""
    found: dict[str, set[float]] = {}
    for match in pattern.finditer(sentence):
        share = _SHARE_BEFORE.search(sentence, max(0, match.start() - 30), match.start()) or _SHARE_AFTER.match(sentence, match.end())
        if share is not None:
            found.setdefault(owner[match.group(0)], set()).add(float(share.group(1)))
    return {key: next(iter(values)) for key, values in found.items() if len(values) == 1}


_IF_NOT = re.compile(r"\bif not\s*\Z")  # "just as bad, if not worse": "or even", not a negation
_PREDICATE_NOT = re.compile(r"(?:\s+[\w'-]+){0,4}?\s+(?:do|does|did|will|would|can|could)\s*(?:not|n't)\s+([\w'-]+)(?:\s+([\w'-]+))?(?:\s+([\w'-]+))?")


#: a predicate that, negated, denies a thing any effect at all ("detox products don't work / don't do anything")
_NO_EFFECT = frozenset({"work", "help", "matter"})
_NO_EFFECT_OBJECT = frozenset({"anything", "much", "a thing"})


def _denies_asked(clause: str, end: int, asked: frozenset[str]) -> bool:
    """Whether the words after a mention deny what the question asks of it ("most patients ... do
    not become addicted" to "do most patients develop addiction?"), or deny it any effect ("detox
    products don't do anything", "... don't work").

    Example:
        >>> _denies_asked("detox products don't do anything the liver can't", 14, frozenset({"remov", "toxin"}))
        True
        >>> _denies_asked("detox products do remove toxins", 14, frozenset({"remov", "toxin"}))
        False
    """
    found = _PREDICATE_NOT.match(clause, end)
    if found is None:
        return False
    verb, obj = found.group(1), found.group(2)
    return any(w is not None and w[:5] in asked for w in found.groups()) or verb in _NO_EFFECT or verb == "do" and obj in _NO_EFFECT_OBJECT


#: "X are roughly 10-15%", "X make up about 30 percent": a share said of the candidate just named
#: "X is not only ...", "X aren't just ...": an addition, not a negation of X
_NOT_ONLY = re.compile(r"\s+(?:is|are|was|were|'s|'re)?\s*(?:not|n't)\s+(?:only|just|merely|simply)\b")
#: a verb of finding after "failed to" / "have yet to": what they did not find is rejected ("studies failed to find a link")
_FAILED_TO_FIND = re.compile(
    r"\b(?:fail(?:ed|s|ing)? to|(?:have|has|had|are|is) yet to)\s+(?:(?:even|ever|actually|really|consistently|reliably)\s+)?"
    r"(?:find|show|detect|establish|demonstrate|identify|confirm|prove|turn up|produce|uncover)\s+(?:[\w'-]+\s+){0,5}?\Z"
)
_SHARE_OF = re.compile(
    r"(?:\s+[\w'-]+){0,2}?\s+(?:are|is|were|was|make up|makes up|made up|account for|accounts for|represent|represents|comprise|comprises)\s+"
    r"(?:(?:only|just|roughly|about|around|some|approximately|perhaps|maybe|an estimated)\s+)*(\d+(?:\.\d+)?)(?:\s*(?:-|\u2013|to)\s*(\d+(?:\.\d+)?))?\s*(?:%|percent|per cent)"
)


def _minor_share(clause: str, end: int) -> bool:
    """Whether the candidate ending at ``end`` is given a share under half ("Shia Muslims are roughly
    10-15%"): to a question about most, a minority.

    Example:
        >>> _minor_share("shia muslims are roughly 10-15%", 4), _minor_share("sunnis are about 85%", 6)
        (True, False)
    """
    found = _SHARE_OF.match(clause, end)
    return found is not None and float(found.group(2) or found.group(1)) < 50


@lru_cache(maxsize=4096)
def _asked_prefixes(question: str) -> frozenset[str]:
    """The first five letters of the question's content words of five or more letters."""
    return frozenset(w[:5] for w in _topic_words(question) if len(w) >= 5)


@lru_cache(maxsize=4096)
def _question_numbers(question: str) -> frozenset[str]:
    """The numbers a question gives ("912", "405"), without thousands separators."""
    return frozenset(n.replace(",", "").rstrip(".") for n in _NUMBER.findall(normalize_for_claims(question)))


def _rejects_previous(clause: str, topic: frozenset[str], pattern: re.Pattern[str], owner: Mapping[str, str] | None = None) -> bool:
    """Whether a clause naming no candidate denies, of a pronoun, something the question asks about
    ("but it is not the capital", "that isn't the answer"). A bare "not" before a word of an answer's
    own name ("total calories, not fat specifically") sets that answer against the one before: it
    rejects nothing named before.

    Example:
        >>> owner = {"total calories": "correct", "eating fat": "wrong"}
        >>> _rejects_previous("not fat specifically", frozenset({"fat", "calories"}), re.compile("total calories|eating fat"), owner)
        False
        >>> _rejects_previous("not en masse", frozenset({"masse"}), re.compile("x"), owner)
        True
    """
    found = _MEANT["pronoun_not"].match(clause)
    if found is None or pattern.search(clause) is not None:
        return False
    denied = _WORD_RE.findall(clause[found.end() :])
    if owner and clause.startswith("not") and denied and any(denied[0] in _WORD_RE.findall(alias) for alias in owner):
        return False
    return not topic.isdisjoint(denied)


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
        line_start = sentence_start(plain, start, ".\n,")
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
