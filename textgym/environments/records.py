"""Data records declared once: loading, checking, indexing and lookup for every family.

A family declares each of its JSON Lines data files with a :class:`Records` entry in
``Family.record_files``; the base class then loads the file (cached per path and modification
time), checks every record against the declaration, and gives the family a :class:`RecordSet`
per file (``self.record_sets["questions"]``) with an index on each unique field and a lookup of the
record an episode is about from its first user turn (:meth:`RecordSet.find_in`).

A declaration is a small table of facts about the file:

=================  ==========================================================================
field              meaning
=================  ==========================================================================
``fields``         required field -> JSON type (``str``, ``list``, ``(int, float)``, ...)
``unique``         fields whose values are unique across the file (default ``("id",)``);
                   each gets an index (:meth:`RecordSet.by`)
``non_empty``      ``str`` fields that must not be blank, and ``list`` fields that must hold
                   at least one item; every item of a list field named here or in
                   ``strings`` must be a non-blank string
``strings``        ``list`` fields whose items must be non-blank strings (may be empty)
``choices``        field -> the values it may take
``ranges``         numeric field -> ``(lo, hi)``, both inclusive
``opening``        the field whose text the episode's first user turn contains; gives
                   :meth:`RecordSet.find_in` and the family's default ``record_for``
``check``          ``record -> message or None``: a family-specific check (the escape hatch)
``private``        the file is the family's own machinery (e.g. a rating table), loaded and
                   checked like the others but left out of ``Family.data`` and
                   ``TextEnv.data_records()``, which list what episodes are about
=================  ==========================================================================

Errors are :class:`~textgym.errors.SpecError` naming the file, the record's line and its id.

Example:
    >>> import json, tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "questions.jsonl"
    >>> _ = path.write_text(json.dumps({"id": "q1", "question": "Capital of Italy?", "answer": "Rome"}) + "\\n")
    >>> declared = Records(fields={"id": str, "question": str, "answer": str}, non_empty=("question",), opening="question")
    >>> records = declared.load(path)
    >>> records.get("q1")["answer"], records.find_in("Quick one: Capital of Italy? Thanks")["id"]
    ('Rome', 'q1')
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textgym.errors import SpecError

__all__ = ["RecordSet", "Records"]

#: a record as read from JSON: field name -> JSON value
Record = dict[str, Any]


@dataclass(frozen=True, eq=False)
class Records:
    """How one data file of a family looks; see the module docstring for the field table.

    Example:
        >>> Records(fields={"id": str, "risk": (int, float)}, ranges={"risk": (0, 1)}).unique
        ('id',)
    """

    fields: Mapping[str, type | tuple[type, ...]]
    unique: tuple[str, ...] = ("id",)
    non_empty: tuple[str, ...] = ()
    strings: tuple[str, ...] = ()
    choices: Mapping[str, Sequence[Any]] = field(default_factory=dict)
    ranges: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    opening: str | None = None
    check: Callable[[Record], str | None] | None = None
    private: bool = False

    def __post_init__(self) -> None:
        named = (*self.unique, *self.non_empty, *self.strings, *self.choices, *self.ranges, *([self.opening] if self.opening else []))
        unknown = sorted({name for name in named if name not in self.fields})
        if unknown:
            raise ValueError(f"Records names fields that are not in `fields`: {unknown}; declare their types in `fields`")

    def load(self, path: str | Path) -> RecordSet:
        """Read and check the file; cached per path, modification time and declaration."""
        from textgym.environments.base import load_jsonl_records  # the JSON Lines reader and its cache

        path = Path(path)
        stamp = (str(path), path.stat().st_mtime_ns, id(self))
        cached = _CHECKED.get(stamp)
        if cached is None:
            records = load_jsonl_records(path, self.fields)
            self.validate(records, path)
            cached = _CHECKED[stamp] = RecordSet(records, self, path)
        return cached

    def validate(self, records: Sequence[Record], path: str | Path) -> None:
        """Raise :class:`SpecError` at the first record that breaks the declaration."""
        seen: dict[str, set[Any]] = {name: set() for name in self.unique}
        for number, record in enumerate(records, start=1):
            where = f"record {number}" + (f" ({record['id']!r})" if "id" in record else "")
            problem = self._problem(record, seen)
            if problem is None and self.check is not None:
                problem = self.check(record)
            if problem is not None:
                raise SpecError(f"{where}: {problem}", path=path)

    def _problem(self, record: Record, seen: dict[str, set[Any]]) -> str | None:
        for name in self.unique:
            value = record[name]
            key = value if isinstance(value, str | int | float | bool) else repr(value)
            if key in seen[name]:
                return f"duplicate {name} {value!r}"
            seen[name].add(key)
        for name in self.non_empty:
            value = record[name]
            if isinstance(value, str) and not value.strip() or isinstance(value, list) and not value:
                return f"field {name!r} is empty"
        for name in (*self.non_empty, *self.strings):
            value = record[name]
            if isinstance(value, list) and not all(isinstance(item, str) and item.strip() for item in value):
                return f"field {name!r} must be a list of non-empty strings"
        for name, allowed in self.choices.items():
            if record[name] not in allowed:
                return f"{name} must be one of {list(allowed)}, got {record[name]!r}"
        for name, (lo, hi) in self.ranges.items():
            value = record[name]
            if isinstance(value, bool) or not lo <= value <= hi:
                return f"{name!r} must be a number in [{lo}, {hi}], got {value!r}"
        return None


_CHECKED: dict[tuple[str, int, int], RecordSet] = {}


class RecordSet(Sequence[Record]):
    """The checked records of one data file, in file order, with lookups.

    Example:
        >>> rs = RecordSet(({"id": "a", "q": "Is it?"}, {"id": "b", "q": "Is it not?"}), Records(fields={"id": str, "q": str}, unique=("id", "q"), opening="q"))
        >>> len(rs), rs.get("b")["q"], rs.by("q", "Is it?")["id"], rs.find_in("Hello. Is it not? Tell me.")["id"]
        (2, 'Is it not?', 'a', 'b')
    """

    def __init__(self, records: Sequence[Record], declared: Records, path: str | Path | None = None):
        self._records = tuple(records)
        self.declared = declared
        self.path = path
        self._index = {name: {record[name]: record for record in self._records if isinstance(record[name], str | int)} for name in declared.unique}
        opening = declared.opening
        # longest text first, so a record whose text contains another's is found before it
        self._openings = sorted(((str(r[opening]), r) for r in self._records), key=lambda pair: -len(pair[0])) if opening else []

    def __len__(self) -> int:
        return len(self._records)

    def __getitem__(self, index: Any) -> Any:
        return self._records[index]

    def __iter__(self) -> Iterator[Record]:
        return iter(self._records)

    def by(self, name: str, value: Any) -> Record:
        """The record whose unique field ``name`` has ``value``; ``KeyError`` saying what exists otherwise."""
        if name not in self._index:
            raise KeyError(f"{name!r} is not a unique field of these records (unique: {list(self._index)})")
        try:
            return self._index[name][value]
        except KeyError:
            raise KeyError(f"no record has {name} = {value!r} (in {self.path or 'these records'}, {len(self)} records)") from None

    def get(self, record_id: Any) -> Record:
        """The record with this ``id``."""
        return self.by("id", record_id)

    def find_in(self, text: str) -> Record | None:
        """The record whose ``opening`` field appears in ``text`` (the longest such), or ``None``."""
        if not self._openings:
            raise ValueError("these records declare no `opening` field to find them by")
        for opening, record in self._openings:
            if opening and opening in text:
                return record
        return None
