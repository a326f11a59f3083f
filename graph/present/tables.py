"""Output formats shared by the analysis commands: table, csv, json and markdown.

A command's result is a ``View``: one main ``Table`` (the only one written as CSV), optional
further tables, and ``Section`` notes (lists of lines) for what is reported beside the
numbers. JSON is written from the library's own ``to_json`` data instead, so it can carry
every person and quote.

Every format is inert (``graph.present.inert``): no control characters, bidi overrides shown
as ``<U+202E>``, CSV text cells that would start a formula prefixed with ``'``, and Markdown
with no HTML or links from the data.

>>> view = View(Table("Flows", ["org", "net"], [["Tencent", 1]]), notes=[Section("Note", ["x"])])
>>> print(render(view, "markdown"))
## Flows
<BLANKLINE>
| org | net |
| --- | --- |
| Tencent | 1 |
<BLANKLINE>
### Note
<BLANKLINE>
- x
>>> print(render(view, "csv"), end="")
org,net
Tencent,1
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from dataclasses import dataclass, field

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from graph.present.inert import csv_cell, json_text, markdown_text, terminal_text

FORMATS = ("table", "csv", "json", "markdown")
DEFAULT_WIDTH = 120
# The rows a table shows in the terminal: rich lays out about 2,000 rows a second (a
# 105 k-row table took a minute), and a longer table is read as CSV or JSON, which hold all.
TABLE_ROWS = 1_000
# The lines a cell shows there (a company's arrivals at 100 k people are 30 k lines).
CELL_LINES = 20


@dataclass
class Table:
    """A titled table: column names and rows of cells (text or numbers)."""

    title: str
    columns: list[str]
    rows: list[list[object]]


@dataclass
class Section:
    """A heading and its lines, for facts shown beside a table."""

    heading: str
    lines: list[str]


@dataclass
class View:
    """What a command shows: a main table, more tables, and notes."""

    main: Table
    tables: list[Table] = field(default_factory=list)
    notes: list[Section] = field(default_factory=list)
    caption: str = ""
    # The CSV table when it differs from the main one (machine-friendly cells).
    csv: Table | None = None

    @property
    def csv_table(self) -> Table:
        """The table written as CSV."""
        return self.csv or self.main


def render(view: View, fmt: str, *, width: int = DEFAULT_WIDTH) -> str:
    """``view`` as ``table`` (rich, plain text), ``markdown`` or ``csv`` (main table only)."""
    if fmt == "csv":
        return _csv(view.csv_table)
    if fmt == "markdown":
        return _markdown(view)
    if fmt == "table":
        return _text(view, width)
    raise ValueError(f"render() does not write {fmt!r}; use to_json for json")


def to_json(data: object) -> str:
    """Indented, key-order-stable JSON with non-ASCII text kept readable (but controls and
    bidi overrides escaped)."""
    return json_text(json.dumps(data, indent=2, ensure_ascii=False))


def counted(count: int, noun: str) -> str:
    """``count`` and ``noun``, plural unless one, the count with thousands separators.

    >>> counted(1, "source"), counted(1200, "source")
    ('1 source', '1,200 sources')
    """
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, list | tuple):
        return "; ".join(str(item) for item in value)
    return "" if value is None else str(value)


def _cut(text: str) -> str:
    """The first ``CELL_LINES`` lines of a cell's ``text``, and how many more there are."""
    lines = text.rstrip("\n").split("\n", CELL_LINES)
    if len(lines) <= CELL_LINES:
        return text
    more = lines[CELL_LINES].count("\n") + 1
    return "\n".join([*lines[:CELL_LINES], f"(… {more:,} more)"])


def _csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_cell(column) for column in table.columns])
    writer.writerows([_csv_cell(value) for value in row] for row in table.rows)
    return buffer.getvalue()


def _csv_cell(value: object) -> object:
    """Numbers stay numbers (a net of -4 is not a formula); text is made inert."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _cell(value)
    return csv_cell(_cell(value))


def _markdown(view: View) -> str:
    parts = []
    if view.caption:
        parts.append(markdown_text(view.caption))
    for table in [view.main, *view.tables]:
        lines = [f"## {markdown_text(table.title)}", ""]
        if table.rows:
            lines.append("| " + " | ".join(_escape(column) for column in table.columns) + " |")
            lines.append("| " + " | ".join("---" for _ in table.columns) + " |")
            for row in table.rows:
                lines.append("| " + " | ".join(_escape(_cell(value)) for value in row) + " |")
        else:
            lines.append("(none)")
        parts.append("\n".join(lines))
    for section in view.notes:
        parts.append(
            "\n".join(
                [
                    f"### {markdown_text(section.heading)}",
                    "",
                    *(f"- {markdown_text(line)}" for line in section.lines),
                ]
            )
        )
    return "\n\n".join(parts)


def _escape(text: str) -> str:
    """Cell text safe in a Markdown table: pipes escaped, line breaks kept as ``<br>``."""
    return markdown_text(text).replace("|", "\\|").replace("\n", "<br>")


def _text(view: View, width: int) -> str:
    """The tables laid out by rich; the caption and the notes, plain text, wrapped here (rich
    would take a second per 4,000 lines of them, and read ``:name:`` in them as an emoji)."""
    buffer = io.StringIO()
    console = Console(
        file=buffer, width=width, color_system=None, force_terminal=False, highlight=False
    )

    def write(text: str, indent: str = "", more: str = "") -> None:
        buffer.write(textwrap.fill(text, width, initial_indent=indent, subsequent_indent=more))
        buffer.write("\n")

    if view.caption:
        write(terminal_text(view.caption))
    for table in [view.main, *view.tables]:
        if not table.rows:
            write(f"{terminal_text(table.title)}: (none)")
            continue
        rich_table = RichTable(title=_plain(table.title), box=box.SIMPLE_HEAD, title_justify="left")
        for column in table.columns:
            rich_table.add_column(_plain(column), overflow="fold")
        for row in table.rows[:TABLE_ROWS]:
            rich_table.add_row(*(_plain(_cut(_cell(value))) for value in row))
        console.print(rich_table)
        if len(table.rows) > TABLE_ROWS:
            formats = (
                "the csv and json formats hold" if table is view.main else "the json format holds"
            )
            write(f"(the first {TABLE_ROWS:,} of {len(table.rows):,} rows; {formats} them all)")
    for section in view.notes:
        write(f"{terminal_text(section.heading)}:")
        for line in section.lines:
            write(terminal_text(line), "  - ", "    ")
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines())


def _plain(text: str) -> Text:
    """Cell text shown as is (square brackets in quotes are not rich markup), made inert."""
    return Text(terminal_text(text))
