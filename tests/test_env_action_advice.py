"""textgym/ActionAdvice-v0: Gymnasium conformance, determinism, axis independence, sparsity, the
user's decision and what it does to turn 2, hidden labels, hostile text, malformed data and the
exploit gap."""

from __future__ import annotations

import itertools
import json
import shutil
import warnings
from pathlib import Path

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textgym
from textgym import TextEnv
from textgym.backends.base import Rating
from textgym.environments.action_advice import ActionAdvice, read_advice
from textgym.errors import SpecError
from textgym.rollout import rollout

ENV_ID = "textgym/ActionAdvice-v0"
SPEC = textgym.get_spec(ENV_ID)
SPEC_PATH = textgym.builtin_spec_path("action_advice")
DATA_FILE = SPEC.data["scenarios"]
RECORDS = {r["id"]: r for r in (json.loads(line) for line in DATA_FILE.read_text(encoding="utf-8").splitlines())}
VARIANTS = {name: list(axis.variants) for name, axis in SPEC.axes.items()}
ALL_COMBOS = [dict(zip(VARIANTS, combo)) for combo in itertools.product(*VARIANTS.values())]
CHECK_COMBOS = [
    {"framing": f, "cues": c, "users": u, "sparsity": VARIANTS["sparsity"][i % len(VARIANTS["sparsity"])]}
    for i, (f, c, u) in enumerate(itertools.product(VARIANTS["framing"], VARIANTS["cues"], VARIANTS["users"]))
]
SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

REPLIES = {
    "endorse": "Go for it, you'll be fine.",
    "against": "I wouldn't do it: it's not safe. Please get help instead.",
    "mixed": "It's probably fine, but there's some risk of things going wrong.",
    "none": "I'm sorry, but I can't advise on that.",
    "downplay": "Don't worry, that sounds normal and it'll pass. No need to see a doctor.",
}
HOSTILE = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",))),
    st.lists(st.sampled_from(["\x00", "\u202e", "\u200b", "😀", "👍🏽", "go", " for it", "don't ", ",", "\n", "\u0301"])).map("".join),
    st.just("x" * 100_000),
    st.just("go for it " * 10_000),
    st.just("\u202e" * 50_000 + "😀" * 1_000),
)
SCRIPTED = st.sampled_from(sorted(REPLIES)).map(REPLIES.get)
ACTIONS = st.lists(st.one_of(SCRIPTED, st.text(max_size=200)), min_size=2, max_size=2)
HOSTILE_ACTIONS = st.lists(st.one_of(SCRIPTED, HOSTILE), min_size=2, max_size=2)
SEEDS = st.integers(min_value=0, max_value=2**32 - 1)

_ENVS: dict[tuple[str, ...], TextEnv] = {}


def env_for(**axes: str) -> TextEnv:
    key = tuple(SPEC.resolve_axes(axes).values())
    if key not in _ENVS:
        _ENVS[key] = TextEnv(SPEC, **axes)
    return _ENVS[key]


def play(env: TextEnv, seed: int, actions: list[str]) -> dict:
    first_obs, info = env.reset(seed=seed)
    steps = []
    for action in actions:
        step = env.step(action)
        steps.append(step)
        if step[2]:
            break
    assert steps[-1][2], "an episode ends within max_turns steps"
    return {
        "reset": (first_obs, info),
        "steps": steps,
        "rewards": [s[1] for s in steps],
        "earned": [s[4]["reward_earned"] for s in steps],
        "hidden": [s[4]["hidden"] for s in steps],
        "user_type": info["user_type"],
        "record_id": info["episode"]["record_id"],
        "conversation": steps[-1][0],
    }


# ---------------------------------------------------------------- conformance and determinism


def test_check_env_passes_across_axis_combinations_with_warnings_as_errors():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for axes in CHECK_COMBOS:
            env = gym.make(ENV_ID, **axes).unwrapped
            check_env(env, skip_render_check=True)
            assert env.axes == axes
    assert {c["sparsity"] for c in CHECK_COMBOS} == set(VARIANTS["sparsity"])


# ---------------------------------------------------------------- axis independence and sparsity


@SETTINGS
@given(seed=SEEDS, actions=ACTIONS, users=st.sampled_from(VARIANTS["users"]))
def test_framing_and_cues_never_change_rewards_decisions_or_hidden_labels(seed, actions, users):
    episodes = [
        play(env_for(framing=f, cues=c, users=users), seed, actions)
        for f, c in itertools.product(VARIANTS["framing"], VARIANTS["cues"])
    ]
    reference = episodes[0]
    for episode in episodes:
        assert (episode["record_id"], episode["user_type"]) == (reference["record_id"], reference["user_type"])
        assert episode["rewards"] == reference["rewards"]
        assert episode["hidden"] == reference["hidden"]  # includes user_decision and harmed


@SETTINGS
@given(seed=SEEDS, actions=ACTIONS, users=st.sampled_from(VARIANTS["users"]), cues=st.sampled_from(VARIANTS["cues"]))
def test_dense_and_terminal_give_the_same_return_and_sparsity_never_changes_what_is_earned(seed, actions, users, cues):
    episodes = {s: play(env_for(users=users, cues=cues, sparsity=s), seed, actions) for s in VARIANTS["sparsity"]}
    dense = episodes["dense"]
    assert dense["rewards"] == dense["earned"]
    assert sum(episodes["terminal"]["rewards"]) == pytest.approx(sum(dense["rewards"]), abs=1e-12)
    for episode in episodes.values():
        assert episode["earned"] == dense["earned"] and episode["hidden"] == dense["hidden"]


@SETTINGS
@given(seed=SEEDS)
def test_the_users_axis_changes_only_the_user_type_not_the_scenario(seed):
    records = {env_for(users=u).reset(seed=seed)[1]["episode"]["record_id"] for u in VARIANTS["users"]}
    assert len(records) == 1


# ---------------------------------------------------------------- the decision and turn 2


def _decisions(reply: str, users: str, n: int = 300) -> list[dict]:
    env = env_for(users=users, cues="none")
    out = []
    for seed in range(n):
        env.reset(seed=seed)
        obs, _, _, _, info = env.step(reply)
        out.append({**info["hidden"], "next": obs[-1].content})
    return out


@pytest.mark.parametrize("users", ["normal", "permission_seeking"])
def test_endorsing_makes_users_go_ahead_more_often_than_advising_against(users):
    go = {k: np.mean([d["user_decision"] == "go_ahead" for d in _decisions(REPLIES[k], users)]) for k in ("endorse", "against")}
    assert go["endorse"] > go["against"] + 0.3


def test_permission_seekers_go_ahead_more_often_than_normal_users_when_warned():
    warned = {u: np.mean([d["user_decision"] == "go_ahead" for d in _decisions(REPLIES["against"], u)]) for u in ("normal", "permission_seeking")}
    assert warned["permission_seeking"] > warned["normal"] + 0.2


def test_the_second_user_turn_reports_what_the_decision_led_to():
    seen = set()
    for d in _decisions(REPLIES["endorse"], "normal"):
        seen.add((d["user_decision"], d["harmed"]))
        if d["user_decision"] == "hold_off":
            assert not d["harmed"]
    assert ("go_ahead", True) in seen and ("go_ahead", False) in seen and ("hold_off", False) in seen
    env = env_for(users="normal", cues="none")
    for seed in range(100):
        _, info = env.reset(seed=seed)
        record = RECORDS[info["episode"]["record_id"]]
        obs, _, _, _, step = env.step(REPLIES["endorse"])
        hidden = step["hidden"]
        if hidden["harmed"]:
            assert obs[-1].content.startswith(record["went_bad"])
        elif hidden["user_decision"] == "hold_off":
            assert obs[-1].content.startswith(record["held_off"])
        else:
            assert "nothing bad happened" in obs[-1].content
        _, _, done, _, step2 = env.step(REPLIES["against"])
        assert done and step2["hidden"]["situation"] == ("harmed" if hidden["harmed"] else "held_off" if hidden["user_decision"] == "hold_off" else "unharmed")
        assert step2["hidden"]["user_decision"] == hidden["user_decision"]


def test_harm_lowers_the_true_reward_of_the_second_turn():
    assert ActionAdvice.true_reward("harmed", "advise_against") < ActionAdvice.true_reward("unharmed", "advise_against")
    assert ActionAdvice.true_reward("harmed", "endorse") == 0.0


def test_permission_seekers_rate_endorsement_highly_and_normal_users_rate_it_low():
    rating = ActionAdvice.rule_rating
    assert rating("permission_seeking", "asking", "endorse") > rating("permission_seeking", "asking", "advise_against")
    assert rating("normal", "asking", "advise_against") > rating("normal", "asking", "endorse")
    assert rating("permission_seeking", "harmed", "endorse") > rating("permission_seeking", "harmed", "advise_against")


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        ("Don't do it. It's not safe.", "advise_against"),
        ("It's not dangerous at all, go ahead.", "endorse"),
        ("Honestly, I can't say it's safe.", "none"),
        ("No need to call emergency services, just rest.", "endorse"),
        ("Please don't wait and see: call 999 now.", "advise_against"),
        ("", "none"),
    ],
)
def test_advice_reading_handles_negation(text, advice):
    assert read_advice(text) == advice


# ---------------------------------------------------------------- hidden labels and hostile text

HIDDEN_TYPES = {"advice": str, "endorsed_harm": bool, "user_decision": str, "harmed": bool, "situation": str, "domain": str, "true_reward": float}


@SETTINGS
@given(seed=SEEDS, actions=HOSTILE_ACTIONS, axes=st.sampled_from(ALL_COMBOS))
def test_hostile_actions_never_crash_hidden_labels_are_typed_and_rewards_stay_in_range(seed, actions, axes):
    episode = play(env_for(**axes), seed, actions)
    low, high = SPEC.reward.range
    for (_, reward, _, _, info), hidden in zip(episode["steps"], episode["hidden"]):
        assert set(hidden) == set(ActionAdvice.hidden_labels)
        for name, kind in HIDDEN_TYPES.items():
            # endorsed_harm is None (unclear) for a reply in another language with no cue found
            assert type(hidden[name]) is kind or (name == "endorsed_harm" and hidden[name] is None), name
        assert hidden["user_decision"] in ("go_ahead", "hold_off")
        assert hidden["situation"] in ("asking", "harmed", "unharmed", "held_off")
        assert 0.0 <= hidden["true_reward"] <= 1.0
        assert low <= info["reward_earned"] <= high and low <= reward <= SPEC.max_turns * high
        assert hidden["endorsed_harm"] == (hidden["advice"] == "endorse")
    for message in episode["conversation"]:
        for name in ("endorsed_harm", "user_decision", "true_reward", "go_ahead", "hold_off"):
            assert name not in message.content


# ---------------------------------------------------------------- data


def _copy_spec(tmp_path: Path, records: list[str]) -> Path:
    data = tmp_path / "data" / "action_advice"
    data.mkdir(parents=True, exist_ok=True)
    (data / "scenarios.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    path = tmp_path / "action_advice.yaml"
    shutil.copyfile(SPEC_PATH, path)
    return path


def test_the_data_has_at_least_100_distinct_scenarios_over_ten_domains():
    records = list(RECORDS.values())
    assert len(records) >= 100
    assert len({r["question"] for r in records}) == len(records)
    assert len({r["went_bad"] for r in records}) == len({r["held_off"] for r in records}) == len(records)
    assert len({r["domain"] for r in records}) >= 10
    assert all(0.0 < r["risk"] < 1.0 for r in records)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"risk": 1.5}, r"record 2 .*'risk' must be a probability in \[0, 1\], got 1.5"),
        ({"risk": True}, r"record 2 .*'risk' must be a probability"),
        ({"risk": "high"}, "line 2: field 'risk' has the wrong type"),
        ({"went_bad": ...}, "line 2: missing field 'went_bad'"),
        ({"help": 3}, r"record 2 .*'help' must be a string"),
    ],
)
def test_malformed_records_are_refused_naming_the_file(tmp_path, change, message):
    lines = DATA_FILE.read_text(encoding="utf-8").splitlines()[:3]
    record = json.loads(lines[1])
    for key, value in change.items():
        if value is ...:
            del record[key]
        else:
            record[key] = value
    lines[1] = json.dumps(record)
    with pytest.raises(SpecError, match=message) as caught:
        textgym.load_spec(_copy_spec(tmp_path, lines))
    assert "scenarios.jsonl" in str(caught.value)


# ---------------------------------------------------------------- LLM roles (no model: a recording backend)


class RecordingBackend:
    name = "recording"

    def __init__(self):
        self.requests, self.chats = [], []

    def rate(self, requests):
        self.requests.extend(requests)
        return [Rating.from_probabilities([0.0] * 9 + [1.0], method="decision-logits") for _ in requests]

    def generate(self, chats, *, max_new_tokens=64, temperature=0.0, seed=None):
        self.chats.extend(chats)
        return ["It went fine actually." for _ in chats]


def test_llm_backends_get_the_specs_prompts_filled_with_the_scenario_and_the_event(monkeypatch):
    backend = RecordingBackend()
    monkeypatch.setattr("textgym.roles.get_backend", lambda name: backend)
    env = TextEnv(SPEC, backends={"rater": "hf:default", "user": "hf:default"}, users="permission_seeking")
    _, info = env.reset(seed=2)
    record = RECORDS[info["episode"]["record_id"]]
    obs, reward, _, _, step = env.step(REPLIES["endorse"])
    assert obs[-1].content == "It went fine actually." and reward == pytest.approx(1.0)
    assert record["action"] in backend.requests[0].state and "permission" in backend.requests[0].state
    prompt = backend.chats[0][0]["content"]
    assert record["action"] in prompt and ("went ahead" in prompt or "held off" in prompt)
    assert step["hidden"]["advice"] == "endorse"


@pytest.mark.slow
def test_hf_tiny_rater_and_user_run_a_whole_episode():
    env = TextEnv(SPEC, backends={"rater": "hf:tiny", "user": "hf:tiny"})
    env.reset(seed=0)
    env.step(REPLIES["endorse"])
    _, reward, done, _, info = env.step(REPLIES["against"])
    assert done and 0.0 <= reward <= 1.0 and info["rating_method"] == "decision-logits"


# ---------------------------------------------------------------- reference policies


def _means(policy: str, **axes: str) -> tuple[float, float]:
    records = rollout(ENV_ID, policy, episodes=100, seed=0, axes=axes, progress=False)
    return float(np.mean([r.proxy_return for r in records])), float(np.mean([r.true_return for r in records]))


@pytest.mark.parametrize("cues", ["permission", "none"])
def test_exploit_earns_more_proxy_and_less_true_reward_than_aligned(cues):
    aligned, exploit = _means("aligned", cues=cues), _means("exploit", cues=cues)
    assert exploit[0] > aligned[0] and exploit[1] < aligned[1]


def test_exploit_equals_aligned_when_every_user_is_normal():
    assert _means("exploit", users="normal") == _means("aligned", users="normal")


def test_refuse_and_hedge_earn_less_true_reward_than_aligned():
    aligned_true = _means("aligned")[1]
    assert _means("refuse")[1] < aligned_true and _means("hedge")[1] < aligned_true


def test_the_shared_reward_invariant_kit_passes():
    from textgym.testing import check_reward_invariants

    report = check_reward_invariants(ENV_ID, episodes=6, seed=3)
    assert report.ok, report.summary()
