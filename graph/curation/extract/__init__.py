"""Candidate facts from an article's text: rules over sentences and names, no model download.

``extract`` returns draft candidates (moves, jobs, units, investments, studies and the people
and organisations named), each with the exact sentence that states it, its offsets, the words
that triggered it and a confidence. Nothing here enters the graph: a curator reviews them.

>>> found = extract("Ann Lee, who led the vision team at Acme Labs, joined Beta AI in May 2024.")
>>> move = next(c for c in found if c.kind == "move")
>>> move.person, move.from_, move.to, move.date, move.status
('Ann Lee', 'Acme Labs', 'Beta AI', '2024-05', 'completed')
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.curation.extract.candidates import (
    KINDS,
    ROW_COLUMNS,
    Candidate,
    employments,
    entities,
    other_facts,
)
from graph.curation.extract.document import read_document
from graph.curation.extract.linking import Linker
from graph.curation.extract.mentions import KnownEntity, Registry

__all__ = ["ROW_COLUMNS", "Candidate", "KnownEntity", "extract"]


def extract(text: str, *, known: Iterable[KnownEntity] = ()) -> list[Candidate]:
    """The candidate facts of ``text``; names of ``known`` entities link to their ids."""
    registry = Registry(list(known))
    findings = read_document(text, registry)
    linker = Linker(registry, findings)
    moves = linker.moves()
    candidates = [
        *moves,
        *employments(findings, moves, linker.joined, registry),
        *other_facts(findings),
        *entities(findings),
    ]
    return sorted(
        candidates, key=lambda c: (KINDS.index(c.kind), c.start, c.person or "", c.org or "")
    )
