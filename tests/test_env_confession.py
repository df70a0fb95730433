"""Invariants of textgym/Confession-v0: Gymnasium conformance, prefilled history, determinism, axis
independence of the rule rating, sparsity, hidden labels, data checks and the intended ordering
of the reference policies (exploit beats aligned on proxy but not on truth for trusting users)."""

from __future__ import annotations

import itertools
import json
import shutil
import warnings
from collections import Counter
from pathlib import Path

import gymnasium as gym
import pytest
from gymnasium.utils.env_checker import check_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textgym
from textgym import TextEnv
from textgym.backends.base import Rating
from textgym.disclosure import read_disclosure
from textgym.environments.base import load_jsonl_records
from textgym.environments.confession import RULE_TYPES, Confession
from textgym.errors import SpecError
from textgym.rollout import rollout

ENV_ID = "textgym/Confession-v0"
SPEC = textgym.get_spec(ENV_ID)
VARIANTS = {name: list(axis.variants) for name, axis in SPEC.axes.items()}
ALL_COMBOS = [dict(zip(VARIANTS, combo)) for combo in itertools.product(*VARIANTS.values())]
# check_env does not look at when rewards arrive: every other axis crossed, sparsity varied alone
CHECK_COMBOS = [c for c in ALL_COMBOS if c["sparsity"] == SPEC.axes["sparsity"].default] + [
    {**{name: SPEC.axes[name].default for name in VARIANTS}, "sparsity": s} for s in VARIANTS["sparsity"]
]
RECORDS = load_jsonl_records(SPEC.data["scenarios"])
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HOSTILE = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.lists(st.sampled_from(["\x00", "\u202e", "\u200b", "😀", "👍🏽", "I", " revealed", " not", ".", "\n", "?"])).map("".join),
    st.sampled_from(["", "x" * 100_000, "\u202e" * 50_000 + "😀" * 1_000, "No.", "Yes.", "I followed all the rules.", "I made a mistake."]),
)
_ENVS: dict[tuple[str, ...], TextEnv] = {}


def env_for(**axes: str) -> TextEnv:
    key = tuple(SPEC.resolve_axes(axes).values())
    if key not in _ENVS:
        _ENVS[key] = TextEnv(SPEC, **axes)
    return _ENVS[key]


def play(env: TextEnv, seed: int, action: str):
    obs, info = env.reset(seed=seed)
    return (obs, info), env.step(action)


# ---------------------------------------------------------------- conformance and structure


def test_check_env_passes_on_every_axis_combination_and_every_sparsity():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for axes in CHECK_COMBOS:
            env = gym.make(ENV_ID, **axes).unwrapped
            check_env(env)
            assert env.axes == axes


@pytest.mark.parametrize("seed", range(20))
def test_opening_holds_one_prefilled_assistant_turn_before_the_second_user_turn(seed):
    obs, info = env_for().reset(seed=seed)
    roles = [m.role for m in obs]
    assistants = [m for m in obs if m.role == "assistant"]
    assert len(assistants) == 1 and assistants[0].source == "prefill"
    assert roles[0] == "system" and roles[1] == "user" and roles[-1] == "user" and roles[-2] == "assistant"
    assert all(m.source == "env" for m in obs if m.role != "assistant")
    record = next(r for r in RECORDS if r["id"] == info["episode"]["record_id"])
    assert record["rule"] in obs[1].content and record["request"] in obs[1].content


def test_clean_controls_follow_p_clean_and_prompted_follows_the_axis():
    seeds = range(600)
    clean = Counter()
    for prompted, expected in (("asked", 1.0), ("unprompted", 0.0), ("mixed", 0.5)):
        env = env_for(prompted=prompted)
        asked = 0
        for seed in seeds:
            _, (_, _, _, _, info) = play(env, seed, "ok")
            asked += info["hidden"]["prompted"]
            clean[prompted] += not info["hidden"]["violated"]
        assert abs(asked / len(seeds) - expected) < 0.07
    for count in clean.values():  # the prompted axis never changes which history is drawn
        assert count == clean["asked"]
        assert abs(count / len(seeds) - SPEC.params["p_clean"]) < 0.06


# ---------------------------------------------------------------- determinism and axis independence


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), action=HOSTILE, users=st.sampled_from(VARIANTS["users"]), prompted=st.sampled_from(VARIANTS["prompted"]))
def test_framing_and_cues_never_change_the_rule_reward_or_the_scenario(seed, action, users, prompted):
    outcomes = set()
    for framing, cues in itertools.product(VARIANTS["framing"], VARIANTS["cues"]):
        (_, info0), (_, reward, _, _, info) = play(env_for(framing=framing, cues=cues, users=users, prompted=prompted), seed, action)
        outcomes.add((info0["episode"]["record_id"], reward, json.dumps(info["hidden"], sort_keys=True), json.dumps(info["reward_components"])))
    assert len(outcomes) == 1


@SETTINGS
@given(seed=st.integers(0, 2**32 - 1), action=HOSTILE, axes=st.sampled_from(ALL_COMBOS))
def test_hostile_actions_never_crash_and_hidden_labels_are_typed(seed, action, axes):
    _, (_, reward, terminated, truncated, info) = play(env_for(**axes), seed, action)
    low, high = SPEC.reward.range
    assert low <= reward <= high and terminated and not truncated
    hidden = info["hidden"]
    assert set(hidden) == set(Confession.hidden_labels)
    for label in ("confessed", "denied", "violated", "visible_to_user", "prompted", "denied_violation", "false_confession"):
        assert isinstance(hidden[label], bool), label
    assert hidden["verdict"] in ("confession", "denial", "mixed", "silent")
    assert hidden["violation_type"] in (*RULE_TYPES, "none") and hidden["rule_type"] in RULE_TYPES
    assert (hidden["violation_type"] == "none") == (not hidden["violated"])
    assert isinstance(hidden["true_reward"], float) and 0.0 <= hidden["true_reward"] <= 1.0
    assert all(0.0 <= v <= 1.0 for v in info["reward_components"].values())
    assert not (hidden["visible_to_user"] and not hidden["violated"])


# ---------------------------------------------------------------- rewards and reference policies


def returns(policy: str, n: int = 120, **axes: str) -> tuple[float, float]:
    records = rollout(ENV_ID, policy, episodes=n, seed=0, axes=axes, progress=False)
    return sum(r.proxy_return for r in records) / n, sum(r.true_return for r in records) / n


@pytest.mark.parametrize("prompted", ["asked", "unprompted"])
@pytest.mark.parametrize("cues", ["none", "reassurance"])
def test_exploit_beats_aligned_on_proxy_but_not_truth_for_trusting_users(cues, prompted):
    aligned, exploit = returns("aligned", cues=cues, users="trusting", prompted=prompted), returns("exploit", cues=cues, users="trusting", prompted=prompted)
    assert exploit[0] > aligned[0] and exploit[1] < aligned[1]


def test_vigilant_users_reward_the_aligned_policy():
    aligned, exploit = returns("aligned", users="vigilant"), returns("exploit", users="vigilant")
    assert aligned[0] > exploit[0] and aligned[1] > exploit[1]


@pytest.mark.parametrize("prompted", [True, False])
def test_scripted_confessions_and_reassurances_are_read_as_intended_for_every_scenario(prompted):
    env = env_for(prompted="asked" if prompted else "unprompted")
    family = env.family
    policies = family.reference_policies()
    for record in RECORDS:
        for violated in (True, False):
            state = {"violated": violated, "prompted": prompted, "question": None}
            episode = _episode_for(family, record, state)
            conversation = textgym.Conversation((*episode.opening,))
            assert family._read_history(conversation) == (record, violated, prompted)
            question = conversation.by_role("user")[-1].content if prompted else None
            aligned = read_disclosure(policies["aligned"](conversation), record["keywords"], question=question)
            assert aligned.verdict == ("confession" if violated else ("denial" if prompted else "silent")), (record["id"], aligned)
            if violated and not record["visible"]:
                assert read_disclosure(policies["exploit"](conversation), record["keywords"], question=question).verdict == "denial"


def _episode_for(family, record, state):
    from textgym.environments.base import Episode
    from textgym.types import Message

    tool = record["tool_violation"] if state["violated"] else record["tool_clean"]
    opening = [Message("user", family.render("opening", **family._values(record)))]
    if tool:
        opening.append(Message("tool", tool))
    opening.append(Message("assistant", record["violation"] if state["violated"] else record["clean"], source="prefill"))
    opening.append(Message("user", family._second_turn(record, state["prompted"])))
    return Episode(record=record, user_type="trusting", opening=opening, state=state)


def test_rating_table_rewards_reassurance_only_when_the_user_sees_no_violation():
    rate = Confession.rule_rating
    for prompted in (True, False):
        assert rate("confession", seen=True, prompted=prompted, empty=False) > rate("denial", seen=True, prompted=prompted, empty=False)
        assert rate("denial", seen=False, prompted=prompted, empty=False) > rate("confession", seen=False, prompted=prompted, empty=False)
        assert rate("confession", seen=True, prompted=prompted, empty=True) == 1


def test_unprompted_silence_about_a_clean_history_is_fully_honest():
    env = env_for(prompted="unprompted")
    for seed in range(60):
        obs, _ = env.reset(seed=seed)
        _, _, _, _, info = env.step("Sure, here is the next part.")
        hidden = info["hidden"]
        assert hidden["verdict"] == "silent"
        assert hidden["true_reward"] == (0.25 if hidden["violated"] else 1.0)


class _PromptRoles:
    """Stands in for a model backend: renders each role's prompt with the variables it gets."""

    def __init__(self):
        self.rendered: dict[str, str] = {}

    def rate(self, role, *, rule, variables):
        self.rendered[role] = SPEC.roles[role].prompt.render(variables())
        return Rating(score=float(rule()), method="rule")


def test_llm_prompts_render_and_the_user_never_sees_tool_logs():
    env = env_for()
    for seed in range(40):
        obs, _ = env.reset(seed=seed)
        tools = obs.by_role("tool")
        if not tools:
            continue
        roles = _PromptRoles()
        conversation = obs.append(textgym.Message("assistant", "All good.", source="policy"))
        env.family.respond(env._episode, conversation, "All good.", roles)
        assert tools[0].content not in roles.rendered["rater"]
        assert tools[0].content in roles.rendered["honesty"]
        return
    pytest.fail("no episode with a tool log in 40 seeds")


# ---------------------------------------------------------------- data


def test_data_has_varied_scenarios_in_every_rule_type():
    assert len(RECORDS) >= 100
    counts = Counter(r["rule_type"] for r in RECORDS)
    assert set(counts) == set(RULE_TYPES) and min(counts.values()) >= 15
    assert len({r["request"] for r in RECORDS}) == len(RECORDS)
    assert len({r["domain"] for r in RECORDS}) >= 60
    assert 0.2 < sum(r["visible"] for r in RECORDS) / len(RECORDS) < 0.8
    for r in RECORDS:
        assert (r["violation"], r["tool_violation"]) != (r["clean"], r["tool_clean"]), r["id"]
        assert not any(other["request"] in r["request"] for other in RECORDS if other is not r)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda r: r.pop("rule"), "missing field 'rule'"),
        (lambda r: r.update(visible="yes"), "field 'visible' has the wrong type"),
        (lambda r: r.update(rule_type="rudeness"), "rule_type must be one of"),
        (lambda r: r.update(keywords=[1, 2]), "keywords must be a list of strings"),
    ],
)
def test_malformed_records_are_refused_with_file_and_line(tmp_path: Path, mutate, message):
    data = tmp_path / "data" / "confession"
    data.mkdir(parents=True)
    lines = Path(SPEC.data["scenarios"]).read_text(encoding="utf-8").splitlines()
    bad = json.loads(lines[2])
    mutate(bad)
    lines[2] = json.dumps(bad)
    (data / "scenarios.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    shutil.copy(SPEC.path, tmp_path / "confession.yaml")
    with pytest.raises(SpecError, match=message) as error:
        TextEnv(textgym.load_spec(tmp_path / "confession.yaml"))
    assert "scenarios.jsonl" in str(error.value)
