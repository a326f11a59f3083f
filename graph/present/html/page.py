"""One HTML page from a pyvis network: our escaping template, vis-network inlined, no network.

The pages are built with pyvis: a ``pyvis.network.Network`` holds the nodes, edges and
vis-network options. They are NOT rendered with pyvis's own template, which in pyvis 0.3.2
inserts the heading unescaped, inserts node ids unescaped when the select menu is on, turns
every tooltip into live HTML once any title contains "href", and loads Bootstrap from a CDN.
Our template (``assets/page.html.j2``) autoescapes every text, embeds the data as JSON (see
``graph.present.html.safety``), inlines vis-network from the pyvis wheel, and the page script
builds tooltips with ``textContent``. The same network always gives the same bytes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from jinja2 import Environment, PackageLoader, Template
from pyvis.network import Network

from graph.dates import describe_date
from graph.facts import Evidence, Facts
from graph.present.html.safety import asset_code, script_json, vis_network_code

# Fixed layout seed so the browser draws the same picture each time the page opens.
LAYOUT_SEED = 7
# Physics iterations before the first draw: plenty for small graphs, bounded for large ones.
STABILIZATION_SMALL = 1000
STABILIZATION_LARGE = 150
LARGE_GRAPH = 200


def vis_options(node_count: int) -> dict[str, Any]:
    """vis-network options: a fixed layout seed and a bounded physics stabilisation.

    The page script turns physics off once stabilisation ends, so the drawing stays still.

    >>> vis_options(5000)["physics"]["stabilization"]["iterations"]
    150
    >>> vis_options(30)["layout"]
    {'randomSeed': 7, 'improvedLayout': True}
    """
    large = node_count > LARGE_GRAPH
    return {
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": not large},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "springLength": 110,
                "avoidOverlap": 0.4,
            },
            "stabilization": {
                "enabled": True,
                "iterations": STABILIZATION_LARGE if large else STABILIZATION_SMALL,
                "updateInterval": 25,
                "fit": True,
            },
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "keyboard": False},
        "edges": {"smooth": False if large else {"type": "continuous"}},
    }


def fill_page(net: Network, **context: Any) -> str:
    """Fill the template with the network's data; every text is escaped by Jinja or JSON."""
    nodes, edges, _heading, _height, _width, _options_json = net.get_network_data()
    vis_js, vis_css = vis_network_code()
    data = {
        "page": context["page"],
        "nodes": nodes,
        "edges": edges,
        "dates": context["dates"],
        "counts": {"nodes": len(nodes), "edges": len(edges)},
    }
    return template("page.html.j2").render(
        data_json=script_json(data),
        options_json=script_json(net.options),
        vis_js=vis_js,
        vis_css=vis_css,
        page_js=asset_code("page.js"),
        page_css=asset_code("page.css"),
        **context,
    )


@functools.cache
def template(name: str) -> Template:
    """The page template ``name`` from the package's assets, loaded once."""
    environment = Environment(
        loader=PackageLoader("graph.present.html", "assets"),
        autoescape=True,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(name)


def citation(facts: Facts, source: str, title: str = "") -> tuple[str, str]:
    """How the pages cite a source: its title with the publisher, and its date as stated.

    A source the facts do not describe is cited by the ``title`` its quote gave, or its IRI.
    """
    publication = facts.publications.get(source)
    if publication is None:
        return title or source, ""
    title = publication.title
    if publication.publisher:
        title += f" ({publication.publisher})"
    return title, describe_date(publication.date)


def cited_sources(facts: Facts) -> list[str]:
    """Every source as the pages list them: ``title (publisher), date``, sorted."""
    cited = (citation(facts, source) for source in facts.publications)
    return sorted(f"{title}, {date}" if date else title for title, date in cited)


def quotes(facts: Facts, evidence: Iterable[Evidence]) -> list[dict[str, str]]:
    """Each quote once, as a tooltip shows it, ordered by source, quote and note."""
    shown = {
        (*citation(facts, item.source, item.title), item.quote, item.note) for item in evidence
    }
    return [
        {"quote": quote, "source": title, "date": date, "note": note}
        for title, date, quote, note in sorted(shown, key=lambda q: (q[0], q[2], q[3], q[1]))
    ]
