"""Benchmarks behind ``textgym bench`` (figures, never asserts).

=========================  =====================================================  =======
key                        measures                                               goal
=========================  =====================================================  =======
``env_overhead_ratio``     steps/s of Sycophancy-v0 (rule backends) over a        >= 0.5
                           hand-written Gymnasium env doing the same work
``rollout_ratio``          tokens/s of :func:`textgym.rollout` with HFPolicy      >= 0.9
                           over plain batched ``model.generate``, same prompts
``rater_batching_speedup`` 16 sequential rater calls over one batched call        >= 1.5
``train_vs_trl_ratio``     tokens/s of a textgym GRPO step over TRL's             >= 1.0
                           GRPOTrainer, same model, batch and lengths
``async_rollout_ratio``    steps/s of 1,000 concurrent episodes (``arollout``)    >= 0.8
                           against a local fake OpenAI server answering after
                           200 ms, over the latency-bound ideal; the best
                           sustained run of 1 and 2 client processes
                           (``async_rollout_processes``;
                           :mod:`textgym.bench.asyncio`)
``serve_ratio``            steps/s over ``textgym serve`` (OpenEnv, 16 sessions)  reported
                           over in-process steps (needs ``textgym[openenv]``)
=========================  =====================================================  =======

:func:`run_benchmarks` runs them side by side and :func:`write_results` writes
``benchmarks/results.md`` with the machine description. On a machine with CUDA the model
benchmarks run there.

A figure that needs an optional extra that is not installed (TRL, Ray, openenv, verifiers) is
skipped, never a crash: ``results["skipped"]`` maps it to the reason and the install command
(``pip install 'textgym[trl]'``), one line per skip goes to stderr, and the report lists it
(:mod:`textgym.bench.extras`).
"""

from __future__ import annotations

import datetime
import os
import platform
from collections.abc import Callable
from pathlib import Path
from typing import Any

GOALS = {
    "env_overhead_ratio": 0.5,
    "rollout_ratio": 0.9,
    "rater_batching_speedup": 1.5,
    "train_vs_trl_ratio": 1.0,
    "async_rollout_ratio": 0.8,
}


def machine_description() -> dict[str, Any]:
    """CPU, cores, memory, Python, torch and the accelerator, for the results file."""
    import torch

    memory = None
    try:
        memory = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": memory,
        "python": platform.python_version(),
        "torch": torch.__version__,
        "device": torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu",
        "platform": platform.platform(),
    }


def _benchmarks(quick: bool) -> dict[str, Callable[[], dict[str, Any]]]:
    from textgym.bench.asyncio import bench_async
    from textgym.bench.env import bench_env
    from textgym.bench.rater import bench_rater_batching
    from textgym.bench.rollout import bench_rollout
    from textgym.bench.serve import bench_serve
    from textgym.bench.train import bench_train_vs_trl

    return {
        "env": lambda: bench_env(steps=5000 if quick else 20000, repeats=3 if quick else 5),
        "rollout": lambda: bench_rollout(episodes=8 if quick else 32, n_envs=8, max_new_tokens=24 if quick else 48),
        "rater": lambda: bench_rater_batching(n=16, repeats=2 if quick else 3),
        "train": lambda: bench_train_vs_trl(steps=2 if quick else 4),
        "serve": lambda: bench_serve(episodes=50 if quick else 200, sessions=16),
        "asyncio": lambda: bench_async(episodes=200 if quick else 1000, concurrency=200 if quick else 1000, sequential_episodes=3 if quick else 10),
    }


def run_benchmarks(which: list[str] | None = None, *, quick: bool = False, progress: bool = True) -> dict[str, Any]:
    """Run the named benchmarks (default: all); one flat dict of figures plus ``machine``."""
    available = _benchmarks(quick)
    which = which or list(available)
    unknown = [w for w in which if w not in available]
    if unknown:
        raise ValueError(f"unknown benchmark(s) {unknown}; available: {list(available)}")
    import sys

    from tqdm.auto import tqdm

    from textgym.bench.extras import MissingExtra

    results: dict[str, Any] = {"quick": quick, "machine": machine_description()}
    skipped: dict[str, str] = {}
    for name in tqdm(which, desc="textgym bench", unit="bench", disable=not progress):
        try:
            figures = dict(available[name]())
        except MissingExtra as missing:
            figures = {"skipped": {name: str(missing)}}
        skipped.update(figures.pop("skipped", {}))
        results.update(figures)
    for figure, reason in skipped.items():
        print(f"textgym bench: skipped {figure}: {reason}", file=sys.stderr)
    if skipped:
        results["skipped"] = skipped
    return results


def write_results(results: dict[str, Any], path: str | Path = "benchmarks/results.md") -> Path:
    """Write a Markdown report of ``results`` (the ratios against their goals, then raw figures)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    machine = results.get("machine", {})
    lines = [
        "# textgym benchmarks",
        "",
        f"Measured {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')} with `textgym bench"
        + (" --quick" if results.get("quick") else "") + "`.",
        "",
        "Machine: " + ", ".join(f"{k} {v}" for k, v in machine.items()),
        "",
        "| ratio | value | goal | met |",
        "|---|---|---|---|",
    ]
    skipped = results.get("skipped") or {}
    for key, goal in GOALS.items():
        if key in results:
            value = results[key]
            lines.append(f"| `{key}` | {value:.2f} | >= {goal:g} | {'yes' if value >= goal else '**no**'} |")
        elif key in skipped:
            lines.append(f"| `{key}` | skipped | >= {goal:g} | n/a ({skipped[key]}) |")
    lines += ["", "## Raw figures", "", "| figure | value |", "|---|---|"]
    for key, value in results.items():
        if key in GOALS or key in ("machine", "quick") or isinstance(value, (list, dict)):
            continue
        lines.append(f"| `{key}` | {value:.4g} |" if isinstance(value, float) else f"| `{key}` | {value} |")
    if skipped:
        lines += ["", "## Skipped", "", "| figure | why |", "|---|---|"]
        lines += [f"| `{figure}` | {reason} |" for figure, reason in skipped.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
