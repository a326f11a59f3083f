"""Counting what a dataset holds, for the build's summary line.

>>> from graph.build import build_dataset
>>> summarize(build_dataset())["people"]
7
"""

from __future__ import annotations

from rdflib import Dataset
from rdflib.namespace import RDF

from graph.vocab import OA, ORG_CLASSES, TG


def summarize(dataset: Dataset) -> dict[str, int]:
    """Counts of sources, people, organisations, moves, jobs, relations and quotes."""

    def instances(cls) -> set:
        return set(dataset.subjects(RDF.type, cls))

    moves = instances(TG.Move)
    completed = {move for move in moves if (move, TG.status, TG.Completed) in dataset}
    return {
        "sources": len(instances(TG.Source)),
        "people": len(instances(TG.Person)),
        "organizations": len(set().union(*(instances(cls) for cls in ORG_CLASSES.values()))),
        "moves completed": len(completed),
        "moves announced": len(moves - completed),
        "group departures": len(instances(TG.GroupDeparture)),
        "employments": len(instances(TG.Employment)),
        "part-of links": len(set(dataset.subject_objects(TG.partOf))),
        "investments": len(set(dataset.subject_objects(TG.investsIn))),
        "alumni links": len(set(dataset.subject_objects(TG.alumnusOf))),
        "quotes": len(instances(OA.Annotation)),
        "triples": len(set(dataset.triples((None, None, None)))),
    }
