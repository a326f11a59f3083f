"""The ``partOf`` hierarchy, one walk up and one walk down for everyone who uses it.

>>> parents = {"speech-lab": "tongyi-lab", "tongyi-lab": "alibaba"}
>>> ancestors(parents, "speech-lab")
['tongyi-lab', 'alibaba']
>>> top(parents, "speech-lab"), top(parents, "alibaba")
('alibaba', 'alibaba')
>>> descendants(parents, "alibaba")
[(1, 'tongyi-lab'), (2, 'speech-lab')]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping


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


def descendants(
    parents: Mapping[str, str], org: str, key: Callable[[str], str] = str
) -> list[tuple[int, str]]:
    """The units below ``org`` as (depth, unit), depth first, siblings ordered by ``key``; a
    cycle (which the checks forbid) stops the walk."""
    children: dict[str, list[str]] = {}
    for unit, parent in parents.items():
        children.setdefault(parent, []).append(unit)
    found: list[tuple[int, str]] = []
    seen = {org}
    stack = [(1, child) for child in sorted(children.get(org, ()), key=key, reverse=True)]
    while stack:
        depth, unit = stack.pop()
        if unit in seen:
            continue
        seen.add(unit)
        found.append((depth, unit))
        below = sorted(children.get(unit, ()), key=key, reverse=True)
        stack.extend((depth + 1, child) for child in below)
    return found
