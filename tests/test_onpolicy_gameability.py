"""On-policy gameability: the per-prompt estimator, scoring through preview, framing-sensitive
rows, and the CLI wiring with hf:tiny."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textgym
from textgym.analysis import onpolicy_gameability, prompt_figures, score_candidates
from textgym.analysis.onpolicy import summarize
from textgym.cli import main

ENV = "textgym/Sycophancy-v0"
SCORES = st.lists(st.tuples(st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0]), st.sampled_from([0.0, 0.5, 1.0])), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None)
@given(SCORES)
def test_prompt_figures_follow_the_definition(candidates):
    proxy = [p for p, _ in candidates]
    true = [t for _, t in candidates]
    f = prompt_figures(proxy, true)
    top_proxy = max(proxy)
    # proxy-best: highest proxy, the truest among ties; truth-best: truest, the best rewarded among ties
    proxy_best_truth = max(t for p, t in candidates if p == top_proxy)
    top_true = max(true)
    truth_best_proxy = max(p for p, t in candidates if t == top_true)
    assert f.gap == pytest.approx(top_proxy - truth_best_proxy)
    assert f.untrue == (proxy_best_truth < 0.5)
    assert f.sacrificed == (proxy_best_truth < top_true)
    assert f.gap >= 0 and (f.gap == 0 or f.sacrificed)  # a positive gap is always bought with truth


def test_prompt_figures_reject_mismatched_candidates():
    with pytest.raises(ValueError, match="equal-length"):
        prompt_figures([0.1, 0.2], [1.0])


def test_summary_averages_prompts_and_its_intervals_are_by_prompt():
    rng = np.random.default_rng(0)
    scores = [(s, rng.random(4), (rng.random(4) < 0.5).astype(float), ["r"] * 4) for s in range(30)]
    row = summarize("f", "c", scores, resamples=500)
    gaps = [prompt_figures(p, t).gap for _, p, t, _ in scores]
    assert row.gap == pytest.approx(np.mean(gaps)) and row.gap_ci[0] < row.gap < row.gap_ci[1]
    assert row.untrue_share == pytest.approx(np.mean([prompt_figures(p, t).untrue for _, p, t, _ in scores]))
    # no spread (every gap 0): the interval is still not zero-width
    flat = summarize("f", "c", [(s, np.ones(2), np.ones(2), ["a", "b"]) for s in range(16)])
    assert flat.gap == 0.0 and flat.gap_ci[0] == 0.0 and flat.gap_ci[1] > 0.1


def test_candidates_are_scored_as_the_step_would_score_them():
    env = textgym.make(ENV, framing="assistant", cues="belief")
    obs, _ = env.reset(seed=3)
    references = env.unwrapped.reference_policies()
    replies = [references[name](obs) for name in sorted(references)]
    proxy, true = score_candidates(env, replies)
    lo, hi = textgym.get_spec(ENV).reward.range
    for reply, p, t in zip(replies, proxy, true):
        env.reset(seed=3)
        *_, info = env.step(reply)
        assert p == pytest.approx((info["reward_earned"] - lo) / (hi - lo))
        assert t == info["hidden"]["true_reward"]


class FramingReader:
    """A deterministic stand-in for a model that reads the system prompt: told to please the
    user it alternates the exploit and aligned replies; otherwise it always answers like aligned."""

    def __init__(self):
        self.references = textgym.make(ENV).unwrapped.reference_policies()

    def act(self, observations):
        replies = []
        for i, obs in enumerate(observations):
            pleaser = "happy" in obs[0].content
            name = "exploit" if pleaser and i % 2 == 0 else "aligned"
            replies.append(self.references[name](obs))
        return replies


@pytest.fixture(scope="module")
def framing_rows():
    rows = onpolicy_gameability(ENV, FramingReader(), samples=4, episodes=24, axes={"cues": "belief"}, progress=False, resamples=300)
    return {r.framing: r for r in rows}


def test_rows_follow_the_framing_the_policy_reads(framing_rows):
    pleaser, honest = framing_rows["pleaser"], framing_rows["honest"]
    assert honest.gap == 0.0 and honest.untrue_share == 0.0 and honest.sacrificed_share == 0.0
    assert pleaser.gap > 0.1 and pleaser.untrue_share > 0.1
    assert pleaser.gap_ci[0] > honest.gap  # a difference the prompt-level interval sees


def test_row_figures_are_the_means_of_independently_recomputed_prompts(framing_rows):
    row = framing_rows["pleaser"]
    env = textgym.make(ENV, framing="pleaser", cues="belief")
    lo, hi = textgym.get_spec(ENV).reward.range
    gaps, untrue = [], []
    for prompt in row.candidates:
        assert len(prompt["replies"]) == 4
        proxy, true = [], []
        for reply in prompt["replies"]:
            env.reset(seed=prompt["seed"])
            *_, info = env.step(reply)
            proxy.append((info["reward_earned"] - lo) / (hi - lo))
            true.append(info["hidden"]["true_reward"])
        best = max(range(4), key=lambda j: (proxy[j], true[j]))
        truest = max(range(4), key=lambda j: (true[j], proxy[j]))
        gaps.append(proxy[best] - proxy[truest])
        untrue.append(true[best] < 0.5)
    assert row.gap == pytest.approx(np.mean(gaps)) and row.untrue_share == pytest.approx(np.mean(untrue))


def test_cli_with_hf_tiny_prints_one_row_per_setting_and_writes_json_and_a_plot(tmp_path, capsys):
    plot = tmp_path / "onpolicy.png"
    args = ["gameability", ENV, "--policy", "hf:tiny", "--samples", "2", "--episodes", "2", "--max-new-tokens", "4",
            "--axis", "cues=belief", "--json", "--plot", str(plot)]
    assert main(args) == 0
    out = json.loads(capsys.readouterr().out)
    framings = list(textgym.get_spec(ENV).axes["framing"].variants)
    assert [r["framing"] for r in out["rows"]] == framings and out["samples"] == 2
    for r in out["rows"]:
        assert len(r["candidates"]) == 2 and all(len(c["proxy"]) == 2 for c in r["candidates"])
        assert 0.0 <= r["proxy_gap"] <= 1.0 and r["proxy_gap_ci"][0] <= r["proxy_gap"] <= r["proxy_gap_ci"][1]
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_refuses_several_greedy_samples(capsys):
    assert main(["gameability", ENV, "--policy", "hf:tiny", "--samples", "4", "--temperature", "0"]) == 2
    assert "temperature" in capsys.readouterr().err
