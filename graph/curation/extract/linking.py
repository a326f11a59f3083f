"""Linking a person's move signals, in document order, into moves with both ends.

"He left Tencent" followed by "he joined JD's academy" is one move, in either telling order; a
departure with no origin in its sentence takes the person's job stated elsewhere in the
article; a join with no known origin is a job, not a move: an origin is never invented.
"""

from __future__ import annotations

from graph.curation.extract.candidates import Candidate, identity, link
from graph.curation.extract.mentions import Mention, Registry
from graph.curation.extract.signals import Findings, Signal


class Linker:
    """Joins a person's move signals, in document order, into moves with both ends."""

    def __init__(self, registry: Registry, findings: Findings) -> None:
        self.registry = registry
        self.findings = findings
        self.found: list[tuple[Signal, Candidate]] = []
        self.current: dict[str, Mention] = {}  # person -> where they are now, as far as said
        self.inferred: set[int] = set()  # moves whose origin no sentence of theirs states
        self.joined: list[Signal] = []  # joins with no origin: jobs

    def moves(self) -> list[Candidate]:
        """The moves, each with an origin; joins with none are left in ``joined``."""
        for signal in self.findings.signals:
            self._take(signal)
        self._pair_dangling()
        self._name_the_unnamed()
        return [candidate for _, candidate in self.found if candidate.from_ is not None]

    def _name_the_unnamed(self) -> None:
        """A move told before its person is named joins the one named move it fits."""
        for unnamed in self.findings.unnamed:
            fits = [
                (signal, candidate)
                for signal, candidate in self.found
                if candidate.to is None
                and not candidate.to_unnamed
                and (
                    self._same(signal.origin, unnamed.origin)
                    or self._company(signal.origin) == self._company(unnamed.origin)
                )
            ]
            if len(fits) != 1:
                continue
            signal, candidate = fits[0]
            if unnamed.destination is not None:
                self._set_end(candidate, "to", unnamed.destination)
            else:
                candidate.to, candidate.to_unnamed = (
                    f"{signal.person.name}'s own venture (unnamed)",
                    True,
                )
            self._add_evidence(candidate, unnamed)

    def _company(self, mention: Mention | None) -> str | None:
        """The top of ``mention``'s chain of owners (its company)."""
        if mention is None:
            return None
        key: str | None = identity(mention)
        parent = mention.parent.lower() if mention.parent and not mention.known else None
        seen: set[str] = set()
        while key is not None and key not in seen:
            seen.add(key)
            entity = self.registry.by_id.get(key)
            following = entity.parent if entity else parent
            parent = None
            if following is None:
                return key
            key = following
        return key

    def _pair_dangling(self) -> None:
        """A departure with no destination and a join whose origin was only inferred are one
        move, whatever order the article tells them in ("He joined B in February. He had
        left A shortly after…")."""
        for leave, dangling in list(self.found):
            if dangling.to is not None or dangling.to_unnamed:
                continue
            person = identity(leave.person)
            for join, joined in self.found:
                if (
                    join is not leave
                    and identity(join.person) == person
                    and id(joined) in self.inferred
                    and not self._same(leave.origin, join.destination)
                ):
                    joined.from_, join.origin = dangling.from_, leave.origin
                    joined.ids.pop("from", None)
                    if "from" in dangling.ids:
                        joined.ids["from"] = dangling.ids["from"]
                    joined.more.append((dangling.start, dangling.end, dangling.evidence))
                    joined.more.extend(dangling.more)
                    self.inferred.discard(id(joined))
                    self.found.remove((leave, dangling))
                    break

    def _take(self, signal: Signal) -> None:
        person = identity(signal.person)
        if signal.kind == "came":
            self._came_from(signal, person)
            return
        told = any(identity(s.person) == person for s, _ in self.found)
        if signal.origin is None and signal.destination is None and signal.noun and told:
            self._attach(signal, person)  # "her exit": a move already found
            return
        open_leave = next(
            (
                (s, c)
                for s, c in reversed(self.found)
                if identity(s.person) == person and c.to is None and not c.to_unnamed
            ),
            None,
        )
        if signal.kind == "join" and signal.origin is None and open_leave is not None:
            leave, candidate = open_leave
            if signal.destination is not None and not self._same(leave.origin, signal.destination):
                leave.destination = signal.destination
                self._set_end(candidate, "to", signal.destination)
                candidate.date = _better_date(
                    candidate.date, signal.date.value if signal.date else None
                )
                self._add_evidence(candidate, signal)
                self.current[person] = signal.destination
                return
        if signal.kind == "leave" and signal.origin is not None:
            joined = next(
                (
                    s
                    for s in self.joined
                    if identity(s.person) == person and s.sentence is signal.sentence
                ),
                None,
            )
            if joined is not None:  # "X joined B in October, leaving A": one move, A to B
                self.joined.remove(joined)
                signal.destination, signal.kind = joined.destination, "move"
        stated = signal.origin is not None
        origin = signal.origin or self._origin(signal, person)
        if origin is None:
            if signal.kind == "join" and signal.destination is not None:
                self.joined.append(signal)  # a job there from then on, not a move
                self.current[person] = signal.destination
            else:
                self._attach(signal, person)
            return
        signal.origin = origin
        if signal.destination is not None and (
            self._same(origin, signal.destination)
            or _one_name_holds_the_other(origin, signal.destination)
        ):
            return
        for earlier, candidate in self.found:
            if identity(earlier.person) == person and self._compatible(earlier, signal):
                self._merge(earlier, candidate, signal)
                return
        candidate = Candidate(
            kind="move",
            evidence=signal.sentence.text,
            start=signal.sentence.start,
            end=signal.sentence.end,
            confidence=signal.confidence
            if signal.origin is not None
            else round(signal.confidence * 0.8, 2),
            trigger=signal.trigger,
            person=signal.person.name,
            date=signal.date.value if signal.date else None,
            status=signal.status,
        )
        link(candidate, "person", signal.person)
        self._set_end(candidate, "from", origin)
        if signal.destination is not None:
            self._set_end(candidate, "to", signal.destination)
        elif signal.venture:
            candidate.to, candidate.to_unnamed = (
                f"{signal.person.name}'s own venture (unnamed)",
                True,
            )
        self.found.append((signal, candidate))
        if not stated and signal.kind == "join":
            self.inferred.add(id(candidate))
        if signal.destination is not None and signal.status == "completed":
            self.current[person] = signal.destination

    def _came_from(self, signal: Signal, person: str) -> None:
        """ "X joins from Apple": the origin of X's latest join (or a departure from Apple)."""
        joined = next((s for s in reversed(self.joined) if identity(s.person) == person), None)
        if joined is not None:
            self.joined.remove(joined)
            joined.origin = signal.origin
            joined.kind = "move"
            self._take(joined)
            self._add_evidence(self.found[-1][1], signal)
            return
        for earlier, candidate in reversed(self.found):
            if identity(earlier.person) == person and id(candidate) in self.inferred:
                self._set_end(candidate, "from", signal.origin)  # type: ignore[arg-type]
                earlier.origin = signal.origin
                self.inferred.discard(id(candidate))
                self._add_evidence(candidate, signal)
                return
        signal.kind = "leave"
        self._take(signal)

    def _origin(self, signal: Signal, person: str) -> Mention | None:
        """Where a person left from when the sentence does not say: their job as stated."""
        if person in self.current and signal.kind == "leave":
            return self.current[person]
        jobs = [j for j in self.findings.jobs if identity(j.person) == person]
        destination = signal.destination
        usable = [
            j
            for j in jobs
            if destination is None
            or not (self._same(j.org, destination) or _same_first_word(j.org, destination))
        ]
        same_sentence = [j for j in usable if j.sentence is signal.sentence]
        ranked = sorted(
            same_sentence or usable,
            key=lambda j: (
                j.rank,
                j.sentence.start > signal.sentence.start,
                abs(j.sentence.start - signal.sentence.start),
            ),
        )
        if ranked:
            return ranked[0].org
        if person in self.current:
            return self.current[person]
        return None

    def _attach(self, signal: Signal, person: str) -> None:
        """A departure that names no origin: another sentence about a move already found."""
        for earlier, candidate in self.found:
            if identity(earlier.person) == person:
                self._add_evidence(candidate, signal)
                return

    def _compatible(self, earlier: Signal, signal: Signal) -> bool:
        if not self._same(earlier.origin, signal.origin):
            return False
        ends = (earlier.destination, signal.destination)
        if None in ends:
            return True
        return self._same(*ends)

    def _merge(self, earlier: Signal, candidate: Candidate, signal: Signal) -> None:
        if signal.destination is not None and candidate.to is None:
            self._set_end(candidate, "to", signal.destination)
        if signal.venture and candidate.to is None:
            candidate.to, candidate.to_unnamed = (
                f"{signal.person.name}'s own venture (unnamed)",
                True,
            )
        if (
            signal.origin is not None
            and earlier.origin is not None
            and self._inside(signal.origin, earlier.origin)
        ):
            self._set_end(candidate, "from", signal.origin)  # the more precise unit
        if signal.status == "completed":
            candidate.status = "completed"
        candidate.date = _better_date(candidate.date, signal.date.value if signal.date else None)
        candidate.confidence = max(candidate.confidence, signal.confidence)
        self._add_evidence(candidate, signal)

    def _add_evidence(self, candidate: Candidate, signal: Signal) -> None:
        sentence = signal.sentence
        if sentence.start != candidate.start and all(
            s != sentence.start for s, _, _ in candidate.more
        ):
            candidate.more.append((sentence.start, sentence.end, sentence.text))

    def _set_end(self, candidate: Candidate, end: str, mention: Mention) -> None:
        if end == "from":
            candidate.from_ = mention.name
        else:
            candidate.to = mention.name
        link(candidate, end, mention)

    def _same(self, first: Mention | None, second: Mention | None) -> bool:
        if first is None or second is None:
            return first is second
        return (
            identity(first) == identity(second)
            or self._inside(first, second)
            or self._inside(second, first)
            or _names_unit(first, second)
            or _names_unit(second, first)
        )

    def _inside(self, unit: Mention, owner: Mention) -> bool:
        """Whether ``unit`` is ``owner`` or lies below it (registry parents, or "X's team")."""
        target = identity(owner)
        key: str | None = identity(unit)
        parent = unit.parent.lower() if unit.parent and not unit.known else None
        seen = set()
        while key is not None and key not in seen:
            if key == target:
                return True
            seen.add(key)
            entity = self.registry.by_id.get(key)
            key = entity.parent if entity else parent
            parent = None
        return False


def _same_first_word(first: Mention, second: Mention) -> bool:
    """Whether two names start alike ("Google Research", "Google"): likely one company, so
    a job at one is no origin for joining the other."""
    return first.name.split()[:1] == second.name.split()[:1]


def _one_name_holds_the_other(first: Mention, second: Mention) -> bool:
    """ "DeepMind" and "Google DeepMind": two names of one organisation, as far as the text
    tells."""
    a, b = f" {first.name.lower()} ", f" {second.name.lower()} "
    return a in b or b in a


def _names_unit(short: Mention, unit: Mention) -> bool:
    """Whether ``short`` names the unit by its first words ("Qwen", "X's Qwen technology team")."""
    words = short.name.lower().split()
    return bool(unit.phrase) and unit.phrase.lower().split()[: len(words)] == words


def _better_date(first: str | None, second: str | None) -> str | None:
    """The more precise of two stated dates."""
    if first is None or second is None:
        return first or second
    rank = lambda value: (value.startswith("--"), -len(value))  # noqa: E731
    return min(first, second, key=rank)
