"""Linear probes for fact truth on a model's hidden states: did training make the model *forget*
a fact, or only *stop saying* it?

Statements come from the environments' own fact data (:func:`fact_statements`): records with
``statement_true`` / ``statement_false`` fields are used as they are; question records
(``question``, ``correct``, ``wrong``, as in Sycophancy-v0) become the pair
``The answer to "Q" is CORRECT.`` / ``The answer to "Q" is WRONG.``. Both statements of a fact
share a group and always land in the same split, so a probe is never tested on a fact it saw.

:func:`hidden_states` reads every layer's hidden state (the embedding output is layer 0) at the
last token or averaged over tokens. Per layer two probes are fitted on the train split:

* **logistic** (:class:`LogisticProbe`): L2-regularised logistic regression on standardised
  features, fitted with L-BFGS in torch;
* **mass-mean** (:class:`MassMeanProbe`, Marks & Tegmark 2023): the direction from the mean
  false to the mean true representation, thresholded halfway.

:func:`probe_report` gives held-out accuracy per layer with 95% bootstrap CIs; given the statements'
fact groups it resamples whole *facts* (the true and the false statement of a fact are not
independent), so the CI reflects the number of facts. The layer to report is chosen on a
*validation* split (:func:`split_train_val_test`, :func:`choose_layer`), never on the test
statements whose accuracy is reported: the best of ~30 noisy test accuracies is biased upwards. A :class:`ProbeSet`
saves to and loads from JSON, so probes fitted on the model *before* training can be scored on
the model *after*: if fresh probes on the trained model still separate true from false while the
model's answers changed, it stopped saying the fact; if they no longer do, the representation
is gone. :func:`bullshit_index` (Liang et al. 2025) relates the probe's belief to what the model
claims.

Example:
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> y = rng.integers(0, 2, 200).astype(bool)
    >>> X = rng.normal(size=(200, 3, 8)); X[:, 2, 0] += 4 * y  # layer 2 carries the truth
    >>> probes = fit_probes(X[:150], y[:150])
    >>> report = probe_report(probes, X[150:], y[150:])
    >>> [round(r.mass_mean, 2) for r in report]
    [0.46, 0.58, 1.0]
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from textgym.stats import bootstrap_ci, grouped_bootstrap_ci

if TYPE_CHECKING:
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

QUESTION_TEMPLATE = 'The answer to "{question}" is {answer}.'
POOLS = ("last", "mean")


@dataclass(frozen=True)
class Statement:
    """A statement with its truth value; ``group`` ties the statements of one fact together.

    Example:
        >>> Statement("Paris is the capital of France.", True, "geo-1").label
        True
    """

    text: str
    label: bool
    group: str
    source: str = ""


def statements_from_records(records: Sequence[dict[str, Any]], source: str = "") -> list[Statement]:
    """True/false statement pairs from fact records (see the module docstring for the formats).

    Example:
        >>> rec = {"id": "geo-1", "question": "What is the capital of Australia?", "correct": "Canberra", "wrong": "Sydney"}
        >>> [s.text for s in statements_from_records([rec])]
        ['The answer to "What is the capital of Australia?" is Canberra.', 'The answer to "What is the capital of Australia?" is Sydney.']
        >>> statements_from_records([{"id": "f", "statement_true": "Water boils at 100 C.", "statement_false": "Water boils at 50 C."}])[1].label
        False
    """
    out = []
    for index, record in enumerate(records):
        group = f"{source}:{record.get('id', index)}"
        if isinstance(record.get("statement_true"), str) and isinstance(record.get("statement_false"), str):
            pair = (record["statement_true"], record["statement_false"])
        elif all(isinstance(record.get(k), str) for k in ("question", "correct", "wrong")):
            pair = (
                QUESTION_TEMPLATE.format(question=record["question"], answer=record["correct"]),
                QUESTION_TEMPLATE.format(question=record["question"], answer=record["wrong"]),
            )
        else:
            continue
        out.append(Statement(pair[0], True, group, source))
        out.append(Statement(pair[1], False, group, source))
    return out


def fact_statements(env: str) -> list[Statement]:
    """Every true/false statement pair the environment's data files yield.

    Example:
        >>> statements = fact_statements("textgym/Sycophancy-v0")
        >>> len(statements) % 2, statements[0].label, statements[1].label
        (0, True, False)
    """
    import textgym
    from textgym.env import text_env

    instance = textgym.make(env)
    family = text_env(instance).family
    env_id = text_env(instance).textgym_spec.id
    instance.close()
    out = []
    for records in getattr(family, "data", {}).values():
        out.extend(statements_from_records([r for r in records if isinstance(r, dict)], env_id))
    if not out:
        raise ValueError(
            f"{env_id}: its data has no fact records (expected statement_true/statement_false or question/correct/wrong fields)"
        )
    return out


def hidden_states(model: PreTrainedModel, tokenizer: PreTrainedTokenizerBase, texts: Sequence[str], *, pool: str = "last", batch_size: int = 32, progress: bool = False) -> np.ndarray:
    """Hidden states of every layer for each text: shape ``(n, layers + 1, hidden)`` (float32).

    ``pool="last"`` takes the last real token, ``"mean"`` averages over the text's tokens.
    """
    import torch
    from tqdm.auto import tqdm

    if pool not in POOLS:
        raise ValueError(f"pool must be one of {POOLS}, got {pool!r}")
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    device = next(model.parameters()).device
    chunks = []
    was_training = model.training
    model.eval()
    try:
        for start in tqdm(range(0, len(texts), batch_size), desc="hidden states", unit="batch", disable=not progress):
            batch = tokenizer(list(texts[start : start + batch_size]), return_tensors="pt", padding=True, padding_side="right").to(device)
            with torch.no_grad():
                output = model(**batch, output_hidden_states=True, use_cache=False)
            states = torch.stack(output.hidden_states, dim=1).float()  # (b, L+1, T, H)
            mask = batch["attention_mask"]
            if pool == "last":
                last = mask.sum(dim=1) - 1
                pooled = states[torch.arange(states.shape[0]), :, last]
            else:
                weights = mask[:, None, :, None].float()
                pooled = (states * weights).sum(dim=2) / weights.sum(dim=2)
            chunks.append(pooled.cpu().numpy())
    finally:
        model.train(was_training)
    return np.concatenate(chunks, axis=0)


@dataclass
class LogisticProbe:
    """L2-regularised logistic regression on standardised features (torch L-BFGS).

    Example:
        >>> X = np.array([[0.0], [1.0], [2.0], [3.0]]); y = np.array([False, False, True, True])
        >>> LogisticProbe.fit(X, y).predict(np.array([[0.2], [2.8]])).tolist()
        [False, True]
    """

    weight: np.ndarray
    bias: float
    mean: np.ndarray
    scale: np.ndarray

    @classmethod
    def fit(cls, X: np.ndarray, y: np.ndarray, l2: float = 1e-2, max_iter: int = 200) -> LogisticProbe:
        import torch

        mean = X.mean(axis=0)
        scale = X.std(axis=0) + 1e-6
        features = torch.tensor((X - mean) / scale, dtype=torch.float64)
        target = torch.tensor(np.asarray(y, dtype=float), dtype=torch.float64)
        weight = torch.zeros(X.shape[1], dtype=torch.float64, requires_grad=True)
        bias = torch.zeros((), dtype=torch.float64, requires_grad=True)
        optimizer = torch.optim.LBFGS([weight, bias], max_iter=max_iter, line_search_fn="strong_wolfe")

        def closure() -> torch.Tensor:
            optimizer.zero_grad()
            logits = features @ weight + bias
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, target) + l2 * (weight**2).sum()
            loss.backward()
            return loss

        optimizer.step(closure)
        return cls(weight.detach().numpy().copy(), float(bias.detach()), mean, scale)

    def decision(self, X: np.ndarray) -> np.ndarray:
        return ((X - self.mean) / self.scale) @ self.weight + self.bias

    def probability(self, X: np.ndarray) -> np.ndarray:
        """P(true) for each row."""
        return 1.0 / (1.0 + np.exp(-self.decision(X)))

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.decision(X) > 0

    def to_dict(self) -> dict[str, Any]:
        return {"weight": self.weight.tolist(), "bias": self.bias, "mean": self.mean.tolist(), "scale": self.scale.tolist()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LogisticProbe:
        return cls(np.array(data["weight"]), float(data["bias"]), np.array(data["mean"]), np.array(data["scale"]))


@dataclass
class MassMeanProbe:
    """The difference of class means as a direction, thresholded halfway between the projected means.

    Example:
        >>> X = np.array([[0.0, 5.0], [1.0, 5.0], [3.0, 5.0], [4.0, 5.0]]); y = np.array([False, False, True, True])
        >>> MassMeanProbe.fit(X, y).predict(np.array([[1.5, 0.0], [2.5, 9.0]])).tolist()
        [False, True]
    """

    direction: np.ndarray
    threshold: float

    @classmethod
    def fit(cls, X: np.ndarray, y: np.ndarray) -> MassMeanProbe:
        y = np.asarray(y, dtype=bool)
        if y.all() or not y.any():
            raise ValueError("a mass-mean probe needs both true and false examples")
        mu_true, mu_false = X[y].mean(axis=0), X[~y].mean(axis=0)
        direction = mu_true - mu_false
        return cls(direction, float((mu_true + mu_false) @ direction / 2))

    def decision(self, X: np.ndarray) -> np.ndarray:
        return X @ self.direction - self.threshold

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.decision(X) > 0

    def to_dict(self) -> dict[str, Any]:
        return {"direction": self.direction.tolist(), "threshold": self.threshold}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MassMeanProbe:
        return cls(np.array(data["direction"]), float(data["threshold"]))


@dataclass
class ProbeSet:
    """One logistic and one mass-mean probe per layer, with what they were fitted on.

    Example:
        >>> import tempfile, os
        >>> rng = np.random.default_rng(1); y = rng.integers(0, 2, 40).astype(bool); X = rng.normal(size=(40, 2, 4))
        >>> probes = fit_probes(X, y, meta={"model": "toy"})
        >>> path = probes.save(os.path.join(tempfile.mkdtemp(), "p.json"))
        >>> loaded = ProbeSet.load(path)
        >>> bool((loaded.logistic[1].predict(X) == probes.logistic[1].predict(X)).all()), loaded.meta["model"]
        (True, 'toy')
    """

    logistic: list[LogisticProbe]
    mass_mean: list[MassMeanProbe]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def layers(self) -> int:
        return len(self.logistic)

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"meta": self.meta, "logistic": [p.to_dict() for p in self.logistic], "mass_mean": [p.to_dict() for p in self.mass_mean]}
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path) -> ProbeSet:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not {"logistic", "mass_mean"} <= set(data):
            raise ValueError(f"{path}: not a saved ProbeSet (expected keys logistic, mass_mean, meta)")
        return cls(
            [LogisticProbe.from_dict(d) for d in data["logistic"]],
            [MassMeanProbe.from_dict(d) for d in data["mass_mean"]],
            dict(data.get("meta", {})),
        )


def fit_probes(X: np.ndarray, y: np.ndarray, *, l2: float = 1e-2, meta: dict[str, Any] | None = None) -> ProbeSet:
    """Fit both probes on every layer of ``X`` (shape ``(n, layers, hidden)``)."""
    y = np.asarray(y, dtype=bool)
    return ProbeSet(
        [LogisticProbe.fit(X[:, layer], y, l2=l2) for layer in range(X.shape[1])],
        [MassMeanProbe.fit(X[:, layer], y) for layer in range(X.shape[1])],
        dict(meta or {}),
    )


@dataclass(frozen=True)
class LayerAccuracy:
    """Held-out accuracy of both probes on one layer, with 95% bootstrap CIs (over facts when
    ``n_groups`` > 0, over statements otherwise).

    Example:
        >>> LayerAccuracy(3, 10, 0.9, (0.7, 1.0), 0.8, (0.6, 1.0)).layer
        3
    """

    layer: int
    n: int
    logistic: float
    logistic_ci: tuple[float, float]
    mass_mean: float
    mass_mean_ci: tuple[float, float]
    n_groups: int = 0


def probe_hits(probes: ProbeSet, X: np.ndarray, y: np.ndarray, layer: int, kind: str = "logistic") -> np.ndarray:
    """1.0 where the layer's probe classifies a statement correctly, else 0.0.

    Example:
        >>> X = np.array([[[0.0]], [[1.0]], [[2.0]], [[3.0]]]); y = np.array([False, False, True, True])
        >>> probe_hits(fit_probes(X, y), X, y, 0).tolist()
        [1.0, 1.0, 1.0, 1.0]
    """
    probe = probes.logistic[layer] if kind == "logistic" else probes.mass_mean[layer]
    return (probe.predict(X[:, layer]) == np.asarray(y, dtype=bool)).astype(float)


def probe_report(probes: ProbeSet, X: np.ndarray, y: np.ndarray, groups: Sequence[str] | None = None) -> list[LayerAccuracy]:
    """Accuracy of every layer's probes on ``(X, y)``; with ``groups`` (each statement's fact) the
    CIs resample whole facts (:func:`~textgym.stats.grouped_bootstrap_ci`)."""
    y = np.asarray(y, dtype=bool)
    if X.shape[1] != probes.layers:
        raise ValueError(f"the probes cover {probes.layers} layers but the hidden states have {X.shape[1]}")
    if groups is not None and len(groups) != len(y):
        raise ValueError(f"groups must name one fact per statement, got {len(groups)} for {len(y)} statements")

    def ci(hits: np.ndarray) -> tuple[float, float]:
        return grouped_bootstrap_ci(hits, list(groups)) if groups is not None else bootstrap_ci(hits)

    n_groups = len(set(groups)) if groups is not None else 0
    out = []
    for layer in range(probes.layers):
        hits_l = probe_hits(probes, X, y, layer, "logistic")
        hits_m = probe_hits(probes, X, y, layer, "mass_mean")
        out.append(LayerAccuracy(layer, len(y), float(hits_l.mean()), ci(hits_l), float(hits_m.mean()), ci(hits_m), n_groups))
    return out


def choose_layer(probes: ProbeSet, X_val: np.ndarray, y_val: np.ndarray) -> int:
    """The layer whose logistic probe is most accurate on a *validation* split (the earliest on
    ties). Report the test accuracy of this layer: choosing on the test split inflates it.

    Example:
        >>> rng = np.random.default_rng(0)
        >>> y = rng.integers(0, 2, 300).astype(bool)
        >>> X = rng.normal(size=(300, 3, 8)); X[:, 1, 0] += 4 * y   # layer 1 carries the truth
        >>> choose_layer(fit_probes(X[:200], y[:200]), X[200:250], y[200:250])
        1
    """
    accuracy = [float(probe_hits(probes, X_val, y_val, layer).mean()) for layer in range(probes.layers)]
    return int(max(range(len(accuracy)), key=lambda layer: (accuracy[layer], -layer)))


def split_train_val_test(statements: Sequence[Statement], val_fraction: float = 0.2, test_fraction: float = 0.3,
                         seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Train, validation and test indices by fact group (no fact straddles two splits): the same
    test split as :func:`split_by_group` with ``test_fraction``; ``val_fraction`` of *all* facts
    moves from train to validation.

    Example:
        >>> s = [Statement(f"s{i}", i % 2 == 0, f"g{i // 2}") for i in range(40)]
        >>> train, val, test = split_train_val_test(s)
        >>> len(train), len(val), len(test)
        (20, 8, 12)
    """
    if not 0 < val_fraction < 1 or val_fraction + test_fraction >= 1:
        raise ValueError(f"val_fraction must be in (0, 1) with val_fraction + test_fraction < 1, got {val_fraction}, {test_fraction}")
    rest, test = split_by_group(statements, test_fraction, seed)
    groups = sorted({statements[i].group for i in rest})
    n_all = len({s.group for s in statements})
    rng = np.random.default_rng(seed + 1)
    n_val = min(len(groups) - 1, max(1, round(val_fraction * n_all)))
    val_groups = {groups[i] for i in rng.permutation(len(groups))[:n_val]}
    val = np.array([i for i in rest if statements[i].group in val_groups], dtype=int)
    train = np.array([i for i in rest if statements[i].group not in val_groups], dtype=int)
    return train, val, test


def split_by_group(statements: Sequence[Statement], test_fraction: float = 0.3, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Train and test indices; the statements of one group never straddle the split.

    Example:
        >>> s = [Statement(f"s{i}", i % 2 == 0, f"g{i // 2}") for i in range(20)]
        >>> train, test = split_by_group(s, 0.3)
        >>> len(test), {s[i].group for i in train} & {s[i].group for i in test}
        (6, set())
    """
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be in (0, 1), got {test_fraction}")
    groups = sorted({s.group for s in statements})
    rng = np.random.default_rng(seed)
    shuffled = [groups[i] for i in rng.permutation(len(groups))]
    n_test = max(1, round(test_fraction * len(groups)))
    test_groups = set(shuffled[:n_test])
    test = np.array([i for i, s in enumerate(statements) if s.group in test_groups], dtype=int)
    train = np.array([i for i, s in enumerate(statements) if s.group not in test_groups], dtype=int)
    return train, test


def point_biserial(continuous: Sequence[float] | np.ndarray, binary: Sequence[bool] | np.ndarray) -> float:
    """The point-biserial correlation (Pearson r between a continuous and a 0/1 variable).

    Example:
        >>> round(point_biserial([0.9, 0.8, 0.2, 0.1], [True, True, False, False]), 3)
        0.99
    """
    p = np.asarray(continuous, dtype=float)
    y = np.asarray(binary, dtype=float)
    if p.size != y.size or p.size < 2:
        raise ValueError(f"point_biserial needs two equal-length samples of at least 2, got {p.size} and {y.size}")
    if p.std() == 0 or y.std() == 0:
        return float("nan")
    return float(np.corrcoef(p, y)[0, 1])


def bullshit_index(beliefs: Sequence[float] | np.ndarray, claims: Sequence[bool] | np.ndarray) -> float:
    """``BI = 1 - |r_pb(p, y)|`` (Liang et al. 2025): 0 when what the model claims tracks what it
    internally believes, 1 when claims are unrelated to beliefs (nan when either is constant).

    ``beliefs`` are the model's internal P(statement is true) (e.g. a probe's), ``claims``
    whether it explicitly asserted the statement.

    Example:
        >>> bullshit_index([0.9, 0.8, 0.2, 0.1], [True, True, False, False]) < 0.05
        True
        >>> round(bullshit_index([0.9, 0.1, 0.9, 0.1], [True, True, False, False]), 3)
        1.0
    """
    r = point_biserial(beliefs, claims)
    return float("nan") if math.isnan(r) else 1.0 - abs(r)


def bullshit_index_ci(beliefs: Sequence[float] | np.ndarray, claims: Sequence[bool] | np.ndarray, groups: Sequence[str] | None = None, *,
                      level: float = 0.95, resamples: int = 1000, seed: int = 0) -> tuple[float, tuple[float, float]]:
    """The Bullshit Index and its percentile-bootstrap CI, resampling whole ``groups`` (facts)
    when given. Resamples where BI is undefined (a constant side) are dropped; the CI is ``nan``
    when fewer than two groups or pairs exist.

    Example:
        >>> bi, (lo, hi) = bullshit_index_ci([0.9, 0.2, 0.8, 0.1] * 5, [True, False, True, False] * 5)
        >>> bi < 0.05 and lo <= bi <= hi
        True
    """
    p = np.asarray(beliefs, dtype=float)
    claimed = np.asarray(claims, dtype=bool)
    value = bullshit_index(p, claimed)
    keys = list(groups) if groups is not None else list(range(p.size))
    names = list(dict.fromkeys(keys))
    if len(names) < 2:
        return value, (float("nan"), float("nan"))
    members = [np.flatnonzero(np.array([k == name for k in keys])) for name in names]
    rng = np.random.default_rng(seed)
    stats = []
    for _ in range(resamples):
        idx = np.concatenate([members[i] for i in rng.integers(0, len(names), size=len(names))])
        if np.ptp(p[idx]) > 0 and 0 < claimed[idx].sum() < idx.size:
            stats.append(bullshit_index(p[idx], claimed[idx]))
    if len(stats) < 2:
        return value, (float("nan"), float("nan"))
    alpha = (1 - level) / 2
    return value, (float(np.quantile(stats, alpha)), float(np.quantile(stats, 1 - alpha)))


def best_layer(report: Sequence[LayerAccuracy]) -> int:
    """The layer whose logistic probe is most accurate in ``report`` (the earliest on ties).

    Pass a report on a *validation* split: the best layer of the test report has an optimistic
    accuracy (see :func:`choose_layer`)."""
    return max(report, key=lambda row: (row.logistic, -row.layer)).layer
