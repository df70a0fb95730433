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

Every command takes ``--import MODULE_OR_FILE.py`` (repeatable): the module is imported before
the command runs, so the families, policies and backends it registers can be named (see
:mod:`textgym.plugins`; installed ``textgym.families`` / ``textgym.policies`` /
``textgym.backends`` entry points need no import). ``--policy`` and ``--backend ROLE=...`` also
take ``module:attr`` and ``path/to/file.py:attr``.

Input errors (an unknown id, axis, variant, policy, label or backend; ``--episodes`` below 1; an
output path that cannot be written) print one line, ``textgym COMMAND: error: ...``, and exit 2.
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

from textgym.commands._common import EXIT_ERROR, CLIError, did_you_mean, pairs, print_table, spec_for, summary_rows
from textgym.env import text_env

# The private names the commands imported from here before the shared helpers moved to
# textgym.commands._common; commands/gameability.py still uses them.
_pairs, _spec, _print_table, _summary_rows = pairs, spec_for, print_table, summary_rows


def _check_output(path: str | None, what: str, *, directory: bool = False) -> None:
    """Fail before any work when ``path`` cannot be written: try it (and leave nothing behind)."""
    import os

    if not path:
        return
    target = Path(path)
    if target.is_dir() and not directory:
        raise CLIError(f"{what} {path}: is a directory, expected a file")
    if target.exists() and directory and not target.is_dir():
        raise CLIError(f"{what} {path}: exists and is not a directory")
    folder = target if directory else target.parent
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    created: list[Path] = []
    try:
        if not folder.is_dir():
            raise CLIError(f"{what} {path}: {folder} is not a directory")
        for item in reversed(missing):
            item.mkdir()
            created.append(item)
        if not directory and target.exists():
            open(target, "a", encoding="utf-8").close()  # appending nothing changes nothing
        else:
            probe = (target if directory else target.parent) / f".textgym-write-test-{os.getpid()}"
            open(probe, "x", encoding="utf-8").close()
            probe.unlink()
    except OSError as error:
        raise CLIError(f"{what} {path}: cannot write there: {error.strerror or error}") from None
    finally:
        for item in reversed(created):
            try:
                item.rmdir()
            except OSError:
                pass


def _check_input(path: str | None, what: str) -> None:
    if path and not Path(path).is_file():
        raise CLIError(f"{what} {path}: no such file" if not Path(path).exists() else f"{what} {path}: not a readable file")


#: Output paths each command writes, checked before it starts: (argument, is a directory).
OUTPUT_ARGUMENTS: dict[str, tuple[tuple[str, bool], ...]] = {
    "run": (("out", False),),
    "train": (("out", True),),
    "bench": (("results", False),),
    "gameability": (("plot", False),),
    "probe": (("save", False),),
    "eval": (("out", False),),
}
#: Input files each command reads: argument names.
INPUT_ARGUMENTS: dict[str, tuple[str, ...]] = {"probe": ("load",)}


def check_arguments(args: argparse.Namespace) -> None:
    """The input checks every command shares: counts at least 1, output paths writable, input files readable."""
    for name in ("episodes", "batch"):
        value = getattr(args, name, None)
        if isinstance(value, int) and not isinstance(value, bool) and value < 1:
            raise CLIError(f"--{name} must be at least 1, got {value}")
    for name, directory in OUTPUT_ARGUMENTS.get(args.command, ()):
        value = getattr(args, name, None)
        unused = args.command == "bench" and (getattr(args, "no_write", False) or getattr(args, "what", "all") != "all")
        if isinstance(value, str) and not unused and not (args.command == "train" and getattr(args, "resume", False)):
            _check_output(value, f"--{name}", directory=directory)
    for name in INPUT_ARGUMENTS.get(args.command, ()):
        value = getattr(args, name, None)
        if isinstance(value, str):
            _check_input(value, f"--{name}")
    target = getattr(args, "env", None) if args.command != "check" else getattr(args, "target", None)
    if isinstance(target, str):  # the id (or path) first, then the axes it has
        spec = spec_for(target)
        _axes_check(spec, pairs(getattr(args, "axis", None), "axis"))
        labels = getattr(args, "labels", None)
        if isinstance(labels, str):
            _labels_check(spec, [label.strip() for label in labels.split(",") if label.strip()])
    elif isinstance(target, list):  # probe --env (repeatable)
        for item in target:
            spec_for(item)


def _axes_check(spec: Any, axes: dict[str, str]) -> None:
    """Every ``--axis NAME=VARIANT`` names an axis of the spec and one of its variants."""
    for name, variant in axes.items():
        if name not in spec.axes:
            hint = did_you_mean(name, list(spec.axes))
            raise CLIError(f"--axis {name}={variant}: {spec.id} has no axis {name!r}; {hint}its axes are {list(spec.axes)}")
        variants = list(spec.axes[name].variants)
        if variant not in variants:
            hint = did_you_mean(variant, variants)
            raise CLIError(f"--axis {name}={variant}: no variant {variant!r} of axis {name!r}; {hint}expected one of {variants}")


def _labels_check(spec: Any, labels: list[str]) -> None:
    """``--labels`` names hidden labels of the spec's family."""
    hidden = list(spec.family_class().hidden_labels)
    for label in labels:
        if label not in hidden:
            raise CLIError(f"--labels: {label!r} is not a hidden label of {spec.id}; {did_you_mean(label, hidden)}expected some of {hidden}")


def _group_key_check(env: Any, group_by: str | None) -> None:
    """``--group-by`` names a hidden label or an episode info field."""
    unwrapped = env.unwrapped
    hidden = list(unwrapped.family.hidden_labels)
    if group_by:
        _, info = unwrapped.reset(seed=0)
        fields = [*hidden, *info.get("episode", {})]
        if group_by not in fields:
            hint = did_you_mean(group_by, fields)
            raise CLIError(f"--group-by {group_by!r} is not a hidden label or episode field of {unwrapped.textgym_spec.id}; {hint}expected one of {sorted(set(fields))}")


# ---------------------------------------------------------------- list / describe


def cmd_list(args: argparse.Namespace) -> int:
    import textgym

    for env_id, spec in sorted(textgym.registered_specs().items()):
        print(env_id)
        for name, axis in spec.axes.items():
            variants = " ".join(f"{v}*" if v == axis.default else v for v in axis.variants)
            print(f"    {name:<10} {variants}")
    from textgym.plugins import describe_installed

    for kind, entries in describe_installed().items():
        if entries:
            print(f"installed plugin {kind}: {'; '.join(entries)}")
    return 0


def cmd_describe(args: argparse.Namespace) -> int:
    spec = spec_for(args.env)
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
    for key, path in spec.data.items():
        print(f"  data {key}: {path}")
        for field_name, kind, required in record_schema(family, key):
            print(f"    {field_name}: {kind}{'' if required else ' (optional)'}")
    for name, template in spec.templates.items():
        print(f"  template {name}: variables {', '.join(template.fields) or 'none'}")
    for role, role_spec in spec.roles.items():
        if role_spec.prompt is not None:
            print(f"  role {role} prompt: variables {', '.join(role_spec.prompt.fields) or 'none'}")
    for name, axis in spec.axes.items():
        print(f"  axis {name} (default {axis.default}):")
        for vname, variant in axis.variants.items():
            print(f"    - {vname}: {getattr(variant, 'description', '')}")
    return 0


def record_schema(family: Any, key: str) -> list[tuple[str, str, bool]]:
    """(field, type, required) of one data file: declared in a ``chat:`` spec, or the family's ``record_fields``."""
    config = getattr(family, "config", None)
    if config is not None and hasattr(config, "fields"):
        return [(f.name, f.kind, f.required) for f in config.fields]
    kinds = family.record_fields.get(key, {})
    name = lambda k: " or ".join(t.__name__ for t in (k if isinstance(k, tuple) else (k,)))  # noqa: E731
    return [(field_name, name(kind), True) for field_name, kind in kinds.items()]


# ---------------------------------------------------------------- check


def cmd_check(args: argparse.Namespace) -> int:
    from gymnasium.utils.env_checker import check_env

    from textgym.env import TextEnv

    spec = spec_for(args.target)
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


def _run_policy(args: argparse.Namespace, env: Any, name: str, axes: dict[str, str], backends: dict[str, str]) -> tuple[Any, list[Any]]:
    """Build the named policy (generation options for hf: ones) and roll it out as asked."""
    from textgym.policy import make_policy
    from textgym.rollout import rollout

    kwargs = {"max_new_tokens": args.max_new_tokens, "temperature": args.temperature} if name.startswith("hf:") else {}
    policy = make_policy(name, env, **kwargs)
    each = getattr(args, "each_record", False)  # one episode per data record, in a seeded order
    records = rollout(args.env, policy, episodes=None if each else args.episodes, records="all" if each else None, seed=args.seed, n_envs=args.batch, axes=axes, backends=backends, progress=not args.quiet)
    return policy, records


def cmd_run(args: argparse.Namespace) -> int:
    import textgym

    axes = pairs(args.axis, "axis")
    backends = pairs(args.backend, "backend")
    env = textgym.make(args.env, axes=axes, **({"backends": backends} if backends else {}))
    handle = None
    if args.out:  # opened before the episodes run: an unwritable path fails at once
        out = Path(args.out)
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            handle = open(out, "w", encoding="utf-8")
        except OSError as error:
            raise CLIError(f"--out {args.out}: cannot write: {error.strerror or error}") from None
    try:
        policy, records = _run_policy(args, env, args.policy, axes, backends)
        if handle is not None:
            for record in records:
                handle.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
            handle.close()
            print(f"wrote {len(records)} episodes to {args.out}")
    except BaseException:
        if handle is not None:  # no half-written or empty file left behind by a failed run
            handle.close()
            Path(args.out).unlink(missing_ok=True)
        raise
    headers, rows = summary_rows({policy.name: records})
    print(f"\n{text_env(env).textgym_spec.id}  axes: {text_env(env).axes}  (means over episodes, 95% bootstrap CIs)")
    print_table(headers, rows)
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    import textgym

    axes = pairs(args.axis, "axis")
    backends = pairs(args.backend, "backend")
    env = textgym.make(args.env, axes=axes, **({"backends": backends} if backends else {}))
    _group_key_check(env, args.group_by)
    groups: dict[str, list[Any]] = {}
    for name in [p.strip() for p in args.policies.split(",") if p.strip()]:
        policy, records = _run_policy(args, env, name, axes, backends)
        if args.group_by:
            for record in records:
                key = record.hidden[0].get(args.group_by, record.episode.get(args.group_by, "?")) if record.hidden else "?"
                groups.setdefault(f"{policy.name} | {args.group_by}={key}", []).append(record)
        else:
            groups[policy.name] = records
    groups = dict(sorted(groups.items(), key=lambda kv: (kv[0].split(" | ")[-1], kv[0])))
    print(f"\n{text_env(env).textgym_spec.id}  axes: {text_env(env).axes}  (means over episodes, 95% bootstrap CIs)")
    labels = args.labels.split(",") if args.labels else None
    headers, rows = summary_rows(groups, labels)
    print_table(headers, rows)
    return 0


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
        p.add_argument("--each-record", action="store_true", help="one episode per data record, each once, seeded order (overrides --episodes)")

    p = sub.add_parser("run", help="run a policy and write one JSONL line per episode")
    rollout_args(p)
    p.add_argument("--policy", required=True, help="a reference policy (aligned, exploit, ...), hf:default|hf:tiny|hf:PATH, a plugin policy, module:attr or file.py:attr")
    p.add_argument("--out", help="JSONL file")
    p.set_defaults(fn=cmd_run)

    p = sub.add_parser("compare", help="several policies side by side")
    rollout_args(p)
    p.add_argument("--policies", default="aligned,exploit", help="comma-separated policy names")
    p.add_argument("--group-by", help="a hidden label (first step) or episode info field to split rows by")
    p.add_argument("--labels", help="comma-separated hidden labels to show (default: all boolean ones)")
    p.set_defaults(fn=cmd_compare)

    p = sub.add_parser("bench", help="benchmarks: env overhead, rollout, rater batching, training vs TRL")
    p.add_argument("what", nargs="?", default="all", choices=["all", "env", "rollout", "rater", "train", "serve", "asyncio"])
    p.add_argument("--quick", action="store_true", help="smaller runs (minutes, not tens of minutes)")
    p.add_argument("--json", action="store_true", help="one JSON object with the four ratios and the raw figures")
    p.add_argument("--results", default="benchmarks/results.md", help="where `bench all` writes its report")
    p.add_argument("--no-write", action="store_true", help="do not write the report")
    p.set_defaults(fn=cmd_bench)

    for module in command_modules():
        module.register(sub)
    import_help = "import this module or .py file first (it may register families, policies, backends); repeatable"
    parser.add_argument("--import", dest="imports_first", action="append", default=[], metavar="MODULE_OR_FILE", help=import_help)
    for subparser in sub.choices.values():
        subparser.add_argument("--import", dest="imports", action="append", default=[], metavar="MODULE_OR_FILE", help=import_help)
    return parser


def command_modules() -> list[Any]:
    """The modules of ``textgym.commands``, each adding its subcommand with ``register(sub)``."""
    import importlib
    import pkgutil

    import textgym.commands

    names = sorted(m.name for m in pkgutil.iter_modules(textgym.commands.__path__) if not m.name.startswith("_"))
    return [importlib.import_module(f"textgym.commands.{name}") for name in names]


def error_message(error: BaseException) -> str:
    """One line for an error: input errors as their message, anything else with its type."""
    from textgym.errors import SpecError

    if isinstance(error, KeyError) and error.args and isinstance(error.args[0], str):
        message = error.args[0]
    elif isinstance(error, (CLIError, SpecError, ValueError, FileNotFoundError, PermissionError)):
        message = str(error)
    else:
        message = f"{type(error).__name__}: {error}"
    lines = [line for line in message.splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; input errors print one line and return 2.

    Example:
        >>> main(["run", "textgym/Sycophancy-v1", "--policy", "aligned"])
        2
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        from textgym.plugins import import_module_or_file

        for target in [*args.imports_first, *getattr(args, "imports", [])]:
            import_module_or_file(target)
        check_arguments(args)
        return int(args.fn(args) or 0)
    except (CLIError, Exception) as error:  # one line, no traceback
        print(f"textgym {args.command}: error: {error_message(error)}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
