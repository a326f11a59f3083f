"""The ``partOf`` hierarchy, one walk for everyone who climbs it.

>>> parents = {"speech-lab": "tongyi-lab", "tongyi-lab": "alibaba"}
>>> ancestors(parents, "speech-lab")
['tongyi-lab', 'alibaba']
>>> top(parents, "speech-lab"), top(parents, "alibaba")
('alibaba', 'alibaba')
"""

from __future__ import annotations

from collections.abc import Mapping


def ancestors(parents: Mapping[str, str], org: str) -> list[str]:
    """The parents of ``org``, nearest first; a cycle (which the checks forbid) stops the walk."""
    chain: list[str] = []
    unit = org
    while unit in parents and parents[unit] not in (org, *chain):
        unit = parents[unit]
        chain.append(unit)
    return chain


def top(parents: Mapping[str, str], org: str) -> str:
    """The top of ``org``'s chain: ``org`` itself when it has no parent."""
    return [org, *ancestors(parents, org)][-1]
