"""The build's flow outputs: ``flows.csv`` (both levels) and ``report.md`` (the summary).

``report.md`` lists the top gainers and losers at company and unit level with the people
behind each number, what is reported apart (unknown destinations, unnamed own ventures,
group departures), the hubs, the communities and the sources.

>>> from graph.build import build_dataset
>>> text = report_markdown(load_facts(build_dataset()))
>>> text.splitlines()[0]
'# Talent Graph: who gains and who loses talent'
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from rdflib import Dataset

from graph.centrality import hubs
from graph.facts import Facts, load_facts
from graph.flows import LEVELS, FlowReport, OrgFlow, talent_flows
from graph.formats import DEFAULT_WIDTH
from graph.views import FLOW_CSV_COLUMNS, flows_view, format_flows

TOP = 10


def write_flow_outputs(dataset: Dataset, out_dir: Path) -> list[Path]:
    """Write ``out_dir/flows.csv`` and ``out_dir/report.md``; return their paths.

    ``talentgraph build`` calls this inside its staging folder, which is swapped in whole.
    """
    facts = load_facts(dataset)
    written = []
    for name, text in (("flows.csv", flows_csv(facts)), ("report.md", report_markdown(facts))):
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def flows_csv(facts: Facts) -> str:
    """Company-level then unit-level flow rows, with a leading ``level`` column."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["level", *FLOW_CSV_COLUMNS])
    for level in LEVELS:
        view = flows_view(talent_flows(facts, level=level))
        for row in view.csv.rows if view.csv else []:
            writer.writerow([level, *("; ".join(v) if isinstance(v, list) else v for v in row)])
    return buffer.getvalue()


def report_markdown(facts: Facts) -> str:
    """The summary report: gainers, losers, what is reported apart, hubs and sources."""
    company = talent_flows(facts, level="company")
    unit = talent_flows(facts, level="unit")
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
    apart = flows_view(company).notes[:-1]
    if apart:
        lines += ["## Reported apart (company level)", ""]
        for section in apart:
            lines += [f"### {section.heading}", "", *(f"- {line}" for line in section.lines), ""]
    lines += _hubs_lines(facts)
    lines += ["## Sources", ""]
    lines += [f"- {title} <{iri}>" for iri, title in sorted(facts.sources.items())]
    return "\n".join(lines) + "\n"


def company_flow_table(dataset: Dataset, *, width: int = DEFAULT_WIDTH) -> str:
    """The company-level flow table as plain text, for ``talentgraph build`` to print."""
    return format_flows(talent_flows(load_facts(dataset), level="company"), width=width)


def _hubs_lines(facts: Facts) -> list[str]:
    flows_hubs = hubs(facts, graph="flows", level="company")
    people_hubs = hubs(facts, graph="people")
    lines = [
        "## Hubs",
        "",
        f"### Where talent goes: PageRank on the company flow graph ({flows_hubs.method_note})",
        "",
    ]
    for score in flows_hubs.scores[:TOP]:
        lines.append(
            f"- **{score.label}**: PageRank {score.pagerank:.4f}, degree {score.degree}, "
            f"betweenness {score.betweenness:.4f}"
        )
    lines += [
        "",
        "### Who connects: betweenness on the person-organisation graph "
        f"({people_hubs.method_note})",
        "",
    ]
    for score in people_hubs.scores[:TOP]:
        lines.append(
            f"- **{score.label}** ({score.kind}): betweenness {score.betweenness:.4f}, "
            f"degree {score.degree}"
        )
    lines += ["", f"### Communities of organisations (Louvain, seed {flows_hubs.seed})", ""]
    lines += [f"- {'; '.join(c.labels)}" for c in flows_hubs.communities]
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


def _row_line(row: OrgFlow) -> str:
    def names(steps: list, arrow: str) -> str:
        return ", ".join(
            f"{s.move.person_label} {arrow} "
            f"{s.from_label if arrow == '←' else s.to_label}"
            f"{' (announced)' if s.move.status == 'announced' else ''}"
            for s in steps
        )

    parts = [f"- **{row.label}**: net {row.net:+d} (in {row.in_count}, out {row.out_count})"]
    if row.joined_moves:
        parts.append(f"joined: {names(row.joined_moves, '←')}")
    if row.left_moves:
        parts.append(f"left: {names(row.left_moves, '→')}")
    return "; ".join(parts)
