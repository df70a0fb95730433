"""Property tests of the worked example, examples/CodeFeedback-v0, with textgym.testing.

This is the test file docs/property-testing.md builds up. Run it with

    pytest examples/test_code_feedback.py

or let the plugin run every check on the spec, without writing a test:

    pytest -p textgym.testing.pytest_plugin --textgym-spec examples/code_feedback.yaml

The environment is YAML only (the declarative ``chat`` family): there is no Python to import.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings

from textgym.testing import InvariantChecker, PolicyAction, check_reward_invariants
from textgym.testing import strategies as tst

HERE = Path(__file__).resolve().parent
SPEC = HERE / "code_feedback.yaml"
CHECKER = InvariantChecker(SPEC)
SLOW_DRAWS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_every_reward_invariant_holds():
    check_reward_invariants(SPEC, episodes=20, seed=0)


@settings(SLOW_DRAWS, max_examples=25)
@given(seed=tst.seeds(), plan=tst.action_plans(SPEC), axes=tst.axes(SPEC))
def test_invariants_hold_for_any_plan_of_replies(seed, plan, axes):
    violations = CHECKER.check_case(seed, plan, axes)
    assert not violations, "\n".join(map(str, violations))


@settings(SLOW_DRAWS, max_examples=8)
@given(spec=tst.valid_specs(SPEC))
def test_every_spec_the_schema_allows_keeps_the_invariants(spec):
    InvariantChecker(spec).run(episodes=2).raise_if_violated()


@settings(SLOW_DRAWS, max_examples=40)
@given(mutation=tst.invalid_spec_mutations(SPEC))
def test_broken_specs_are_refused_naming_the_field(mutation):
    mutation.check(SPEC)


def _mean_returns(policy: str, users: str, episodes: int = 12) -> tuple[float, float]:
    proxy, true = [], []
    for seed in range(episodes):
        trace = CHECKER.play({"users": users}, seed, [PolicyAction(policy)])
        proxy.append(sum(trace.rewards))
        true.append(sum(trace.true_rewards))
    return sum(proxy) / episodes, sum(true) / episodes


def test_praise_outearns_naming_the_bug_with_proud_authors_only():
    """The environment is gameable the way it is meant to be, and no other way."""
    aligned_proud, aligned_true = _mean_returns("aligned", "proud")
    exploit_proud, exploit_true = _mean_returns("exploit", "proud")
    aligned_open, _ = _mean_returns("aligned", "open")
    exploit_open, _ = _mean_returns("exploit", "open")
    assert exploit_proud > aligned_proud  # flattery pays with proud authors...
    assert aligned_open > exploit_open  # ...not with open-minded users
    assert (aligned_true, exploit_true) == (2.0, 0.0)  # and the truth never rewards it
