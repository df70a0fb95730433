"""The layering rules of the package (issue 13, docs/design.md section 1), checked on the source.

Every module's imports are read with :mod:`ast`: module-level imports and imports inside
functions, but not those under ``if TYPE_CHECKING:`` (they never run). Each rule names the
packages a layer must not import. An edge that still breaks a rule because its file is being
reworked elsewhere is listed in ``KNOWN_VIOLATIONS``; the test fails on any violation not listed
and on any listed one that has gone, so the list only shrinks.
"""

from __future__ import annotations

import ast
import subprocess
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "textgym"

#: The core: the package's root modules other than the command line.
CORE = frozenset(
    f"textgym.{p.stem}" for p in PACKAGE.glob("*.py") if p.stem not in {"__init__", "__main__", "cli"}
)
CLI = ("textgym.cli", "textgym.commands")

#: rule name -> (the importing modules it covers, the modules they must not import, allowed exceptions).
RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "environments never import agents, wrappers, analysis, integrations or the CLI": (
        ("textgym.environments", "textgym.declarative"),
        ("textgym.agents", "textgym.wrappers", "textgym.analysis", "textgym.integrations", *CLI),
        (),
    ),
    "wrappers never import agents": (("textgym.wrappers",), ("textgym.agents",), ()),
    "agents never import a family's internals": (("textgym.agents",), ("textgym.environments.",), ()),
    "backends never import agents": (("textgym.backends",), ("textgym.agents",), ()),
    "lm never imports agents": (("textgym.lm",), ("textgym.agents",), ()),
    "readers import nothing from textgym but its errors": (
        ("textgym.readers",),
        ("textgym",),
        ("textgym.errors", "textgym.readers"),
    ),
    "the core never imports agents or the CLI": (tuple(sorted(CORE)), ("textgym.agents", *CLI), ()),
}

#: Edges that still break a rule (rule, importing module, imported module): none left. Add one
#: only with a comment saying why, and remove it when its edge is gone (the test checks both).
KNOWN_VIOLATIONS: frozenset[tuple[str, str, str]] = frozenset()

#: Files citing a design document outside the repository: none left.
KNOWN_CITATIONS: frozenset[str] = frozenset()


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "__pycache__" not in p.parts}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _resolve(importer: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    """The textgym modules a ``from X import a, b`` loads: ``X.a`` where that is a module, else ``X``."""
    if node.level:
        base = importer.split(".") if is_package else importer.split(".")[:-1]
        base = base[: len(base) - node.level + 1]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    known = modules()
    targets = [f"{source}.{alias.name}" for alias in node.names if f"{source}.{alias.name}" in known]
    if len(targets) < len(node.names):
        targets.append(source)
    return targets


def imports_in(source: str, module: str, *, is_package: bool = False, top_level_only: bool = False) -> set[str]:
    """The textgym modules the source of ``module`` imports (outside ``if TYPE_CHECKING:``); with
    ``top_level_only``, only the imports that run when the module is imported."""
    tree = ast.parse(source)
    found: set[str] = set()

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for other in child.orelse:
                    visit_one(other, in_function)
                continue
            visit_one(child, in_function)

    def visit_one(node: ast.AST, in_function: bool) -> None:
        if top_level_only and in_function:
            return
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.update(_resolve(module, is_package, node))
        visit(node, in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))

    visit(tree, False)
    return {name for name in found if name == "textgym" or name.startswith("textgym.")}


@cache
def imports_of(module: str, top_level_only: bool = False) -> frozenset[str]:
    path = modules()[module]
    source = path.read_text(encoding="utf-8")
    return frozenset(imports_in(source, module, is_package=path.name == "__init__.py", top_level_only=top_level_only))


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    """``name`` is one of ``prefixes`` or inside one; a prefix ending in ``.`` covers only what is inside."""
    for prefix in prefixes:
        if prefix.endswith("."):
            if name.startswith(prefix):
                return True
        elif name == prefix or name.startswith(prefix + "."):
            return True
    return False


def violations(imports: dict[str, frozenset[str]]) -> set[tuple[str, str, str]]:
    """(rule, importer, imported) for every import in ``imports`` (module -> what it imports) that breaks a rule."""
    found = set()
    for rule, (importers, forbidden, allowed) in RULES.items():
        for module, targets in imports.items():
            if _within(module, importers):
                found.update((rule, module, t) for t in targets if _within(t, forbidden) and not _within(t, allowed))
    return found


def test_the_import_rules_hold_except_for_the_known_violations():
    found = violations({m: imports_of(m) for m in modules()})
    new = sorted(found - KNOWN_VIOLATIONS)
    gone = sorted(KNOWN_VIOLATIONS - found)
    assert not new, "imports against the layering rules:\n" + "\n".join(f"  {m} -> {t}  ({r})" for r, m, t in new)
    assert not gone, "fixed; remove from KNOWN_VIOLATIONS:\n" + "\n".join(f"  {m} -> {t}  ({r})" for r, m, t in gone)


def test_the_checker_sees_imports_in_functions_but_not_under_type_checking():
    source = (
        "from typing import TYPE_CHECKING\n"
        "from textgym.types import Conversation\n"
        "from . import phrases\n"
        "if TYPE_CHECKING:\n    from textgym.spec import Spec\n"
        "def f():\n    import textgym.agents.grpo\n"
    )
    module = "textgym.readers.fake"
    assert imports_in(source, module) == {"textgym.types", "textgym.readers.phrases", "textgym.agents.grpo"}
    assert imports_in(source, module, top_level_only=True) == {"textgym.types", "textgym.readers.phrases"}
    found = violations({module: frozenset(imports_in(source, module))})
    assert {(t, r) for r, _, t in found} == {
        ("textgym.types", "readers import nothing from textgym but its errors"),
        ("textgym.agents.grpo", "readers import nothing from textgym but its errors"),
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of ``graph`` (as the modules on it, the first repeated at the end), or None.

    >>> find_cycle({"a": {"b"}, "b": {"a"}})
    ['a', 'b', 'a']
    >>> find_cycle({"a": {"b"}, "b": set()}) is None
    True
    """
    state: dict[str, int] = {}
    stack: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := walk(nxt)) is not None:
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := walk(node)) is not None:
            return cycle
    return None


def test_find_cycle_finds_a_longer_circle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]


def test_no_import_circle_at_module_level():
    names = modules()
    graph = {m: {t for t in imports_of(m, True) if t in names and t != m} for m in names}
    assert find_cycle(graph) is None, f"import circle: {' -> '.join(find_cycle(graph) or [])}"


def tracked_text_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    files = []
    for name in listed.decode().split("\0"):
        path = ROOT / name
        if name and path.is_file():
            head = path.read_bytes()[:4096]
            if b"\0" not in head:
                files.append(path)
    return files


def test_no_file_cites_a_document_outside_the_repository():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    outside = ("../" + "shared/", "DESIGN" + ".md")  # split so this file does not cite them
    citing = {
        str(p.relative_to(ROOT))
        for p in tracked_text_files()
        if any(marker in p.read_bytes().decode("utf-8", "replace") for marker in outside)
    }
    new = sorted(citing - KNOWN_CITATIONS)
    gone = sorted(KNOWN_CITATIONS - citing)
    assert not new, f"files citing a document outside the repository (cite docs/design.md): {new}"
    assert not gone, f"no longer cite one; remove from KNOWN_CITATIONS: {gone}"
