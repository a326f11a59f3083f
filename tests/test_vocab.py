"""The vocabulary in code, the ontology in Turtle, and the contract of DESIGN.md agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from graph.vocab import FOAF, ORG, PREFIXES, SCHEMA, TG, TG_IRI, entity_iri

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology"

# The vocabulary contract of DESIGN.md: other tools and saved queries depend on these names.
CONTRACT = {
    "Person", "Organization", "Company", "Lab", "University", "Startup",
    "worksAt", "workedAt", "left", "leftFor", "alumnusOf", "partOf", "investsIn",
    "Move", "person", "fromOrg", "toOrg", "date", "status", "Announced", "Completed",
    "Employment", "org", "role", "startDate", "endDate",
    "GroupDeparture", "size", "Source",
}  # fmt: skip


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY / "talentgraph.ttl")


def ontology_terms(ontology: Graph) -> set[str]:
    return {
        str(s)[len(TG_IRI) :]
        for s in ontology.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(TG_IRI)
    }


def test_terms_in_code_equal_terms_in_ontology(ontology):
    assert set(TG.__annotations__) == ontology_terms(ontology)


def test_the_contract_is_implemented(ontology):
    assert ontology_terms(ontology) >= CONTRACT


def test_a_misspelt_term_fails_loudly():
    with pytest.raises(AttributeError, match="workAt"):
        _ = TG.workAt


def test_every_term_has_an_english_label_and_comment(ontology):
    for term in ontology_terms(ontology):
        iri = URIRef(TG_IRI + term)
        assert ontology.value(iri, RDFS.label).language == "en", term
        assert len(str(ontology.value(iri, RDFS.comment))) > 10, term


def test_aligned_to_standard_vocabularies(ontology):
    def supers(term, axiom):
        return set(ontology.objects(URIRef(TG_IRI + term), axiom))

    assert {FOAF.Person, SCHEMA.Person} <= supers("Person", RDFS.subClassOf)
    assert ORG.Organization in supers("Organization", RDFS.subClassOf)
    assert ORG.OrganizationalUnit in supers("Lab", RDFS.subClassOf)
    assert URIRef("http://www.w3.org/ns/prov#Activity") in supers("Move", RDFS.subClassOf)
    assert ORG.Membership in supers("Employment", RDFS.subClassOf)
    assert {ORG.subOrganizationOf, SCHEMA.parentOrganization} <= supers(
        "partOf", RDFS.subPropertyOf
    )
    assert SCHEMA.worksFor in supers("worksAt", RDFS.subPropertyOf)
    assert SCHEMA.alumniOf in supers("alumnusOf", RDFS.subPropertyOf)
    for cls in ("Company", "Lab", "University", "Startup"):
        assert TG.Organization in supers(cls, RDFS.subClassOf)


def test_properties_are_typed(ontology):
    object_properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    assert {TG.worksAt, TG.leftFor, TG.partOf, TG.fromOrg, TG.toOrg} <= object_properties
    assert (TG.date, RDF.type, OWL.DatatypeProperty) in ontology


def test_entity_iris_follow_the_contract():
    assert str(entity_iri("move", "x")) == "https://w3id.org/talentgraph/id/move/x"
    assert PREFIXES["tg"] == "https://w3id.org/talentgraph/ontology#"
    with pytest.raises(ValueError, match="unknown entity kind"):
        entity_iri("team", "x")
