"""Your own families, policies and backends: entry points, ``--import`` and ``module:attr`` names.

textgym finds user code in three ways, from Python and from every ``textgym`` command:

1. **Installed plugins.** A distribution declares entry points in one of three groups::

       # pyproject.toml of your package
       [project.entry-points."textgym.families"]
       code_review = "my_pkg.families:CodeReview"     # a Family subclass; the name is its family name
       [project.entry-points."textgym.policies"]
       polite = "my_pkg.policies:Polite"              # a policy class, instance or function
       [project.entry-points."textgym.backends"]
       my_llm = "my_pkg.backends:MyLLM"               # a backend class, instance or factory

   A spec then says ``family: code_review``, a command takes ``--policy polite`` and
   ``--backend rater=my_llm``. Nothing is imported until a name is asked for, so ``import textgym``
   stays cheap, and a plugin that fails to import is reported (naming its distribution) only when
   it is used.
2. **``--import MODULE_OR_FILE.py``** (every command, repeatable) imports a module or a file
   before the command runs; the module registers what it defines with
   :func:`~textgym.environments.register_family`, :func:`register_policy` or
   :func:`register_backend`.
3. **Object references.** ``--policy my_pkg.policies:Polite``,
   ``--policy path/to/file.py:polite`` and ``--backend rater=my_pkg.backends:MyLLM`` load one
   object by name, without registering anything.

What an object may be:

* a **policy**: a class (instantiated with no arguments, or with ``env=`` when its constructor
  takes an ``env``), an object with ``act(observations) -> list[str]`` (batched: one message per
  conversation), or a function ``conversation -> str`` (called once per conversation);
* a **backend**: a class (instantiated with no arguments), an object with ``generate`` and
  ``rate`` (the :class:`~textgym.backends.base.LLMBackend` protocol), or a function of no
  arguments returning one.

Example:
    >>> from textgym.plugins import parse_reference, resolve_policy
    >>> parse_reference("my_pkg.policies:Polite")
    ('my_pkg.policies', 'Polite')
    >>> policy = resolve_policy("textgym.plugins:example_policy")
    >>> policy.name, policy.act([Conversation.of(("user", "Hello"))])
    ('textgym.plugins:example_policy', ['You said: Hello'])
"""

from __future__ import annotations

import difflib
import hashlib
import importlib
import importlib.util
import inspect
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar, overload

from textgym.types import Conversation

if TYPE_CHECKING:
    import gymnasium as gym

    from textgym.backends.base import LLMBackend
    from textgym.environments.base import Family
    from textgym.policy import Policy

#: A registered object (class, instance or function), returned unchanged by the decorators.
T = TypeVar("T")

#: The entry-point group of each kind of plugin.
GROUPS: Mapping[str, str] = {
    "families": "textgym.families",
    "policies": "textgym.policies",
    "backends": "textgym.backends",
}

_IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*"
_DOTTED = re.compile(rf"{_IDENTIFIER}(\.{_IDENTIFIER})*")

#: Policies and backends registered at run time: name → object (a class, instance or function).
_POLICIES: dict[str, Any] = {}
_BACKENDS: dict[str, Any] = {}


class PluginError(ValueError):
    """A plugin or an object reference could not be found or loaded; the message says which and why.

    Example:
        >>> resolve_object("textgym.plugins:no_such_thing")
        Traceback (most recent call last):
        ...
        textgym.plugins.PluginError: 'textgym.plugins:no_such_thing': module 'textgym.plugins' has no attribute 'no_such_thing'
    """


# ---------------------------------------------------------------- importing user code


def import_module_or_file(target: str | Path) -> ModuleType:
    """Import a module by dotted name, or a ``.py`` file by path, and return the module.

    A file is imported once per resolved path (as ``textgym_user_<stem>_<hash>``), so importing
    it again (``--import`` twice, or ``--import f.py`` and ``--policy f.py:attr``) returns the
    same module and registers nothing twice.

    Raises:
        PluginError: no such file or module, or the import raised (the message says what it raised).

    Example:
        >>> import_module_or_file("textgym.plugins").__name__
        'textgym.plugins'
    """
    text = str(target)
    path = Path(text)
    if text.endswith(".py") or path.is_file():
        if not path.is_file():
            raise PluginError(f"cannot import {text!r}: no such file")
        resolved = path.resolve()
        digest = hashlib.sha1(str(resolved).encode("utf-8")).hexdigest()[:8]
        module_name = f"textgym_user_{re.sub(r'[^A-Za-z0-9_]', '_', path.stem)}_{digest}"
        if module_name in sys.modules:
            return sys.modules[module_name]
        spec = importlib.util.spec_from_file_location(module_name, resolved)
        if spec is None or spec.loader is None:  # pragma: no cover - a .py file always has a loader
            raise PluginError(f"cannot import {text!r}: not a Python file")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        try:
            spec.loader.exec_module(module)
        except Exception as error:
            del sys.modules[module_name]
            raise PluginError(f"importing {text!r} failed: {type(error).__name__}: {error}") from error
        return module
    if not _DOTTED.fullmatch(text):
        raise PluginError(f"cannot import {text!r}: expected a module name (my_pkg.module) or a .py file path")
    try:
        return importlib.import_module(text)
    except ModuleNotFoundError as error:
        if error.name and text.startswith(error.name):
            raise PluginError(f"cannot import {text!r}: no module named {error.name!r} (is it installed, or on PYTHONPATH?)") from None
        raise PluginError(f"importing {text!r} failed: {type(error).__name__}: {error}") from error
    except Exception as error:
        raise PluginError(f"importing {text!r} failed: {type(error).__name__}: {error}") from error


def parse_reference(name: str) -> tuple[str, str] | None:
    """``("module_or_file", "attr")`` if ``name`` is ``module:attr`` or ``path/file.py:attr``, else None.

    Example:
        >>> parse_reference("pkg.mod:Class.attr"), parse_reference("dir/my file.py:policy")
        (('pkg.mod', 'Class.attr'), ('dir/my file.py', 'policy'))
        >>> parse_reference("aligned") is None, parse_reference("hf:default")
        (True, ('hf', 'default'))
    """
    if not isinstance(name, str):
        return None
    where, sep, attr = name.rpartition(":")
    if not sep or not where or not _DOTTED.fullmatch(attr):
        return None
    if where.endswith(".py") or _DOTTED.fullmatch(where):
        return where, attr
    return None


def resolve_object(reference: str) -> Any:
    """The object a ``module:attr`` or ``path/file.py:attr`` reference names (importing it).

    Example:
        >>> resolve_object("textgym.plugins:resolve_object") is resolve_object
        True
    """
    parsed = parse_reference(reference)
    if parsed is None:
        raise PluginError(f"{reference!r} is not an object reference: expected 'module:attr' or 'path/to/file.py:attr'")
    where, attr = parsed
    obj = import_module_or_file(where)
    for part in attr.split("."):
        try:
            obj = getattr(obj, part)
        except AttributeError:
            owner = getattr(obj, "__name__", where) if inspect.ismodule(obj) else type(obj).__name__
            module_name = where if inspect.ismodule(obj) and where.endswith(".py") else owner
            raise PluginError(f"{reference!r}: module {module_name!r} has no attribute {part!r}") from None
    return obj


# ---------------------------------------------------------------- entry points


@dataclass(frozen=True)
class PluginInfo:
    """One installed plugin: its entry point and the distribution that declares it."""

    group: str
    name: str
    value: str
    distribution: str

    def load(self) -> Any:
        """Import the object; a failure is a :class:`PluginError` naming the distribution."""
        from importlib import metadata

        for ep in metadata.entry_points(group=self.group, name=self.name):
            if ep.value == self.value:
                try:
                    return ep.load()
                except Exception as error:
                    raise PluginError(
                        f"plugin {self.name!r} ({self.group} = {self.value!r}) from distribution {self.distribution} "
                        f"failed to load: {type(error).__name__}: {error}"
                    ) from error
        raise PluginError(f"plugin {self.name!r} ({self.group}) is no longer installed")


_ENTRY_CACHE: dict[tuple[str, tuple[str, ...]], dict[str, PluginInfo]] = {}


def installed(kind: str) -> dict[str, PluginInfo]:
    """The installed plugins of one kind (``families``, ``policies`` or ``backends``), by name.

    Only metadata is read (cached per ``sys.path``); nothing is imported. When two
    distributions declare the same name, the first found wins.

    Example:
        >>> isinstance(installed("families"), dict)
        True
    """
    if kind not in GROUPS:
        raise ValueError(f"unknown plugin kind {kind!r}: expected one of {sorted(GROUPS)}")
    group = GROUPS[kind]
    key = (group, tuple(sys.path))
    if key not in _ENTRY_CACHE:
        from importlib import metadata

        found: dict[str, PluginInfo] = {}
        for ep in metadata.entry_points(group=group):
            dist = getattr(ep, "dist", None)
            label = f"{dist.name} {dist.version}" if dist is not None else "<unknown distribution>"
            found.setdefault(ep.name, PluginInfo(group, ep.name, ep.value, label))
        _ENTRY_CACHE[key] = found
    return dict(_ENTRY_CACHE[key])


def refresh() -> None:
    """Forget the cached entry points (after installing a plugin into a running process)."""
    _ENTRY_CACHE.clear()


# ---------------------------------------------------------------- families


def family_plugin_names() -> list[str]:
    """Names of the families installed as plugins (not imported)."""
    return sorted(installed("families"))


def load_family_plugin(name: str) -> type[Family] | None:
    """The Family class an installed plugin declares as ``name``, or None when there is none.

    Raises:
        PluginError: the plugin fails to import, is not a Family subclass, or names itself differently.
    """
    from textgym.environments.base import Family

    info = installed("families").get(name)
    if info is None:
        return None
    family = info.load()
    if not (isinstance(family, type) and issubclass(family, Family)):
        raise PluginError(f"plugin family {name!r} from {info.distribution} ({info.value}) is not a Family subclass: {family!r}")
    if getattr(family, "name", None) != name:
        raise PluginError(
            f"plugin family {name!r} from {info.distribution} ({info.value}) is named {getattr(family, 'name', None)!r}; "
            "the entry point's name must be the family's name"
        )
    return family


# ---------------------------------------------------------------- policies


@overload
def register_policy(name: str) -> Callable[[T], T]: ...


@overload
def register_policy(name: str, policy: T) -> T: ...


def register_policy(name: str, policy: T | None = None) -> T | Callable[[T], T]:
    """Make ``--policy NAME`` (and ``make_policy(NAME)``) find ``policy``; usable as a decorator.

    ``policy`` is a class, an object with ``act`` or a function ``conversation -> str``.

    Example:
        >>> @register_policy("shout")
        ... def shout(conversation):
        ...     return conversation[-1].content.upper()
        >>> resolve_policy("shout").act([Conversation.of(("user", "hi"))])
        ['HI']
    """
    if not isinstance(name, str) or not name or ":" in name:
        raise ValueError(f"a policy name is a non-empty string without ':', got {name!r}")

    def add(obj: T) -> T:
        _POLICIES[name] = obj
        return obj

    return add if policy is None else add(policy)


def policy_names() -> list[str]:
    """Names of the policies registered at run time or installed as plugins."""
    return sorted(set(_POLICIES) | set(installed("policies")))


def as_policy(obj: Any, name: str, env: gym.Env | None = None) -> Policy:
    """Turn a class, an object with ``act`` or a function ``conversation -> str`` into a policy.

    Example:
        >>> as_policy(lambda c: "ok", "ok").act([Conversation.of(("user", "hi"))])
        ['ok']
    """
    from textgym.policy import ScriptedPolicy

    if isinstance(obj, type):
        try:
            accepts_env = "env" in inspect.signature(obj).parameters
        except (TypeError, ValueError):
            accepts_env = False
        try:
            obj = obj(env=env) if accepts_env else obj()
        except Exception as error:
            raise PluginError(f"policy {name!r}: {obj.__name__}({'env=...' if accepts_env else ''}) failed: {type(error).__name__}: {error}") from error
    if callable(getattr(obj, "act", None)):
        if not isinstance(getattr(obj, "name", None), str):
            try:
                obj.name = name
            except AttributeError:
                act = obj.act

                def one(conversation: Conversation) -> str:
                    return str(act([conversation])[0])

                return ScriptedPolicy(name, one)
        return obj
    if callable(obj):
        return ScriptedPolicy(name, obj)
    raise PluginError(f"policy {name!r} is {type(obj).__name__}: expected a class, an object with act(observations) or a function conversation -> str")


def resolve_policy(name: str, env: gym.Env | None = None) -> Policy:
    """The policy a registered name, an installed plugin or an object reference names.

    Raises:
        PluginError: nothing of that name (with the names known), or it fails to load.
    """
    if name in _POLICIES:
        return as_policy(_POLICIES[name], name, env)
    info = installed("policies").get(name)
    if info is not None:
        return as_policy(info.load(), name, env)
    if parse_reference(name) is not None:
        return as_policy(resolve_object(name), name, env)
    raise PluginError(f"unknown policy {name!r}{_did_you_mean(name, policy_names())}")


# ---------------------------------------------------------------- backends


@overload
def register_backend(name: str) -> Callable[[T], T]: ...


@overload
def register_backend(name: str, backend: T) -> T: ...


def register_backend(name: str, backend: T | None = None) -> T | Callable[[T], T]:
    """Make the backend name ``name`` (``--backend rater=NAME``, a spec's ``backend: NAME``) find ``backend``.

    ``backend`` is a class, an object with ``generate`` and ``rate``, or a function of no
    arguments returning one; usable as a decorator.

    Example:
        >>> from textgym.backends.base import Rating
        >>> @register_backend("always-seven")
        ... class Seven:
        ...     name = "always-seven"
        ...     def generate(self, chats, **options): return ["7" for _ in chats]
        ...     def rate(self, requests): return [Rating(7.0, "plugin") for _ in requests]
        >>> resolve_backend("always-seven").rate([None])[0].score
        7.0
    """
    if not isinstance(name, str) or not name or ":" in name or name == "rule":
        raise ValueError(f"a backend name is a non-empty string without ':' other than 'rule', got {name!r}")

    def add(obj: T) -> T:
        _BACKENDS[name] = obj
        from textgym.backends import get_backend

        get_backend.cache_clear()
        return obj

    return add if backend is None else add(backend)


def backend_names() -> list[str]:
    """Names of the backends registered at run time or installed as plugins."""
    return sorted(set(_BACKENDS) | set(installed("backends")))


def is_plugin_backend(name: str) -> bool:
    """Whether ``name`` is a registered or installed backend name or an object reference (nothing is loaded)."""
    return name in _BACKENDS or name in installed("backends") or parse_reference(name) is not None


def as_backend(obj: Any, name: str) -> LLMBackend:
    """Turn a class, a factory or an object with ``generate`` and ``rate`` into a backend."""
    if isinstance(obj, type) or (callable(obj) and not _is_backend(obj)):
        try:
            obj = obj()
        except Exception as error:
            raise PluginError(f"backend {name!r}: calling {getattr(obj, '__name__', obj)!r}() failed: {type(error).__name__}: {error}") from error
    if not _is_backend(obj):
        raise PluginError(f"backend {name!r} is {type(obj).__name__}: expected an object with generate(chats, ...) and rate(requests)")
    if not isinstance(getattr(obj, "name", None), str):
        try:
            obj.name = name
        except AttributeError:
            pass
    return obj


def _is_backend(obj: object) -> bool:
    return callable(getattr(obj, "generate", None)) and callable(getattr(obj, "rate", None))


def resolve_backend(name: str) -> LLMBackend:
    """The backend a registered name, an installed plugin or an object reference names."""
    if name in _BACKENDS:
        return as_backend(_BACKENDS[name], name)
    info = installed("backends").get(name)
    if info is not None:
        return as_backend(info.load(), name)
    if parse_reference(name) is not None:
        return as_backend(resolve_object(name), name)
    raise PluginError(f"unknown backend {name!r}{_did_you_mean(name, backend_names())}")


# ---------------------------------------------------------------- helpers


def _did_you_mean(name: str, known: Sequence[str]) -> str:
    near = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean {near[0]!r}?" if near else ""


def describe_installed() -> dict[str, list[str]]:
    """Every installed plugin as ``name = value (distribution)``, per kind (nothing imported).

    Example:
        >>> sorted(describe_installed())
        ['backends', 'families', 'policies']
    """
    return {kind: [f"{p.name} = {p.value} ({p.distribution})" for p in installed(kind).values()] for kind in GROUPS}


def example_policy(conversation: Conversation) -> str:
    """A policy function for the examples above: echoes the last user message."""
    return f"You said: {conversation[-1].content}"
