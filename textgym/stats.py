"""Confidence intervals used in every table and report: percentile bootstrap, fixed seed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np


def bootstrap_ci(
    values: Sequence[float] | np.ndarray,
    statistic: Callable[[np.ndarray], float] = np.mean,
    *,
    level: float = 0.95,
    resamples: int = 2000,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile bootstrap confidence interval of ``statistic`` over ``values``.

    With fewer than two values the interval is ``(nan, nan)``: there is no spread to resample.

    Example:
        >>> lo, hi = bootstrap_ci([0.0, 1.0] * 50)
        >>> 0.39 < lo < 0.5 < hi < 0.61
        True
    """
    data = np.asarray(values, dtype=float)
    if data.size < 2:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, data.size, size=(resamples, data.size))
    if statistic is np.mean:
        stats = data[idx].mean(axis=1)
    else:
        stats = np.array([statistic(data[row]) for row in idx])
    alpha = (1.0 - level) / 2.0
    return float(np.quantile(stats, alpha)), float(np.quantile(stats, 1.0 - alpha))


def format_ci(mean: float, ci: tuple[float, float], digits: int = 2) -> str:
    """``0.53 [0.41, 0.66]``; ``0.53 [n/a]`` when the interval is undefined."""
    if any(np.isnan(ci)):
        return f"{mean:.{digits}f} [n/a]"
    return f"{mean:.{digits}f} [{ci[0]:.{digits}f}, {ci[1]:.{digits}f}]"
