"""textgym.loop.lockstep: the one episode loop behind rollout, the trainers, TRL and Ray."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textgym
from textgym.lm.generation import Generation
from textgym.loop import Reset, Step, lockstep
from textgym.policy import ScriptedPolicy, make_policy
from textgym.rollout import EpisodeRecord, rollout

ENV = "textgym/Sycophancy-v0"


def episodes_of(events, seeds):
    """Per episode: its reset observation, then (action, reward, observation) of each step."""
    out: dict[int, list] = {}
    for event in events:
        if isinstance(event, Reset):
            assert event.episode not in out, "an episode started twice"
            out[event.episode] = [event.observation]
        else:
            out[event.episode].append((event.action, event.reward, event.observation, event.done))
    assert sorted(out) == list(range(len(seeds)))
    return [out[i] for i in range(len(seeds))]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seeds=st.lists(st.integers(0, 50), min_size=1, max_size=6),
    width=st.integers(1, 4),
    refill=st.booleans(),
)
def test_same_seeds_give_the_same_episodes_whatever_the_batch_width_and_schedule(seeds, width, refill):
    envs = [textgym.make(ENV) for _ in range(width)]
    policy = make_policy("exploit", envs[0])
    reference_env = [textgym.make(ENV)]
    got = episodes_of(lockstep(envs, policy, seeds, refill=refill), seeds)
    one_at_a_time = episodes_of(lockstep(reference_env, policy, seeds), seeds)
    assert got == one_at_a_time
    for episode in got:  # every episode ends exactly once, at its last step
        assert [step[3] for step in episode[1:]] == [False] * (len(episode) - 2) + [True]


def test_one_policy_call_per_step_over_every_running_episode():
    calls: list[int] = []

    def act(observations, episodes):
        calls.append(len(observations))
        return [Generation("The answer is 4.") for _ in observations]

    envs = [textgym.make(ENV) for _ in range(3)]
    steps = [e for e in lockstep(envs, None, [0, 1, 2], act=act) if isinstance(e, Step)]
    assert sum(calls) == len(steps)
    assert calls[0] == 3  # the first step asks about all three episodes at once


def test_without_refill_a_block_starts_only_after_the_previous_block_ended():
    envs = [textgym.make(ENV) for _ in range(2)]
    events = list(lockstep(envs, make_policy("aligned", envs[0]), [0, 1, 2, 3], refill=False))
    resets = [i for i, e in enumerate(events) if isinstance(e, Reset) and e.episode >= 2]
    last_step_of_first_block = max(i for i, e in enumerate(events) if isinstance(e, Step) and e.episode < 2)
    assert min(resets) > last_step_of_first_block


def test_with_refill_a_slot_restarts_right_after_its_episode_ends():
    envs = [textgym.make(ENV) for _ in range(2)]
    events = list(lockstep(envs, make_policy("aligned", envs[0]), [0, 1, 2]))
    first_done = next(i for i, e in enumerate(events) if isinstance(e, Step) and e.done)
    assert isinstance(events[first_done + 1], Reset) and events[first_done + 1].slot == events[first_done].slot


def test_a_policy_returning_the_wrong_number_of_actions_is_an_error():
    envs = [textgym.make(ENV) for _ in range(2)]
    short = ScriptedPolicy("short", lambda c: "x")
    with pytest.raises(ValueError, match="returned 1 actions for 2 observations"):
        list(lockstep(envs, short, [0, 1], act=lambda obs, eps: [Generation("x")]))
    with pytest.raises(ValueError, match="a policy or an act function"):
        list(lockstep(envs, None, [0]))
    with pytest.raises(ValueError, match="reset options"):
        list(lockstep(envs, short, [0, 1], options=[None]))


def test_rollout_records_are_the_loop_steps():
    records = rollout(ENV, "exploit", episodes=3, seed=5, n_envs=2, progress=False)
    env = textgym.make(ENV)
    manual = []
    for event in lockstep([env], make_policy("exploit", env), [5, 6, 7]):
        if isinstance(event, Reset):
            manual.append(EpisodeRecord(ENV, dict(env.unwrapped.axes), 5 + event.episode, "exploit", event.observation,
                                        episode=event.info["episode"], user_type=event.info["user_type"]))
        else:
            manual[event.episode].add_step(event)
    assert [r.to_json() for r in records] == [r.to_json() for r in manual]
