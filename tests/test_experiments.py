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
