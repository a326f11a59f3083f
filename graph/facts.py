"""The validated facts the analyses read: one boundary, one record model.

``load_facts`` reads a build's quads (its Oxigraph store's, or the N-Quads the store is loaded
from; they passed every check and the SHACL shapes) into plain Python records: names, classes
and the ``tg:partOf`` hierarchy from the registry; moves, group departures, jobs, studies,
investments and the direct person-organisation triples from the source graphs; and for each of
them the quotes (source, title, verbatim text) that support it. The analyses and the pages work
on these records, never on raw YAML or raw triples.

>>> store = pyoxigraph.Store()
>>> person = "<https://w3id.org/talentgraph/id/person/ann>"
>>> store.load(f"{person} a <{TG.Person}> ; <{RDFS.label}> 'Ann' .", pyoxigraph.RdfFormat.TURTLE)
>>> load_facts(store).people
['https://w3id.org/talentgraph/id/person/ann']
"""

from __future__ import annotations

import functools
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from graph import hierarchy
from graph.dates import StatedDate, parse_stated_date
from graph.vocab import MOVE_STATUSES, OA, ORG_CLASSES, TG

# Class names by term; an organisation typed only tg:Organization is an "Organization".
CLASS_NAMES = {str(term): name for name, term in ORG_CLASSES.items()} | {
    str(TG.Organization): "Organization"
}
STATUS_NAMES = {str(term): name for name, term in MOVE_STATUSES.items()}
# Direct person -> organisation relations, in the order a career reads.
PERSON_ORG_RELATIONS = {
    str(TG.alumnusOf): "alumnusOf",
    str(TG.workedAt): "workedAt",
    str(TG.worksAt): "worksAt",
    str(TG.left): "left",
    str(TG.leftFor): "leftFor",
}
# Every predicate the facts are read from (the rest of the quads are never looked at).
READ = {
    str(term)
    for term in (
        RDF.type,
        RDF.subject,
        RDF.predicate,
        RDF.object,
        RDFS.label,
        SKOS.altLabel,
        SKOS.editorialNote,
        DCTERMS.title,
        DCTERMS.publisher,
        DCTERMS.date,
        DCTERMS.description,
        TG.unnamed,
        TG.partOf,
        TG.investsIn,
        TG.person,
        TG.fromOrg,
        TG.toOrg,
        TG.status,
        TG.date,
        TG.size,
        TG.org,
        TG.role,
        TG.startDate,
        TG.endDate,
        OA.hasBody,
        OA.hasTarget,
        OA.hasSource,
        OA.hasSelector,
        OA.exact,
        OA.start,
    )
} | set(PERSON_ORG_RELATIONS)
_TYPE = str(RDF.type)
# xsd:boolean's true, in both its lexical forms (a store keeps only "true"; a file may hold "1").
TRUE = ("true", "1")


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
        return hierarchy.top(self.parents, org)

    def ancestors(self, org: str) -> list[str]:
        """The parents of ``org``, nearest first."""
        return hierarchy.ancestors(self.parents, org)

    def subtree(self, org: str) -> set[str]:
        """``org`` and every unit below it."""
        return {org, *(unit for _, unit in hierarchy.descendants(self.parents, org))}


def load_facts(quads: Iterable[pyoxigraph.Quad]) -> Facts:
    """Read the registry, the claims and their evidence out of ``quads`` (all their graphs).

    ``quads`` are a store's (a ``pyoxigraph.Store`` iterates over them) or the quads a store is
    loaded from (``pyoxigraph.parse`` of the build's N-Quads): the build takes its facts that
    way while the store is being written, which is faster than reading them back from it.
    """
    read = _Reader(quads)
    facts = Facts()
    evidence = _evidence_by_body(read)
    _load_registry(read, facts)
    titles, publishers = read.pairs(DCTERMS.title), read.pairs(DCTERMS.publisher)
    dates = read.multi(DCTERMS.date)
    for source in sorted(read.subjects_of_type(TG.Source)):
        facts.publications[source] = Publication(
            title=titles.get(source, source),
            publisher=publishers.get(source),
            date=_best_date(dates.get(source, ())),
        )
    moves = read.subjects_of_type(TG.Move)
    groups = read.subjects_of_type(TG.GroupDeparture)
    jobs = read.subjects_of_type(TG.Employment)
    person, from_org, to_org = read.pairs(TG.person), read.pairs(TG.fromOrg), read.pairs(TG.toOrg)
    statuses, move_dates = read.multi(TG.status), read.multi(TG.date)
    for node in sorted(moves):
        who = person[node]
        facts.moves.append(
            Move(
                iri=node,
                person=who,
                person_label=facts.label(who),
                from_org=from_org[node],
                to_org=to_org.get(node),
                date=_best_date(move_dates.get(node, ())),
                status=_status(statuses.get(node, ())),
                evidence=evidence.get(node, ()),
            )
        )
    descriptions, sizes = read.pairs(DCTERMS.description), read.pairs(TG.size)
    for node in sorted(groups):
        facts.group_departures.append(
            GroupDeparture(
                iri=node,
                from_org=from_org[node],
                description=descriptions.get(node, ""),
                size=int(sizes[node]) if node in sizes else None,
                status=_status(statuses.get(node, ())),
                evidence=evidence.get(node, ()),
            )
        )
    orgs, roles = read.pairs(TG.org), read.multi(TG.role)
    starts, ends = read.multi(TG.startDate), read.multi(TG.endDate)
    current = set(read.edges(TG.worksAt))
    for node in sorted(jobs):
        who, where = person[node], orgs[node]
        facts.employments.append(
            Employment(
                iri=node,
                person=who,
                org=where,
                roles=tuple(sorted(set(roles.get(node, ())))),
                start=_best_date(starts.get(node, ())),
                end=_best_date(ends.get(node, ())),
                current=(who, where) in current,
                evidence=evidence.get(node, ()),
            )
        )
    _load_statements(read, facts, evidence)
    return facts


class _Reader:
    """The quads by predicate, in all graphs, as plain strings (half the memory of the quads),
    and the typed nodes by class; read once."""

    def __init__(self, quads: Iterable[pyoxigraph.Quad]) -> None:
        self.by_predicate: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        self.typed: dict[str, set[str]] = defaultdict(set)
        graph, name = None, ""  # the quads come graph by graph: each name is made once
        # Attributes read in the loop, not in helpers: a million quads make each call count.
        # The build writes no RDF-star triples, so every subject and object has a ``value``.
        for quad in quads:
            predicate = quad.predicate.value
            if predicate == _TYPE:
                self.typed[quad.object.value].add(quad.subject.value)  # type: ignore[union-attr]
            elif predicate in READ:
                if quad.graph_name != graph:
                    graph = quad.graph_name
                    named = isinstance(graph, pyoxigraph.NamedNode)
                    name = sys.intern(graph.value) if named else ""  # type: ignore[union-attr]
                subject, obj = quad.subject.value, quad.object.value  # type: ignore[union-attr]
                self.by_predicate[predicate].append((subject, obj, name))

    def quads(self, predicate: object) -> list[tuple[str, str, str]]:
        """(subject, object, graph) of every quad with ``predicate``; "" for the default graph."""
        wanted = str(predicate)
        assert wanted in READ, f"add {wanted} to graph.facts.READ"
        return self.by_predicate.get(wanted, [])

    def pairs(self, predicate: object) -> dict[str, str]:
        """One object per subject (the smallest, so that a tie is stable)."""
        found: dict[str, str] = {}
        for subject, obj, _ in self.quads(predicate):
            if subject not in found or obj < found[subject]:
                found[subject] = obj
        return found

    def multi(self, predicate: object) -> dict[str, list[str]]:
        """Every object of each subject."""
        found: dict[str, list[str]] = defaultdict(list)
        for subject, obj, _ in self.quads(predicate):
            found[subject].append(obj)
        return found

    def edges(self, predicate: object) -> Iterator[tuple[str, str]]:
        """(subject, object) of every quad with ``predicate``."""
        for subject, obj, _ in self.quads(predicate):
            yield subject, obj

    def subjects_of_type(self, cls: object) -> set[str]:
        """Every subject typed ``cls``."""
        return set(self.typed.get(str(cls), ()))


def _load_registry(read: _Reader, facts: Facts) -> None:
    facts.labels = read.pairs(RDFS.label)
    facts.aliases = {
        node: tuple(sorted(set(names))) for node, names in read.multi(SKOS.altLabel).items()
    }
    facts.people = sorted(read.subjects_of_type(TG.Person))
    for cls, name in CLASS_NAMES.items():
        for node in read.subjects_of_type(cls):
            facts.org_classes.setdefault(node, name)
    facts.unnamed = frozenset(node for node, value in read.edges(TG.unnamed) if value in TRUE)
    # One parent per unit; the curation checks forbid two, the smallest keeps any tie stable.
    facts.parents = read.pairs(TG.partOf)


def _load_statements(read: _Reader, facts: Facts, evidence: dict) -> None:
    """partOf / investsIn / alumnusOf with their quotes; the person-organisation edges."""
    sources: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for wanted in (str(TG.partOf), str(TG.investsIn), *PERSON_ORG_RELATIONS):
        for subject, obj, graph in read.quads(wanted):
            sources[(subject, wanted, obj)].add(graph)
    quotes: dict[tuple[str, str, str], list[Evidence]] = defaultdict(list)
    parts = [read.pairs(part) for part in (RDF.subject, RDF.predicate, RDF.object)]
    for statement in read.subjects_of_type(RDF.Statement):
        key = (parts[0][statement], parts[1][statement], parts[2][statement])
        quotes[key].extend(evidence.get(statement, ()))
    relations = {str(TG.partOf), str(TG.investsIn), str(TG.alumnusOf)}
    for key in sorted(sources):
        subject, predicate, obj = key
        relation = Relation(
            subject=subject,
            predicate=_local(predicate),
            object=obj,
            sources=tuple(sorted(sources[key])),
            evidence=tuple(sorted(set(quotes.get(key, ())))),
        )
        if predicate in PERSON_ORG_RELATIONS:
            facts.person_org.append(relation)
        if predicate in relations:
            facts.statements.append(relation)


def _evidence_by_body(read: _Reader) -> dict[str, tuple[Evidence, ...]]:
    """Every annotation's quote, grouped by what it describes, sorted by source and position."""
    # One pass per predicate: much faster than a lookup per annotation on a large graph.
    bodies, targets = read.pairs(OA.hasBody), read.pairs(OA.hasTarget)
    sources, exacts, starts = read.pairs(OA.hasSource), read.pairs(OA.exact), read.pairs(OA.start)
    notes, titles = read.pairs(SKOS.editorialNote), read.pairs(DCTERMS.title)
    selectors = read.multi(OA.hasSelector)
    found: dict[str, set[Evidence]] = defaultdict(set)
    for annotation, body in bodies.items():
        target = targets.get(annotation, "")
        source = sources.get(target, "")
        quote, start = "", 0
        for selector in selectors.get(target, ()):
            quote = exacts.get(selector, quote)
            start = int(starts.get(selector, start))
        found[body].add(
            Evidence(
                source=source,
                title=titles.get(source, source),
                start=start,
                quote=quote,
                note=notes.get(annotation, ""),
            )
        )
    return {body: tuple(sorted(quotes)) for body, quotes in found.items()}


def _best_date(values: Iterable[str]) -> StatedDate | None:
    """The most precise of the dates the sources give (day, then month, then year)."""
    dates = sorted(map(_stated_date, values), key=_date_rank)
    return dates[0] if dates else None


# A large import repeats its dates (a year, a month) thousands of times: each is parsed once.
_stated_date = functools.lru_cache(maxsize=1 << 16)(parse_stated_date)
_RANK = {"day": 0, "month": 1, "year": 2, "month-only": 3}


def _date_rank(date: StatedDate) -> tuple[int, str]:
    return _RANK[date.precision], str(date)


def _status(values: Iterable[str]) -> str:
    """``completed`` when any source says the move happened or none gives a status (a move is
    taken as done unless announced), else ``announced``."""
    statuses = {STATUS_NAMES[value] for value in values}
    return "completed" if "completed" in statuses or not statuses else "announced"


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]
