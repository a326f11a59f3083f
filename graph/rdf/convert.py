"""Turning checked seeds into an RDF dataset.

The default graph holds the entity registry (types, labels, aliases). Each source document
has a named graph, named by the source's IRI, holding its description and every fact taken
from it: the direct triples (``tg:worksAt``, ``tg:leftFor``, ...), the qualified nodes
(``tg:Move``, ``tg:Employment``, ``tg:GroupDeparture``) and, for each quote, a Web
Annotation whose selectors say where the quote sits in the document.
"""

from __future__ import annotations

import hashlib

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from graph.curation.checks import Curation
from graph.curation.evidence import Span
from graph.curation.seeds import Claim, Entity, Source
from graph.vocab import MOVE_STATUSES, OA, ORG_CLASSES, PREFIXES, TG, entity_iri

# The document's checksum, so a reader can tell that the offsets refer to the same text.
SHA256 = URIRef("http://www.w3.org/2000/10/swap/crypto#sha256")
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
RELATION = {"part-of": TG.partOf, "invests-in": TG.investsIn, "alumnus-of": TG.alumnusOf}
RELATION_ENDS = {
    "part-of": ("org", "parent"),
    "invests-in": ("investor", "investee"),
    "alumnus-of": ("person", "org"),
}


def new_dataset() -> Dataset:
    """An empty dataset with the project's prefixes bound; queries see the union of graphs."""
    dataset = Dataset(default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace, replace=True)
    return dataset


def curation_to_dataset(curation: Curation) -> Dataset:
    """The RDF dataset of the curated seeds: registry in the default graph, a graph per source.

    Imports are not in it: their quads are written as text (``graph.rdf.imported``).
    """
    dataset = new_dataset()
    registry = dataset.default_graph
    for entity in curation.seeds.entities.values():
        _add_entity(registry, entity)
    graphs = {}
    for source in curation.seeds.sources.values():
        graphs[source.id] = dataset.graph(entity_iri("source", source.id))
        _add_source(graphs[source.id], source)
    for index, claim in enumerate(curation.seeds.claims):
        graph = graphs[claim.source]
        body = _add_claim(graph, claim)
        for quote_index in range(len(claim.quotes)):
            _add_annotation(graph, claim, body, curation.span(index, quote_index))
    return dataset


def _org(slug: str) -> URIRef:
    return entity_iri("org", slug)


def _person(slug: str) -> URIRef:
    return entity_iri("person", slug)


def _add_entity(graph: Graph, entity: Entity) -> None:
    kind = "person" if entity.kind == "person" else "org"
    node = entity_iri(kind, entity.id)
    cls = TG.Person if kind == "person" else ORG_CLASSES[entity.org_class or "Company"]
    graph.add((node, RDF.type, cls))
    graph.add((node, RDFS.label, Literal(entity.label)))
    for alias in entity.aliases:
        graph.add((node, SKOS.altLabel, Literal(alias.text, lang=alias.language)))
    if entity.unnamed:
        graph.add((node, TG.unnamed, Literal(True)))
    if entity.wikidata:
        graph.add((node, OWL.sameAs, URIRef(WIKIDATA_ENTITY + entity.wikidata)))


def _add_source(graph: Graph, source: Source) -> None:
    node = entity_iri("source", source.id)
    graph.add((node, RDF.type, TG.Source))
    graph.add((node, DCTERMS.identifier, Literal(source.original_name)))
    graph.add((node, DCTERMS.language, Literal(source.language, datatype=XSD.language)))
    if source.title:
        language = None if source.title_language == "en" else source.title_language
        graph.add((node, DCTERMS.title, Literal(source.title, lang=language)))
    if source.publisher:
        graph.add((node, DCTERMS.publisher, Literal(source.publisher)))
    if source.date:
        graph.add((node, DCTERMS.date, source.date.literal()))
    if source.url:
        graph.add((node, DCTERMS.source, URIRef(source.url)))
    digest = hashlib.sha256(source.text.encode("utf-8")).hexdigest()  # the file's exact bytes
    graph.add((node, SHA256, Literal(digest)))


def _add_claim(graph: Graph, claim: Claim) -> URIRef:
    """Add the claim's triples; return what its annotations describe."""
    values = claim.values
    source = entity_iri("source", claim.source)
    if claim.kind in RELATION:
        subject_field, object_field = RELATION_ENDS[claim.kind]
        subject_kind = "person" if claim.kind == "alumnus-of" else "org"
        subject = entity_iri(subject_kind, values[subject_field])
        predicate, obj = RELATION[claim.kind], _org(values[object_field])
        graph.add((subject, predicate, obj))
        statement = entity_iri("evidence", f"{claim.source}/{_digest(claim)}#statement")
        graph.add((statement, RDF.type, RDF.Statement))
        graph.add((statement, RDF.subject, subject))
        graph.add((statement, RDF.predicate, predicate))
        graph.add((statement, RDF.object, obj))
        return statement
    kind = "employment" if claim.kind == "employment" else "move"
    node = entity_iri(kind, claim.node_slug or "")
    graph.add((node, PROV.wasDerivedFrom, source))
    if claim.kind == "employment":
        person, org = _person(values["person"]), _org(values["org"])
        graph.add((node, RDF.type, TG.Employment))
        graph.add((node, TG.person, person))
        graph.add((node, TG.org, org))
        if "role" in values:
            graph.add((node, TG.role, Literal(values["role"])))
        if "start" in values:
            graph.add((node, TG.startDate, values["start"].literal()))
        if "end" in values:
            graph.add((node, TG.endDate, values["end"].literal()))
        graph.add((person, TG.worksAt if values["current"] else TG.workedAt, org))
    elif claim.kind == "move":
        person, origin = _person(values["person"]), _org(values["from"])
        graph.add((node, RDF.type, TG.Move))
        graph.add((node, TG.person, person))
        graph.add((node, TG.fromOrg, origin))
        graph.add((node, TG.status, MOVE_STATUSES[values["status"]]))
        if "to" in values:
            graph.add((node, TG.toOrg, _org(values["to"])))
        if "date" in values:
            graph.add((node, TG.date, values["date"].literal()))
        if values["status"] == "completed":
            graph.add((person, TG.left, origin))
            if "to" in values:
                graph.add((person, TG.leftFor, _org(values["to"])))
    else:  # group-departure
        graph.add((node, RDF.type, TG.GroupDeparture))
        graph.add((node, TG.fromOrg, _org(values["from"])))
        graph.add((node, TG.status, MOVE_STATUSES[values["status"]]))
        graph.add((node, DCTERMS.description, Literal(values["description"])))
        if "size" in values:
            graph.add((node, TG.size, Literal(values["size"], datatype=XSD.positiveInteger)))
    return node


def _add_annotation(graph: Graph, claim: Claim, body: URIRef, span: Span) -> None:
    annotation = entity_iri("evidence", f"{claim.source}/{_digest(claim, span.exact)}")
    target = URIRef(f"{annotation}#target")
    quote, position = URIRef(f"{annotation}#quote"), URIRef(f"{annotation}#position")
    graph.add((annotation, RDF.type, OA.Annotation))
    graph.add((annotation, OA.motivatedBy, OA.describing))
    graph.add((annotation, OA.hasBody, body))
    graph.add((annotation, OA.hasTarget, target))
    if claim.note:
        graph.add((annotation, SKOS.editorialNote, Literal(claim.note)))
    graph.add((target, RDF.type, OA.SpecificResource))
    graph.add((target, OA.hasSource, entity_iri("source", claim.source)))
    graph.add((target, OA.hasSelector, quote))
    graph.add((target, OA.hasSelector, position))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(span.exact)))
    graph.add((quote, OA.prefix, Literal(span.prefix)))
    graph.add((quote, OA.suffix, Literal(span.suffix)))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
    graph.add((position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))


def _digest(claim: Claim, *extra: str) -> str:
    """A short stable id from the claim's content, so reordering claims changes no IRI."""
    content = repr((claim.kind, sorted((k, str(v)) for k, v in claim.values.items()), extra))
    return hashlib.sha1(content.encode("utf-8")).hexdigest()[:12]
