"""The build: checked seeds → RDF dataset → SHACL validation → a published ``out/``.

Everything the analyses and the pages report comes from a published build: ``build`` checks
the seeds, converts and validates them, and publishes every output atomically (see
``graph.publish``) together with ``build.json``, the fingerprint of the seeds it was made from
(``graph.published`` checks it and reads the build's facts back).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, URIRef
from rdflib.util import from_n3

from graph.collector import paused_collection
from graph.curation.checks import Curation, check_seeds
from graph.errors import Problem
from graph.facts import Facts, load_facts
from graph.paths import workspace
from graph.present.html.graph_page import DEFAULT_NODE_BUDGET, write_html
from graph.present.report import write_flow_outputs
from graph.publish import publish
from graph.published import MANIFEST, fingerprint, manifest_text, published_facts
from graph.rdf.convert import curation_to_dataset
from graph.rdf.imported import import_nquads
from graph.rdf.serialize import BASENAME, rdf_writer, read_nquads, write_nquads
from graph.rdf.shapes import check_shapes
from graph.rdf.store import open_store, write_store
from graph.rdf.summary import count_triples, summarize
from graph.saved_facts import FACTS_FILE, write_facts
from graph.vocab import PREFIXES

# N-Quads bytes (about 60 k quads) from which child processes write the RDF files (starting
# them costs about 0.1 s; at a million triples they save a third of the build).
PROCESS_FROM = 10_000_000


@dataclass
class BuildResult:
    """What a build produced: the facts, the counts, the files written, warnings to show."""

    facts: Facts
    counts: dict[str, int]
    curation: Curation
    out: Path
    files: list[Path] = field(default_factory=list)

    @property
    def warnings(self) -> list[Problem]:
        """The curators' notes, reported on every build."""
        return self.curation.warnings


def curate(*, seeds: str | Path | None = None) -> Curation:
    """Read and check the workspace's seeds (or the ``seeds`` folder given)."""
    return check_seeds(workspace(seeds=seeds).seeds)


def build_dataset(*, seeds: str | Path | None = None) -> Dataset:
    """The RDF dataset of the seeds: one named graph per source, the registry as default graph.

    Imports included, as an rdflib dataset in memory: for large imports, query the build's
    store instead.

    >>> from graph.paths import find_root
    >>> dataset = build_dataset(seeds=find_root(Path.cwd()) / "seeds")
    >>> len(list(dataset.graphs())) > 1
    True
    """
    curation = curate(seeds=seeds)
    dataset = curation_to_dataset(curation)
    text = "".join(import_nquads(curation.imports)).encode("utf-8")
    for quad in pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.N_QUADS):
        name = quad.graph_name
        graph = dataset.default_graph
        if isinstance(name, pyoxigraph.NamedNode):
            graph = dataset.graph(URIRef(name.value))
        graph.add(tuple(from_n3(str(term)) for term in quad.triple))
    return dataset


@paused_collection()  # the facts and rows of a large graph: see graph.collector
def build(*, seeds: str | Path | None = None, out: str | Path | None = None) -> BuildResult:
    """Check the seeds, build and validate the dataset, and publish every output to ``out``.

    The curated facts are validated by the SHACL shapes; imported rows were checked as they
    were read and their quads written in the shapes' form (the imports can be millions of
    rows, which pySHACL cannot check in useful time). Raises ``CurationError`` or
    ``ShapeError`` before anything is written.
    """
    place = workspace(seeds=seeds, out=out)
    # Taken before the seeds are read: an edit made while the build runs shows as a change.
    inputs = fingerprint(place.seeds)
    curation = check_seeds(place.seeds)
    dataset = curation_to_dataset(curation)
    check_shapes(dataset)
    made: dict[str, object] = {}

    def write_outputs(staging: Path) -> list[Path]:
        nquads = write_nquads(dataset, import_nquads(curation.imports), staging / ".quads.nq")
        # Lanes at once: Oxigraph loads the store in a thread (it does not hold the GIL), the
        # RDF files are written in another (by two child processes when the graph is large:
        # the writers hold the GIL for every quad), and this thread reads the facts from the
        # same quads and writes the analyses and the pages.
        apart = nquads.stat().st_size >= PROCESS_FROM
        with (
            ThreadPoolExecutor(max_workers=1) as loader,
            rdf_writer(nquads, staging, PREFIXES, apart=apart) as rdf_written,
        ):
            loading = loader.submit(_stored, nquads, staging)
            facts = load_facts(read_nquads(nquads))
            analyses = [
                *write_flow_outputs(facts, staging),
                *write_html(facts, staging),
                write_facts(facts, staging / FACTS_FILE),
            ]
            (store, counts), rdf = loading.result(), rdf_written()
        nquads.unlink()
        counts["triples"] = count_triples(staging / f"{BASENAME}.nt")
        made.update(facts=facts, counts=counts)
        manifest = staging / MANIFEST
        manifest.write_text(manifest_text(inputs), encoding="utf-8")
        return [*rdf, *analyses, store, manifest]

    names = publish(place.out, write_outputs)
    return BuildResult(
        facts=made["facts"],  # type: ignore[arg-type]
        counts=made["counts"],  # type: ignore[arg-type]
        curation=curation,
        out=place.out,
        files=[place.out / name for name in names],
    )


def _stored(nquads: Path, folder: Path) -> tuple[Path, dict[str, int]]:
    """The store's lane: load the store, then count what it holds for the summary (at a
    million triples the lane ends before the RDF files': the counting takes no time of the
    build's)."""
    path = write_store(nquads, folder)
    return path, summarize(open_store(path))


def render_pages(
    *,
    seeds: str | Path | None = None,
    out: str | Path | None = None,
    level: str = "company",
    node_budget: int = DEFAULT_NODE_BUDGET,
) -> list[Path]:
    """Write ``graph.html`` and ``flows.html`` again, with these options, into the published
    build; the rest of ``out`` is kept and the swap is atomic like a build's."""
    place = workspace(seeds=seeds, out=out)
    facts = published_facts(seeds=place.seeds, out=place.out)
    names = publish(
        place.out,
        lambda staging: write_html(facts, staging, level=level, node_budget=node_budget),
        keep=True,
    )
    return [place.out / name for name in names]
