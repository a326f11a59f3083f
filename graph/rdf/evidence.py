"""Evidence in RDF: a Web Annotation saying which span of which source supports a fact."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS, XSD

from graph.curation.evidence import Span
from graph.vocab import OA, entity_iri

# The document's checksum, so a reader can tell that the offsets refer to the same text.
SHA256 = URIRef("http://www.w3.org/2000/10/swap/crypto#sha256")
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
# Fragment identifiers for text/plain: "line=9,10" is the tenth line.
RFC5147 = URIRef("http://tools.ietf.org/rfc/rfc5147")


def annotate(
    graph: Graph,
    annotation: URIRef,
    source: str,
    body: URIRef,
    span: Span,
    *,
    note: str | None = None,
    lines: tuple[int, int] | None = None,
) -> None:
    """Say that ``span`` of source ``source`` supports ``body``: a Web Annotation with a quote
    selector, a position selector and, for a row of an import, its first and last line
    (RFC 5147)."""
    target = URIRef(f"{annotation}#target")
    quote, position = URIRef(f"{annotation}#quote"), URIRef(f"{annotation}#position")
    graph.add((annotation, RDF.type, OA.Annotation))
    graph.add((annotation, OA.motivatedBy, OA.describing))
    graph.add((annotation, OA.hasBody, body))
    graph.add((annotation, OA.hasTarget, target))
    if note:
        graph.add((annotation, SKOS.editorialNote, Literal(note)))
    graph.add((target, RDF.type, OA.SpecificResource))
    graph.add((target, OA.hasSource, entity_iri("source", source)))
    graph.add((target, OA.hasSelector, quote))
    graph.add((target, OA.hasSelector, position))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(span.exact)))
    if span.prefix or span.suffix:
        graph.add((quote, OA.prefix, Literal(span.prefix)))
        graph.add((quote, OA.suffix, Literal(span.suffix)))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
    graph.add((position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
    if lines is not None:
        fragment = URIRef(f"{annotation}#line")
        graph.add((target, OA.hasSelector, fragment))
        graph.add((fragment, RDF.type, OA.FragmentSelector))
        graph.add((fragment, DCTERMS.conformsTo, RFC5147))
        graph.add((fragment, RDF.value, Literal(f"line={lines[0] - 1},{lines[1]}")))
