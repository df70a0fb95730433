"""Ray rollout workers reproduce local rollouts and receive broadcast weights (slow: starts Ray)."""

from __future__ import annotations

import pytest

ray = pytest.importorskip("ray")

from textgym.rollout import rollout  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def _key(record):
    data = record.to_json()
    return data["seed"], data["conversation"], data["rewards"], data["hidden"]


def test_same_seeds_give_the_same_episodes_as_a_local_run(local_ray):
    from textgym.integrations.ray import RolloutWorkers

    workers = RolloutWorkers("textgym/Sycophancy-v0", "exploit", num_workers=2, n_envs=3, axes={"cues": "belief"})
    remote = workers.rollout(episodes=9, seed=5)
    local = rollout("textgym/Sycophancy-v0", "exploit", episodes=9, seed=5, axes={"cues": "belief"}, progress=False)
    assert [r.seed for r in remote] == list(range(5, 14))
    assert [_key(r) for r in remote] == [_key(r) for r in local]
    workers.shutdown()


def test_broadcast_weights_reach_every_worker(local_ray):
    import torch

    from textgym.agents.hf_policy import HFPolicy
    from textgym.integrations.ray import RolloutWorkers, weights_fingerprint
    from textgym.lm.models import build_tiny_model

    kwargs = {"max_new_tokens": 6}
    workers = RolloutWorkers("textgym/Sycophancy-v0", "hf:tiny", num_workers=2, n_envs=2, policy_kwargs=kwargs)
    model, tokenizer = build_tiny_model(seed=123)  # different weights from the workers' hf:tiny
    with torch.no_grad():
        model.lm_head.weight.mul_(3.0)
    before = workers.fingerprints()
    workers.broadcast(model.state_dict())
    after_fingerprints = workers.fingerprints()
    assert after_fingerprints == pytest.approx([weights_fingerprint(model)] * 2, rel=1e-7)
    assert after_fingerprints != pytest.approx(before, rel=1e-7)
    after = workers.rollout(episodes=4, seed=0)
    local = rollout("textgym/Sycophancy-v0", HFPolicy("tiny", model=model, tokenizer=tokenizer, **kwargs), episodes=4, seed=0, n_envs=2, progress=False)
    assert [r.conversation for r in after] == [r.conversation for r in local]
    workers.shutdown()
