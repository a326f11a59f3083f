"""Reading YAML while keeping the line of every value, so errors can say ``file:line``.

>>> data = loads("a: 1\\nb:\\n  - x\\n", "demo.yaml")
>>> data["b"][0], data.line_of("b")
('x', 2)
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, NoReturn

import yaml

from graph.errors import Problem


class YamlError(Exception):
    """The file is not UTF-8 or not YAML, or repeats a key; carries the located problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class Mapping(dict):
    """A YAML mapping that remembers the line of itself and of each key (1-based)."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        """The line of ``key``, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A YAML sequence that remembers the line of itself and of each item (1-based)."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


def load(path: Path, display: str) -> Any:
    """Parse the YAML file at ``path``; ``display`` is the name used in error messages."""
    return loads(read_text(path, display), display)


def read_text(path: Path, display: str) -> str:
    """The file's text exactly as stored (line endings kept); ``YamlError`` if not UTF-8."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise YamlError(
            Problem(display, line, "not UTF-8 text; re-save the file with UTF-8 encoding")
        ) from None


def loads(text: str, display: str) -> Any:
    """Parse YAML text into ``Mapping``/``Sequence``/scalars, rejecting repeated keys."""
    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError:
        _raise_located_error(text, display)
    return None if node is None else _convert(node, display)


def _raise_located_error(text: str, display: str) -> NoReturn:
    """Parse again with the pure-Python parser, whose messages are clearer, and raise."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        reason = error.problem or error.context or "not valid YAML"
        raise YamlError(
            Problem(display, line, f"YAML syntax error: {reason}; fix the indentation or quoting")
        ) from None
    raise YamlError(Problem(display, 1, "YAML syntax error; check the file with a YAML linter"))


def _convert(node: yaml.Node, display: str) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        mapping = Mapping(line)
        for key_node, value_node in node.value:
            key = _convert(key_node, display)
            key_line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise YamlError(Problem(display, key_line, f"key {key!r} must be text"))
            if key in mapping:
                raise YamlError(
                    Problem(
                        display,
                        key_line,
                        f"duplicate key '{key}' (first at line {mapping.key_lines[key]}); keep one",
                    )
                )
            mapping[key] = _convert(value_node, display)
            mapping.key_lines[key] = key_line
        return mapping
    if isinstance(node, yaml.SequenceNode):
        sequence = Sequence(line)
        for item in node.value:
            sequence.append(_convert(item, display))
            sequence.item_lines.append(item.start_mark.line + 1)
        return sequence
    if node.tag == "tag:yaml.org,2002:timestamp":
        return node.value  # dates stay text: graph.dates reads them and explains mistakes
    return _scalar_constructor().construct_object(node)  # the usual YAML scalar types


@functools.cache
def _scalar_constructor() -> yaml.SafeLoader:
    return yaml.SafeLoader("")
