"""Old import paths of modules that moved: an alias module re-exports every name of its new home.

Example:
    >>> import types
    >>> alias = types.ModuleType("textgym_example_alias")
    >>> reexport(alias.__dict__, "textgym.readers.hedging")
    >>> alias.is_hedged is __import__("textgym.readers.hedging", fromlist=["x"]).is_hedged
    True
"""

from __future__ import annotations

import importlib
from typing import Any


def reexport(namespace: dict[str, Any], target: str) -> None:
    """Copy every name of module ``target`` into ``namespace`` (an alias module's ``globals()``):
    public and private names and ``__all__``, but not the module's own dunders (``__name__``,
    ``__doc__``, ``__file__``, ...)."""
    source = importlib.import_module(target)
    for name, value in vars(source).items():
        if name == "__all__" or not (name.startswith("__") and name.endswith("__")):
            namespace[name] = value
