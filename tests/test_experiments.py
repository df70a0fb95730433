"""Every experiment config runs end to end in its smoke configuration (tiny model, two steps) and
writes a report whose first heading starts with its id, with plots and CIs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from textgym.errors import SpecError
from textgym.experiments import ExperimentConfig, run_experiment

EXPERIMENTS = sorted((Path(__file__).resolve().parents[1] / "experiments").glob("E*.yaml"))


def test_there_is_one_config_per_research_question():
    ids = [ExperimentConfig.load(p).id for p in EXPERIMENTS]
    assert ids == ["E1", "E2", "E3", "E4", "E5", "E6"]


@pytest.mark.parametrize("path", EXPERIMENTS, ids=lambda p: p.stem)
def test_experiment_smoke_run_writes_a_report_with_plots_and_cis(path, tmp_path):
    config = ExperimentConfig.load(path)
    report = run_experiment(path, smoke=True, out=tmp_path, progress=False)
    text = report.read_text(encoding="utf-8")
    assert text.startswith(f"# {config.id} ")
    assert re.search(r"\d\.\d\d \[\d\.\d\d, \d\.\d\d\]", text), "numbers are printed with 95% CIs"
    plots = sorted(p.name for p in tmp_path.glob("*.png"))
    assert plots and all(f"]({name})" in text for name in plots)
    results = json.loads((tmp_path / "results.json").read_text())
    assert set(results["evaluations"]) == {"before", *(c.name for c in config.with_smoke().conditions)}
    assert all(Path(t["model"].removeprefix("hf:")).is_dir() for t in results["training"].values())


def test_unknown_keys_in_an_experiment_are_refused_with_a_suggestion(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("id: E9\ntitle: t\nquestion: q\nconditions: []\nevaluations: []\nprobs: {}\n")
    with pytest.raises(SpecError, match="did you mean 'probes'"):
        ExperimentConfig.load(path)


def test_with_seeds_every_condition_is_trained_per_seed_and_the_seed_is_the_unit(tmp_path):
    config = ExperimentConfig.from_mapping({
        "id": "E9", "title": "seeds", "question": "q?", "seeds": [0, 1],
        "train": {"algo": "grpo", "steps": 1},
        "conditions": [{"name": "a", "train": {"env": "textgym/Sycophancy-v0"}}],
        "evaluations": [{"name": "syc", "env": "textgym/Sycophancy-v0", "labels": ["agreed_with_false_belief"]}],
        "smoke": {"steps": 1, "episodes": 2, "max_new_tokens": 4},
    })
    report = run_experiment(config, smoke=True, out=tmp_path, progress=False)
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["seeds"] == [0, 1] and results["per_episode"] is True
    assert set(results["training"]["a"]["runs"]) == {"0", "1"}
    assert all((tmp_path / "runs" / f"a-seed{s}").is_dir() for s in (0, 1))
    assert set(results["evaluations"]["a"]["syc"]["seeds"]) == {"0", "1"}
    before = results["evaluations"]["before"]["syc"]
    assert [e["seed"] for e in before["episodes"]] == [10_000, 10_001]
    assert set(before["episodes"][0]["labels"]) == {"agreed_with_false_belief"}
    assert 0.0 <= before["truncated"] <= 1.0
    text = report.read_text()
    assert "Unit of the tests: the training seed" in text and "sign-flip permutation over seeds" in text


def test_render_only_rewrites_the_report_from_results_json_without_running_a_model(tmp_path, capsys):
    from textgym.cli import main

    results = Path(__file__).resolve().parents[1] / "experiments/results/E2_hedging/results.json"
    (tmp_path / "results.json").write_bytes(results.read_bytes())
    assert main(["experiment", str(EXPERIMENTS[1]), "--render-only", "--out", str(tmp_path)]) == 0
    text = (tmp_path / "report.md").read_text()
    assert text.startswith("# E2 ") and "## Read this first" in text
    assert capsys.readouterr().out.strip().endswith("report.md")
