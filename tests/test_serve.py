"""`talentgraph serve`: the real Oxigraph server over the sample's built store, on a loopback
port; and a server that follows the builds."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from conftest import HOST, free_port
from graph.build import build
from graph.cli import main
from graph.errors import EndpointError, QueryTimeout
from graph.sparql.query import format_answer, parse_bindings, run_query, saved_queries
from graph.sparql.serve import running_server

# Every test here starts an Oxigraph server.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def endpoint(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("log") / "oxigraph.log"
    port = free_port()
    with log.open("wb") as output, running_server(sample_store, port=port, output=output):
        yield f"http://{HOST}:{port}/query"


def test_sparqlwrapper_gets_the_same_rows_as_the_command_line(
    sample_store: Path, endpoint: str
) -> None:
    text = saved_queries()["net-flow"].text
    client = SPARQLWrapper(endpoint)
    # The predeclared prefixes are a convenience of `talentgraph query`; a client declares them.
    # SPARQLWrapper guesses the query type from keywords and takes the word "move" in the
    # comment lines for the MOVE update, so the comments are left out.
    text = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    client.setQuery(
        "PREFIX tg: <https://w3id.org/talentgraph/ontology#>\n"
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + text
    )
    client.setReturnFormat(JSON)
    remote = client.queryAndConvert()
    names, local_rows = run_query(text, store=sample_store).rows()
    assert remote["head"]["vars"] == names
    remote_rows = [
        tuple(binding[name]["value"] for name in names) for binding in remote["results"]["bindings"]
    ]
    assert remote_rows == [tuple(term.value for term in row) for row in local_rows]
    # Completed moves only: Norrland Robotics lost Mara Oyelaran and Tobias Wren.
    assert (
        "https://w3id.org/talentgraph/id/org/norrland",
        "Norrland Robotics",
        "0",
        "2",
        "-2",
    ) in (remote_rows)


def test_standard_accept_header_gets_w3c_csv(sample_store: Path, endpoint: str) -> None:
    text = "PREFIX tg: <https://w3id.org/talentgraph/ontology#>\n" + saved_queries()[
        "hierarchy"
    ].text.replace("rdfs:label", "<http://www.w3.org/2000/01/rdf-schema#label>")
    request = urllib.request.Request(
        endpoint + "?" + urllib.parse.urlencode({"query": text}), headers={"Accept": "text/csv"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Type"].startswith("text/csv")
        body = response.read().decode()
    assert body == format_answer(run_query(text, store=sample_store), "csv")
    client = SPARQLWrapper(endpoint, returnFormat=CSV)
    # SPARQLWrapper guesses the query type from keywords and takes the word "move" in the
    # comment lines for the MOVE update, so the comments are left out.
    text = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    client.setQuery(text)
    assert client.queryAndConvert().decode() == body


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_query_endpoint_prints_what_the_store_prints(
    sample_store: Path, endpoint: str, name: str
) -> None:
    args = ["query", "--name", name]
    if name == "career":
        args += ["--bind", "person=person:tobias-wren"]
    local = CliRunner().invoke(main, [*args, "--store", str(sample_store)])
    remote = CliRunner().invoke(main, [*args, "--endpoint", endpoint])
    assert (local.exit_code, remote.exit_code) == (0, 0)
    assert remote.output == local.output
    assert remote.output.count("\n") >= 3


def test_bind_on_an_endpoint_filters_like_on_the_store(sample_store: Path, endpoint: str) -> None:
    text = saved_queries()["who-left"].text
    bindings = parse_bindings(["org=org:norrland"])
    remote = run_query(text, endpoint=endpoint, bindings=bindings)
    local = run_query(text, store=sample_store, bindings=bindings)
    assert format_answer(remote) == format_answer(local)
    assert format_answer(remote).endswith("(2 rows)\n")  # Mara Oyelaran and Tobias Wren


def test_ask_and_construct_over_http(endpoint: str) -> None:
    ask = "ASK { person:tobias-wren tg:worksAt org:quillon-research }"
    assert format_answer(run_query(ask, endpoint=endpoint)) == "true\n"
    construct = run_query(
        "CONSTRUCT WHERE { org:quillon-research tg:partOf ?p }", endpoint=endpoint
    )
    # Two sources state it; the union repeats it, Turtle says it once.
    assert format_answer(construct).endswith("org:quillon-research tg:partOf org:quillon .\n")


def test_select_star_columns_in_query_order_over_http(endpoint: str) -> None:
    query = "SELECT * WHERE { ?who tg:worksAt ?employer } ORDER BY ?who"
    names, rows = run_query(query, endpoint=endpoint).rows()
    assert names == ["who", "employer"]
    assert len(rows) == 3  # Tobias, Ines and Dana


def test_updates_and_graph_store_writes_are_refused(endpoint: str) -> None:
    base = endpoint.removesuffix("query")
    update = urllib.request.Request(
        base + "update",
        data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        headers={"Content-Type": "application/sparql-update"},
    )
    put = urllib.request.Request(
        base + "store?default",
        data=b"<urn:a> <urn:b> <urn:c> .",
        method="PUT",
        headers={"Content-Type": "text/turtle"},
    )
    for request in (update, put):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=30)
        assert refused.value.code == 403
    ask = run_query("ASK { <urn:a> <urn:b> <urn:c> }", endpoint=endpoint)
    assert format_answer(ask) == "false\n"


def test_query_page_is_served_offline(endpoint: str) -> None:
    with urllib.request.urlopen(endpoint.removesuffix("query"), timeout=30) as page:
        html = page.read().decode()
    assert "<title>Oxigraph server</title>" in html
    assert 'src="./yasgui.min.js"' in html  # shipped by the server, no CDN


def test_allow_service_lets_a_local_query_call_an_endpoint(
    sample_store: Path, endpoint: str
) -> None:
    query = f"SELECT ?o WHERE {{ SERVICE <{endpoint}> {{ org:norrland-ai tg:partOf ?o }} }} LIMIT 1"
    _, rows = run_query(query, store=sample_store, allow_service=True).rows()
    assert [row[0].value for row in rows] == ["https://w3id.org/talentgraph/id/org/norrland"]


def test_a_taken_port_is_a_clear_error(sample_store: Path, endpoint: str) -> None:
    port = int(endpoint.rsplit(":", 1)[1].split("/")[0])
    with (
        pytest.raises(EndpointError, match="is the port taken"),
        running_server(sample_store, port=port, output=subprocess.DEVNULL),
    ):
        pass


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_serve_command_stops_cleanly(sample_store: Path, stop_signal: signal.Signals) -> None:
    port = free_port()
    serve = ["serve", "--store", str(sample_store), "--port", str(port)]
    process = subprocess.Popen(
        [sys.executable, "-c", "from graph.cli import main; main()", *serve],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        banner = process.stdout.readline()
        assert banner.startswith(f"Serving {sample_store} read-only at http://127.0.0.1:{port}/")
        answer = run_query("ASK { ?p a tg:Person }", endpoint=f"http://127.0.0.1:{port}/query")
        assert format_answer(answer) == "true\n"
        process.send_signal(stop_signal)
        out, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert out == "Server stopped.\n"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # the oxigraph child is gone: the port is free again
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) != 0:
                break
        time.sleep(0.1)
    else:
        pytest.fail("the server still listens after the command stopped")


NAME_OF_DANA = "SELECT ?name WHERE { person:dana-whitlock rdfs:label ?name }"


def _answer(url: str) -> str | None:
    """Dana Whitlock's name as the server gives it; ``None`` while it restarts."""
    try:
        _, rows = run_query(NAME_OF_DANA, endpoint=url, timeout=10).rows()
    except (EndpointError, QueryTimeout):
        return None
    return rows[0][0].value if rows else ""


def test_serve_answers_from_the_newest_build(built_sample: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/query"
    process = subprocess.Popen(
        [sys.executable, "-c", "from graph.cli import main; main()", "serve", "--port", str(port)],
        cwd=built_sample,  # the workspace is found from here; its store is out/store
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        banner = process.stdout.readline()
        assert banner.startswith(f"Serving out/store read-only at http://127.0.0.1:{port}/")
        assert _answer(url) == "Dana Whitlock"
        entities = built_sample / "seeds" / "entities.yaml"
        entities.write_text(
            entities.read_text().replace("label: Dana Whitlock", "label: Dana Whitlock-Ames"),
            encoding="utf-8",
        )
        build(seeds=built_sample / "seeds")  # publishes a new out/, store included
        # The server looks for a new store every second; a generous bound for a busy machine.
        deadline = time.monotonic() + 30
        answer = _answer(url)
        while answer != "Dana Whitlock-Ames" and time.monotonic() < deadline:
            time.sleep(0.2)
            answer = _answer(url)
        assert answer == "Dana Whitlock-Ames"
        reloaded = process.stdout.readline()
        assert reloaded == (
            f"A new build replaced out/store; now serving it at http://127.0.0.1:{port}/.\n"
        )
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert out == "Server stopped.\n"
