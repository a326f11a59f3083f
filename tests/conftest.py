"""Shared fixtures: the seed build and its Oxigraph store, a free loopback port, a tiny seeds
folder to break, an injection fixture and a synthetic large graph."""

from __future__ import annotations

import json
import re
import socket
import textwrap
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from graph.build import build_dataset
from graph.rdf.store import write_store
from graph.vocab import ID_IRI, OA, TG, entity_iri

HOST = "127.0.0.1"

# Each payload sets window.__pwned or opens a dialog if it ever runs.
SCRIPT = "<script>window.__pwned='script';alert('script')</script>"
IMG = "<img src=x onerror=\"window.__pwned='img';alert('img')\">"
LINK = '<a href="javascript:alert(1)">href</a>'
EVIL = SCRIPT + IMG + LINK

EVIL_PERSON = URIRef(ID_IRI + "person/x" + IMG)
EVIL_FROM = entity_iri("org", "acme")
EVIL_TO = URIRef(ID_IRI + "org/" + SCRIPT)
EVIL_SOURCE = entity_iri("source", "evil")
EVIL_MOVE = entity_iri("move", "evil-move")


MINI_DOCUMENT = (
    "Ann Lee, who led Acme's vision team, has joined Beta Labs in May 2024.\n"
    "Acme's vision team was founded in 2019.\n"
)
MINI_SOURCES = """\
mini:
  original_name: 000_mini.txt
  title: A tiny article
  publisher: unknown
  date: unknown
  language: en
"""
MINI_ENTITIES = """\
people:
  ann-lee:
    label: Ann Lee
organizations:
  acme:
    label: Acme
    class: Company
  acme-vision:
    label: Acme vision team
    class: Lab
    parent: acme
  beta-labs:
    label: Beta Labs
    class: Startup
"""
MINI_CLAIMS = """\
- kind: part-of
  org: acme-vision
  parent: acme
  quote: "Acme's vision team"

- kind: move
  person: ann-lee
  from: acme-vision
  to: beta-labs
  date: 2024-05
  status: completed
  quote: "Ann Lee, who led Acme's vision team, has joined Beta Labs in May 2024."
"""


def write_seeds(
    root: Path,
    *,
    sources: str = MINI_SOURCES,
    entities: str = MINI_ENTITIES,
    claims: str = MINI_CLAIMS,
    document: str = MINI_DOCUMENT,
) -> Path:
    """Write a seeds folder with one document ('mini') and return its path."""
    (root / "documents").mkdir(parents=True)
    (root / "claims").mkdir()
    (root / "sources.yaml").write_text(textwrap.dedent(sources), encoding="utf-8")
    (root / "entities.yaml").write_text(textwrap.dedent(entities), encoding="utf-8")
    (root / "documents" / "mini.txt").write_text(document, encoding="utf-8")
    (root / "claims" / "mini.yaml").write_text(textwrap.dedent(claims), encoding="utf-8")
    return root


@pytest.fixture
def mini_seeds(tmp_path: Path) -> Path:
    """A valid tiny seeds folder in a temporary directory."""
    return write_seeds(tmp_path / "seeds")


@pytest.fixture(scope="session")
def seed_dataset() -> Dataset:
    """The dataset built from the repository's seeds/ (built once per test session)."""
    return build_dataset()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed graph written as an Oxigraph store (once per test module)."""
    return write_store(build_dataset(), tmp_path_factory.mktemp("out"))


def free_port() -> int:
    """A loopback port nothing listens on now, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def embedded_data(html: str, element_id: str = "tg-data") -> dict:
    """The JSON embedded in ``<script type="application/json" id=...>``."""
    found = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html)
    assert found, f"no #{element_id} in the page"
    return json.loads(found.group(1))


def evil_dataset() -> Dataset:
    """One person moving between two organisations; every text and two ids carry payloads.

    The quote and the note contain "href", which in pyvis 0.3.2 turns every tooltip into HTML.
    """
    dataset = Dataset(default_union=True)
    dataset.add((EVIL_PERSON, RDF.type, TG.Person))
    dataset.add((EVIL_PERSON, RDFS.label, Literal("Eve " + EVIL)))
    dataset.add((EVIL_PERSON, SKOS.altLabel, Literal(IMG)))
    dataset.add((EVIL_FROM, RDF.type, TG.Company))
    dataset.add((EVIL_FROM, RDFS.label, Literal("Acme " + SCRIPT)))
    dataset.add((EVIL_TO, RDF.type, TG.Startup))
    dataset.add((EVIL_TO, RDFS.label, Literal("Bad Lab " + IMG)))
    source = dataset.graph(EVIL_SOURCE)
    source.add((EVIL_SOURCE, RDF.type, TG.Source))
    source.add((EVIL_SOURCE, DCTERMS.title, Literal("Article " + EVIL)))
    source.add((EVIL_SOURCE, DCTERMS.date, Literal("2024-01-02", datatype=XSD.date)))
    source.add((EVIL_PERSON, TG.workedAt, EVIL_FROM))
    source.add((EVIL_PERSON, TG.left, EVIL_FROM))
    source.add((EVIL_PERSON, TG.leftFor, EVIL_TO))
    source.add((EVIL_PERSON, TG.worksAt, EVIL_TO))
    source.add((EVIL_MOVE, RDF.type, TG.Move))
    source.add((EVIL_MOVE, TG.person, EVIL_PERSON))
    source.add((EVIL_MOVE, TG.fromOrg, EVIL_FROM))
    source.add((EVIL_MOVE, TG.toOrg, EVIL_TO))
    source.add((EVIL_MOVE, TG.date, Literal("2024-05", datatype=XSD.gYearMonth)))
    source.add((EVIL_MOVE, TG.status, TG.Completed))
    source.add((EVIL_MOVE, PROV.wasDerivedFrom, EVIL_SOURCE))
    annotation = URIRef(ID_IRI + "evidence/evil/1")
    target = URIRef(f"{annotation}#target")
    quote = URIRef(f"{annotation}#quote")
    source.add((annotation, RDF.type, OA.Annotation))
    source.add((annotation, OA.hasBody, EVIL_MOVE))
    source.add((annotation, OA.hasTarget, target))
    source.add((annotation, SKOS.editorialNote, Literal("note " + EVIL)))
    source.add((target, OA.hasSource, EVIL_SOURCE))
    source.add((target, OA.hasSelector, quote))
    source.add((quote, RDF.type, OA.TextQuoteSelector))
    source.add((quote, OA.exact, Literal("She said " + EVIL)))
    return dataset


def large_dataset(*, people: int = 1500, orgs: int = 60) -> Dataset:
    """A synthetic graph: person i works at org i%60 and worked at org (7i+1)%60; every tenth
    person also worked at org (13i+5)%60.

    The three organisations never coincide (6i = -1, 12i = -5 and 6i = -4 mod 60 have no
    solution), so people with i % 10 == 0 have degree 3 and everyone else degree 2.
    """
    dataset = Dataset(default_union=True)
    source_iri = entity_iri("source", "synthetic")
    source = dataset.graph(source_iri)
    source.add((source_iri, RDF.type, TG.Source))
    source.add((source_iri, DCTERMS.title, Literal("Synthetic")))
    org = [entity_iri("org", f"o{i:03d}") for i in range(orgs)]
    for i, iri in enumerate(org):
        dataset.add((iri, RDF.type, TG.Company))
        dataset.add((iri, RDFS.label, Literal(f"Org {i:03d}")))
    for i in range(people):
        person = entity_iri("person", f"p{i:04d}")
        dataset.add((person, RDF.type, TG.Person))
        dataset.add((person, RDFS.label, Literal(f"Person {i:04d}")))
        source.add((person, TG.worksAt, org[i % orgs]))
        source.add((person, TG.workedAt, org[(7 * i + 1) % orgs]))
        if i % 10 == 0:
            source.add((person, TG.workedAt, org[(13 * i + 5) % orgs]))
    return dataset
