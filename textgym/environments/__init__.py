"""Environment families: the Python behind the YAML specs, by name.

Register a new family with :func:`register_family` (or add it to :data:`FAMILIES`).
"""

from __future__ import annotations

import difflib

from textgym.environments.base import Episode, Family, Param, Turn
from textgym.environments.sycophancy import Sycophancy

FAMILIES: dict[str, type[Family]] = {Sycophancy.name: Sycophancy}

__all__ = ["FAMILIES", "Episode", "Family", "Param", "Turn", "get_family", "register_family"]


def register_family(family: type[Family]) -> type[Family]:
    """Make ``family`` available to specs as ``family: <family.name>``; usable as a decorator."""
    if not (isinstance(family, type) and issubclass(family, Family)):
        raise TypeError(f"register_family expects a Family subclass, got {family!r}")
    FAMILIES[family.name] = family
    return family


def get_family(name: str) -> type[Family]:
    """The family class called ``name``; the error lists the known ones."""
    try:
        return FAMILIES[name]
    except KeyError:
        near = difflib.get_close_matches(name, list(FAMILIES), n=1)
        hint = f"; did you mean {near[0]!r}?" if near else ""
        raise KeyError(f"unknown family {name!r} (known: {sorted(FAMILIES)}){hint}") from None
