"""The build's flow outputs: ``flows.csv`` (both levels) and ``report.md`` (the summary).

``report.md`` lists the top gainers and losers at company and unit level with the people
behind each number, what is reported apart (unknown destinations, unnamed own ventures,
group departures), the hubs, the communities and the sources. Every text from the data is
made inert (``graph.present.inert.markdown_text``): the report may be rendered as HTML.

>>> text = report_markdown(Facts(), flow_reports(Facts()))
>>> text.splitlines()[0]
'# Talent Graph: who gains and who loses talent'
"""

from __future__ import annotations

import re
from pathlib import Path

from graph.analysis.centrality import hubs
from graph.analysis.flows import LEVELS, FlowReport, OrgFlow, flows_by_period, talent_flows
from graph.facts import Facts
from graph.present.inert import markdown_text
from graph.present.tables import Table, View, render
from graph.present.views import FLOW_CSV_COLUMNS, arrival, departure, flows_view

TOP = 10
# Per year, the report names the people behind each number up to this many people in the
# graph's moves, and only counts them above it (a bulk import would make a wall of names).
NAMED_UP_TO = 50
TOP_PER_YEAR = 5
# An IRI that can stand in a Markdown autolink as it is.
_SAFE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"\\`\x00-\x1f\x7f-\x9f]*$")


def write_flow_outputs(facts: Facts, out_dir: Path) -> list[Path]:
    """Write ``out_dir/flows.csv`` and ``out_dir/report.md``; return their paths.

    The build calls this inside its staging folder, which is published as a whole.
    """
    reports = flow_reports(facts)
    written = []
    for name, text in (
        ("flows.csv", flows_csv(reports)),
        ("report.md", report_markdown(facts, reports)),
    ):
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def flow_reports(facts: Facts) -> dict[str, FlowReport]:
    """The talent flows at each level (``LEVELS``), computed once for both outputs."""
    return {level: talent_flows(facts, level=level) for level in LEVELS}


def flows_csv(reports: dict[str, FlowReport]) -> str:
    """Company-level then unit-level flow rows, with a leading ``level`` column."""
    rows = [
        [level, *row]
        for level, report in reports.items()
        for row in flows_view(report).csv_table.rows
    ]
    return render(View(Table("Talent flow", ["level", *FLOW_CSV_COLUMNS], rows)), "csv")


def report_markdown(facts: Facts, reports: dict[str, FlowReport]) -> str:
    """The summary report: gainers, losers, what is reported apart, hubs and sources."""
    company, unit = reports["company"], reports["unit"]
    people = {move.person for move in facts.moves}
    lines = [
        "# Talent Graph: who gains and who loses talent",
        "",
        f"From {len(facts.sources)} sources: {len(facts.moves)} moves of {len(people)} named "
        f"people, and {len(facts.group_departures)} group departures of unnamed people "
        "(never counted). Counts are named people, each once per organisation and direction; "
        "announced moves are marked.",
        "",
    ]
    for report in (company, unit):
        lines += _gainers_and_losers(report)
    lines += _by_year(facts, named=len(people) <= NAMED_UP_TO)
    apart = flows_view(company).notes
    if apart:
        lines += ["## Reported apart (company level)", ""]
        for section in apart:
            lines += [
                f"### {markdown_text(section.heading)}",
                "",
                *(f"- {markdown_text(line)}" for line in section.lines),
                "",
            ]
    lines += _hubs_lines(facts)
    lines += ["## Sources", ""]
    lines += [
        f"- {markdown_text(title)} {_link(iri)}" for iri, title in sorted(facts.sources.items())
    ]
    return "\n".join(lines) + "\n"


def _hubs_lines(facts: Facts) -> list[str]:
    # As `talentgraph centrality` computes them: at 1 M triples, 0.1 s for both.
    flows_hubs = hubs(facts, graph="flows", level="company", links=False)
    people_hubs = hubs(facts, graph="people", links=False, communities=False)
    lines = [
        "## Hubs",
        "",
        f"### Where talent goes: PageRank on the company flow graph ({flows_hubs.method_note})",
        "",
    ]
    for score in flows_hubs.scores[:TOP]:
        lines.append(
            f"- **{markdown_text(score.label)}**: PageRank {score.pagerank:.4f}, "
            f"degree {score.degree}, betweenness {score.betweenness:.4f}"
        )
    lines += [
        "",
        "### Who connects: betweenness on the person-organisation graph "
        f"({people_hubs.method_note})",
        "",
    ]
    for score in people_hubs.scores[:TOP]:
        lines.append(
            f"- **{markdown_text(score.label)}** ({score.kind}): "
            f"betweenness {score.betweenness:.4f}, degree {score.degree}"
        )
    lines += ["", f"### Communities of organisations (Louvain, seed {flows_hubs.seed})", ""]
    lines += [f"- {markdown_text('; '.join(c.labels))}" for c in flows_hubs.communities]
    lines += [
        "",
        "The people, moves and sources behind each degree: `talentgraph centrality --format json`.",
        "",
    ]
    return lines


def _gainers_and_losers(report: FlowReport) -> list[str]:
    gainers = [row for row in report.rows if row.net > 0][:TOP]
    losers = sorted((row for row in report.rows if row.net < 0), key=lambda r: (r.net, r.label))
    lines = [f"## {report.level.capitalize()} level", ""]
    for title, rows in (("Top gainers", gainers), ("Top losers", losers[:TOP])):
        lines += [f"### {title}", ""]
        lines += [_row_line(row) for row in rows] or ["(none)"]
        lines.append("")
    return lines


def _by_year(facts: Facts, *, named: bool) -> list[str]:
    """Top gainers and losers of each year at company level (``talentgraph flows --by year``)."""
    report = flows_by_period(facts, by="year")
    lines = [
        "## By year (company level)",
        "",
        "Named people, each once per organisation, direction and year; a move dated by its year "
        'alone counts in that year, a move without a year is "undated". '
        + ("" if named else f"Counts only: more than {NAMED_UP_TO} people moved. ")
        + "Every row with its people: `talentgraph flows --by year`.",
        "",
    ]
    for period in report.periods:
        rows = [row.flow for row in report.rows if row.period == period]
        gainers = [row for row in rows if row.net > 0][:TOP_PER_YEAR]
        losers = sorted((r for r in rows if r.net < 0), key=lambda r: (r.net, r.label))
        lines += [f"### {period}", ""]
        for title, chosen in (("Gainers", gainers), ("Losers", losers[:TOP_PER_YEAR])):
            lines.append(f"{title}:")
            lines += [_row_line(row, named=named) for row in chosen] or ["- (none)"]
            lines.append("")
    if not report.periods:
        lines += ["(no moves)", ""]
    return lines


def _row_line(row: OrgFlow, *, named: bool = True) -> str:
    counts = f"net {row.net:+d} (in {row.in_count}, out {row.out_count})"
    parts = [f"- **{markdown_text(row.label)}**: {counts}"]
    if not named:
        return parts[0]
    if row.joined_moves:
        joined = ", ".join(arrival(step) for step in row.joined_moves)
        parts.append(f"joined: {markdown_text(joined)}")
    if row.left_moves:
        left = ", ".join(departure(step) for step in row.left_moves)
        parts.append(f"left: {markdown_text(left)}")
    return "; ".join(parts)


def _link(iri: str) -> str:
    """``<iri>`` (a Markdown autolink) when the IRI is safe there, else the IRI as text."""
    return f"<{iri}>" if _SAFE_IRI.match(iri) else markdown_text(iri)
