"""`talentgraph push`: round trips of the sample's store into a separately started, writable
Oxigraph server (slow: a server per test), and the password rules (no server needed)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
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


@pytest.mark.slow
def test_push_round_trips_every_graph(sample_store: Path, server: str) -> None:
    pushed = push_store(sample_store, server + "store")
    assert [graph.graph and graph.graph.rsplit("/", 1)[1] for graph in pushed] == [
        None,
        "larkspur-seed-round",
        "norrland-vision-exodus",
        "quillon-reshuffle",
    ]
    local = run_query(PER_GRAPH, store=sample_store)
    remote = run_query(PER_GRAPH, endpoint=server + "query")
    assert format_answer(remote, "csv") == format_answer(local, "csv")
    total = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert format_answer(run_query(total, endpoint=server + "query"), "csv") == (
        f"n\r\n{sum(graph.triples for graph in pushed)}\r\n"
    )


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_saved_queries_give_the_same_rows_after_push(
    sample_store: Path, server: str, name: str
) -> None:
    push_store(sample_store, server + "store")
    text = saved_queries()[name].text
    bindings = parse_bindings(["person=person:tobias-wren"] if name == "career" else [])
    local = run_query(text, store=sample_store, bindings=bindings)
    remote = run_query(text, endpoint=server + "query", bindings=bindings)
    assert format_answer(remote, "csv") == format_answer(local, "csv")


@pytest.mark.slow
def test_pushing_twice_replaces_instead_of_duplicating(sample_store: Path, server: str) -> None:
    first = push_store(sample_store, server + "store")
    push_store(sample_store, server + "store")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert format_answer(run_query(count, endpoint=server + "query"), "csv") == (
        f"n\r\n{sum(graph.triples for graph in first)}\r\n"
    )


@pytest.mark.slow
def test_default_graph_iri_sends_the_registry_as_a_named_graph(
    sample_store: Path, server: str
) -> None:
    pushed = push_store(
        sample_store, server + "store", default_graph_iri="urn:talentgraph:registry"
    )
    assert pushed[0].graph == "urn:talentgraph:registry"
    ask = "ASK { GRAPH <urn:talentgraph:registry> { person:tobias-wren rdfs:label ?name } }"
    assert format_answer(run_query(ask, endpoint=server + "query")) == "true\n"


@pytest.mark.slow
def test_cli_push(sample_store: Path, server: str) -> None:
    result = CliRunner().invoke(
        main, ["push", "--endpoint", server + "store", "--store", str(sample_store)]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith("triples  (default graph)")
    assert lines[1].endswith("triples  https://w3id.org/talentgraph/id/source/larkspur-seed-round")
    assert lines[-1].startswith("Pushed 4 graphs, ")  # the registry and three sources
    assert lines[-1].endswith(f"triples, to {server}store")


def test_push_to_nothing_is_a_clear_error(sample_store: Path) -> None:
    with pytest.raises(EndpointError, match="cannot reach the server"):
        push_store(sample_store, f"http://{HOST}:{free_port()}/store", timeout=5)
    result = CliRunner().invoke(
        main,
        ["push", "--endpoint", f"http://{HOST}:{free_port()}/store", "--store", str(sample_store)],
    )
    assert result.exit_code == 1
    assert result.output.startswith("Error: PUT http://127.0.0.1:")


def _push_command(store: Path, *, password: str | None) -> subprocess.CompletedProcess:
    """`talentgraph push --user u` with no terminal: stdin is /dev/null, as in a script."""
    env = {k: v for k, v in os.environ.items() if k != "TALENTGRAPH_PASSWORD"}
    if password is not None:
        env["TALENTGRAPH_PASSWORD"] = password
    endpoint = f"http://{HOST}:{free_port()}/store"  # nothing listens there
    push = ["push", "--endpoint", endpoint, "--user", "u", "--store", str(store), "--timeout", "5"]
    return subprocess.run(
        [sys.executable, "-c", "from graph.cli import main; main()", *push],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
    )


def test_push_without_a_terminal_or_a_password_says_how_to_give_one(sample_store: Path) -> None:
    result = _push_command(sample_store, password=None)
    assert result.returncode == 1
    # One Error line: no Python warning about echo, no "Aborted!", no prompt.
    assert (
        result.stderr == "Error: no password for u: set TALENTGRAPH_PASSWORD (or pass --password)\n"
    )
    assert result.stdout == ""


def test_push_reads_the_password_from_the_environment(sample_store: Path) -> None:
    result = _push_command(sample_store, password="secret")
    # With a password the push goes ahead, and fails only on reaching the (absent) server.
    assert result.returncode == 1
    assert result.stderr.startswith(f"Error: PUT http://{HOST}:")
    assert "no password" not in result.stderr


def test_a_server_that_hangs_up_is_a_clear_error(sample_store: Path, hang_up: str) -> None:
    with pytest.raises(EndpointError) as error:
        push_store(sample_store, hang_up + "store", timeout=10)
    assert str(error.value) == (
        f"PUT {hang_up}store?default: the connection failed (Remote end closed connection "
        "without response)"
    )


@pytest.mark.slow
def test_a_graph_larger_than_a_chunk_is_streamed_in_pieces(sample_store: Path, server: str) -> None:
    # Chunks of 50 triples: every graph of the sample takes several requests (PUT, then POSTs).
    pushed = push_store(sample_store, server + "store", chunk=50)
    assert max(graph.triples for graph in pushed) > 150
    local = run_query(PER_GRAPH, store=sample_store)
    remote = run_query(PER_GRAPH, endpoint=server + "query")
    assert format_answer(remote, "csv") == format_answer(local, "csv")
    whole = push_store(sample_store, server + "store")
    assert [(graph.graph, graph.triples) for graph in pushed] == [
        (graph.graph, graph.triples) for graph in whole
    ]


@pytest.mark.slow
def test_pushing_in_chunks_twice_replaces_instead_of_duplicating(
    sample_store: Path, server: str
) -> None:
    push_store(sample_store, server + "store", chunk=50)
    push_store(sample_store, server + "store", chunk=50)
    local = run_query(PER_GRAPH, store=sample_store)
    remote = run_query(PER_GRAPH, endpoint=server + "query")
    assert format_answer(remote, "csv") == format_answer(local, "csv")
