"""Reading bulk employment records: CSV, JSON Lines, or SPARQL JSON results, one row at a time.

Every row becomes a ``Record`` (checked: names present, dates at a stated precision, QIDs well
formed) or a ``Problem`` at its line. The readers stream: a file of any length is read in
constant memory, apart from SPARQL JSON, a single JSON document read whole.

A record keeps the row's own text and where it sits in the file (line and character offsets),
so that the graph can quote it as evidence the way it quotes an article.

>>> import io
>>> rows = io.StringIO("person,org,start\\nAda Byron,Analytical Engines,1843\\nBad,,1843\\n")
>>> for row in read_records(rows, "csv", "people.csv"):
...     print(row)
Ada Byron at Analytical Engines from 1843 (line 2)
people.csv:3: org is empty; every row needs a person and an org
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from graph.dates import StatedDate, parse_stated_date
from graph.errors import InputError, Problem

FORMATS = ("csv", "jsonl", "sparql-json")
COLUMNS = ("person", "org", "start", "end", "role", "source")
OPTIONAL_COLUMNS = ("person_id", "org_id", "org_parent", "wikidata_person", "wikidata_org")
REQUIRED_COLUMNS = ("person", "org")
MAX_FIELD = 500  # characters in one value; a longer one is a broken row, not a name
MAX_ROW = 10_000  # characters in one row of text
QID = re.compile(r"^Q[1-9][0-9]{0,11}\Z")
WIKIDATA_ENTITY = re.compile(r"^https?://www\.wikidata\.org/entity/(Q[1-9][0-9]*)\Z")
_LINE_BREAK = re.compile(r"\r\n?|\n")  # as the JSON Lines reader counts lines
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Record:
    """One employment row: a person, an organisation, and what the row says of the job."""

    line: int
    text: str  # the row as written in the file
    start_offset: int  # where ``text`` starts in the file, in characters
    person: str
    org: str
    start: StatedDate | None = None
    end: StatedDate | None = None
    role: str | None = None
    source: str | None = None
    person_id: str | None = None
    org_id: str | None = None
    org_parent: str | None = None
    wikidata_person: str | None = None
    wikidata_org: str | None = None

    def __str__(self) -> str:
        dates = ""
        if self.start:
            dates += f" from {self.start}"
        if self.end:
            dates += f" until {self.end}"
        return f"{self.person} at {self.org}{dates} (line {self.line})"


def guess_format(name: str) -> str:
    """The import format a file name suggests; ``InputError`` when it suggests none.

    >>> guess_format("staff.CSV"), guess_format("a.jsonl"), guess_format("query.json")
    ('csv', 'jsonl', 'sparql-json')
    """
    suffix = name.lower().rsplit(".", 1)[-1]
    formats = {"csv": "csv", "jsonl": "jsonl", "ndjson": "jsonl", "json": "sparql-json"}
    if suffix not in formats:
        raise InputError(
            f"{name}: cannot tell the format from the name; give --format ({', '.join(FORMATS)})"
        )
    return formats[suffix]


def read_records(stream: IO[str], form: str, name: str) -> Iterator[Record | Problem]:
    """Each row of ``stream`` as a ``Record``, or a ``Problem`` naming its line.

    Raises ``InputError`` when the file as a whole cannot be read (no header, unknown
    columns, not SPARQL JSON): then no row can be trusted. A byte order mark at the start
    is skipped (offsets still count it, as a character of the file).
    """
    if form == "csv":
        yield from _csv_rows(stream, name)
    elif form == "jsonl":
        yield from _jsonl_rows(stream, name)
    elif form == "sparql-json":
        yield from _sparql_rows(stream, name)
    else:
        raise InputError(f"unknown import format {form!r}; use one of {', '.join(FORMATS)}")


def _csv_rows(stream: IO[str], name: str) -> Iterator[Record | Problem]:
    lines = _Lines(stream)
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise InputError(f"{name}:1: the header is not valid CSV ({error})") from error
    if header is None:
        raise InputError(f"{name}: the file is empty; the first line must name the columns")
    columns = [column.strip().lower() for column in header]
    if columns:
        columns[0] = columns[0].removeprefix("\ufeff").strip()
    _check_columns(columns, name)
    lines.take()
    while True:
        line = lines.number + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            lines.take()
            yield Problem(name, line, f"not valid CSV ({error})")
            continue
        start, text = lines.take()
        if not any(cell.strip() for cell in row):
            continue  # a blank line
        if len(text) > MAX_ROW:
            yield Problem(name, line, f"row longer than {MAX_ROW} characters")
            continue
        if len(row) != len(columns):
            yield Problem(name, line, f"{len(row)} fields where the header has {len(columns)}")
            continue
        yield _record(dict(zip(columns, row, strict=True)), line, text, start, name)


def _jsonl_rows(stream: IO[str], name: str) -> Iterator[Record | Problem]:
    offset = 0
    for number, raw in enumerate(stream, start=1):
        start, offset = offset, offset + len(raw)
        text = raw.rstrip("\r\n")
        if number == 1 and text.startswith("\ufeff"):
            start, text = start + 1, text[1:]
        if not text.strip():
            continue
        if len(text) > MAX_ROW:
            yield Problem(name, number, f"row longer than {MAX_ROW} characters")
            continue
        try:
            value = json.loads(text)
        except ValueError as error:
            yield Problem(name, number, f"not valid JSON ({error})")
            continue
        except RecursionError:
            yield Problem(name, number, "not valid JSON (nested too deeply)")
            continue
        if not isinstance(value, dict):
            yield Problem(name, number, "expected a JSON object with 'person' and 'org'")
            continue
        unknown = sorted(set(value) - set(COLUMNS) - set(OPTIONAL_COLUMNS))
        if unknown:
            yield Problem(name, number, f"unknown field {unknown[0]!r}; {_known()}")
            continue
        if not all(
            (isinstance(item, str | int) and not isinstance(item, bool)) or item is None
            for item in value.values()
        ):
            yield Problem(name, number, "every value must be text, a year or null")
            continue
        fields = {key: "" if item is None else str(item) for key, item in value.items()}
        yield _record(fields, number, text, start, name)


def _sparql_rows(stream: IO[str], name: str) -> Iterator[Record | Problem]:
    # Read whole (one JSON document), but its bindings are parsed one at a time as they are
    # used: a document of a million bindings is never held as objects.
    text = stream.read()
    try:
        variables = set(_sparql_head(text)["vars"])
    except (ValueError, KeyError, TypeError) as error:
        raise _not_sparql(name, error) from error
    missing = {"person", "personLabel", "employer", "employerLabel"} - variables
    if missing:
        raise InputError(
            f"{name}: the query's variables lack {', '.join(sorted(missing))}; expected person, "
            "personLabel, employer, employerLabel, and optionally start and end"
        )
    line, counted = 1, 0
    try:
        for start, end, binding in _sparql_bindings(text):
            line, counted = line + len(_LINE_BREAK.findall(text, counted, start)), start
            if not isinstance(binding, dict):
                yield Problem(name, line, "a binding that is not a JSON object")
                continue
            values = {key: _binding_value(binding.get(key)) for key in variables}
            fields = {
                "person": values.get("personLabel", ""),
                "org": values.get("employerLabel", ""),
                "start": _date_part(values.get("start", "")),
                "end": _date_part(values.get("end", "")),
                "wikidata_person": _qid(values.get("person", "")),
                "wikidata_org": _qid(values.get("employer", "")),
            }
            yield _record(fields, line, text[start:end], start, name)
    except (ValueError, KeyError, TypeError) as error:
        raise _not_sparql(name, error) from error


def _not_sparql(name: str, error: Exception) -> InputError:
    return InputError(
        f"{name}: not SPARQL JSON results (expected head.vars and results.bindings): {error}"
    )


def _sparql_head(text: str) -> Any:
    """The ``head`` of the SPARQL JSON results ``text`` (usually first: found at once)."""
    for kind, value in _sparql_parts(text):
        if kind == "head":
            return value
    raise KeyError("head")


def _sparql_bindings(text: str) -> Iterator[tuple[int, int, Any]]:
    """Each binding of the SPARQL JSON results ``text`` with where its text starts and ends."""
    found = False
    for kind, value in _sparql_parts(text):
        found = found or kind == "bindings"
        if kind == "binding":
            yield value
    if not found:
        raise KeyError("results.bindings")


def _sparql_parts(text: str) -> Iterator[tuple[str, Any]]:
    """``("head", head)``, ``("bindings", None)`` and then ``("binding", (start, end,
    binding))`` for each, in the order of ``text``, one JSON value parsed at a time. Raises
    ``ValueError`` where ``text`` is not one JSON object.

    >>> [kind for kind, _ in _sparql_parts('{"head": {}, "results": {"bindings": [{}, {}]}}')]
    ['head', 'bindings', 'binding', 'binding']
    """
    walk = _JsonText(text, 1 if text.startswith("\ufeff") else 0)
    seen: set[str] = set()

    def once(key: str) -> None:  # json.loads would keep the last: no guessing which was meant
        if key in seen:
            raise ValueError(f"{key!r} given twice")
        seen.add(key)

    walk.open("{")
    for _ in walk.members("}"):
        key = walk.key()
        if key == "head":
            once(key)
            yield "head", walk.value()[0]
        elif key == "results":
            once(key)
            walk.open("{")
            for _ in walk.members("}"):
                if walk.key() != "bindings":
                    walk.value()
                    continue
                once("bindings")
                yield "bindings", None
                walk.open("[")
                for _ in walk.members("]"):
                    binding, start, end = walk.value()
                    yield "binding", (start, end, binding)
        else:
            walk.value()
    if walk.next_char():
        raise ValueError(f"extra data at character {walk.at}")


class _JsonText:
    """One JSON document's text, read a value at a time with its place: ``json.loads`` would
    hold all of a large document as objects at once."""

    SPACE = re.compile(r"[ \t\n\r]*")

    def __init__(self, text: str, at: int = 0) -> None:
        self.text, self.at, self.decoder = text, at, json.JSONDecoder()

    def next_char(self) -> str:
        """The next character that is not a space ("" at the end); ``at`` is moved to it."""
        self.at = self.SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]
        return self.text[self.at : self.at + 1]

    def open(self, bracket: str) -> None:
        """Step into the object or array that opens here."""
        if self.next_char() != bracket:
            raise ValueError(f"expected {bracket!r} at character {self.at}")
        self.at += 1

    def members(self, closing: str) -> Iterator[None]:
        """Stop at each member of the container just opened, for the caller to read; end past
        its ``closing`` bracket."""
        if self.next_char() == closing:
            self.at += 1
            return
        while True:
            yield
            char = self.next_char()
            self.at += 1
            if char == closing:
                return
            if char != ",":
                raise ValueError(f"expected ',' or {closing!r} at character {self.at - 1}")

    def key(self) -> str:
        """An object member's key, stepping past its ':'."""
        key = self.value()[0]
        if not isinstance(key, str) or self.next_char() != ":":
            raise ValueError(f"expected a key and ':' before character {self.at}")
        self.at += 1
        return key

    def value(self) -> tuple[Any, int, int]:
        """The JSON value here, where it starts and where it ends (``at`` is moved there)."""
        self.next_char()
        start = self.at
        try:
            value, self.at = self.decoder.raw_decode(self.text, start)
        except RecursionError:
            raise ValueError(f"nested too deeply at character {start}") from None
        return value, start, self.at


def _record(
    fields: dict[str, str], line: int, text: str, start: int, name: str
) -> Record | Problem:
    """Check one row's fields and make its record; the first fault found is the problem."""
    values: dict[str, Any] = {}
    for key, raw in fields.items():
        value = raw.strip()
        if len(value) > MAX_FIELD:
            return Problem(name, line, f"{key} longer than {MAX_FIELD} characters")
        if CONTROL.search(value):
            return Problem(name, line, f"{key} holds control or direction characters")
        values[key] = value or None
    for key in REQUIRED_COLUMNS:
        if not values.get(key):
            return Problem(name, line, f"{key} is empty; every row needs a person and an org")
    for key in ("start", "end"):
        if values.get(key):
            try:
                values[key] = parse_stated_date(values[key])
            except ValueError as error:
                return Problem(name, line, f"{key}: {error}")
            if values[key].year is None:
                return Problem(name, line, f"{key}: a date in an import needs its year")
    first, last = values.get("start"), values.get("end")
    if first and last and first.bounds()[0] > last.bounds()[1]:
        return Problem(name, line, f"start {first} is after end {last}")
    for key in ("wikidata_person", "wikidata_org"):
        if values.get(key) and not QID.match(values[key]):
            return Problem(name, line, f"{key} {values[key]!r} is not a Wikidata id like Q42")
    return Record(line=line, text=text, start_offset=start, **values)


def _check_columns(columns: list[str], name: str) -> None:
    known = set(COLUMNS) | set(OPTIONAL_COLUMNS)
    for column in columns:
        if column not in known:
            raise InputError(f"{name}:1: unknown column {column!r}; {_known()}")
    duplicated = sorted({column for column in columns if columns.count(column) > 1})
    if duplicated:
        raise InputError(f"{name}:1: column {duplicated[0]!r} appears twice")
    missing = [column for column in REQUIRED_COLUMNS if column not in columns]
    if missing:
        raise InputError(f"{name}:1: the header lacks the column {missing[0]!r}; {_known()}")


def _known() -> str:
    return f"the columns are {', '.join(COLUMNS)} and optionally {', '.join(OPTIONAL_COLUMNS)}"


def _binding_value(term: object) -> str:
    if isinstance(term, dict) and isinstance(term.get("value"), str):
        return term["value"]
    return ""


def _qid(iri: str) -> str:
    """The QID of a Wikidata entity IRI; other values are kept, for the check to refuse."""
    match = WIKIDATA_ENTITY.match(iri)
    return match.group(1) if match else iri


def _date_part(value: str) -> str:
    """``2019-03-04T00:00:00Z`` (Wikidata's day-precision time) as ``2019-03-04``."""
    return value[:10] if re.match(r"^\d{4}-\d{2}-\d{2}T", value) else value


class _Lines:
    """The lines of a text stream, numbered, with the text and offset of the last row read."""

    def __init__(self, stream: Iterable[str]) -> None:
        self._stream = iter(stream)
        self.number = 0  # lines read so far
        self._offset = 0  # characters read so far
        self._row_start = 0
        self._row: list[str] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self._stream)
        self.number += 1
        self._offset += len(line)
        self._row.append(line)  # bounded: csv refuses a field over its size limit
        return line

    def take(self) -> tuple[int, str]:
        """The offset and text (without its line end) of the lines read since the last call."""
        start, text = self._row_start, "".join(self._row)
        self._row_start, self._row = self._offset, []
        return start, text.rstrip("\r\n")
