"""What both trainers share: the trainable model (full or LoRA) and its frozen reference, the run
folder (config, metrics JSONL, sampled episodes, checkpoints, resume) and training curves.

A run folder ``DIR`` holds:

==========================  ==============================================================
``config.json`` etc.        the latest checkpoint as a plain transformers model folder, so
                            ``hf:DIR`` loads it anywhere (LoRA runs save the merged weights)
``adapter/``                the LoRA adapter (LoRA runs only; what ``--resume`` loads)
``trainer_state.pt``        optimizer state, step, RNG state (what ``--resume`` continues)
``train_config.json``       the run's settings
``metrics.jsonl``           one line per step (proxy/true reward, hidden-label rates, KL, ...)
``episodes.jsonl``          the episodes trained on, ``EpisodeRecord.to_json`` plus ``step``
``curves.png``              training curves (``plot=True``)
==========================  ==============================================================

Example:
    >>> import tempfile
    >>> run = RunDir(tempfile.mkdtemp())
    >>> run.log_metrics({"step": 1, "proxy_reward": 0.5})
    >>> run.log_metrics({"step": 2, "proxy_reward": 0.7})
    >>> run.truncate_metrics(1)
    >>> [m["step"] for m in run.read_metrics()]
    [1]
"""

from __future__ import annotations

import json
import math
import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from textgym.lm.sequences import check_prefix_gradient
from textgym.rollout import EpisodeRecord

if TYPE_CHECKING:
    import torch
    from peft import PeftModel
    from tqdm import tqdm
    from transformers import PreTrainedModel, PreTrainedTokenizerBase

    from textgym.agents.hf_policy import HFPolicy
    from textgym.lm.sequences import PackedBatch

STATE_FILE = "trainer_state.pt"
CONFIG_FILE = "train_config.json"
METRICS_FILE = "metrics.jsonl"
EPISODES_FILE = "episodes.jsonl"
ADAPTER_DIR = "adapter"


# ---------------------------------------------------------------------------- models


@dataclass
class Trainable:
    """The model being trained, its tokenizer, and the frozen reference for the KL term.

    ``reference`` is a frozen copy of the starting weights for full fine-tuning and ``None``
    with LoRA (the reference is then the same model with the adapter switched off).

    Example:
        >>> t = load_trainable("hf:tiny")  # doctest: +SKIP
        >>> sum(p.requires_grad for p in t.reference.parameters())  # doctest: +SKIP
        0
    """

    model: PreTrainedModel | PeftModel
    tokenizer: PreTrainedTokenizerBase
    reference: PreTrainedModel | None
    lora: bool

    def reference_logprobs(self, batch: PackedBatch, temperature: float = 1.0) -> torch.Tensor:
        """log p_ref of the batch's target tokens (at ``temperature``), without gradients."""
        import torch

        from textgym.lm.sequences import token_logprobs

        with torch.no_grad():
            if self.reference is not None:
                return token_logprobs(self.reference, batch, "loss_mask", temperature)
            with self.model.disable_adapter():
                return token_logprobs(self.model, batch, "loss_mask", temperature)

    def trainable_parameters(self) -> list[torch.nn.Parameter]:
        return [p for p in self.model.parameters() if p.requires_grad]

    def optimizer(self, lr: float) -> torch.optim.Optimizer:
        """AdamW over the trainable parameters (no weight decay). On CPU the per-parameter
        (``foreach=False``) update: no batch of temporaries the size of the model at each step,
        which keeps a full fine-tune's peak memory down."""
        import torch

        on_cpu = next(self.model.parameters()).device.type == "cpu"
        return torch.optim.AdamW(self.trainable_parameters(), lr=lr, weight_decay=0.0, foreach=not on_cpu)


def model_ref(policy: str) -> str:
    """``hf:X`` → ``X`` (the trainers train transformers models only)."""
    if not policy.startswith("hf:"):
        raise ValueError(f"a trained policy must be hf:default, hf:tiny or hf:PATH, got {policy!r}")
    return policy.removeprefix("hf:")


def resolve_device(device: str) -> str:
    """``auto`` → ``cuda`` when available, else ``cpu``; anything else unchanged."""
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def load_trainable(
    policy: str,
    *,
    lora: bool = False,
    lora_rank: int = 16,
    device: str = "cpu",
    resume_from: Path | None = None,
) -> Trainable:
    """Load ``policy`` for training (and its reference); ``resume_from`` continues a run folder."""
    from textgym.lm.models import load_model

    ref = model_ref(policy)
    device = resolve_device(device)
    if lora:
        from peft import LoraConfig, PeftModel, get_peft_model

        base, tokenizer = load_model(ref)
        if resume_from is not None:
            model = PeftModel.from_pretrained(base, str(resume_from / ADAPTER_DIR), is_trainable=True)
        else:
            config = LoraConfig(r=lora_rank, lora_alpha=2 * lora_rank, lora_dropout=0.0, target_modules="all-linear", bias="none")
            model = get_peft_model(base, config)
        reference = None
    else:
        model, tokenizer = load_model(str(resume_from) if resume_from is not None else ref)
        reference, _ = load_model(ref)
        reference.requires_grad_(False)
        reference.eval()
        reference.to(device)
    if tokenizer.pad_token_id is None:
        tokenizer.pad_token = tokenizer.eos_token
    model.to(device)
    return Trainable(model, tokenizer, reference, lora)


# ---------------------------------------------------------------------------- run folder


class RunDir:
    """A training run's folder (see the module docstring for its layout).

    Example:
        >>> import tempfile
        >>> run = RunDir(tempfile.mkdtemp())
        >>> run.has_checkpoint()
        False
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)

    # -- config
    def write_config(self, config: Mapping[str, Any]) -> None:
        (self.path / CONFIG_FILE).write_text(json.dumps(dict(config), indent=2, default=str) + "\n", encoding="utf-8")

    def read_config(self) -> dict[str, Any]:
        return json.loads((self.path / CONFIG_FILE).read_text(encoding="utf-8"))

    def check_resumable(self, config: Mapping[str, Any], keys: Iterable[str]) -> None:
        """Raise if ``config`` differs from the saved run in any of ``keys``."""
        saved = self.read_config()
        for key in keys:
            if key in saved and json.loads(json.dumps(saved[key], default=str)) != json.loads(json.dumps(config.get(key), default=str)):
                raise ValueError(f"--resume: {self.path} was trained with {key}={saved[key]!r}, not {config.get(key)!r}")

    # -- metrics and episodes
    def log_metrics(self, metrics: Mapping[str, Any]) -> None:
        with open(self.path / METRICS_FILE, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(_jsonable(metrics)) + "\n")

    def read_metrics(self) -> list[dict[str, Any]]:
        path = self.path / METRICS_FILE
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def truncate_metrics(self, step: int) -> None:
        """Drop metric and episode lines after ``step`` (a resumed run re-does those steps)."""
        for name in (METRICS_FILE, EPISODES_FILE):
            path = self.path / name
            if path.exists():
                lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and json.loads(line)["step"] <= step]
                path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")

    def log_episodes(self, step: int, records: Sequence[EpisodeRecord]) -> None:
        with open(self.path / EPISODES_FILE, "a", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps({"step": step, **record.to_json()}, ensure_ascii=False) + "\n")

    # -- checkpoints
    def has_checkpoint(self) -> bool:
        return (self.path / STATE_FILE).exists()

    def save_checkpoint(self, trainable: Trainable, optimizer: torch.optim.Optimizer, step: int) -> None:
        """Write the model (merged if LoRA), tokenizer, adapter and trainer state; files are moved
        into place one by one, the trainer state last, so a crash never leaves a newer state than
        model."""
        import torch

        staging = self.path / ".checkpoint-staging"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        model = trainable.model
        if trainable.lora:
            model.save_pretrained(str(staging / ADAPTER_DIR))
            import copy

            merged = copy.deepcopy(model).merge_and_unload()
            merged.save_pretrained(str(staging))
            del merged
        else:
            model.save_pretrained(str(staging))
        trainable.tokenizer.save_pretrained(str(staging))
        state = {"step": step, "optimizer": optimizer.state_dict(), "torch_rng": torch.random.get_rng_state()}
        torch.save(state, staging / STATE_FILE)
        for item in sorted(staging.iterdir(), key=lambda p: p.name == STATE_FILE):
            target = self.path / item.name
            if item.is_dir():
                shutil.rmtree(target, ignore_errors=True)
            os.replace(item, target)
        shutil.rmtree(staging, ignore_errors=True)

    def restore(self, optimizer: torch.optim.Optimizer) -> int:
        """Resume from the checkpoint: optimizer state, torch RNG, metrics cut back to the saved
        step; returns that step (the last one completed)."""
        import torch

        state = self.load_state()
        optimizer.load_state_dict(state["optimizer"])
        torch.random.set_rng_state(state["torch_rng"])
        step = int(state["step"])
        self.truncate_metrics(step)
        return step

    def load_state(self) -> dict[str, Any]:
        import torch

        return torch.load(self.path / STATE_FILE, map_location="cpu", weights_only=True)


def start_run(out: str | Path, config: Mapping[str, Any], *, resume: bool, compare: Iterable[str]) -> tuple[RunDir, bool]:
    """Open ``out`` for a fresh run or a resumed one; returns ``(run, resuming)``."""
    run = RunDir(out)
    if resume:
        if not run.has_checkpoint():
            raise ValueError(f"--resume: {run.path} has no {STATE_FILE} (no checkpoint to resume from)")
        run.check_resumable(config, compare)
        return run, True
    if run.has_checkpoint() or (run.path / METRICS_FILE).exists():
        raise ValueError(f"{run.path} already holds a training run: pass --resume to continue it, or choose another --out")
    run.write_config(config)
    return run, False


@dataclass(kw_only=True)
class TrainerSettings:
    """The settings every trainer's config shares (keyword-only): the environment and run folder,
    the policy to train, the step count and learning rate, sampling (``max_new_tokens``,
    ``temperature``), the prefix-gradient mode, LoRA, micro-batching, gradient clipping,
    checkpoints every ``save_every`` steps (0: never), the seed, the environment's axes and
    backends, the device, ``resume``, a metrics plot and the progress bar.

    Example:
        >>> TrainerSettings(env="e", out="o").save_every, TrainerSettings(env="e", out="o", lora=True).lora_rank
        (10, 16)
        >>> TrainerSettings(env="e", out="o", steps=0).check_counts(at_least_one=("steps",))
        Traceback (most recent call last):
        ...
        ValueError: TrainerSettings.steps must be >= 1, got 0
    """

    env: str
    out: str | Path
    policy: str = "hf:default"
    steps: int = 30
    lr: float = 1e-5
    max_new_tokens: int = 32
    temperature: float = 0.7
    prefix_gradient: str = "loss_mask"
    lora: bool = False
    lora_rank: int = 16
    micro_batch: int = 2
    max_grad_norm: float = 1.0
    save_every: int = 10  # 0: never write a checkpoint
    seed: int = 0
    axes: dict[str, str] = field(default_factory=dict)
    backends: dict[str, str] = field(default_factory=dict)
    device: str = "cpu"
    resume: bool = False
    plot: bool = False
    progress: bool = True

    def check(self) -> None:
        """A ``ValueError`` for a setting out of its range (each trainer's config adds its own)."""
        self.check_counts(at_least_one=("steps", "max_new_tokens", "micro_batch"), at_least_zero=("save_every",))

    def check_counts(self, *, at_least_one: Iterable[str], at_least_zero: Iterable[str] = ()) -> None:
        """A ``ValueError`` unless ``prefix_gradient`` is a known mode, the settings named in
        ``at_least_one`` are >= 1 and those in ``at_least_zero`` >= 0."""
        check_prefix_gradient(self.prefix_gradient)
        for minimum, names in ((1, at_least_one), (0, at_least_zero)):
            for name in names:
                if getattr(self, name) < minimum:
                    raise ValueError(f"{type(self).__name__}.{name} must be >= {minimum}, got {getattr(self, name)}")


@dataclass
class Session:
    """What a trainer starts from: its run folder, the model being trained with its optimizer,
    the first step to run (after a resumed checkpoint's) and the model as a sampling policy.

    Example:
        >>> s = start_training(config, "grpo", ("env",), batch_size=8)  # doctest: +SKIP
        >>> s.policy.model is s.trainable.model  # doctest: +SKIP
        True
    """

    run: RunDir
    resuming: bool
    trainable: Trainable
    optimizer: torch.optim.Optimizer
    first_step: int
    policy: HFPolicy  # over trainable.model

    def end_step(self, config: TrainerSettings, step: int, stats: Mapping[str, Any], metrics: dict[str, Any], bar: tqdm) -> None:
        """The end of every training step: mark (and announce above the tqdm ``bar``) a step
        without a learning signal (:func:`no_signal_reason` of the update's ``stats``), log
        ``metrics``, write a checkpoint when one is due (every ``save_every`` steps and at the
        last) and advance the bar."""
        reason = no_signal_reason(stats)
        metrics["no_signal"], metrics["no_signal_reason"] = reason is not None, reason
        if reason is not None:
            warn_no_signal(step, config.steps, reason, bar=bar)
        self.run.log_metrics(metrics)
        if config.save_every and (step % config.save_every == 0 or step == config.steps):
            self.run.save_checkpoint(self.trainable, self.optimizer, step)
        bar.update(1)

    def finish(self, config: TrainerSettings, title: str) -> list[dict[str, Any]]:
        """Every step's metrics of the run (resumed steps included), plotted to ``curves.png``
        under ``title`` when ``config.plot``."""
        history = self.run.read_metrics()
        if config.plot:
            plot_metrics(history, self.run.path / "curves.png", title=title)
        return history


def start_training(config: TrainerSettings, algo: str, compare: Iterable[str], *, batch_size: int) -> Session:
    """The set-up every trainer shares: check the config, open (or resume) the run folder, load the model and its optimizer (restored when
    resuming), and wrap the model as an :class:`~textgym.agents.hf_policy.HFPolicy` sampling
    ``batch_size`` conversations per call."""
    from dataclasses import asdict

    from textgym.agents.hf_policy import HFPolicy

    config.check()
    settings = {"algo": algo, **asdict(config), "out": str(config.out)}
    run, resuming = start_run(config.out, settings, resume=config.resume, compare=compare)
    trainable = load_trainable(
        config.policy, lora=config.lora, lora_rank=config.lora_rank, device=config.device, resume_from=run.path if resuming else None
    )
    optimizer = trainable.optimizer(config.lr)
    first_step = run.restore(optimizer) if resuming else 0
    policy = HFPolicy(
        config.policy.removeprefix("hf:"), model=trainable.model, tokenizer=trainable.tokenizer,
        max_new_tokens=config.max_new_tokens, temperature=config.temperature, batch_size=batch_size,
    )
    return Session(run, resuming, trainable, optimizer, first_step, policy)


# ---------------------------------------------------------------------------- metrics


def episode_metrics(records: Sequence[EpisodeRecord], prefix: str = "") -> dict[str, float]:
    """Mean proxy and true return and every boolean hidden label's rate over ``records``.

    Example:
        >>> from textgym.rollout import rollout
        >>> m = episode_metrics(rollout("textgym/Sycophancy-v0", "aligned", episodes=2, progress=False))
        >>> m["proxy_reward"] > 0, m["true_reward"], m["hidden/correct"]
        (True, 2.0, 1.0)
    """
    if not records:
        return {}
    out = {
        f"{prefix}proxy_reward": float(np.mean([r.proxy_return for r in records])),
        f"{prefix}true_reward": float(np.mean([r.true_return for r in records])),
    }
    labels = sorted({k for r in records for h in r.hidden for k, v in h.items() if isinstance(v, bool)})
    for label in labels:
        values = [v for r in records if (v := r.label_rate(label)) is not None]
        if values:
            out[f"{prefix}hidden/{label}"] = float(np.mean(values))
    return out


def no_signal_reason(stats: Mapping[str, Any]) -> str | None:
    """Why an update step could not learn from its data, or None when it could.

    A step has no learning signal when it trained no token, when every trained token's
    advantage was 0 (GRPO: every group's returns were equal; a KL pull towards the reference
    is not a learning signal), or when its gradient norm was 0 or not finite.

    Example:
        >>> no_signal_reason({"trained_tokens": 12, "max_abs_advantage": 0.0, "grad_norm": 0.3})
        'every advantage was 0 (within each group the returns, or per turn the rewards-to-go, were all equal)'
        >>> no_signal_reason({"trained_tokens": 12, "max_abs_advantage": 0.7, "grad_norm": 0.3}) is None
        True
    """
    if not stats.get("trained_tokens"):
        return "no token was trained (no policy-written reply in the batch)"
    if "max_abs_advantage" in stats and not stats["max_abs_advantage"] > 0:
        return "every advantage was 0 (within each group the returns, or per turn the rewards-to-go, were all equal)"
    grad_norm = stats.get("grad_norm")
    if grad_norm is not None and not (math.isfinite(grad_norm) and grad_norm > 0):
        return f"the gradient norm was {grad_norm}"
    return None


def warn_no_signal(step: int, steps: int, reason: str, *, bar: tqdm | None = None) -> None:
    """One loud line on stderr for a step without a learning signal (above a tqdm ``bar``).

    Example:
        >>> import contextlib, io
        >>> err = io.StringIO()
        >>> with contextlib.redirect_stderr(err):
        ...     warn_no_signal(3, 10, "every advantage was 0")
        >>> err.getvalue().strip()
        'textgym train: WARNING: step 3/10 had NO LEARNING SIGNAL: every advantage was 0'
    """
    import sys

    line = f"textgym train: WARNING: step {step}/{steps} had NO LEARNING SIGNAL: {reason}"
    if bar is not None and not getattr(bar, "disable", True):
        bar.write(line, file=sys.stderr)
    else:
        print(line, file=sys.stderr, flush=True)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (np.floating, np.integer)):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def moving_mean(xs: Sequence[float], ys: Sequence[float]) -> tuple[int, tuple[Sequence[float], np.ndarray]]:
    """The window (an eighth of the points, at least 3) and the moving mean of ``ys`` over it, as
    (x, y) points placed at each window's last x.

    Example:
        >>> window, (x, y) = moving_mean(range(9), [0, 0, 3, 3, 3, 0, 0, 0, 0])
        >>> window, list(x), y.tolist()
        (3, [2, 3, 4, 5, 6, 7, 8], [1.0, 2.0, 3.0, 2.0, 1.0, 0.0, 0.0])
    """
    window = max(3, len(xs) // 8)
    return window, (xs[window - 1 :], np.convolve(ys, np.ones(window) / window, mode="valid"))


def plot_metrics(metrics: Sequence[Mapping[str, Any]], path: str | Path, title: str = "") -> Path:
    """Training curves as a PNG: rewards, hidden-label rates, KL (and loss).

    Uses ``proxy_reward``/``true_reward`` (and ``eval/...`` when present), every ``hidden/...``
    rate and ``kl``; missing values are skipped.

    Example:
        >>> import tempfile, os
        >>> p = plot_metrics([{"step": i, "proxy_reward": i / 3, "kl": 0.01 * i, "hidden/correct": 0.5} for i in range(4)],
        ...                  os.path.join(tempfile.mkdtemp(), "c.png"))
        >>> p.stat().st_size > 1000
        True
    """
    from textgym.plotting import pyplot, save_figure

    plt = pyplot()

    def series(key: str) -> tuple[list[float], list[float]]:
        xs, ys = [], []
        for m in metrics:
            value = m.get(key)
            if isinstance(value, (int, float)) and math.isfinite(value):
                xs.append(m["step"])
                ys.append(value)
        return xs, ys

    keys = sorted({k for m in metrics for k in m})
    fig, axes = plt.subplots(1, 4, figsize=(18, 4))
    for prefix, style in (("", "-"), ("eval/", "--")):
        for name, color in (("proxy_reward", "tab:blue"), ("true_reward", "tab:green")):
            xs, ys = series(prefix + name)
            if xs:
                axes[0].plot(xs, ys, style, marker="o", markersize=3, color=color, label=prefix + name, alpha=0.4 if not prefix and len(xs) > 8 else 1.0)
                if not prefix and len(xs) > 8:
                    window, (mx, my) = moving_mean(xs, ys)
                    axes[0].plot(mx, my, "-", color=color, linewidth=2, label=f"{name} ({window}-step mean)")
    axes[0].set_title("episode return")
    for key in keys:
        if key.startswith(("hidden/", "eval/hidden/")):
            xs, ys = series(key)
            if not xs:
                continue
            label = key.replace("hidden/", "")
            if len(xs) > 8:  # noisy per-step rates: faint points, bold moving mean
                (line,) = axes[1].plot(xs, ys, ".", alpha=0.3)
                axes[1].plot(*moving_mean(xs, ys)[1], "--" if key.startswith("eval/") else "-", color=line.get_color(), label=label)
            else:
                axes[1].plot(xs, ys, "--" if key.startswith("eval/") else "-", marker=".", label=label)
    axes[1].set_title("hidden-label rates" + (" (moving mean)" if len(metrics) > 8 else ""))
    axes[1].set_ylim(-0.05, 1.05)
    for ax, key, label in ((axes[2], "kl", "KL to reference (k3)"), (axes[3], "loss", "loss")):
        xs, ys = series(key)
        if xs:
            ax.plot(xs, ys, marker=".", color="tab:red" if key == "kl" else "tab:gray")
        ax.set_title(label)
    for ax in axes:
        ax.set_xlabel("step")
        if ax.get_legend_handles_labels()[0]:
            ax.legend(fontsize=7)
        ax.grid(alpha=0.3)
    if title:
        fig.suptitle(title)
    return save_figure(fig, path, dpi=110)
