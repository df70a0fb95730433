"""The statistics every table and report uses: confidence intervals, paired tests, Holm's
correction and minimum detectable effects.

Intervals:

* :func:`bootstrap_ci` — percentile bootstrap of a statistic (fixed seed); :func:`grouped_bootstrap_ci`
  resamples whole groups (e.g. the two statements of one fact);
* :func:`wilson_ci` — the Wilson score interval of a proportion; never zero-width (0/16 gives
  ``[0.00, 0.19]``), so a rate that is zero in a sample is not "known to be zero";
* :func:`newcombe_paired_ci` — the interval of a *paired* difference of two proportions
  (Newcombe 1998, method 11: continuity-corrected Wilson limits combined with the phi
  correlation of the pairs).

Paired tests (the two samples share their evaluation seeds, so outcomes are paired by episode):

* :func:`mcnemar_exact` — binary outcomes: the exact two-sided binomial test on the discordant pairs;
* :func:`paired_permutation_test` — continuous outcomes (returns): a sign-flip permutation test of
  the mean paired difference (exact up to 2^16 sign patterns, Monte Carlo beyond);
* :func:`paired_bootstrap_ci` — the percentile bootstrap of the mean paired difference, undefined
  (``nan``) when the differences have no spread rather than zero-width;
* :func:`any_pairing_test` — when only each sample's mean and standard error are known (results
  written before per-episode outcomes were stored): a t test with standard error
  ``se1 + se2``, the largest the difference can have under *any* pairing (Cauchy–Schwarz), so it is
  valid but conservative.

Multiplicity: :func:`holm` adjusts the p-values of all comparisons in one report (Holm 1979).

Power: :func:`minimum_detectable_effect` — the smallest true mean difference a two-sided test at
level ``alpha`` detects with probability ``power``, normal approximation:

    MDE = (z[1 − alpha/2] + z[power]) · sd_d / sqrt(n)

with ``sd_d`` the standard deviation of one paired difference and ``n`` the number of pairs.

:func:`spearman_permutation` gives a rank correlation with its exact permutation p-value (a
correlation over four points cannot reach p < 0.05: the smallest two-sided p is 1/12).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

__all__ = [
    "PairedComparison", "any_pairing_test", "bootstrap_ci", "format_ci", "format_value", "grouped_bootstrap_ci",
    "holm", "mcnemar_exact", "minimum_detectable_effect", "newcombe_paired_ci", "paired_binary", "paired_bootstrap_ci",
    "paired_continuous", "paired_permutation_test", "spearman_permutation", "student_t_two_sided", "wilson_ci",
    "z_quantile",
]


def z_quantile(p: float) -> float:
    """The standard normal quantile.

    Example:
        >>> round(z_quantile(0.975), 3)
        1.96
    """
    return NormalDist().inv_cdf(p)


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
    stats = stats[np.isfinite(stats)]
    if stats.size == 0:
        return (float("nan"), float("nan"))
    alpha = (1.0 - level) / 2.0
    return float(np.quantile(stats, alpha)), float(np.quantile(stats, 1.0 - alpha))


def grouped_bootstrap_ci(
    values: Sequence[float] | np.ndarray,
    groups: Sequence[Hashable],
    statistic: Callable[[np.ndarray], float] = np.mean,
    *,
    level: float = 0.95,
    resamples: int = 2000,
    seed: int = 0,
) -> tuple[float, float]:
    """Percentile bootstrap that resamples whole *groups* (clusters) with replacement.

    Use it when the values of one group are not independent (the true and the false statement
    of one fact): the interval then reflects how many groups there are, not how many values.
    ``(nan, nan)`` with fewer than two groups.

    Example:
        >>> values = [1.0, 1.0, 0.0, 0.0] * 5
        >>> groups = [i // 2 for i in range(20)]   # pairs of identical values
        >>> flat, grouped = bootstrap_ci(values), grouped_bootstrap_ci(values, groups)
        >>> grouped[1] - grouped[0] > flat[1] - flat[0]
        True
    """
    data = np.asarray(values, dtype=float)
    keys = list(groups)
    if len(keys) != data.size:
        raise ValueError(f"values and groups must have the same length, got {data.size} and {len(keys)}")
    names = list(dict.fromkeys(keys))
    if len(names) < 2:
        return (float("nan"), float("nan"))
    members = [np.flatnonzero(np.array([k == name for k in keys])) for name in names]
    rng = np.random.default_rng(seed)
    stats = []
    for _ in range(resamples):
        chosen = rng.integers(0, len(names), size=len(names))
        stats.append(statistic(data[np.concatenate([members[i] for i in chosen])]))
    arr = np.asarray(stats, dtype=float)
    arr = arr[np.isfinite(arr)]
    if arr.size == 0:
        return (float("nan"), float("nan"))
    alpha = (1.0 - level) / 2.0
    return float(np.quantile(arr, alpha)), float(np.quantile(arr, 1.0 - alpha))


def wilson_ci(successes: float, n: int, level: float = 0.95) -> tuple[float, float]:
    """The Wilson score interval of a proportion ``successes / n`` (``nan`` when ``n`` is 0).

    ``successes`` may be fractional (``n`` times a mean of values in [0, 1]); since such values
    vary at most as much as 0/1 ones, the interval is then conservative.

    Example:
        >>> [round(x, 2) for x in wilson_ci(0, 16)]
        [0.0, 0.19]
        >>> [round(x, 2) for x in wilson_ci(8, 16)]
        [0.28, 0.72]
    """
    if n <= 0:
        return (float("nan"), float("nan"))
    if not 0 <= successes <= n:
        raise ValueError(f"successes must lie in [0, n={n}], got {successes}")
    z = z_quantile(1 - (1 - level) / 2)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    lo = 0.0 if successes == 0 else max(0.0, min(p, centre - half))
    hi = 1.0 if successes == n else min(1.0, max(p, centre + half))
    return (lo, hi)


def format_value(value: float | None, digits: int = 2, reason: str = "no data") -> str:
    """A number, or ``n/a (reason)`` when it cannot be computed (None or NaN).

    Example:
        >>> format_value(0.5), format_value(float("nan"), reason="no parsed confidence")
        ('0.50', 'n/a (no parsed confidence)')
    """
    if value is None or not math.isfinite(float(value)):
        return f"n/a ({reason})"
    return f"{float(value):.{digits}f}"


def format_ci(mean: float | None, ci: Sequence[float | None] | None, digits: int = 2, reason: str = "") -> str:
    """``0.53 [0.41, 0.66]``; ``n/a (reason)`` when the value itself cannot be computed, and
    ``0.53 [CI n/a (reason)]`` when only the interval cannot.

    Example:
        >>> format_ci(0.53, (0.41, 0.66))
        '0.53 [0.41, 0.66]'
        >>> format_ci(float("nan"), (float("nan"), float("nan")))
        'n/a (no data)'
        >>> format_ci(1.0, (float("nan"), float("nan")))
        '1.00 [CI n/a (fewer than two values)]'
    """
    if mean is None or not math.isfinite(float(mean)):
        return f"n/a ({reason or 'no data'})"
    lo, hi = (None, None) if ci is None else tuple(ci)
    if lo is None or hi is None or not (math.isfinite(float(lo)) and math.isfinite(float(hi))):
        return f"{float(mean):.{digits}f} [CI n/a ({reason or 'fewer than two values'})]"
    return f"{float(mean):.{digits}f} [{float(lo):.{digits}f}, {float(hi):.{digits}f}]"


# ---------------------------------------------------------------- multiplicity


def holm(pvalues: Sequence[float | None]) -> list[float]:
    """Holm–Bonferroni adjusted p-values (step-down, monotone, capped at 1).

    ``None``/NaN entries (comparisons that could not be tested) stay NaN and do not count
    towards the number of tests.

    Example:
        >>> holm([0.01, 0.04, 0.03, None])
        [0.03, 0.06, 0.06, nan]
    """
    values = [float("nan") if p is None else float(p) for p in pvalues]
    order = sorted((i for i, p in enumerate(values) if math.isfinite(p)), key=lambda i: values[i])
    m = len(order)
    out = [float("nan")] * len(values)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * values[i]))
        out[i] = round(running, 12)
    return out


# ---------------------------------------------------------------- paired binary outcomes


def mcnemar_exact(b: int, c: int) -> float:
    """Exact two-sided McNemar p-value from the discordant counts ``b`` (only before true) and
    ``c`` (only after true): the binomial test of ``b`` against ``b + c`` fair coin flips.

    Example:
        >>> mcnemar_exact(0, 4)      # 0/16 -> 4/16 on the same seeds: p = 0.125
        0.125
        >>> mcnemar_exact(0, 0)
        1.0
    """
    if b < 0 or c < 0:
        raise ValueError(f"discordant counts must be >= 0, got {b}, {c}")
    n = b + c
    if n == 0:
        return 1.0
    k = min(b, c)
    tail = sum(math.comb(n, i) for i in range(k + 1)) / 2.0**n
    return float(min(1.0, 2.0 * tail))


def _wilson_cc(successes: int, n: int, z: float) -> tuple[float, float]:
    """Wilson interval with continuity correction (Newcombe 1998a, method 4)."""
    p = successes / n
    denom = 2 * (n + z * z)
    lo = 0.0 if successes == 0 else (2 * n * p + z * z - 1 - z * math.sqrt(max(0.0, z * z - 2 - 1 / n + 4 * p * (n * (1 - p) + 1)))) / denom
    hi = 1.0 if successes == n else (2 * n * p + z * z + 1 + z * math.sqrt(max(0.0, z * z + 2 - 1 / n + 4 * p * (n * (1 - p) - 1)))) / denom
    return (max(0.0, min(p, lo)), min(1.0, max(p, hi)))


def newcombe_paired_ci(a: int, b: int, c: int, d: int, level: float = 0.95) -> tuple[float, float]:
    """Interval of the paired difference ``p_after − p_before`` (Newcombe 1998b, method 11: Wilson
    limits with continuity correction combined with the corrected phi of the pairs).

    ``a``: both true; ``b``: true before only; ``c``: true after only; ``d``: neither. Never
    zero-width; the continuity correction keeps it in line with McNemar's exact test at small n
    (0/16 → 4/16 on the same episodes: the interval holds 0, and McNemar's p is 0.125).

    Example:
        >>> [round(x, 2) for x in newcombe_paired_ci(0, 0, 0, 16)]   # all zero before and after
        [-0.24, 0.24]
        >>> newcombe_paired_ci(0, 0, 4, 12)[0] < 0
        True
    """
    n = a + b + c + d
    if n == 0:
        return (float("nan"), float("nan"))
    z = z_quantile(1 - (1 - level) / 2)
    p1, p2 = (a + b) / n, (a + c) / n
    l1, u1 = _wilson_cc(a + b, n, z)
    l2, u2 = _wilson_cc(a + c, n, z)
    denom = (a + b) * (c + d) * (a + c) * (b + d)
    ad, bc = a * d, b * c
    if denom == 0 or bc <= ad <= bc + n / 2:
        phi = 0.0
    elif ad > bc + n / 2:
        phi = (ad - bc - n / 2) / math.sqrt(denom)
    else:
        phi = (ad - bc) / math.sqrt(denom)
    theta = p2 - p1
    delta = math.sqrt(max(0.0, (p2 - l2) ** 2 - 2 * phi * (p2 - l2) * (u1 - p1) + (u1 - p1) ** 2))
    eps = math.sqrt(max(0.0, (u2 - p2) ** 2 - 2 * phi * (u2 - p2) * (p1 - l1) + (p1 - l1) ** 2))
    return (max(-1.0, theta - delta), min(1.0, theta + eps))


@dataclass(frozen=True)
class PairedComparison:
    """One paired comparison: the effect (after − before), its CI, the test and its p-value.

    ``p`` is NaN (and ``reason`` says why) when the comparison could not be tested.
    """

    effect: float
    ci: tuple[float, float]
    p: float
    test: str
    n: int
    sd_diff: float
    reason: str = ""


def paired_binary(before: Sequence[bool | None], after: Sequence[bool | None], level: float = 0.95) -> PairedComparison:
    """McNemar exact test and Newcombe interval for binary outcomes paired by position; pairs
    where either side is ``None`` (unclear or absent) are left out.

    Example:
        >>> r = paired_binary([False] * 16, [True] * 4 + [False] * 12)
        >>> r.effect, r.p, r.test
        (0.25, 0.125, 'McNemar exact')
    """
    if len(before) != len(after):
        raise ValueError(f"paired samples must have the same length, got {len(before)} and {len(after)}")
    pairs = [(bool(x), bool(y)) for x, y in zip(before, after) if x is not None and y is not None]
    n = len(pairs)
    if n == 0:
        nan = float("nan")
        return PairedComparison(nan, (nan, nan), nan, "McNemar exact", 0, nan, "no pair with both outcomes known")
    a = sum(x and y for x, y in pairs)
    b = sum(x and not y for x, y in pairs)
    c = sum(y and not x for x, y in pairs)
    d = n - a - b - c
    diffs = np.array([float(y) - float(x) for x, y in pairs])
    sd = float(diffs.std(ddof=1)) if n > 1 else float("nan")
    return PairedComparison((c - b) / n, newcombe_paired_ci(a, b, c, d, level), mcnemar_exact(b, c), "McNemar exact", n, sd)


# ---------------------------------------------------------------- paired continuous outcomes


def paired_permutation_test(before: Sequence[float] | np.ndarray, after: Sequence[float] | np.ndarray, *, resamples: int = 20_000, seed: int = 0) -> float:
    """Two-sided sign-flip permutation p-value of the mean paired difference.

    Exact (every sign pattern) for up to 16 pairs; Monte Carlo with ``resamples`` patterns beyond
    (p = (hits + 1) / (resamples + 1)). 1.0 when every difference is zero.

    Example:
        >>> paired_permutation_test([0.0] * 6, [1.0] * 6)   # 2 of 64 sign patterns are as extreme
        0.03125
    """
    x, y = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    if x.shape != y.shape:
        raise ValueError(f"paired samples must have the same length, got {x.size} and {y.size}")
    d = y - x
    n = d.size
    if n == 0 or not np.any(d):
        return 1.0
    observed = abs(d.mean())
    tol = 1e-12 * max(1.0, observed)
    if n <= 16:
        signs = np.array(list(itertools.product((1.0, -1.0), repeat=n)))
        stats = np.abs(signs @ d) / n
        return float(np.mean(stats >= observed - tol))
    rng = np.random.default_rng(seed)
    signs = rng.choice((1.0, -1.0), size=(resamples, n))
    stats = np.abs(signs @ d) / n
    return float((np.sum(stats >= observed - tol) + 1) / (resamples + 1))


def paired_bootstrap_ci(before: Sequence[float] | np.ndarray, after: Sequence[float] | np.ndarray, *, level: float = 0.95, resamples: int = 2000,
                        seed: int = 0) -> tuple[float, tuple[float, float]]:
    """Mean paired difference (after − before) and its percentile-bootstrap CI over pairs.

    The CI is ``(nan, nan)`` — not zero-width — when the differences have no spread (or there are
    fewer than two pairs): the bootstrap then says nothing about the uncertainty.

    Example:
        >>> effect, ci = paired_bootstrap_ci([0.0, 1.0, 0.0, 1.0], [1.0, 1.0, 1.0, 1.0])
        >>> effect, ci[0] <= effect <= ci[1]
        (0.5, True)
        >>> paired_bootstrap_ci([0.0] * 5, [0.0] * 5)[1]
        (nan, nan)
    """
    x, y = np.asarray(before, dtype=float), np.asarray(after, dtype=float)
    if x.shape != y.shape:
        raise ValueError(f"paired samples must have the same length, got {x.size} and {y.size}")
    d = y - x
    if d.size == 0:
        return float("nan"), (float("nan"), float("nan"))
    if d.size < 2 or np.ptp(d) == 0:
        return float(d.mean()), (float("nan"), float("nan"))
    return float(d.mean()), bootstrap_ci(d, level=level, resamples=resamples, seed=seed)


def paired_continuous(before: Sequence[float | None], after: Sequence[float | None], level: float = 0.95) -> PairedComparison:
    """Paired permutation test and paired bootstrap CI of the mean difference; pairs with a
    missing side are left out.

    Example:
        >>> r = paired_continuous([0.0, 0.5, 1.0, 0.5], [0.5, 1.0, 1.5, 1.0])
        >>> r.effect, r.p, r.test
        (0.5, 0.125, 'paired permutation')
    """
    if len(before) != len(after):
        raise ValueError(f"paired samples must have the same length, got {len(before)} and {len(after)}")
    pairs = [(float(x), float(y)) for x, y in zip(before, after)
             if x is not None and y is not None and math.isfinite(float(x)) and math.isfinite(float(y))]
    if not pairs:
        nan = float("nan")
        return PairedComparison(nan, (nan, nan), nan, "paired permutation", 0, nan, "no pair with both values known")
    x, y = (np.array(v) for v in zip(*pairs))
    effect, ci = paired_bootstrap_ci(x, y, level=level)
    sd = float((y - x).std(ddof=1)) if len(pairs) > 1 else float("nan")
    reason = "" if np.isfinite(ci[0]) else "the paired differences have no spread"
    return PairedComparison(effect, ci, paired_permutation_test(x, y), "paired permutation", len(pairs), sd, reason)


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the regularized incomplete beta function (Lentz's method)."""
    tiny, qab, qap, qam = 1e-300, a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-14:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x))
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1 - x) / b


def student_t_two_sided(t: float, df: float) -> float:
    """Two-sided p-value of Student's t statistic with ``df`` degrees of freedom.

    Example:
        >>> round(student_t_two_sided(2.131, 15), 3)     # the 97.5% quantile of t(15)
        0.05
    """
    if not math.isfinite(t):
        return 0.0
    return float(min(1.0, _betainc(df / 2.0, 0.5, df / (df + t * t))))


def any_pairing_test(mean1: float, se1: float, mean2: float, se2: float, df: float | None = None) -> float:
    """Two-sided p-value of ``mean2 − mean1`` with standard error ``se1 + se2`` (Student's t with
    ``df`` degrees of freedom, e.g. ``n − 1`` when the standard errors are estimated from ``n``
    pairs; normal when ``df`` is None).

    ``se1 + se2`` bounds the standard error of a paired difference whatever the correlation of the
    pairs, so the test is valid (conservative) when only each sample's mean and standard error are
    known. NaN when a standard error is unknown.

    Example:
        >>> round(any_pairing_test(0.0, 0.05, 0.25, 0.1), 3)
        0.096
        >>> any_pairing_test(0.0, 0.05, 0.25, 0.1, df=15) > 0.096
        True
    """
    se = se1 + se2
    if not (math.isfinite(se) and math.isfinite(mean1) and math.isfinite(mean2)):
        return float("nan")
    if se <= 0:
        return 1.0 if mean1 == mean2 else 0.0
    statistic = abs(mean2 - mean1) / se
    if df is not None and df >= 1:
        return student_t_two_sided(statistic, df)
    return float(2 * (1 - NormalDist().cdf(statistic)))


# ---------------------------------------------------------------- power


def minimum_detectable_effect(sd_diff: float, n: int, alpha: float = 0.05, power: float = 0.8) -> float:
    """Smallest true mean difference detected with probability ``power`` by a two-sided test at
    level ``alpha`` over ``n`` pairs whose differences have standard deviation ``sd_diff``:
    ``(z[1 − alpha/2] + z[power]) · sd_diff / sqrt(n)`` (normal approximation). NaN when unknown.

    Example:
        >>> round(minimum_detectable_effect(1.0, 16, alpha=0.05), 2)
        0.7
    """
    if n <= 0 or not math.isfinite(sd_diff) or not 0 < alpha < 1:
        return float("nan")
    return (z_quantile(1 - alpha / 2) + z_quantile(power)) * sd_diff / math.sqrt(n)


# ---------------------------------------------------------------- correlation


def _ranks(values: np.ndarray) -> np.ndarray:
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(values.size, dtype=float)
    ranks[order] = np.arange(values.size, dtype=float)
    for value in np.unique(values):
        tied = values == value
        ranks[tied] = ranks[tied].mean()
    return ranks


def spearman_permutation(x: Sequence[float], y: Sequence[float], *, resamples: int = 20_000, seed: int = 0) -> tuple[float, float]:
    """Spearman's rho and its two-sided permutation p-value (exact over all orderings of ``y`` up
    to 8 points, Monte Carlo beyond). NaN with fewer than 3 points or a constant variable.

    Example:
        >>> rho, p = spearman_permutation([1, 2, 3, 4], [1, 2, 3, 4])
        >>> rho, round(p, 3)      # a perfect order over four points: p = 2/24
        (1.0, 0.083)
    """
    a, b = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if a.size != b.size:
        raise ValueError(f"x and y must have the same length, got {a.size} and {b.size}")
    if a.size < 3 or np.ptp(a) == 0 or np.ptp(b) == 0:
        return float("nan"), float("nan")
    ra, rb = _ranks(a), _ranks(b)

    def rho(r: np.ndarray) -> float:
        return float(np.corrcoef(ra, r)[0, 1])

    observed = rho(rb)
    tol = 1e-12
    if a.size <= 8:
        stats = np.array([rho(rb[list(p)]) for p in itertools.permutations(range(a.size))])
        return observed, float(np.mean(np.abs(stats) >= abs(observed) - tol))
    rng = np.random.default_rng(seed)
    stats = np.array([rho(rng.permutation(rb)) for _ in range(resamples)])
    return observed, float((np.sum(np.abs(stats) >= abs(observed) - tol) + 1) / (resamples + 1))
