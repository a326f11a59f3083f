"""Candidates: the proposed facts a curator reviews, each with the sentence that states it,
and how the document's signals, jobs and names become them."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.curation.extract.mentions import Mention, Registry
from graph.curation.extract.signals import Findings, Signal
from graph.curation.extract.text import Sentence

KINDS = ("move", "employment", "part_of", "investment", "alumnus", "entity")
ROW_COLUMNS = [
    "kind",
    "person / name",
    "what",
    "date",
    "role / status",
    "conf.",
    "trigger",
    "sentence",
]


@dataclass
class Candidate:
    """One proposed fact, with the sentence that states it (``start``/``end`` its offsets)."""

    kind: str
    evidence: str
    start: int
    end: int
    confidence: float
    trigger: str = ""
    person: str | None = None
    org: str | None = None
    from_: str | None = None
    to: str | None = None
    date: str | None = None
    status: str | None = None
    role: str | None = None
    current: bool | None = None
    start_date: str | None = None
    parent: str | None = None
    entity_type: str | None = None
    to_unnamed: bool = False
    # Registry ids of the names above, where they are known: person, org, from, to, parent.
    ids: dict[str, str] = field(default_factory=dict)
    # Other sentences that state the same fact: (start, end, text).
    more: list[tuple[int, int, str]] = field(default_factory=list)

    def row(self) -> list[object]:
        """One line for a table: kind, who, what, when, role or status, confidence, trigger,
        sentence (the columns of ``ROW_COLUMNS``)."""
        if self.kind in ("move", "investment"):
            what = f"{self.from_} → {self.to or 'unknown'}"
        elif self.kind == "part_of":
            what = f"{self.org} < {self.parent}"
        elif self.kind == "entity":
            what = f"{self.entity_type}" + (f" in {self.parent}" if self.parent else "")
        else:
            what = self.org or ""
        who = self.person or (self.org if self.kind == "entity" else "")
        role = "; ".join(x for x in (self.role, self.status) if x)
        when = self.date or self.start_date or ""
        return [
            self.kind,
            who,
            what,
            when,
            role,
            f"{self.confidence:.2f}",
            self.trigger,
            self.evidence,
        ]

    def to_json(self) -> dict[str, object]:
        """The contract: kind, person, org, from, to, date, status, evidence, start, end,
        confidence (``None`` where a field does not apply), then the rest."""
        return {
            "kind": self.kind,
            "person": self.person,
            "org": self.org,
            "from": self.from_,
            "to": self.to,
            "date": self.date,
            "status": self.status,
            "evidence": self.evidence,
            "start": self.start,
            "end": self.end,
            "confidence": self.confidence,
            "trigger": self.trigger,
            "role": self.role,
            "current": self.current,
            "start_date": self.start_date,
            "parent": self.parent,
            "entity_type": self.entity_type,
            "to_unnamed": self.to_unnamed,
            "ids": dict(sorted(self.ids.items())),
            "also_in": [{"evidence": text, "start": s, "end": e} for s, e, text in self.more],
        }


def identity(mention: Mention) -> str:
    """What a name stands for: its registry id, or the name itself in lower case."""
    return mention.known or mention.name.lower()


def link(candidate: Candidate, field_name: str, mention: Mention) -> None:
    """Record the registry id of ``mention`` as the candidate's ``field_name`` id, if known."""
    if mention.known:
        candidate.ids[field_name] = mention.known


def employments(
    findings: Findings, moves: list[Candidate], joined: list[Signal], registry: Registry
) -> list[Candidate]:
    """Jobs as stated, and the jobs the moves imply (where they left, where they went)."""
    found: dict[tuple[str, str], Candidate] = {}
    left_from = {(c.person, c.from_) for c in moves}

    def add(
        person: Mention | str,
        org_name: str,
        org_id: str | None,
        sentence: Sentence,
        confidence: float,
        **values: object,
    ) -> None:
        name = person.name if isinstance(person, Mention) else person
        key = (name, org_id or org_name.lower())
        candidate = found.get(key)
        if candidate is None:
            candidate = Candidate(
                kind="employment",
                evidence=sentence.text,
                start=sentence.start,
                end=sentence.end,
                confidence=confidence,
                person=name,
                org=org_name,
            )
            if isinstance(person, Mention):
                link(candidate, "person", person)
            if org_id:
                candidate.ids["org"] = org_id
            found[key] = candidate
        for field_name, value in values.items():
            if value not in (None, "") and getattr(candidate, field_name) in (None, ""):
                setattr(candidate, field_name, value)

    for job in findings.jobs:
        current = job.current
        if (job.person.name, job.org.name) in left_from:
            current = False
        add(
            job.person,
            job.org.name,
            job.org.known,
            job.sentence,
            job.confidence,
            trigger=job.trigger,
            role=job.role or None,
            current=current,
            start_date=job.start,
        )
    for signal in joined:
        destination = signal.destination
        if destination is not None:
            add(
                signal.person,
                destination.name,
                destination.known,
                signal.sentence,
                round(signal.confidence * 0.9, 2),
                trigger=signal.trigger,
                current=signal.status == "completed" or None,
                start_date=signal.date.value if signal.date else None,
            )
    for move in moves:
        sentence = Sentence(move.evidence, move.start, move.end)
        add(
            move.person or "",
            move.from_ or "",
            move.ids.get("from"),
            sentence,
            round(move.confidence * 0.85, 2),
            trigger=move.trigger,
            current=move.status == "announced",
        )
        if move.to and not move.to_unnamed and move.status == "completed":
            add(
                move.person or "",
                move.to,
                move.ids.get("to"),
                sentence,
                round(move.confidence * 0.85, 2),
                trigger=move.trigger,
                current=True,
                start_date=move.date,
            )
    for (person, _), candidate in found.items():
        if candidate.current is None:
            candidate.current = (person, candidate.org) not in left_from
        if isinstance(candidate.person, str) and "person" not in candidate.ids:
            people = registry.named(person, "person")
            if len(people) == 1:  # a name two people share stays unlinked
                candidate.ids["person"] = people[0].id
    return list(found.values())


def other_facts(findings: Findings) -> list[Candidate]:
    """Units, investments and studies as candidates, each fact once."""
    found: dict[tuple[str, str, str], Candidate] = {}
    for fact in findings.facts:
        key = (fact.kind, identity(fact.subject), identity(fact.object))
        if key in found:
            continue
        candidate = Candidate(
            kind=fact.kind,
            evidence=fact.sentence.text,
            start=fact.sentence.start,
            end=fact.sentence.end,
            confidence=fact.confidence,
            trigger=fact.trigger,
        )
        if fact.kind == "alumnus":
            candidate.person, candidate.org = fact.subject.name, fact.object.name
            link(candidate, "person", fact.subject)
            link(candidate, "org", fact.object)
        elif fact.kind == "investment":
            candidate.from_, candidate.to = fact.subject.name, fact.object.name
            link(candidate, "from", fact.subject)
            link(candidate, "to", fact.object)
        else:  # part_of: the unit is the org, its parent the parent
            candidate.org, candidate.parent = fact.subject.name, fact.object.name
            link(candidate, "org", fact.subject)
            link(candidate, "parent", fact.object)
        found[key] = candidate
    return list(found.values())


def entities(findings: Findings) -> list[Candidate]:
    """Every person and organisation named in the article text, once, with the cue that
    typed it and, for a unit, its suggested parent."""
    found: dict[tuple[str, str], Candidate] = {}
    for mention, sentence in findings.mentions:
        if mention.confidence_scale < 1.0 or mention.anaphor:
            continue
        key = (mention.kind, identity(mention))
        if key in found:
            continue
        candidate = Candidate(
            kind="entity",
            evidence=sentence.text,
            start=sentence.start,
            end=sentence.end,
            confidence=1.0 if mention.known else 0.6,
            trigger=mention.cue,
            entity_type=mention.kind,
            parent=mention.parent,
        )
        if mention.kind == "person":
            candidate.person = mention.name
            link(candidate, "person", mention)
        else:
            candidate.org = mention.name
            link(candidate, "org", mention)
        found[key] = candidate
    return list(found.values())
