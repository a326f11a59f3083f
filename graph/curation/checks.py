"""Checking the curated seeds as a whole, before anything is built.

``check_seeds`` reads a seeds folder and either returns a ``Curation`` (the seeds, where
each quote sits in its document, and the curators' notes to report as warnings) or raises
``CurationError`` listing every problem with its ``file:line`` and how to fix it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from graph.curation.evidence import (
    MIN_QUOTE_CHARS,
    MIN_QUOTE_CJK,
    MIN_QUOTE_WORDS,
    Span,
    locate_quote,
    quote_lines,
    too_short,
    why_not_found,
)
from graph.curation.imports.files import Imported, read_imports
from graph.curation.seeds import CLAIM_FIELDS, Claim, Seeds, Source, read_seeds
from graph.dates import StatedDate
from graph.errors import CurationError, Problem

# How far past its source's date an announced move may be dated: announcements look ahead,
# rarely by more than a year.
ANNOUNCED_AHEAD = dt.timedelta(days=366)
# Where an ambiguous quote occurs, shown up to this many places.
QUOTE_PLACES_SHOWN = 5


@dataclass
class Curation:
    """Seeds that passed every check, with their quotes located."""

    seeds: Seeds
    spans: dict[tuple[int, int], Span] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)
    imports: list[Imported] = field(default_factory=list)

    @property
    def pending(self) -> int:
        """How many extracted candidates wait for review (they are not in the graph)."""
        return len(self.seeds.pending)

    def span(self, claim_index: int, quote_index: int) -> Span:
        """Where quote ``quote_index`` of claim ``claim_index`` sits in its document."""
        return self.spans[claim_index, quote_index]


def check_seeds(root: Path, *, today: dt.date | None = None) -> Curation:
    """Read and check the seeds at ``root``; raise ``CurationError`` on any problem.

    Dates after their source's date (after ``today`` for a source with no date) are
    warnings: the date may be right, but it needs a second look.
    """
    today = today or dt.date.today()
    problems: list[Problem] = []
    seeds = read_seeds(root, problems)
    # A parent can only be shown unstated once every claims file has been read.
    all_claims_read = not problems
    curation = Curation(seeds=seeds)
    _check_registry(seeds, problems)
    registry_read = "entities.yaml" not in seeds.unreadable
    for index, claim in enumerate(seeds.claims):
        if registry_read:
            _check_references(seeds, claim, problems)
        _check_claim_logic(claim, problems)
        source = seeds.sources[claim.source]
        curation.warnings += _date_warnings(claim, source, today)
        for quote_index, quote in enumerate(claim.quotes):
            span = _locate(claim, quote, source.text, problems)
            if span is not None:
                curation.spans[index, quote_index] = span
        if claim.note:
            curation.warnings.append(
                Problem(claim.at.file, claim.line_of("note"), f"curator's note: {claim.note}")
            )
    _check_same_facts(seeds, problems)
    if not problems:  # imported names resolve against a registry that is whole
        curation.imports = read_imports(seeds, problems, curation.warnings)
    if registry_read:
        _check_hierarchy(seeds, problems, all_claims_read=all_claims_read)
    if problems:
        raise CurationError(problems)
    return curation


def _locate(claim: Claim, quote: str, text: str, problems: list[Problem]) -> Span | None:
    """Where ``quote`` sits in its document, if it is long enough and occurs exactly once."""
    excerpt = quote if len(quote) <= 60 else quote[:57] + "…"
    line = claim.line_of("quote")
    if too_short(quote):
        problems.append(
            Problem(
                claim.at.file,
                line,
                f'quote too short to point to one place in {claim.source} ("{excerpt}"); quote '
                f"at least {MIN_QUOTE_WORDS} words or {MIN_QUOTE_CHARS} characters "
                f"({MIN_QUOTE_CJK} in Chinese, Japanese or Korean) of the sentence",
            )
        )
        return None
    span = locate_quote(quote, text)
    if span is None:
        problems.append(
            Problem(
                claim.at.file,
                line,
                f'quote not found in {claim.source} ("{excerpt}"); {why_not_found(quote, text)}',
            )
        )
        return None
    places = quote_lines(quote, text, limit=QUOTE_PLACES_SHOWN)
    if len(places) > 1:
        times = f"{len(places)}{' or more' if len(places) == QUOTE_PLACES_SHOWN else ''} times"
        lines = sorted(set(places))
        where = f"line {lines[0]}"
        if len(lines) > 1:
            where = "lines " + ", ".join(map(str, lines[:-1])) + f" and {lines[-1]}"
        problems.append(
            Problem(
                claim.at.file,
                line,
                f'quote occurs {times} in {claim.source} ("{excerpt}", {where} of the '
                "document); quote more of the sentence, so that it occurs once",
            )
        )
        return None
    return span


def _date_warnings(claim: Claim, source: Source, today: dt.date) -> list[Problem]:
    """A warning for each date of ``claim`` later than its source could know of."""
    warnings = []
    bounds = source.date.bounds() if source.date else None
    limit = bounds[1] if bounds else today
    announced = claim.kind == "move" and claim.values.get("status") == "announced"
    if announced:
        limit += ANNOUNCED_AHEAD
    for name in ("date", "start", "end"):
        date = claim.values.get(name)
        bounds = date.bounds() if isinstance(date, StatedDate) else None
        if bounds is None or bounds[0] <= limit:
            continue
        if source.date is None:
            why = f"is in the future (today is {today.isoformat()})"
        elif announced:
            why = f"is more than a year after the source's date ({source.date})"
        else:
            why = f"is after the source's date ({source.date})"
        warnings.append(
            Problem(
                claim.at.file,
                claim.line_of(name),
                f"{claim.kind} '{name}' {date} {why}; check the date against the document",
            )
        )
    return warnings


def _check_registry(seeds: Seeds, problems: list[Problem]) -> None:
    for entity in seeds.entities.values():
        if entity.parent is None:
            continue
        parent = seeds.entities.get(entity.parent)
        if parent is None or parent.kind != "org":
            problems.append(
                Problem(
                    entity.at.file,
                    entity.at.line,
                    f"'{entity.id}' has unknown parent '{entity.parent}'"
                    f"{_did_you_mean(entity.parent, seeds, 'org')}",
                )
            )


def _check_references(seeds: Seeds, claim: Claim, problems: list[Problem]) -> None:
    for name, (field_type, _) in CLAIM_FIELDS[claim.kind].items():
        if field_type not in ("person", "org") or name not in claim.values:
            continue
        wanted = claim.values[name]
        entity = seeds.entities.get(wanted)
        draft = seeds.draft_entities.get(wanted)
        if entity is None and draft is not None:
            problems.append(
                Problem(
                    claim.at.file,
                    claim.line_of(name),
                    f"'{wanted}' is still {draft.review} in {draft.at.file}:{draft.at.line}; "
                    "accept it there (remove its 'review:' line) or change this claim",
                )
            )
        elif entity is None:
            problems.append(
                Problem(
                    claim.at.file,
                    claim.line_of(name),
                    f"unknown {'person' if field_type == 'person' else 'organization'} "
                    f"'{wanted}'{_did_you_mean(wanted, seeds, field_type)}",
                )
            )
        elif entity.kind != field_type:
            problems.append(
                Problem(
                    claim.at.file,
                    claim.line_of(name),
                    f"'{name}' must name {_KIND_NAMES[field_type]}, but '{wanted}' is "
                    f"{_KIND_NAMES[entity.kind]}",
                )
            )


def _check_claim_logic(claim: Claim, problems: list[Problem]) -> None:
    values = claim.values
    if claim.kind == "move" and values.get("to") == values["from"]:
        problems.append(
            Problem(
                claim.at.file,
                claim.line_of("to"),
                f"move from '{values['from']}' to itself; a move needs two different "
                "organizations (leave 'to' out when the destination is unknown)",
            )
        )
    if claim.kind == "part-of" and values["org"] == values["parent"]:
        problems.append(
            Problem(claim.at.file, claim.line_of("parent"), f"'{values['org']}' is part of itself")
        )
    if claim.kind == "invests-in" and values["investor"] == values["investee"]:
        problems.append(
            Problem(
                claim.at.file,
                claim.line_of("investee"),
                f"'{values['investor']}' invests in itself",
            )
        )
    if claim.kind == "employment":
        start, end = values.get("start"), values.get("end")
        if end is not None and values.get("current"):
            problems.append(
                Problem(
                    claim.at.file,
                    claim.line_of("end"),
                    "a current job has no end date; set 'current: false' or remove 'end'",
                )
            )
        start_bounds = start.bounds() if start else None
        end_bounds = end.bounds() if end else None
        if start_bounds and end_bounds and end_bounds[1] < start_bounds[0]:
            problems.append(
                Problem(
                    claim.at.file,
                    claim.line_of("end"),
                    f"job ends ({end}) before it starts ({start}); check both dates",
                )
            )


def _check_same_facts(seeds: Seeds, problems: list[Problem]) -> None:
    """Claims about the same move or job, in one source or several, must agree."""
    first: dict[tuple[str, str], Claim] = {}
    agree_on = {
        "move": ("status", "date"),
        "employment": ("current", "start", "end"),
        "group-departure": (),
    }
    seen_exact: dict[tuple, Claim] = {}
    for claim in seeds.claims:
        exact_key = (claim.source, claim.kind, tuple(sorted(claim.values.items(), key=str)))
        if exact_key in seen_exact and claim.kind not in agree_on:
            earlier = seen_exact[exact_key]
            problems.append(
                Problem(
                    claim.at.file,
                    claim.at.line,
                    f"duplicate claim (same as line {earlier.at.line}); add the quote to that "
                    "claim's 'quote:' list instead",
                )
            )
        seen_exact.setdefault(exact_key, claim)
        slug = claim.node_slug
        if slug is None:
            continue
        key = (claim.kind, slug)
        earlier = first.setdefault(key, claim)
        if earlier is claim:
            continue
        if earlier.source == claim.source:
            problems.append(
                Problem(
                    claim.at.file,
                    claim.at.line,
                    f"duplicate {claim.kind} '{slug}' (first at line {earlier.at.line}); merge the "
                    "two claims, listing both quotes under 'quote:'",
                )
            )
            continue
        for name in agree_on[claim.kind]:
            mine, theirs = claim.values.get(name), earlier.values.get(name)
            if mine is not None and theirs is not None and mine != theirs:
                problems.append(
                    Problem(
                        claim.at.file,
                        claim.line_of(name),
                        f"{claim.kind} '{slug}' has {name} {_show(mine)} here but "
                        f"{_show(theirs)} in {earlier.at.file}:{earlier.line_of(name)}; "
                        "the sources disagree: keep one value and say why in a 'note:'",
                    )
                )


def _check_hierarchy(seeds: Seeds, problems: list[Problem], *, all_claims_read: bool) -> None:
    """Parents in entities.yaml and part-of claims must agree and form no cycle."""
    stated: dict[str, Claim] = {}
    for claim in seeds.claims:
        if claim.kind != "part-of":
            continue
        org, parent = claim.values["org"], claim.values["parent"]
        entity = seeds.entities.get(org)
        if entity is not None and entity.parent != parent:
            registry = f"'{entity.parent}'" if entity.parent else "no parent"
            problems.append(
                Problem(
                    claim.at.file,
                    claim.line_of("parent"),
                    f"'{org}' is part of '{parent}' here but entities.yaml:{entity.at.line} gives "
                    f"{registry}; make them the same",
                )
            )
        stated.setdefault(org, claim)
    for entity in seeds.entities.values():
        if all_claims_read and entity.parent and entity.id not in stated:
            problems.append(
                Problem(
                    entity.at.file,
                    entity.at.line,
                    f"parent '{entity.parent}' of '{entity.id}' is not stated by any source; add a "
                    "part-of claim with a quote, or remove the parent",
                )
            )
    reported: set[frozenset[str]] = set()
    for entity in seeds.entities.values():  # in file order: each cycle shown from its first member
        path = [entity.id]
        current = entity.parent
        while current is not None and current in seeds.entities:
            if current in path:
                if current == entity.id and frozenset(path) not in reported:
                    reported.add(frozenset(path))
                    cycle = " → ".join([*path, current])
                    problems.append(
                        Problem(
                            entity.at.file,
                            entity.at.line,
                            f"part-of cycle: {cycle}; an organization cannot contain itself",
                        )
                    )
                break
            path.append(current)
            current = seeds.entities[current].parent


_KIND_NAMES = {"person": "a person", "org": "an organization"}


def _did_you_mean(wanted: str, seeds: Seeds, kind: str) -> str:
    candidates = [e.id for e in seeds.entities.values() if e.kind == kind]
    close = difflib.get_close_matches(wanted, candidates, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"{hint}; add it to entities.yaml or fix the spelling"


def _show(value: object) -> str:
    return f"'{value}'" if not isinstance(value, bool) else str(value).lower()
