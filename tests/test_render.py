"""The HTML pages, read by parsing them (the browser tests are in test_render_browser.py)."""

from __future__ import annotations

from html.parser import HTMLParser
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
    evil_dataset,
    large_dataset,
)
from graph.cli import main
from graph.errors import InputError, RenderError
from graph.facts import load_facts
from graph.analysis.flows import talent_flows
from graph.present.html.page import STABILIZATION_LARGE
from graph.present.html.graph_page import DEFAULT_NODE_BUDGET, render_graph_page, write_html
from graph.present.html.flows_page import render_flows_page

ID = "https://w3id.org/talentgraph/id/"
TALENT_WAR = "Alibaba AI Lab: Talent War with Chinese Tech Rivals"


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
def graph_page(seed_dataset: Dataset) -> str:
    return render_graph_page(load_facts(seed_dataset))


@pytest.fixture(scope="module")
def graph_data(graph_page: str) -> dict:
    return embedded_data(graph_page)


def node(data: dict, slug: str) -> dict:
    return next(n for n in data["nodes"] if n["id"] == ID + slug)


def edge(data: dict, relation: str, source: str, target: str) -> dict:
    wanted = f"{relation}|{ID}{source}|{ID}{target}"
    return next(e for e in data["edges"] if e["id"] == wanted)


# --------------------------------------------------------------------------- the seed graph


def test_seed_graph_has_every_person_and_organisation(graph_data: dict) -> None:
    kinds = [n["kind"] for n in graph_data["nodes"]]
    # 7 people and 25 organisations in the seed registry.
    assert (kinds.count("person"), kinds.count("org")) == (7, 25)
    assert graph_data["counts"] == {"nodes": 32, "edges": 36}


def test_seed_graph_edges_by_relation(graph_data: dict) -> None:
    relations: dict[str, int] = {}
    for found in graph_data["edges"]:
        relations[found["relation"]] = relations.get(found["relation"], 0) + 1
    # Counted from the seeds: 9 partOf, 4 investsIn (Alibaba in Baichuan, MiniMax, Moonshot,
    # Zhipu), 5 current jobs (Zhou Chang holds two), 10 past jobs, 5 completed moves with a
    # destination, Zhou Chang's announced move, Zhou Chang at Peking University. One tg:left
    # pair has no workedAt pair beside it, so it is drawn: Yan Zhijie left Tongyi Lab.
    assert relations == {
        "part_of": 9,
        "invests_in": 4,
        "works_at": 5,
        "worked_at": 10,
        "left": 1,
        "left_for": 5,
        "announced": 1,
        "studied_at": 1,
    }


def test_people_and_organisations_have_distinct_shapes(graph_data: dict) -> None:
    assert node(graph_data, "person/bo-liefeng")["shape"] == "dot"
    assert node(graph_data, "org/alibaba-group")["shape"] == "square"
    assert node(graph_data, "org/qwen-team")["shape"] == "diamond"
    assert node(graph_data, "org/peking-university")["shape"] == "triangle"
    assert node(graph_data, "org/zhou-chang-venture")["shape"] == "star"


def test_colours_follow_the_top_level_company(graph_data: dict) -> None:
    alibaba = node(graph_data, "org/alibaba-group")["color"]
    # Tongyi speech lab -> Tongyi Lab -> Alibaba Group.
    assert node(graph_data, "org/tongyi-speech-lab")["color"] == alibaba
    # Zhou Chang works at Alibaba Group and at its cloud computing unit.
    assert node(graph_data, "person/zhou-chang")["color"] == alibaba
    # Bo Liefeng works at Hunyuan, part of Tencent.
    tencent = node(graph_data, "org/tencent")["color"]
    assert node(graph_data, "person/bo-liefeng")["color"] == tencent != alibaba
    # Lin Junyang has no known current employer.
    assert node(graph_data, "person/lin-junyang")["color"] == "#d9d9d9"


def test_organisations_are_sized_by_connections(graph_data: dict) -> None:
    # Alibaba Group: 4 investments, Tongyi Lab, Qwen team, the cloud computing unit, Yan Zhijie,
    # Zhou Chang = 9.
    alibaba = node(graph_data, "org/alibaba-group")
    assert "Connections on this page: 9" in alibaba["tip"]["lines"]
    assert alibaba["size"] > node(graph_data, "org/amazon")["size"]


def test_node_tooltips_give_name_aliases_and_roles(graph_data: dict) -> None:
    tip = node(graph_data, "person/yan-zhijie")["tip"]
    assert tip["title"] == "Yan Zhijie"
    assert "Also known as: Zhijie Yan" in tip["lines"]
    assert "Roles: foundational member (Damo Academy); head (Tongyi speech lab)" in tip["lines"]
    org_tip = node(graph_data, "org/tongyi-speech-lab")["tip"]
    assert "Part of: Tongyi Lab, which is part of Alibaba Group" in org_tip["lines"]


def test_edge_tooltips_carry_quote_source_and_date(graph_data: dict) -> None:
    moved = edge(graph_data, "left_for", "person/bo-liefeng", "org/tencent-hunyuan")
    assert moved["arrows"]["to"]["enabled"] is True
    assert moved["tip"]["evidence"] == [
        {
            "quote": "Bo Liefeng, who oversaw Tongyi\u2019s applied vision division with a "
            "background at both JD.com and Amazon.com, has now joined Tencent\u2019s Hunyuan "
            "AI model team.",
            "source": TALENT_WAR,
            "date": "",
            "note": "",
        }
    ]
    joined = edge(graph_data, "works_at", "person/yan-zhijie", "org/jd-explore-academy")
    assert "Date: February (year not stated)" in joined["tip"]["lines"]
    # The job's own quote only: the move's "he left shortly after ..." is about Tencent and
    # belongs on the "left for" edge.
    assert [(e["quote"], e["note"]) for e in joined["tip"]["evidence"]] == [
        (
            "He joined JD.com\u2019s Explore Academy in February",
            "The article gives the month (February) but not the year.",
        )
    ]
    moved_on = edge(graph_data, "left_for", "person/yan-zhijie", "org/jd-explore-academy")
    assert len(moved_on["tip"]["evidence"]) == 2
    veteran = edge(graph_data, "worked_at", "person/yan-zhijie", "org/alibaba-group")
    assert veteran["since"] == "2015-01-01"
    assert veteran["tip"]["lines"] == ["Date: 2015"]
    lin = edge(graph_data, "worked_at", "person/lin-junyang", "org/qwen-team")
    assert "Left: 2023-03-04" in lin["tip"]["lines"]


def test_page_has_legend_filters_search_and_date_control(graph_page: str) -> None:
    tags = Tags(graph_page).tags
    ids = {attrs.get("id") for _, attrs in tags}
    assert {"tg-search", "tg-company", "tg-asof", "tg-relations", "tg-network"} <= ids
    relations = [attrs["data-relation"] for tag, attrs in tags if "data-relation" in attrs]
    assert relations == [
        "works_at",
        "worked_at",
        "left",
        "left_for",
        "announced",
        "part_of",
        "invests_in",
        "studied_at",
    ]
    assert '<option value="https://w3id.org/talentgraph/id/org/tencent">Tencent</option>' in (
        graph_page
    )
    # Two dated facts in the seeds: Yan Zhijie at Alibaba since 2015, Zhou Chang since 2017.
    assert embedded_data(graph_page)["dates"] == ["2015-01-01", "2017-01-01"]
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


def test_rendering_is_deterministic(seed_dataset: Dataset) -> None:
    assert render_graph_page(load_facts(seed_dataset)) == render_graph_page(
        load_facts(seed_dataset)
    )
    assert render_flows_page(load_facts(seed_dataset)) == render_flows_page(
        load_facts(seed_dataset)
    )
    # The same triples added in the opposite order give the same bytes.
    reordered = Dataset(default_union=True)
    for quad in reversed(sorted(seed_dataset.quads((None, None, None, None)))):
        subject, predicate, obj, context = quad
        reordered.graph(getattr(context, "identifier", context)).add((subject, predicate, obj))
    assert render_graph_page(load_facts(reordered)) == render_graph_page(load_facts(seed_dataset))


# --------------------------------------------------------------------------- flows


def test_company_flows(seed_dataset: Dataset) -> None:
    data = embedded_data(render_flows_page(load_facts(seed_dataset), level="company"))
    flows = {(e["from"][len(ID) :], e["to"][len(ID) :]): e["label"] for e in data["edges"]}
    # Bo Liefeng (Tongyi applied vision -> Hunyuan) and Yan Zhijie (Tongyi Lab -> Tencent)
    # both go Alibaba Group -> Tencent; Yan then Tencent -> JD.com.
    assert flows == {
        ("org/alibaba-group", "org/tencent"): "2",
        ("org/tencent", "org/jd-com"): "1",
        ("org/bytedance", "org/yang-hongxia-venture"): "1",
        ("org/kuaishou", "org/fu-ruiji-venture"): "1",
    }
    colours = {n["id"][len(ID) :]: n["color"] for n in data["nodes"]}
    assert colours["org/alibaba-group"] == "#d62728"  # lost 2
    assert colours["org/tencent"] == "#2ca02c"  # joined 2, left 1
    tencent = next(n for n in data["nodes"] if n["id"] == ID + "org/tencent")
    assert tencent["tip"]["lines"] == [
        "Net: +1 (joined 2, left 1)",
        "Joined: Bo Liefeng, Yan Zhijie",
        "Left: Yan Zhijie",
    ]
    alibaba_tencent = next(e for e in data["edges"] if e["label"] == "2")
    assert alibaba_tencent["width"] > next(e for e in data["edges"] if e["label"] == "1")["width"]
    assert alibaba_tencent["tip"]["lines"] == [
        "Bo Liefeng: Tongyi applied vision division → Hunyuan AI model team",
        "Yan Zhijie: Tongyi Lab → Tencent",
    ]
    assert {e["source"] for e in alibaba_tencent["tip"]["evidence"]} == {TALENT_WAR}


def test_flows_page_counts_as_the_flows_command(seed_dataset: Dataset) -> None:
    page = render_flows_page(load_facts(seed_dataset))
    rows = BalanceRows(page).rows
    # The rows of `talentgraph flows --status completed`, in its order. Alibaba Group lost 3:
    # Bo Liefeng and Yan Zhijie to Tencent, and Lin Junyang to an unknown destination, which
    # counts as a loss though no arrow can point to it. The unnamed own ventures are no rows.
    assert rows == [
        ("Tencent", "2", "1", "+1"),
        ("JD.com", "1", "0", "+1"),
        ("ByteDance", "0", "1", "-1"),
        ("Kuaishou Technology", "0", "1", "-1"),
        ("Alibaba Group", "0", "3", "-3"),
    ]
    report = talent_flows(load_facts(seed_dataset), level="company", status="completed")
    assert rows == [
        (row.label, str(row.in_count), str(row.out_count), f"{row.net:+d}") for row in report.rows
    ]
    nodes = {n["id"][len(ID) :]: n for n in embedded_data(page)["nodes"]}
    assert nodes["org/alibaba-group"]["label"] == "Alibaba Group (-3)"
    assert nodes["org/alibaba-group"]["tip"]["lines"] == [
        "Net: -3 (joined 0, left 3)",
        "Left: Bo Liefeng, Lin Junyang, Yan Zhijie",
    ]
    # An own venture is drawn at the end of its arrow, with the person who left for it.
    assert nodes["org/fu-ruiji-venture"]["tip"]["lines"] == [
        "Net: +1 (joined 1, left 0)",
        "Joined: Fu Ruiji",
    ]


def test_flows_page_says_what_it_leaves_out(seed_dataset: Dataset) -> None:
    page = render_flows_page(load_facts(seed_dataset))
    # Lin Junyang's destination is unknown; Zhou Chang's move is announced; the Qwen group
    # departures are stated in two articles, the Tongyi Lab one in a third.
    assert (
        "Not drawn: 1 completed move(s) whose destination the articles do not name; "
        "1 announced move(s) not yet completed; 3 departure(s) of unnamed people, "
        "never counted as people."
    ) in page


def test_unit_flows_keep_the_units_named(seed_dataset: Dataset) -> None:
    data = embedded_data(render_flows_page(load_facts(seed_dataset), level="unit"))
    flows = {(e["from"][len(ID) :], e["to"][len(ID) :]) for e in data["edges"]}
    assert flows == {
        ("org/tongyi-applied-vision", "org/tencent-hunyuan"),
        ("org/tongyi-lab", "org/tencent"),
        ("org/tencent", "org/jd-explore-academy"),
        ("org/bytedance", "org/yang-hongxia-venture"),
        ("org/kuaishou", "org/fu-ruiji-venture"),
    }


def test_flows_count_moves_once_and_skip_moves_inside_a_company() -> None:
    from rdflib import Literal
    from rdflib.namespace import RDF, RDFS

    from graph.vocab import TG, entity_iri

    dataset = Dataset(default_union=True)
    person, big, unit, other = (
        entity_iri("person", "p"),
        entity_iri("org", "big"),
        entity_iri("org", "unit"),
        entity_iri("org", "other"),
    )
    dataset.add((person, RDF.type, TG.Person))
    dataset.add((person, RDFS.label, Literal("P")))
    for org in (big, unit, other):
        dataset.add((org, RDF.type, TG.Company))
    for name in ("a", "b"):  # the same moves stated by two sources
        source = dataset.graph(entity_iri("source", name))
        source.add((unit, TG.partOf, big))
        for slug, start, end in (("inside", big, unit), ("out", unit, other)):
            move = entity_iri("move", slug)
            source.add((move, RDF.type, TG.Move))
            source.add((move, TG.person, person))
            source.add((move, TG.fromOrg, start))
            source.add((move, TG.toOrg, end))
            source.add((move, TG.status, TG.Completed))
    page = render_flows_page(load_facts(dataset), level="company")
    edges = embedded_data(page)["edges"]
    # big -> unit is inside one company; unit -> other rolls up to big -> other, counted once.
    assert [(e["from"], e["to"], e["label"]) for e in edges] == [(str(big), str(other), "1")]
    assert "1 move(s) inside one company" in page
    unit_edges = embedded_data(render_flows_page(load_facts(dataset), level="unit"))["edges"]
    assert sorted((e["from"], e["to"]) for e in unit_edges) == [
        (str(big), str(unit)),
        (str(unit), str(other)),
    ]


def test_unknown_level_is_an_error(seed_dataset: Dataset) -> None:
    with pytest.raises(InputError, match="unknown level 'team'; use one of company, unit"):
        render_flows_page(load_facts(seed_dataset), level="team")


# --------------------------------------------------------------------------- injection


def test_pyvis_heading_is_unescaped_and_ours_is_escaped() -> None:
    stock = Network(heading=SCRIPT, cdn_resources="in_line").generate_html()
    assert f"<h1>{SCRIPT}</h1>" in stock  # pyvis 0.3.2: the heading goes in as raw HTML
    ours = render_graph_page(load_facts(evil_dataset()), title="Graph " + SCRIPT)
    assert SCRIPT not in ours
    assert "<h1>Graph &lt;script&gt;window.__pwned=&#39;script&#39;;" in ours


def test_pyvis_select_menu_ids_are_unescaped_and_ours_are_not() -> None:
    stock = Network(select_menu=True, cdn_resources="in_line")
    stock.add_node(str(EVIL_PERSON), label="x")
    assert f'<option value="{EVIL_PERSON}">' in stock.generate_html()  # raw id in the menu
    ours = render_graph_page(load_facts(evil_dataset()))
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
    script = (Path(__file__).parent.parent / "graph" / "assets" / "page.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write"):
        assert sink not in script
    ours = render_graph_page(load_facts(evil_dataset()))
    quote = embedded_data(ours)["edges"][0]["tip"]["evidence"][0]
    assert quote["quote"] == "She said " + EVIL  # kept as text, shown with textContent


LINK_TITLE = 'see <a href="https://example.org">this</a>'


def test_every_text_in_the_evil_fixture_is_escaped() -> None:
    for page in (
        render_graph_page(load_facts(evil_dataset())),
        render_flows_page(load_facts(evil_dataset())),
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
    page = render_graph_page(load_facts(large_dataset()), node_budget=300)
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
        "Shown: 60 organisations and the 240 most connected people (degree centrality). "
        "Left out: 1260 people, 0 organisations and 2520 relations."
    ) in page
    options = embedded_data(page, "tg-options")
    assert options["physics"]["stabilization"]["iterations"] == STABILIZATION_LARGE == 150
    assert options["layout"] == {"randomSeed": 7, "improvedLayout": False}


def test_small_graph_has_no_notice(graph_page: str) -> None:
    assert 'class="notice"' not in graph_page


def test_node_budget_must_be_positive(seed_dataset: Dataset) -> None:
    with pytest.raises(RenderError, match="node budget must be at least 1, not 0"):
        render_graph_page(load_facts(seed_dataset), node_budget=0)


# --------------------------------------------------------------------------- writing, CLI


def test_write_html_writes_both_pages(seed_dataset: Dataset, tmp_path: Path) -> None:
    paths = write_html(load_facts(seed_dataset), tmp_path / "out", level="unit")
    assert paths == [tmp_path / "out" / "graph.html", tmp_path / "out" / "flows.html"]
    assert embedded_data(paths[1].read_text())["counts"] == {"nodes": 9, "edges": 5}
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["flows.html", "graph.html"]


def test_write_html_reports_an_unwritable_folder(seed_dataset: Dataset, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(RenderError, match="cannot write the HTML pages"):
        write_html(load_facts(seed_dataset), blocker)


def test_cli_render(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["render", "--out", str(out), "--level", "unit"])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out / 'graph.html'}\nwrote {out / 'flows.html'}\n"
    assert embedded_data((out / "flows.html").read_text())["counts"]["edges"] == 5


def test_cli_render_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["render", "--seeds", str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert "Error: " in result.output and "folder not found" in result.output
    assert "Traceback" not in result.output
    result = runner.invoke(main, ["render", "--level", "team"])
    assert result.exit_code == 2
    assert "'team' is not one of 'company', 'unit'" in result.output


def test_cli_render_help() -> None:
    result = CliRunner().invoke(main, ["render", "--help"])
    assert result.exit_code == 0
    for option in ("--seeds", "--out", "--level", "--node-budget"):
        assert option in result.output
    assert f"[default:\n{' ' * 31}{DEFAULT_NODE_BUDGET}; x>=1]" in result.output
