"""The embedded Oxigraph store: the built dataset on disk, ready for fast SPARQL.

``write_store`` loads the build's quads (one named graph per source, the registry in the
default graph) into ``out/store/``; ``open_store`` opens it read-only. Queries run with the
default graph as the union of all graphs, so ``GRAPH ?source { … }`` is needed only to ask who
says what.

The union keeps duplicates: a triple stated by two sources is seen twice, so count with
``DISTINCT``.

>>> import tempfile
>>> from pathlib import Path
>>> from rdflib import Dataset, Literal, URIRef
>>> from graph.rdf.serialize import write_nquads
>>> dataset = Dataset()
>>> source = dataset.graph(URIRef("https://w3id.org/talentgraph/id/source/a"))
>>> _ = source.add((URIRef("urn:x"), URIRef("urn:p"), Literal("stated in a")))
>>> with tempfile.TemporaryDirectory() as out:
...     path = write_store(write_nquads(dataset, [], Path(out) / "all.nq"), Path(out))
...     sorted(str(graph) for graph in open_store(path).named_graphs())
['<https://w3id.org/talentgraph/id/source/a>']
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph

from graph.errors import InputError, NoBuildError

if TYPE_CHECKING:
    from rdflib import Dataset

STORE_DIRNAME = "store"
# N-Quads bytes (about two million quads) from which the loaded store is compacted. Oxigraph's
# bulk load sorts a million quads at a time into a run of each index; queries read every run.
# With 14 runs (13.6 M quads) the saved queries take 3 to 4 times longer uncompacted; with
# two (1 M quads) 15 to 25% longer, while compacting would add 1.2 s to the build's longest lane.
COMPACT_FROM = 400_000_000


def write_store(nquads: Path, folder: Path) -> Path:
    """Load the N-Quads file ``nquads`` into a new Oxigraph store at ``folder/store``.

    An existing store there is replaced. The quads are the same for the same input; RocksDB's
    own files are not byte-identical, and its ``LOG`` (which records the absolute path) is
    removed so the folder can be renamed or moved after the build.

    The file is read without checking every term (Oxigraph's ``lenient``, a tenth of the load):
    the build checks them once, as it writes the RDF files (``graph.rdf.serialize.write_rdf``).
    A large store is compacted after the load (see ``COMPACT_FROM``).
    """
    path = Path(folder) / STORE_DIRNAME
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    store = pyoxigraph.Store(str(path))
    store.bulk_load(path=nquads, format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)
    if nquads.stat().st_size >= COMPACT_FROM:
        store.optimize()
    store.flush()
    del store  # closes RocksDB, so that read-only readers see a finished store
    for log in path.glob("LOG*"):
        log.unlink()
    return path


def store_dir(out: str | Path) -> Path:
    """The store folder of the build published in ``out``; it must exist.

    >>> store_dir("no/such/folder")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graph.errors.NoBuildError: no/such/folder: no built graph here (no Oxigraph store in ...)
    """
    path = Path(out) / STORE_DIRNAME
    if not is_store(path):
        raise NoBuildError(f"{out}: no built graph here (no Oxigraph store in {path})")
    return path


def is_store(path: str | Path) -> bool:
    """Whether ``path`` holds an Oxigraph (RocksDB) store."""
    return (Path(path) / "CURRENT").is_file()


def dataset_store(dataset: Dataset) -> pyoxigraph.Store:
    """An in-memory store holding the quads of ``dataset`` (for tests and small graphs)."""
    store = pyoxigraph.Store()
    store.bulk_load(
        dataset.serialize(format="nquads", encoding="utf-8"), pyoxigraph.RdfFormat.N_QUADS
    )
    return store


def open_store(path: str | Path) -> pyoxigraph.Store:
    """Open the store at ``path`` read-only (several readers may share it)."""
    try:
        return pyoxigraph.Store.read_only(str(path))
    except OSError as error:
        raise InputError(f"{path}: cannot open the Oxigraph store ({error})") from error
