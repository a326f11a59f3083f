"""The Talent Graph vocabulary and the IRIs of its entities.

``TG`` is closed: a misspelt term fails at once instead of producing a silent new IRI.

>>> str(TG.worksAt)
'https://w3id.org/talentgraph/ontology#worksAt'
>>> str(entity_iri("person", "lin-junyang"))
'https://w3id.org/talentgraph/id/person/lin-junyang'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

TG_IRI = "https://w3id.org/talentgraph/ontology#"
ID_IRI = "https://w3id.org/talentgraph/id/"

OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SH = Namespace("http://www.w3.org/ns/shacl#")

ENTITY_KINDS = ("person", "org", "move", "employment", "source", "evidence")


class TG(DefinedNamespace):
    """The terms of ``ontology/talentgraph.ttl``; a test keeps the two identical."""

    _fail = True
    _NS = Namespace(TG_IRI)

    # Classes
    Person: URIRef
    Organization: URIRef
    Company: URIRef
    Lab: URIRef
    University: URIRef
    Startup: URIRef
    Move: URIRef
    Employment: URIRef
    GroupDeparture: URIRef
    Source: URIRef
    MoveStatus: URIRef

    # Move statuses
    Announced: URIRef
    Completed: URIRef

    # Direct relations
    worksAt: URIRef
    workedAt: URIRef
    left: URIRef
    leftFor: URIRef
    alumnusOf: URIRef
    partOf: URIRef
    investsIn: URIRef

    # Qualified nodes
    person: URIRef
    fromOrg: URIRef
    toOrg: URIRef
    org: URIRef
    date: URIRef
    status: URIRef
    role: URIRef
    startDate: URIRef
    endDate: URIRef
    size: URIRef
    unnamed: URIRef


# The classes an organisation may have in entities.yaml, and the two move statuses of the
# claims files, by the names the seeds use.
ORG_CLASSES = {
    "Company": TG.Company,
    "Lab": TG.Lab,
    "University": TG.University,
    "Startup": TG.Startup,
}
MOVE_STATUSES = {"completed": TG.Completed, "announced": TG.Announced}

PREFIXES: dict[str, str] = {
    "tg": TG_IRI,
    "person": ID_IRI + "person/",
    "org": ID_IRI + "org/",
    "move": ID_IRI + "move/",
    "employment": ID_IRI + "employment/",
    "source": ID_IRI + "source/",
    "evidence": ID_IRI + "evidence/",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "oa": str(OA),
    "w3org": str(ORG),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
    "crypto": "http://www.w3.org/2000/10/swap/crypto#",
}


def entity_iri(kind: str, slug: str) -> URIRef:
    """The IRI of an entity of ``kind`` (one of ``ENTITY_KINDS``) named by a lowercase slug.

    >>> str(entity_iri("org", "qwen-team"))
    'https://w3id.org/talentgraph/id/org/qwen-team'
    """
    if kind not in ENTITY_KINDS:
        raise ValueError(f"unknown entity kind {kind!r}; expected one of {ENTITY_KINDS}")
    return URIRef(f"{ID_IRI}{kind}/{slug}")
