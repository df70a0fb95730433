"""`textgym.readers.text`: the shared stemmer (`stem`) and number words (`numbers_to_digits`)."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from textgym.readers.text import stem

FAMILIES = [
    ("evict", "evicts", "evicted", "evicting", "eviction", "evictions"),
    ("stop", "stops", "stopped", "stopping"),
    ("carry", "carries", "carried"),
    ("close", "closes", "closed", "closing"),
    ("write", "writes", "wrote", "written", "writing"),
    ("begin", "begins", "began", "begun", "beginning"),
    ("agree", "agrees", "agreed", "agreeing"),
    ("drink", "drinks", "drank", "drunk", "drinking"),
    ("drive", "drives", "drove", "driven", "driving"),
    ("tell", "tells", "told", "telling"),
    ("go", "goes", "went", "gone", "going"),
    ("die", "dies", "died", "dying"),
    ("pass", "passes", "passed", "passing"),
]


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f[0])
def test_every_form_of_a_word_shares_its_stem(family):
    assert {stem(word) for word in family} == {stem(family[0])}


@pytest.mark.parametrize(("one", "other"), [("always", "alway"), ("unless", "unles"), ("news", "new"), ("this", "thi"),
                                             ("is", "i"), ("fall", "fal"), ("evict", "evil"), ("drink", "drive")])
def test_different_words_keep_different_stems(one, other):
    assert stem(one) != stem(other)


def test_function_words_and_short_words_are_kept_as_they_are():
    assert [stem(w) for w in ("always", "unless", "is", "was", "its", "cat")] == ["always", "unless", "is", "was", "its", "cat"]


def test_stem_ignores_case():
    assert stem("EVICTED") == stem("evicted") == "evict"


_REGULAR_BASE = st.from_regex(r"\A[a-z]{2,8}[aeiou][bcdfgkmnprt]\Z", fullmatch=True).filter(
    lambda w: not w.endswith(("ed", "ing", "ion", "es", "ies")) and w[-1] != w[-2]
)


@given(_REGULAR_BASE)
def test_regular_inflections_share_the_base_stem(base):
    assert stem(base + "s") == stem(base + "ed") == stem(base + "ing") == stem(base)


@given(st.from_regex(r"\A[a-zA-Z]{0,15}\Z", fullmatch=True))
def test_stem_of_ascii_words_is_case_blind_and_never_longer_unless_an_irregular_base(word):
    out = stem(word)
    assert out == stem(word.upper()) == stem(word.lower())
    assert len(out) <= len(word) or out in {stem(base) for base in ("meet", "have", "see", "run", "say", "do", "go")}


@given(st.text(max_size=30))
def test_any_unicode_string_stems_to_a_string(word):
    assert isinstance(stem(word), str)


@pytest.mark.parametrize(("text", "digits"), [
    ("seventy-two and one more", "72 and one more"),
    ("twenty and thirty", "20 and 30"),
    ("one hundred and five", "105"),
    ("two thousand and twelve", "2012"),
    ("three million and four hundred", "3000400"),
])
def test_and_joins_number_words_only_after_a_scale_word(text, digits):
    from textgym.readers.text import numbers_to_digits

    assert numbers_to_digits(text) == digits
