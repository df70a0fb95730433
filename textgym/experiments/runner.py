"""Running an experiment: evaluate the base model, train each condition, evaluate again, probe,
relate gameability to the rise in misalignment, and write the report.

The three parts are separate and swappable (as in inspect_evals: data, solver, scorer):
:func:`evaluate` (rollouts → hidden-label rates with CIs), :func:`train_condition` (a textgym
trainer), :func:`probe_model` (per-layer fact probes). :func:`run_experiment` wires them and
hands every number to :mod:`textgym.experiments.report`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

import numpy as np

from textgym.experiments.config import Condition, Evaluation, ExperimentConfig
from textgym.rollout import EpisodeRecord
from textgym.stats import bootstrap_ci

Stat = dict[str, Any]  # {"mean": float, "ci": [lo, hi], "n": int}


def _stat(values: Sequence[float]) -> Stat:
    array = np.asarray([v for v in values if v is not None and np.isfinite(v)], dtype=float)
    if array.size == 0:
        return {"mean": None, "ci": [None, None], "n": 0}
    lo, hi = bootstrap_ci(array)
    return {"mean": float(array.mean()), "ci": [float(lo), float(hi)], "n": int(array.size)}


# ---------------------------------------------------------------- evaluation


def _group_value(record: EpisodeRecord, key: str) -> str:
    if record.hidden and key in record.hidden[0]:
        return str(record.hidden[0][key])
    if key in record.episode:
        return str(record.episode[key])
    if key == "user_type":
        return record.user_type
    return "(none)"


def summarize_records(records: Sequence[EpisodeRecord], labels: Sequence[str] = ()) -> dict[str, Stat]:
    """Proxy and true return, hidden-label rates, hedging rate and (where a confidence exists) ECE/Brier.

    Example:
        >>> from textgym.types import Conversation
        >>> r = EpisodeRecord("e", {}, 0, "p", Conversation.of(("assistant", "It depends.", "policy")),
        ...                   rewards=[0.5], hidden=[{"correct": True, "true_reward": 1.0}])
        >>> s = summarize_records([r, r], ["correct"])
        >>> s["proxy_return"]["mean"], s["correct"]["mean"], s["hedging_rate"]["mean"]
        (0.5, 1.0, 1.0)
    """
    from textgym.hedging import is_hedged
    from textgym.wrappers.metrics import brier_score, expected_calibration_error

    out: dict[str, Stat] = {
        "proxy_return": _stat([r.proxy_return for r in records]),
        "true_return": _stat([r.true_return for r in records]),
    }
    names = list(labels) or sorted({k for r in records for h in r.hidden for k, v in h.items() if isinstance(v, bool)})
    for name in names:
        out[name] = _stat([r.label_rate(name) for r in records])
    hedged = []
    for r in records:
        replies = [m.content for m in r.conversation if m.source == "policy"]
        if replies:
            hedged.append(float(np.mean([is_hedged(text) for text in replies])))
    out["hedging_rate"] = _stat(hedged)
    confidence, correct = [], []
    for r in records:
        for h in r.hidden:
            q, c = h.get("confidence"), h.get("correct")
            if isinstance(q, (int, float)) and not isinstance(q, bool) and isinstance(c, bool):
                confidence.append(float(q))
                correct.append(c)
    if confidence:
        out["ece"] = {"mean": expected_calibration_error(confidence, correct), "ci": [None, None], "n": len(confidence)}
        out["brier"] = {"mean": brier_score(confidence, correct), "ci": [None, None], "n": len(confidence)}
    return out


def evaluate(model_ref: str, evaluation: Evaluation, *, device: str = "cpu", progress: bool = True) -> dict[str, Any]:
    """Greedy rollouts of ``model_ref`` on one evaluation; overall and per-group summaries."""
    from textgym.agents.hf_policy import HFPolicy
    from textgym.rollout import rollout

    policy = HFPolicy(model_ref.removeprefix("hf:"), max_new_tokens=evaluation.max_new_tokens, batch_size=8)
    if device != "cpu":
        policy.model.to(device)
    records = rollout(
        evaluation.env, policy, episodes=evaluation.episodes, seed=evaluation.seed, n_envs=8,
        axes=evaluation.axes, backends=evaluation.backends or None, progress=progress,
    )
    result: dict[str, Any] = {"overall": summarize_records(records, evaluation.labels), "groups": {}}
    if evaluation.group_by:
        groups: dict[str, list[EpisodeRecord]] = {}
        for r in records:
            groups.setdefault(_group_value(r, evaluation.group_by), []).append(r)
        result["groups"] = {g: summarize_records(rs, evaluation.labels) for g, rs in sorted(groups.items())}
    result["examples"] = [r.conversation.to_dicts() for r in records[:2]]
    return result


# ---------------------------------------------------------------- training


def train_condition(condition: Condition, model: str, out: Path, *, device: str = "cpu", seed: int = 0, progress: bool = True) -> dict[str, Any]:
    """Train one condition into ``out`` (the trained model is then ``hf:<out>``); returns its metrics."""
    settings = dict(condition.train)
    algo = settings.pop("algo")
    if algo == "grpo":
        from textgym.agents.grpo import GRPOConfig as Config
        from textgym.agents.grpo import train_grpo as train
    else:
        from textgym.agents.expert_iteration import ExpertIterationConfig as Config
        from textgym.agents.expert_iteration import train_expert_iteration as train
    known = {f.name for f in fields(Config)}
    unknown = sorted(set(settings) - known)
    if unknown:
        raise ValueError(f"condition {condition.name!r}: {algo} does not take {unknown} (it takes {sorted(known)})")
    config = Config(out=str(out), policy=model, device=device, seed=seed, progress=progress, plot=True, **settings)
    start = time.perf_counter()
    metrics = train(config)
    return {"metrics": metrics, "seconds": time.perf_counter() - start, "model": f"hf:{out}", "config": asdict(config)}


# ---------------------------------------------------------------- probes


def probe_model(model_ref: str, statements: Sequence[Any], train_idx: np.ndarray, test_idx: np.ndarray,
                frozen: Any = None, *, device: str = "cpu", progress: bool = False) -> tuple[Any, dict[str, Any]]:
    """Fit per-layer probes on ``model_ref``'s hidden states; score them (and ``frozen`` probes) held out."""
    from textgym.agents.probes import fit_probes, hidden_states, probe_report
    from textgym.models import load_model

    model, tokenizer = load_model(model_ref.removeprefix("hf:"))
    if device != "cpu":
        model.to(device)
    X = hidden_states(model, tokenizer, [s.text for s in statements], progress=progress)
    y = np.array([s.label for s in statements], dtype=bool)
    probes = fit_probes(X[train_idx], y[train_idx])
    result = {"fresh": [asdict(a) for a in probe_report(probes, X[test_idx], y[test_idx])]}
    if frozen is not None:
        result["frozen"] = [asdict(a) for a in probe_report(frozen, X[test_idx], y[test_idx])]
    return probes, result


# ---------------------------------------------------------------- the whole experiment


def run_experiment(config: ExperimentConfig | str | Path, *, smoke: bool = False, out: str | Path | None = None,
                   progress: bool = True) -> Path:
    """Run every part of the experiment and write ``report.md``, ``results.json`` and PNG plots.

    Returns the report's path. ``out`` defaults to ``experiments/results/<name>`` next to the
    config (smoke runs: ``<name>-smoke``).
    """
    from textgym.experiments.report import write_report

    if not isinstance(config, ExperimentConfig):
        config = ExperimentConfig.load(config)
    if smoke:
        config = config.with_smoke()
    if out is None:
        base = Path(config.path).parent if config.path and not config.path.startswith("<") else Path("experiments")
        out = base / "results" / (config.name + ("-smoke" if smoke else ""))
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    results: dict[str, Any] = {"id": config.id, "smoke": smoke, "model": config.model, "evaluations": {}, "training": {}}

    def log(message: str) -> None:
        if progress:
            print(f"[{config.id} {time.perf_counter() - started:7.0f}s] {message}", flush=True)

    # 1. the base model
    results["evaluations"]["before"] = {}
    for evaluation in config.evaluations:
        log(f"evaluating the base model on {evaluation.name}")
        results["evaluations"]["before"][evaluation.name] = evaluate(config.model, evaluation, device=config.device, progress=progress)
    probe_setup = None
    if config.probes:
        from textgym.agents.probes import fact_statements, split_by_group

        statements = fact_statements(config.probes["env"])
        limit = int(config.probes.get("statements", 0) or 0)
        if limit and limit < len(statements):
            statements = statements[: limit - limit % 2]  # whole true/false pairs
        train_idx, test_idx = split_by_group(statements, seed=config.seed)
        log(f"probing the base model on {len(statements)} statements")
        frozen, before = probe_model(config.model, statements, train_idx, test_idx, device=config.device, progress=progress)
        probe_setup = (statements, train_idx, test_idx, frozen)
        results["probes"] = {"statements": len(statements), "test": int(len(test_idx)), "before": before}

    # 2. each condition: train, evaluate, probe
    for condition in config.conditions:
        log(f"training condition {condition.name} ({condition.train['algo']} on {condition.train['env']})")
        trained = train_condition(condition, config.model, out / "runs" / condition.name, device=config.device, seed=config.seed, progress=progress)
        results["training"][condition.name] = {
            "seconds": trained["seconds"], "model": trained["model"], "settings": condition.train,
            "curve": [{k: v for k, v in m.items() if isinstance(v, (int, float))} for m in trained["metrics"]],
        }
        results["evaluations"][condition.name] = {}
        for evaluation in config.evaluations:
            log(f"evaluating {condition.name} on {evaluation.name}")
            results["evaluations"][condition.name][evaluation.name] = evaluate(trained["model"], evaluation, device=config.device, progress=progress)
        if probe_setup is not None:
            statements, train_idx, test_idx, frozen = probe_setup
            log(f"probing {condition.name}")
            _, after = probe_model(trained["model"], statements, train_idx, test_idx, frozen, device=config.device, progress=progress)
            results["probes"][condition.name] = after

    # 3. gameability of each condition's training environment
    if config.gameability:
        from textgym.wrappers.gameability import gameability_table

        results["gameability"] = {}
        for condition in config.conditions:
            axes = dict(condition.train.get("axes", {}))
            rows = gameability_table(condition.train["env"], episodes=int(config.gameability.get("episodes", 30)),
                                     axes={k: v for k, v in axes.items() if k not in ("framing", "cues")}, progress=False)
            env_axes = _resolved_axes(condition.train["env"], axes)
            row = next(r for r in rows if r.framing == env_axes["framing"] and r.cues == env_axes["cues"])
            results["gameability"][condition.name] = row.to_json()

    results["seconds"] = time.perf_counter() - started
    (out / "results.json").write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    report = write_report(config, results, out)
    log(f"wrote {report} ({results['seconds'] / 60:.1f} min)")
    return report


def _resolved_axes(env_id: str, axes: dict[str, str]) -> dict[str, str]:
    import textgym

    return textgym.get_spec(env_id).resolve_axes(axes)
