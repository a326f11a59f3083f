"""Validating the built dataset against the SHACL shapes in ``ontology/shapes.ttl``."""

from __future__ import annotations

from pathlib import Path

from pyshacl import validate
from rdflib import Dataset, Graph

from graph.errors import ShapeError

ONTOLOGY_FILE = "talentgraph.ttl"
SHAPES_FILE = "shapes.ttl"


def load_ontology(ontology: Path) -> Graph:
    """The OWL ontology of the vocabulary, parsed from ``ontology/talentgraph.ttl``."""
    return Graph().parse(ontology / ONTOLOGY_FILE, format="turtle")


def check_shapes(dataset: Dataset, ontology: Path) -> None:
    """Raise ``ShapeError`` with pySHACL's report unless the union of graphs conforms.

    The ontology is mixed in so that ``sh:class tg:Organization`` accepts a ``tg:Lab``.
    """
    union = Graph()
    for triple in dataset.triples((None, None, None)):
        union.add(triple)
    shapes = Graph().parse(ontology / SHAPES_FILE, format="turtle")
    conforms, _, report = validate(
        union,
        shacl_graph=shapes,
        ont_graph=load_ontology(ontology),
        inference="none",
        advanced=True,
    )
    if not conforms:
        raise ShapeError(f"the built graph does not conform to {SHAPES_FILE}:\n{report}")
