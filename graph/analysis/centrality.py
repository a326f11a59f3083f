"""Who the hubs are: degree, PageRank and betweenness, and communities of organisations.

Each measure is computed only on the graph where it means something:

- ``flows`` (organisation → organisation, weighted by moves; ``graph.analysis.networks``):
  degree = how many organisations an organisation exchanged people with; PageRank (weighted
  by moves) = where talent ends up, counting a gain more when it comes from an organisation
  that itself attracts talent; betweenness (directed) = stepping stones on the way from one
  organisation to another.
- ``people`` (the person-organisation graph joined with the ``partOf`` hierarchy, undirected):
  degree = organisations a person is linked to, or people and units an organisation is linked
  to; betweenness = the people and organisations that connect otherwise separate parts.
  PageRank is not computed there: on an undirected graph it only mirrors degree.

Betweenness is exact up to ``exact_limit`` nodes; above it, it is estimated from
``sample_size`` source nodes drawn with a fixed ``seed`` and the result says so.
Communities are found with Louvain (``networkx.community.louvain_communities``, fixed seed)
on the organisation ties graph (shared people, ``partOf``, ``investsIn``).

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
>>> result = hubs(facts, graph="flows", level="company")
>>> result.betweenness_method
'exact'
>>> max(result.scores, key=lambda score: score.betweenness).label  # Acme -> Beta -> Core
'Beta'
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from graph.analysis.networks import (
    org_flow_digraph,
    org_ties_graph,
    people_graph,
)
from graph.errors import InputError
from graph.facts import Facts, Relation

GRAPHS = ("flows", "people")
EXACT_LIMIT = 500
SAMPLE_SIZE = 200
SEED = 42


@dataclass(frozen=True)
class Score:
    """The centralities of one node and the links behind its degree."""

    node: str
    label: str
    kind: str
    degree: int
    pagerank: float | None
    betweenness: float
    links: list[dict[str, object]]

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict, links (people, moves, relations, sources) included."""
        return {
            "node": self.node,
            "label": self.label,
            "kind": self.kind,
            "degree": self.degree,
            "pagerank": self.pagerank,
            "betweenness": self.betweenness,
            "links": self.links,
        }


@dataclass
class Community:
    """A group of organisations more tied to each other than to the rest."""

    members: list[str]
    labels: list[str]
    ties: list[dict[str, object]] = field(default_factory=list)


@dataclass
class Hubs:
    """Centralities on one graph, how betweenness was computed, and the communities."""

    graph: str
    level: str
    scores: list[Score]
    nodes: int
    betweenness_method: str
    sample_size: int | None
    seed: int
    communities: list[Community]

    @property
    def method_note(self) -> str:
        """One line saying whether betweenness is exact or sampled."""
        if self.betweenness_method == "exact":
            return f"betweenness: exact over all {self.nodes} nodes"
        return (
            f"betweenness: SAMPLED from {self.sample_size} of {self.nodes} nodes "
            f"(seed {self.seed}); values are estimates"
        )

    def to_json(self) -> dict[str, object]:
        """Everything, for ``--format json``."""
        return {
            "graph": self.graph,
            "level": self.level if self.graph == "flows" else None,
            "nodes": self.nodes,
            "betweenness": {
                "method": self.betweenness_method,
                "sample_size": self.sample_size,
                "seed": self.seed if self.betweenness_method == "sampled" else None,
            },
            "scores": [score.to_json() for score in self.scores],
            "communities": [
                {"members": c.members, "labels": c.labels, "ties": c.ties} for c in self.communities
            ],
        }


def hubs(
    facts: Facts,
    *,
    graph: str = "flows",
    level: str = "company",
    status: str = "all",
    exact_limit: int = EXACT_LIMIT,
    sample_size: int = SAMPLE_SIZE,
    seed: int = SEED,
    backend: str | None = None,
    links: bool = True,
    communities: bool = True,
) -> Hubs:
    """Degree, PageRank (flows only) and betweenness of every linked node, and communities.

    Nodes with no link are not part of the network. Scores are sorted by PageRank (flows) or
    betweenness (people), then degree, then label. ``backend`` names a networkx backend to
    compute betweenness with (``parallel`` from nx-parallel uses every core), if installed.
    Without ``links``, the scores leave out the people, moves and sources behind each degree;
    without ``communities``, no communities are computed (the list is empty).
    """
    if graph not in GRAPHS:
        raise InputError(f"unknown graph {graph!r}; use one of {', '.join(GRAPHS)}")
    if graph == "flows":
        network: nx.Graph = org_flow_digraph(facts, level=level, status=status)
    else:
        network = people_graph(facts)
    # Organisations nobody moved between (or people with no relation) are not in the network.
    network.remove_nodes_from([node for node in list(network) if network.degree(node) == 0])
    size = network.number_of_nodes()
    pagerank = nx.pagerank(network, weight="weight") if graph == "flows" and size else {}
    sampled = size > exact_limit
    k = min(sample_size, size) if sampled else None
    scores_of = betweenness(network, k=k, seed=seed, backend=backend)
    relations = defaultdict(list)
    hierarchy = [statement for statement in facts.statements if statement.predicate == "partOf"]
    for relation in [*facts.person_org, *hierarchy]:
        relations[relation.subject].append(relation)
        relations[relation.object].append(relation)
    scores = []
    for node, data in network.nodes(data=True):
        degree = len(set(nx.all_neighbors(network, node)))
        scores.append(
            Score(
                node=node,
                label=data["label"],
                kind=data["kind"],
                degree=degree,
                pagerank=pagerank.get(node) if graph == "flows" else None,
                betweenness=scores_of[node],
                links=_links(network, node, facts, relations[node]) if links else [],
            )
        )
    first = "pagerank" if graph == "flows" else "betweenness"
    scores.sort(key=lambda s: (-(getattr(s, first) or 0), -s.degree, s.label, s.node))
    return Hubs(
        graph=graph,
        level=level,
        scores=scores,
        nodes=size,
        betweenness_method="sampled" if sampled else "exact",
        sample_size=k,
        seed=seed,
        communities=org_communities(facts, seed=seed) if communities else [],
    )


def betweenness(
    network: nx.Graph, *, k: int | None = None, seed: int = SEED, backend: str | None = None
) -> dict[str, float]:
    """The betweenness of every node of ``network``: normalised, endpoints left out, each edge
    a step. Exact, or with ``k`` estimated from ``k`` source nodes drawn with ``seed``.

    The values (and the sample) are those of networkx's ``betweenness_centrality``, computed by
    igraph, in C: on the people graph of a million triples, 0.09 s for 200 sources against
    5.5 s. With ``backend``, networkx computes them with that backend (if installed).

    >>> path = nx.path_graph(["a", "b", "c"])  # a - b - c: b is on the one path a .. c
    >>> betweenness(path)
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    if backend is not None:
        try:
            return nx.betweenness_centrality(
                network, k=k, seed=seed if k else None, backend=backend
            )
        except ImportError as error:
            raise InputError(
                f"the networkx backend {backend!r} cannot be used ({error}); install a version "
                "that loads, or leave out --backend (nx-parallel, the 'parallel' backend, needs "
                "Python 3.12 or later)"
            ) from None
    import igraph  # loaded only here: every command that shows a table imports this module

    directed = network.is_directed()
    if network.is_multigraph():  # networkx counts two parallel edges as one step, igraph twice
        network = nx.DiGraph(network) if directed else nx.Graph(network)
    nodes = list(network)
    index = {node: number for number, node in enumerate(nodes)}
    edges = [(index[a], index[b]) for a, b in network.edges()]
    # networkx draws its sample so: the same seed gives the same sources.
    sources = None if k is None else random.Random(seed).sample(nodes, k)
    raw = igraph.Graph(n=len(nodes), edges=edges, directed=directed).betweenness(
        directed=directed, sources=None if sources is None else [index[s] for s in sources]
    )
    # Normalised as networkx does: by the ordered pairs (s, t), s a source, that could pass
    # through the node (neither s nor t is the node itself). igraph counts a pair of an
    # undirected graph once, networkx both ways.
    pairs = len(nodes) - 2  # the targets t for each s
    if pairs < 1:
        return dict.fromkeys(nodes, 0.0)
    sampled = set(sources or ())
    by_source = k or len(nodes) - 1
    factor = 1.0 if directed else 2.0
    return {
        node: value * factor / ((by_source - (node in sampled)) * pairs) if value else 0.0
        for node, value in zip(nodes, raw, strict=True)
    }


def org_communities(facts: Facts, *, seed: int = SEED) -> list[Community]:
    """Louvain communities of the organisation ties graph with a fixed ``seed``.

    Largest first; organisations with no tie at all are left out.
    """
    ties = org_ties_graph(facts)
    ties.remove_nodes_from([node for node in list(ties) if ties.degree(node) == 0])
    if ties.number_of_edges() == 0:
        return []
    found = nx.community.louvain_communities(ties, weight="weight", seed=seed)
    communities = []
    for members in found:
        ordered = sorted(members, key=lambda node: (facts.label(node), node))
        inside = ties.subgraph(members)
        community_ties = [
            {
                "between": [facts.label(a), facts.label(b)],
                "reasons": inside.edges[a, b]["reasons"],
            }
            for a, b in sorted(tuple(sorted(edge)) for edge in inside.edges)
        ]
        communities.append(
            Community(ordered, [facts.label(node) for node in ordered], community_ties)
        )
    communities.sort(key=lambda c: (-len(c.members), c.labels))
    return communities


def _links(
    network: nx.Graph, node: str, facts: Facts, relations: list[Relation]
) -> list[dict[str, object]]:
    """What stands behind a node's degree: the moves (flows) or relations (people)."""
    links: list[dict[str, object]] = []
    if network.is_directed():
        for direction, edges in (
            ("out", network.out_edges(node, data=True)),
            ("in", network.in_edges(node, data=True)),
        ):
            for origin, destination, data in sorted(edges, key=lambda edge: edge[:2]):
                other = destination if direction == "out" else origin
                links.append(
                    {
                        "direction": direction,
                        "org": other,
                        "label": facts.label(other),
                        "people": data["people"],
                        "moves": data["moves"],
                        "sources": data["sources"],
                    }
                )
        return links
    for relation in relations:
        other = relation.object if node == relation.subject else relation.subject
        links.append(
            {
                "relation": relation.predicate,
                "node": other,
                "label": facts.label(other),
                "sources": list(relation.sources),
            }
        )
    return links
