"""Golden traces: record what every environment does on fixed seeds and actions, compare later.

A refactor that should not change behaviour is checked by recording a trace before it and
comparing after. A trace holds, for every registered environment, every axis combination, one
seed per combination and every reference policy (plus a fixed off-script reply), each step's
observation digest, reward, reward components and hidden labels. Only the public API is used,
so a trace can be recorded from an old checkout and compared with the current code::

    python -m textgym.testing.golden record before.jsonl.gz        # on the old code
    python -m textgym.testing.golden compare before.jsonl.gz        # on the new code

Example:
    >>> rows = record_trace(["textgym/Sycophancy-v0"], max_combinations=2, policies=["aligned"], off_script=False)
    >>> len(rows), sorted(rows[0])
    (2, ['axes', 'env', 'policy', 'seed', 'steps'])
    >>> diff_traces(rows, rows)
    []
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import itertools
import json
import math
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Required, TypedDict, cast

if TYPE_CHECKING:
    from textgym.env import TextEnv
    from textgym.spec import Spec
    from textgym.types import Conversation

class TraceStep(TypedDict, total=False):
    """One step of a trace row: the observation digest; after the reset, the reward, the reward
    components and the hidden labels (judge entries left out), in JSON-stable form."""

    obs: Required[str]
    reward: float | str
    components: dict[str, Any]
    hidden: dict[str, Any]


_LABEL_GROUPS: tuple[Literal["components", "hidden"], ...] = ("components", "hidden")


class TraceRow(TypedDict):
    """One played episode of a trace: environment, axes, reset seed, policy and its steps."""

    env: str
    axes: dict[str, str]
    seed: int
    policy: str
    steps: list[TraceStep]


#: An off-script reply every environment also gets, so traces cover text no policy was written for.
OFF_SCRIPT_REPLY = "I'm not sure. Maybe, maybe not — it depends on many factors."


def _digest(conversation: Conversation) -> str:
    payload = json.dumps([[m.role, m.content, m.source] for m in conversation], ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _plain(value: Any) -> Any:
    """JSON-stable form of a hidden value (floats rounded so platform noise is not a difference)."""
    if isinstance(value, float):
        return round(value, 9) if math.isfinite(value) else str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return repr(value)


def _combinations(spec: Spec) -> list[dict[str, str]]:
    names = list(spec.axes)
    return [dict(zip(names, combo)) for combo in itertools.product(*(list(spec.axes[n].variants) for n in names))]


def record_trace(
    env_ids: Sequence[str] | None = None,
    *,
    max_combinations: int | None = None,
    policies: Sequence[str] | None = None,
    off_script: bool = True,
) -> list[TraceRow]:
    """Play every axis combination of each environment with each reference policy; return the rows.

    Combination ``i`` is reset with seed ``i``. ``policies`` limits the reference policies
    (default: all of each family's); ``off_script`` adds :data:`OFF_SCRIPT_REPLY` as a policy.
    """
    import textgym

    specs = textgym.registered_specs()
    rows: list[TraceRow] = []
    for env_id in env_ids or sorted(specs):
        combos = _combinations(specs[env_id])[: max_combinations or None]
        for index, axes in enumerate(combos):
            env = textgym.make(env_id, axes=axes)
            reference = cast("TextEnv", env.unwrapped).reference_policies()
            names = [p for p in (policies or list(reference)) if p in reference]
            if off_script:
                names.append("off_script")
            for name in names:
                obs, _ = env.reset(seed=index)
                steps: list[TraceStep] = [{"obs": _digest(obs)}]
                done = False
                while not done:
                    action = OFF_SCRIPT_REPLY if name == "off_script" else reference[name](obs)
                    obs, reward, terminated, truncated, info = env.step(action)
                    steps.append(
                        {
                            "obs": _digest(obs),
                            "reward": _plain(float(reward)),
                            "components": _plain(info.get("reward_components", {})),
                            "hidden": _plain({k: v for k, v in info.get("hidden", {}).items() if k != "judge"}),
                        }
                    )
                    done = terminated or truncated
                rows.append({"env": env_id, "axes": axes, "seed": index, "policy": name, "steps": steps})
            env.close()
    return rows


@dataclass(frozen=True)
class Difference:
    """One field of one step that differs between two traces."""

    env: str
    axes: tuple[tuple[str, str], ...]
    seed: int
    policy: str
    step: int
    field: str
    old: Any
    new: Any

    def __str__(self) -> str:
        return f"{self.env} {dict(self.axes)} seed={self.seed} {self.policy} step {self.step} {self.field}: {self.old!r} -> {self.new!r}"


def _key(row: TraceRow) -> tuple[str, tuple[tuple[str, str], ...], int, str]:
    return (row["env"], tuple(sorted(row["axes"].items())), row["seed"], row["policy"])


def diff_traces(old: Iterable[TraceRow], new: Iterable[TraceRow]) -> list[Difference]:
    """Every field that differs; a row present on one side only is a difference of field ``row``."""
    old_rows = {_key(r): r for r in old}
    new_rows = {_key(r): r for r in new}
    out: list[Difference] = []
    for key in sorted(old_rows.keys() | new_rows.keys(), key=repr):
        a, b = old_rows.get(key), new_rows.get(key)
        if a is None or b is None:
            out.append(Difference(*key, step=-1, field="row", old=a is not None, new=b is not None))
            continue
        absent: dict[str, Any] = {}
        for step, (sa, sb) in enumerate(itertools.zip_longest(a["steps"], b["steps"], fillvalue=absent)):
            for name in ("obs", "reward"):
                if sa.get(name) != sb.get(name):
                    out.append(Difference(*key, step=step, field=name, old=sa.get(name), new=sb.get(name)))
            for group in _LABEL_GROUPS:
                ga, gb = sa.get(group, {}), sb.get(group, {})
                for label in sorted(ga.keys() | gb.keys()):
                    if ga.get(label, "<absent>") != gb.get(label, "<absent>"):
                        out.append(Difference(*key, step=step, field=f"{group}.{label}", old=ga.get(label, "<absent>"), new=gb.get(label, "<absent>")))
    return out


def write_trace(rows: Iterable[TraceRow], path: str | Path) -> None:
    """Write rows as (gzipped, if the name ends in .gz) JSON Lines."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "wt", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")


def read_trace(path: str | Path) -> list[TraceRow]:
    """Read a trace written by :func:`write_trace`."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def summarize_differences(differences: Sequence[Difference]) -> list[tuple[str, str, int]]:
    """Counts of differences by environment and field, largest first."""
    counts = Counter((d.env, d.field) for d in differences)
    return [(env, field, n) for (env, field), n in counts.most_common()]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m textgym.testing.golden", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="record a trace of the current code")
    rec.add_argument("out")
    rec.add_argument("--env", action="append", help="only these ids (repeatable)")
    cmp_ = sub.add_parser("compare", help="compare the current code with a recorded trace")
    cmp_.add_argument("trace")
    cmp_.add_argument("--env", action="append")
    cmp_.add_argument("--show", type=int, default=20, help="print this many differences in full")
    args = parser.parse_args(argv)
    if args.command == "record":
        rows = record_trace(args.env)
        write_trace(rows, args.out)
        print(f"wrote {len(rows)} episodes to {args.out}")
        return 0
    old = read_trace(args.trace)
    if args.env:
        old = [r for r in old if r["env"] in args.env]
        if not old:
            parser.error(f"the trace holds no episode of {args.env}; it holds {sorted({r['env'] for r in read_trace(args.trace)})}")
    new = record_trace(sorted({r["env"] for r in old}))
    differences = diff_traces(old, new)
    episodes = len({(d.env, d.axes, d.seed, d.policy) for d in differences})
    print(f"{len(differences)} differing fields in {episodes} of {len(old)} episodes")
    for env, field, n in summarize_differences(differences):
        print(f"  {env:<28} {field:<40} {n}")
    for d in differences[: args.show]:
        print("  " + str(d))
    return 1 if differences else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
