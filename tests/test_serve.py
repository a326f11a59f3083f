"""`talentgraph serve`: the real Oxigraph server over the built store, on a loopback port."""

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
from conftest import HOST, free_port
from SPARQLWrapper import CSV, JSON, SPARQLWrapper

from graph.cli import main
from graph.errors import EndpointError
from graph.sparql.query import format_answer, parse_bindings, run_query, saved_queries
from graph.sparql.serve import running_server


@pytest.fixture(scope="module")
def endpoint(store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("log") / "oxigraph.log"
    port = free_port()
    with log.open("wb") as output, running_server(store, port=port, output=output):
        yield f"http://{HOST}:{port}/query"


def test_sparqlwrapper_gets_the_same_rows_as_the_command_line(store: Path, endpoint: str) -> None:
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
    names, local_rows = run_query(text, store=store).rows()
    assert remote["head"]["vars"] == names
    remote_rows = [
        tuple(binding[name]["value"] for name in names) for binding in remote["results"]["bindings"]
    ]
    assert remote_rows == [tuple(term.value for term in row) for row in local_rows]
    assert (
        "https://w3id.org/talentgraph/id/org/alibaba-group",
        "Alibaba Group",
        "0",
        "3",
        "-3",
    ) in (remote_rows)


def test_standard_accept_header_gets_w3c_csv(store: Path, endpoint: str) -> None:
    text = "PREFIX tg: <https://w3id.org/talentgraph/ontology#>\n" + saved_queries()[
        "hierarchy"
    ].text.replace("rdfs:label", "<http://www.w3.org/2000/01/rdf-schema#label>")
    request = urllib.request.Request(
        endpoint + "?" + urllib.parse.urlencode({"query": text}), headers={"Accept": "text/csv"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Type"].startswith("text/csv")
        body = response.read().decode()
    assert body == format_answer(run_query(text, store=store), "csv")
    client = SPARQLWrapper(endpoint, returnFormat=CSV)
    # SPARQLWrapper guesses the query type from keywords and takes the word "move" in the
    # comment lines for the MOVE update, so the comments are left out.
    text = "\n".join(line for line in text.splitlines() if not line.startswith("#"))
    client.setQuery(text)
    assert client.queryAndConvert().decode() == body


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_query_endpoint_prints_what_the_store_prints(store: Path, endpoint: str, name: str) -> None:
    args = ["query", "--name", name]
    if name == "career":
        args += ["--bind", "person=person:lin-junyang"]
    local = CliRunner().invoke(main, [*args, "--store", str(store)])
    remote = CliRunner().invoke(main, [*args, "--endpoint", endpoint])
    assert (local.exit_code, remote.exit_code) == (0, 0)
    assert remote.output == local.output
    assert remote.output.count("\n") >= 3


def test_bind_on_an_endpoint_filters_like_on_the_store(store: Path, endpoint: str) -> None:
    text = saved_queries()["who-left"].text
    bindings = parse_bindings(["org=org:alibaba-group"])
    remote = run_query(text, endpoint=endpoint, bindings=bindings)
    local = run_query(text, store=store, bindings=bindings)
    assert format_answer(remote) == format_answer(local)
    assert format_answer(remote).endswith("(4 rows)\n")


def test_ask_and_construct_over_http(endpoint: str) -> None:
    ask = run_query("ASK { person:bo-liefeng tg:worksAt org:tencent-hunyuan }", endpoint=endpoint)
    assert format_answer(ask) == "true\n"
    construct = run_query("CONSTRUCT WHERE { org:qwen-team tg:partOf ?p }", endpoint=endpoint)
    # Three sources state it; the union repeats it, Turtle says it once.
    assert format_answer(construct).endswith("org:qwen-team tg:partOf org:alibaba-group .\n")


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


def test_allow_service_lets_a_local_query_call_an_endpoint(store: Path, endpoint: str) -> None:
    query = f"SELECT ?o WHERE {{ SERVICE <{endpoint}> {{ org:tongyi-lab tg:partOf ?o }} }} LIMIT 1"
    _, rows = run_query(query, store=store, allow_service=True).rows()
    assert [row[0].value for row in rows] == ["https://w3id.org/talentgraph/id/org/alibaba-group"]


def test_a_taken_port_is_a_clear_error(store: Path, endpoint: str) -> None:
    port = int(endpoint.rsplit(":", 1)[1].split("/")[0])
    with (
        pytest.raises(EndpointError, match="is the port taken"),
        running_server(store, port=port, output=subprocess.DEVNULL),
    ):
        pass


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_serve_command_stops_cleanly(store: Path, stop_signal: signal.Signals) -> None:
    port = free_port()
    serve = ["serve", "--store", str(store), "--port", str(port)]
    process = subprocess.Popen(
        [sys.executable, "-c", "from graph.cli import main; main()", *serve],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        banner = process.stdout.readline()
        assert banner.startswith(f"Serving {store} read-only at http://127.0.0.1:{port}/")
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
