"""`textgym import`: sycophancy-eval and TMD data become specs that load, check and reach every row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import textgym
from textgym.cli import main
from textgym.commands.eval import gaming_metrics
from textgym.importers import ImportError_, run_import
from textgym.rollout import rollout

FIXTURES = Path(__file__).parent / "fixtures"
SYC = FIXTURES / "sycophancy_eval"
TMD = FIXTURES / "tmd"
TMD_SOURCES = [TMD / "gameable" / "vuln_skipping-class.json", TMD / "non_gameable" / "normal_skipping-class.json", TMD / "master_config.yaml"]


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_sycophancy_eval_answer_every_template_is_a_variant_and_every_row_is_reached(tmp_path):
    spec_path = run_import("sycophancy-eval", [SYC / "answer.jsonl"], tmp_path)
    spec = textgym.load_spec(spec_path)
    family = spec.family_class()
    assert set(family.user_types) == {"no_belief", "suggests_wrong", "suggests_correct", "doubts_correct"}
    assert {name: family.config.user_types[i].gameable for i, name in enumerate(family.user_types)} == {
        "no_belief": False, "suggests_wrong": True, "suggests_correct": False, "doubts_correct": True}
    records = rollout(spec_path, "exploit", records="all", seed=0, progress=False)
    assert len(records) == len(_rows(SYC / "answer.jsonl")) == len({r.episode["record"] for r in records})
    # the user's text is the row's own prompt, including "I think the answer is {correct_answer}"
    firsts = {r.conversation[1].content for r in records}
    assert {row["prompt"][0]["content"] for row in _rows(SYC / "answer.jsonl")} == firsts
    by_type = {}
    for r in records:
        by_type.setdefault(r.user_type, []).append(r.hidden[0]["agrees_wrong"])
    assert by_type["suggests_wrong"] == [True] * 3 and by_type["suggests_correct"] == [False] * 3


def test_sycophancy_eval_answer_runs_offline_with_the_rule_backend_from_the_cli(tmp_path, capsys):
    spec_path = run_import("sycophancy-eval", [SYC / "answer.jsonl"], tmp_path / "env")
    assert main(["check", str(spec_path)]) == 0
    out = tmp_path / "episodes.jsonl"
    assert main(["run", str(spec_path), "--policy", "aligned", "--each-record", "--quiet", "--out", str(out)]) == 0
    episodes = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(episodes) == 12 and all(e["rating_methods"] == ["rule"] for e in episodes)
    assert all(e["true_return"] == 1.0 for e in episodes)


@pytest.mark.parametrize(("schema", "types", "turns"), [("feedback", {"neutral", "likes", "wrote"}, 1), ("are_you_sure", {"no_belief"}, 2)])
def test_sycophancy_eval_feedback_and_are_you_sure_import_and_run(tmp_path, schema, types, turns):
    spec_path = run_import("sycophancy-eval", [SYC / f"{schema}.jsonl"], tmp_path)
    assert set(textgym.load_spec(spec_path).family_class().user_types) == types
    records = rollout(spec_path, "exploit", records="all", seed=0, progress=False)
    assert len(records) == len(_rows(SYC / f"{schema}.jsonl")) and all(len(r.rewards) == turns for r in records)


def test_a_file_mixing_schemas_or_a_bad_row_is_refused_naming_it(tmp_path):
    with pytest.raises(ImportError_, match="mix schemas"):
        run_import("sycophancy-eval", [SYC / "answer.jsonl", SYC / "feedback.jsonl"], tmp_path)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"prompt": "hi"}\n')
    with pytest.raises(ImportError_, match="bad.jsonl: line 1: expected"):
        run_import("sycophancy-eval", [bad], tmp_path / "out")
    assert main(["import", "tmd", str(TMD / "gameable"), str(TMD / "master_config.yaml"), "--out", str(tmp_path / "t")]) == 2


def test_tmd_pair_imports_with_user_types_judges_and_prompts(tmp_path):
    spec_path = run_import("tmd", TMD_SOURCES, tmp_path)
    spec = textgym.load_spec(spec_path)
    family = spec.family_class()
    assert family.user_types == ("gameable", "non_gameable")
    assert set(spec.roles) == {"rater", "judge_acc", "judge_hex", "user"}
    assert "{pm_prompt}" in spec.roles["rater"].prompt.text and "{transcript}" in spec.roles["judge_hex"].prompt.text
    assert "Sam" in spec.roles["user"].prompt.text  # possible_env_vars: the first value
    records = rollout(spec_path, "exploit", records="all", seed=0, progress=False)
    assert sorted(r.user_type for r in records) == ["gameable"] * 3 + ["non_gameable"] * 2
    metrics = gaming_metrics(records)
    assert metrics["HEX"][0] > 0.5 and metrics["NG_HEX"][0] == 0.0 and metrics["HMS"][0] > 0.5
    three_turn = next(r for r in records if r.episode["record"].endswith("13"))
    assert [m.source for m in three_turn.conversation][:4] == ["env", "env", "prefill", "env"]


def test_tmd_pair_runs_each_record_with_a_model_rater(tmp_path):
    spec_path = run_import("tmd", TMD_SOURCES, tmp_path)
    records = rollout(spec_path, "aligned", records="all", seed=0, progress=False, backends={"rater": "hf:tiny", "judge_hex": "hf:tiny"})
    assert len(records) == 5
    assert all(r.rating_methods[0] != "rule" for r in records)
    assert all(1.0 <= r.hidden[0]["hex_score"] <= 10.0 for r in records)


def test_tmd_simulated_user_speaks_through_a_model_backend_and_the_rule_backend_ends_after_one_turn(tmp_path):
    from textgym.backends.base import Rating
    from textgym.plugins import register_backend

    spec_path = run_import("tmd", TMD_SOURCES, tmp_path)
    offline = rollout(spec_path, "aligned", records="all", seed=0, progress=False)
    assert {len(r.rewards) for r in offline} == {1}
    prompts = []

    class ScriptedUser:
        name = "scripted-user"

        def generate(self, chats, **options):
            prompts.extend(chat[-1]["content"] for chat in chats)
            return ["But I really want to skip. Are you sure?" for _ in chats]

        def rate(self, requests):
            return [Rating(5.0, "scripted") for _ in requests]

    register_backend("scripted-user", ScriptedUser())
    env = textgym.make(spec_path, backends={"user": "scripted-user"})
    obs, _ = env.reset(options={"record": 0})
    obs, _, done, _, _ = env.step("How are you feeling about it?")
    assert not done and obs[-1].role == "user" and obs[-1].content == "But I really want to skip. Are you sure?"
    assert "second-year student" in prompts[0] and "Sam" in prompts[0]  # the persona (char_prompt, user_name)
    assert "Assistant: How are you feeling about it?" in prompts[0]  # and the conversation so far
    assert env.step("I hear you.")[2] is False and env.step("Take care.")[2] is True  # max_turns: 3


def test_eval_reports_acc_hex_and_hms(tmp_path, capsys):
    spec_path = run_import("tmd", TMD_SOURCES, tmp_path)
    assert main(["eval", "--env", str(spec_path), "--policy", "exploit", "--each-record", "--quiet"]) == 0
    text = capsys.readouterr().out
    assert "ACC (non-gameable)" in text and "HEX (gameable)" in text and "HMS" in text


@pytest.mark.slow
def test_tmd_pair_with_real_ratings_from_the_embedded_model(tmp_path):
    spec_path = run_import("tmd", TMD_SOURCES, tmp_path)
    ratings = {}
    for policy in ("aligned", "exploit"):
        records = rollout(spec_path, policy, records="all", seed=0, progress=False, axes={"users": "gameable"}, backends={"rater": "hf:default"})
        ratings[policy] = [r.rewards[0] for r in records]
        assert all(0.0 <= x <= 1.0 for x in ratings[policy]) and all(r.rating_methods[0] != "rule" for r in records)
    assert len(set(ratings["aligned"] + ratings["exploit"])) > 1  # the model's ratings depend on the text
