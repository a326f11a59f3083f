"""Writing the dataset as RDF files: N-Quads first, then TriG, Turtle, N-Triples and JSON-LD.

``write_nquads`` puts every quad of the build in one N-Quads file, graph by graph: the default
graph (the registry) and the curated sources' graphs with their lines sorted, then the imports'
lines in the order they are generated. The store is loaded from that file, and ``write_rdf``
streams it through Oxigraph's writers, which keep every literal's datatype (the store itself
reads ``xsd:nonNegativeInteger`` as ``xsd:integer``) and write in the order they read, so
the same seeds give the same bytes.

The writers run in processes of their own for a large graph (``rdf_writer``), which import
this module and pyoxigraph only: rdflib would take a tenth of a second to start each.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph

from graph.errors import OutputError

if TYPE_CHECKING:
    from rdflib import Dataset

BASENAME = "talentgraph"
_REFUSED = 3  # the exit status of ``python -m graph.rdf.serialize`` on an ``OutputError``
# The writer processes' lower priority: the store's load and the analyses get the cores first.
# At 1 M triples on two cores, in interleaved builds: 5 and 8 about the same (10.6-11.6 s),
# ahead of 2 and 0 (11.1-12.1 s); at 10 the writer ended far behind the other lanes.
NICENESS = 5
_PR_SET_PDEATHSIG = 1  # prctl(2): the signal this process gets when its parent dies
_POLL = 0.01  # seconds between two looks at the writer processes, once the caller waits
# The hashes of the triples stated more than once, by predicate (see ``write_graphs``).
Repeats = dict[pyoxigraph.NamedNode, set[int]]


def write_nquads(dataset: Dataset, more: Iterable[str], path: Path) -> Path:
    """Write the quads of ``dataset``, then the N-Quads text ``more``, to ``path``.

    ``more`` (the imports' quads, possibly millions) is streamed, never held whole.
    """
    graphs = sorted(
        (graph for graph in dataset.graphs() if len(graph)),
        key=lambda graph: (graph != dataset.default_graph, str(graph.identifier)),
    )
    with path.open("wb") as stream:
        for graph in graphs:
            named = graph != dataset.default_graph
            end = f" <{graph.identifier}> .\n".encode() if named else b" .\n"
            lines = graph.serialize(format="nt", encoding="utf-8").splitlines()
            stream.writelines(line.removesuffix(b" .") + end for line in sorted(set(lines)) if line)
        for text in more:
            stream.write(text.encode("utf-8"))
    return path


def write_rdf(nquads: Path, folder: Path, prefixes: Mapping[str, str]) -> list[Path]:
    """Write TriG (all graphs), Turtle and N-Triples (their union) and JSON-LD into ``folder``,
    with ``prefixes`` where the format has them.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "all.nq").write_text(
    ...     "<urn:a> <urn:b> <urn:c> <urn:g> .\\n<urn:a> <urn:b> <urn:c> <urn:h> .\\n"
    ... )
    >>> [p.name for p in write_rdf(folder / "all.nq", folder, {"ex": "urn:"})]
    ['talentgraph.trig', 'talentgraph.ttl', 'talentgraph.nt', 'talentgraph.jsonld']
    >>> (folder / "talentgraph.nt").read_text()
    '<urn:a> <urn:b> <urn:c> .\\n'
    """
    for write in WRITERS.values():
        write(nquads, folder, prefixes)
    return rdf_paths(folder)


def write_graphs(nquads: Path, folder: Path, prefixes: Mapping[str, str]) -> None:
    """Write TriG (all graphs), Turtle and N-Triples (their union) into ``folder``.

    Every file streams from ``nquads``: a triple stated in several graphs is written once in
    the union. To find those repeats, the hash of every triple is kept while TriG is written
    (about 70 MB a million triples), and the hashes that came twice by predicate. While the
    union is written, only the triples with such a predicate are hashed again, and only those
    whose hash came twice are kept whole.

    The TriG pass checks every term, as a strict RDF parser does, and raises ``OutputError``
    on one that RDF refuses: the build's other readers of the file skip those checks.
    """
    trig, turtle, ntriples, _ = rdf_paths(folder)
    repeated: Repeats = {}
    checked = pyoxigraph.parse(path=nquads, format=pyoxigraph.RdfFormat.N_QUADS)
    try:
        _with_prefixes(
            trig, pyoxigraph.RdfFormat.TRIG, _noting_repeats(checked, repeated), prefixes
        )
    except SyntaxError as error:
        raise OutputError(
            f"the build wrote a term that RDF refuses ({error}), in the quad "
            f"{_quad_text(nquads, error.lineno)}; this is a bug in Talent Graph, please report it"
        ) from None
    pyoxigraph.serialize(_union(nquads, repeated), str(ntriples), pyoxigraph.RdfFormat.N_TRIPLES)
    union = pyoxigraph.parse(path=ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES, lenient=True)
    _with_prefixes(turtle, pyoxigraph.RdfFormat.TURTLE, union, prefixes)


def write_jsonld(nquads: Path, folder: Path, prefixes: Mapping[str, str]) -> None:
    """Write JSON-LD (all graphs) into ``folder``: Oxigraph writes full IRIs, no context, so
    ``prefixes`` are not used."""
    jsonld = rdf_paths(folder)[3]
    pyoxigraph.serialize(read_nquads(nquads), str(jsonld), pyoxigraph.RdfFormat.JSON_LD)


# The writers, each of which can run while the other does (in processes of their own: see
# ``rdf_writer``). At a million triples on two cores, apart the two end about 0.3 s sooner
# than one after the other, once the store's load has freed a core.
WRITERS: dict[str, Callable[[Path, Path, Mapping[str, str]], None]] = {
    "graphs": write_graphs,
    "jsonld": write_jsonld,
}


@contextmanager
def rdf_writer(
    nquads: Path, folder: Path, prefixes: Mapping[str, str], *, apart: bool
) -> Iterator[Callable[[], list[Path]]]:
    """Write the RDF files of ``nquads`` into ``folder`` while the caller works on; yields the
    function that waits for them and returns their paths.

    ``apart``: each of the ``WRITERS`` in a process of its own (``python -P -m
    graph.rdf.serialize``, its request on stdin, at a lower priority: see ``NICENESS``), since
    the writers hold Python's lock for every quad; they import only this module, never the
    caller's script, and are killed should the caller fail, or die (on Linux, even of SIGKILL:
    see ``_die_with``), or should one of them fail (its error is raised as soon as it ends).
    Else in a thread.
    """
    if not apart:
        with ThreadPoolExecutor(max_workers=1) as thread:
            yield thread.submit(write_rdf, nquads, folder, prefixes).result
        return
    with ExitStack() as running:
        children = [
            running.enter_context(_writer_process(name, nquads, folder, prefixes))
            for name in WRITERS
        ]

        def finished() -> list[Path]:
            waiting = children
            while waiting := [child for child in waiting if not child()]:
                time.sleep(_POLL)
            return rdf_paths(folder)

        yield finished


@contextmanager
def _writer_process(
    name: str, nquads: Path, folder: Path, prefixes: Mapping[str, str]
) -> Iterator[Callable[[], bool]]:
    """Run the writer ``name`` in a process of its own; yields the function that says whether
    it has ended, and raises ``OutputError`` if it failed. The process is killed if still
    running at exit. Its errors go to a file, which cannot fill up as a pipe can."""
    request = {
        "writer": name,
        "nquads": str(nquads),
        "folder": str(folder),
        "prefixes": dict(prefixes),
        "parent": os.getpid(),
    }
    command = [sys.executable, "-P", "-m", __spec__.name]
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors
        )

        def ended() -> bool:
            if child.poll() is None:
                return False
            if child.returncode != 0:
                errors.seek(0)
                lines = errors.read().decode("utf-8", "replace").strip().splitlines()
                last = lines[-1] if lines else f"exit code {child.returncode}"
                if child.returncode == _REFUSED:  # its own OutputError, said as it is
                    raise OutputError(last)
                raise OutputError(f"the process writing the RDF files failed: {last}")
            return True

        try:
            # The request is written when the stream closes: a child already dead refuses it.
            with contextlib.suppress(BrokenPipeError), child.stdin:  # type: ignore[union-attr]
                child.stdin.write(json.dumps(request).encode())  # type: ignore[union-attr]
            yield ended
        finally:
            if child.poll() is None:
                child.kill()
            child.wait()


def rdf_paths(folder: Path) -> list[Path]:
    """The RDF files ``write_rdf`` writes into ``folder``: TriG, Turtle, N-Triples, JSON-LD."""
    return [folder / f"{BASENAME}.{extension}" for extension in ("trig", "ttl", "nt", "jsonld")]


def read_nquads(nquads: Path) -> Iterator[pyoxigraph.Quad]:
    """The quads of the build's N-Quads file ``nquads``, one at a time.

    Read without checking every term (Oxigraph's ``lenient``, 2.5 times faster): ``write_rdf``
    checks them, once for the whole build.
    """
    return pyoxigraph.parse(path=nquads, format=pyoxigraph.RdfFormat.N_QUADS, lenient=True)


def _quad_text(nquads: Path, number: int | None) -> str:
    """Line ``number`` of ``nquads`` (the build's temporary file: an error must quote it)."""
    with nquads.open(encoding="utf-8", errors="replace") as lines:
        for count, line in enumerate(lines, start=1):
            if count == number:
                line = line.strip()
                return line if len(line) <= 300 else line[:300] + "…"
    return f"at line {number}"


def _noting_repeats(quads: Iterable[pyoxigraph.Quad], repeated: Repeats) -> Iterator:
    """``quads`` as they are, adding to ``repeated`` the hash of every triple seen twice, under
    its predicate."""
    seen: set[int] = set()
    for quad in quads:
        key = hash(quad.triple)
        if key in seen:
            repeated.setdefault(quad.predicate, set()).add(key)
        else:
            seen.add(key)
        yield quad


def _union(nquads: Path, repeated: Repeats) -> Iterator[pyoxigraph.Triple]:
    """Each triple of ``nquads`` once: those with a predicate and hash in ``repeated`` are
    remembered; no other triple comes twice (a repeat's predicate is its first statement's)."""
    written: set[pyoxigraph.Triple] = set()
    for quad in read_nquads(nquads):
        triple = quad.triple
        hashes = repeated.get(quad.predicate) if repeated else None
        if hashes and hash(triple) in hashes:
            if triple in written:
                continue
            written.add(triple)
        yield triple


def _with_prefixes(
    path: Path, form: pyoxigraph.RdfFormat, data: Iterable, prefixes: Mapping[str, str]
) -> None:
    """Serialise with ``prefixes``, declared in a stable order (Oxigraph's is not).

    Oxigraph writes its ``@prefix`` lines first: they are replaced by the sorted ones as the
    file is copied into place.
    """
    draft = path.with_name(f".{path.name}.draft")
    pyoxigraph.serialize(data, str(draft), form, prefixes=dict(prefixes))
    with draft.open("rb") as source, path.open("wb") as stream:
        lines = (f"@prefix {name}: <{iri}> .\n" for name, iri in sorted(prefixes.items()))
        stream.write("".join(lines).encode())
        line = source.readline()
        while line.startswith(b"@prefix "):
            line = source.readline()
        stream.write(line)
        shutil.copyfileobj(source, stream, 1 << 20)
    draft.unlink()


def _die_with(parent: int) -> None:
    """Have this process killed when ``parent`` (the build that started it) dies, on Linux:
    a build killed outright (out of memory, SIGKILL) cannot kill it, and it would go on
    writing, for minutes on a large graph, files that nobody will publish. (The signal comes
    when the parent's thread that started this process ends: ``rdf_writer`` waits for the
    process in that thread.)"""
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # -1 if refused: no matter
    if os.getppid() != parent:  # it died before that took effect
        sys.exit(1)


if __name__ == "__main__":
    wanted = json.load(sys.stdin)
    _die_with(wanted["parent"])
    if hasattr(os, "nice"):
        os.nice(NICENESS)
    try:
        write = WRITERS[wanted["writer"]]
        write(Path(wanted["nquads"]), Path(wanted["folder"]), wanted["prefixes"])
    except OutputError as problem:
        print(problem, file=sys.stderr)
        sys.exit(_REFUSED)
