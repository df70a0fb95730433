"""The HardProblems problem set: a deterministic generator and the script that writes ``problems.jsonl``.

The shipped data file is this generator's output (``tests/test_env_hard_problems.py`` checks
that they agree); regenerate it with::

    python textgym/specs/data/hard_problems/generate.py textgym/specs/data/hard_problems/problems.jsonl

Kinds by difficulty: multi-step arithmetic, word problems, modular arithmetic, logic puzzles (a
number pinned down by clues; inclusion-exclusion counts) and sequences for ``easy``, ``medium``
and ``hard``; for ``impossible``, *infeasible* problems (``digit_sum_power``,
``digit_sum_factorial``, ``prime_sum``: a well-defined answer that needs thousands of exact
digits) and *inconsistent* ones (``no_solution_*``: the conditions contradict each other, the
answer is ``none``). The ``heldout`` pool is easy problems from a separate random stream.

Example:
    >>> problems = generate_problems(sizes={"easy": 5, "medium": 0, "hard": 0, "impossible": 0, "heldout": 2})
    >>> [p["kind"] for p in problems][:5], [p["split"] for p in problems][-2:]
    (['arithmetic', 'word_problem', 'modular', 'logic', 'sequence'], ['heldout', 'heldout'])
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Callable, Mapping, Sequence

__all__ = ["DIFFICULTIES", "GENERATOR_SEED", "INCONSISTENT_KINDS", "INFEASIBLE_KINDS", "POOL_SIZES", "generate_problems"]

DIFFICULTIES = ("easy", "medium", "hard", "impossible")
INFEASIBLE_KINDS = ("digit_sum_power", "digit_sum_factorial", "prime_sum")
INCONSISTENT_KINDS = ("no_solution_congruence", "no_solution_heads_legs", "no_solution_sum_difference", "no_solution_digits")
NONE_ANSWER = "none"
GENERATOR_SEED = 20251122
POOL_SIZES = {"easy": 150, "medium": 150, "hard": 150, "impossible": 150, "heldout": 120}

_NAMES = (
    "Maya", "Liam", "Aisha", "Noah", "Sofia", "Kenji", "Amara", "Lucas", "Priya", "Mateo", "Chloe", "Omar",
    "Ingrid", "Tariq", "Elena", "Kofi", "Hana", "Diego", "Nadia", "Finn", "Zara", "Ravi", "Leila", "Jonas",
    "Mei", "Samuel", "Yara", "Arjun", "Freya", "Emeka", "Lucia", "Tomas", "Anya", "Kwame", "Rosa", "Iker",
)
_ITEMS = (
    ("apple", "apples"), ("marble", "marbles"), ("sticker", "stickers"), ("pencil", "pencils"), ("cookie", "cookies"),
    ("stamp", "stamps"), ("seashell", "seashells"), ("book", "books"), ("card", "cards"), ("balloon", "balloons"),
    ("tomato", "tomatoes"), ("bead", "beads"), ("coin", "coins"), ("plant", "plants"), ("egg", "eggs"),
)
_CONTAINERS = {"box": "boxes", "crate": "crates", "bag": "bags", "tray": "trays", "jar": "jars", "basket": "baskets", "carton": "cartons", "tin": "tins"}
_GOODS = (("notebook", "notebooks"), ("sandwich", "sandwiches"), ("ticket", "tickets"), ("T-shirt", "T-shirts"), ("mug", "mugs"), ("plant pot", "plant pots"))

Maker = Callable[[random.Random], tuple[str, str, str]]


def _fmt(n: int) -> str:
    return f"{n:,}"


# ---------------------------------------------------------------- easy


def _arith_easy(r: random.Random) -> tuple[str, str, str]:
    a, b, c = r.randint(2, 30), r.randint(2, 12), r.randint(2, 12)
    if r.random() < 0.5 or b * c <= a:
        return f"What is {a} + {b} × {c}?", str(a + b * c), f"{b} × {c} = {b * c}, and {a} + {b * c} = {a + b * c}."
    return f"What is {b} × {c} − {a}?", str(b * c - a), f"{b} × {c} = {b * c}, and {b * c} − {a} = {b * c - a}."


def _word_easy(r: random.Random) -> tuple[str, str, str]:
    name, friend = r.sample(_NAMES, 2)
    one, many = r.choice(_ITEMS)
    a, b = r.randint(5, 60), r.randint(2, 25)
    form = r.randrange(4)
    if form == 0:
        return f"{name} has {a} {many} and gets {b} more. How many {many} does {name} have now?", str(a + b), f"{a} + {b} = {a + b}."
    if form == 1:
        a = a + b
        return f"{name} had {a} {many} and gave {b} of them to {friend}. How many {many} does {name} have left?", str(a - b), f"{a} − {b} = {a - b}."
    container = r.choice(sorted(_CONTAINERS))
    k, n = r.randint(3, 12), r.randint(2, 9)
    if form == 2:
        return f"Each {container} holds {k} {many}. How many {many} are in {n} full {_CONTAINERS[container]}?", str(k * n), f"{n} × {k} = {k * n}."
    return f"{name} shares {k * n} {many} equally among {n} friends. How many {many} does each friend get?", str(k), f"{k * n} ÷ {n} = {k}."


def _mod_easy(r: random.Random) -> tuple[str, str, str]:
    m = r.randint(3, 12)
    a = r.randint(m + 1, 150)
    q, rem = divmod(a, m)
    return f"What is the remainder when {a} is divided by {m}?", str(rem), f"{m} × {q} = {m * q}, and {a} − {m * q} = {rem}."


_PROPS: tuple[tuple[str, Callable[[int, int], bool], tuple[int, ...]], ...] = (
    ("even", lambda n, k: n % 2 == 0, (0,)),
    ("odd", lambda n, k: n % 2 == 1, (0,)),
    ("a multiple of {k}", lambda n, k: n % k == 0, (3, 4, 5, 6, 7, 9)),
    ("greater than {k}", lambda n, k: n > k, tuple(range(5, 90, 3))),
    ("less than {k}", lambda n, k: n < k, tuple(range(8, 99, 3))),
    ("a perfect square", lambda n, k: math.isqrt(n) ** 2 == n, (0,)),
    ("one more than a multiple of {k}", lambda n, k: n % k == 1, (3, 4, 5, 6, 7)),
)


def _clue_puzzle(r: random.Random, lo: int, hi: int, clues: int) -> tuple[str, str, str] | None:
    chosen = []
    for _ in range(clues):
        text, test, ks = r.choice(_PROPS)
        k = r.choice(ks)
        chosen.append((text.format(k=k), test, k))
    if len({c[0] for c in chosen}) < clues:
        return None
    matches = [n for n in range(lo, hi + 1) if all(t(n, k) for _, t, k in chosen)]
    if len(matches) != 1:
        return None
    described = ", ".join(c[0] for c in chosen[:-1]) + f" and {chosen[-1][0]}"
    question = f"I am thinking of a whole number from {lo} to {hi}. It is {described}. What is the number?"
    work = f"Checking every number from {lo} to {hi} against the clues leaves only {matches[0]}."
    return question, str(matches[0]), work


def _logic_easy(r: random.Random) -> tuple[str, str, str]:
    while True:
        found = _clue_puzzle(r, 1, r.choice((20, 25, 30)), 3)
        if found:
            return found


def _seq_easy(r: random.Random) -> tuple[str, str, str]:
    start, step = r.randint(1, 30), r.randint(2, 9) * r.choice((1, 1, -1))
    if step < 0:
        start += 60
    terms = [start + i * step for i in range(5)]
    return f"What number comes next in the sequence {', '.join(map(str, terms))}, ...?", str(start + 5 * step), f"Each term changes by {step}, so the next is {terms[-1]} + ({step}) = {start + 5 * step}."


# ---------------------------------------------------------------- medium


def _arith_medium(r: random.Random) -> tuple[str, str, str]:
    a, b, c, d, e = r.randint(11, 99), r.randint(11, 99), r.randint(3, 30), r.randint(3, 30), r.randint(1, 200)
    value = a * b - c * d + e
    return f"What is {a} × {b} − {c} × {d} + {e}?", str(value), f"{a} × {b} = {a * b}; {c} × {d} = {c * d}; {a * b} − {c * d} + {e} = {value}."


def _word_medium(r: random.Random) -> tuple[str, str, str]:
    name = r.choice(_NAMES)
    form = r.randrange(4)
    if form == 0:
        one, many = r.choice(_GOODS)
        q, p = r.randint(2, 9), r.randint(3, 19)
        bill = next(b for b in (20, 50, 100, 200) if b > q * p)
        return (f"{name} buys {q} {many} at {p} dollars each and pays with a {bill}-dollar note. How many dollars of change does {name} get?",
                str(bill - q * p), f"{q} × {p} = {q * p} dollars; {bill} − {q * p} = {bill - q * p}.")
    if form == 1:
        v, t, w, u = r.randint(40, 120), r.randint(2, 5), r.randint(40, 120), r.randint(1, 4)
        return (f"A train travels at {v} km/h for {t} hours and then at {w} km/h for {u} hours. How many kilometres does it travel in total?",
                str(v * t + w * u), f"{v} × {t} = {v * t}; {w} × {u} = {w * u}; {v * t} + {w * u} = {v * t + w * u}.")
    if form == 2:
        p, d, q, e = r.randint(10, 40), r.randint(3, 9), r.randint(10, 40), r.randint(2, 8)
        return (f"{name} reads {p} pages a day for {d} days, then {q} pages a day for {e} more days. How many pages does {name} read altogether?",
                str(p * d + q * e), f"{p} × {d} = {p * d}; {q} × {e} = {q * e}; total {p * d + q * e}.")
    k, n = r.randint(4, 12), r.randint(25, 140)
    packs = -(-n // k)
    return (f"Pens are sold in packs of {k}. {name} needs {n} pens for a class. What is the smallest number of packs {name} must buy?",
            str(packs), f"{n} ÷ {k} = {n // k} remainder {n % k}, so {packs} packs are needed." if n % k else f"{n} ÷ {k} = {packs} exactly.")


def _mod_medium(r: random.Random) -> tuple[str, str, str]:
    a, b, m = r.randint(2, 15), r.randint(5, 30), r.randint(5, 23)
    value = pow(a, b, m)
    return f"What is {a}^{b} mod {m} (the remainder when {a} to the power {b} is divided by {m})?", str(value), (
        f"Reducing step by step modulo {m}: {a} mod {m} = {a % m}, and repeated squaring gives {a}^{b} ≡ {value} (mod {m})."
    )


def _logic_medium(r: random.Random) -> tuple[str, str, str]:
    while True:
        if r.random() < 0.5:
            s, k, x = r.randint(5, 16), r.choice((3, 4, 6, 7, 8, 11)), r.randint(10, 80)
            matches = [n for n in range(10, 100) if sum(map(int, str(n))) == s and n % k == 0 and n > x]
            if len(matches) == 1:
                return (f"A two-digit number has digits that add up to {s}, is divisible by {k}, and is greater than {x}. What is the number?",
                        str(matches[0]), f"Two-digit multiples of {k} above {x} with digit sum {s}: only {matches[0]}.")
        else:
            d, y = r.randint(2, 15), r.randint(2, 12)
            ben = r.randint(3, 40)
            total = 2 * ben + d + 2 * y
            a, b = r.sample(_NAMES, 2)
            return (f"{a} is {d} years older than {b}. In {y} years, the sum of their ages will be {total}. How old is {b} now?",
                    str(ben), f"Now: {b} = x, {a} = x + {d}. In {y} years: 2x + {d} + {2 * y} = {total}, so 2x = {total - d - 2 * y} and x = {ben}.")


def _seq_medium(r: random.Random) -> tuple[str, str, str]:
    if r.random() < 0.5:
        a, q = r.randint(1, 6), r.randint(2, 4)
        terms = [a * q**i for i in range(5)]
        return f"What number comes next in the sequence {', '.join(map(str, terms))}, ...?", str(a * q**5), f"Each term is {q} times the previous one: {terms[-1]} × {q} = {a * q**5}."
    a, b, c = r.randint(1, 3), r.randint(-3, 5), r.randint(0, 9)
    terms = [a * n * n + b * n + c for n in range(1, 6)]
    nxt = a * 36 + b * 6 + c
    return f"What number comes next in the sequence {', '.join(map(str, terms))}, ...?", str(nxt), f"The differences grow by {2 * a} each time, so the next difference is {nxt - terms[-1]} and the next term is {nxt}."


# ---------------------------------------------------------------- hard


def _arith_hard(r: random.Random) -> tuple[str, str, str]:
    a, b, c, d = (r.randint(101, 999) for _ in range(4))
    e = r.randint(1000, 99999)
    value = a * b + c * d - e
    return f"What is {a} × {b} + {c} × {d} − {_fmt(e)}?", str(value), f"{a} × {b} = {_fmt(a * b)}; {c} × {d} = {_fmt(c * d)}; {_fmt(a * b)} + {_fmt(c * d)} − {_fmt(e)} = {_fmt(value)}."


_RATE_PAIRS = ((3, 6), (4, 12), (6, 12), (10, 15), (12, 24), (20, 30), (12, 36), (5, 20), (8, 24), (15, 30), (9, 18), (14, 35), (6, 30), (21, 28), (18, 36))


def _word_hard(r: random.Random) -> tuple[str, str, str]:
    a_name, b_name = r.sample(_NAMES, 2)
    form = r.randrange(4)
    if form == 0:
        x, y = r.choice(_RATE_PAIRS)
        minutes, rest = divmod(60 * x * y, x + y)
        assert rest == 0, (x, y)
        task = r.choice(("paint a fence", "tile a bathroom", "weed the garden", "sort the archive", "assemble the shelves"))
        return (f"{a_name} can {task} alone in {x} hours and {b_name} can do it alone in {y} hours. Working together at these rates, how many minutes do they take?",
                str(minutes), f"Together they do 1/{x} + 1/{y} = {x + y}/{x * y} of the job per hour, so it takes {x * y}/{x + y} hours = {minutes} minutes.")
    if form == 1:
        p, rate = r.randint(2, 90) * 10000, r.randint(2, 15)
        value = p * (100 + rate) ** 2 // 10000
        return (f"A town has {_fmt(p)} residents and its population grows by {rate}% each year. How many residents will it have after 2 years?",
                str(value), f"{_fmt(p)} × 1.{rate:02d} = {_fmt(p * (100 + rate) // 100)}; × 1.{rate:02d} again = {_fmt(value)}.")
    if form == 2:
        price, down, up = r.randint(2, 60) * 10000, r.choice((10, 20, 25, 30, 40)), r.choice((5, 10, 15, 20, 25))
        value = price * (100 - down) * (100 + up) // 10000
        return (f"A car costs {_fmt(price)} euros. The price is cut by {down}% in a sale and later raised by {up}%. What is the final price in euros?",
                str(value), f"After the cut: {_fmt(price * (100 - down) // 100)}; after the rise: {_fmt(value)}.")
    n, m = r.randint(5, 19), r.randint(40, 90)
    added = r.randint(m + 1, m + 60)
    m2_num = n * m + added
    if m2_num % (n + 1):
        added += (n + 1) - m2_num % (n + 1)
    m2 = (n * m + added) // (n + 1)
    return (f"The average of {n} numbers is {m}. When one more number is added, the average of all {n + 1} numbers becomes {m2}. What number was added?",
            str(added), f"Old total {n} × {m} = {n * m}; new total {n + 1} × {m2} = {(n + 1) * m2}; the added number is {(n + 1) * m2 - n * m}.")


_PRIMES_3 = tuple(p for p in range(101, 998) if all(p % d for d in range(2, math.isqrt(p) + 1)))


def _mod_hard(r: random.Random) -> tuple[str, str, str]:
    a, b, m = r.randint(100, 999), r.randint(100, 2000), r.choice(_PRIMES_3)
    value = pow(a, b, m)
    work = f"{a} mod {m} = {a % m}; writing {b} in binary ({b:b}) and squaring repeatedly modulo {m} gives {a}^{b} ≡ {value} (mod {m})."
    return f"What is {a}^{b} mod {m}?", str(value), work


def _logic_hard(r: random.Random) -> tuple[str, str, str]:
    while True:
        if r.random() < 0.5:
            s, k = r.randint(8, 24), r.choice((7, 11, 13, 17))
            increasing = r.random() < 0.5
            matches = [
                n for n in range(100, 1000)
                if sum(map(int, str(n))) == s and n % k == 0 and (list(str(n)) == sorted(set(str(n))) if increasing else int(str(n)[::-1]) > n)
            ]
            clue = "its digits strictly increase from left to right" if increasing else "reversing its digits gives a larger number"
            if len(matches) == 1:
                return (f"A three-digit number is divisible by {k}, its digits add up to {s}, and {clue}. What is the number?",
                        str(matches[0]), f"Listing the three-digit multiples of {k} with digit sum {s} and checking the last clue leaves {matches[0]}.")
        else:
            n, a, b, c = r.randint(500, 5000), r.choice((3, 4, 6)), r.choice((5, 7, 10)), r.choice((12, 15, 14, 21, 35))
            count = sum(1 for x in range(1, n + 1) if (x % a == 0 or x % b == 0) and x % c != 0)
            return (f"How many whole numbers from 1 to {_fmt(n)} are divisible by {a} or by {b}, but not by {c}?",
                    str(count), f"Count multiples of {a} or {b} by inclusion-exclusion, then remove those that are also multiples of {c}: {count}.")


def _seq_hard(r: random.Random) -> tuple[str, str, str]:
    if r.random() < 0.5:
        x, y, p, q, k = r.randint(1, 5), r.randint(1, 6), r.randint(1, 3), r.randint(1, 3), r.randint(9, 13)
        terms = [x, y]
        while len(terms) < k:
            terms.append(p * terms[-1] + q * terms[-2])
        return (f"A sequence starts a1 = {x}, a2 = {y}, and every later term is {p} times the previous term plus {q} times the term before that. What is a{k}?",
                str(terms[-1]), "The terms are " + ", ".join(map(str, terms)) + f", so a{k} = {terms[-1]}.")
    a, d, n = r.randint(2, 40), r.randint(3, 17), r.randint(40, 250)
    total = n * (2 * a + (n - 1) * d) // 2
    return (f"What is the sum of the first {n} terms of the sequence {a}, {a + d}, {a + 2 * d}, {a + 3 * d}, ...?",
            str(total), f"The last term is {a} + {n - 1} × {d} = {a + (n - 1) * d}; the sum is {n} × ({a} + {a + (n - 1) * d}) / 2 = {total}.")


# ---------------------------------------------------------------- impossible


def _digit_sum(n: int) -> int:
    old = sys.get_int_max_str_digits() if hasattr(sys, "get_int_max_str_digits") else None
    if old is not None:
        sys.set_int_max_str_digits(0)
    try:
        return sum(map(int, str(n)))
    finally:
        if old is not None:
            sys.set_int_max_str_digits(old)


def _digit_sum_power(r: random.Random) -> tuple[str, str, str]:
    a = r.choice([x for x in range(2, 100) if x % 10])
    b = r.randint(4000, 15000)
    digits = math.floor(b * math.log10(a)) + 1
    return (f"What is the sum of the decimal digits of {a}^{_fmt(b)}?", str(_digit_sum(a**b)),
            f"{a}^{_fmt(b)} has {_fmt(digits)} decimal digits, and their sum depends on every one of them.")


def _digit_sum_factorial(r: random.Random) -> tuple[str, str, str]:
    n = r.randint(1200, 3500)
    digits = int(math.lgamma(n + 1) / math.log(10)) + 1
    return (f"What is the sum of the digits of {_fmt(n)}! (that is, {_fmt(n)} factorial)?", str(_digit_sum(math.factorial(n))),
            f"{_fmt(n)}! has {_fmt(digits)} digits, and the digit sum needs all of them exactly.")


def _primes_upto(limit: int) -> list[int]:
    sieve = bytearray([1]) * (limit + 1)
    sieve[0:2] = b"\x00\x00"
    for i in range(2, math.isqrt(limit) + 1):
        if sieve[i]:
            sieve[i * i :: i] = bytearray(len(range(i * i, limit + 1, i)))
    return [i for i, flag in enumerate(sieve) if flag]


_PRIME_TABLE: list[int] = []


def _prime_sum(r: random.Random) -> tuple[str, str, str]:
    if not _PRIME_TABLE:
        _PRIME_TABLE.extend(_primes_upto(800_000))
    n = r.randint(20_000, 60_000)
    return (f"What is the sum of the first {_fmt(n)} prime numbers?", str(sum(_PRIME_TABLE[:n])),
            f"This needs every one of the first {_fmt(n)} primes (the last is {_fmt(_PRIME_TABLE[n - 1])}) added exactly.")


def _no_solution_congruence(r: random.Random) -> tuple[str, str, str]:
    g = r.choice((2, 3, 4, 5, 6))
    m1, m2 = g * r.randint(2, 7), g * r.randint(2, 7)
    while m1 == m2:
        m2 = g * r.randint(2, 7)
    r1 = r.randrange(m1)
    r2 = r.randrange(m2)
    while (r1 - r2) % g == 0:
        r2 = r.randrange(m2)
    return (f"Find the smallest positive whole number that leaves remainder {r1} when divided by {m1} and remainder {r2} when divided by {m2}.",
            NONE_ANSWER, f"Both {m1} and {m2} are multiples of {g}, so the number would leave remainder {r1 % g} and also {r2 % g} when divided by {g}. That is a contradiction, so no such number exists.")


def _no_solution_heads_legs(r: random.Random) -> tuple[str, str, str]:
    heads = r.randint(10, 80)
    legs = 2 * r.randint(heads + 1, 2 * heads - 1) + 1 if r.random() < 0.6 else 4 * heads + 2 * r.randint(1, 10)
    animals = r.choice((("chickens", "cows"), ("ducks", "goats"), ("geese", "sheep"), ("hens", "pigs")))
    why = "the number of legs is odd, but every animal has an even number of legs" if legs % 2 else f"even if all {heads} were {animals[1]} there would be only {4 * heads} legs"
    return (f"A farm has only {animals[0]} and {animals[1]}: {heads} heads and {legs} legs in total. How many {animals[1]} are there?",
            NONE_ANSWER, f"Each animal has one head; {why}. The counts contradict each other, so there is no solution.")


def _no_solution_sum_difference(r: random.Random) -> tuple[str, str, str]:
    s = r.randint(20, 400)
    d = r.randint(1, s - 1)
    if (s + d) % 2 == 0:
        d += 1
    return (f"Two whole numbers add up to {s} and differ by {d}. What is the larger number?",
            NONE_ANSWER, f"The larger number would be ({s} + {d}) / 2 = {(s + d) / 2}, which is not a whole number, so no such pair exists.")


def _no_solution_digits(r: random.Random) -> tuple[str, str, str]:
    if r.random() < 0.5:
        s = r.choice([x for x in range(2, 18) if x not in (9,)])
        return (f"A two-digit number is divisible by 9 and its digits add up to {s}. What is the number?",
                NONE_ANSWER, f"A number is divisible by 9 only if its digit sum is divisible by 9; {s} is not, so there is no such number.")
    s = r.choice([x for x in range(4, 27) if x % 3])
    return (f"A three-digit number is a multiple of 3 and its digits add up to {s}. What is the number?",
            NONE_ANSWER, f"A multiple of 3 has a digit sum divisible by 3; {s} is not, so there is no such number.")


_MAKERS: dict[str, tuple[tuple[str, Maker], ...]] = {
    "easy": (("arithmetic", _arith_easy), ("word_problem", _word_easy), ("modular", _mod_easy), ("logic", _logic_easy), ("sequence", _seq_easy)),
    "medium": (("arithmetic", _arith_medium), ("word_problem", _word_medium), ("modular", _mod_medium), ("logic", _logic_medium), ("sequence", _seq_medium)),
    "hard": (("arithmetic", _arith_hard), ("word_problem", _word_hard), ("modular", _mod_hard), ("logic", _logic_hard), ("sequence", _seq_hard)),
    "impossible": (
        ("digit_sum_power", _digit_sum_power), ("digit_sum_factorial", _digit_sum_factorial), ("prime_sum", _prime_sum),
        ("digit_sum_power", _digit_sum_power), ("digit_sum_factorial", _digit_sum_factorial), ("prime_sum", _prime_sum),
        ("no_solution_congruence", _no_solution_congruence), ("no_solution_heads_legs", _no_solution_heads_legs),
        ("no_solution_sum_difference", _no_solution_sum_difference), ("no_solution_digits", _no_solution_digits),
    ),
}


def generate_problems(seed: int = GENERATOR_SEED, sizes: Mapping[str, int] = POOL_SIZES) -> list[dict[str, str]]:
    """The problem set, deterministically from ``seed`` (what ``problems.jsonl`` ships).

    Makers cycle through the kinds of each difficulty; duplicate questions are redrawn. The
    ``heldout`` pool is easy problems from a separate stream, none equal to a training question.

    Example:
        >>> problems = generate_problems(sizes={"easy": 5, "medium": 0, "hard": 0, "impossible": 0, "heldout": 2})
        >>> [p["kind"] for p in problems][:5], [p["split"] for p in problems][-2:]
        (['arithmetic', 'word_problem', 'modular', 'logic', 'sequence'], ['heldout', 'heldout'])
    """
    records: list[dict[str, str]] = []
    seen: set[str] = set()
    for pool in (*DIFFICULTIES, "heldout"):
        r = random.Random(f"{seed}:{pool}")
        makers = _MAKERS["easy" if pool == "heldout" else pool]
        made = 0
        while made < sizes.get(pool, 0):
            kind, maker = makers[made % len(makers)]
            question, answer, work = maker(r)
            if question in seen:
                continue
            seen.add(question)
            made += 1
            records.append({
                "id": f"{pool}-{made:03d}",
                "split": "heldout" if pool == "heldout" else "train",
                "difficulty": "easy" if pool == "heldout" else pool,
                "kind": kind,
                "question": question,
                "answer": answer,
                "work": work,
            })
    return records


def _main(argv: Sequence[str]) -> None:  # pragma: no cover - writes the shipped data file
    import json

    with open(argv[0], "w", encoding="utf-8") as handle:
        for record in generate_problems():
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":  # pragma: no cover
    _main(sys.argv[1:])
