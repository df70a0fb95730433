"""Exceptions raised by textgym."""

from __future__ import annotations

from pathlib import Path


class SpecError(ValueError):
    """A YAML spec (or a spec built in Python) is invalid.

    The message always names the file (or ``<spec>`` for one built in memory) and the field path
    inside it, e.g. ``sycophancy.yaml: axes.framing.default: 'nice' is not one of the variants
    ['assistant', 'pleaser']``.

    Example:
        >>> err = SpecError("unknown key 'axs'", path="my.yaml", field="axs")
        >>> str(err)
        "my.yaml: axs: unknown key 'axs'"
        >>> isinstance(err, ValueError)
        True
    """

    def __init__(self, message: str, *, path: str | Path | None = None, field: str = ""):
        self.path = str(path) if path is not None else "<spec>"
        self.field = field
        self.reason = message
        where = f"{self.path}: {field}: " if field else f"{self.path}: "
        super().__init__(where + message)


class BackendError(RuntimeError):
    """A model backend (``hf:...`` or ``openai:...``) could not answer.

    The message names the backend (and, over HTTP, the URL).
    """
