"""Names in a sentence: people and organisations, known ones resolved, new ones typed by cues.

A name is known when it matches a registry entry's label or alias (in any case, and a person's
two-part name in either order). Other capitalised runs of words are typed by what they look
like and what surrounds them: an organisation ends with a word such as "Labs" or "University",
or is a well-known lab or company; a person is two to four name-like words, typed by a common
Chinese surname, a role word before it ("engineer Zhou Chang") or a cue after it (", a former…",
"said"). An owner, a possessive and a unit phrase ("Tencent's Hunyuan AI model team") make one
organisation whose suggested parent is the owner. "The company" and "its" are organisations
to be resolved to the one named last (see ``graph.curation.extract.document``).

>>> known = [KnownEntity("acme", "org", "Acme", ("Acme Corp",), None)]
>>> found = find_mentions("Ann Lee, a researcher at Acme Corp, joined Beta's vision team.", 0,
...                       Registry(known))
>>> [(m.text, m.kind, m.known, m.name) for m in found]  # doctest: +NORMALIZE_WHITESPACE
[('Ann Lee', 'person', None, 'Ann Lee'), ('Acme Corp', 'org', 'acme', 'Acme'),
 ("Beta's vision team", 'org', None, 'Beta vision team')]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from graph.curation.extract.lexicon import (
    CHINESE_SURNAMES,
    FUNCTION_WORDS,
    GIVEN_NAMES,
    KNOWN_ORGS,
    NOT_NAMES,
    OF_HEADS,
    ORG_HEADS,
    ORG_NOUNS,
    PLACES,
    ROLE_WORDS,
    UNIT_NOUNS,
)
from graph.curation.extract.text import Token, tokenize

_KNOWN_ORGS_LOWER = {name.lower() for name in KNOWN_ORGS}
_PLACES_LOWER = {name.lower() for name in PLACES}
_CONNECTORS = frozenset({"of", "for", "&", "de", "van", "von", "der", "al", "la", "du"})
_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Za-z]+)?")
ADJECTIVE_SUFFIX = re.compile(r"-(?:based|born|backed|led|owned|funded|founded|run|made)$", re.I)
_ACRONYM = re.compile(r"[A-Z]{2,5}s?")  # LLM, LLMs, GDPR: terms unless known as organisations
# Words that describe a person when they follow the name and a comma.
_DESCRIBERS = {"a", "an", "the", "who", "former", "formerly", "previously", "now", "currently"}
# "its", "it", and "the" with a noun of ``ORG_NOUNS``: an organisation named before.
ORG_PRONOUNS = frozenset({"its", "it", "us"})  # "joins us from Stripe": the company writing


@dataclass(frozen=True)
class KnownEntity:
    """A registry entry the extractor may link to: id, ``person`` or ``org``, names, parent."""

    id: str
    kind: str
    label: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None


@dataclass
class Mention:
    """A name in the text: where it is, what kind it is, and what it resolves to."""

    text: str
    start: int
    end: int
    kind: str  # person, org, place, or name (capitalised, kind unknown)
    known: str | None = None  # the registry id
    name: str = ""  # the label to show: the registry's, or the text as written
    cue: str = ""  # why it got its kind
    parent: str | None = None  # a unit's owner: a registry id or a name
    anaphor: bool = False  # "the company", "its": resolved to the organisation named last
    owner: Mention | None = None  # for a unit: the owner mention
    phrase: str = ""  # for a unit: the unit phrase ("vision team")
    confidence_scale: float = 1.0  # below 1 for a pronoun or a short name resolved to a name

    @property
    def strength(self) -> int:
        """How sure its kind is: 3 known, 2 a strong cue (a role, a head word, a described
        name), 1 a weak one."""
        if self.known or self.cue in ("registry", "a well-known organisation"):
            return 3
        weak = (
            "capitalised",
            "two to four name-like words",
            "holds an organisation's or a place's name",
        )
        return 1 if self.cue in weak else 2

    def __post_init__(self) -> None:
        self.name = self.name or self.text


@dataclass
class Registry:
    """The known entities, indexed by their names in lower case (and persons' swapped names)."""

    entities: list[KnownEntity] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_name: dict[tuple[str, ...], list[KnownEntity]] = {}
        self.by_id = {entity.id: entity for entity in self.entities}
        for entity in self.entities:
            for name in (entity.label, *entity.aliases):
                self._index(name, entity)
                words = name.split()
                if entity.kind == "person" and len(words) == 2:
                    self._index(f"{words[1]} {words[0]}", entity)
        self.longest = max((len(key) for key in self.by_name), default=0)

    def _index(self, name: str, entity: KnownEntity) -> None:
        key = _name_key(name)
        if key and entity not in self.by_name.setdefault(key, []):
            self.by_name[key].append(entity)

    def named(self, name: str, kind: str) -> list[KnownEntity]:
        """The entities of ``kind`` that ``name`` is a label or alias of."""
        return [entity for entity in self.by_name.get(_name_key(name), []) if entity.kind == kind]

    def match(self, tokens: list[Token], at: int) -> tuple[int, KnownEntity] | None:
        """The longest unambiguous known name at ``tokens[at]``: (its length, the entity)."""
        for length in range(min(self.longest, len(tokens) - at), 0, -1):
            key = tuple(token.lower for token in tokens[at : at + length])
            found = self.by_name.get(key)
            if found and len(found) == 1:
                return length, found[0]
        return None

    @functools.cached_property
    def chinese_names(self) -> list[tuple[str, KnownEntity]]:
        """Every name written in Chinese characters, longest first (found once per registry)."""
        names = [
            (name, entity)
            for entity in self.entities
            for name in (entity.label, *entity.aliases)
            if re.search(r"[\u3400-\u9fff]", name)
        ]
        return sorted(names, key=lambda pair: -len(pair[0]))


def find_mentions(sentence: str, offset: int, registry: Registry) -> list[Mention]:
    """The names in ``sentence`` (which starts at ``offset`` in the document), in order."""
    tokens = tokenize(sentence, offset)
    found: list[tuple[int, int, Mention]] = []  # (first token, end token, mention)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        known = registry.match(tokens, index)
        if known is not None and (known[1].kind == "person" or _capitalised(token)):
            length, entity = known
            found.append(
                (
                    index,
                    index + length,
                    _make(
                        sentence,
                        offset,
                        tokens,
                        index,
                        index + length,
                        entity.kind,
                        entity,
                        "registry",
                    ),
                )
            )
            index += length
            continue
        anaphor = _anaphor_length(tokens, index)
        if anaphor:
            mention = _make(
                sentence, offset, tokens, index, index + anaphor, "org", None, "anaphor"
            )
            mention.anaphor = True
            found.append((index, index + anaphor, mention))
            index += anaphor
            continue
        if _capitalised(token) and token.text[:1].isalnum():
            end = _run_end(tokens, index)
            first = index
            while first < end and _not_name(tokens[first]):
                first += 1
            if first < end:
                kind, cue = _kind(tokens, first, end)
                found.append(
                    (first, end, _make(sentence, offset, tokens, first, end, kind, None, cue))
                )
            index = end
            continue
        index += 1
    return _join_units(sentence, offset, tokens, found)


def _make(
    sentence: str,
    offset: int,
    tokens: list[Token],
    first: int,
    end: int,
    kind: str,
    entity: KnownEntity | None,
    cue: str,
) -> Mention:
    start, stop = tokens[first].start, tokens[end - 1].end
    return Mention(
        text=sentence[start - offset : stop - offset],
        start=start,
        end=stop,
        kind=kind,
        known=entity.id if entity else None,
        name=entity.label if entity else "",
        cue=cue,
        parent=entity.parent if entity else None,
    )


def _capitalised(token: Token) -> bool:
    text = token.text
    if ADJECTIVE_SUFFIX.search(text):  # "London-based", "Microsoft-backed": not names
        return False
    if text[:1].isupper():
        return True
    if text[:1].isdigit():
        return any(char.isalpha() for char in text)
    # xAI, iFlytek: a lower-case first letter, then capitals.
    return text[:1].islower() and text.isalnum() and any(char.isupper() for char in text[1:])


def _not_name(token: Token) -> bool:
    return token.lower in NOT_NAMES or token.lower in ROLE_WORDS


def _anaphor_length(tokens: list[Token], index: int) -> int:
    """How many tokens an organisation anaphor at ``index`` spans (0 when there is none)."""
    token = tokens[index]
    if token.lower in ORG_PRONOUNS:
        following = tokens[index + 1].lower if index + 1 < len(tokens) else ""
        previous = tokens[index - 1].lower if index > 0 else ""
        if token.lower == "us" and not previous.startswith("join"):
            return 0
        return (
            1 if following not in ("is", "was", "has", "will", "'s") or token.lower == "its" else 0
        )
    if token.lower != "the":
        return 0
    for length in (1, 2):
        if index + length < len(tokens) and tokens[index + length].lower in ORG_NOUNS:
            between = tokens[index + 1 : index + length]
            if all(word.text.islower() for word in between):
                return length + 1
    return 0


def _run_end(tokens: list[Token], index: int) -> int:
    """The end of the capitalised run of words starting at ``index``."""
    end = index + 1
    while end < len(tokens):
        token = tokens[end]
        if _capitalised(token) and token.text[:1].isalnum():
            end += 1
        elif (
            token.lower in _CONNECTORS
            and end + 1 < len(tokens)
            and _capitalised(tokens[end + 1])
            and (token.lower not in ("of", "for") or tokens[end - 1].lower in OF_HEADS)
        ):
            end += 2
        else:
            break
    return end


def _kind(tokens: list[Token], first: int, end: int) -> tuple[str, str]:
    """``person``, ``org``, ``place`` or ``name``, and the cue that decided it."""
    words = tokens[first:end]
    lower = " ".join(token.text for token in words).lower()
    last = words[-1]
    if lower in _KNOWN_ORGS_LOWER:
        return "org", "a well-known organisation"
    if lower in _PLACES_LOWER or all(token.lower in _PLACES_LOWER for token in words):
        return "place", "a place"
    if len(words) == 1 and (last.lower in ORG_HEADS or _ACRONYM.fullmatch(last.text)):
        return "term", "a common word or an acronym"
    if last.lower.rstrip(".") in ORG_HEADS or last.text in ("AI", "AGI"):
        return "org", f"ends with '{last.text}'"
    if re.search(r"\.(com|ai|io|org|net)$", lower):
        return "org", "a web name"
    if len(words) > 1 and _KNOWN_ORGS_LOWER & {words[0].lower}:
        return "org", f"starts with '{words[0].text}'"
    before = tokens[first - 1].lower if first > 0 else ""
    after = [token.lower for token in tokens[end : end + 2]]
    described = [token.lower for token in tokens[end + 1 : end + 6]]
    # "Stratum Compute, a startup building…": an organisation described as one.
    sentence_adverb = first == 0 and len(words) == 1  # "Separately, the company's CFO…"
    if (
        after[:1] == [","]
        and described[:1]
        and described[0] in ("a", "an", "the")
        and set(described[:4]) & ORG_NOUNS
        and not sentence_adverb
    ):
        return "org", "described after a comma"
    if any(token.lower in _KNOWN_ORGS_LOWER or token.lower in _PLACES_LOWER for token in words):
        return "name", "holds an organisation's or a place's name"
    opening_word = first == 0 and len(words) == 1  # "Algorithm engineer Zhou Chang"
    if after[:1] and after[0] in ROLE_WORDS and not name_like_person(words) and not opening_word:
        return "org", f"before '{after[0]}'"  # "Cobalt Reasoning co-founder", "a Google engineer"
    name_like = all(_NAME_WORD.fullmatch(token.text) for token in words)
    if name_like and 2 <= len(words) <= 4:
        if words[0].text in CHINESE_SURNAMES or last.text in CHINESE_SURNAMES:
            return "person", "a Chinese surname"
        if words[0].text in GIVEN_NAMES:
            return "person", "a given name"
        if before in ROLE_WORDS:
            return "person", f"after '{before}'"
        described = [token.lower for token in tokens[end + 1 : end + 6]]
        if after[:1] == [","] and described and described[0] in _DESCRIBERS | ROLE_WORDS:
            return "person", "described after a comma"
        return "name", "two to four name-like words"
    if name_like and len(words) == 1 and before in ROLE_WORDS:
        return "person", f"after '{before}'"
    return "name", "capitalised"


def _join_units(
    sentence: str, offset: int, tokens: list[Token], found: list[tuple[int, int, Mention]]
) -> list[Mention]:
    """Make "Owner's unit phrase" one unit mention; drop the names inside it."""
    ending_at = {end: (first, mention) for first, end, mention in found}
    owned: list[tuple[int, Mention, int]] = []  # (owner's first token, owner, phrase start)
    for index, token in enumerate(tokens):
        possessive = token.lower == "'s" or (
            token.text in ("'", "’") and index > 0 and tokens[index - 1].text.endswith("s")
        )
        if possessive and index in ending_at:
            first, owner = ending_at[index]
            owned.append((first, owner, index + 1))
    for first, end, mention in found:
        if mention.anaphor and mention.text.lower() == "its":  # "its Qwen team"
            owned.append((first, mention, end))
    units: list[tuple[int, int, Mention]] = []
    for first, owner, index_after in sorted(owned, key=lambda item: item[0]):
        index = index_after - 1
        if owner.kind not in ("org", "name", "term"):
            continue
        unit_end = _unit_end(tokens, index + 1)
        if unit_end is None:
            continue
        phrase = sentence[tokens[index + 1].start - offset : tokens[unit_end - 1].end - offset]
        owner.kind = "org"
        unit = Mention(
            text=sentence[owner.start - offset : tokens[unit_end - 1].end - offset],
            start=owner.start,
            end=tokens[unit_end - 1].end,
            kind="org",
            cue="a unit",
            owner=owner,
            phrase=phrase,
        )
        inner = [m for f, e, m in found if index < f and e == unit_end and m.known]
        if inner and inner[0].kind == "org":  # the registry knows "Qwen team" itself
            unit.known, unit.name = inner[0].known, inner[0].name
        else:
            unit.name = f"{owner.name} {phrase}"
            unit.parent = owner.known or owner.name
        units.append((first, unit_end, unit))
    kept = [
        mention
        for first, end, mention in found
        if not any(f <= first and end <= e for f, e, _ in units)
    ]
    return sorted([*kept, *(unit for _, _, unit in units)], key=lambda m: m.start)


def _unit_end(tokens: list[Token], first: int) -> int | None:
    """The end of a unit phrase after a possessive: at most five words, a unit noun last."""
    for end in range(first, min(first + 5, len(tokens))):
        token = tokens[end]
        if not re.fullmatch(r"[\w-]+", token.text) or token.lower in FUNCTION_WORDS:
            return None
        if token.lower in ROLE_WORDS and token.lower not in UNIT_NOUNS:
            return None
        if token.lower in UNIT_NOUNS:
            following = tokens[end + 1].lower if end + 1 < len(tokens) else ""
            if following not in UNIT_NOUNS:
                return end + 1
    return None


def name_like_person(words: list[Token]) -> bool:
    """Whether the words read as a person's name by their own look (a given name first, or a
    common Chinese surname)."""
    return words[0].text in GIVEN_NAMES or (
        len(words) > 1 and (words[0].text in CHINESE_SURNAMES or words[-1].text in CHINESE_SURNAMES)
    )


def _name_key(name: str) -> tuple[str, ...]:
    """How a name is looked up: its words, lower case."""
    return tuple(token.lower for token in tokenize(name, 0))
