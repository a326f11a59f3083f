"""Talent flow per organisation: who joined, who left, and the net, with the evidence.

Only named people are counted, each once per organisation and direction. Everything else
is reported beside the counts and never silently dropped:

- a move whose destination is unknown counts as a loss for its origin and is listed in
  ``unknown_destination``;
- a move into an unnamed own venture counts as a loss for its origin; the ventures are not
  rows of the table but one bucket (``own_ventures``), listed venture by venture;
- a group departure of unnamed people is never a count; it is listed with its description;
- with a time window, a move whose date is unknown (or whose stated precision makes it
  straddle the window, e.g. "2024" for a window starting in June 2024) is listed in
  ``not_placed`` and not counted.

At ``level="unit"`` every organisation is taken as curated; at ``level="company"`` each one
is rolled up through ``tg:partOf`` to the top, and a move between two units of the same
company is ``internal`` there: listed, not counted.

>>> facts = Facts(
...     labels={"ann": "Ann", "a": "Acme", "b": "Beta", "a1": "Acme Labs"},
...     org_classes={"a": "Company", "b": "Company", "a1": "Lab"},
...     parents={"a1": "a"},
...     moves=[Move("m1", "ann", "Ann", "a1", "b", None, "completed", ())],
... )
>>> [(row.label, row.in_count, row.out_count, row.net) for row in talent_flows(facts).rows]
[('Beta', 1, 0, 1), ('Acme', 0, 1, -1)]
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from graph.dates import StatedDate
from graph.errors import InputError
from graph.facts import Facts, GroupDeparture, Move

LEVELS = ("company", "unit")
STATUSES = ("all", "completed", "announced")


@dataclass(frozen=True)
class Step:
    """One move as the flow tables show it: who, from where, to where, when, how sure.

    ``from_org``/``to_org`` are at the table's level (a company at company level); the move
    keeps the organisations as stated.
    """

    move: Move
    from_org: str
    from_label: str
    to_org: str | None
    to_label: str
    reason: str = ""

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict with the person, both ends, date, status and every quote."""
        move = self.move
        data: dict[str, object] = {
            "move": move.iri,
            "person": move.person,
            "person_label": move.person_label,
            "from": self.from_org,
            "from_label": self.from_label,
            "from_as_stated": move.from_org,
            "to": self.to_org,
            "to_label": self.to_label,
            "to_as_stated": move.to_org,
            "date": str(move.date) if move.date else None,
            "status": move.status,
            "evidence": [evidence.to_json() for evidence in move.evidence],
        }
        if self.reason:
            data["reason"] = self.reason
        return data


@dataclass
class OrgFlow:
    """The flow of one organisation (a unit, or a company with its units rolled up)."""

    org: str
    label: str
    joined_moves: list[Step] = field(default_factory=list)
    left_moves: list[Step] = field(default_factory=list)
    internal_moves: list[Step] = field(default_factory=list)
    not_placed: list[Step] = field(default_factory=list)
    group_departures: list[GroupDeparture] = field(default_factory=list)

    # Made once, when first read (the counts, net and the tables read them again and again):
    # ``_flows`` adds every move before anything reads them.
    @functools.cached_property
    def joined(self) -> list[str]:
        """The people who joined, each once, sorted."""
        return _people(self.joined_moves)

    @functools.cached_property
    def left(self) -> list[str]:
        """The people who left, each once, sorted."""
        return _people(self.left_moves)

    @property
    def in_count(self) -> int:
        """How many named people joined."""
        return len(self.joined)

    @property
    def out_count(self) -> int:
        """How many named people left."""
        return len(self.left)

    @property
    def net(self) -> int:
        """Joined minus left."""
        return self.in_count - self.out_count

    def summary(self) -> dict[str, object]:
        """The contract row: org, label, in, out, net, and the people behind them."""
        joined, left = self.joined, self.left
        return {
            "org": self.org,
            "label": self.label,
            "in": len(joined),
            "out": len(left),
            "net": len(joined) - len(left),
            "joined": joined,
            "left": left,
            "left_to_unknown": _people(s for s in self.left_moves if s.move.to_org is None),
            "left_to_own_venture": _people(s for s in self.left_moves if s.reason == "own venture"),
        }

    def to_json(self) -> dict[str, object]:
        """The contract row (``summary``) plus every move with its evidence."""
        return {
            **self.summary(),
            "moves_in": [step.to_json() for step in self.joined_moves],
            "moves_out": [step.to_json() for step in self.left_moves],
            "internal_moves": [step.to_json() for step in self.internal_moves],
            "not_placed": [step.to_json() for step in self.not_placed],
            "group_departures": [group_to_json(group) for group in self.group_departures],
        }


@dataclass
class FlowReport:
    """The flow table and everything reported beside it."""

    level: str
    status: str
    since: dt.date | None
    until: dt.date | None
    rows: list[OrgFlow]
    unknown_destination: list[Step]
    own_ventures: list[Step]
    group_departures: list[GroupDeparture]
    not_placed: list[Step]


def talent_flows(
    facts: Facts,
    *,
    level: str = "company",
    status: str = "all",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> FlowReport:
    """Gains and losses of named people per organisation at ``level``.

    ``status`` keeps ``completed`` or ``announced`` moves only (default ``all``). ``since``
    and ``until`` (inclusive) keep moves whose whole stated date lies in the window.
    Rows are sorted by net gain (largest first), then by label.
    """
    return _flows(
        facts,
        org_at_level(facts, level),
        level=level,
        status=status,
        since=since,
        until=until,
    )


def org_at_level(facts: Facts, level: str) -> Callable[[str], str]:
    """What an organisation counts as at ``level``: its top company, or itself (``unit``)."""
    if level not in LEVELS:
        raise InputError(f"unknown level {level!r}; use one of {', '.join(LEVELS)}")
    return facts.top if level == "company" else lambda org: org


def check_status(status: str) -> None:
    """Refuse a status filter other than ``all``, ``completed`` or ``announced``."""
    if status not in STATUSES:
        raise InputError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")


def org_flow(
    facts: Facts,
    org: str,
    *,
    status: str = "all",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> OrgFlow:
    """The flow of ``org`` taken with all its units, whatever its place in the hierarchy.

    For a top organisation this is its company-level row; for a unit, moves between its own
    sub-units are internal.
    """
    units = facts.subtree(org)
    report = _flows(
        facts,
        lambda other: org if other in units else other,
        level="unit",
        status=status,
        since=since,
        until=until,
    )
    found = [row for row in report.rows if row.org == org]
    return found[0] if found else OrgFlow(org=org, label=facts.label(org))


def _flows(
    facts: Facts,
    at_level: Callable[[str], str],
    *,
    level: str,
    status: str,
    since: dt.date | None,
    until: dt.date | None,
) -> FlowReport:
    check_status(status)
    if since and until and since > until:
        raise InputError(f"the window is empty: it starts on {since}, after its end on {until}")
    rows: dict[str, OrgFlow] = {}

    def row(org: str) -> OrgFlow:
        return rows.setdefault(org, OrgFlow(org=org, label=facts.label(org)))

    unknown, ventures, not_placed = [], [], []
    for move in sorted(facts.moves, key=_move_order):
        if status != "all" and move.status != status:
            continue
        origin = at_level(move.from_org)
        destination = at_level(move.to_org) if move.to_org else None
        step = Step(move, origin, facts.label(origin), destination, facts.label(destination))
        placement = placed_in_window(move.date, since=since, until=until)
        if placement == "outside":
            continue
        if placement != "inside":
            step = replace(step, reason=placement)
            not_placed.append(step)
            for end in dict.fromkeys((origin, destination)):
                if end is not None and end not in facts.unnamed:
                    row(end).not_placed.append(step)
            continue
        if origin == destination:
            row(origin).internal_moves.append(step)
            continue
        if destination is None:
            unknown.append(step)
        elif destination in facts.unnamed:
            ventures.append(step)
            step = replace(step, reason="own venture")
        else:
            row(destination).joined_moves.append(step)
        if origin in facts.unnamed:
            ventures.append(step)
        else:
            row(origin).left_moves.append(step)
    groups = []
    for group in facts.group_departures:  # undated: listed whatever the window
        if status != "all" and group.status != status:
            continue
        groups.append(group)
        row(at_level(group.from_org)).group_departures.append(group)
    return FlowReport(
        level=level,
        status=status,
        since=since,
        until=until,
        rows=sorted(rows.values(), key=lambda r: (-r.net, -r.in_count, r.label, r.org)),
        unknown_destination=unknown,
        own_ventures=ventures,
        group_departures=groups,
        not_placed=not_placed,
    )


def placed_in_window(
    date: StatedDate | None, *, since: dt.date | None = None, until: dt.date | None = None
) -> str:
    """Where a stated date sits in a window: ``inside``, ``outside``, ``undated`` or ``straddles``.

    A date counts as inside only when every day it may mean is inside.

    >>> from graph.dates import parse_stated_date
    >>> year = parse_stated_date("2024")
    >>> placed_in_window(year, since=dt.date(2024, 1, 1), until=dt.date(2024, 12, 31))
    'inside'
    >>> placed_in_window(year, since=dt.date(2024, 6, 1))
    'straddles'
    >>> placed_in_window(parse_stated_date("--02"), since=dt.date(2024, 1, 1))
    'undated'
    >>> placed_in_window(None)
    'inside'
    """
    if since is None and until is None:
        return "inside"
    bounds = date.bounds() if date else None
    if bounds is None:
        return "undated"
    first, last = bounds
    low, high = since or dt.date.min, until or dt.date.max
    if low <= first and last <= high:
        return "inside"
    if last < low or first > high:
        return "outside"
    return "straddles"


def group_to_json(group: GroupDeparture) -> dict[str, object]:
    """A group departure as JSON: never a count, always its description and quotes."""
    return {
        "group": group.iri,
        "from": group.from_org,
        "description": group.description,
        "size": group.size,
        "status": group.status,
        "evidence": [evidence.to_json() for evidence in group.evidence],
    }


def _people(steps: Iterable[Step]) -> list[str]:
    """Each person once (by IRI), as labels, sorted."""
    people = {step.move.person: step.move.person_label for step in steps}
    return sorted(people.values())


def _move_order(move: Move) -> tuple[str, str]:
    return (move.person_label, move.iri)


# --- over time -----------------------------------------------------------------------------

PERIODS = ("year", "quarter", "month")
UNDATED = "undated"
YEAR_ONLY = " (year only)"


def period_of(date: StatedDate | None, by: str) -> str:
    """The period a stated date falls in, never more precise than the date itself.

    A year alone is its year for ``by="year"`` and ``"YYYY (year only)"`` for a quarter or a
    month (it is not guessed into one); a month without its year, or no date, is ``undated``.

    >>> from graph.dates import parse_stated_date
    >>> [period_of(parse_stated_date("2023-03-04"), by) for by in PERIODS]
    ['2023', '2023-Q1', '2023-03']
    >>> year = parse_stated_date("2023")
    >>> period_of(year, "quarter"), period_of(year, "year")
    ('2023 (year only)', '2023')
    >>> period_of(parse_stated_date("--02"), "month"), period_of(None, "year")
    ('undated', 'undated')
    """
    if by not in PERIODS:
        raise InputError(f"unknown period {by!r}; use one of {', '.join(PERIODS)}")
    if date is None or date.year is None:
        return UNDATED
    if by == "year":
        return f"{date.year:04d}"
    if date.month is None:
        return f"{date.year:04d}{YEAR_ONLY}"
    if by == "quarter":
        return f"{date.year:04d}-Q{(date.month - 1) // 3 + 1}"
    return f"{date.year:04d}-{date.month:02d}"


def period_order(period: str) -> tuple[str, int, str]:
    """Sort key: periods in time order, a year's "year only" bucket after its quarters or
    months, ``undated`` last.

    >>> sorted(["undated", "2023 (year only)", "2023-Q2", "2022-Q4"], key=period_order)
    ['2022-Q4', '2023-Q2', '2023 (year only)', 'undated']
    """
    if period == UNDATED:
        return ("9999", 9, period)
    year = period[:4]
    return (year, 1 if period.endswith(YEAR_ONLY) else 0, period)


@dataclass
class PeriodRow:
    """One organisation's flow in one period."""

    period: str
    flow: OrgFlow

    def to_json(self) -> dict[str, object]:
        """The flow row (org, label, in, out, net, joined, left, the moves) with its period."""
        return {"period": self.period, **self.flow.to_json()}


@dataclass
class PeriodFlowReport:
    """Flows per organisation per period, and the all-dates report they were cut from."""

    by: str
    periods: list[str]
    rows: list[PeriodRow]
    # The same level, status and window over all dates: what is reported apart lives here.
    overall: FlowReport

    def to_json(self) -> list[dict[str, object]]:
        """The rows, period by period."""
        return [row.to_json() for row in self.rows]


def flows_by_period(
    facts: Facts,
    *,
    by: str = "year",
    level: str = "company",
    status: str = "all",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> PeriodFlowReport:
    """In, out and net per organisation per period (``year``, ``quarter`` or ``month``).

    Each move counts in the period of its stated date (see ``period_of``): a person is
    counted once per organisation, direction and period, so a person who left twice in two
    years is a loss in each. Rows with a count are kept, in time order, then as
    ``talent_flows`` orders them. Unknown destinations and own ventures are losses as there;
    group departures are undated and never counted (``overall`` lists them).

    >>> facts = Facts(
    ...     labels={"a": "Acme", "b": "Beta"},
    ...     org_classes={"a": "Company", "b": "Company"},
    ...     moves=[
    ...         Move("m1", "ann", "Ann", "a", "b", StatedDate(2023, 3), "completed", ()),
    ...         Move("m2", "bo", "Bo", "a", "b", StatedDate(2023), "completed", ()),
    ...     ],
    ... )
    >>> [(r.period, r.flow.label, r.flow.net) for r in flows_by_period(facts, by="quarter").rows]
    [('2023-Q1', 'Beta', 1), ('2023-Q1', 'Acme', -1), ('2023 (year only)', 'Beta', 1), \
('2023 (year only)', 'Acme', -1)]
    """
    period_of(None, by)  # refuses an unknown period before any work
    overall = talent_flows(facts, level=level, status=status, since=since, until=until)
    by_period: dict[str, list[Move]] = {}
    for move in facts.moves:
        if status != "all" and move.status != status:
            continue
        if placed_in_window(move.date, since=since, until=until) != "inside":
            continue
        by_period.setdefault(period_of(move.date, by), []).append(move)
    at_level = org_at_level(facts, level)
    periods = sorted(by_period, key=period_order)
    rows = []
    for period in periods:
        part = replace(facts, moves=by_period[period], group_departures=[])
        report = _flows(part, at_level, level=level, status=status, since=None, until=None)
        rows += [PeriodRow(period, flow) for flow in report.rows if flow.in_count or flow.out_count]
    return PeriodFlowReport(by=by, periods=periods, rows=rows, overall=overall)


# --- between whom --------------------------------------------------------------------------

OTHER = "other"
OWN_VENTURES = "own ventures (unnamed)"


@dataclass
class FlowPair:
    """People who left ``from_org`` for ``to_org`` (both at the report's level).

    ``to_org`` is ``None`` for an unknown destination and for the one bucket of unnamed own
    ventures (told apart by ``to_label``); both are ``None`` for the summed ``other`` row.
    """

    from_org: str | None
    from_label: str
    to_org: str | None
    to_label: str
    steps: list[Step] = field(default_factory=list)

    @property
    def people(self) -> int:
        """How many named people (each once)."""
        return len({step.move.person for step in self.steps})

    def to_json(self) -> dict[str, object]:
        """``from``, ``to`` (labels), ``people`` (the count), the names with their sources."""
        names: dict[str, set[str]] = {}
        for step in self.steps:
            titles = names.setdefault(step.move.person_label, set())
            titles.update(evidence.title for evidence in step.move.evidence)
        return {
            "from": self.from_label,
            "to": self.to_label,
            "people": self.people,
            "from_org": self.from_org,
            "to_org": self.to_org,
            "names": [
                {"name": name, "sources": sorted(titles)} for name, titles in sorted(names.items())
            ],
            "moves": [step.to_json() for step in self.steps],
        }


@dataclass
class BetweenReport:
    """The origin -> destination pairs, the largest first, the rest summed as ``other``."""

    level: str
    status: str
    top: int | None
    pairs: list[FlowPair]
    other: FlowPair | None
    # The pairs summed into ``other``: how many.
    other_pairs: int
    overall: FlowReport

    @property
    def rows(self) -> list[FlowPair]:
        """The top pairs, then ``other`` when there is one."""
        return self.pairs + ([self.other] if self.other else [])

    def to_json(self) -> list[dict[str, object]]:
        """The rows as JSON."""
        return [row.to_json() for row in self.rows]


def flows_between(
    facts: Facts,
    *,
    level: str = "company",
    status: str = "all",
    since: dt.date | None = None,
    until: dt.date | None = None,
    top: int | None = None,
) -> BetweenReport:
    """Who left where for where: the counted moves of ``talent_flows`` by (origin, destination).

    Every loss of the flow table is in one pair: an unknown destination is the pair's
    ``unknown`` end, unnamed own ventures are one destination, ``own ventures (unnamed)``.
    Pairs are sorted by people (most first), then by labels; beyond the first ``top`` they
    are summed into one ``other`` row (its people are each pair's people added up).

    >>> facts = Facts(
    ...     labels={"a": "Acme", "b": "Beta", "c": "Core"},
    ...     org_classes={"a": "Company", "b": "Company", "c": "Company"},
    ...     moves=[
    ...         Move("m1", "ann", "Ann", "a", "b", None, "completed", ()),
    ...         Move("m2", "bo", "Bo", "a", "b", None, "completed", ()),
    ...         Move("m3", "cy", "Cy", "b", "c", None, "completed", ()),
    ...         Move("m4", "di", "Di", "c", None, None, "completed", ()),
    ...     ],
    ... )
    >>> report = flows_between(facts, top=1)
    >>> [(row.from_label, row.to_label, row.people) for row in report.rows]
    [('Acme', 'Beta', 2), ('other', 'other', 2)]
    """
    if top is not None and top < 1:
        raise InputError(f"the number of pairs to show must be at least 1, not {top}")
    overall = talent_flows(facts, level=level, status=status, since=since, until=until)
    steps = {
        step.move.iri: step
        for step in (
            *(s for row in overall.rows for s in (*row.joined_moves, *row.left_moves)),
            *overall.unknown_destination,
            *overall.own_ventures,
        )
    }
    pairs: dict[tuple[str | None, str | None, str], FlowPair] = {}
    for iri in sorted(steps):
        step = steps[iri]
        to_org, to_label = step.to_org, step.to_label
        if to_org is not None and to_org in facts.unnamed:
            to_org, to_label = None, OWN_VENTURES
        from_org: str | None = step.from_org
        from_label = step.from_label
        if from_org in facts.unnamed:  # a venture's founder leaving it again: rare, kept
            from_org, from_label = None, OWN_VENTURES
        key = (from_org, to_org, to_label)
        pairs.setdefault(key, FlowPair(from_org, from_label, to_org, to_label)).steps.append(step)
    ranked = sorted(pairs.values(), key=lambda p: (-p.people, p.from_label, p.to_label))
    shown, rest = (ranked[:top], ranked[top:]) if top else (ranked, [])
    other = None
    if rest:
        other = _SummedPair(None, OTHER, None, OTHER, [s for pair in rest for s in pair.steps])
        other.summed = sum(pair.people for pair in rest)
    return BetweenReport(
        level=level,
        status=status,
        top=top,
        pairs=shown,
        other=other,
        other_pairs=len(rest),
        overall=overall,
    )


@dataclass
class _SummedPair(FlowPair):
    """The ``other`` row: its people are the pairs' people added up (one person who made two
    of those moves counts in each pair, as in the pairs shown)."""

    summed: int = 0

    @property
    def people(self) -> int:
        return self.summed
