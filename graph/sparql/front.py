"""The HTTP front of ``talentgraph serve``: what clients talk to, before the Oxigraph server.

The Oxigraph server answers SPARQL well but, on its own, spawns a thread for every connection (and
aborts when it cannot), runs ``SERVICE`` clauses (requests from this machine to any address a query
names), answers a query that timed out or failed halfway with status 200 and a truncated body, and
its page at ``/`` loads a prefix list from another site. The front fixes each of these:

- at most ``max_connections`` connections are handled at once (more get ``503`` with
  ``Retry-After``) and at most ``workers`` queries reach the server at once, over kept-alive
  connections (a query waits up to ``queue_seconds`` for one, then gets ``503``);
- requests are checked before they are forwarded: a body over ``MAX_BODY`` bytes gets ``413``, a
  malformed request ``400``, an update or a Graph Store write ``403``, a ``SERVICE`` clause ``400``
  unless ``allow_service``; every answer has a short plain-text body;
- the server is always asked for SPARQL JSON results or N-Triples, which the front parses before
  sending them on in the format the client accepts: a truncated answer does not parse, so a
  timed-out query gets ``504`` and any other failure ``502``, never ``200``;
- ``/`` is a small query page of its own that fetches nothing from anywhere else.

>>> negotiate("text/csv;q=0.9, application/sparql-results+json", RESULTS_MEDIA)
'application/sparql-results+json'
>>> negotiate("text/*", RESULTS_MEDIA)
'text/csv'
>>> negotiate("image/png", RESULTS_MEDIA) is None
True
"""

from __future__ import annotations

import base64
import hashlib
import html
import http.client
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pyoxigraph
from pyoxigraph import QueryResultsFormat, RdfFormat

from graph.sparql.query import turtle, uses_service

# A SPARQL query is text: a megabyte is far more than any hand-written or generated one needs.
MAX_BODY = 1024 * 1024
# The largest answer the front holds in memory while it checks it.
MAX_ANSWER = 64 * 1024 * 1024
DEFAULT_WORKERS = 8
DEFAULT_MAX_CONNECTIONS = 64
DEFAULT_QUEUE_SECONDS = 10.0
# Seconds a client has to send its request once connected (a slow sender holds a thread).
REQUEST_SECONDS = 20.0
# Parameters of the SPARQL 1.1 Protocol that a query request may carry and the front forwards.
FORWARDED = ("default-graph-uri", "named-graph-uri")
# What the front asks of the server: a form that does not parse when it was cut short.
BACKEND_ACCEPT = "application/sparql-results+json, application/n-triples"

RESULTS_MEDIA = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
GRAPH_MEDIA = {
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/turtle": RdfFormat.TURTLE,
    "application/rdf+xml": RdfFormat.RDF_XML,
    "application/n-quads": RdfFormat.N_QUADS,
    "application/trig": RdfFormat.TRIG,
    "application/ld+json": RdfFormat.JSON_LD,
}
READ_ONLY = "this endpoint is read-only: updates and Graph Store writes are refused\n"


class Refused(Exception):
    """A request the front answers itself with a 4xx or 5xx status and a short message."""

    def __init__(self, status: int, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


class BackendPool:
    """Kept-alive connections to the Oxigraph server, at most ``size`` in use at once.

    ``retarget`` points the pool at a restarted server (or at none while it restarts);
    connections to the previous one are closed as they come back.

    >>> pool = BackendPool(2)
    >>> with pool.connection(wait=0.1) as connection:
    ...     pass
    Traceback (most recent call last):
    ...
    graph.sparql.front.Refused: the query server is restarting; try again in a second
    """

    def __init__(self, size: int, *, timeout: float = 60.0) -> None:
        self._slots = threading.BoundedSemaphore(size)
        self._lock = threading.Lock()
        self._idle: list[tuple[int, http.client.HTTPConnection]] = []
        self._target: tuple[str, int] | None = None
        self._generation = 0
        self.timeout = timeout

    @property
    def generation(self) -> int:
        """Counts the servers the pool was pointed at."""
        return self._generation

    def retarget(self, address: tuple[str, int] | None) -> None:
        """Send new queries to the server at ``address`` (``None``: no server for now)."""
        with self._lock:
            self._target = address
            self._generation += 1
            stale, self._idle = self._idle, []
        for _, connection in stale:
            connection.close()

    @contextmanager
    def connection(
        self, *, wait: float = DEFAULT_QUEUE_SECONDS, fresh: bool = False
    ) -> Iterator[http.client.HTTPConnection]:
        """A connection to the server for one request; ``Refused`` (503) when none is free."""
        if not self._slots.acquire(timeout=wait):
            raise Refused(503, "the endpoint is busy; try again in a second", retry_after=1)
        try:
            with self._lock:
                target, generation = self._target, self._generation
                reused = None
                while self._idle and not fresh:
                    held_generation, candidate = self._idle.pop()
                    if held_generation == generation:
                        reused = candidate
                        break
                    candidate.close()
            if target is None:
                raise Refused(
                    503, "the query server is restarting; try again in a second", retry_after=1
                )
            connection = reused or http.client.HTTPConnection(*target, timeout=self.timeout)
            connection.reused = reused is not None  # type: ignore[attr-defined]
            connection.generation = generation  # type: ignore[attr-defined]
            try:
                yield connection
            except BaseException:
                connection.close()
                raise
            with self._lock:
                if generation == self._generation:
                    self._idle.append((generation, connection))
                    connection = None  # type: ignore[assignment]
            if connection is not None:
                connection.close()
        finally:
            self._slots.release()


def negotiate(accept: str | None, offered: dict[str, Any]) -> str | None:
    """The media type of ``offered`` that the ``Accept`` header prefers; the first offered one
    when there is no header; ``None`` when it accepts none of them."""
    if not accept or not accept.strip():
        return next(iter(offered))
    ranges = []
    for part in accept.split(","):
        media, *parameters = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranges.append((media.lower(), quality))
    best, best_quality = None, 0.0
    for media_type in offered:
        kind = media_type.split("/")[0]
        # The most specific range that matches decides (RFC 9110, 12.5.1).
        matches = [
            (2 if media_range == media_type else 1 if media_range != "*/*" else 0, quality)
            for media_range, quality in ranges
            if media_range in (media_type, f"{kind}/*", "*/*")
        ]
        if matches and max(matches)[1] > best_quality:
            best, best_quality = media_type, max(matches)[1]
    return best


class FrontServer(ThreadingHTTPServer):
    """The listening socket; each connection is handled in a thread, at most ``max_connections``."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(
        self,
        address: tuple[str, int],
        *,
        pool: BackendPool,
        allow_service: bool = False,
        timeout: float = 30.0,
        max_connections: int = DEFAULT_MAX_CONNECTIONS,
        queue_seconds: float = DEFAULT_QUEUE_SECONDS,
    ) -> None:
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.pool = pool
        self.allow_service = allow_service
        self.query_timeout = timeout
        self.queue_seconds = queue_seconds
        # Called with the pool's generation when a query there ran past the limit.
        self.on_timeout: Callable[[int], None] = lambda generation: None
        self._connections = threading.BoundedSemaphore(max_connections)
        super().__init__(address, FrontHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._connections.acquire(blocking=False):
            # Answered here, without a thread: the point is not to start one.
            with suppress(OSError):
                request.sendall(
                    b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain; "
                    b"charset=utf-8\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
                    b"the endpoint is busy; try again in a second\n"
                )
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._connections.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._connections.release()


class FrontHandler(BaseHTTPRequestHandler):
    """One request: the query page, a query (checked, forwarded, checked again) or a refusal."""

    server: FrontServer
    server_version = "TalentGraph"
    sys_version = ""
    # An answer always has a status line, also to a request line without a version.
    default_request_version = "HTTP/1.0"

    def version_string(self) -> str:
        return self.server_version

    timeout = REQUEST_SECONDS

    def log_message(self, format: str, *args: Any) -> None:
        pass  # no access log: a busy endpoint would fill the terminal

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # http.server's own errors (bad request line, headers too long, unknown method) in the
        # same short plain-text form as the front's.
        text = (message or self.responses.get(code, ("error",))[0]).lower()
        self._reply(code, text + "\n")

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def do_PUT(self) -> None:
        self._dispatch("PUT")

    def do_DELETE(self) -> None:
        self._dispatch("DELETE")

    def do_PATCH(self) -> None:
        self._dispatch("PATCH")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def do_OPTIONS(self) -> None:
        self._dispatch("OPTIONS")

    def _dispatch(self, method: str) -> None:
        try:
            path = urllib.parse.urlsplit(self.path).path
            if path in ("/update", "/store") and method not in ("GET", "HEAD"):
                self._read_body()
                raise Refused(403, READ_ONLY.rstrip("\n"))
            if path == "/" and method == "GET":
                self._reply(200, query_page(), "text/html; charset=utf-8", page_headers())
            elif path == "/query" and method in ("GET", "POST"):
                self._query(method)
            elif path == "/store" and method == "GET":
                self._graph_store()
            elif path in ("/", "/query", "/store", "/update"):
                self._read_body()
                raise Refused(405, f"{method} is not allowed here; send queries to /query")
            else:
                raise Refused(404, "not found; the SPARQL endpoint is /query, a query page is /")
        except Refused as refusal:
            headers = {"Retry-After": str(refusal.retry_after)} if refusal.retry_after else {}
            self._reply(refusal.status, refusal.message + "\n", headers=headers)
        except (ConnectionError, TimeoutError):
            self.close_connection = True  # the client went away or stalled; nobody to answer

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            raise Refused(411, "send the request with a Content-Length (chunked is not accepted)")
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            return b""
        try:
            length = int(length_text)
        except ValueError:
            length = -1
        if length < 0:
            self.close_connection = True
            raise Refused(400, f"bad Content-Length {length_text[:40]!r}")
        if length > MAX_BODY:
            # Read what was sent (up to a point), so that the client sees the answer rather
            # than a connection reset in the middle of its upload.
            remaining = length if length <= 32 * MAX_BODY else 0
            while remaining > 0:
                chunk = self.rfile.read(min(remaining, 65536))
                if not chunk:
                    break
                remaining -= len(chunk)
            self.close_connection = True
            raise Refused(
                413, f"the request is larger than {MAX_BODY // 1024} KiB; send a shorter query"
            )
        body = self.rfile.read(length)
        if len(body) < length:
            raise ConnectionError("the client sent less than its Content-Length")
        return body

    def _query(self, method: str) -> None:
        query, extra = self._query_parameters(method)
        if not self.server.allow_service and uses_service(query):
            raise Refused(
                400,
                "the query has a SERVICE clause, which would make this server send a request "
                "to another one; this endpoint refuses SERVICE",
            )
        results = negotiate(self.headers.get("Accept"), RESULTS_MEDIA)
        graph = negotiate(self.headers.get("Accept"), GRAPH_MEDIA)
        body = urllib.parse.urlencode([("query", query), *extra]).encode()
        status, media_type, answer = self._forward(body)
        if status != 200:
            self._backend_failure(status, answer)
        if media_type == "application/sparql-results+json":
            if results is None:
                raise Refused(
                    406,
                    "cannot answer in the accepted format; accept one of: "
                    + ", ".join(RESULTS_MEDIA),
                )
            output = _convert_results(answer, RESULTS_MEDIA[results], self.server.query_timeout)
            content_type = results
        elif media_type == "application/n-triples":
            if graph is None:
                raise Refused(
                    406,
                    "cannot answer in the accepted format; accept one of: "
                    + ", ".join(GRAPH_MEDIA),
                )
            output = _convert_graph(answer, GRAPH_MEDIA[graph], self.server.query_timeout)
            content_type = graph
        else:
            raise Refused(502, f"the query server answered in an unexpected format {media_type!r}")
        if content_type.startswith("text/") or content_type.endswith(("json", "xml", "triples")):
            content_type += "; charset=utf-8"
        self._reply(200, output, content_type)

    def _query_parameters(self, method: str) -> tuple[str, list[tuple[str, str]]]:
        """The query text and the other protocol parameters, from the URL and the body."""
        url_parameters = self._parse_form(urllib.parse.urlsplit(self.path).query)
        parameters = list(url_parameters)
        if method == "POST":
            body = self._read_body()
            media_type = self.headers.get_content_type()
            if media_type == "application/x-www-form-urlencoded":
                parameters += self._parse_form(self._text(body))
            elif media_type == "application/sparql-query":
                parameters.append(("query", self._text(body)))
            elif media_type == "application/sparql-update":
                raise Refused(403, READ_ONLY.rstrip("\n"))
            else:
                raise Refused(
                    415,
                    f"cannot read a {media_type} body; send application/sparql-query or an "
                    "HTML form (application/x-www-form-urlencoded) with a query field",
                )
        names = [name for name, _ in parameters]
        if "update" in names or "using-graph-uri" in names:
            raise Refused(403, READ_ONLY.rstrip("\n"))
        queries = [value for name, value in parameters if name == "query"]
        if len(queries) != 1:
            raise Refused(
                400,
                "send exactly one query: a query parameter, or an application/sparql-query body"
                if queries
                else "no query: send one in the query parameter (GET or an HTML form POST), "
                "or as an application/sparql-query body",
            )
        if not queries[0].strip():
            raise Refused(400, "the query is empty")
        extra = [(name, value) for name, value in parameters if name in FORWARDED]
        return queries[0], extra

    def _text(self, body: bytes) -> str:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(400, "the request is not UTF-8 text") from None

    def _parse_form(self, text: str) -> list[tuple[str, str]]:
        try:
            return urllib.parse.parse_qsl(
                text, keep_blank_values=True, errors="strict", max_num_fields=100
            )
        except (ValueError, UnicodeDecodeError):
            raise Refused(400, "malformed query parameters: at most 100, in UTF-8") from None

    def _forward(self, body: bytes) -> tuple[int, str, bytes]:
        """POST ``body`` to the server's /query; its status, media type and whole answer.

        The time limit is kept here: a query past it is answered 504 and the server is started
        anew (``FrontServer.on_timeout``), since the only way to stop a query in the Oxigraph
        server is to stop the server. (Its own ``--timeout-s`` keeps a thread asleep for the
        whole limit after every query, and under load runs out of threads.)
        """
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": BACKEND_ACCEPT,
        }
        pool = self.server.pool
        for attempt in (1, 2):
            with pool.connection(wait=self.server.queue_seconds, fresh=attempt == 2) as connection:
                generation = connection.generation  # type: ignore[attr-defined]
                deadline = time.monotonic() + self.server.query_timeout
                try:
                    connection.request("POST", "/query", body=body, headers=headers)
                    response = connection.getresponse()
                    chunks, size = [], 0
                    while chunk := response.read(65536):
                        chunks.append(chunk)
                        size += len(chunk)
                        if size > MAX_ANSWER:
                            connection.close()
                            raise Refused(
                                500,
                                f"the answer is larger than {MAX_ANSWER // 1024 // 1024} MB; "
                                "narrow the query or add a LIMIT",
                            )
                        if time.monotonic() > deadline:
                            raise TimeoutError
                    if response.will_close:
                        connection.close()
                    return response.status, response.headers.get_content_type(), b"".join(chunks)
                except TimeoutError:
                    connection.close()
                    self.server.on_timeout(generation)
                    raise Refused(504, self._too_long()) from None
                except (ConnectionError, http.client.HTTPException, OSError) as error:
                    connection.close()
                    # A kept-alive connection may have been closed by the server meanwhile, or
                    # the server restarted: one more try on a new connection tells that apart
                    # from a server that is down.
                    if attempt == 1 and (
                        getattr(connection, "reused", False) or pool.generation != generation
                    ):
                        continue
                    raise Refused(
                        503,
                        f"the query server is not answering ({error}); try again in a second",
                        retry_after=1,
                    ) from None
        raise AssertionError("unreachable")

    def _too_long(self) -> str:
        return (
            f"the query ran longer than {self.server.query_timeout:g} s and was stopped; "
            "narrow it (a LIMIT, fewer patterns)"
        )

    def _backend_failure(self, status: int, answer: bytes) -> None:
        detail = answer.decode("utf-8", "replace").strip()[:2000]
        if "cancelled" in detail:
            raise Refused(504, self._too_long())
        if 400 <= status < 500:
            raise Refused(status, detail or f"the query was refused ({status})")
        raise Refused(502, f"the query failed: {detail or status}")

    def _graph_store(self) -> None:
        """A Graph Store Protocol read (``GET /store?default``, ``?graph=IRI``), passed through."""
        query = urllib.parse.urlsplit(self.path).query
        accept = self.headers.get("Accept") or "application/n-triples"
        with self.server.pool.connection(wait=self.server.queue_seconds) as connection:
            try:
                connection.request("GET", "/store?" + query, headers={"Accept": accept})
                response = connection.getresponse()
                answer = response.read(MAX_ANSWER + 1)
            except (TimeoutError, ConnectionError, http.client.HTTPException, OSError):
                connection.close()
                raise Refused(
                    503, "the query server is not answering; try again", retry_after=1
                ) from None
            connection.close()
        if len(answer) > MAX_ANSWER:
            raise Refused(500, "the graph is too large to send; query it with a LIMIT instead")
        if response.status != 200:
            self._backend_failure(response.status, answer)
        self._reply(200, answer, response.headers.get("Content-Type", "application/n-triples"))

    def _reply(
        self,
        status: int,
        body: str | bytes,
        content_type: str = "text/plain; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        if self.command != "HEAD":
            self.wfile.write(data)


def _convert_results(answer: bytes, target: QueryResultsFormat, timeout: float) -> bytes:
    """SPARQL JSON results from the server in the client's format; a cut-short answer is refused."""
    try:
        results = pyoxigraph.parse_query_results(answer, QueryResultsFormat.JSON)
        return results.serialize(format=target) or b""
    except (SyntaxError, ValueError, OSError):
        raise _cut_short(answer, timeout) from None


def _convert_graph(answer: bytes, target: RdfFormat, timeout: float) -> bytes:
    """N-Triples from the server in the client's format; a cut-short answer is refused."""
    try:
        triples = [quad.triple for quad in pyoxigraph.parse(answer, RdfFormat.N_TRIPLES)]
    except (SyntaxError, ValueError, OSError):
        raise _cut_short(answer, timeout) from None
    if target == RdfFormat.TURTLE:
        return turtle(triples).encode("utf-8")
    return pyoxigraph.serialize(triples, format=target) or b""


def _cut_short(answer: bytes, timeout: float) -> Refused:
    # The Oxigraph server streams its answer: when the query fails halfway it has already sent
    # 200, and it ends the body with the error message.
    last_line = answer.rstrip().rsplit(b"\n", 1)[-1].decode("utf-8", "replace")[-500:]
    if "cancelled" in last_line:
        return Refused(
            504,
            f"the query ran longer than {timeout:g} s and was stopped; narrow it (a LIMIT, "
            "fewer patterns)",
        )
    return Refused(502, f"the query failed while answering: {last_line}")


PAGE_STYLE = """
body { font: 15px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
textarea { width: 100%; height: 14em; font: 13px/1.4 ui-monospace, monospace; }
table { border-collapse: collapse; margin-top: 1em; font-size: 13px; }
td, th { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }
pre { white-space: pre-wrap; }
#status { margin-left: 1em; color: #555; }
.error { color: #a00; }
"""

PAGE_SCRIPT = """
const form = document.getElementById("form");
const out = document.getElementById("results");
const status = document.getElementById("status");
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  out.replaceChildren();
  status.className = "";
  status.textContent = "running…";
  const started = performance.now();
  try {
    const response = await fetch("query", {
      method: "POST",
      headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.9"},
      body: new URLSearchParams({query: form.query.value}),
    });
    const text = await response.text();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {
      status.className = "error";
      status.textContent = response.status + " " + text;
      return;
    }
    if (!(response.headers.get("Content-Type") || "").includes("json")) {
      const pre = document.createElement("pre");
      pre.textContent = text;
      out.append(pre);
      status.textContent = "triples in " + seconds + " s";
      return;
    }
    const data = JSON.parse(text);
    if ("boolean" in data) {
      status.textContent = String(data.boolean) + " in " + seconds + " s";
      return;
    }
    const table = document.createElement("table");
    const head = table.insertRow();
    for (const name of data.head.vars) {
      const cell = document.createElement("th");
      cell.textContent = name;
      head.append(cell);
    }
    for (const binding of data.results.bindings) {
      const row = table.insertRow();
      for (const name of data.head.vars) {
        const term = binding[name];
        row.insertCell().textContent = term ? term.value : "";
      }
    }
    out.append(table);
    const count = data.results.bindings.length;
    status.textContent = count + (count === 1 ? " row" : " rows") + " in " + seconds + " s";
  } catch (error) {
    status.className = "error";
    status.textContent = String(error);
  }
});
"""

PAGE_QUERY = """\
PREFIX tg: <https://w3id.org/talentgraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?person ?name ?to WHERE {
  ?person tg:leftFor ?to ; rdfs:label ?name .
}
ORDER BY ?name
"""


@cache
def query_page() -> str:
    r"""The page at ``/``: a query form whose answer is shown below it, with no outside request.

    The only URLs in it are the namespaces of the sample query:

    >>> import re
    >>> sorted(set(re.findall(r"\w+://[^\s<>&]+", query_page())))
    ['http://www.w3.org/2000/01/rdf-schema#', 'https://w3id.org/talentgraph/ontology#']
    """
    return (
        "<!doctype html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n"
        "<title>Talent Graph SPARQL endpoint</title>\n"
        f"<style>{PAGE_STYLE}</style>\n</head>\n<body>\n"
        "<h1>Talent Graph SPARQL endpoint</h1>\n"
        "<p>Read-only. SPARQL 1.1 Protocol at <code>/query</code>; the default graph is the "
        "union of all sources.</p>\n"
        "<form id=form method=post action=query>\n"
        f"<textarea name=query spellcheck=false>{html.escape(PAGE_QUERY)}</textarea>\n"
        "<p><button type=submit>Run</button><span id=status></span></p>\n</form>\n"
        "<div id=results></div>\n"
        f"<script>{PAGE_SCRIPT}</script>\n</body>\n</html>\n"
    )


@cache
def page_headers() -> dict[str, str]:
    """A Content-Security-Policy that lets the page run its own script and talk to itself only."""

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    return {
        "Content-Security-Policy": (
            f"default-src 'none'; script-src {digest(PAGE_SCRIPT)}; "
            f"style-src {digest(PAGE_STYLE)}; connect-src 'self'; form-action 'self'; "
            "base-uri 'none'; frame-ancestors 'none'"
        )
    }
