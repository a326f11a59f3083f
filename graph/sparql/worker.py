"""The process that runs one local SPARQL query, so that a query past its time limit can be killed.

``graph.sparql.query.query_store`` runs this module (``python -P -m graph.sparql.worker``),
which imports only pyoxigraph: the ``graph`` and ``graph.sparql`` packages load nothing when
imported, and rdflib would cost more than the query. It reads a JSON request on stdin —
``{"store", "query", "hinted", "prefixes", "bindings"}``, the bindings as N-Triples terms and
``hinted`` the query with them stated for the planner (``graph.sparql.query.planner_hint``),
or null — and writes one tag byte and a payload on stdout: ``R`` and SPARQL JSON results, ``G``
and N-Triples, or ``E`` and an error message.

>>> request = {"store": "/no/such/store", "query": "ASK {}", "prefixes": {}, "bindings": {}}
>>> evaluate(request)[:1]
b'E'
"""

from __future__ import annotations

import json
import sys
from typing import Any

import pyoxigraph


def evaluate(request: dict) -> bytes:
    """Run the requested query on the read-only store; the tagged answer or error.

    The hinted query runs if there is one; should it fail, the query as written runs, so that
    an error names the user's own lines and columns.
    """
    if request.get("hinted"):
        answer = _evaluate(request, request["hinted"])
        if not answer.startswith(b"E"):
            return answer
    return _evaluate(request, request["query"])


def _evaluate(request: dict, query: str) -> bytes:
    try:
        store = pyoxigraph.Store.read_only(request["store"])
        substitutions: dict[pyoxigraph.Variable, Any] = {
            pyoxigraph.Variable(name): _term(text) for name, text in request["bindings"].items()
        }
        result = store.query(
            query,
            prefixes=request["prefixes"],
            use_default_graph_as_union=True,
            substitutions=substitutions,
        )
        if isinstance(result, pyoxigraph.QueryTriples):
            return b"G" + (result.serialize(format=pyoxigraph.RdfFormat.N_TRIPLES) or b"")
        return b"R" + (result.serialize(format=pyoxigraph.QueryResultsFormat.JSON) or b"")
    except SyntaxError as error:
        return f"ESPARQL syntax error: {error}".encode()
    except (OSError, RuntimeError, ValueError) as error:
        return f"Ethe query failed: {error}".encode()


def _term(ntriples: str) -> pyoxigraph.NamedNode | pyoxigraph.Literal:
    document = f"<urn:s> <urn:p> {ntriples} .".encode()
    return next(iter(pyoxigraph.parse(document, pyoxigraph.RdfFormat.N_TRIPLES))).object


if __name__ == "__main__":
    sys.stdout.buffer.write(evaluate(json.load(sys.stdin)))
