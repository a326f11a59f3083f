"""The knowledge graph as networkx graphs: people and organisations, talent flows, hierarchy.

- ``person_org_graph``: a person → organisation multigraph, one edge per relation
  (``worksAt``, ``workedAt``, ``left``, ``leftFor``, ``alumnusOf``), each with its sources.
- ``org_flow_digraph``: organisation A → B weighted by the named people's moves from A to B,
  each edge carrying the people, move IRIs, dates and sources; at ``level="company"`` units
  are rolled up and moves inside a company are left out. Unknown destinations have no edge.
- ``hierarchy_tree``: parent → unit edges from ``tg:partOf`` (a forest: one tree per company).
- ``people_graph``: ``person_org_graph`` and ``hierarchy_tree`` as one undirected graph,
  structure only (the network whose betweenness ``graph.analysis.centrality`` measures).
- ``org_ties_graph``: undirected ties between organisations (shared people, ``partOf``,
  ``investsIn``), the input of community detection.

Node attributes: ``label``, ``kind`` (``person`` or ``org``), ``type`` (Person, Company, Lab,
University, Startup) and ``unnamed`` (an own venture with no name). List-valued attributes
are turned into text by ``graph.present.export`` for GraphML/GEXF.

>>> from graph.facts import Facts, Move
>>> facts = Facts(
...     labels={"ann": "Ann", "bo": "Bo", "a": "Acme", "b": "Beta", "c": "Core"},
...     people=["ann", "bo"],
...     org_classes={"a": "Company", "b": "Company", "c": "Company"},
...     moves=[
...         Move("m1", "ann", "Ann", "a", "b", None, "completed", ()),
...         Move("m2", "bo", "Bo", "b", "c", None, "completed", ()),
...     ],
... )
>>> org_flow_digraph(facts, level="company").edges["a", "b"]["people"]
['Ann']
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx

from graph.analysis.flows import check_status, org_at_level
from graph.facts import Facts


def person_org_graph(facts: Facts) -> nx.MultiDiGraph:
    """People and organisations, with one edge per direct relation (key = the relation)."""
    graph = nx.MultiDiGraph(name="people and organisations")
    _add_people(graph, facts)
    _add_orgs(graph, facts, facts.orgs)
    for relation in facts.person_org:
        graph.add_edge(
            relation.subject,
            relation.object,
            key=relation.predicate,
            relation=relation.predicate,
            sources=list(relation.sources),
        )
    return graph


def people_graph(facts: Facts) -> nx.Graph:
    """People and organisations, linked (undirected, once a pair) by any direct relation or
    ``tg:partOf``: the structure of ``person_org_graph`` and ``hierarchy_tree`` together,
    without their edges' data (ten times faster to build on a large graph).

    >>> from graph.facts import Relation
    >>> facts = Facts(labels={"ann": "Ann", "a": "Acme"}, people=["ann"],
    ...               person_org=[Relation("ann", "worksAt", "a", ())])
    >>> sorted(people_graph(facts).edges())
    [('ann', 'a')]
    """
    graph = nx.Graph(name="people and organisations")
    _add_people(graph, facts)
    _add_orgs(graph, facts, facts.orgs)
    graph.add_edges_from((relation.subject, relation.object) for relation in facts.person_org)
    hierarchy = (s for s in facts.statements if s.predicate == "partOf")
    graph.add_edges_from((statement.object, statement.subject) for statement in hierarchy)
    return graph


def org_flow_digraph(facts: Facts, *, level: str = "unit", status: str = "all") -> nx.DiGraph:
    """Organisation → organisation, weighted by moves of named people (``status`` filters)."""
    at_level = org_at_level(facts, level)
    check_status(status)
    graph = nx.DiGraph(name=f"talent flows ({level} level)")

    _add_orgs(graph, facts, sorted({at_level(org) for org in facts.orgs}))
    for move in sorted(facts.moves, key=lambda move: move.iri):
        if move.to_org is None or status not in ("all", move.status):
            continue
        origin, destination = at_level(move.from_org), at_level(move.to_org)
        if origin == destination:
            continue
        if not graph.has_edge(origin, destination):
            graph.add_edge(origin, destination, weight=0, people=[], moves=[], dates=[], sources=[])
        edge = graph.edges[origin, destination]
        edge["weight"] += 1
        edge["people"].append(move.person_label)
        edge["moves"].append(move.iri)
        edge["dates"].append(str(move.date) if move.date else "undated")
        edge["sources"] = sorted({*edge["sources"], *(e.source for e in move.evidence)})
    return graph


def hierarchy_tree(facts: Facts) -> nx.DiGraph:
    """Parent → unit edges from ``tg:partOf``; every organisation is a node."""
    graph = nx.DiGraph(name="organisation hierarchy")
    _add_orgs(graph, facts, facts.orgs)
    for statement in facts.statements:
        if statement.predicate == "partOf":
            graph.add_edge(statement.object, statement.subject, sources=list(statement.sources))
    return graph


def org_ties_graph(facts: Facts) -> nx.Graph:
    """Organisations tied by each person linked to both, by ``partOf`` and by ``investsIn``.

    An edge's ``weight`` is its number of ties and ``reasons`` says what they are.
    """
    graph = nx.Graph(name="organisation ties")
    _add_orgs(graph, facts, facts.orgs)
    reasons: dict[tuple[str, str], list[str]] = defaultdict(list)
    orgs_of: dict[str, set[str]] = defaultdict(set)
    for relation in facts.person_org:
        orgs_of[relation.subject].add(relation.object)
    for person in sorted(orgs_of):
        for pair in combinations(sorted(orgs_of[person]), 2):
            reasons[pair].append(facts.label(person))
    for statement in facts.statements:
        if statement.predicate in ("partOf", "investsIn"):
            first, second = sorted((statement.subject, statement.object))
            reasons[(first, second)].append(statement.predicate)
    for (first, second), why in sorted(reasons.items()):
        graph.add_edge(first, second, weight=len(why), reasons=why)
    return graph


def _add_people(graph: nx.Graph, facts: Facts) -> None:
    for person in facts.people:
        graph.add_node(person, label=facts.label(person), kind="person", type="Person")


def _add_orgs(graph: nx.Graph, facts: Facts, orgs: list[str]) -> None:
    for org in orgs:
        graph.add_node(
            org,
            label=facts.label(org),
            kind="org",
            type=facts.org_classes.get(org, "Organization"),
            unnamed=org in facts.unnamed,
        )
