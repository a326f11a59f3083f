"""The HTML pages in a real browser: Debian's Chromium driven by Playwright, network blocked.

Every request that is not ``file:`` is aborted and counted. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pyvis.network import Network

from conftest import (
    EVIL_FROM,
    EVIL_PERSON,
    EVIL_TO,
    IMG,
    SCRIPT,
    evil_facts,
    facts_of,
    large_dataset,
)
from graph.facts import Facts
from graph.present.html.flows_page import render_flows_page
from graph.present.html.graph_page import render_graph_page, write_html

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "needs Debian's Chromium at /usr/bin/chromium (apt-get install chromium chromium-driver)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="needs the playwright package (pip install -e '.[test]')"
)

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
ID = "https://w3id.org/talentgraph/id/"
SETTLE_TIMEOUT_MS = 120_000  # a ceiling for a busy machine, not a speed requirement


@dataclass
class Opened:
    """A page and what it did: requests it tried, console errors, dialogs it opened."""

    page: object
    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(sample_facts: Facts, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus's pages (tests/fixtures/sample/seeds/; counted in test_render.py)."""
    out = tmp_path_factory.mktemp("site")
    write_html(sample_facts, out)
    return out


def open_page(browser: object, path: Path, *, settled: bool = True) -> Opened:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    opened = Opened(page)

    def route(request_route: object) -> None:
        url = request_route.request.url
        if url.startswith("file:"):
            request_route.continue_()
        else:
            opened.external.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.on(
        "console", lambda message: message.type == "error" and opened.errors.append(message.text)
    )
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(path.as_uri())
    if settled:
        page.wait_for_selector(
            "body[data-settled=true]", state="attached", timeout=SETTLE_TIMEOUT_MS
        )
    return opened


def screenshot(opened: Opened, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / name))


def counts(opened: Opened) -> tuple[int, int, int, int]:
    """Nodes and edges shown (the filtered views) and held by the drawn network."""
    return tuple(
        opened.page.evaluate(
            "() => [talentGraph.nodesView.length, talentGraph.edgesView.length,"
            " Object.keys(talentGraph.network.body.nodes).length,"
            " talentGraph.network.body.nodeIndices.length]"
        )
    )


_POINT_JS = """([kind, id]) => {
    const network = talentGraph.network;
    const canvas = kind === "node"
        ? network.getPositions([id])[id]
        : network.body.edges[id].edgeType.getPoint(0.5);
    const point = network.canvasToDOM(canvas);
    const box = document.getElementById("tg-network").getBoundingClientRect();
    return {x: box.left + point.x, y: box.top + point.y};
}"""


def hover(opened: Opened, kind: str, item_id: str) -> str:
    """Move the mouse onto a node or an edge; return the tooltip's text."""
    page = opened.page
    corner = page.locator("#tg-network").bounding_box()
    page.mouse.move(corner["x"] + 3, corner["y"] + 3)  # an empty spot inside the drawing
    page.wait_for_selector("div.vis-tooltip", state="hidden")
    point = page.evaluate(_POINT_JS, [kind, item_id])
    page.mouse.move(point["x"], point["y"], steps=3)
    tooltip = page.wait_for_selector("div.vis-tooltip", state="visible")
    return tooltip.text_content()


def assert_clean(opened: Opened) -> None:
    assert opened.external == []
    assert opened.errors == []
    assert opened.dialogs == []


# --------------------------------------------------------------------------- the sample graph


def test_graph_page_draws_the_sample_graph(browser: object, site: Path) -> None:
    opened = open_page(browser, site / "graph.html")
    # 5 people + 9 organisations; 15 edges (see test_render.py for the count by relation).
    assert counts(opened) == (14, 15, 14, 14)
    assert opened.page.title() == "Talent Graph: who moves between AI labs"
    screenshot(opened, "graph.png")
    assert_clean(opened)


def test_graph_tooltips_show_aliases_roles_and_quotes(browser: object, site: Path) -> None:
    opened = open_page(browser, site / "graph.html")
    text = hover(opened, "node", ID + "person/tobias-wren")
    assert "Also known as: Toby Wren" in text
    assert "Roles: research scientist (Norrland AI Lab); principal scientist (Quillon" in text
    edge = f"works_at|{ID}person/ines-halvorsen|{ID}org/quillon-research"
    text = hover(opened, "edge", edge)
    assert "“Ines Halvorsen, head of the research division since April”" in text
    assert "— Quillon reshuffles its research division" in text
    assert "Date: April (year not stated)" in text
    screenshot(opened, "graph-tooltip.png")
    assert_clean(opened)


def test_graph_filters_search_and_date(browser: object, site: Path) -> None:
    opened = open_page(browser, site / "graph.html")
    page = opened.page
    page.uncheck("input[data-relation=works_at]")
    assert counts(opened)[:2] == (14, 12)  # the 3 "works at" edges are hidden
    page.check("input[data-relation=works_at]")

    page.select_option("#tg-company", ID + "org/quillon")
    # Quillon and its research division; what is one line away from them: Larkspur AI (an
    # investment), Tobias Wren, Ines Halvorsen, Piet Okonkwo; and the other places those three
    # are linked to: the Norrland AI Lab (Tobias worked there; Larkspur is already in).
    shown = page.evaluate("() => talentGraph.nodesView.getIds().map(id => id.split('/').pop())")
    assert sorted(shown) == [
        "ines-halvorsen",
        "larkspur-ai",
        "norrland-ai",
        "piet-okonkwo",
        "quillon",
        "quillon-research",
        "tobias-wren",
    ]
    page.select_option("#tg-company", "")
    assert counts(opened)[:2] == (14, 15)

    page.fill("#tg-asof", "0")  # the first dated line: 2019-01-01
    assert page.text_content("#tg-asof-label") == "2019-01-01"
    # Hidden: Piet at Quillon from 2020-06-01, Mara in the vision team from 2021, Tobias's
    # move in March 2024. Ines's job from "April" has no year: never hidden.
    assert counts(opened)[:2] == (14, 12)
    page.fill("#tg-asof", "4")
    assert page.text_content("#tg-asof-label") == "all dates"

    page.fill("#tg-search", "wren")
    page.press("#tg-search", "Enter")
    assert page.evaluate("() => talentGraph.network.getSelectedNodes()") == [
        ID + "person/tobias-wren"
    ]
    page.fill("#tg-search", "nobody at all")
    page.press("#tg-search", "Enter")
    assert page.text_content("#tg-search-status") == "Not found"
    assert_clean(opened)


def test_flows_page_draws_the_flows(browser: object, site: Path) -> None:
    opened = open_page(browser, site / "flows.html")
    # Norrland Robotics, Quillon Systems and Mara's venture; 2 arrows.
    assert counts(opened) == (3, 2, 3, 3)
    text = hover(opened, "edge", f"flow|{ID}org/norrland|{ID}org/quillon")
    assert "Norrland Robotics → Quillon Systems: 1 person" in text
    assert "Tobias Wren: Norrland AI Lab → Quillon research division, 2024-03" in text
    assert "“Wren left the Norrland AI Lab for Quillon this spring.”" in text
    screenshot(opened, "flows.png")
    assert_clean(opened)


# --------------------------------------------------------------------------- injection


def test_pyvis_injection_paths_run_in_a_real_browser(browser: object, tmp_path: Path) -> None:
    """The reproduction: stock pyvis 0.3.2 pages run the payloads (and try to reach a CDN)."""
    heading = Network(heading=SCRIPT, cdn_resources="in_line")
    heading.add_node("a")
    (tmp_path / "heading.html").write_text(heading.generate_html())
    opened = open_page(browser, tmp_path / "heading.html", settled=False)
    assert "script" in opened.dialogs
    assert any("cdn.jsdelivr.net" in url for url in opened.external)  # Bootstrap, even in_line

    titles = Network(cdn_resources="in_line")
    titles.toggle_physics(False)  # nodes stay where they are first drawn
    titles.add_node("a", title='see <a href="https://example.org">this</a>')
    titles.add_node("b", title=IMG)
    (tmp_path / "titles.html").write_text(titles.generate_html())
    opened = open_page(browser, tmp_path / "titles.html", settled=False)
    page = opened.page
    page.wait_for_function("() => typeof network !== 'undefined'")
    point = page.evaluate(
        "() => { const p = network.canvasToDOM(network.getPositions(['b']).b);"
        " const r = document.getElementById('mynetwork').getBoundingClientRect();"
        " return {x: r.left + p.x, y: r.top + p.y}; }"
    )
    page.mouse.move(point["x"], point["y"], steps=3)
    page.wait_for_function("() => window.__pwned === 'img'")
    assert "img" in opened.dialogs


@pytest.mark.parametrize("render", [render_graph_page, render_flows_page])
def test_injection_fixture_runs_nothing(browser: object, tmp_path: Path, render: object) -> None:
    path = tmp_path / "evil.html"
    path.write_text(render(evil_facts()))
    opened = open_page(browser, path)
    page = opened.page
    outside_tooltip = (
        "() => Array.from(document.querySelectorAll('*'))"
        ".filter(e => !e.closest('.vis-tooltip')).map(e => e.tagName).join(',')"
    )
    before = page.evaluate(outside_tooltip)
    texts = []
    if render is render_graph_page:
        texts.append(hover(opened, "node", str(EVIL_PERSON)))
        texts.append(hover(opened, "edge", f"left_for|{EVIL_PERSON}|{EVIL_TO}"))
    else:
        texts.append(hover(opened, "node", str(EVIL_FROM)))
        texts.append(hover(opened, "edge", f"flow|{EVIL_FROM}|{EVIL_TO}"))
    assert any(SCRIPT in text for text in texts)  # shown as text
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => document.querySelectorAll('img, iframe, a').length") == 0
    assert page.evaluate("() => document.scripts.length") == 4
    assert page.evaluate(outside_tooltip) == before  # no element appeared or vanished
    assert page.text_content("h1").startswith("Talent Graph")
    if render is render_graph_page:
        screenshot(opened, "injection.png")
    assert_clean(opened)


# --------------------------------------------------------------------------- large graphs


def test_large_graph_settles_within_its_budget(browser: object, tmp_path: Path) -> None:
    path = tmp_path / "large.html"
    path.write_text(render_graph_page(facts_of(large_dataset()), node_budget=300))
    opened = open_page(browser, path)
    shown_nodes, shown_edges, drawn, _ = counts(opened)
    assert shown_nodes == drawn == 300
    assert shown_edges == 630  # 150 people x 3 + 90 people x 2
    notice = opened.page.text_content(".notice")
    assert "Left out: 1260 people, 0 organisations and 2520 relations." in notice
    screenshot(opened, "large.png")
    assert_clean(opened)
