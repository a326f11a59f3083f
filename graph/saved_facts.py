"""The facts of a build saved as JSON, so that an analysis does not read the whole store again.

``build`` reads the facts from the quads it loads into the store (``graph.facts.load_facts``)
and saves them beside it as ``facts.json``; ``flows``, ``centrality``, ``person``, ``org``,
``export`` and ``render`` read that file back: at a million triples, 0.5 s against 8 s to read
the store.

The file is plain JSON (never code): records as arrays in a fixed field order, dates as
``[year, month, day]``, and each quote's source and title once in a table that the quotes
point into.

>>> import tempfile
>>> from graph.facts import Evidence, Move
>>> quote = Evidence("https://example.org/a", "A", 0, "Ann left Acme for Beta.")
>>> facts = Facts(labels={"ann": "Ann"}, people=["ann"], moves=[
...     Move("m1", "ann", "Ann", "acme", "beta", StatedDate(2024, 3), "completed", (quote,))])
>>> path = write_facts(facts, Path(tempfile.mkdtemp()) / "facts.json")
>>> read_facts(path) == facts
True
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from graph.collector import paused_collection
from graph.dates import StatedDate
from graph.errors import NoBuildError
from graph.facts import Employment, Evidence, Facts, GroupDeparture, Move, Publication, Relation

FACTS_FILE = "facts.json"
FORMAT = "talentgraph-facts/1"


def write_facts(facts: Facts, path: Path) -> Path:
    """Write ``facts`` to ``path`` (see the module's notes for the layout)."""
    titles: dict[tuple[str, str], int] = {}

    def quotes(evidence: tuple[Evidence, ...]) -> list[list[object]]:
        rows = []
        for quote in evidence:
            cited = titles.setdefault((quote.source, quote.title), len(titles))
            rows.append([cited, quote.start, quote.quote, quote.note])
        return rows

    def relation(found: Relation) -> list[object]:
        return [
            found.subject,
            found.predicate,
            found.object,
            found.sources,
            quotes(found.evidence),
        ]

    record = {
        "labels": facts.labels,
        "aliases": facts.aliases,
        "people": facts.people,
        "org_classes": facts.org_classes,
        "unnamed": sorted(facts.unnamed),
        "parents": facts.parents,
        "publications": {
            iri: [cited.title, cited.publisher, _date(cited.date)]
            for iri, cited in facts.publications.items()
        },
        "moves": [
            [
                move.iri,
                move.person,
                move.person_label,
                move.from_org,
                move.to_org,
                _date(move.date),
                move.status,
                quotes(move.evidence),
            ]
            for move in facts.moves
        ],
        "group_departures": [
            [
                group.iri,
                group.from_org,
                group.description,
                group.size,
                group.status,
                quotes(group.evidence),
            ]
            for group in facts.group_departures
        ],
        "employments": [
            [
                job.iri,
                job.person,
                job.org,
                job.roles,
                _date(job.start),
                _date(job.end),
                job.current,
                quotes(job.evidence),
            ]
            for job in facts.employments
        ],
        "statements": [relation(found) for found in facts.statements],
        "person_org": [relation(found) for found in facts.person_org],
    }
    # json.dumps, not json.dump: only the former runs the C encoder. Keys sorted: the same
    # seeds give the same bytes, whatever order the mappings were filled in.
    text = json.dumps(
        {"format": FORMAT, "cited": list(titles), **record}, ensure_ascii=False, sort_keys=True
    )
    path.write_text(text, encoding="utf-8")
    return path


def read_facts(path: Path) -> Facts:
    """The facts saved at ``path`` by ``write_facts``.

    Raises ``NoBuildError`` when the file is missing, damaged or of another format (a build
    made by another version of Talent Graph): building again writes it.
    """
    try:
        with path.open(encoding="utf-8") as stream, paused_collection():
            saved = json.load(stream)
            if saved.get("format") != FORMAT or any(
                not isinstance(saved.get(key), kind) for key, kind in _SHAPE.items()
            ):
                raise ValueError(saved.get("format"))
            return _facts(saved)
    except FileNotFoundError:
        raise NoBuildError(f"{path}: missing (the build's saved facts)") from None
    except OSError as error:
        raise NoBuildError(f"{path}: cannot be read ({error.strerror or error})") from None
    except (ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError):
        raise NoBuildError(
            f"{path}: damaged, or written by another version of Talent Graph"
        ) from None


# What each top-level entry must be.
_SHAPE = {
    "cited": list,
    "labels": dict,
    "aliases": dict,
    "people": list,
    "org_classes": dict,
    "unnamed": list,
    "parents": dict,
    "publications": dict,
    "moves": list,
    "group_departures": list,
    "employments": list,
    "statements": list,
    "person_org": list,
}


def _facts(saved: dict[str, Any]) -> Facts:
    cited: list[tuple[str, str]] = [(source, title) for source, title in saved["cited"]]

    def quotes(rows: list[list[Any]]) -> tuple[Evidence, ...]:
        return tuple(
            Evidence(cited[index][0], cited[index][1], start, text, note)
            for index, start, text, note in rows
        )

    def relation(row: list[Any]) -> Relation:
        subject, predicate, obj, sources, evidence = row
        return Relation(subject, predicate, obj, tuple(sources), quotes(evidence))

    return Facts(
        labels=saved["labels"],
        aliases={node: tuple(names) for node, names in saved["aliases"].items()},
        people=saved["people"],
        org_classes=saved["org_classes"],
        unnamed=frozenset(saved["unnamed"]),
        parents=saved["parents"],
        publications={
            iri: Publication(title, publisher, _stated(date))
            for iri, (title, publisher, date) in saved["publications"].items()
        },
        moves=[
            Move(iri, person, label, origin, to, _stated(date), status, quotes(evidence))
            for iri, person, label, origin, to, date, status, evidence in saved["moves"]
        ],
        group_departures=[
            GroupDeparture(iri, origin, description, size, status, quotes(evidence))
            for iri, origin, description, size, status, evidence in saved["group_departures"]
        ],
        employments=[
            Employment(
                iri, person, org, tuple(roles), _stated(start), _stated(end), current, quotes(ev)
            )
            for iri, person, org, roles, start, end, current, ev in saved["employments"]
        ],
        statements=[relation(row) for row in saved["statements"]],
        person_org=[relation(row) for row in saved["person_org"]],
    )


def _date(date: StatedDate | None) -> list[int | None] | None:
    return None if date is None else [date.year, date.month, date.day]


def _stated(parts: list[int | None] | None) -> StatedDate | None:
    return None if parts is None else StatedDate(*parts)
