"""The facts the analyses need, read once from the RDF dataset, each with its evidence.

``load_facts`` turns the dataset of ``graph.build.build_dataset`` into plain Python records:
names, classes and the ``tg:partOf`` hierarchy from the registry; moves, group departures,
jobs, studies, investments and the direct person-organisation triples from the source graphs;
and for each of them the quotes (source, title, verbatim text) that support it. The flows,
networks, centrality and profile modules work on these records, never on raw triples.

>>> from graph.build import build_dataset
>>> facts = load_facts(build_dataset())
>>> facts.labels["https://w3id.org/talentgraph/id/person/lin-junyang"]
'Lin Junyang'
>>> [move.status for move in facts.moves if move.person_label == "Zhou Chang"]
['announced']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from graph.dates import StatedDate, from_literal
from graph.vocab import MOVE_STATUSES, OA, ORG_CLASSES, TG

# Class names by term; an organisation typed only tg:Organization is an "Organization".
CLASS_NAMES = {term: name for name, term in ORG_CLASSES.items()} | {TG.Organization: "Organization"}
STATUS_NAMES = {term: name for name, term in MOVE_STATUSES.items()}
# Direct person -> organisation relations, in the order a career reads.
PERSON_ORG_RELATIONS = {
    TG.alumnusOf: "alumnusOf",
    TG.workedAt: "workedAt",
    TG.worksAt: "worksAt",
    TG.left: "left",
    TG.leftFor: "leftFor",
}


@dataclass(frozen=True, order=True)
class Evidence:
    """One verbatim quote from one source document, with the curator's note if any."""

    source: str
    title: str
    start: int
    quote: str
    note: str = ""

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict: source IRI, title, quote and note."""
        return {"source": self.source, "title": self.title, "quote": self.quote, "note": self.note}


@dataclass(frozen=True)
class Move:
    """A named person's move from one organisation to another (``to_org`` None if unknown)."""

    iri: str
    person: str
    person_label: str
    from_org: str
    to_org: str | None
    date: StatedDate | None
    status: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class GroupDeparture:
    """Unnamed people leaving an organisation; ``size`` only when the source states it."""

    iri: str
    from_org: str
    description: str
    size: int | None
    status: str
    evidence: tuple[Evidence, ...]

    @property
    def summary(self) -> str:
        """The description with status and size, as the tables and pages show it."""
        size = f"{self.size} people" if self.size else "size not stated"
        return f"{self.description or 'unnamed people left'} ({self.status}; {size})"


@dataclass(frozen=True)
class Employment:
    """One job: a person at an organisation, with roles and dates as stated."""

    iri: str
    person: str
    org: str
    roles: tuple[str, ...]
    start: StatedDate | None
    end: StatedDate | None
    current: bool
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Relation:
    """A direct statement ``subject predicate object`` (partOf, investsIn, alumnusOf, ...)."""

    subject: str
    predicate: str
    object: str
    sources: tuple[str, ...]
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class Publication:
    """A source document as it is cited: title, and publisher and date where stated."""

    title: str
    publisher: str | None
    date: StatedDate | None


@dataclass
class Facts:
    """Everything the analyses read from one dataset."""

    labels: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    people: list[str] = field(default_factory=list)
    org_classes: dict[str, str] = field(default_factory=dict)
    unnamed: frozenset[str] = frozenset()
    parents: dict[str, str] = field(default_factory=dict)
    moves: list[Move] = field(default_factory=list)
    group_departures: list[GroupDeparture] = field(default_factory=list)
    employments: list[Employment] = field(default_factory=list)
    # partOf, investsIn and alumnusOf statements, with their quotes.
    statements: list[Relation] = field(default_factory=list)
    # worksAt, workedAt, left, leftFor, alumnusOf: the person-organisation edges.
    person_org: list[Relation] = field(default_factory=list)
    # Each source's title, publisher and date, by source IRI.
    publications: dict[str, Publication] = field(default_factory=dict)

    @property
    def sources(self) -> dict[str, str]:
        """Each source's title, by source IRI."""
        return {iri: publication.title for iri, publication in self.publications.items()}

    @property
    def orgs(self) -> list[str]:
        """Every organisation IRI, sorted."""
        return sorted(self.org_classes)

    def label(self, iri: str | None) -> str:
        """The label of ``iri``; ``unknown`` for a missing destination."""
        if iri is None:
            return "unknown"
        return self.labels.get(iri, iri.rsplit("/", 1)[-1])

    def top(self, org: str) -> str:
        """The top of ``org``'s ``partOf`` chain (``org`` itself when it has no parent)."""
        return [org, *self.ancestors(org)][-1]

    def ancestors(self, org: str) -> list[str]:
        """The parents of ``org``, nearest first (a cycle, which the checks forbid, stops it)."""
        chain: list[str] = []
        unit = org
        while unit in self.parents and self.parents[unit] not in (org, *chain):
            unit = self.parents[unit]
            chain.append(unit)
        return chain

    def subtree(self, org: str) -> set[str]:
        """``org`` and every unit below it."""
        return {other for other in self.org_classes if org == other or org in self.ancestors(other)}


def load_facts(dataset: Dataset) -> Facts:
    """Read the registry, the claims and their evidence out of ``dataset``."""
    facts = Facts()
    evidence = _evidence_by_body(dataset)
    _load_registry(dataset, facts)
    for source in dataset.subjects(RDF.type, TG.Source):
        publisher = dataset.value(source, DCTERMS.publisher)
        facts.publications[str(source)] = Publication(
            title=str(dataset.value(source, DCTERMS.title) or source),
            publisher=str(publisher) if publisher is not None else None,
            date=_best_date(dataset.objects(source, DCTERMS.date)),
        )
    for node in sorted(set(dataset.subjects(RDF.type, TG.Move))):
        facts.moves.append(_move(dataset, node, facts, evidence))
    for node in sorted(set(dataset.subjects(RDF.type, TG.GroupDeparture))):
        facts.group_departures.append(
            GroupDeparture(
                iri=str(node),
                from_org=str(dataset.value(node, TG.fromOrg)),
                description=str(dataset.value(node, DCTERMS.description) or ""),
                size=_int_or_none(dataset.value(node, TG.size)),
                status=_status(dataset, node),
                evidence=evidence.get(str(node), ()),
            )
        )
    for node in sorted(set(dataset.subjects(RDF.type, TG.Employment))):
        facts.employments.append(_employment(dataset, node, evidence))
    _load_statements(dataset, facts, evidence)
    return facts


def _load_registry(dataset: Dataset, facts: Facts) -> None:
    for node, label in dataset.subject_objects(RDFS.label):
        facts.labels[str(node)] = str(label)
    aliases: dict[str, list[str]] = defaultdict(list)
    for node, alias in dataset.subject_objects(SKOS.altLabel):
        aliases[str(node)].append(str(alias))
    facts.aliases = {node: tuple(sorted(set(names))) for node, names in aliases.items()}
    facts.people = sorted({str(node) for node in dataset.subjects(RDF.type, TG.Person)})
    for cls, name in CLASS_NAMES.items():
        for node in dataset.subjects(RDF.type, cls):
            facts.org_classes.setdefault(str(node), name)
    facts.unnamed = frozenset(
        str(node) for node, value in dataset.subject_objects(TG.unnamed) if value.toPython()
    )
    # One parent per unit; the curation checks forbid two, sorted() keeps any tie stable.
    for org, parent in sorted(dataset.subject_objects(TG.partOf)):
        facts.parents.setdefault(str(org), str(parent))


def _move(dataset: Dataset, node: URIRef, facts: Facts, evidence: dict) -> Move:
    person = str(dataset.value(node, TG.person))
    to_org = dataset.value(node, TG.toOrg)
    return Move(
        iri=str(node),
        person=person,
        person_label=facts.label(person),
        from_org=str(dataset.value(node, TG.fromOrg)),
        to_org=str(to_org) if to_org is not None else None,
        date=_best_date(dataset.objects(node, TG.date)),
        status=_status(dataset, node),
        evidence=evidence.get(str(node), ()),
    )


def _employment(dataset: Dataset, node: URIRef, evidence: dict) -> Employment:
    person, org = dataset.value(node, TG.person), dataset.value(node, TG.org)
    return Employment(
        iri=str(node),
        person=str(person),
        org=str(org),
        roles=tuple(sorted({str(role) for role in dataset.objects(node, TG.role)})),
        start=_best_date(dataset.objects(node, TG.startDate)),
        end=_best_date(dataset.objects(node, TG.endDate)),
        current=(person, TG.worksAt, org) in dataset,
        evidence=evidence.get(str(node), ()),
    )


def _load_statements(dataset: Dataset, facts: Facts, evidence: dict) -> None:
    """partOf / investsIn / alumnusOf with their quotes; the person-organisation edges."""
    sources: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for wanted in (TG.partOf, TG.investsIn, *PERSON_ORG_RELATIONS):
        for subject, predicate, obj, graph in dataset.quads((None, wanted, None, None)):
            sources[(str(subject), str(predicate), str(obj))].add(str(graph))
    quotes: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    for statement in dataset.subjects(RDF.type, RDF.Statement):
        key = tuple(
            str(dataset.value(statement, part)) for part in (RDF.subject, RDF.predicate, RDF.object)
        )
        quotes[key].extend(evidence.get(str(statement), ()))
    for key in sorted(sources):
        subject, predicate, obj = key
        relation = Relation(
            subject=subject,
            predicate=_local(predicate),
            object=obj,
            sources=tuple(sorted(sources[key])),
            evidence=tuple(sorted(set(quotes.get(key, ())))),
        )
        if URIRef(predicate) in PERSON_ORG_RELATIONS:
            facts.person_org.append(relation)
        if URIRef(predicate) in {TG.partOf, TG.investsIn, TG.alumnusOf}:
            facts.statements.append(relation)


def _evidence_by_body(dataset: Dataset) -> dict[str, tuple[Evidence, ...]]:
    """Every annotation's quote, grouped by what it describes, sorted by source and position."""

    def pairs(predicate: URIRef) -> dict:
        return dict(dataset.subject_objects(predicate))

    # One pass per predicate: much faster than a lookup per annotation on a large dataset.
    bodies, targets, sources = pairs(OA.hasBody), pairs(OA.hasTarget), pairs(OA.hasSource)
    exacts, starts, notes = pairs(OA.exact), pairs(OA.start), pairs(SKOS.editorialNote)
    titles = pairs(DCTERMS.title)
    selectors: dict = defaultdict(list)
    for target, selector in dataset.subject_objects(OA.hasSelector):
        selectors[target].append(selector)
    found: dict[str, set[Evidence]] = defaultdict(set)
    for annotation, body in bodies.items():
        target = targets.get(annotation)
        source = sources.get(target)
        quote, start = "", 0
        for selector in selectors.get(target, ()):
            quote = str(exacts.get(selector, quote))
            start = int(starts.get(selector, start))
        found[str(body)].add(
            Evidence(
                source=str(source),
                title=str(titles.get(source, source)),
                start=start,
                quote=quote,
                note=str(notes.get(annotation, "")),
            )
        )
    return {body: tuple(sorted(quotes)) for body, quotes in found.items()}


def _best_date(literals: object) -> StatedDate | None:
    """The most precise of the dates the sources give (day, then month, then year)."""
    rank = {"day": 0, "month": 1, "year": 2, "month-only": 3}
    dates = sorted(
        (from_literal(literal) for literal in literals),  # type: ignore[attr-defined]
        key=lambda date: (rank[date.precision], str(date)),
    )
    return dates[0] if dates else None


def _status(dataset: Dataset, node: URIRef) -> str:
    """``completed`` when any source says the move happened, else ``announced``."""
    statuses = {STATUS_NAMES[status] for status in dataset.objects(node, TG.status)}
    return "completed" if "completed" in statuses or not statuses else "announced"


def _int_or_none(value: object) -> int | None:
    return int(value.toPython()) if isinstance(value, Literal) else None


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]
