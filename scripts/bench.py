"""Time Talent Graph's stages on a synthetic import, against the plain way, in one run.

    python scripts/bench.py                         # 10 k, 100 k and 1 M triples
    python scripts/bench.py --triples 10000 --format json

For each size, ``scripts/synth.py`` writes a corpus of about that many triples, and a child
process (so that each size has its own peak memory) times every stage:

- talentgraph: ``import``, the whole ``build``, then its parts again one by one: validation
  (reading and checking the rows, SHACL over the curated part), store load (Oxigraph bulk load),
  the net-flow SPARQL query and every saved query on the open store (``talentgraph query``
  adds about 0.05 s to start its worker process), loading the facts as the analyses do (the
  build's ``facts.json``, then kept out of the cycle collector's way), the networkx graphs,
  the flows, PageRank, sampled betweenness, and the HTML pages;
- the plain way, where there is one: rdflib parsing the same quads, pySHACL over all of them,
  the same queries in rdflib SPARQL, networkx fed from rdflib, networkx's betweenness. The plain
  way is skipped above ``--baseline-limit`` triples (it takes minutes to hours there), but for
  rdflib's parse and networkx's betweenness (seconds at a million), and for stages where it
  would run the same code (PageRank, HTML).

Times are wall-clock seconds of one run; ratios are plain / talentgraph. Peak memory is the
child's peak resident set before the plain way runs, plus that of each process in which the
build writes the RDF files of a large graph. This is a benchmark, not a test: nothing
here asserts a time.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SIZES = (10_000, 100_000, 1_000_000)
BASELINE_LIMIT = 150_000
FLOW_QUERY = "net-flow"
_ME_AND_CHILDREN = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--triples", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--baseline-limit", type=int, default=BASELINE_LIMIT)
    parser.add_argument("--format", choices=("table", "json"), default="table")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child's size
    arguments = parser.parse_args()
    if arguments.one:
        with tempfile.TemporaryDirectory(prefix="tg-bench-") as work:  # about 1 GB at 1 M
            print(json.dumps(run_size(arguments.one, arguments.baseline_limit, Path(work))))
        return
    results = []
    for triples in arguments.triples:
        child = subprocess.run(
            [
                sys.executable,
                __file__,
                *("--one", str(triples)),
                *("--baseline-limit", str(arguments.baseline_limit)),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        results.append(json.loads(child.stdout))
        if arguments.format == "table":
            print(table(results[-1]), flush=True)
    if arguments.format == "json":
        print(json.dumps(results[0] if len(results) == 1 else results, indent=2))


def run_size(target: int, baseline_limit: int, work: Path) -> dict[str, Any]:
    """Every stage at about ``target`` triples, worked in the empty folder ``work``:
    ``{"triples", "stages", "peak_rss_mb"}``."""
    import networkx as nx

    from graph.analysis.centrality import SAMPLE_SIZE, betweenness
    from graph.analysis.flows import talent_flows
    from graph.analysis.networks import org_flow_digraph, people_graph, person_org_graph
    from graph.build import build
    from graph.collector import settle
    from graph.curation.checks import check_seeds
    from graph.curation.imports.files import import_file
    from graph.curation.workspace import init_workspace
    from graph.present.html.graph_page import write_html
    from graph.published import published_facts
    from graph.rdf.convert import curation_to_dataset
    from graph.rdf.imported import import_nquads
    from graph.rdf.serialize import WRITERS, write_nquads
    from graph.rdf.shapes import check_shapes
    from graph.rdf.store import open_store, store_dir, write_store
    from graph.sparql.query import saved_queries

    synth = _load_script("synth")
    corpus = work / "people.csv"
    with corpus.open("w", encoding="utf-8", newline="") as stream:
        synth.write(stream, synth.people_for_triples(target), 0, "csv")
    root = init_workspace(work / "ws")
    seeds = root / "seeds"
    stages: dict[str, dict[str, float | None]] = {}

    Baseline = Callable[[dict[str, Any]], Any]

    def timed(name: str, work: Callable[[], Any], baseline: Baseline | None = None) -> Any:
        start = time.perf_counter()
        value = work()
        stages[name] = {"talentgraph_s": time.perf_counter() - start, "baseline_s": None}
        if baseline is not None:
            plain.append((name, baseline))
        return value

    plain: list[tuple[str, Baseline]] = []
    small_input = target <= baseline_limit
    timed("import", lambda: import_file(corpus, seeds))
    timed("build (all of it)", lambda: build(seeds=seeds), _rdflib_build if small_input else None)
    store = open_store(store_dir(root / "out"))
    triples = len(store)
    small = triples <= baseline_limit
    nquads = work / "all.nq"

    def validate() -> Any:
        curation = check_seeds(seeds)
        check_shapes(curation_to_dataset(curation))
        return curation

    curation = timed("validation", validate, _shacl_all if small else None)
    write_nquads(curation_to_dataset(curation), import_nquads(curation.imports), nquads)
    (work / "again").mkdir()
    timed("store load", lambda: write_store(nquads, work / "again"), _rdflib_parse)
    queries = saved_queries()
    busiest = _busiest(store)
    for name in [FLOW_QUERY, *(name for name in queries if name != FLOW_QUERY)]:
        text = queries[name].text
        label = f"query {name}" + (" (the flow query)" if name == FLOW_QUERY else "")
        # A query made to be bound (its first line says --bind) runs as documented, for the
        # person or the company with the most moves.
        hint = re.search(r"--bind (\w+)=", text.partition("\n")[0])
        binding = (hint.group(1), busiest[hint.group(1)]) if hint else None
        label += f" (bound: {binding[0]})" if binding else ""
        run = functools.partial(_oxigraph_query, store, text, binding)
        timed(label, run, _rdflib_query(text, binding) if small else None)
    facts = timed("load facts", lambda: published_facts(seeds=seeds))
    settle()  # as the analysis commands do: the collector no longer walks the facts
    flow_graph = timed(
        "networkx load",
        lambda: (org_flow_digraph(facts, level="company"), person_org_graph(facts))[0],
        _networkx_from_rdflib,
    )
    timed("flows", lambda: talent_flows(facts, level="company"), _rdflib_flows if small else None)
    timed("pagerank", lambda: nx.pagerank(flow_graph, weight="weight"))
    people = people_graph(facts)  # as `talentgraph centrality --graph people`
    k = min(SAMPLE_SIZE, len(people))
    timed(
        f"betweenness (sampled, {SAMPLE_SIZE})",
        lambda: betweenness(people, k=k, seed=7),
        lambda _: nx.betweenness_centrality(people, k=k, seed=7),
    )
    (work / "html").mkdir()
    timed("html pages", lambda: write_html(facts, work / "html"))
    # With the build's own children (they write the RDF files of a large graph): the peak of
    # this process and as many times the largest child's, an upper bound, as they need not
    # coincide.
    me, children = (resource.getrusage(who).ru_maxrss for who in _ME_AND_CHILDREN)
    peak = (me + len(WRITERS) * children) / 1024
    context: dict[str, Any] = {"nquads": nquads}
    for name, baseline in plain:
        start = time.perf_counter()
        baseline(context)
        stages[name]["baseline_s"] = time.perf_counter() - start
    for stage in stages.values():
        base, ours = stage["baseline_s"], stage["talentgraph_s"]
        stage["ratio"] = base / ours if base is not None and ours else None
    return {"triples": triples, "stages": stages, "peak_rss_mb": round(peak)}


def _oxigraph_query(store: Any, text: str, binding: tuple[str, str] | None) -> int:
    """Run a saved query on the open store as ``talentgraph query`` does, minus the worker
    process it starts (about 0.05 s), and read every answer."""
    import pyoxigraph

    from graph.sparql.query import planner_hint
    from graph.vocab import PREFIXES

    substitutions = None
    if binding:
        name, iri = binding
        substitutions = {pyoxigraph.Variable(name): pyoxigraph.NamedNode(iri)}
        text = planner_hint(text, {name: f"<{iri}>"}) or text
    answers = store.query(
        text, use_default_graph_as_union=True, substitutions=substitutions, prefixes=PREFIXES
    )
    return sum(1 for _ in answers)


def _busiest(store: Any) -> dict[str, str]:
    """The person with the most moves, and the top-level organisation most moved from."""
    from graph.vocab import TG

    person = next(
        iter(
            store.query(
                f"SELECT ?p (COUNT(?m) AS ?n) WHERE {{ ?m <{TG.person}> ?p ; <{TG.fromOrg}> ?o }} "
                "GROUP BY ?p ORDER BY DESC(?n) ?p LIMIT 1",
                use_default_graph_as_union=True,
            )
        )
    )
    org = next(
        iter(
            store.query(
                f"SELECT ?top (COUNT(?m) AS ?n) WHERE {{ ?m <{TG.fromOrg}>/<{TG.partOf}>* ?top . "
                f"FILTER NOT EXISTS {{ ?top <{TG.partOf}> ?up }} }} GROUP BY ?top "
                "ORDER BY DESC(?n) ?top LIMIT 1",
                use_default_graph_as_union=True,
            )
        )
    )
    return {"person": person[0].value, "org": org[0].value}


# --- the plain way: rdflib and networkx fed from rdflib -----------------------------------


def _rdflib_parse(context: dict[str, Any]) -> None:
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    dataset.parse(context["nquads"], format="nquads")
    context["dataset"] = dataset


def _rdflib_build(context: dict[str, Any]) -> None:
    """What the build did before: an rdflib dataset, pySHACL over all of it, rdflib writers."""
    from rdflib import Dataset

    from graph.rdf.shapes import check_shapes

    dataset = Dataset(default_union=True)
    dataset.parse(context["nquads"], format="nquads")
    check_shapes(dataset)
    for form in ("trig", "turtle", "nt", "json-ld"):
        dataset.serialize(format=form)


def _dataset(context: dict[str, Any]) -> Any:
    if "dataset" not in context:
        _rdflib_parse(context)
    return context["dataset"]


def _shacl_all(context: dict[str, Any]) -> None:
    from graph.rdf.shapes import check_shapes

    check_shapes(_dataset(context))


def _rdflib_query(text: str, binding: tuple[str, str] | None) -> Callable[[dict[str, Any]], None]:
    def run(context: dict[str, Any]) -> None:
        from rdflib import URIRef, Variable

        from graph.vocab import PREFIXES

        bindings = {Variable(binding[0]): URIRef(binding[1])} if binding else {}
        list(_dataset(context).query(text, initNs=dict(PREFIXES), initBindings=bindings))

    return run


def _networkx_from_rdflib(context: dict[str, Any]) -> None:
    import networkx as nx

    from graph.vocab import TG

    dataset = _dataset(context)
    graph = nx.DiGraph()
    for move in set(dataset.subjects(predicate=TG.fromOrg)):
        origin, destination = dataset.value(move, TG.fromOrg), dataset.value(move, TG.toOrg)
        if destination is not None:
            weight = graph.get_edge_data(origin, destination, {"weight": 0})["weight"]
            graph.add_edge(origin, destination, weight=weight + 1)


def _rdflib_flows(context: dict[str, Any]) -> None:
    from graph.vocab import PREFIXES

    query = """SELECT ?org (COUNT(DISTINCT ?in) AS ?joined) (COUNT(DISTINCT ?out) AS ?left) WHERE {
        { ?in a tg:Move ; tg:toOrg ?org } UNION { ?out a tg:Move ; tg:fromOrg ?org } }
        GROUP BY ?org"""
    list(_dataset(context).query(query, initNs=dict(PREFIXES)))


# --- output ------------------------------------------------------------------------------


def table(result: dict[str, Any]) -> str:
    """The result of one size as a Markdown table."""
    lines = [
        f"\n{result['triples']:,} triples, peak memory {result['peak_rss_mb']:,} MB\n",
        "| stage | talentgraph (s) | plain way (s) | ratio |",
        "|---|---:|---:|---:|",
    ]
    for name, stage in result["stages"].items():
        base = stage["baseline_s"]
        ratio = stage["ratio"]
        lines.append(
            f"| {name} | {stage['talentgraph_s']:.2f} | "
            f"{'—' if base is None else f'{base:.2f}'} | "
            f"{'—' if ratio is None else f'{ratio:.1f}x'} |"
        )
    return "\n".join(lines)


def _load_script(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    main()
