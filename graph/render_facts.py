"""The facts the HTML pages show, read once from the RDF dataset and sorted.

Labels, aliases, organisation classes and hierarchy, moves, jobs and roles, the direct
relations and, for each fact, the quotes behind it with their article's title and date.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from graph.dates import from_literal
from graph.vocab import OA, TG

ORG_CLASSES = (TG.Company, TG.Lab, TG.University, TG.Startup)
# The direct relations the graph page draws, named as on the page.
DIRECT_RELATIONS = {
    TG.worksAt: "works_at",
    TG.workedAt: "worked_at",
    TG.left: "left",
    TG.leftFor: "left_for",
    TG.partOf: "part_of",
    TG.investsIn: "invests_in",
    TG.alumnusOf: "studied_at",
}


@dataclass(frozen=True)
class Evidence:
    """One quote behind a fact, with the article it comes from."""

    quote: str
    source: str
    date: str
    note: str = ""

    def as_json(self) -> dict[str, str]:
        return {"quote": self.quote, "source": self.source, "date": self.date, "note": self.note}


@dataclass(frozen=True)
class MoveRecord:
    """A ``tg:Move`` node: who, from where, to where (``None`` when unknown), when, status."""

    iri: URIRef
    person: URIRef
    from_org: URIRef
    to_org: URIRef | None
    date: Literal | None
    completed: bool


@dataclass
class Facts:
    """What the pages need from the dataset, read once and sorted."""

    labels: dict[URIRef, str] = field(default_factory=dict)
    aliases: dict[URIRef, list[str]] = field(default_factory=dict)
    people: list[URIRef] = field(default_factory=list)
    org_class: dict[URIRef, URIRef] = field(default_factory=dict)
    parent: dict[URIRef, URIRef] = field(default_factory=dict)
    moves: list[MoveRecord] = field(default_factory=list)
    roles: dict[tuple[URIRef, URIRef], list[str]] = field(default_factory=dict)
    starts: dict[tuple[URIRef, URIRef], Literal] = field(default_factory=dict)
    employment_evidence: dict[tuple[URIRef, URIRef], list[Evidence]] = field(default_factory=dict)
    move_evidence: dict[URIRef, list[Evidence]] = field(default_factory=dict)
    statement_evidence: dict[tuple[URIRef, URIRef, URIRef], list[Evidence]] = field(
        default_factory=dict
    )
    direct: list[tuple[str, URIRef, URIRef]] = field(default_factory=list)
    stated_in: dict[tuple[URIRef, URIRef, URIRef], list[str]] = field(default_factory=dict)
    group_departures: dict[URIRef, list[str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def label(self, iri: URIRef) -> str:
        return self.labels.get(iri) or str(iri).rsplit("/", 1)[-1]

    def top(self, org: URIRef) -> URIRef:
        """The top-level organisation above ``org`` (itself when it has no parent)."""
        seen = {org}
        while org in self.parent and self.parent[org] not in seen:
            org = self.parent[org]
            seen.add(org)
        return org


_EVIDENCE_QUERY = """
SELECT DISTINCT ?body ?quote ?source ?note WHERE {
    ?annotation a oa:Annotation ; oa:hasBody ?body ; oa:hasTarget ?target .
    ?target oa:hasSource ?source ; oa:hasSelector ?selector .
    ?selector a oa:TextQuoteSelector ; oa:exact ?quote .
    OPTIONAL { ?annotation skos:editorialNote ?note }
}
"""


def read_facts(dataset: Dataset) -> Facts:
    """Read labels, organisations, moves, jobs, direct relations and evidence from ``dataset``."""
    facts = Facts()
    for subject, label in dataset.subject_objects(RDFS.label):
        if isinstance(subject, URIRef):
            facts.labels[subject] = str(label)
    aliases: dict[URIRef, set[str]] = defaultdict(set)
    for subject, alias in dataset.subject_objects(SKOS.altLabel):
        aliases[subject].add(str(alias))
    facts.aliases = {iri: sorted(names) for iri, names in aliases.items()}
    facts.people = sorted(set(dataset.subjects(RDF.type, TG.Person)))
    for cls in ORG_CLASSES:
        for org in dataset.subjects(RDF.type, cls):
            facts.org_class[org] = cls
    for child, parent in sorted(set(dataset.subject_objects(TG.partOf))):
        facts.parent.setdefault(child, parent)

    source_names = _source_names(dataset)
    facts.sources = sorted(
        f"{title}, {date}" if date else title for title, date in source_names.values()
    )
    evidence: dict[Any, set[Evidence]] = defaultdict(set)
    for body, quote, source, note in dataset.query(
        _EVIDENCE_QUERY, initNs={"oa": OA, "skos": SKOS}
    ):
        title, date = source_names.get(source, (str(source), ""))
        evidence[body].add(Evidence(str(quote), title, date, str(note or "")))

    for move in sorted(set(dataset.subjects(RDF.type, TG.Move))):
        record = MoveRecord(
            iri=move,
            person=dataset.value(move, TG.person),
            from_org=dataset.value(move, TG.fromOrg),
            to_org=dataset.value(move, TG.toOrg),
            date=dataset.value(move, TG.date),
            completed=dataset.value(move, TG.status) == TG.Completed,
        )
        facts.moves.append(record)
        facts.move_evidence[move] = sorted(evidence.get(move, ()), key=evidence_order)

    employment_evidence: dict[tuple[URIRef, URIRef], set[Evidence]] = defaultdict(set)
    roles: dict[tuple[URIRef, URIRef], set[str]] = defaultdict(set)
    for job in sorted(set(dataset.subjects(RDF.type, TG.Employment))):
        key = (dataset.value(job, TG.person), dataset.value(job, TG.org))
        roles[key].update(str(role) for role in dataset.objects(job, TG.role))
        employment_evidence[key].update(evidence.get(job, ()))
        start = dataset.value(job, TG.startDate)
        if start is not None:
            facts.starts.setdefault(key, start)
    facts.roles = {key: sorted(names) for key, names in roles.items() if names}
    facts.employment_evidence = {
        key: sorted(found, key=evidence_order) for key, found in employment_evidence.items()
    }

    for statement in set(dataset.subjects(RDF.type, RDF.Statement)):
        key = (
            dataset.value(statement, RDF.subject),
            dataset.value(statement, RDF.predicate),
            dataset.value(statement, RDF.object),
        )
        found = facts.statement_evidence.setdefault(key, [])
        found.extend(evidence.get(statement, ()))
    for key, found in facts.statement_evidence.items():
        facts.statement_evidence[key] = sorted(set(found), key=evidence_order)

    direct = set()
    stated_in: dict[tuple[URIRef, URIRef, URIRef], set[str]] = defaultdict(set)
    for graph in dataset.graphs():
        for predicate, relation in DIRECT_RELATIONS.items():
            for subject, obj in graph.subject_objects(predicate):
                direct.add((relation, subject, obj))
                if graph.identifier in source_names:
                    stated_in[(subject, predicate, obj)].add(source_names[graph.identifier][0])
    facts.direct = sorted(direct)
    facts.stated_in = {key: sorted(names) for key, names in stated_in.items()}

    groups: dict[URIRef, set[str]] = defaultdict(set)
    for group in set(dataset.subjects(RDF.type, TG.GroupDeparture)):
        org = dataset.value(group, TG.fromOrg)
        description = str(dataset.value(group, DCTERMS.description) or "unnamed people left")
        size = dataset.value(group, TG.size)
        announced = dataset.value(group, TG.status) == TG.Announced
        text = description + (f" ({size} people)" if size is not None else "")
        groups[org].add(text + (" (announced)" if announced else ""))
    facts.group_departures = {org: sorted(texts) for org, texts in groups.items()}
    return facts


def _source_names(dataset: Dataset) -> dict[URIRef, tuple[str, str]]:
    """Each source's display title (with publisher) and its date, as stated."""
    names = {}
    for source in set(dataset.subjects(RDF.type, TG.Source)):
        title = str(dataset.value(source, DCTERMS.title) or source)
        publisher = dataset.value(source, DCTERMS.publisher)
        if publisher is not None:
            title += f" ({publisher})"
        date = dataset.value(source, DCTERMS.date)
        names[source] = (title, display_date(date) if date is not None else "")
    return names


def evidence_order(evidence: Evidence) -> tuple[str, str, str]:
    return (evidence.source, evidence.quote, evidence.note)


def display_date(literal: Literal | None) -> str:
    """A date as a reader should see it, at the precision the source gives.

    >>> from graph.dates import parse_stated_date
    >>> display_date(parse_stated_date("--02").literal())
    'February (year not stated)'
    >>> display_date(parse_stated_date("2023-03").literal())
    '2023-03'
    """
    if literal is None:
        return ""
    try:
        stated = from_literal(literal)
    except ValueError:
        return str(literal)
    if stated.year is None:
        return f"{calendar.month_name[stated.month]} (year not stated)"
    return str(stated)


def first_day(literal: Literal | None) -> str:
    """The first day a stated date may mean (ISO), or ``""`` when its year is unknown."""
    if literal is None:
        return ""
    try:
        bounds = from_literal(literal).bounds()
    except ValueError:
        return ""
    return bounds[0].isoformat() if bounds else ""
