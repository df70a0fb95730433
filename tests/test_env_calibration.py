"""Calibration-v0: Gymnasium conformance, determinism, axis independence, sparsity, parsing of the
answer + confidence format, hidden labels, data checks, and the reference policies' ordering and
calibration."""

from __future__ import annotations

import itertools
import json
import shutil
import warnings
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textgym
from textgym import TextEnv
from textgym.confidence import brier_reward, format_answer
from textgym.environments.answers import read_claim
from textgym.environments.base import load_jsonl_records
from textgym.environments.calibration import DIFFICULTIES, Calibration
from textgym.errors import SpecError
from textgym.rollout import rollout

ENV_ID = "textgym/Calibration-v0"
SPEC = textgym.get_spec(ENV_ID)
AXIS_NAMES = list(SPEC.axes)
VARIANTS = {name: list(axis.variants) for name, axis in SPEC.axes.items()}
ALL_COMBOS = [dict(zip(AXIS_NAMES, combo)) for combo in itertools.product(*VARIANTS.values())]
QUESTIONS = load_jsonl_records(SPEC.data["questions"])
BY_ID = {r["id"]: r for r in QUESTIONS}
POLICIES = ("aligned", "exploit", "hedge")

SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
HOSTILE_TEXT = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",))),
    st.lists(st.sampled_from(["Answer:", "Confidence:", "\x00", "\u202e", "\u200b", "😀", "%", "1", "0.5", "-", " ", "\n"])).map("".join),
    st.just("x" * 100_000),
    st.just("Answer: " + "\u202e" * 50_000 + "\nConfidence: " + "9" * 10_000),
)
SHORT_TEXT = st.one_of(st.text(max_size=200), HOSTILE_TEXT.filter(lambda t: len(t) <= 200))
# A scripted reply: the record's correct or wrong answer in the format at a confidence, or text.
REPLY = st.one_of(
    st.tuples(st.sampled_from(["correct", "wrong"]), st.floats(min_value=0.0, max_value=1.0)).map(lambda t: ("formatted", t)),
    st.sampled_from(POLICIES).map(lambda p: ("policy", p)),
    SHORT_TEXT.map(lambda t: ("text", t)),
)
REPLIES = st.lists(REPLY, min_size=SPEC.max_turns, max_size=SPEC.max_turns)

_ENVS: dict[tuple[str, ...], TextEnv] = {}


def env_for(**axes: str) -> TextEnv:
    key = tuple(SPEC.resolve_axes(axes).values())
    if key not in _ENVS:
        _ENVS[key] = TextEnv(SPEC, **axes)
    return _ENVS[key]


def run_episode(env: TextEnv, seed: int, replies) -> dict:
    obs, info = env.reset(seed=seed)
    episode = {"reset": (obs, info), "steps": [], "record_ids": info["episode"]["record_ids"], "user_type": info["user_type"]}
    policies = env.reference_policies()
    for turn, (kind, value) in enumerate(replies):
        if kind == "formatted":
            which, confidence = value
            action = format_answer(BY_ID[episode["record_ids"][turn]][which], confidence)
        elif kind == "policy":
            action = policies[value](obs)
        else:
            action = value
        obs, reward, terminated, truncated, info = env.step(action)
        episode["steps"].append((obs, reward, terminated, truncated, info))
        if terminated or truncated:
            break
    episode["rewards"] = [s[1] for s in episode["steps"]]
    episode["earned"] = [s[4]["reward_earned"] for s in episode["steps"]]
    episode["components"] = [s[4]["reward_components"] for s in episode["steps"]]
    episode["hidden"] = [s[4]["hidden"] for s in episode["steps"]]
    return episode


# ---------------------------------------------------------------- conformance and determinism


def test_check_env_passes_on_every_axis_combination_with_warnings_as_errors():
    assert len(ALL_COMBOS) == 4 * 3 * 3 * 5 * 2
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for axes in ALL_COMBOS:
            check_env(TextEnv(SPEC, **axes), skip_render_check=True)


def test_an_episode_is_a_quiz_of_distinct_questions_each_asking_for_the_format():
    env = env_for()
    for seed in range(30):
        obs, info = env.reset(seed=seed)
        ids = info["episode"]["record_ids"]
        assert len(ids) == len(set(ids)) == SPEC.max_turns
        done, turn = False, 0
        while not done:
            question = obs.by_role("user")[-1].content
            assert BY_ID[ids[turn]]["question"] in question
            assert "Answer:" in question and "Confidence:" in question
            obs, _, done, _, _ = env.step("Answer: x\nConfidence: 50%")
            turn += 1
        assert turn == SPEC.max_turns


# ---------------------------------------------------------------- axis independence and sparsity


@SETTINGS
@given(seed=SEEDS, replies=REPLIES, users=st.sampled_from(VARIANTS["users"]), reward=st.sampled_from(VARIANTS["reward"]))
def test_framing_and_cues_never_change_rewards_or_hidden_labels(seed, replies, users, reward):
    episodes = {
        (f, c): run_episode(env_for(framing=f, cues=c, users=users, reward=reward), seed, replies)
        for f, c in itertools.product(VARIANTS["framing"], VARIANTS["cues"])
    }
    reference = next(iter(episodes.values()))
    for episode in episodes.values():
        assert (episode["record_ids"], episode["user_type"]) == (reference["record_ids"], reference["user_type"])
        assert episode["rewards"] == reference["rewards"]
        assert episode["components"] == reference["components"]
        assert episode["hidden"] == reference["hidden"]
    assert len({e["reset"][0] for e in episodes.values()}) == len(episodes)


@SETTINGS
@given(seed=SEEDS, replies=REPLIES, users=st.sampled_from(VARIANTS["users"]))
def test_reward_axis_only_chooses_what_the_score_component_measures(seed, replies, users):
    binary = run_episode(env_for(users=users, reward="binary"), seed, replies)
    brier = run_episode(env_for(users=users, reward="brier"), seed, replies)
    assert binary["hidden"] == brier["hidden"]
    for b, r, hidden in zip(binary["components"], brier["components"], binary["hidden"]):
        assert {k: v for k, v in b.items() if k != "score"} == {k: v for k, v in r.items() if k != "score"}
        assert b["score"] == float(hidden["correct"])
        assert r["score"] == r["brier"] == pytest.approx(hidden["true_reward"])


@SETTINGS
@given(seed=SEEDS, replies=REPLIES, users=st.sampled_from(VARIANTS["users"]), reward=st.sampled_from(VARIANTS["reward"]))
def test_return_preserving_sparsity_gives_the_dense_return(seed, replies, users, reward):
    episodes = {s: run_episode(env_for(users=users, reward=reward, sparsity=s), seed, replies) for s in VARIANTS["sparsity"]}
    dense = episodes["dense"]
    assert dense["rewards"] == dense["earned"]
    for sparsity, episode in episodes.items():
        assert episode["earned"] == dense["earned"] and episode["hidden"] == dense["hidden"]
        if sparsity != "binary":
            assert sum(episode["rewards"]) == pytest.approx(sum(dense["rewards"]), abs=1e-12), sparsity
    threshold = SPEC.axes["sparsity"].variants["binary"].threshold
    assert episodes["binary"]["rewards"] == [0.0] * (len(dense["rewards"]) - 1) + [float(sum(dense["earned"]) >= threshold)]
    assert episodes["terminal"]["rewards"][:-1] == [0.0] * (len(dense["rewards"]) - 1)


def test_no_axis_changes_the_quiz_and_mixed_users_sample_both_types():
    for seed in range(5):
        quizzes = {tuple(env_for(**axes).reset(seed=seed)[1]["episode"]["record_ids"]) for axes in ALL_COMBOS[::7]}
        assert len(quizzes) == 1
    assert {env_for(users="mixed").reset(seed=s)[1]["user_type"] for s in range(40)} == {"layperson", "expert"}


# ---------------------------------------------------------------- hostile text, parsing, labels


@SETTINGS
@given(seed=SEEDS, texts=st.lists(HOSTILE_TEXT, min_size=3, max_size=3), axes=st.sampled_from(ALL_COMBOS))
def test_hostile_replies_never_crash_and_rewards_stay_in_the_declared_range(seed, texts, axes):
    episode = run_episode(env_for(**axes), seed, [("text", t) for t in texts])
    low, high = SPEC.reward.range
    for reward, components, hidden in zip(episode["rewards"], episode["components"], episode["hidden"]):
        assert all(low <= v <= high for v in components.values())
        assert 0.0 <= hidden["true_reward"] <= 1.0
        assert -1e-12 <= reward <= SPEC.max_turns * high + 1e-12


@SETTINGS
@given(seed=SEEDS, replies=REPLIES)
def test_hidden_labels_are_present_typed_and_consistent(seed, replies):
    episode = run_episode(env_for(users="mixed"), seed, replies)
    for turn, (hidden, components) in enumerate(zip(episode["hidden"], episode["components"])):
        assert set(hidden) == set(Calibration.hidden_labels)
        assert type(hidden["correct"]) is bool and type(hidden["parse_error"]) is bool
        assert type(hidden["parse_detail"]) is str and (hidden["parse_detail"] == "") is (not hidden["parse_error"])
        assert hidden["difficulty"] == BY_ID[episode["record_ids"][turn]]["difficulty"]
        confidence = hidden["confidence"]
        if confidence is None:
            assert hidden["parse_error"] and hidden["brier_score"] is None and hidden["true_reward"] == 0.0
        else:
            assert isinstance(confidence, float) and 0.0 <= confidence <= 1.0
            assert hidden["brier_score"] == pytest.approx((confidence - float(hidden["correct"])) ** 2)
            assert hidden["true_reward"] == pytest.approx((brier_reward(hidden["correct"], confidence) + 1) / 2)
        assert components["format"] == (0.0 if hidden["parse_error"] else 1.0)
        assert components["correct"] == float(hidden["correct"])


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
    ],
)
def test_replies_are_parsed_into_correctness_confidence_and_explicit_parse_errors(reply, correct, confidence, parse_error):
    env = env_for(reward="brier")
    _, info = env.reset(seed=11)
    record = BY_ID[info["episode"]["record_ids"][0]]
    _, _, _, _, info = env.step(reply.format(correct=record["correct"], wrong=record["wrong"]))
    hidden = info["hidden"]
    assert (hidden["correct"], hidden["confidence"], hidden["parse_error"]) == (correct, pytest.approx(confidence) if confidence is not None else None, parse_error)
    if parse_error:
        assert hidden["parse_detail"] and info["reward_components"]["format"] == 0.0


def test_hidden_label_names_never_appear_in_observations():
    env = env_for(cues="confident", users="mixed")
    for policy in POLICIES:
        act = env.reference_policies()[policy]
        for seed in range(10):
            obs, _ = env.reset(seed=seed)
            done = False
            while not done:
                for message in obs:
                    for name in ("parse_error", "parse_detail", "brier_score", "true_reward", "difficulty"):
                        assert name not in message.content
                obs, _, done, _, _ = env.step(act(obs))


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
    env = env_for()
    policies = env.reference_policies()
    for seed in range(20):
        obs, _ = env.reset(seed=seed)
        answers = {p: env.family.read(env.family.record_for(obs), policies[p](obs)) for p in POLICIES}
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


def _with_field(line: str, **changes) -> str:
    record = json.loads(line)
    for key, value in changes.items():
        if value is None:
            record.pop(key)
        else:
            record[key] = value
    return json.dumps(record)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda ls: [_with_field(ls[0], difficulty="trivial")] + ls[1:], r"record 1 .*difficulty must be one of"),
        (lambda ls: ls[:1] + [_with_field(ls[1], correct=None)] + ls[2:], r"line 2: missing field 'correct'"),
        (lambda ls: [_with_field(ls[0], wrong_aliases="Lyon")] + ls[1:], r"line 1: field 'wrong_aliases' has the wrong type"),
        (lambda ls: [_with_field(ls[0], correct_aliases=[""])] + ls[1:], r"'correct_aliases' must be a list of non-empty strings"),
        (lambda ls: ls + [ls[3]], r"duplicate id"),
        (lambda ls: ls[:2], r"max_turns \(3\) is the quiz length and must not exceed the number of questions \(2\)"),
    ],
)
def test_malformed_data_is_refused_at_load_naming_the_file(tmp_path, edit, message):
    spec_path = _spec_copy(tmp_path)
    data = tmp_path / "data" / "calibration" / "questions.jsonl"
    data.write_text("\n".join(edit(data.read_text(encoding="utf-8").splitlines())) + "\n", encoding="utf-8")
    with pytest.raises(SpecError, match=message) as caught:
        textgym.load_spec(spec_path)
    assert "calibration" in str(caught.value)


def test_unknown_reward_variant_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown reward variant"):
        TextEnv(SPEC, reward="log")
