"""The research experiments (E1–E6): configs under ``experiments/``, one command each.

``textgym experiment experiments/E2_hedging.yaml`` evaluates the base model, trains every
condition, evaluates again (and probes, and scores gameability where configured) and writes
``experiments/results/E2_hedging/report.md`` with PNG plots beside it; ``--smoke`` runs the same
pipeline with the tiny model and two steps (what ``make test`` does so the experiments cannot rot);
``--render-only`` re-renders the report from the stored ``results.json``.
"""

from textgym.experiments.config import Condition, Evaluation, ExperimentConfig
from textgym.experiments.runner import evaluate, render_report, run_experiment, summarize_records, train_condition

__all__ = [
    "Condition", "Evaluation", "ExperimentConfig", "evaluate", "render_report", "run_experiment", "summarize_records",
    "train_condition",
]
