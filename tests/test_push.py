"""`talentgraph push`: round trip into a separately started, writable Oxigraph server."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import HOST, free_port

from graph.cli import main
from graph.errors import EndpointError
from graph.sparql.push import push_store
from graph.sparql.query import format_answer, parse_bindings, run_query, saved_queries
from graph.sparql.serve import oxigraph_program, stop

# Triples per named graph (the registry, in the default graph, is in the total count).
PER_GRAPH = """SELECT ?graph (COUNT(*) AS ?triples)
               WHERE { GRAPH ?graph { ?s ?p ?o } }
               GROUP BY ?graph ORDER BY ?graph"""


@pytest.fixture
def server() -> Iterator[str]:
    """A writable, in-memory Oxigraph server, unrelated to the store, on a free loopback port."""
    port = free_port()
    process = subprocess.Popen(
        [oxigraph_program(), "serve", "--bind", f"{HOST}:{port}", "--union-default-graph"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(400):
            assert process.poll() is None, "the oxigraph server did not start"
            with socket.socket() as probe:
                if probe.connect_ex((HOST, port)) == 0:
                    break
            time.sleep(0.05)
        yield f"http://{HOST}:{port}/"
    finally:
        stop(process)


def test_push_round_trips_every_graph(store: Path, server: str) -> None:
    pushed = push_store(store, server + "store")
    assert [graph.graph and graph.graph.rsplit("/", 1)[1] for graph in pushed] == [
        None,
        "alibaba-loses-zhou-chang",
        "qwen-aftermath-open-source",
        "qwen-leadership-compliance",
        "technode-deepmind-invites-qwen",
        "tongyi-lab-talent-war",
    ]
    local = run_query(PER_GRAPH, store=store)
    remote = run_query(PER_GRAPH, endpoint=server + "query")
    assert format_answer(remote, "csv") == format_answer(local, "csv")
    total = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert format_answer(run_query(total, endpoint=server + "query"), "csv") == (
        f"n\r\n{sum(graph.triples for graph in pushed)}\r\n"
    )


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_saved_queries_give_the_same_rows_after_push(store: Path, server: str, name: str) -> None:
    push_store(store, server + "store")
    text = saved_queries()[name].text
    bindings = parse_bindings(["person=person:yan-zhijie"] if name == "career" else [])
    local = run_query(text, store=store, bindings=bindings)
    remote = run_query(text, endpoint=server + "query", bindings=bindings)
    assert format_answer(remote, "csv") == format_answer(local, "csv")


def test_pushing_twice_replaces_instead_of_duplicating(store: Path, server: str) -> None:
    first = push_store(store, server + "store")
    push_store(store, server + "store")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert format_answer(run_query(count, endpoint=server + "query"), "csv") == (
        f"n\r\n{sum(graph.triples for graph in first)}\r\n"
    )


def test_default_graph_iri_sends_the_registry_as_a_named_graph(store: Path, server: str) -> None:
    pushed = push_store(store, server + "store", default_graph_iri="urn:talentgraph:registry")
    assert pushed[0].graph == "urn:talentgraph:registry"
    ask = "ASK { GRAPH <urn:talentgraph:registry> { person:lin-junyang rdfs:label ?name } }"
    assert format_answer(run_query(ask, endpoint=server + "query")) == "true\n"


def test_cli_push(store: Path, server: str) -> None:
    result = CliRunner().invoke(
        main, ["push", "--endpoint", server + "store", "--store", str(store)]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith("triples  (default graph)")
    assert lines[1].endswith(
        "triples  https://w3id.org/talentgraph/id/source/alibaba-loses-zhou-chang"
    )
    assert lines[-1].startswith("Pushed 6 graphs, ")
    assert lines[-1].endswith(f"triples, to {server}store")


def test_push_to_nothing_is_a_clear_error(store: Path) -> None:
    with pytest.raises(EndpointError, match="cannot reach the server"):
        push_store(store, f"http://{HOST}:{free_port()}/store", timeout=5)
    result = CliRunner().invoke(
        main, ["push", "--endpoint", f"http://{HOST}:{free_port()}/store", "--store", str(store)]
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: PUT http://127.0.0.1:")
