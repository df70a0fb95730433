"""Loading the records of a declarative environment: JSON Lines, JSON or CSV, by extension, or a
``datasets`` dataset saved with ``save_to_disk`` (name its ``state.json``, or one ``.arrow`` file).

Records are checked against the declared fields (:class:`~textgym.declarative.config.FieldSpec`):
a record missing several required fields names them all in one :class:`~textgym.errors.SpecError`,
with the file and the record's line (JSON Lines, CSV) or position (JSON). In CSV every value is
text: ``int``/``float``/``bool`` fields are converted, and a ``list`` field is a JSON array
(``["a", "b"]``) or ``|``-separated text (``a|b``). Results are cached per file version.

Example:
    >>> import tempfile, pathlib
    >>> from textgym.declarative.config import FieldSpec
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "r.csv").write_text("id,n,tags\\na,3,x|y\\n")
    >>> load_records(folder / "r.csv", (FieldSpec("id", "str"), FieldSpec("n", "int"), FieldSpec("tags", "list")))
    ({'id': 'a', 'n': 3, 'tags': ['x', 'y']},)
    >>> _ = (folder / "r.jsonl").write_text('{"id": "a"}\\n')
    >>> load_records(folder / "r.jsonl", (FieldSpec("id", "str"), FieldSpec("n", "int"), FieldSpec("tags", "list")))
    Traceback (most recent call last):
    ...
    textgym.errors.SpecError: ...r.jsonl: line 1: missing fields 'n', 'tags'
"""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textgym.errors import SpecError

if TYPE_CHECKING:
    from textgym.declarative.schema import ChatConfig, FieldSpec
    from textgym.spec import Spec

FORMATS = (".jsonl", ".json", ".csv", ".arrow")
MAX_RECORDS = 1_000_000
_PY: dict[str, type | tuple[type, ...]] = {"str": str, "int": int, "float": (int, float), "bool": bool, "list": list, "dict": dict}


def load_records(path: str | Path, fields: tuple[FieldSpec, ...]) -> tuple[dict[str, Any], ...]:
    """Read and check the records of ``path`` (cached per path, modification time and fields)."""
    path = Path(path)
    if path.suffix.lower() not in FORMATS and path.name != "state.json":
        raise SpecError(f"records must be a {', '.join(FORMATS)} file, got {path.suffix or 'no extension'!r}", path=path)
    return _load(path, path.stat().st_mtime_ns, tuple(fields))


def _dataset_rows(path: Path) -> list[tuple[str, object]]:
    """A ``datasets`` dataset saved to disk: its ``state.json`` (the folder) or one ``.arrow`` file."""
    try:
        import datasets
    except ImportError:  # pragma: no cover - the extra is optional
        raise SpecError("reading a saved dataset needs the `datasets` package (pip install datasets)", path=path) from None
    from textgym.spec import MAX_DATA_BYTES

    if path.name == "state.json":
        size = sum(p.stat().st_size for p in path.parent.glob("*.arrow"))
        if size > MAX_DATA_BYTES:
            raise SpecError(f"the dataset's .arrow files are {size} bytes, over the limit of {MAX_DATA_BYTES}", path=path)
        dataset = datasets.load_from_disk(str(path.parent))
    else:
        dataset = datasets.Dataset.from_file(str(path))
    if isinstance(dataset, datasets.DatasetDict):
        raise SpecError("name one split's folder (its state.json), not a DatasetDict", path=path)
    return [(f"record {i}", dict(row)) for i, row in enumerate(dataset)]


def _rows(path: Path) -> list[tuple[str, object]]:
    if path.suffix.lower() == ".arrow" or path.name == "state.json":
        return _dataset_rows(path)
    text = path.read_text(encoding="utf-8")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    rows.append((f"line {number}", json.loads(line)))
                except json.JSONDecodeError as error:
                    raise SpecError(f"line {number}: invalid JSON ({error.msg})", path=path) from None
        return rows
    if suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise SpecError(f"invalid JSON at line {error.lineno} ({error.msg})", path=path) from None
        if isinstance(data, dict) and isinstance(data.get("records"), list):
            data = data["records"]
        if not isinstance(data, list):
            raise SpecError("a JSON records file is a list of objects, or {\"records\": [...]}", path=path)
        return [(f"record {i}", row) for i, row in enumerate(data)]
    reader = csv.DictReader(io.StringIO(text))
    return [(f"line {number}", {k: v for k, v in row.items() if v != "" and k is not None}) for number, row in enumerate(reader, start=2)]


def _convert(value: Any, kind: str, from_csv: bool) -> Any:
    if not from_csv or not isinstance(value, str) or kind == "str":
        return value
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "bool":
            return {"true": True, "false": False, "1": True, "0": False}[value.strip().lower()]
        if kind in ("list", "dict"):
            if value.lstrip().startswith(("[", "{")):
                return json.loads(value)
            return [part.strip() for part in value.split("|") if part.strip()] if kind == "list" else value
    except (ValueError, KeyError):
        return value
    return value


@lru_cache(maxsize=64)
def _load(path: Path, mtime: int, fields: tuple[FieldSpec, ...]) -> tuple[dict[str, Any], ...]:
    try:
        rows = _rows(path)
    except UnicodeDecodeError as error:
        raise SpecError(f"not valid UTF-8 (byte {error.start})", path=path) from None
    from_csv = path.suffix.lower() == ".csv"
    records = []
    for where, row in rows:
        if not isinstance(row, dict):
            raise SpecError(f"{where}: each record must be an object, got {type(row).__name__}", path=path)
        record = dict(row)
        missing = [f.name for f in fields if f.required and f.name not in record]
        if missing:
            raise SpecError(f"{where}: missing field{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}", path=path)
        wrong = []
        for f in fields:
            if f.name in record:
                record[f.name] = value = _convert(record[f.name], f.kind, from_csv)
                if not isinstance(value, _PY[f.kind]) or isinstance(value, bool) and f.kind in ("int", "float"):
                    wrong.append(f"{f.name!r} should be {f.kind}, got {type(value).__name__}")
        if wrong:
            raise SpecError(f"{where}: {'; '.join(wrong)}", path=path)
        records.append(record)
        if len(records) > MAX_RECORDS:
            raise SpecError(f"more than {MAX_RECORDS} records", path=path)
    if not records:
        raise SpecError("the data file has no records", path=path)
    return tuple(records)


def check_records(path: Path, records: tuple[dict[str, Any], ...], config: ChatConfig, spec: Spec) -> None:
    """Refuse records whose ids repeat, whose user type is unknown, or whose prefill is malformed."""
    seen: dict[str, int] = {}
    for number, record in enumerate(records):
        where = f"record {number}"
        if config.id_field:
            key = str(record.get(config.id_field))
            if key in seen:
                raise SpecError(f"{where}: duplicate {config.id_field} {key!r} (also record {seen[key]})", path=path)
            seen[key] = number
        if config.user_field and record.get(config.user_field) not in config.user_type_names:
            raise SpecError(f"{where}: {config.user_field} {record.get(config.user_field)!r} is not a user type {list(config.user_type_names)}", path=path)
        if config.prefill:
            turns = record.get(config.prefill, [])
            if len(turns) > config.max_prefill:
                raise SpecError(f"{where}: {len(turns)} prefilled messages, over max_prefill = {config.max_prefill}", path=path)
            for item in turns:
                if not (isinstance(item, dict) and item.get("role") in ("user", "assistant") and isinstance(item.get("content"), str)):
                    raise SpecError(f"{where}: each {config.prefill} item is {{role: user|assistant, content: text}}, got {item!r}", path=path)
            if not config.opening and (not turns or turns[-1]["role"] != "user"):
                raise SpecError(f"{where}: with no opening template, the {config.prefill} messages must end with a user turn", path=path)
    if config.user_field:
        for name, variant in spec.axes["users"].variants.items():
            empty = [u for u, w in variant.mix.items() if w > 0 and u not in {r[config.user_field] for r in records}]
            if empty:
                raise SpecError(f"users variant {name!r} samples {empty}, but no record has that {config.user_field}", path=spec.path, field=f"axes.users.variants.{name}")
