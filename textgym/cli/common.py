"""What every ``textgym`` command shares: the one-line error, the ``--axis``/``--backend`` options
and their ``KEY=VALUE`` parsing, spec lookup, the did-you-mean hint and the summary table.

The parser (:mod:`textgym.cli`) and every command module of the package import these from here.

Example:
    >>> pairs(["cues=belief"], "axis")
    {'cues': 'belief'}
    >>> print_table(["aa", "b"], [["1", "2"]])
    aa  b
    --  -
    1   2
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:

    from textgym.rollout import EpisodeRecord
    from textgym.spec import Spec

#: The exit code of an input error.
EXIT_ERROR = 2


class CLIError(Exception):
    """An error to print as one line and exit 2.

    Example:
        >>> str(CLIError("--episodes must be at least 1, got 0"))
        '--episodes must be at least 1, got 0'
    """


#: The help of a command's environment argument.
ENV_HELP = "a registered id or a YAML path"


def add_env_arguments(
    parser: argparse.ArgumentParser,
    *,
    env: bool = True,
    axis_help: str = "choose an axis variant (repeatable)",
    backend_example: str = "rater=hf:default",
) -> None:
    """Add the options of a command that makes an environment: the positional ``env`` (unless
    ``env=False``), ``--axis NAME=VARIANT`` and ``--backend ROLE=BACKEND`` (both repeatable).

    Example:
        >>> parser = argparse.ArgumentParser()
        >>> add_env_arguments(parser)
        >>> args = parser.parse_args(["textgym/Sycophancy-v0", "--axis", "cues=belief"])
        >>> args.env, args.axis, args.backend
        ('textgym/Sycophancy-v0', ['cues=belief'], None)
    """
    if env:
        parser.add_argument("env", help=ENV_HELP)
    parser.add_argument("--axis", action="append", metavar="NAME=VARIANT", help=axis_help)
    parser.add_argument("--backend", action="append", metavar="ROLE=BACKEND", help=f"e.g. {backend_example} (repeatable)")


def pairs(items: Sequence[str] | None, what: str) -> dict[str, str]:
    """``KEY=VALUE`` options (``--axis``, ``--backend``) as a dict; :class:`CLIError` for any other shape.

    Example:
        >>> pairs(["rater"], "backend")
        Traceback (most recent call last):
        ...
        textgym.cli.common.CLIError: --backend expects KEY=VALUE, got 'rater'
    """
    result = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key or not value:
            raise CLIError(f"--{what} expects KEY=VALUE, got {item!r}")
        result[key] = value
    return result


def spec_for(target: str) -> Spec:
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


def summary_rows(groups: dict[str, list[EpisodeRecord]], labels: list[str] | None = None) -> tuple[list[str], list[list[str]]]:
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
