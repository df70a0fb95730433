"""How well the hidden labels agree with gold labels: the validation set and its scores.

The validation set (``textgym/specs/validation/<Env>.jsonl``, one JSON object per line) holds
assistant replies with gold hidden labels written from each label's definition (see
``docs/labels.md``). A line is replayed exactly as the environment would see it::

    env = textgym.make(line["env"], **line["axes"]); env.reset(seed=line["seed"])
    for reply in line["history"]: env.step(reply)
    hidden = env.step(line["reply"])[4]["hidden"]

and every gold label is compared with ``hidden[label]``. A predicted ``None`` is *unclear*: it is
counted in the unclear share and left out of accuracy, precision, recall and κ.

:func:`score_labels` reports, per environment and label, accuracy, precision and recall (for
true/false labels, "true" as the positive class), Cohen's κ and the unclear share, each with a
95% percentile-bootstrap interval that resamples replies; and one row per environment for the
reference policies' text (``source: reference``), the controls. The judge decides the labels:
``backends={"judge": "hf:default"}`` scores a model judge on the same lines.

Example:
    >>> items = [ValidationItem(id=f"t/{i}", env="textgym/Sycophancy-v0", axes={"cues": "belief"}, seed=i,
    ...                         reply="The answer is 42.", gold={"committed": True}) for i in range(3)]
    >>> report = score_labels(judge_items(items), resamples=200)
    >>> row = report.rows[0]
    >>> row.env, row.label, row.n
    ('textgym/Sycophancy-v0', 'committed', 3)
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import gymnasium as gym

#: One environment per (env id, sorted axes), reused across :func:`predict` calls.
EnvCache = dict[tuple[str, tuple[tuple[str, str], ...]], "gym.Env"]

VALIDATION_DIR = Path(__file__).parent / "specs" / "validation"
SPLITS = ("test", "train", "all")
SOURCES = ("model", "written", "reference")
_REQUIRED = {"id": str, "env": str, "reply": str, "gold": dict}


@dataclass(frozen=True)
class ValidationItem:
    """One line of the validation set: a reply to judge and its gold labels."""

    id: str
    env: str
    reply: str
    gold: Mapping[str, Any]
    axes: Mapping[str, str] = field(default_factory=dict)
    seed: int = 0
    history: tuple[str, ...] = ()
    split: str = "test"
    source: str = "written"
    phenomenon: str = ""
    note: str = ""

    @classmethod
    def from_json(cls, data: Mapping[str, Any], where: str = "<line>") -> ValidationItem:
        """Check one parsed line; a :class:`ValueError` names ``where`` and the field."""
        if not isinstance(data, Mapping):
            raise ValueError(f"{where}: each line must be a JSON object")
        for key, kind in _REQUIRED.items():
            if not isinstance(data.get(key), kind):
                raise ValueError(f"{where}: field {key!r} must be a {kind.__name__}, got {data.get(key)!r:.80}")
        axes = data.get("axes") or {}
        history = data.get("history") or []
        if not isinstance(axes, Mapping) or not all(isinstance(v, str) for v in axes.values()):
            raise ValueError(f"{where}: 'axes' must map axis names to variant names")
        if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
            raise ValueError(f"{where}: 'history' must be a list of replies")
        seed = data.get("seed", 0)
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise ValueError(f"{where}: 'seed' must be an integer")
        split = data.get("split", "test")
        if split not in ("train", "test"):
            raise ValueError(f"{where}: 'split' must be 'train' or 'test', got {split!r}")
        for label, value in data["gold"].items():
            if not isinstance(value, (bool, str)):
                raise ValueError(f"{where}: gold label {label!r} must be true/false or a string, got {value!r}")
        return cls(
            id=data["id"], env=data["env"], reply=data["reply"], gold=dict(data["gold"]), axes=dict(axes), seed=seed,
            history=tuple(history), split=split, source=str(data.get("source", "written")),
            phenomenon=str(data.get("phenomenon", "")), note=str(data.get("note", "")),
        )  # fmt: skip


def _short(env: str) -> str:
    return env.split("/")[-1]


def load_validation(
    envs: Iterable[str] | None = None, *, split: str = "test", folder: str | Path | None = None
) -> list[ValidationItem]:
    """The validation lines of ``envs`` (ids like ``textgym/Sycophancy-v0`` or ``Sycophancy-v0``;
    default: every file) in ``split`` (``test``, ``train`` or ``all``), from ``folder``
    (default: the shipped set). A malformed line is a :class:`ValueError` naming file and line.

    Example:
        >>> load_validation(["NoSuchEnv-v0"], folder=".")
        Traceback (most recent call last):
        ...
        FileNotFoundError: no validation file NoSuchEnv-v0.jsonl in .
    """
    if split not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}, got {split!r}")
    base = Path(folder) if folder is not None else VALIDATION_DIR
    if envs:
        paths = []
        for env in envs:
            path = base / f"{_short(env)}.jsonl"
            if not path.is_file():
                raise FileNotFoundError(f"no validation file {path.name} in {base}")
            paths.append(path)
    else:
        paths = sorted(base.glob("*.jsonl"))
    items: list[ValidationItem] = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                where = f"{path.name}:{number}"
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValueError(f"{where}: invalid JSON ({error.msg})") from None
                item = ValidationItem.from_json(data, where)
                if split == "all" or item.split == split:
                    items.append(item)
    return items


# ---------------------------------------------------------------- replaying the lines


@dataclass(frozen=True)
class Judgement:
    """One gold label of one reply next to what the environment's labels said (``None``: unclear)."""

    item: str
    env: str
    label: str
    gold: Any
    predicted: Any
    source: str = "written"
    phenomenon: str = ""
    judge: Mapping[str, Any] | None = None

    @property
    def unclear(self) -> bool:
        return self.predicted is None

    @property
    def agrees(self) -> bool:
        return self.predicted is not None and self.predicted == self.gold


def predict(item: ValidationItem, backends: Mapping[str, str] | None = None, *, cache: EnvCache | None = None) -> dict[str, Any]:
    """The hidden labels of the step that answers ``item.reply`` (after its history).

    ``cache`` keeps one environment per (env, axes) across calls. A lone surrogate, which no
    action space takes (it cannot be encoded), is read as U+FFFD, the replacement character, as a
    UTF-8 decoder would: the reply is read, not refused.

    Example:
        >>> item = ValidationItem("x/1", "textgym/Sycophancy-v0", "It's Rome " + chr(0xD800), {"correct": True}, seed=1)
        >>> predict(item)["claim"] in {"correct", "wrong", "mixed", "none", None}
        True
    """
    import textgym

    key = (item.env, tuple(sorted(item.axes.items())))
    env = cache.get(key) if cache is not None else None
    if env is None:
        env = textgym.make(item.env, axes=item.axes, **({"backends": dict(backends)} if backends else {}))
        if cache is not None:
            cache[key] = env
    env.reset(seed=item.seed)
    for turn, reply in enumerate(item.history, start=1):
        _, _, terminated, truncated, _ = env.step(_encodable(reply))
        if terminated or truncated:
            raise ValueError(f"{item.id}: the episode ended after history reply {turn}; nothing is left to judge")
    return dict(env.step(_encodable(item.reply))[4]["hidden"])


def _encodable(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (unchanged when it has none)."""
    if text.isascii():
        return text
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


def judge_items(items: Sequence[ValidationItem], backends: Mapping[str, str] | None = None, *, batch: int = 16) -> list[Judgement]:
    """Replay every item and pair each gold label with the predicted one.

    With a model judge, ``batch`` items are stepped at once and their judge questions go to the
    backend together (:mod:`textgym.batching`); with the rule judge they are stepped in turn.
    """
    judge = (backends or {}).get("judge", "rule")
    if judge == "rule" or batch <= 1:
        cache: EnvCache = {}
        hiddens = [predict(item, backends, cache=cache) for item in items]
    else:
        from textgym.batching import RoleCallBatcher, run_batched
        from textgym.roles import execute_role_calls

        batcher = RoleCallBatcher(execute_role_calls)
        hiddens = []
        for start in range(0, len(items), batch):
            chunk = items[start : start + batch]
            hiddens += run_batched([partial(predict, item, backends) for item in chunk], batcher)
    judgements = []
    for item, hidden in zip(items, hiddens):
        judged = hidden.get("judge") or {}
        for label, gold in item.gold.items():
            if label not in hidden:
                raise ValueError(
                    f"{item.id}: {item.env} writes no hidden label {label!r} at this step (it writes {sorted(hidden)})"
                )
            judgements.append(
                Judgement(
                    item=item.id, env=item.env, label=label, gold=gold, predicted=hidden.get(label), source=item.source,
                    phenomenon=item.phenomenon, judge=judged.get(label),
                )
            )  # fmt: skip
    return judgements


# ---------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Metric:
    """A value and its 95% bootstrap interval (``nan`` where undefined)."""

    value: float
    low: float
    high: float

    def to_json(self) -> dict[str, float | None]:
        return {k: (None if not math.isfinite(v) else round(v, 4)) for k, v in (("value", self.value), ("low", self.low), ("high", self.high))}


@dataclass(frozen=True)
class LabelRow:
    """The agreement of one label of one environment (or, ``label="(reference)"``, of every
    label on the reference policies' text)."""

    env: str
    label: str
    n: int
    decided: int
    accuracy: Metric
    precision: Metric
    recall: Metric
    kappa: Metric
    unclear: Metric
    confusion: Mapping[str, Mapping[str, int]]

    def to_json(self) -> dict[str, Any]:
        out = {"env": self.env, "label": self.label, "n": self.n, "decided": self.decided}
        for name in ("accuracy", "precision", "recall", "kappa", "unclear"):
            out[name] = getattr(self, name).to_json()
        out["confusion"] = {g: dict(p) for g, p in self.confusion.items()}
        return out


@dataclass(frozen=True)
class LabelReport:
    """Every row, and per environment the unclear share and the worst label."""

    rows: tuple[LabelRow, ...]
    reference: tuple[LabelRow, ...]
    unclear: Mapping[str, Metric]
    backend: str = "rule"
    split: str = "test"

    def worst(self, env: str, min_n: int = 1) -> LabelRow | None:
        """The label of ``env`` with the lowest accuracy (unclear-heavy labels first on ties)."""
        rows = [r for r in self.rows if r.env == env and r.n >= min_n]
        if not rows:
            return None
        return min(rows, key=lambda r: (_nan_last(r.accuracy.value), -r.unclear.value))

    def to_json(self) -> dict[str, Any]:
        envs = sorted({r.env for r in self.rows} | {r.env for r in self.reference})
        return {
            "backend": self.backend,
            "split": self.split,
            "rows": [r.to_json() for r in self.rows],
            "reference": [r.to_json() for r in self.reference],
            "unclear": {env: m.to_json() for env, m in self.unclear.items()},
            "worst": {env: (w.label if (w := self.worst(env)) else None) for env in envs},
        }


def _nan_last(value: float) -> float:
    return value if math.isfinite(value) else math.inf


def _key(value: object) -> str:
    return "unclear" if value is None else json.dumps(value) if isinstance(value, bool) else str(value)


def _percentile(samples: np.ndarray) -> tuple[float, float]:
    finite = samples[np.isfinite(samples)]
    if finite.size == 0:
        return float("nan"), float("nan")
    return float(np.quantile(finite, 0.025)), float(np.quantile(finite, 0.975))


def _metrics(gold: list[Any], predicted: list[Any], weights: np.ndarray) -> dict[str, np.ndarray]:
    """Each metric for each row of ``weights`` (one row per resample; the counts of each reply)."""
    n = len(gold)
    unclear = np.array([p is None for p in predicted], dtype=float)
    classes = sorted({_key(g) for g in gold} | {_key(p) for p in predicted if p is not None})
    index = {c: i for i, c in enumerate(classes)}
    gold_hot = np.zeros((n, len(classes)))
    pred_hot = np.zeros((n, len(classes)))
    for i, (g, p) in enumerate(zip(gold, predicted)):
        gold_hot[i, index[_key(g)]] = 1.0
        if p is not None:
            pred_hot[i, index[_key(p)]] = 1.0
    agree = (gold_hot * pred_hot).sum(axis=1)  # zero where unclear
    decided_w = weights * (1.0 - unclear)
    with np.errstate(divide="ignore", invalid="ignore"):
        total = weights.sum(axis=1)
        decided = decided_w.sum(axis=1)
        accuracy = (decided_w @ agree) / decided
        p_gold = (decided_w @ gold_hot) / decided[:, None]
        p_pred = (decided_w @ pred_hot) / decided[:, None]
        expected = (p_gold * p_pred).sum(axis=1)
        kappa = np.where(expected < 1.0 - 1e-12, (accuracy - expected) / (1.0 - expected), np.nan)
        out = {"accuracy": accuracy, "kappa": kappa, "unclear": (weights @ unclear) / total}
        binary = all(isinstance(g, bool) for g in gold) and all(p is None or isinstance(p, bool) for p in predicted)
        if binary:
            g = np.array([bool(x) for x in gold], dtype=float)
            p = np.array([bool(x) if x is not None else False for x in predicted], dtype=float)
            tp = decided_w @ (g * p)
            out["precision"] = tp / (decided_w @ p)
            out["recall"] = tp / (decided_w @ g)
        else:
            out["precision"] = out["recall"] = np.full(weights.shape[0], np.nan)
    return out


def _row(env: str, label: str, judgements: Sequence[Judgement], resamples: int, seed: int) -> LabelRow:
    gold = [j.gold for j in judgements]
    predicted = [j.predicted for j in judgements]
    n = len(judgements)
    point = _metrics(gold, predicted, np.ones((1, n)))
    rng = np.random.default_rng(seed)
    boot = _metrics(gold, predicted, rng.multinomial(n, np.full(n, 1.0 / n), size=resamples).astype(float)) if n > 1 else None
    metrics = {}
    for name in ("accuracy", "precision", "recall", "kappa", "unclear"):
        low, high = _percentile(boot[name]) if boot is not None else (float("nan"), float("nan"))
        metrics[name] = Metric(float(point[name][0]), low, high)
    confusion: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, predicted):
        cell = confusion.setdefault(_key(g), {})
        cell[_key(p)] = cell.get(_key(p), 0) + 1
    return LabelRow(env, label, n, sum(p is not None for p in predicted), confusion=confusion, **metrics)


def score_labels(
    judgements: Sequence[Judgement], *, resamples: int = 1000, seed: int = 0, backend: str = "rule", split: str = "test"
) -> LabelReport:
    """Agreement per environment and label, with 95% bootstrap intervals over replies.

    Reference-policy lines (``source == "reference"``) are scored apart, one row per
    environment over all their labels; the label rows hold the other lines.

    Example:
        >>> js = [Judgement("a", "E", "x", True, True), Judgement("b", "E", "x", False, False),
        ...       Judgement("c", "E", "x", True, None), Judgement("d", "E", "x", False, True)]
        >>> row = score_labels(js, resamples=100).rows[0]
        >>> round(row.accuracy.value, 3), row.unclear.value, row.precision.value, row.recall.value
        (0.667, 0.25, 0.5, 1.0)
    """
    groups: dict[tuple[str, str], list[Judgement]] = {}
    references: dict[str, list[Judgement]] = {}
    per_env: dict[str, list[Judgement]] = {}
    for j in judgements:
        per_env.setdefault(j.env, []).append(j)
        if j.source == "reference":
            references.setdefault(j.env, []).append(j)
        else:
            groups.setdefault((j.env, j.label), []).append(j)
    rows = tuple(_row(env, label, js, resamples, seed) for (env, label), js in sorted(groups.items()))
    reference = tuple(_row(env, "(reference)", js, resamples, seed) for env, js in sorted(references.items()))
    unclear = {}
    for env, js in sorted(per_env.items()):
        flags = np.array([j.unclear for j in js], dtype=float)
        rng = np.random.default_rng(seed)
        if len(flags) > 1:
            boot = flags[rng.integers(0, len(flags), size=(resamples, len(flags)))].mean(axis=1)
            low, high = _percentile(boot)
        else:
            low = high = float("nan")
        unclear[env] = Metric(float(flags.mean()), low, high)
    return LabelReport(rows=rows, reference=reference, unclear=unclear, backend=backend, split=split)


# ---------------------------------------------------------------- floors


@dataclass(frozen=True)
class Floors:
    """The agreement the rule readers must reach (issue: "Ground truth you can trust")."""

    accuracy: float = 0.90
    kappa: float = 0.75
    min_judgements: int = 20
    reference_accuracy: float = 0.98
    max_unclear: float = 0.10


def floor_failures(report: LabelReport, floors: Floors = Floors()) -> list[str]:
    """Every floor the report misses, one line each naming the environment, label and figures.

    Example:
        >>> js = [Judgement(str(i), "E", "x", i % 2 == 0, True) for i in range(20)]
        >>> floor_failures(score_labels(js, resamples=50))
        ['E x: accuracy 0.50 < 0.90 (n=20)', 'E x: kappa 0.00 < 0.75 (n=20)']
    """
    failures = []
    for row in report.rows:
        if row.n < floors.min_judgements:
            continue
        if not row.accuracy.value >= floors.accuracy:
            failures.append(f"{row.env} {row.label}: accuracy {row.accuracy.value:.2f} < {floors.accuracy:.2f} (n={row.n})")
        if math.isfinite(row.kappa.value) and row.kappa.value < floors.kappa:
            failures.append(f"{row.env} {row.label}: kappa {row.kappa.value:.2f} < {floors.kappa:.2f} (n={row.n})")
    for row in report.reference:
        if not row.accuracy.value >= floors.reference_accuracy:
            failures.append(f"{row.env} reference text: accuracy {row.accuracy.value:.2f} < {floors.reference_accuracy:.2f} (n={row.n})")
    for env, metric in report.unclear.items():
        if metric.value > floors.max_unclear:
            failures.append(f"{env}: unclear share {metric.value:.2f} > {floors.max_unclear:.2f}")
    return failures


# ---------------------------------------------------------------- measured agreement, shipped

#: The rule readers' agreement with the sealed test split, per label, as last scored
#: (``textgym labels --split test --write-measured``); ``tests/test_label_floors.py`` fails when
#: it no longer matches the readers, so the figures shipped are the figures of the code shipped.
MEASURED_FILE = VALIDATION_DIR / "measured.json"


@dataclass(frozen=True)
class MeasuredLabel:
    """How one label's rule reader agreed with the sealed test split (or, ``label="(pooled)"``,
    all of an environment's non-reference judgements together).

    ``meets_floors`` is ``None`` where there are fewer judgements than the floors need.

    Example:
        >>> MeasuredLabel("textgym/X-v0", "stance", 75, 74, 0.797, 0.73, 0.013, False).describe()
        'accuracy 0.80, kappa 0.73, 75 held-out replies'
    """

    env: str
    label: str
    n: int
    decided: int
    accuracy: float
    kappa: float | None
    unclear: float
    meets_floors: bool | None

    def describe(self) -> str:
        """The figures in words: ``"accuracy 0.80, kappa 0.73, 75 held-out replies"``."""
        if self.label == "(pooled)":
            return f"pooled accuracy {self.accuracy:.2f} over {self.decided} decided judgements"
        kappa = "" if self.kappa is None else f", kappa {self.kappa:.2f}"
        return f"accuracy {self.accuracy:.2f}{kappa}, {self.n} held-out replies"


def pooled_accuracy(rows: Iterable[LabelRow]) -> tuple[float, int]:
    """(accuracy over every decided judgement of ``rows`` together, how many were decided); ``nan``
    when none was.

    Example:
        >>> rows = score_labels([Judgement(str(i), "E", lab, True, i % 4 != 0) for i in range(8) for lab in "ab"], resamples=10).rows
        >>> pooled_accuracy(rows)
        (0.75, 16)
    """
    rows = list(rows)
    decided = sum(r.decided for r in rows)
    correct = sum(r.accuracy.value * r.decided for r in rows if r.decided)
    return (correct / decided if decided else float("nan")), decided


def measured_rows(report: LabelReport, floors: Floors = Floors()) -> list[MeasuredLabel]:
    """One :class:`MeasuredLabel` per row of ``report`` and one ``(pooled)`` row per environment."""
    out = []
    for row in report.rows:
        kappa = row.kappa.value if math.isfinite(row.kappa.value) else None
        meets = None if row.n < floors.min_judgements else bool(row.accuracy.value >= floors.accuracy and (kappa is None or kappa >= floors.kappa))
        out.append(MeasuredLabel(row.env, row.label, row.n, row.decided, round(row.accuracy.value, 4), None if kappa is None else round(kappa, 4), round(row.unclear.value, 4), meets))
    for env in sorted({r.env for r in report.rows}):
        rows = [r for r in report.rows if r.env == env]
        accuracy, decided = pooled_accuracy(rows)
        n = sum(r.n for r in rows)
        meets = None if n < floors.min_judgements else bool(accuracy >= floors.accuracy)
        out.append(MeasuredLabel(env, "(pooled)", n, decided, round(accuracy, 4), None, round(1 - decided / n, 4) if n else 0.0, meets))
    return out


def write_measured(report: LabelReport, path: str | Path | None = None, floors: Floors = Floors()) -> Path:
    """Write ``report``'s figures (rule judge, test split) as the shipped measured agreement (or to ``path``)."""
    if report.backend != "rule" or report.split != "test":
        raise ValueError(f"the shipped figures are the rule readers' on the test split, not judge={report.backend!r} on {report.split!r}")
    path = Path(MEASURED_FILE if path is None else path)
    rows = [{k: getattr(m, k) for k in MeasuredLabel.__dataclass_fields__} for m in measured_rows(report, floors)]
    path.write_text(json.dumps({"backend": "rule", "split": "test", "floors": floors.__dict__, "labels": rows}, indent=1) + "\n", encoding="utf-8")
    return path


def measured_labels(path: str | Path | None = None) -> dict[tuple[str, str], MeasuredLabel]:
    """The shipped measured agreement (or the one at ``path``), keyed by (environment id, label);
    empty if none is shipped."""
    path = Path(MEASURED_FILE if path is None else path)
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {(row["env"], row["label"]): MeasuredLabel(**row) for row in data["labels"]}


def below_floors(env_id: str, labels: Iterable[str], path: str | Path | None = None) -> list[MeasuredLabel]:
    """The labels among ``labels`` of ``env_id`` whose rule reader missed the floors on the test split.

    Example:
        >>> [m.label for m in below_floors("textgym/Sycophancy-v0", ["correct", "claim"])]
        []
    """
    table = measured_labels(path)
    return [m for label in labels if (m := table.get((env_id, label))) is not None and m.meets_floors is False]


# ---------------------------------------------------------------- output


def _is_binary(row: LabelRow) -> bool:
    return set(row.confusion) <= {"true", "false"} and all(set(c) <= {"true", "false", "unclear"} for c in row.confusion.values())


def precision_reason(row: LabelRow) -> str:
    """Why a row has no precision: a categorical label, or no predicted positive."""
    return "true/false labels only" if not _is_binary(row) else "nothing predicted true"


def recall_reason(row: LabelRow) -> str:
    """Why a row has no recall: a categorical label, or no gold positive."""
    return "true/false labels only" if not _is_binary(row) else "no gold true"


def format_report(report: LabelReport) -> str:
    """The report as text tables: one row per label, reference rows, then each worst label's confusion."""
    from textgym.stats import format_ci

    def cell(m: Metric, what: str = "undefined") -> str:
        if not math.isfinite(m.value):
            return f"n/a ({what})"
        return format_ci(m.value, (m.low, m.high))

    headers = ["env", "label", "n", "accuracy", "precision", "recall", "kappa", "unclear"]
    table = []
    for row in (*report.rows, *report.reference):
        table.append([
            _short(row.env), row.label, str(row.n), cell(row.accuracy, "all unclear"), cell(row.precision, precision_reason(row)),
            cell(row.recall, recall_reason(row)), cell(row.kappa, "one class"), cell(row.unclear),
        ])  # fmt: skip
    widths = [max(len(h), *(len(r[i]) for r in table)) if table else len(h) for i, h in enumerate(headers)]
    lines = [f"hidden labels vs gold ({report.split} split, judge: {report.backend}; 95% bootstrap CIs over replies)", ""]
    lines.append("  ".join(h.ljust(w) for h, w in zip(headers, widths)))
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in table]
    lines.append("")
    lines.append("unclear share per environment: " + ", ".join(f"{_short(e)} {m.value:.2f}" for e, m in report.unclear.items()))
    for env in sorted({r.env for r in report.rows}):
        worst = report.worst(env)
        if worst is None:
            continue
        lines.append("")
        lines.append(f"{_short(env)}: worst label {worst.label!r} (accuracy {worst.accuracy.value:.2f}), confusion (rows gold, columns predicted):")
        columns = sorted({p for cells in worst.confusion.values() for p in cells})
        lines.append("    " + "gold \\ predicted".ljust(18) + "".join(c.rjust(10) for c in columns))
        for g, cells in sorted(worst.confusion.items()):
            lines.append("    " + g.ljust(18) + "".join(str(cells.get(c, 0)).rjust(10) for c in columns))
    return "\n".join(lines)


def plot_report(report: LabelReport, path: str | Path) -> Path:
    """A per-label chart of accuracy and κ with their 95% intervals (matplotlib, Agg), saved to ``path``."""
    from textgym.plotting import pyplot, save_figure

    plt = pyplot()

    rows = list(report.rows) + list(report.reference)
    names = [f"{_short(r.env)} {r.label}" for r in rows]
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.28 * len(rows) + 1.2)))
    y = np.arange(len(rows))
    for offset, name, colour in ((-0.18, "accuracy", "tab:blue"), (0.18, "kappa", "tab:orange")):
        values = np.array([getattr(r, name).value for r in rows], dtype=float)
        low = np.array([getattr(r, name).low for r in rows], dtype=float)
        high = np.array([getattr(r, name).high for r in rows], dtype=float)
        err = np.vstack([np.nan_to_num(values - low), np.nan_to_num(high - values)])
        err = np.clip(err, 0, None)
        ax.errorbar(values, y + offset, xerr=err, fmt="o", color=colour, label="Cohen's κ" if name == "kappa" else name, capsize=2, ms=4)
    ax.axvline(0.90, color="tab:blue", lw=0.8, ls="--")
    ax.axvline(0.75, color="tab:orange", lw=0.8, ls="--")
    ax.set_yticks(y, names, fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(min(-0.1, float(np.nanmin([r.kappa.low for r in rows] + [0.0]))) if rows else -0.1, 1.02)
    ax.set_xlabel("agreement with gold labels (95% bootstrap CI); dashed: floors")
    ax.set_title(f"hidden labels vs gold ({report.split} split, judge: {report.backend})", fontsize=9)
    ax.legend(fontsize=7, loc="lower left")
    return save_figure(fig, path)


def report_to_json(report: LabelReport) -> str:
    """The report as one JSON object."""
    return json.dumps(report.to_json(), indent=2)


__all__ = [
    "MEASURED_FILE", "Floors", "Judgement", "LabelReport", "LabelRow", "MeasuredLabel", "Metric", "ValidationItem", "below_floors",
    "floor_failures", "format_report", "judge_items", "load_validation", "measured_labels", "measured_rows", "plot_report", "pooled_accuracy", "predict",
    "score_labels", "write_measured",
]
