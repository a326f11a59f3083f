"""Writing the dataset as RDF files: N-Quads first, then TriG, Turtle, N-Triples and JSON-LD.

``write_nquads`` puts every quad of the build in one N-Quads file, graph by graph: the default
graph (the registry) and the curated sources' graphs with their lines sorted, then the imports'
lines in the order they are generated. The store is loaded from that file, and ``write_rdf``
streams it through Oxigraph's writers, which keep every literal's datatype (the store itself
reads ``xsd:nonNegativeInteger`` as ``xsd:integer``) and write in the order they read, so
the same seeds give the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph
from rdflib import Dataset

from graph.vocab import PREFIXES

BASENAME = "talentgraph"
PREFIX_LINES = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in sorted(PREFIXES.items()))


def write_nquads(dataset: Dataset, more: Iterable[str], path: Path) -> Path:
    """Write the quads of ``dataset``, then the N-Quads text ``more``, to ``path``.

    ``more`` (the imports' quads, possibly millions) is streamed, never held whole.
    """
    graphs = sorted(
        (graph for graph in dataset.graphs() if len(graph)),
        key=lambda graph: (graph != dataset.default_graph, str(graph.identifier)),
    )
    with path.open("wb") as stream:
        for graph in graphs:
            named = graph != dataset.default_graph
            end = f" <{graph.identifier}> .\n".encode() if named else b" .\n"
            lines = graph.serialize(format="nt", encoding="utf-8").splitlines()
            stream.writelines(line.removesuffix(b" .") + end for line in sorted(set(lines)) if line)
        for text in more:
            stream.write(text.encode("utf-8"))
    return path


def write_rdf(nquads: Path, folder: Path) -> list[Path]:
    """Write TriG (all graphs), Turtle and N-Triples (their union) and JSON-LD into ``folder``.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "all.nq").write_text("<urn:a> <urn:b> <urn:c> <urn:g> .\\n")
    >>> [p.name for p in write_rdf(folder / "all.nq", folder)]
    ['talentgraph.trig', 'talentgraph.ttl', 'talentgraph.nt', 'talentgraph.jsonld']
    """
    paths = [folder / f"{BASENAME}.{extension}" for extension in ("trig", "ttl", "nt", "jsonld")]
    trig, turtle, ntriples, jsonld = paths
    _with_prefixes(trig, pyoxigraph.RdfFormat.TRIG, _quads(nquads))
    pyoxigraph.serialize(_quads(nquads), str(jsonld), pyoxigraph.RdfFormat.JSON_LD)
    union = list(dict.fromkeys(quad.triple for quad in _quads(nquads)))
    _with_prefixes(turtle, pyoxigraph.RdfFormat.TURTLE, union)
    pyoxigraph.serialize(union, str(ntriples), pyoxigraph.RdfFormat.N_TRIPLES)
    return paths


def _quads(nquads: Path) -> Iterable[pyoxigraph.Quad]:
    return pyoxigraph.parse(path=nquads, format=pyoxigraph.RdfFormat.N_QUADS)


def _with_prefixes(path: Path, form: pyoxigraph.RdfFormat, data: Iterable) -> None:
    """Serialise with the project's prefixes, declared in a stable order (Oxigraph's is not)."""
    text = pyoxigraph.serialize(data, None, form, prefixes=dict(PREFIXES))
    assert text is not None
    body = b"".join(
        line for line in text.splitlines(keepends=True) if not line.startswith(b"@prefix ")
    )
    with path.open("wb") as stream:
        stream.write(PREFIX_LINES.encode())
        stream.write(body)
