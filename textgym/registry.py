"""Registering specs with Gymnasium, and ``textgym.make``.

``import textgym`` registers every built-in spec in ``textgym/specs/``; :func:`register_spec`
adds your own, so ``gym.make(env_id, framing=..., cues=..., users=..., sparsity=...)`` and
``gym.make_vec`` work for both.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import gymnasium as gym

from textgym.env import TextEnv
from textgym.errors import SpecError
from textgym.spec import Spec, load_spec
from textgym.vector import TextVectorEnv  # noqa: F401  (registers shared memory and pickling for vector envs)

SPECS_DIR = Path(__file__).parent / "specs"
ENTRY_POINT = "textgym.registry:make_env"
VECTOR_ENTRY_POINT = "textgym.vector:make_vector_env"
_REGISTERED: dict[str, Spec] = {}
_BY_PATH: dict[str, Spec] = {}  # resolved YAML path → the spec registered from it


def builtin_spec_path(name: str) -> Path:
    """The path of a built-in spec by file stem, e.g. ``builtin_spec_path("sycophancy")``."""
    path = SPECS_DIR / f"{name}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in SPECS_DIR.glob("*.yaml"))
        raise FileNotFoundError(f"no built-in spec {name!r}; known: {known}")
    return path


def _spec_reference(spec: Spec) -> str | Spec:
    """What ``env.spec.kwargs["spec"]`` holds: a built-in spec's id, another spec's YAML path,
    or the Spec itself when it was built in memory (no file to point at)."""
    if spec.path is None:
        return spec
    path = Path(spec.path).resolve()
    if path.parent == SPECS_DIR.resolve():
        return spec.id
    return str(path)


def resolve_spec(spec: str | Path | Spec) -> Spec:
    """A Spec from a Spec, a registered textgym id or a YAML path.

    Raises:
        KeyError: an unknown id (the message suggests the closest registered ids).

    Example:
        >>> resolve_spec("textgym/Sycophancy-v0").family
        'sycophancy'
    """
    if isinstance(spec, Spec):
        return spec
    key = str(spec)
    if key in _REGISTERED:
        return _REGISTERED[key]
    if _looks_like_path(key):
        return load_spec(key)
    raise KeyError(unknown_id_message(key))


def _looks_like_path(text: str) -> bool:
    """A YAML file name, or an existing file that is not a registered id."""
    if text.endswith((".yaml", ".yml")):
        return True
    if text in gym.registry:
        return False
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # a name too long, or with a NUL, is no file
        return False


def unknown_id_message(env_id: str) -> str:
    """``unknown environment 'X'; did you mean 'Y'? (N registered ids: ``textgym list``)``."""
    known = sorted(_REGISTERED)
    near = difflib.get_close_matches(env_id, known, n=1, cutoff=0.5)
    if not near:  # a mistyped name without its namespace or version
        bare = {k.split("/")[-1].rsplit("-v", 1)[0].lower(): k for k in known}
        near = [bare[m] for m in difflib.get_close_matches(env_id.split("/")[-1].rsplit("-v", 1)[0].lower(), list(bare), n=1, cutoff=0.6)]
    hint = f"; did you mean {near[0]!r}?" if near else ""
    return f"unknown environment {env_id!r}{hint} ({len(known)} registered ids: see `textgym list`; a YAML spec path also works)"


def merge_axes(axes: Mapping[str, str] | None, keywords: Mapping[str, Any]) -> dict[str, Any]:
    """Axis variants given as keywords and/or as an ``axes={...}`` mapping, merged.

    Both ways may be used together; naming one axis differently in both is an error.

    Example:
        >>> merge_axes({"users": "normal"}, {"cues": "none"})
        {'cues': 'none', 'users': 'normal'}
        >>> merge_axes({"users": "normal"}, {"users": "mixed"})
        Traceback (most recent call last):
        ...
        ValueError: axis 'users' given twice, as users='mixed' and in axes={... 'users': 'normal'}; give it once
    """
    merged = dict(keywords)
    for name, value in dict(axes or {}).items():
        if name in merged and merged[name] != value:
            raise ValueError(f"axis {name!r} given twice, as {name}={merged[name]!r} and in axes={{... {name!r}: {value!r}}}; give it once")
        merged[name] = value
    return merged


def make_env(spec: str | Path | Spec, *, axes: Mapping[str, str] | None = None, **kwargs: Any) -> TextEnv:
    """The Gymnasium entry point of every textgym id (``entry_point="textgym.registry:make_env"``).

    ``spec`` is a registered textgym id, a YAML path or a Spec; the rest are
    :class:`~textgym.env.TextEnv` keywords. Axis variants come as keywords (``users="normal"``)
    or as ``axes={"users": "normal"}``.

    Example:
        >>> make_env("textgym/Sycophancy-v0", axes={"cues": "none"}).axes["cues"]
        'none'
    """
    if isinstance(spec, (str, Path)) and str(spec) not in _REGISTERED:
        registered = _BY_PATH.get(str(Path(spec).resolve()))
        if registered is not None and _REGISTERED.get(registered.id) is registered:
            spec = registered  # what register_spec loaded from this file: gym.make(its id) builds that
    return TextEnv(resolve_spec(spec), **merge_axes(axes, kwargs))


def register_spec(path_or_spec: str | Path | Spec, *, replace: bool = True) -> str:
    """Register a spec with Gymnasium and return its id, so plain ``gym.make(id)`` builds it.

    ``gym.make`` only takes ids, so a YAML file is registered first (``textgym.make`` and every
    ``textgym`` command take the path directly and do this for you). The registered
    :class:`~gymnasium.envs.registration.EnvSpec` is small: ``entry_point`` is the string
    ``"textgym.registry:make_env"``, ``kwargs`` holds the spec's id (built-in specs) or its path,
    and ``max_episode_steps`` bounds the steps of an episode: ``max_turns + 1``. The environment
    itself ends every dialogue by termination at ``max_turns`` at the latest; the bound is one
    past it so that Gymnasium's ``TimeLimit`` (which ``gym.make`` adds for any
    ``max_episode_steps``) never marks that last turn ``truncated`` too, which
    ``gymnasium.utils.env_checker.check_env`` rejects for one-turn specs.

    Example:
        >>> import gymnasium as gym, textgym
        >>> env_id = textgym.register_spec(textgym.builtin_spec_path("sycophancy"))
        >>> env = gym.make(env_id, framing="pleaser")
        >>> env.unwrapped.axes["framing"]
        'pleaser'
        >>> env.spec.entry_point, env.spec.kwargs["spec"], env.spec.max_episode_steps
        ('textgym.registry:make_env', 'textgym/Sycophancy-v0', 3)
    """
    spec = path_or_spec if isinstance(path_or_spec, Spec) else load_spec(path_or_spec)
    if spec.id in gym.registry:
        if not replace and _REGISTERED.get(spec.id) != spec:
            raise SpecError(f"an environment {spec.id!r} is already registered", path=spec.path)
        del gym.registry[spec.id]
    gym.register(
        id=spec.id,
        entry_point=ENTRY_POINT,
        kwargs={"spec": _spec_reference(spec)},
        max_episode_steps=spec.max_turns + 1,  # a bound that never cuts a dialogue (see above)
        disable_env_checker=False,
        order_enforce=True,
        vector_entry_point=VECTOR_ENTRY_POINT,
    )
    _REGISTERED[spec.id] = spec
    if spec.path is not None:
        _BY_PATH[str(Path(spec.path).resolve())] = spec
    return spec.id


def unregister_spec(env_id: str) -> None:
    """Remove a spec registered with :func:`register_spec` (from textgym and from Gymnasium).

    Example:
        >>> env_id = register_spec(builtin_spec_path("sycophancy"))
        >>> unregister_spec(env_id); env_id in registered_specs()
        False
        >>> _ = register_spec(builtin_spec_path("sycophancy"))  # built-in specs stay registered
    """
    spec = _REGISTERED.pop(env_id, None)
    if spec is None:
        raise KeyError(unknown_id_message(env_id))
    gym.registry.pop(env_id, None)
    if spec.path is not None:
        _BY_PATH.pop(str(Path(spec.path).resolve()), None)


def registered_specs() -> dict[str, Spec]:
    """Every spec registered through textgym, by id."""
    return dict(_REGISTERED)


def get_spec(env_id_or_path: str | Path) -> Spec:
    """The spec of a registered id, or loaded from a YAML path.

    Example:
        >>> get_spec("textgym/Sycophancy-v1")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        KeyError: "unknown environment 'textgym/Sycophancy-v1'; did you mean 'textgym/Sycophancy-v0'? ..."
    """
    return resolve_spec(env_id_or_path)


def make(path_or_id: str | Path | Spec, *, axes: Mapping[str, str] | None = None, **kwargs: Any) -> gym.Env:
    """``gym.make`` for a registered id, a YAML path (registered on the way) or a Spec.

    Keywords are axis variants (``framing=...``; or ``axes={...}``), ``backends={"rater":
    "hf:default"}``, ``render_mode`` and Gymnasium's own ``gym.make`` options.

    Raises:
        KeyError: an unknown id; the message suggests the closest registered ids.

    Example:
        >>> import textgym
        >>> env = textgym.make("textgym/Sycophancy-v0", cues="none")
        >>> env.unwrapped.axes["cues"]
        'none'
        >>> textgym.make("textgym/Sycophancy-v0", axes={"users": "open_minded"}).unwrapped.axes["users"]
        'open_minded'
    """
    if isinstance(path_or_spec := path_or_id, Spec) or _looks_like_path(str(path_or_id)):
        env_id = register_spec(path_or_spec)
    else:
        env_id = str(path_or_id)
        if env_id not in gym.registry:
            raise KeyError(unknown_id_message(env_id))
    return gym.make(env_id, **merge_axes(axes, kwargs))


def register_builtin_specs() -> list[str]:
    """Register every spec shipped in ``textgym/specs``."""
    return [register_spec(path) for path in sorted(SPECS_DIR.glob("*.yaml"))]
