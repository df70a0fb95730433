"""mypy type-checks the core, ``textgym/lm``, the wrappers and the agents (the paths in ``[tool.mypy]`` of
pyproject.toml), so ``make test`` fails on a type error there."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def mypy_config() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]


def test_mypy_checks_the_core_modules_lm_and_wrappers():
    files = set(mypy_config()["files"])
    core = {"types", "spaces", "errors", "templates", "strict_yaml", "spec", "roles", "sparsity", "env",
            "registry", "vector", "batching", "loop", "rollout", "stats", "policy", "plugins"}
    assert {f"textgym/{name}.py" for name in core} | {"textgym/lm", "textgym/wrappers"} <= files
    assert all((ROOT / f).exists() for f in files), [f for f in files if not (ROOT / f).exists()]


def test_mypy_finds_no_type_error(monkeypatch):
    api = pytest.importorskip("mypy.api", reason="mypy is in the dev extra")
    monkeypatch.chdir(ROOT)  # the configured paths are relative to the repository root
    stdout, stderr, status = api.run(["--config-file", str(ROOT / "pyproject.toml"), "--no-error-summary"])
    assert status == 0, f"mypy found type errors:\n{stdout}{stderr}"
