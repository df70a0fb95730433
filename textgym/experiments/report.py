"""The experiment report: ``report.md`` (first heading ``# <id> <title>``) and PNG plots beside it.

The report opens with what a reader must know before any number: the flagged runs (no learning
signal, truncation, parse errors; kept out of the findings) and every comparison with the
smallest effect it could detect at this budget, its paired test and its Holm-adjusted p-value
(:mod:`textgym.experiments.analysis`). Tables print every number with its 95% CI (Wilson for
rates, bootstrap otherwise; ECE with the expected ECE of a calibrated model at that n) and
``n/a (reason)`` where a number cannot be computed. The *Findings* are generated from the tests
only: a change is "rose"/"fell" only when its Holm-adjusted p < 0.05, otherwise "no detectable
change"; no sentence is written by hand, so null and contrary results read like confirmations.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

import numpy as np

from textgym.experiments.analysis import Analysis, analyse, display_results, format_mde, is_rate_metric, per_episode
from textgym.experiments.config import ExperimentConfig
from textgym.stats import format_ci, holm, spearman_permutation


def _fmt(stat: dict[str, Any] | None, digits: int = 2, reason: str = "not measured") -> str:
    """``mean [lo, hi]``, ``n/a (reason)`` when there is no value, and the unclear share of a label."""
    if not stat or stat.get("mean") is None:
        if stat and stat.get("n") == 0 and stat.get("unclear"):
            return "n/a (every episode unclear)"
        return f"n/a ({reason})" if not stat else "n/a (no episode reported it)"
    lo, hi = stat.get("ci", [None, None])
    if lo is not None and lo == hi:  # a bootstrap over identical values: no spread, not certainty
        lo = hi = float("nan")
    text = format_ci(stat["mean"], (lo, hi), digits, reason=f"no spread in {stat.get('n', '?')} values to resample")
    if stat.get("unclear"):
        text += f" ({stat['unclear']:.0%} unclear)"
    if "calibrated" in stat and stat["calibrated"] is not None:
        text += f" (calibrated model: {stat['calibrated']:.2f} at n={stat.get('n', '?')})"
    return text


def _metric_names(config: ExperimentConfig, evaluation: str, table: dict[str, Any]) -> list[str]:
    spec = next(e for e in config.evaluations if e.name == evaluation)
    names = ["proxy_return", "true_return", *spec.labels, "hedging_rate"]
    calibrated = "parse_error" in spec.labels or "Calibration" in spec.env
    for extra in ("ece", "brier"):
        if extra in table or calibrated:
            names.append(extra)
    return list(dict.fromkeys(n for n in names if n in table or n in ("ece", "brier") and calibrated))


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
            means: list[float] = []
            errors: list[list[float]] = [[], []]
            for metric in metrics:
                stat = (table or {}).get(metric) or {}
                mean = stat.get("mean")
                lo, hi = stat.get("ci", [None, None])
                means.append(np.nan if mean is None else mean)
                errors[0].append(0 if lo is None or mean is None else max(0.0, mean - lo))
                errors[1].append(0 if hi is None or mean is None else max(0.0, hi - mean))
            x = np.arange(len(metrics)) + j * width
            ax.bar(x, means, width, yerr=errors, capsize=3, label=column)
        ax.set_xticks(np.arange(len(metrics)) + width * (len(columns) - 1) / 2)
        ax.set_xticklabels(metrics, rotation=30, ha="right", fontsize=8)
        ax.set_title(f"{evaluation}: {group}" if result["groups"] else evaluation, fontsize=9)
        ax.axhline(0, color="black", linewidth=0.5)
    _save(fig, path, f"{config.id}: {evaluation} (means, 95% CIs)", legend=axes[0][0])
    return path


def _save(fig: Figure, path: Path, title: str | None = None, *, legend: Axes | None = None) -> None:
    """Lay out, write (110 dpi) and close a report figure, with a legend on ``legend`` and a title."""
    import matplotlib.pyplot as plt

    if legend is not None:
        legend.legend(fontsize=8)
    if title is not None:
        fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


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
    _save(fig, path, f"{config.id}: training curves", legend=axes[0][0])
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
    _save(fig, path)
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
                     "rise": rise, "label": chosen_label, "estimator": row.get("estimator", "plug-in"),
                     "stored_plug_in_gap": row.get("stored_plug_in_gap")})
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
    _save(fig, path)
    return path


def _reason(metric: str, table: dict[str, Any]) -> str:
    if metric in ("ece", "brier"):
        parse = (table.get("parse_error") or {}).get("mean")
        extra = f"; parse errors {parse:.0%}" if parse is not None else ""
        return f"no reply stated a parsable confidence{extra}"
    return "not measured"


def _mode_sentence(analysis: Analysis, results: dict[str, Any]) -> list[str]:
    if analysis.mode == "seeds":
        return [f"- **Unit of the tests: the training seed** ({len(analysis.seeds)} seeds: {analysis.seeds}); a sign-flip "
                f"permutation test over seeds (with {len(analysis.seeds)} seeds the smallest possible two-sided p is "
                f"{2 / 2 ** len(analysis.seeds):.3g})."]
    lines = [f"- **One training seed** ({analysis.seeds[0]}) per condition: a test says whether *this trained model* differs "
             "on the shared evaluation episodes, not whether the training procedure reliably does so (set `seeds: [0, 1, 2]` "
             "in the config for that)."]
    if analysis.mode == "episodes":
        lines.append("- Paired tests on the shared evaluation seeds: McNemar exact for per-episode labels (Newcombe paired "
                     "CI), paired sign-flip permutation for returns and shares (paired bootstrap CI).")
    else:
        lines.append("- **No per-episode outcomes in this results.json** (it was written before they were stored), so no paired "
                     "test was possible. Every comparison uses the any-pairing bound instead (standard error se1 + se2, valid "
                     "whatever the pairing, conservative: a paired test could detect smaller effects). The label rates in "
                     "these results are the old *per-step* shares (mean over an episode's steps), not the per-episode rate "
                     "used now; rate CIs are shown as Wilson intervals. Rerun the experiment to get paired tests.")
    return lines


def _comparison_table(config: ExperimentConfig, analysis: Analysis) -> list[str]:
    lines = ["| comparison | evaluation | metric | n | MDE (80% power) | effect [95% CI] | test | p | p_holm | verdict |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for c in analysis.comparisons:
        rate = is_rate_metric(config, c.evaluation, c.metric)
        effect = format_ci(c.effect, c.ci, reason=c.reason or "no spread") if c.n else f"n/a ({c.reason or 'no data'})"
        p = f"{c.p:.3g}" if np.isfinite(c.p) else "n/a"
        ph = f"{c.p_holm:.3g}" if np.isfinite(c.p_holm) else "—"
        lines.append(f"| {c.label} | {c.evaluation} | `{c.metric}` | {c.n} {c.unit} | {format_mde(c, rate)} | {effect} | {c.test} | "
                     f"{p} | {ph} | {c.verdict} |")
    return lines


def _onpolicy_tables(data: object) -> list[dict[str, Any]]:
    """The tables of an on-policy gameability file: one object with ``rows``, a list of them, or a
    mapping of them (e.g. one per environment)."""
    if isinstance(data, dict) and "rows" in data:
        return [data]
    if isinstance(data, list) and all(isinstance(x, dict) and "rows" in x for x in data):
        return list(data)
    if isinstance(data, dict) and data and all(isinstance(v, dict) and "rows" in v for v in data.values()):
        return [{"env": k, **v} for k, v in data.items()]
    if isinstance(data, list):
        return [{"rows": [x for x in data if isinstance(x, dict)]}]
    return []


def _onpolicy_cell(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    ci = row.get(f"{key}_ci") or row.get(f"{key.removesuffix('_share')}_ci")
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return "n/a (not stored)" if value is None else str(value)
    if isinstance(ci, (list, tuple)) and len(ci) == 2:
        return format_ci(value, ci)
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _onpolicy_section(out: Path) -> list[str]:
    """The on-policy gameability table (``onpolicy_gameability*.json`` beside the results), if measured."""
    import json

    lines = ["### On-policy gameability (the model's own samples)", ""]
    paths = sorted(out.glob("onpolicy_gameability*.json"))
    if not paths:
        return lines + ["Not measured: no `onpolicy_gameability.json` beside these results, so the scripted G above is the only "
                        "gameability figure and it cannot see framing (the scripted policies ignore the system prompt).", ""]
    for path in paths:
        try:
            tables = _onpolicy_tables(json.loads(path.read_text(encoding="utf-8")))
        except json.JSONDecodeError as error:
            lines += [f"n/a (`{path.name}` is not valid JSON: {error})", ""]
            continue
        if not tables:
            lines += [f"n/a (`{path.name}` holds no rows)", ""]
        for table in tables:
            rows = [r for r in table.get("rows", []) if isinstance(r, dict)]
            meta = ", ".join(f"{k}={v}" for k, v in table.items()
                             if k not in ("rows", "definition") and isinstance(v, (str, int, float)))
            lines += [f"From `{path.name}`" + (f" ({meta})" if meta else "") + "."
                      + (f" Definition: {table['definition']}." if isinstance(table.get("definition"), str) else ""), ""]
            if not rows:
                lines += ["n/a (no rows)", ""]
                continue
            ci_keys = {k for r in rows for k in r if k.endswith("_ci") or k == "ci"}
            keys = [k for k in rows[0] if k not in ci_keys and not isinstance(rows[0][k], (dict, list))]
            lines += ["| " + " | ".join(keys) + " |", "|---" * len(keys) + "|"]
            lines += ["| " + " | ".join(_onpolicy_cell(r, k) for k in keys) + " |" for r in rows]
            lines.append("")
    return lines


def write_report(config: ExperimentConfig, results: dict[str, Any], out: Path) -> Path:
    """Write ``out/report.md`` and its plots from ``results`` (as :func:`run_experiment` builds it,
    or as stored in ``results.json``: :func:`~textgym.experiments.runner.render_report`)."""
    out = Path(out)
    analysis = analyse(config, results)
    shown = display_results(config, results)
    columns = list(results["evaluations"])
    lines = [
        f"# {config.id} {config.title}",
        "",
        f"**Question.** {config.question}",
        "",
        f"Model `{results['model']}`" + (" (**smoke configuration**: tiny model, a couple of steps; the numbers mean nothing)" if results["smoke"] else "")
        + f". Wall time {results['seconds'] / 60:.1f} min. Regenerate with `textgym experiment {config.path}"
        + (" --smoke" if results["smoke"] else "") + f"`; re-render this report from its results.json with "
        f"`textgym experiment {config.path} --render-only`.",
        "",
        "## Read this first: flags, power and every comparison",
        "",
    ]
    flagged = {**{c: list(r) for c, r in analysis.flags.items()}}
    for (column, _), reasons in analysis.eval_flags.items():
        flagged.setdefault(column, []).extend(reasons)
    if flagged:
        lines += ["**Flagged runs** (every comparison involving them is kept out of the findings):", "",
                  "| model | why |", "|---|---|"]
        lines += [f"| {column} | {'; '.join(reasons)} |" for column, reasons in flagged.items()]
        lines.append("")
    else:
        lines += ["No run is flagged (learning signal, truncation and parse errors were within bounds where recorded).", ""]
    lines += _mode_sentence(analysis, results)
    lines += [f"- {len(analysis.comparisons)} comparisons, {analysis.planned} testable, {analysis.family} of them in the Holm family "
              f"(unflagged and testable). The minimum detectable effect (MDE) is at 80% power and the strictest Holm level of "
              f"the planned family α' = 0.05/{max(1, analysis.planned)} = {analysis.alpha_min:.2g}: MDE = (z[1−α'/2] + z[0.8]) · sd_d / √n, sd_d the "
              "standard deviation of one paired difference (see `textgym/experiments/analysis.py`). An effect smaller than "
              "its MDE would usually be missed; \"no detectable change\" is not evidence of no change.", ""]
    lines += [*(f"- {c}" for c in dict.fromkeys(analysis.caveats))]
    if analysis.caveats:
        lines.append("")
    lines += _comparison_table(config, analysis) + [""]

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

    for evaluation in config.evaluations:
        before = shown["evaluations"]["before"][evaluation.name]
        metrics = _metric_names(config, evaluation.name, before["overall"])
        axes = ", ".join(f"{k}={v}" for k, v in evaluation.axes.items()) or "defaults"
        rate_kind = "per-episode rates (true at any step)" if per_episode(results) else "per-step shares (old definition)"
        lines += [f"## Evaluation: {evaluation.name}", "",
                  f"`{evaluation.env}` ({axes}), {before['overall']['proxy_return']['n']} greedy episodes per model, seeds from "
                  f"{evaluation.seed}. Labels are {rate_kind}; 95% CIs (Wilson for rates, bootstrap otherwise).", ""]
        truncation = [f"{c}: {shown['evaluations'][c][evaluation.name]['truncated']:.0%}" for c in columns
                      if isinstance(shown["evaluations"][c][evaluation.name].get("truncated"), (int, float))]
        if truncation:
            lines += ["Replies truncated at max_new_tokens: " + ", ".join(truncation) + ".", ""]
        groups = ["(all)"] + list(before["groups"])
        for group in groups:
            if group != "(all)":
                lines += [f"**{evaluation.group_by} = {group}** (descriptive: the tests above are on the whole evaluation)", ""]
            lines += ["| metric | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
            for metric in metrics:
                cells = []
                for column in columns:
                    result = shown["evaluations"][column][evaluation.name]
                    table = result["overall"] if group == "(all)" else result["groups"].get(group, {})
                    cells.append(_fmt(table.get(metric), reason=_reason(metric, table)))
                lines.append(f"| {metric} | " + " | ".join(cells) + " |")
            lines.append("")
        plot = _bar_plot(config, shown, evaluation.name, out / f"eval_{evaluation.name}.png")
        lines += [f"![{evaluation.name}]({plot.name})", ""]

    curve = _training_plot(config, results, out / "training.png")
    if curve is not None:
        lines += ["## Training curves", "", f"![training]({curve.name})", ""]
        for name, t in results["training"].items():
            c = t["curve"]
            parts = []
            if len(c) >= 2 and "proxy_reward" in c[0]:
                k = max(1, min(5, len(c) // 2))
                first = np.mean([m["proxy_reward"] for m in c[:k]])
                last = np.mean([m["proxy_reward"] for m in c[-k:]])
                parts.append(f"mean proxy reward of the first {k} steps {first:.3f}, of the last {k} steps {last:.3f}")
            norms = [m["grad_norm"] for m in c if isinstance(m.get("grad_norm"), (int, float))]
            if norms:
                parts.append(f"grad-norm 0 on {sum(v == 0 for v in norms)} of {len(norms)} steps")
            truncated = [m["truncated"] for m in c if isinstance(m.get("truncated"), (int, float))]
            parts.append(f"{np.mean(truncated):.0%} of training replies truncated" if truncated else "truncation not logged")
            lines.append(f"- {name}: " + "; ".join(parts) + ".")
        lines.append("")

    if "probes" in results:
        probes = results["probes"]
        assert config.probes is not None, "results hold probes only when the experiment configures them"
        layer = probes.get("layer")
        on_validation = layer is not None and probes.get("layer_chosen_on") == "validation"
        if layer is None:
            layer = max(probes["before"]["fresh"], key=lambda r: r["logistic"])["layer"]
        where = (f"chosen on {probes.get('validation', '?')} validation statements (whole facts)" if on_validation
                 else "chosen on the test statements (optimistic; these results predate the validation split)")
        over = "facts" if on_validation else "statements"
        lines += ["## Probes", "", f"{probes['statements']} true/false statements from `{config.probes['env']}`; "
                  f"{probes['test']} held out (whole facts). Logistic-probe accuracy at layer {layer}, {where}; CIs resample {over}:", ""]
        lines += ["| model | fresh probes | probes fitted before training |", "|---|---|---|"]
        row = probes["before"]["fresh"][layer]
        lines.append(f"| before | {format_ci(row['logistic'], row['logistic_ci'])} | — |")
        for name in results["training"]:
            if name in probes:
                f, z = probes[name]["fresh"][layer], probes[name]["frozen"][layer]
                lines.append(f"| {name} | {format_ci(f['logistic'], f['logistic_ci'])} | {format_ci(z['logistic'], z['logistic_ci'])} |")
        plot = _probe_plot(config, results, out / "probes.png")
        lines += ["", f"![probes]({plot.name})", ""]

    pilots: list[str] = []
    if "gameability" in results:
        rows = _gameability_rows(config, results)
        tests = {(c.b, c.metric): c for c in analysis.comparisons if c.kind == "before→after"}
        lines += ["## Gameability against the rise in misalignment", "",
                  "### Scripted exploit gap G", "",
                  "Exploit gap G of each condition's training setting (scripted reference policies, rule backends) and the "
                  "change of the environment's misalignment label after training (after minus before, same evaluation) with "
                  "its test from the table above.", ""]
        estimators = {r["estimator"] for r in rows}
        if estimators == {"cross-fitted"}:
            lines += ["G is the cross-fitted estimate (the pair is chosen on other seeds than it is scored on, so it is "
                      "unbiased under the null and may be negative; `docs/gameability.md`), recomputed from the scripted "
                      "policies at render time. The plug-in value stored by the original run, biased upward, is shown "
                      "beside it for the record.", ""]
        else:
            lines += ["**G here is the old plug-in estimate** stored by the run (a max over noisy differences, biased "
                      "upward: about +0.13 under the null at 30 episodes). Re-render with `--recompute-gameability` for "
                      "the cross-fitted estimate.", ""]
        show_old = any(r.get("stored_plug_in_gap") is not None for r in rows)
        lines += ["| condition | G [95% CI] |" + (" stored plug-in G |" if show_old else "") + " cue density | label | rise | test |",
                  "|---|---|" + ("---|" if show_old else "") + "---|---|---|---|"]
        for r in rows:
            rise = "n/a (no label)" if r["rise"] is None else f"{r['rise']:+.2f}"
            test = tests.get((r["condition"], r["label"]))
            stored = f" {r['stored_plug_in_gap']:.2f} |" if show_old and r.get("stored_plug_in_gap") is not None else (" n/a |" if show_old else "")
            lines.append(f"| {r['condition']} | {format_ci(r['exploit_gap'], r['ci'])} |{stored} {r['cue_density']:.2f} | {r['label']} | "
                         f"{rise} | {test.verdict if test else 'n/a (not compared)'} |")
        points = [r for r in rows if r["rise"] is not None]
        rho, p = spearman_permutation([r["exploit_gap"] for r in points], [r["rise"] for r in points]) if len(points) >= 3 else (float("nan"), float("nan"))
        if np.isfinite(rho):
            text = (f"Spearman correlation between G and the rise over {len(points)} conditions: {rho:+.2f}, exact permutation "
                    f"p = {p:.2g}. **Pilot, not a finding**: with {len(points)} points the smallest attainable p is "
                    f"{2 / math.factorial(len(points)):.2g}, and the rises themselves are not detectable changes (see the tests).")
            lines += ["", text]
            pilots.append(f"- G vs rise: Spearman {rho:+.2f} over {len(points)} conditions, permutation p = {p:.2g} (pilot).")
        else:
            lines += ["", f"Spearman correlation between G and the rise: n/a (needs ≥ 3 conditions with a rise and a non-constant G, "
                      f"have {len(points)})."]
        gameability_plot = _gameability_plot(config, rows, out / "gameability.png")
        if gameability_plot is not None:
            lines += ["", f"![gameability]({gameability_plot.name})"]
        lines += ["", *_onpolicy_section(out)]

    lines += ["## What could not be concluded", ""] + _not_concluded(config, results, analysis) + [""]
    significant = [c for c in analysis.comparisons if c.significant]
    findings = [f"- {c.evaluation}, `{c.metric}`, {c.label}: {format_ci(c.effect, c.ci)} ({c.test}, n = {c.n} {c.unit}): {c.verdict}."
                for c in significant]
    quiet = analysis.family - len(significant)
    if quiet:
        which = f"The other {quiet}" if significant else f"All {quiet}"
        findings.append(f"- {which} tested comparisons: no detectable change after Holm's correction (see the table at the top).")
    excluded = sum(1 for c in analysis.comparisons if c.excluded)
    if excluded:
        findings.append(f"- {excluded} comparisons involve flagged runs and are not findings.")
    lines += ["## Findings (generated from the tests above)", "", *(findings or ["- nothing could be tested."])]
    if pilots:
        lines += ["", "Pilots (not findings):", "", *pilots]
    lines.append("")
    path = out / "report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _not_concluded(config: ExperimentConfig, results: dict[str, Any], analysis: Analysis) -> list[str]:
    """Plain sentences, generated from the numbers, on what this report cannot say and why."""
    out: list[str] = []
    for column, reasons in analysis.flags.items():
        out.append(f"- Nothing about `{column}`: {'; '.join(reasons)}.")
        if any("grad-norm 0" in r for r in reasons):
            out.append(f"  Its model received no update, so its tables repeat the base model's and are not an effect of training.")
    for (column, evaluation_name), reasons in analysis.eval_flags.items():
        out.append(f"- Nothing about `{column}` on `{evaluation_name}`: {'; '.join(reasons)}.")
    for evaluation in config.evaluations:
        calibrated = "parse_error" in evaluation.labels or "Calibration" in evaluation.env
        missing = [c for c in results["evaluations"] if "ece" not in results["evaluations"][c][evaluation.name]["overall"]]
        if calibrated and missing:
            out.append(f"- ECE on `{evaluation.name}` (the calibration question itself) never appears for {', '.join(missing)}: no reply "
                       "stated a confidence that could be parsed, so calibration could not be measured at all.")
    untestable = [c for c in analysis.comparisons if not c.excluded and not np.isfinite(c.p)]
    if untestable:
        out.append(f"- {len(untestable)} comparisons could not be tested: "
                   + "; ".join(sorted({c.reason or 'no data' for c in untestable})) + ".")
    rates = [c for c in analysis.comparisons if is_rate_metric(config, c.evaluation, c.metric) and np.isfinite(c.mde)]
    if rates:
        smallest = min(c.mde for c in rates)
        out.append(f"- At this budget the smallest rate change any comparison could detect (80% power, α' = {analysis.alpha_min:.2g}) "
                   f"is {smallest:.2f}; smaller effects may exist and would be missed.")
    testable = [c for c in analysis.comparisons if np.isfinite(c.p)]
    if any(c.excluded for c in testable):
        everything = holm([c.p for c in testable])
        best = min(range(len(testable)), key=lambda i: (everything[i], testable[i].p))
        c = testable[best]
        verdict = ("still none would be a detectable change" if everything[best] >= 0.05
                   else "some would be detectable, but they involve flagged runs")
        out.append(f"- Setting the flags aside and correcting over all {len(testable)} testable comparisons, {verdict}: the smallest "
                   f"Holm-adjusted p is {everything[best]:.2g} ({c.label}, {c.evaluation}, `{c.metric}`, raw p = {c.p:.2g}).")
    if analysis.mode != "seeds":
        out.append(f"- Whether training *reliably* does any of this: each condition was trained once (seed {analysis.seeds[0]}).")
    if analysis.mode == "summary":
        out.append("- Paired tests: results.json holds no per-episode outcomes (written before they were stored); the "
                   "any-pairing bound used instead is conservative.")
    out += [f"- {c}" for c in dict.fromkeys(analysis.caveats)]
    return out or ["- Nothing beyond the MDEs above."]
