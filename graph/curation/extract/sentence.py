"""The rules applied to one sentence: where its moves, jobs, units, investments and studies
are, and who and what they are about.

Nothing is proposed from invitations and offers, speculation ("could", "may", "is expected
to", "rumoured"), negations or denials.
"""

from __future__ import annotations

import re
from dataclasses import replace

from graph.curation.extract.dates import StatedDate, find_dates
from graph.curation.extract.lexicon import DETERMINERS, FUNCTION_WORDS, ROLE_WORDS
from graph.curation.extract.mentions import Mention
from graph.curation.extract.patterns import (
    ANNOUNCED,
    BECAME,
    BOARD_SEAT,
    DENIAL,
    FOUND,
    FROM_WORD,
    HIRE,
    INFINITIVE_VERBS,
    INVEST,
    INVITATION,
    JOB_BEFORE_ORG,
    JOIN,
    LEAVE,
    LEAVE_NOUN,
    LED,
    MOVE_NOUN,
    MOVE_VERB,
    NEAR,
    NEGATION,
    OWN_VENTURE,
    PART_OF,
    PAST_JOB,
    SPECULATION,
    STUDY,
    SUBJECT_GAP,
    TO_NEXT,
    UNNAMED_PERSON,
)
from graph.curation.extract.signals import Fact, Findings, Job, Signal
from graph.curation.extract.text import Sentence


class SentenceRules:
    """The rules applied to one sentence."""

    def __init__(
        self,
        sentence: Sentence,
        mentions: list[Mention],
        findings: Findings,
        document_org: Mention | None = None,
    ) -> None:
        self.sentence = sentence
        self.document_org = document_org  # the organisation the article is most about
        self.text = sentence.text.replace("’", "'")
        self.lower = self.text.lower()
        self.mentions = mentions
        self.findings = findings
        self.dates = find_dates(sentence.text, sentence.start)
        self.first_signal = len(findings.signals)
        for mention in mentions:  # "Lindqvist joined …": a name that is a move's subject
            if mention.kind == "name" and 1 <= len(mention.name.split()) <= 4:
                rest = self.lower[self._at(mention)[1] :]
                gap = SUBJECT_GAP.match(rest)
                if gap and MOVE_VERB.match(rest, gap.end()):
                    mention.kind = "person"

    # --- positions -------------------------------------------------------------------------

    def _at(self, mention: Mention) -> tuple[int, int]:
        return mention.start - self.sentence.start, mention.end - self.sentence.start

    def people_before(self, position: int) -> list[Mention]:
        """People named before ``position``, the clause's subject first.

        The subject is the nearest name, unless that name sits in an aside between commas
        after another name ("Zhou Chang, a key figure behind X's Y, is set to depart").
        """
        found = [
            m
            for m in self.mentions
            if self._at(m)[1] <= position
            and (m.kind == "person" or self._subject_name(m, position))
        ]
        found.sort(key=lambda m: -m.end)
        for index, nearest in enumerate(found[:-1]):
            earlier = found[index + 1]
            aside = self.lower[self._at(earlier)[1] : self._at(nearest)[0]]
            closing = self.lower[self._at(nearest)[1] : position]
            relative = re.match(r"\s*,?\s*(?:who|whose|both of whom|all of whom)\b", closing)
            between = [
                m
                for m in self.mentions
                if self._at(earlier)[1] <= self._at(m)[0] and self._at(m)[1] <= self._at(nearest)[0]
            ]
            separators = aside
            for mention in between:
                separators = separators.replace(mention.text.lower(), "", 1)
            people_only = all(m.kind in ("person", "name") for m in between)
            if people_only and re.fullmatch(r"(?:\s*(?:,|and)\s*)+", separators):
                break  # "X, Y and Z, all formerly of A, joined": one subject, named thrice
            if "," in aside and "," in closing and earlier.name != nearest.name and not relative:
                found.insert(0, found.pop(index + 1))
                break
        return found

    def _subject_name(self, mention: Mention, position: int) -> bool:
        """A name of unknown kind right before the verb is its subject, hence a person
        ("Dana Reyes has left", "Dana Reyes, who led X, joined")."""
        if mention.kind != "name" or not 2 <= len(mention.name.split()) <= 4:
            return False
        gap = self.lower[self._at(mention)[1] : position]
        return bool(SUBJECT_GAP.fullmatch(gap))

    def person_after(self, position: int, *, within: int = 60) -> Mention | None:
        """The first person named after ``position``, within ``within`` characters (a name of
        unknown kind too, when it is the first name there: "recruited Hana Sato")."""
        for mention in self.mentions:
            start = self._at(mention)[0]
            if not position <= start <= position + within:
                continue
            if mention.kind == "person":
                return mention
            if mention.kind == "name" and 2 <= len(mention.text.split()) <= 4:
                gap = self.lower[position:start].split()
                if all(
                    word in DETERMINERS
                    or word in ("former", "ex-")
                    or word.strip(",") in ROLE_WORDS
                    for word in gap
                ):
                    return mention
        return None

    def org_before(self, position: int) -> Mention | None:
        """The organisation named last before ``position``."""
        found = [
            m for m in self.mentions if m.kind in ("org", "name") and self._at(m)[1] <= position
        ]
        return found[-1] if found else None

    def object_at(self, position: int, *, words: int = 3) -> Mention | None:
        """The organisation right after ``position``: only determiners and such in between."""
        for mention in self.mentions:
            start = self._at(mention)[0]
            if start < position or mention.kind not in ("org", "name"):
                continue
            gap = re.findall(r"[\w.'-]+|[^\w\s]", self.lower[position:start])
            # Determiners, and lower-case descriptions: "data-labeling rival Cinder Data".
            described = all(
                word in DETERMINERS
                or (re.fullmatch(r"[a-z][a-z-]+", word) and word not in FUNCTION_WORDS)
                for word in gap
            )
            if len(gap) <= words and described:
                return mention
            return None
        return None

    def org_after_pattern(self, pattern: re.Pattern[str], position: int) -> Mention | None:
        """The organisation right after the first match of ``pattern`` at or after ``position``
        (not inside a phrase about studies: "a PhD from X")."""
        studies = [m.span() for m in STUDY.finditer(self.lower)]
        for match in pattern.finditer(self.lower, position):
            if any(start <= match.start() < end for start, end in studies):
                continue
            found = self.object_at(match.end())
            if found is not None:
                return found
        return None

    def invited_near(self, start: int) -> bool:
        """An invitation or an offer in the clause before ``start`` ("invited X to join")."""
        return (
            INVITATION.search(re.split(r"[;:]", self.lower[max(0, start - 70) : start])[-1])
            is not None
        )

    def blocked(self, start: int, end: int) -> bool:
        """Speculation or negation in the clause before the trigger, or a denial or a rumour
        anywhere before it in the sentence ("denied reports that X was leaving")."""
        before = self.lower[max(0, start - 45) : start]
        clause = re.split(r"[,;:]", before)[-1]
        if SPECULATION.search(clause) or NEGATION.search(clause):
            return True
        return DENIAL.search(self.lower[:start]) is not None

    def status(self, start: int, end: int) -> str:
        """``announced`` when the clause says the move is to come ("is set to", "will",
        "is leaving"), else ``completed``."""
        clause = re.split(r"[,;:]", self.lower[max(0, start - 40) : end])[-1]
        return "announced" if ANNOUNCED.search(clause + " ") else "completed"

    def date_near(self, start: int) -> StatedDate | None:
        """The date stated next after ``start``, else the last one before it."""
        after = [d for d in self.dates if d.start - self.sentence.start >= start]
        before = [d for d in self.dates if d.end - self.sentence.start <= start]
        if after:
            return after[0]
        return before[-1] if before else None

    # --- rules ----------------------------------------------------------------------------

    def read(self) -> None:
        """Apply every rule to the sentence, adding what it says to the findings."""
        self._jobs()
        self._leaves()
        self._joins()
        self._hires()
        self._became()
        self._nouns()
        self._founding()
        self._studies()
        self._investments()
        self._units()

    def together(self, person: Mention) -> list[Mention]:
        """The person and those named with it as one subject ("X and Y have left")."""
        group = [person]
        for mention in reversed([m for m in self.mentions if m.end <= person.start]):
            gap = self.lower[self._at(mention)[1] : self._at(group[-1])[0]]
            if mention.kind in ("person", "name") and re.fullmatch(r"\s*(?:,|,?\s*and)\s*", gap):
                group.append(mention)
            else:
                break
        return group

    def org_subject_before(self, position: int) -> Mention | None:
        """The organisation that is the clause's subject before ``position`` (the nearest, or
        the one before an aside: "Orbital AI, the startup that closed its Series B, hired")."""
        found = [
            m for m in self.mentions if m.kind in ("org", "name") and self._at(m)[1] <= position
        ]
        if not found:
            return None
        nearest = found[-1]
        for earlier in reversed(found[:-1]):
            aside = self.lower[self._at(earlier)[1] : self._at(nearest)[0]]
            closing = self.lower[self._at(nearest)[1] : position]
            if aside.lstrip().startswith(",") and "," in closing:
                return earlier
        return nearest

    def _signal(
        self, person: Mention, kind: str, match: re.Match[str], confidence: float, **values: object
    ) -> Signal:
        signal = Signal(
            person=person,
            kind=kind,
            sentence=self.sentence,
            trigger=match.group("t"),
            confidence=round(confidence * person.confidence_scale, 2),
            status=self.status(match.start(), match.end()),
            date=self.date_near(match.end()),
            position=self.sentence.start + match.start(),
        )
        for name, value in values.items():
            setattr(signal, name, value)
        self.findings.signals.append(signal)
        for other in self.together(person)[1:]:  # "X and Y have left": a move each
            self.findings.signals.append(replace(signal, person=other))
        return signal

    def _destination(self, position: int, *, near: int = NEAR) -> tuple[Mention | None, bool]:
        """Where somebody went, said soon after ``position``: an organisation, or an own
        venture."""
        rest = self.lower[position:]
        to_match = TO_NEXT.search(rest)
        if to_match and to_match.start() > near:
            to_match = None
        found = self.org_after_pattern(TO_NEXT, position + to_match.start()) if to_match else None
        if found is not None:
            return found, False
        venture = OWN_VENTURE.search(rest[: near + 40])
        if venture and re.search(r"\b(?:to|and|for)\b", rest[: venture.start()]):
            return None, True
        return None, False

    def _leaves(self) -> None:
        for match in LEAVE.finditer(self.lower):
            start, end = match.span("t")
            if self.blocked(start, end):
                continue
            before = self.lower[max(0, start - 30) : start]
            if re.search(r"\bto\s+$", before) and not INFINITIVE_VERBS.search(before):
                continue  # "the second researcher to leave the firm" describes a move
            people = self.people_before(start)
            if not people:
                self._unnamed_leave(match)
                continue
            origin = self.object_at(end, words=4)
            if origin is None and re.match(r"\s+from\b", self.lower[end:]):
                origin = self.org_after_pattern(re.compile(r"\bfrom\b"), end)
            if origin is not None and origin.cue.startswith("refers to"):
                # "X, the lead behind the Qwen models, has left the company": the company
                # the sentence ties the person to, rather than the one named last.
                tied = [
                    m
                    for m in self.mentions
                    if m.kind in ("org", "name")
                    and self._at(people[0])[1] < self._at(m)[0]
                    and self._at(m)[1] <= start
                    and not m.cue.startswith("refers to")
                ]
                origin = tied[-1] if tied else origin
            if match.group("t") in (
                "resigned",
                "resigns",
                "resigning",
                "stepped down",
                "steps down",
                "stepping down",
                "step down",
            ):
                origin = origin or self.org_after_pattern(
                    re.compile(r"\bas [\w\s-]{1,40}? (?:of|at)\b|\bfrom\b"), end
                )
            origin_end = self._at(origin)[1] if origin is not None else end
            destination, venture = self._destination(max(end, origin_end))
            self._signal(
                people[0],
                "leave" if destination is None and not venture else "move",
                match,
                0.9 if origin else 0.75,
                origin=origin,
                destination=destination,
                venture=venture,
            )

    def _unnamed_leave(self, match: re.Match[str]) -> None:
        """ "a leading AI talent leaving Alibaba to pursue his own venture": an article's lead
        often tells a move before it names the person; kept to join a named move later."""
        start, end = match.span("t")
        if not UNNAMED_PERSON.search(self.lower[max(0, start - 60) : start]) or self.blocked(
            start, end
        ):
            return
        origin = self.object_at(end, words=4)
        if origin is None:
            return
        destination, venture = self._destination(self._at(origin)[1])
        if destination is None and not venture:
            return
        self.findings.unnamed.append(
            Signal(
                origin,
                "move",
                self.sentence,
                match.group("t"),
                0.6,
                origin=origin,
                destination=destination,
                venture=venture,
            )
        )

    def _joins(self) -> None:
        for match in JOIN.finditer(self.lower):
            start, end = match.span("t")
            if self.invited_near(start) or self.blocked(start, end):
                continue
            before = self.lower[max(0, start - 10) : start]
            people = self.people_before(start)
            if not people:
                continue
            if re.match(r"\s+(?:them\s+)?from\b", self.lower[end:]):
                # "Kuroda joins from Apple": where from; where to, another sentence says
                origin = self.org_after_pattern(FROM_WORD, end)
                if origin is not None:
                    self._signal(people[0], "came", match, 0.85, origin=origin)
                continue
            destination = self.object_at(end, words=4)
            if destination is None and re.match(r"\s+as\b", self.lower[end:]):
                destination = self.document_org  # a release: "Tan joins as head of product"
            if destination is None:
                continue
            if BOARD_SEAT.match(self.lower[end:]):
                continue  # a board seat, not a job
            if re.search(r"\bto\s+$", before) and any(
                s.sentence is self.sentence and s.person.name == people[0].name and s.kind != "join"
                for s in self.findings.signals
            ):
                continue  # "left A to join B": the departure already says where to
            origin = self.org_after_pattern(FROM_WORD, self._at(destination)[1])
            self._signal(
                people[0],
                "join" if origin is None else "move",
                match,
                0.9 if origin else 0.8,
                origin=origin,
                destination=destination,
            )

    def _hires(self) -> None:
        for match in HIRE.finditer(self.lower):
            start, end = match.span("t")
            if self.invited_near(start) or self.blocked(start, end):
                continue
            passive = re.search(
                r"\b(?:was|were|been|being|is|are|got|has been|have been)\s+(?:\w+\s+)?$",
                self.lower[max(0, start - 20) : start],
            )
            if passive or self.lower[end:].startswith(" by"):
                people = self.people_before(start)
                hirer = self.org_after_pattern(re.compile(r"\bby\b"), end)
                if not people or hirer is None:
                    continue
                person = people[0]
            else:
                found = self.person_after(end)
                hirer = self.org_subject_before(start)
                if found is None or hirer is None or self._at(hirer)[1] < start - 200:
                    continue
                person = found
            origin = self.org_after_pattern(FROM_WORD, end)
            # An appointment alone is a job; it is a move only when the article says where
            # the person came from (here or in another sentence).
            self._signal(
                person,
                "join" if origin is None else "move",
                match,
                0.85,
                origin=origin,
                destination=hirer,
            )

    def _became(self) -> None:
        """ "X has since become Sable's chief scientist": X joined Sable."""
        for match in BECAME.finditer(self.lower):
            start, end = match.span("t")
            people = self.people_before(start)
            if not people or self.blocked(start, end):
                continue
            role = re.match(r"\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:at|of|with)\s+", self.lower[end:])
            place = self.object_at(end + role.end(), words=0) if role else None
            owner = self.object_at(end, words=1)
            if owner is not None and re.match(r"(?:'s|')\s", self.lower[self._at(owner)[1] :]):
                place = place or owner  # "become Sable's chief scientist"
            if place is not None:
                self._signal(people[0], "join", match, 0.75, destination=place)

    def _nouns(self) -> None:
        for match in LEAVE_NOUN.finditer(self.lower):
            start, end = match.span("t")
            if self.blocked(start, end):
                continue
            person = self._possessor(start) or self.person_after(end, within=12)
            if person is None:
                continue
            origin = self.org_after_pattern(re.compile(r"\bfrom\b"), end)
            if origin is not None and self._at(origin)[0] - end > 40:
                origin = None
            # "her departure for Meta", "his exit to start a company": right after the noun
            after = self._at(origin)[1] if origin is not None else end
            destination, venture = self._destination(after, near=25)
            self._signal(
                person,
                "leave" if destination is None and not venture else "move",
                match,
                0.85 if origin else 0.6,
                origin=origin,
                destination=destination,
                venture=venture,
                noun=True,
            )
        for match in MOVE_NOUN.finditer(self.lower):
            start, end = match.span("t")
            person = self._possessor(start)
            destination = self.object_at(end, words=3)
            if person is None or destination is None or self.blocked(start, end):
                continue
            origin = self.org_after_pattern(re.compile(r"\bfrom\b"), start)
            self._signal(
                person,
                "join" if origin is None else "move",
                match,
                0.8,
                origin=origin,
                destination=destination,
            )

    def _possessor(self, position: int) -> Mention | None:
        """The person in "X's departure", "his exit", "X, whose own departure"."""
        before = self.lower[:position]
        whose = re.search(r",\s*whose\s+(?:[\w-]+\s+){0,2}$", before)
        if whose:
            people = self.people_before(whose.start())
            return people[0] if people else None
        for mention in self.people_before(position):
            gap = before[self._at(mention)[1] :]
            if re.fullmatch(r"(?:'s|')?\s*(?:[\w-]+\s+){0,2}", gap) and not re.search(
                r"\b(?:of|and|with)\b", gap
            ):
                return mention
            break
        return None

    def _founding(self) -> None:
        for match in FOUND.finditer(self.lower):
            start, end = match.span("t")
            people = self.people_before(start)
            founded = self.object_at(end, words=4)
            if (
                not people
                or founded is None
                or self.blocked(start, end)
                or founded.kind == "person"
            ):
                continue
            leaving = [
                s
                for s in self.findings.signals
                if s.sentence is self.sentence
                and s.person.name == people[0].name
                and s.kind == "leave"
            ]
            if leaving:
                leaving[-1].destination, leaving[-1].kind = founded, "move"
            self._job(people[0], founded, match.group("t"), role="founder", current=True, rank=1)

    def _jobs(self) -> None:
        """Jobs stated by apposition, possession, relative clauses and past markers."""
        for person in [m for m in self.mentions if m.kind == "person"]:
            p_start, p_end = self._at(person)
            # "X, a senior member of Y's team," / "X, head of Y" / "X, the tech lead of Y"
            after = self.lower[p_end:]
            apposition = re.match(r"\s*,\s*([^,;()]{0,80}?)(?=,|\)|;|$| has| is| was| who)", after)
            if apposition:
                self._role_phrase(person, p_end + apposition.start(1), p_end + apposition.end(1))
            # "Y's chief scientist X", "its LLM project leader X", "former Y researcher X"
            head = self.lower[max(0, p_start - 60) : p_start]
            for org in reversed(
                [
                    m
                    for m in self.mentions
                    if m.kind in ("org", "name")
                    and self._at(m)[1] <= p_start
                    and self._at(m)[1] >= p_start - 60
                ]
            ):
                gap = self.lower[self._at(org)[1] : p_start]
                role = re.fullmatch(r"(?:'s|')?\s*((?:[\w-]+\s+){0,4}?[\w-]*?),?\s*", gap)
                owned = org.kind == "org" or gap.startswith(("'s", "'"))
                if owned and role and (set(role.group(1).split()) & _role_words(role.group(1))):
                    past = bool(
                        re.search(
                            r"\b(?:former|ex-|onetime)\s*$",
                            self.lower[max(0, self._at(org)[0] - 10) : self._at(org)[0]],
                        )
                    )
                    self._job(
                        person,
                        org,
                        "role before the name",
                        role=role.group(1).strip(),
                        current=not past,
                        rank=1,
                    )
                break
            del head
        for person in [m for m in self.mentions if m.kind == "person"]:
            # "Hannah Cho (ex-OpenAI)", "Lee (formerly of Baidu)"
            aside = re.match(
                r"\s*\(\s*(?:ex-|formerly(?: of| at)?|previously(?: at)?)\s*",
                self.lower[self._at(person)[1] :],
            )
            bracketed = (
                self.object_at(self._at(person)[1] + aside.end(), words=0) if aside else None
            )
            if bracketed is not None:
                self._job(person, bracketed, "in brackets after the name", current=False, rank=1)
        for pattern, rank, current in ((LED, 1, None), (PAST_JOB, 2, False)):
            for match in pattern.finditer(self.lower):
                start, end = match.span("t")
                if self.blocked(start, end):
                    continue
                people = self.people_before(start)
                if not people and start < 12:  # "After eight years at X, Grace Kim moved…"
                    subject = self.person_after(
                        self.lower.find(",", end) + 1 if "," in self.lower[end:] else end, within=40
                    )
                    people = [subject] if subject else []
                orgs = self._orgs_listed(end) or self._org_in_clause(end)
                if not people or not orgs:
                    continue
                word = match.group("t")
                if word in ("former", "ex-"):
                    continue  # handled with the role before the name
                now = (
                    current
                    if current is not None
                    else not re.search(
                        r"\b(?:previously|formerly|once|led|oversaw|headed|ran|managed|co-led|worked|was|served|spent)\b",
                        word,
                    )
                )
                since = re.match(
                    r"\s*since\s+((?:19|20)\d{2})", self.lower[self._at(orgs[-1])[1] :]
                )
                for org in orgs:
                    self._job(
                        people[0],
                        org,
                        word,
                        role=_role_of(word),
                        current=now,
                        rank=rank,
                        start=since.group(1) if since else None,
                    )

    def _org_in_clause(self, position: int) -> list[Mention]:
        """The first organisation in the rest of the clause ("led the vision team at X")."""
        clause = re.match(r"[^,;()]{0,60}", self.lower[position:])
        limit = position + (clause.end() if clause else 0)
        for mention in self.mentions:
            start = self._at(mention)[0]
            if mention.kind in ("org", "name") and position <= start < limit:
                return [mention]
        return []

    def _role_phrase(self, person: Mention, start: int, end: int) -> None:
        """ "a senior member of Y's development team" after a name: a job at Y."""
        phrase = self.lower[start:end]
        if re.match(r"\s*(?:who|which|said|says)\b", phrase):
            return
        for org in self.mentions:
            o_start, o_end = self._at(org)
            if org.kind not in ("org", "name") or not start <= o_start < end:
                continue
            role = JOB_BEFORE_ORG.search(self.lower[start:o_start])
            if role is None:
                # "a former Apple researcher", "an OpenAI co-founder": the role after the name
                lead = self.lower[start:o_start].split()
                trailing = self.lower[o_end:end].split()
                if trailing[:1] in (["'s"], ["'"]):  # "Vireo's head of data"
                    trailing = trailing[1:]
                if (
                    all(
                        w in ("a", "an", "the", "former", "ex-", "onetime", "longtime")
                        for w in lead
                    )
                    and trailing
                    and set(trailing[:4]) & _role_words(" ".join(trailing[:4]))
                ):
                    past = "former" in lead or "ex-" in lead or "onetime" in lead
                    self._job(
                        person,
                        org,
                        "described after the name",
                        role=" ".join(trailing[:4]),
                        current=not past,
                        rank=1,
                    )
                return
            words = role.group("role").strip()
            past = bool(
                re.search(r"\b(?:former|previously|formerly|ex-)\b", phrase[: o_start - start])
            )
            marked = re.match(
                r"(?:previously|formerly|former|now|currently|most recently)\b", words
            )
            if not words or not (marked or set(words.split()) & _role_words(words)):
                return
            words = re.sub(r"^(?:previously|formerly|now|currently|most recently)\s+", "", words)
            self._job(
                person,
                org,
                "described after the name",
                role=re.sub(r"^(?:a|an|the)\s+", "", words),
                current=not past,
                rank=1,
            )
            return

    def _orgs_listed(self, position: int) -> list[Mention]:
        """The organisation right after ``position`` and any listed with it ("X and Y")."""
        first = self.object_at(position, words=3)
        if first is None:
            return []
        found = [first]
        cursor = self._at(first)[1]
        while True:
            joint = re.compile(r"\s*(?:,\s*and|,|and|&)\s*").match(self.lower, cursor)
            nxt = self.object_at(joint.end(), words=0) if joint else None
            if nxt is None or nxt in found:
                return found
            found.append(nxt)
            cursor = self._at(nxt)[1]

    def _job(self, person: Mention, org: Mention, trigger: str, **values: object) -> None:
        if org.kind == "person" or person.name == org.name:
            return
        for other in self.together(person)[1:]:  # "X, Y and Z, all formerly of A"
            self._job(other, org, trigger, **values)
        job = Job(
            person=person,
            org=org,
            sentence=self.sentence,
            trigger=trigger,
            confidence=round(0.8 * person.confidence_scale, 2),
        )
        for name, value in values.items():
            setattr(job, name, value)
        self.findings.jobs.append(job)

    def _studies(self) -> None:
        for match in STUDY.finditer(self.lower):
            start, end = match.span("t")
            people = self.people_before(start)
            school = self.object_at(end, words=2)
            if people and school is not None and not self.blocked(start, end):
                self.findings.facts.append(
                    Fact("alumnus", people[0], school, self.sentence, match.group("t"), 0.8)
                )

    def _investments(self) -> None:
        for match in INVEST.finditer(self.lower):
            start, end = match.span("t")
            if self.blocked(start, end):
                continue
            if self.lower[end:].startswith(" by"):
                investor = self.org_after_pattern(re.compile(r"\bby\b"), end)
                investee = self.org_before(start)
                pairs = [(investor, investee)] if investor and investee else []
            else:
                investor = self.org_before(start)
                listed = self._orgs_listed(end) or self._orgs_after_colon(end)
                pairs = [(investor, org) for org in listed] if investor else []
            for investor_, investee_ in pairs:
                if (
                    investor_ is not None
                    and investee_ is not None
                    and investor_.name != investee_.name
                ):
                    self.findings.facts.append(
                        Fact(
                            "investment",
                            investor_,
                            investee_,
                            self.sentence,
                            match.group("t"),
                            0.75,
                        )
                    )

    def _orgs_after_colon(self, position: int) -> list[Mention]:
        colon = self.lower.find(":", position)
        if colon < 0 or colon - position > 40:
            return []
        return [m for m in self.mentions if m.kind in ("org", "name") and self._at(m)[0] > colon]

    def _units(self) -> None:
        for mention in self.mentions:
            if mention.kind == "org" and mention.owner is not None and mention.parent:
                self.findings.facts.append(
                    Fact("part_of", mention, mention.owner, self.sentence, "'s", 0.7)
                )
        for match in PART_OF.finditer(self.lower):
            start, end = match.span("t")
            word = match.group("t")
            if word in ("the owner of", "which owns") or word.startswith("parent"):
                owner = self.org_before(start)
                single = self.object_at(end, words=5)
                units = self._orgs_listed(end) or ([single] if single is not None else [])
                for unit in units:
                    if owner is not None:
                        self.findings.facts.append(
                            Fact("part_of", unit, owner, self.sentence, word, 0.7)
                        )
            else:
                member = self.org_before(start)
                parent = self.object_at(end, words=2)
                if member is not None and parent is not None and member.name != parent.name:
                    self.findings.facts.append(
                        Fact("part_of", member, parent, self.sentence, word, 0.75)
                    )


def _role_words(words: str) -> set[str]:
    """The role words among ``words`` ("senior member", "project leader")."""
    return {word for word in words.split() if word in ROLE_WORDS}


def _role_of(trigger: str) -> str:
    if re.search(
        r"\b(?:led|leads|leading|oversaw|oversees|overseeing|headed|heads|heading|ran|runs|running|managed|manages|co-led)\b",
        trigger,
    ):
        return "head"
    if "founded" in trigger:
        return "founder"
    if trigger.startswith("member"):
        return "member"
    return ""
