"""Imported records as RDF: each file a source, each fact quoting its rows, written as N-Quads.

An import is a named graph like an article's. New people and organisations join the registry
in the default graph. Each row's job is a ``tg:Employment`` of its own
(``employment/<import>-row-<line>``), each derived move a ``tg:Move``
(``move/<import>-row-<line>``, the line of the later job) resting on both rows, and a unit's
parent a ``tg:partOf`` statement. Every one is described by an annotation that quotes the row
verbatim, with its place in the file and its lines (an RFC 5147 fragment).

Imports can hold millions of rows, so their quads are written as N-Quads text straight from
the records, without an rdflib graph in between; the rows were checked as they were read, and
the quads take the shapes' form by construction (a test runs SHACL over them to keep it so).

>>> from graph.curation.imports.careers import NewEntity
>>> print(literal('say "hi"\\n'), entity_line(NewEntity("ann", "person", "Ann")), end="")
"say \\"hi\\"\\n" <https://w3id.org/talentgraph/id/person/ann> \
<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/talentgraph/ontology#Person> .
<https://w3id.org/talentgraph/id/person/ann> <http://www.w3.org/2000/01/rdf-schema#label> "Ann" .
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, XSD

from graph.curation.imports.careers import NewEntity
from graph.curation.imports.files import MEDIA_TYPES, Imported
from graph.curation.imports.records import Record
from graph.dates import DATATYPES, StatedDate
from graph.rdf.convert import SHA256, WIKIDATA_ENTITY
from graph.vocab import ID_IRI, OA, ORG_CLASSES, TG

_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class _Bracketed:
    """A namespace's terms in N-Quads form (``<…>``), each built once: the rows' quads are
    written in a loop that runs millions of times."""

    def __init__(self, namespace: object) -> None:
        self.namespace = namespace

    def __getattr__(self, name: str) -> str:
        value = f"<{getattr(self.namespace, name)}>"
        setattr(self, name, value)  # found directly from now on, without __getattr__
        return value


_TG, _OA, _RDF, _RDFS, _OWL, _DCTERMS, _PROV = (
    _Bracketed(ns) for ns in (TG, OA, RDF, RDFS, OWL, DCTERMS, PROV)
)
_A = _RDF.type
_NON_NEGATIVE = str(XSD.nonNegativeInteger)
# Fragment identifiers for text/plain: "line=9,10" is the tenth line.
RFC5147 = "http://tools.ietf.org/rfc/rfc5147"
_RFC5147 = f"<{RFC5147}>"


def import_nquads(imports: list[Imported]) -> Iterator[str]:
    """The N-Quads lines of every import: registry lines first, then each source's graph."""
    for imported in imports:
        for entity in imported.careers.entities:
            yield entity_line(entity)
    for imported in imports:
        yield from _source_lines(imported)


def entity_line(entity: NewEntity) -> str:
    """The registry's triples of a new entity (default graph), as N-Quads text."""
    kind = "person" if entity.kind == "person" else "org"
    node = f"<{ID_IRI}{kind}/{entity.id}>"
    cls = TG.Person if kind == "person" else ORG_CLASSES[entity.org_class or "Company"]
    text = f"{node} {_A} <{cls}> .\n{node} {_RDFS.label} {literal(entity.label)} .\n"
    if entity.wikidata:
        text += f"{node} {_OWL.sameAs} <{WIKIDATA_ENTITY}{entity.wikidata}> .\n"
    return text


def literal(text: str, datatype: str | None = None) -> str:
    """An N-Quads literal: the text escaped, with its datatype when not a plain string."""
    quoted = f'"{text.translate(_ESCAPES)}"'
    return f"{quoted}^^<{datatype}>" if datatype else quoted


def _source_lines(imported: Imported) -> Iterator[str]:
    source = imported.source
    iri = f"{ID_IRI}source/{source.id}"
    graph = f"<{iri}> .\n"
    quads = _Quads(graph)
    node = f"<{iri}>"
    quads.add(node, _A, _TG.Source)
    quads.add(node, _DCTERMS.identifier, literal(source.original_name))
    quads.add(node, _DCTERMS.language, literal("und", XSD.language))
    quads.add(node, _DCTERMS.title, literal(source.title))
    quads.add(node, _DCTERMS.format, literal(MEDIA_TYPES[source.format]))
    if source.imported:
        quads.add(node, _DCTERMS.date, _date(source.imported))
    quads.add(node, f"<{SHA256}>", literal(imported.sha256))
    yield quads.flush()
    careers = imported.careers
    for job in careers.jobs:
        body = _node("employment", source.id, job.record)
        person, org = f"<{ID_IRI}person/{job.person}>", f"<{ID_IRI}org/{job.org}>"
        quads.add(body, _A, _TG.Employment)
        quads.add(body, _PROV.wasDerivedFrom, node)
        quads.add(body, _TG.person, person)
        quads.add(body, _TG.org, org)
        record = job.record
        if record.role:
            quads.add(body, _TG.role, literal(record.role))
        if record.start:
            quads.add(body, _TG.startDate, _date(record.start))
        if record.end:
            quads.add(body, _TG.endDate, _date(record.end))
        quads.add_once(person, _TG.worksAt if job.current else _TG.workedAt, org)
        _quote(quads, source.id, body, record, "job")
        yield quads.flush()
    for move in careers.moves:
        body = _node("move", source.id, move.rows[1])
        person = f"<{ID_IRI}person/{move.person}>"
        origin, destination = f"<{ID_IRI}org/{move.from_org}>", f"<{ID_IRI}org/{move.to_org}>"
        quads.add(body, _A, _TG.Move)
        quads.add(body, _PROV.wasDerivedFrom, node)
        quads.add(body, _TG.person, person)
        quads.add(body, _TG.fromOrg, origin)
        quads.add(body, _TG.toOrg, destination)
        quads.add(body, _TG.status, _TG.Completed)
        quads.add(body, _TG.date, _date(move.date))
        quads.add_once(person, _TG.left, origin)
        quads.add_once(person, _TG.leftFor, destination)
        for role, record in zip(("left", "joined"), move.rows, strict=True):
            _quote(quads, source.id, body, record, role)
        yield quads.flush()
    for unit in careers.units:
        org, parent = f"<{ID_IRI}org/{unit.org}>", f"<{ID_IRI}org/{unit.parent}>"
        quads.add(org, _TG.partOf, parent)
        statement = f"<{_annotation(source.id, unit.record, 'unit')}#statement>"
        quads.add(statement, _A, _RDF.Statement)
        quads.add(statement, _RDF.subject, org)
        quads.add(statement, _RDF.predicate, _TG.partOf)
        quads.add(statement, _RDF.object, parent)
        _quote(quads, source.id, statement, unit.record, "unit")
        yield quads.flush()


class _Quads:
    """N-Quads lines in one named graph, gathered until flushed."""

    def __init__(self, graph: str) -> None:
        self.graph = graph
        self.lines: list[str] = []
        self.direct: set[str] = set()  # person-organisation triples, which rows may repeat

    def add(self, subject: str, predicate: str, obj: str) -> None:
        self.lines.append(f"{subject} {predicate} {obj} {self.graph}")

    def add_once(self, subject: str, predicate: str, obj: str) -> None:
        line = f"{subject} {predicate} {obj} {self.graph}"
        if line not in self.direct:
            self.direct.add(line)
            self.lines.append(line)

    def flush(self) -> str:
        text, self.lines = "".join(self.lines), []
        return text


def _date(date: StatedDate) -> str:
    return literal(str(date), DATATYPES[date.precision])


def _node(kind: str, source: str, record: Record) -> str:
    return f"<{ID_IRI}{kind}/{source}-row-{record.line}>"


def _annotation(source: str, record: Record, role: str) -> str:
    return f"{ID_IRI}evidence/{source}/row-{record.line}-{role}"


def _quote(quads: _Quads, source: str, body: str, record: Record, role: str) -> None:
    """The annotation saying that ``record``'s row supports ``body`` (see ``annotate``)."""
    iri = _annotation(source, record, role)
    annotation, target = f"<{iri}>", f"<{iri}#target>"
    quote, position, fragment = f"<{iri}#quote>", f"<{iri}#position>", f"<{iri}#line>"
    first, last = record.line, record.line + record.text.count("\n")
    start = record.start_offset
    quads.add(annotation, _A, _OA.Annotation)
    quads.add(annotation, _OA.motivatedBy, _OA.describing)
    quads.add(annotation, _OA.hasBody, body)
    quads.add(annotation, _OA.hasTarget, target)
    quads.add(target, _A, _OA.SpecificResource)
    quads.add(target, _OA.hasSource, f"<{ID_IRI}source/{source}>")
    for selector in (quote, position, fragment):
        quads.add(target, _OA.hasSelector, selector)
    quads.add(quote, _A, _OA.TextQuoteSelector)
    quads.add(quote, _OA.exact, literal(record.text))
    quads.add(position, _A, _OA.TextPositionSelector)
    quads.add(position, _OA.start, literal(str(start), _NON_NEGATIVE))
    quads.add(position, _OA.end, literal(str(start + len(record.text)), _NON_NEGATIVE))
    quads.add(fragment, _A, _OA.FragmentSelector)
    quads.add(fragment, _DCTERMS.conformsTo, _RFC5147)
    quads.add(fragment, _RDF.value, literal(f"line={first - 1},{last}"))
