"""The experiment config (``experiments/NAME.yaml``), parsed strictly.

An experiment compares **conditions** (each a training run: algorithm, environment, axes, and
training settings) by **evaluations** of the model before training and after each condition
(rollouts with hidden-label rates, grouped, with 95% CIs), optionally **probes** (per-layer fact
probes before and after) and **gameability** (the exploit gap of each condition's training
environment, related to the rise in a hidden misalignment label).

Example:
    >>> config = ExperimentConfig.from_mapping({
    ...     "id": "E0", "title": "t", "question": "q",
    ...     "conditions": [{"name": "a", "train": {"env": "textgym/Sycophancy-v0"}}],
    ...     "evaluations": [{"name": "e", "env": "textgym/Sycophancy-v0"}],
    ... })
    >>> config.conditions[0].train["algo"], config.with_smoke().model, config.training_seeds
    ('grpo', 'hf:tiny', (0,))
"""

from __future__ import annotations

import copy
import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textgym.errors import SpecError
from textgym.strict_yaml import parse_yaml

TRAIN_KEYS = {
    "algo", "env", "axes", "backends", "steps", "group_size", "batch", "lr", "beta", "max_new_tokens", "temperature",
    "prefix_gradient", "lora", "behaviour", "collect", "keep_top", "advantage", "component_weights", "micro_batch", "clip", "epochs",
}
EVAL_KEYS = {"name", "env", "axes", "backends", "episodes", "group_by", "labels", "max_new_tokens", "seed"}
TOP_KEYS = {
    "id", "title", "question", "model", "device", "seed", "train", "conditions", "evaluations", "probes",
    "gameability", "smoke", "notes", "budget", "seeds",
}
#: Keys of the shared ``train:`` block that only one algorithm takes; a condition of the other
#: algorithm does not inherit them (setting one in the condition itself is still an error).
ALGO_ONLY_KEYS = {
    "grpo": {"group_size", "clip", "epochs", "advantage", "component_weights"},
    "expert-iteration": {"behaviour", "collect", "keep_top"},
}
SMOKE_DEFAULTS = {"model": "hf:tiny", "steps": 2, "episodes": 4, "group_size": 2, "batch": 1, "max_new_tokens": 8,
                  "collect": 4, "probe_statements": 24, "gameability_episodes": 4, "conditions": 0}
"""The smoke configuration; ``conditions`` > 0 keeps only the first N conditions (large factorials)."""


def _check_keys(raw: Mapping[str, Any], allowed: set[str], where: str, source: str) -> None:
    if not isinstance(raw, Mapping):
        raise SpecError(f"{where}: expected a mapping, got {type(raw).__name__}", path=source)
    for key in raw:
        if key not in allowed:
            near = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f"; did you mean {near[0]!r}?" if near else ""
            raise SpecError(f"{where}: unknown key {key!r} (allowed: {sorted(allowed)}){hint}", path=source)


@dataclass(frozen=True)
class Condition:
    """One training run: a name and its training settings (merged over the experiment's ``train``)."""

    name: str
    train: dict[str, Any]
    label: str = ""


@dataclass(frozen=True)
class Evaluation:
    """Rollouts of a model on one environment setting, summarised by hidden labels."""

    name: str
    env: str
    axes: dict[str, str] = field(default_factory=dict)
    backends: dict[str, str] = field(default_factory=dict)
    episodes: int = 40
    group_by: str | None = None
    labels: tuple[str, ...] = ()
    max_new_tokens: int = 48
    seed: int = 10_000


@dataclass(frozen=True)
class ExperimentConfig:
    """A whole experiment (see the module docstring)."""

    id: str
    title: str
    question: str
    conditions: tuple[Condition, ...]
    evaluations: tuple[Evaluation, ...]
    model: str = "hf:default"
    device: str = "cpu"
    seed: int = 0
    probes: dict[str, Any] | None = None
    gameability: dict[str, Any] | None = None
    smoke: dict[str, Any] = field(default_factory=lambda: dict(SMOKE_DEFAULTS))
    notes: str = ""
    budget: str = ""
    path: str = ""
    seeds: tuple[int, ...] = ()
    """Training seeds: each condition is trained once per seed and the seed is the unit of the
    comparisons (empty: one run with ``seed``)."""

    @property
    def training_seeds(self) -> tuple[int, ...]:
        """The seeds each condition is trained with (``seeds``, else ``(seed,)``)."""
        return self.seeds or (self.seed,)

    @classmethod
    def from_mapping(cls, raw: Any, source: str = "<experiment>") -> ExperimentConfig:
        _check_keys(raw, TOP_KEYS, "experiment", source)
        for key in ("id", "title", "question", "conditions", "evaluations"):
            if key not in raw:
                raise SpecError(f"experiment: missing {key!r}", path=source)
        shared = dict(raw.get("train", {}) or {})
        _check_keys(shared, TRAIN_KEYS, "train", source)
        shared.setdefault("algo", "grpo")
        conditions = []
        for i, item in enumerate(raw["conditions"]):
            _check_keys(item, {"name", "train", "label"}, f"conditions[{i}]", source)
            train = dict(item.get("train", {}) or {})
            _check_keys(train, TRAIN_KEYS, f"conditions[{i}].train", source)
            algo = train.get("algo", shared["algo"])
            other = set().union(*(keys for name, keys in ALGO_ONLY_KEYS.items() if name != algo))
            inherited = {k: v for k, v in copy.deepcopy(shared).items() if k not in other}
            merged = {**inherited, **train}
            merged["axes"] = {**shared.get("axes", {}), **train.get("axes", {})}
            if "env" not in merged:
                raise SpecError(f"conditions[{i}]: no training env (set train.env)", path=source)
            if merged["algo"] not in ("grpo", "expert-iteration"):
                raise SpecError(f"conditions[{i}].train.algo: expected 'grpo' or 'expert-iteration', got {merged['algo']!r}", path=source)
            conditions.append(Condition(str(item["name"]), merged, str(item.get("label", ""))))
        names = [c.name for c in conditions]
        if len(set(names)) != len(names) or "before" in names:
            raise SpecError(f"conditions: names must be unique and not 'before', got {names}", path=source)
        evaluations = []
        for i, item in enumerate(raw["evaluations"]):
            _check_keys(item, EVAL_KEYS, f"evaluations[{i}]", source)
            if "name" not in item or "env" not in item:
                raise SpecError(f"evaluations[{i}]: needs 'name' and 'env'", path=source)
            evaluations.append(Evaluation(
                name=str(item["name"]), env=str(item["env"]), axes=dict(item.get("axes", {})),
                backends=dict(item.get("backends", {})), episodes=int(item.get("episodes", 40)),
                group_by=item.get("group_by"), labels=tuple(item.get("labels", ())),
                max_new_tokens=int(item.get("max_new_tokens", 48)), seed=int(item.get("seed", 10_000)),
            ))
        smoke = {**SMOKE_DEFAULTS, **dict(raw.get("smoke", {}) or {})}
        seeds = raw.get("seeds", []) or []
        if not isinstance(seeds, list) or not all(isinstance(x, int) and not isinstance(x, bool) for x in seeds) \
                or len(set(seeds)) != len(seeds):
            raise SpecError(f"seeds: expected a list of distinct integers, e.g. [0, 1, 2], got {seeds!r}", path=source)
        return cls(
            id=str(raw["id"]), title=str(raw["title"]), question=str(raw["question"]),
            conditions=tuple(conditions), evaluations=tuple(evaluations),
            model=str(raw.get("model", "hf:default")), device=str(raw.get("device", "cpu")), seed=int(raw.get("seed", 0)),
            probes=dict(raw["probes"]) if raw.get("probes") else None,
            gameability=dict(raw["gameability"]) if raw.get("gameability") else None,
            smoke=smoke, notes=str(raw.get("notes", "")), budget=str(raw.get("budget", "")), path=source,
            seeds=tuple(seeds),
        )

    @classmethod
    def load(cls, path: str | Path) -> ExperimentConfig:
        """Read and check an experiment YAML file (errors name the file and the field)."""
        path = Path(path)
        return cls.from_mapping(parse_yaml(path.read_text(encoding="utf-8"), str(path)), str(path))

    @property
    def name(self) -> str:
        """The file stem (``E1_fact_retention``), used for the results folder."""
        return Path(self.path).stem if self.path and not self.path.startswith("<") else self.id

    def with_smoke(self) -> ExperimentConfig:
        """The smoke configuration: tiny model, a couple of steps, a handful of episodes."""
        s = self.smoke
        keys = {"grpo": ("steps", "group_size", "batch", "max_new_tokens"),
                "expert-iteration": ("steps", "batch", "max_new_tokens", "collect")}
        kept = self.conditions[: int(s["conditions"])] if int(s.get("conditions", 0) or 0) > 0 else self.conditions
        conditions = tuple(
            Condition(c.name, {**c.train, **{k: s[k] for k in keys[c.train["algo"]] if k in s}}, c.label)
            for c in kept
        )
        evaluations = tuple(
            Evaluation(e.name, e.env, e.axes, e.backends, int(s["episodes"]), e.group_by, e.labels, int(s["max_new_tokens"]), e.seed)
            for e in self.evaluations
        )
        probes = {**self.probes, "statements": int(s["probe_statements"])} if self.probes else None
        game = {**self.gameability, "episodes": int(s["gameability_episodes"])} if self.gameability else None
        return ExperimentConfig(
            id=self.id, title=self.title, question=self.question, conditions=conditions, evaluations=evaluations,
            model=str(s["model"]), device="cpu", seed=self.seed, probes=probes, gameability=game, smoke=self.smoke,
            notes=self.notes, budget=self.budget, path=self.path, seeds=self.seeds,
        )
