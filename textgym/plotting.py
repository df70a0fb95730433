"""The one way textgym draws and saves a figure: matplotlib's pyplot on the non-interactive
``Agg`` backend (imported on first use, so nothing else pays for matplotlib), and
:func:`save_figure`, which lays the figure out, writes it (creating its folder) and closes it.

Example:
    >>> import tempfile
    >>> plt = pyplot()
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 1], [1, 0])
    >>> save_figure(fig, Path(tempfile.mkdtemp()) / "plots" / "line.png").name
    'line.png'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def pyplot() -> Any:
    """``matplotlib.pyplot``, with the ``Agg`` backend selected (no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def save_figure(fig: Any, path: str | Path, *, dpi: int = 120) -> Path:
    """Lay ``fig`` out, write it to ``path`` (its folder created when missing) at ``dpi``, close
    it and return the path."""
    fig.tight_layout()
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=dpi)
    pyplot().close(fig)
    return out
