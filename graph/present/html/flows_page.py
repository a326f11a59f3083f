"""The flows page (``flows.html``): organisations only, an arrow from the one people left to
the one they joined, width by count, green for a net gain and red for a net loss.
"""

from __future__ import annotations

import math
from collections import defaultdict

from pyvis.network import Network

from graph.analysis.flows import FlowReport, OrgFlow, Step, talent_flows
from graph.dates import describe_date
from graph.facts import Facts
from graph.present.html.page import cited_sources, fill_page, quotes, vis_options

GAIN_COLOUR = "#2ca02c"
LOSS_COLOUR = "#d62728"
EVEN_COLOUR = "#9e9e9e"


def drawn_flows(report: FlowReport) -> dict[tuple[str, str], list[Step]]:
    """The arrows of the page: the counted moves with a known destination, by (from, to).

    Each move once, in the order of its IRI. Moves to an unknown destination are losses in
    ``report`` but have nowhere to point; moves inside one company are not drawn.
    """
    steps = {
        step.move.iri: step for row in report.rows for step in (*row.joined_moves, *row.left_moves)
    }
    arrows: dict[tuple[str, str], list[Step]] = defaultdict(list)
    for iri in sorted(steps):
        step = steps[iri]
        if step.to_org is not None:
            arrows[(step.from_org, step.to_org)].append(step)
    return {key: arrows[key] for key in sorted(arrows)}


def _not_drawn(facts: Facts, report: FlowReport) -> list[str]:
    """What the arrows leave out, as the page's note lists it."""
    unknown = len(report.unknown_destination)
    announced = sum(1 for move in facts.moves if move.status == "announced")
    internal = sum(len(row.internal_moves) for row in report.rows)
    groups = len(facts.group_departures)
    left_out = []
    if unknown:
        left_out.append(f"{unknown} completed move(s) whose destination the articles do not name")
    if announced:
        left_out.append(f"{announced} announced move(s) not yet completed")
    if internal:
        left_out.append(f"{internal} move(s) inside one company")
    if groups:
        left_out.append(f"{groups} departure(s) of unnamed people, never counted as people")
    return left_out


def render_flows_page(
    facts: Facts,
    *,
    level: str = "company",
    title: str = "Talent Graph: where people moved",
) -> str:
    """The HTML of the flows: organisations only, an arrow per (left, joined) pair.

    Arrow width grows with the number of people; a node is green when it gained more people
    than it lost, red when it lost more, grey when even.
    """
    report = talent_flows(facts, level=level, status="completed")
    arrows = drawn_flows(report)
    # An unnamed own venture is no row of graph.analysis.flows (the ventures are one bucket there);
    # drawn at the end of an arrow, it shows the people of its arrows.
    ventures: dict[str, OrgFlow] = {}
    counted = {row.org for row in report.rows}
    for (source, target), steps in arrows.items():
        if source not in counted:
            ventures.setdefault(source, OrgFlow(source, facts.label(source))).left_moves += steps
        if target not in counted:
            ventures.setdefault(target, OrgFlow(target, facts.label(target))).joined_moves += steps
    flows = {row.org: row for row in report.rows} | ventures
    orgs = sorted({org for pair in arrows for org in pair})

    net = Network(directed=True, cdn_resources="in_line")
    for org in orgs:
        flow = flows[org]
        color = GAIN_COLOUR if flow.net > 0 else LOSS_COLOUR if flow.net < 0 else EVEN_COLOUR
        lines = [f"Net: {flow.net:+d} (joined {flow.in_count}, left {flow.out_count})"]
        if flow.joined:
            lines.append("Joined: " + ", ".join(flow.joined))
        if flow.left:
            lines.append("Left: " + ", ".join(flow.left))
        net.add_node(
            org,
            label=f"{flow.label} ({flow.net:+d})",
            shape="dot",
            color=color,
            size=round(14 + 8 * math.sqrt(flow.in_count + flow.out_count), 1),
            font={"size": 16, "face": "Helvetica, Arial, sans-serif", "strokeWidth": 3},
            kind="org",
            company=facts.top(org),
            tip={"title": flow.label, "lines": lines},
        )
    for (source, target), steps in arrows.items():
        count = len({step.move.person for step in steps})
        evidence, names = [], []
        for step in steps:
            move = step.move
            when = describe_date(move.date)
            names.append(
                f"{move.person_label}: {facts.label(move.from_org)} → {facts.label(move.to_org)}"
                + (f", {when}" if when else "")
            )
            evidence += quotes(facts, move.evidence)
        net.add_edge(
            source,
            target,
            id=f"flow|{source}|{target}",
            relation="flow",
            width=2 + 3 * count,
            label=str(count),
            font={"size": 14, "strokeWidth": 4, "align": "top"},
            color={"color": "#555555", "highlight": "#222222", "hover": "#222222"},
            arrows={"to": {"enabled": True, "scaleFactor": 0.8}},
            since="",
            tip={
                "title": f"{facts.label(source)} → {facts.label(target)}: "
                f"{count} {'person' if count == 1 else 'people'}",
                "lines": sorted(names),
                "evidence": evidence,
            },
        )
    net.options = vis_options(len(orgs))
    # The rows of `talentgraph flows --status completed`, in its order: the same numbers.
    balance = [
        {"label": row.label, "joined": row.in_count, "left": row.out_count, "net": f"{row.net:+d}"}
        for row in report.rows
        if row.in_count or row.out_count
    ]
    moves = [step for steps in arrows.values() for step in steps]
    people = len({step.move.person for step in moves})
    left_out = _not_drawn(facts, report)
    unit = "companies" if level == "company" else "organisations as named"
    notice = ["Not drawn: " + "; ".join(left_out) + "."] if left_out else []
    legend = [
        {"kind": "node", "shape": "dot", "color": GAIN_COLOUR, "label": "gained more than lost"},
        {"kind": "node", "shape": "dot", "color": LOSS_COLOUR, "label": "lost more than gained"},
        {"kind": "node", "shape": "dot", "color": EVEN_COLOUR, "label": "as many in as out"},
        {
            "kind": "edge",
            "color": "#555555",
            "dashes": False,
            "arrow": True,
            "label": "people who left for; width and number = how many",
        },
    ]
    return fill_page(
        net,
        page="flows",
        title=title,
        subtitle=(
            f"{len(moves)} completed moves of {people} named people "
            f"between {len(orgs)} {unit}, from {len(facts.sources)} news articles. "
            "Hover an arrow for the people and the quotes."
        ),
        legend=legend,
        companies=[],
        colour_legend=[],
        balance=balance,
        relations=[],
        dates=[],
        notice=notice,
        sources=cited_sources(facts),
    )
