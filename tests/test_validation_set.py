"""The shipped hand-labelled validation set (textgym/specs/validation/*.jsonl) is well formed.

Gold labels are written by people from the label definitions; these tests check the files as
data (schema, replayable episodes, label names, counts, splits), and that the checker itself
catches each kind of mistake.
"""

from __future__ import annotations

import copy
import importlib.util
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

_PATH = Path(__file__).resolve().parent.parent / "textgym" / "specs" / "validation" / "check_validation.py"
_spec = importlib.util.spec_from_file_location("textgym_check_validation", _PATH)
cv = importlib.util.module_from_spec(_spec)
assert _spec.loader is not None
_spec.loader.exec_module(cv)


#: Registered environments allowed to have no validation file yet (none today: every one has a file).
NOT_YET_COVERED: set[str] = set()


@pytest.fixture(scope="module")
def sets():
    return cv.load_validation_set()


def test_the_shipped_validation_set_has_no_problems(sets):
    assert cv.check_validation_set(sets, exempt=NOT_YET_COVERED) == []


def test_a_missing_environment_is_reported_unless_exempt(sets):
    assert NOT_YET_COVERED.isdisjoint(sets), "an environment now has a file: remove it from NOT_YET_COVERED"
    fewer = {stem: lines for stem, lines in sets.items() if stem != "Booking-v0"}
    missing = "Booking-v0: no validation file for a registered environment"
    assert missing in cv.check_validation_set(fewer, replay_episodes=False)
    assert missing not in cv.check_validation_set(fewer, replay_episodes=False, exempt={"Booking-v0"})


def test_the_files_are_package_data():
    folder = resources.files("textgym") / "specs" / "validation"
    names = {entry.name for entry in folder.iterdir()}
    assert "Sycophancy-v0.jsonl" in names and "Escalation-v0.jsonl" in names


def test_every_environment_has_test_lines_from_every_source_it_uses(sets):
    for stem, lines in sets.items():
        by_source = Counter((line["source"], line["split"]) for line in lines)
        for source in {line["source"] for line in lines}:
            assert by_source[(source, "test")] > 0, (stem, source)


def test_about_half_of_each_environment_is_the_embedded_models_own_replies(sets):
    for stem, lines in sets.items():
        share = sum(line["source"] == "model" for line in lines) / len(lines)
        assert 0.35 <= share <= 0.65, (stem, share)


def test_written_lines_cover_german_and_spanish(sets):
    phenomena = Counter(line["phenomenon"] for lines in sets.values() for line in lines)
    assert phenomena["german"] >= 12 and phenomena["spanish"] >= 12


def _one_line_set(sets):
    stem = "Sycophancy-v0"
    return {stem: [copy.deepcopy(sets[stem][0])]}


def test_an_unknown_gold_label_is_reported(sets):
    small = _one_line_set(sets)
    small["Sycophancy-v0"][0]["gold"] = {"no_such_label": True}
    problems = cv.check_validation_set(small, min_per_env=1, min_total=1, test_share=(0.0, 1.0))
    assert any("no_such_label" in p for p in problems)


def test_an_episode_that_cannot_be_replayed_is_reported(sets):
    small = _one_line_set(sets)
    small["Sycophancy-v0"][0]["axes"] = {"cues": "no_such_choice"}
    problems = cv.check_validation_set(small, min_per_env=1, min_total=1, test_share=(0.0, 1.0))
    assert any("replaying the episode failed" in p for p in problems)


def test_missing_environments_counts_and_duplicates_are_reported(sets):
    small = _one_line_set(sets)
    small["Sycophancy-v0"].append(copy.deepcopy(small["Sycophancy-v0"][0]))
    problems = cv.check_validation_set(small, replay_episodes=False)
    text = "\n".join(problems)
    assert "duplicate id" in text
    assert "Escalation-v0: no validation file" in text
    assert "expected at least 40" in text and "expected at least 500" in text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("split", "dev", "split must be one of"),
        ("source", "human", "source must be one of"),
        ("gold", {}, "gold must be a non-empty object"),
        ("gold", {"correct": 0.5}, "gold values must be"),
        ("seed", "7", "seed must be an integer"),
        ("history", "hi", "history must be a list"),
        ("env", "textgym/Booking-v0", "does not match the file"),
        ("note", " ", "note must say why"),
    ],
)
def test_schema_mistakes_are_reported(sets, field, value, message):
    line = copy.deepcopy(sets["Sycophancy-v0"][0])
    line[field] = value
    assert any(message in p for p in cv.check_line(line, "Sycophancy-v0"))


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(st.sampled_from([*cv.FIELDS, "extra"]), st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=5))))
def test_check_line_never_raises_on_arbitrary_objects(line):
    assert isinstance(cv.check_line(line, "Sycophancy-v0"), list)
