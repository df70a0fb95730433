"""Rule rating tables as spec data: a JSON Lines file with one line per table cell, checked at load.

A family whose rule rater looks its 1-10 rating up in a table declares the file with
:func:`ratings_file` (the key fields and the values each may take, plus ``rating``) and reads it
with :func:`load_table`, which refuses a table with a missing, extra or repeated cell. Code outside
the family (benchmarks, reports) reads the same file through ``spec.data["ratings"]``, never the
family's module.

Example:
    >>> declared = ratings_file({"user": ("curious", "sensitive"), "claim": ("correct", "none")})
    >>> sorted(declared.fields), declared.ranges["rating"]
    (['claim', 'rating', 'user'], (1, 10))
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from textgym.environments.records import Records
from textgym.errors import SpecError

if TYPE_CHECKING:
    from textgym.spec import Spec

__all__ = ["load_table", "ratings_file"]


def ratings_file(keys: Mapping[str, Sequence[str]]) -> Records:
    """The declaration of a rating table file: each key field with the values it may take, and ``rating`` in [1, 10].

    The file is ``private``: the rater's table is never data an episode is about.
    """
    return Records(fields={**{name: str for name in keys}, "rating": int}, unique=(), choices=dict(keys), ranges={"rating": (1, 10)}, private=True)


def load_table(spec: Spec, key: str, declared: Records, cells: Iterable[tuple[str, ...]]) -> dict[tuple[str, ...], int]:
    """The table in ``spec.data[key]`` as key fields (in declaration order) -> rating.

    Raises:
        SpecError: naming the file, when a cell of ``cells`` is missing or a line rates a cell twice
            or one outside ``cells``.
    """
    path = spec.data[key]
    names = [name for name in declared.fields if name != "rating"]
    records = declared.load(path)
    table = {tuple(record[name] for name in names): record["rating"] for record in records}
    expected = set(cells)
    problems = [
        ("missing", sorted(expected - set(table))),
        ("not in the table", sorted(set(table) - expected)),
    ]
    for what, keys in problems:
        if keys:
            raise SpecError(f"rating table cells {what} ({'/'.join(names)}): {['/'.join(k) for k in keys[:6]]}", path=path)
    if len(table) != len(records):
        raise SpecError("a rating table cell is rated on more than one line", path=path)
    return table
