"""A pytest plugin: ``pytest --textgym-spec my_env.yaml`` checks every invariant on your spec.

For each ``--textgym-spec`` (a YAML path or a registered id; repeat the option for several) the
plugin adds one test per check, named ``<spec>::<check>``:

* ``loads`` — the spec loads and Gymnasium's ``check_env`` passes on its default axes;
* one per invariant of :mod:`textgym.testing.invariants` (``reward_range``, ``determinism``,
  ``sparsity``, ``axis_independence``, ``hidden_labels``, ``no_exceptions``), over
  ``--textgym-episodes`` episodes drawn from ``--textgym-seed``;
* ``invalid_mutations_refused`` — Hypothesis mutations of the spec (an unknown key, a value out
  of its bounds, ...) all raise a :class:`~textgym.errors.SpecError` naming the right field;
* ``schema_variants`` — specs drawn from the family's schema around yours (other parameter
  values within their bounds, other axis mixes and sparsity kinds) all satisfy the invariants.

A spec whose family lives in your own Python module needs that module imported first: do it in
a ``conftest.py``, or pass ``--textgym-import my_family.py`` (a module name or a file path).

Without ``--textgym-spec`` the plugin does nothing (it is safe to have installed). Installing
textgym registers it through the ``pytest11`` entry point, under its module name; loading it by
name works too, with or without the entry point (pytest sees one plugin either way)::

    pytest -p textgym.testing.pytest_plugin --textgym-spec my_env.yaml

Families installed as ``textgym.families`` entry points need no ``--textgym-import``.

Example:
    >>> import textgym.testing.pytest_plugin as plugin
    >>> sorted(plugin.CHECKS)[:3]
    ['axis_independence', 'determinism', 'hidden_labels']
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from _pytest._code.code import TerminalRepr, TracebackStyle

    from textgym.spec import Spec
    from textgym.testing.invariants import InvariantChecker, InvariantReport
    from textgym.testing.strategies import SpecMutation

INVARIANT_CHECKS = ("reward_range", "determinism", "sparsity", "axis_independence", "hidden_labels", "no_exceptions")
CHECKS = ("loads", *INVARIANT_CHECKS, "invalid_mutations_refused", "schema_variants")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("textgym", "textgym environment property tests")
    group.addoption(
        "--textgym-spec",
        action="append",
        default=[],
        metavar="PATH_OR_ID",
        help="check the reward invariants of this spec (a YAML path or a registered id); repeatable",
    )
    group.addoption("--textgym-episodes", type=int, default=20, help="episodes per invariant (default 20)")
    group.addoption("--textgym-seed", type=int, default=0, help="seed drawing the episodes (default 0)")
    group.addoption(
        "--textgym-examples", type=int, default=10, help="Hypothesis examples for the spec mutations and schema variants (default 10)"
    )
    group.addoption(
        "--textgym-import",
        action="append",
        default=[],
        metavar="MODULE_OR_FILE",
        help="import this module or .py file first (e.g. one that registers your family); repeatable",
    )


def import_family_module(name: str) -> ModuleType:
    """Import a module by dotted name or from a ``.py`` file path (which registers its families).

    The same import as the CLI's ``--import`` (:func:`textgym.plugins.import_module_or_file`);
    a failure is a usage error naming the module.
    """
    from textgym.plugins import PluginError, import_module_or_file

    try:
        return import_module_or_file(name)
    except PluginError as error:
        raise pytest.UsageError(f"--textgym-import: {error}") from None


class SpecChecks:
    """The per-spec state shared by its tests: the loaded spec and one invariant checker."""

    def __init__(self, target: str, config: pytest.Config):
        self.target = target
        self.episodes = int(config.getoption("--textgym-episodes"))
        self.seed = int(config.getoption("--textgym-seed"))
        self.examples = int(config.getoption("--textgym-examples"))
        self._checker: InvariantChecker | None = None
        self._report: InvariantReport | None = None

    @property
    def checker(self) -> InvariantChecker:
        if self._checker is None:
            from textgym.testing.invariants import InvariantChecker

            self._checker = InvariantChecker(self.target)
        return self._checker

    def report(self) -> InvariantReport:
        """All invariants over the configured episodes, computed once and shared by the tests."""
        if self._report is None:
            self._report = self.checker.run(self.episodes, self.seed)
        return self._report

    def run(self, check: str) -> None:
        if check == "loads":
            self._check_env()
        elif check in INVARIANT_CHECKS:
            violations = self.report().by_invariant().get(check, [])
            if violations:
                shown = "\n".join(f"  {v}" for v in violations[:5])
                more = f"\n  ... and {len(violations) - 5} more" if len(violations) > 5 else ""
                raise InvariantFailure(f"{self.checker.spec.id}: {check} violated {len(violations)} time(s):\n{shown}{more}")
        elif check == "invalid_mutations_refused":
            self._mutations()
        elif check == "schema_variants":
            self._schema_variants()
        else:  # pragma: no cover - CHECKS lists every branch
            raise ValueError(f"unknown check {check!r}")

    def _check_env(self) -> None:
        """Gymnasium's ``check_env`` (warnings as errors) on every variant of every axis."""
        import warnings

        from gymnasium.utils.env_checker import check_env

        from textgym.env import TextEnv

        spec = self.checker.spec
        for axis, variants in self.checker.variants.items():
            for variant in variants:
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    try:
                        selected: dict[str, Any] = {axis: variant}  # an axis keyword, not a TextEnv option
                        check_env(TextEnv(spec, **selected), skip_render_check=True)
                    except Exception as error:
                        raise AssertionError(f"{spec.id} {axis}={variant}: check_env failed: {type(error).__name__}: {error}") from None

    def _mutations(self) -> None:
        from hypothesis import HealthCheck, given, settings

        from textgym.testing.strategies import invalid_spec_mutations

        spec = self.checker.spec

        @settings(max_examples=max(self.examples * 3, 1), deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
        @given(invalid_spec_mutations(spec))
        def mutations_are_refused(mutation: SpecMutation) -> None:
            mutation.check(spec.path)

        mutations_are_refused()

    def _schema_variants(self) -> None:
        from hypothesis import HealthCheck, Phase, given, settings

        from textgym.testing.invariants import InvariantChecker
        from textgym.testing.strategies import valid_specs

        # No shrinking: a drawn spec is a whole document, and shrinking one replays the checks
        # hundreds of times; the first failing draw is reported as it was drawn.
        @settings(
            max_examples=max(self.examples, 1),
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(valid_specs(self.checker.spec))
        def drawn_specs_keep_the_invariants(spec: Spec) -> None:
            InvariantChecker(spec).run(episodes=2, seed=self.seed).raise_if_violated()

        drawn_specs_keep_the_invariants()


class InvariantFailure(AssertionError):
    """A violated invariant, reported without a traceback into the kit."""


class SpecCheckItem(pytest.Item):
    """One check of one spec."""

    def __init__(self, *, checks: SpecChecks, check: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.checks = checks
        self.check = check

    def runtest(self) -> None:
        self.checks.run(self.check)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: TracebackStyle | None = None) -> str | TerminalRepr:
        error = excinfo.value
        if isinstance(error, AssertionError):
            notes = getattr(error, "__notes__", [])  # Hypothesis adds the falsifying example here
            return "\n".join([str(error), *notes])
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, None, self.nodeid


class SpecCollector(pytest.Collector):
    """The checks of one ``--textgym-spec``."""

    def __init__(self, *, target: str, **kwargs: Any):
        super().__init__(**kwargs)
        self.target = target

    def collect(self) -> list[pytest.Item]:
        checks = SpecChecks(self.target, self.config)
        return [SpecCheckItem.from_parent(self, name=check, checks=checks, check=check) for check in CHECKS]


def pytest_configure(config: pytest.Config) -> None:
    for name in config.getoption("--textgym-import", default=[]) or []:
        import_family_module(name)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    targets = config.getoption("--textgym-spec", default=[]) or []
    for target in targets:
        name = f"textgym-spec[{target}]"
        path = Path(target).resolve() if Path(target).is_file() else session.path
        collector = SpecCollector.from_parent(session, name=name, nodeid=name, path=path, target=target)
        items.extend(collector.collect())
