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
    assert set(GOALS) == {"env_overhead_ratio", "rollout_ratio", "rater_batching_speedup", "train_vs_trl_ratio", "async_rollout_ratio"}


def test_cli_bench_json_prints_one_object(capsys):
    assert main(["bench", "env", "--quick", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "env_overhead_ratio" in data and data["quick"] is True


def test_cli_refuses_an_unknown_benchmark(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["bench", "gpu"])


def _fast_textgym_side(monkeypatch):
    """The textgym half of the train benchmark without a model run (it is measured in test_trainers)."""
    import textgym.agents.grpo as grpo

    figures = {"tokens_per_s": 10.0, "step_s": 1.0, "tokens_per_step": 10.0, "gen_tokens_per_s": 5.0, "peak_rss_gb": 0.5}
    monkeypatch.setattr(grpo, "bench_train", lambda **kwargs: figures)


def test_bench_without_trl_skips_the_trl_ratio_with_its_install_command_and_keeps_the_rest(monkeypatch, tmp_path, capsys):
    import sys

    _fast_textgym_side(monkeypatch)
    monkeypatch.setitem(sys.modules, "trl", None)  # `import trl` fails as in an environment without the extra
    results = run_benchmarks(["train"], quick=True, progress=False)
    assert "train_vs_trl_ratio" not in results
    assert results["train_tokens_per_s"] == 10.0  # the textgym side still ran
    assert "pip install 'textgym[trl]'" in results["skipped"]["train_vs_trl_ratio"]
    err = capsys.readouterr().err
    assert "skipped train_vs_trl_ratio" in err and "textgym[trl]" in err
    text = write_results(results, tmp_path / "results.md").read_text()
    assert "| `train_vs_trl_ratio` | skipped |" in text and "## Skipped" in text


def test_cli_bench_exits_0_without_trl(monkeypatch, capsys):
    import sys

    _fast_textgym_side(monkeypatch)
    monkeypatch.setitem(sys.modules, "trl", None)
    assert main(["bench", "train", "--quick", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "textgym[trl]" in data["skipped"]["train_vs_trl_ratio"]


def test_a_benchmark_needing_a_missing_extra_is_skipped_whole_and_others_still_run(monkeypatch):
    import sys

    import textgym.bench as bench
    from textgym.bench.extras import require_extra

    def needs_ray():
        require_extra("ray")
        return {"ray_figure": 1.0}

    real = bench._benchmarks
    monkeypatch.setattr(bench, "_benchmarks", lambda quick: {**real(quick), "ray": needs_ray})
    monkeypatch.setitem(sys.modules, "ray", None)
    results = bench.run_benchmarks(["ray", "env"], quick=True, progress=False)
    assert results["skipped"] == {"ray": "needs ray, not installed: pip install 'textgym[distributed]'"}
    assert "ray_figure" not in results and results["env_overhead_ratio"] > 0


def test_an_import_error_inside_an_installed_extra_is_not_reported_as_missing(monkeypatch):
    import pytest

    from textgym.bench.extras import MissingExtra, require_extra

    def broken_import(name, *args):
        raise ModuleNotFoundError("No module named 'some_dependency'", name="some_dependency")

    monkeypatch.setattr("importlib.import_module", broken_import)
    with pytest.raises(ImportError) as raised:
        require_extra("trl")
    assert not isinstance(raised.value, MissingExtra)


def test_every_benchmark_can_be_chosen_from_the_command_line():
    from textgym.bench import _benchmarks
    from textgym.cli import build_parser

    bench = build_parser()._subparsers._group_actions[0].choices["bench"]
    what = next(a for a in bench._actions if a.dest == "what")
    assert set(what.choices) == {"all", *_benchmarks(quick=True)}
