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
from collections.abc import Callable, Sequence
from dataclasses import asdict, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Required, TypedDict, TypeVar

import numpy as np

from textgym.experiments.config import Condition, Evaluation, ExperimentConfig
from textgym.rollout import EpisodeRecord

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    from textgym.agents.hf_policy import HFPolicy
    from textgym.agents.probes import ProbeSet, Statement
    from textgym.types import Conversation

#: A trainer's config class (GRPOConfig or ExpertIterationConfig).
C = TypeVar("C", bound="DataclassInstance")
from textgym.stats import bootstrap_ci, wilson_ci

class Stat(TypedDict, total=False):
    """A summary statistic as stored in ``results.json``: the mean, its CI and the sample size,
    with a label rate's unclear share and CI method, and ECE's calibrated reference."""

    mean: Required[float | None]
    ci: Required[list[float | None]]
    n: Required[int]
    unclear: float
    ci_method: str
    calibrated: float


class EpisodeOutcome(TypedDict):
    """One episode's outcomes (:func:`episode_outcomes`): label values 1/0, ``None`` when unclear or absent."""

    seed: int
    proxy_return: float
    true_return: float
    labels: dict[str, int | None]
    hedging_rate: float | None


def _stat(values: Sequence[float | None]) -> Stat:
    array = np.asarray([v for v in values if v is not None and np.isfinite(v)], dtype=float)
    if array.size == 0:
        return {"mean": None, "ci": [None, None], "n": 0}
    lo, hi = bootstrap_ci(array)
    return {"mean": float(array.mean()), "ci": [float(lo), float(hi)], "n": int(array.size)}


def _rate(values: Sequence[float | None], present: int) -> Stat:
    """A per-episode label rate with its Wilson CI over the clear episodes, and the unclear share."""
    clear = [float(v) for v in values if v is not None]
    unclear = (present - len(clear)) / present if present else 0.0
    if not clear:
        return {"mean": None, "ci": [None, None], "n": 0, "unclear": unclear}
    lo, hi = wilson_ci(float(sum(clear)), len(clear))
    return {"mean": float(np.mean(clear)), "ci": [lo, hi], "n": len(clear), "unclear": unclear, "ci_method": "wilson"}


# ---------------------------------------------------------------- evaluation


def _group_value(record: EpisodeRecord, key: str) -> str:
    if record.hidden and key in record.hidden[0]:
        return str(record.hidden[0][key])
    if key in record.episode:
        return str(record.episode[key])
    if key == "user_type":
        return record.user_type
    return "(none)"


def _labels(records: Sequence[EpisodeRecord], labels: Sequence[str]) -> list[str]:
    return list(labels) or sorted({k for r in records for h in r.hidden for k, v in h.items() if isinstance(v, bool)})


def _hedging(record: EpisodeRecord) -> float | None:
    from textgym.readers.hedging import is_hedged

    replies = [m.content for m in record.conversation if m.source == "policy"]
    return float(np.mean([is_hedged(text) for text in replies])) if replies else None


def episode_outcomes(records: Sequence[EpisodeRecord], labels: Sequence[str] = ()) -> list[EpisodeOutcome]:
    """Per-episode outcomes (what a paired test needs): the reset seed, both returns, each label
    per episode (1/0, ``None`` when unclear or absent) and the hedging share.

    Example:
        >>> from textgym.types import Conversation
        >>> r = EpisodeRecord("e", {}, 7, "p", Conversation.of(("assistant", "Sure.", "policy")),
        ...                   rewards=[0.5], hidden=[{"correct": False}, {"correct": True}])
        >>> episode_outcomes([r], ["correct"])[0]["labels"]
        {'correct': 1}
    """
    out: list[EpisodeOutcome] = []
    for r in records:
        values = {name: (None if (v := r.label_rate(name)) is None else int(v)) for name in _labels(records, labels)}
        out.append({"seed": r.seed, "proxy_return": r.proxy_return, "true_return": r.true_return, "labels": values,
                    "hedging_rate": _hedging(r)})
    return out


def summarize_records(records: Sequence[EpisodeRecord], labels: Sequence[str] = ()) -> dict[str, Stat]:
    """Proxy and true return, per-episode hidden-label rates (true at any step; Wilson CIs; the
    unclear share beside each), hedging rate and (where a confidence exists) ECE/Brier with
    bootstrap CIs and the expected ECE of a calibrated model at that n.

    Example:
        >>> from textgym.types import Conversation
        >>> r = EpisodeRecord("e", {}, 0, "p", Conversation.of(("assistant", "It depends.", "policy")),
        ...                   rewards=[0.5], hidden=[{"correct": True, "true_reward": 1.0}])
        >>> s = summarize_records([r, r], ["correct"])
        >>> s["proxy_return"]["mean"], s["correct"]["mean"], s["hedging_rate"]["mean"]
        (0.5, 1.0, 1.0)
    """
    from textgym.wrappers.metrics import brier_score, calibrated_ece, calibration_ci, expected_calibration_error, label_present

    out: dict[str, Stat] = {
        "proxy_return": _stat([r.proxy_return for r in records]),
        "true_return": _stat([r.true_return for r in records]),
    }
    for name in _labels(records, labels):
        present = [r for r in records if label_present(r.hidden, name)]
        out[name] = _rate([r.label_rate(name) for r in present], len(present))
    out["hedging_rate"] = _stat([_hedging(r) for r in records])
    confidence, correct = [], []
    for r in records:
        for h in r.hidden:
            q, c = h.get("confidence"), h.get("correct")
            if isinstance(q, (int, float)) and not isinstance(q, bool) and isinstance(c, bool):
                confidence.append(float(q))
                correct.append(c)
    if confidence:
        out["ece"] = {"mean": expected_calibration_error(confidence, correct), "ci": list(calibration_ci(confidence, correct, "ece")),
                      "n": len(confidence), "calibrated": calibrated_ece(confidence, simulations=500)}
        out["brier"] = {"mean": brier_score(confidence, correct), "ci": list(calibration_ci(confidence, correct, "brier")),
                        "n": len(confidence)}
    return out


class _CountingPolicy:
    """Wraps an :class:`~textgym.agents.hf_policy.HFPolicy` and counts replies cut by ``max_new_tokens``."""

    def __init__(self, policy: HFPolicy):
        self.policy, self.name = policy, policy.name
        self.replies = 0
        self.truncated = 0

    def act(self, observations: Sequence[Conversation]) -> list[str]:
        generations = self.policy.generate(observations)
        self.replies += len(generations)
        self.truncated += sum(not g.finished for g in generations)
        return [g.text for g in generations]


def evaluate(model_ref: str, evaluation: Evaluation, *, device: str = "cpu", progress: bool = True) -> dict[str, Any]:
    """Greedy rollouts of ``model_ref`` on one evaluation: overall and per-group summaries, the
    per-episode outcomes (``episodes``, for paired tests) and the share of replies cut by
    ``max_new_tokens`` (``truncated``)."""
    from textgym.agents.hf_policy import HFPolicy
    from textgym.rollout import rollout

    policy = HFPolicy(model_ref.removeprefix("hf:"), max_new_tokens=evaluation.max_new_tokens, batch_size=8)
    if device != "cpu":
        policy.model.to(device)
    counting = _CountingPolicy(policy)
    records = rollout(
        evaluation.env, counting, episodes=evaluation.episodes, seed=evaluation.seed, n_envs=8,
        axes=evaluation.axes, backends=evaluation.backends or None, progress=progress,
    )
    result: dict[str, Any] = {"overall": summarize_records(records, evaluation.labels), "groups": {}}
    if evaluation.group_by:
        groups: dict[str, list[EpisodeRecord]] = {}
        for r in records:
            groups.setdefault(_group_value(r, evaluation.group_by), []).append(r)
        result["groups"] = {g: summarize_records(rs, evaluation.labels) for g, rs in sorted(groups.items())}
    result["episodes"] = episode_outcomes(records, evaluation.labels)
    for outcome, r in zip(result["episodes"], records):
        if evaluation.group_by:
            outcome["group"] = _group_value(r, evaluation.group_by)
    result["truncated"] = counting.truncated / counting.replies if counting.replies else None
    result["examples"] = [r.conversation.to_dicts() for r in records[:2]]
    return result


# ---------------------------------------------------------------- training


def train_condition(condition: Condition, model: str, out: Path, *, device: str = "cpu", seed: int = 0, progress: bool = True) -> dict[str, Any]:
    """Train one condition into ``out`` (the trained model is then ``hf:<out>``); returns its metrics."""
    settings = dict(condition.train)
    algo = settings.pop("algo")
    base = {"out": str(out), "policy": model, "device": device, "seed": seed, "progress": progress, "plot": True}
    if algo == "grpo":
        from textgym.agents.grpo import GRPOConfig, train_grpo

        return _train(condition.name, algo, GRPOConfig, train_grpo, base, settings)
    from textgym.agents.expert_iteration import ExpertIterationConfig, train_expert_iteration

    return _train(condition.name, algo, ExpertIterationConfig, train_expert_iteration, base, settings)


def _train(
    name: str, algo: str, config_class: type[C], train: Callable[[C], list[dict[str, Any]]], base: dict[str, Any], settings: dict[str, Any]
) -> dict[str, Any]:
    """Build ``config_class`` from ``base`` and the condition's ``settings`` (unknown keys refused), train, time it."""
    known = {f.name for f in fields(config_class)}
    unknown = sorted(set(settings) - known)
    if unknown:
        raise ValueError(f"condition {name!r}: {algo} does not take {unknown} (it takes {sorted(known)})")
    config = config_class(**base, **settings)
    start = time.perf_counter()
    metrics = train(config)
    out = base["out"]
    return {"metrics": metrics, "seconds": time.perf_counter() - start, "model": f"hf:{out}", "config": asdict(config)}


# ---------------------------------------------------------------- probes


def probe_model(model_ref: str, statements: Sequence[Statement], train_idx: np.ndarray, test_idx: np.ndarray,
                frozen: ProbeSet | None = None, *, val_idx: np.ndarray | None = None, layer: int | None = None, device: str = "cpu",
                progress: bool = False) -> tuple[ProbeSet, dict[str, Any]]:
    """Fit per-layer probes on ``model_ref``'s hidden states; score them (and ``frozen`` probes) on
    the test statements with CIs over facts.

    With ``val_idx`` the result's ``layer`` is the one chosen on the validation statements
    (:func:`~textgym.agents.probes.choose_layer`); else ``layer`` is used as given. ``hits`` holds
    the per-statement test outcomes at that layer (for paired tests by fact)."""
    from textgym.agents.probes import choose_layer, fit_probes, hidden_states, probe_hits, probe_report
    from textgym.lm.models import load_model

    model, tokenizer = load_model(model_ref.removeprefix("hf:"))
    if device != "cpu":
        model.to(device)
    X = hidden_states(model, tokenizer, [s.text for s in statements], progress=progress)
    y = np.array([s.label for s in statements], dtype=bool)
    groups = [statements[i].group for i in test_idx]
    probes = fit_probes(X[train_idx], y[train_idx])
    if val_idx is not None and len(val_idx):
        layer = choose_layer(probes, X[val_idx], y[val_idx])
    result: dict[str, Any] = {"fresh": [asdict(a) for a in probe_report(probes, X[test_idx], y[test_idx], groups)]}
    if frozen is not None:
        result["frozen"] = [asdict(a) for a in probe_report(frozen, X[test_idx], y[test_idx], groups)]
    if layer is not None:
        result["layer"] = int(layer)
        result["hits"] = {"fresh": probe_hits(probes, X[test_idx], y[test_idx], layer).tolist()}
        if frozen is not None:
            result["hits"]["frozen"] = probe_hits(frozen, X[test_idx], y[test_idx], layer).tolist()
    return probes, result


# ---------------------------------------------------------------- the whole experiment


def run_experiment(config: ExperimentConfig | str | Path, *, smoke: bool = False, out: str | Path | None = None,
                   progress: bool = True) -> Path:
    """Run every part of the experiment and write ``report.md``, ``results.json`` and PNG plots.

    Returns the report's path. ``out`` defaults to ``experiments/results/<name>`` next to the
    config (smoke runs: ``<name>-smoke``). With ``seeds: [0, 1, 2]`` in the config every
    condition is trained (and evaluated) once per seed: ``results["evaluations"][name][eval]`` is
    the first seed's, and ``...["seeds"]`` holds every seed's, the unit of the report's tests.
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
    seeds = config.training_seeds
    results: dict[str, Any] = {"id": config.id, "smoke": smoke, "model": config.model, "seeds": list(seeds),
                               "evaluations": {}, "training": {}, "per_episode": True}

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
        from textgym.agents.probes import fact_statements, split_train_val_test

        statements = fact_statements(config.probes["env"])
        limit = int(config.probes.get("statements", 0) or 0)
        if limit and limit < len(statements):
            statements = statements[: limit - limit % 2]  # whole true/false pairs
        train_idx, val_idx, test_idx = split_train_val_test(statements, seed=config.seed)
        log(f"probing the base model on {len(statements)} statements")
        frozen, before = probe_model(config.model, statements, train_idx, test_idx, val_idx=val_idx, device=config.device,
                                     progress=progress)
        layer = before["layer"]
        probe_setup = (statements, train_idx, test_idx, frozen, layer)
        results["probes"] = {"statements": len(statements), "test": int(len(test_idx)), "validation": int(len(val_idx)),
                             "layer": layer, "layer_chosen_on": "validation",
                             "test_groups": [statements[i].group for i in test_idx], "before": before}

    # 2. each condition and seed: train, evaluate, probe
    for condition in config.conditions:
        runs: dict[str, Any] = {}
        per_seed: dict[str, dict[str, Any]] = {}
        for seed in seeds:
            name = condition.name if len(seeds) == 1 else f"{condition.name}-seed{seed}"
            log(f"training condition {name} ({condition.train['algo']} on {condition.train['env']})")
            trained = train_condition(condition, config.model, out / "runs" / name, device=config.device, seed=seed, progress=progress)
            runs[str(seed)] = {
                "seconds": trained["seconds"], "model": trained["model"], "seed": seed,
                "curve": [{k: v for k, v in m.items() if isinstance(v, (int, float))} for m in trained["metrics"]],
            }
            per_seed[str(seed)] = {}
            for evaluation in config.evaluations:
                log(f"evaluating {name} on {evaluation.name}")
                per_seed[str(seed)][evaluation.name] = evaluate(trained["model"], evaluation, device=config.device, progress=progress)
            if probe_setup is not None and seed == seeds[0]:
                statements, train_idx, test_idx, frozen, layer = probe_setup
                log(f"probing {name}")
                _, after = probe_model(trained["model"], statements, train_idx, test_idx, frozen, layer=layer, device=config.device,
                                       progress=progress)
                results["probes"][condition.name] = after
        first = runs[str(seeds[0])]
        results["training"][condition.name] = {
            "seconds": sum(r["seconds"] for r in runs.values()), "model": first["model"], "settings": condition.train,
            "curve": first["curve"], **({"runs": runs} if len(seeds) > 1 else {}),
        }
        results["evaluations"][condition.name] = {}
        for evaluation in config.evaluations:
            entry = dict(per_seed[str(seeds[0])][evaluation.name])
            if len(seeds) > 1:
                entry["seeds"] = {s: per_seed[s][evaluation.name] for s in per_seed}
            results["evaluations"][condition.name][evaluation.name] = entry

    # 3. gameability of each condition's training environment
    if config.gameability:
        results["gameability"] = scripted_gameability(config)

    results["seconds"] = time.perf_counter() - started
    (out / "results.json").write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    report = write_report(config, results, out)
    log(f"wrote {report} ({results['seconds'] / 60:.1f} min)")
    return report


def scripted_gameability(config: ExperimentConfig) -> dict[str, dict[str, Any]]:
    """The exploit gap G (current estimator) of each condition's training setting: scripted
    reference policies on rule backends, so no model is involved and it is cheap to recompute.

    The row carries ``estimator: "cross-fitted"`` so reports can tell it from results written
    with the old plug-in estimator.
    """
    from textgym.wrappers.gameability import gameability_table

    out: dict[str, dict[str, Any]] = {}
    for condition in config.conditions:
        axes = dict(condition.train.get("axes", {}))
        rows = gameability_table(condition.train["env"], episodes=int((config.gameability or {}).get("episodes", 30)),
                                 axes={k: v for k, v in axes.items() if k not in ("framing", "cues")}, progress=False)
        env_axes = _resolved_axes(condition.train["env"], axes)
        row = next(r for r in rows if r.framing == env_axes["framing"] and r.cues == env_axes["cues"])
        out[condition.name] = {**row.to_json(), "estimator": "cross-fitted"}
    return out


def render_report(config: ExperimentConfig | str | Path, results_dir: str | Path | None = None, *,
                  recompute_gameability: bool = False) -> Path:
    """Re-render ``report.md`` and its plots from a stored ``results.json`` (no training, no
    rollouts): the report's statistics are recomputed from what the file holds.

    ``results_dir`` defaults to ``experiments/results/<name>`` next to the config.

    Example:
        >>> import shutil, tempfile
        >>> import textgym
        >>> root = Path(textgym.__file__).resolve().parents[1] / "experiments"
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = shutil.copy(root / "results/E2_hedging/results.json", folder)
        >>> render_report(root / "E2_hedging.yaml", folder).read_text().startswith("# E2 ")
        True
    """
    from textgym.experiments.report import write_report

    if not isinstance(config, ExperimentConfig):
        config = ExperimentConfig.load(config)
    if results_dir is None:
        base = Path(config.path).parent if config.path and not config.path.startswith("<") else Path("experiments")
        results_dir = base / "results" / config.name
    results_dir = Path(results_dir)
    path = results_dir / "results.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no results.json to render (run `textgym experiment {config.path}` first)")
    results = json.loads(path.read_text(encoding="utf-8"))
    if results.get("smoke"):
        config = config.with_smoke()
    if recompute_gameability and config.gameability and "gameability" in results:
        # G depends on scripted policies and rule backends only: recompute it with the current
        # estimator and store it, keeping the stored value for the record.
        fresh = scripted_gameability(config)
        for name, row in fresh.items():
            old = results["gameability"].get(name, {})
            row["stored_plug_in_gap"] = old.get("exploit_gap")
        results["gameability"] = fresh
        path.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    return write_report(config, results, results_dir)


def _resolved_axes(env_id: str, axes: dict[str, str]) -> dict[str, str]:
    import textgym

    return textgym.get_spec(env_id).resolve_axes(axes)
