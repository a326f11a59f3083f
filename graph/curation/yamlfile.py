"""Reading YAML while keeping the line of every value, so errors can say ``file:line``.

>>> data = loads("a: 1\\nb:\\n  - x\\n", "demo.yaml")
>>> data["b"][0], data.line_of("b")
('x', 2)

Curated files are untrusted input, so they are read with limits: at most ``MAX_BYTES`` per
file, ``MAX_DEPTH`` levels of nesting and ``MAX_ALIASED`` values standing behind aliases,
only the standard YAML tags, and no merge keys. The tree is built from the parser's events
without recursion, so no input can exhaust the stack.

>>> loads("a: !!python/name:os.system\\n", "demo.yaml")
Traceback (most recent call last):
...
graph.curation.yamlfile.YamlError: demo.yaml:1: tag '!!python/name:os.system' is not allowed: \
curated files use plain text, numbers, true/false, lists and mappings; remove the tag
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import yaml

from graph.errors import Problem

# A claims file for one document is a few kilobytes; 20 MB is far beyond any curated file
# or article, and keeps the worst file well under a minute to check.
MAX_BYTES = 20_000_000
# A claims file nests three levels (list, claim, quotes), the registry five; 50 is generous
# and still far from where a recursive reader would fail.
MAX_DEPTH = 50
# The pure-Python parser words syntax errors better but is slow; above this size the C
# parser's own message is used.
CLEAR_ERRORS_BELOW = 1_000_000
# Aliases are shared, never copied, but each stands for its whole value; the values they
# stand for are capped, which stops an alias bomb ("billion laughs") at once.
MAX_ALIASED = 100_000

_CORE = "tag:yaml.org,2002:"
# Explicit tags a curator may write: the YAML 1.1 core types.
_STANDARD_TAGS = {
    _CORE + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}
_CONSTRUCTED = {_CORE + name for name in ("int", "float", "bool", "null")}
_TOO_DEEP = (
    f"nested more than {MAX_DEPTH} levels deep; curated files need a few: look for brackets "
    "or braces that are not closed"
)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    """The file's text exactly as stored (line endings kept); ``YamlError`` if not UTF-8
    or larger than ``MAX_BYTES``."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise YamlError(
            Problem(
                display,
                1,
                f"file too large ({size:,} bytes; the limit is {MAX_BYTES // 1_000_000} MB "
                "per file); split the document into several smaller sources",
            )
        )
    data = path.read_bytes()[: MAX_BYTES + 1]  # the file may have grown since
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise YamlError(
            Problem(display, line, "not UTF-8 text; re-save the file with UTF-8 encoding")
        ) from None


def loads(text: str, display: str) -> Any:
    """Parse YAML text into ``Mapping``/``Sequence``/scalars, rejecting repeated keys.

    >>> loads("[[[1]]]", "deep.yaml")
    [[[1]]]
    """
    bad = yaml.reader.Reader.NON_PRINTABLE.search(text)
    if bad:
        code = f"U+{ord(bad.group()):04X}"
        raise YamlError(
            Problem(
                display,
                text.count("\n", 0, bad.start()) + 1,
                f"control character {code} is not allowed in YAML; remove it",
            )
        )
    builder = _Builder(display)
    try:
        for event in yaml.parse(text, Loader=_LOADER):
            builder.add(event)
    except yaml.MarkedYAMLError as error:
        _raise_located_error(text, display, error)
    except yaml.reader.ReaderError as error:  # a character the check above did not foresee
        code = f"U+{error.character:04X}" if isinstance(error.character, int) else "a character"
        raise YamlError(
            Problem(
                display,
                text.count("\n", 0, error.position) + 1,
                f"{code} is not allowed in YAML ({error.reason}); remove it",
            )
        ) from None
    except yaml.YAMLError as error:  # any other error the parser did not locate
        raise YamlError(Problem(display, 1, f"not readable as YAML ({error})")) from None
    return builder.result


def _raise_located_error(text: str, display: str, error: yaml.MarkedYAMLError) -> NoReturn:
    """Parse again with the pure-Python parser, whose messages are clearer, and raise."""
    if len(text) < CLEAR_ERRORS_BELOW:
        builder = _Builder(display)  # its checks come first, as they would have in C
        try:
            for event in yaml.parse(text, Loader=yaml.SafeLoader):
                builder.add(event)
        except yaml.MarkedYAMLError as clearer:
            error = clearer
    mark = error.problem_mark or error.context_mark
    if "maximum nesting depth" in str(error.problem):  # libyaml stops at 1000 levels
        raise YamlError(Problem(display, mark.line + 1 if mark else 1, _TOO_DEEP)) from None
    line = mark.line + 1 if mark else 1
    reason = error.problem or error.context or "not valid YAML"
    raise YamlError(
        Problem(display, line, f"YAML syntax error: {reason}; fix the indentation or quoting")
    ) from None


@dataclass
class _Open:
    """A collection being built; for a mapping, the key waiting for its value."""

    collection: Mapping | Sequence
    anchor: str | None
    size: int = 1  # values in it, itself included, each alias counted as what it stands for
    key: str | None = None
    key_line: int = 0


class _Builder:
    """Builds ``Mapping``/``Sequence``/scalars from parser events, checking each one."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.result: Any = None
        self.documents = 0
        self.stack: list[_Open] = []
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # name -> value, size, line
        self.expanded = 0  # values that aliases stand for, in all

    def fail(self, event: yaml.Event, message: str) -> NoReturn:
        raise YamlError(Problem(self.display, _line(event), message))

    def add(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.fail(event, "a second YAML document ('---'); keep one document per file")
            return
        if isinstance(event, yaml.CollectionEndEvent):
            done = self.stack.pop()
            if done.anchor is not None:
                self.anchors[done.anchor] = (done.collection, done.size, done.collection.line)
            if self.stack:
                self.stack[-1].size += done.size
            return
        if not isinstance(event, yaml.NodeEvent):
            return  # stream and document ends
        line = _line(event)
        if isinstance(event, yaml.AliasEvent):
            self.place(event, *self.alias(event), line)
            return
        if event.anchor is not None:
            self.check_anchor(event)
        if isinstance(event, yaml.ScalarEvent):
            value = self.scalar(event)
            if event.anchor is not None:
                self.anchors[event.anchor] = (value, 1, line)
            self.place(event, value, 1, line)
            return
        is_mapping = isinstance(event, yaml.MappingStartEvent)
        self.check_tag(event, _CORE + ("map" if is_mapping else "seq"))
        if len(self.stack) >= MAX_DEPTH:
            self.fail(event, _TOO_DEEP)
        collection: Mapping | Sequence = Mapping(line) if is_mapping else Sequence(line)
        self.place(event, collection, 0, line)  # its size is counted when it closes
        self.stack.append(_Open(collection, event.anchor))

    def check_anchor(self, event: yaml.NodeEvent) -> None:
        name = event.anchor
        if name is None:
            return
        first = self.anchors.get(name)
        if first is not None or any(o.anchor == name for o in self.stack):
            where = f" (first at line {first[2]})" if first else ""
            self.fail(event, f"anchor '&{name}' is defined twice{where}; rename one")

    def alias(self, event: yaml.AliasEvent) -> tuple[Any, int]:
        """The value an alias stands for (shared, not copied), and its size."""
        name = event.anchor
        if any(o.anchor == name for o in self.stack):
            self.fail(event, f"alias '*{name}' is inside the value it names; remove it")
        if name not in self.anchors:
            self.fail(
                event, f"alias '*{name}' has no anchor '&{name}' before it; write the value out"
            )
        value, size, _ = self.anchors[name]
        self.expanded += size
        if self.expanded > MAX_ALIASED:
            self.fail(
                event,
                f"aliases stand for more than {MAX_ALIASED:,} values; write the values out "
                "instead of aliases of aliases",
            )
        return value, size

    def check_tag(self, event: yaml.NodeEvent, *allowed: str) -> None:
        tag = getattr(event, "tag", None)  # scalars and collections have one
        if tag is None or tag == "!":
            return
        if tag not in _STANDARD_TAGS or (allowed and tag not in allowed):
            shown = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
            self.fail(
                event,
                f"tag '{shown}' is not allowed: curated files use plain text, numbers, "
                "true/false, lists and mappings; remove the tag",
            )

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        self.check_tag(event)
        tag = event.tag
        explicit = tag not in (None, "!")
        if not explicit:
            if not event.implicit[0]:  # quoted, or tagged '!': always text
                return event.value
            tag = _resolve_plain(event.value)
            if tag == _CORE + "merge" and self.expects_key():
                self.fail(
                    event,
                    "merge key '<<' is not allowed: write the fields out in full in each mapping",
                )
        if tag not in _CONSTRUCTED:
            return event.value  # text; dates stay text: graph.dates reads them
        start: Any = event.start_mark  # libyaml's marks stand in for PyYAML's
        end: Any = event.end_mark
        node = yaml.ScalarNode(tag, event.value, start, end, event.style)
        try:
            return _constructor().yaml_constructors[tag](_constructor(), node)
        except (ValueError, KeyError, yaml.YAMLError):
            shown = event.value if len(event.value) <= 40 else event.value[:37] + "…"
            if not explicit:  # a number too long for Python to read
                self.fail(event, f"{shown!r} is too long a number; write the number it means")
            self.fail(
                event,
                f"{shown!r} is not a valid !!{tag.removeprefix(_CORE)}; remove the tag or "
                "fix the value",
            )

    def expects_key(self) -> bool:
        top = self.stack[-1] if self.stack else None
        return isinstance(top, _Open) and isinstance(top.collection, Mapping) and top.key is None

    def place(self, event: yaml.NodeEvent, value: Any, size: int, line: int) -> None:
        if not self.stack:
            self.result = value
            return
        top = self.stack[-1]
        top.size += size
        container = top.collection
        if isinstance(container, Sequence):
            container.append(value)
            container.item_lines.append(line)
        elif top.key is None:
            if isinstance(value, list | dict):
                kind = "list" if isinstance(value, list) else "mapping"
                self.fail(event, f"a {kind} cannot be a key; keys must be text")
            if not isinstance(value, str):
                self.fail(event, f"key {value!r} must be text")
            if value in container:
                self.fail(
                    event,
                    f"duplicate key '{value}' (first at line {container.key_lines[value]}); "
                    "keep one",
                )
            top.key, top.key_line = value, line
        else:
            container[top.key] = value
            container.key_lines[top.key] = top.key_line
            top.key = None


@functools.lru_cache(maxsize=4096)
def _resolve_plain(value: str) -> str:
    """The tag of an unquoted scalar (curated files repeat the same ids and kinds a lot)."""
    return _resolver().resolve(yaml.ScalarNode, value, (True, False))


@functools.cache
def _resolver() -> yaml.resolver.Resolver:
    return yaml.resolver.Resolver()


@functools.cache
def _constructor() -> yaml.SafeLoader:
    return yaml.SafeLoader("")


def _line(event: yaml.Event) -> int:
    """The 1-based line an event starts on (1 when the parser gives no position)."""
    return event.start_mark.line + 1 if event.start_mark is not None else 1


def yaml_scalar(value: Any) -> str:
    """A YAML scalar as the curation files write it: plain for ids, numbers and booleans,
    double-quoted (with JSON's escapes, which YAML reads) otherwise.

    >>> yaml_scalar("ann-lee"), yaml_scalar("2024"), yaml_scalar("Ann Lee")
    ('ann-lee', '"2024"', '"Ann Lee"')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if (
        re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", text)
        and not re.fullmatch(r"[0-9-]+", text)
        and text not in ("true", "false", "null", "yes", "no", "on", "off")
    ):
        return text
    return json.dumps(text, ensure_ascii=False)
