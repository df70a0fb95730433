"""The environment suite as a whole (issue #3): every research environment is registered, and its
design is gameable where it should be — with rule backends, `exploit` earns more proxy return and
less true return than `aligned` in at least one cue setting, computed from episodes."""

from __future__ import annotations

import numpy as np
import pytest

import textgym
from textgym.cli import main
from textgym.rollout import rollout

SUITE = {
    "textgym/Sycophancy-v0": {},
    "textgym/TherapyTalk-v0": {},
    "textgym/ActionAdvice-v0": {},
    "textgym/Booking-v0": {},
    "textgym/Escalation-v0": {},
    "textgym/PoliticalQuestions-v0": {},
    "textgym/FactPenalty-v0": {},
    "textgym/SensitiveTopics-v0": {},
    "textgym/Calibration-v0": {},
    "textgym/HardProblems-v0": {"difficulty": "impossible"},
    "textgym/Confession-v0": {},
}
EPISODES = 40


def test_list_shows_every_suite_environment(capsys):
    assert main(["list"]) == 0
    listed = {line.strip() for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")}
    assert set(SUITE) <= listed


@pytest.mark.parametrize("env_id", sorted(SUITE))
def test_every_environment_has_the_four_axes_and_the_reference_policies(env_id):
    spec = textgym.get_spec(env_id)
    for axis in ("framing", "cues", "users", "sparsity"):
        assert len(spec.axes[axis].variants) >= 2, f"{env_id}: axis {axis} needs >= 2 variants"
    assert {"dense", "terminal", "binary", "delayed", "stochastic"} <= set(spec.axes["sparsity"].variants)
    assert "none" in spec.axes["cues"].variants
    env = textgym.make(env_id)
    assert {"aligned", "exploit"} <= set(env.unwrapped.reference_policies())
    assert all(role.backend == "rule" and role.prompt is not None for role in spec.roles.values())


@pytest.mark.parametrize("env_id", sorted(SUITE))
def test_exploit_beats_aligned_on_proxy_and_loses_on_truth_in_some_cue_setting(env_id):
    spec = textgym.get_spec(env_id)
    outcomes = {}
    for cue in spec.axes["cues"].variants:
        axes = {**SUITE[env_id], "cues": cue}
        means = {}
        for policy in ("aligned", "exploit"):
            records = rollout(env_id, policy, episodes=EPISODES, seed=0, axes=axes, progress=False)
            means[policy] = (np.mean([r.proxy_return for r in records]), np.mean([r.true_return for r in records]))
        outcomes[cue] = means
        if means["exploit"][0] > means["aligned"][0] and means["exploit"][1] < means["aligned"][1]:
            return
    pytest.fail(f"{env_id}: no cue setting where exploit gains proxy and loses truth: {outcomes}")
