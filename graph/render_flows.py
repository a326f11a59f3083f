"""The flows page (``flows.html``): organisations only, an arrow from the one people left to
the one they joined, width by count, green for a net gain and red for a net loss.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from pyvis.network import Network
from rdflib import Dataset, URIRef

from graph.errors import RenderError
from graph.page import fill_page, vis_options
from graph.render_facts import Facts, MoveRecord, display_date, read_facts

LEVELS = ("company", "unit")
GAIN_COLOUR = "#2ca02c"
LOSS_COLOUR = "#d62728"
EVEN_COLOUR = "#9e9e9e"


@dataclass
class Flow:
    """People who left ``source`` for ``target``: the moves, each counted once."""

    source: URIRef
    target: URIRef
    moves: list[MoveRecord] = field(default_factory=list)


def completed_flows(facts: Facts, *, level: str = "company") -> tuple[list[Flow], list[str]]:
    """Moves between organisations, and what was left out, for the flows page.

    Counted: completed moves of named people with a known destination, each move once (by its
    IRI, however many articles state it). At ``company`` level both ends are rolled up through
    ``tg:partOf`` to the top-level organisation and moves inside one company are not drawn; at
    ``unit`` level the organisations are the ones the articles name. This is a small stand-in
    for ``graph.flows``, which can replace it.
    """
    if level not in LEVELS:
        raise RenderError(f"unknown level {level!r}; choose one of {', '.join(LEVELS)}")
    flows: dict[tuple[URIRef, URIRef], Flow] = {}
    announced = unknown = internal = 0
    for move in facts.moves:
        if move.person not in facts.people:
            continue
        if not move.completed:
            announced += 1
            continue
        if move.to_org is None:
            unknown += 1
            continue
        source, target = move.from_org, move.to_org
        if level == "company":
            source, target = facts.top(source), facts.top(target)
        if source == target:
            internal += 1
            continue
        flows.setdefault((source, target), Flow(source, target)).moves.append(move)
    left_out = []
    if unknown:
        left_out.append(f"{unknown} completed move(s) whose destination the articles do not name")
    if announced:
        left_out.append(f"{announced} announced move(s) not yet completed")
    if internal:
        left_out.append(f"{internal} move(s) inside one company")
    groups = sum(len(texts) for texts in facts.group_departures.values())
    if groups:
        left_out.append(f"{groups} departure(s) of unnamed people, never counted as people")
    return [flows[key] for key in sorted(flows)], left_out


def render_flows_page(
    dataset: Dataset,
    *,
    level: str = "company",
    title: str = "Talent Graph: where people moved",
) -> str:
    """The HTML of the flows: organisations only, an arrow per (left, joined) pair.

    Arrow width grows with the number of people; a node is green when it gained more people
    than it lost, red when it lost more, grey when even.
    """
    facts = read_facts(dataset)
    flows, left_out = completed_flows(facts, level=level)
    gained: dict[URIRef, list[str]] = defaultdict(list)
    lost: dict[URIRef, list[str]] = defaultdict(list)
    for flow in flows:
        for move in flow.moves:
            gained[flow.target].append(facts.label(move.person))
            lost[flow.source].append(facts.label(move.person))
    orgs = sorted(set(gained) | set(lost))

    net = Network(directed=True, cdn_resources="in_line")
    for org in orgs:
        net_gain = len(gained[org]) - len(lost[org])
        color = GAIN_COLOUR if net_gain > 0 else LOSS_COLOUR if net_gain < 0 else EVEN_COLOUR
        lines = [f"Net: {net_gain:+d} (joined {len(gained[org])}, left {len(lost[org])})"]
        if gained[org]:
            lines.append("Joined: " + ", ".join(sorted(gained[org])))
        if lost[org]:
            lines.append("Left: " + ", ".join(sorted(lost[org])))
        net.add_node(
            str(org),
            label=f"{facts.label(org)} ({net_gain:+d})",
            shape="dot",
            color=color,
            size=round(14 + 8 * math.sqrt(len(gained[org]) + len(lost[org])), 1),
            font={"size": 16, "face": "Helvetica, Arial, sans-serif", "strokeWidth": 3},
            kind="org",
            company=str(facts.top(org)),
            tip={"title": facts.label(org), "lines": lines},
        )
    for flow in flows:
        count = len(flow.moves)
        evidence, names = [], []
        for move in flow.moves:
            name = facts.label(move.person)
            when = display_date(move.date)
            names.append(
                f"{name}: {facts.label(move.from_org)} → {facts.label(move.to_org)}"
                + (f", {when}" if when else "")
            )
            evidence += [e.as_json() for e in facts.move_evidence.get(move.iri, [])]
        net.add_edge(
            str(flow.source),
            str(flow.target),
            id=f"flow|{flow.source}|{flow.target}",
            relation="flow",
            width=2 + 3 * count,
            label=str(count),
            font={"size": 14, "strokeWidth": 4, "align": "top"},
            color={"color": "#555555", "highlight": "#222222", "hover": "#222222"},
            arrows={"to": {"enabled": True, "scaleFactor": 0.8}},
            since="",
            tip={
                "title": f"{facts.label(flow.source)} → {facts.label(flow.target)}: "
                f"{count} {'person' if count == 1 else 'people'}",
                "lines": sorted(names),
                "evidence": evidence,
            },
        )
    net.options = vis_options(len(orgs))
    balance = sorted(
        (
            {
                "label": facts.label(org),
                "joined": len(gained[org]),
                "left": len(lost[org]),
                "net": f"{len(gained[org]) - len(lost[org]):+d}",
            }
            for org in orgs
        ),
        key=lambda row: (-(row["joined"] - row["left"]), row["label"]),
    )
    people = len({m.person for flow in flows for m in flow.moves})
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
            f"{sum(len(f.moves) for f in flows)} completed moves of {people} named people "
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
        sources=facts.sources,
    )
