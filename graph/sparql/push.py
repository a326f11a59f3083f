"""Upload the built store to any SPARQL 1.1 Graph Store Protocol endpoint, one graph at a time.

Each graph is sent with ``PUT`` (it replaces that graph on the server, so pushing twice leaves one
copy) as Turtle, the one format every Graph Store endpoint accepts. A graph larger than
``chunk`` triples (an import's, which may hold millions) is streamed from the store in chunks:
the first is ``PUT``, the next ones ``POST``-ed (added to it), each as N-Triples, which is
Turtle, so memory stays flat whatever the graph's size. The named graphs go to
``<endpoint>?graph=<source IRI>``, the registry (the default graph) to ``<endpoint>?default``, or
to ``?graph=<default_graph_iri>`` for servers whose default graph is not writable or not part of
their union (Virtuoso, Fuseki with ``unionDefaultGraph``).

>>> graph_url("http://localhost:7878/store", "https://w3id.org/talentgraph/id/source/a")
'http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Ftalentgraph%2Fid%2Fsource%2Fa'
>>> graph_url("http://localhost:7878/store", None)
'http://localhost:7878/store?default'
"""

from __future__ import annotations

import http.client
import itertools
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from graph.errors import EndpointError
from graph.rdf.store import open_store
from graph.vocab import PREFIXES

CHUNK = 100_000  # triples per request when a graph is streamed
TURTLE = pyoxigraph.RdfFormat.TURTLE


@dataclass(frozen=True)
class PushedGraph:
    """One graph sent: its IRI on the server (``None`` for the default graph) and its size."""

    graph: str | None
    triples: int


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of ``graph`` (``None``: the default graph)."""
    separator = "&" if "?" in endpoint else "?"
    if graph is None:
        return f"{endpoint}{separator}default"
    return f"{endpoint}{separator}{urllib.parse.urlencode({'graph': graph})}"


def push_store(
    store: Path,
    endpoint: str,
    *,
    default_graph_iri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    timeout: float = 60,
    chunk: int = CHUNK,
) -> list[PushedGraph]:
    """``PUT`` every graph of ``store`` to the Graph Store endpoint; the graphs sent, in order.

    ``user``/``password`` answer an HTTP Basic or Digest challenge (Fuseki, Virtuoso's
    ``/sparql-graph-crud-auth``). A graph is sent in pieces of at most ``chunk`` triples.
    """
    opener = _opener(endpoint, user, password)
    source = open_store(store)
    graphs: list[pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.DefaultGraph] = [
        pyoxigraph.DefaultGraph(),
        *sorted(source.named_graphs(), key=str),
    ]
    pushed = []
    for graph in graphs:
        name = default_graph_iri if isinstance(graph, pyoxigraph.DefaultGraph) else graph.value
        url = graph_url(endpoint, name)
        quads = source.quads_for_pattern(None, None, None, graph)
        sent = 0
        while triples := [quad.triple for quad in itertools.islice(quads, chunk)]:
            if sent == 0 and len(triples) < chunk:  # the whole graph: readable Turtle
                body = pyoxigraph.serialize(triples, format=TURTLE, prefixes=PREFIXES)
            else:
                body = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
            _send(opener, "POST" if sent else "PUT", url, body or b"", timeout)
            sent += len(triples)
        if sent:
            pushed.append(PushedGraph(name, sent))
    return pushed


def _opener(endpoint: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    if not user:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, endpoint, user, password or "")
    return urllib.request.build_opener(
        urllib.request.HTTPBasicAuthHandler(passwords),
        urllib.request.HTTPDigestAuthHandler(passwords),
    )


def _send(
    opener: urllib.request.OpenerDirector, method: str, url: str, body: bytes, timeout: float
) -> None:
    request = urllib.request.Request(
        url, data=body, method=method, headers={"Content-Type": "text/turtle; charset=utf-8"}
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip()[:1000]
        raise EndpointError(
            f"{method} {url} answered {error.code} {error.reason}: {detail}"
        ) from None
    except urllib.error.URLError as error:
        raise EndpointError(f"{method} {url}: cannot reach the server ({error.reason})") from None
    except TimeoutError:
        raise EndpointError(f"{method} {url}: no answer within {timeout:g} s") from None
    except (ConnectionError, http.client.HTTPException) as error:
        # The server closed or reset the connection mid-answer.
        raise EndpointError(f"{method} {url}: the connection failed ({error})") from None
