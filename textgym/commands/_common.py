"""What every ``textgym`` command shares: the one-line error, ``KEY=VALUE`` options, spec lookup,
the did-you-mean hint and the summary table.

:mod:`textgym.cli` and every module of :mod:`textgym.commands` import these from here (the
commands never import :mod:`textgym.cli`, which imports them).

Example:
    >>> pairs(["cues=belief"], "axis")
    {'cues': 'belief'}
    >>> print_table(["aa", "b"], [["1", "2"]])
    aa  b
    --  -
    1   2
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: The exit code of an input error.
EXIT_ERROR = 2


class CLIError(Exception):
    """An error to print as one line and exit 2.

    Example:
        >>> str(CLIError("--episodes must be at least 1, got 0"))
        '--episodes must be at least 1, got 0'
    """


def pairs(items: Sequence[str] | None, what: str) -> dict[str, str]:
    """``KEY=VALUE`` options (``--axis``, ``--backend``) as a dict; :class:`CLIError` for any other shape.

    Example:
        >>> pairs(["rater"], "backend")
        Traceback (most recent call last):
        ...
        textgym.commands._common.CLIError: --backend expects KEY=VALUE, got 'rater'
    """
    result = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key or not value:
            raise CLIError(f"--{what} expects KEY=VALUE, got {item!r}")
        result[key] = value
    return result


def spec_for(target: str) -> Any:
    """The spec of a registered id or spec file; an unknown one is a :class:`CLIError`.

    Example:
        >>> spec_for("textgym/Sycophancy-v0").id
        'textgym/Sycophancy-v0'
    """
    import textgym

    try:
        return textgym.get_spec(target)
    except KeyError as error:
        raise CLIError(error.args[0] if error.args else str(error)) from None


def did_you_mean(name: str, options: Sequence[str]) -> str:
    """``"did you mean 'X'? "`` for the closest option (spelling, or one that starts with or contains ``name``), else ``""``.

    Example:
        >>> did_you_mean("flipped", ["correct", "flipped_under_pressure"])
        "did you mean 'flipped_under_pressure'? "
    """
    import difflib

    near = difflib.get_close_matches(name, list(options), n=1)
    if not near and len(name) >= 3:
        near = [o for o in options if o.startswith(name)] or [o for o in options if name in o]
    return f"did you mean {near[0]!r}? " if near else ""


def print_table(headers: list[str], rows: list[list[str]]) -> None:
    """Print ``rows`` under ``headers`` in left-aligned columns (see the module example)."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)))


def summary_rows(groups: dict[str, list[Any]], labels: list[str] | None = None) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of the run/compare table: per group the episode count, proxy and true
    returns and each label's rate, with 95% CIs.

    Example:
        >>> from textgym.rollout import EpisodeRecord
        >>> from textgym.types import Conversation
        >>> record = EpisodeRecord("e", {}, 0, "p", Conversation(), rewards=[1.0], hidden=[{"lie": True}])
        >>> headers, rows = summary_rows({"p": [record]})
        >>> headers[-1], rows[0][:2]
        ('lie', ['p', '1'])
    """
    from textgym.rollout import summarize
    from textgym.stats import format_ci

    summaries = [summarize(records, name) for name, records in groups.items()]
    labels = labels or sorted({k for s in summaries for k in s.rates})
    headers = ["policy", "n", "proxy return", "true return", *labels]
    rows = []
    for s in summaries:
        row = [s.label, str(s.n), format_ci(*s.proxy), format_ci(*s.true)]
        row += [(format_ci(*s.rates[label], reason="every episode unclear")
                 + (f" ({s.unclear[label]:.0%} unclear)" if getattr(s, "unclear", {}).get(label) else ""))
                if label in s.rates else "-" for label in labels]
        rows.append(row)
    return headers, rows
