"""The interactive HTML pages: the whole graph (``graph.html``) and the flows (``flows.html``).

Each page is one self-contained file that opens from disk with no network. It is built with
pyvis: a ``pyvis.network.Network`` holds the nodes, edges and vis-network options. It is NOT
rendered with pyvis's own template, which in pyvis 0.3.2 inserts the heading unescaped,
inserts node ids unescaped when the select menu is on, turns every tooltip into live HTML once
any title contains "href", and loads Bootstrap from a CDN. Our template
(``graph/assets/page.html.j2``) autoescapes every text, embeds the data as JSON (see
``graph.html_safety``), inlines vis-network from the pyvis wheel, and builds tooltips in the
browser with ``textContent``. The same dataset always gives the same bytes.

>>> from rdflib import Dataset
>>> page = render_graph_page(Dataset(default_union=True), title="Empty <graph>")
>>> "<h1>Empty &lt;graph&gt;</h1>" in page
True
"""

from __future__ import annotations

import calendar
import math
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader
from pyvis.network import Network
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from graph.dates import from_literal
from graph.errors import RenderError
from graph.html_safety import asset_code, script_json, vis_network_code
from graph.vocab import OA, TG

DEFAULT_NODE_BUDGET = 1000
LEVELS = ("company", "unit")

# Fixed layout seed so the browser draws the same picture each time the page opens.
LAYOUT_SEED = 7
# Physics iterations before the first draw: plenty for small graphs, bounded for large ones.
STABILIZATION_SMALL = 1000
STABILIZATION_LARGE = 150
LARGE_GRAPH = 200

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
GAIN_COLOUR = "#2ca02c"
LOSS_COLOUR = "#d62728"
EVEN_COLOUR = "#9e9e9e"

ORG_SHAPES = {
    TG.Company: ("square", "Company"),
    TG.Lab: ("diamond", "Lab, division or team"),
    TG.University: ("triangle", "University"),
    TG.Startup: ("star", "Startup or own venture"),
}
PERSON_SHAPE = "dot"


@dataclass(frozen=True)
class Relation:
    """How one kind of edge is drawn and named on the graph page."""

    id: str
    label: str
    color: str
    arrow: bool = False
    dashes: bool | list[int] = False
    width: float = 1.5


RELATIONS = (
    Relation("works_at", "works at", "#444444", width=2.5),
    Relation("worked_at", "worked at", "#8a8a8a", dashes=[6, 4]),
    Relation("left", "left", "#c97b7b", dashes=[2, 4]),
    Relation("left_for", "left for (completed move)", "#d62728", arrow=True, width=3),
    Relation("announced", "announced move to", "#ff7f0e", arrow=True, dashes=[8, 4], width=2.5),
    Relation("part_of", "part of", "#4e79a7", arrow=True, width=2),
    Relation("invests_in", "invests in", "#2ca02c", arrow=True, dashes=[10, 3]),
    Relation("studied_at", "studied at", "#8c6bb1", dashes=[1, 3]),
)
RELATION_BY_ID = {relation.id: relation for relation in RELATIONS}
_DIRECT_RELATIONS = {
    TG.worksAt: "works_at",
    TG.workedAt: "worked_at",
    TG.left: "left",
    TG.leftFor: "left_for",
    TG.partOf: "part_of",
    TG.investsIn: "invests_in",
    TG.alumnusOf: "studied_at",
}


def write_html(
    dataset: Dataset,
    out_dir: Path,
    *,
    level: str = "company",
    node_budget: int = DEFAULT_NODE_BUDGET,
) -> list[Path]:
    """Write ``graph.html`` and ``flows.html`` into ``out_dir``; return their paths.

    Each file is written to a temporary name first and then renamed, so a failure leaves
    the previous pages untouched.
    """
    pages = {
        "graph.html": render_graph_page(dataset, node_budget=node_budget),
        "flows.html": render_flows_page(dataset, level=level),
    }
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for name, html in pages.items():
            path = out_dir / name
            partial = out_dir / f".{name}.partial"
            partial.write_text(html, encoding="utf-8")
            os.replace(partial, path)
            written.append(path)
    except OSError as error:
        raise RenderError(f"{out_dir}: cannot write the HTML pages ({error.strerror})") from error
    return written


# --------------------------------------------------------------------------- reading the RDF


@dataclass(frozen=True)
class Evidence:
    """One quote behind a fact, with the article it comes from."""

    quote: str
    source: str
    date: str
    note: str = ""

    def as_json(self) -> dict[str, str]:
        return {"quote": self.quote, "source": self.source, "date": self.date, "note": self.note}


@dataclass(frozen=True)
class MoveRecord:
    """A ``tg:Move`` node: who, from where, to where (``None`` when unknown), when, status."""

    iri: URIRef
    person: URIRef
    from_org: URIRef
    to_org: URIRef | None
    date: Literal | None
    completed: bool


@dataclass
class Facts:
    """What the pages need from the dataset, read once and sorted."""

    labels: dict[URIRef, str] = field(default_factory=dict)
    aliases: dict[URIRef, list[str]] = field(default_factory=dict)
    people: list[URIRef] = field(default_factory=list)
    org_class: dict[URIRef, URIRef] = field(default_factory=dict)
    parent: dict[URIRef, URIRef] = field(default_factory=dict)
    moves: list[MoveRecord] = field(default_factory=list)
    roles: dict[tuple[URIRef, URIRef], list[str]] = field(default_factory=dict)
    starts: dict[tuple[URIRef, URIRef], Literal] = field(default_factory=dict)
    employment_evidence: dict[tuple[URIRef, URIRef], list[Evidence]] = field(default_factory=dict)
    move_evidence: dict[URIRef, list[Evidence]] = field(default_factory=dict)
    statement_evidence: dict[tuple[URIRef, URIRef, URIRef], list[Evidence]] = field(
        default_factory=dict
    )
    direct: list[tuple[str, URIRef, URIRef]] = field(default_factory=list)
    stated_in: dict[tuple[URIRef, URIRef, URIRef], list[str]] = field(default_factory=dict)
    group_departures: dict[URIRef, list[str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def label(self, iri: URIRef) -> str:
        return self.labels.get(iri) or str(iri).rsplit("/", 1)[-1]

    def top(self, org: URIRef) -> URIRef:
        """The top-level organisation above ``org`` (itself when it has no parent)."""
        seen = {org}
        while org in self.parent and self.parent[org] not in seen:
            org = self.parent[org]
            seen.add(org)
        return org


_EVIDENCE_QUERY = """
SELECT DISTINCT ?body ?quote ?source ?note WHERE {
    ?annotation a oa:Annotation ; oa:hasBody ?body ; oa:hasTarget ?target .
    ?target oa:hasSource ?source ; oa:hasSelector ?selector .
    ?selector a oa:TextQuoteSelector ; oa:exact ?quote .
    OPTIONAL { ?annotation skos:editorialNote ?note }
}
"""


def read_facts(dataset: Dataset) -> Facts:
    """Read labels, organisations, moves, jobs, direct relations and evidence from ``dataset``."""
    facts = Facts()
    for subject, label in dataset.subject_objects(RDFS.label):
        if isinstance(subject, URIRef):
            facts.labels[subject] = str(label)
    aliases: dict[URIRef, set[str]] = defaultdict(set)
    for subject, alias in dataset.subject_objects(SKOS.altLabel):
        aliases[subject].add(str(alias))
    facts.aliases = {iri: sorted(names) for iri, names in aliases.items()}
    facts.people = sorted(set(dataset.subjects(RDF.type, TG.Person)))
    for cls in ORG_SHAPES:
        for org in dataset.subjects(RDF.type, cls):
            facts.org_class[org] = cls
    for child, parent in sorted(set(dataset.subject_objects(TG.partOf))):
        facts.parent.setdefault(child, parent)

    source_names = _source_names(dataset)
    facts.sources = sorted(
        f"{title}, {date}" if date else title for title, date in source_names.values()
    )
    evidence: dict[Any, set[Evidence]] = defaultdict(set)
    for body, quote, source, note in dataset.query(
        _EVIDENCE_QUERY, initNs={"oa": OA, "skos": SKOS}
    ):
        title, date = source_names.get(source, (str(source), ""))
        evidence[body].add(Evidence(str(quote), title, date, str(note or "")))

    for move in sorted(set(dataset.subjects(RDF.type, TG.Move))):
        record = MoveRecord(
            iri=move,
            person=dataset.value(move, TG.person),
            from_org=dataset.value(move, TG.fromOrg),
            to_org=dataset.value(move, TG.toOrg),
            date=dataset.value(move, TG.date),
            completed=dataset.value(move, TG.status) == TG.Completed,
        )
        facts.moves.append(record)
        facts.move_evidence[move] = sorted(evidence.get(move, ()), key=_evidence_order)

    employment_evidence: dict[tuple[URIRef, URIRef], set[Evidence]] = defaultdict(set)
    roles: dict[tuple[URIRef, URIRef], set[str]] = defaultdict(set)
    for job in sorted(set(dataset.subjects(RDF.type, TG.Employment))):
        key = (dataset.value(job, TG.person), dataset.value(job, TG.org))
        roles[key].update(str(role) for role in dataset.objects(job, TG.role))
        employment_evidence[key].update(evidence.get(job, ()))
        start = dataset.value(job, TG.startDate)
        if start is not None:
            facts.starts.setdefault(key, start)
    facts.roles = {key: sorted(names) for key, names in roles.items() if names}
    facts.employment_evidence = {
        key: sorted(found, key=_evidence_order) for key, found in employment_evidence.items()
    }

    for statement in set(dataset.subjects(RDF.type, RDF.Statement)):
        key = (
            dataset.value(statement, RDF.subject),
            dataset.value(statement, RDF.predicate),
            dataset.value(statement, RDF.object),
        )
        found = facts.statement_evidence.setdefault(key, [])
        found.extend(evidence.get(statement, ()))
    for key, found in facts.statement_evidence.items():
        facts.statement_evidence[key] = sorted(set(found), key=_evidence_order)

    direct = set()
    stated_in: dict[tuple[URIRef, URIRef, URIRef], set[str]] = defaultdict(set)
    for graph in dataset.graphs():
        for predicate, relation in _DIRECT_RELATIONS.items():
            for subject, obj in graph.subject_objects(predicate):
                direct.add((relation, subject, obj))
                if graph.identifier in source_names:
                    stated_in[(subject, predicate, obj)].add(source_names[graph.identifier][0])
    facts.direct = sorted(direct)
    facts.stated_in = {key: sorted(names) for key, names in stated_in.items()}

    groups: dict[URIRef, set[str]] = defaultdict(set)
    for group in set(dataset.subjects(RDF.type, TG.GroupDeparture)):
        org = dataset.value(group, TG.fromOrg)
        description = str(dataset.value(group, DCTERMS.description) or "unnamed people left")
        size = dataset.value(group, TG.size)
        announced = dataset.value(group, TG.status) == TG.Announced
        text = description + (f" ({size} people)" if size is not None else "")
        groups[org].add(text + (" (announced)" if announced else ""))
    facts.group_departures = {org: sorted(texts) for org, texts in groups.items()}
    return facts


def _source_names(dataset: Dataset) -> dict[URIRef, tuple[str, str]]:
    """Each source's display title (with publisher) and its date, as stated."""
    names = {}
    for source in set(dataset.subjects(RDF.type, TG.Source)):
        title = str(dataset.value(source, DCTERMS.title) or source)
        publisher = dataset.value(source, DCTERMS.publisher)
        if publisher is not None:
            title += f" ({publisher})"
        date = dataset.value(source, DCTERMS.date)
        names[source] = (title, display_date(date) if date is not None else "")
    return names


def _evidence_order(evidence: Evidence) -> tuple[str, str, str]:
    return (evidence.source, evidence.quote, evidence.note)


def display_date(literal: Literal | None) -> str:
    """A date as a reader should see it, at the precision the source gives.

    >>> from graph.dates import parse_stated_date
    >>> display_date(parse_stated_date("--02").literal())
    'February (year not stated)'
    >>> display_date(parse_stated_date("2023-03").literal())
    '2023-03'
    """
    if literal is None:
        return ""
    try:
        stated = from_literal(literal)
    except ValueError:
        return str(literal)
    if stated.year is None:
        return f"{calendar.month_name[stated.month]} (year not stated)"
    return str(stated)


def _first_day(literal: Literal | None) -> str:
    """The first day a stated date may mean (ISO), or ``""`` when its year is unknown."""
    if literal is None:
        return ""
    try:
        bounds = from_literal(literal).bounds()
    except ValueError:
        return ""
    return bounds[0].isoformat() if bounds else ""


# --------------------------------------------------------------------------- the graph page


@dataclass
class GraphEdge:
    """One line on the graph page: a relation between two nodes and what supports it."""

    relation: str
    source: URIRef
    target: URIRef
    evidence: list[Evidence] = field(default_factory=list)
    dates: list[Literal] = field(default_factory=list)
    left_on: list[Literal] = field(default_factory=list)
    stated_in: list[str] = field(default_factory=list)


def graph_edges(facts: Facts) -> list[GraphEdge]:
    """The edges of the graph page, one per (relation, from, to), each with its evidence.

    A ``left`` edge is drawn only where no ``worked at`` edge joins the same two nodes (the
    ``worked at`` edge already shows it). Announced moves with a known destination are drawn
    as "announced move to"; completed moves are the ``left for`` edges.
    """
    edges: dict[tuple[str, URIRef, URIRef], GraphEdge] = {}

    def edge(relation: str, source: URIRef, target: URIRef) -> GraphEdge:
        key = (relation, source, target)
        if key not in edges:
            edges[key] = GraphEdge(relation, source, target)
        return edges[key]

    worked = {(s, o) for relation, s, o in facts.direct if relation == "worked_at"}
    predicates = {relation: predicate for predicate, relation in _DIRECT_RELATIONS.items()}
    for relation, subject, obj in facts.direct:
        if relation == "left" and (subject, obj) in worked:
            continue
        found = edge(relation, subject, obj)
        found.stated_in = facts.stated_in.get((subject, predicates[relation], obj), [])
        if relation in ("works_at", "worked_at"):
            found.evidence.extend(facts.employment_evidence.get((subject, obj), []))
            start = facts.starts.get((subject, obj))
            if start is not None:
                found.dates.append(start)
        elif relation in ("part_of", "invests_in", "studied_at"):
            key = (subject, predicates[relation], obj)
            found.evidence.extend(facts.statement_evidence.get(key, []))

    for move in facts.moves:
        evidence = facts.move_evidence.get(move.iri, [])
        dated = [move.date] if move.date is not None else []
        if not move.completed:
            if move.to_org is not None:
                announced = edge("announced", move.person, move.to_org)
                announced.evidence.extend(evidence)
                announced.dates.extend(dated)
            continue
        targets = [("left", move.from_org), ("worked_at", move.from_org)]
        if move.to_org is not None:
            targets += [("left_for", move.to_org), ("works_at", move.to_org)]
        for relation, org in targets:
            key = (relation, move.person, org)
            if key in edges:
                edges[key].evidence.extend(evidence)
                if relation in ("left", "left_for"):
                    edges[key].dates.extend(dated)
                elif relation == "worked_at":
                    edges[key].left_on.extend(dated)
    for found in edges.values():
        found.evidence = sorted(set(found.evidence), key=_evidence_order)
    return [edges[key] for key in sorted(edges)]


def render_graph_page(
    dataset: Dataset,
    *,
    node_budget: int = DEFAULT_NODE_BUDGET,
    title: str = "Talent Graph: who moves between AI labs",
) -> str:
    """The HTML of the whole graph: people, organisations and the relations between them.

    Above ``node_budget`` nodes the page keeps the organisations and the most connected
    people (degree centrality) and says on the page what it left out.
    """
    if node_budget < 1:
        raise RenderError(f"node budget must be at least 1, not {node_budget}")
    facts = read_facts(dataset)
    edges = graph_edges(facts)
    orgs = sorted(set(facts.org_class) | {e.target for e in edges if e.target not in facts.people})
    people = sorted(set(facts.people) | {e.source for e in edges if e.source not in orgs})

    whole = nx.Graph()
    whole.add_nodes_from(orgs + people)
    whole.add_edges_from((e.source, e.target) for e in edges)
    centrality = nx.degree_centrality(whole) if len(whole) > 1 else dict.fromkeys(whole, 0.0)
    kept_orgs, kept_people = _within_budget(orgs, people, centrality, node_budget)
    kept = set(kept_orgs) | set(kept_people)
    shown = [e for e in edges if e.source in kept and e.target in kept]
    notice = []
    if len(kept) < len(whole):
        notice.append(
            f"This graph has {len(people)} people and {len(orgs)} organisations, more than the "
            f"page draws quickly (node budget {node_budget}). Shown: {len(kept_orgs)} "
            f"organisations and the {len(kept_people)} most connected people (degree "
            f"centrality). Left out: {len(people) - len(kept_people)} people, "
            f"{len(orgs) - len(kept_orgs)} organisations and {len(edges) - len(shown)} "
            "relations. Run `talentgraph render --node-budget N` to change the budget."
        )

    drawn = nx.Graph()
    drawn.add_nodes_from(kept)
    drawn.add_edges_from((e.source, e.target) for e in shown)
    colour, companies = _company_colours(facts, kept_orgs, shown)

    net = Network(directed=True, cdn_resources="in_line")
    for org in kept_orgs:
        shape, kind = ORG_SHAPES.get(facts.org_class.get(org), ("square", "Organisation"))
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
    for person in kept_people:
        employers = sorted(
            e.target for e in shown if e.source == person and e.relation == "works_at"
        )
        net.add_node(
            str(person),
            label=facts.label(person),
            shape=PERSON_SHAPE,
            color=colour[facts.top(employers[0])] if employers else NO_EMPLOYER_COLOUR,
            size=12,
            font={"size": 14, "face": "Helvetica, Arial, sans-serif", "strokeWidth": 3},
            kind="person",
            company="",
            tip=_person_tip(facts, person, shown),
        )
    for found in shown:
        relation = RELATION_BY_ID[found.relation]
        since = min((d for d in map(_first_day, found.dates) if d), default="")
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
            tip=_edge_tip(facts, found),
        )
    net.options = _options(len(kept))

    counts = {
        "people": len(kept_people),
        "organisations": len(kept_orgs),
        "moves": sum(1 for m in facts.moves if m.completed),
        "sources": len(facts.sources),
    }
    legend = [
        {"kind": "node", "shape": PERSON_SHAPE, "color": NO_EMPLOYER_COLOUR, "label": "Person"}
    ] + [
        {"kind": "node", "shape": shape, "color": "#ffffff", "label": kind}
        for cls, (shape, kind) in ORG_SHAPES.items()
        if any(facts.org_class.get(org) == cls for org in kept_orgs)
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
    dates = sorted({e["since"] for e in net.edges if e["since"]})
    return _page(
        net,
        page="graph",
        title=title,
        subtitle=(
            f"{counts['people']} people, {counts['organisations']} organisations and "
            f"{counts['moves']} completed moves, taken from {counts['sources']} news articles. "
            "Hover a node for names, aliases and roles; hover a line for the quotes behind it."
        ),
        legend=legend,
        companies=companies,
        colour_legend=[c for c in companies if c["color"] != OTHER_COLOUR]
        + [{"label": "other organisations", "color": OTHER_COLOUR}],
        relations=[r for r in RELATIONS if any(e.relation == r.id for e in shown)],
        dates=dates,
        notice=notice,
        sources=facts.sources,
    )


def _company_colours(
    facts: Facts, orgs: list[URIRef], edges: list[GraphEdge]
) -> tuple[dict[URIRef, str], list[dict[str, str]]]:
    """A colour per top-level organisation, and the legend/filter entries for them.

    Groups of more than one node (units and current staff) get palette colours, biggest
    first; single organisations share a neutral colour, so the colours stay few and distinct.
    """
    members: dict[URIRef, int] = defaultdict(int)
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
    orgs: list[URIRef], people: list[URIRef], centrality: dict[URIRef, float], budget: int
) -> tuple[list[URIRef], list[URIRef]]:
    """All organisations and the most central people that fit in ``budget`` nodes (sorted)."""
    if len(orgs) + len(people) <= budget:
        return orgs, people

    def rank(node: URIRef) -> tuple[float, str]:
        return (-centrality.get(node, 0.0), str(node))

    kept_orgs = sorted(sorted(orgs, key=rank)[:budget])
    kept_people = sorted(sorted(people, key=rank)[: budget - len(kept_orgs)])
    return kept_orgs, kept_people


def _org_tip(facts: Facts, org: URIRef, kind: str, degree: int) -> dict[str, Any]:
    lines = [kind]
    if facts.aliases.get(org):
        lines.append("Also known as: " + ", ".join(facts.aliases[org]))
    chain, seen = [], {org}
    current = org
    while current in facts.parent and facts.parent[current] not in seen:
        current = facts.parent[current]
        seen.add(current)
        chain.append(facts.label(current))
    if chain:
        lines.append("Part of: " + ", which is part of ".join(chain))
    lines.append(f"Connections on this page: {degree}")
    lines += [f"Also reported: {text}" for text in facts.group_departures.get(org, [])]
    return {"title": facts.label(org), "lines": lines}


def _person_tip(facts: Facts, person: URIRef, edges: Iterable[GraphEdge]) -> dict[str, Any]:
    lines = ["Person"]
    if facts.aliases.get(person):
        lines.append("Also known as: " + ", ".join(facts.aliases[person]))
    by_relation: dict[str, list[str]] = defaultdict(list)
    for found in edges:
        if found.source == person:
            by_relation[found.relation].append(facts.label(found.target))
    for relation in RELATIONS:
        if by_relation.get(relation.id):
            names = ", ".join(sorted(by_relation[relation.id]))
            lines.append(f"{relation.label.capitalize()}: {names}")
    roles = [
        f"{role} ({facts.label(org)})"
        for (who, org), names in sorted(facts.roles.items())
        if who == person
        for role in names
    ]
    if roles:
        lines.append("Roles: " + "; ".join(roles))
    return {"title": facts.label(person), "lines": lines}


def _edge_tip(facts: Facts, found: GraphEdge) -> dict[str, Any]:
    relation = RELATION_BY_ID[found.relation]
    lines = []
    dates = sorted({display_date(d) for d in found.dates})
    if dates:
        lines.append("Date: " + ", ".join(dates))
    left_on = sorted({display_date(d) for d in found.left_on})
    if left_on:
        lines.append("Left: " + ", ".join(left_on))
    if not found.evidence and found.stated_in:
        lines.append("Stated in: " + "; ".join(found.stated_in))
    return {
        "title": f"{facts.label(found.source)} — {relation.label} — {facts.label(found.target)}",
        "lines": lines,
        "evidence": [e.as_json() for e in found.evidence],
    }


def _options(node_count: int) -> dict[str, Any]:
    """vis-network options: fixed seed, bounded stabilisation, physics off once settled."""
    large = node_count > LARGE_GRAPH
    return {
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": not large},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "springLength": 110,
                "avoidOverlap": 0.4,
            },
            "stabilization": {
                "enabled": True,
                "iterations": STABILIZATION_LARGE if large else STABILIZATION_SMALL,
                "updateInterval": 25,
                "fit": True,
            },
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "keyboard": False},
        "edges": {"smooth": False if large else {"type": "continuous"}},
    }


# --------------------------------------------------------------------------- the flows page


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
    net.options = _options(len(orgs))
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
    return _page(
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


# --------------------------------------------------------------------------- the page itself


def _page(net: Network, **context: Any) -> str:
    """Fill the template with the network's data; every text is escaped by Jinja or JSON."""
    nodes, edges, _heading, _height, _width, _options_json = net.get_network_data()
    vis_js, vis_css = vis_network_code()
    environment = Environment(
        loader=PackageLoader("graph", "assets"),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    data = {
        "page": context["page"],
        "nodes": nodes,
        "edges": edges,
        "dates": context["dates"],
        "counts": {"nodes": len(nodes), "edges": len(edges)},
    }
    return environment.get_template("page.html.j2").render(
        data_json=script_json(data),
        options_json=script_json(net.options),
        vis_js=vis_js,
        vis_css=vis_css,
        page_js=asset_code("page.js"),
        page_css=asset_code("page.css"),
        **context,
    )
