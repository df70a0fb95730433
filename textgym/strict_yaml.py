"""A strict, bounded YAML reader for specs.

Nothing in a spec executes: only the plain YAML tags (``str``, ``int``, ``float``, ``bool``,
``null``, ``seq``, ``map``) are accepted, and every limit is checked *before* the value is built:

* file size (:data:`MAX_FILE_BYTES`), valid UTF-8, no tab indentation, not empty;
* nesting depth (:data:`MAX_DEPTH`) — checked while composing, so deep nesting cannot reach
  Python's recursion limit;
* aliases (:data:`MAX_ALIASES`) and the size of the document once aliases are expanded
  (:data:`MAX_EXPANDED_NODES`) — so "billion laughs" alias bombs are refused in milliseconds;
* duplicate keys, non-string keys, and string length (:data:`MAX_STRING_LENGTH`).

Every failure is a :class:`~textgym.errors.SpecError` naming the file and, where known, the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from textgym.errors import SpecError

MAX_FILE_BYTES = 1_048_576
MAX_STRING_LENGTH = 65_536
MAX_DEPTH = 32
MAX_ALIASES = 64
MAX_EXPANDED_NODES = 100_000

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "seq", "map")
}


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that bounds depth and aliases while composing (before anything is built)."""

    def __init__(self, stream: str, source: str):
        super().__init__(stream)
        self._source = source
        self._depth = 0
        self._aliases = 0

    def _fail(self, message: str, node_or_mark: Any) -> SpecError:
        mark = getattr(node_or_mark, "start_mark", node_or_mark)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        return SpecError(line + message, path=self._source)

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise self._fail(
                    f"more than {MAX_ALIASES} aliases (alias bombs are refused)", self.peek_event()
                )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise self._fail(f"nesting deeper than {MAX_DEPTH} levels", self.peek_event())
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _check_nodes(node: Node, source: str) -> None:
    """Check tags, key types and string sizes, and bound the alias-expanded size."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # nodes being visited: meeting one again is a recursive alias

    def visit(n: Node) -> int:
        where = f"line {n.start_mark.line + 1}: "
        if id(n) in open_nodes:
            raise SpecError(where + "recursive aliases are not allowed", path=source)
        if id(n) in sizes:
            return sizes[id(n)]
        open_nodes.add(id(n))
        if n.tag not in _ALLOWED_TAGS:
            raise SpecError(
                where + f"tag {n.tag!r} is not allowed (specs hold plain data; nothing executes)",
                path=source,
            )
        if isinstance(n, ScalarNode):
            if len(n.value) > MAX_STRING_LENGTH:
                raise SpecError(
                    where + f"a string of {len(n.value)} characters exceeds the limit of {MAX_STRING_LENGTH}",
                    path=source,
                )
            total = 1
        elif isinstance(n, SequenceNode):
            total = 1 + sum(visit(child) for child in n.value)
        elif isinstance(n, MappingNode):
            total = 1
            for key, value in n.value:
                if not isinstance(key, ScalarNode) or key.tag != "tag:yaml.org,2002:str":
                    raise SpecError(
                        f"line {key.start_mark.line + 1}: mapping keys must be strings", path=source
                    )
                total += visit(key) + visit(value)
        else:  # pragma: no cover - PyYAML has no other node kinds
            raise SpecError(where + f"unexpected YAML node {type(n).__name__}", path=source)
        if total > MAX_EXPANDED_NODES:
            raise SpecError(
                where + f"document expands to more than {MAX_EXPANDED_NODES} values "
                "(alias bombs are refused)",
                path=source,
            )
        open_nodes.discard(id(n))
        sizes[id(n)] = total
        return total

    visit(node)


def _construct(node: Node, loader: _BoundedLoader, source: str) -> Any:
    """Build plain Python values, refusing duplicate keys."""
    if isinstance(node, ScalarNode):
        return loader.construct_object(node, deep=True)
    if isinstance(node, SequenceNode):
        return [_construct(child, loader, source) for child in node.value]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if key in result:
            raise SpecError(
                f"line {key_node.start_mark.line + 1}: duplicate key {key!r}", path=source
            )
        result[key] = _construct(value_node, loader, source)
    return result


def parse_yaml(data: bytes | str, source: str | Path = "<spec>") -> dict[str, Any]:
    """Parse a spec document into plain dicts, lists and scalars, or raise :class:`SpecError`.

    Example:
        >>> parse_yaml("id: ns/Name-v0\\nfamily: sycophancy\\n")
        {'id': 'ns/Name-v0', 'family': 'sycophancy'}
        >>> parse_yaml("a: 1\\na: 2\\n")
        Traceback (most recent call last):
        ...
        textgym.errors.SpecError: <spec>: line 2: duplicate key 'a'
    """
    source = str(source)
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise SpecError(f"file is {len(data)} bytes, over the limit of {MAX_FILE_BYTES}", path=source)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise SpecError(f"not valid UTF-8 (byte {error.start})", path=source) from None
    else:
        text = data
        if len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
            raise SpecError(f"document is over the limit of {MAX_FILE_BYTES} bytes", path=source)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise SpecError("the spec is empty", path=source)
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            raise SpecError(f"line {number}: tabs are not allowed for indentation; use spaces", path=source)
    loader: _BoundedLoader | None = None
    try:
        loader = _BoundedLoader(text, source)  # the reader checks characters here: inside the try
        node = loader.get_single_node()
        if node is None:
            raise SpecError("the spec is empty", path=source)
        _check_nodes(node, source)
        value = _construct(node, loader, source)
    except SpecError:
        raise
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = f"line {mark.line + 1}: " if mark else ""
        raise SpecError(f"{line}invalid YAML: {error.problem or error.context}", path=source) from None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError) as error:
        raise SpecError(f"invalid YAML: {error}", path=source) from None
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(value, dict):
        raise SpecError(f"the top level must be a mapping, got {type(value).__name__}", path=source)
    return value
