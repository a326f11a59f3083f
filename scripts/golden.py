"""Regenerate tests/golden/seed-graph.json: what the project's seed graph says, in one file.

    python scripts/golden.py            # rewrite the file from seeds/
    python scripts/golden.py --check    # exit 1, naming the sections, if it is out of date

The seed graph's figures (counts, flows, saved queries' rows, hubs, careers, pages) are checked
in one place, tests/test_seed_graph.py, against this one file; every other test runs on small
fixture graphs. So adding an article to seeds/ changes this file only: run the script and
read the diff, which says what the article changed in the graph, before committing it.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import tempfile
from pathlib import Path

from graph.analysis.centrality import hubs
from graph.analysis.flows import flows_between, flows_by_period, talent_flows
from graph.analysis.profiles import person_profile
from graph.build import build
from graph.facts import Facts
from graph.present.html.flows_page import render_flows_page
from graph.present.html.graph_page import render_graph_page
from graph.present.views import format_between, format_flows, format_period_flows
from graph.published import published_facts
from graph.sparql.query import format_answer, parse_bindings, run_query, saved_queries
from graph.vocab import ID_IRI

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
GOLDEN = REPO / "tests" / "golden" / "seed-graph.json"
# Saved queries that take a parameter are recorded with one value.
BINDINGS = {"career": ["person=person:zhou-chang"]}
TOP = 10  # hubs recorded per graph
DIGITS = 6  # PageRank and betweenness, rounded so that the file does not pin float noise


def seed_figures(seeds: Path = SEEDS) -> dict[str, object]:
    """Build ``seeds`` in a temporary folder and return every figure the golden file holds."""
    with tempfile.TemporaryDirectory() as temporary:
        out = Path(temporary) / "out"
        result = build(seeds=seeds, out=out)
        facts = published_facts(seeds=seeds, out=out)
        return {
            "counts": result.counts,
            "warnings": {f"{note.file}:{note.line}": note.message for note in result.warnings},
            "sources": _sources(facts),
            "flows": {
                level: _csv_rows(format_flows(talent_flows(facts, level=level), fmt="csv"))
                for level in ("company", "unit")
            },
            "flows by year": _csv_rows(
                format_period_flows(flows_by_period(facts, by="year"), fmt="csv")
            ),
            "flows between": _csv_rows(format_between(flows_between(facts), fmt="csv")),
            "queries": _queries(out / "store"),
            "hubs": {graph: _hubs(facts, graph) for graph in ("flows", "people")},
            "careers": _careers(facts),
            "pages": _pages(facts),
        }


def _csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _sources(facts: Facts) -> dict[str, dict[str, object]]:
    return {
        iri.removeprefix(ID_IRI): {
            "title": found.title,
            "publisher": found.publisher,
            "date": str(found.date or ""),
        }
        for iri, found in sorted(facts.publications.items())
    }


def _queries(store: Path) -> dict[str, dict[str, object]]:
    figures = {}
    for name, saved in saved_queries().items():
        bindings = BINDINGS.get(name, [])
        answer = run_query(saved.text, store=store, bindings=parse_bindings(bindings))
        figures[name] = {"bindings": bindings, "rows": _csv_rows(format_answer(answer, "csv"))}
    return figures


def _hubs(facts: Facts, graph: str) -> dict[str, object]:
    result = hubs(facts, graph=graph)
    return {
        "method": result.method_note,
        "top": [["label", "kind", "degree", "pagerank", "betweenness"]]
        + [
            [
                score.label,
                score.kind,
                score.degree,
                None if score.pagerank is None else round(score.pagerank, DIGITS),
                round(score.betweenness, DIGITS),
            ]
            for score in result.scores[:TOP]
        ],
        "communities": [community.labels for community in result.communities],
    }


def _careers(facts: Facts) -> dict[str, list[list[object]]]:
    careers = {}
    for person in facts.people:
        profile = person_profile(facts, person)
        careers[person.removeprefix(ID_IRI)] = [
            [step.when, step.what, step.status, len({quote.source for quote in step.evidence})]
            for step in profile.steps
        ]
    return dict(sorted(careers.items()))


def _pages(facts: Facts) -> dict[str, object]:
    graph = _embedded(render_graph_page(facts))
    relations: dict[str, int] = {}
    for edge in graph["edges"]:
        relations[edge["relation"]] = relations.get(edge["relation"], 0) + 1
    figures: dict[str, object] = {
        "graph": {"counts": graph["counts"], "edges by relation": dict(sorted(relations.items()))}
    }
    # The flows page counts in the browser, at the level and period the reader picks: what it
    # embeds is the same at either level.
    flows = _embedded(render_flows_page(facts))
    figures["flows"] = {"counts": flows["counts"], "periods": flows["periods"]}
    return figures


def _embedded(html: str) -> dict:
    start = html.index('<script type="application/json" id="tg-data">') + len(
        '<script type="application/json" id="tg-data">'
    )
    return json.loads(html[start : html.index("</script>", start)])


def golden_text(figures: dict[str, object]) -> str:
    """The file's text: JSON with one row (a list of plain values) a line, so that adding an
    article shows as the rows it adds or changes."""
    return _dump(figures, 0) + "\n"


def _dump(value: object, depth: int) -> str:
    inner, outer = "  " * (depth + 1), "  " * depth
    if isinstance(value, dict) and value:
        items = [
            f"{inner}{json.dumps(key)}: {_dump(item, depth + 1)}" for key, item in value.items()
        ]
        return "{\n" + ",\n".join(items) + f"\n{outer}}}"
    if isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        items = [f"{inner}{_dump(item, depth + 1)}" for item in value]
        return "[\n" + ",\n".join(items) + f"\n{outer}]"
    return json.dumps(value, ensure_ascii=False)


def normalised(figures: dict[str, object]) -> dict[str, object]:
    """``figures`` as the file gives them back (tuples read back as lists)."""
    return json.loads(golden_text(figures))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether it is current")
    options = parser.parse_args(argv)
    figures = normalised(seed_figures())
    if options.check:
        recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
        stale = [name for name in figures if recorded.get(name) != figures[name]]
        stale += [name for name in recorded if name not in figures]
        if stale:
            print(f"{GOLDEN.relative_to(REPO)} is out of date: {', '.join(stale)}")
            return 1
        print(f"{GOLDEN.relative_to(REPO)} is up to date.")
        return 0
    GOLDEN.write_text(golden_text(figures), encoding="utf-8")
    print(
        f"Wrote {GOLDEN.relative_to(REPO)}; review the diff (git diff {GOLDEN.relative_to(REPO)})."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
