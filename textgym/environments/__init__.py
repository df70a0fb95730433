"""Environment families: the Python behind the YAML specs, by name.

A spec names its family (``family: therapy``); :func:`get_family` imports the family's module on
first use, so loading one spec does not import every family. Register your own family with
:func:`register_family`, or install it as a ``textgym.families`` entry point
(:mod:`textgym.plugins`): an installed family is imported when a spec first names it.
"""

from __future__ import annotations

import difflib
import importlib

from textgym.environments.base import Episode, Family, Param, Turn

#: Built-in families: name → "module:Class" (imported on first use).
BUILTIN_FAMILIES: dict[str, str] = {
    "sycophancy": "textgym.environments.sycophancy:Sycophancy",
    "therapy": "textgym.environments.therapy:TherapyTalk",
    "action_advice": "textgym.environments.action_advice:ActionAdvice",
    "booking": "textgym.environments.booking:Booking",
    "escalation": "textgym.environments.escalation:Escalation",
    "political": "textgym.environments.political:PoliticalQuestions",
    "sensitive_topics": "textgym.environments.sensitive_topics:SensitiveTopics",
    "fact_penalty": "textgym.environments.fact_penalty:FactPenalty",
    "calibration": "textgym.environments.calibration:Calibration",
    "hard_problems": "textgym.environments.hard_problems:HardProblems",
    "confession": "textgym.environments.confession:Confession",
    "chat": "textgym.environments.chat:Chat",
}

#: Families registered at run time (and built-ins once imported): name → class.
FAMILIES: dict[str, type[Family]] = {}

__all__ = ["BUILTIN_FAMILIES", "FAMILIES", "Episode", "Family", "Param", "Turn", "get_family", "is_known_family", "register_family"]


def register_family(family: type[Family]) -> type[Family]:
    """Make ``family`` available to specs as ``family: <family.name>``; usable as a decorator."""
    if not (isinstance(family, type) and issubclass(family, Family)):
        raise TypeError(f"register_family expects a Family subclass, got {family!r}")
    name = getattr(family, "name", None)
    if not isinstance(name, str) or not name:
        raise TypeError(f"{family.__name__} needs a class attribute `name = \"...\"`: the family: name specs use")
    FAMILIES[name] = family
    return family


def known_families() -> list[str]:
    """Every family name a spec may use (installed plugin families included, not imported)."""
    from textgym.plugins import family_plugin_names

    return sorted(set(FAMILIES) | set(BUILTIN_FAMILIES) | set(family_plugin_names()))


def is_known_family(name: str) -> bool:
    """Whether a spec may use ``name``; installed plugins are looked up only for other names.

    Example:
        >>> is_known_family("sycophancy"), is_known_family("no_such_family")
        (True, False)
    """
    if name in FAMILIES or name in BUILTIN_FAMILIES:
        return True
    from textgym.plugins import family_plugin_names

    return name in family_plugin_names()


def get_family(name: str) -> type[Family]:
    """The family class called ``name``; the error lists the known ones.

    Example:
        >>> get_family("sycophancy").name
        'sycophancy'
    """
    if name in FAMILIES:
        return FAMILIES[name]
    if name in BUILTIN_FAMILIES:
        module_name, _, class_name = BUILTIN_FAMILIES[name].partition(":")
        family = getattr(importlib.import_module(module_name), class_name)
        FAMILIES[name] = family
        return family
    from textgym.plugins import load_family_plugin

    plugin = load_family_plugin(name)  # a PluginError names the distribution when it fails to load
    if plugin is not None:
        FAMILIES[name] = plugin
        return plugin
    near = difflib.get_close_matches(name, known_families(), n=1)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    raise KeyError(f"unknown family {name!r} (known: {known_families()}){hint}")
