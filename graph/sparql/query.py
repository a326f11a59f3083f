"""SPARQL over the graph: on the embedded store, or on any SPARQL 1.1 endpoint.

``run_query`` returns an ``Answer`` (SELECT rows, an ASK boolean or CONSTRUCT/DESCRIBE triples)
held in a W3C format, and ``format_answer`` prints it as a table with prefixed names, as one of the
W3C SPARQL 1.1 results formats (CSV, TSV, JSON, XML), or as Turtle. The prefixes of
``graph.vocab.PREFIXES`` (``tg:``, ``person:``, ``org:``, ``rdfs:``, …) are predeclared.

Local queries run in a worker process (``python -m graph.sparql.worker``) that is killed when
the time limit passes: pyoxigraph has no timeout of its own, and a thread cannot be stopped, only
abandoned, so a runaway query in a thread would keep a core busy and hold the store for as long as
the program lives. The worker imports only pyoxigraph (about 0.1 s to start) and opens the store
read-only, so any number of them can run beside a server.

Local queries refuse ``SERVICE`` unless ``allow_service=True``: Oxigraph would otherwise send an
HTTP request to whatever IRI the query names.

>>> answer = Answer("results", b'{"head":{"vars":["org"]},"results":{"bindings":[{"org":'
...     b'{"type":"uri","value":"https://w3id.org/talentgraph/id/org/qwen-team"}}]}}')
>>> print(format_answer(answer, "table"), end="")
org
-------------
org:qwen-team
(1 row)
"""

from __future__ import annotations

import http.client
import json
import re
import subprocess
import sys
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal, TextIO

import pyoxigraph
from pyoxigraph import QueryResultsFormat, RdfFormat

from graph.errors import EndpointError, QueryError, QueryTimeout, ServiceRefused
from graph.present.inert import terminal_text
from graph.vocab import PREFIXES

FORMATS = ("table", "csv", "tsv", "json", "xml")
RESULTS_FORMATS = {
    "csv": QueryResultsFormat.CSV,
    "tsv": QueryResultsFormat.TSV,
    "json": QueryResultsFormat.JSON,
    "xml": QueryResultsFormat.XML,
}
DEFAULT_TIMEOUT = 30.0
# The module that runs one local query in its own process.
WORKER = "graph.sparql.worker"
# An argument that names a query file rather than holding SPARQL text.
QUERY_FILE = re.compile(r"[^\s{}]+\.(rq|sparql)")
SELECT_STAR = re.compile(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?\*", re.IGNORECASE)
# What a remote endpoint may answer: results for SELECT/ASK, a graph for CONSTRUCT/DESCRIBE.
ACCEPT = (
    "application/sparql-results+json, application/sparql-results+xml;q=0.9, "
    "application/n-triples;q=0.9, text/turtle;q=0.8, application/rdf+xml;q=0.5"
)
Term = pyoxigraph.NamedNode | pyoxigraph.Literal
# Datatypes that Turtle writes without naming them.
PLAIN = {
    pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#string"),
    pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"),
}


@dataclass(frozen=True)
class Answer:
    """What a query returned: SPARQL JSON results (SELECT, ASK) or N-Triples (CONSTRUCT)."""

    kind: Literal["results", "graph"]
    data: bytes

    def results(self) -> pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean:
        """The SELECT solutions or the ASK boolean (a fresh iterator at each call)."""
        if self.kind != "results":
            raise QueryError("a CONSTRUCT or DESCRIBE query returns triples, not results")
        return pyoxigraph.parse_query_results(self.data, QueryResultsFormat.JSON)

    def rows(self) -> tuple[list[str], list[tuple[Term | None, ...]]]:
        """The variable names and the rows of a SELECT (``None`` where unbound)."""
        solutions = self.results()
        if isinstance(solutions, pyoxigraph.QueryBoolean):
            raise QueryError("an ASK query returns true or false, not rows")
        names = [variable.value for variable in solutions.variables]
        return names, [tuple(solution[name] for name in names) for solution in solutions]

    def triples(self) -> list[pyoxigraph.Triple]:
        """The triples of a CONSTRUCT or DESCRIBE."""
        if self.kind != "graph":
            raise QueryError("a SELECT or ASK query returns results, not triples")
        return [quad.triple for quad in pyoxigraph.parse(self.data, RdfFormat.N_TRIPLES)]


@dataclass(frozen=True)
class SavedQuery:
    """A ``.rq`` file shipped in ``graph/sparql/queries/``; its first line is ``# description``."""

    name: str
    description: str
    text: str


def saved_queries() -> dict[str, SavedQuery]:
    """The saved queries by name, sorted.

    >>> "net-flow" in saved_queries()
    True
    """
    queries = {}
    for entry in sorted(resources.files("graph.sparql").joinpath("queries").iterdir(), key=str):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            description = text.partition("\n")[0].removeprefix("#").strip()
            name = entry.name.removesuffix(".rq")
            queries[name] = SavedQuery(name, description, text)
    return queries


def saved_query(name: str) -> SavedQuery:
    """The saved query called ``name``; an unknown name lists the known ones."""
    queries = saved_queries()
    if name not in queries:
        raise QueryError(
            f"no saved query named {name!r}; the saved queries are: " + ", ".join(queries)
        )
    return queries[name]


def read_query(
    argument: str | None, *, name: str | None = None, stdin: TextIO | None = None
) -> str:
    """The query text from a saved query ``name``, ``-`` (stdin), a file path or the text itself."""
    if name and argument:
        raise QueryError("give either a query or a saved query's name, not both")
    if name:
        return saved_query(name).text
    if not argument:
        raise QueryError(
            "no query given: give SPARQL text, a .rq file, - for standard input, or the name "
            "of a saved query"
        )
    if argument == "-":
        return (stdin or sys.stdin).read()
    path = Path(argument)
    if "\n" not in argument and len(argument) < 4096 and path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise QueryError(f"{path}: not UTF-8 text; re-save the file as UTF-8") from None
    if argument in saved_queries():
        raise QueryError(f"{argument!r} is the name of a saved query, not SPARQL; run it by name")
    if QUERY_FILE.fullmatch(argument):
        raise QueryError(f"{argument}: file not found")
    return argument


def parse_term(text: str) -> Term:
    """A value for ``--bind``: a prefixed name, an ``<IRI>``, a Turtle literal, or plain text.

    >>> parse_term("org:qwen-team")
    <NamedNode value=https://w3id.org/talentgraph/id/org/qwen-team>
    >>> parse_term('"阿里"@zh')
    <Literal value=阿里 language=zh>
    >>> parse_term("Lin Junyang")
    <Literal value=Lin Junyang datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>
    """
    prologue = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items())
    document = f"{prologue}<urn:s> <urn:p> {text} .".encode()
    try:
        quads = list(pyoxigraph.parse(document, RdfFormat.TURTLE))
    except SyntaxError:
        if re.fullmatch(r"[A-Za-z][\w.-]*:\S*", text):
            raise QueryError(
                f"binding {text!r}: unknown prefix; write full IRIs as <…>, "
                f"or use one of: {', '.join(PREFIXES)}"
            ) from None
        return pyoxigraph.Literal(text)
    if len(quads) != 1 or isinstance(quads[0].object, pyoxigraph.BlankNode):
        return pyoxigraph.Literal(text)
    return quads[0].object


def parse_bindings(pairs: list[str] | tuple[str, ...]) -> dict[str, Term]:
    """``["name=value", …]`` as a mapping of variable names to terms.

    >>> parse_bindings(["org=org:qwen-team"])
    {'org': <NamedNode value=https://w3id.org/talentgraph/id/org/qwen-team>}
    """
    bindings = {}
    for pair in pairs:
        name, equals, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not equals or not re.fullmatch(r"\w+", name):
            raise QueryError(f"binding {pair!r}: write NAME=VALUE, e.g. org=org:qwen-team")
        bindings[name] = parse_term(value.strip())
    return bindings


def run_query(
    query: str,
    *,
    store: str | Path | None = None,
    endpoint: str | None = None,
    bindings: Mapping[str, Term] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    allow_service: bool = False,
) -> Answer:
    """Run ``query`` on the store folder ``store`` or on a remote ``endpoint`` URL.

    ``bindings`` give variables a value: locally by substitution (SEP-0007), remotely by a
    trailing ``VALUES`` clause, which agrees with substitution for variables the query returns
    and does not aggregate away. ``timeout`` is in seconds (``None``: no limit); remotely it
    bounds each network wait. ``SERVICE`` is refused locally unless ``allow_service``.
    """
    if endpoint:
        return in_query_order(
            query_endpoint(query, endpoint, bindings=bindings, timeout=timeout), query
        )
    if store is None:
        raise QueryError("pass a store folder or an endpoint URL")
    if not allow_service and uses_service(query):
        raise ServiceRefused(
            "the query has a SERVICE clause, which would send an HTTP request to another "
            "server; SERVICE is refused unless allowed"
        )
    return in_query_order(query_store(query, store, bindings=bindings, timeout=timeout), query)


def query_store(
    query: str,
    store: str | Path,
    *,
    bindings: Mapping[str, Term] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Answer:
    """Run ``query`` on the store folder in a worker process, killed after ``timeout`` seconds.

    ``bindings`` are Oxigraph substitutions (SEP-0007), which its planner does not see; the
    worker runs the query with ``planner_hint`` first, so that a bound variable is where the
    plan starts.
    """
    values = {name: str(term) for name, term in (bindings or {}).items()}
    request = {
        "store": str(store),
        "query": query,
        "hinted": planner_hint(query, values),
        "prefixes": PREFIXES,
        "bindings": values,
    }
    # A module of the installed package, wherever it lives. -P: the current folder is not put
    # on sys.path, where its modules could shadow the package's.
    worker = subprocess.Popen(
        [sys.executable, "-P", "-m", WORKER],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        output, errors = worker.communicate(json.dumps(request).encode(), timeout=timeout)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.communicate()
        raise QueryTimeout(f"the query ran longer than {timeout:g} s and was stopped") from None
    tag, payload = output[:1], output[1:]
    if worker.returncode != 0 or tag not in (b"R", b"G", b"E"):
        detail = errors.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise QueryError(f"the query worker failed (exit code {worker.returncode}) {detail[0]}")
    if tag == b"E":
        raise QueryError(payload.decode("utf-8") + _pointer(query, payload.decode("utf-8")))
    return Answer("graph" if tag == b"G" else "results", payload)


def _pointer(query: str, message: str) -> str:
    """The query line that a syntax error names, with a caret under its column.

    >>> print(_pointer("ASK { ?s ?p }", "error at 1:13: expected ..."))
    <BLANKLINE>
      1 | ASK { ?s ?p }
        |             ^
    """
    position = re.search(r"error at (\d+):(\d+)", message)
    lines = query.splitlines()
    if not position or not 1 <= int(position[1]) <= len(lines):
        return ""
    number, column = int(position[1]), int(position[2])
    gutter = f"  {number} | "
    return f"\n{gutter}{lines[number - 1]}\n{' ' * (len(gutter) - 2)}| {' ' * (column - 1)}^"


def uses_service(query: str) -> bool:
    """Whether ``query`` has a ``SERVICE`` clause (comments, strings and IRIs do not count).

    >>> uses_service("SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT * { ?service ?p "SERVICE" } # SERVICE <x>')
    False
    """
    stripped = _code_only(query)
    return _keyword("SERVICE", stripped) is not None


def planner_hint(query: str, bindings: Mapping[str, str]) -> str | None:
    """``query`` with its bound values also stated first in its WHERE clause, or None.

    Oxigraph's planner does not see substituted values; it sees a ``VALUES`` block, and starts
    from the bound values instead of the pattern it guesses smallest (5 to 60 times faster on
    a large graph). ``bindings`` are N-Triples terms. The block changes no answer where it is
    made: a SELECT that names every bound variable in its projection (so that Oxigraph accepts
    or refuses the substitution alike) and in no expression (where a substituted variable
    stays unbound and the block would bind it), with no ``BOUND`` and no ``SERVICE``. Anything
    else gives None. The query as written and its code (strings, comments and IRIs blanked)
    are both checked, so that a misreading of either only loses the hint.

    >>> planner_hint("SELECT ?org ?p WHERE { ?p tg:worksAt ?org }", {"org": "<urn:x>"})
    'SELECT ?org ?p WHERE { VALUES (?org) { (<urn:x>) } ?p tg:worksAt ?org }'
    """
    code = _code_only(query)
    form = _keyword("(SELECT|ASK|CONSTRUCT|DESCRIBE)", code)
    if not bindings or not form or form.group(1).upper() != "SELECT" or SELECT_STAR.search(code):
        return None
    for text in (query, code):
        if re.search(r"\bBOUND\s*\(|\bSERVICE\s+(SILENT\s+)?([<?$]|\w*:)", text, re.I):
            return None
        depth = 0
        for match in re.finditer(r"[()]|[?$](\w+)", text):
            depth += {"(": 1, ")": -1}.get(match.group(), 0)
            if match.group(1) in bindings and depth != 0:
                return None
    depth = 0
    for match in re.finditer(r"[{}()]", code[form.end() :]):
        if match.group() == "{" and depth == 0:
            break
        depth += 1 if match.group() in "({" else -1
    else:
        return None
    group = form.end() + match.end()  # just inside the WHERE clause's group
    if not set(bindings) <= set(_VARIABLE.findall(code[form.end() : group])):
        return None
    return f"{query[:group]} {values_block(bindings)}{query[group:]}"


def values_block(bindings: Mapping[str, str]) -> str:
    """A one-row ``VALUES`` block of the N-Triples terms ``bindings``.

    >>> values_block({"org": "<urn:x>", "n": '"2"'})
    'VALUES (?org ?n) { (<urn:x> "2") }'
    """
    names, values = " ".join(f"?{name}" for name in bindings), " ".join(bindings.values())
    return f"VALUES ({names}) {{ ({values}) }}"


# A keyword, not a variable or a prefixed name that holds the word.
_KEYWORD = r"(?<![\w:?$.-]){}(?![\w:.-])"
# A variable, ?name or $name: its name.
_VARIABLE = re.compile(r"[?$](\w+)")


def _keyword(name: str, code: str) -> re.Match[str] | None:
    """The first ``name`` keyword of the SPARQL ``code`` (``_code_only`` of a query)."""
    return re.search(_KEYWORD.format(name), code, re.IGNORECASE)


def in_query_order(answer: Answer, query: str) -> Answer:
    """For ``SELECT *``, the columns in the order the query first names them.

    SPARQL leaves that order open and Oxigraph sorts the names; a reader expects the query's.

    >>> answer = Answer("results", b'{"head":{"vars":["a","z"]},"results":{"bindings":[]}}')
    >>> in_query_order(answer, "SELECT * { ?z ?p ?a }").data
    b'{"head":{"vars":["z","a"]},"results":{"bindings":[]}}'
    """
    code = _code_only(query)
    if answer.kind != "results" or not SELECT_STAR.search(code):
        return answer
    data = json.loads(answer.data)
    if "head" not in data or "vars" not in data["head"]:
        return answer
    named = list(dict.fromkeys(_VARIABLE.findall(code)))
    position = {name: index for index, name in enumerate(named)}
    data["head"]["vars"].sort(key=lambda name: position.get(name, len(position)))
    return Answer("results", json.dumps(data, separators=(",", ":")).encode())


def _code_only(query: str) -> str:
    """``query`` with its comments, strings, IRIs and the escapes of prefixed names (``e:a\\#b``)
    blanked out, each character a space."""
    return re.sub(
        r"""'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|\"\"\"(?:(?:"|"")?(?:[^"\\]|\\.))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>|\\[_~.\-!$&'()*+,;=/?#@%]|#[^\n]*""",
        lambda token: " " * len(token.group()),
        query,
        flags=re.DOTALL,
    )


def query_endpoint(
    query: str,
    endpoint: str,
    *,
    bindings: Mapping[str, Term] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Answer:
    """Run ``query`` on a SPARQL 1.1 Protocol endpoint (an HTML form POST, as every server takes).

    The predeclared prefixes the query does not declare itself are sent along.
    """
    declared = {match.lower() for match in re.findall(r"PREFIX\s+([\w.-]*):", query, re.I)}
    prologue = "".join(
        f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items() if prefix not in declared
    )
    text = prologue + query
    if bindings:
        text += f"\n{values_block({name: str(term) for name, term in bindings.items()})}\n"
    request = urllib.request.Request(
        endpoint,
        data=urllib.parse.urlencode({"query": text}).encode(),
        headers={"Accept": ACCEPT, "Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            media_type = response.headers.get("Content-Type", "")
            body = response.read()
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip()[:2000]
        raise EndpointError(f"{endpoint} answered {error.code} {error.reason}: {detail}") from None
    except TimeoutError:
        raise QueryTimeout(f"{endpoint} sent nothing for {timeout:g} s") from None
    except urllib.error.URLError as error:
        raise EndpointError(f"{endpoint}: cannot reach it ({error.reason})") from None
    except (ConnectionError, http.client.HTTPException) as error:
        # The server closed or reset the connection mid-answer (e.g. while restarting).
        raise EndpointError(f"{endpoint}: the connection failed ({error})") from None
    return _answer_from_response(body, media_type, endpoint)


def _answer_from_response(body: bytes, media_type: str, endpoint: str) -> Answer:
    results_format = QueryResultsFormat.from_media_type(media_type)
    if results_format is not None:
        results = pyoxigraph.parse_query_results(body, results_format)
        return Answer("results", results.serialize(format=QueryResultsFormat.JSON) or b"")
    rdf_format = RdfFormat.from_media_type(media_type)
    if rdf_format is not None:
        triples = [quad.triple for quad in pyoxigraph.parse(body, rdf_format)]
        return Answer("graph", pyoxigraph.serialize(triples, format=RdfFormat.N_TRIPLES) or b"")
    raise EndpointError(f"{endpoint} answered in an unexpected format: {media_type!r}")


def format_answer(answer: Answer, fmt: str = "table") -> str:
    """``answer`` as text: ``table``, or a W3C results format (``csv``, ``tsv``, ``json``,
    ``xml``) for SELECT and ASK; CONSTRUCT and DESCRIBE always give Turtle.

    >>> print(format_answer(Answer("results", b'{"head":{},"boolean":true}')), end="")
    true
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if answer.kind == "graph":
        if fmt != "table":
            raise QueryError(
                f"the {fmt} format is for SELECT and ASK; CONSTRUCT and DESCRIBE give Turtle"
            )
        return turtle(answer.triples())
    results = answer.results()
    if fmt != "table":
        text = (results.serialize(format=RESULTS_FORMATS[fmt]) or b"").decode("utf-8")
        # JSON and XML allow trailing white space; a final newline keeps the shell prompt apart.
        return text if text.endswith("\n") else text + "\n"
    if isinstance(results, pyoxigraph.QueryBoolean):
        return "true\n" if bool(results) else "false\n"
    names, rows = answer.rows()
    return table(names, [[short_name(term) for term in row] for row in rows])


def turtle(triples: list[pyoxigraph.Triple]) -> str:
    """``triples`` as Turtle, declaring only the predeclared prefixes it uses."""
    iris = {
        term.value
        for triple in triples
        for term in (triple.subject, triple.predicate, triple.object)
        if isinstance(term, pyoxigraph.NamedNode)
    } | {
        triple.object.datatype.value
        for triple in triples
        if isinstance(triple.object, pyoxigraph.Literal) and triple.object.datatype not in PLAIN
    }
    used = {p: ns for p, ns in PREFIXES.items() if any(iri.startswith(ns) for iri in iris)}
    return (pyoxigraph.serialize(triples, format=RdfFormat.TURTLE, prefixes=used) or b"").decode()


def short_name(term: Term | pyoxigraph.BlankNode | None) -> str:
    """A term as a person reads it: a prefixed name, an <IRI>, a literal's text, ``_:b``.

    >>> short_name(pyoxigraph.NamedNode("https://w3id.org/talentgraph/ontology#Move"))
    'tg:Move'
    """
    if term is None:
        return ""
    if isinstance(term, pyoxigraph.NamedNode):
        matches = [(ns, p) for p, ns in PREFIXES.items() if term.value.startswith(ns)]
        if matches:
            namespace, prefix = max(matches)
            return terminal_text(prefix + ":" + term.value[len(namespace) :])
        return terminal_text(f"<{term.value}>")
    if isinstance(term, pyoxigraph.Literal):
        return terminal_text(term.value).replace("\n", "⏎")
    return str(term)


def table(names: list[str], rows: list[list[str]]) -> str:
    """An aligned text table with a header and a row count (wide characters count double)."""
    widths = [
        max([_width(name), *(_width(row[i]) for row in rows)]) for i, name in enumerate(names)
    ]

    def line(cells: list[str]) -> str:
        padded = (
            cell + " " * (width - _width(cell)) for cell, width in zip(cells, widths, strict=True)
        )
        return "  ".join(padded).rstrip()

    lines = [line(names), "  ".join("-" * width for width in widths)]
    lines += [line(row) for row in rows]
    lines.append(f"({len(rows)} row{'' if len(rows) == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
