"""SPARQL on the embedded store: saved queries against golden rows, and `talentgraph query`."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from graph.build import build_dataset
from graph.cli import main
from graph.errors import InputError, QueryError, QueryTimeout
from graph.sparql.query import (
    format_answer,
    parse_bindings,
    run_query,
    saved_queries,
    uses_service,
)
from graph.rdf.store import open_store, store_dir, write_store

GOLDEN = Path(__file__).parent / "golden"

# Saved queries that take a parameter are checked with one value.
GOLDEN_BINDINGS = {"career": {"person": "person:zhou-chang"}}

# How the golden rows were checked, by hand, against seeds/claims/*.yaml (not copied blindly):
# - who-left: the 7 move claims; each counts for its from-unit and every tg:partOf ancestor
#   (qwen-team, alibaba-cloud-unit, tongyi-lab → alibaba-group; tongyi-applied-vision →
#   tongyi-lab): Lin 2 rows, Zhou 2, Fu 1, Yang 1, Bo 3, Yan 2 (from tongyi-lab) + 1 = 12.
#   Only the aftermath article dates Lin's move (2023-03-04); Yan's move to JD has "--02".
# - who-joined: moves with a destination (Lin's has none): Zhou, Fu and Yang to their own
#   ventures (1 each), Bo to tencent-hunyuan (+ tencent), Yan to tencent (1) and to
#   jd-explore-academy (+ jd-com) = 8.
# - net-flow: completed moves only (Zhou's is announced). Alibaba loses Lin, Bo, Yan (-3);
#   Tencent gains Bo and Yan and loses Yan to JD (+1); JD +1; ByteDance, Kuaishou -1; the two
#   ventures +1.
# - career (Zhou Chang): two employment claims with a quote each (the cloud computing unit, and
#   Alibaba Group from 2017), and one announced move to his venture with 2 quotes, all in
#   alibaba-loses-zhou-chang = 4 rows.
# - hierarchy: the 9 part-of claims (qwen-team stated in 3 sources, one row); damo-academy has
#   no parent in any article.
# - investments: 4 invests-in claims, all in alibaba-loses-zhou-chang.
# - undated-moves: the 7 moves less Lin's (dated by one source) and Yan's to JD (--02) = 5.
# - fact-sources: direct triples per source: technode 4, aftermath 3, compliance 3,
#   tongyi-lab-talent-war 5 part-of + Bo 6 + Yan 9 = 20, alibaba-loses-zhou-chang 16 (Zhou
#   works at the unit and at Alibaba Group); 46 rows.
# - no-current-employer: Omar, Zhou, Bo and Yan have tg:worksAt; Fu and Yang moved to their
#   own ventures and have not left them; Lin left qwen-team for an unknown place: 1 row.


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_every_saved_query_has_a_golden_file_and_a_description() -> None:
    queries = saved_queries()
    assert len(queries) >= 9
    assert sorted(queries) == sorted(path.stem for path in GOLDEN.glob("*.csv"))
    for saved in queries.values():
        assert saved.text.startswith("# ")
        assert saved.description and "\n" not in saved.description


@pytest.mark.parametrize("name", sorted(saved_queries()))
def test_saved_query_gives_its_golden_rows(store: Path, name: str) -> None:
    bindings = parse_bindings([f"{k}={v}" for k, v in GOLDEN_BINDINGS.get(name, {}).items()])
    answer = run_query(saved_queries()[name].text, store=store, bindings=bindings)
    expected = (GOLDEN / f"{name}.csv").read_text(encoding="utf-8")
    assert csv_rows(format_answer(answer, "csv")) == csv_rows(expected)


def test_write_store_keeps_named_graphs_and_the_default_graph(store: Path) -> None:
    opened = open_store(store)
    graphs = sorted(graph.value.rsplit("/", 1)[1] for graph in opened.named_graphs())
    assert graphs == [
        "alibaba-loses-zhou-chang",
        "qwen-aftermath-open-source",
        "qwen-leadership-compliance",
        "technode-deepmind-invites-qwen",
        "tongyi-lab-talent-war",
    ]
    label = pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    lin = pyoxigraph.NamedNode("https://w3id.org/talentgraph/id/person/lin-junyang")
    registry = list(opened.quads_for_pattern(lin, label, None, pyoxigraph.DefaultGraph()))
    assert [quad.object.value for quad in registry] == ["Lin Junyang"]
    assert not list(store.glob("LOG*")), "RocksDB's LOG records absolute paths"


def test_write_store_gives_the_same_quads_twice(tmp_path: Path) -> None:
    dataset = build_dataset()
    first = open_store(write_store(dataset, tmp_path / "a"))
    second = open_store(write_store(dataset, tmp_path / "b"))
    assert len(first) == len(second) > 1000
    assert sorted(map(str, first)) == sorted(map(str, second))


def test_union_default_graph_and_graph_clause(store: Path) -> None:
    # Lin's departure is stated by three sources; the union sees it once per source.
    query = """SELECT ?source WHERE { GRAPH ?source { person:lin-junyang tg:left org:qwen-team } }
               ORDER BY ?source"""
    _, rows = run_query(query, store=store).rows()
    assert [row[0].value.rsplit("/", 1)[1] for row in rows] == [
        "qwen-aftermath-open-source",
        "qwen-leadership-compliance",
        "technode-deepmind-invites-qwen",
    ]
    ask = "ASK { person:lin-junyang rdfs:label ?n . person:lin-junyang tg:left org:qwen-team }"
    assert bool(run_query(ask, store=store).results()) is True


def test_bind_substitutes_a_variable(store: Path) -> None:
    answer = run_query(
        saved_queries()["who-left"].text,
        store=store,
        bindings=parse_bindings(["org=org:alibaba-group"]),
    )
    _, rows = answer.rows()
    assert [row[1].value.rsplit("/", 1)[1] for row in rows] == [
        "bo-liefeng",
        "lin-junyang",
        "yan-zhijie",
        "zhou-chang",
    ]


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


def test_service_is_refused_unless_allowed(store: Path) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryError, match="SERVICE"):
        run_query(query, store=store)
    assert uses_service("select * { service silent ?endpoint { ?s ?p ?o } }")
    assert not uses_service('SELECT ?service { ?service ex:SERVICE "SERVICE" } # SERVICE <x>')
    assert not uses_service("SELECT * { <http://example.org/SERVICE> ?p ?o }")


def test_timeout_stops_a_runaway_query(store: Path) -> None:
    # 1180³ ≈ 1.6 billion solutions: minutes of work, stopped after one second.
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="longer than 1 s"):
        run_query(query, store=store, timeout=1)
    assert time.monotonic() - started < 15


def test_missing_store_says_to_build_first(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="run `talentgraph build` first"):
        store_dir(out=tmp_path)


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


def test_cli_table_uses_prefixed_names(store: Path) -> None:
    result = run("query", "--store", str(store), "--name", "investments")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "investor           investee         source\n"
        "-----------------  ---------------  -------------------------------\n"
        "org:alibaba-group  org:baichuan     source:alibaba-loses-zhou-chang\n"
        "org:alibaba-group  org:minimax      source:alibaba-loses-zhou-chang\n"
        "org:alibaba-group  org:moonshot-ai  source:alibaba-loses-zhou-chang\n"
        "org:alibaba-group  org:zhipu-ai     source:alibaba-loses-zhou-chang\n"
        "(4 rows)\n"
    )


def test_cli_w3c_formats(store: Path) -> None:
    query = "SELECT ?investee WHERE { org:alibaba-group tg:investsIn ?investee } ORDER BY ?investee"
    base = "https://w3id.org/talentgraph/id/org/"
    # CliRunner's .output folds CRLF to LF; the bytes keep the CRLF the W3C CSV format requires.
    csv_out = run("query", "--store", str(store), "--format", "csv", query).stdout_bytes.decode()
    assert csv_out == f"investee\r\n{base}baichuan\r\n{base}minimax\r\n" + (
        f"{base}moonshot-ai\r\n{base}zhipu-ai\r\n"
    )
    tsv_out = run("query", "--store", str(store), "--format", "tsv", query).output
    assert tsv_out.splitlines()[:2] == ["?investee", f"<{base}baichuan>"]
    json_out = json.loads(run("query", "--store", str(store), "--format", "json", query).output)
    assert json_out["head"]["vars"] == ["investee"]
    assert json_out["results"]["bindings"][0]["investee"] == {
        "type": "uri",
        "value": f"{base}baichuan",
    }
    xml_out = run("query", "--store", str(store), "--format", "xml", query).output
    parsed = pyoxigraph.parse_query_results(xml_out.encode(), pyoxigraph.QueryResultsFormat.XML)
    assert [solution["investee"].value for solution in parsed] == [
        f"{base}baichuan",
        f"{base}minimax",
        f"{base}moonshot-ai",
        f"{base}zhipu-ai",
    ]


def test_cli_ask_construct_stdin_and_file(store: Path, tmp_path: Path) -> None:
    ask = run("query", "--store", str(store), "-", input="ASK { person:zhou-chang tg:left ?x }")
    assert (ask.exit_code, ask.output) == (0, "false\n")
    query_file = tmp_path / "parent.rq"
    query_file.write_text("CONSTRUCT WHERE { org:tongyi-lab tg:partOf ?parent }")
    construct = run("query", "--store", str(store), str(query_file))
    assert construct.exit_code == 0
    assert construct.output == (
        "@prefix tg: <https://w3id.org/talentgraph/ontology#> .\n"
        "@prefix org: <https://w3id.org/talentgraph/id/org/> .\n"
        "org:tongyi-lab tg:partOf org:alibaba-group .\n"
    )
    wrong = run("query", "--store", str(store), "--format", "csv", str(query_file))
    assert wrong.exit_code == 1
    assert "CONSTRUCT gives Turtle" in wrong.output


def test_cli_bind(store: Path) -> None:
    result = run("query", "--store", str(store), "--name", "who-joined", "--bind", "org=org:jd-com")
    assert result.exit_code == 0
    assert result.output.splitlines()[2:] == [
        "org:jd-com  person:yan-zhijie  org:jd-explore-academy  org:tencent  tg:Completed  --02",
        "(1 row)",
    ]


def test_cli_syntax_error_shows_position_without_traceback(store: Path) -> None:
    result = run("query", "--store", str(store), "SELECT ?x WHERE {\n  ?x a tg:Person ;\n  ?y }")
    assert result.exit_code == 1
    assert result.output.startswith("Error: SPARQL syntax error: error at 3:")
    assert "  3 |   ?y }\n" in result.output
    assert "Traceback" not in result.output


def test_cli_errors(store: Path, tmp_path: Path) -> None:
    hint = run("query", "--store", str(store), "net-flow")
    assert hint.exit_code == 1
    assert "run `talentgraph query --name net-flow`" in hint.output
    unknown = run("query", "--store", str(store), "--name", "nope")
    assert unknown.exit_code == 1
    assert "no saved query named 'nope'" in unknown.output
    service = run("query", "--store", str(store), "SELECT * { SERVICE <urn:x> { ?s ?p ?o } }")
    assert service.exit_code == 1
    assert "--allow-service" in service.output
    missing = run("query", "--out", str(tmp_path), "ASK {}")
    assert missing.exit_code == 1
    assert "run `talentgraph build` first" in missing.output
    timeout = run("query", "--store", str(store), "--timeout", "0", "ASK {}")
    assert timeout.exit_code == 2


@pytest.mark.parametrize("command", ["query", "serve", "push"])
def test_cli_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Usage: main " + command in result.output
