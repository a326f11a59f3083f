"""Profiles: a person's career as a timeline, an organisation's units, people and flows.

Names are matched against labels, aliases, slugs and IRIs, ignoring case. An unknown or
ambiguous name raises ``UnknownNameError`` / ``AmbiguousNameError`` listing the closest names.

>>> from graph.facts import Facts, Move
>>> facts = Facts(
...     labels={"ann": "Ann Lee", "bo": "Bo", "a": "Acme", "b": "Beta", "c": "Core"},
...     people=["ann", "bo"],
...     org_classes={"a": "Company", "b": "Company", "c": "Company"},
...     moves=[
...         Move("m1", "ann", "Ann Lee", "a", "b", None, "completed", ()),
...         Move("m2", "bo", "Bo", "b", "c", None, "completed", ()),
...     ],
... )
>>> [step.what for step in person_profile(facts, "ANN LEE").steps]
['left Acme for Beta']
>>> org_profile(facts, "beta").flow.left
['Bo']
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field

import networkx as nx

from graph import hierarchy
from graph.analysis.flows import OrgFlow, org_flow
from graph.dates import describe_date
from graph.errors import AmbiguousNameError, UnknownNameError
from graph.facts import Employment, Evidence, Facts, Move, Relation

CLOSEST = 5


@dataclass(frozen=True)
class TimelineStep:
    """One step of a career: studied, worked, works, moved; with when, status and quotes."""

    kind: str
    when: str
    what: str
    status: str
    evidence: tuple[Evidence, ...]
    node: str = ""

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict with every quote."""
        return {
            "kind": self.kind,
            "when": self.when,
            "what": self.what,
            "status": self.status,
            "node": self.node,
            "evidence": [evidence.to_json() for evidence in self.evidence],
        }


@dataclass
class PersonProfile:
    """A person's names and career timeline."""

    person: str
    label: str
    aliases: tuple[str, ...]
    steps: list[TimelineStep]

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict: names and every step with its quotes."""
        return {
            "person": self.person,
            "label": self.label,
            "aliases": list(self.aliases),
            "timeline": [step.to_json() for step in self.steps],
        }


@dataclass
class Affiliation:
    """A person who works or worked at the organisation or one of its units."""

    person_label: str
    unit_label: str
    roles: tuple[str, ...]
    current: bool
    evidence: tuple[Evidence, ...]


@dataclass
class OrgProfile:
    """An organisation: its place in the hierarchy, units, people, flows and investments."""

    org: str
    label: str
    org_class: str
    aliases: tuple[str, ...]
    parents: list[str]
    units: list[tuple[int, str]]
    flow: OrgFlow
    people: list[Affiliation]
    investments: list[Relation] = field(default_factory=list)
    investors: list[Relation] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        """The flow row (same keys as ``flows --format json``) plus the rest of the profile."""
        return {
            **self.flow.to_json(),
            "label": self.label,
            "class": self.org_class,
            "aliases": list(self.aliases),
            "part_of": [{"org": org, "label": self.labels[org]} for org in self.parents],
            "units": [
                {"org": unit, "label": self.labels[unit], "depth": depth}
                for depth, unit in self.units
            ],
            "people": [
                {
                    "person": person.person_label,
                    "unit": person.unit_label,
                    "roles": list(person.roles),
                    "current": person.current,
                    "evidence": [evidence.to_json() for evidence in person.evidence],
                }
                for person in self.people
            ],
            "invests_in": [_relation_json(r, r.object, self.labels) for r in self.investments],
            "investors": [_relation_json(r, r.subject, self.labels) for r in self.investors],
        }


def resolve_name(facts: Facts, name: str, *, kind: str) -> str:
    """The IRI of the ``kind`` (``person`` or ``org``) called ``name``.

    >>> facts = Facts(labels={"ann": "Ann Lee", "a": "Acme"}, people=["ann"],
    ...               aliases={"a": ("Acme Corp",)}, org_classes={"a": "Company"})
    >>> resolve_name(facts, "ACME CORP", kind="org")
    'a'
    >>> resolve_name(facts, "Ann Le", kind="person")
    Traceback (most recent call last):
    ...
    graph.errors.UnknownNameError: no person named 'Ann Le'; closest: Ann Lee
    """
    nodes = facts.people if kind == "person" else facts.orgs
    names: dict[str, set[str]] = {}
    shown: dict[str, str] = {}
    for node in nodes:
        for text in (facts.label(node), *facts.aliases.get(node, ())):
            names.setdefault(text.casefold(), set()).add(node)
            shown.setdefault(text.casefold(), text)
        # The slug and the IRI also work, but are not offered as suggestions.
        for text in (node.rsplit("/", 1)[-1], node):
            names.setdefault(text.casefold(), set()).add(node)
    key = name.strip().casefold()
    found = sorted(names.get(key, ()))
    if len(found) == 1:
        return found[0]
    if found:
        choices = ", ".join(f"{facts.label(node)} <{node}>" for node in found)
        raise AmbiguousNameError(
            f"{name!r} names more than one {kind}: {choices}; give the full label or the IRI"
        )
    close = difflib.get_close_matches(key, list(shown), n=CLOSEST, cutoff=0.5)
    close += [text for text in sorted(shown) if key and key in text and text not in close]
    # One suggestion per entity, by its label, however many of its names come close.
    close_nodes = dict.fromkeys(node for text in close for node in sorted(names[text]))
    labels = list(dict.fromkeys(facts.label(node) for node in close_nodes))[:CLOSEST]
    hint = f"closest: {', '.join(labels)}" if labels else "no similar name is known"
    raise UnknownNameError(f"no {kind} named {name!r}; {hint}")


def person_profile(facts: Facts, name: str) -> PersonProfile:
    """The career of the person called ``name`` as a timeline, each step with its quotes.

    Steps are in the order the sources allow: jobs at an organisation come before leaving
    it and after joining it, dated steps by date; studies and past jobs first, current
    jobs last when nothing else orders them.
    """
    person = resolve_name(facts, name, kind="person")
    steps: list[TimelineStep] = []
    for statement in facts.statements:
        if statement.predicate == "alumnusOf" and statement.subject == person:
            where = facts.label(statement.object)
            steps.append(TimelineStep("studied", "", f"studied at {where}", "", statement.evidence))
    jobs = [job for job in facts.employments if job.person == person]
    moves = [move for move in facts.moves if move.person == person]
    steps += [_job_step(facts, job) for job in jobs]
    steps += [_move_step(facts, move) for move in moves]
    ordered = _career_order(facts, steps, jobs, moves)
    return PersonProfile(person, facts.label(person), facts.aliases.get(person, ()), ordered)


def org_profile(
    facts: Facts,
    name: str,
    *,
    status: str = "all",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> OrgProfile:
    """The organisation called ``name``: hierarchy, units, people, flow and investments.

    The flow takes the organisation with all its units (``graph.analysis.flows.org_flow``).
    """
    org = resolve_name(facts, name, kind="org")
    units = hierarchy.descendants(facts.parents, org, key=facts.label)
    inside = {org, *(unit for _, unit in units)}
    people = [
        Affiliation(
            facts.label(job.person), facts.label(job.org), job.roles, job.current, job.evidence
        )
        for job in facts.employments
        if job.org in inside
    ]
    people.sort(key=lambda a: (not a.current, a.person_label, a.unit_label))
    investments = [s for s in facts.statements if s.predicate == "investsIn"]
    return OrgProfile(
        org=org,
        label=facts.label(org),
        org_class=facts.org_classes.get(org, "Organization"),
        aliases=facts.aliases.get(org, ()),
        parents=facts.ancestors(org),
        units=units,
        flow=org_flow(facts, org, status=status, since=since, until=until),
        people=people,
        investments=[r for r in investments if r.subject == org],
        investors=[r for r in investments if r.object == org],
        labels=facts.labels,
    )


def _job_step(facts: Facts, job: Employment) -> TimelineStep:
    roles = ", ".join(job.roles)
    where = facts.label(job.org)
    what = f"{roles} at {where}" if roles else where
    start, end = describe_date(job.start), describe_date(job.end)
    if start and (end or job.current):
        when = f"{start} to {end or 'now'}"
    elif start or end:
        when = f"from {start}" if start else f"until {end}"
    else:
        when = "now" if job.current else ""
    kind = "works" if job.current else "worked"
    return TimelineStep(
        kind, when, f"{kind} {'as ' if roles else 'at '}{what}", "", job.evidence, job.iri
    )


def _move_step(facts: Facts, move: Move) -> TimelineStep:
    verb = "is set to leave" if move.status == "announced" else "left"
    what = f"{verb} {facts.label(move.from_org)}"
    what += f" for {facts.label(move.to_org)}" if move.to_org else " (destination unknown)"
    return TimelineStep(
        "moved", describe_date(move.date), what, move.status, move.evidence, move.iri
    )


def _career_order(
    facts: Facts, steps: list[TimelineStep], jobs: list[Employment], moves: list[Move]
) -> list[TimelineStep]:
    """Order steps by what the sources imply, then by date, then studies/past/moves/current."""
    order = nx.DiGraph()
    order.add_nodes_from(range(len(steps)))
    index = {step.node: number for number, step in enumerate(steps) if step.node}
    for move in moves:
        left_from = {move.from_org, *facts.ancestors(move.from_org)}
        went_to = {move.to_org, *facts.ancestors(move.to_org)} if move.to_org else set()
        for job in jobs:
            if job.org in left_from - went_to:
                order.add_edge(index[job.iri], index[move.iri])
            elif job.org == move.to_org:
                order.add_edge(index[move.iri], index[job.iri])
        for later in moves:
            if later.from_org == move.to_org:
                order.add_edge(index[move.iri], index[later.iri])
    bounds = {number: _bounds(step, jobs, moves) for number, step in enumerate(steps)}
    for first, first_bounds in bounds.items():
        for second, second_bounds in bounds.items():
            if first_bounds and second_bounds and first_bounds[1] < second_bounds[0]:
                order.add_edge(first, second)
    rank = {"studied": 0, "worked": 1, "moved": 2, "works": 3}

    def key(number: int) -> tuple[int, dt.date, str]:
        step_bounds = bounds[number]
        return (
            rank[steps[number].kind],
            step_bounds[0] if step_bounds else dt.date.max,
            steps[number].what,
        )

    if not nx.is_directed_acyclic_graph(order):
        # The sources contradict each other (e.g. a date that looks wrong): sort plainly.
        return [steps[number] for number in sorted(order, key=key)]
    return [steps[number] for number in nx.lexicographical_topological_sort(order, key=key)]


def _bounds(
    step: TimelineStep, jobs: list[Employment], moves: list[Move]
) -> tuple[dt.date, dt.date] | None:
    """The days a step's stated date may mean (a job's start date); None when undated."""
    for job in jobs:
        if job.iri == step.node and job.start:
            return job.start.bounds()
    for move in moves:
        if move.iri == step.node and move.date:
            return move.date.bounds()
    return None


def _relation_json(relation: Relation, other: str, labels: dict[str, str]) -> dict[str, object]:
    return {
        "org": other,
        "label": labels.get(other, other),
        "evidence": [evidence.to_json() for evidence in relation.evidence],
    }
