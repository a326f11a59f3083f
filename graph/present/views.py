"""How each analysis is shown: its tables and notes as text, CSV or Markdown.

JSON is written from the results' own ``to_json`` instead; see ``graph.present.tables``.

>>> from graph.facts import Facts, Move
>>> from graph.analysis.flows import talent_flows
>>> facts = Facts(
...     labels={"ann": "Ann", "bo": "Bo", "a": "Acme", "b": "Beta", "c": "Core"},
...     people=["ann", "bo"],
...     org_classes={"a": "Company", "b": "Company", "c": "Company"},
...     moves=[
...         Move("m1", "ann", "Ann", "a", "b", None, "completed", ()),
...         Move("m2", "bo", "Bo", "b", "c", None, "completed", ()),
...     ],
... )
>>> print(format_flows(talent_flows(facts), fmt="csv").splitlines()[1])
c,Core,1,0,1,Bo,,,,0
"""

from __future__ import annotations

from graph.analysis.centrality import Hubs
from graph.analysis.flows import FlowReport, Step
from graph.analysis.profiles import OrgProfile, PersonProfile
from graph.dates import describe_date
from graph.facts import Evidence, GroupDeparture
from graph.present.tables import DEFAULT_WIDTH, Section, Table, View, render, to_json

FLOW_CSV_COLUMNS = [
    "org",
    "label",
    "in",
    "out",
    "net",
    "joined",
    "left",
    "left_to_unknown",
    "left_to_own_venture",
    "group_departures",
]


def format_flows(report: FlowReport, *, fmt: str = "table", width: int = DEFAULT_WIDTH) -> str:
    """The flow report as text: ``table``, ``csv``, ``markdown`` or ``json`` (the row list)."""
    if fmt == "json":
        return to_json([row.to_json() for row in report.rows])
    return render(flows_view(report), fmt, width=width)


def flows_view(report: FlowReport) -> View:
    """The flow table (names with where they went or came from) and what is reported apart."""
    rows = [
        [
            row.label,
            row.in_count,
            row.out_count,
            f"{row.net:+d}" if row.net else "0",
            "\n".join(arrival(step) for step in row.joined_moves),
            "\n".join(departure(step) for step in row.left_moves),
        ]
        for row in report.rows
    ]
    csv_rows = []
    for row in report.rows:
        data = row.to_json()
        csv_rows.append(
            [*(data[column] for column in FLOW_CSV_COLUMNS[:-1]), len(row.group_departures)]
        )
    window = "all dates"
    columns = ["organisation", "in", "out", "net", "joined (from)", "left (to)"]
    if report.since or report.until:
        window = f"{report.since or '…'} to {report.until or '…'}"
        # A row may exist only for moves that cannot be placed in the window: say how many.
        columns.append("not placed")
        for cells, row in zip(rows, report.rows, strict=True):
            cells.append(len(row.not_placed))
    caption = (
        f"Talent flow at {report.level} level (status: {report.status}; window: {window}). "
        "Named people only, each counted once per organisation and direction."
    )
    notes = []
    if report.unknown_destination:
        notes.append(
            Section(
                "Left for an unknown destination (counted as losses)",
                [_move_line(step) for step in report.unknown_destination],
            )
        )
    if report.own_ventures:
        count = len({step.move.person for step in report.own_ventures})
        notes.append(
            Section(
                f"Own ventures, unnamed ({count} people; losses for where they left, "
                "not rows of the table)",
                [f"{step.to_label}: {_move_line(step)}" for step in report.own_ventures],
            )
        )
    internal = [step for row in report.rows for step in row.internal_moves]
    if internal:
        notes.append(
            Section(
                f"Internal moves (inside one organisation at {report.level} level, not counted)",
                [_move_line(step) for step in internal],
            )
        )
    if report.group_departures:
        notes.append(
            Section(
                "Group departures (unnamed people, never counted)",
                [_group_line(group, report) for group in report.group_departures],
            )
        )
    if report.not_placed:
        notes.append(
            Section(
                "Not placed in the window (undated, or a date too coarse to tell; not counted)",
                [f"{_move_line(step)}: {step.reason}" for step in report.not_placed],
            )
        )
    return View(
        main=Table(f"Gains and losses ({len(rows)} organisations)", columns, rows),
        csv=Table("Talent flow", FLOW_CSV_COLUMNS, csv_rows),
        notes=notes,
        caption=caption,
    )


def hubs_view(result: Hubs, *, top: int | None = None) -> View:
    """Centralities (PageRank only on the flow graph) and the Louvain communities."""
    scores = result.scores[:top] if top else result.scores
    columns = ["node", "kind", "degree", "pagerank", "betweenness"]
    rows: list[list[object]] = [
        [score.label, score.kind, score.degree, score.pagerank, score.betweenness]
        for score in scores
    ]
    if result.graph == "people":
        columns.remove("pagerank")
        for row in rows:
            del row[3]
    communities = Table(
        "Communities of organisations (Louvain, seed "
        f"{result.seed}, on shared people, partOf and investsIn)",
        ["#", "size", "organisations"],
        [
            [number, len(c.members), "; ".join(c.labels)]
            for number, c in enumerate(result.communities, 1)
        ],
    )
    graph = (
        f"organisation flow graph, {result.level} level"
        if result.graph == "flows"
        else "person-organisation graph with the partOf hierarchy"
    )
    caption = f"Centrality on the {graph}; {result.method_note}."
    shown = f"top {len(scores)} of {len(result.scores)}" if top else f"{len(scores)}"
    return View(
        main=Table(f"Hubs ({shown} linked nodes)", columns, rows),
        tables=[communities],
        caption=caption,
    )


def person_view(profile: PersonProfile) -> View:
    """A career timeline, one row per step, with its quotes."""
    aliases = f" (also {', '.join(profile.aliases)})" if profile.aliases else ""
    rows = [
        [number, step.when, step.what, _evidence_cell(step.evidence)]
        for number, step in enumerate(profile.steps, 1)
    ]
    return View(
        main=Table(f"{profile.label}{aliases}", ["#", "when", "step", "evidence"], rows),
        caption=(
            "Career as the sources state it; steps are ordered by what the sources imply "
            "and by stated dates."
        ),
    )


def org_view(profile: OrgProfile) -> View:
    """An organisation: one row per fact (unit, person, move, group, investment)."""
    labels = profile.labels
    flow = profile.flow
    rows: list[list[object]] = []
    for depth, unit in profile.units:
        rows.append(["unit", f"{'  ' * (depth - 1)}{labels[unit]}", "", ""])
    for person in profile.people:
        roles = f" ({', '.join(person.roles)})" if person.roles else ""
        relation = "works here" if person.current else "worked here"
        rows.append(
            [
                relation,
                f"{person.person_label}{roles} at {person.unit_label}",
                "",
                _evidence_cell(person.evidence),
            ]
        )
    for step in flow.joined_moves:
        rows.append(["joined", arrival(step), _when(step), _evidence_cell(step.move.evidence)])
    for step in flow.left_moves:
        rows.append(["left", departure(step), _when(step), _evidence_cell(step.move.evidence)])
    for step in flow.internal_moves:
        rows.append(
            ["internal move", _move_line(step), _when(step), _evidence_cell(step.move.evidence)]
        )
    for step in flow.not_placed:
        rows.append(
            [
                "not placed",
                f"{_move_line(step)}: {step.reason}",
                "",
                _evidence_cell(step.move.evidence),
            ]
        )
    for group in flow.group_departures:
        rows.append(["group departure", group.summary, "", _evidence_cell(group.evidence)])
    for investment in profile.investments:
        rows.append(
            ["invests in", labels[investment.object], "", _evidence_cell(investment.evidence)]
        )
    for investor in profile.investors:
        rows.append(["investor", labels[investor.subject], "", _evidence_cell(investor.evidence)])
    chain = " < ".join(labels[org] for org in profile.parents)
    aliases = f"; also {', '.join(profile.aliases)}" if profile.aliases else ""
    part_of = f"; part of {chain}" if chain else ""
    caption = (
        f"{profile.label} ({profile.org_class}{part_of}{aliases}): "
        f"in {flow.in_count}, out {flow.out_count}, net {flow.net:+d} "
        "(named people, the organisation with all its units)"
    )
    return View(
        main=Table(profile.label, ["relation", "who / what", "when", "evidence"], rows),
        caption=caption,
    )


def arrival(step: Step) -> str:
    """``person ← where they came from``, marked when only announced."""
    return f"{step.move.person_label} ← {step.from_label}{_status(step)}"


def departure(step: Step) -> str:
    """``person → where they went``, marked when only announced."""
    return f"{step.move.person_label} → {step.to_label}{_status(step)}"


def _status(step: Step) -> str:
    return " (announced)" if step.move.status == "announced" else ""


def _when(step: Step) -> str:
    return describe_date(step.move.date)


def _move_line(step: Step) -> str:
    date = describe_date(step.move.date) or "undated"
    return (
        f"{step.move.person_label}: {step.from_label} → {step.to_label}, "
        f"{step.move.status}, {date} ({_source_count(step.move.evidence)})"
    )


def _group_line(group: GroupDeparture, report: FlowReport) -> str:
    where = next(row.label for row in report.rows if group in row.group_departures)
    return f"{where}: {group.summary} ({_source_count(group.evidence)})"


def _source_count(evidence: tuple[Evidence, ...]) -> str:
    count = len({item.source for item in evidence})
    return f"{count} source{'s' if count != 1 else ''}"


def _evidence_cell(evidence: tuple[Evidence, ...]) -> str:
    """Each quote with its source, then the curators' notes (e.g. a date that looks wrong)."""
    quotes = [f"“{item.quote}” ({item.title})" for item in evidence]
    notes = [f"Curator's note: {note}" for note in dict.fromkeys(e.note for e in evidence) if note]
    return "\n".join(quotes + notes)
