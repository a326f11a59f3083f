"""Writing the dataset as canonical, diffable RDF files: the same input, the same bytes.

rdflib sorts subjects within one graph but not the order of named graphs (nor JSON-LD
nodes), so TriG is assembled graph by graph in sorted order and JSON-LD is sorted after.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph

from graph.vocab import PREFIXES

BASENAME = "talentgraph"


def write_rdf(dataset: Dataset, folder: Path) -> list[Path]:
    """Write TriG (all graphs), Turtle (merged), N-Triples and JSON-LD into ``folder``.

    >>> import tempfile
    >>> from rdflib import URIRef
    >>> dataset = Dataset()
    >>> _ = dataset.graph(URIRef("urn:g")).add((URIRef("urn:a"), URIRef("urn:b"), URIRef("urn:c")))
    >>> [p.name for p in write_rdf(dataset, Path(tempfile.mkdtemp()))]
    ['talentgraph.trig', 'talentgraph.ttl', 'talentgraph.nt', 'talentgraph.jsonld']
    """
    merged = _bound(Graph())
    for triple in dataset.triples((None, None, None)):
        merged.add(triple)
    outputs = {
        "trig": to_trig(dataset),
        "ttl": merged.serialize(format="longturtle"),
        "nt": "".join(sorted(set(merged.serialize(format="nt").splitlines(keepends=True)))),
        "jsonld": to_jsonld(dataset),
    }
    paths = []
    for extension, text in outputs.items():
        path = folder / f"{BASENAME}.{extension}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def to_trig(dataset: Dataset) -> str:
    """TriG with the prefixes once, then the default graph, then named graphs by IRI."""
    prefixes = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items()))
    blocks = [prefixes]
    graphs = sorted(
        (g for g in dataset.graphs() if len(g)),
        key=lambda g: (g != dataset.default_graph, g.identifier),
    )
    names = _bound(Graph()).namespace_manager
    for graph in graphs:
        body = _statements(_bound(Graph()).__iadd__(graph))
        if graph == dataset.default_graph:
            blocks.append(body)
        else:  # not indented: that would change the text of multi-line literals
            blocks.append(f"{graph.identifier.n3(names)} {{\n{body}}}\n")
    return "\n".join(blocks)


def to_jsonld(dataset: Dataset) -> str:
    """JSON-LD of every graph, compacted with the project's prefixes, in a stable order."""
    document = json.loads(dataset.serialize(format="json-ld", context=dict(PREFIXES)))
    # rdflib writes the default graph as a graph object without "@id", which JSON-LD
    # readers take for a blank-node named graph: lift its nodes to the top level.
    top: list[Any] = []
    for entry in document["@graph"]:
        top.extend(entry["@graph"] if "@id" not in entry else [entry])
    document["@graph"] = top
    return json.dumps(_sorted(document), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _bound(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def _statements(graph: Graph) -> str:
    """The graph as sorted Turtle statements, without the prefix lines."""
    text = graph.serialize(format="longturtle")
    return "".join(line for line in text.splitlines(True) if not line.startswith("PREFIX "))


def _sorted(value: Any) -> Any:
    """Sort every JSON array; the data holds no RDF lists, so array order carries no meaning."""
    if isinstance(value, dict):
        return {key: _sorted(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value
