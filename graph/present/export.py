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

from graph.analysis.networks import hierarchy_tree, org_flow_digraph, person_org_graph
from graph.errors import InputError
from graph.facts import Facts

EXPORT_FORMATS = ("graphml", "gexf")
FORMAT_NAMES = {"graphml": "GraphML", "gexf": "GEXF"}
EXPORT_GRAPHS = ("people", "flows", "hierarchy")


def export_network(
    facts: Facts,
    path: str | Path,
    *,
    fmt: str | None = None,
    graph: str = "people",
    level: str = "company",
    status: str = "all",
) -> tuple[Path, str]:
    """Write the ``graph`` (people, flows or hierarchy) to ``path``; return the path and format.

    The format is ``fmt``, or else the one ``path``'s extension names (``.graphml``,
    ``.gexf``); a format that contradicts the extension is refused. ``level`` and ``status``
    apply to the flow graph.
    """
    target = Path(path)
    fmt = export_format(target, fmt)
    if graph not in EXPORT_GRAPHS:
        raise InputError(f"unknown graph {graph!r}; use one of {', '.join(EXPORT_GRAPHS)}")
    if graph == "people":
        network: nx.Graph = person_org_graph(facts)
    elif graph == "flows":
        network = org_flow_digraph(facts, level=level, status=status)
    else:
        network = hierarchy_tree(facts)
    text = network_text(network, fmt=fmt)
    if not target.parent.is_dir():
        raise InputError(f"{target}: folder {target.parent} does not exist; create it first")
    target.write_text(text, encoding="utf-8")
    return target, fmt


def export_format(path: Path, fmt: str | None) -> str:
    """The format to write ``path`` in: ``fmt`` if given, else the one its extension names.

    >>> export_format(Path("flows.gexf"), None)
    'gexf'
    >>> export_format(Path("flows.gexf"), "graphml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.InputError: flows.gexf: the extension says GEXF but the format asked for is ...
    """
    named = path.suffix.lower().lstrip(".")
    if fmt is None:
        if named not in EXPORT_FORMATS:
            raise InputError(
                f"{path}: cannot tell the format from the extension; name the file .graphml or "
                ".gexf, or choose a format"
            )
        return named
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    if named in EXPORT_FORMATS and named != fmt:
        raise InputError(
            f"{path}: the extension says {FORMAT_NAMES[named]} but the format asked for is "
            f"{FORMAT_NAMES[fmt]}; make them agree"
        )
    return fmt


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
