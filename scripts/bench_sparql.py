"""Benchmark: rdflib against pyoxigraph on a synthetic talent graph of about 200k triples.

Not a test: run it by hand, ``python scripts/bench_sparql.py [--moves 8000]``. It writes a TriG
document in the Talent Graph vocabulary (companies with labs, people, moves with quotes as Web
Annotations, one named graph per source), then times, in one run, parsing it into rdflib and
into an in-memory pyoxigraph store, and a net-flow-per-organisation aggregation on each. It
checks that both engines give the same rows, and prints the times and their ratios.

The saved ``net-flow`` query (company level, through ``tg:partOf*``) is timed on pyoxigraph only:
rdflib had not finished it after several minutes on this graph.
"""

from __future__ import annotations

import argparse
import random
import time

import pyoxigraph
from rdflib import Dataset

from graph.sparql.query import saved_query
from graph.vocab import PREFIXES

NET_FLOW_PER_ORG = """
SELECT ?org (SUM(?in) AS ?joined) (SUM(?out) AS ?left) (SUM(?in) - SUM(?out) AS ?net)
WHERE {
  ?move a tg:Move ; tg:status tg:Completed .
  { ?move tg:toOrg ?org . BIND (1 AS ?in) BIND (0 AS ?out) }
  UNION
  { ?move tg:fromOrg ?org . BIND (0 AS ?in) BIND (1 AS ?out) }
}
GROUP BY ?org
ORDER BY DESC(?net) ?org
"""


def synthetic_trig(*, moves: int, companies: int = 20, labs: int = 5, seed: int = 1) -> str:
    """A TriG talent graph: ``moves`` moves of ``moves // 2`` people between labs and companies."""
    rng = random.Random(seed)
    prologue = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())
    registry = []
    units = []
    for c in range(companies):
        registry.append(f'org:c{c} a tg:Company ; rdfs:label "Company {c}" .')
        units.append(f"org:c{c}")
        for lab in range(labs):
            registry.append(f'org:c{c}-l{lab} a tg:Lab ; rdfs:label "Lab {lab} of company {c}" .')
            units.append(f"org:c{c}-l{lab}")
    people = moves // 2
    registry += [f'person:p{p} a tg:Person ; rdfs:label "Person {p}" .' for p in range(people)]
    graphs: dict[int, list[str]] = {}
    for c in range(companies):
        for lab in range(labs):
            graphs.setdefault(c, []).append(f"org:c{c}-l{lab} tg:partOf org:c{c} .")
    for m in range(moves):
        person, source = rng.randrange(people), rng.randrange(moves // 16)
        origin, destination = rng.sample(units, 2)
        status = "tg:Completed" if rng.random() < 0.9 else "tg:Announced"
        date = f"{rng.randrange(2015, 2026)}-{rng.randrange(1, 13):02d}"
        evidence = f"<https://w3id.org/talentgraph/id/evidence/s{source}/{m:06x}"
        graphs.setdefault(source, []).append(
            f"move:m{m} a tg:Move ; tg:person person:p{person} ; tg:fromOrg {origin} ;"
            f' tg:toOrg {destination} ; tg:date "{date}"^^xsd:gYearMonth ; tg:status {status} ;'
            f" prov:wasDerivedFrom source:s{source} .\n"
            f"person:p{person} tg:left {origin} ; tg:leftFor {destination} ;"
            f" tg:workedAt {origin} .\n"
            f"{evidence}> a oa:Annotation ; oa:hasBody move:m{m} ;"
            f" oa:hasTarget {evidence}#target> .\n"
            f"{evidence}#target> a oa:SpecificResource ; oa:hasSource source:s{source} ;"
            f" oa:hasSelector {evidence}#quote>, {evidence}#position> .\n"
            f'{evidence}#quote> a oa:TextQuoteSelector ; oa:exact "Person {person} left" ;'
            f' oa:prefix "Yesterday, " ; oa:suffix " for a rival." .\n'
            f"{evidence}#position> a oa:TextPositionSelector ; oa:start {m} ; oa:end {m + 20} ."
        )
    named = "\n".join(
        f"source:s{s} {{\nsource:s{s} a tg:Source .\n" + "\n".join(body) + "\n}"
        for s, body in sorted(graphs.items())
    )
    return prologue + "{\n" + "\n".join(registry) + "\n}\n" + named + "\n"


def timed(action):
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=8000, help="moves to generate (default 8000)")
    moves = parser.parse_args().moves
    trig = synthetic_trig(moves=moves)
    query = NET_FLOW_PER_ORG

    def rdflib_load() -> Dataset:
        dataset = Dataset(default_union=True)
        dataset.parse(data=trig, format="trig")
        return dataset

    def oxigraph_load() -> pyoxigraph.Store:
        store = pyoxigraph.Store()
        store.load(trig.encode(), pyoxigraph.RdfFormat.TRIG)
        return store

    dataset, rdflib_parse = timed(rdflib_load)
    store, oxigraph_parse = timed(oxigraph_load)
    print(f"synthetic graph: {moves} moves, {len(store)} quads, {len(trig) / 1e6:.1f} MB of TriG")

    rdflib_rows, rdflib_query = timed(
        lambda: [tuple(map(str, row)) for row in dataset.query(query, initNs=PREFIXES)]
    )
    oxigraph_rows, oxigraph_query = timed(
        lambda: [
            tuple(term.value for term in solution)
            for solution in store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
        ]
    )
    same = sorted(rdflib_rows) == sorted(oxigraph_rows)
    print(f"net flow per organisation: {len(oxigraph_rows)} rows, same in both engines: {same}")
    company_level = saved_query("net-flow").text
    rows, seconds = timed(
        lambda: list(store.query(company_level, prefixes=PREFIXES, use_default_graph_as_union=True))
    )
    print(f"saved net-flow (company level) on pyoxigraph: {len(rows)} rows in {seconds:.3f}s")
    print(f"{'':24}{'rdflib':>10}{'pyoxigraph':>12}{'ratio':>8}")
    for step, slow, fast in (
        ("parse + load", rdflib_parse, oxigraph_parse),
        ("net flow per org", rdflib_query, oxigraph_query),
    ):
        print(f"{step:24}{slow:>9.3f}s{fast:>11.3f}s{slow / fast:>7.0f}x")


if __name__ == "__main__":
    main()
