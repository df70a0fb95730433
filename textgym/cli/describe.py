"""``textgym describe ID``: the spec of one environment: description, reward, hidden labels, roles,
reference policies, the schema of each data file, template variables and the axes with their
variants."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textgym.environments.base import Family

from textgym.cli.common import ENV_HELP, spec_for


def cmd_describe(args: argparse.Namespace) -> int:
    """Print the spec of ``args.env``."""
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


def record_schema(family: type[Family], key: str) -> list[tuple[str, str, bool]]:
    """(field, type, required) of one data file: declared in a ``chat:`` spec, or the family's ``record_fields``."""
    config = getattr(family, "config", None)
    if config is not None and hasattr(config, "fields"):
        return [(f.name, f.kind, f.required) for f in config.fields]
    kinds = family.record_fields.get(key, {})
    name = lambda k: " or ".join(t.__name__ for t in (k if isinstance(k, tuple) else (k,)))  # noqa: E731
    return [(field_name, name(kind), True) for field_name, kind in kinds.items()]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``describe`` to the CLI's subcommands."""
    p = sub.add_parser("describe", help="describe one environment")
    p.add_argument("env", help=ENV_HELP)
    p.set_defaults(fn=cmd_describe)
