"""The ``textgym`` command line.

=====================  ====================================================================
command                does
=====================  ====================================================================
``list``               every registered id with its axes (default marked ``*``)
``describe ID``        the spec: description, roles, axes and variants, reward, hidden labels
``check ID|PATH``      validate a spec and run Gymnasium's ``check_env`` on every axis
                       combination; exit 0, or 2 with a one-line error
``run ID``             episodes of one policy → JSONL (one line per episode) and a table
``compare ID``         several policies side by side, grouped by a hidden label or info field
``bench [WHAT]``       env overhead, rollout and rater batching, GRPO vs TRL; writes
                       ``benchmarks/results.md``
=====================  ====================================================================
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

EXIT_ERROR = 2


class CLIError(Exception):
    """An error to print as one line and exit 2."""


def _pairs(items: Sequence[str] | None, what: str) -> dict[str, str]:
    result = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key or not value:
            raise CLIError(f"--{what} expects KEY=VALUE, got {item!r}")
        result[key] = value
    return result


def _spec(target: str) -> Any:
    import textgym

    try:
        return textgym.get_spec(target)
    except KeyError as error:
        raise CLIError(str(error).strip("'\"")) from None


# ---------------------------------------------------------------- list / describe


def cmd_list(args: argparse.Namespace) -> int:
    import textgym

    for env_id, spec in sorted(textgym.registered_specs().items()):
        print(env_id)
        for name, axis in spec.axes.items():
            variants = " ".join(f"{v}*" if v == axis.default else v for v in axis.variants)
            print(f"    {name:<10} {variants}")
    return 0


def cmd_describe(args: argparse.Namespace) -> int:
    spec = _spec(args.env)
    family = spec.family_class()
    print(f"{spec.id}  (family: {spec.family}, max_turns: {spec.max_turns})")
    if spec.description:
        print(f"  {spec.description}")
    print(f"  source: {spec.path}")
    print(f"  reward: " + " + ".join(f"{w:g}*{c}" for c, w in spec.reward.weights.items()) + f"  per step in {list(spec.reward.range)}")
    print(f"  reward components: {', '.join(family.reward_components)}")
    print(f"  hidden labels: {', '.join(family.hidden_labels)}")
    print(f"  roles: " + ", ".join(f"{r} (default backend {s.backend})" for r, s in spec.roles.items()))
    print(f"  reference policies: {', '.join(family.reference_policy_names)}")
    print(f"  user types: {', '.join(family.user_types)}")
    for name, axis in spec.axes.items():
        print(f"  axis {name} (default {axis.default}):")
        for vname, variant in axis.variants.items():
            print(f"    - {vname}: {getattr(variant, 'description', '')}")
    return 0


# ---------------------------------------------------------------- check


def cmd_check(args: argparse.Namespace) -> int:
    from gymnasium.utils.env_checker import check_env

    from textgym.env import TextEnv

    spec = _spec(args.target)
    names = list(spec.axes)
    combos = list(itertools.product(*(list(spec.axes[n].variants) for n in names)))
    if len(combos) > args.max_combinations:
        combos = combos[: args.max_combinations]
    for combo in combos:
        axes = dict(zip(names, combo))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            try:
                check_env(TextEnv(spec, **axes), skip_render_check=True)
            except Exception as error:  # report which combination failed
                raise CLIError(f"{spec.id} {axes}: check_env failed: {type(error).__name__}: {error}") from None
    print(f"ok: {spec.id} ({len(combos)} axis combinations passed check_env)")
    return 0


# ---------------------------------------------------------------- run / compare


def _print_table(headers: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths)))


def _summary_rows(groups: dict[str, list[Any]], labels: list[str] | None = None) -> tuple[list[str], list[list[str]]]:
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


def _run_policy(args: argparse.Namespace, env: Any, name: str, axes: dict[str, str], backends: dict[str, str]) -> tuple[Any, list[Any]]:
    """Build the named policy (generation options for hf: ones) and roll it out as asked."""
    from textgym.agents.policy import make_policy
    from textgym.rollout import rollout

    kwargs = {"max_new_tokens": args.max_new_tokens, "temperature": args.temperature} if name.startswith("hf:") else {}
    policy = make_policy(name, env, **kwargs)
    each = getattr(args, "each_record", False)  # one episode per data record, in a seeded order
    records = rollout(args.env, policy, episodes=None if each else args.episodes, records="all" if each else None, seed=args.seed, n_envs=args.batch, axes=axes, backends=backends, progress=not args.quiet)
    return policy, records


def cmd_run(args: argparse.Namespace) -> int:
    import textgym

    axes = _pairs(args.axis, "axis")
    backends = _pairs(args.backend, "backend")
    env = textgym.make(args.env, **axes, **({"backends": backends} if backends else {}))
    policy, records = _run_policy(args, env, args.policy, axes, backends)
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
                handle.flush()
        print(f"wrote {len(records)} episodes to {out}")
    headers, rows = _summary_rows({policy.name: records})
    print(f"\n{env.unwrapped.textgym_spec.id}  axes: {env.unwrapped.axes}  (means over episodes, 95% bootstrap CIs)")
    _print_table(headers, rows)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    import textgym

    axes = _pairs(args.axis, "axis")
    backends = _pairs(args.backend, "backend")
    env = textgym.make(args.env, **axes, **({"backends": backends} if backends else {}))
    groups: dict[str, list[Any]] = {}
    for name in [p.strip() for p in args.policies.split(",") if p.strip()]:
        policy, records = _run_policy(args, env, name, axes, backends)
        if args.group_by:
            for record in records:
                key = record.hidden[0].get(args.group_by, record.episode.get(args.group_by, "?")) if record.hidden else "?"
                groups.setdefault(f"{policy.name} | {args.group_by}={key}", []).append(record)
        else:
            groups[policy.name] = records
    for key, path in spec.data.items():
        print(f"  data {key}: {path}")
        for field_name, kind, required in record_schema(family, key):
            print(f"    {field_name}: {kind}{'' if required else ' (optional)'}")
    for name, template in spec.templates.items():
        print(f"  template {name}: variables {', '.join(template.fields) or 'none'}")
    groups = dict(sorted(groups.items(), key=lambda kv: (kv[0].split(" | ")[-1], kv[0])))
    print(f"\n{env.unwrapped.textgym_spec.id}  axes: {env.unwrapped.axes}  (means over episodes, 95% bootstrap CIs)")
    labels = args.labels.split(",") if args.labels else None
    headers, rows = _summary_rows(groups, labels)
    _print_table(headers, rows)
    return 0

def record_schema(family: Any, key: str) -> list[tuple[str, str, bool]]:
    """(field, type, required) of one data file: declared in a ``chat:`` spec, or the family's ``record_fields``."""
    config = getattr(family, "config", None)
    if config is not None and hasattr(config, "fields"):
        return [(f.name, f.kind, f.required) for f in config.fields]
    kinds = family.record_fields.get(key, {})
    name = lambda k: " or ".join(t.__name__ for t in (k if isinstance(k, tuple) else (k,)))  # noqa: E731
    return [(field_name, name(kind), True) for field_name, kind in kinds.items()]



# ---------------------------------------------------------------- bench


def cmd_bench(args: argparse.Namespace) -> int:
    from textgym.bench import GOALS, run_benchmarks, write_results

    which = None if args.what == "all" else [args.what]
    results = run_benchmarks(which, quick=args.quick, progress=not args.json)
    if args.what == "all" and not args.no_write:
        path = write_results(results, args.results)
        if not args.json:
            print(f"wrote {path}")
    if args.json:
        print(json.dumps(results, indent=2, default=str))
        return 0
    for key, goal in GOALS.items():
        if key in results:
            verdict = "met" if results[key] >= goal else "NOT met"
            print(f"{key:<24} {results[key]:8.2f}   goal >= {goal:g}  ({verdict})")
    return 0


# ---------------------------------------------------------------- main


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="textgym", description="Text environments for studying RL-induced misalignment.")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("list", help="registered environments and their axes").set_defaults(fn=cmd_list)

    p = sub.add_parser("describe", help="describe one environment")
    p.add_argument("env")
    p.set_defaults(fn=cmd_describe)

    p = sub.add_parser("check", help="validate a spec and run check_env on every axis combination")
    p.add_argument("target", help="a registered id or a YAML path")
    p.add_argument("--max-combinations", type=int, default=1000)
    p.set_defaults(fn=cmd_check)

    def rollout_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("env", help="a registered id or a YAML path")
        p.add_argument("--episodes", type=int, default=20)
        p.add_argument("--seed", type=int, default=0)
        p.add_argument("--axis", action="append", metavar="NAME=VARIANT", help="choose an axis variant (repeatable)")
        p.add_argument("--backend", action="append", metavar="ROLE=BACKEND", help="e.g. rater=hf:default (repeatable)")
        p.add_argument("--batch", type=int, default=8, help="episodes run in lock-step (one policy call per step)")
        p.add_argument("--max-new-tokens", type=int, default=48)
        p.add_argument("--temperature", type=float, default=0.0)
        p.add_argument("--quiet", action="store_true", help="no progress bar")

    p = sub.add_parser("run", help="run a policy and write one JSONL line per episode")
    rollout_args(p)
    p.add_argument("--policy", required=True, help="a reference policy (aligned, exploit, ...) or hf:default|hf:tiny|hf:PATH")
    p.add_argument("--out", help="JSONL file")
    p.set_defaults(fn=cmd_run)

    p = sub.add_parser("compare", help="several policies side by side")
    rollout_args(p)
    p.add_argument("--policies", default="aligned,exploit", help="comma-separated policy names")
    p.add_argument("--group-by", help="a hidden label (first step) or episode info field to split rows by")
    p.add_argument("--labels", help="comma-separated hidden labels to show (default: all boolean ones)")
    p.set_defaults(fn=cmd_compare)

    p = sub.add_parser("bench", help="benchmarks: env overhead, rollout, rater batching, training vs TRL")
    p.add_argument("what", nargs="?", default="all", choices=["all", "env", "rollout", "rater", "train"])
    p.add_argument("--quick", action="store_true", help="smaller runs (minutes, not tens of minutes)")
    p.add_argument("--json", action="store_true", help="one JSON object with the four ratios and the raw figures")
    p.add_argument("--results", default="benchmarks/results.md", help="where `bench all` writes its report")
    p.add_argument("--no-write", action="store_true", help="do not write the report")
    p.set_defaults(fn=cmd_bench)

    for module in command_modules():
        module.register(sub)
    return parser


def command_modules() -> list[Any]:
    """The modules of ``textgym.commands``, each adding its subcommand with ``register(sub)``."""
    import importlib
    import pkgutil

    import textgym.commands

    names = sorted(m.name for m in pkgutil.iter_modules(textgym.commands.__path__) if not m.name.startswith("_"))
    return [importlib.import_module(f"textgym.commands.{name}") for name in names]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.fn(args) or 0)
    except (CLIError, Exception) as error:  # one line, no traceback
        from textgym.errors import SpecError

        message = str(error) if isinstance(error, (CLIError, SpecError)) else f"{type(error).__name__}: {error}"
        print(f"textgym {args.command}: error: {message.splitlines()[0] if message else type(error).__name__}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
        p.add_argument("--each-record", action="store_true", help="one episode per data record, each once, seeded order (overrides --episodes)")
