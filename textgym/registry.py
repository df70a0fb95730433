"""Registering specs with Gymnasium, and ``textgym.make``.

``import textgym`` registers every built-in spec in ``textgym/specs/``; :func:`register_spec`
adds your own, so ``gym.make(env_id, framing=..., cues=..., users=..., sparsity=...)`` and
``gym.make_vec`` work for both.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import gymnasium as gym

from textgym.env import TextEnv
from textgym.errors import SpecError
from textgym.spec import Spec, load_spec
from textgym.vector import vector_entry_point

SPECS_DIR = Path(__file__).parent / "specs"
_REGISTERED: dict[str, Spec] = {}


def builtin_spec_path(name: str) -> Path:
    """The path of a built-in spec by file stem, e.g. ``builtin_spec_path("sycophancy")``."""
    path = SPECS_DIR / f"{name}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in SPECS_DIR.glob("*.yaml"))
        raise FileNotFoundError(f"no built-in spec {name!r}; known: {known}")
    return path


def _make_env(spec: Spec, **kwargs: Any) -> TextEnv:
    return TextEnv(spec, **kwargs)


def register_spec(path_or_spec: str | Path | Spec, *, replace: bool = True) -> str:
    """Register a spec with Gymnasium and return its id.

    Example:
        >>> import gymnasium as gym, textgym
        >>> env_id = textgym.register_spec(textgym.builtin_spec_path("sycophancy"))
        >>> env = gym.make(env_id, framing="pleaser")
        >>> env.unwrapped.axes["framing"]
        'pleaser'
    """
    spec = path_or_spec if isinstance(path_or_spec, Spec) else load_spec(path_or_spec)
    if spec.id in gym.registry:
        if not replace and _REGISTERED.get(spec.id) != spec:
            raise SpecError(f"an environment {spec.id!r} is already registered", path=spec.path)
        del gym.registry[spec.id]
    gym.register(
        id=spec.id,
        entry_point=partial(_make_env, spec),
        disable_env_checker=False,
        order_enforce=True,
        vector_entry_point=vector_entry_point(spec.id),
    )
    _REGISTERED[spec.id] = spec
    return spec.id


def registered_specs() -> dict[str, Spec]:
    """Every spec registered through textgym, by id."""
    return dict(_REGISTERED)


def get_spec(env_id_or_path: str | Path) -> Spec:
    """The spec of a registered id, or loaded from a YAML path."""
    key = str(env_id_or_path)
    if key in _REGISTERED:
        return _REGISTERED[key]
    if key.endswith((".yaml", ".yml")) or Path(key).is_file():
        return load_spec(key)
    raise KeyError(f"unknown environment {key!r}; registered: {sorted(_REGISTERED)}")


def make(path_or_id: str | Path | Spec, **kwargs: Any) -> gym.Env:
    """``gym.make`` for a registered id, a YAML path (registered on the way) or a Spec.

    Keywords are axis variants (``framing=...``), ``backends={"rater": "hf:default"}``,
    ``render_mode`` and Gymnasium's own ``gym.make`` options.

    Example:
        >>> import textgym
        >>> env = textgym.make("textgym/Sycophancy-v0", cues="none")
        >>> env.unwrapped.axes["cues"]
        'none'
    """
    if isinstance(path_or_spec := path_or_id, Spec) or str(path_or_id).endswith((".yaml", ".yml")):
        env_id = register_spec(path_or_spec)
    else:
        env_id = str(path_or_id)
        if env_id not in gym.registry:
            raise KeyError(f"unknown environment {env_id!r}; registered textgym ids: {sorted(_REGISTERED)}")
    return gym.make(env_id, **kwargs)


def register_builtin_specs() -> list[str]:
    """Register every spec shipped in ``textgym/specs``."""
    return [register_spec(path) for path in sorted(SPECS_DIR.glob("*.yaml"))]
