"""SPARQL on the embedded store: the saved queries against rows worked out by hand on the sample
corpus, and `talentgraph query`."""

from __future__ import annotations

import csv
import io
import json
import types
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

import graph.rdf.store
from conftest import SAMPLE
from graph.cli import main
from graph.errors import EndpointError, NoBuildError, QueryError, QueryTimeout
from graph.rdf.serialize import write_nquads
from graph.rdf.store import open_store, store_dir, write_store
from graph.sparql.query import (
    format_answer,
    parse_bindings,
    planner_hint,
    run_query,
    saved_queries,
    short_name,
    uses_service,
)
from graph.sparql.worker import evaluate
from graph.vocab import PREFIXES

# Each saved query's expected rows on the sample corpus, worked out by hand (below) from
# tests/fixtures/sample/seeds/, not copied from the output.
EXPECTED = SAMPLE / "queries"

# Saved queries that take a parameter are checked with one value.
BINDINGS = {"career": {"person": "person:tobias-wren"}}

# How the expected rows were worked out from the sample's claims:
# - career (Tobias Wren): his two jobs, one quote each (Norrland AI Lab with "since 2019" as
#   its start date; Quillon's research division); his move, stated by both articles: one row
#   in norrland-vision-exodus, which dates it 2024-03, and one per quote (two) in
#   quillon-reshuffle, which gives no date = 5 rows.
# - fact-sources: the direct triples of each source. norrland-vision-exodus: Mara's workedAt,
#   left, leftFor, alumnusOf; Tobias's workedAt, left, leftFor; 3 partOf = 10 (the group
#   departure has none). quillon-reshuffle: partOf; Tobias's worksAt, left, leftFor; Piet's
#   workedAt and left (no leftFor: destination unknown); Ines's worksAt (her move is only
#   announced: no left); Quillon's investsIn = 8. larkspur-seed-round: investsIn and Dana's
#   worksAt = 2. 20 rows, by subject, predicate (alumnusOf < investsIn < left < leftFor <
#   partOf < workedAt < worksAt), object, source.
# - hierarchy: three units; the vision team's company is two levels up (Norrland Robotics);
#   the research division is stated by both articles but listed once.
# - investments: Brightwater and Quillon in Larkspur AI, each from its own article.
# - net-flow: completed moves only (Ines's is announced). Norrland loses Mara and Tobias (-2);
#   Quillon gains Tobias and loses Piet (0); Mara's venture, a top-level organisation of its
#   own, gains Mara (+1).
# - no-current-employer: Tobias, Ines and Dana have tg:worksAt; Mara left for her venture and
#   has not left it; Piet left Quillon for an unknown place: 1 row.
# - undated-moves: Mara's and Ines's (Tobias's is dated by one source, Piet's by its day).
# - who-joined: moves with a destination: Ines to Larkspur (1 row), Mara to her venture (1),
#   Tobias to the research division and so to Quillon (2) = 4.
# - who-left: a row per organisation left: Mara from the vision team, its lab and Norrland
#   (3), Tobias from the lab and Norrland (2), Piet from Quillon (1), Ines from the research
#   division and Quillon (2) = 8.


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_every_saved_query_has_expected_rows_and_a_description() -> None:
    queries = saved_queries()
    assert len(queries) >= 9
    assert sorted(queries) == sorted(path.stem for path in EXPECTED.glob("*.csv"))
    for saved in queries.values():
        assert saved.text.startswith("# ")
        assert saved.description and "\n" not in saved.description


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_saved_query_gives_its_expected_rows(sample_store: Path, name: str) -> None:
    bindings = parse_bindings([f"{k}={v}" for k, v in BINDINGS.get(name, {}).items()])
    answer = run_query(saved_queries()[name].text, store=sample_store, bindings=bindings)
    expected = (EXPECTED / f"{name}.csv").read_text(encoding="utf-8")
    assert csv_rows(format_answer(answer, "csv")) == csv_rows(expected)


def test_write_store_keeps_named_graphs_and_the_default_graph(sample_store: Path) -> None:
    opened = open_store(sample_store)
    graphs = sorted(graph.value.rsplit("/", 1)[1] for graph in opened.named_graphs())
    assert graphs == ["larkspur-seed-round", "norrland-vision-exodus", "quillon-reshuffle"]
    label = pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    tobias = pyoxigraph.NamedNode("https://w3id.org/talentgraph/id/person/tobias-wren")
    registry = list(opened.quads_for_pattern(tobias, label, None, pyoxigraph.DefaultGraph()))
    assert [quad.object.value for quad in registry] == ["Tobias Wren"]
    assert not list(sample_store.glob("LOG*")), "RocksDB's LOG records absolute paths"


def test_write_store_gives_the_same_quads_twice(sample_dataset, tmp_path: Path) -> None:
    stores = []
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        nquads = write_nquads(sample_dataset, [], tmp_path / name / "all.nq")
        stores.append(open_store(write_store(nquads, tmp_path / name)))
    first, second = stores
    assert len(first) == len(second) > 0
    assert sorted(map(str, first)) == sorted(map(str, second))


@pytest.mark.parametrize("larger", [False, True], ids=["below", "from"])
def test_write_store_compacts_a_large_store_only(
    sample_dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, larger: bool
) -> None:
    nquads = write_nquads(sample_dataset, [], tmp_path / "all.nq")
    size = nquads.stat().st_size
    monkeypatch.setattr(graph.rdf.store, "COMPACT_FROM", size + (0 if larger else 1))
    calls: list[str] = []

    class Recorded:  # pyoxigraph.Store, with the methods called on it recorded
        def __init__(self, path: str) -> None:
            self.store = pyoxigraph.Store(path)

        def __getattr__(self, name: str) -> object:
            calls.append(name)
            return getattr(self.store, name)

    fake = types.SimpleNamespace(Store=Recorded, RdfFormat=pyoxigraph.RdfFormat)
    monkeypatch.setattr(graph.rdf.store, "pyoxigraph", fake)
    store = write_store(nquads, tmp_path)
    assert calls[0] == "bulk_load"
    assert ("optimize" in calls) is larger
    monkeypatch.undo()
    assert len(open_store(store)) == nquads.read_text(encoding="utf-8").count("\n")


def test_union_default_graph_and_graph_clause(sample_store: Path) -> None:
    # Tobias Wren's departure is stated by two sources; the union sees it once per source.
    query = """SELECT ?source WHERE { GRAPH ?source { person:tobias-wren tg:left org:norrland-ai } }
               ORDER BY ?source"""
    _, rows = run_query(query, store=sample_store).rows()
    assert [row[0].value.rsplit("/", 1)[1] for row in rows] == [
        "norrland-vision-exodus",
        "quillon-reshuffle",
    ]
    ask = "ASK { person:tobias-wren rdfs:label ?n . person:tobias-wren tg:left org:norrland-ai }"
    assert bool(run_query(ask, store=sample_store).results()) is True


def test_bind_substitutes_a_variable(sample_store: Path) -> None:
    # Quillon lost Ines Halvorsen (announced, from its research division) and Piet Okonkwo.
    answer = run_query(
        saved_queries()["who-left"].text,
        store=sample_store,
        bindings=parse_bindings(["org=org:quillon"]),
    )
    _, rows = answer.rows()
    assert [row[1].value.rsplit("/", 1)[1] for row in rows] == ["ines-halvorsen", "piet-okonkwo"]


def test_parse_bindings() -> None:
    bindings = parse_bindings(["n=42", 'label="阿里"@zh', "?x=<urn:x>", "name=Lin Junyang"])
    assert str(bindings["n"]) == '"42"^^<http://www.w3.org/2001/XMLSchema#integer>'
    assert str(bindings["label"]) == '"阿里"@zh'
    assert str(bindings["x"]) == "<urn:x>"
    assert str(bindings["name"]) == '"Lin Junyang"'
    with pytest.raises(QueryError, match="NAME=VALUE"):
        parse_bindings(["novalue"])
    with pytest.raises(QueryError, match="unknown prefix"):
        parse_bindings(["org=orgz:qwen-team"])


def test_service_is_refused_unless_allowed(sample_store: Path) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryError, match="SERVICE"):
        run_query(query, store=sample_store)
    assert uses_service("select * { service silent ?endpoint { ?s ?p ?o } }")
    assert not uses_service('SELECT ?service { ?service ex:SERVICE "SERVICE" } # SERVICE <x>')
    assert not uses_service("SELECT * { <http://example.org/SERVICE> ?p ?o }")
    # An escaped '#' in a prefixed name, an IRI's \\u escape before a '#', an escaped quote in a
    # long string: none may hide a SERVICE as a comment or a string.
    assert uses_service("SELECT * { ?s ex:a\\#b ?o SERVICE <http://127.0.0.1:9/> { ?x ?y ?z } }")
    assert uses_service("SELECT * { ?s ?p <urn:o\\u0041#x> . SERVICE <http://h/> { ?s ?p ?o } }")
    assert uses_service("SELECT * { ?s ?p '''a\\'''' . SERVICE <http://h/> { ?s ?p 'x' } }")


def test_timeout_stops_a_runaway_query(sample_store: Path) -> None:
    # Four copies of every triple joined: (500 and more)^4, tens of billions of solutions.
    # The worker is killed at the limit; a query that finished would raise nothing.
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with pytest.raises(QueryTimeout, match="ran longer than 1 s and was stopped"):
        run_query(query, store=sample_store, timeout=1)


def test_missing_store_says_no_graph_was_built(tmp_path: Path) -> None:
    with pytest.raises(NoBuildError) as error:
        store_dir(out=tmp_path)
    # The library names no command; the command line adds "run `talentgraph build` first".
    assert str(error.value) == (
        f"{tmp_path}: no built graph here (no Oxigraph store in {tmp_path / 'store'})"
    )


def test_select_star_keeps_the_query_order_of_columns(sample_store: Path) -> None:
    # Oxigraph sorts the names (employer, who); the reader wrote ?who first.
    query = "SELECT * WHERE { ?who tg:worksAt ?employer } ORDER BY ?who"
    names, rows = run_query(query, store=sample_store).rows()
    assert names == ["who", "employer"]
    assert [row[0].value.rsplit("/", 1)[1] for row in rows] == [
        "dana-whitlock",
        "ines-halvorsen",
        "tobias-wren",
    ]


# The command line, as a user sees it.


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


def test_cli_list_shows_one_query_a_line() -> None:
    result = run("query", "--list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(saved_queries())
    assert any(
        line.startswith("net-flow ") and "Net flow of people per company" in line for line in lines
    )


def test_cli_table_uses_prefixed_names(in_sample: Path) -> None:
    result = run("query", "--name", "investments")  # the store of the workspace's build
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.output == (
        "investor         investee         source\n"
        "---------------  ---------------  --------------------------\n"
        "org:brightwater  org:larkspur-ai  source:larkspur-seed-round\n"
        "org:quillon      org:larkspur-ai  source:quillon-reshuffle\n"
        "(2 rows)\n"
    )


def test_cli_select_star_columns_in_query_order(sample_store: Path) -> None:
    query = "SELECT * WHERE { ?who tg:worksAt ?employer } ORDER BY ?who"
    result = run("query", "--store", str(sample_store), query)
    assert result.output.splitlines()[0].split() == ["who", "employer"]
    csv_out = run("query", "--store", str(sample_store), "--format", "csv", query).output
    assert csv_out.splitlines()[0] == "who,employer"


def test_cli_w3c_formats(sample_store: Path) -> None:
    store = str(sample_store)
    query = "SELECT ?investor WHERE { ?investor tg:investsIn org:larkspur-ai } ORDER BY ?investor"
    base = "https://w3id.org/talentgraph/id/org/"
    # CliRunner's .output folds CRLF to LF; the bytes keep the CRLF the W3C CSV format requires.
    csv_out = run("query", "--store", store, "--format", "csv", query).stdout_bytes.decode()
    assert csv_out == f"investor\r\n{base}brightwater\r\n{base}quillon\r\n"
    tsv_out = run("query", "--store", store, "--format", "tsv", query).output
    assert tsv_out.splitlines()[:2] == ["?investor", f"<{base}brightwater>"]
    json_out = json.loads(run("query", "--store", store, "--format", "json", query).output)
    assert json_out["head"]["vars"] == ["investor"]
    assert json_out["results"]["bindings"][0]["investor"] == {
        "type": "uri",
        "value": f"{base}brightwater",
    }
    xml_out = run("query", "--store", store, "--format", "xml", query).output
    parsed = pyoxigraph.parse_query_results(xml_out.encode(), pyoxigraph.QueryResultsFormat.XML)
    assert [solution["investor"].value for solution in parsed] == [
        f"{base}brightwater",
        f"{base}quillon",
    ]


def test_cli_ask_construct_stdin_and_file(sample_store: Path, tmp_path: Path) -> None:
    store = str(sample_store)
    # Ines Halvorsen is only set to leave: no tg:left.
    ask = run("query", "--store", store, "-", input="ASK { person:ines-halvorsen tg:left ?x }")
    assert (ask.exit_code, ask.output) == (0, "false\n")
    query_file = tmp_path / "parent.rq"
    query_file.write_text("CONSTRUCT WHERE { org:norrland-vision tg:partOf ?parent }")
    construct = run("query", "--store", store, str(query_file))
    assert construct.exit_code == 0
    assert construct.output == (
        "@prefix tg: <https://w3id.org/talentgraph/ontology#> .\n"
        "@prefix org: <https://w3id.org/talentgraph/id/org/> .\n"
        "org:norrland-vision tg:partOf org:norrland-ai .\n"
    )
    wrong = run("query", "--store", store, "--format", "csv", str(query_file))
    assert wrong.exit_code == 1
    assert wrong.stderr == (
        "Error: the csv format is for SELECT and ASK; CONSTRUCT and DESCRIBE give Turtle\n"
    )


def test_cli_bind(sample_store: Path) -> None:
    store = str(sample_store)
    result = run("query", "--store", store, "--name", "who-joined", "--bind", "org=org:quillon")
    assert result.exit_code == 0
    assert result.output.splitlines()[2:] == [
        "org:quillon  person:tobias-wren  org:quillon-research  org:norrland-ai  tg:Completed  "
        "2024-03",
        "(1 row)",
    ]


def test_cli_syntax_error_shows_position_without_traceback(sample_store: Path) -> None:
    query = "SELECT ?x WHERE {\n  ?x a tg:Person ;\n  ?y }"
    result = run("query", "--store", str(sample_store), query)
    assert result.exit_code == 1
    assert result.output.startswith("Error: SPARQL syntax error: error at 3:")
    assert "  3 |   ?y }\n" in result.output
    assert "Traceback" not in result.output


def test_cli_errors(sample_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = str(sample_store)
    hint = run("query", "--store", store, "net-flow")
    assert hint.exit_code == 1
    assert hint.stderr == (
        "Error: 'net-flow' is the name of a saved query, not SPARQL; run it by name\n"
    )
    unknown = run("query", "--store", store, "--name", "nope")
    assert unknown.exit_code == 1
    assert "no saved query named 'nope'" in unknown.output
    service = run("query", "--store", store, "SELECT * { SERVICE <urn:x> { ?s ?p ?o } }")
    assert service.exit_code == 1
    assert service.stderr.endswith(
        "SERVICE is refused unless allowed; pass --allow-service if you mean it\n"
    )
    monkeypatch.chdir(tmp_path)  # outside any workspace
    missing = run("query", "--out", str(tmp_path), "ASK {}")
    assert missing.exit_code == 1
    assert missing.stderr == (
        f"Error: {tmp_path}: no built graph here (no Oxigraph store in {tmp_path / 'store'}); "
        "run `talentgraph build` first\n"
    )
    timeout = run("query", "--store", store, "--timeout", "0", "ASK {}")
    assert timeout.exit_code == 2


def test_an_endpoint_that_hangs_up_is_a_clear_error(hang_up: str) -> None:
    with pytest.raises(EndpointError, match="the connection failed"):
        run_query("ASK {}", endpoint=hang_up + "query", timeout=10)
    result = run("query", "--endpoint", hang_up + "query", "ASK {}")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {hang_up}query: the connection failed (Remote end closed connection without "
        "response)\n"
    )


def test_cli_a_missing_query_file_is_not_found(sample_store: Path) -> None:
    result = run("query", "--store", str(sample_store), "missing.rq")
    assert result.exit_code == 1
    assert result.stderr == "Error: missing.rq: file not found\n"


@pytest.mark.parametrize("command", ["query", "serve", "push"])
def test_cli_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Usage: main " + command in result.output


def test_the_query_table_is_inert_on_a_terminal() -> None:
    store = pyoxigraph.Store()
    hostile = "Ann\x1b]0;pwned\x07 \x1b[2J\u202eevil\nnext"
    store.add(
        pyoxigraph.Quad(
            pyoxigraph.NamedNode("urn:a"),
            pyoxigraph.NamedNode("urn:b"),
            pyoxigraph.Literal(hostile),
        )
    )
    rows = [
        [short_name(term) for term in solution]
        for solution in store.query("SELECT ?o { ?s ?p ?o }")
    ]
    assert rows == [["Ann <U+202E>evil⏎next"]]


@pytest.mark.parametrize(
    ("query", "hinted"),
    [
        (
            "SELECT ?org ?p { ?p tg:worksAt ?org }",
            "SELECT ?org ?p { VALUES (?org) { (<urn:x>) } ?p tg:worksAt ?org }",
        ),
        # Braces and WHEREs before the group: in a comment, an IRI, a string, a variable, a
        # prefixed name's escapes and an EXISTS in the projection.
        (
            "SELECT DISTINCT ?org ?where # WHERE {\n(EXISTS { ?a ?b <urn:WHERE{x}> } AS ?e) "
            "('{W' AS ?s) (e:x\\#y\\~ AS ?k) WHERE { ?where ?p ?org }",
            "SELECT DISTINCT ?org ?where # WHERE {\n(EXISTS { ?a ?b <urn:WHERE{x}> } AS ?e) "
            "('{W' AS ?s) (e:x\\#y\\~ AS ?k) WHERE { VALUES (?org) { (<urn:x>) } ?where ?p ?org }",
        ),
        # Without the keyword: the outermost group, not a sub-SELECT's.
        (
            "SELECT ?org { { SELECT ?org WHERE { ?a ?b ?org } } }",
            "SELECT ?org { VALUES (?org) { (<urn:x>) } { SELECT ?org WHERE { ?a ?b ?org } } }",
        ),
    ],
)
def test_the_planner_hint_states_the_values_first_in_the_where_clause(
    query: str, hinted: str
) -> None:
    assert planner_hint(query, {"org": "<urn:x>"}) == hinted
    assert planner_hint(query, {}) is None


@pytest.mark.parametrize(
    "query",
    [
        # Not a SELECT that names the bound variable in its projection: the block could make
        # a substitution Oxigraph refuses (a misspelt name) into "everything".
        "SELECT * { ?p tg:worksAt ?org }",
        "ASK { ?p tg:worksAt ?org }",
        "CONSTRUCT { ?p tg:worksAt ?org } WHERE { ?p tg:worksAt ?org }",
        "SELECT ?p { ?p tg:worksAt ?org }",
        # In an expression a substituted variable is unbound; the block would bind it.
        "SELECT ?org ?x { ?x ?p ?o BIND (?org AS ?y) }",
        "SELECT ?org (?org AS ?o) { ?a ?b ?org }",
        "SELECT ?org ?d { ?m tg:toOrg ?d OPTIONAL { ?m tg:fromOrg ?f FILTER (?f != ?org) } }",
        "SELECT ?org ?x { ?x ?p ?o FILTER(1<2&&?org=?x&&3>2) }",  # read as an IRI when blanked
        # BOUND of a substituted variable is false in Oxigraph: the block would make it true.
        "SELECT ?org ?x { ?x ?p ?org FILTER(1<2&&!BOUND(?z)&&3>2) }",
        "SELECT ?org { SERVICE <http://127.0.0.1:9/> { ?a ?b ?org } }",
        "SELECT ?org { ?x ?p <urn:o\\u0041#x> . SERVICE <http://127.0.0.1:9/> { ?x ?p ?org } }",
        # The saved who-left and who-joined BIND the organisation.
        saved_queries()["who-left"].text,
        saved_queries()["who-joined"].text,
    ],
)
def test_no_planner_hint_where_it_could_change_the_answer(query: str) -> None:
    assert planner_hint(query, {"org": "<urn:x>"}) is None


# Bound queries the hint is made for: a saved one, MINUS, a UNION branch without the bound
# variable, a sub-SELECT with GROUP BY, OPTIONAL.
HINTED = [
    (
        saved_queries()["career"].text,
        {"person": "<https://w3id.org/talentgraph/id/person/tobias-wren>"},
    ),
    (
        "SELECT ?org ?p ?d WHERE { ?m tg:person ?p ; tg:fromOrg ?org . "
        "OPTIONAL { ?m tg:toOrg ?d } }",
        {"org": "<https://w3id.org/talentgraph/id/org/quillon>"},
    ),
    (
        "SELECT ?org ?p WHERE { ?p tg:workedAt ?w MINUS { ?p tg:worksAt ?org } }",
        {"org": "<https://w3id.org/talentgraph/id/org/quillon>"},
    ),
    (
        "SELECT ?org ?p WHERE { { ?p tg:left ?org } UNION { ?p tg:alumnusOf ?u } }",
        {"org": "<https://w3id.org/talentgraph/id/org/norrland-ai>"},
    ),
    (
        "SELECT ?org ?n WHERE { { SELECT ?org (COUNT(?p) AS ?n) WHERE { ?p tg:left ?org } "
        "GROUP BY ?org } }",
        {"org": "<https://w3id.org/talentgraph/id/org/norrland-ai>"},
    ),
]


@pytest.mark.parametrize(("query", "bindings"), HINTED)
def test_a_hinted_query_answers_as_the_substitution_alone(
    sample_store: Path, query: str, bindings: dict[str, str]
) -> None:
    request = {"store": str(sample_store), "query": query, "prefixes": PREFIXES}
    plain = evaluate({**request, "bindings": bindings, "hinted": None})
    hinted = evaluate({**request, "bindings": bindings, "hinted": planner_hint(query, bindings)})
    assert planner_hint(query, bindings) is not None
    assert plain[:1] == hinted[:1] == b"R"
    plain_json, hinted_json = json.loads(plain[1:]), json.loads(hinted[1:])
    assert plain_json["head"] == hinted_json["head"]
    rows = [answer["results"]["bindings"] for answer in (plain_json, hinted_json)]
    assert rows[0]  # an answer to compare
    assert sorted(map(json.dumps, rows[0])) == sorted(map(json.dumps, rows[1]))


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * { ?p tg:worksAt ?o }",
        "ASK { ?p tg:worksAt ?o }",
        "CONSTRUCT { ?p tg:worksAt ?o } WHERE { ?p tg:worksAt ?o }",
    ],
)
def test_a_bound_variable_the_query_does_not_return_is_an_error_hinted_or_not(
    sample_store: Path, query: str
) -> None:
    # A misspelt --bind name must not quietly return everything through the VALUES block.
    bindings = {"typo": "<urn:x>"}
    request = {"store": str(sample_store), "query": query, "prefixes": PREFIXES}
    hinted = evaluate({**request, "bindings": bindings, "hinted": planner_hint(query, bindings)})
    assert hinted.startswith(b"Ethe query failed") and b"?typo" in hinted
    assert hinted == evaluate({**request, "bindings": bindings, "hinted": None})


def test_a_syntax_error_in_a_bound_query_points_into_the_query_as_written(
    sample_store: Path,
) -> None:
    query = "SELECT ?org WHERE {\n  ?x tg:worksAt ?org ;\n  ?y }"
    result = run("query", "--store", str(sample_store), query, "--bind", "org=org:quillon")
    assert result.exit_code == 1
    assert result.output.startswith("Error: SPARQL syntax error: error at 3:")
    assert "  3 |   ?y }\n" in result.output
