"""Optional extras in benchmarks: a figure that needs a package that is not installed is skipped,
with the command that installs it, and never crashes ``textgym bench``.

The extras are the ``[project.optional-dependencies]`` of ``pyproject.toml``: a benchmark calls
:func:`require_extra` before importing one, and :func:`textgym.bench.run_benchmarks` turns the
:class:`MissingExtra` it raises into an entry of ``results["skipped"]``.

Example:
    >>> import sys
    >>> saved = sys.modules.get("trl")
    >>> sys.modules["trl"] = None  # what an environment without trl looks like to `import trl`
    >>> try:
    ...     require_extra("trl")
    ... except MissingExtra as missing:
    ...     print(missing.install)
    ... finally:
    ...     _ = sys.modules.pop("trl") if saved is None else sys.modules.update(trl=saved)
    pip install 'textgym[trl]'
"""

from __future__ import annotations

import importlib
from typing import Any

# module -> the textgym extra that installs it
EXTRAS: dict[str, str] = {
    "trl": "trl",
    "peft": "train",
    "ray": "distributed",
    "openenv": "openenv",
    "verifiers": "verifiers",
}


class MissingExtra(ImportError):
    """A benchmark needs an optional package that is not installed.

    Example:
        >>> str(MissingExtra("ray", "distributed"))
        "needs ray, not installed: pip install 'textgym[distributed]'"
    """

    def __init__(self, module: str, extra: str):
        self.module, self.extra = module, extra
        self.install = f"pip install 'textgym[{extra}]'"
        super().__init__(f"needs {module}, not installed: {self.install}")


def require_extra(module: str, extra: str | None = None) -> Any:
    """Import ``module`` or raise :class:`MissingExtra` naming the extra that installs it.

    Only a missing ``module`` itself counts as missing: an ImportError raised from inside an
    installed package (a broken install) propagates unchanged.

    Example:
        >>> require_extra("json").__name__
        'json'
    """
    extra = extra or EXTRAS.get(module.split(".")[0], module.split(".")[0])
    try:
        return importlib.import_module(module)
    except ImportError as error:
        missing = getattr(error, "name", None)
        if missing is None or module == missing or module.startswith(missing + "."):
            raise MissingExtra(module, extra) from error
        raise
