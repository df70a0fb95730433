"""Check the hand-labelled validation set (``textgym/specs/validation/<Env>.jsonl``).

Each line is one assistant reply with gold hidden labels written by a person from the label
definitions (see ``docs/labels.md``). The format is a contract shared by the files, the
``textgym labels`` scorer and the readers: ``id``, ``env``, ``axes``, ``seed``, ``history``,
``reply``, ``gold``, ``split`` (``train``/``test``), ``source`` (``model``/``written``/
``reference``), ``phenomenon`` and ``note``. A line is scored by making the environment with its
axes, resetting it with its seed, stepping each ``history`` reply and then ``reply``, and
comparing ``info["hidden"]`` of that last step with ``gold``.

:func:`check_validation_set` checks every file: the schema, unique ids, that each line's
episode resets and steps without error (and is still running when the judged reply comes), that
every gold label is a hidden label of that environment with a definite value, the counts
(at least ``min_per_env`` lines per environment, ``min_total`` in all, every registered
environment present) and the test share. It returns the list of problems (empty when the set is
valid). Run it as a script to print them and a count table::

    python textgym/specs/validation/check_validation.py

Example:
    >>> problems = check_line({"id": "X-v0/1"}, "X-v0")
    >>> problems[0]
    "X-v0/1: missing fields ['axes', 'env', 'gold', 'history', 'note', 'phenomenon', 'reply', 'seed', 'source', 'split']"
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

VALIDATION_DIR = Path(__file__).parent
FIELDS = ("id", "env", "axes", "seed", "history", "reply", "gold", "split", "source", "phenomenon", "note")
SPLITS = ("train", "test")
SOURCES = ("model", "written", "reference")


def load_validation_set(directory: str | Path = VALIDATION_DIR) -> dict[str, list[dict[str, Any]]]:
    """Every ``*.jsonl`` file of ``directory``, by file stem (e.g. ``"Sycophancy-v0"``)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(Path(directory).glob("*.jsonl")):
        lines = []
        with open(path, encoding="utf-8") as handle:
            for number, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                try:
                    lines.append(json.loads(text))
                except json.JSONDecodeError as error:
                    lines.append({"id": f"{path.name}:{number}", "_error": f"invalid JSON ({error.msg})"})
        out[path.stem] = lines
    return out


def check_line(line: Mapping[str, Any], stem: str) -> list[str]:
    """Schema problems of one line of the file ``<stem>.jsonl`` (no environment is made)."""
    rid = str(line.get("id", "?"))
    if "_error" in line:
        return [f"{rid}: {line['_error']}"]
    missing = sorted(set(FIELDS) - set(line))
    if missing:
        return [f"{rid}: missing fields {missing}"]
    problems = []
    extra = sorted(set(line) - set(FIELDS))
    if extra:
        problems.append(f"{rid}: unknown fields {extra}")
    if not rid.startswith(f"{stem}/"):
        problems.append(f"{rid}: id must start with '{stem}/'")
    if line["env"] != f"textgym/{stem}":
        problems.append(f"{rid}: env {line['env']!r} does not match the file (expected 'textgym/{stem}')")
    if not isinstance(line["axes"], dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in line["axes"].items()):
        problems.append(f"{rid}: axes must map axis names to choice names (strings)")
    if not isinstance(line["seed"], int) or isinstance(line["seed"], bool):
        problems.append(f"{rid}: seed must be an integer")
    if not isinstance(line["history"], list) or not all(isinstance(h, str) for h in line["history"]):
        problems.append(f"{rid}: history must be a list of strings")
    if not isinstance(line["reply"], str):
        problems.append(f"{rid}: reply must be a string")
    gold = line["gold"]
    if not isinstance(gold, dict) or not gold:
        problems.append(f"{rid}: gold must be a non-empty object")
    elif not all(isinstance(v, (bool, str)) for v in gold.values()):
        problems.append(f"{rid}: gold values must be true/false or a category string, got {gold}")
    if line["split"] not in SPLITS:
        problems.append(f"{rid}: split must be one of {list(SPLITS)}, got {line['split']!r}")
    if line["source"] not in SOURCES:
        problems.append(f"{rid}: source must be one of {list(SOURCES)}, got {line['source']!r}")
    if not isinstance(line["phenomenon"], str) or (line["source"] == "written") != bool(line["phenomenon"]):
        problems.append(f"{rid}: phenomenon must name the phrasing for written lines and be '' otherwise")
    if not isinstance(line["note"], str) or not line["note"].strip():
        problems.append(f"{rid}: note must say why the gold labels are what they are")
    return problems


def replay(line: Mapping[str, Any]) -> dict[str, Any]:
    """Reset and step a line's episode; return ``info["hidden"]`` of the judged reply's step.

    Raises ``ValueError`` when the episode ends before the judged reply.
    """
    import textgym

    env = textgym.make(line["env"], **line["axes"])
    env.reset(seed=line["seed"])
    for turn, message in enumerate([*line["history"], line["reply"]]):
        _, _, terminated, truncated, info = env.step(message)
        if (terminated or truncated) and turn < len(line["history"]):
            raise ValueError(f"the episode ended after history turn {turn + 1}, before the judged reply")
    return dict(info["hidden"])


def hidden_labels(env_id: str) -> frozenset[str]:
    """The hidden labels an environment declares."""
    from textgym.registry import registered_specs

    return frozenset(registered_specs()[env_id].family_class().hidden_labels)


def check_validation_set(
    sets: Mapping[str, list[dict[str, Any]]] | None = None,
    *,
    min_per_env: int = 40,
    min_total: int = 500,
    test_share: tuple[float, float] = (0.25, 0.35),
    replay_episodes: bool = True,
    exempt: Iterable[str] = (),
) -> list[str]:
    """All problems of the validation set (``[]`` when it is valid); see the module docstring.

    ``exempt`` names registered environments (file stems) allowed to have no file yet.
    """
    from textgym.registry import registered_specs

    sets = load_validation_set() if sets is None else sets
    problems: list[str] = []
    registered = {env_id.split("/", 1)[1] for env_id in registered_specs() if env_id.startswith("textgym/")}
    for stem in sorted(registered - set(sets) - set(exempt)):
        problems.append(f"{stem}: no validation file for a registered environment")
    seen: set[str] = set()
    total = tests = 0
    for stem, lines in sorted(sets.items()):
        if stem not in registered:
            problems.append(f"{stem}: not a registered textgym environment")
            continue
        labels = hidden_labels(f"textgym/{stem}")
        for line in lines:
            line_problems = check_line(line, stem)
            problems.extend(line_problems)
            if line_problems:
                continue
            if line["id"] in seen:
                problems.append(f"{line['id']}: duplicate id")
            seen.add(line["id"])
            unknown = sorted(set(line["gold"]) - labels)
            if unknown:
                problems.append(f"{line['id']}: gold labels {unknown} are not hidden labels of {stem} ({sorted(labels)})")
            if replay_episodes:
                try:
                    replay(line)
                except Exception as error:  # noqa: BLE001 - every failure is reported with the line's id
                    problems.append(f"{line['id']}: replaying the episode failed: {type(error).__name__}: {error}")
        count = len(lines)
        env_tests = sum(1 for line in lines if line.get("split") == "test")
        total += count
        tests += env_tests
        if count < min_per_env:
            problems.append(f"{stem}: {count} lines, expected at least {min_per_env}")
        for source in SOURCES:
            group = [line for line in lines if line.get("source") == source]
            if group and not any(line.get("split") == "test" for line in group):
                problems.append(f"{stem}: no test lines among its {len(group)} '{source}' lines")
    if total < min_total:
        problems.append(f"{total} lines in all, expected at least {min_total}")
    if total and not test_share[0] <= tests / total <= test_share[1]:
        problems.append(f"test share {tests / total:.2f}, expected {test_share[0]:.2f}-{test_share[1]:.2f}")
    return problems


def count_table(sets: Mapping[str, list[dict[str, Any]]]) -> str:
    """Lines per environment by source and split, as text."""
    rows = ["environment            model written reference  train test  total"]
    sums: Counter[str] = Counter()
    for stem, lines in sorted(sets.items()):
        c = Counter(line.get("source") for line in lines) + Counter(line.get("split") for line in lines)
        sums += c
        rows.append(f"{stem:<22} {c['model']:>5} {c['written']:>7} {c['reference']:>9}  {c['train']:>5} {c['test']:>4}  {len(lines):>5}")
    rows.append(f"{'total':<22} {sums['model']:>5} {sums['written']:>7} {sums['reference']:>9}  {sums['train']:>5} {sums['test']:>4}  {sums['train'] + sums['test']:>5}")
    return "\n".join(rows)


def main(argv: Iterable[str] | None = None) -> int:
    sets = load_validation_set()
    print(count_table(sets))
    problems = check_validation_set(sets)
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
