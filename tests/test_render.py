"""The HTML pages of the sample corpus and of hostile fixtures, read by parsing them (the
browser tests are in test_render_browser.py)."""

from __future__ import annotations

from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyvis.network import Network
from rdflib import Dataset

from conftest import (
    EVIL,
    EVIL_FROM,
    EVIL_PERSON,
    EVIL_TO,
    IMG,
    LINK,
    SCRIPT,
    embedded_data,
    evil_facts,
    facts_of,
    large_dataset,
)
from graph.cli import main
from graph.dates import parse_stated_date
from graph.errors import InputError, RenderError
from graph.facts import Facts, Move, Publication, Relation
from graph.present.html.flows_page import render_flows_page
from graph.present.html.graph_page import DEFAULT_NODE_BUDGET, render_graph_page, write_html
from graph.present.html.page import STABILIZATION_LARGE

ID = "https://w3id.org/talentgraph/id/"
# How the pages cite the sample's sources: the title, and the publisher where it is known.
NORRLAND_ARTICLE = "Norrland loses its vision chief to a venture of her own (The Fjord Ledger)"
QUILLON_ARTICLE = "Quillon reshuffles its research division"


class Tags(HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


class BalanceRows(HTMLParser):
    """The body rows of the page's net gain and loss table, as tuples of cell texts."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.rows: list[tuple[str, ...]] = []
        self.in_table = self.in_body = self.in_cell = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_table = self.in_table or (tag == "table" and ("class", "balance") in attrs)
        self.in_body = self.in_body or (self.in_table and tag == "tbody")
        if self.in_body and tag == "tr":
            self.rows.append(())
        self.in_cell = self.in_body and tag == "td"

    def handle_endtag(self, tag: str) -> None:
        self.in_table = self.in_table and tag != "table"
        self.in_body = self.in_body and tag != "tbody"
        self.in_cell = False

    def handle_data(self, data: str) -> None:
        if self.in_cell:
            self.rows[-1] += (data,)


@pytest.fixture(scope="module")
def graph_page(sample_facts: Facts) -> str:
    return render_graph_page(sample_facts)


@pytest.fixture(scope="module")
def graph_data(graph_page: str) -> dict:
    return embedded_data(graph_page)


def node(data: dict, slug: str) -> dict:
    return next(n for n in data["nodes"] if n["id"] == ID + slug)


def edge(data: dict, relation: str, source: str, target: str) -> dict:
    wanted = f"{relation}|{ID}{source}|{ID}{target}"
    return next(e for e in data["edges"] if e["id"] == wanted)


# --------------------------------------------------------------------------- the sample graph
#
# The sample corpus (tests/fixtures/sample/seeds/) as the graph page draws it:
#
#   works at   Tobias -> Quillon research division, Ines -> the same, Dana -> Brightwater   3
#   worked at  Mara -> Norrland vision team, Tobias -> Norrland AI Lab, Piet -> Quillon     3
#   left       each of the three completed moves leaves a job the page already shows as
#              "worked at", so no "left" line is drawn                                      0
#   left for   Mara -> her venture, Tobias -> the research division (Piet's: unknown)      2
#   announced  Ines -> Larkspur AI                                                          1
#   part of    vision team -> AI Lab -> Norrland Robotics; research division -> Quillon    3
#   invests in Quillon -> Larkspur, Brightwater -> Larkspur                                2
#   studied at Mara -> Lindqvist Institute of Technology                                   1
#                                                                                   total 15
# on 5 people and 9 organisations.


def test_sample_graph_has_every_person_and_organisation(graph_data: dict) -> None:
    kinds = [n["kind"] for n in graph_data["nodes"]]
    assert (kinds.count("person"), kinds.count("org")) == (5, 9)
    assert graph_data["counts"] == {"nodes": 14, "edges": 15}


def test_sample_graph_edges_by_relation(graph_data: dict) -> None:
    relations: dict[str, int] = {}
    for found in graph_data["edges"]:
        relations[found["relation"]] = relations.get(found["relation"], 0) + 1
    assert relations == {
        "works_at": 3,
        "worked_at": 3,
        "left_for": 2,
        "announced": 1,
        "part_of": 3,
        "invests_in": 2,
        "studied_at": 1,
    }


def test_a_left_line_is_drawn_only_without_a_worked_at_line() -> None:
    # Ann left Acme, where no job of hers is known: the "left" line is the only one between
    # them. Bo left Beta, where he worked: the "worked at" line shows it, with the move's date.
    ann, bo, acme, beta = (
        ID + slug for slug in ("person/ann", "person/bo", "org/acme", "org/beta")
    )
    facts = Facts(
        labels={ann: "Ann", bo: "Bo", acme: "Acme", beta: "Beta"},
        people=[ann, bo],
        org_classes={acme: "Company", beta: "Company"},
        moves=[
            Move("urn:m1", ann, "Ann", acme, None, None, "completed", ()),
            Move("urn:m2", bo, "Bo", beta, None, parse_stated_date("2024-05"), "completed", ()),
        ],
        person_org=[
            Relation(ann, "left", acme, ()),
            Relation(bo, "left", beta, ()),
            Relation(bo, "workedAt", beta, ()),
        ],
    )
    data = embedded_data(render_graph_page(facts))
    lines = sorted((e["relation"], e["from"][len(ID) :], e["to"][len(ID) :]) for e in data["edges"])
    assert lines == [("left", "person/ann", "org/acme"), ("worked_at", "person/bo", "org/beta")]
    bo_line = next(e for e in data["edges"] if e["relation"] == "worked_at")
    assert bo_line["tip"]["lines"] == ["Left: 2024-05"]


def test_people_and_organisations_have_distinct_shapes(graph_data: dict) -> None:
    assert node(graph_data, "person/tobias-wren")["shape"] == "dot"
    assert node(graph_data, "org/norrland")["shape"] == "square"  # Company
    assert node(graph_data, "org/norrland-vision")["shape"] == "diamond"  # Lab
    assert node(graph_data, "org/lindqvist-tech")["shape"] == "triangle"  # University
    assert node(graph_data, "org/mara-oyelaran-venture")["shape"] == "star"  # Startup
    assert node(graph_data, "org/larkspur-ai")["shape"] == "star"


def test_colours_follow_the_top_level_company(graph_data: dict) -> None:
    # Nodes per top-level organisation, its units and current staff counted: Quillon 4 (itself,
    # the research division, Tobias and Ines working there), Norrland 3 (itself and two
    # units), Brightwater 2 (with Dana); each gets a palette colour, the biggest first. The
    # single organisations share the neutral colour.
    quillon = node(graph_data, "org/quillon")["color"]
    norrland = node(graph_data, "org/norrland")["color"]
    assert (quillon, norrland) == ("#4e79a7", "#f28e2b")
    assert node(graph_data, "org/brightwater")["color"] == "#b07aa1"
    # The vision team -> the AI Lab -> Norrland Robotics.
    assert node(graph_data, "org/norrland-vision")["color"] == norrland
    # Tobias Wren and Ines Halvorsen work in Quillon's research division.
    assert node(graph_data, "person/tobias-wren")["color"] == quillon
    assert node(graph_data, "person/ines-halvorsen")["color"] == quillon
    assert node(graph_data, "org/larkspur-ai")["color"] == "#bab0ac"
    # Mara Oyelaran (her venture is a move, not a job) and Piet Okonkwo: no known employer.
    assert node(graph_data, "person/mara-oyelaran")["color"] == "#d9d9d9"
    assert node(graph_data, "person/piet-okonkwo")["color"] == "#d9d9d9"


def test_organisations_are_sized_by_connections(graph_data: dict) -> None:
    # Quillon's research division: Quillon (part of), Tobias (works at and left for: one
    # neighbour) and Ines (works at, announced) = 3. Norrland Robotics: its AI Lab only.
    division = node(graph_data, "org/quillon-research")
    assert "Connections on this page: 3" in division["tip"]["lines"]
    assert division["size"] == round(12 + 6 * 3**0.5, 1)
    assert node(graph_data, "org/norrland")["size"] == 18.0  # 12 + 6 * sqrt(1)


def test_node_tooltips_give_name_aliases_roles_and_groups(graph_data: dict) -> None:
    tip = node(graph_data, "person/tobias-wren")["tip"]
    assert tip == {
        "title": "Tobias Wren",
        "lines": [
            "Person",
            "Also known as: Toby Wren",
            "Works at: Quillon research division",
            "Worked at: Norrland AI Lab",
            "Left for (completed move): Quillon research division",
            "Roles: research scientist (Norrland AI Lab); principal scientist (Quillon research "
            "division)",
        ],
    }
    assert node(graph_data, "org/norrland-vision")["tip"]["lines"] == [
        "Lab, division or team",
        "Part of: Norrland AI Lab, which is part of Norrland Robotics",
        "Connections on this page: 2",
        "Also reported: several engineers from the vision team followed Mara Oyelaran "
        "(completed; size not stated)",
    ]
    assert (
        "Also known as: Norrland, Norrland Robotik"
        in node(graph_data, "org/norrland")["tip"]["lines"]
    )


def test_edge_tooltips_carry_quote_source_and_date(graph_data: dict) -> None:
    moved = edge(graph_data, "left_for", "person/tobias-wren", "org/quillon-research")
    assert moved["arrows"]["to"]["enabled"] is True
    assert moved["tip"]["lines"] == ["Date: 2024-03"]
    assert [(e["source"], e["quote"]) for e in moved["tip"]["evidence"]] == [
        (
            NORRLAND_ARTICLE,
            "The lab also lost Tobias Wren, a research scientist at the Norrland AI Lab since "
            "2019, who joined Quillon Systems' research division in March 2024.",
        ),
        (
            QUILLON_ARTICLE,
            "Quillon Systems has named Tobias Wren a principal scientist in its research division.",
        ),
        (QUILLON_ARTICLE, "Wren left the Norrland AI Lab for Quillon this spring."),
    ]
    # A job with a month-only start: shown, but it has no first day to filter by.
    head = edge(graph_data, "works_at", "person/ines-halvorsen", "org/quillon-research")
    assert head["tip"]["lines"] == ["Date: April (year not stated)"]
    assert head["since"] == ""
    assert [(e["quote"], e["note"]) for e in head["tip"]["evidence"]] == [
        (
            "Ines Halvorsen, head of the research division since April",
            "The article gives the month (April) but not the year.",
        )
    ]
    # The "worked at" line stands in for the hidden "left" line: the job's quote and the
    # move's, the job's start and the move's date.
    veteran = edge(graph_data, "worked_at", "person/tobias-wren", "org/norrland-ai")
    assert veteran["since"] == "2019-01-01"
    assert veteran["tip"]["lines"] == ["Date: 2019", "Left: 2024-03"]
    assert len(veteran["tip"]["evidence"]) == 1 + 3
    piet = edge(graph_data, "worked_at", "person/piet-okonkwo", "org/quillon")
    assert piet["since"] == "2020-06-01"
    assert piet["tip"]["lines"] == ["Date: 2020-06-01", "Left: 2023-11-20"]
    announced = edge(graph_data, "announced", "person/ines-halvorsen", "org/larkspur-ai")
    assert announced["arrows"]["to"]["enabled"] is True
    assert [e["quote"] for e in announced["tip"]["evidence"]] == [
        "Ines Halvorsen, head of the research division since April, is set to leave for Larkspur AI"
    ]


def test_page_has_legend_filters_search_and_date_control(graph_page: str) -> None:
    tags = Tags(graph_page).tags
    ids = {attrs.get("id") for _, attrs in tags}
    assert {"tg-search", "tg-company", "tg-asof", "tg-relations", "tg-network"} <= ids
    relations = [attrs["data-relation"] for tag, attrs in tags if "data-relation" in attrs]
    # Only the relations drawn (no "left"), in the legend's fixed order.
    assert relations == [
        "works_at",
        "worked_at",
        "left_for",
        "announced",
        "part_of",
        "invests_in",
        "studied_at",
    ]
    assert f'<option value="{ID}org/quillon">Quillon Systems</option>' in graph_page
    # Each dated line's date as stated, with the first day it counts from: Tobias at the AI
    # Lab from 2019, Piet at Quillon from 1 June 2020, Mara in the vision team from 2021,
    # Tobias's move in March 2024.
    assert embedded_data(graph_page)["dates"] == [
        ["2019-01-01", "2019 (year)"],
        ["2020-06-01", "2020-06-01"],
        ["2021-01-01", "2021 (year)"],
        ["2024-03-01", "2024-03 (month)"],
    ]
    # 15 lines, 4 dated: 11 undated lines, which the page counts beside its checkbox.
    assert "hide undated lines (11)" in graph_page
    assert "left for (completed move)</li>" in graph_page


def test_page_is_offline_and_self_contained(graph_page: str) -> None:
    tags = Tags(graph_page).tags
    assert [tag for tag, _ in tags if tag in ("link", "img", "iframe")] == []
    assert [attrs for _, attrs in tags if "src" in attrs or "href" in attrs] == []
    scripts = [attrs.get("type") for tag, attrs in tags if tag == "script"]
    assert scripts == ["application/json", "application/json", None, None]
    assert "bootstrap" not in graph_page.lower()
    for cdn in ("cdnjs.cloudflare.com", "cdn.jsdelivr.net", "unpkg.com"):
        assert cdn not in graph_page
    assert "default-src 'none'" in graph_page  # the browser itself refuses any fetch


def test_rendering_is_deterministic(sample_dataset: Dataset) -> None:
    facts = facts_of(sample_dataset)
    assert render_graph_page(facts) == render_graph_page(facts_of(sample_dataset))
    assert render_flows_page(facts) == render_flows_page(facts_of(sample_dataset))
    # The same triples added in the opposite order give the same bytes.
    reordered = Dataset(default_union=True)
    for quad in reversed(sorted(sample_dataset.quads((None, None, None, None)))):
        subject, predicate, obj, context = quad
        reordered.graph(getattr(context, "identifier", context)).add((subject, predicate, obj))
    assert render_graph_page(facts_of(reordered)) == render_graph_page(facts)


# --------------------------------------------------------------------------- flows
#
# The flows page embeds every move as index rows and counts in the browser (the browser tests
# check its tables against `talentgraph flows`). Sorted by person, the sample's moves are:
#   Ines Halvorsen  Quillon research division -> Larkspur AI   announced, undated
#   Mara Oyelaran   Norrland vision team -> her own venture    completed, undated
#   Piet Okonkwo    Quillon Systems -> unknown                 completed, 2023-11-20
#   Tobias Wren     Norrland AI Lab -> Quillon research div.   completed, 2024-03


def org_names(data: dict) -> list[str]:
    return [row[0] for row in data["orgs"]]


def test_flows_page_embeds_every_move(sample_facts: Facts) -> None:
    data = embedded_data(render_flows_page(sample_facts))
    names = org_names(data)
    moves = [
        [
            data["people"][person],
            names[origin],
            names[target] if target >= 0 else None,
            data["dates"][date][0] if date >= 0 else None,
            status,
        ]
        for person, origin, target, date, status in data["moves"]
    ]
    assert moves == [
        ["Ines Halvorsen", "Quillon research division", "Larkspur AI", None, 1],
        ["Mara Oyelaran", "Norrland vision team", "Mara Oyelaran's own venture (unnamed)", None, 0],
        ["Piet Okonkwo", "Quillon Systems", None, "2023-11-20", 0],
        ["Tobias Wren", "Norrland AI Lab", "Quillon research division", "2024-03", 0],
    ]
    assert data["counts"] == {"moves": 4, "people": 4, "organisations": 9, "sources": 3}
    assert data["level"] == "company"


def test_flows_page_periods_are_those_of_the_flows_command(sample_facts: Facts) -> None:
    data = embedded_data(render_flows_page(sample_facts))
    # Each date with its year, quarter and month period (graph.analysis.flows.period_of).
    assert data["dates"] == [
        ["2023-11-20", "2023", "2023-Q4", "2023-11"],
        ["2024-03", "2024", "2024-Q1", "2024-03"],
    ]
    # Ines's and Mara's moves have no date: "undated", last.
    assert data["periods"] == {
        "year": ["2023", "2024", "undated"],
        "quarter": ["2023-Q4", "2024-Q1", "undated"],
        "month": ["2023-11", "2024-03", "undated"],
    }


def test_flows_page_rolls_units_up_and_marks_ventures(sample_facts: Facts) -> None:
    data = embedded_data(render_flows_page(sample_facts))
    names = org_names(data)
    company = {name: names[row[1]] for name, row in zip(names, data["orgs"], strict=True)}
    assert company["Norrland vision team"] == company["Norrland AI Lab"] == "Norrland Robotics"
    assert company["Quillon research division"] == "Quillon Systems"
    assert company["Larkspur AI"] == "Larkspur AI"
    assert [row[0] for row in data["orgs"] if row[2]] == ["Mara Oyelaran's own venture (unnamed)"]
    # The two group departures, never counted: the vision team's and the division's (3).
    groups = [(names[origin], status) for origin, _, status in data["groups"]]
    assert sorted(groups) == [("Norrland vision team", 0), ("Quillon research division", 1)]


def test_flows_page_keeps_the_quotes_apart(sample_facts: Facts) -> None:
    page = render_flows_page(sample_facts)
    evidence = embedded_data(page, "tg-evidence")
    texts = evidence["texts"]
    tobias = [[texts[q] for q in quote] for quote in evidence["moves"][3]]
    # Tobias Wren's move: one quote from the Norrland article, two from the Quillon one, each
    # source cited with its publisher and date.
    assert [source for _, source, _ in tobias] == [
        f"{NORRLAND_ARTICLE}, 2024-05-17",
        f"{QUILLON_ARTICLE}, 2024-06",
        f"{QUILLON_ARTICLE}, 2024-06",
    ]
    assert tobias[2][0] == "Wren left the Norrland AI Lab for Quillon this spring."
    assert "quote" not in embedded_data(page)  # the main data holds no quote


def test_flows_page_is_offline_with_echarts_inlined(sample_facts: Facts) -> None:
    page = render_flows_page(sample_facts)
    tags = Tags(page).tags
    assert [attrs for _, attrs in tags if "src" in attrs or "href" in attrs] == []
    scripts = [attrs.get("type") for tag, attrs in tags if tag == "script"]
    assert scripts == ["application/json", "application/json", None, None]
    assert "Licensed to the Apache Software Foundation" in page  # ECharts's own header
    for cdn in ("cdnjs.cloudflare.com", "cdn.jsdelivr.net", "unpkg.com"):
        assert cdn not in page
    assert "default-src 'none'" in page
    vendor = resources.files("graph.present.html") / "assets" / "vendor"
    assert "Apache License" in (vendor / "echarts-LICENSE.txt").read_text(encoding="utf-8")
    assert (vendor / "echarts-NOTICE.txt").is_file()


def test_flows_page_controls(sample_facts: Facts) -> None:
    page = render_flows_page(sample_facts, level="unit")
    ids = {attrs.get("id") for _, attrs in Tags(page).tags}
    assert {"tg-by", "tg-period", "tg-status", "tg-level", "tg-find", "tg-time", "tg-sankey"} <= ids
    assert {"tg-balance", "tg-panel", "tg-apart", "tg-aggregated", "tg-add"} <= ids
    assert '<option value="unit" selected>unit</option>' in page
    assert embedded_data(page)["level"] == "unit"


def test_unknown_level_is_an_error(sample_facts: Facts) -> None:
    with pytest.raises(InputError, match="unknown level 'team'; use one of company, unit"):
        render_flows_page(sample_facts, level="team")


# --------------------------------------------------------------------------- injection


def test_pyvis_heading_is_unescaped_and_ours_is_escaped() -> None:
    stock = Network(heading=SCRIPT, cdn_resources="in_line").generate_html()
    assert f"<h1>{SCRIPT}</h1>" in stock  # pyvis 0.3.2: the heading goes in as raw HTML
    ours = render_graph_page(evil_facts(), title="Graph " + SCRIPT)
    assert SCRIPT not in ours
    assert "<h1>Graph &lt;script&gt;window.__pwned=&#39;script&#39;;" in ours


def test_pyvis_select_menu_ids_are_unescaped_and_ours_are_not() -> None:
    stock = Network(select_menu=True, cdn_resources="in_line")
    stock.add_node(str(EVIL_PERSON), label="x")
    assert f'<option value="{EVIL_PERSON}">' in stock.generate_html()  # raw id in the menu
    ours = render_graph_page(evil_facts())
    ids = {n["id"] for n in embedded_data(ours)["nodes"]}
    assert ids == {str(EVIL_PERSON), str(EVIL_FROM), str(EVIL_TO)}
    assert IMG not in ours
    assert SCRIPT not in ours


def test_pyvis_href_makes_titles_html_and_ours_never_does() -> None:
    stock = Network(cdn_resources="in_line")
    stock.add_node("a", title=LINK_TITLE)
    stock.add_node("b", title=IMG)
    html = stock.generate_html()
    # One title with "href" switches pyvis to a popup that assigns every title as HTML.
    assert "popup.innerHTML = nodeData[0].title" in html
    assets = resources.files("graph.present.html") / "assets"
    script = (assets / "page.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
        assert sink not in script
    ours = render_graph_page(evil_facts())
    quote = embedded_data(ours)["edges"][0]["tip"]["evidence"][0]
    assert quote["quote"] == "She said " + EVIL  # kept as text, shown with textContent


LINK_TITLE = 'see <a href="https://example.org">this</a>'


def test_every_text_in_the_evil_fixture_is_escaped() -> None:
    for page in (
        render_graph_page(evil_facts()),
        render_flows_page(evil_facts()),
    ):
        tags = [tag for tag, _ in Tags(page).tags]
        assert "img" not in tags and "a" not in tags
        assert tags.count("script") == 4
        handlers = [name for _, attrs in Tags(page).tags for name in attrs if name.startswith("on")]
        assert handlers == []
        for payload in (SCRIPT, IMG, LINK):
            assert payload not in page


# --------------------------------------------------------------------------- large graphs


def test_large_graph_keeps_organisations_and_the_most_connected_people() -> None:
    page = render_graph_page(facts_of(large_dataset()), node_budget=300)
    data = embedded_data(page)
    ids = {n["id"] for n in data["nodes"]}
    # 60 organisations + 240 people: the 150 people of degree 3 (i % 10 == 0), then the 90
    # degree-2 people with the lowest ids (1..99 without the multiples of 10).
    assert len(ids) == 300
    assert sum(n["kind"] == "org" for n in data["nodes"]) == 60
    assert ID + "person/p1490" in ids  # degree 3
    assert ID + "person/p0099" in ids and ID + "person/p0101" not in ids
    assert len(data["edges"]) == 150 * 3 + 90 * 2
    assert (
        "Shown: the 60 most connected organisations and the 240 people with the most links "
        "to them. Left out: 1,260 people, 0 organisations and 2,520 relations."
    ) in page
    options = embedded_data(page, "tg-options")
    assert options["physics"]["stabilization"]["iterations"] == STABILIZATION_LARGE == 150
    assert options["layout"] == {"randomSeed": 7, "improvedLayout": False}


def test_more_organisations_than_the_budget_share_it_with_people_linked_to_them() -> None:
    # 60 organisations and 1500 people in 40 nodes: the 20 organisations with the most links,
    # and 20 people who each have a link to one of them (none drawn alone).
    page = render_graph_page(facts_of(large_dataset()), node_budget=40)
    data = embedded_data(page)
    people = {n["id"] for n in data["nodes"] if n["kind"] == "person"}
    assert (len(data["nodes"]), len(people)) == (40, 20)
    assert people <= {edge["from"] for edge in data["edges"]}
    assert "Shown: the 20 most connected organisations and the 20 people" in page


def test_small_graph_has_no_notice(graph_page: str) -> None:
    assert 'class="notice"' not in graph_page


def test_node_budget_must_be_positive(sample_facts: Facts) -> None:
    with pytest.raises(RenderError, match="node budget must be at least 1, not 0"):
        render_graph_page(sample_facts, node_budget=0)


# --------------------------------------------------------------------------- writing, CLI


def test_write_html_writes_both_pages(sample_facts: Facts, tmp_path: Path) -> None:
    paths = write_html(sample_facts, tmp_path / "out", level="unit")
    assert paths == [tmp_path / "out" / "graph.html", tmp_path / "out" / "flows.html"]
    # Unit level: the vision team, Mara's venture, the AI Lab, the research division.
    assert embedded_data(paths[1].read_text())["level"] == "unit"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["flows.html", "graph.html"]


def test_write_html_reports_an_unwritable_folder(sample_facts: Facts, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(RenderError, match="cannot write the HTML pages"):
        write_html(sample_facts, blocker)


def test_cli_render(built_sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(built_sample)
    result = CliRunner().invoke(main, ["render", "--level", "unit"])
    assert result.exit_code == 0, result.output
    assert result.output == "wrote out/flows.html\nwrote out/graph.html\n"
    assert embedded_data(Path("out/flows.html").read_text())["level"] == "unit"


def test_cli_render_errors(in_sample: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["render", "--seeds", str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'missing'}: seeds folder not found\n"
    result = runner.invoke(main, ["render", "--level", "team"])
    assert result.exit_code == 2
    assert "'team' is not one of 'company', 'unit'" in result.output


def test_cli_render_help() -> None:
    result = CliRunner().invoke(main, ["render", "--help"])
    assert result.exit_code == 0
    for option in ("--seeds", "--out", "--level", "--node-budget"):
        assert option in result.output
    # Where click wraps the help is its business: compare the words.
    assert f"[default: {DEFAULT_NODE_BUDGET}; x>=1]" in " ".join(result.output.split())


def test_the_page_headers_count_with_thousands_separators_and_one_source(tmp_path):
    moves = [
        Move(f"urn:m{n}", f"urn:p{n}", f"P{n}", "urn:a", "urn:b", None, "completed", ())
        for n in range(1200)
    ]
    facts = Facts(
        labels={"urn:a": "A", "urn:b": "B"},
        people=[move.person for move in moves],
        org_classes={"urn:a": "Company", "urn:b": "Company"},
        moves=moves,
        publications={"urn:s": Publication("A source", None, None)},
    )
    graph_html, flows_html = (
        path.read_text(encoding="utf-8") for path in write_html(facts, tmp_path)
    )
    assert "1,200 completed moves, taken from 1 source. " in graph_html
    assert "1,200 moves of 1,200 named people and 0 group departures, from 1 source." in flows_html
