"""Draft claims: extracted candidates written into the seeds for a curator to review.

A candidate becomes a claim marked ``review: pending`` in ``claims/<source>.yaml``, and a name
the registry does not know becomes an entity marked ``review: pending`` in ``entities.yaml``.
Neither enters the graph until accepted. Accepting removes the mark (and the extractor's
``confidence`` and ``trigger``); rejecting sets ``review: rejected``, so that extracting the same
article again does not propose it a second time. The files are edited line by line, so a
curator's own comments and layout stay as they were.

>>> from graph.curation.extract import Candidate
>>> move = Candidate("move", "Ann Lee left Acme for Beta.", 0, 27, 0.9, "left",
...                  person="Ann Lee", from_="Acme", to="Beta", status="completed")
>>> drafts = draft_claims([move])
>>> print(claims_text(drafts.claims, header=""), end="")
- kind: move
  review: pending
  confidence: 0.9
  trigger: left
  person: ann-lee
  from: acme
  to: beta
  status: completed
  quote: "Ann Lee left Acme for Beta."
>>> [(e.id, e.kind, e.label) for e in drafts.entities]
[('ann-lee', 'person', 'Ann Lee'), ('acme', 'org', 'Acme'), ('beta', 'org', 'Beta')]
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.curation.extract import Candidate, KnownEntity
from graph.curation.extract.mentions import Registry
from graph.curation.files import replace_text
from graph.curation.seeds import CLAIM_FIELDS, Claim, Entity
from graph.curation.yamlfile import yaml_scalar
from graph.errors import InputError

# Candidate kinds as claim kinds, and which candidate fields fill which claim fields.
CLAIM_KIND = {
    "move": "move",
    "employment": "employment",
    "part_of": "part-of",
    "investment": "invests-in",
    "alumnus": "alumnus-of",
}
REVIEW_FIELDS = ("review", "confidence", "trigger")
# The longest slug (an id, and a file name for a source) before it is cut and hashed.
MAX_SLUG = 60


@dataclass
class NewEntity:
    """A person or organisation the registry does not know, proposed with the candidates."""

    id: str
    kind: str  # person or org
    label: str
    org_class: str | None = None
    parent: str | None = None
    unnamed: bool = False


@dataclass
class Drafts:
    """Draft claims (YAML-ready mappings) and the new entities they name."""

    claims: list[dict[str, Any]] = field(default_factory=list)
    entities: list[NewEntity] = field(default_factory=list)


def draft_claims(
    candidates: list[Candidate],
    *,
    known: Iterable[KnownEntity] = (),
    taken: set[str] | None = None,
    seen: set[tuple] | None = None,
) -> Drafts:
    """Claims for the fact candidates, naming the ``known`` entities (the registry the
    extractor was given) by their ids.

    A name is the entity the extractor linked it to; else the one known entity of its kind
    with that name (as the extractor looks names up); else a new entity. ``taken`` holds ids
    already in use; ``seen`` the keys of claims already in the file (accepted, pending or
    rejected), which are not proposed again.
    """
    drafts = Drafts()
    registry = Registry(list(known))
    ids: dict[tuple[str, str], str] = {}
    used = set(taken or ())
    repeats = set(seen or ())

    def entity(name: str, kind: str, linked: str | None = None, **values: Any) -> str:
        if linked:
            return linked
        named = registry.named(name, kind)
        if len(named) == 1:
            return named[0].id
        key = (kind, name.lower())
        if key not in ids:
            ids[key] = unique_id(slug(name), used)
            drafts.entities.append(NewEntity(ids[key], kind, name, **values))
        return ids[key]

    for candidate in candidates:
        kind = CLAIM_KIND.get(candidate.kind)
        if kind is None:
            continue
        claim: dict[str, Any] = {"kind": kind, "review": "pending"}
        claim["confidence"] = candidate.confidence
        claim["trigger"] = candidate.trigger
        values = _values(candidate, entity)
        if values is None:
            continue
        key = _key(kind, values)
        if key in repeats:
            continue
        repeats.add(key)
        claim.update(values)
        quotes = [candidate.evidence, *(text for _, _, text in candidate.more)]
        claim["quote"] = quotes[0] if len(quotes) == 1 else quotes
        drafts.claims.append(claim)
    return drafts


def claim_key(claim: Claim) -> tuple:
    """The key ``draft_claims`` compares with: the kind and the values as written."""
    return _key(claim.kind, claim.values)


def _key(kind: str, values: dict[str, Any]) -> tuple:
    shown = {name: str(v).lower() if isinstance(v, bool) else str(v) for name, v in values.items()}
    return (kind, tuple(sorted(shown.items())))


def _values(candidate: Candidate, entity: Any) -> dict[str, Any] | None:
    linked = candidate.ids

    def org(name: str | None, field: str, **values: Any) -> str | None:
        if not name:
            return None
        return entity(
            name, "org", linked.get(field), org_class=guess_org_class(name, values), **values
        )

    def person() -> str:
        return entity(candidate.person, "person", linked.get("person"))

    if candidate.kind == "move":
        values: dict[str, Any] = {"person": person(), "from": org(candidate.from_, "from")}
        if candidate.to_unnamed:
            values["to"] = entity(
                f"{candidate.person}'s own venture (unnamed)",
                "org",
                org_class="Startup",
                unnamed=True,
            )
        elif candidate.to:
            values["to"] = org(candidate.to, "to")
        if candidate.date:
            values["date"] = candidate.date
        values["status"] = candidate.status or "completed"
        return values
    if candidate.kind == "employment":
        values = {"person": person(), "org": org(candidate.org, "org")}
        if candidate.role:
            values["role"] = candidate.role
        if candidate.start_date:
            values["start"] = candidate.start_date
        values["current"] = bool(candidate.current)
        return values
    if candidate.kind == "part_of":
        parent = org(candidate.parent, "parent")
        return {"org": org(candidate.org, "org", parent=parent), "parent": parent}
    if candidate.kind == "investment":
        return {"investor": org(candidate.from_, "from"), "investee": org(candidate.to, "to")}
    if candidate.kind == "alumnus":
        school = candidate.org and entity(
            candidate.org, "org", linked.get("org"), org_class="University"
        )
        return {"person": person(), "org": school or None}
    return None


def guess_org_class(name: str | None, values: dict[str, Any]) -> str:
    """The class a new organisation most likely has: a unit of another is a Lab.

    >>> guess_org_class("Tsinghua University", {}), guess_org_class("Qwen", {"parent": "x"})
    ('University', 'Lab')
    """
    if values.get("parent"):
        return "Lab"
    if name and re.search(r"\b(?:University|College|Institute of Technology|School)\b", name):
        return "University"
    return "Company"


def slug(name: str) -> str:
    """A lowercase slug for an id, in ASCII where the name allows.

    >>> slug("Zhipu AI"), slug("JD.com’s Explore Academy"), slug("林俊旸")
    ('zhipu-ai', 'jd-com-explore-academy', 'u6797u4fcau65f8')

    A long one is cut to ``MAX_SLUG`` characters and a short hash of the whole:

    >>> slug("阿里巴巴通义千问团队负责人林俊旸宣布离职")
    'u963fu91ccu5df4u5df4u901au4e49u5343u95eeu56e2u961fu8d1fu8d23-7a94d8'
    """
    text = re.sub(r"[’']s\b", "", name.lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text)
    if not words:  # a name in another script: its code points, so the id stays stable
        found = "u" + "u".join(f"{ord(char):04x}" for char in name if not char.isspace())
    else:
        found = "-".join(words[:8])
    if len(found) <= MAX_SLUG:
        return found
    # Cut to a file name any system takes; the hash keeps two long names apart.
    return f"{found[:MAX_SLUG].rstrip('-')}-{hashlib.sha1(found.encode()).hexdigest()[:6]}"


def unique_id(base: str, used: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not in ``used`` yet (it is added).

    >>> unique_id("ann", {"ann"})
    'ann-2'
    """
    candidate, number = base, 2
    while candidate in used:
        candidate, number = f"{base}-{number}", number + 1
    used.add(candidate)
    return candidate


def claims_text(claims: list[dict[str, Any]], *, header: str) -> str:
    """Draft claims as YAML, one block per claim, in the layout curators write by hand."""
    blocks = [header] if header else []
    for claim in claims:
        lines = []
        for index, (name, value) in enumerate(claim.items()):
            prefix = "- " if index == 0 else "  "
            if isinstance(value, list):
                lines.append(f"{prefix}{name}:")
                lines.extend(f"    - {yaml_scalar(item)}" for item in value)
            else:
                lines.append(f"{prefix}{name}: {yaml_scalar(value)}")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def add_entities(path: Path, entities: list[NewEntity]) -> None:
    """Append ``entities`` to the registry file, each marked ``review: pending``."""
    text = path.read_text(encoding="utf-8") if path.exists() else "people:\norganizations:\n"
    lines = text.splitlines()
    for section, kind in (("people", "person"), ("organizations", "org")):
        new = [entity for entity in entities if entity.kind == kind]
        if not new:
            continue
        block = []
        for entity in new:
            block += [f"  {entity.id}:", f"    label: {yaml_scalar(entity.label)}"]
            if kind == "org":
                block.append(f"    class: {entity.org_class or 'Company'}")
                if entity.parent:
                    block.append(f"    parent: {entity.parent}")
                if entity.unnamed:
                    block.append("    unnamed: true")
            block.append("    review: pending")
        lines = _insert_in_section(lines, section, block)
    replace_text(path, "\n".join(lines) + "\n")


def _insert_in_section(lines: list[str], section: str, block: list[str]) -> list[str]:
    header = next(
        (
            i
            for i, line in enumerate(lines)
            if re.match(rf"^{section}:\s*(?:\{{\s*\}})?\s*(?:#.*)?$", line)
        ),
        None,
    )
    if header is None:
        return [*lines, f"{section}:", *block]
    lines[header] = f"{section}:"
    end = header + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith((" ", "#"))):
        end += 1
    while end > header + 1 and not lines[end - 1].strip():
        end -= 1
    return [*lines[:end], *block, *lines[end:]]


# --- Review decisions, as line edits ----------------------------------------------------------


def accept(root: Path, claim: Claim, entities: dict[str, Entity]) -> list[str]:
    """Accept ``claim``: remove its review fields, and accept the pending entities it names.

    Returns the ids of the entities accepted with it.
    """
    _edit_claim(root, claim, drop=REVIEW_FIELDS)
    named = [
        value for value in claim.values.values() if isinstance(value, str) and value in entities
    ]
    chosen: dict[str, Entity] = {}
    for entity_id in named:
        for candidate in (entities[entity_id], entities.get(entities[entity_id].parent or "")):
            if candidate is not None and candidate.review == "pending":
                chosen[candidate.id] = candidate
    # Bottom up, so that removing a line leaves the lines of the others where they were.
    for entity in sorted(chosen.values(), key=lambda e: (e.at.file, -e.at.line)):
        _accept_entity(root, entity)
    return sorted(chosen)


def reject(root: Path, claim: Claim) -> None:
    """Mark ``claim`` rejected; it stays in the file so it is not proposed again."""
    _edit_claim(root, claim, set_fields={"review": "rejected"})


def set_field(root: Path, claim: Claim, name: str, value: Any) -> None:
    """Give ``claim``'s field ``name`` a new ``value`` (a one-line scalar).

    Text typed by a curator is taken as the field's type: ``true``/``false`` for a yes-or-no
    field, a whole number for a count. A name that is not a field of the claim's kind is
    refused.
    """
    if name in ("quote", "kind"):
        raise InputError(f"'{name}' cannot be edited here: edit {claim.at.file} by hand")
    fields = CLAIM_FIELDS.get(claim.kind, {})
    editable = [*fields, "note"]
    if name not in editable:
        raise InputError(
            f"a claim of kind {claim.kind} has no field '{name}'; use one of {', '.join(editable)}"
        )
    _edit_claim(root, claim, set_fields={name: _typed(name, fields.get(name, ("text",))[0], value)})


def _typed(name: str, field_type: str, value: Any) -> Any:
    """``value`` as a field of ``field_type`` holds it; text is parsed, other values kept."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if field_type == "bool":
        if text.lower() not in ("true", "false"):
            raise InputError(f"'{name}' must be true or false, got {value!r}")
        return text.lower() == "true"
    if field_type == "count":
        if not re.fullmatch(r"[0-9]+", text) or int(text) < 1:
            raise InputError(f"'{name}' must be a whole number 1 or more, got {value!r}")
        return int(text)
    return text


def _edit_claim(
    root: Path,
    claim: Claim,
    *,
    drop: tuple[str, ...] = (),
    set_fields: dict[str, Any] | None = None,
) -> None:
    path = root / claim.at.file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = claim.at.line - 1
    last = _item_end(lines, first)
    dash = re.match(r"^-\s+", lines[first])
    width = len(dash.group()) if dash else 2
    # The item's keys where the parser found them, the dash line ('- review: pending') included.
    where = {name: line - 1 for name, line in claim.lines.items() if first <= line - 1 < last}
    added = []
    for name, value in (set_fields or {}).items():
        if name in where:
            line = lines[where[name]]
            prefix = line[: len(line) - len(line.lstrip(" -"))]
            lines[where[name]] = f"{prefix}{name}: {yaml_scalar(value)}\n"
        else:
            added.append(f"{' ' * width}{name}: {yaml_scalar(value)}\n")
    dropped = {where[name] for name in drop if name in where}
    keep: list[str] = []
    promote = False  # the dash line was dropped: the item's next field takes the dash
    for index, text_line in enumerate(lines):
        if index in dropped:
            promote = promote or index == first
            continue
        if promote and text_line.strip() and not text_line.lstrip().startswith("#"):
            text_line = (dash.group() if dash else "- ") + text_line[width:]
            promote = False
        keep.append(text_line)
    keep[first + 1 : first + 1] = added
    replace_text(path, "".join(keep))


def _item_end(lines: list[str], first: int) -> int:
    """The index after the last line of the list item starting at ``first``."""
    end = first + 1
    while end < len(lines) and not lines[end].startswith("-") and not re.match(r"^\S", lines[end]):
        end += 1
    while end > first + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def _accept_entity(root: Path, entity: Entity) -> None:
    path = root / entity.at.file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = entity.at.line - 1
    indent = len(lines[first]) - len(lines[first].lstrip())
    end = first + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    kept = [
        line
        for index, line in enumerate(lines)
        if not (first < index < end and re.match(r"^\s+review:\s*pending\s*$", line))
    ]
    replace_text(path, "".join(kept))
