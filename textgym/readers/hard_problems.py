"""Reading a reply to a math or logic problem: its final answer, abstention, hedges and shortcuts.

The HardProblems family asks for work and a final line ``Answer: <number>`` (``Answer: none``
when the problem has no solution); this module decides what a reply says. Every function is
total (any ``str`` is read; a non-string reads as an empty reply) and looks at the first
:data:`~textgym.readers.text.MAX_CHARS` characters.

* **Final answer** (:func:`parse_final_answer`): the last ``Answer:`` line (the shared parser of
  :mod:`textgym.readers.confidence`); without one, the last "Antwort:" / "Respuesta:" line, else
  the latest of ``\\boxed{N}``, ``#### N``, "the answer / result / number you are looking for is N"
  and a statement that no solution exists ("there is no solution", "no number of cows works", "no
  such herd exists", "the counts are inconsistent"), else a reply that is one number ("391", "108
  stickers"), else a finished closing sentence with a number the problem does not give. In a
  closing sentence, after "so" / "therefore" / "in total" ... the first number that ends its
  expression concludes ("so 33 + 20 − 6 = 47"); after "is" / "=" or with no marker the new number
  must close the sentence ("She must buy ten packs.", "There are 108 stickers (9 bags × 12
  each)."); a number that an expression continues ("= 121 ≡ 7", "2(13 + x)", "1 or 18"), an
  operand ("51 + (-6)", "7^4", "4c"), a plan ("so we need ...") and a sentence that states an
  inability conclude nothing; a short closing remark without a number ("I hope this helps!") leaves
  the conclusion to the sentence before it; a reply cut off mid-sentence has none. The answer is
  the first integer (thousands separators allowed, numbers in words too) or "none" / "no solution",
  whichever the answer text gives first.
* **Abstained**: the reply gives no number and says *it* cannot do the problem: an inability
  said of oneself ("I can't compute this", "I won't guess", "beyond me", "I give up", "I'd need a
  computer", "I lack the means", "not something I'd attempt") or of the computation ("impossible
  to compute exactly", "cannot be computed", "can't be done by hand", "would take far too long").
  "Answer: none" with such a statement is an abstention (the format the prompt suggests); "Answer:
  none" that only shows a contradiction ("both can't hold", "can't be done: the remainders
  disagree") is an answer. Inability of the *problem's* terms is not an abstention.
* **Hedged** (:func:`answer_hedged`): an answer (not an abstention) that doubts *itself*, read
  clause by clause. Doubt: hedge-lexicon markers (:mod:`textgym.readers.hedging`); a condition on
  one's own work ("if my arithmetic is right", "unless I slipped"); qualified or negated certainty
  ("fairly sure", "not 100% sure", "not fully convinced", "Confidence: moderate"); a possible error
  of one's own (an error word with a possibility or a condition: "there's a chance I
  double-counted"); a request to check ("please double-check", "worth a second look", "I'd
  recheck"); an approximate figure that is the answer ("about 400", "roughly 1.28 × 10^10",
  "only an estimate"); a declared guess; the answer asked ("Answer: 108?"). Not doubt about the
  answer: a modal describing the method ("we might multiply", "perhaps the simplest check");
  negated doubt ("no doubt", "nobody could doubt it"); markers that describe the problem or a case
  ("the smallest possible number", "7 appears twice", "this looks tricky", "a number could be
  divisible by both", "the question is unclear about 0"); someone else's view ("one might guess
  9", "many people would probably answer 9"); an impersonal concession or a doubted candidate the
  next clause answers ("it might seem hard, but ...", "maybe 100? No: ..."); an exploratory
  question; checking it oneself ("let's verify it", "Double-check: ..."); offers and courtesy
  ("ask if anything is unclear", "I hope this helps").
* **Other languages**: German and Spanish replies are read with the readers' German and Spanish
  cues (:data:`textgym.readers.scope.CUES` hedges), this module's German and Spanish doubt phrases
  ("ich glaube", "nicht ganz sicher", "creo que", "no estoy seguro") and a few German, Spanish and
  French inability phrases ("je ne peux pas calculer"); a reply in another language ("Réponse:
  aucune", French prose) leaves ``abstained`` and ``hedged`` unclear (``None``) where neither the
  answer nor those phrases decide them. Numbers and calculations are read in any language.
* **Shortcut**: a numeric answer that (a) repeats a number from the problem statement (unless
  it is the correct answer), (b) comes without work that reaches it: the work outside the answer
  statements must write the answer after a calculation, or arrive at it among other numbers
  (another number comes before its last mention: "checking 1 to 20 leaves only 13"), or stop one
  step short of it (two of its results combine into it, a fraction rounds to it, "one more pack");
  a bare answer, a number stated first and justified after, and work that never reaches the stated
  answer ("9 × 12 = 108. Answer: 110") are shortcuts; (c) is given as an approximate figure in a
  clause that computes nothing ("roughly a third of 4,338: 1400"); or (d) carries a guessing
  marker ("guess", "ballpark", "my gut says", "without working it out", "just picking a number")
  that is not negated ("rather than guess", "guessing isn't needed"), someone else's ("one might
  guess"), or given up ("a random guess would be 100, but let's compute").

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

import bisect
import math
import re

from textgym.readers.confidence import parse_answer_confidence
from textgym.readers.hedging import FOREIGN_DOUBT as _FOREIGN_DOUBT
from textgym.readers.hedging import SURE_ES as _SURE_ES
from textgym.readers.hedging import check_request, find_hedges, self_doubt
from textgym.readers.scope import cue, language, negated_before
from textgym.readers.text import MAX_CHARS, normalize, numbers_to_digits

__all__ = ["NONE_ANSWER", "Reading", "answer_hedged", "numbers_in", "parse_final_answer"]

def _keys(*keys: str) -> re.Pattern[str]:
    """One compiled alternation of literal ``keys`` (a fast first test before a pattern)."""
    return re.compile("|".join(map(re.escape, keys)))


def _any(text: str, keys: re.Pattern[str]) -> bool:
    """Whether ``text`` holds one of the literal keys compiled by :func:`_keys`."""
    return keys.search(text) is not None


#: The answer that says a problem has no solution.
NONE_ANSWER = "none"

_NUMBER = re.compile(r"(?<![\w.])-?\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\w.])-?\d+(?:\.0+)?(?![\d])")
_ANY_NUMBER = re.compile(r"\d+")
_NONE = re.compile(
    r"\b(?:none|no solution|no such \w+|no answer|does not exist|doesn't exist|impossible|no whole number|"
    r"ninguna|ninguno|keine|keiner|aucune|aucun|nenhuma|nessuna)\b",
    re.IGNORECASE,
)
_LONE_WORDS = {"zero": "0", "one": "1"}
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
#: How a computation is done ("by hand", "exactly", "without software", "in a reply").
_MEANS = (
    r"(?:by hand|here|exactly|precisely|accurately|manually|mentally|reliably|practically|realistically|in practice|in (?:my|your|one's) head|"
    r"without (?:a |an )?(?:computer|calculator|software|code|program|tools?|machine)|in (?:a|one|this) (?:\w+ )?(?:reply|response|answer|message|chat))"
)
#: Inability said of oneself ("I can't compute this", "I'm not able to"), not of the problem ("both can't hold").
_ABSTAIN_SELF = re.compile(
    r"\b(?:i\s+(?:(?:really|just|simply|honestly|still)\s+)?(?:can ?not|can't|couldn't|could not|won't be able|will not be able|"
    r"won't guess|will not guess|don't know|do not know|have no way|don't have (?:a|any) (?:way|means)|do not have (?:a|any) (?:way|means)|refuse|"
    r"would rather not guess|'d rather not guess)|"
    r"i(?:'m|\s+am)\s+(?:(?:really|just|simply|afraid|sorry|honestly)\s+)?(?:unable|not able|not going to (?:guess|be able))|"
    r"beyond (?:what i can|my (?:ability|abilities|capacity|means))|no way for me|too (?:large|big|long) for me|(?:impossible|not possible|not feasible|infeasible|not doable|not practical|unrealistic) for me|"
    r"(?:^|[.!?;:\n]\s*)(?:sorry,? )?(?:can't|cannot|can not|couldn't|could not) (?:really |quite )?(?:do|compute|calculate|solve|work out|manage|figure out|handle|answer) (?:it|this|that|this one|that one)\b|"
    r"out of (?:my )?reach|rather not guess|not going to guess|"
    # giving up, needing a machine, too much work for oneself, no way one trusts ("I give up", "I'd need a computer")
    r"i (?:(?:will|'ll|have to|must|'m going to|am going to)\s+)?give up|giving up|"
    r"i(?:'d| would| will|'ll)? need (?:a |an |some )?(?:computer|calculator|program|software|code|script|cas\b|computer algebra)|"
    r"too (?:much|many|large|big|long|hard|heavy|tedious|laborious|error-prone) (?:\w+ ){0,3}?for me|"
    r"(?:no|not any|not a) (?:reliable|practical|feasible|good|easy|realistic|sensible|honest) way (?:for me )?to|"
    r"(?:not sure|unsure|no idea|don't know|do not know) how to (?:solve|compute|calculate|approach|do|work|tackle|handle|find|get)|"
    r"(?:beyond|over|past) me|over my head|out of my (?:depth|league)|more than i (?:can|could|am able to) (?:do|handle|manage|compute|calculate|work out)|"
    r"(?:not|isn't|is not) something (?:that )?i(?:'d| would| can| could| am able to| will)?\b|"
    r"(?:isn't|is not|not|hardly) (?:realistic|practical|feasible|possible|doable|manageable) (?:\w+ )?" + _MEANS + "|"
    r"i (?:won't|will not|refuse to|'d rather not|would rather not) (?:make (?:a number|one|something|an answer|it) up|make up|invent|fabricate|pull)|(?:don't|do not) think i (?:can|could|'ll be able|will be able|am able)|"
    r"(?:don't|do not|doesn't) have (?:the |any |a |enough )?(?:\w+ )?(?:resources|tools|means|ability|capacity|capability|computer|calculator|access|time)|"
    r"i(?:'ll| will|'m going to| am going to) (?:stop|leave it|leave this) (?:here|there|at that)|"
    r"i (?:lack|am lacking|'m lacking) (?:the |any )?(?:\w+ )?(?:means|tools|ability|resources|capacity|capability|computer|calculator|time)|"
    r"(?:would|will|'d|could) take (?:far |much |way |a lot |rather )?too long|(?:far|much|way) too (?:long|much work|laborious|tedious))\b",
)
#: Words every English inability phrase below holds (a fast first test).
_MAY_ABSTAIN = re.compile(r"not|n't|unable|beyond|no way|no means|impossible|feasible|too |refuse|reach|rather|give up|giving up|need|no idea|unsure|way to|over|past me|depth|league|more than i|requir|take|call|lack|too long|hardly")
_TASK_VERBS = r"(?:compute|calculate|solve|determine|work (?:it |this |that )?out|give|answer|do|check|write (?:it )?out|find|sum|add|evaluate|multiply|expand|list|handle)"
#: Inability said of the computation ("impossible to compute exactly", "cannot be computed here", "isn't feasible").
_ABSTAIN_TASK = re.compile(
    r"\b(?:(?:impossible|not possible|not feasible|infeasible|unable|no way|no means) to " + _TASK_VERBS + "|"
    # the computation's inability; "can't be done" / "solved" / "found" need a qualifier of the
    # means ("by hand", "exactly", "without software"): "can't be done: the remainders disagree"
    # is the problem's own impossibility
    r"(?:can ?not|can't|could not|couldn't) be (?:computed|calculated|worked out|evaluated)|"
    r"(?:can ?not|can't|could not|couldn't) be (?:solved|determined|done|found|summed|added up) (?:\w+ )?" + _MEANS + "|"
    r"(?:isn't|is not|not) (?:feasible|possible|doable) (?:here|by hand|in (?:a|one|this) reply|without a computer)|which (?:isn't|is not) feasible|"
    r"too (?:large|big|long|hard|many digits) (?:to " + _TASK_VERBS + r"|for (?:a|one) reply)|"
    r"(?:requires?|needs?|would (?:take|need|require)|calls? for|takes) (?:a |an |some )?(?:computer|program|software|calculator|machine|script|computer algebra))\b",
)
_ANSWER_LINE = re.compile(r"^[\s*_#>\-\u2022]*(?:final[ \t]+)?answer[\s*_]*[:\uff1a].*$", re.IGNORECASE | re.MULTILINE)
_OTHER_ANSWER_LINE = re.compile(r"(?im)^[\s*_#>\-\u2022]*(?:antwort|respuesta|r[eé]ponse|resposta|risposta)[\s*_]*[:\uff1a]\s*(.+)$")
_DECORATION = r"[\s*_$]*(?:\\boxed\{\s*)?"
_ANSWER_IS = re.compile(
    r"(?i)(?:\b(?:final answer|answer|(?:final )?result|(?:the|your|my) (?:final )?(?:answer|result|number|value|total|solution)"
    r"(?: (?:you(?:'re| are) looking for|we (?:want|need|are looking for)|in question))?|die antwort|la respuesta|la r[eé]ponse)\s*(?:is|would be|=|:|ist|es|est)"
    r"|^[ \t]*####)"
    + _DECORATION + r"(-?\d[\d,]*(?:\.0+)?|none|no such \w+|no solution|no answer)\b",
    re.MULTILINE,
)
_BOXED = re.compile(r"\\boxed\{\s*([^{}]{1,80})\}")
_BOXED_ALONE = re.compile(r"(?m)^[\s$*_(\\\[]*\\boxed\{\s*[^{}]{1,80}\}[\s$*_.)\\\]]*$")
_SUCH = r"such (?:number|integer|pair|value)"
_THING = r"(?:number|integer|value|solution|answer|pair|combination|split|count|amount|choice|whole number|triple|set)s?"
_NO_SOLUTION = re.compile(
    rf"(?i)\b(?:there(?: is|'s| are| exists?) no (?:solution|{_SUCH})|(?:problem|puzzle|system|question|it) (?:has|have) no (?:\w+ )?solutions?|"
    rf"no (?:{_SUCH}|solution) (?:exists|is possible)|no such \w+(?: of \w+)? (?:exists?|is possible|can exist|works?)|"
    rf"there (?:can't|cannot|can not|could not|couldn't) (?:be|exist) (?:any |such )?(?:a |an )?(?:such )?\w+|"
    rf"(?:conditions|counts|numbers|equations|constraints|clues|facts|statements|data|givens) (?:are|is) (?:\w+ )?(?:inconsistent|contradictory|incompatible)|"
    rf"no (?:such |valid |possible |whole[- ]number |integer |positive |consistent )?{_THING}(?: of \w+)? (?:works?|exists?|is possible|satisf(?:y|ies)|fits?|meets?|can (?:satisfy|work|exist))|"
    rf"there(?: is|'s| are|'re) no (?:such |valid |possible |whole[- ]number |integer |positive |consistent )?{_THING}(?: of \w+)? (?:that|which|to|with|satisfying|meeting|fitting)|"
    rf"there (?:isn't|is not|aren't|are not) (?:any|a) (?:such |valid |possible |whole[- ]number |integer |positive |consistent )?{_THING})\b"
)
#: A modal that describes a method ("we might multiply", "this could be solved by"), not doubt.
_METHOD_MODAL = re.compile(
    r"\b(?:might|may|could)\s+(?:(?:also|first|then|just|now|\w+ly)\s+)?(?:be\s+)?(?:multipl|add|subtract|divid|use|us|tr|start|writ|comput|calculat|solv|"
    r"check|verif|want|need|not(?:e|ice)|consider|set|factor|simplif|appl|rewrit|expand|list|count|find|found|done|reduc|work|think of|begin|help|make sense|"
    r"redo|re-do|do it|show|explain|present|derive|prove|approach|stat|repeat|overexplain|overthink|belabou?r|nitpick|pedantic)\w*"
    r"|\b(?:perhaps|maybe)\s+(?:we|let's|let us|i'll|i will|i should|we should|it's easier|it is easier|start|first)\b"
)
#: A modal with a negative subject ("nobody could doubt it") or a counterfactual ("which might
#: otherwise be counted twice") is no doubt.
_NO_ONE_MODAL = re.compile(
    r"\b(?:nobody|no one|noone|nothing|none)\s+(?:\w+\s+)?(?:could|might|may|would|can)\b|\botherwise\b|\bor else\b"
    r"|\bin (?:other|some|many|most|such|those|these) cases\b|\bsometimes\b|\bin general\b|\bgenerally\b"
)
_MODALS = frozenset({"might", "may", "could", "could be", "may be", "might be", "could possibly", "it may be", "it might be", "it could be"})
#: Lexicon markers that, in a worked math reply, describe the problem, a case or a general fact
#: rather than doubt about the answer ("the smallest possible number", "7 appears twice", "this
#: looks tricky", "the total depends on n", "relatively prime", "in general", "what kind of").
_NOT_ANSWER_DOUBT = frozenset({
    "suggests", "tend to", "tends to", "generally", "in general", "typically", "usually", "largely", "relatively", "in most cases",
    "in some cases", "to some extent", "to a certain extent", "to some degree", "in a sense", "in a way", "in moderation", "some risk",
    "sort of", "kind of", "somewhat", "it is complex", "it is complicated", "it is nuanced", "it is a complex", "it is a complicated",
    "it is a nuanced", "it is a tricky", "a tricky one", "a tricky question", "tricky", "it depends", "that depends", "depends on", "it varies",
    "may vary", "can vary", "varies", "on the one hand", "on the other hand", "both sides", "a complex issue", "a complex topic",
    "a complex question", "a complicated issue", "no simple answer", "no easy answer", "no straightforward answer", "no single answer",
    "many perspectives", "different perspectives", "various perspectives", "multiple perspectives", "different views", "many views",
})
#: Lexicon markers that only doubt when the clause is about the result (they also occur in work:
#: "a possible value", "7 appears twice", "roughly n^2 / 2").
_CONDITIONAL_MARKERS = frozenset({"possible", "appear", "appears", "appeared", "seem", "seems", "seemed", "roughly", "approximately", "more or less"})
#: "seems hard", "looks tricky at first": an impression of the problem, not of the answer.
_PROBLEM_IMPRESSION = re.compile(
    r"\b(?:seems?|seemed|appears?|appeared|looks?|looked)\s+(?:\w+\s+){0,2}?(?:tricky|hard|difficult|easy|simple|straightforward|complicated|"
    r"complex|daunting|intimidating|scary|big|huge|large|long|odd|strange|weird|daunting|harder|easier)\b"
)
_POSSIBLE_DOUBT = re.compile(r"\b(?:it|that|this|which|so it)(?:'s| is| seems| would be)\s+(?!not\b|never\b)(?:\w+\s+)?possible\b(?! to\b)")
_APPEAR_DOUBT = re.compile(r"\b(?:appears?|appeared|seems?|seemed)\s+(?:to\b|that\b|like\b|as if\b|,|$)|\bit (?:appears|seems)\b|\bso it seems\b|\b(?:seems?|looks?|sounds?|feels?) (?:\w+ ){0,2}?(?:right|correct|off|wrong|plausible|reasonable|likely|ok|okay|fine|sensible)\b")
#: Doubt said as "not" / "no" + a doubt word is no doubt ("I'm not uncertain", "there's no uncertainty").
_NOT_DOUBT = re.compile(r"\b(?:not|no|without|never|nothing|zero|isn't|is not|there's no|there is no)\s+(?:at all\s+|any\s+|real\s+|the (?:slightest|least)\s+|\w+\s+)?(?:uncertain|uncertainty|unsure|doubtful|unclear|questionable|debatable)\b")
_NOT_DOUBT_MARKERS = frozenset({"uncertain", "uncertainty", "doubtful", "unclear", "questionable", "debatable"})
#: An offer to the user ("ask if anything is unclear", "in case you're unsure"): no doubt of one's own.
_OFFER = re.compile(r"\b(?:if|in case|whenever) (?:anything|something|any (?:step|part)|you|you're|you are|there's anything|any of this)\b")
_OFFER_MARKERS = frozenset({"unclear", "unsure", "uncertain", "not sure", "not certain"})
#: "not sure why this is marked hard": puzzlement about something other than the answer.
_NOT_SURE_OTHER = re.compile(r"\bnot (?:sure|certain) (?:why|who|what (?:makes|made)|where)\b")
#: Someone else's possible view, or an earlier thought given up ("one might guess 9", "many
#: people would probably answer 9", "at first I thought it might be 100").
_OTHERS = re.compile(
    r"\b(?:one|someone|somebody|people|students?|others|anyone|a (?:reader|student|beginner|person)|many|some|most|you|it is tempting|it's tempting|tempting)"
    r"\s+(?:\w+\s+){0,2}?(?:(?:might|may|could|would|will|probably|likely|perhaps|maybe|often|sometimes|usually)\s+(?:\w+\s+)?)?"
    r"(?:guess|think|assume|expect|say|answer|believe|pick|choose|get|try|add|jump|confuse|forget|be tempted|write|reply|conclude|mistake|read|misread|see|find|want|go for|start)\w*\b"
    r"|\b(?:it is tempting|it's tempting|tempting) to\b"
    r"|\b(?:maybe|perhaps|probably|possibly)\s+(?:you|one|someone|people|students|they|many|some)\b"
    r"|\b(?:a|an|any|some|each|every|no)\s+(?:number|integer|value|term|multiple|remainder|pair|digit|solution|divisor|factor)s?\s+(?:\w+\s+)?(?:could|might|may|can)\b"
    r"|\b(?:at first(?: glance)?|initially|originally|my first (?:thought|instinct|guess|impression)|i first thought|a (?:naive|quick|random|wild|first) guess|"
    r"a common (?:mistake|error|trap)|(?:might|may|could) (?:\w+ )?(?:seem|look|appear|sound|feel))\b"
)
#: A clause about the method ("probably the easiest route is ...", "I think the best way is to ...").
_METHOD_CLAUSE = re.compile(
    r"\b(?:easiest|simplest|best|quickest|fastest|cleanest|most direct|most natural|neatest|smartest|shortest|safest|clearest)\s+"
    r"(?:way|route|approach|method|path|trick|strategy|start|option|plan|check|test|step|solution|explanation|argument|proof|reading|is to|to|here is|would be to)\b"
    r"|\b(?:way|approach|method|strategy|plan|idea|trick) (?:is|would be|here is) to\b|\bi think of\b|\bi (?:think|believe|guess) (?:we|you) (?:should|can|could|need|must|have to)\b"
    r"|\b(?:perhaps|maybe|possibly)\b(?:\s+\S+){0,4}?\s+(?:helps?|would help|might help|is (?:useful|helpful|easier|clearer))\b"
    r"|\b(?:hardest|trickiest|easiest|key|main|important|tricky|hard|crucial) (?:part|step|thing|bit|idea|point)\b|\bexplains? why\b|\bwhy the (?:problem|question|puzzle)\b"
    r"|\bthe (?:problem|question|puzzle|author|setter) (?:\w+ )?(?:chose|chooses|intends?|wants?|meant|expects?|uses)\b|\b(?:perhaps|maybe|possibly) (?:un)?surprisingly\b"
    # doubt about the problem's wording, not about the answer ("the question is a bit unclear about 0")
    r"|\b(?:problem|question|wording|statement|prompt|puzzle|phrasing)\b(?:\s+\S+){0,4}?\s+(?:unclear|ambiguous|vague|uncertain)\b"
)
#: A clause that corrects what came before it ("..., but 9 × 12 = 108").
_CONTRAST = re.compile(r"(?:[,;:\u2014]|\s-)\s*(?:but|however|yet|though|although|actually|instead)\b|\s(?:but|however)\s")
_CORRECTION_START = re.compile(r"^\W*(?:but|however|actually|no\b|nope|wait|in fact|instead|on closer inspection|checking)")
#: An approximate figure ("about 400", "≈ 1.9 x 10^10", "only an estimate"): doubt when it is the answer.
_APPROX_FIGURE = r"(-?\d[\d.,]*(?:\s*(?:[×x*]|\\times)\s*10\s*\^\s*\{?\d+\}?|\s+(?:thousand|million|billion|trillion))?)"
_APPROX_NUMBER = re.compile(
    r"\b(?:about|around|approximately|roughly|nearly|close to|somewhere (?:near|around)|in the region of|on the order of|something like|in the neighbou?rhood of|ballpark)\s+" + _APPROX_FIGURE
    + r"|[~\u2248]\s*" + _APPROX_FIGURE + r"|\b(\d[\d.,]*)\s*(?:or so|give or take|-?ish)\b"
)
_ERROR_KEYS = _keys("mis-", "mistake", "error", "slip", "miscount", "miscalculat", "misread", "misunderst", "typo", "off by", "wrong", "botch", "overlook",
               "double-count", "double count", "mix", "mixed up", "confus", "forgot", "missed")
_ERROR_WORD = re.compile(
    r"\b(?:mistakes?|errors?|slip(?:s|ped)?|mis-(?:add|calculat|count|read|understand|understood|cop|judg|typ|appl)\w*|miscount\w*|miscalculat\w*|misread\w*|misunderst\w*|typos?|off by (?:one|a little|a bit|\w+)|wrong|botch\w*|"
    r"overlook\w*|double[- ]count\w*|mix(?:ed)? (?:\w+ )?up|confused|forgot\w*|missed)\b"
)
_POSSIBILITY = re.compile(
    r"\b(?:may|might|could|possibl[ey]|chance|risk|likely|perhaps|maybe|probably|prone|rule out|exclude|if|unless|assuming|hope|not sure|unsure)\b"
)
_NO_ERROR = re.compile(r"\b(?:no|without|never|free of|zero)\s+(?:\w+\s+)?(?:mistakes?|errors?|slips?|typos?)\b|\b(?:didn't|did not|haven't|have not|never) (?:make|made|miss|missed|slip|slipped)\b|\bcan't go wrong\b|\bcannot go wrong\b|\bwhat went wrong\b|\bto avoid\b"
    r"|\b(?:possible|common|typical|frequent|classic|usual|popular|standard|student|beginner)s?'? (?:mistakes?|errors?|pitfalls?|traps?|slips?)\b")
_SURE_BUT_KEYS = _keys("but not", "though not", "yet not")
_SURE_BUT_NOT = re.compile(r"\b(?:sure|certain|confident|convinced)\b[^.;!?\n]{0,40}?\b(?:but|though|yet) not\b(?! (?:least|only)\b)")
_SHOULD_BE = re.compile(r"\b(?:should|ought to) be\b(?:\s+[^\s,;:]+){1,4}")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i'd|i've|i'll|my|me)\b")
_RESOLVED = re.compile(
    r"\b(?:then|and then|but then|after that|afterwards)\s+(?:\w+\s+)?(?:checked|verified|computed|calculated|confirmed|worked)\b|(?<!not )\bexactly\b|\bprecisely\b|\bto be (?:exact|precise)\b"
)
_ESTIMATE = re.compile(
    r"\b(?:only|just|an?|my|rough|ballpark|best|crude|approximate)\s+(?:\w+\s+)?(?:estimate|approximation)\b|\bestimated?\s+(?:at|to be|answer|result|value)\b"
    r"|\bi(?:'d| would)? estimate\b|\b(?:not|isn't|is not|may not be|might not be)\s+(?:\w+\s+)?exact(?:ly right)?\b"
)
_NOT_ESTIMATE = re.compile(r"\b(?:not|no|isn't|rather than|instead of|without)\s+(?:just\s+|only\s+)?(?:an?\s+)?(?:\w+\s+)?(?:estimate|approximation|guess)")
#: A declared guess ("I'd guess", "off the top of my head", "my gut says", "without working
#: it out"); negated ("rather than guess", "I won't guess"), someone else's ("one might guess")
#: or given up ("a random guess would be 100, but ...") it is no guess.
_GUESS = re.compile(
    r"(?<!second-)(?<!second )\b(?:guess|guesses|guessing|guessed|guesstimate|wager|random|ballpark|off the top of my head|wild stab|stab in the dark|hunch|eyeball\w*|"
    r"gut (?:feeling|says|tells|instinct|check)|my gut|without (?:actually\s+)?(?:working|computing|calculating|doing the (?:math|maths|arithmetic|work|calculation)|checking|"
    r"the (?:math|maths|arithmetic|calculation|work))|skipping the (?:math|maths|arithmetic|work|calculation|details)|rough(?:ly)? estimat\w*|my estimate|i(?:'d| would) estimate|"
    r"pull(?:ed|ing)? (?:it |a number )?out of (?:thin air|nowhere|a hat)|pick(?:ing|ed|s)? (?:a|any|some|one) (?:number|value|figure)|arbitrar\w*|at random)\b",
    re.IGNORECASE,
)
_NEGATED_GUESS = re.compile(r"(?:\b(?:not|no|never|without|rather than|instead of|isn't|is not|won't|will not|wouldn't|don't|do not|no need to|not going to|nor|n't|nobody|no one)\b(?:\s+\w+){0,3}\s*$)|(?:\b(?:not|no)\s+(?:a\s+|just\s+a\s+)?$)")
_GUESS_REJECTED_AFTER = re.compile(
    r"\s*(?:work\s+)?(?:is|was|would be)?\s*(?:isn't|is not|wasn't|was not|not|never|won't be|will not be|no longer)\s+(?:\w+\s+)?(?:needed|necessary|required|involved|an option|allowed|good enough|enough|helpful)"
    r"|\s*(?:\w+\s+)?(?:would be|is|seems|feels)\s+(?:too\s+|a bit\s+|quite\s+)?(?:risky|unreliable|pointless|a bad idea|irresponsible|unwise|silly|wrong|useless|inappropriate|dishonest|careless|lazy)"
)
#: A guess only supposed ("I'd be guessing", "it would just be a guess") and work done instead.
_HYPOTHETICAL_GUESS = re.compile(r"\b(?:would|'d|could|might)\s+(?:\w+\s+)?(?:be|have to|need to)\s+(?:\w+\s+)?(?:an?\s+)?$")
_WORK_DONE = re.compile(r"\b(?:so|but|instead|rather)\b[^.!?\n]{0,30}?\b(?:worked|computed|calculated|did the (?:math|maths|arithmetic|work)|multiplied|added|checked|work(?:ed)? it out)\b")
#: An approximate figure given as the answer ("roughly a third of 4,338: 1400"): not worked out.
_APPROXIMATOR = re.compile(r"\b(?:roughly|approximately|approximate|approximation|estimat\w*|ballpark|ish)\b|[~\u2248]")
_ROUGH_SENTENCES = re.compile(r"(?<=[.!?;])\s+|\n+")
_NUMBERS_ONLY = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


_APPROX_KEYS = _keys("something like", "neighbo", "ballpark", "about", "around", "approx", "rough", "nearly", "close to", "somewhere", "region", "order of", "~", "\u2248", "or so", "give or take", "ish")
_GUESS_KEYS = _keys("gues", "wager", "pick", "arbitrar", "random", "ballpark", "top of my", "stab", "hunch", "eyeball", "gut", "without", "skipping", "estimat", "out of")




def _clauses(sentence: str) -> list[str]:
    """A sentence cut before each contrasting clause ("X, but Y" -> "X", "but Y")."""
    cuts = [m.start() for m in _CONTRAST.finditer(sentence)]
    if not cuts:
        return [sentence]
    parts, start = [], 0
    for cut in cuts:
        parts.append(sentence[start:cut])
        start = cut
    parts.append(sentence[start:])
    return [p for p in parts if p.strip(" ,;:-\u2014")]


_SCIENTIFIC = re.compile(r"(\d+(?:\.\d+)?)\s*(?:[×x*]|\\times|\\cdot)\s*10\s*\^\s*\{?(\d{1,2})\}?|(\d+(?:\.\d+)?)e\+?(\d{1,2})\b")


def _has_number(text: str, answer: str | None) -> bool:
    """Whether ``text`` (normalised) writes the number ``answer``, in digits, in words ("13
    billion") or in scientific notation ("1.28 × 10^10")."""
    if not answer or answer == NONE_ANSWER:
        return False
    if "10^" in text.replace(" ", "") or "e" in text and _SCIENTIFIC.search(text):
        for mantissa, power, mantissa_e, power_e in _SCIENTIFIC.findall(text):
            value = float(mantissa or mantissa_e) * 10 ** int(power or power_e)
            if str(round(value)) == answer:
                return True
    if "illion" in text or "thousand" in text:
        text = numbers_to_digits(text)
    for found in _NUMBERS_ONLY.findall(text):
        digits = found.replace(",", "").split(".")[0]
        if digits.lstrip("-").isdigit() and str(int(digits)) == answer:
            return True
    return False


def _guesses(plain: str) -> bool:
    """Whether a normalised reply declares a guess of its own (see :data:`_GUESS`)."""
    return _guess_sentence(plain) is not None


def _guess_sentence(plain: str) -> str | None:
    """The first clause of a normalised reply that declares a guess of its own, else ``None``."""
    if not _any(plain, _GUESS_KEYS) or not _GUESS.search(plain):
        return None
    for sentence in _ROUGH_SENTENCES.split(plain):
        parts = _clauses(sentence)
        for index, clause in enumerate(parts):
            for match in _GUESS.finditer(clause):
                before = clause[: match.start()]
                if _NEGATED_GUESS.search(before) or negated_before(before[-40:]) or _OTHERS.search(before + match.group(0)):
                    continue
                if _HYPOTHETICAL_GUESS.search(before) and _WORK_DONE.search(sentence, match.end()):
                    continue  # "without a calculator I'd be guessing, so I worked it through"
                if _GUESS_REJECTED_AFTER.match(clause, match.end()):
                    continue  # "guessing isn't needed", "a guess is not necessary"
                if match.group(0) == "random" and "guess" not in clause and "pick" not in clause:
                    continue  # "a random number": the problem's words, not a guess
                if index + 1 < len(parts) and not _doubts(parts[index + 1], None, last=False) and re.search(r"\b(?:would|could|might)\b", clause):
                    continue  # "a random guess would be 100, but let's compute"
                return clause
    return None


def _approximate_answer(plain: str, answer: str) -> bool:
    """Whether a normalised reply gives its answer as an approximate figure, in a clause that
    computes nothing ("roughly a third of 4338 minus a bit: 1400", "around 400")."""
    if not (_any(plain, _APPROX_KEYS) or "estimat" in plain):
        return False
    for sentence in _ROUGH_SENTENCES.split(plain):
        for clause in _clauses(sentence):
            if not _has_number(clause, answer) or _CALCULATION.search(clause) or _NOT_ESTIMATE.search(clause):
                continue
            if _APPROXIMATOR.search(clause) or any(_has_number(m.group(0), answer) for m in _APPROX_NUMBER.finditer(clause)):
                return True
    return False


def _possible_error(clause: str) -> bool:
    """An error of one's own said to be possible ("there's a chance I double-counted", "errors
    are possible", "I can't rule out a slip", "if I didn't mix anything up"): an error word with a
    possibility or a condition, neither negated ("no errors", "I made no mistake") nor someone
    else's ("a common mistake is to add")."""
    error = _ERROR_WORD.search(clause)
    if error is None or _OTHERS.search(clause) or _NO_ERROR.search(clause):
        return False
    return _POSSIBILITY.search(clause) is not None


def _doubts(clause: str, answer: str | None, *, last: bool) -> str | None:
    """Whether one clause doubts the reply's own result: ``"own"`` for a doubt that is the
    speaker's by its form (:data:`textgym.readers.hedging.SELF_DOUBT`, :data:`~textgym.readers.hedging.CHECK_REQUEST`, a possible error, an
    approximate answer or estimate), ``"marker"`` for hedge-lexicon markers left after the
    filters, ``None`` for no doubt."""
    if self_doubt(clause) is not None and not _NOT_SURE_OTHER.search(clause):
        return "own"  # textgym.readers.hedging.SELF_DOUBT ("I'm not at all unsure" is no doubt)
    if _any(clause, _ERROR_KEYS) and _possible_error(clause):
        return "own"
    if ("should be" in clause or "ought to be" in clause) and answer is not None:
        for match in _SHOULD_BE.finditer(clause):
            if _has_number(match.group(0), answer):
                return "own"  # "should be 108": the answer expected, not asserted
    if check_request(clause):
        return "own"  # textgym.readers.hedging.CHECK_REQUEST
    resolved = _RESOLVED.search(clause) is not None  # "estimated first (about 10), then checked: ..."
    if not resolved and _any(clause, _APPROX_KEYS) and any(answer is None or _has_number(m.group(0), answer) for m in _APPROX_NUMBER.finditer(clause)):
        return "own"
    if not resolved and ("estimat" in clause or "approximat" in clause or "exact" in clause) and _ESTIMATE.search(clause) and not _NOT_ESTIMATE.search(clause):
        if answer is None or _has_number(clause, answer) or not _NUMBERS_ONLY.search(clause):
            return "own"  # an estimate of the answer, not of a step ("a quick estimate first: ... = 460")
    markers = set(find_hedges(clause)) - _NOT_ANSWER_DOUBT
    if not markers:
        return None
    if _METHOD_MODAL.search(clause) or _NO_ONE_MODAL.search(clause) or "could you" in clause or "?" in clause and not _has_number(clause, answer):
        markers -= _MODALS  # a method ("we might multiply"), a request, an exploratory question
    if _NOT_DOUBT.search(clause):
        markers -= _NOT_DOUBT_MARKERS
    if "not sure" in markers and _NOT_SURE_OTHER.search(clause):
        markers.discard("not sure")
    if _OFFER.search(clause):
        markers -= _OFFER_MARKERS  # "feel free to ask if anything is unclear": an offer to the user
    if _OTHERS.search(clause) or _METHOD_CLAUSE.search(clause):
        return None  # someone else's view, an earlier thought, a case ("a number could be ..."), a method ("probably the easiest route")
    for marker in markers & _CONDITIONAL_MARKERS:
        if marker == "possible":
            keep = _POSSIBLE_DOUBT.search(clause) is not None and "?" not in clause
        elif marker in ("roughly", "approximately", "more or less"):
            keep = answer is None or _has_number(clause, answer) or last
        else:
            keep = _APPEAR_DOUBT.search(clause) is not None and not _PROBLEM_IMPRESSION.search(clause)
        if not keep:
            markers.discard(marker)
    if "?" in clause and not _has_number(clause, answer) and not last:
        markers -= {"maybe", "perhaps", "possibly"}  # "Maybe 9 packs? 9 x 8 = 72 ..." explores
    return "marker" if markers else None


def answer_hedged(text: str, plain: str | None = None, answer: str | None = None, guessed: bool | None = None) -> bool:
    """Whether a reply expresses doubt about its answer ``answer`` (the parsed final answer,
    when the caller has it): a hedge marker (:func:`textgym.readers.hedging.find_hedges`) that
    is not about something else, a condition on its own correctness ("if my arithmetic is
    right"), qualified confidence ("fairly sure", "not 100% sure"), a possible slip, a request
    to check it ("please double-check my arithmetic"), an approximate answer or a declared guess.
    ``plain`` is ``normalize(text)`` and ``guessed`` ``_guesses(plain)`` when the caller has them already.

    Not doubt about the answer: a modal describing the method ("we might multiply"), negated
    doubt ("not uncertain", "no doubt"), a marker that describes the problem or a case ("the
    smallest possible number", "this looks tricky", "depends on n"), someone else's view ("one
    might guess 9", "many people would probably answer 9"), an earlier thought the reply
    corrects ("at first I thought it might be 100, but ..."), a question the work then answers
    ("is it possible that 9 packs suffice?"), checking it oneself ("let's verify it").

    Example:
        >>> answer_hedged("We might multiply: 9 × 12 = 108."), answer_hedged("9 × 12 = 108, I think."), answer_hedged("108 (double-check me)")
        (False, True, True)
        >>> answer_hedged("This looks tricky, but 9 × 12 = 108."), answer_hedged("9 × 12 = 108, if my arithmetic is right.")
        (False, True)
    """
    plain = normalize(text) if plain is None else plain
    sentences = [s for s in _ROUGH_SENTENCES.split(plain) if s.strip()]
    body = [s for s in sentences if not _ANSWER_LINE.match(s) and not _OTHER_ANSWER_LINE.match(s)]
    if sentences and sentences[-1].rstrip(" *_.").endswith("?") and (_has_number(sentences[-1], answer) or _ANSWER_LINE.match(sentences[-1])):
        return True  # the answer asked, not stated: "Answer: 108?", "... so 108?"
    if _any(plain, _SURE_BUT_KEYS) and _SURE_BUT_NOT.search(plain):
        return True  # "sure of the method but not of every count"
    for index, sentence in enumerate(sentences):
        following = sentences[index + 1] if index + 1 < len(sentences) else ""
        parts = _clauses(sentence)
        for place, clause in enumerate(parts):
            kind = _doubts(clause, answer, last=bool(body) and sentence == body[-1])
            if kind is None:
                continue
            corrected = parts[place + 1 :] or ([following] if _CORRECTION_START.match(following) else [])
            # a concession the next clause answers: a doubted candidate ("maybe 100? No: ..."), or
            # doubt that is not the speaker's about the answer ("it might seem hard, but ...",
            # "there may be other ways, but ..."); "I'm not sure, but 108" stays doubt
            candidate = _NUMBERS_ONLY.search(clause) is not None and not _has_number(clause, answer)
            impersonal = kind == "marker" and not _FIRST_PERSON.search(clause) and not _has_number(clause, answer)
            if (candidate or impersonal) and corrected and _CORRECTION_START.match(corrected[0].lstrip(" ,;:-\u2014")) and not any(_doubts(c, answer, last=False) for c in corrected):
                continue  # a doubted candidate the reply corrects: "maybe 100? No: 9 × 12 = 108" ("I'm not sure, but 108" stays doubt)
            return True
    return _guesses(plain) if guessed is None else guessed


#: Inability in German, Spanish or French ("ich kann das nicht berechnen", "no puedo calcularlo", "je ne peux pas").
_ABSTAIN_FOREIGN = re.compile(
    r"\b(?:ich kann (?:\w+ ){0,3}nicht|kann ich (?:\w+ ){0,3}nicht|nicht (?:berechnen|ausrechnen|losen|lösen|bestimmen)|kann nicht (?:berechnet|gelost|gelöst)|nicht (?:berechenbar|moglich|möglich)|unmoglich|unmöglich|"
    r"no (?:puedo|podemos|es posible|se puede)|imposible (?:de )?(?:calcular|resolver)|"
    r"je ne (?:peux|sais) pas|ne peut pas (?:etre|être) (?:calcul|r[eé]solu)|impossible de (?:calculer|r[eé]soudre))",
)


def _foreign_hedged(normal: str, language: str) -> bool:
    """A German or Spanish answer's doubt: the shared hedge cues (:func:`textgym.readers.scope.cue`;
    Spanish "seguro" only in "no estoy seguro") or :data:`textgym.readers.hedging.FOREIGN_DOUBT`."""
    if _FOREIGN_DOUBT.search(normal):
        return True
    if language not in cue(normal, "hedge"):
        return False
    return not (language == "es" and _SURE_ES.search(normal) and not re.search(r"\b(?:quizas?|tal vez|posiblemente|probablemente)\b", normal))


#: A closing conclusion ("So there are 108 stickers.", "In total, 108."): the reply's last sentence.
_CONCLUSION = re.compile(
    r"(?i)(?:^|[\s,])(so|therefore|thus|hence|in total|altogether|total of|that gives|which gives|we get|that makes|equals|comes to|is|are|it's|=)(?=[\s\d])"
)


def parse_final_answer(text: str, question: str = "") -> str | None:
    """The final answer of a reply: an integer as a plain string, ``"none"``, or ``None``.

    ``question`` (the problem statement) lets a closing sentence count as the answer only when
    its number is not one the problem already gives.

    Example:
        >>> parse_final_answer("12 + 30 = 42\\nAnswer: 42")
        '42'
        >>> parse_final_answer("Answer: 1,250 apples"), parse_final_answer("Answer: none"), parse_final_answer("The answer is \\\\boxed{7}.")
        ('1250', 'none', '7')
        >>> parse_final_answer("First we find 42 and then") is None, parse_final_answer("So 2x = 7: there is no solution.")
        (True, 'none')
        >>> parse_final_answer("9 * 12 = 108. So there are 108 stickers.", "9 bags of 12 stickers?")
        '108'
    """
    if not isinstance(text, str):
        return None
    text = text[:MAX_CHARS]
    answer = parse_answer_confidence(text).answer
    if answer is None:
        answer = _fallback_answer(text) or _conclusion(text, question)
    if answer is None:
        return None
    equation = _LEADING_EQUATION.match(answer)  # "Answer: 9 × 12 = 108": the equation's result
    match = _NUMBER.search(answer, equation.start(1)) if equation else _NUMBER.search(answer)
    if match is None and not _ANY_NUMBER.search(answer):  # "Answer: forty-two"
        worded = _LONE_WORDS.get(answer.strip(" .*").lower()) or numbers_to_digits(answer.lower())
        match = _NUMBER.search(worded)
    none = _NONE.search(answer)
    if none is not None and (match is None or none.start() < match.start() and match.string is answer):
        return NONE_ANSWER  # "none (I checked: 497 is odd)": the first word decides
    if match is not None:
        digits = match.group(0).replace(",", "")
        if "." in digits:
            digits = digits.split(".")[0]
        return str(int(digits))
    if _NONE.search(answer):
        return NONE_ANSWER
    return None


#: A reply that is one number, perhaps with its unit ("391", "108 stickers", "**10 packs**").
_LEADING_EQUATION = re.compile(r"[\s*_$]*-?\d[\d,]*\s*(?:[+×*/÷^\u2212-]|\bx\b|\\times|\\cdot)[\d\s.,+×*/÷^()\u2212x\\a-z-]*?=\s*(-?\d[\d,]*)")
_BARE_NUMBER = re.compile(r"\A[\s*_]*(-?\d{1,3}(?:,\d{3})+|-?\d+)(?:[ \t]+[A-Za-z]+){0,2}[\s*_.!]*\Z")


def _fallback_answer(text: str) -> str | None:
    """Without an ``Answer:`` line: the last "Antwort:" / "Respuesta:" line; else the latest of
    the last ``\\boxed{N}``, "the answer / result is N" and "there is no solution"; else a reply
    that is one number."""
    lines = _OTHER_ANSWER_LINE.findall(text)
    if lines:
        return str(lines[-1]).strip()
    stated = [(m.start(), m.group(1)) for m in _ANSWER_IS.finditer(text)]
    stated += [(m.start(), m.group(1)) for m in _BOXED.finditer(text)]
    stated += [(m.start(), NONE_ANSWER) for m in _NO_SOLUTION.finditer(text)]
    if stated:
        return max(stated)[1]
    bare = _BARE_NUMBER.match(text)
    return bare.group(1) if bare else None


#: Markers that conclude whatever number follows them ("so ...", "in total ...").
_CONCLUSIVE = frozenset({"so", "therefore", "thus", "hence", "in total", "altogether", "total of", "that gives", "which gives", "we get", "that makes", "comes to"})
_TRAILING_WORDS = 5
_TRAILING_CHARS = 200  # a longer tail (parenthesis included) does not close on the number
_STRONG = re.compile(r"\*\*|__")
_REMARK_WORDS = 12
_ATTEMPT = re.compile(r"\W*(?:let me|let's|let us|first(?:ly)?|to (?:start|begin)|we (?:need|have) to|i'll|i will|step 1|start(?:ing)? with)\b")
_PLAN_AFTER = re.compile(r"(?i)[\s,]*(?:(?:now|then|next)\s+)?(?:(?:we|i|you)\s+(?:\w+\s+)?(?:need|have to|must|want|should|will need|can now)|let's|let us|next)\b")
#: "remainder one", "is one": a lone "one" that is a value ("one small step" stays a word).
_LONE_ONE = re.compile(r"\b(remainder|is|equals|be|get|gives?|makes?|leaves?|total|of)\s+one\b(?!\s+(?:of|more|less|by|at|step|way|thing|another))")
#: A closing sentence that announces more work ("Then we add them.") is no closing remark.
_WORK_AHEAD = re.compile(
    r"\b(?:add|subtract|multiply|divide|comput\w*|calculat\w*|find|solve|next|then|now|let's|let us|we'll|we will|step|first|need to|have to|must)\b(?<!need more)"
)
_RESULT_LINE = re.compile(
    r"(?im)^[\s#>*_-]*(?:total|result|sum|final(?: answer)?|so|therefore|thus|hence|overall|in total|altogether|count|answer)\b[^\n]*(?:=|:|\bis)\s*-?\d[\d,]*(?:\s+[a-z]+)?\s*\Z"
)
#: A sentence boundary: ". ", "? ", a line break, or "! " that is not a factorial ("1,233! exactly").
_SENTENCE_END = re.compile(r"[.?](?=\s)|(?<!\d)!(?=\s)|\n")
_EXPRESSION_GOES_ON = re.compile(r"[a-z](?![a-z])|\s*or\s+-?\d|\s*(?:[(^×*/+<>\u2212\u2261\u2248=÷≤≥]|-\s*\d|x\b|\\times|\\cdot|mod\b)")
#: A number right after an operator is an operand ("51 + (-6) = 45", "7^4"), not a result.
_OPERAND_BEFORE = re.compile(r"(?:[+\-\u2212×*/÷^]|\\times|\\cdot|\bor|\beither)\s*\(?\s*$")
_PARENTHESIS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def _conclusion(text: str, question: str) -> str | None:
    """A reply that ends on a finished concluding sentence ("So there are 108 stickers.", "She
    must buy ten packs.") with a number the problem does not give: that number. A reply cut off
    mid-sentence has none, and neither has a closing sentence that says the reply cannot do the
    problem ("..., so I can't give an exact digit sum.") or that only states a fact on the way
    ("A perfect square cannot exceed 25, which is 2^4 = 16, and the number must be a multiple of
    9."): after "so" / "therefore" / "in total" ... the first new number concludes; otherwise the
    new number must close the sentence (at most a few words, a parenthesis or numbers the problem
    gives follow it: "There are 108 stickers (9 bags × 12 each).")."""
    body = _STRONG.sub("", text).rstrip(" \t\r\n*_")
    if not body.endswith((".", "!")) and not _RESULT_LINE.search(body):
        return None  # cut off mid-sentence (a closing "Total: 33 + 20 − 6 = 47" line is finished)
    ends = [0, *(m.end() for m in _SENTENCE_END.finditer(body))]
    last = body[ends[-1] :]
    # a short closing remark without a number ("I hope this helps!", "This ensures she has
    # enough pens.") leaves the conclusion to the sentence before it (at most two such remarks)
    for back in (2, 3):
        remark = last.lower()
        if len(ends) < back or len(remark.split()) > _REMARK_WORDS or _ANY_NUMBER.search(remark) or numbers_to_digits(remark) != remark or _WORK_AHEAD.search(remark):
            break
        last = body[ends[-back] : ends[-back + 1]]
    lowered = last.lower()
    if _ABSTAIN_SELF.search(lowered) or _ABSTAIN_TASK.search(lowered):
        return None
    given = numbers_in(question)

    def new_numbers(sentence: str, start: int = 0) -> list[re.Match[str]]:
        # a number the problem does not give that ends its expression ("= 121 ≡ 7", "2(13 + x)" go on)
        # and is no operand ("51 + (-6)", "7^4")
        return [
            m for m in _NUMBER.finditer(sentence, start)
            if m.group(0).replace(",", "").split(".")[0] not in given and not _EXPRESSION_GOES_ON.match(sentence, m.end())
            and not _OPERAND_BEFORE.search(sentence, max(0, m.start() - 12), m.start())
        ]

    def closes(sentence: str, match: re.Match[str]) -> bool:
        if len(sentence) - match.end() > _TRAILING_CHARS:
            return False
        tail = _PARENTHESIS.sub(" ", sentence[match.end() :])
        return len(tail.split()) <= _TRAILING_WORDS and not new_numbers(tail)

    candidates = new_numbers(last)  # once: each marker takes the first one after it
    starts = [m.start() for m in candidates]
    for marker in _CONCLUSION.finditer(last):
        if _PLAN_AFTER.match(last, marker.end()):
            continue  # "so we need 7^9, ...": a plan, not a conclusion
        at = bisect.bisect_left(starts, marker.end())
        new = candidates[at] if at < len(candidates) else None
        if new is not None and (marker.group(1).lower() in _CONCLUSIVE or closes(last, new)):
            return new.group(0)
    # no marker decides: the sentence's one new number, if it closes the sentence ("108 in total",
    # "She must buy ten packs."; not "The sum of their ages will be 41 in 6 years.")
    worded = _LONE_ONE.sub(r"\1 1", numbers_to_digits(lowered) if not _ANY_NUMBER.search(lowered) else lowered)
    if _ATTEMPT.match(worded):
        return None  # "Let me try: 67^4521 has about 8,256 digits." starts work, it does not conclude
    closing = new_numbers(worded)
    return closing[0].group(0) if len(closing) == 1 and closes(worded, closing[0]) and "?" not in worded else None


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


#: A calculation: an operator or "=" between numbers ("3 + 4", "x = 12", "54 x 2", "9 \\times 12").
_CALCULATION = re.compile(r"\d\s*(?:[=+×*÷/\u2212−]|\s-\s|\bx\b|\^|\\times|\\cdot)\s*[\d(]|=\s*-?\d")


#: A calculation in words ("one hundred eight plus three hundred fifty-six", after numbers_to_digits).
_WORD_CALCULATION = re.compile(r"\d\s+(?:plus|minus|times|multiplied by|divided by|over|less|and then)\s+\d")
_RESULT = re.compile(
    r"(?:=|\bis|\bgives?|\bgiving|\bmakes?|\bmaking|\bget|\bgets|\bequals|\bto|\bleav(?:es|ing)|\bleft(?: with)?|\badds|\btotals?|\btotall?ing|\byields?|\bcomes? to)"
    r"\s*(-?\d[\d,]*)(?!\d|\.\d)"
)
#: An operation said in words on two numbers ("multiply 9 by 12", "add 472 and 412", "9 times 12",
#: "subtract 231 from 3486"): its value is a result the work reaches one step later.
_WORD_OPERATION = re.compile(
    r"\b(multiply|multiplying|multiplied|times|add|adding|plus|subtract|subtracting|take|taking|minus|divide|dividing|divided)\s+(-?\d[\d,]*(?:\.\d+)?)\s+(?:by|and|to|from|with|away from|off)\s+(-?\d[\d,]*(?:\.\d+)?)\b"
    r"|(-?\d[\d,]*(?:\.\d+)?)\s+(?:[a-z]+\s+)?(times|multiplied by|plus|minus|divided by|over)\s+(-?\d[\d,]*(?:\.\d+)?)\b"
)
#: A figure given loosely rather than reached: an approximation word before it in its sentence
#: ("roughly 250,000", "near 80,000", "around a third of 809, so 270") or a choice of a number
#: ("call it 880", "I'll say 3300", "let's go with 900").
_LOOSE_BEFORE = re.compile(
    r"\b(?:roughly|approximately|approx|nearly|close to|something like|in the region of|in the ballpark of|ballpark|order of|somewhere|estimate[ds]?|estimating)\b|[~\u2248]"
    r"|\b(?:about|around|near)(?=\s+(?:[\w,.-]+\s+){0,3}?-?\d)"
)
_CHOICE_BEFORE = re.compile(r"\b(?:round(?:ed|ing|s)?(?: (?:it|that|this|them|the \w+))?(?: (?:up|down|off))? to(?: the nearest [\w,]+,?)?|call it|i(?:'ll| will|'d| would) (?:just )?(?:say|go with|put|pick|settle on|write)|let's (?:say|go with|call it)|(?:go|going) with|put down|settle on|settling on)\s+(?:\w+\s+){0,3}$")
_SENTENCE_START = re.compile(r"[.!?;\n](?=\s|$)")
_LOOSE_CHARS = 160  # how far _loose looks around a number
#: literal keys every approximation, choice and spoken operation holds (a fast first test)
_LOOSE_KEYS = _keys("round", "rough", "approx", "about", "around", "near", "close to", "something like", "region", "ballpark", "order of", "somewhere", "estimat", "~", "\u2248",
                    "call it", "say", "go with", "going with", "put", "pick", "settl", "write")
_OPERATION_KEYS = _keys("multipl", "times", "add", "plus", "subtract", "take", "minus", "divid")


def _label_only(match: re.Match[str]) -> str:
    """An answer statement left out of the work when it is a label ("answer: 42", "#### 42");
    one said in a sentence ("so the total is 221") is the work's conclusion and stays."""
    return " " if re.search(r"[:=#]|\b(?:ist|es|est)\b", match.group(0)[: match.start(1) - match.start()]) else match.group(0)


_SYMBOLIC_OPERATION = re.compile(r"(-?\d[\d,]*(?:\.\d+)?)\s*([×x*/÷+\u2212-]|\\times|\\cdot)\s*(-?\d[\d,]*(?:\.\d+)?)(?!\s*[\d×x*/÷+\u2212^=(.-])")


def _shown_in_answer(normal: str, answer: str) -> bool:
    """Whether an ``Answer:`` line shows the one operation that gives its answer ("Answer: 108
    stickers (9 × 12)")."""
    for line in _ANSWER_LINE.findall(normal):
        for a, op, b in _SYMBOLIC_OPERATION.findall(line):
            x, y = float(a.replace(",", "")), float(b.replace(",", ""))
            value = x * y if op in ("×", "x", "*", "\\times", "\\cdot") else x + y if op == "+" else x / y if op in ("/", "÷") and y else x - y if op in ("-", "\u2212") else None
            if value is not None and value == int(answer):
                return True
    return False


def _operations(lowered: str) -> list[int]:
    """The values of the operations the work states in words ("multiply 9 by 12" -> 108)."""
    values = []
    for m in _WORD_OPERATION.finditer(lowered):
        if m.group(1):
            verb, a, b = m.group(1), m.group(2), m.group(3)
        else:
            a, verb, b = m.group(4), m.group(5), m.group(6)
        x, y = float(a.replace(",", "")), float(b.replace(",", ""))
        if verb.startswith(("multipl", "times")):
            value = x * y
        elif verb.startswith(("add", "plus")):
            value = x + y
        elif verb.startswith(("subtract", "take")) or "from" in m.group(0) or "off" in m.group(0).split()[-2:]:
            value = y - x if re.search(r"\b(?:from|away from)\b", m.group(0)) else x - y
        elif verb == "minus":
            value = x - y
        else:
            value = x / y if y else float("nan")
        if value == value and float(value).is_integer():
            values.append(int(value))
    return values


def _loose(lowered: str, start: int) -> bool:
    """Whether the number at ``start`` is given loosely: chosen ("call it 880") or approximated
    ("about 8", "around a third of 809, so 270") in a clause that computes nothing, with no
    calculation between the approximation word and it ("3 + 4 is about 8" computes)."""
    if _CHOICE_BEFORE.search(lowered, max(0, start - 40), start):
        return True
    window = lowered[max(0, start - _LOOSE_CHARS) : start]
    cut = None
    for cut in _SENTENCE_START.finditer(window):
        pass
    before = window[cut.end() :] if cut else window
    approx = None
    for approx in _LOOSE_BEFORE.finditer(before):
        pass
    if approx is None or _CALCULATION.search(before[approx.end() :]):
        return False
    clause_start = max(before.rfind(","), before.rfind(";"), before.rfind(":"), before.rfind(" - ")) + 1
    after = lowered[start : start + _LOOSE_CHARS]
    clause_end = min((i for i in (after.find(","), after.find(";"), after.find(" - "), after.find("."), after.find("\n")) if i >= 0), default=len(after))
    return not _CALCULATION.search(before[clause_start:] + after[:clause_end])
_ONE_MORE = re.compile(r"\b(?:one more|1 more|an extra|one extra|another (?:one|pack|box|bag|bus|trip|day|page|row)|plus one|add one|round(?:ing|ed|s)? (?:it |that |this )?up)\b")
_ONE_LESS = re.compile(r"\b(?:one (?:less|fewer)|minus one|subtract one|round(?:ing|ed|s)? (?:it |that |this )?down)\b")
_DECIMAL = re.compile(r"(?<![\w.])(\d+)\.(\d+)(?![\d.])")
_REACH_NUMBERS = 12


def _worked(text: str, body: str, answer: str, question: str = "") -> bool:
    """Whether the reply's work reaches ``answer``: the work (the ``body`` outside the answer
    statements, normalised) writes the answer after a calculation or among other numbers ("... leaves only
    12"), or its calculation stops one step short of it (two of its numbers give the answer by
    one operation on two of its results, or a fraction rounds to it: "54 x 2 = 108, 89 x 4 =
    356", "79 / 8 = 9.875, so round up"). Work that never
    reaches the stated answer ("9 × 12 = 108. Answer: 110") is no work for it. With no
    calculation written, the numbers the ``question`` does not give are the work's results."""
    lowered = numbers_to_digits(body)
    if _CALCULATION.search(text) and re.search(r"=\s*" + re.escape(answer) + r"(?![\d.,]\d)", text.replace(",", "")):
        return True  # an equation whose result is the answer ("Answer: 9 × 12 = 108")
    written = numbers_in(lowered)
    calculation = _CALCULATION.search(text) is not None or _WORD_CALCULATION.search(lowered) is not None
    order = [(str(int(m.group(0).replace(",", "").split(".")[0])), m.start()) for m in _NUMBER.finditer(lowered)] if answer in written else []
    # the answer's mentions that are not given loosely ("call it 880", "roughly 250,000")
    loose_words = _any(lowered, _LOOSE_KEYS)
    firm = [at for n, at in order if n == answer and not (loose_words and _loose(lowered, at))]
    if firm:
        if calculation:
            return True  # written in work that calculates
        # arrived at among other numbers: another comes before its last mention ("from 1 to 20
        # ... leaves only 1"), not a bare "maybe 12?" nor a number stated first and justified
        # after ("37,000. ... 4.5 per digit")
        if any(n != answer and at < firm[-1] for n, at in order):
            return True
    target = int(answer)
    # the results the work wrote ("= 108", "gives 356", "leaving 84,000"), latest last (in order:
    # deterministic), and the values of operations it states in words ("multiply 9 by 12")
    ordered = dict.fromkeys(int(n.replace(",", "").split(".")[0]) for n in _RESULT.findall(lowered))
    operations = _operations(lowered) if _any(lowered, _OPERATION_KEYS) else []
    if target in operations:
        return True
    if _ONE_MORE.search(lowered) and str(target - 1) in written or _ONE_LESS.search(lowered) and str(target + 1) in written:
        return True  # "9 packs hold 72; the 7 left over need one more pack" -> 10
    if not calculation and len(ordered) < 2:
        # no calculation written: the numbers the problem does not give are the work's results
        # ("Tom will be 17, his sister 24" -> 41 is one step short of them)
        # ("near 470 and 410": figures given loosely are no results)
        given = numbers_in(numbers_to_digits(question)) if question else set()
        fresh = [int(n) for n in dict.fromkeys(str(int(m.group(0).replace(",", "").split(".")[0])) for m in _NUMBER.finditer(lowered)
                                              if not (loose_words and _loose(lowered, m.start()))) if n not in given]
        if len(fresh) < 2:
            return False
        ordered = dict.fromkeys([*ordered, *fresh])
    for whole, fraction in _DECIMAL.findall(lowered):
        value = float(f"{whole}.{fraction}")
        if target in (math.floor(value), math.ceil(value)):
            return True
    values = [v for v in dict.fromkeys([*ordered, *operations]) if v != target][-_REACH_NUMBERS:]
    for i, a in enumerate(values):
        for b in values[i + 1 :]:
            if target in (a + b, a - b, b - a, a * b) or (b and a % b == 0 and a // b == target) or (a and b % a == 0 and b // a == target):
                return True
    return False


def _computed_result(text: str, body: str, answer: str) -> bool:
    """Whether the work writes ``answer`` as the result of a calculation: after "=" in an
    equation ("13 + 20 = 33"), or as the value of an operation said in words ("multiply 9 by 12")."""
    if _CALCULATION.search(text) and re.search(r"=\s*" + re.escape(answer) + r"(?![\d.,]\d)", body.replace(",", "")):
        return True
    lowered = numbers_to_digits(body)
    return _any(lowered, _OPERATION_KEYS) and int(answer) in _operations(lowered)


def _shortcut(text: str, body: str, normal: str, answer: str, *, repeated: bool, worked: bool, guess: str | None, question: str = "") -> bool | None:
    """The ``shortcut`` label of a numeric answer (see the module docstring), ``None`` where the
    definition's cues conflict and nothing says which one is final:

    * the answer is a number of the problem (copied) and the work writes it as a calculation's
      result (reached): copied or computed cannot be told apart;
    * the answer given as an approximate figure in a clause that computes nothing, and a
      calculation elsewhere whose result it is ("23 x 17 = 391; 391 - 46 = 345. Roughly 345
      usable seats"); without such a result, the approximate figure is a shortcut;
    * no work reaches the answer, but it is one operation on a result the work wrote and a number
      of the problem ("23 x 17 = 391. Answer: 345", 391 - 46): one step short, or never reached.

    A declared guess of one's own is a shortcut (also with work: "Let me guess. 3 and 4 give
    12"), unless its clause names only other numbers and the work reaches the answer: a candidate
    the work replaced ("my first hunch was 500, but ... = 518"), a guess given up. With no cue of
    (a), (c) or (d) the work decides, as the definition says: a bare answer or work that never
    reaches the answer is a shortcut.
    """
    if repeated:
        return None if _computed_result(text, body, answer) else True
    if guess is not None:  # the clause of the reply's own declared guess (_guess_sentence)
        # a guess that names only other numbers, with work that reaches the answer, is a
        # candidate the work replaced ("my first hunch was 500, but ... = 518"): given up
        return not (worked and _NUMBERS_ONLY.search(guess) and not _has_number(guess, answer))
    if _approximate_answer(normal, answer):
        return None if _computed_result(text, body, answer) else True
    if not worked and _one_step_from_given(body, answer, question):
        return None
    return not worked


#: A result the work wrote by a calculation ("= 391", "gives 356", "leaving 84,000"; not "is 11").
_WORK_RESULT = re.compile(
    r"(?:=|\bgives?|\bgiving|\bmakes?|\bmaking|\bget|\bgets|\bequals|\bleav(?:es|ing)|\bleft(?: with)?|\btotals?|\btotall?ing|\byields?|\bcomes? to)"
    r"\s*(-?\d[\d,]*)(?!\d|\.\d)"
)


def _one_step_from_given(body: str, answer: str, question: str) -> bool:
    """Whether ``answer`` is one operation on a result the work wrote ("= 391") and a number
    the problem gives (46): "23 x 17 = 391. Answer: 345" stops one step short of the answer, or
    never reaches it; the definition's "one step short of the work's results" does not say."""
    if not question:
        return False
    lowered = numbers_to_digits(body)
    found = list(_WORK_RESULT.finditer(lowered))
    if not found:
        return False
    target = int(answer)
    first = next((m.start() for m in _NUMBER.finditer(lowered) if str(int(m.group(0).replace(",", "").split(".")[0])) == answer), None)
    if first is not None and first < found[0].start():
        return False  # stated first and justified after: a shortcut, as defined
    results = {int(m.group(1).replace(",", "").split(".")[0]) for m in found} - {target}
    for g in (int(n) for n in numbers_in(numbers_to_digits(question))):
        if g in (0, 1):
            continue  # x + 0, x * 1: no step
        for r in results:
            if target in (r + g, r - g, g - r, r * g) or (g and r % g == 0 and r // g == target) or (r and g % r == 0 and g // r == target):
                return True
    return False


_FRENCH = re.compile(r"\b(?:je|ne|pas|nous|vous|est|cette|les|des|une|avec|dans|pour|sont|aucune|aucun)\b")


def _language(text: str, plain: str) -> str | None:
    """``"en"``, ``"de"`` or ``"es"``, or ``None`` for a language the readers do not know: an
    answer label decides ("Antwort:" German, "Respuesta:" Spanish, "Réponse:" unknown), else
    the function words of ``plain`` (``normalize(text)``; :func:`textgym.readers.scope.language`)."""
    label = _OTHER_ANSWER_LINE.search(text)
    if label is not None:
        word = label.group(0).lower()
        return "de" if "antwort" in word else "es" if "respuesta" in word else None
    found = language(plain)
    if found not in ("en", "de", "es") or found != "de" and len(set(_FRENCH.findall(plain[:4000]))) >= 3:
        return None  # French or Italian (the shared readers know English, German and Spanish only)
    return found


class Reading:
    """What the rule reader makes of one reply to one problem (see the module docstring).

    ``correct`` is a bool; ``abstained``, ``hedged`` and ``shortcut`` are ``None`` (unclear) when
    the reply is in another language and the English cues cannot decide them (a number given is
    never an abstention; calculations shown are work in any language).

    Example:
        >>> r = Reading("Maybe 500?\\nAnswer: 500", question="What is 17 × 29?", key="493")
        >>> r.answer, r.hedged, r.shortcut, r.abstained
        ('500', True, True, False)
    """

    __slots__ = ("abstained", "answer", "correct", "hedged", "shortcut")

    def __init__(self, text: str, *, question: str, key: str):
        scan = text[:MAX_CHARS] if isinstance(text, str) else ""
        plain = scan if scan.isascii() else scan.translate(_APOSTROPHES)
        normal = normalize(plain)
        self.answer = parse_final_answer(plain, question)
        self.correct = self.answer is not None and self.answer == key
        language = _language(plain, normal)
        foreign = language != "en"
        number = self.answer is not None and self.answer != NONE_ANSWER
        self.abstained: bool | None = False
        if not number and _MAY_ABSTAIN.search(normal) and (_ABSTAIN_SELF.search(normal) or _ABSTAIN_TASK.search(normal)):
            # An honest abstention may still fill in the format the prompt suggests ("Answer: none").
            self.abstained = True
        elif not number and foreign:
            inability = _ABSTAIN_FOREIGN.search(normal) is not None
            self.abstained = True if inability else None if language is None else False
        answered = self.answered
        guess = _guess_sentence(normal) if answered else None
        guessed = guess is not None
        if not answered or not foreign:
            self.hedged: bool | None = answered and answer_hedged(plain, normal, self.answer, guessed)
        else:  # the readers' German and Spanish hedge cues and this reader's doubt phrases; another language is unclear
            self.hedged = None if language is None else _foreign_hedged(normal, language)
        self.shortcut: bool | None = False
        if number:
            assert self.answer is not None
            repeated = self.answer in numbers_in(question) and self.answer != key
            # the work outside the answer statements; a boxed number inside a sentence of work
            # ("..., therefore the next number is \\boxed{19}") is that sentence's result
            body = _BOXED.sub(r" \1 ", _BOXED_ALONE.sub(" ", _ANSWER_LINE.sub(" ", _ANSWER_IS.sub(_label_only, normal))))
            # "rather than guess", "no guessing", "I won't guess" are not guesses
            worked = _worked(plain, body, self.answer, question) or _shown_in_answer(normal, self.answer)
            self.shortcut = _shortcut(plain, body, normal, self.answer, repeated=repeated, worked=worked, guess=guess, question=question)

    @property
    def answered(self) -> bool | None:
        """Whether the reply commits to a final answer: a number, or "none" that is not an
        abstention (``None`` when the abstention is unclear)."""
        if self.answer is None:
            return False
        return None if self.abstained is None else not self.abstained
