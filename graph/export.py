"""Write the networks as GraphML or GEXF for Gephi, Cytoscape and other network tools.

List-valued attributes (people, moves, dates, sources) become text joined by ``"; "``;
GEXF's "last modified" date is left out so the same graph gives the same bytes.

>>> import networkx as nx
>>> graph = nx.DiGraph()
>>> graph.add_edge("a", "b", people=["Lin Junyang", "Bo Liefeng"])
>>> "Lin Junyang; Bo Liefeng" in network_text(graph, fmt="graphml")
True
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from graph.errors import InputError
from graph.facts import Facts
from graph.networks import hierarchy_tree, org_flow_digraph, person_org_graph

EXPORT_FORMATS = ("graphml", "gexf")
EXPORT_GRAPHS = ("people", "flows", "hierarchy")


def export_network(
    facts: Facts,
    path: str | Path,
    *,
    fmt: str = "graphml",
    graph: str = "people",
    level: str = "company",
    status: str = "all",
) -> Path:
    """Write the ``graph`` (people, flows or hierarchy) to ``path`` in ``fmt``; return the path.

    ``level`` and ``status`` apply to the flow graph.
    """
    if graph not in EXPORT_GRAPHS:
        raise InputError(f"unknown graph {graph!r}; use one of {', '.join(EXPORT_GRAPHS)}")
    if graph == "people":
        network: nx.Graph = person_org_graph(facts)
    elif graph == "flows":
        network = org_flow_digraph(facts, level=level, status=status)
    else:
        network = hierarchy_tree(facts)
    text = network_text(network, fmt=fmt)
    target = Path(path)
    if not target.parent.is_dir():
        raise InputError(f"{target}: folder {target.parent} does not exist; create it first")
    target.write_text(text, encoding="utf-8")
    return target


def network_text(network: nx.Graph, *, fmt: str) -> str:
    """``network`` as GraphML or GEXF text, with list attributes flattened to text."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    flat = network.copy()
    flat.graph = {key: _flat(value) for key, value in network.graph.items()}
    for _, data in flat.nodes(data=True):
        data.update({key: _flat(value) for key, value in data.items()})
    for *_, data in flat.edges(data=True):
        data.update({key: _flat(value) for key, value in data.items()})
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(flat)) + "\n"
    text = "\n".join(nx.generate_gexf(flat)) + "\n"
    return re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)


def _flat(value: object) -> object:
    if isinstance(value, list | tuple | set):
        return "; ".join(str(item) for item in value)
    return "" if value is None else value
