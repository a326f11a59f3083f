"""`talentgraph serve`: the front and the real Oxigraph server behind it over the sample's built
store, on a loopback port; what the front refuses, and that it keeps answering afterwards; a
server restarted when it dies, and one that follows the builds."""

from __future__ import annotations

import http.server
import os
import re
import signal
import socket
import subprocess
import sys
import threading
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
from graph.sparql.front import BackendPool, FrontServer, Refused
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
        policy = page.headers["Content-Security-Policy"]
        html = page.read().decode()
    assert "<title>Talent Graph SPARQL endpoint</title>" in html
    assert 'fetch("query"' in html  # its own endpoint, by a relative URL
    # Nothing from another site: the only absolute URLs are the namespaces in the sample query.
    urls = set(re.findall(r"\w+://[^\s\"'<>&]+", html))
    assert urls <= {
        "https://w3id.org/talentgraph/ontology#",
        "http://www.w3.org/2000/01/rdf-schema#",
    }
    assert "default-src 'none'" in policy
    assert "connect-src 'self'" in policy


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


def _serve(*options: str, cwd: Path | None = None) -> subprocess.Popen:
    """``talentgraph serve`` in a process of its own, its output unbuffered and readable."""
    return subprocess.Popen(
        [sys.executable, "-c", "from graph.cli import main; main()", "serve", *options],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_serve_command_stops_cleanly(sample_store: Path, stop_signal: signal.Signals) -> None:
    port = free_port()
    process = _serve("--store", str(sample_store), "--port", str(port))
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
    # The workspace is found from the current folder; its store is out/store.
    process = _serve("--port", str(port), cwd=built_sample)
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


ASK_PERSON = "PREFIX tg: <https://w3id.org/talentgraph/ontology#>\nASK { ?p a tg:Person }"
# Every quad of the sample against every other, four times over: far more than a second's work.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def _http(
    url: str,
    *,
    data: bytes | None = None,
    method: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], str]:
    """Status, headers and body of one request, error statuses included."""
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _form(query: str) -> bytes:
    return urllib.parse.urlencode({"query": query}).encode()


def _still_answers(endpoint: str) -> None:
    status, _, body = _http(endpoint, data=_form(ASK_PERSON), headers={"Accept": "text/csv"})
    assert (status, body) == (200, "true")


def test_service_is_refused_with_400_and_nothing_is_sent(endpoint: str) -> None:
    with socket.socket() as listener:  # a server of our own that would see any request
        listener.bind((HOST, 0))
        listener.listen()
        listener.settimeout(1)
        target = f"http://{HOST}:{listener.getsockname()[1]}/sparql"
        query = f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"
        status, _, body = _http(endpoint, data=_form(query))
        assert status == 400
        assert body == (
            "the query has a SERVICE clause, which would make this server send a request to "
            "another one; this endpoint refuses SERVICE\n"
        )
        with pytest.raises(TimeoutError):
            listener.accept()
    _still_answers(endpoint)


def test_allow_service_queries_another_endpoint(sample_store: Path, endpoint: str) -> None:
    nowhere = f"http://{HOST}:{free_port()}/query"
    with running_server(sample_store, port=free_port(), allow_service=True) as served:
        url = served.url + "query"
        query = (
            "PREFIX tg: <https://w3id.org/talentgraph/ontology#>\n"
            "PREFIX org: <https://w3id.org/talentgraph/id/org/>\n"
            f"SELECT ?o WHERE {{ SERVICE <{endpoint}> {{ org:norrland-ai tg:partOf ?o }} }}"
        )
        status, _, body = _http(url, data=_form(query), headers={"Accept": "text/csv"})
        assert (status, body) == (200, "o\r\nhttps://w3id.org/talentgraph/id/org/norrland\r\n")
        # A SERVICE that fails halfway: the server has already said 200; the front says 502.
        unreachable = f"SELECT * WHERE {{ SERVICE <{nowhere}> {{ ?s ?p ?o }} }}"
        status, _, body = _http(url, data=_form(unreachable))
        assert status == 502
        assert body.startswith("the query failed")
        _still_answers(url)


def test_a_query_past_the_timeout_gets_504_not_200(sample_store: Path) -> None:
    with running_server(sample_store, port=free_port(), timeout=1) as served:
        url = served.url + "query"
        status, _, body = _http(url, data=_form(ENDLESS), headers={"Accept": "text/csv"})
        assert status == 504
        assert body == (
            "the query ran longer than 1 s and was stopped; narrow it (a LIMIT, fewer patterns)\n"
        )
        # Also when the server had started streaming rows before the limit.
        streaming = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
        status, _, body = _http(url + "?" + urllib.parse.urlencode({"query": streaming}))
        assert status in (500, 504)  # 500: more than the front holds, before the limit
        _still_answers(url)


def _bad_requests(endpoint: str) -> list[tuple[str, dict, int, str]]:
    base = endpoint.removesuffix("query")
    query_header = {"Content-Type": "application/sparql-query"}
    return [
        (
            "a 2 MB query",
            {"data": b"ASK {}" + b" " * 2_000_000, "headers": query_header},
            413,
            "the request is larger than 1024 KiB; send a shorter query\n",
        ),
        (
            "no query",
            {"data": b"default-graph-uri=urn:x"},
            400,
            "no query: send one in the query parameter (GET or an HTML form POST), or as an "
            "application/sparql-query body\n",
        ),
        (
            "two queries",
            {"data": b"query=ASK{}&query=ASK{?s ?p ?o}"},
            400,
            "send exactly one query: a query parameter, or an application/sparql-query body\n",
        ),
        ("not UTF-8", {"data": b"ASK {\xff}", "headers": query_header}, 400, None),
        ("bad escapes", {"data": b"query=ASK%20%7B%FF%7D"}, 400, None),
        ("a syntax error", {"data": _form("ASK {")}, 400, None),
        (
            "an update by form",
            {"data": urllib.parse.urlencode({"update": "CLEAR ALL"}).encode()},
            403,
            "this endpoint is read-only: updates and Graph Store writes are refused\n",
        ),
        (
            "an update body",
            {
                "data": b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                "headers": {"Content-Type": "application/sparql-update"},
            },
            403,
            "this endpoint is read-only: updates and Graph Store writes are refused\n",
        ),
        (
            "a Graph Store delete",
            {"url": base + "store?default", "method": "DELETE"},
            403,
            "this endpoint is read-only: updates and Graph Store writes are refused\n",
        ),
        (
            "an unknown body type",
            {"data": b"ASK {}", "headers": {"Content-Type": "image/png"}},
            415,
            None,
        ),
        ("PUT on /query", {"data": b"ASK {}", "method": "PUT"}, 405, None),
        ("an unknown path", {"url": base + "etc/passwd"}, 404, None),
        (
            "nothing acceptable",
            {"data": _form("ASK {}"), "headers": {"Accept": "image/png"}},
            406,
            None,
        ),
    ]


def test_bad_requests_get_short_4xx_answers_and_the_server_keeps_serving(endpoint: str) -> None:
    for label, request, expected_status, expected_body in _bad_requests(endpoint):
        url = request.pop("url", endpoint)
        status, headers, body = _http(url, **request)
        assert status == expected_status, label
        assert headers["Content-Type"] == "text/plain; charset=utf-8", label
        assert body.endswith("\n") and len(body) <= 2001, label  # the parser's message, or less
        if expected_body is not None:
            assert body == expected_body, label
        _still_answers(endpoint)


def test_a_malformed_request_line_gets_400(endpoint: str) -> None:
    port = int(endpoint.rsplit(":", 1)[1].split("/")[0])
    with socket.create_connection((HOST, port), timeout=30) as raw:
        raw.sendall(b"\x00\x01 garbage\r\n\r\n")
        answer = raw.recv(4096).decode("latin-1")
    assert answer.startswith("HTTP/1.0 400 ")
    _still_answers(endpoint)


@pytest.mark.parametrize("length", ["-5", "many"])
def test_a_bad_content_length_gets_400_and_the_connection_closes(
    endpoint: str, length: str
) -> None:
    port = int(endpoint.rsplit(":", 1)[1].split("/")[0])
    with socket.create_connection((HOST, port), timeout=30) as raw:
        raw.sendall(
            f"POST /query HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/sparql-query\r\n"
            f"Content-Length: {length}\r\n\r\nASK {{}}".encode()
        )
        answer = b""
        while chunk := raw.recv(4096):  # read up to the close
            answer += chunk
    head, _, body = answer.decode("latin-1").partition("\r\n\r\n")
    assert head.split("\r\n")[0].split(" ")[1] == "400"
    assert body == f"bad Content-Length {length!r}\n"
    _still_answers(endpoint)


class _Cancelling(http.server.BaseHTTPRequestHandler):
    """A query server that cancels every query, as Oxigraph does at its own time limit."""

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        body = b"Query evaluation error: the operation was cancelled"
        self.send_response(500)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def front_before_a_cancelling_server() -> Iterator[tuple[str, int]]:
    """A front allowing one connection at a time, before a server that cancels every query."""
    backend = http.server.ThreadingHTTPServer((HOST, 0), _Cancelling)
    pool = BackendPool(2)
    pool.retarget((HOST, backend.server_address[1]))
    front = FrontServer((HOST, 0), pool=pool, timeout=30, max_connections=1)
    for server in (backend, front):
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield HOST, front.server_address[1]
    finally:
        for server in (front, backend):
            server.shutdown()
            server.server_close()


def test_a_query_the_server_cancelled_gets_504_not_200(front_before_a_cancelling_server) -> None:
    host, port = front_before_a_cancelling_server
    status, _, body = _http(f"http://{host}:{port}/query", data=_form(ASK_PERSON))
    assert (status, body) == (
        504,
        "the query ran longer than 30 s and was stopped; narrow it (a LIMIT, fewer patterns)\n",
    )


def test_connections_past_the_bound_get_503_at_once(front_before_a_cancelling_server) -> None:
    address = front_before_a_cancelling_server
    with socket.create_connection(address, timeout=30) as holding:
        holding.sendall(b"POST /query HTTP/1.1\r\n")  # and no more: its thread waits for it
        # The front accepts connections in the order they came: this one holds the only slot.
        with socket.create_connection(address, timeout=30) as second:
            answer = second.recv(4096).decode()
    assert answer.startswith("HTTP/1.0 503 Service Unavailable\r\n")
    assert "Retry-After: 1\r\n" in answer
    assert answer.endswith("\r\n\r\nthe endpoint is busy; try again in a second\n")


def test_a_busy_pool_answers_503_with_retry_after() -> None:
    pool = BackendPool(1)
    pool.retarget((HOST, 9))
    with pool.connection(wait=0.1), pytest.raises(Refused) as busy, pool.connection(wait=0.1):
        pass
    assert (busy.value.status, busy.value.retry_after) == (503, 1)


def test_a_killed_server_is_started_again(sample_store: Path) -> None:
    exits: list[int] = []
    with running_server(
        sample_store, port=free_port(), poll=0.2, on_restart=exits.append
    ) as served:
        url = served.url + "query"
        _still_answers(url)
        first = served.process
        assert first is not None
        first.kill()
        first.wait()
        deadline = time.monotonic() + 30
        while served.process in (first, None) and time.monotonic() < deadline:
            # Meanwhile the front keeps answering: 503 with Retry-After, never a reset.
            status, headers, _ = _http(url, data=_form(ASK_PERSON))
            assert status == 200 or (status == 503 and headers["Retry-After"] == "1")
            time.sleep(0.1)
        assert exits == [-signal.SIGKILL]
        _still_answers(url)
