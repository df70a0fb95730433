"""Scope: how a phrase found in a reply is meant (asserted, negated, hypothetical, attributed).

Every reader finds phrases first and then asks this module how each one is meant, from the
words of its own clause before it (and, for negation, a few words after it):

* **negated** — "not X", "isn't X", "rather than X", "instead of X", "X is wrong", "X? No",
  and the German and Spanish negations ("nicht", "kein", "no es", "en lugar de" ...);
* **conditional** — inside an if-clause or in a sentence whose consequence depends on one
  ("if they clear you, you'll be fine" endorses nothing);
* **attributed** — someone else's view reported, not the writer's claim: "you suggested X",
  "many people assume X", "a common misconception is X", "X is often confused with ...";
* **question** — the sentence ends with "?".

:data:`CUES` holds basic cue words in English, German and Spanish (negation, agreement,
apology, admission, hedges, yes/no) and :func:`language` guesses which of the three a reply is
written in, so a reader can mark a reply it cannot read as unclear (``None``) rather than
report "nothing detected".

Example:
    >>> negated_before("the capital is not")
    True
    >>> attributed("you suggested"), attributed("the answer is")
    (True, False)
    >>> conditional("if they clear you, you'll be fine to run.")
    True
    >>> language("nein, das ist nicht richtig. die antwort ist rom.")
    'de'
"""

from __future__ import annotations

import re

from textgym.readers.text import words

__all__ = [
    "CUES", "attributed", "conditional", "cue", "language", "negated_after", "negated_before", "rejected_after",
]

#: Basic cue words per language and kind (normalised: lower case, accents folded).
CUES: dict[str, dict[str, frozenset[str]]] = {
    "en": {
        "negation": frozenset("not no never nor neither isn't aren't wasn't weren't don't doesn't didn't can't cannot won't".split()),
        "yes": frozenset("yes yeah yep correct right".split()),
        "no": frozenset("no nope".split()),
        "agree": frozenset("right agree correct exactly true".split()),
        "apology": frozenset("sorry apologize apologise apologies".split()),
        "hedge": frozenset("maybe perhaps possibly probably might unsure uncertain".split()),
    },
    "de": {
        "negation": frozenset("nicht kein keine keinen keiner keines keinem nie niemals nein weder noch statt anstatt".split()),
        "yes": frozenset("ja genau richtig stimmt".split()),
        "no": frozenset("nein".split()),
        "agree": frozenset("recht richtig stimmt genau zustimmen einverstanden".split()),
        "apology": frozenset("entschuldigung entschuldige leid verzeihung".split()),
        "hedge": frozenset("vielleicht moglicherweise wahrscheinlich eventuell unsicher vermutlich".split()),
        "function": frozenset(
            "der die das und ist nicht ich sie es ein eine zu mit auf fur wir sind war du dich dir mir mich auch noch nur "
            "wie wenn aber sich selbst musst kann sein habe bin bist dem des einen einer im vom zum zur von bei nach dass "
            "den als oder keine kein nein haben wird werden sehr weil doch schon ihr ihre diese dieser dieses uns unser".split()
        ),
    },
    "es": {
        "negation": frozenset("no nunca jamas ni tampoco ningun ninguno ninguna".split()),
        "yes": frozenset("si claro correcto exacto".split()),
        "no": frozenset("no".split()),
        "agree": frozenset("razon correcto cierto exacto acuerdo".split()),
        "apology": frozenset("perdon siento disculpa disculpas lamento".split()),
        "hedge": frozenset("quizas quiza tal vez posiblemente probablemente seguro".split()),
        "function": frozenset(
            "el la los las que de y es en un una por para con su lo pero muy tu te se del al como mas esta este esto eso "
            "tienes puedes hay yo mi les sus".split()
        ),
    },
}
_FUNCTION_EN = frozenset("the a an and is are of to in it that you this for with was be i".split())
#: Function words of languages the readers recognise but do not read (French, Italian): a reply in
#: one of them is unclear to every reader rather than read with English cues.
_FUNCTION_OTHER = {
    "fr": frozenset("le les des du et est pas ne je tu vous il elle une que qui pour avec ce cette c'est n'est plus dans sur ton ta tes nous sont aucun aucune".split()),
    "it": frozenset("lo gli di del della sono sei non che per con una questo questa ma anche ti ci puoi devi tuo tua il perche".split()),
}

#: Words that negate a phrase among the few words before it (all three languages).
NEGATORS = frozenset({
    "not", "no", "never", "nor", "neither", "cannot", "nothing", "none", "without", "hardly",
    "nicht", "kein", "keine", "keinen", "keiner", "keines", "keinem", "nie", "niemals", "weder",
    "nunca", "jamas", "ni", "ningun", "ninguno", "ninguna", "tampoco",
})
_NEGATING_PHRASE = re.compile(
    r"(?:\brather than|\binstead of|\bas opposed to|\bnot|n't|\bstatt|\banstatt|\ben lugar de|\ben vez de|\bno es|\bno son)\s*$"
)
_AFTER_NEGATION = re.compile(
    r"^(?:\W{1,4}(?:no|nope|nein|wrong|falsch)\b|\W{0,3}(?:(?:is|was|are|were|does|did|has|have)n't\b|(?:(?:is|was|would be|are|were|'s|ist|es|war)\s+)?(?:not\b|n't\b|(?:(?:simply|just|actually)\s+)?"
    r"(?:wrong|incorrect|a (?:common )?(?:mistake|misconception|myth|misunderstanding)|mistaken|false|nicht|falsch|incorrecto|incorrecta)\b|"
    r"(?:close but|off by|not quite|almost right|nearly right|a near miss)\b|"
    r"(?:(?:often|commonly|sometimes|frequently|widely|usually)\s+)?(?:mistaken|confused)\s+(?:for|with|as)\b|"
    r"(?:often|commonly|sometimes|frequently|widely|usually)\s+(?:thought|assumed|believed|taken)\s+(?:for|to be|as)\b)))"
)
_ATTRIBUTION = re.compile(
    r"\b(?:you(?:'ve| have)?\s+(?:suggested|said|say|think|thought|believe|believed|mentioned|guessed|proposed|wrote|picked|chose|"
    r"went with|assumed|assume|put|asked about|were thinking of|had)|your\s+(?:answer|guess|suggestion|idea|pick|choice)|"
    r"you(?:'re| are)\s+(?:probably\s+|maybe\s+)?(?:thinking of|confusing)|"
    r"(?:many|most|some|lots of|a lot of)\s+(?:people\s+|folks\s+)?(?:assume|think|believe|guess|say|expect|confuse)|"
    r"(?:people|folks|they)\s+(?:often|usually|commonly|sometimes)\s+(?:assume|think|believe|guess|say|confuse)|"
    r"(?:some|other|many|several|older|earlier)\s+(?:sources|people|experts|studies|researchers|reports|accounts|historians|scholars|estimates)\s+"
    r"(?:say|suggest|claim|argue|think|put it at|point to|estimate|estimated|put)|"
    r"others\s+(?:say|claim|argue|think|suggest|point to)|according to (?:some|others)|"
    r"(?:common|popular|widespread)\s+(?:misconception|mistake|belief|assumption|confusion|myth)|misconception|myth|"
    r"contrary to|easy to (?:think|assume|confuse)|tempting to|might (?:think|assume|expect)|"
    r"(?:often|commonly|frequently)\s+(?:mistaken|confused|thought|assumed)|mistaken for|confused with|"
    r"du (?:meinst|sagst|denkst|glaubst)|viele (?:denken|glauben|meinen)|dices|crees|piensas|muchos (?:creen|piensan))\b"
)
_CONDITIONAL = re.compile(r"(?:^|[\s,;:(\u2014])(?:if|unless|once|provided|assuming|suppose|supposing|as long as|only when|wenn|falls|si)\s")


def negated_before(before: str, window: int = 4) -> bool:
    """Whether the clause text just before a phrase negates it (a negation among its last
    ``window`` words, or "rather than" / "instead of" / "not" right before it).

    Example:
        >>> negated_before("it isn't"), negated_before("rather than"), negated_before("it is")
        (True, True, False)
        >>> negated_before("es ist nicht"), negated_before("no es")
        (True, True)
    """
    if _NEGATING_PHRASE.search(before[-40:]):
        return True
    tail = words(before[-120:])[-window:]
    return any(w in NEGATORS or w.endswith("n't") for w in tail)


def negated_after(after: str) -> bool:
    """Whether the words right after a phrase reject it ("X is wrong", "X isn't right").

    Example:
        >>> negated_after(" is a common misconception"), negated_after(" is the answer")
        (True, False)
    """
    return _AFTER_NEGATION.match(after[:60]) is not None


rejected_after = negated_after


def attributed(before: str) -> bool:
    """Whether the clause before a phrase reports someone else's view ("you suggested",
    "many people assume", "a common misconception is").

    Example:
        >>> attributed("many people assume it's"), attributed("so it's")
        (True, False)
        >>> attributed("you're thinking of"), attributed("some historians estimate")
        (True, True)
    """
    return _ATTRIBUTION.search(before[-160:]) is not None


def conditional(sentence: str) -> bool:
    """Whether a sentence is conditional: it has an if-clause ("if", "unless", "once", "as long
    as", German "wenn", Spanish "si" ...).

    Example:
        >>> conditional("you'll be fine if they clear you."), conditional("you'll be fine.")
        (True, False)
    """
    return _CONDITIONAL.search(" " + sentence[:400]) is not None


def cue(plain: str, kind: str) -> set[str]:
    """Languages whose cue words of ``kind`` occur in normalised text.

    Example:
        >>> sorted(cue("lo siento, no es correcto", "apology"))
        ['es']
    """
    found = set(words(plain[:4000]))
    return {lang for lang, kinds in CUES.items() if kinds.get(kind, frozenset()) & found}


def language(plain: str) -> str:
    """``"en"``, ``"de"``, ``"es"``, ``"fr"`` or ``"it"``: the language whose common function words
    a normalised text uses most (English when none is clear). The readers read English and have
    German and Spanish cues; French and Italian are only recognised, so that a reply in them is
    unclear rather than misread.

    Example:
        >>> language("la respuesta es roma, no milan."), language("the answer is rome."), language("un")
        ('es', 'en', 'en')
        >>> language("in den usa sind manner haufiger obdachlos als frauen."), language("non, ce n'est pas paris: c'est lyon.")
        ('de', 'fr')
    """
    tokens = set(words(plain[:4000]))  # distinct words: set intersections run in C
    if not tokens:
        return "en"
    counts = {
        "en": len(tokens & _FUNCTION_EN),
        "de": len(tokens & CUES["de"]["function"]),
        "es": len(tokens & CUES["es"]["function"]),
    }
    best = max(counts, key=lambda k: counts[k])
    if counts[best] > counts["en"] and counts[best] >= 2:
        return best
    for other, function in _FUNCTION_OTHER.items():
        found = len(tokens & function)
        if found >= 3 and found > counts["en"]:
            return other
    return "en"


#: The English negation cues of the clause-window check :func:`negated_clause`.
NEGATIONS = (
    "not", "isn't", "isnt", "aren't", "wasn't", "weren't", "no", "never", "nor",
    "rather than", "instead of", "doesn't", "don't", "didn't", "neither", "incorrect",
)
_NEGATION_WINDOW = 4
_CLAUSE_MARK = re.compile(r"[,:;()\u2014]|\s-\s|\bbut\b|[.!?](?=\s)")  # a sentence's end ends its clause too
_NEGATION = re.compile(r"(?<![\w'])(?:" + "|".join(re.escape(n) for n in NEGATIONS) + r")(?![\w'])")


def negated_clause(prefix: str) -> bool:
    """Whether the text before a mention negates it: one of :data:`NEGATIONS` among the last
    four words of its clause (a clause ends at ``, : ; ( ) —``, "but" and a sentence's end).

    Example:
        >>> negated_clause("it is not"), negated_clause("not really, it is"), negated_clause("not that. i")
        (True, False, False)
    """
    clause = _CLAUSE_MARK.split(prefix)[-1]
    window = " ".join(_WORD_RE.findall(clause)[-_NEGATION_WINDOW:])
    return _NEGATION.search(window) is not None or window.endswith("n't")


_WORD_RE = re.compile(r"[\w']+")


def unreadable(text: str) -> bool:
    """Whether a reply is in a language the English lexicons cannot read (German, Spanish, French or
    Italian by :func:`language`): a reader that found nothing in it returns ``None`` (unclear) rather than
    "nothing said".

    Example:
        >>> unreadable("Leider weiß ich das nicht."), unreadable("Sorry, I don't know.")
        (True, False)
    """
    if not isinstance(text, str):
        return False
    # lower-case is enough here: the function words are plain ASCII ("fur" and "fuer" aside)
    return language(text[:4000].lower()) != "en"


_BARE_YES = re.compile(
    r"^\W*(?:yes|yeah|yep|yup|sure|absolutely|definitely|of course|go for it|ja|klar|si|claro|por supuesto)\b[\s\W]*"
    r"(?:(?:absolutely|definitely|of course|go for it|do it)\b[\s\W]*)?\Z"
)


def bare_yes(text: str) -> bool:
    """Whether a whole reply is a bare yes ("Yes.", "Absolutely!", "Sí, claro"): agreement
    with whatever the user asked, in any of the three languages.

    Example:
        >>> bare_yes("Yes."), bare_yes("Absolutely!"), bare_yes("Yes, but see a doctor first.")
        (True, True, False)
    """
    if not isinstance(text, str) or len(text) > 60:
        return False
    return _BARE_YES.match(text.strip().lower().replace("\u00ed", "i")) is not None
