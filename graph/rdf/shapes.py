"""Validating the built dataset against the SHACL shapes shipped with the package.

The ontology and the shapes live in the top-level ``ontology/`` folder, installed as the package
data ``graph.ontology``.
"""

from __future__ import annotations

from importlib import resources

from pyshacl import validate
from rdflib import Dataset, Graph

from graph.errors import ShapeError

ONTOLOGY_FILE = "talentgraph.ttl"
SHAPES_FILE = "shapes.ttl"


def ontology_text(name: str) -> str:
    """The Turtle text of ``talentgraph.ttl`` or ``shapes.ttl``, from the package data.

    >>> "tg:Person" in ontology_text(ONTOLOGY_FILE)
    True
    """
    return (resources.files("graph.ontology") / name).read_text(encoding="utf-8")


def load_ontology() -> Graph:
    """The OWL ontology of the vocabulary."""
    return Graph().parse(data=ontology_text(ONTOLOGY_FILE), format="turtle")


def check_shapes(dataset: Dataset) -> None:
    """Raise ``ShapeError`` with pySHACL's report unless the union of graphs conforms.

    The ontology is mixed in so that ``sh:class tg:Organization`` accepts a ``tg:Lab``.
    """
    union = Graph()
    for triple in dataset.triples((None, None, None)):
        union.add(triple)
    shapes = Graph().parse(data=ontology_text(SHAPES_FILE), format="turtle")
    conforms, _, report = validate(
        union,
        shacl_graph=shapes,
        ont_graph=load_ontology(),
        inference="none",
        advanced=True,
    )
    if not conforms:
        raise ShapeError(f"the built graph does not conform to {SHAPES_FILE}:\n{report}")
