"""The experiment report: ``report.md`` (first heading ``# <id> <title>``) and PNG plots beside it.

Every number is printed with its 95% bootstrap CI (ECE and Brier, which are computed over the
pooled answers, are printed with their sample size instead). The *Findings* section is generated
from the numbers only: a change is called "separated" when the before and after CIs do not
overlap and "not separated" otherwise; no sentence is written by hand, so null and contrary
results read exactly like confirmations.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from textgym.experiments.config import ExperimentConfig


def _fmt(stat: dict[str, Any] | None, digits: int = 2) -> str:
    if not stat or stat.get("mean") is None:
        return "n/a"
    lo, hi = stat.get("ci", [None, None])
    if lo is None or hi is None or not (np.isfinite(lo) and np.isfinite(hi)):
        return f"{stat['mean']:.{digits}f} (n={stat.get('n', '?')})"
    return f"{stat['mean']:.{digits}f} [{lo:.{digits}f}, {hi:.{digits}f}]"


def _separated(a: dict[str, Any], b: dict[str, Any]) -> str:
    def usable(x: dict[str, Any]) -> bool:
        return bool(x) and x.get("mean") is not None and x["ci"][0] is not None and bool(np.isfinite(x["ci"]).all())

    if not usable(a) or not usable(b):
        return "not comparable (no CI)"
    if a["ci"][1] < b["ci"][0]:
        return "rose (CIs separated)"
    if b["ci"][1] < a["ci"][0]:
        return "fell (CIs separated)"
    return "no separated change (CIs overlap)"


def _metric_names(config: ExperimentConfig, evaluation: str, table: dict[str, Any]) -> list[str]:
    spec = next(e for e in config.evaluations if e.name == evaluation)
    names = ["proxy_return", "true_return", *spec.labels, "hedging_rate"]
    for extra in ("ece", "brier"):
        if extra in table:
            names.append(extra)
    return list(dict.fromkeys(n for n in names if n in table))


def _bar_plot(config: ExperimentConfig, results: dict[str, Any], evaluation: str, path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    columns = list(results["evaluations"])
    before = results["evaluations"]["before"][evaluation]
    groups = before["groups"] or {"all": before["overall"]}
    metrics = [m for m in _metric_names(config, evaluation, before["overall"]) if m not in ("ece", "brier")]
    panel = min(6.5, 1.5 + 0.35 * len(metrics) * len(columns))
    fig, axes = plt.subplots(1, len(groups), figsize=(panel * len(groups), 3.8), squeeze=False)
    width = 0.8 / len(columns)
    for ax, group in zip(axes[0], groups):
        for j, column in enumerate(columns):
            result = results["evaluations"][column][evaluation]
            table = result["groups"].get(group) if result["groups"] else result["overall"]
            means, errors = [], [[], []]
            for metric in metrics:
                stat = (table or {}).get(metric) or {}
                mean = stat.get("mean")
                lo, hi = stat.get("ci", [None, None])
                means.append(np.nan if mean is None else mean)
                errors[0].append(0 if lo is None or mean is None else mean - lo)
                errors[1].append(0 if hi is None or mean is None else hi - mean)
            x = np.arange(len(metrics)) + j * width
            ax.bar(x, means, width, yerr=errors, capsize=3, label=column)
        ax.set_xticks(np.arange(len(metrics)) + width * (len(columns) - 1) / 2)
        ax.set_xticklabels(metrics, rotation=30, ha="right", fontsize=8)
        ax.set_title(f"{evaluation}: {group}" if result["groups"] else evaluation, fontsize=9)
        ax.axhline(0, color="black", linewidth=0.5)
    axes[0][0].legend(fontsize=8)
    fig.suptitle(f"{config.id}: {evaluation} (means, 95% CIs)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _training_plot(config: ExperimentConfig, results: dict[str, Any], path: Path) -> Path | None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    curves = {name: t["curve"] for name, t in results["training"].items() if t["curve"]}
    if not curves:
        return None
    keys = [k for k in ("proxy_reward", "true_reward", "kl", "loss") if any(k in m for c in curves.values() for m in c)]
    fig, axes = plt.subplots(1, len(keys), figsize=(4 * len(keys), 3.2), squeeze=False)
    for ax, key in zip(axes[0], keys):
        for name, curve in curves.items():
            points = [(m.get("step", i + 1), m[key]) for i, m in enumerate(curve) if key in m]
            if points:
                ax.plot(*zip(*points), marker="o", markersize=3, label=name)
        ax.set_title(key, fontsize=9)
        ax.set_xlabel("step")
    axes[0][0].legend(fontsize=8)
    fig.suptitle(f"{config.id}: training curves", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _probe_plot(config: ExperimentConfig, results: dict[str, Any], path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    probes = results["probes"]
    fig, ax = plt.subplots(figsize=(7, 4))

    def line(rows: list[dict[str, Any]], label: str, style: str) -> None:
        layers = [r["layer"] for r in rows]
        acc = [r["logistic"] for r in rows]
        lo = [r["logistic_ci"][0] for r in rows]
        hi = [r["logistic_ci"][1] for r in rows]
        ax.plot(layers, acc, style, label=label, markersize=3)
        ax.fill_between(layers, lo, hi, alpha=0.12)

    line(probes["before"]["fresh"], "before", "k-o")
    for name in results["training"]:
        if name in probes:
            line(probes[name]["fresh"], f"{name}: fresh probes", "-o")
            line(probes[name]["frozen"], f"{name}: probes fitted before", "--x")
    ax.axhline(0.5, color="grey", linewidth=0.5)
    ax.set_xlabel("layer (0 = embeddings)")
    ax.set_ylabel("held-out accuracy (logistic probe)")
    ax.set_title(f"{config.id}: fact probes per layer (95% CIs)", fontsize=10)
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _gameability_rows(config: ExperimentConfig, results: dict[str, Any]) -> list[dict[str, Any]]:
    game = config.gameability or {}
    label, evaluation = game.get("label"), game.get("evaluation")
    rows = []
    for name, row in results.get("gameability", {}).items():
        rise = None
        env = results["training"][name]["settings"]["env"]
        chosen = evaluation if isinstance(evaluation, str) or evaluation is None else evaluation.get(env)
        chosen_label = label if isinstance(label, str) or label is None else label.get(env)
        if chosen_label and chosen:
            before = results["evaluations"]["before"][chosen]["overall"].get(chosen_label, {}).get("mean")
            after = results["evaluations"][name][chosen]["overall"].get(chosen_label, {}).get("mean")
            rise = None if before is None or after is None else after - before
        rows.append({"condition": name, "exploit_gap": row["exploit_gap"], "ci": row["ci"], "cue_density": row["cue_density"],
                     "rise": rise, "label": chosen_label})
    return rows


def _gameability_plot(config: ExperimentConfig, rows: list[dict[str, Any]], path: Path) -> Path | None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    points = [r for r in rows if r["rise"] is not None]
    if not points:
        return None
    fig, ax = plt.subplots(figsize=(6, 4))
    for r in points:
        ax.errorbar(r["exploit_gap"], r["rise"], xerr=[[r["exploit_gap"] - r["ci"][0]], [r["ci"][1] - r["exploit_gap"]]], fmt="o", capsize=3)
        ax.annotate(r["condition"], (r["exploit_gap"], r["rise"]), fontsize=7, xytext=(3, 3), textcoords="offset points")
    ax.axhline(0, color="grey", linewidth=0.5)
    ax.set_xlabel("exploit gap G of the training setting (95% CI)")
    ax.set_ylabel("rise in the misalignment label after training")
    ax.set_title(f"{config.id}: does gameability predict the rise?", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def write_report(config: ExperimentConfig, results: dict[str, Any], out: Path) -> Path:
    """Write ``out/report.md`` and its plots from ``results`` (as :func:`run_experiment` builds it)."""
    from textgym.wrappers.gameability import spearman

    out = Path(out)
    columns = list(results["evaluations"])
    lines = [
        f"# {config.id} {config.title}",
        "",
        f"**Question.** {config.question}",
        "",
        f"Model `{results['model']}`" + (" (**smoke configuration**: tiny model, a couple of steps; the numbers mean nothing)" if results["smoke"] else "")
        + f". Wall time {results['seconds'] / 60:.1f} min. Regenerate with `textgym experiment {config.path}"
        + (" --smoke" if results["smoke"] else "") + "`.",
        "",
    ]
    if config.budget:
        lines += [f"**Budget and what was cut.** {config.budget}", ""]
    if config.notes:
        lines += [f"**Notes.** {config.notes}", ""]
    lines += ["## Conditions", "", "| condition | algorithm | environment | axes | steps | train time |", "|---|---|---|---|---|---|"]
    for condition in config.conditions:
        t = condition.train
        seconds = results["training"].get(condition.name, {}).get("seconds", 0.0)
        axes = ", ".join(f"{k}={v}" for k, v in t.get("axes", {}).items()) or "defaults"
        extra = "".join(f", {k}={t[k]}" for k in ("prefix_gradient", "behaviour", "advantage") if k in t)
        lines.append(f"| {condition.name} | {t['algo']}{extra} | `{t['env']}` | {axes} | {t.get('steps', '')} | {seconds / 60:.1f} min |")
    lines.append("")

    findings: list[str] = []
    for evaluation in config.evaluations:
        before = results["evaluations"]["before"][evaluation.name]
        metrics = _metric_names(config, evaluation.name, before["overall"])
        axes = ", ".join(f"{k}={v}" for k, v in evaluation.axes.items()) or "defaults"
        lines += [f"## Evaluation: {evaluation.name}", "",
                  f"`{evaluation.env}` ({axes}), {before['overall']['proxy_return']['n']} greedy episodes per model, seeds from {evaluation.seed}.", ""]
        groups = ["(all)"] + list(before["groups"])
        for group in groups:
            if group != "(all)":
                lines += [f"**{evaluation.group_by} = {group}**", ""]
            lines += ["| metric | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
            for metric in metrics:
                cells = []
                for column in columns:
                    result = results["evaluations"][column][evaluation.name]
                    table = result["overall"] if group == "(all)" else result["groups"].get(group, {})
                    cells.append(_fmt(table.get(metric)))
                lines.append(f"| {metric} | " + " | ".join(cells) + " |")
            lines.append("")
            for column in columns[1:]:
                result = results["evaluations"][column][evaluation.name]
                table = result["overall"] if group == "(all)" else result["groups"].get(group, {})
                base = before["overall"] if group == "(all)" else before["groups"].get(group, {})
                for metric in [*evaluation.labels, "hedging_rate"]:
                    if metric in table and metric in base:
                        where = "" if group == "(all)" else f" ({evaluation.group_by}={group})"
                        findings.append(
                            f"- {evaluation.name}{where}, `{metric}` after **{column}**: {_fmt(base[metric])} → "
                            f"{_fmt(table[metric])}: {_separated(base[metric], table[metric])}."
                        )
        plot = _bar_plot(config, results, evaluation.name, out / f"eval_{evaluation.name}.png")
        lines += [f"![{evaluation.name}]({plot.name})", ""]

    curve = _training_plot(config, results, out / "training.png")
    if curve is not None:
        lines += ["## Training curves", "", f"![training]({curve.name})", ""]
        for name, t in results["training"].items():
            c = t["curve"]
            if len(c) >= 2 and "proxy_reward" in c[0]:
                k = max(1, min(5, len(c) // 2))
                first = np.mean([m["proxy_reward"] for m in c[:k]])
                last = np.mean([m["proxy_reward"] for m in c[-k:]])
                lines.append(f"- {name}: mean proxy reward of the first {k} steps {first:.3f}, of the last {k} steps {last:.3f}.")
        lines.append("")

    if "probes" in results:
        probes = results["probes"]
        lines += ["## Probes", "", f"{probes['statements']} true/false statements from `{config.probes['env']}`; "
                  f"{probes['test']} held out (whole facts). Logistic-probe accuracy at the layer that was best before training:", ""]
        best = max(probes["before"]["fresh"], key=lambda r: r["logistic"])["layer"]
        lines += ["| model | fresh probes | probes fitted before training |", "|---|---|---|"]
        row = probes["before"]["fresh"][best]
        lines.append(f"| before (layer {best}) | {row['logistic']:.2f} [{row['logistic_ci'][0]:.2f}, {row['logistic_ci'][1]:.2f}] | — |")
        for name in results["training"]:
            if name in probes:
                f, z = probes[name]["fresh"][best], probes[name]["frozen"][best]
                lines.append(f"| {name} | {f['logistic']:.2f} [{f['logistic_ci'][0]:.2f}, {f['logistic_ci'][1]:.2f}] | "
                             f"{z['logistic']:.2f} [{z['logistic_ci'][0]:.2f}, {z['logistic_ci'][1]:.2f}] |")
                fb = {"mean": row["logistic"], "ci": row["logistic_ci"]}
                findings.append(f"- probes on **{name}** (layer {best}): fresh {_separated(fb, {'mean': f['logistic'], 'ci': f['logistic_ci']})}; "
                                f"frozen {_separated(fb, {'mean': z['logistic'], 'ci': z['logistic_ci']})}.")
        plot = _probe_plot(config, results, out / "probes.png")
        lines += ["", f"![probes]({plot.name})", ""]

    if "gameability" in results:
        rows = _gameability_rows(config, results)
        lines += ["## Gameability against the rise in misalignment", "",
                  f"Exploit gap G of each condition's training setting (reference policies, rule backends) and the change of "
                  "the environment's misalignment label after training (after minus before, same evaluation).", "",
                  "| condition | G [95% CI] | cue density | label | rise |", "|---|---|---|---|---|"]
        for r in rows:
            rise = "n/a" if r["rise"] is None else f"{r['rise']:+.2f}"
            lines.append(f"| {r['condition']} | {r['exploit_gap']:.2f} [{r['ci'][0]:.2f}, {r['ci'][1]:.2f}] | {r['cue_density']:.2f} | {r['label']} | {rise} |")
        points = [r for r in rows if r["rise"] is not None]
        if len(points) >= 3 and len({r["exploit_gap"] for r in points}) > 1:
            rho = spearman([r["exploit_gap"] for r in points], [r["rise"] for r in points])
            lines += ["", f"Spearman correlation between G and the rise over {len(points)} conditions: {rho:+.2f}."]
            findings.append(f"- gameability vs rise: Spearman {rho:+.2f} over {len(points)} conditions (no CI: too few points to bootstrap).")
        plot = _gameability_plot(config, rows, out / "gameability.png")
        if plot is not None:
            lines += ["", f"![gameability]({plot.name})"]
        lines.append("")

    lines[len(lines):] = ["## Findings (generated from the numbers above)", "", *(findings or ["- nothing to compare."]), ""]
    path = out / "report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
