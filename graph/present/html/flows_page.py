"""The flows page (``flows.html``): who gains and who loses talent, over time, between whom.

One self-contained file drawn with Apache ECharts (vendored in ``assets/vendor/``, inlined):

- a table of in, out and net per organisation (what ``talentgraph flows`` prints, with the
  same defaults: all statuses, company level, all dates), saying what it counts;
- a time chart of net flow per organisation per period (the organisations with most moves,
  the others added from a list);
- an origin -> destination Sankey for the organisations with most moves, the rest as "other";
- a panel per organisation: who joined and who left, from and to where, when, with the quotes;
- controls for the period (year, quarter, month; one period or all), status and level, which
  update every view.

The page does its counting in the browser from the moves embedded as JSON, with the rules of
``graph.analysis.flows`` (each person once per organisation and direction; an unknown
destination or an unnamed own venture is a loss; moves inside one organisation are not
counted), and the periods of ``graph.analysis.flows.period_of``, computed here. The quotes are
embedded apart and read only when a panel shows them, so a large graph opens quickly.

>>> page = render_flows_page(Facts(), title="No <moves>")
>>> "<h1>No &lt;moves&gt;</h1>" in page
True
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.analysis.flows import LEVELS, PERIODS, org_at_level, period_of, period_order
from graph.dates import StatedDate, describe_date
from graph.facts import Evidence, Facts, Move
from graph.present.html.page import citation, cited_sources, template
from graph.present.html.safety import asset_code, script_json, vendor_code
from graph.present.tables import counted

GAIN_COLOUR = "#2ca02c"
LOSS_COLOUR = "#d62728"
# Organisations drawn in the time chart and the Sankey before the rest is "other".
TOP_ORGS = 8
STATUS_CODES = {"completed": 0, "announced": 1}


def flows_page_data(facts: Facts) -> tuple[dict[str, object], dict[str, object]]:
    """What the page embeds: the moves as index rows, and their quotes apart.

    The first dict holds ``orgs`` ([label, company index, unnamed]), ``people`` (labels),
    ``dates`` ([as stated, year, quarter, month period]), ``moves`` ([person, from, to or -1,
    date or -1, status 0 completed / 1 announced]), ``groups`` ([from, summary, status]) and
    ``periods`` (every period of each kind, in order). The second holds, for each move, its
    quotes as [quote, source, note] indexes into ``texts``.
    """
    moves = sorted(facts.moves, key=lambda move: (move.person_label, move.iri))
    orgs = sorted(
        set(facts.org_classes)
        | {move.from_org for move in moves}
        | {move.to_org for move in moves if move.to_org}
        | {group.from_org for group in facts.group_departures},
        key=lambda org: (facts.label(org), org),
    )
    company = org_at_level(facts, "company")
    orgs = sorted(set(orgs) | {company(org) for org in orgs}, key=lambda o: (facts.label(o), o))
    org_index = {org: number for number, org in enumerate(orgs)}
    people = sorted({move.person for move in moves}, key=lambda p: (facts.label(p), p))
    person_index = {person: number for number, person in enumerate(people)}
    dates = sorted({move.date for move in moves if move.date is not None}, key=_date_order)
    date_index = {date: number for number, date in enumerate(dates)}
    texts: dict[str, int] = {}

    def text(value: str) -> int:
        return texts.setdefault(value, len(texts))

    evidence = [
        [[text(quote), text(source), text(note)] for quote, source, note in _quotes(facts, move)]
        for move in moves
    ]
    data: dict[str, object] = {
        "orgs": [
            [facts.label(org), org_index[company(org)], int(org in facts.unnamed), org]
            for org in orgs
        ],
        "people": [facts.label(person) for person in people],
        "dates": [
            [describe_date(date), *(period_of(date, by) for by in PERIODS)] for date in dates
        ],
        "moves": [
            [
                person_index[move.person],
                org_index[move.from_org],
                org_index[move.to_org] if move.to_org else -1,
                date_index[move.date] if move.date is not None else -1,
                STATUS_CODES[move.status],
            ]
            for move in moves
        ],
        "groups": [
            [org_index[group.from_org], group.summary, STATUS_CODES[group.status]]
            for group in sorted(facts.group_departures, key=lambda g: g.iri)
        ],
        "periods": {
            by: sorted({period_of(move.date, by) for move in moves}, key=period_order)
            for by in PERIODS
        },
    }
    return data, {"texts": list(texts), "moves": evidence}


def render_flows_page(
    facts: Facts,
    *,
    level: str = "company",
    title: str = "Talent Graph: who gains and who loses talent",
) -> str:
    """The HTML of the flows page; ``level`` is where its level control starts."""
    org_at_level(facts, level)  # refuses an unknown level
    data, evidence = flows_page_data(facts)
    people = len(data["people"])  # type: ignore[arg-type]
    data.update(
        {
            "page": "flows",
            "level": level,
            "top": TOP_ORGS,
            "colours": {"gain": GAIN_COLOUR, "loss": LOSS_COLOUR},
            "counts": {
                "moves": len(facts.moves),
                "people": people,
                "organisations": len(data["orgs"]),  # type: ignore[arg-type]
                "sources": len(facts.sources),
            },
        }
    )
    return template("flows.html.j2").render(
        title=title,
        subtitle=(
            f"{len(facts.moves):,} moves of {people:,} named people and "
            f"{len(facts.group_departures):,} group departures, from "
            f"{counted(len(facts.sources), 'source')}."
        ),
        levels=LEVELS,
        periods=PERIODS,
        level=level,
        data_json=script_json(data),
        evidence_json=script_json(evidence),
        echarts_js=vendor_code("echarts.min.js"),
        page_js=asset_code("flows.js"),
        page_css=asset_code("flows.css"),
        sources=cited_sources(facts),
    )


def _quotes(facts: Facts, move: Move) -> Iterable[tuple[str, str, str]]:
    """Each quote of ``move`` once, with its source as the pages cite it, and any note."""
    shown = set()
    for item in move.evidence:
        shown.add((item.quote, _cited(facts, item), item.note))
    return sorted(shown, key=lambda q: (q[1], q[0], q[2]))


def _cited(facts: Facts, evidence: Evidence) -> str:
    title, date = citation(facts, evidence.source, evidence.title)
    return f"{title}, {date}" if date else title


def _date_order(date: StatedDate) -> tuple[int, int, int, int]:
    # A month without its year goes last; a coarser date before a finer one of the same start.
    return (date.year or 9999, date.month or 0, date.day or 0, 0 if date.year else 1)
