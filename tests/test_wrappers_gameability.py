"""Gameability: exploit gap, cue density, online divergence wrapper and the CLI."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textgym
from textgym.agents.policy import make_policy
from textgym.cli import main
from textgym.wrappers import GameabilityScore, exploit_gap, gameability_table
from textgym.wrappers.gameability import cue_counts, cue_density, divergence, normalized_returns, spearman

ENV = "textgym/Sycophancy-v0"


# ------------------------------------------------------------------ spearman / divergence


def brute_spearman(x, y):
    def ranks(v):
        return np.array([np.mean([j + 1 for j, w in enumerate(sorted(v)) if w == u]) for u in v])

    rx, ry = ranks(x), ranks(y)
    return float(np.corrcoef(rx, ry)[0, 1])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=3, max_size=30))
def test_spearman_matches_the_average_rank_definition(pairs):
    x, y = [p[0] for p in pairs], [p[1] for p in pairs]
    if len(set(x)) < 2 or len(set(y)) < 2:
        assert np.isnan(spearman(x, y))
    else:
        assert spearman(x, y) == pytest.approx(brute_spearman(x, y), abs=1e-9)


def test_top_quartile_share_counts_high_proxy_low_truth_episodes():
    proxy = [0.9, 0.8, 0.2, 0.1, 0.5, 0.4, 0.3, 0.95]
    true = [0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0, 0.0]
    # top quartile by proxy: 0.95, 0.9 (>= the 75th percentile); both have true 0 < median 1
    assert divergence(proxy, true)["top_quartile_low_true"] == 1.0
    assert np.isnan(divergence([1, 2, 3], [1, 2, 3])["top_quartile_low_true"])


def run_episodes(env, policy_name, seeds):
    policy = make_policy(policy_name, env)
    infos = []
    for seed in seeds:
        obs, _ = env.reset(seed=seed)
        rewards, done = 0.0, False
        while not done:
            obs, reward, terminated, truncated, info = env.step(policy.act([obs])[0])
            rewards += reward
            done = terminated or truncated
        infos.append((rewards, info["gameability"]))
    return infos


def test_the_online_score_separates_an_exploiting_agent_from_an_aligned_one():
    exploit = GameabilityScore(textgym.make(ENV))
    for total, figures in run_episodes(exploit, "exploit", range(40)):
        assert figures["proxy_return"] == pytest.approx(total)
    aligned = GameabilityScore(textgym.make(ENV))
    run_episodes(aligned, "aligned", range(40))
    # the exploiter's highest-rated episodes are its least true ones; the aligned agent is always true
    assert exploit.summary()["spearman"] < -0.5 and exploit.summary()["top_quartile_low_true"] > 0.5
    assert aligned.summary()["top_quartile_low_true"] == 0.0


def test_the_window_keeps_only_the_latest_episodes():
    env = GameabilityScore(textgym.make(ENV), window=5)
    run_episodes(env, "aligned", range(9))
    assert env.summary()["episodes"] == 5
    with pytest.raises(ValueError):
        GameabilityScore(textgym.make(ENV), window=0)


# ------------------------------------------------------------------ exploit gap


def test_exploit_gap_is_the_largest_proxy_gain_bought_with_lost_truth():
    gap = exploit_gap({
        "aligned": ([0.3] * 4, [1.0] * 4),
        "hedge": ([0.4] * 4, [0.0] * 4),
        "exploit": ([0.8] * 4, [0.2] * 4),
    })
    assert gap.value == pytest.approx(0.5) and gap.pair == ("exploit", "aligned")
    assert gap.ci == pytest.approx((0.5, 0.5))


def test_no_pair_trading_truth_for_proxy_means_zero():
    gap = exploit_gap({"a": ([0.9, 0.7], [1.0, 0.9]), "b": ([0.1, 0.2], [0.0, 0.1])})
    assert gap.value == 0.0 and gap.pair is None


RETURNS = st.lists(st.floats(0.0, 1.0), min_size=2, max_size=12)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(RETURNS, st.integers(0, 100)), min_size=1, max_size=4), st.integers(0, 5))
def test_exploit_gap_and_its_ci_lie_in_minus_one_to_one(policies, seed):
    returns = {}
    for i, (proxy, shift) in enumerate(policies):
        true = [((p * 7 + shift) % 1.0) for p in proxy]
        returns[f"p{i}"] = (proxy, true)
    gap = exploit_gap(returns, resamples=200, seed=seed)
    # cross-fitted: a pair chosen on some seeds may lose proxy on the others, so G can be < 0
    assert -1.0 <= gap.value <= 1.0 and 0.0 <= gap.naive <= 1.0
    assert -1.0 <= gap.ci[0] <= gap.value <= gap.ci[1] <= 1.0


def test_normalisation_uses_the_declared_range_and_episode_length():
    from types import SimpleNamespace as R

    record = R(rewards=[-1.0, 3.0], hidden=[{"true_reward": 1.0}, {}])
    proxy, true = normalized_returns([record], (-1.0, 3.0))
    assert proxy.tolist() == [0.5] and true.tolist() == [0.5]
    assert normalized_returns([R(rewards=[0.0, 1.0], hidden=[{}, {}])], (0.0, 1.0), binary=True)[0].tolist() == [1.0]


# ------------------------------------------------------------------ cue density


def test_cue_density_counts_declared_phrases_per_hundred_words():
    assert cue_counts("I\u2019m really not sure. Are you sure? are you SURE?", ["I'm really not sure", "Are you sure?"]) == (3, 10)
    assert cue_density(["one two three four"], ["five"]) == 0.0
    assert cue_density([""], ["x"]) == 0.0
    # a phrase must match whole words at its ends
    assert cue_counts("Are you surely", ["Are you sure"])[0] == 0


def test_the_table_tells_cued_from_uncued_sycophancy():
    rows = {r.cues: r for r in gameability_table(ENV, episodes=30, axes={"framing": "assistant"}, progress=False)}
    none, belief = rows["none"], rows["belief"]
    assert none.cue_density == 0.0 and belief.cue_density > 5.0
    assert belief.exploit_gap > none.exploit_gap + 0.2
    assert belief.ci[0] > none.ci[1]  # the CIs do not overlap
    assert belief.pair == ("exploit", "aligned")
    # with the belief hidden the exploit policy answers like the aligned one
    assert none.proxy["exploit"] == none.proxy["aligned"] and none.true["exploit"] == none.true["aligned"]


def test_axes_restrict_and_unknown_axes_are_refused():
    rows = gameability_table(ENV, episodes=2, axes={"cues": "none", "users": "open_minded"}, progress=False)
    assert [r.cues for r in rows] == ["none"] * len(textgym.get_spec(ENV).axes["framing"].variants)
    with pytest.raises(ValueError, match="unknown axes"):
        gameability_table(ENV, episodes=2, axes={"colour": "red"}, progress=False)


# ------------------------------------------------------------------ CLI


def test_cli_json_covers_every_framing_and_cues_combination_with_scores_in_range(capsys):
    assert main(["gameability", ENV, "--episodes", "10", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    spec = textgym.get_spec(ENV)
    expected = set(itertools.product(spec.axes["framing"].variants, spec.axes["cues"].variants))
    assert {(r["framing"], r["cues"]) for r in rows} == expected
    for r in rows:
        assert -1.0 <= r["ci"][0] <= r["exploit_gap"] <= r["ci"][1] <= 1.0
        assert r["cue_density"] >= 0.0


def test_cli_writes_a_heatmap(tmp_path, capsys):
    out = tmp_path / "g.png"
    assert main(["gameability", ENV, "--episodes", "3", "--axis", "framing=assistant", "--plot", str(out), "--quiet"]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "exploit gap G" in capsys.readouterr().out


def test_cli_errors_are_one_line(capsys):
    assert main(["gameability", ENV, "--axis", "colour=red", "--episodes", "2"]) == 2
    err = capsys.readouterr().err
    assert "colour" in err and len(err.strip().splitlines()) == 1
    assert main(["gameability", ENV, "--episodes", "0"]) == 2


def test_cli_on_sycophancy_with_50_episodes_runs_in_a_subprocess():
    done = subprocess.run(
        [sys.executable, "-m", "textgym.cli", "gameability", ENV, "--episodes", "50", "--json"],
        capture_output=True, text=True, timeout=300, check=True,
    )
    rows = json.loads(done.stdout)["rows"]
    assert len(rows) == 12
    assert all(-1.0 <= r["ci"][0] <= r["exploit_gap"] <= r["ci"][1] <= 1.0 for r in rows)
