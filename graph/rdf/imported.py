"""Imported records in the RDF dataset: each file a source, each fact quoting its rows.

An import is a named graph like an article's. New people and organisations join the registry
in the default graph. Each row's job is a ``tg:Employment`` of its own
(``employment/<import>-row-<line>``), each derived move a ``tg:Move``
(``move/<import>-row-<line>``, the line of the later job) resting on both rows, and a unit's
parent a ``tg:partOf`` statement. Every one is described by an annotation that quotes the row
verbatim, with its place in the file and its line.
"""

from __future__ import annotations

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from graph.curation.evidence import Span
from graph.curation.imports.careers import NewEntity
from graph.curation.imports.files import MEDIA_TYPES, Imported
from graph.curation.imports.records import Record
from graph.rdf.evidence import SHA256, WIKIDATA_ENTITY, annotate
from graph.vocab import ORG_CLASSES, TG, entity_iri


def add_imports(dataset: Dataset, imports: list[Imported]) -> None:
    """Add every import's source, entities and facts to ``dataset``."""
    registry = dataset.default_graph
    for imported in imports:
        source = imported.source
        graph = dataset.graph(entity_iri("source", source.id))
        _add_source(graph, imported)
        careers = imported.careers
        for entity in careers.entities:
            _add_entity(registry, entity)
        for job in careers.jobs:
            node = _node("employment", source.id, job.record)
            person, org = entity_iri("person", job.person), entity_iri("org", job.org)
            graph.add((node, RDF.type, TG.Employment))
            graph.add((node, PROV.wasDerivedFrom, entity_iri("source", source.id)))
            graph.add((node, TG.person, person))
            graph.add((node, TG.org, org))
            if job.record.role:
                graph.add((node, TG.role, Literal(job.record.role)))
            if job.record.start:
                graph.add((node, TG.startDate, job.record.start.literal()))
            if job.record.end:
                graph.add((node, TG.endDate, job.record.end.literal()))
            graph.add((person, TG.worksAt if job.current else TG.workedAt, org))
            _quote(graph, source.id, node, job.record, "job")
        for move in careers.moves:
            node = _node("move", source.id, move.rows[1])
            person = entity_iri("person", move.person)
            origin, destination = entity_iri("org", move.from_org), entity_iri("org", move.to_org)
            graph.add((node, RDF.type, TG.Move))
            graph.add((node, PROV.wasDerivedFrom, entity_iri("source", source.id)))
            graph.add((node, TG.person, person))
            graph.add((node, TG.fromOrg, origin))
            graph.add((node, TG.toOrg, destination))
            graph.add((node, TG.status, TG.Completed))
            graph.add((node, TG.date, move.date.literal()))
            graph.add((person, TG.left, origin))
            graph.add((person, TG.leftFor, destination))
            for role, record in zip(("left", "joined"), move.rows, strict=True):
                _quote(graph, source.id, node, record, role)
        for unit in careers.units:
            org, parent = entity_iri("org", unit.org), entity_iri("org", unit.parent)
            graph.add((org, TG.partOf, parent))
            statement = URIRef(f"{_annotation(source.id, unit.record, 'unit')}#statement")
            graph.add((statement, RDF.type, RDF.Statement))
            graph.add((statement, RDF.subject, org))
            graph.add((statement, RDF.predicate, TG.partOf))
            graph.add((statement, RDF.object, parent))
            _quote(graph, source.id, statement, unit.record, "unit")


def _add_source(graph: Graph, imported: Imported) -> None:
    source = imported.source
    node = entity_iri("source", source.id)
    graph.add((node, RDF.type, TG.Source))
    graph.add((node, DCTERMS.identifier, Literal(source.original_name)))
    graph.add((node, DCTERMS.language, Literal("und", datatype=XSD.language)))
    graph.add((node, DCTERMS.title, Literal(source.title)))
    graph.add((node, DCTERMS.format, Literal(MEDIA_TYPES[source.format])))
    if source.imported:
        graph.add((node, DCTERMS.date, source.imported.literal()))
    graph.add((node, SHA256, Literal(imported.sha256)))


def _add_entity(graph: Graph, entity: NewEntity) -> None:
    if entity.kind == "person":
        node, cls = entity_iri("person", entity.id), TG.Person
    else:
        node, cls = entity_iri("org", entity.id), ORG_CLASSES[entity.org_class or "Company"]
    graph.add((node, RDF.type, cls))
    graph.add((node, RDFS.label, Literal(entity.label)))
    if entity.wikidata:
        graph.add((node, OWL.sameAs, URIRef(WIKIDATA_ENTITY + entity.wikidata)))


def _node(kind: str, source: str, record: Record) -> URIRef:
    return entity_iri(kind, f"{source}-row-{record.line}")


def _annotation(source: str, record: Record, role: str) -> URIRef:
    return entity_iri("evidence", f"{source}/row-{record.line}-{role}")


def _quote(graph: Graph, source: str, body: URIRef, record: Record, role: str) -> None:
    start = record.start_offset
    span = Span(start, start + len(record.text), record.text, "", "")
    lines = (record.line, record.line + record.text.count("\n"))
    annotate(graph, _annotation(source, record, role), source, body, span, lines=lines)
