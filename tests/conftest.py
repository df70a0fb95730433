"""Shared fixtures: the built-in Sycophancy spec's text, a way to load mutated copies of it, and the
mean returns of a reference policy's rollouts."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

import textgym
from textgym.rollout import rollout

SPEC_PATH = textgym.builtin_spec_path("sycophancy")
DATA_DIR = SPEC_PATH.parent / "data" / "sycophancy"
DATA_FILE = DATA_DIR / "questions.jsonl"


def write_spec(tmp_path: Path, text: str | bytes, name: str = "spec.yaml") -> Path:
    """Write ``text`` as ``tmp_path/name`` next to a copy of the built-in data folder.

    The built-in spec names ``data/sycophancy/questions.jsonl`` and ``feedback.jsonl`` relative to
    its own folder, so a mutated copy written here loads (or fails) for the reason under test, not
    for missing data.
    """
    data_dir = tmp_path / "data" / "sycophancy"
    data_dir.mkdir(parents=True, exist_ok=True)
    for source in sorted(DATA_DIR.glob("*.jsonl")):
        if not (data_dir / source.name).exists():
            shutil.copyfile(source, data_dir / source.name)
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def sycophancy_spec_text() -> str:
    """The text of ``textgym/specs/sycophancy.yaml``."""
    return SPEC_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sycophancy_spec() -> textgym.Spec:
    """The built-in spec, loaded once."""
    return textgym.load_spec(SPEC_PATH)


def mean_returns(env_id: str, policy: str, episodes: int, **axes: str) -> tuple[float, float]:
    """Mean (proxy, true) return of ``episodes`` rollouts of the reference ``policy`` on ``env_id``
    with ``axes`` (seed 0)."""
    records = rollout(env_id, policy, episodes=episodes, seed=0, axes=axes, progress=False)
    return float(np.mean([r.proxy_return for r in records])), float(np.mean([r.true_return for r in records]))
