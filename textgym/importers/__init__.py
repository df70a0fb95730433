"""Importers: research data sets → a textgym spec and its data that ``textgym check`` accepts.

``textgym import FORMAT SOURCE... --out DIR`` (:mod:`textgym.cli.importer`) writes
``DIR/<name>.yaml`` (a declarative ``chat`` spec) and ``DIR/records.jsonl``. Formats:

* ``sycophancy-eval`` (:mod:`textgym.importers.sycophancy_eval`): the ``answer``, ``feedback``
  and ``are_you_sure`` JSONL files of Sharma et al. (2023);
* ``tmd`` (:mod:`textgym.importers.tmd`): the sub-environment JSON files and ``master_config.yaml``
  of Williams et al. (2024), as also used by Eshuijs et al. (2026).

Example:
    >>> sorted(FORMATS)
    ['sycophancy-eval', 'tmd']
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Imported:
    """What an importer produces: the spec mapping and the records (one per source row)."""

    spec: dict[str, Any]
    records: list[dict[str, Any]]
    name: str


class ImportError_(ValueError):
    """A source that does not have the expected format (the message names the file and row)."""


def _importers() -> dict[str, Callable[..., Imported]]:
    from textgym.importers.sycophancy_eval import import_sycophancy_eval
    from textgym.importers.tmd import import_tmd

    return {"sycophancy-eval": import_sycophancy_eval, "tmd": import_tmd}


FORMATS: tuple[str, ...] = ("sycophancy-eval", "tmd")


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:  # plain YAML: no anchors/aliases
        return True


def write_import(imported: Imported, out: str | Path) -> Path:
    """Write ``out/<name>.yaml`` and ``out/records.jsonl``; return the spec path."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "records.jsonl", "w", encoding="utf-8") as handle:
        for record in imported.records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    spec_path = out / f"{imported.name}.yaml"
    text = yaml.dump(imported.spec, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    spec_path.write_text(f"# Written by `textgym import`; edit freely.\n{text}", encoding="utf-8")
    return spec_path


def run_import(fmt: str, sources: Sequence[str | Path], out: str | Path, *, env_id: str | None = None) -> Path:
    """Import ``sources`` in format ``fmt`` into ``out``; the spec is loaded (checked) before returning."""
    from textgym.spec import load_spec

    importers = _importers()
    if fmt not in importers:
        raise ImportError_(f"unknown import format {fmt!r}; known: {sorted(importers)}")
    paths = [Path(s) for s in sources]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise ImportError_(f"no such source: {', '.join(missing)}")
    imported = importers[fmt](paths, env_id=env_id)
    spec_path = write_import(imported, out)
    load_spec(spec_path)  # what was written must load
    return spec_path


def read_jsonl(path: Path) -> list[tuple[int, Any]]:
    """(line number, value) of every non-empty line; a bad line is an error naming it."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append((number, json.loads(line)))
            except json.JSONDecodeError as error:
                raise ImportError_(f"{path}: line {number}: invalid JSON ({error.msg})") from None
    return rows


def slug(text: str, default: str = "x") -> str:
    """A lowercase name usable as a spec name (letters, digits, '_').

    Example:
        >>> slug("Neglecting-medication 2"), slug("9 lives")
        ('neglecting_medication_2', 'n9_lives')
    """
    out = "".join(c if c.isalnum() else "_" for c in text.lower()).strip("_")
    while "__" in out:
        out = out.replace("__", "_")
    out = out or default
    return out if out[0].isalpha() else f"n{out}"[:64]


def braces(text: str) -> str:
    """Escape literal braces for a textgym template."""
    return text.replace("{", "{{").replace("}", "}}")


def standard_axes(framings: Mapping[str, str], users: Mapping[str, Mapping[str, float]], cues: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The four axes of an imported spec."""
    return {
        "framing": {"default": next(iter(framings)), "variants": {k: {"system": v} for k, v in framings.items()}},
        "cues": {"default": next(iter(cues)) if cues else "none", "variants": dict(cues) if cues else {"none": {"description": "as in the data"}}},
        "users": {"default": next(iter(users)), "variants": {k: {"mix": dict(v)} for k, v in users.items()}},
        "sparsity": {"default": "dense", "variants": {"dense": {"kind": "dense"}, "terminal": {"kind": "terminal"}}},
    }
