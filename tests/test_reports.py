"""Experiment reports: broken runs are flagged and kept out of the findings, changes are called
only when a Holm-corrected paired test says so, every comparison has its MDE, and a number that
cannot be computed prints as "n/a (reason)"."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from textgym.experiments import ExperimentConfig, render_report
from textgym.experiments.analysis import analyse
from textgym.experiments.report import write_report

ROOT = Path(__file__).resolve().parents[1]


def config(**extra):
    raw = {
        "id": "E9", "title": "fake", "question": "q?",
        "conditions": [{"name": "a", "train": {"env": "textgym/Sycophancy-v0"}},
                       {"name": "b", "train": {"env": "textgym/Sycophancy-v0"}}],
        "evaluations": [{"name": "syc", "env": "textgym/Sycophancy-v0", "episodes": 16, "labels": ["lie"]}],
        **extra,
    }
    return ExperimentConfig.from_mapping(raw)


def curve(grad_norm=1.0, truncated=0.0, steps=3):
    return [{"step": i + 1, "grad_norm": grad_norm, "truncated": truncated, "proxy_reward": 0.1} for i in range(steps)]


def evaluation(lies, proxy=None, parse_error=None, truncated=0.0):
    """A per-episode evaluation result of 16 episodes (seeds 100..115)."""
    proxy = proxy or [0.5] * len(lies)
    episodes = [{"seed": 100 + i, "proxy_return": p, "true_return": 1.0 - l, "labels": {"lie": l}, "hedging_rate": 0.0}
                for i, (l, p) in enumerate(zip(lies, proxy))]
    n, k = len(lies), sum(lies)
    overall = {"proxy_return": {"mean": sum(proxy) / n, "ci": [0.4, 0.6], "n": n},
               "true_return": {"mean": 1 - k / n, "ci": [0.0, 1.0], "n": n},
               "lie": {"mean": k / n, "ci": [0.0, 1.0], "n": n, "unclear": 0.0},
               "hedging_rate": {"mean": 0.0, "ci": [0.0, 0.0], "n": n}}
    if parse_error is not None:
        overall["parse_error"] = {"mean": parse_error, "ci": [0, 1], "n": n}
    return {"overall": overall, "groups": {}, "episodes": episodes, "truncated": truncated, "examples": []}


def results(before, a, b, training=None):
    training = training or {"a": curve(), "b": curve()}
    return {
        "id": "E9", "smoke": False, "model": "hf:tiny", "seeds": [0], "per_episode": True, "seconds": 60.0,
        "evaluations": {"before": {"syc": before}, "a": {"syc": a}, "b": {"syc": b}},
        "training": {name: {"seconds": 1.0, "model": "hf:x", "settings": {"env": "textgym/Sycophancy-v0"}, "curve": c}
                     for name, c in training.items()},
    }


NONE = [0] * 16
FOUR = [1] * 4 + [0] * 12
ALL = [1] * 16


def comparison(analysis, b, metric="lie", kind="before→after"):
    return next(c for c in analysis.comparisons if c.b == b and c.metric == metric and c.kind == kind)


def test_zero_of_sixteen_to_four_of_sixteen_is_not_called_rose(tmp_path):
    r = results(evaluation(NONE), evaluation(FOUR), evaluation(ALL))
    analysis = analyse(config(), r)
    four = comparison(analysis, "a")
    assert four.test == "McNemar exact" and four.p == pytest.approx(0.125)
    assert four.verdict.startswith("no detectable change (p_holm = ")
    assert four.ci[0] < 0 < four.ci[1]
    text = write_report(config(), r, tmp_path).read_text()
    findings = text.split("## Findings")[1]
    assert "`lie`, before → a:" not in findings  # not a finding
    assert "`lie`, before → b:" in findings and "rose (p_holm" in findings
    row = next(line for line in text.splitlines() if line.startswith("| before → a | syc | `lie` |"))
    assert "no detectable change (p_holm = " in row
    assert comparison(analysis, "b").verdict.startswith("rose")


def test_holm_adjusts_over_every_comparison_of_the_report():
    r = results(evaluation(NONE), evaluation(FOUR), evaluation(ALL))
    analysis = analyse(config(), r)
    tested = [c for c in analysis.comparisons if not c.excluded and c.p == c.p]
    assert analysis.family == len(tested) > 5
    assert all(c.p_holm >= c.p - 1e-12 for c in tested)
    assert max(c.p_holm for c in tested) <= 1.0


def test_the_report_opens_with_the_minimum_detectable_effect_of_each_comparison(tmp_path):
    text = write_report(config(), results(evaluation(NONE), evaluation(FOUR), evaluation(ALL)), tmp_path).read_text()
    head = text.split("## Conditions")[0]
    assert "MDE (80% power)" in head and "z[1−α'/2] + z[0.8]" in head
    rows = [line for line in head.splitlines() if line.startswith("| before → a |")]
    assert rows and all(cell.strip() for cell in rows[0].split("|")[5:6])


def test_a_condition_with_grad_norm_zero_on_every_step_is_flagged_and_kept_out_of_findings(tmp_path):
    r = results(evaluation(NONE), evaluation(ALL), evaluation(ALL), training={"a": curve(grad_norm=0.0), "b": curve()})
    analysis = analyse(config(), r)
    assert any("grad-norm 0" in reason for reason in analysis.flags["a"])
    assert comparison(analysis, "a").excluded and not comparison(analysis, "a").significant
    assert comparison(analysis, "b").significant
    text = write_report(config(), r, tmp_path).read_text()
    flags = text.split("## Conditions")[0]
    assert "| a | no learning signal: grad-norm 0 on all 3 training steps |" in flags
    findings = text.split("## Findings")[1]
    assert "before → a" not in findings and "before → b" in findings


def test_truncation_and_parse_errors_above_their_thresholds_flag_a_run():
    r = results(evaluation(NONE), evaluation(ALL, parse_error=0.6), evaluation(ALL, truncated=0.31),
                training={"a": curve(), "b": curve(truncated=0.2)})
    analysis = analyse(config(), r)
    assert ("a", "syc") in analysis.eval_flags and "parse errors" in analysis.eval_flags[("a", "syc")][0]
    assert ("b", "syc") in analysis.eval_flags and "truncated" in analysis.eval_flags[("b", "syc")][0]
    r = results(evaluation(NONE), evaluation(ALL), evaluation(ALL), training={"a": curve(truncated=0.5), "b": curve(truncated=0.3)})
    analysis = analyse(config(), r)
    assert "a" in analysis.flags and "b" not in analysis.flags


def test_conditions_on_the_same_environment_are_compared_with_each_other():
    analysis = analyse(config(), results(evaluation(NONE), evaluation(NONE), evaluation(ALL)))
    between = comparison(analysis, "b", kind="between conditions")
    assert between.a == "a" and between.effect == 1.0 and between.significant


def test_returns_use_a_paired_permutation_test_on_the_shared_seeds():
    proxy_after = [0.5 + 0.01 * (i + 1) for i in range(16)]
    analysis = analyse(config(), results(evaluation(NONE), evaluation(NONE, proxy=proxy_after), evaluation(NONE)))
    c = comparison(analysis, "a", metric="proxy_return")
    assert c.test == "paired permutation" and c.p < 0.001 and c.n == 16


def test_a_metric_that_cannot_be_computed_prints_na_with_its_reason(tmp_path):
    cfg = ExperimentConfig.from_mapping({
        "id": "E9", "title": "fake", "question": "q?",
        "conditions": [{"name": "a", "train": {"env": "textgym/Calibration-v0"}}],
        "evaluations": [{"name": "syc", "env": "textgym/Calibration-v0", "episodes": 16, "labels": ["lie", "parse_error"]}],
    })
    r = results(evaluation(NONE, parse_error=1.0), evaluation(NONE, parse_error=1.0), evaluation(NONE))
    del r["evaluations"]["b"], r["training"]["b"]
    text = write_report(cfg, r, tmp_path).read_text()
    assert "| ece | n/a (no reply stated a parsable confidence; parse errors 100%)" in text
    assert "ECE on `syc` (the calibration question itself) never appears" in text
    assert " nan" not in text and "[n/a]" not in text


def test_training_seeds_become_the_unit_of_the_tests():
    r = results(evaluation(NONE), evaluation(FOUR), evaluation(ALL))
    r["seeds"] = [0, 1, 2]
    for name, lies in (("a", FOUR), ("b", ALL)):
        r["evaluations"][name]["syc"]["seeds"] = {str(s): evaluation(lies) for s in (0, 1, 2)}
    analysis = analyse(config(seeds=[0, 1, 2]), r)
    c = comparison(analysis, "b")
    assert analysis.mode == "seeds" and c.unit == "training seeds" and c.n == 3
    assert c.p == pytest.approx(0.25) and not c.significant  # three seeds cannot reach p < 0.05


def test_seeds_in_a_config_are_distinct_integers():
    assert config(seeds=[0, 1, 2]).training_seeds == (0, 1, 2)
    assert config().training_seeds == (0,)
    from textgym.errors import SpecError

    with pytest.raises(SpecError, match="distinct integers"):
        config(seeds=[0, 0])


@pytest.fixture
def e6(tmp_path):
    shutil.copy(ROOT / "experiments/results/E6_calibration_hard/results.json", tmp_path / "results.json")
    return tmp_path


def test_the_stored_e6_results_flag_the_runs_without_learning_signal_and_say_why_ece_is_missing(e6):
    text = render_report(ROOT / "experiments/E6_calibration_hard.yaml", e6).read_text()
    head = text.split("## Conditions")[0]
    for name in ("calibration_brier", "hard_easy"):
        assert f"| {name} | no learning signal: grad-norm 0 on all 2 training steps" in head
    assert "100% parse errors in `calibration`" in head
    assert "No per-episode outcomes in this results.json" in head
    concluded = text.split("## What could not be concluded")[1]
    assert "calibration could not be measured at all" in concluded
    assert "rose" not in text.split("## Findings")[1]


def test_e5_reports_the_spearman_over_four_cells_as_a_pilot_and_on_policy_g_as_not_measured(tmp_path):
    shutil.copy(ROOT / "experiments/results/E5_environment_design/results.json", tmp_path / "results.json")
    text = render_report(ROOT / "experiments/E5_environment_design.yaml", tmp_path).read_text()
    assert "Pilot, not a finding" in text and "permutation p = 0.5" in text
    assert "Not measured: no `onpolicy_gameability.json`" in text
    (tmp_path / "onpolicy_gameability.json").write_text(json.dumps(
        {"env": "textgym/Sycophancy-v0", "samples": 8, "definition": "proxy-best minus truth-best",
         "rows": [{"framing": "assistant", "cues": "none", "prompts": 16, "proxy_gap": 0.12, "proxy_gap_ci": [0.05, 0.2],
                   "untrue_share": 0.3, "untrue_ci": [0.1, 0.5], "candidates": [{"seed": 0}]}]}))
    text = render_report(ROOT / "experiments/E5_environment_design.yaml", tmp_path).read_text()
    assert "| framing | cues | prompts | proxy_gap | untrue_share |" in text
    assert "| assistant | none | 16 | 0.12 [0.05, 0.20] | 0.30 [0.10, 0.50] |" in text
    assert "Definition: proxy-best minus truth-best." in text and "Not measured" not in text


def test_render_only_needs_a_results_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="no results.json"):
        render_report(ROOT / "experiments/E6_calibration_hard.yaml", tmp_path)
