"""Reading an article: sentence by sentence, with the names each sentence resolves to.

A sentence gives *signals* (``graph.curation.extract.sentence``): somebody left an
organisation, joined one, was hired by one, holds or held a job, studied somewhere. Reading
the document in order resolves pronouns, short names and "the company" to the names before
them, remembers the kind a strong cue gave a name, and takes the subject of a move for a
person. ``graph.curation.extract.linking`` then joins the signals into moves.

Nothing is read from headlines, questions, or lines that are not article text.
"""

from __future__ import annotations

import re

from graph.curation.extract.chinese import read_chinese
from graph.curation.extract.lexicon import NOT_NAMES
from graph.curation.extract.mentions import Mention, Registry, find_mentions
from graph.curation.extract.patterns import PRONOUNS
from graph.curation.extract.sentence import SentenceRules
from graph.curation.extract.signals import Findings
from graph.curation.extract.text import Sentence, is_chinese, split_sentences, tokenize


class _Document:
    """The state of reading one document: who and what was named last."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.people: dict[str, Mention] = {}  # a word of a name (lower case) -> the full name
        self.org_names: dict[str, Mention] = {}  # an organisation's first word -> its name
        self.names: dict[str, Mention] = {}  # a later word of a name of unknown kind -> it
        self.kinds: dict[str, tuple[str, int]] = {}  # a name -> its kind, by the strongest cue
        self.last_person: Mention | None = None
        self.orgs: list[Mention] = []
        self.previous: list[Mention] = []  # the organisations the last sentence named

    def resolve(self, sentence: Sentence) -> list[Mention]:
        """The sentence's names, with pronouns, short names and "the company" resolved."""
        self.sentence_text, self.sentence_start = sentence.text, sentence.start
        mentions = find_mentions(sentence.text, sentence.start, self.registry)
        tokens = tokenize(sentence.text, sentence.start)
        resolved: list[Mention] = []
        taken = [(m.start, m.end) for m in mentions]
        extra = []
        for index, token in enumerate(tokens):
            if any(s <= token.start < e for s, e in taken):
                continue
            if token.lower in PRONOUNS:
                extra.append(Mention(token.text, token.start, token.end, "person", cue="pronoun"))
            elif index == 0 and token.lower in self.people and token.text.islower():
                extra.append(_as(self.people[token.lower], token.start, token.end, token.text, 0.9))
        sentence_orgs: list[Mention] = []
        for mention in sorted([*mentions, *extra], key=lambda m: m.start):
            if mention.cue == "pronoun":  # the person named last, in this sentence or before
                named = [m for m in resolved if m.kind == "person" or _person_like(m)]
                target = named[-1] if named else self.last_person
                if target is not None and target.kind == "name":
                    target.kind = "person"
                    self.promote(target)
                if target is None:
                    continue
                mention = _as(target, mention.start, mention.end, mention.text, 0.85)
            if mention.anaphor:
                target = self._antecedent(mention, sentence_orgs)
                if target is None:
                    continue
                mention = _as(target, mention.start, mention.end, mention.text, 0.9)
                mention.anaphor = True
            elif mention.owner is not None and mention.owner.anaphor and not mention.known:
                target = self._antecedent(mention.owner, sentence_orgs)
                if target is None:
                    continue
                owner = mention.owner
                mention.owner = _as(target, owner.start, owner.end, owner.text, 0.9)
                mention.name = f"{target.name} {mention.phrase}"
                mention.parent = target.known or target.name
            if mention.kind == "org" and not mention.known:
                written = (
                    f"{mention.owner.text} {mention.phrase}" if mention.owner else mention.name
                )
                for name in (written, mention.name):
                    words = tokenize(name, 0)
                    known = self.registry.match(words, 0)
                    if known and known[0] == len(words) and known[1].kind == "org":
                        mention.known, mention.name = known[1].id, known[1].label
                        break
            typed = self.kinds.get(mention.name.lower())
            if typed is not None and typed[1] > mention.strength and not mention.known:
                mention.kind = typed[0]  # as a stronger cue typed it elsewhere
            if mention.kind in ("person", "name") and len(mention.text.split()) == 1:
                full = self.people.get(mention.text.lower()) or self.names.get(mention.text.lower())
                if full is not None:
                    mention = _as(full, mention.start, mention.end, mention.text, 0.95)
            if mention.kind == "name" and 2 <= len(mention.name.split()) <= 4:
                for word in mention.name.split()[1:]:  # "Lindqvist" for "Amara Lindqvist"
                    self.names.setdefault(word.lower(), mention)
            if (
                mention.kind in ("org", "name")
                and mention.strength < 3
                and len(mention.text.split()) == 1
            ):
                longer = self.org_names.get(mention.text.lower())
                if longer is not None and longer.name != mention.name:
                    mention = _as(longer, mention.start, mention.end, mention.text, 0.95)
            if (
                mention.kind == "org"
                and mention.owner is None
                and len(mention.name.split()) > 1
                and mention.confidence_scale == 1.0
            ):
                first = mention.name.split()[0].lower()
                if first not in NOT_NAMES:  # "Nimbus" later stands for "Nimbus Labs"
                    self.org_names.setdefault(first, mention)
            if mention.kind == "person" and mention.confidence_scale == 1.0:
                self.promote(mention)
            if mention.kind in ("person", "org") and mention.strength > typed_strength(typed):
                self.kinds[mention.name.lower()] = (mention.kind, mention.strength)
            if mention.kind == "org":
                sentence_orgs.append(mention)
            resolved.append(mention)
        people = [m for m in resolved if m.kind == "person"]
        if people:
            self.last_person = next((m for m in people if m.confidence_scale == 1.0), people[0])
        named = [o for o in sentence_orgs if not o.anaphor]
        self.orgs.extend(named)
        self.previous = named or self.previous
        return resolved

    def main_org(self) -> Mention | None:
        """The company the article has named most often so far."""
        counts: dict[str, int] = {}
        latest: dict[str, Mention] = {}
        for mention in self.orgs:
            if mention.owner is None and not self._is_unit(mention):
                key = mention.known or mention.name.lower()
                counts[key] = counts.get(key, 0) + 1
                latest[key] = mention
        if not counts:
            return None
        first_named = {key: order for order, key in enumerate(latest)}
        return latest[max(counts, key=lambda key: (counts[key], first_named[key]))]

    def text_between(self, first: Mention, second: Mention) -> str:
        """The sentence's text between two of its mentions."""
        return self.sentence_text[
            first.end - self.sentence_start : second.start - self.sentence_start
        ]

    def promote(self, person: Mention) -> None:
        """Take ``person`` as a person from now on: its words name it, pronouns point at it."""
        for word in person.name.split():
            self.people.setdefault(word.lower(), person)
        self.people.setdefault(person.name.lower(), person)
        if typed_strength(self.kinds.get(person.name.lower())) < 2:
            self.kinds[person.name.lower()] = ("person", 2)

    def _antecedent(self, anaphor: Mention, sentence_orgs: list[Mention]) -> Mention | None:
        """The organisation an anaphor stands for: for "its" and "it" the sentence's first
        one; for "the company" the last company named in the sentence, else in the sentence
        before, else the one the article named most often."""
        if anaphor.text.lower() == "us":  # "joins us": the company the article speaks for
            return self.main_org()
        companies = [m for m in sentence_orgs if m.owner is None and not self._is_unit(m)]
        if anaphor.text.lower() in ("its", "it"):
            in_clause = [m for m in companies if "," not in self.text_between(m, anaphor)]
            if in_clause:
                return in_clause[-1]  # "return to Meta to join its lab"
            if companies:
                return companies[0]  # "Kuaishou, a rival of ByteDance, saw its leader…"
        elif companies:
            return companies[-1]
        previous = [m for m in self.previous if m.owner is None and not self._is_unit(m)]
        if previous:
            return previous[-1]
        return self.main_org()

    def _is_unit(self, mention: Mention) -> bool:
        entity = self.registry.by_id.get(mention.known or "")
        return entity is not None and entity.parent is not None


def _person_like(mention: Mention) -> bool:
    """A name of unknown kind that reads like a person's: two or three capitalised words."""
    return (
        mention.kind == "name"
        and mention.cue == "two to four name-like words"
        and (2 <= len(mention.name.split()) <= 3)
    )


def typed_strength(typed: tuple[str, int] | None) -> int:
    """The strength of a remembered kind (0 when none is remembered)."""
    return typed[1] if typed else 0


def _as(target: Mention, start: int, end: int, text: str, scale: float) -> Mention:
    """A mention at ``start``–``end`` that stands for ``target`` (a pronoun, a short name)."""
    copy = Mention(
        text=text,
        start=start,
        end=end,
        kind=target.kind,
        known=target.known,
        name=target.name,
        cue=f"refers to {target.name}",
        parent=target.parent,
    )
    copy.confidence_scale = scale * target.confidence_scale
    return copy


def read_document(text: str, registry: Registry) -> Findings:
    """Every signal, job and fact the article text states, sentence by sentence."""
    document = _Document(registry)
    findings = Findings()
    sentences = split_sentences(text)
    title = next((s for s in sentences if s.article), None)
    for sentence in sentences:
        if not sentence.article:
            continue
        if is_chinese(sentence.text):
            read_chinese(sentence, registry, findings)
            continue
        if _headline(sentence.text, first=sentence is title) or sentence.text.rstrip().endswith(
            "?"
        ):
            continue
        mentions = document.resolve(sentence)
        reader = SentenceRules(sentence, mentions, findings, document.main_org())
        reader.read()
        # In the order the sentence tells them: "who joined X …, will step down to join Y".
        findings.signals[reader.first_signal :] = sorted(
            findings.signals[reader.first_signal :], key=lambda s: s.position
        )
        for signal in findings.signals[reader.first_signal :]:
            if signal.person.kind == "name":  # the subject of a move is a person
                signal.person.kind = "person"
                document.promote(signal.person)
                document.last_person = signal.person
        findings.mentions.extend((m, sentence) for m in mentions if m.kind in ("person", "org"))
    return findings


def _headline(text: str, *, first: bool = False) -> bool:
    """Title Case lines ("Alibaba Loses Top AI Engineer Zhou Chang") are headlines, and so is
    an article's first line when it does not end like a sentence."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    if text.rstrip()[-1:] in ".!":
        return False
    if first and len(text) < 160:
        return True
    if len(words) < 3:
        return False
    capitalised = sum(1 for word in words if word[0].isupper())
    return capitalised / len(words) >= 0.7
