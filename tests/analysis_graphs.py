"""Small RDF datasets, built by hand with rdflib and the project vocabulary, for analysis tests.

They follow the data model of ``graph.rdf.convert`` (registry in the default graph, one named graph
per source, a Web Annotation with a quote for each move) without going through the seeds.
"""

from __future__ import annotations

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, XSD

from graph.dates import parse_stated_date
from graph.facts import Facts, load_facts
from graph.rdf.store import dataset_store
from graph.vocab import OA, TG, entity_iri

CLASSES = {"Company": TG.Company, "Lab": TG.Lab, "Startup": TG.Startup}
STATUS = {"completed": TG.Completed, "announced": TG.Announced}


def org(slug: str) -> str:
    """The IRI of an organisation slug, as text."""
    return str(entity_iri("org", slug))


def tiny_facts(
    *,
    orgs: dict[str, str],
    moves: list[dict[str, str]],
    parents: dict[str, str] | None = None,
    unnamed: tuple[str, ...] = (),
    groups: tuple[dict[str, str], ...] = (),
) -> Facts:
    """Facts of a dataset with ``orgs`` (slug -> class), ``moves`` and ``parents``.

    A move is ``{"person": slug, "from": slug, "to": slug (optional), "date": "2024"
    (optional), "status": "completed" (default)}``; people are labelled by their slug.
    """
    dataset = Dataset(default_union=True)
    registry = dataset.default_graph
    source = entity_iri("source", "fixture")
    graph = dataset.graph(source)
    graph.add((source, RDF.type, TG.Source))
    graph.add((source, DCTERMS.title, Literal("Fixture article")))
    for slug, cls in orgs.items():
        node = entity_iri("org", slug)
        registry.add((node, RDF.type, CLASSES[cls]))
        registry.add((node, RDFS.label, Literal(slug.upper())))
        if slug in unnamed:
            registry.add((node, TG.unnamed, Literal(True)))
    for unit, parent in (parents or {}).items():
        graph.add((entity_iri("org", unit), TG.partOf, entity_iri("org", parent)))
    for number, move in enumerate(moves):
        person = entity_iri("person", move["person"])
        registry.add((person, RDF.type, TG.Person))
        registry.add((person, RDFS.label, Literal(move["person"])))
        node = entity_iri("move", f"m{number}")
        graph.add((node, RDF.type, TG.Move))
        graph.add((node, TG.person, person))
        graph.add((node, TG.fromOrg, entity_iri("org", move["from"])))
        graph.add((node, TG.status, STATUS[move.get("status", "completed")]))
        graph.add((node, PROV.wasDerivedFrom, source))
        if "to" in move:
            graph.add((node, TG.toOrg, entity_iri("org", move["to"])))
        if "date" in move:
            graph.add((node, TG.date, parse_stated_date(move["date"]).literal()))
        _quote(graph, node, source, number, f"{move['person']} moved")
    for number, group in enumerate(groups):
        node = entity_iri("move", f"group{number}")
        graph.add((node, RDF.type, TG.GroupDeparture))
        graph.add((node, TG.fromOrg, entity_iri("org", group["from"])))
        graph.add((node, TG.status, STATUS[group.get("status", "completed")]))
        graph.add((node, DCTERMS.description, Literal(group["description"])))
        _quote(graph, node, source, 100 + number, group["description"])
    return load_facts(dataset_store(dataset))


def _quote(graph, body: URIRef, source: URIRef, number: int, text: str) -> None:
    annotation = entity_iri("evidence", f"fixture/{number}")
    target, selector = URIRef(f"{annotation}#target"), URIRef(f"{annotation}#quote")
    position = URIRef(f"{annotation}#position")
    graph.add((annotation, RDF.type, OA.Annotation))
    graph.add((annotation, OA.hasBody, body))
    graph.add((annotation, OA.hasTarget, target))
    graph.add((target, OA.hasSource, source))
    graph.add((target, OA.hasSelector, selector))
    graph.add((target, OA.hasSelector, position))
    graph.add((selector, RDF.type, OA.TextQuoteSelector))
    graph.add((selector, OA.exact, Literal(text)))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(number, datatype=XSD.nonNegativeInteger)))
