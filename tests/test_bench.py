"""`textgym bench`: figures are measured (not constants) and the report states each goal."""

from __future__ import annotations

import json

from textgym.bench import GOALS, run_benchmarks, write_results
from textgym.cli import main


def test_env_benchmark_measures_both_environments_and_their_ratio():
    results = run_benchmarks(["env"], quick=True, progress=False)
    assert results["textgym_steps_per_s"] > 0 and results["bare_steps_per_s"] > 0
    assert results["env_overhead_ratio"] == results["textgym_steps_per_s"] / results["bare_steps_per_s"]
    assert results["machine"]["cores"] >= 1


def test_results_report_marks_unmet_goals(tmp_path):
    results = {"quick": True, "machine": {"cpu": "x", "cores": 2}, "env_overhead_ratio": 0.4, "rollout_ratio": 0.95, "extra_s": 1.5}
    text = write_results(results, tmp_path / "results.md").read_text()
    assert "| `env_overhead_ratio` | 0.40 | >= 0.5 | **no** |" in text
    assert "| `rollout_ratio` | 0.95 | >= 0.9 | yes |" in text
    assert "`extra_s`" in text and "cores 2" in text
    assert set(GOALS) == {"env_overhead_ratio", "rollout_ratio", "rater_batching_speedup", "train_vs_trl_ratio"}


def test_cli_bench_json_prints_one_object(capsys):
    assert main(["bench", "env", "--quick", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "env_overhead_ratio" in data and data["quick"] is True


def test_cli_refuses_an_unknown_benchmark(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["bench", "gpu"])
