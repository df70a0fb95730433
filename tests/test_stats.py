"""Statistics of tables and reports: intervals that are never zero-width, paired tests that hold
their level, Holm's correction and the minimum detectable effect."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textgym.stats import (
    any_pairing_test,
    bootstrap_ci,
    format_ci,
    format_value,
    grouped_bootstrap_ci,
    holm,
    mcnemar_exact,
    minimum_detectable_effect,
    newcombe_paired_ci,
    paired_binary,
    paired_bootstrap_ci,
    paired_continuous,
    paired_permutation_test,
    spearman_permutation,
    wilson_ci,
    z_quantile,
)

# ---------------------------------------------------------------- Holm


def test_holm_matches_the_textbook_step_down_values():
    assert holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.floats(0, 1), st.none()), max_size=30))
def test_holm_never_lowers_a_p_value_keeps_the_order_and_skips_untestable_ones(pvalues):
    adjusted = holm(pvalues)
    assert len(adjusted) == len(pvalues)
    for raw, adj in zip(pvalues, adjusted):
        if raw is None:
            assert math.isnan(adj)
        else:
            assert raw - 1e-12 <= adj <= 1.0
    pairs = sorted((raw, adj) for raw, adj in zip(pvalues, adjusted) if raw is not None)
    assert all(a[1] <= b[1] + 1e-12 for a, b in zip(pairs, pairs[1:]))


def test_holm_controls_the_familywise_error_under_the_global_null():
    rng = np.random.default_rng(0)
    sims, m = 4000, 20
    hits = sum(min(holm(rng.uniform(size=m).tolist())) < 0.05 for _ in range(sims))
    assert hits / sims <= 0.05 + 3 * math.sqrt(0.05 * 0.95 / sims)


# ---------------------------------------------------------------- binary outcomes


def test_zero_of_sixteen_to_four_of_sixteen_is_not_a_detectable_change():
    result = paired_binary([False] * 16, [True] * 4 + [False] * 12)
    assert result.p == pytest.approx(0.125)
    assert result.ci[0] < 0 < result.ci[1]


def test_mcnemar_exact_is_the_two_sided_binomial_test_of_the_discordant_pairs():
    assert mcnemar_exact(0, 5) == pytest.approx(2 * 0.5**5)
    assert mcnemar_exact(3, 3) == 1.0
    assert mcnemar_exact(2, 7) == mcnemar_exact(7, 2)
    assert mcnemar_exact(1, 9) == pytest.approx(2 * (1 + 10) / 2**10)


def test_mcnemar_holds_its_level_on_paired_episodes_without_an_effect():
    rng = np.random.default_rng(1)
    sims, n = 3000, 30
    rejections = 0
    for _ in range(sims):
        shared = rng.uniform(size=n) < 0.4  # correlated pairs, same marginal before and after
        flip = rng.uniform(size=n) < 0.3
        before = np.where(flip, rng.uniform(size=n) < 0.4, shared)
        after = np.where(rng.uniform(size=n) < 0.3, rng.uniform(size=n) < 0.4, shared)
        rejections += paired_binary(before.tolist(), after.tolist()).p < 0.05
    assert rejections / sims <= 0.05 + 3 * math.sqrt(0.05 * 0.95 / sims)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 40), st.integers(0, 40), st.integers(0, 40), st.integers(0, 40))
def test_the_newcombe_paired_interval_is_never_zero_width_and_holds_the_estimate(a, b, c, d):
    n = a + b + c + d
    if n == 0:
        assert all(math.isnan(x) for x in newcombe_paired_ci(a, b, c, d))
        return
    lo, hi = newcombe_paired_ci(a, b, c, d)
    theta = (c - b) / n
    assert -1.0 <= lo <= theta + 1e-9 and theta - 1e-9 <= hi <= 1.0
    assert hi - lo > 0


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 200), st.data())
def test_the_wilson_interval_is_never_zero_width_and_holds_the_proportion(n, data):
    k = data.draw(st.integers(0, n))
    lo, hi = wilson_ci(k, n)
    assert 0.0 <= lo <= k / n <= hi <= 1.0
    assert hi - lo > 0


def test_an_all_zero_sample_gets_a_wilson_interval_not_zero():
    assert bootstrap_ci([0.0] * 16) == (0.0, 0.0)  # what the old tables printed
    lo, hi = wilson_ci(0, 16)
    assert lo == 0.0 and hi == pytest.approx(0.194, abs=1e-3)


# ---------------------------------------------------------------- continuous outcomes


def test_the_paired_permutation_test_is_exact_for_small_samples():
    assert paired_permutation_test([0.0] * 6, [1.0] * 6) == pytest.approx(2 / 64)
    assert paired_permutation_test([1.0, 2.0], [1.0, 2.0]) == 1.0


def test_the_paired_permutation_test_holds_its_level_and_finds_a_real_shift():
    rng = np.random.default_rng(2)
    sims, n = 400, 24
    null = sum(paired_permutation_test(x := rng.normal(size=n), x + rng.normal(size=n) * 0.5 - 0.0, resamples=999, seed=i) < 0.05
               for i in range(sims))
    assert null / sims <= 0.05 + 3 * math.sqrt(0.05 * 0.95 / sims)
    shifted = sum(paired_permutation_test(x := rng.normal(size=n), x + 0.5 + rng.normal(size=n) * 0.5, resamples=999, seed=i) < 0.05
                  for i in range(100))
    assert shifted >= 90


def test_the_paired_bootstrap_has_no_interval_for_differences_without_spread():
    effect, ci = paired_bootstrap_ci([0.0] * 8, [0.0] * 8)
    assert effect == 0.0 and all(math.isnan(x) for x in ci)
    result = paired_continuous([0.0] * 8, [0.0] * 8)
    assert result.p == 1.0 and "no spread" in result.reason


def test_pairing_uses_the_shared_seeds_a_constant_shift_is_detected_that_an_unpaired_look_misses():
    rng = np.random.default_rng(3)
    before = rng.normal(size=16) * 3
    after = before + 0.5
    assert paired_continuous(before.tolist(), after.tolist()).p < 0.001
    se = before.std(ddof=1) / 4
    assert any_pairing_test(before.mean(), se, after.mean(), se) > 0.5


def test_the_any_pairing_bound_holds_its_level_even_for_negatively_correlated_pairs():
    rng = np.random.default_rng(4)
    sims, n = 3000, 16
    rejections = 0
    for _ in range(sims):
        x = rng.normal(size=n)
        y = -x + rng.normal(size=n) * 0.1  # strongly negative correlation: the worst case for an unpaired test
        se_x, se_y = x.std(ddof=1) / math.sqrt(n), y.std(ddof=1) / math.sqrt(n)
        rejections += any_pairing_test(x.mean(), se_x, y.mean(), se_y, df=n - 1) < 0.05
    assert rejections / sims <= 0.05 + 3 * math.sqrt(0.05 * 0.95 / sims)


# ---------------------------------------------------------------- power


def test_the_minimum_detectable_effect_follows_its_formula_and_shrinks_with_root_n():
    mde = minimum_detectable_effect(1.0, 16, alpha=0.05, power=0.8)
    assert mde == pytest.approx((z_quantile(0.975) + z_quantile(0.8)) / 4)
    assert minimum_detectable_effect(1.0, 64) == pytest.approx(mde / 2)
    assert minimum_detectable_effect(1.0, 16, alpha=0.05 / 20) > mde
    assert math.isnan(minimum_detectable_effect(float("nan"), 16))


def test_an_effect_of_one_mde_is_detected_about_eighty_percent_of_the_time():
    rng = np.random.default_rng(5)
    n, sd, alpha, sims = 40, 1.0, 0.01, 4000
    effect = minimum_detectable_effect(sd, n, alpha=alpha)
    means = rng.normal(effect, sd, size=(sims, n)).mean(axis=1)
    power = np.mean(np.abs(means) / (sd / math.sqrt(n)) > z_quantile(1 - alpha / 2))
    assert abs(power - 0.8) < 0.03


# ---------------------------------------------------------------- formatting, correlation, grouped bootstrap


def test_a_value_that_cannot_be_computed_prints_as_na_with_its_reason():
    assert format_ci(float("nan"), (float("nan"), float("nan")), reason="no parsed confidence") == "n/a (no parsed confidence)"
    assert format_ci(None, None) == "n/a (no data)"
    assert format_ci(0.5, (float("nan"), 0.6)).startswith("0.50 [CI n/a (")
    assert format_value(None, reason="not logged") == "n/a (not logged)"
    assert "nan" not in format_ci(float("nan"), (0.1, 0.2))


def test_spearman_over_four_points_cannot_be_significant():
    rho, p = spearman_permutation([0.02, 0.40, 0.40, 0.11], [-0.09, -0.03, 0.12, 0.0])
    assert p >= 1 / 12 - 1e-9
    rho, p = spearman_permutation([1, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 5, 6, 7])
    assert rho == pytest.approx(1.0) and p == pytest.approx(2 / math.factorial(7))


def test_resampling_whole_groups_widens_the_interval_when_group_members_agree():
    values = np.repeat([1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0], 2)
    groups = np.repeat(np.arange(8), 2).tolist()
    flat = bootstrap_ci(values)
    grouped = grouped_bootstrap_ci(values, groups)
    assert grouped[1] - grouped[0] > flat[1] - flat[0]
    with pytest.raises(ValueError, match="same length"):
        grouped_bootstrap_ci([1.0, 0.0], [0])
