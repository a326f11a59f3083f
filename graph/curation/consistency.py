"""Consistency across sources: what the claims say about the same people, side by side.

``check_consistency`` reads every claim, accepted and pending alike (a candidate that
contradicts an accepted claim is reported before anyone accepts it), and reports, each with
the quotes and sources behind it:

- the same person's move from the same place with different dates or destinations;
- a person at two employers at once (two current jobs outside one company);
- a move from an organisation the person is not known to have worked at;
- a date that contradicts another fact (a move before the job it leaves began);
- every curator's note;
- every problem in the seeds files themselves (``seed_problems``): a claim with one is left
  out of the other checks, so it must not pass unseen.

Errors are contradictions; warnings are things a curator should look at.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from graph import hierarchy
from graph.curation.seeds import Claim, Entity, Seeds
from graph.errors import Problem

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing to look at: its kind, how serious, who, what, and the quotes behind it."""

    kind: str
    severity: str
    people: tuple[str, ...]
    message: str
    evidence: tuple[tuple[str, str, str], ...] = field(default=())  # (source, quote, where)

    def to_json(self) -> dict[str, object]:
        """The contract: kind, severity, people, message, evidence [{source, quote, where}]."""
        return {
            "kind": self.kind,
            "severity": self.severity,
            "people": list(self.people),
            "message": self.message,
            "evidence": [
                {"source": source, "quote": quote, "where": where}
                for source, quote, where in self.evidence
            ],
        }


def check_consistency(seeds: Seeds) -> list[Finding]:
    """Every finding across the sources, errors first."""
    claims = [c for c in [*seeds.claims, *seeds.drafts] if c.review != "rejected"]
    entities = {**seeds.draft_entities, **seeds.entities}
    checker = _Checker(claims, entities)
    findings = [
        *checker.moves(),
        *checker.two_employers(),
        *checker.unknown_origins(),
        *checker.dates(),
        *checker.notes(),
        *_possible_duplicates(seeds),
    ]
    return sorted(findings, key=lambda f: (f.severity != ERROR, f.kind, f.people, f.message))


def seed_problems(problems: list[Problem]) -> list[Finding]:
    """The problems found reading the seeds, as error findings, in file order.

    >>> [f.message for f in seed_problems([Problem("claims/a.yaml", 3, "bad date")])]
    ['claims/a.yaml:3: bad date']
    """
    return [Finding("invalid seeds", ERROR, (), str(problem)) for problem in sorted(problems)]


class _Checker:
    def __init__(self, claims: list[Claim], entities: dict[str, Entity]) -> None:
        self.claims = claims
        self.entities = entities
        self.parents = {key: e.parent for key, e in entities.items() if e.parent}
        self.by_kind: dict[str, list[Claim]] = defaultdict(list)
        for claim in claims:
            self.by_kind[claim.kind].append(claim)

    def label(self, entity_id: str | None) -> str:
        if entity_id is None:
            return "unknown"
        entity = self.entities.get(entity_id)
        return entity.label if entity else entity_id

    def top(self, org: str) -> str:
        return hierarchy.top(self.parents, org)

    def within(self, org: str, other: str) -> bool:
        """Whether ``org`` is ``other`` or one of its units (or the other way round)."""
        return org == other or other in self.ancestors(org) or org in self.ancestors(other)

    def ancestors(self, org: str) -> list[str]:
        return hierarchy.ancestors(self.parents, org)

    def moves(self) -> list[Finding]:
        """The same person leaving the same place: destinations and dates must agree."""
        groups: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for claim in self.by_kind["move"]:
            groups[(claim.values["person"], self.top(claim.values["from"]))].append(claim)
        findings = []
        for (person, _), group in sorted(groups.items()):
            if len({c.source for c in group}) < 2 and not any(c.review for c in group):
                continue
            origin = self.label(group[0].values["from"])
            destinations: set[str] = {c.values["to"] for c in group if c.values.get("to")}
            tops = {self.top(d) for d in destinations}
            if len(tops) > 1:
                shown = ", ".join(sorted(self.label(d) for d in destinations))
                findings.append(
                    self._finding(
                        "conflicting destinations",
                        ERROR,
                        [person],
                        f"{self.label(person)} left {origin} for different places: {shown}",
                        group,
                    )
                )
            dated = [c for c in group if c.values.get("date") is not None]
            dates = {str(c.values["date"]) for c in dated}
            if len(dates) > 1 and not _compatible_dates(c.values["date"] for c in dated):
                findings.append(
                    self._finding(
                        "conflicting dates",
                        ERROR,
                        [person],
                        f"{self.label(person)}'s move from {origin} is dated "
                        f"{', '.join(sorted(dates))}",
                        dated,
                    )
                )
        return findings

    def two_employers(self) -> list[Finding]:
        current: dict[str, list[Claim]] = defaultdict(list)
        for claim in self.by_kind["employment"]:
            if claim.values.get("current"):
                current[claim.values["person"]].append(claim)
        findings = []
        for person, jobs in sorted(current.items()):
            tops = {self.top(job.values["org"]) for job in jobs}
            if len(tops) > 1:
                where = ", ".join(sorted(self.label(job.values["org"]) for job in jobs))
                findings.append(
                    self._finding(
                        "two employers at once",
                        WARNING,
                        [person],
                        f"{self.label(person)} works at {where} at the same time, as stated",
                        jobs,
                    )
                )
        return findings

    def unknown_origins(self) -> list[Finding]:
        worked: dict[str, set[str]] = defaultdict(set)
        for claim in self.by_kind["employment"]:
            worked[claim.values["person"]].add(claim.values["org"])
        for claim in self.by_kind["move"]:
            if claim.values.get("to"):
                worked[claim.values["person"]].add(claim.values["to"])
        findings = []
        for claim in self.by_kind["move"]:
            person, origin = claim.values["person"], claim.values["from"]
            if not any(self.within(origin, org) for org in worked[person]):
                findings.append(
                    self._finding(
                        "move from an unknown employer",
                        WARNING,
                        [person],
                        f"{self.label(person)} leaves {self.label(origin)}, but no claim says "
                        "they worked there; add the job, or check the origin",
                        [claim],
                    )
                )
        return findings

    def dates(self) -> list[Finding]:
        findings = []
        jobs = defaultdict(list)  # each person's dated jobs, with the first day they may start
        for job in self.by_kind["employment"]:
            start = job.values.get("start")
            if start_bounds := (start.bounds() if start else None):
                jobs[job.values["person"]].append((job, start, start_bounds[0]))
        for move in self.by_kind["move"]:
            date = move.values.get("date")
            bounds = date.bounds() if date else None
            if bounds is None:
                continue
            for job, start, first_day in jobs[move.values["person"]]:
                if self.within(job.values["org"], move.values["from"]) and bounds[1] < first_day:
                    findings.append(
                        self._finding(
                            "date contradicts another fact",
                            ERROR,
                            [move.values["person"]],
                            f"{self.label(move.values['person'])} leaves "
                            f"{self.label(move.values['from'])} ({date}) before the job there "
                            f"starts ({start})",
                            [move, job],
                        )
                    )
        return findings

    def notes(self) -> list[Finding]:
        return [
            self._finding(
                "curator's note",
                WARNING,
                [v for k, v in c.values.items() if k == "person"],
                c.note or "",
                [c],
            )
            for c in self.claims
            if c.note
        ]

    def _finding(
        self, kind: str, severity: str, people: list[str], message: str, claims: list[Claim]
    ) -> Finding:
        evidence = []
        for claim in claims:
            where = f"{claim.at.file}:{claim.at.line}" + (
                " (pending review)" if claim.review else ""
            )
            for quote in claim.quotes:
                evidence.append((claim.source, quote, where))
        return Finding(
            kind, severity, tuple(self.label(p) for p in people), message, tuple(evidence)
        )


def _compatible_dates(dates: object) -> bool:
    """Dates at different precisions agree when the finer lies in the coarser (2024 ⊃ 2024-05)."""
    values = [d for d in dates]  # type: ignore[attr-defined]
    spans = [d.bounds() for d in values if d.bounds() is not None]
    months = {d.month for d in values if d.year is None}
    if any(d.month not in months for d in values if d.year is not None and d.month) and months:
        return False
    return all(a[0] <= b[1] and b[0] <= a[1] for a in spans for b in spans)


# Words that name the kind of an organisation, not which one ("Qwen team", "Tongyi Qwen").
GENERIC = frozenset({"the", "team", "lab", "labs", "group", "inc", "ltd", "co", "corp", "unit"})


def similar_entities(entity: Entity, others: list[Entity]) -> list[Entity]:
    """The entities of the same kind whose names are close to ``entity``'s: nearly the same
    spelling, the same initials and surname, or one name's words inside the other's once
    generic words are set aside. Flagged for a curator; never merged.

    >>> from graph.curation.seeds import Location
    >>> at = Location("entities.yaml", 1)
    >>> qwen = Entity("qwen-team", "org", "Qwen team", (), at)
    >>> similar_entities(Entity("tongyi-qwen", "org", "Tongyi Qwen", (), at), [qwen]) == [qwen]
    True
    """
    mine = entity.names
    found = []
    for other in others:
        if other.id == entity.id or other.kind != entity.kind:
            continue
        theirs = other.names
        if any(_close(a, b, person=entity.kind == "person") for a in mine for b in theirs):
            found.append(other)
    return found


def _possible_duplicates(seeds: Seeds) -> list[Finding]:
    """Each pending name that looks like a known one, as a warning to settle in review."""
    known = list(seeds.entities.values())
    findings = []
    for entity in seeds.draft_entities.values():
        if entity.review != "pending":
            continue
        for other in similar_entities(entity, known):
            findings.append(
                Finding(
                    "possible duplicate name",
                    WARNING,
                    (entity.label,) if entity.kind == "person" else (),
                    f"new '{entity.label}' ({entity.id}, {entity.at.file}:{entity.at.line}) looks "
                    f"like '{other.label}' ({other.id}, {other.at.file}:{other.at.line}); if they "
                    "are the same, use the known id in the claims and drop the new entry",
                )
            )
    return findings


def _close(first: str, second: str, *, person: bool) -> bool:
    import difflib
    import re

    a = [w for w in re.findall(r"\w+", first.lower()) if w not in GENERIC]
    b = [w for w in re.findall(r"\w+", second.lower()) if w not in GENERIC]
    if not a or not b:
        return False
    if difflib.SequenceMatcher(None, " ".join(a), " ".join(b)).ratio() >= 0.85:
        return True
    if person:  # "J. Lin" and "Junyang Lin"; "Lin Junyang" and "Junyang Lin"
        if sorted(a) == sorted(b):
            return True
        return a[-1] == b[-1] and a[0][0] == b[0][0] and min(len(a[0]), len(b[0])) == 1
    return set(a) <= set(b) or set(b) <= set(a)
