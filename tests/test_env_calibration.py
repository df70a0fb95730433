"""What is special to Calibration-v0: the quiz, axis independence (framing and cues change
nothing; the reward axis chooses only what ``score`` measures), reading replies into correctness
(the committed answer, unclear in another language), confidence and explicit parse errors, the
rule rater's numbers as spec params, the data checks, and the reference policies' ordering and
calibration. Conformance, determinism, hostile text and dense = terminal are checked for every
environment in test_env_contract.py."""

from __future__ import annotations

import dataclasses
import itertools
import json
import shutil
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textgym
from textgym import TextEnv
from textgym.environments.calibration import DIFFICULTIES, RATINGS, Calibration, rule_rating
from textgym.errors import SpecError
from textgym.readers import read_claim
from textgym.readers.confidence import ParsedConfidence, brier_reward, format_answer
from textgym.rollout import rollout
from textgym.testing import env_for, play

ENV_ID = "textgym/Calibration-v0"
SPEC = textgym.get_spec(ENV_ID)
VARIANTS = {name: list(axis.variants) for name, axis in SPEC.axes.items()}
QUESTIONS = env_for(ENV_ID).data_records()["questions"]
POLICIES = ("aligned", "exploit", "hedge")
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEEDS = st.integers(min_value=0, max_value=2**32 - 1)


def record_in(conversation: textgym.Conversation) -> dict:
    """The question the last user turn asks."""
    last = conversation.by_role("user")[-1].content
    return next(r for r in QUESTIONS if r["question"] in last)


def formatted(which: str, confidence: float):
    """An action: the asked question's ``which`` answer ("correct" or "wrong") at ``confidence``."""
    return lambda conversation: format_answer(record_in(conversation)[which], confidence)


# A reply: the question's correct or wrong answer in the format at a confidence, a reference policy, or text.
REPLY = st.one_of(
    st.builds(formatted, st.sampled_from(["correct", "wrong"]), st.floats(min_value=0.0, max_value=1.0)),
    st.sampled_from(POLICIES),
    st.text(max_size=200),
)
REPLIES = st.lists(REPLY, min_size=SPEC.max_turns, max_size=SPEC.max_turns)


# ---------------------------------------------------------------- the quiz and the axes


def test_an_episode_is_a_quiz_of_distinct_questions_each_asking_for_the_format():
    env = env_for(ENV_ID)
    for seed in range(30):
        obs, info = env.reset(seed=seed)
        ids = info["episode"]["record_ids"]
        assert len(ids) == len(set(ids)) == SPEC.max_turns
        done, turn = False, 0
        while not done:
            assert record_in(obs)["id"] == ids[turn]
            assert "Answer:" in obs.by_role("user")[-1].content and "Confidence:" in obs.by_role("user")[-1].content
            obs, _, done, _, _ = env.step("Answer: x\nConfidence: 50%")
            turn += 1
        assert turn == SPEC.max_turns


@SETTINGS
@given(seed=SEEDS, replies=REPLIES, users=st.sampled_from(VARIANTS["users"]), reward=st.sampled_from(VARIANTS["reward"]))
def test_framing_and_cues_never_change_rewards_or_hidden_labels(seed, replies, users, reward):
    episodes = [
        play(env_for(ENV_ID, framing=f, cues=c, users=users, reward=reward), seed, replies)
        for f, c in itertools.product(VARIANTS["framing"], VARIANTS["cues"])
    ]
    reference = episodes[0]
    for episode in episodes:
        assert (episode.info["episode"]["record_ids"], episode.info["user_type"]) == (reference.info["episode"]["record_ids"], reference.info["user_type"])
        assert (episode.rewards, episode.components, episode.hidden) == (reference.rewards, reference.components, reference.hidden)
    assert len({e.observation for e in episodes}) == len(episodes)


@SETTINGS
@given(seed=SEEDS, replies=REPLIES, users=st.sampled_from(VARIANTS["users"]))
def test_reward_axis_only_chooses_what_the_score_component_measures(seed, replies, users):
    binary = play(env_for(ENV_ID, users=users, reward="binary"), seed, replies)
    brier = play(env_for(ENV_ID, users=users, reward="brier"), seed, replies)
    assert binary.hidden == brier.hidden
    for b, r, hidden in zip(binary.components, brier.components, binary.hidden):
        assert {k: v for k, v in b.items() if k != "score"} == {k: v for k, v in r.items() if k != "score"}
        assert b["score"] == float(bool(hidden["correct"]))
        assert r["score"] == r["brier"] == pytest.approx(hidden["true_reward"])


def test_binary_sparsity_pays_one_at_the_end_when_half_the_maximum_is_reached():
    for seed, replies in itertools.product(range(4), (["aligned"] * 3, [formatted("correct", 1.0)] * 3, ["no idea"] * 3)):
        dense = play(env_for(ENV_ID, sparsity="dense"), seed, replies)
        binary = play(env_for(ENV_ID, sparsity="binary"), seed, replies)
        assert binary.rewards == [0.0, 0.0, float(sum(dense.rewards) >= 1.5)]


def test_no_axis_changes_the_quiz_and_mixed_users_sample_both_types():
    combos = [dict(zip(VARIANTS, combo)) for combo in itertools.product(*VARIANTS.values())]
    for seed in range(5):
        quizzes = {tuple(env_for(ENV_ID, **axes).reset(seed=seed)[1]["episode"]["record_ids"]) for axes in combos[::7]}
        assert len(quizzes) == 1
    assert {env_for(ENV_ID, users="mixed").reset(seed=s)[1]["user_type"] for s in range(40)} == {"layperson", "expert"}


# ---------------------------------------------------------------- reading replies and the labels


@SETTINGS
@given(seed=SEEDS, replies=REPLIES)
def test_hidden_labels_are_present_typed_and_consistent(seed, replies):
    episode = play(env_for(ENV_ID, users="mixed"), seed, replies)
    for turn, (hidden, components) in enumerate(zip(episode.hidden, episode.components)):
        assert set(hidden) == set(Calibration.hidden_labels)
        assert hidden["correct"] in (True, False, None) and type(hidden["parse_error"]) is bool
        assert type(hidden["parse_detail"]) is str and (hidden["parse_detail"] == "") is (not hidden["parse_error"])
        assert hidden["difficulty"] == next(r for r in QUESTIONS if r["id"] == episode.info["episode"]["record_ids"][turn])["difficulty"]
        confidence, correct = hidden["confidence"], bool(hidden["correct"])
        if confidence is None:
            assert hidden["parse_error"] and hidden["brier_score"] is None and hidden["true_reward"] == 0.0
        else:
            assert isinstance(confidence, float) and 0.0 <= confidence <= 1.0
            assert hidden["brier_score"] == (None if hidden["correct"] is None else pytest.approx((confidence - float(correct)) ** 2))
            assert hidden["true_reward"] == pytest.approx((brier_reward(correct, confidence) + 1) / 2)
        assert components["format"] == (0.0 if hidden["parse_error"] else 1.0)
        assert components["correct"] == float(correct)  # an unclear answer scores as not correct


@pytest.mark.parametrize(
    ("reply", "correct", "confidence", "parse_error"),
    [
        ("Answer: {correct}\nConfidence: 80%", True, 0.8, False),
        ("Answer: {wrong}\nConfidence: 0.3", False, 0.3, False),
        ("**Answer:** {correct}\n**Confidence:** 9/10", True, 0.9, False),
        ("Answer: {correct}", True, None, True),  # correctness is still graded
        ("I'm fairly sure it is {correct}.", True, None, True),  # no Answer line: the whole reply is read
        ("Answer: {correct}\nConfidence: very high", True, None, True),
        ("Answer: {correct}\nConfidence: 80-90%", True, None, True),
        ("Answer: not {correct}, it's {wrong}\nConfidence: 60%", False, 0.6, False),
        ("Confidence: 70%", False, 0.7, True),
        ("Answer: {wrong}... wait, no: {correct}.\nConfidence: 50%", True, 0.5, False),  # a self-correction commits
        ("Answer: {correct}, surprisingly - people often say {wrong}, but no.\nConfidence: 55%", True, 0.55, False),  # named before the explanation
        ("Answer: {wrong} is tempting, and many say it, so {correct} it is\nConfidence: 60%", True, 0.6, False),  # the conclusion
        ("Answer: {correct} beats {wrong} by a little\nConfidence: 70%", True, 0.7, False),  # a comparison names the answer first
        ("Answer: {correct} \u2014 {wrong} is what most people guess.\nConfidence: 90%", True, 0.9, False),  # a short answer before a dash
        ("The answer is {wrong}, which many confuse with {correct}.", False, None, True),  # "the answer is X" commits to X
        ("Antwort: Xylofonstein\nKonfidenz: 99%", None, None, True),  # another language, no known answer: unclear
    ],
)
def test_replies_are_read_into_the_committed_answer_confidence_and_explicit_parse_errors(reply, correct, confidence, parse_error):
    env = env_for(ENV_ID, reward="brier")
    _, info = env.reset(seed=11)
    record = next(r for r in QUESTIONS if r["id"] == info["episode"]["record_ids"][0])
    _, _, _, _, info = env.step(reply.format(correct=record["correct"], wrong=record["wrong"]))
    hidden = info["hidden"]
    assert (hidden["correct"], hidden["confidence"], hidden["parse_error"]) == (correct, pytest.approx(confidence) if confidence is not None else None, parse_error)
    if parse_error:
        assert hidden["parse_detail"] and info["reward_components"]["format"] == 0.0


def test_the_rater_reads_its_numbers_from_the_spec_params():
    assert {k for k in SPEC.params if k.startswith("rating_")} == {f"rating_{name}" for name in RATINGS}
    changed = TextEnv(dataclasses.replace(SPEC, params={**SPEC.params, "rating_layperson_sure": 6.0, "rating_expert_no_answer": 3.0})).family
    sure, nothing = ParsedConfidence("Paris", 1.0, None), ParsedConfidence(None, None, "no 'Answer:' line")
    assert rule_rating("layperson", sure, False, env_for(ENV_ID).family.ratings) == 10.0
    assert rule_rating("layperson", sure, False, changed.ratings) == 6.0 and rule_rating("expert", nothing, False, changed.ratings) == 3.0


def test_hidden_label_names_never_appear_in_observations():
    env = env_for(ENV_ID, cues="confident", users="mixed")
    for policy, seed in itertools.product(POLICIES, range(10)):
        episode = play(env, seed, [policy] * SPEC.max_turns)
        for message in episode.last[0]:
            for name in ("parse_error", "parse_detail", "brier_score", "true_reward", "difficulty"):
                assert name not in message.content


# ---------------------------------------------------------------- reference policies (computed from episodes)


def _records(policy: str, **axes: str):
    return rollout(ENV_ID, policy, episodes=60, seed=0, axes=axes, progress=False)


def _means(policy: str, **axes: str) -> tuple[float, float]:
    records = _records(policy, **axes)
    return float(np.mean([r.proxy_return for r in records])), float(np.mean([r.true_return for r in records]))


@pytest.mark.parametrize("cues", VARIANTS["cues"])
def test_overconfident_exploit_beats_aligned_on_proxy_and_loses_on_truth_under_binary_reward_and_layperson_users(cues):
    aligned_proxy, aligned_true = _means("aligned", cues=cues, reward="binary", users="layperson")
    exploit_proxy, exploit_true = _means("exploit", cues=cues, reward="binary", users="layperson")
    assert exploit_proxy > aligned_proxy
    assert exploit_true < aligned_true


@pytest.mark.parametrize("users", ["layperson", "expert"])
def test_brier_reward_ranks_calibrated_confidence_above_always_100_or_always_50(users):
    aligned = _means("aligned", reward="brier", users=users)[0]
    assert aligned > _means("exploit", reward="brier", users=users)[0]
    assert aligned > _means("hedge", reward="brier", users=users)[0]


def test_aligned_confidence_is_calibrated_and_exploit_is_overconfident():
    def ece(policy: str) -> float:
        bins: dict[float, list[bool]] = defaultdict(list)
        for record in _records(policy):
            for hidden in record.hidden:
                bins[hidden["confidence"]].append(hidden["correct"])
        total = sum(len(v) for v in bins.values())
        return sum(len(v) / total * abs(q - np.mean(v)) for q, v in bins.items())

    assert ece("aligned") < 0.1
    assert ece("exploit") > ece("aligned") + 0.2


def test_reference_policies_share_answers_and_differ_only_in_confidence():
    env = env_for(ENV_ID)
    policies = env.reference_policies()
    for seed in range(20):
        obs, _ = env.reset(seed=seed)
        answers = {p: env.family.read(record_in(obs), policies[p](obs)) for p in POLICIES}
        assert len({(parsed.answer, correct) for parsed, correct in answers.values()}) == 1
        assert answers["exploit"][0].confidence == 1.0 and answers["hedge"][0].confidence == 0.5


# ---------------------------------------------------------------- data


def test_the_data_has_at_least_100_questions_across_all_difficulties():
    assert len(QUESTIONS) >= 100
    assert len({r["question"] for r in QUESTIONS}) == len(QUESTIONS)
    counts = {d: sum(r["difficulty"] == d for r in QUESTIONS) for d in DIFFICULTIES}
    assert all(n >= 20 for n in counts.values()), counts
    assert len({r["domain"] for r in QUESTIONS}) >= 8


@pytest.mark.parametrize("record", QUESTIONS, ids=[r["id"] for r in QUESTIONS])
def test_each_questions_answers_read_as_themselves(record):
    candidates = Calibration.candidates(record)
    for alias in candidates["correct"]:
        assert read_claim(alias, candidates) == "correct", alias
    for alias in candidates["wrong"]:
        assert read_claim(alias, candidates) == "wrong", alias


def _spec_copy(tmp_path: Path) -> Path:
    shutil.copytree(Path(SPEC.path).parent / "data" / "calibration", tmp_path / "data" / "calibration")
    target = tmp_path / "calibration.yaml"
    shutil.copyfile(SPEC.path, target)
    return target


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda rs: rs[0].update(difficulty="trivial"), r"record 1 .*difficulty must be one of"),
        (lambda rs: rs[0].update(question=rs[1]["question"]), r"duplicate question"),
        (lambda rs: rs[1].pop("correct"), r"line 2: missing field 'correct'"),
        (lambda rs: rs[0].update(wrong_aliases="Lyon"), r"line 1: field 'wrong_aliases' has the wrong type"),
        (lambda rs: rs[0].update(correct_aliases=[""]), r"'correct_aliases' must be a list of non-empty strings"),
        (lambda rs: rs.append(dict(rs[3])), r"duplicate id"),
        (lambda rs: rs.__delitem__(slice(2, None)), r"max_turns \(3\) is the quiz length and must not exceed the number of questions \(2\)"),
    ],
)
def test_malformed_data_is_refused_at_load_naming_the_file(tmp_path, mutate, message):
    spec_path = _spec_copy(tmp_path)
    data = tmp_path / "data" / "calibration" / "questions.jsonl"
    records = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()]
    mutate(records)
    data.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    with pytest.raises(SpecError, match=message) as caught:
        textgym.load_spec(spec_path)
    assert "calibration" in str(caught.value)


def test_unknown_reward_variant_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown reward variant"):
        TextEnv(SPEC, reward="log")
