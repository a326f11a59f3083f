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
from graph.analysis.flows import (
    BetweenReport,
    FlowReport,
    PeriodFlowReport,
    Step,
)
from graph.analysis.profiles import OrgProfile, PersonProfile
from graph.dates import describe_date
from graph.facts import Evidence, GroupDeparture
from graph.present.tables import (
    DEFAULT_WIDTH,
    Section,
    Table,
    View,
    counted,
    render,
    to_json,
)

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
        data = row.summary()
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


def format_period_flows(
    report: PeriodFlowReport, *, fmt: str = "table", width: int = DEFAULT_WIDTH
) -> str:
    """Flows per period as text: ``table``, ``csv``, ``markdown`` or ``json`` (the row list)."""
    if fmt == "json":
        return to_json(report.to_json())
    return render(period_flows_view(report), fmt, width=width)


# A table of net per organisation and period is printed beside the rows up to this many periods.
MATRIX_PERIODS = 16


def period_flows_view(report: PeriodFlowReport) -> View:
    """One row per period and organisation; a net-by-period matrix; what is reported apart."""
    rows = [
        [
            row.period,
            row.flow.label,
            row.flow.in_count,
            row.flow.out_count,
            _signed(row.flow.net),
            "\n".join(arrival(step) for step in row.flow.joined_moves),
            "\n".join(departure(step) for step in row.flow.left_moves),
        ]
        for row in report.rows
    ]
    columns = ["period", "organisation", "in", "out", "net", "joined (from)", "left (to)"]
    # Group departures are undated: they have no period (the notes list them).
    csv_columns = ["period", *FLOW_CSV_COLUMNS[:-1]]
    csv_rows = []
    for row in report.rows:
        data = row.flow.summary()
        csv_rows.append([row.period, *(data[column] for column in FLOW_CSV_COLUMNS[:-1])])
    overall = report.overall
    window = _window(overall)
    caption = (
        f"Talent flow by {report.by} at {overall.level} level (status: {overall.status}; "
        f"window: {window}). Named people only, each counted once per organisation, direction "
        "and period (so the periods of a row may add up to more than its all-dates count). "
        "A move dated by its year alone is counted in that year"
        + (
            '; by quarter or month it is in "YYYY (year only)", never guessed into one'
            if report.by != "year"
            else ""
        )
        + '. Moves without a year are in "undated".'
    )
    tables = []
    if report.rows and len(report.periods) <= MATRIX_PERIODS:
        tables.append(_net_matrix(report))
    notes = [section for section in flows_view(overall).notes if section.heading]
    return View(
        main=Table(
            f"Gains and losses by {report.by} ({len(report.periods)} periods, {len(rows)} rows)",
            columns,
            rows,
        ),
        tables=tables,
        csv=Table("Talent flow by period", csv_columns, csv_rows),
        notes=notes,
        caption=caption,
    )


def _net_matrix(report: PeriodFlowReport) -> Table:
    """Net per organisation (rows, by all-dates order) and period (columns); blank: no move."""
    net: dict[str, dict[str, int]] = {}
    labels: dict[str, str] = {}
    for row in report.rows:
        net.setdefault(row.flow.org, {})[row.period] = row.flow.net
        labels[row.flow.org] = row.flow.label
    order = [row.org for row in report.overall.rows if row.org in net]
    order += sorted((org for org in net if org not in order), key=lambda org: labels[org])
    return Table(
        f"Net by {report.by}",
        ["organisation", *report.periods],
        [
            [labels[org], *(_signed(net[org][p]) if p in net[org] else "" for p in report.periods)]
            for org in order
        ],
    )


def format_between(report: BetweenReport, *, fmt: str = "table", width: int = DEFAULT_WIDTH) -> str:
    """Origin -> destination pairs as text: ``table``, ``csv``, ``markdown`` or ``json``."""
    if fmt == "json":
        return to_json(report.to_json())
    return render(between_view(report), fmt, width=width)


def between_view(report: BetweenReport) -> View:
    """The top origin -> destination pairs with the people, then ``other``."""
    rows = []
    csv_rows = []
    for pair in report.rows:
        if pair is report.other:
            names = f"{report.other_pairs} more pairs"
        else:
            names = "\n".join(_named_step(step) for step in pair.steps)
        rows.append([pair.from_label, pair.to_label, pair.people, names])
        people = sorted({step.move.person_label for step in pair.steps})
        csv_rows.append(
            [
                pair.from_org or "",
                pair.from_label,
                pair.to_org or "",
                pair.to_label,
                pair.people,
                people,
            ]
        )
    overall = report.overall
    shown = f"top {len(report.pairs)} pairs" if report.other else f"{len(report.pairs)} pairs"
    caption = (
        f"Who left where for where, at {overall.level} level (status: {overall.status}; "
        f"window: {_window(overall)}). Every loss of the flows table is in one pair: "
        '"unknown" is a destination the sources do not name, "own ventures (unnamed)" the '
        "unnamed ventures people left to start. People are named people, each once per pair"
        + (
            f'; "other" adds up the people of the {report.other_pairs} smaller pairs.'
            if report.other
            else "."
        )
    )
    notes = [
        section
        for section in flows_view(overall).notes
        if section.heading.startswith(("Internal", "Group", "Not placed"))
    ]
    return View(
        main=Table(f"From → to ({shown})", ["from", "to", "people", "who (when; sources)"], rows),
        csv=Table("From → to", ["from_org", "from", "to_org", "to", "people", "names"], csv_rows),
        notes=notes,
        caption=caption,
    )


def _named_step(step: Step) -> str:
    when = describe_date(step.move.date) or "undated"
    return f"{step.move.person_label}{_status(step)} ({when}; {_source_count(step.move.evidence)})"


def _window(report: FlowReport) -> str:
    if report.since or report.until:
        return f"{report.since or '…'} to {report.until or '…'}"
    return "all dates"


def _signed(value: int) -> str:
    return f"{value:+d}" if value else "0"


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
    return counted(len({item.source for item in evidence}), "source")


def _evidence_cell(evidence: tuple[Evidence, ...]) -> str:
    """Each quote with its source, then the curators' notes (e.g. a date that looks wrong)."""
    quotes = [f"“{item.quote}” ({item.title})" for item in evidence]
    notes = [f"Curator's note: {note}" for note in dict.fromkeys(e.note for e in evidence) if note]
    return "\n".join(quotes + notes)
