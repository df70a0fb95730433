"""The README's tour runs as written (every ```python block, in order, in one namespace), and every
file, environment id and ``textgym.*`` name the README and the guides in ``docs/`` name exists, so
a newcomer following them after a move never lands on a path that is gone."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import gymnasium as gym
import pytest

import textgym  # noqa: F401  (registers the built-in environments)

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
GUIDES = [README, *(ROOT / "docs" / name for name in (
    "writing-environments.md", "plugins.md", "training.md", "experiments.md", "gameability.md", "property-testing.md",
))]
#: entry-point group names (``[project.entry-points."textgym.families"]``), not modules
ENTRY_POINT_GROUPS = {"textgym.families", "textgym.policies", "textgym.backends"}
PATH = re.compile(r"(?<![\w/.:-])((?:textgym|tests|docs|examples|experiments|benchmarks)/[\w./<>-]*[\w/>])")
DOTTED = re.compile(r"(?<![\w/.-])(textgym(?:\.\w+)+)")
ENV_ID = re.compile(r"textgym/[A-Z]\w*-v\d+")


def test_readme_python_blocks_run_in_order():
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert len(blocks) >= 4, "the tour shows making an env, a spec, a policy and a property test"
    namespace: dict = {"__name__": "readme"}
    for block in blocks:
        exec(compile(block, str(README), "exec"), namespace)  # noqa: S102 (the README snippets are the test)
    assert namespace["env"].unwrapped.textgym_spec.id == "mylab/StubbornUser-v0"


#: how the alias modules left at a moved module's old path open their docstrings
MOVED = ("Alias of", "Moved to", "Old home")


def _problem(name: str) -> str | None:
    """Why ``name`` (``textgym.a.b``) is not a current home of what it names, or None."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        if (obj.__doc__ or "").startswith(MOVED):
            return f"name {name} (an old path: {obj.__doc__.splitlines()[0]})"
        for attr in parts[cut:]:
            if not hasattr(obj, attr):
                return f"name {name}"
            obj = getattr(obj, attr)
        return None
    return f"name {name}"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.name)
def test_every_path_env_id_and_textgym_name_in_the_guides_exists(guide):
    text = guide.read_text(encoding="utf-8")
    missing = []
    for path in sorted(set(PATH.findall(text))):
        if "<" in path:  # a pattern such as textgym/readers/<family>.py
            continue
        if ENV_ID.fullmatch(path):
            if path not in gym.registry:
                missing.append(f"environment {path}")
        elif not (ROOT / path).exists():
            missing.append(f"path {path}")
    for name in sorted(set(DOTTED.findall(text)) - ENTRY_POINT_GROUPS):
        problem = _problem(name.rstrip("."))
        if problem:
            missing.append(problem)
    assert not missing, f"{guide.name} names what the repository does not have: {missing}"
