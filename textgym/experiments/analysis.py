"""The statistics of an experiment report: flags, paired comparisons, Holm's correction and
minimum detectable effects, computed from a ``results.json`` (no model is run).

**Flags.** A model column is flagged, and every comparison that involves it is kept out of the
findings, when (``FLAG_*`` thresholds):

* its training had no learning signal: the gradient norm was 0 on every step;
* more than 30% of its replies were truncated at ``max_new_tokens`` (the training replies, the
  share GRPO logs per step; and the evaluation replies, where the results store it);
* more than 50% of its replies in an evaluation had a parse error (``parse_error`` label) —
  this flags that evaluation only, and applies to the base model (``before``) too.

**Comparisons.** Every condition against the base model (``before → after``), on every metric of
every evaluation, and every two conditions trained on the same environment, on the evaluation's
labels. The test depends on what the results hold:

1. several training seeds (``seeds: [0, 1, 2]``): the seed is the unit; a sign-flip permutation
   test over seeds of the per-seed mean difference;
2. one training seed with per-episode outcomes: pairs are evaluation episodes with the same reset
   seed; McNemar's exact test for a binary label, a paired permutation test for returns and
   shares; effect CIs from Newcombe's paired interval (labels) or the paired bootstrap;
3. results written before per-episode outcomes were stored: only each sample's mean and CI are
   known, so the test is :func:`~textgym.stats.any_pairing_test` (standard error ``se1 + se2``,
   valid under any pairing, conservative; Student's t with n − 1 degrees of freedom). The standard error of a rate ``m`` over ``n`` episodes
   is the Agresti–Coull ``sqrt(p(1 − p) / n)`` with ``p = (n·m + 2) / (n + 4)`` (never 0), that of a
   return ``sqrt(n) · (CI width) / (2 · 1.96)`` read back from the stored bootstrap CI.

Holm's correction runs over every unflagged, testable comparison of the report (the family);
"rose"/"fell" is said only when the Holm-adjusted p is below 0.05.

**Minimum detectable effect.** For each comparison, at 80% power and the most stringent Holm level
``alpha' = 0.05 / m`` of the planned family (``m``: every testable comparison, flagged or not): ``MDE = (z[1 − alpha'/2] + z[0.8]) · sd_d / sqrt(n)``, with ``sd_d``
the standard deviation of one paired difference — observed when paired outcomes exist (if it is 0,
the independence value ``sqrt(s1² + s2²)``), else the bound ``s1 + s2`` that the any-pairing test
uses.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from textgym.experiments.config import ExperimentConfig
from textgym.stats import (
    any_pairing_test,
    holm,
    minimum_detectable_effect,
    paired_binary,
    paired_bootstrap_ci,
    paired_continuous,
    paired_permutation_test,
    student_t_two_sided,
    wilson_ci,
    z_quantile,
)


def t_quantile(q: float, df: int) -> float:
    """Student's t quantile by bisection on :func:`~textgym.stats.student_t_two_sided` (normal for df < 1).

    Example:
        >>> round(t_quantile(0.975, 15), 3)
        2.131
    """
    if df < 1:
        return z_quantile(q)
    target = 2 * (1 - q)
    lo, hi = 0.0, 1e3
    for _ in range(100):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if student_t_two_sided(mid, df) > target else (lo, mid)
    return (lo + hi) / 2

FLAG_TRUNCATION = 0.30
FLAG_PARSE_ERRORS = 0.50
ALPHA = 0.05
POWER = 0.8
RETURNS = ("proxy_return", "true_return")


@dataclass
class Comparison:
    """One tested comparison of a report (see the module docstring).

    Example:
        >>> c = Comparison("before→after", "syc", "lie", "before", "a", n=16, effect=0.25, p=0.125, p_holm=0.5)
        >>> c.label, c.verdict
        ('before → a', 'no detectable change (p_holm = 0.5)')
    """

    kind: str  # "before→after" | "between conditions" | "probe"
    evaluation: str
    metric: str
    a: str
    b: str
    n: int = 0
    unit: str = "episodes"
    effect: float = float("nan")
    ci: tuple[float, float] = (float("nan"), float("nan"))
    p: float = float("nan")
    test: str = ""
    sd_diff: float = float("nan")
    mde: float = float("nan")
    p_holm: float = float("nan")
    excluded: str = ""
    reason: str = ""

    @property
    def label(self) -> str:
        return f"{self.a} → {self.b}" if self.kind != "between conditions" else f"{self.b} vs {self.a}"

    @property
    def verdict(self) -> str:
        if self.excluded:
            return f"excluded ({self.excluded})"
        if not math.isfinite(self.p):
            return f"not testable ({self.reason or 'no data'})"
        if self.p_holm < ALPHA:
            return f"{'rose' if self.effect > 0 else 'fell'} (p_holm = {self.p_holm:.3g})"
        return f"no detectable change (p_holm = {self.p_holm:.2g})"

    @property
    def significant(self) -> bool:
        return not self.excluded and math.isfinite(self.p_holm) and self.p_holm < ALPHA


@dataclass
class Analysis:
    """Everything a report states about its statistics (built by :func:`analyse`).

    Example:
        >>> Analysis().mode
        'summary'
    """

    flags: dict[str, list[str]] = field(default_factory=dict)  # column -> reasons (all evaluations)
    eval_flags: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (column, evaluation) -> reasons
    comparisons: list[Comparison] = field(default_factory=list)
    family: int = 0
    planned: int = 0
    alpha_min: float = float("nan")
    mode: str = "summary"  # "seeds" | "episodes" | "summary"
    seeds: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- data access


def _is_rate(config: ExperimentConfig | None, evaluation: str, metric: str) -> bool:
    """Labels, hedging and accuracies live in [0, 1]; returns, ECE and Brier are not rates."""
    return metric not in (*RETURNS, "ece", "brier")


def per_episode(results: dict[str, Any]) -> bool:
    """Whether the results store per-episode outcomes (written after this analysis existed).

    Example:
        >>> per_episode({"per_episode": True}), per_episode({})
        (True, False)
    """
    return bool(results.get("per_episode"))


def display_results(config: ExperimentConfig | None, results: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``results`` whose rate CIs are Wilson intervals where the stored ones came from the
    bootstrap over per-step shares (a zero-width ``[0, 0]`` for 0/16 says nothing).

    Example:
        >>> old = {"evaluations": {"before": {"e": {"overall": {"lie": {"mean": 0.0, "ci": [0.0, 0.0], "n": 16}}}}}}
        >>> [round(x, 2) for x in display_results(None, old)["evaluations"]["before"]["e"]["overall"]["lie"]["ci"]]
        [0.0, 0.19]
    """
    out = copy.deepcopy(results)
    if per_episode(results):
        return out
    for column in out["evaluations"].values():
        for name, result in column.items():
            tables = [result["overall"], *result.get("groups", {}).values()]
            for table in tables:
                for metric, stat in table.items():
                    if metric in RETURNS or metric in ("ece", "brier") or not isinstance(stat, dict):
                        continue
                    if stat.get("mean") is not None and stat.get("n"):
                        n = int(stat["n"])
                        stat["ci"] = list(wilson_ci(min(n, max(0.0, stat["mean"] * n)), n))
                        stat["ci_method"] = "wilson"
    return out


def _summary_sd(stat: dict[str, Any], rate: bool) -> float:
    """Standard deviation of one observation, read back from a stored summary (module docstring)."""
    n, mean = int(stat.get("n") or 0), stat.get("mean")
    if not n or mean is None:
        return float("nan")
    if rate:
        p = (n * float(mean) + 2) / (n + 4)
        return math.sqrt(p * (1 - p))
    lo, hi = stat.get("ci", [None, None])
    if lo is None or hi is None or not (math.isfinite(lo) and math.isfinite(hi)):
        return float("nan")
    return math.sqrt(n) * (hi - lo) / (2 * z_quantile(0.975))


def _episode_values(result: dict[str, Any], metric: str) -> dict[int, Any]:
    out = {}
    for e in result.get("episodes", []):
        value = e.get(metric) if metric in e else e.get("labels", {}).get(metric, "absent")
        if value != "absent":
            out[int(e["seed"])] = value
    return out


def _seed_means(result: dict[str, Any], metric: str) -> dict[str, float]:
    out = {}
    for seed, r in (result.get("seeds") or {}).items():
        mean = (r.get("overall", {}).get(metric) or {}).get("mean")
        if mean is not None:
            out[str(seed)] = float(mean)
    return out


# ---------------------------------------------------------------- flags


def _flags(config: ExperimentConfig, results: dict[str, Any], analysis: Analysis) -> None:
    for name, training in results.get("training", {}).items():
        reasons: list[str] = []
        runs = list((training.get("runs") or {"": training}).values())
        for run in runs:
            curve = run.get("curve") or []
            norms = [m["grad_norm"] for m in curve if isinstance(m.get("grad_norm"), (int, float))]
            where = f" (seed {run['seed']})" if "seed" in run and len(runs) > 1 else ""
            if norms and len(norms) == len(curve) and all(v == 0 for v in norms):
                reasons.append(f"no learning signal: grad-norm 0 on all {len(norms)} training steps{where}")
            truncated = [m["truncated"] for m in curve if isinstance(m.get("truncated"), (int, float))]
            if truncated and float(np.mean(truncated)) > FLAG_TRUNCATION:
                reasons.append(f"{np.mean(truncated):.0%} of training replies truncated (> {FLAG_TRUNCATION:.0%}){where}")
            if curve and not truncated:
                analysis.caveats.append(f"`{name}`: its trainer does not log truncation, so a truncation flag could not be checked.")
        if reasons:
            analysis.flags[name] = list(dict.fromkeys(reasons))
    for column, evaluations in results["evaluations"].items():
        for evaluation, result in evaluations.items():
            reasons = []
            parse = (result["overall"].get("parse_error") or {}).get("mean")
            if parse is not None and parse > FLAG_PARSE_ERRORS:
                reasons.append(f"{parse:.0%} parse errors in `{evaluation}` (> {FLAG_PARSE_ERRORS:.0%})")
            truncated = result.get("truncated")
            if isinstance(truncated, (int, float)) and truncated > FLAG_TRUNCATION:
                reasons.append(f"{truncated:.0%} of `{evaluation}` replies truncated (> {FLAG_TRUNCATION:.0%})")
            if reasons:
                analysis.eval_flags[(column, evaluation)] = reasons


def _excluded(analysis: Analysis, evaluation: str, *columns: str) -> str:
    flagged = [c for c in columns if c in analysis.flags or (c, evaluation) in analysis.eval_flags]
    return f"flagged: {', '.join(flagged)}" if flagged else ""


# ---------------------------------------------------------------- comparisons


def _metrics(config: ExperimentConfig, evaluation: str, table: dict[str, Any]) -> list[str]:
    spec = next(e for e in config.evaluations if e.name == evaluation)
    names = ["proxy_return", "true_return", *spec.labels, "hedging_rate"]
    return list(dict.fromkeys(n for n in names if n in table))


def _compare(config: ExperimentConfig, results: dict[str, Any], analysis: Analysis, c: Comparison) -> None:
    a = results["evaluations"][c.a][c.evaluation]
    b = results["evaluations"][c.b][c.evaluation]
    rate = _is_rate(config, c.evaluation, c.metric)
    binary = rate and c.metric != "hedging_rate"
    if analysis.mode == "seeds":
        c.unit = "training seeds"
        before = _seed_means(a, c.metric) if a.get("seeds") else None
        after = _seed_means(b, c.metric)
        if before is None:  # the base model: one value for every seed
            mean = (a["overall"].get(c.metric) or {}).get("mean")
            before = {s: mean for s in after} if mean is not None else {}
        common = sorted(set(before) & set(after))
        x, y = [before[s] for s in common], [after[s] for s in common]
        c.n, c.test = len(common), "sign-flip permutation over seeds"
        if not common:
            c.reason = "no seed with both values"
            return
        c.effect = float(np.mean(np.subtract(y, x)))
        c.p = paired_permutation_test(x, y)
        c.sd_diff = float(np.std(np.subtract(y, x), ddof=1)) if len(common) > 1 else float("nan")
        if len(common) >= 5:
            c.ci = paired_bootstrap_ci(x, y)[1]
        else:
            c.reason = f"CI needs ≥ 5 seeds, have {len(common)}"
        return
    if analysis.mode == "episodes":
        xa, xb = _episode_values(a, c.metric), _episode_values(b, c.metric)
        seeds = sorted(set(xa) & set(xb))
        xs, ys = [xa[s] for s in seeds], [xb[s] for s in seeds]
        result = paired_binary(xs, ys) if binary else paired_continuous(xs, ys)
        c.n, c.effect, c.ci, c.p, c.test, c.sd_diff, c.reason = (
            result.n, result.effect, result.ci, result.p, result.test, result.sd_diff, result.reason)
        if not (c.sd_diff > 0):
            s1, s2 = (_summary_sd(t["overall"].get(c.metric) or {}, rate) for t in (a, b))
            c.sd_diff = math.sqrt(s1 * s1 + s2 * s2) if math.isfinite(s1) and math.isfinite(s2) else float("nan")
        return
    sa, sb = a["overall"].get(c.metric) or {}, b["overall"].get(c.metric) or {}
    c.test = "any-pairing bound (no per-episode data)"
    if sa.get("mean") is None or sb.get("mean") is None:
        c.reason = "a side has no value"
        return
    n = min(int(sa.get("n") or 0), int(sb.get("n") or 0))
    s1, s2 = _summary_sd(sa, rate), _summary_sd(sb, rate)
    c.n = n
    c.effect = float(sb["mean"]) - float(sa["mean"])
    if not (math.isfinite(s1) and math.isfinite(s2)) or n == 0:
        c.reason = "no standard error recoverable from the stored CIs"
        return
    se1, se2 = s1 / math.sqrt(n), s2 / math.sqrt(n)
    if se1 + se2 == 0:
        c.reason = "both samples constant (no spread in the stored CIs)"
        return
    c.p = any_pairing_test(float(sa["mean"]), se1, float(sb["mean"]), se2, df=n - 1)
    half = t_quantile(0.975, n - 1) * (se1 + se2)
    lo, hi = c.effect - half, c.effect + half
    c.ci = (max(-1.0, lo), min(1.0, hi)) if rate else (lo, hi)
    c.sd_diff = s1 + s2


def _probe_comparisons(results: dict[str, Any], analysis: Analysis) -> None:
    probes = results.get("probes")
    if not probes:
        return
    layer = probes.get("layer")
    chosen_on_validation = layer is not None and probes.get("layer_chosen_on") == "validation"
    if layer is None:
        layer = max(probes["before"]["fresh"], key=lambda r: r["logistic"])["layer"]
        analysis.caveats.append(
            f"Probes: layer {layer} was chosen as the best *test* accuracy of the base model (these results predate the "
            "validation split), so the base model's accuracy at that layer is optimistic; the probe CIs resample "
            "statements, not facts.")
    base = probes["before"]["fresh"][layer]
    groups = probes.get("test_groups")
    for name in results.get("training", {}):
        if name not in probes:
            continue
        for kind in ("fresh", "frozen"):
            row = probes[name][kind][layer]
            c = Comparison("probe", "probes", f"probe accuracy ({kind}, layer {layer})", "before", name)
            c.excluded = _excluded(analysis, "probes", name)
            hits_b, hits_a = probes["before"].get("hits", {}).get("fresh"), probes[name].get("hits", {}).get(kind)
            if chosen_on_validation and hits_b is not None and hits_a is not None and groups:
                facts = list(dict.fromkeys(groups))
                x = [float(np.mean([h for h, g in zip(hits_b, groups) if g == f])) for f in facts]
                y = [float(np.mean([h for h, g in zip(hits_a, groups) if g == f])) for f in facts]
                result = paired_continuous(x, y)
                c.n, c.unit, c.effect, c.ci, c.p, c.sd_diff, c.reason = (
                    result.n, "facts", result.effect, result.ci, result.p, result.sd_diff, result.reason)
                c.test = "paired permutation over facts"
            else:
                n_facts = max(1, int(row["n"]) // 2)  # two statements per fact: the effective n is the number of facts
                p1, p2 = ((n_facts * r + 2) / (n_facts + 4) for r in (base["logistic"], row["logistic"]))
                s1, s2 = math.sqrt(p1 * (1 - p1)), math.sqrt(p2 * (1 - p2))
                se1, se2 = s1 / math.sqrt(n_facts), s2 / math.sqrt(n_facts)
                c.n, c.unit, c.test = n_facts, "facts", "any-pairing bound (no per-statement data)"
                c.effect = row["logistic"] - base["logistic"]
                c.p = any_pairing_test(base["logistic"], se1, row["logistic"], se2, df=n_facts - 1)
                half = t_quantile(0.975, n_facts - 1) * (se1 + se2)
                c.ci, c.sd_diff = (max(-1.0, c.effect - half), min(1.0, c.effect + half)), s1 + s2
            analysis.comparisons.append(c)


def analyse(config: ExperimentConfig, results: dict[str, Any]) -> Analysis:
    """Flags, comparisons (with Holm-adjusted p-values and MDEs) and notes for one report.

    Example:
        >>> config = ExperimentConfig.from_mapping({"id": "E0", "title": "t", "question": "q",
        ...     "conditions": [{"name": "a", "train": {"env": "textgym/Sycophancy-v0"}}],
        ...     "evaluations": [{"name": "e", "env": "textgym/Sycophancy-v0", "labels": ["lie"]}]})
        >>> def model(lies):
        ...     eps = [{"seed": i, "proxy_return": 0.0, "true_return": 0.0, "labels": {"lie": x}} for i, x in enumerate(lies)]
        ...     stat = {"mean": sum(lies) / 16, "ci": [0, 1], "n": 16}
        ...     return {"e": {"overall": {"lie": stat}, "groups": {}, "episodes": eps}}
        >>> results = {"per_episode": True, "evaluations": {"before": model([0] * 16), "a": model([1] * 4 + [0] * 12)},
        ...            "training": {"a": {"curve": [{"grad_norm": 0.0}], "settings": {}}}}
        >>> analysis = analyse(config, results)
        >>> analysis.flags["a"], analysis.comparisons[0].p, analysis.comparisons[0].verdict
        (['no learning signal: grad-norm 0 on all 1 training steps'], 0.125, 'excluded (flagged: a)')
    """
    analysis = Analysis()
    analysis.seeds = list(results.get("seeds") or [config.seed])
    conditions = [c for c in results["evaluations"] if c != "before"]
    has_seeds = len(analysis.seeds) > 1 and all(
        results["evaluations"][c][e.name].get("seeds") for c in conditions for e in config.evaluations)
    analysis.mode = "seeds" if has_seeds else "episodes" if per_episode(results) else "summary"
    _flags(config, results, analysis)

    envs = {name: t.get("settings", {}).get("env") for name, t in results.get("training", {}).items()}
    for evaluation in config.evaluations:
        before = results["evaluations"]["before"][evaluation.name]
        for column in conditions:
            for metric in _metrics(config, evaluation.name, before["overall"]):
                if metric not in results["evaluations"][column][evaluation.name]["overall"]:
                    continue
                c = Comparison("before→after", evaluation.name, metric, "before", column)
                c.excluded = _excluded(analysis, evaluation.name, "before", column)
                _compare(config, results, analysis, c)
                analysis.comparisons.append(c)
        for i, first in enumerate(conditions):
            for second in conditions[i + 1:]:
                if envs.get(first) is None or envs.get(first) != envs.get(second):
                    continue
                for metric in evaluation.labels:
                    tables = [results["evaluations"][x][evaluation.name]["overall"] for x in (first, second)]
                    if not all(metric in t for t in tables):
                        continue
                    c = Comparison("between conditions", evaluation.name, metric, first, second)
                    c.excluded = _excluded(analysis, evaluation.name, first, second)
                    _compare(config, results, analysis, c)
                    analysis.comparisons.append(c)
    _probe_comparisons(results, analysis)

    family = [c for c in analysis.comparisons if not c.excluded and math.isfinite(c.p)]
    adjusted = holm([c.p for c in family])
    for c, p in zip(family, adjusted):
        c.p_holm = p
    analysis.family = len(family)
    analysis.planned = sum(1 for c in analysis.comparisons if math.isfinite(c.p))
    analysis.alpha_min = ALPHA / max(1, analysis.planned)
    for c in analysis.comparisons:
        c.mde = minimum_detectable_effect(c.sd_diff, c.n, analysis.alpha_min, POWER) if c.sd_diff > 0 else float("nan")
    return analysis


def format_mde(c: Comparison, rate: bool) -> str:
    """The MDE cell: the number, or ``n/a (reason)``; rates above 1 say that nothing is detectable.

    Example:
        >>> format_mde(Comparison("probe", "e", "m", "a", "b", n=16, mde=1.2), rate=True)
        '1.20 (more than any possible change)'
        >>> format_mde(Comparison("probe", "e", "m", "a", "b", n=16), rate=False)
        'n/a (no variation in either sample)'
    """
    if not math.isfinite(c.mde):
        why = "no variation in either sample" if c.n else "no data"
        if math.isfinite(c.sd_diff) and c.sd_diff > 0 and c.n < 2:
            why = "fewer than two units"
        return f"n/a ({why})"
    if rate and c.mde >= 1:
        return f"{c.mde:.2f} (more than any possible change)"
    return f"{c.mde:.2f}"


def is_rate_metric(config: ExperimentConfig | None, evaluation: str, metric: str) -> bool:
    """Whether ``metric`` lives in [0, 1] (labels, hedging and probe accuracies).

    Example:
        >>> is_rate_metric(None, "e", "agreed_with_false_belief"), is_rate_metric(None, "e", "true_return")
        (True, False)
    """
    return metric.startswith("probe accuracy") or _is_rate(config, evaluation, metric)
