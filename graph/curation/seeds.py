"""Reading the curated seeds: source metadata, the entity registry and the claims files.

The layout of a seeds folder::

    sources.yaml          one entry per document: title, publisher, date, language
    entities.yaml         people and organisations: id, label, aliases, class, parent
    documents/<id>.txt    the source documents, verbatim
    claims/<id>.yaml      the facts curated from documents/<id>.txt, each with its quote

``read_seeds`` checks each file on its own (syntax, field names and types, dates);
``graph.curation.checks`` then checks them against each other.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pyoxigraph

from graph.curation.yamlfile import Mapping, Sequence, YamlError, load, read_text
from graph.dates import StatedDate, parse_stated_date
from graph.errors import Problem
from graph.vocab import MOVE_STATUSES, ORG_CLASSES

# The largest group departure a source may state: more people than any lab employs.
MAX_GROUP_SIZE = 100_000
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")
UNKNOWN = "unknown"

# kind -> field -> (type, required). Types: person/org (a registry id), text, date, bool,
# status, count (a positive integer).
CLAIM_FIELDS: dict[str, dict[str, tuple[str, bool]]] = {
    "employment": {
        "person": ("person", True),
        "org": ("org", True),
        "role": ("text", False),
        "start": ("date", False),
        "end": ("date", False),
        "current": ("bool", True),
    },
    "move": {
        "person": ("person", True),
        "from": ("org", True),
        "to": ("org", False),
        "date": ("date", False),
        "status": ("status", True),
    },
    "group-departure": {
        "from": ("org", True),
        "description": ("text", True),
        "size": ("count", False),
        "status": ("status", True),
    },
    "part-of": {"org": ("org", True), "parent": ("org", True)},
    "invests-in": {"investor": ("org", True), "investee": ("org", True)},
    "alumnus-of": {"person": ("person", True), "org": ("org", True)},
}
COMMON_FIELDS = ("kind", "quote", "note", "review", "confidence", "trigger")
# A claim or an entity proposed by the extractor carries ``review: pending`` until a curator
# accepts it (the field is then removed) or rejects it (``review: rejected``, kept so that the
# same candidate is not proposed again). Neither enters the graph.
REVIEW_STATES = ("pending", "rejected")
WIKIDATA = re.compile(r"^Q[1-9][0-9]*\Z")


@dataclass(frozen=True)
class Location:
    """A place in a seeds file, as shown in messages (``claims/x.yaml:12``)."""

    file: str
    line: int


@dataclass(frozen=True)
class Source:
    """A source document and what is known about it (``None`` where it is unknown)."""

    id: str
    original_name: str
    title: str | None
    title_language: str
    publisher: str | None
    date: StatedDate | None
    language: str
    text: str
    at: Location
    url: str | None = None


@dataclass(frozen=True)
class Alias:
    """Another name of an entity, with its language tag when it is not English."""

    text: str
    language: str | None = None


@dataclass(frozen=True)
class Entity:
    """A person (``kind == "person"``) or an organisation (``kind == "org"``)."""

    id: str
    kind: str
    label: str
    aliases: tuple[Alias, ...]
    at: Location
    org_class: str | None = None
    parent: str | None = None
    unnamed: bool = False
    wikidata: str | None = None
    review: str | None = None

    @property
    def names(self) -> list[str]:
        """Its label, then its aliases' texts."""
        return [self.label, *(alias.text for alias in self.aliases)]


@dataclass(frozen=True)
class Claim:
    """One curated fact from one source, with the quotes that state it."""

    source: str
    kind: str
    values: dict[str, Any]
    quotes: tuple[str, ...]
    note: str | None
    at: Location
    lines: dict[str, int] = field(default_factory=dict)
    review: str | None = None
    trigger: str | None = None

    def line_of(self, name: str) -> int:
        """The line of field ``name``, or of the claim when it is absent."""
        return self.lines.get(name, self.at.line)

    @property
    def node_slug(self) -> str | None:
        """The slug of the claim's qualified node; the same fact in two sources shares it.

        >>> at = Location("claims/x.yaml", 1)
        >>> Claim("x", "move", {"person": "ann", "from": "a"}, ("q",), None, at).node_slug
        'ann-from-a-to-unknown'
        """
        values = self.values
        if self.kind == "move":
            return f"{values['person']}-from-{values['from']}-to-{values.get('to', 'unknown')}"
        if self.kind == "employment":
            return f"{values['person']}-at-{values['org']}"
        if self.kind == "group-departure":
            # One article may report several groups leaving the same organisation.
            what = f"{values['status']} {values['description']}".encode()
            return (
                f"group-from-{values['from']}-in-{self.source}-{hashlib.sha1(what).hexdigest()[:6]}"
            )
        return None


IMPORTS = "imports.yaml"
IMPORT_EXTENSIONS = {"csv": "csv", "jsonl": "jsonl", "sparql-json": "json"}


@dataclass(frozen=True)
class ImportSource:
    """A file of bulk records, registered in ``imports.yaml``, kept as ``imports/<id>.<ext>``."""

    id: str
    original_name: str
    format: str
    title: str
    imported: StatedDate | None
    at: Location

    @property
    def path(self) -> str:
        """Where the file is kept, relative to the seeds folder."""
        return f"imports/{self.id}.{IMPORT_EXTENSIONS[self.format]}"


@dataclass
class Seeds:
    """Everything read from a seeds folder."""

    root: Path
    unreadable: set[str] = field(default_factory=set)  # files that are not valid YAML
    sources: dict[str, Source] = field(default_factory=dict)
    imports: dict[str, ImportSource] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    # Proposed by the extractor and not accepted (yet): pending or rejected.
    drafts: list[Claim] = field(default_factory=list)
    draft_entities: dict[str, Entity] = field(default_factory=dict)

    @property
    def pending(self) -> list[Claim]:
        """The candidate claims waiting for a curator's review."""
        return [claim for claim in self.drafts if claim.review == "pending"]


def source_date_problem(date: StatedDate) -> str | None:
    """What sources.yaml refuses in a source's date (``None``: nothing): it needs its year.

    >>> [source_date_problem(parse_stated_date(text)) for text in ("--05", "2024")]
    ["a source's date needs its year", None]
    """
    return None if date.year is not None else "a source's date needs its year"


def read_seeds(root: Path, problems: list[Problem]) -> Seeds:
    """Read the seeds folder at ``root``, appending what is wrong to ``problems``."""
    seeds = Seeds(root=root)
    seeds.sources = _read_sources(root, problems, seeds.unreadable)
    if (root / IMPORTS).is_file():
        seeds.imports = _read_imports(root, problems, seeds.unreadable, set(seeds.sources))
    for entity_id, entity in _read_entities(root, problems, seeds.unreadable).items():
        (seeds.draft_entities if entity.review else seeds.entities)[entity_id] = entity
    claims_dir = root / "claims"
    for path in sorted(claims_dir.glob("*.yaml")) if claims_dir.is_dir() else []:
        for claim in _read_claims(root, path, seeds, problems):
            (seeds.drafts if claim.review else seeds.claims).append(claim)
    for source_id, source in seeds.sources.items():
        if not (claims_dir / f"{source_id}.yaml").is_file():
            problems.append(
                Problem(
                    source.at.file,
                    source.at.line,
                    f"source '{source_id}' has no claims file; create claims/{source_id}.yaml "
                    "(an empty list [] if the document states no facts)",
                )
            )
    return seeds


def _load(root: Path, name: str, problems: list[Problem], unreadable: set[str]) -> Any:
    path = root / name
    if not path.is_file():
        problems.append(Problem(name, 1, f"file not found in {root}; create it"))
        unreadable.add(name)
        return None
    if not is_inside(root, path, name, problems):
        unreadable.add(name)
        return None
    try:
        return load(path, name)
    except YamlError as error:
        problems.append(error.problem)
        unreadable.add(name)
        return None


def _read_sources(root: Path, problems: list[Problem], unreadable: set[str]) -> dict[str, Source]:
    name = "sources.yaml"
    data = _load(root, name, problems, unreadable)
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        problems.append(Problem(name, 1, "expected a mapping of source id to its metadata"))
        return {}
    sources: dict[str, Source] = {}
    for source_id, meta in data.items():
        at = Location(name, data.line_of(source_id))
        if not _check_slug(source_id, at, "source id", problems):
            continue
        fields = _Fields(meta, at, problems, f"source '{source_id}'")
        original = fields.text("original_name", required=True)
        title = fields.text("title", required=True)
        title_language = fields.text("title_language") or "en"
        publisher = fields.text("publisher", required=True)
        date_text = fields.value("date", required=True)
        language = fields.text("language", required=True)
        url = fields.text("url")
        fields.reject_unknown(
            ("original_name", "title", "title_language", "publisher", "date", "language", "url")
        )
        if url is not None and (problem := url_problem(url)):
            fields.fail("url", f"source '{source_id}': 'url' {problem}")
        date = None
        if date_text not in (None, UNKNOWN):
            date = fields.date("date")
        if date is not None and (problem := source_date_problem(date)):
            fields.fail("date", f"source '{source_id}': {problem}")
        for field_name, tag in (("language", language), ("title_language", title_language)):
            if tag is not None and not is_language_tag(tag):
                fields.fail(field_name, bad_language(tag))
        document = root / "documents" / f"{source_id}.txt"  # a slug: it stays in documents/
        if not document.is_file():
            problems.append(
                Problem(name, at.line, f"document documents/{source_id}.txt not found; add it")
            )
            continue
        if not is_inside(root, document, f"documents/{source_id}.txt", problems):
            continue
        try:
            text = read_text(document, f"documents/{source_id}.txt")
        except YamlError as error:
            problems.append(error.problem)
            continue
        if fields.ok:
            sources[source_id] = Source(
                id=source_id,
                original_name=original or "",
                title=None if title == UNKNOWN else title,
                title_language=title_language,
                publisher=None if publisher == UNKNOWN else publisher,
                date=date,
                language=language or "",
                text=text,
                at=at,
                url=url,
            )
    documents = root / "documents"
    for path in sorted(documents.glob("*.txt")) if documents.is_dir() else []:
        if path.stem not in data:
            problems.append(
                Problem(
                    f"documents/{path.name}",
                    1,
                    f"document has no entry in sources.yaml; add '{path.stem}:' there",
                )
            )
    return sources


def _read_imports(
    root: Path, problems: list[Problem], unreadable: set[str], taken: set[str]
) -> dict[str, ImportSource]:
    data = _load(root, IMPORTS, problems, unreadable)
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        problems.append(Problem(IMPORTS, 1, "expected a mapping of import id to its metadata"))
        return {}
    imports: dict[str, ImportSource] = {}
    for import_id, meta in data.items():
        at = Location(IMPORTS, data.line_of(import_id))
        if not _check_slug(import_id, at, "import id", problems):
            continue
        if import_id in taken:
            problems.append(
                Problem(IMPORTS, at.line, f"'{import_id}' is also a source in sources.yaml")
            )
            continue
        fields = _Fields(meta, at, problems, f"import '{import_id}'")
        original = fields.text("original_name", required=True)
        form = fields.choice("format", tuple(IMPORT_EXTENSIONS), required=True)
        title = fields.text("title")
        imported = fields.date("imported")
        fields.reject_unknown(("original_name", "format", "title", "imported"))
        if not fields.ok or form is None:
            continue
        source = ImportSource(
            id=import_id,
            original_name=original or "",
            format=form,
            title=title or f"Records imported from {original}",
            imported=imported,
            at=at,
        )
        path = root / source.path
        if not path.is_file():
            problems.append(Problem(IMPORTS, at.line, f"{source.path} not found; import it again"))
        elif is_inside(root, path, source.path, problems):
            imports[import_id] = source
    return imports


def _read_entities(root: Path, problems: list[Problem], unreadable: set[str]) -> dict[str, Entity]:
    name = "entities.yaml"
    data = _load(root, name, problems, unreadable)
    if data is None:
        return {}
    if not isinstance(data, Mapping) or set(data) - {"people", "organizations"}:
        problems.append(
            Problem(name, 1, "expected two mappings, 'people:' and 'organizations:', of id → entry")
        )
        return {}
    entities: dict[str, Entity] = {}
    for section, kind in (("people", "person"), ("organizations", "org")):
        entries = data.get(section) or Mapping(data.line_of(section))
        if not isinstance(entries, Mapping):
            problems.append(Problem(name, data.line_of(section), f"'{section}' must be a mapping"))
            continue
        for entity_id, entry in entries.items():
            at = Location(name, entries.line_of(entity_id))
            if not _check_slug(entity_id, at, "id", problems):
                continue
            if entity_id in entities:
                first = entities[entity_id].at.line
                problems.append(
                    Problem(name, at.line, f"duplicate id '{entity_id}' (first at line {first})")
                )
                continue
            fields = _Fields(entry, at, problems, f"'{entity_id}'")
            label = fields.text("label", required=True)
            aliases = fields.aliases("aliases")
            wikidata = fields.text("wikidata")
            if wikidata is not None and not WIKIDATA.match(wikidata):
                fields.fail(
                    "wikidata", f"'{entity_id}': wikidata id {wikidata!r} must look like Q42"
                )
            review = fields.choice("review", REVIEW_STATES)
            allowed = ["label", "aliases", "wikidata", "review"]
            org_class = parent = None
            unnamed = False
            if kind == "org":
                allowed += ["class", "parent", "unnamed"]
                org_class = fields.choice("class", tuple(ORG_CLASSES), required=True)
                parent = fields.text("parent")
                unnamed = bool(fields.boolean("unnamed"))
            fields.reject_unknown(allowed)
            if fields.ok:
                entities[entity_id] = Entity(
                    id=entity_id,
                    kind=kind,
                    label=label or "",
                    aliases=aliases,
                    at=at,
                    org_class=org_class,
                    parent=parent,
                    unnamed=unnamed,
                    wikidata=wikidata,
                    review=review,
                )
    return entities


def _read_claims(root: Path, path: Path, seeds: Seeds, problems: list[Problem]) -> list[Claim]:
    name = f"claims/{path.name}"
    source_id = path.stem
    if source_id not in seeds.sources:
        if "sources.yaml" in seeds.unreadable:
            return []
        if (root / "documents" / f"{source_id}.txt").is_file():
            return []  # the document itself is reported as missing from sources.yaml
        problems.append(
            Problem(
                name,
                1,
                f"claims file for a missing document: no documents/{source_id}.txt and no "
                f"'{source_id}' in sources.yaml; rename the file after its document's id",
            )
        )
        return []
    data = _load(root, name, problems, seeds.unreadable)
    if data is None:
        return []
    if not isinstance(data, Sequence):
        problems.append(Problem(name, 1, "expected a list of claims ('- kind: …' items)"))
        return []
    claims: list[Claim] = []
    for item, line in zip(data, data.item_lines, strict=True):
        at = Location(name, line)
        if not isinstance(item, Mapping):
            problems.append(Problem(name, line, "a claim must be a mapping with 'kind:'"))
            continue
        kind = item.get("kind")
        if kind not in CLAIM_FIELDS:
            kinds = ", ".join(CLAIM_FIELDS)
            problems.append(
                Problem(
                    name, item.line_of("kind"), f"unknown claim kind {kind!r}; use one of {kinds}"
                )
            )
            continue
        fields = _Fields(item, at, problems, f"{kind} claim")
        values: dict[str, Any] = {}
        for field_name, (field_type, required) in CLAIM_FIELDS[kind].items():
            values[field_name] = fields.typed(field_name, field_type, required)
        quotes = fields.quotes("quote")
        note = fields.text("note")
        review = fields.choice("review", REVIEW_STATES)
        trigger = fields.text("trigger")  # the extractor's own words, shown in the review
        confidence = fields.value("confidence")
        if confidence is not None and not (
            isinstance(confidence, int | float)
            and not isinstance(confidence, bool)
            and 0 <= confidence <= 1
        ):
            fields.fail("confidence", f"{kind} claim: 'confidence' must be a number from 0 to 1")
        fields.reject_unknown([*COMMON_FIELDS, *CLAIM_FIELDS[kind]])
        if fields.ok:
            claims.append(
                Claim(
                    source=source_id,
                    kind=kind,
                    values={k: v for k, v in values.items() if v is not None},
                    quotes=quotes,
                    note=note,
                    at=at,
                    lines=dict(item.key_lines),
                    review=review,
                    trigger=trigger,
                )
            )
    return claims


def is_inside(root: Path, path: Path, display: str, problems: list[Problem]) -> bool:
    """Whether ``path`` (in the seeds folder ``root``) really lies there once links are
    followed; if not, record a problem, so that nothing is read from outside.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "notes.txt").symlink_to("/nowhere/notes.txt")
    >>> problems = []
    >>> is_inside(root, root / "notes.txt", "notes.txt", problems)
    False
    >>> print(problems[0])
    notes.txt:1: is a link to /nowhere/notes.txt, outside the seeds folder; copy the file in instead
    """
    target = path.resolve()
    if target.is_relative_to(root.resolve()):
        return True
    problems.append(
        Problem(
            display,
            1,
            f"is a link to {target}, outside the seeds folder; copy the file in instead",
        )
    )
    return False


def url_problem(url: str) -> str | None:
    """What keeps ``url`` from being a source's address (an http(s) IRI, as RDF needs), or None.

    >>> url_problem("https://example.com/a{b}")
    "is not an IRI (Invalid IRI code point '{'); percent-encode what it cannot hold"
    """
    if not re.match(r"https?://", url, re.IGNORECASE) or not urlsplit(url).hostname:
        return "must be an http(s) address with a host"
    try:
        pyoxigraph.NamedNode(url)  # the check a strict RDF parser makes
    except ValueError as error:
        reason = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in str(error))
        return f"is not an IRI ({reason}); percent-encode what it cannot hold"
    return None


def is_language_tag(tag: str) -> bool:
    """Whether ``tag`` is a BCP 47 language tag, as RDF needs (Oxigraph's check).

    >>> is_language_tag("zh-Hans"), is_language_tag("en-1")
    (True, False)
    """
    try:
        pyoxigraph.Literal("", language=tag)
    except ValueError:
        return False
    return True


def bad_language(tag: str) -> str:
    """The problem with a language tag that ``is_language_tag`` refuses."""
    return f"{tag!r} is not a language tag; write one like en, zh or zh-Hans"


def _check_slug(value: object, at: Location, what: str, problems: list[Problem]) -> bool:
    if isinstance(value, str) and SLUG.match(value):
        return True
    problems.append(
        Problem(
            at.file,
            at.line,
            f"{what} {value!r} is not a lowercase slug; use letters, digits and single hyphens",
        )
    )
    return False


class _Fields:
    """Typed access to one YAML mapping, recording a located problem for each bad field."""

    def __init__(self, data: Any, at: Location, problems: list[Problem], what: str) -> None:
        self.data = data if isinstance(data, Mapping) else Mapping(at.line)
        self.at = at
        self.problems = problems
        self.what = what
        self.ok = True
        if not isinstance(data, Mapping):
            self._fail(at.line, f"{what} must be a mapping of field: value")

    def _fail(self, line: int, message: str) -> None:
        self.ok = False
        self.problems.append(Problem(self.at.file, line, message))

    def _line(self, name: str) -> int:
        return self.data.line_of(name)

    def fail(self, name: str, message: str) -> None:
        """Record a problem with field ``name`` that a cross-field check found."""
        self._fail(self._line(name), message)

    def value(self, name: str, *, required: bool = False) -> Any:
        value = self.data.get(name)
        if value is None and required:
            self._fail(self.at.line, f"{self.what}: missing field '{name}'; add it")
        return value

    def text(self, name: str, *, required: bool = False) -> str | None:
        value = self.value(name, required=required)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            self._fail(self._line(name), f"{self.what}: '{name}' must be text, got {value!r}")
            return None
        return value

    def boolean(self, name: str, *, required: bool = False) -> bool | None:
        value = self.value(name, required=required)
        if value is not None and not isinstance(value, bool):
            self._fail(
                self._line(name), f"{self.what}: '{name}' must be true or false, got {value!r}"
            )
            return None
        return value

    def choice(self, name: str, allowed: tuple[str, ...], *, required: bool = False) -> str | None:
        value = self.value(name, required=required)
        if value is not None and value not in allowed:
            options = ", ".join(allowed)
            self._fail(
                self._line(name), f"{self.what}: '{name}' is {value!r}; use one of {options}"
            )
            return None
        return value

    def date(self, name: str, *, required: bool = False) -> StatedDate | None:
        value = self.value(name, required=required)
        if value is None:
            return None
        try:
            return parse_stated_date(value)
        except ValueError as error:
            self._fail(self._line(name), f"{self.what}: '{name}': {error}")
            return None

    def typed(self, name: str, field_type: str, required: bool) -> Any:
        if field_type in ("person", "org", "text"):
            return self.text(name, required=required)
        if field_type == "date":
            return self.date(name, required=required)
        if field_type == "bool":
            return self.boolean(name, required=required)
        if field_type == "status":
            return self.choice(name, tuple(MOVE_STATUSES), required=required)
        value = self.value(name, required=required)  # count
        is_count = isinstance(value, int) and not isinstance(value, bool) and value >= 1
        if value is not None and not is_count:
            self._fail(
                self._line(name),
                f"{self.what}: '{name}' must be a whole number 1 or more, got {value!r}",
            )
            return None
        if value is not None and value > MAX_GROUP_SIZE:
            self._fail(
                self._line(name),
                f"{self.what}: '{name}' is {value:,}, more than {MAX_GROUP_SIZE:,}; write the "
                "number the source states (leave it out when the source gives none)",
            )
            return None
        return value

    def aliases(self, name: str) -> tuple[Alias, ...]:
        value = self.value(name)
        if value is None:
            return ()
        if not isinstance(value, Sequence):
            self._fail(self._line(name), f"{self.what}: '{name}' must be a list")
            return ()
        aliases = []
        for item in value:
            if isinstance(item, str) and item.strip():
                aliases.append(Alias(item))
            elif (
                isinstance(item, Mapping)
                and set(item) == {"text", "language"}
                and all(isinstance(v, str) for v in item.values())
            ):
                if not is_language_tag(item["language"]):
                    self._fail(self._line(name), f"{self.what}: {bad_language(item['language'])}")
                aliases.append(Alias(item["text"], item["language"]))
            else:
                self._fail(
                    self._line(name),
                    f"{self.what}: alias {item!r} must be text or {{text: …, language: …}}",
                )
        return tuple(aliases)

    def quotes(self, name: str) -> tuple[str, ...]:
        value = self.value(name)
        items = [value] if isinstance(value, str) else value
        if (
            not items
            or not isinstance(items, list)
            or not all(isinstance(q, str) and q.strip() for q in items)
        ):
            self._fail(
                self._line(name),
                f"{self.what} has no evidence: add 'quote:' with the sentence (or a list of "
                "sentences) from the document that states it",
            )
            return ()
        return tuple(items)

    def reject_unknown(self, allowed: list[str] | tuple[str, ...]) -> None:
        for key in self.data:
            if key not in allowed:
                self._fail(
                    self._line(key),
                    f"{self.what}: unknown field '{key}'; expected one of {', '.join(allowed)}",
                )
