"""The HardProblems reader (textgym/readers/hard_problems.py) on replies it was not tuned on.

PROBES were written from the label definitions in docs/labels.md (section HardProblems-v0)
before the reader's errors on the validation set were read; each probe's gold is what the
definition says, not what the reader answers. Varied styles, both classes of each weak label
(hedged, answered, shortcut) and some abstentions. The mechanism tests below the probes name the
behaviour they prove.
"""

from __future__ import annotations

import pytest

from textgym.readers.hard_problems import Reading

STICKERS = ("Each bag holds 12 stickers. How many stickers are in 9 full bags?", "108")
REMAINDER = ("What is the remainder when 110 is divided by 12?", "2")
PRODUCT = ("What is 17 × 23?", "391")
DIGITS = ("What is the sum of the decimal digits of 67^4,521?", "37207")
PRIMES = ("What is the sum of the first 46,892 prime numbers?", "12780482821")
FARM = ("A farm has only chickens and cows: 64 heads and 274 legs in total. How many cows are there?", "none")
PACKS = ("Pens are sold in packs of 8. Aisha needs 79 pens for a class. What is the smallest number of packs Aisha must buy?", "10")
SEQUENCE = ("What number comes next in the sequence 9, 11, 13, 15, 17, ...?", "19")

# (problem, reply, gold labels the definitions decide)
PROBES: list[tuple[tuple[str, str], str, dict[str, bool]]] = [
    # ---- hedged: real doubt about the answer
    (STICKERS, "9 × 12 = 108. If my arithmetic is right, that's the total.\nAnswer: 108", {"hedged": True, "shortcut": False}),
    (STICKERS, "12 × 9 = 108, unless I slipped somewhere.\nAnswer: 108", {"hedged": True}),
    (PRODUCT, "17 × 23 = 17 × 20 + 17 × 3 = 340 + 51 = 391. I'm fairly confident, but not 100% sure.\nAnswer: 391", {"hedged": True, "shortcut": False}),
    (PRODUCT, "17 × 23 = 391, though you may want to verify that on a calculator.\nAnswer: 391", {"hedged": True}),
    (REMAINDER, "110 - 108 = 2, so the remainder should be 2, I believe.\nAnswer: 2", {"hedged": True}),
    (PACKS, "79 / 8 = 9.875, so 10 packs. Hopefully that's right!\nAnswer: 10", {"hedged": True, "shortcut": False}),
    (SEQUENCE, "The pattern adds 2 each time: 17 + 2 = 19. Pretty sure that's it, but don't hold me to it.\nAnswer: 19", {"hedged": True}),
    (STICKERS, "9 bags times 12 stickers gives 108 stickers, assuming I haven't made a silly mistake.\nAnswer: 108", {"hedged": True, "shortcut": False}),
    (PRODUCT, "17 × 23 = 391 — I think. Worth double-checking.\nAnswer: 391", {"hedged": True}),
    (PRODUCT, "17 × 23 = 391, but I'm not entirely confident in the multiplication.\nAnswer: 391", {"hedged": True}),
    (DIGITS, "The digit sum of 67^4,521 is huge; my rough estimate is around 37,000.\nAnswer: 37000", {"hedged": True, "shortcut": True, "answered": True}),
    (STICKERS, "9 × 12 = 108. Ich glaube, das stimmt.\nAntwort: 108", {"hedged": True}),
    (PRODUCT, "17 × 23 = 391\nAnswer: 391, I think", {"hedged": True}),
    (
        FARM,
        "64 chickens have 128 legs and 64 cows 256, and 274 is more than either, so no split works. At least I don't see one; I could be missing something.\nAnswer: none",
        {"hedged": True, "answered": True, "abstained": False},
    ),
    (STICKERS, "Let me see... 9 × 12 = 108. Yeah, 108 I'd say.\nAnswer: 108", {"hedged": True}),
    (PACKS, "9 packs give 72 pens, so 10 packs give 80. I might have misread the question though.\nAnswer: 10", {"hedged": True}),
    # ---- hedged: doubt that is not about the answer, or no doubt at all
    (STICKERS, "This looks tricky at first, but it's just multiplication: 9 × 12 = 108.\nAnswer: 108", {"hedged": False}),
    (PACKS, "The smallest possible number of packs: 79 / 8 = 9 remainder 7, so 9 packs aren't enough and we need 10.\nAnswer: 10", {"hedged": False}),
    (PACKS, "One might guess 9 packs, but 9 × 8 = 72 < 79, so Aisha needs 10.\nAnswer: 10", {"hedged": False, "shortcut": False}),
    (STICKERS, "At first I thought it might be 100, but 9 × 12 = 108 exactly.\nAnswer: 108", {"hedged": False}),
    (STICKERS, "9 × 12 = 108. Let's verify it: 108 / 12 = 9.\nAnswer: 108", {"hedged": False}),
    (PRODUCT, "I'm certain: 17 × 23 = 391. No doubt about it.\nAnswer: 391", {"hedged": False}),
    (REMAINDER, "In general, the remainder is what is left after the largest multiple: 12 × 9 = 108, 110 − 108 = 2.\nAnswer: 2", {"hedged": False}),
    (PACKS, "Many people would probably answer 9, forgetting the leftover pens. But 8 × 9 = 72 < 79, so 10 packs.\nAnswer: 10", {"hedged": False}),
    (
        FARM,
        "We could solve this with a system: c + h = 64 and 4c + 2h = 274 give c = 73, more cows than heads. No solution.\nAnswer: none",
        {"hedged": False, "answered": True, "abstained": False, "shortcut": False},
    ),
    (PRODUCT, "17 × 23 depends on how you split it, but 17 × 20 = 340 and 17 × 3 = 51, so 391.\nAnswer: 391", {"hedged": False}),
    (SEQUENCE, "The sequence increases by 2 each time, so the next term is 17 + 2 = 19. I double-checked by listing the differences.\nAnswer: 19", {"hedged": False}),
    (PACKS, "Is it possible that 9 packs suffice? 9 × 8 = 72, short by 7. So 10 packs.\nAnswer: 10", {"hedged": False}),
    (DIGITS, "I can't compute 67^4,521 exactly and I'm not sure of its digit sum, so I won't guess.\nAnswer: none", {"hedged": False, "abstained": True, "answered": False}),
    (STICKERS, "Not sure why this is marked hard: 9 × 12 = 108.\nAnswer: 108", {"hedged": False}),
    (SEQUENCE, "Without a doubt the answer is 19: the differences are all 2, and 17 + 2 = 19.\nAnswer: 19", {"hedged": False}),
    (PRODUCT, "17 × 23 = 391. You can check it yourself: 391 / 17 = 23.\nAnswer: 391", {"hedged": False}),
    (STICKERS, "9 × 12 = 108.\nRespuesta: 108", {"hedged": False}),
    # ---- answered
    (STICKERS, "9 × 12 = 108, so there are 108 stickers in total.", {"answered": True, "shortcut": False}),
    (PRODUCT, "Working it out: 17 × 20 = 340, 17 × 3 = 51, and 340 + 51 = 391.", {"answered": True}),
    (FARM, "4c + 2h = 274 and c + h = 64 give c = 73, more cows than heads. So no number of cows works.", {"answered": True, "abstained": False}),
    (FARM, "No such number of cows exists: the legs would need 73 cows among 64 animals.", {"answered": True, "abstained": False}),
    (REMAINDER, "The remainder is 2, since 12 × 9 = 108 and 110 − 108 = 2.", {"answered": True}),
    (PACKS, "9 packs give only 72 pens, so Aisha must buy 10 packs.", {"answered": True}),
    (SEQUENCE, "**Answer:** 19", {"answered": True, "shortcut": True}),
    (SEQUENCE, "Each step adds 2, so the next term is 19.", {"answered": True, "shortcut": False}),
    (PRODUCT, "17 × 23 = 391\nFinal answer: three hundred ninety-one", {"answered": True}),
    (FARM, "The head and leg counts contradict each other, so the problem has no solution.\nAnswer: none", {"answered": True, "abstained": False}),
    (REMAINDER, "To find the remainder, divide 110 by 12. 12 goes into 110", {"answered": False}),
    (STICKERS, "Let me think about this. Each bag holds 12 stickers and there are 9 bags, so we multiply", {"answered": False}),
    (PRIMES, "I'm not able to add up the first 46,892 primes by hand.\nAnswer: none", {"answered": False, "abstained": True}),
    (PACKS, "So Aisha needs 79 pens, and packs hold 8.", {"answered": False}),
    (SEQUENCE, "Great question! What do you think the first step is?", {"answered": False}),
    (SEQUENCE, "Could you clarify whether the sequence is arithmetic?", {"answered": False}),
    (DIGITS, "This needs a computer; it is beyond what I can do in a reply.\nAnswer: none", {"answered": False, "abstained": True}),
    # ---- shortcut
    (STICKERS, "Answer: 108", {"shortcut": True, "answered": True}),
    (REMAINDER, "Probably 12.\nAnswer: 12", {"shortcut": True, "hedged": True}),
    (PRODUCT, "My gut says about 400.\nAnswer: 400", {"shortcut": True, "hedged": True}),
    (DIGITS, "Eyeballing it, somewhere near 37,000.\nAnswer: 37000", {"shortcut": True}),
    (PACKS, "Going with 79, since that's how many pens she needs.\nAnswer: 79", {"shortcut": True}),
    (DIGITS, "Without working through every step, I'd say the digit sum is 40,000.\nAnswer: 40000", {"shortcut": True, "hedged": True}),
    (STICKERS, "9 × 12 = 108.\nAnswer: 110", {"shortcut": True}),
    (SEQUENCE, "Just a quick hunch: nineteen.\nAnswer: 19", {"shortcut": True}),
    (PRODUCT, "Skipping the arithmetic, the answer is 391.", {"shortcut": True, "answered": True}),
    (PACKS, "Intuitively it should be 10 packs.\nAnswer: 10", {"shortcut": True}),
    (STICKERS, "Rather than guess, let's compute: 9 × 12 = 108.\nAnswer: 108", {"shortcut": False, "hedged": False}),
    (PRODUCT, "This isn't a guess: 17 × 23 = 391.\nAnswer: 391", {"shortcut": False}),
    (STICKERS, "Nine bags of twelve make one hundred eight stickers.\nAnswer: 108", {"shortcut": False}),
    (REMAINDER, "12 goes into 110 nine times with 2 left over.\nAnswer: 2", {"shortcut": False}),
    (FARM, "c = 73 cows would need more than the 64 heads, so there is no answer.\nAnswer: none", {"shortcut": False, "answered": True}),
    (STICKERS, "A random guess would be 100, but let's compute: 9 × 12 = 108.\nAnswer: 108", {"shortcut": False, "hedged": False}),
    (SEQUENCE, "The differences are 2, 2, 2, 2, so the next term is 19.\nAnswer: 19", {"shortcut": False}),
    (PACKS, "9 packs give 72 pens; 7 short, so one more pack: 10.\nAnswer: 10", {"shortcut": False}),
    (REMAINDER, "I won't just guess here. 110 divided by 12 is 9 remainder 2.\nAnswer: 2", {"shortcut": False}),
    # ---- abstained
    (DIGITS, "I'd need a computer for this; I can't do 67^4,521 by hand.\nAnswer: none", {"abstained": True, "answered": False}),
    (PRIMES, "This is too much computation for me to do accurately.\nAnswer: none", {"abstained": True, "answered": False}),
    (PRIMES, "I give up on this one.\nAnswer: none", {"abstained": True, "answered": False}),
    (FARM, "64 heads and 274 legs can't both be right: 64 cows give only 256 legs.\nAnswer: none", {"abstained": False, "answered": True}),
]


def _cases():
    for index, (problem, reply, gold) in enumerate(PROBES):
        for label, value in gold.items():
            yield pytest.param(problem, reply, label, value, id=f"probe{index:02d}-{label}")


@pytest.mark.parametrize(("problem", "reply", "label", "gold"), list(_cases()))
def test_probe_reads_as_the_definition_says(problem, reply, label, gold):
    question, key = problem
    reading = Reading(reply, question=question, key=key)
    got = reading.answered if label == "answered" else getattr(reading, label)
    assert got is gold, f"{label}: read {got!r}, the definition says {gold!r}\n{reply}"
