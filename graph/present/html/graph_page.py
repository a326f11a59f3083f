"""The interactive HTML pages: the whole graph (``graph.html``) and the flows (``flows.html``).

Each page is one self-contained file that opens from disk with no network, built with pyvis
and rendered through an escaping template (see ``graph.present.html.page``). This module draws
the graph page; ``graph.present.html.flows_page`` draws the flows page.

>>> page = render_graph_page(Facts(), title="Empty <graph>")
>>> "<h1>Empty &lt;graph&gt;</h1>" in page
True
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from pyvis.network import Network

from graph.dates import StatedDate, describe_date
from graph.errors import RenderError
from graph.facts import Employment, Evidence, Facts
from graph.present.html.flows_page import render_flows_page
from graph.present.html.page import citation, cited_sources, fill_page, quotes, vis_options
from graph.present.tables import counted

DEFAULT_NODE_BUDGET = 1000


# Tableau 20, without its reds and greens (kept for the flows page's gain and loss).
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#b07aa1",
    "#76b7b2",
    "#edc948",
    "#9c755f",
    "#ff9da7",
    "#a0cbe8",
    "#ffbe7d",
    "#d4a6c8",
    "#86bcb6",
    "#f1ce63",
    "#d7b5a6",
    "#499894",
)
OTHER_COLOUR = "#bab0ac"
NO_EMPLOYER_COLOUR = "#d9d9d9"

# By the organisation classes of ``graph.vocab.ORG_CLASSES``; tg:Organization alone is a square.
ORG_SHAPES = {
    "Company": ("square", "Company"),
    "Lab": ("diamond", "Lab, division or team"),
    "University": ("triangle", "University"),
    "Startup": ("star", "Startup or own venture"),
}
PERSON_SHAPE = "dot"


@dataclass(frozen=True)
class Relation:
    """How one kind of edge is drawn and named on the graph page."""

    id: str
    label: str
    color: str
    # The direct triple drawn (local name in tg:), none for an announced move.
    predicate: str | None
    arrow: bool = False
    dashes: bool | list[int] = False
    width: float = 1.5


RELATIONS = (
    Relation("works_at", "works at", "#444444", "worksAt", width=2.5),
    Relation("worked_at", "worked at", "#8a8a8a", "workedAt", dashes=[6, 4]),
    Relation("left", "left", "#c97b7b", "left", dashes=[2, 4]),
    Relation("left_for", "left for (completed move)", "#d62728", "leftFor", arrow=True, width=3),
    Relation(
        "announced", "announced move to", "#ff7f0e", None, arrow=True, dashes=[8, 4], width=2.5
    ),
    Relation("part_of", "part of", "#4e79a7", "partOf", arrow=True, width=2),
    Relation("invests_in", "invests in", "#2ca02c", "investsIn", arrow=True, dashes=[10, 3]),
    Relation("studied_at", "studied at", "#8c6bb1", "alumnusOf", dashes=[1, 3]),
)
RELATION_BY_ID = {relation.id: relation for relation in RELATIONS}
RELATION_BY_PREDICATE = {
    relation.predicate: relation for relation in RELATIONS if relation.predicate
}


def write_html(
    facts: Facts,
    out_dir: Path,
    *,
    level: str = "company",
    node_budget: int = DEFAULT_NODE_BUDGET,
) -> list[Path]:
    """Write ``graph.html`` and ``flows.html`` into ``out_dir``; return their paths.

    The build publishes ``out_dir`` as a whole (``graph.publish``), so a failure leaves the
    previous pages untouched.
    """
    pages = {
        "graph.html": render_graph_page(facts, node_budget=node_budget),
        "flows.html": render_flows_page(facts, level=level),
    }
    written = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, html in pages.items():
            path = out_dir / name
            # Replaced, never written in place: when `render` republishes a build, out_dir
            # holds hard links to the published pages, which must not change until the swap.
            partial = out_dir / f".{name}.partial"
            partial.write_text(html, encoding="utf-8")
            os.replace(partial, path)
            written.append(path)
    except OSError as error:
        raise RenderError(f"{out_dir}: cannot write the HTML pages ({error.strerror})") from error
    return written


@dataclass
class GraphEdge:
    """One line on the graph page: a relation between two nodes and what supports it."""

    relation: str
    source: str
    target: str
    evidence: list[Evidence] = field(default_factory=list)
    dates: list[StatedDate] = field(default_factory=list)
    left_on: list[StatedDate] = field(default_factory=list)
    stated_in: list[str] = field(default_factory=list)


def graph_edges(facts: Facts) -> list[GraphEdge]:
    """The edges of the graph page, one per (relation, from, to), each with its evidence.

    A ``left`` edge is drawn only where no ``worked at`` edge joins the same two nodes (the
    ``worked at`` edge already shows it). Announced moves with a known destination are drawn
    as "announced move to"; completed moves are the ``left for`` edges.
    """
    edges: dict[tuple[str, str, str], GraphEdge] = {}

    def edge(relation: str, source: str, target: str) -> GraphEdge:
        key = (relation, source, target)
        if key not in edges:
            edges[key] = GraphEdge(relation, source, target)
        return edges[key]

    # Each source's citation, made once: an edge lists those of its sources.
    cited_as = {source: citation(facts, source)[0] for source in facts.publications}
    # alumnusOf is both a person-organisation edge and a quoted statement: one entry.
    direct = {(r.predicate, r.subject, r.object): r for r in (*facts.person_org, *facts.statements)}
    worked = {(subject, obj) for predicate, subject, obj in direct if predicate == "workedAt"}
    jobs: dict[tuple[str, str], list[Employment]] = defaultdict(list)
    for job in facts.employments:
        jobs[(job.person, job.org)].append(job)
    for (predicate, subject, obj), stated in sorted(direct.items()):
        relation = RELATION_BY_PREDICATE[predicate].id
        if relation == "left" and (subject, obj) in worked:
            continue
        found = edge(relation, subject, obj)
        found.stated_in = sorted(
            {cited_as[source] for source in stated.sources if source in cited_as}
        )
        if relation in ("works_at", "worked_at"):
            held = jobs.get((subject, obj), [])
            for job in held:
                found.evidence.extend(job.evidence)
            # One date per edge: the start of the first job (by IRI) that states one.
            found.dates.extend([job.start for job in held if job.start][:1])
        elif relation in ("part_of", "invests_in", "studied_at"):
            found.evidence.extend(stated.evidence)

    for move in facts.moves:
        dated = [move.date] if move.date is not None else []
        if move.status != "completed":
            if move.to_org is not None:
                announced = edge("announced", move.person, move.to_org)
                announced.evidence.extend(move.evidence)
                announced.dates.extend(dated)
            continue
        # The move's quotes go on its own edges; on "worked at" only where that edge stands in
        # for the "left" edge it hides. A job's edges keep the job's own quotes.
        targets = [("left", move.from_org), ("worked_at", move.from_org)]
        if ("left", move.person, move.from_org) in edges:
            targets = targets[:1]
        if move.to_org is not None:
            targets.append(("left_for", move.to_org))
        for relation, org in targets:
            key = (relation, move.person, org)
            if key in edges:
                edges[key].evidence.extend(move.evidence)
                if relation in ("left", "left_for"):
                    edges[key].dates.extend(dated)
                elif relation == "worked_at":
                    edges[key].left_on.extend(dated)
    return [edges[key] for key in sorted(edges)]


def render_graph_page(
    facts: Facts,
    *,
    node_budget: int = DEFAULT_NODE_BUDGET,
    title: str = "Talent Graph: who moves between AI labs",
) -> str:
    """The HTML of the whole graph: people, organisations and the relations between them.

    Above ``node_budget`` nodes the page keeps the most connected organisations (all of them
    when they take no more than half the budget, or leave room) and the people with the most
    links to those, and says on the page what it left out.
    """
    if node_budget < 1:
        raise RenderError(f"node budget must be at least 1, not {node_budget}")
    edges = graph_edges(facts)
    known_people = set(facts.people)
    orgs = sorted(
        set(facts.org_classes) | {e.target for e in edges if e.target not in known_people}
    )
    known_orgs = set(orgs)
    people = sorted(known_people | {e.source for e in edges if e.source not in known_orgs})

    whole = nx.Graph()
    whole.add_nodes_from(orgs + people)
    whole.add_edges_from((e.source, e.target) for e in edges)
    kept_orgs, kept_people = _within_budget(orgs, people, whole, node_budget)
    kept = set(kept_orgs) | set(kept_people)
    shown = [e for e in edges if e.source in kept and e.target in kept]
    notice = []
    if len(kept) < len(whole):
        notice.append(
            f"This graph has {len(people):,} people and {len(orgs):,} organisations, more than "
            f"the page draws quickly (node budget {node_budget:,}). Shown: the "
            f"{len(kept_orgs):,} most connected organisations and the {len(kept_people):,} "
            f"people with the most links to them. Left out: "
            f"{len(people) - len(kept_people):,} people, {len(orgs) - len(kept_orgs):,} "
            f"organisations and {len(edges) - len(shown):,} relations. A larger node budget "
            "draws more."
        )

    drawn = nx.Graph()
    drawn.add_nodes_from(kept)
    drawn.add_edges_from((e.source, e.target) for e in shown)
    colour, companies = _company_colours(facts, kept_orgs, shown)

    net = Network(directed=True, cdn_resources="in_line")
    for org in kept_orgs:
        shape, kind = ORG_SHAPES.get(facts.org_classes.get(org, ""), ("square", "Organisation"))
        degree = drawn.degree(org)
        net.add_node(
            str(org),
            label=facts.label(org),
            shape=shape,
            color=colour[facts.top(org)],
            size=round(12 + 6 * math.sqrt(degree), 1),
            font={"size": 16, "face": "Helvetica, Arial, sans-serif", "strokeWidth": 3},
            kind="org",
            company=str(facts.top(org)),
            tip=_org_tip(facts, org, kind, degree),
        )
    edges_from: dict[str, list[GraphEdge]] = defaultdict(list)
    for found in shown:
        edges_from[found.source].append(found)
    jobs_of: dict[str, list[Employment]] = defaultdict(list)
    for job in facts.employments:
        jobs_of[job.person].append(job)
    for person in kept_people:
        employers = sorted(e.target for e in edges_from[person] if e.relation == "works_at")
        net.add_node(
            str(person),
            label=facts.label(person),
            shape=PERSON_SHAPE,
            color=colour[facts.top(employers[0])] if employers else NO_EMPLOYER_COLOUR,
            size=12,
            font={"size": 14, "face": "Helvetica, Arial, sans-serif", "strokeWidth": 3},
            kind="person",
            company="",
            tip=_person_tip(facts, person, edges_from[person], jobs_of[person]),
        )
    for found in shown:
        relation = RELATION_BY_ID[found.relation]
        # The edge counts from the first day of its earliest dated period ("2019" from 1 January).
        since, since_label = min(
            ((_first_day(date), _stop_label(date)) for date in found.dates if date.year),
            default=("", ""),
        )
        net.add_edge(
            str(found.source),
            str(found.target),
            id=f"{found.relation}|{found.source}|{found.target}",
            relation=found.relation,
            color={"color": relation.color, "highlight": relation.color, "hover": relation.color},
            dashes=relation.dashes,
            width=relation.width,
            arrows={"to": {"enabled": relation.arrow, "scaleFactor": 0.7}},
            since=since,
            since_label=since_label,
            tip=_edge_tip(facts, found),
        )
    net.options = vis_options(len(kept))

    counts = {
        "people": len(kept_people),
        "organisations": len(kept_orgs),
        "moves": sum(1 for m in facts.moves if m.status == "completed"),
        "sources": len(facts.sources),
    }
    legend: list[dict[str, object]] = [
        {"kind": "node", "shape": PERSON_SHAPE, "color": NO_EMPLOYER_COLOUR, "label": "Person"}
    ]
    legend += [
        {"kind": "node", "shape": shape, "color": "#ffffff", "label": kind}
        for cls, (shape, kind) in ORG_SHAPES.items()
        if any(facts.org_classes.get(org) == cls for org in kept_orgs)
    ]
    legend += [
        {
            "kind": "edge",
            "color": relation.color,
            "dashes": bool(relation.dashes),
            "arrow": relation.arrow,
            "label": relation.label,
        }
        for relation in RELATIONS
        if any(e.relation == relation.id for e in shown)
    ]
    # The "As of" stops: every date the drawn lines state, at its precision, in time order.
    dates = [
        list(stop)
        for stop in sorted({(e["since"], e["since_label"]) for e in net.edges if e["since"]})
    ]
    return fill_page(
        net,
        page="graph",
        title=title,
        subtitle=(
            f"{counts['people']:,} people, {counts['organisations']:,} organisations and "
            f"{counts['moves']:,} completed moves, taken from "
            f"{counted(counts['sources'], 'source')}. "
            "Hover a node for names, aliases and roles; hover a line for the quotes behind it."
        ),
        legend=legend,
        companies=companies,
        colour_legend=[c for c in companies if c["color"] != OTHER_COLOUR]
        + [{"label": "other organisations", "color": OTHER_COLOUR}],
        relations=[r for r in RELATIONS if any(e.relation == r.id for e in shown)],
        dates=dates,
        undated=sum(1 for e in net.edges if not e["since"]),
        notice=notice,
        sources=cited_sources(facts),
    )


def _company_colours(
    facts: Facts, orgs: list[str], edges: list[GraphEdge]
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """A colour per top-level organisation, and the legend/filter entries for them.

    Groups of more than one node (units and current staff) get palette colours, biggest
    first; single organisations share a neutral colour, so the colours stay few and distinct.
    """
    members: dict[str, int] = defaultdict(int)
    for org in orgs:
        members[facts.top(org)] += 1
    for found in edges:
        if found.relation == "works_at":
            members[facts.top(found.target)] += 1
    ranked = sorted(members, key=lambda top: (-members[top], facts.label(top), top))
    groups = [top for top in ranked if members[top] > 1][: len(PALETTE)]
    colour = dict.fromkeys(members, OTHER_COLOUR)
    colour.update(zip(groups, PALETTE, strict=False))
    companies = [
        {"id": str(top), "label": facts.label(top), "color": colour[top]} for top in groups
    ]
    others = sorted((top for top in ranked if top not in groups), key=lambda t: (facts.label(t), t))
    companies += [{"id": str(t), "label": facts.label(t), "color": OTHER_COLOUR} for t in others]
    return colour, companies


def _within_budget(
    orgs: list[str], people: list[str], whole: nx.Graph, budget: int
) -> tuple[list[str], list[str]]:
    """The nodes to draw, sorted: all when they fit in ``budget``. Otherwise the organisations
    with the most links, up to half the budget (more when there are few people), then the
    people with the most links to those organisations, so that what is drawn is connected."""
    if len(orgs) + len(people) <= budget:
        return orgs, people

    def rank(node: str) -> tuple[int, str]:
        return (-whole.degree(node), str(node))

    kept_orgs = sorted(sorted(orgs, key=rank)[: max(budget // 2, budget - len(people))])
    shown = set(kept_orgs)

    def linked(person: str) -> tuple[int, int, str]:
        return (-sum(1 for node in whole[person] if node in shown), *rank(person))

    kept_people = sorted(sorted(people, key=linked)[: budget - len(kept_orgs)])
    return kept_orgs, kept_people


def _org_tip(facts: Facts, org: str, kind: str, degree: int) -> dict[str, Any]:
    lines = [kind]
    if facts.aliases.get(org):
        lines.append("Also known as: " + ", ".join(facts.aliases[org]))
    chain = [facts.label(parent) for parent in facts.ancestors(org)]
    if chain:
        lines.append("Part of: " + ", which is part of ".join(chain))
    lines.append(f"Connections on this page: {degree}")
    reported = {group.summary for group in facts.group_departures if group.from_org == org}
    lines += [f"Also reported: {text}" for text in sorted(reported)]
    return {"title": facts.label(org), "lines": lines}


def _person_tip(
    facts: Facts, person: str, edges: Iterable[GraphEdge], jobs: Iterable[Employment]
) -> dict[str, Any]:
    """The tooltip of ``person``: aliases, the page's ``edges`` from them, the roles of ``jobs``."""
    lines = ["Person"]
    if facts.aliases.get(person):
        lines.append("Also known as: " + ", ".join(facts.aliases[person]))
    by_relation: dict[str, list[str]] = defaultdict(list)
    for found in edges:
        by_relation[found.relation].append(facts.label(found.target))
    for relation in RELATIONS:
        if by_relation.get(relation.id):
            names = ", ".join(sorted(by_relation[relation.id]))
            lines.append(f"{relation.label.capitalize()}: {names}")
    held: dict[str, set[str]] = defaultdict(set)
    for job in jobs:
        held[job.org].update(job.roles)
    roles = [f"{role} ({facts.label(org)})" for org in sorted(held) for role in sorted(held[org])]
    if roles:
        lines.append("Roles: " + "; ".join(roles))
    return {"title": facts.label(person), "lines": lines}


def _edge_tip(facts: Facts, found: GraphEdge) -> dict[str, Any]:
    relation = RELATION_BY_ID[found.relation]
    lines = []
    dates = sorted({describe_date(d) for d in found.dates})
    if dates:
        lines.append("Date: " + ", ".join(dates))
    left_on = sorted({describe_date(d) for d in found.left_on})
    if left_on:
        lines.append("Left: " + ", ".join(left_on))
    if not found.evidence and found.stated_in:
        lines.append("Stated in: " + "; ".join(found.stated_in))
    return {
        "title": f"{facts.label(found.source)} — {relation.label} — {facts.label(found.target)}",
        "lines": lines,
        "evidence": quotes(facts, found.evidence),
    }


def _stop_label(date: StatedDate) -> str:
    """How the "As of" control names a date: with its precision when coarser than a day."""
    return {"year": f"{date} (year)", "month": f"{date} (month)"}.get(date.precision, str(date))


def _first_day(date: StatedDate) -> str:
    """The first day a stated date may mean (ISO), or ``""`` when its year is unknown."""
    bounds = date.bounds()
    return bounds[0].isoformat() if bounds else ""
