"""textgym.testing: the kit passes on correct environments and catches planted bugs, one per
invariant; its strategies draw what they promise; the pytest plugin runs it on a user's spec."""

from __future__ import annotations

import math
import re
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textgym
from textgym import Conversation, Message, TextEnv
from textgym.environments import register_family
from textgym.environments.sycophancy import Sycophancy
from textgym.sparsity import Terminal
from textgym.spaces import ConversationSpace, UnicodeText
from textgym.testing import (
    INVARIANTS,
    InvariantChecker,
    InvariantViolation,
    LeakScanner,
    check_reward_invariants,
)
from textgym.testing import strategies as tst
from textgym.testing.pytest_plugin import import_family_module

from conftest import write_spec

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_SPEC = ROOT / "examples" / "code_feedback.yaml"  # YAML only (the declarative `chat` family)
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

# A family that leaks the user's hidden belief into the first user turn. It is Python source so
# that the pytest-plugin test can hand the same file to a fresh pytest process.
LEAKY_FAMILY = textwrap.dedent(
    """
    from textgym.environments import register_family
    from textgym.environments.sycophancy import Sycophancy
    from textgym.types import Message


    @register_family
    class LeakySycophancy(Sycophancy):
        name = "testkit_leaky"

        def begin(self, rng, user_type):
            episode = super().begin(rng, user_type)
            opening = episode.opening[0]
            leaked = episode.state.get("belief", episode.state.get("stance"))  # answer / feedback task
            episode.opening[0] = Message("user", f"{opening.content} [{leaked}]")
            return episode
    """
)


def planted(family_name: str):
    """Register a Sycophancy variant named ``family_name`` whose ``respond`` is the decorated bug:
    ``bug(respond, conversation, action)``, where ``respond()`` gives the correct turn."""

    def plant(bug):
        class Planted(Sycophancy):
            name = family_name
            __doc__ = bug.__doc__

            def respond(self, episode, conversation, action, roles):
                return bug(lambda: super(Planted, self).respond(episode, conversation, action, roles), conversation, action)

        return register_family(Planted)

    return plant


@planted("testkit_framing_sensitive")
def framing_sensitive(respond, conversation, action):
    """Planted bug: a system prompt mentioning happiness raises the rating."""
    turn = respond()
    if conversation[0].role == "system" and "happy" in conversation[0].content:
        turn.components["rating"] = min(1.0, turn.components["rating"] + 0.1)
    return turn


@planted("testkit_unseeded")
def unseeded(respond, conversation, action):
    """Planted bug: the rating is jittered with the global random generator."""
    turn = respond()
    turn.components["rating"] *= 0.5 + random.random() / 2
    return turn


@planted("testkit_rtl_crash")
def right_to_left_crash(respond, conversation, action):
    """Planted bug: right-to-left text crashes the scorer."""
    if "\u202e" in action:
        raise RuntimeError("cannot score right-to-left text")
    return respond()


class DropsLastTurn(Terminal):
    """Planted bug: terminal sparsity that delivers the pending sum *before* adding the last turn."""

    def step(self, reward: float, done: bool) -> float:
        if done:
            delivered, self._pending = self._pending, 0.0
            return delivered
        self._pending += reward
        return 0.0


def with_terminal_bug(spec, **axes) -> TextEnv:
    """An environment factory whose terminal sparsity is :class:`DropsLastTurn`."""
    env = TextEnv(spec, **axes)
    if env.schedule.kind == "terminal":
        env.schedule = DropsLastTurn()
    return env


def spec_variant(tmp_path: Path, text: str, *, family: str | None = None, replace: tuple[str, str] | None = None) -> Path:
    """A copy of the Sycophancy spec (and its data) with another family and/or one text change."""
    text = text.replace("id: textgym/Sycophancy-v0", "id: testkit/Planted-v0")
    if family:
        text = text.replace("family: sycophancy", f"family: {family}")
    if replace:
        assert text.count(replace[0]) == 1
        text = text.replace(*replace)
    return write_spec(tmp_path, text)


def violated(target, **kwargs) -> dict[str, list]:
    with pytest.raises(InvariantViolation) as caught:
        check_reward_invariants(target, episodes=4, seed=0, **kwargs)
    report = caught.value.report
    assert str(caught.value) == report.summary()
    return report.by_invariant()


# ---------------------------------------------------------------- correct environments pass


@pytest.mark.parametrize("env_id", sorted(textgym.registered_specs()))
def test_kit_passes_on_every_builtin_environment(env_id):
    report = check_reward_invariants(env_id, episodes=2, seed=1)
    assert report.ok and report.checked == INVARIANTS and report.cases == 2


@pytest.mark.slow
@pytest.mark.parametrize("env_id", sorted(textgym.registered_specs()))
def test_kit_passes_on_every_builtin_environment_over_many_episodes(env_id):
    assert check_reward_invariants(env_id, episodes=40, seed=7).ok


def test_kit_passes_on_the_worked_example():
    report = check_reward_invariants(EXAMPLE_SPEC, episodes=10, seed=0)
    assert report.ok and report.env_id == "examples/CodeFeedback-v0"


# ---------------------------------------------------------------- planted bugs are caught


def test_kit_catches_terminal_sparsity_that_drops_the_last_turns_reward():
    found = violated("textgym/Sycophancy-v0", env_factory=with_terminal_bug)
    assert set(found) == {"sparsity"}
    message = str(found["sparsity"][0])
    assert message.startswith("[sparsity] terminal (terminal): ") and "expected" in message and "seed=" in message


def test_kit_catches_a_hidden_label_leaking_into_the_observation(tmp_path, sycophancy_spec_text):
    import_family_module(str(_write(tmp_path / "leaky_family.py", LEAKY_FAMILY)))
    found = violated(spec_variant(tmp_path, sycophancy_spec_text, family="testkit_leaky"))
    assert set(found) == {"hidden_labels"}
    assert re.search(r"hidden label 'user_(belief|stance)' = '", str(found["hidden_labels"][0]))
    assert "appears in message 1 (user)" in str(found["hidden_labels"][0])


def test_kit_catches_a_reward_outside_the_declared_range(tmp_path, sycophancy_spec_text):
    path = spec_variant(tmp_path, sycophancy_spec_text, replace=("weights: {rating: 1.0}", "weights: {rating: 2.0}"))
    found = violated(path)
    assert set(found) == {"reward_range"}
    assert "outside the declared range [0.0, 1.0]" in str(found["reward_range"][0])


def test_kit_catches_a_reward_that_depends_on_the_framing(tmp_path, sycophancy_spec_text):
    found = violated(spec_variant(tmp_path, sycophancy_spec_text, family="testkit_framing_sensitive"))
    assert set(found) == {"axis_independence"}
    assert "framing=pleaser: changed the delivered rewards" in "\n".join(map(str, found["axis_independence"]))


def test_kit_catches_a_reward_drawn_from_the_global_random_generator(tmp_path, sycophancy_spec_text):
    found = violated(spec_variant(tmp_path, sycophancy_spec_text, family="testkit_unseeded"))
    assert "determinism" in found
    assert "a fresh environment replayed the episode differently" in str(found["determinism"][0])


def test_kit_catches_a_crash_on_right_to_left_text(tmp_path, sycophancy_spec_text):
    found = violated(spec_variant(tmp_path, sycophancy_spec_text, family="testkit_rtl_crash"), invariants=["no_exceptions"])
    assert set(found) == {"no_exceptions"}
    assert "RuntimeError: cannot score right-to-left text" in str(found["no_exceptions"][0])


def test_report_without_raising_lists_violations_by_invariant():
    report = check_reward_invariants("textgym/Sycophancy-v0", episodes=2, env_factory=with_terminal_bug, raise_on_failure=False)
    assert not report.ok and set(report.by_invariant()) == {"sparsity"}
    assert report.summary().splitlines()[1] == f"  sparsity: {len(report.violations)} violation(s), e.g."


def test_unknown_invariant_name_is_refused_listing_the_known_ones():
    with pytest.raises(ValueError, match="choose from"):
        check_reward_invariants("textgym/Sycophancy-v0", invariants=["speed"])


def test_a_failing_case_replays_from_its_violation():
    report = check_reward_invariants("textgym/Sycophancy-v0", episodes=1, env_factory=with_terminal_bug, raise_on_failure=False)
    violation = report.violations[0]
    checker = InvariantChecker("textgym/Sycophancy-v0", env_factory=with_terminal_bug)
    trace = checker.replay(violation.axes, violation.seed, list(violation.actions))
    assert sum(trace.rewards) != pytest.approx(sum(trace.earned))


# ---------------------------------------------------------------- the leak scanner's rules


_SCALARS = st.one_of(st.booleans(), st.integers(-10, 10), st.floats(allow_nan=False, width=32), st.none(), st.text(max_size=5))


@SETTINGS
@given(hidden=st.dictionaries(st.sampled_from(["correct", "claim", "score", "x"]), _SCALARS, max_size=4))
def test_scanner_never_flags_booleans_numbers_or_short_words(hidden):
    text = " ".join(f"{k} {v!s} {v!r}" for k, v in hidden.items())
    assert LeakScanner().leaks(Conversation.of(("user", text), ("system", text)), [hidden], []) == []


@SETTINGS
@given(
    label=st.from_regex(r"[a-z]{3,8}_[a-z]{2,8}", fullmatch=True),  # at least 6 characters
    before=tst.hostile_text(max_size=30, huge=False),
    role=st.sampled_from(["system", "user", "tool"]),
)
def test_scanner_finds_a_label_like_value_in_any_environment_written_message(label, before, role):
    text = f"{before} ({label}) more text"
    found = LeakScanner().leaks(Conversation.of((role, text)), [{"state": label}], actions=[])
    assert found and found[0].startswith(f"hidden label 'state' = {label!r} appears in message 0 ({role})")


def test_scanner_skips_public_data_policy_replies_echoes_and_longer_tokens():
    scanner = LeakScanner(public=["the capital is new_york_city"], min_text_length=20)
    hidden = [{"answer": "new_york_city", "belief": "wrong_belief", "note": "the user believes it is Sydney"}]
    conversation = Conversation.of(
        ("user", "Is it new_york_city? I think wrong_beliefs are common."),  # a public value; a longer token
        ("assistant", "Your belief is wrong_belief, the user believes it is Sydney", "policy"),  # never searched
    )
    assert scanner.leaks(conversation, hidden, actions=[conversation[1].content]) == []
    prefilled = conversation.append(Message("assistant", "Note: the user believes it is Sydney", source="prefill"))
    assert scanner.leaks(prefilled, hidden, actions=[]) == [
        "hidden label 'note' = 'the user believes it is Sydney' appears in message 2 (assistant): 'Note: the user believes it is Sydney'"
    ]
    assert scanner.leaks(prefilled, hidden, actions=[conversation[1].content]) == []  # an echo of the policy


def test_scanner_flags_printed_hidden_label_names():
    found = LeakScanner(label_names=["true_reward"]).leaks(Conversation.of(("user", "debug: true_reward=1.0")), [{}], [])
    assert found == ["the hidden label name 'true_reward' appears in message 0 (user): 'debug: true_reward=1.0'"]


# ---------------------------------------------------------------- strategies


@SETTINGS
@given(text=tst.hostile_text())
def test_hostile_text_is_always_a_valid_action(text):
    assert UnicodeText().contains(text)


@SETTINGS
@given(text=tst.lone_surrogate_text())
def test_lone_surrogates_are_refused_by_step_without_changing_the_episode(text):
    env = TextEnv(textgym.get_spec("textgym/Sycophancy-v0"))
    obs, _ = env.reset(seed=0)
    with pytest.raises(ValueError, match="lone surrogate"):
        env.step(text)
    assert env.conversation == obs


@SETTINGS
@given(conversation=tst.conversations(max_messages=8))
def test_drawn_conversations_are_observations(conversation):
    assert ConversationSpace(max_messages=8).contains(conversation)
    assert all(m.role == "assistant" or m.source == "env" for m in conversation)


@settings(SETTINGS, max_examples=6)
@given(spec=tst.valid_specs("textgym/Sycophancy-v0"))
def test_every_spec_the_sycophancy_schema_allows_loads_and_keeps_the_invariants(spec):
    assert spec.id == "textgym/Sycophancy-v0"
    assert math.isclose(sum(spec.axes["users"].variants[spec.axes["users"].default].mix.values()), 1.0)
    InvariantChecker(spec).run(episodes=1, seed=0).raise_if_violated()


@pytest.mark.parametrize("base", ["textgym/Sycophancy-v0", str(EXAMPLE_SPEC)], ids=["sycophancy", "code_feedback"])
def test_every_spec_mutation_is_refused_naming_its_field(base):
    spec = tst.resolve_spec(base)
    names = tst.spec_mutation_names(spec)
    assert len(names) >= 25
    seen = set()

    @settings(SETTINGS, max_examples=4 * len(names), database=None)
    @given(mutation=tst.invalid_spec_mutations(spec))
    def refused(mutation):
        seen.add(mutation.name)
        error = mutation.check(spec.path)
        assert str(error).startswith(str(spec.path))

    refused()
    assert len(seen) >= len(names) // 2  # the draw spreads over the mutations


def test_a_mutation_that_loads_is_reported_as_missed():
    from textgym.testing.strategies import SpecMutation

    from textgym.strict_yaml import parse_yaml

    spec = textgym.get_spec("textgym/Sycophancy-v0")
    raw = parse_yaml(spec.path.read_bytes())
    with pytest.raises(AssertionError, match="was accepted; expected a SpecError at 'params'"):
        SpecMutation("harmless", raw, "params").check(spec.path)


# ---------------------------------------------------------------- the pytest plugin


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _plugin_installed() -> bool:
    """Whether the ``pytest11`` entry point loads the plugin already (then ``-p`` would clash)."""
    from importlib.metadata import entry_points

    return any(ep.value == "textgym.testing.pytest_plugin" for ep in entry_points(group="pytest11"))


def _pytest(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    plugin = [] if _plugin_installed() else ["-p", "textgym.testing.pytest_plugin"]
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *plugin, *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_pytest_plugin_runs_every_check_and_the_example_tests_on_the_worked_example():
    result = _pytest(
        "examples/test_code_feedback.py",
        "--textgym-spec", "examples/code_feedback.yaml",
        "--textgym-episodes", "4", "--textgym-examples", "2",
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "14 passed" in result.stdout  # 5 example tests + 9 plugin checks


def test_pytest_plugin_fails_the_hidden_label_checks_on_a_leaky_spec(tmp_path, sycophancy_spec_text):
    _write(tmp_path / "leaky_family.py", LEAKY_FAMILY)
    spec_variant(tmp_path, sycophancy_spec_text, family="testkit_leaky")
    result = _pytest("--textgym-import", "leaky_family.py", "--textgym-spec", "spec.yaml", "--textgym-episodes", "4", "--textgym-examples", "2", "-rf", cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    failed = [line.split(" - ")[0] for line in result.stdout.splitlines() if line.startswith("FAILED")]
    # the leak shows in the spec's own episodes and in every spec its family's schema allows
    assert failed == ["FAILED textgym-spec[spec.yaml]::hidden_labels", "FAILED textgym-spec[spec.yaml]::schema_variants"], result.stdout
    assert re.search(r"hidden label 'user_(belief|stance)'", result.stdout) and "2 failed, 7 passed" in result.stdout


def test_pytest_plugin_adds_nothing_without_a_spec():
    from textgym.testing import pytest_plugin

    class Config:
        def getoption(self, name, default=None):
            return []

    items = ["a collected test"]
    pytest_plugin.pytest_configure(Config())
    pytest_plugin.pytest_collection_modifyitems(session=None, config=Config(), items=items)
    assert items == ["a collected test"]
