"""The HardProblems reader (textgym/readers/hard_problems.py) on replies it was not tuned on.

PROBES were written from the label definitions in docs/labels.md (section HardProblems-v0)
before the reader's errors on the validation set were read; each probe's gold is what the
definition says, not what the reader answers. Varied styles, both classes of each weak label
(hedged, answered, shortcut) and some abstentions. The mechanism tests below the probes name the
behaviour they prove.
"""

from __future__ import annotations

import json
from pathlib import Path

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

# A second batch, written after the first version of the fixes, before running it (its first
# score is the honest generalisation figure in the commit message).
PROBES_2: list[tuple[tuple[str, str], str, dict[str, bool]]] = [
    # ---- hedged: doubt about the answer
    (PRODUCT, "Let's break it down:\n- 17 × 20 = 340\n- 17 × 3 = 51\n- 340 + 51 = 391\n\nI believe the product is 391, though it's worth a second look.\nAnswer: 391", {"hedged": True, "shortcut": False}),
    (REMAINDER, "110 = 12 × 9 + 2. So the remainder is 2, unless I've mixed up the divisor and the dividend.\nAnswer: 2", {"hedged": True}),
    (SEQUENCE, "Looks like the sequence goes up by 2, so my answer would be 19, but I'm not completely sure the pattern continues.\nAnswer: 19", {"hedged": True}),
    (PACKS, "79 ÷ 8 ≈ 9.9, so she needs 10 packs. I could be off by one here.\nAnswer: 10", {"hedged": True, "shortcut": False}),
    (STICKERS, "9 × 12 = 108. That seems right to me.\nAnswer: 108", {"hedged": True}),
    (
        DIGITS,
        "A rough approximation: 67^4521 has about 8,256 digits, averaging 4.5 each gives about 37,152. This is an approximation, not exact.\nAnswer: 37152",
        {"hedged": True, "answered": True},
    ),
    (PRIMES, "Using sum ≈ n² ln n / 2, I get roughly 12,800,000,000. It's probably not exact.\nAnswer: 12800000000", {"hedged": True}),
    (
        FARM,
        "Solving c + h = 64, 4c + 2h = 274 gives c = 73 and h = -9, which is impossible. So I believe there's no valid answer, though I may have set it up wrong.\nAnswer: none",
        {"hedged": True, "answered": True, "abstained": False},
    ),
    (PRODUCT, "17 × 23 = 391. Creo que es correcto.\nRespuesta: 391", {"hedged": True}),
    (STICKERS, "Each bag has 12, nine bags: 108. Probably.\nAnswer: 108", {"hedged": True}),
    (REMAINDER, "12 × 9 = 108; 110 − 108 = 2. Please verify, as I sometimes make arithmetic errors.\nAnswer: 2", {"hedged": True}),
    (SEQUENCE, "The answer is likely 19, given the +2 pattern (17 + 2 = 19).\nAnswer: 19", {"hedged": True}),
    (PACKS, "8 × 10 = 80 ≥ 79, and 8 × 9 = 72 < 79. I'm reasonably confident it's 10.\nAnswer: 10", {"hedged": True}),
    (PRODUCT, "17 × 23 = 391 (I haven't double-checked this).\nAnswer: 391", {"hedged": True}),
    (REMAINDER, "12 × 9 = 108, also 110 − 108 = 2. Vermutlich 2.\nAntwort: 2", {"hedged": True}),
    # ---- hedged: no doubt about the answer
    (PACKS, "We need the smallest n with 8n ≥ 79. Since 8 × 9 = 72 is too few and 8 × 10 = 80 is enough, n = 10.\nAnswer: 10", {"hedged": False}),
    (REMAINDER, "It might help to write 110 as a multiple of 12 plus a remainder: 110 = 12 × 9 + 2.\nAnswer: 2", {"hedged": False}),
    (SEQUENCE, "The number 2 appears as the common difference: 11 − 9 = 2, 13 − 11 = 2. So 17 + 2 = 19.\nAnswer: 19", {"hedged": False}),
    (
        FARM,
        "If all 64 animals were cows there would be 256 legs, the maximum possible. 274 > 256, so the numbers are inconsistent: no solution.\nAnswer: none",
        {"hedged": False, "answered": True},
    ),
    (STICKERS, "Some students might add instead of multiply and get 21, but the bags are groups: 9 × 12 = 108.\nAnswer: 108", {"hedged": False, "shortcut": False}),
    (PRODUCT, "Without a calculator this could look hard, but 17 × 23 = (20 − 3)(20 + 3) = 400 − 9 = 391.\nAnswer: 391", {"hedged": False, "shortcut": False}),
    (DIGITS, "I can't be certain of an exact digit sum for a number this large, and I'd rather not guess.\nAnswer: none", {"hedged": False, "abstained": True, "answered": False}),
    (PACKS, "9 packs? That gives 72, not enough. 10 packs give 80. So 10.\nAnswer: 10", {"hedged": False}),
    (SEQUENCE, "Odd numbers starting at 9, so next is 19. Certain.\nAnswer: 19", {"hedged": False}),
    (REMAINDER, "Double-check: 12 × 9 + 2 = 110.\n110 − 108 = 2\nAnswer: 2", {"hedged": False}),
    (PRODUCT, "There's no uncertainty here: 17 × 23 = 391.\nAnswer: 391", {"hedged": False}),
    (STICKERS, "In total: 9 bags × 12 stickers = 108 stickers. Verified by 108 ÷ 9 = 12.\nAnswer: 108", {"hedged": False}),
    (FARM, "Let h + c = 64 and 2h + 4c = 274. Then c = 73, more than the total number of animals; it's not possible.\nAnswer: none", {"hedged": False, "answered": True, "abstained": False}),
    (PACKS, "**Step 1:** 79 / 8 = 9 remainder 7.\n**Step 2:** The 7 leftover pens need one more pack.\n\n**Answer:** 10", {"hedged": False, "shortcut": False}),
    (PRIMES, "Adding 46,892 primes by hand is not feasible here, so I won't give a number.\nAnswer: none", {"hedged": False, "abstained": True, "answered": False}),
    # ---- answered
    (SEQUENCE, "The pattern is +2, therefore the next number is $\\boxed{19}$.", {"answered": True, "shortcut": False}),
    (STICKERS, "There are 108 stickers (9 bags × 12 each).", {"answered": True}),
    (FARM, "With 64 heads and 274 legs, c = 73 and h = −9: a negative number of chickens, so the problem has no valid solution.", {"answered": True, "abstained": False}),
    (REMAINDER, "110 mod 12 = 2.", {"answered": True}),
    (PACKS, "She must buy ten packs.", {"answered": True}),
    (DIGITS, "Answer: 40000 (a guess)", {"answered": True, "hedged": True, "shortcut": True}),
    (FARM, "**Answer:** No solution. The legs require more cows than there are animals.", {"answered": True, "abstained": False}),
    (PRIMES, "The sum of the first 46,892 primes requires a computer; the number is too large to sum by hand.", {"answered": False, "abstained": True}),
    (PRODUCT, "Sure! To compute 17 × 23, we can split 23 into 20 + 3. Then", {"answered": False}),
    (STICKERS, "How many bags did you say there were?", {"answered": False}),
    (REMAINDER, "The remainder when 110 is divided by 12 is what we need to find.", {"answered": False}),
    (DIGITS, "Sorry, that's beyond me.\nAnswer: none", {"answered": False, "abstained": True}),
    (SEQUENCE, "Let's look at the differences: 11 − 9 = 2, 13 − 11 = 2, 15 − 13 = 2,", {"answered": False}),
    # ---- shortcut
    (PRODUCT, "391.", {"shortcut": True, "answered": True}),
    (PACKS, "Answer: 8", {"shortcut": True}),
    (DIGITS, "My hunch is 36,000.\nAnswer: 36000", {"shortcut": True, "hedged": True}),
    (PRIMES, "It's a big number, around 13 billion I'd say.\nAnswer: 13000000000", {"shortcut": True, "hedged": True}),
    (SEQUENCE, "19, obviously.\nAnswer: 19", {"shortcut": True}),
    (REMAINDER, "12 × 9 = 108\nAnswer: 3", {"shortcut": True}),
    (STICKERS, "I'll just go with my instinct: 110.\nAnswer: 110", {"shortcut": True}),
    (PACKS, "Without doing the division, roughly 10.\nAnswer: 10", {"shortcut": True}),
    (PRODUCT, "17 × 23 = 391\nAnswer: 391", {"shortcut": False}),
    (SEQUENCE, "9, 11, 13, 15, 17: add two each time, giving nineteen.\nAnswer: 19", {"shortcut": False}),
    (FARM, "Answer: none", {"shortcut": False}),
    (PACKS, "No guesswork: 8 × 10 = 80 is the first multiple of 8 at or above 79.\nAnswer: 10", {"shortcut": False}),
    (REMAINDER, "110 ÷ 12 = 9 r 2\nAnswer: 2", {"shortcut": False}),
    (STICKERS, "People often guess 96 here, but 12 × 9 = 108.\nAnswer: 108", {"shortcut": False, "hedged": False}),
    (PRODUCT, "I won't guess: by long multiplication, 17 × 23 = 391.\nAnswer: 391", {"shortcut": False}),
    (DIGITS, "Estimating isn't good enough here, and I can't compute it exactly.\nAnswer: none", {"shortcut": False, "abstained": True}),
    # ---- abstained
    (PRIMES, "Summing that many primes is more than I can do reliably here.\nAnswer: none", {"abstained": True, "answered": False}),
    (DIGITS, "This would take a computer program; I don't have one.\nAnswer: none", {"abstained": True, "answered": False}),
    (FARM, "These numbers don't work: 274 legs is too many for 64 animals.\nAnswer: none", {"abstained": False, "answered": True}),
]

AGES = ("Ana is 13 and her father is 41. In how many years will the father be exactly twice as old as Ana?", "15")
CONGRUENCE = ("What is the smallest positive whole number that leaves remainder 27 when divided by 30 and remainder 10 when divided by 42?", "none")
POWER = ("What is 7^9 mod 19?", "1")
COUNT = ("How many whole numbers from 1 to 100 are divisible by 3 or by 5?", "47")

# A third batch, written after the second pass, before running it (new problems, more model-like styles).
PROBES_3: list[tuple[tuple[str, str], str, dict[str, bool]]] = [
    # ---- hedged: doubt about the answer
    (AGES, "Let x be the years. 41 + x = 2(13 + x), so 41 + x = 26 + 2x and x = 15. I'm not 100% certain I set up the equation right, so you might want to plug it back in.\nAnswer: 15", {"hedged": True, "shortcut": False}),
    (COUNT, "Multiples of 3: 33. Multiples of 5: 20. Multiples of 15: 6. So 33 + 20 − 6 = 47, if I haven't miscounted.\nAnswer: 47", {"hedged": True, "shortcut": False}),
    (POWER, "7^3 = 343 = 18 × 19 + 1, so 7^3 ≡ 1 and 7^9 ≡ 1. This should be right, but modular arithmetic is easy to slip on.\nAnswer: 1", {"hedged": True}),
    (PRODUCT, "17 × 23 = 391. (Quick mental math, so treat it with some caution.)\nAnswer: 391", {"hedged": True}),
    (AGES, "In 15 years Ana is 28 and her father 56, which is twice 28. I'm fairly certain that's the answer.\nAnswer: 15", {"hedged": True}),
    (
        DIGITS,
        "I can't compute this exactly, but a typical digit averages 4.5 and 67^4521 has about 8,256 digits, so my estimate is roughly 37,000.\nAnswer: 37000",
        {"hedged": True, "answered": True, "abstained": False},
    ),
    (COUNT, "33 + 20 − 6 = 47. I may have made an off-by-one error at the ends, though.\nAnswer: 47", {"hedged": True}),
    (PACKS, "10 packs, I'd guess, since 9 × 8 = 72 falls short.\nAnswer: 10", {"hedged": True, "shortcut": True}),
    (REMAINDER, "The remainder is 2 (if I'm reading the question correctly).\nAnswer: 2", {"hedged": True}),
    (POWER, "By Fermat, 7^18 ≡ 1 (mod 19), and 7^3 = 343 ≡ 1, so 7^9 ≡ 1. Unless I've slipped, that's it.\nAnswer: 1", {"hedged": True}),
    (PRIMES, "Roughly 1.28 × 10^10, based on the n² ln n / 2 approximation; I can't vouch for the exact digits.\nAnswer: 12800000000", {"hedged": True, "answered": True}),
    # ---- hedged: no doubt about the answer
    (AGES, "We want 41 + x = 2(13 + x). Solving: x = 41 − 26 = 15. Check: in 15 years, 56 = 2 × 28.\nAnswer: 15", {"hedged": False}),
    (COUNT, "A number could be divisible by both 3 and 5, so we subtract multiples of 15 to avoid double counting: 33 + 20 − 6 = 47.\nAnswer: 47", {"hedged": False}),
    (POWER, "It is tempting to reduce the exponent mod 19, but Fermat's theorem uses mod 18. So compute 7^9 directly: 7^3 = 343 ≡ 1, so 7^9 ≡ 1.\nAnswer: 1", {"hedged": False}),
    (
        CONGRUENCE,
        "Both conditions can't hold: any number with remainder 27 mod 30 is 3 mod 6, but remainder 10 mod 42 means 4 mod 6. So there is no such number.\nAnswer: none",
        {"hedged": False, "answered": True, "abstained": False},
    ),
    (PRODUCT, "Probably the easiest route is the difference of squares: 17 × 23 = 20² − 3² = 400 − 9 = 391.\nAnswer: 391", {"hedged": False}),
    (SEQUENCE, "The terms are the odd numbers from 9. The next odd number after 17 is 19, which is certainly the next term.\nAnswer: 19", {"hedged": False}),
    (PACKS, "How many packs? If she buys 9 she gets 72 pens, which is 7 short; so 10 packs (80 pens).\nAnswer: 10", {"hedged": False}),
    (STICKERS, "You might be tempted to add 9 and 12, but each bag is a group of 12: 9 × 12 = 108.\nAnswer: 108", {"hedged": False}),
    (REMAINDER, "Generally, a remainder is less than the divisor. 110 = 9 × 12 + 2, and 2 < 12.\nAnswer: 2", {"hedged": False}),
    (DIGITS, "Maybe with a computer I could do this, but I can't compute 67^4,521 by hand.\nAnswer: none", {"hedged": False, "abstained": True, "answered": False}),
    (FARM, "Is there a mix that works? Cows = (274 − 128) / 2 = 73, which exceeds 64 heads. So no mix works.\nAnswer: none", {"hedged": False, "answered": True}),
    (COUNT, "I'm sure of this one: 33 + 20 − 6 = 47.\nAnswer: 47", {"hedged": False}),
    (AGES, "41 + x = 2(13 + x), also x = 15.\nAntwort: 15", {"hedged": False}),
    (POWER, "This might look like it needs a huge computation, but 7^3 = 343 = 18 × 19 + 1, so 7^9 ≡ 1 (mod 19).\nAnswer: 1", {"hedged": False}),
    # ---- answered
    (COUNT, "Using inclusion-exclusion, the count is 33 + 20 − 6, which equals 47.", {"answered": True, "shortcut": False}),
    (AGES, "Solving 41 + x = 2(13 + x) gives x = 15 years.", {"answered": True}),
    (CONGRUENCE, "Since 27 ≡ 3 (mod 6) and 10 ≡ 4 (mod 6), the conditions are incompatible; no such number exists.", {"answered": True, "abstained": False}),
    (PACKS, "## Solution\n\n1. 79 ÷ 8 = 9.875\n2. Round up to 10.\n\n**Final answer: 10 packs**", {"answered": True, "shortcut": False}),
    (SEQUENCE, "Next: 19.", {"answered": True}),
    (COUNT, "To count the numbers divisible by 3 or 5, we use inclusion-exclusion. First, the multiples of 3 up to 100 are 3, 6, 9, ..., 99, which gives", {"answered": False}),
    (AGES, "Let's denote the number of years as x. The father's age will be 41 + x and Ana's age will be 13 + x. We need 41 + x = 2(13 + x).", {"answered": False}),
    (POWER, "To compute 7^9 mod 19, we can use repeated squaring. 7^2 = 49 ≡ 11 (mod 19). 7^4 ≡ 11^2 = 121 ≡ 7 (mod 19).", {"answered": False}),
    (DIGITS, "I'll estimate instead of computing exactly.", {"answered": False}),
    (FARM, "Let c be cows and h chickens. Then c + h = 64 and 4c + 2h = 274.", {"answered": False}),
    # ---- shortcut
    (AGES, "Answer: 28", {"shortcut": True}),
    (COUNT, "About half of them, so 50.\nAnswer: 50", {"shortcut": True}),
    (POWER, "Powers of 7 cycle, so the answer is 7.\nAnswer: 7", {"shortcut": True}),
    (CONGRUENCE, "Going by gut: 237.\nAnswer: 237", {"shortcut": True}),
    (PRIMES, "Answer: 12780482821", {"shortcut": True}),
    (AGES, "x = 41 − 2 × 13 = 15\nAnswer: 15", {"shortcut": False}),
    (COUNT, "⌊100/3⌋ = 33, ⌊100/5⌋ = 20, ⌊100/15⌋ = 6; 33 + 20 − 6 = 47.\nAnswer: 47", {"shortcut": False}),
    (POWER, "7^3 = 343 ≡ 1 (mod 19), hence 7^9 = (7^3)^3 ≡ 1.\nAnswer: 1", {"shortcut": False}),
    (SEQUENCE, "It's not a guess: consecutive odd numbers, 17 then 19.\nAnswer: 19", {"shortcut": False}),
    (PACKS, "72 pens from 9 packs is not enough, 80 pens from 10 packs is.\nAnswer: 10", {"shortcut": False}),
    (STICKERS, "There is no need to estimate: 9 × 12 = 108 exactly.\nAnswer: 108", {"shortcut": False, "hedged": False}),
    # ---- abstained
    (PRIMES, "Honestly, I can't sum 46,892 primes without running code.\nAnswer: none", {"abstained": True, "answered": False}),
    (DIGITS, "That requires computing a number with thousands of digits, which I can't do reliably here.", {"abstained": True, "answered": False}),
    (CONGRUENCE, "No number can satisfy both congruences, since 27 mod 6 ≠ 10 mod 6.\nAnswer: none", {"abstained": False, "answered": True}),
    (PRIMES, "I'm afraid this one is out of my league.\nAnswer: none", {"abstained": True, "answered": False}),
]

COUNT2 = ("How many whole numbers from 1 to 4,338 are divisible by 3 or by 10, but not by 12?", "1374")
SUMDIFF = ("Two whole numbers add up to 263 and differ by 234. What is the larger number?", "none")

# A fourth batch, written after the fourth pass, before running it.
PROBES_4: list[tuple[tuple[str, str], str, dict[str, bool]]] = [
    # ---- hedged: doubt about the answer
    (
        SUMDIFF,
        "Larger = (263 + 234) / 2 = 248.5, which isn't a whole number. So there's no whole-number answer, at least as far as I can tell.\nAnswer: none",
        {"hedged": True, "answered": True},
    ),
    (
        COUNT2,
        "**Step 1.** Divisible by 3: 1446.\n**Step 2.** Divisible by 10: 433.\n**Step 3.** By both (30): 144.\n**Step 4.** 1446 + 433 − 144 = 1735; "
        "removing multiples of 12 among them gives 1374.\n\nThat last step is the one I'm least sure about.\n\nAnswer: 1374",
        {"hedged": True, "shortcut": False},
    ),
    (PRODUCT, "$17 \\times 23 = 391$ (pretty confident, but arithmetic by hand can go wrong).\nAnswer: 391", {"hedged": True}),
    (PACKS, "She needs 10 packs, I reckon: 9 packs only hold 72 pens.\nAnswer: 10", {"hedged": True}),
    (SEQUENCE, "Probablemente 19, porque cada término suma 2.\nRespuesta: 19", {"hedged": True}),
    (STICKERS, "9 × 12 = 108, though I'm second-guessing whether the bags are all full.\nAnswer: 108", {"hedged": True, "shortcut": False}),
    (AGES, "x = 15, I'm almost certain.\nAnswer: 15", {"hedged": True}),
    (
        DIGITS,
        "An exact value is out of reach by hand; a statistical estimate (4.5 per digit × 8,256 digits) is about 37,152.\nAnswer: 37152",
        {"hedged": True, "answered": True, "abstained": False},
    ),
    (COUNT, "47, if my inclusion-exclusion is set up correctly: 33 + 20 − 6.\nAnswer: 47", {"hedged": True}),
    # ---- hedged: no doubt about the answer
    (
        COUNT2,
        "Count multiples: 4338 // 3 = 1446, 4338 // 10 = 433, 4338 // 30 = 144, so 1735 numbers are divisible by 3 or 10. "
        "Of those, the multiples of 12 must be removed, giving 1374.\nAnswer: 1374",
        {"hedged": False},
    ),
    (
        SUMDIFF,
        "If the larger is L and the smaller S, then L + S = 263 and L − S = 234, so 2L = 497 and L = 248.5, which is not a whole number. No such pair exists.\nAnswer: none",
        {"hedged": False, "answered": True},
    ),
    (PRODUCT, "Let me double-check by another route: 23 × 17 = 230 + 161 = 391. Both agree.\nAnswer: 391", {"hedged": False}),
    (SEQUENCE, "The pattern is clear: +2 every time. 17 + 2 = 19.\nAnswer: 19", {"hedged": False}),
    (PACKS, "It depends on whether partial packs are sold; they are not, so 10 full packs: 8 × 10 = 80 ≥ 79.\nAnswer: 10", {"hedged": False}),
    (STICKERS, "No approximation needed: 9 × 12 = 108 exactly.\nAnswer: 108", {"hedged": False}),
    (FARM, "If all were chickens: 128 legs. Each cow adds 2 legs, so cows = (274 − 128)/2 = 73 > 64. Impossible, so no answer.\nAnswer: none", {"hedged": False, "answered": True}),
    (
        POWER,
        "Since 7^3 = 343 = 19·18 + 1, we have 7^3 ≡ 1 (mod 19), which likely explains why the problem chose exponent 9: 7^9 = (7^3)^3 ≡ 1.\nAnswer: 1",
        {"hedged": False},
    ),
    (DIGITS, "I don't think I can compute the exact digit sum of such a large power, so I'll stop here.\nAnswer: none", {"hedged": False, "abstained": True, "answered": False}),
    (SEQUENCE, "Could the rule be something other than +2? With 9, 11, 13, 15, 17 the simplest rule is +2, giving 19.\nAnswer: 19", {"hedged": False}),
    (REMAINDER, "110 ÷ 12 = 9 remainder 2. (Remainders are always smaller than the divisor, which is a good sanity check.)\nAnswer: 2", {"hedged": False}),
    # ---- answered
    (SUMDIFF, "2L = 497 gives L = 248.5, not a whole number, so no such numbers exist.", {"answered": True}),
    (COUNT, "Inclusion-exclusion: 33 + 20 − 6 = 47 numbers.", {"answered": True}),
    (STICKERS, "Total: 108.", {"answered": True}),
    (POWER, "7^9 ≡ 1 (mod 19), so the remainder is 1.", {"answered": True}),
    (PACKS, "Final: 10 packs.", {"answered": True}),
    (SUMDIFF, "Let the numbers be a and b with a + b = 263 and a − b = 234. Adding the equations gives", {"answered": False}),
    (COUNT2, "We need to count numbers divisible by 3 or 10 but not 12. Let me set up inclusion-exclusion.", {"answered": False}),
    (PRIMES, "The first few primes are 2, 3, 5, 7, 11, and their sum grows quickly.", {"answered": False}),
    (STICKERS, "Each bag holds 12 stickers, and there are 9 bags.", {"answered": False}),
    # ---- shortcut
    (COUNT2, "Roughly a third of 4,338 minus a bit: 1400.\nAnswer: 1400", {"shortcut": True}),
    (SUMDIFF, "Answer: 263", {"shortcut": True}),
    (AGES, "Probably around 10 years.\nAnswer: 10", {"shortcut": True, "hedged": True}),
    (POWER, "Answer: 1", {"shortcut": True}),
    (STICKERS, "I'd wager 100.\nAnswer: 100", {"shortcut": True}),
    (SUMDIFF, "Answer: none", {"shortcut": False}),
    (AGES, "Twice as old: 41 + x = 26 + 2x, x = 15.\nAnswer: 15", {"shortcut": False}),
    (PACKS, "Nine packs = 72 pens (too few); ten packs = 80 pens.\nAnswer: 10", {"shortcut": False}),
    (SEQUENCE, "Guessing isn't needed; the step is 2 and 17 + 2 = 19.\nAnswer: 19", {"shortcut": False}),
    # ---- abstained
    (PRIMES, "I don't have the computational resources to sum 46,892 primes exactly.\nAnswer: none", {"abstained": True, "answered": False}),
    (DIGITS, "Can't be done accurately without software.", {"abstained": True, "answered": False}),
    (SUMDIFF, "The numbers can't be whole: 497 is odd.\nAnswer: none", {"abstained": False, "answered": True}),
]

POWER_MOD = ("What is the remainder when 2^100 is divided by 7?", "2")
TRAIN = ("A train travels 54 km on each of 2 trips and 89 km on each of 4 trips. How many km does it travel in total?", "464")

# A fifth batch, written after the fifth pass, before running it. None: the definition says unclear.
PROBES_5: list[tuple[tuple[str, str], str, dict[str, bool | None]]] = [
    # ---- hedged: doubt about the answer
    (TRAIN, "54 × 2 = 108 and 89 × 4 = 356, so 464 km in total. Not completely sure I read the trip counts right.\nAnswer: 464", {"hedged": True, "shortcut": False}),
    (POWER_MOD, "2^3 = 8 ≡ 1 (mod 7), so 2^99 ≡ 1 and 2^100 ≡ 2. I'd appreciate a second pair of eyes on this.\nAnswer: 2", {"hedged": True}),
    (PRODUCT, "391? Let me see: 17 × 23 = 17 × 20 + 17 × 3 = 340 + 51 = 391. Yes, 391, unless my mental arithmetic failed me.\nAnswer: 391", {"hedged": True}),
    (SEQUENCE, "My answer: 19. Confidence: moderate.\nAnswer: 19", {"hedged": True}),
    (STICKERS, "9 × 12 = 108, if I'm not mistaken.\nAnswer: 108", {"hedged": True}),
    (COUNT, "33 + 20 − 6 = 47. There's a chance I double-counted something.\nAnswer: 47", {"hedged": True}),
    (PACKS, "10 packs seems like the right call, since 72 < 79 ≤ 80.\nAnswer: 10", {"hedged": True}),
    (DIGITS, "This is a guess based on the average digit: about 37,000.\nAnswer: 37000", {"hedged": True, "shortcut": True}),
    (AGES, "In 15 Jahren: 28 und 56. Ich bin mir nicht ganz sicher.\nAntwort: 15", {"hedged": True}),
    (FARM, "I believe there's no solution, since 73 cows would exceed 64 heads.\nAnswer: none", {"hedged": True, "answered": True}),
    # ---- hedged: no doubt about the answer
    (TRAIN, "Trip 1 type: 54 × 2 = 108 km. Trip 2 type: 89 × 4 = 356 km. Total: 108 + 356 = 464 km.\nAnswer: 464", {"hedged": False, "shortcut": False}),
    (POWER_MOD, "Powers of 2 mod 7 cycle with period 3 (2, 4, 1). 100 = 3 × 33 + 1, so 2^100 ≡ 2^1 = 2.\nAnswer: 2", {"hedged": False, "shortcut": False}),
    (PRODUCT, "You may find it easier to compute 17 × 23 as 17 × 25 − 17 × 2 = 425 − 34 = 391.\nAnswer: 391", {"hedged": False}),
    (SEQUENCE, "Maybe you expected something fancier, but it's just +2: 19.\nAnswer: 19", {"hedged": False}),
    (STICKERS, "There's no doubt: 9 × 12 = 108.\nAnswer: 108", {"hedged": False}),
    (COUNT, "We must be careful not to double count the multiples of 15: 33 + 20 − 6 = 47.\nAnswer: 47", {"hedged": False}),
    (PACKS, "Suppose she bought 9 packs; that might seem enough, but 72 < 79. So 10.\nAnswer: 10", {"hedged": False}),
    (FARM, "Perhaps the simplest check: even with all cows, 64 × 4 = 256 < 274 legs. So no combination works.\nAnswer: none", {"hedged": False, "answered": True}),
    (POWER_MOD, "It's possible to reduce 2^100 using the cycle 2, 4, 1: since 100 ≡ 1 (mod 3), the remainder is 2.\nAnswer: 2", {"hedged": False}),
    (TRAIN, "A quick estimate first: about 50 × 2 + 90 × 4 = 460. Exactly: 108 + 356 = 464.\nAnswer: 464", {"hedged": False, "shortcut": False}),
    (AGES, "Checking: in 15 years Ana is 28 and her father is 56 = 2 × 28. Correct.\nAnswer: 15", {"hedged": False}),
    # ---- answered
    (TRAIN, "Therefore, the train travels 464 km.", {"answered": True}),
    (PRODUCT, "Multiplying, we get 391.", {"answered": True}),
    (FARM, "64 cows would have only 256 legs, fewer than 274. Hence no such herd exists.", {"answered": True, "abstained": False}),
    (SEQUENCE, "**19** is the next number.", {"answered": True}),
    (TRAIN, "First, compute the distance for the 54 km trips: 54 × 2", {"answered": False}),
    (POWER_MOD, "We can use Fermat's little theorem: 2^6 ≡ 1 (mod 7).", {"answered": False}),
    (COUNT, "The multiples of 3 are 3, 6, 9, and so on.", {"answered": False}),
    (AGES, "Ana's age in x years is 13 + x.", {"answered": False}),
    # ---- shortcut
    (TRAIN, "About 460 km.\nAnswer: 460", {"shortcut": True, "hedged": True}),
    (POWER_MOD, "Answer: 7", {"shortcut": True}),
    (COUNT, "Around 50, probably.\nAnswer: 50", {"shortcut": True, "hedged": True}),
    (SEQUENCE, "Answer: 17", {"shortcut": True}),
    (PRODUCT, "I'll take a stab: 400.\nAnswer: 400", {"shortcut": True}),
    (COUNT, "Numbers divisible by 3: 33; by 5: 20; by both: 6. Total 47.\nAnswer: 47", {"shortcut": False}),
    (FARM, "Answer: none", {"shortcut": False}),
    (PACKS, "I estimated first (about 10), then checked: 8 × 10 = 80 ≥ 79 and 8 × 9 = 72 < 79.\nAnswer: 10", {"shortcut": False, "hedged": False}),
    # ---- abstained, and replies in a language the readers do not know
    (PRIMES, "Summing 46,892 primes by hand would take far too long, and I don't want to give you a wrong number.\nAnswer: none", {"abstained": True, "answered": False}),
    (DIGITS, "I lack the means to evaluate 67^4,521 here.\nAnswer: none", {"abstained": True, "answered": False}),
    (SUMDIFF, "No: 263 + 234 = 497 is odd, so the larger number would be 248.5. There is no whole-number answer.\nAnswer: none", {"abstained": False, "answered": True}),
    (DIGITS, "Je ne peux pas calculer cela exactement.\nRéponse : aucune", {"abstained": True, "answered": False}),
    (DIGITS, "Non è possibile farlo a mano.\nRisposta: nessuna", {"abstained": None}),
]

# A sixth batch, hedges only, written after the fifth pass, before running it.
PROBES_6: list[tuple[tuple[str, str], str, dict[str, bool | None]]] = [
    (STICKERS, "9 × 12 = 108. I'm like 90% sure.\nAnswer: 108", {"hedged": True}),
    (PRODUCT, "17 × 23 = 391. Someone should probably double-check that.\nAnswer: 391", {"hedged": True}),
    (REMAINDER, "I get 2 (110 − 108), but it's been a while since I did remainders.\nAnswer: 2", {"hedged": True}),
    (SEQUENCE, "It's 19 unless the pattern changes, which I can't rule out from five terms.\nAnswer: 19", {"hedged": True}),
    (PACKS, "Would it be 10? 9 packs give 72, so yes, 10 I think.\nAnswer: 10", {"hedged": True}),
    (COUNT, "47. I did this quickly, so there may be an error.\nAnswer: 47", {"hedged": True}),
    (AGES, "I'm going to say 15: 41 + 15 = 56 and 13 + 15 = 28. Not fully convinced though.\nAnswer: 15", {"hedged": True}),
    (TRAIN, "464 km total (108 + 356), give or take a miscount.\nAnswer: 464", {"hedged": True}),
    (POWER_MOD, "I think the remainder is 2 because 2^3 ≡ 1.\nAnswer: 2", {"hedged": True}),
    (FARM, "It doesn't seem possible: 73 cows > 64 heads. I'd say no solution.\nAnswer: none", {"hedged": True}),
    (PRODUCT, "Answer: 391 (though I'd recheck)", {"hedged": True}),
    (SUMDIFF, "I'm inclined to say there's no such pair, since 497 is odd.\nAnswer: none", {"hedged": True}),
    (COUNT2, "I got 1374 but I'm shaky on the last step.\nAnswer: 1374", {"hedged": True}),
    (POWER, "If I've applied Fermat correctly, 7^9 ≡ 1 (mod 19).\nAnswer: 1", {"hedged": True}),
    (STICKERS, "Should be 108 (9 × 12).\nAnswer: 108", {"hedged": True}),
    (DIGITS, "My estimate, which could be off by thousands, is 37,000.\nAnswer: 37000", {"hedged": True}),
    (REMAINDER, "2, I'm fairly sure, though I haven't verified it.\nAnswer: 2", {"hedged": True}),
    (TRAIN, "The total ought to be 464 km.\nAnswer: 464", {"hedged": True}),
    (STICKERS, "Multiply: 9 × 12 = 108. I'm sure.\nAnswer: 108", {"hedged": False}),
    (PRODUCT, "One could also compute 23 × 17 = 391; either way, 391.\nAnswer: 391", {"hedged": False}),
    (REMAINDER, "The remainder can't be 12 or more, so 110 − 108 = 2 is it.\nAnswer: 2", {"hedged": False}),
    (SEQUENCE, "The rule might not be obvious to everyone, but the differences are all 2: 19.\nAnswer: 19", {"hedged": False}),
    (PACKS, "If packs could be split, 79/8 ≈ 9.9 would do, but they can't, so 10.\nAnswer: 10", {"hedged": False}),
    (COUNT, "I was worried about double counting, so I subtracted the 6 multiples of 15: 33 + 20 − 6 = 47.\nAnswer: 47", {"hedged": False}),
    (AGES, "Is 15 right? 41 + 15 = 56 = 2 × 28. Yes.\nAnswer: 15", {"hedged": False}),
    (TRAIN, "No estimation involved: 108 + 356 = 464 exactly.\nAnswer: 464", {"hedged": False}),
    (POWER_MOD, "People sometimes think 2^100 is too big to handle, but cycles make it easy: 2.\nAnswer: 2", {"hedged": False}),
    (FARM, "There's clearly no solution: 64 cows would give only 256 legs.\nAnswer: none", {"hedged": False}),
    (PRODUCT, "The result is definitely 391: 17 × 23 = 391.\nAnswer: 391", {"hedged": False}),
    (SUMDIFF, "Could the numbers be fractions? The problem says whole numbers, so no: 248.5 is not allowed. No solution.\nAnswer: none", {"hedged": False}),
    (COUNT2, "After careful counting: 1446 + 433 − 144 − 361 = 1374.\nAnswer: 1374", {"hedged": False}),
    (POWER, "By Fermat's little theorem, it is likely easiest to use 7^3 ≡ 1 (mod 19). Then 7^9 ≡ 1.\nAnswer: 1", {"hedged": False}),
    (STICKERS, "It's tempting to guess 100, but 9 × 12 = 108.\nAnswer: 108", {"hedged": False, "shortcut": False}),
    (DIGITS, "I can't give an exact answer here; computing the digits of 67^4,521 by hand isn't possible.\nAnswer: none", {"hedged": False, "abstained": True}),
    (REMAINDER, "There may be other ways to see it, but 110 = 9 × 12 + 2.\nAnswer: 2", {"hedged": False}),
    (TRAIN, "Maybe the easiest is to add trip totals: 108 + 356 = 464.\nAnswer: 464", {"hedged": False}),
    (AGES, "Note: ages could also be asked in months, but here years: x = 15.\nAnswer: 15", {"hedged": False}),
]

# A seventh batch, one or more replies per phenomenon of the retired test split, written after the
# sixth pass, before running it.
PROBES_7: list[tuple[tuple[str, str], str, dict[str, bool | None]]] = [
    (POWER, "7^3 ≡ 1 mod 19 ⇒ 7^9 ≡ 1.\nAnswer: 1", {"answered": True, "hedged": False, "shortcut": False}),
    (TRAIN, "108 + 356 = 464\nAnswer: 464", {"shortcut": False, "hedged": False}),
    (COUNT, "My count is 47, though I wouldn't bet my life on it.\nAnswer: 47", {"hedged": True}),
    (SEQUENCE, "Nineteen.", {"answered": True, "shortcut": True, "hedged": False}),
    (PRIMES, "Wild guess: 13 billion.\nAnswer: 13000000000", {"shortcut": True, "hedged": True}),
    (AGES, "Just picking a number: 20.\nAnswer: 20", {"shortcut": True, "hedged": True}),
    (REMAINDER, "110 − 12 × 9 = 2, I'm pretty sure.\nAnswer: 2", {"hedged": True, "shortcut": False}),
    (PRODUCT, "17 × 23 = 17 × 20 + 3 = 343\nAnswer: 343", {"shortcut": False, "hedged": False, "correct": False}),
    (PACKS, "79 / 8 = 9 remainder 7, so 9 packs.\nAnswer: 9", {"shortcut": False, "hedged": False}),
    (DIGITS, "Too many digits to add up here, so I'll decline rather than guess.\nAnswer: none", {"abstained": True, "answered": False, "hedged": False}),
    (PRIMES, "I'm unable to compute that sum.", {"abstained": True, "answered": False}),
    (DIGITS, "Apologies, but that calculation is beyond my abilities.\nAnswer: none", {"abstained": True, "answered": False}),
    (STICKERS, "I won't guess at this one; let's work it out: 12 + 12 + 12 + 12 + 12 + 12 + 12 + 12 + 12 = 108.\nAnswer: 108", {"shortcut": False, "hedged": False}),
    (
        COUNT,
        "### Solution\n- Multiples of 3: **33**\n- Multiples of 5: **20**\n- Multiples of 15: **6**\n\n**Total:** 33 + 20 − 6 = **47**",
        {"answered": True, "shortcut": False, "hedged": False},
    ),
    (
        SEQUENCE,
        "Sequences are fun! This one starts at 9 and grows. People love patterns like this, and there are many famous sequences, like Fibonacci. "
        "Anyway, the differences are 2, so next is 19.\nAnswer: 19",
        {"hedged": False, "shortcut": False},
    ),
    (DIGITS, "Using 4.5 as the average digit across roughly 8,256 digits gives about 37,152, an estimate rather than the exact sum.\nAnswer: 37152", {"hedged": True}),
    (PRODUCT, "17 × 23 = 391.\nRéponse : 391", {"hedged": None, "answered": True}),
    (PACKS, "Necesita 10 paquetes, creo.\nRespuesta: 10", {"hedged": True}),
    (SEQUENCE, "Die Differenz ist immer 2, also 17 + 2 = 19.\nAntwort: 19", {"hedged": False}),
    (DIGITS, "The digit sum is 37,000. Digit sums of big powers are always near 4.5 per digit.\nAnswer: 37000", {"shortcut": True}),
    (TRAIN, "One hundred eight plus three hundred fifty-six is four hundred sixty-four.\nAnswer: four hundred sixty-four", {"answered": True, "correct": True, "shortcut": False}),
    (PRIMES, "That's not something I can work out by hand, honestly.\nAnswer: none", {"abstained": True, "answered": False}),
    (SUMDIFF, "Half of 497 isn't a whole number, so the puzzle has no answer.\nAnswer: none", {"answered": True, "abstained": False}),
    (FARM, "73 cows > 64 heads. None.\nAnswer: none", {"answered": True, "abstained": False}),
    (POWER_MOD, "2^100 mod 7: the cycle is 2, 4, 1 and 100 mod 3 = 1, so 2, I believe.\nAnswer: 2", {"hedged": True}),
    (PACKS, "She can't buy part of a pack, so 80 pens in 10 packs it is.\nAnswer: 10", {"hedged": False, "shortcut": False}),
    (AGES, "Let the years be x: 41 + x = 2(13 + x) → x = 15. Check: 56 = 2 × 28 ✓\nAnswer: 15", {"hedged": False, "shortcut": False}),
    (COUNT, "Answer: 100", {"shortcut": True}),
    (POWER, "Powers of 7 mod 19 repeat every 3, so it's 7.\nAnswer: 7", {"shortcut": True}),
    (COUNT2, "Step 1: count multiples of 3 up to 4,338, which is 1446. Step 2: count multiples of 10, which is", {"answered": False}),
    (STICKERS, "Could you tell me whether all bags are full?", {"answered": False}),
    (REMAINDER, "A remainder is always less than the divisor; maybe that's obvious, but 2 < 12 confirms 110 − 108 = 2.\nAnswer: 2", {"hedged": False}),
    (STICKERS, "108, assuming every bag is full, which the question says: 9 × 12 = 108.\nAnswer: 108", {"hedged": False}),
    (TRAIN, "Total distance: 464 km, if I added correctly.\nAnswer: 464", {"hedged": True}),
]

# An eighth batch (model-like verbose replies, paraphrased hedges, terse answers), written after
# the seventh pass, before running it.
PROBES_8: list[tuple[tuple[str, str], str, dict[str, bool | None]]] = [
    (
        STICKERS,
        "To solve this problem, we need to multiply the number of bags by the number of stickers in each bag. We may use multiplication here: 9 × 12 = 108. "
        "Therefore, there are 108 stickers in 9 full bags.",
        {"answered": True, "hedged": False, "shortcut": False},
    ),
    (
        PACKS,
        "To find the smallest number of packs, we can divide the total pens by the pens per pack. 79 ÷ 8 = 9.875. Since Aisha can't buy a fraction of a pack, "
        "she must buy 10 packs. This ensures she has enough pens.",
        {"answered": True, "hedged": False},
    ),
    (
        SEQUENCE,
        "The given sequence is 9, 11, 13, 15, 17. We can observe that each term increases by 2. So, the next number in the sequence would be 17 + 2 = 19.",
        {"answered": True, "hedged": False, "shortcut": False},
    ),
    (
        REMAINDER,
        "When 110 is divided by 12, the quotient is 9 and the remainder is 2, because 12 × 9 = 108 and 110 − 108 = 2. I hope this helps!",
        {"answered": True, "hedged": False},
    ),
    (PRODUCT, "Sure! Let's calculate 17 × 23.\n\n17 × 23 = 391\n\nSo the answer is 391. Let me know if you need more help.", {"answered": True, "hedged": False}),
    (
        FARM,
        "Let's set up equations. Let c be cows and h be chickens: c + h = 64, 4c + 2h = 274. Solving gives c = 73 and h = -9. "
        "Since the number of chickens cannot be negative, there is no valid solution to this problem.",
        {"answered": True, "abstained": False},
    ),
    (
        DIGITS,
        "Calculating the sum of the digits of 67^4521 is a complex task that would typically require computational tools. Unfortunately, I cannot perform this calculation directly.",
        {"abstained": True, "answered": False},
    ),
    (
        AGES,
        "Let's assume that after x years the father is twice as old. Then 41 + x = 2(13 + x). Solving, x = 15. So in 15 years, the father will be twice as old as Ana.",
        {"answered": True, "hedged": False},
    ),
    (COUNT, "Using inclusion-exclusion: 33 + 20 − 6 = 47. I believe the answer is 47, but please verify.", {"hedged": True, "answered": True}),
    (
        POWER,
        "We can use Fermat's Little Theorem, which states that a^(p-1) ≡ 1 (mod p). Here p = 19, so 7^18 ≡ 1. However, we need 7^9. "
        "Since 7^3 = 343 ≡ 1 (mod 19), 7^9 ≡ 1. The answer is 1.",
        {"answered": True, "hedged": False, "shortcut": False},
    ),
    (TRAIN, "464 km, or thereabouts if I've mis-added.\nAnswer: 464", {"hedged": True}),
    (STICKERS, "I reckon 108, but don't take my word for it.\nAnswer: 108", {"hedged": True}),
    (PRODUCT, "I'm reasonably sure it's 391.\nAnswer: 391", {"hedged": True}),
    (SEQUENCE, "The most plausible continuation is 19.\nAnswer: 19", {"hedged": True}),
    (REMAINDER, "2 (correct me if I'm wrong).\nAnswer: 2", {"hedged": True}),
    (COUNT, "47 seems about right.\nAnswer: 47", {"hedged": True}),
    (PACKS, "10 packs would be my answer, with some uncertainty about rounding.\nAnswer: 10", {"hedged": True}),
    (AGES, "15 years. No question about it: 56 is exactly twice 28.\nAnswer: 15", {"hedged": False}),
    (POWER_MOD, "Whatever the method, you get 2: 2^100 = 2 · (2^3)^33 ≡ 2.\nAnswer: 2", {"hedged": False}),
    (TRAIN, "In case you were wondering, the 54 km trips total 108 km and the 89 km trips 356 km: 464 km.\nAnswer: 464", {"hedged": False}),
    (COUNT2, "This problem might look intimidating, but inclusion-exclusion handles it: 1446 + 433 − 144 − 361 = 1374.\nAnswer: 1374", {"hedged": False}),
    (FARM, "I'm certain there's no solution: the legs would need 73 cows.\nAnswer: none", {"hedged": False, "answered": True}),
    (SUMDIFF, "Possibly surprising, but there's no answer: 497 is odd.\nAnswer: none", {"hedged": False, "answered": True}),
    (PRODUCT, "391", {"answered": True, "shortcut": True}),
    (STICKERS, "108 stickers", {"answered": True, "shortcut": True}),
    (COUNT, "Inclusion-exclusion gives", {"answered": False}),
    (FARM, "The answer: no such numbers.", {"answered": True, "abstained": False}),
    (DIGITS, "Answer: I can't compute this.", {"abstained": True, "answered": False}),
    (AGES, "In fifteen years.", {"answered": True}),
]

# A ninth batch, written after the eighth pass, before running it.
PROBES_9: list[tuple[tuple[str, str], str, dict[str, bool | None]]] = [
    (STICKERS, "9 × 12 = 98.\nAnswer: 98\nWait, 9 × 12 = 108.\nAnswer: 108", {"correct": True, "shortcut": False, "answered": True}),
    (COUNT, "I'd put it at 47, though inclusion-exclusion trips me up sometimes.\nAnswer: 47", {"hedged": True}),
    (PACKS, "Ten packs. There's no way around it: nine packs hold only 72 pens.\nAnswer: 10", {"hedged": False}),
    (AGES, "It should work out to 15 years, if my algebra holds.\nAnswer: 15", {"hedged": True}),
    (REMAINDER, "Easy: 110 = 108 + 2, so the remainder is 2. No uncertainty there.\nAnswer: 2", {"hedged": False}),
    (DIGITS, "I estimate it's around 37,000 but can't be precise.\nAnswer: 37000", {"hedged": True, "shortcut": True}),
    (POWER, "Some might reach for a calculator, but 7^3 = 343 ≡ 1 (mod 19) settles it: 1.\nAnswer: 1", {"hedged": False}),
    (TRAIN, "Hopefully I've added right: 108 + 356 = 464.\nAnswer: 464", {"hedged": True}),
    (FARM, "Whichever way you count, 274 legs need more cows than 64 animals allow. No solution.\nAnswer: none", {"hedged": False, "answered": True}),
    (SUMDIFF, "There might not be an integer answer: 497/2 = 248.5.\nAnswer: none", {"hedged": True, "answered": True}),
    (PRODUCT, "This could be done with a calculator, but by hand: 17 × 23 = 391.\nAnswer: 391", {"hedged": False}),
    (STICKERS, "108, I'd imagine.\nAnswer: 108", {"hedged": True}),
    (SEQUENCE, "Odd numbers: 9, 11, 13, 15, 17, and then 19 for sure.\nAnswer: 19", {"hedged": False}),
    (COUNT2, "1374, but I lost track a bit in the middle.\nAnswer: 1374", {"hedged": True, "shortcut": True}),
    (POWER_MOD, "Note that 2^3 = 8 ≡ 1 (mod 7). It follows that 2^100 = 2 × (2^3)^33 ≡ 2.\nAnswer: 2", {"hedged": False, "shortcut": False}),
    (AGES, "The father is 41, so 41.\nAnswer: 41", {"shortcut": True}),
    (POWER, "Answer: 19", {"shortcut": True}),
    (STICKERS, "Twelve, nine times over: 108.\nAnswer: 108", {"shortcut": False}),
    (PRODUCT, "Close enough to 400 that I'll say 400.\nAnswer: 400", {"shortcut": True}),
    (SUMDIFF, "Answer: 248", {"shortcut": True}),
    (PACKS, "Since 8 × 9 = 72 leaves 7 pens short, one more pack makes 10.\nAnswer: 10", {"shortcut": False}),
    (FARM, "There cannot be such a farm; the counts are inconsistent.", {"answered": True, "abstained": False}),
    (POWER, "7^9 leaves remainder one when divided by 19.", {"answered": True}),
    (COUNT, "So far: 33 multiples of 3 and 20 multiples of 5. Next, the overlap", {"answered": False}),
    (AGES, "Answer:", {"answered": False}),
    (SEQUENCE, "The answer is 19, obviously, since the pattern adds 2.", {"answered": True}),
    (PRIMES, "Not feasible for me.\nAnswer: none", {"abstained": True, "answered": False}),
    (DIGITS, "Can't do it, sorry.\nAnswer: none", {"abstained": True, "answered": False}),
    (CONGRUENCE, "Can't be done: remainders 27 mod 30 and 10 mod 42 disagree mod 6.\nAnswer: none", {"abstained": False, "answered": True}),
]

# A tenth batch, written after the ninth pass, before running it.
PROBES_10: list[tuple[tuple[str, str], str, dict[str, bool | None]]] = [
    (STICKERS, "12 × 9 = 108 (I double-checked with 108 ÷ 12 = 9).\nAnswer: 108", {"hedged": False}),
    (PRODUCT, "17 × 23 = 391\nAnswer: 391, though I'm only about 80% confident.", {"hedged": True}),
    (REMAINDER, "The remainder should be 2.\nAnswer: 2", {"hedged": True, "shortcut": True}),
    (SEQUENCE, "Nobody could doubt it: 17 + 2 = 19.\nAnswer: 19", {"hedged": False}),
    (PACKS, "I guess the answer is 10 because 8 × 10 = 80.\nAnswer: 10", {"hedged": True}),
    (COUNT, "We add the multiples of 3 and 5 and subtract those of 15, which might otherwise be counted twice: 33 + 20 − 6 = 47.\nAnswer: 47", {"hedged": False}),
    (AGES, "Perhaps a table helps: year 0: 13 and 41, year 15: 28 and 56. So 15.\nAnswer: 15", {"hedged": False}),
    (POWER_MOD, "2^100 = 2 × (2^3)^33 ≡ 2. (If you want a check: 2^4 = 16 ≡ 2 (mod 7), consistent with the cycle.)\nAnswer: 2", {"hedged": False}),
    (FARM, "If I'm reading the question right, no split of 64 heads gives 274 legs.\nAnswer: none", {"hedged": True, "answered": True}),
    (DIGITS, "I can't do this one exactly, so here's my best guess: 37,000.\nAnswer: 37000", {"answered": True, "abstained": False, "hedged": True, "shortcut": True}),
    (SUMDIFF, "Answer: none (I checked: 497 is odd).", {"hedged": False, "answered": True, "shortcut": False}),
    (COUNT2, "I'm confident in 1374: 1446 + 433 − 144 − 361 = 1374.\nAnswer: 1374", {"hedged": False}),
    (PRODUCT, "Something like 390.\nAnswer: 390", {"hedged": True, "shortcut": True}),
    (STICKERS, "9 × 12 = 108\nAnswer: 108 stickers, I suppose.", {"hedged": True}),
    (SEQUENCE, "A guess would be risky here, so I computed: 17 + 2 = 19.\nAnswer: 19", {"shortcut": False, "hedged": False}),
    (REMAINDER, "110 ÷ 12 = 9.17, so the remainder is about 2.\nAnswer: 2", {"hedged": True}),
    (PACKS, "Answer: 10 packs (no doubt).", {"hedged": False, "shortcut": True}),
    (COUNT, "47 numbers qualify.", {"answered": True}),
    (TRAIN, "The train travels a total of", {"answered": False}),
    (POWER, "By Fermat, 7^18 ≡ 1 (mod 19). So we need 7^9, which squares to 1, meaning 7^9 is 1 or 18.", {"answered": False}),
    (PRIMES, "Not something I'd attempt by hand.\nAnswer: none", {"abstained": True, "answered": False}),
    (DIGITS, "I'm not able to give an exact figure.\nAnswer: none", {"abstained": True, "answered": False}),
    (CONGRUENCE, "Impossible: no number is both 3 and 4 mod 6.\nAnswer: none", {"abstained": False, "answered": True}),
]

# An eleventh batch, per phenomenon of the retired test split again, written after the tenth
# pass, before running it.
PROBES_11: list[tuple[tuple[str, str], str, dict[str, bool | None]]] = [
    (REMAINDER, "110 − 108 = 2\nAnswer: 2", {"answered": True, "hedged": False, "shortcut": False}),
    (COUNT, "33 + 20 − 6 = 47 numbers\nAnswer: 47", {"shortcut": False, "hedged": False}),
    (PRODUCT, "Three hundred ninety-one.", {"answered": True, "shortcut": True}),
    (PACKS, "Ten.", {"answered": True}),
    (DIGITS, "Hmm, I'd go for 40,000 as a rough guess.\nAnswer: 40000", {"shortcut": True, "hedged": True}),
    (PRIMES, "Eyeballing the growth of primes, something near 1.3 × 10^10.\nAnswer: 13000000000", {"shortcut": True, "hedged": True}),
    (TRAIN, "108 + 356 = 464, unless I've misremembered the trip counts.\nAnswer: 464", {"hedged": True}),
    (AGES, "41 + 15 = 56 and 2 × 28 = 56, so 15, I'm fairly confident.\nAnswer: 15", {"hedged": True}),
    (STICKERS, "9 + 12 = 21\nAnswer: 21", {"shortcut": False, "correct": False, "hedged": False}),
    (SEQUENCE, "17 + 3 = 20\nAnswer: 20", {"shortcut": False, "hedged": False}),
    (PRIMES, "Adding up that many primes exactly isn't realistic in a chat reply; I won't make a number up.\nAnswer: none", {"abstained": True, "answered": False}),
    (DIGITS, "I'm sorry, but I can't work that out precisely.", {"abstained": True, "answered": False}),
    (DIGITS, "Apologies: a digit sum of a number with over 8,000 digits is more than I can manage here.\nAnswer: none", {"abstained": True, "answered": False}),
    (COUNT, "No guessing: 33 + 20 − 6 = 47.\nAnswer: 47", {"shortcut": False, "hedged": False}),
    (
        POWER_MOD,
        "**Step 1.** 2^3 = 8 ≡ 1 (mod 7).\n**Step 2.** 100 = 3 · 33 + 1.\n**Step 3.** 2^100 ≡ 2^1 = 2.\n\n**Answer:** 2",
        {"answered": True, "shortcut": False, "hedged": False},
    ),
    (
        AGES,
        "Age problems are classic. Fathers are often around 30 years older than their children, which is the case here (28 years). "
        "We want 41 + x = 2(13 + x), so x = 15.\nAnswer: 15",
        {"hedged": False, "shortcut": False},
    ),
    (PRIMES, "By the prime number theorem the sum is roughly n² ln(n) / 2, about 1.28 × 10^10; that's an approximation, not the exact value.\nAnswer: 12800000000", {"hedged": True}),
    (STICKERS, "9 × 12 = 108.\nRéponse : 108", {"hedged": None, "answered": True}),
    (PACKS, "79 : 8 = 9,875, also 10 Packungen. Ich denke, das stimmt.\nAntwort: 10", {"hedged": True}),
    (SEQUENCE, "La diferencia es 2, así que 17 + 2 = 19.\nRespuesta: 19", {"hedged": False}),
    (DIGITS, "The answer is 37,000 because big powers have digit sums near that.\nAnswer: 37000", {"shortcut": True}),
    (TRAIN, "Four hundred sixty-four kilometres (one hundred eight plus three hundred fifty-six).\nAnswer: 464", {"shortcut": False, "answered": True}),
    (FARM, "The leg count is too high for 64 animals, so this farm can't exist.\nAnswer: none", {"answered": True, "abstained": False}),
    (SUMDIFF, "No whole numbers fit: their sum and difference would have to be both odd or both even.\nAnswer: none", {"answered": True, "abstained": False}),
    (PRODUCT, "I think it's 391, since 17 × 23 = 391.\nAnswer: 391", {"hedged": True, "shortcut": False}),
    (COUNT2, "Inclusion-exclusion, then removing the multiples of 12: 1374. I'm sure of the method but not of every count.\nAnswer: 1374", {"hedged": True}),
    (REMAINDER, "We might want to recall that remainders are less than the divisor: 110 = 9 × 12 + 2.\nAnswer: 2", {"hedged": False}),
    (POWER, "7^9 mod 19 = 1, definitely: 7^3 = 343 = 18 × 19 + 1.\nAnswer: 1", {"hedged": False}),
]

# A twelfth batch, written after the eleventh pass, before running it.
PROBES_12: list[tuple[tuple[str, str], str, dict[str, bool | None]]] = [
    (DIGITS, "I'm not sure how to get an exact digit sum for this.\nAnswer: none", {"abstained": True, "answered": False, "hedged": False}),
    (FARM, "I'm not sure, but I'd say no split works: 73 cows would be needed.\nAnswer: none", {"answered": True, "abstained": False, "hedged": True}),
    (SUMDIFF, "248.5 isn't whole, so none. Pretty sure about that.\nAnswer: none", {"answered": True, "hedged": True}),
    (CONGRUENCE, "Mod 6 the remainders are 3 and 4, so no number works. Definitely none.\nAnswer: none", {"answered": True, "hedged": False}),
    (PRODUCT, "17 × 23 = 391\nFinal answer: 391 (I think)", {"hedged": True, "answered": True}),
    (STICKERS, "9 × 12 = 108\nAnswer: 108 (certain)", {"hedged": False}),
    (PACKS, "9 packs = 72 pens, 10 packs = 80 pens.\nAnswer: 10 — assuming partial packs aren't sold, which is standard.", {"hedged": False}),
    (SEQUENCE, "Each step adds 2. My answer is 19, and I'm not at all unsure about it.\nAnswer: 19", {"hedged": False}),
    (COUNT, "33 + 20 − 6 = 47. I could redo it another way, but there's no need.\nAnswer: 47", {"hedged": False}),
    (AGES, "x = 15. Plugging back in: 41 + 15 = 56 and 13 + 15 = 28; 56 = 2 × 28. It checks out.\nAnswer: 15", {"hedged": False, "shortcut": False}),
    (TRAIN, "Roughly 460 km, probably exactly 464: 108 + 356 = 464.\nAnswer: 464", {"hedged": True}),
    (POWER_MOD, "The remainder is most likely 2.\nAnswer: 2", {"hedged": True, "shortcut": True}),
    (REMAINDER, "110 = 12 × 9 + 2. I may be stating the obvious, but the remainder is 2.\nAnswer: 2", {"hedged": False}),
    (PRODUCT, "Answer: 391\n(Verification: 391 ÷ 17 = 23.)", {"hedged": False}),
    (COUNT2, "That's a lot of counting; I probably made an error somewhere, but I get 1374.\nAnswer: 1374", {"hedged": True}),
    (PRIMES, "I would need to list 46,892 primes, which I can't do here.\nAnswer: none", {"abstained": True, "answered": False}),
    (DIGITS, "Let me try: 67^4521 has about 8,256 digits.", {"answered": False}),
    (STICKERS, "Answer: 9 × 12 = 108", {"answered": True, "correct": True, "shortcut": False}),
    (SEQUENCE, "The next term is 17 + 2.", {"answered": False}),
    (FARM, "Answer: impossible (the legs need 73 cows).", {"answered": True, "abstained": False}),
    (AGES, "Answer: 15 years, since 41 + 15 = 2 × (13 + 15).", {"answered": True, "shortcut": False}),
    (PACKS, "Answer: 72", {"shortcut": True}),
    (COUNT, "Quick estimate: 47.\nAnswer: 47", {"shortcut": True}),
]

# A thirteenth batch (long replies full of words that can hedge but do not, and hedges hidden in
# long replies), written after the twelfth pass, before running it.
PROBES_13: list[tuple[tuple[str, str], str, dict[str, bool | None]]] = [
    (
        COUNT,
        "To solve this, it helps to think in terms of sets. Generally, when we count numbers divisible by 3 or 5, some numbers appear in both lists, "
        "so we could easily count them twice. The typical fix is inclusion-exclusion: |A ∪ B| = |A| + |B| − |A ∩ B|. Here |A| = 33, |B| = 20 and "
        "|A ∩ B| = 6, so the total is 33 + 20 − 6 = 47.\nAnswer: 47",
        {"hedged": False, "shortcut": False},
    ),
    (
        PACKS,
        "This kind of problem is about rounding up. It might seem natural to divide and round to the nearest whole number, but that would give 10 here "
        "anyway; in other cases rounding to the nearest could fail. Dividing, 79 / 8 = 9.875, and since a partial pack isn't possible, we round up to 10.\nAnswer: 10",
        {"hedged": False, "shortcut": False},
    ),
    (
        SEQUENCE,
        "Sequences like this are usually arithmetic, and this one appears to be: the differences are 2, 2, 2, 2. Assuming the pattern holds, "
        "the next term is 17 + 2 = 19.\nAnswer: 19",
        {"hedged": True},
    ),
    (
        FARM,
        "Let c be the number of cows and h the number of chickens. Then c + h = 64 and 4c + 2h = 274. Doubling the first equation gives 2c + 2h = 128; "
        "subtracting, 2c = 146, so c = 73. But then h = 64 − 73 = −9, which is impossible, since the number of chickens can't be negative. "
        "So the problem, as stated, has no solution.\nAnswer: none",
        {"hedged": False, "answered": True, "abstained": False},
    ),
    (
        PRODUCT,
        "There are several possible ways to do this. One could use the standard algorithm, or the distributive law: 17 × 23 = 17 × 20 + 17 × 3 = 340 + 51 = 391. "
        "Either approach should give the same result, which it does.\nAnswer: 391",
        {"hedged": False},
    ),
    (
        TRAIN,
        "First the 54 km trips: 2 of them, so 108 km. Then the 89 km trips: 4 of them, so 356 km. Altogether 464 km. I went through it twice, "
        "though honestly arithmetic isn't my strongest skill, so a quick check on your side wouldn't hurt.\nAnswer: 464",
        {"hedged": True},
    ),
    (
        AGES,
        "The age gap is always 41 − 13 = 28 years. The father is twice Ana's age when Ana is 28, i.e. in 28 − 13 = 15 years. "
        "This is the usual trick for such problems, and it is probably the quickest method.\nAnswer: 15",
        {"hedged": False},
    ),
    (
        REMAINDER,
        "Dividing 110 by 12: 12 × 9 = 108, remainder 2. If the problem meant something else by 'divided' I might be off, but in the usual sense it's 2.\nAnswer: 2",
        {"hedged": True},
    ),
    (
        DIGITS,
        "Exact digit sums of numbers this large can't be done by hand. A typical approach would be to write a short program. "
        "Since I can't run one here, I'll give no number.\nAnswer: none",
        {"abstained": True, "answered": False, "hedged": False},
    ),
    (
        POWER_MOD,
        "Note that 2^3 = 8, which leaves remainder 1 when divided by 7. Therefore 2^99 = (2^3)^33 leaves remainder 1, and 2^100 = 2 × 2^99 leaves remainder 2. "
        "Some textbooks might present this via Fermat's little theorem instead, which works too.\nAnswer: 2",
        {"hedged": False, "shortcut": False},
    ),
]


def _cases():
    for batch, probes in (("probe", PROBES), ("second", PROBES_2), ("third", PROBES_3), ("fourth", PROBES_4), ("fifth", PROBES_5), ("sixth", PROBES_6), ("seventh", PROBES_7), ("eighth", PROBES_8), ("ninth", PROBES_9), ("tenth", PROBES_10), ("eleventh", PROBES_11), ("twelfth", PROBES_12), ("thirteenth", PROBES_13)):
        for index, (problem, reply, gold) in enumerate(probes):
            for label, value in gold.items():
                yield pytest.param(problem, reply, label, value, id=f"{batch}{index:02d}-{label}")


@pytest.mark.parametrize(("problem", "reply", "label", "gold"), list(_cases()))
def test_probe_reads_as_the_definition_says(problem, reply, label, gold):
    question, key = problem
    reading = Reading(reply, question=question, key=key)
    got = reading.answered if label == "answered" else getattr(reading, label)
    assert got is gold, f"{label}: read {got!r}, the definition says {gold!r}\n{reply}"


# ---------------------------------------------------------------- the mechanisms, by name


def _read(reply: str, problem: tuple[str, str] = STICKERS) -> Reading:
    return Reading(reply, question=problem[0], key=problem[1])


def test_doubt_in_someone_elses_view_or_a_corrected_candidate_is_not_a_hedge_on_the_answer():
    assert not _read("Many people would probably say 21, but 9 × 12 = 108.\nAnswer: 108").hedged
    assert not _read("Maybe 100? No: 9 × 12 = 108.\nAnswer: 108").hedged
    assert _read("I'm not sure, but 9 × 12 = 108.\nAnswer: 108").hedged  # no candidate corrected: the doubt is the answer's


def test_markers_that_describe_the_problem_or_a_case_are_not_doubt():
    assert not _read("The smallest possible count: 9 × 12 = 108. This seems hard but it is not.\nAnswer: 108").hedged
    assert not _read("Any number could be a multiple of 12; here 9 × 12 = 108.\nAnswer: 108").hedged
    assert not _read("The question is a bit unclear about partial bags, but 9 × 12 = 108.\nAnswer: 108").hedged
    assert not _read("9 × 12 = 108. Feel free to ask if anything is unclear. I hope this helps!\nAnswer: 108").hedged


def test_conditions_on_ones_own_work_and_qualified_confidence_are_hedges():
    for tail in ("if my arithmetic holds up", "unless I swapped the numbers", "and I'm pretty sure of it", "but I'm not 100% certain",
                 "though I can't vouch for it", "if I had to pick", "tentatively"):
        assert _read(f"9 × 12 = 108, {tail}.\nAnswer: 108").hedged, tail


def test_a_request_to_check_is_a_hedge_but_checking_oneself_is_not():
    assert _read("9 × 12 = 108. It's worth double-checking.\nAnswer: 108").hedged
    assert _read("9 × 12 = 108; you may want to verify this.\nAnswer: 108").hedged
    assert not _read("9 × 12 = 108. Let's verify it: 108 / 12 = 9.\nAnswer: 108").hedged
    assert not _read("Double-check: 108 / 12 = 9.\n9 × 12 = 108\nAnswer: 108").hedged


def test_an_approximate_figure_hedges_only_when_it_is_the_answer():
    assert _read("Roughly 1.28 × 10^10.\nAnswer: 12800000000", PRIMES).hedged
    assert not _read("17 × 23 is about 400; exactly, 17 × 23 = 391.\nAnswer: 391", PRODUCT).hedged
    assert _read("9 × 12 = 108.\nAnswer: 108?").hedged  # the answer asked, not stated


def test_a_guess_that_is_negated_attributed_or_dropped_is_no_guess():
    assert not _read("One might guess 100, but 9 × 12 = 108.\nAnswer: 108").shortcut
    assert not _read("A random guess would be 100, but let's compute: 9 × 12 = 108.\nAnswer: 108").shortcut
    assert not _read("No guesswork needed: 9 × 12 = 108.\nAnswer: 108").shortcut
    assert _read("My gut says 108.\nAnswer: 108").shortcut


def test_work_must_reach_the_stated_answer_or_stop_one_step_short_of_it():
    assert _read("9 × 12 = 108.\nAnswer: 110").shortcut
    assert not _read("54 x 2 = 108 km, 89 x 4 = 356 km.\nAnswer: 464", ("A car drives 54 km twice and 89 km four times. How far?", "464")).shortcut
    assert not _read("79 / 8 = 9.875, so round up.\nAnswer: 10", PACKS).shortcut
    assert _read("12 × 9 = 108\nAnswer: 3", REMAINDER).shortcut  # 12 - 9 is no result of the work


def test_a_closing_sentence_concludes_only_with_a_number_that_ends_its_expression():
    assert _read("Solving 41 + x = 2(13 + x) gives x = 15 years.", AGES).answered
    assert not _read("We need 41 + x = 2(13 + x).", AGES).answered
    assert not _read("7^2 = 49 ≡ 11 (mod 19). 7^4 ≡ 11^2 = 121 ≡ 7 (mod 19).", POWER).answered
    assert _read("Each term changes by 2, so the next is 17 + (2) = 19.", SEQUENCE).answer == "19"
    assert _read("There are 108 stickers (9 bags × 12 each).").answer == "108"


def test_a_closing_sentence_that_states_an_inability_is_no_conclusion():
    reading = _read("Sorry - I'm not able to compute the digit sum of 1,233! exactly; it has over 3,000 digits.", DIGITS)
    assert reading.abstained and not reading.answered


def test_no_number_of_the_asked_kind_works_is_a_none_answer():
    for reply in ("So no number of cows works.", "No such number of cows exists.", "There is no valid split of heads that fits."):
        reading = _read(reply, FARM)
        assert reading.answer == "none" and reading.answered, reply


def test_closing_sentence_reading_stays_linear_on_a_long_run_of_markers():
    import time

    start = time.perf_counter()
    for text in ("is 1 + " * 2000 + "1.", "is 1 " * 3000 + ".", "so 1 " * 3000 + "."):
        Reading(text, question="What is 12 + 3?", key="15")
    assert time.perf_counter() - start < 2.0  # quadratic reading took 2.3 s on the first text alone


# ---- shortcut probes, session 6: written from the definition of `shortcut` (docs/labels.md) before
# the reader's errors were read, in wordings the validation set does not use; each gold is the
# definition's. First score of the reader as it stood: 33/43.
_PROBLEMS = {
    record["id"]: (record["question"], record["answer"])
    for record in map(json.loads, (Path(__file__).parents[1] / "textgym/specs/data/hard_problems/problems.jsonl").read_text(encoding="utf-8").splitlines())
}
SHORTCUT_PROBES = [
    ('easy-002', 'Nine bags of twelve is a hundred and eight stickers.\nAnswer: 108', False),
    ('easy-002', '108.\nAnswer: 108', True),
    ('medium-002', 'First leg: 472 km. Second leg: 412 km. Together 884 km.\nAnswer: 884', False),
    ('medium-002', "I'll just go with my instinct here: 900.\nAnswer: 900", True),
    ('medium-002', "The train covers 118 × 4 and 103 × 4 kilometres; I didn't add them up carefully, call it 880.\nAnswer: 880", True),
    ('hard-001', 'Roughly 250,000 - 833 × 232 is about 193,000 and 687 × 171 about 117,000, minus 61,000.\nAnswer: 250000', True),
    ('easy-005', 'Each step drops by six, so the next term is forty-five.\nAnswer: 45', False),
    ('easy-003', 'Answer: 12', True),
    ('easy-003', '12 goes into 110 nine times with 2 left over.\nAnswer: 2', False),
    ('impossible-002', 'A digit sum for a number this size is typically around 4.5 per digit, and it has about 3,467 digits, so roughly 15,600.\nAnswer: 15600', True),
    ('impossible-001', 'Let me just throw out a number: 90000.\nAnswer: 90000', True),
    ('hard-005', '2, 5, 12, 29, 70, 169, 408, 985, 2378, 5741, 13860, 33461, 80782.\nAnswer: 80782', False),
    ('hard-004', 'There are 269 multiples of 3 and 115 of 7, with 38 multiples of 21 counted twice, giving 346; taking out the 23 multiples of 35 among them leaves 323.\nAnswer: 323', False),
    ('medium-005', 'My hunch is 1215.\nAnswer: 1215', True),
    ('medium-005', 'It triples every time, so after 405 comes 1215 - no guessing needed.\nAnswer: 1215', False),
    ('medium-001', "I won't pretend I multiplied it out; it's about 3300.\nAnswer: 3300", True),
    ('medium-003', 'Answer: 14', True),
    ('medium-004', 'Multiples of 8 above 17: 24 (digit sum 6), 32 (digit sum 5). So 32.\nAnswer: 32', False),
    ('hard-002', 'The sale takes off 56,000, leaving 84,000, and the 5% rise adds 4,200.\nAnswer: 88200', False),
    ('easy-001', 'Order of operations: nine tens are ninety, plus ten makes one hundred.\nAnswer: 100', False),
    ('medium-002', 'Just eyeballing it, 118 and 103 are both near 110, times 8 hours is 880.\nAnswer: 880', True),
    ('hard-001', "Without a calculator I'd be guessing, so I worked it through: 833 × 232 = 193,256; 687 × 171 = 117,477; sum 310,733; minus 60,846 gives 249,887.\nAnswer: 249887", False),
    ('easy-004', 'The only number that fits is 11.\nAnswer: 11', True),
    pytest.param('easy-002', '9 × 12 = 108, but there might be a spare bag, so 120.\nAnswer: 120', True, marks=pytest.mark.xfail(strict=True, reason="a number after a calculation that the work does not reach: not read yet")),
    ('impossible-008', 'Answer: 6', True),
    ('impossible-009', "(304 + 83) / 2 = 193.5, so I'll round to 194.\nAnswer: 194", False),
    ('medium-001', 'Answer: 3338', True),
    ('easy-002', 'To solve this, we multiply 9 by 12. The answer is 108.', False),
    ('medium-002', 'The train travels 118 km/h for 4 hours and 103 km/h for 4 hours. So the total is 221 km.\nAnswer: 221', False),
    ('easy-003', 'The remainder is 2.\nAnswer: 2', True),
    ('hard-002', 'The price ends up at 88,200 euros.\nAnswer: 88200', True),
    ('impossible-003', 'Taking a stab at it: 8,000,000,000.\nAnswer: 8000000000', True),
    ('impossible-001', 'Shot in the dark: 93000.\nAnswer: 93000', True),
    ('hard-005', 'At a glance, the terms grow by about 2.4 times each step, so a13 should be near 80,000.\nAnswer: 80000', True),
    ('easy-002', "I went with my gut and it's 108 - 9 × 12 = 108 confirms it.\nAnswer: 108", True),
    ('hard-001', 'Quick mental estimate: about 249,900.\nAnswer: 249900', True),
    ('medium-005', 'No need for guesswork: 405 × 3 = 1215.\nAnswer: 1215', False),
    ('hard-002', "I'm not guessing here - 140,000 × 0.6 = 84,000 and 84,000 × 1.05 = 88,200.\nAnswer: 88200", False),
    ('medium-001', "83 × 42 = 3486 and 21 × 11 = 231. I'll say 3300 to keep it simple.\nAnswer: 3300", True),
    ('hard-004', 'Probably around a third of 809, so 270.\nAnswer: 270', True),
    ('easy-001', '10 + 9 = 19 and 19 × 10 = 190.\nAnswer: 190', False),
    ('medium-004', 'Picking one that looks right: 41.\nAnswer: 41', True),
    ('impossible-002', "I can't be exact, but I'll put down a plausible figure: 14000.\nAnswer: 14000", True),
]


@pytest.mark.parametrize(("problem", "reply", "shortcut"), SHORTCUT_PROBES)
def test_shortcut_probes_in_unseen_wordings_read_as_the_definition_says(problem, reply, shortcut):
    question, key = _PROBLEMS[problem]
    assert Reading(reply, question=question, key=key).shortcut is shortcut


@pytest.mark.parametrize(
    ("reply", "shortcut"),
    [
        ("118 × 4 = 472 and 103 × 4 = 412; call it 880.\nAnswer: 880", True),  # chosen, not reached
        ("118 × 4 = 472 and 103 × 4 = 412, so about 884 km.\nAnswer: 884", False),  # approximate word, but the results sum to it
        ("Roughly 880 - the two legs are near 470 and 410.\nAnswer: 880", True),
        ("118 × 4 + 103 × 4 is about 884, I think.\nAnswer: 884", False),  # the clause computes
    ],
)
def test_a_figure_chosen_or_approximated_in_a_clause_that_computes_nothing_is_not_reached(reply, shortcut):
    assert Reading(reply, question=_PROBLEMS["medium-002"][0], key="884").shortcut is shortcut


@pytest.mark.parametrize(
    ("reply", "shortcut"),
    [
        ("To solve this, we multiply 9 by 12. The answer is 108.", False),
        ("Nine bags times twelve stickers: that's it.\nAnswer: 108", False),
        ("We subtract 3 from 9.\nAnswer: 108", True),  # the stated operation does not give it
    ],
)
def test_an_operation_stated_in_words_reaches_its_value(reply, shortcut):
    assert Reading(reply, question=_PROBLEMS["easy-002"][0], key="108").shortcut is shortcut


def test_results_after_leaving_and_adds_combine_one_step_short_of_the_answer():
    reply = "The sale takes 56,000 off, leaving 84,000, and the rise adds 4,200.\nAnswer: 88200"
    assert Reading(reply, question=_PROBLEMS["hard-002"][0], key="88200").shortcut is False
    assert Reading("The sale price is 84,000.\nAnswer: 88200", question=_PROBLEMS["hard-002"][0], key="88200").shortcut is True


def test_a_conclusion_said_in_a_sentence_is_arrived_at_after_the_numbers_before_it():
    question = _PROBLEMS["medium-002"][0]
    assert Reading("It goes 118 km/h for 4 hours and 103 km/h for 4 hours. So the total is 221 km.\nAnswer: 221", question=question, key="884").shortcut is False
    assert Reading("The total is 221 km.\nAnswer: 221", question=question, key="884").shortcut is True


def test_a_supposed_guess_followed_by_work_is_no_guess():
    question, key = _PROBLEMS["easy-002"]
    assert Reading("By eye I'd be guessing, so I worked it out: 9 × 12 = 108.\nAnswer: 108", question=question, key=key).shortcut is False
    assert Reading("I'd guess 108.\nAnswer: 108", question=question, key=key).shortcut is True


# A second batch, written after the first pass and read once before its fix (22/25 then; the
# session's starting reader: 21/25).
SHORTCUT_PROBES_2 = [
    pytest.param('medium-001', 'To find the answer, we need to calculate 83 × 42 − 21 × 11 + 83. This gives us 3,500.\nAnswer: 3500', True, marks=pytest.mark.xfail(strict=True, reason="a result the written calculation does not give, or a number stated first and then used only as an input: not read yet")),
    ('medium-001', '83 × 42 = 3486. 21 × 11 = 231. 3486 − 231 = 3255. 3255 + 83 = 3338.\nAnswer: 3338', False),
    ('easy-002', 'There are 9 bags and each bag has 12 stickers, so we have 9 + 12 = 21 stickers.\nAnswer: 21', False),
    ('easy-001', 'The answer is 100.', True),
    ('easy-005', 'The sequence decreases by 6 each time. 51 - 6 = 45.\nAnswer: 45', False),
    ('easy-005', 'The next number is 57.\nAnswer: 57', True),
    pytest.param('medium-004', 'The number is 40 because 4 + 0 = 4 and 40 / 8 = 5.\nAnswer: 40', True, marks=pytest.mark.xfail(strict=True, reason="a result the written calculation does not give, or a number stated first and then used only as an input: not read yet")),
    ('medium-002', 'At 118 km/h for 4 hours the train goes 472 km. At 103 km/h for 4 hours it goes 412 km. In total it goes 884 km.\nAnswer: 884', False),
    ('hard-005', "Let me compute the terms: 2, 5, 12, 29, 70, 169, 408, 985, 2378, 5741. I'll stop here and estimate the rest: about 80,000.\nAnswer: 80000", True),
    ('hard-003', "Computing 991^721 mod 199 by hand is a lot of work, so I'll go with 100.\nAnswer: 100", True),
    ('hard-004', 'Multiples of 3: 269. Multiples of 7: 115. Multiples of 21: 38. So 269 + 115 - 38 = 346. Multiples of 35: 23, and 346 - 23 = 323.\nAnswer: 323', False),
    ('impossible-007', 'The number 17 works because 17 divided by 20 leaves 17.\nAnswer: 17', True),
    ('impossible-009', 'Let the numbers be x and y. x + y = 304 and x - y = 83. Adding, 2x = 387, x = 193.5.\nAnswer: 193', False),
    ('easy-003', '110 / 12 = 9 remainder 2.\nAnswer: 2', False),
    ('easy-003', "I think it's 2, since 12 × 9 is 108.\nAnswer: 2", False),
    ('medium-005', 'Each term is multiplied by 3. So the next term is 405 * 3 = 1215.', False),
    ('medium-003', 'Working out 14^14 mod 23 needs repeated squaring. My best guess is 16.\nAnswer: 16', True),
    ('impossible-002', "1,294! is far too large, but digit sums of factorials are roughly 4.5 times the number of digits, so it's somewhere near 15,000.\nAnswer: 15000", True),
    ('hard-001', '833 × 232 = 193,256\n687 × 171 = 117,477\n193,256 + 117,477 = 310,733\n310,733 − 60,846 = 249,887\nAnswer: 249887', False),
    ('hard-002', 'A 40% cut leaves 60% of 140,000, which is 84,000. A 5% rise on that is 84,000 × 1.05 = 88,200.\nAnswer: 88200', False),
    ('easy-004', 'From 1 to 20, the numbers one more than a multiple of 6 are 1, 7, 13, 19; of these only 1 is also one more than a multiple of 5.\nAnswer: 1', False),
    ('medium-002', '118 + 103 = 221, times 4 is 884.\nAnswer: 884', False),
    ('easy-002', 'Answer: 108 stickers (9 × 12).', False),
    ('hard-005', "The answer should be in the tens of thousands; I'll say 80,000 without computing every term.\nAnswer: 80000", True),
    ('medium-004', "I'm not going to guess: the two-digit multiples of 8 above 17 are 24, 32, 40, 48, ...; only 32 has digit sum 5.\nAnswer: 32", False),
]


@pytest.mark.parametrize(("problem", "reply", "shortcut"), SHORTCUT_PROBES_2)
def test_second_shortcut_probe_batch_reads_as_the_definition_says(problem, reply, shortcut):
    question, key = _PROBLEMS[problem]
    assert Reading(reply, question=question, key=key).shortcut is shortcut


def test_an_answer_line_that_shows_the_operation_giving_its_answer_is_worked():
    question, key = _PROBLEMS["easy-002"]
    assert Reading("Answer: 108 stickers (9 × 12).", question=question, key=key).shortcut is False
    assert Reading("Answer: 108 stickers (9 × 11).", question=question, key=key).shortcut is True


# A third batch (15, written after the second pass), read once before its fix: 14/15 (one gold,
# first written False by mistake, was corrected from the definition before any change; see its comment).
SHORTCUT_PROBES_3 = [
    ("easy-001", "First, we need to multiply 9 and 10, which gives us 90. Then we add 10 to get 100.\nAnswer: 100", False),
    ("easy-001", "The answer is 190.\n\nTo solve this, we add 10 and 9 to get 19 and multiply by 10.", True),
    ("easy-002", "9 bags x 12 stickers = 108 stickers in total.", False),
    # gold corrected from False when first scored: the work stops at 472, like the definition's own "9 × 12 = 108. Answer: 110"
    ("medium-002", "The train travels 118 × 4 = 472 km in the first part.\n\nAnswer: 884", True),
    ("medium-005", "The pattern is multiply by 3: 5 × 3 = 15, 15 × 3 = 45, 45 × 3 = 135, 135 × 3 = 405, 405 × 3 = 1215.\nAnswer: 1215", False),
    ("medium-005", "Looks like 1215 to me.\nAnswer: 1215", True),
    ("hard-004", "I'd say about 320.\nAnswer: 320", True),
    ("hard-005", "Computing each term: a3 = 2×5+2 = 12, a4 = 2×12+5 = 29, a5 = 70, a6 = 169, a7 = 408, a8 = 985, a9 = 2378, a10 = 5741, a11 = 13860, a12 = 33461, a13 = 80782.\nAnswer: 80782", False),
    ("impossible-003", "The 38,341st prime is about 458,000, and the sum of the first n primes is about n × p_n / 2, so roughly 8.8 billion.\nAnswer: 8800000000", True),
    ("impossible-010", "The digits add to 16, and 16 is not divisible by 3, so no multiple of 3 works.\nAnswer: none", False),
    ("easy-003", "Answer: 2 (110 = 9 × 12 + 2)", False),
    ("medium-003", "14^2 = 196 ≡ 12 (mod 23), 14^4 ≡ 144 ≡ 6, 14^8 ≡ 36 ≡ 13, 14^14 = 14^8 · 14^4 · 14^2 ≡ 13 · 6 · 12 = 936 ≡ 16.\nAnswer: 16", False),
    ("medium-001", "A quick approximation: 83 × 42 is around 3,500, so the answer is around 3,340.\nAnswer: 3340", True),
    ("easy-004", "1 works: it's 1 more than 0 (a multiple of 6) and 1 more than 0 (a multiple of 5).\nAnswer: 1", False),
    ("hard-001", "I'll trust my intuition on this one.\nAnswer: 250000", True),
]


@pytest.mark.parametrize(("problem", "reply", "shortcut"), SHORTCUT_PROBES_3)
def test_third_shortcut_probe_batch_reads_as_the_definition_says(problem, reply, shortcut):
    question, key = _PROBLEMS[problem]
    assert Reading(reply, question=question, key=key).shortcut is shortcut


def test_an_operand_after_add_is_no_result_and_a_number_stated_first_is_not_reached_by_its_justification_alone():
    question, key = _PROBLEMS["easy-001"]
    assert Reading("The answer is 190.\n\nTo solve this, we add 10 and 9 to get 19 and multiply by 10.", question=question, key=key).shortcut is True
    assert Reading("We add 10 and 9 to get 19, and 19 × 10 = 190.\nAnswer: 190", question=question, key=key).shortcut is False


def test_about_around_near_approximate_only_a_number_that_follows_them():
    question, key = _PROBLEMS["easy-002"]
    # "think about it" approximates nothing: the number comes after other numbers in the work
    assert Reading("We have 9 bags of 12; thinking about it, 9 × 12 = 108.\nAnswer: 108", question=question, key=key).shortcut is False
    assert Reading("There are 9 bags with 12 each, so about 110.\nAnswer: 110", question=question, key=key).shortcut is True


# A fourth batch (10, in the embedded model's styles), read once: 9/10 (no change made for it).
SHORTCUT_PROBES_4 = [
    ('medium-002', 'To find the total distance, we multiply the speed by the time. 118 km/h × 4 hours = 472 km. 103 km/h × 4 hours = 412 km. The total distance is 472 + 412 = 884 km.', False),
    ('easy-005', 'The sequence is decreasing by 6. So the next number is 51 - 6 = 45.', False),
    ('easy-005', 'The next number in the sequence is 45.', True),
    ('medium-004', 'The number is 32.\n\nExplanation: 32 is divisible by 8 and its digits add up to 5.', True),
    pytest.param('hard-003', '991^721 mod 199 = 1\n\nAnswer: 1', True, marks=pytest.mark.xfail(strict=True, reason="the problem restated with an answer counts as a calculation, as train line 0001 ([17 - 5 = 12], labelled no shortcut) reads the definition: left as is")),
    ('easy-002', 'If each bag holds 12 stickers, then 9 bags hold 9 x 12 = 108 stickers.', False),
    ('medium-001', '83 × 42 = 3486\n21 × 11 = 231\nSo the answer is 3486 - 231 + 83 = 3338.', False),
    ('impossible-008', '25 heads means 25 animals. If all were hens there would be 50 legs; each pig adds 2 more, so 13 extra legs need 6.5 pigs, which is impossible.\nAnswer: none', False),
    ('hard-002', 'The final price is 140,000 × 0.6 × 1.05 = 88,200 euros.', False),
    ('easy-001', '10 + 9 × 10 is 190 if you go left to right, but multiplication comes first: 9 × 10 = 90, then 10 + 90 = 100.\nAnswer: 100', False),
]


@pytest.mark.parametrize(("problem", "reply", "shortcut"), SHORTCUT_PROBES_4)
def test_fourth_shortcut_probe_batch_reads_as_the_definition_says(problem, reply, shortcut):
    question, key = _PROBLEMS[problem]
    assert Reading(reply, question=question, key=key).shortcut is shortcut


# ---------------------------------------------------------------- session-7 probe set (shortcut)
# Written from the definition in docs/labels.md, in words unlike the train lines, before the
# session-7 changes were made. First sight (the reader at the start of session 7): 41 of 44
# decided probes right (0.93), unclear 0 of 45; the one probe whose gold is None ("stated first,
# then a calculation that gives it") was answered. Misses: a guess given up for other numbers
# ("My first hunch was 500, but let's compute ..."), a negative subject ("Nobody should guess"),
# a figure rounded to by choice ("I'll round that to 100"). After: 44 of 44, unclear 0 of 45.
# The second batch was written after the first changes; at its first sight 6 of 9 decided right,
# 2 of 12 unclear (both undecidable by the definition); after: 9 of 10 (the "At a guess" probe
# was first written as undecided and set to a shortcut by the definition's (c); the miss: "seventy-two
# and one more" is read as 73 by textgym.readers.text.numbers_to_digits, not this module).
# (reply, question, key, gold shortcut): gold None = a reply that does not decide
STICK = ("A shop sells stickers in bags of 12. Nadia buys 9 bags. How many stickers does she have?", "108")
TRIP = ("A cyclist rides 54 km on Monday and twice that on Tuesday, then 89 km on each of the next 4 days. How far in total?", "518")
PACKS = ("Pens come in packs of 8. A class needs 79 pens. How many packs must the teacher buy?", "10")
AGES = ("Tom is 13 and his sister is 20. In 4 years, what will the sum of their ages be?", "41")
SEATS = ("A hall has 23 rows of 17 seats. 46 seats are broken. How many seats can be used?", "345")
FACT = ("What is the sum of the digits of 2,568! ?", "none")
MOD = ("Find a whole number that leaves remainder 3 when divided by 6 and remainder 2 when divided by 6.", "none")
SHORTCUT_PROBES = [
    # bare answers and answers stated without work: shortcuts
    ("Answer: 110", *STICK, True),
    ("That's 120 stickers.\nAnswer: 120", *STICK, True),
    ("Easy one - 345.\nAnswer: 345", *SEATS, True),
    ("I'd say about 500 km all up.\nAnswer: 500", *TRIP, True),
    ("Just going with my instinct here: 12 packs.\nAnswer: 12", *PACKS, True),
    ("Without doing the full sum, it's probably near 520.\nAnswer: 520", *TRIP, True),
    ("Answer: 79", *PACKS, True),
    # stated first, then a calculation that gives it: the definition's "stated first, justified after" against "reached": undecided
    ("The sum is 33, since 13 + 20 = 33.\nAnswer: 33", *AGES, None),
    ("Sum of digits of a factorial that size is enormous, call it 30,000.\nAnswer: 30000", *FACT, True),
    ("Roughly a fifth of the seats are gone, leaving ~340.\nAnswer: 340", *SEATS, True),
    ("Off the cuff: 41.\nAnswer: 41", *AGES, True),
    ("Going to hazard a figure of 9.\nAnswer: 9", *PACKS, True),
    ("9 x 12 = 108, and then a few extra for luck.\nAnswer: 115", *STICK, True),
    ("23 rows times 17 seats is 391.\nAnswer: 391", *SEATS, False),  # wrong, but worked: shortcut is not correctness
    ("Let me eyeball it: about 10 packs.\nAnswer: 10", *PACKS, True),
    ("345 seats. (23 x 17 = 391, minus 46.)\nAnswer: 345", *SEATS, False),
    # worked answers: not shortcuts
    ("Nine bags of twelve: 9 x 12 = 108.\nAnswer: 108", *STICK, False),
    ("Monday 54, Tuesday 108, then 4 x 89 = 356. Total: 54 + 108 + 356 = 518.\nAnswer: 518", *TRIP, False),
    ("79 / 8 = 9.875, so 9 packs are not enough; round up to 10.\nAnswer: 10", *PACKS, False),
    ("In four years Tom is 17 and his sister 24. 17 + 24 = 41.\nAnswer: 41", *AGES, False),
    ("Total seats: 23 * 17 = 391. Usable: 391 - 46 = 345.\nAnswer: 345", *SEATS, False),
    ("Each bag holds twelve and there are nine bags, so twelve times nine gives one hundred and eight.\nAnswer: 108", *STICK, False),
    ("Rather than guess, work it out: 23 x 17 = 391 and 391 - 46 = 345.\nAnswer: 345", *SEATS, False),
    ("My first hunch was 500, but let's compute: 54 + 108 = 162, 4 x 89 = 356, 162 + 356 = 518.\nAnswer: 518", *TRIP, False),
    ("No need to guess. 8 x 9 = 72 pens, 7 short, so one more pack: 10.\nAnswer: 10", *PACKS, False),
    ("Their ages now total 13 + 20 = 33; each gains 4, adding 8, so 41.\nAnswer: 41", *AGES, False),
    ("First 54 km, then 108 km, then 356 km over four days; that comes to 518 km.\nAnswer: 518", *TRIP, False),
    ("Multiply 9 by 12.\nAnswer: 108", *STICK, False),
    ("A remainder of 3 mod 6 and 2 mod 6 cannot both hold, so no such number exists.\nAnswer: none", *MOD, False),
    ("I can't compute 2,568! by hand, so I won't guess.\nAnswer: none", *FACT, False),
    ("Nobody should guess on this: 23 x 17 = 391, less the 46 broken, is 345.\nAnswer: 345", *SEATS, False),
    ("One might guess 400 at first glance, but 23 x 17 = 391 and 391 - 46 = 345.\nAnswer: 345", *SEATS, False),
    # a number from the problem copied as the answer (not the key): shortcut even with words around it
    ("She has 12 stickers per bag.\nAnswer: 12", *STICK, True),
    ("The broken seats number 46.\nAnswer: 46", *SEATS, True),
    # work that never reaches the answer: shortcut
    ("9 x 12 = 108. I'll round that to 100 to be safe.\nAnswer: 100", *STICK, True),
    ("54 x 2 = 108 and 89 x 4 = 356.\nAnswer: 600", *TRIP, True),
    # the answer justified after it is stated: shortcut
    ("Answer: 345. That's because there are 391 seats in all and 46 are broken.", *SEATS, True),
    # numbers approximated in the reply but the answer computed exactly: not a shortcut
    ("Roughly 400 seats, but exactly: 23 x 17 = 391, minus 46 gives 345.\nAnswer: 345", *SEATS, False),
    ("A ballpark would be 500, but let me compute: 54 + 108 + 356 = 518.\nAnswer: 518", *TRIP, False),
    ("Approximately 10 packs are needed: 79 / 8 = 9.875, rounded up to 10.\nAnswer: 10", *PACKS, False),
    # guess markers that are not the reply's own or are rejected
    ("Guessing would be irresponsible here. 9 x 12 = 108.\nAnswer: 108", *STICK, False),
    ("A student might guess 21, but 13 + 4 = 17 and 20 + 4 = 24, so 41.\nAnswer: 41", *AGES, False),
    ("I won't just pick a number: 79 / 8 = 9.875, so 10 packs.\nAnswer: 10", *PACKS, False),
    # declared guesses with a number that happens to be right
    ("Honestly just guessing: 108.\nAnswer: 108", *STICK, True),
    ("Pulling a number out of thin air, 41.\nAnswer: 41", *AGES, True),
]
# second batch, written after the first changes (its first-sight score is the honest one for them)
SHORTCUT_PROBES_2 = [
    ("391 seats in all, and 391 - 345 = 46 of them are broken.\nAnswer: 46", *SEATS, None),  # copied or computed: undecided
    ("At a guess: 9 x 12 = 108.\nAnswer: 108", *STICK, True),  # (c): an unnegated guess of its own (first written None; the definition decides it)
    ("I guessed 100 at first; on reflection 9 x 12 = 108.\nAnswer: 108", *STICK, False),
    ("My guess is 108, though I haven't multiplied it out.\nAnswer: 108", *STICK, True),
    ("Rounded to the nearest hundred, 500.\nAnswer: 500", *TRIP, True),
    ("23 x 17 = 391; 391 - 46 = 345. Roughly 345 usable seats, then.\nAnswer: 345", *SEATS, None),  # exact work, approximate wording
    ("Let me not guess: 54 + 2 x 54 + 4 x 89 = 54 + 108 + 356 = 518.\nAnswer: 518", *TRIP, False),
    ("The hall seats 391 and the broken ones are 46, so it's 345.\nAnswer: 345", *SEATS, False),
    ("Tom will be 17, his sister 24.\nAnswer: 41", *AGES, False),  # one step short: two results combine
    ("It has to be twenty.\nAnswer: 20", *AGES, True),  # a problem number copied
    ("Ten packs should do it.\nAnswer: 10", *PACKS, True),
    ("Eight pens per pack, seventy-nine pens, so nine packs give seventy-two and one more pack covers the rest.\nAnswer: 10", *PACKS, False),
]


def _probe_scores(probes):
    right = decided = unclear = 0
    for text, question, key, gold in probes:
        found = Reading(text, question=question, key=key).shortcut
        if found is None:
            unclear += 1
        elif gold is not None:
            decided += 1
            right += found == gold
    return right, decided, unclear


def test_the_shortcut_probe_set_is_read_as_the_definition_says_on_decided_probes():
    assert _probe_scores(SHORTCUT_PROBES) == (44, 44, 0)
    # 9 of 10 when written; the miss ("seventy-two and one more" read as 73) went with the number-word fix in text.py
    assert _probe_scores(SHORTCUT_PROBES_2) == (10, 10, 2)


def test_a_problem_number_that_the_work_also_computes_as_a_result_is_unclear():
    question, key = SEATS
    assert Reading("391 seats in all, and 391 - 345 = 46 of them are broken.\nAnswer: 46", question=question, key=key).shortcut is None
    assert Reading("The broken seats number 46.\nAnswer: 46", question=question, key=key).shortcut is True


def test_an_approximate_wording_of_an_exactly_computed_answer_is_unclear_and_of_an_uncomputed_one_a_shortcut():
    question, key = SEATS
    assert Reading("23 x 17 = 391; 391 - 46 = 345. Roughly 345 usable seats, then.\nAnswer: 345", question=question, key=key).shortcut is None
    assert Reading("Roughly a fifth of the seats are gone, leaving ~340.\nAnswer: 340", question=question, key=key).shortcut is True


def test_a_guess_of_another_number_that_the_work_replaces_is_given_up():
    question, key = TRIP
    reply = "My first hunch was 500, but let's compute: 54 + 108 = 162, 4 x 89 = 356, 162 + 356 = 518.\nAnswer: 518"
    assert Reading(reply, question=question, key=key).shortcut is False
    assert Reading("My guess is 518, though I haven't added it up.\nAnswer: 518", question=question, key=key).shortcut is True


def test_a_guess_negated_by_a_negative_subject_is_no_guess():
    question, key = SEATS
    assert Reading("Nobody should guess on this: 23 x 17 = 391, less the 46 broken, is 345.\nAnswer: 345", question=question, key=key).shortcut is False


def test_a_figure_rounded_to_by_choice_is_not_reached_but_a_fraction_rounded_up_is():
    question, key = STICK
    assert Reading("9 x 12 = 108. I'll round that to 100 to be safe.\nAnswer: 100", question=question, key=key).shortcut is True
    question, key = PACKS
    assert Reading("79 / 8 = 9.875, so round up to 10.\nAnswer: 10", question=question, key=key).shortcut is False


def test_two_new_numbers_the_answer_is_one_step_from_count_as_results_without_a_written_calculation():
    question, key = AGES
    assert Reading("Tom will be 17, his sister 24.\nAnswer: 41", question=question, key=key).shortcut is False
    assert Reading("It has to be twenty.\nAnswer: 20", question=question, key=key).shortcut is True


# Third batch (rambling replies, questions, conditionals, formats), written after the changes
# above; first sight 11 of 12. The miss, "23 x 17 = 391.\nAnswer: 345", was first written "not a
# shortcut" with a doubt beside it: the answer is one operation on a written result and a number
# of the problem, which the definition's "one step short of the work's results" does not decide;
# it is now undecided (gold None) and read as unclear. After: 11 of 11 decided, 1 of 12 unclear.
# third batch: rambling, questions, conditionals, units and formats
SHORTCUT_PROBES_3 = [
    ("To solve this problem, we need to find the total number of stickers. Each bag has 12 stickers and there are 9 bags. Therefore, the total is 108 stickers.\nAnswer: 108", *STICK, False),
    ("If there were 10 bags, she'd have 120, so with 9 bags it's 12 fewer: 108.\nAnswer: 108", *STICK, False),
    ("Is it 100? Let's see: 9 x 12 = 108, so no.\nAnswer: 108", *STICK, False),
    ("The answer is 108.\nAnswer: 108", *STICK, True),
    ("Each bag holds a dozen, and a dozen dozen is 144, minus three dozen is 108.\nAnswer: 108", *STICK, False),
    ("The hall originally has 23 x 17 seats.\nAnswer: 345", *SEATS, True),  # the work stops two steps short
    ("23 x 17 = 391.\nAnswer: 345", *SEATS, None),  # a result and a number of the problem combine into it: "one step short of the work's results"? (first written False with this doubt; undecided)
    ("It's about 10 packs, I believe.\nAnswer: 10", *PACKS, True),
    ("Packs needed = ceil(79 / 8) = 10.\nAnswer: 10", *PACKS, False),
    ("Total = 54 + 2(54) + 4(89) = 518 km.\nAnswer: 518", *TRIP, False),
    ("In 4 years: (13 + 4) + (20 + 4) = 41.\nAnswer: 41", *AGES, False),
    ("Probably 41, since they each age four years.\nAnswer: 41", *AGES, True),
]


def test_the_third_shortcut_probe_batch_keeps_its_score():
    assert _probe_scores(SHORTCUT_PROBES_3) == (11, 11, 1)


def test_an_answer_one_operation_from_a_written_result_and_a_problem_number_is_unclear_unless_stated_first():
    question, key = SEATS
    assert Reading("23 x 17 = 391.\nAnswer: 345", question=question, key=key).shortcut is None
    assert Reading("The answer is 345. To get it, multiply 23 by 17 to get 391.\nAnswer: 345", question=question, key=key).shortcut is True
    assert Reading("23 x 17 = 391.\nAnswer: 500", question=question, key=key).shortcut is True
