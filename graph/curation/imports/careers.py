"""From checked rows to facts: who each row names, and the moves between consecutive jobs.

A row names a person and an organisation. Within one file, a person is the same person across
rows when the rows share ``wikidata_person``, else ``person_id``, else the name; an
organisation likewise by ``wikidata_org``, ``org_id`` or name. Each is then matched to an
entity the workspace already knows: by Wikidata id, else by label or alias when the file uses
that name for one person (or organisation) only. Anyone else becomes a new entity, with an id
made from the name (``jane-doe``, and ``jane-doe-2`` for a second Jane Doe).

A move is derived from two consecutive jobs of one person at different organisations, when
both starts are stated and the second begins after the first; the move is dated by the second
job's start and rests on both rows. A job left that way is a past job (``tg:workedAt``); a job
with no end and no later job is a current one (``tg:worksAt``).

>>> from graph.curation.imports.records import Record
>>> from graph.dates import StatedDate
>>> rows = [
...     Record(2, "", 0, "Ann Lee", "Lab A", start=StatedDate(2018)),
...     Record(3, "", 0, "Ann Lee", "Lab B", start=StatedDate(2021, 5)),
... ]
>>> careers = read_careers(rows, Known())
>>> [(m.person, m.from_org, m.to_org, str(m.date)) for m in careers.moves]
[('ann-lee', 'lab-a', 'lab-b', '2021-05')]
>>> [(job.org, job.current) for job in careers.jobs]
[('lab-a', False), ('lab-b', True)]
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from graph.curation.drafts import guess_org_class, slug, unique_id
from graph.curation.imports.records import Record
from graph.dates import StatedDate
from graph.hierarchy import ancestors


@dataclass(frozen=True)
class NewEntity:
    """A person or organisation first named by an import."""

    id: str
    kind: str  # "person" or "org"
    label: str
    wikidata: str | None = None
    org_class: str | None = None


@dataclass(frozen=True)
class Job:
    """One row's employment, with the person and organisation resolved to entity ids."""

    record: Record
    person: str
    org: str
    current: bool


@dataclass(frozen=True)
class DerivedMove:
    """A move from one job to the next, dated by the second job's start, on both rows."""

    person: str
    from_org: str
    to_org: str
    date: StatedDate
    rows: tuple[Record, Record]


@dataclass(frozen=True)
class Unit:
    """A row's statement that its organisation is part of ``parent``."""

    org: str
    parent: str
    record: Record


@dataclass
class Known:
    """The entities a workspace knows, to match imported names against; grows as files are read.

    ``names`` maps a kind and a normalised name to the ids that carry it as label or alias.
    """

    ids: set[str] = field(default_factory=set)
    names: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    wikidata: dict[tuple[str, str], str] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)  # organisation id -> its parent's
    qids: dict[str, str] = field(default_factory=dict)  # entity id -> its Wikidata id

    def add(self, kind: str, entity_id: str, names: Iterable[str], qid: str | None) -> None:
        """Record an entity of ``kind`` ("person" or "org") under each of its names."""
        self.ids.add(entity_id)
        for name in names:
            self.names[kind, normal(name)].add(entity_id)
        if qid:
            self.wikidata.setdefault((kind, qid), entity_id)
            self.qids.setdefault(entity_id, qid)


@dataclass
class Careers:
    """What one import file states, resolved: new entities, jobs, moves, and units."""

    entities: list[NewEntity] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)
    moves: list[DerivedMove] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def normal(name: str) -> str:
    """A name as compared: case, accents' composition and runs of spaces do not count.

    >>> normal("  Jane   DOE ") == normal("jane doe")
    True
    """
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", name)).strip().casefold()


def read_careers(records: list[Record], known: Known) -> Careers:
    """Resolve the rows of one file against ``known`` (which learns the new entities)."""
    careers = Careers()
    people = _Resolver("person", known, careers)
    orgs = _Resolver("org", known, careers)
    for record in records:
        people.count(_person_key(record), record.person)
        orgs.count(_org_key(record), record.org)
    by_person: dict[str, list[tuple[Record, str]]] = defaultdict(list)
    for record in records:
        person = people.resolve(_person_key(record), record.person, record.wikidata_person)
        unit = {"parent": record.org_parent}
        org = orgs.resolve(
            _org_key(record), record.org, record.wikidata_org, guess_org_class(record.org, unit)
        )
        if record.org_parent:
            parent = orgs.resolve_name(record.org_parent)
            stated = known.parents.get(org)
            if stated is None and org in (parent, *ancestors(known.parents, parent)):
                careers.warnings.append(
                    (
                        record.line,
                        f"{record.org} cannot be part of {record.org_parent}, which is "
                        f"part of it; parent ignored",
                    )
                )
            elif stated is None:
                known.parents[org] = parent
                careers.units.append(Unit(org, parent, record))
            elif stated != parent:
                careers.warnings.append(
                    (record.line, f"{record.org} is already part of '{stated}'; parent ignored")
                )
        by_person[person].append((record, org))
    for person, jobs in by_person.items():
        _career(person, jobs, careers)
    return careers


def _career(person: str, jobs: list[tuple[Record, str]], careers: Careers) -> None:
    """The person's jobs in order of start, and a move wherever one job follows another."""
    jobs.sort(key=lambda job: (_earliest(job[0].start), job[0].line))
    left: set[int] = set()
    for index, ((first, origin), (second, destination)) in enumerate(pairwise(jobs)):
        if origin != destination and _follows(first, second):
            assert second.start is not None  # _follows checked it
            careers.moves.append(
                DerivedMove(person, origin, destination, second.start, (first, second))
            )
            left.add(index)
    # A job is over once the person left it, or moved on from a later one to elsewhere.
    moved_on = max(left, default=-1)
    for index, (record, org) in enumerate(jobs):
        later_elsewhere = index <= moved_on and jobs[moved_on + 1][1] != org
        current = record.end is None and index not in left and not later_elsewhere
        careers.jobs.append(Job(record, person, org, current))


def _follows(first: Record, second: Record) -> bool:
    """Whether ``second`` surely began after ``first`` did, and not before ``first`` ended."""
    if first.start is None or second.start is None:
        return False
    first_bounds, second_bounds = first.start.bounds(), second.start.bounds()
    if first_bounds is None or second_bounds is None or first_bounds[1] >= second_bounds[0]:
        return False
    if first.end is not None:
        end_bounds = first.end.bounds()
        return end_bounds is not None and end_bounds[0] <= second_bounds[1]
    return True


def _earliest(date: StatedDate | None) -> tuple[int, ...]:
    bounds = date.bounds() if date else None
    return (0,) if bounds is None else (1, bounds[0].toordinal())


def _person_key(record: Record) -> tuple[str, str]:
    if record.wikidata_person:
        return ("wikidata", record.wikidata_person)
    if record.person_id:
        return ("id", record.person_id)
    return ("name", normal(record.person))


def _org_key(record: Record) -> tuple[str, str]:
    if record.wikidata_org:
        return ("wikidata", record.wikidata_org)
    if record.org_id:
        return ("id", record.org_id)
    return ("name", normal(record.org))


class _Resolver:
    """Entity ids for one kind's keys within one file, matched against what is known."""

    def __init__(self, kind: str, known: Known, careers: Careers) -> None:
        self.kind, self.known, self.careers = kind, known, careers
        self.ids: dict[tuple[str, str], str] = {}
        self.keys_by_name: dict[str, set[tuple[str, str]]] = defaultdict(set)

    def count(self, key: tuple[str, str], name: str) -> None:
        """Note that this file uses ``name`` for ``key``: a name used for two keys is ambiguous."""
        self.keys_by_name[normal(name)].add(key)

    def resolve(
        self, key: tuple[str, str], name: str, qid: str | None, org_class: str | None = None
    ) -> str:
        """The entity id of ``key``, making a new entity the first time it is unknown."""
        if key in self.ids:
            return self.ids[key]
        entity_id = self._match(key, name, qid)
        if entity_id is None:
            entity_id = unique_id(slug(name), self.known.ids)
            self.careers.entities.append(NewEntity(entity_id, self.kind, name, qid, org_class))
            self.known.add(self.kind, entity_id, [name], qid)
        self.ids[key] = entity_id
        return entity_id

    def resolve_name(self, name: str) -> str:
        """The entity id of an organisation named only by ``name`` (a unit's parent)."""
        keys = self.keys_by_name.get(normal(name), set())
        key = next(iter(keys)) if len(keys) == 1 else ("name", normal(name))
        return self.resolve(key, name, None, guess_org_class(name, {}))

    def _match(self, key: tuple[str, str], name: str, qid: str | None) -> str | None:
        if qid and (self.kind, qid) in self.known.wikidata:
            return self.known.wikidata[self.kind, qid]
        candidates = self.known.names.get((self.kind, normal(name)), set())
        unambiguous = len(self.keys_by_name.get(normal(name), ())) <= 1
        if len(candidates) == 1 and unambiguous:
            match = next(iter(candidates))
            if not qid or self.known.qids.get(match) in (None, qid):
                return match  # a different Wikidata id says it is someone else
        return None
