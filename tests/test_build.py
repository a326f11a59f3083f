"""`talentgraph build` on the sample corpus: validated, canonical, deterministic and atomic
outputs, published with the fingerprint of the seeds they were made from."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, XSD

import graph.build
import graph.publish
import graph.rdf.serialize
from conftest import MINI_DOCUMENT, REPO, write_seeds
from graph.build import build, build_dataset
from graph.cli import main
from graph.errors import CurationError, OutFolderError, OutputError, ShapeError
from graph.rdf.convert import new_dataset
from graph.rdf.serialize import WRITERS, rdf_writer, write_nquads, write_rdf
from graph.rdf.shapes import check_shapes
from graph.vocab import OA, PREFIXES, TG, entity_iri

NQUADS = pyoxigraph.RdfFormat.N_QUADS

RDF_FILES = ["talentgraph.jsonld", "talentgraph.nt", "talentgraph.trig", "talentgraph.ttl"]
OUT_FILES = sorted(
    [
        "build.json",
        "facts.json",
        "flows.csv",
        "report.md",
        "graph.html",
        "flows.html",
        "store",
        *RDF_FILES,
    ]
)


def snapshot(folder: Path, *, skip_store: bool = False) -> dict[str, bytes]:
    """Every file's bytes; ``skip_store`` leaves out the Oxigraph store, whose RocksDB files
    differ from one build to the next even when the quads are the same."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not (skip_store and p.relative_to(folder).parts[0] == "store")
    }


def store_quads(folder: Path) -> list[str]:
    return sorted(str(quad) for quad in pyoxigraph.Store.read_only(str(folder / "store")))


def test_build_writes_every_format_and_an_independent_parser_reads_them(
    sample, sample_dataset, tmp_path
):
    result = build(seeds=sample / "seeds", out=tmp_path / "out")
    assert sorted(p.name for p in result.files) == OUT_FILES
    formats = {
        "trig": pyoxigraph.RdfFormat.TRIG,
        "ttl": pyoxigraph.RdfFormat.TURTLE,
        "nt": pyoxigraph.RdfFormat.N_TRIPLES,
        "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    }
    counts = {}
    for extension, rdf_format in formats.items():
        quads = list(
            pyoxigraph.parse(path=tmp_path / "out" / f"talentgraph.{extension}", format=rdf_format)
        )
        counts[extension] = (len(quads), len({q.graph_name for q in quads}))
    union = len(set(sample_dataset.triples((None, None, None))))
    quads = len(list(sample_dataset.quads((None, None, None, None))))
    # TriG and JSON-LD keep one graph per source (three) and the default graph; Turtle and
    # N-Triples hold the merged union.
    assert counts == {
        "trig": (quads, 4),
        "jsonld": (quads, 4),
        "ttl": (union, 1),
        "nt": (union, 1),
    }


def test_every_file_holds_exactly_the_built_quads(sample, sample_dataset, tmp_path):
    build(seeds=sample / "seeds", out=tmp_path / "out")
    built = {_nquad(s, p, o, g) for s, p, o, g in sample_dataset.quads((None, None, None, None))}
    union = {_nquad(s, p, o, None) for s, p, o in sample_dataset.triples((None, None, None))}
    for name, rdf_format, expected in [
        ("talentgraph.trig", pyoxigraph.RdfFormat.TRIG, built),
        ("talentgraph.jsonld", pyoxigraph.RdfFormat.JSON_LD, built),
        ("talentgraph.ttl", pyoxigraph.RdfFormat.TURTLE, union),
        ("talentgraph.nt", pyoxigraph.RdfFormat.N_TRIPLES, union),
    ]:
        parsed = {str(q) for q in pyoxigraph.parse(path=tmp_path / "out" / name, format=rdf_format)}
        assert parsed == expected, name
    # The store holds the same quads, except that Oxigraph keeps integers of a derived type
    # (oa:start's xsd:nonNegativeInteger, tg:size's xsd:positiveInteger) as xsd:integer.
    integer = str(XSD.integer)
    as_stored = {
        quad.replace(str(XSD.nonNegativeInteger), integer).replace(
            str(XSD.positiveInteger), integer
        )
        for quad in built
    }
    assert set(store_quads(tmp_path / "out")) == as_stored


def _nquad(s, p, o, g) -> str:
    """A quad as pyoxigraph prints it, to compare rdflib's terms with pyoxigraph's."""
    terms = [s.n3(), p.n3(), _literal_n3(o)]
    if g is not None and g != DATASET_DEFAULT_GRAPH_ID:
        terms.append(g.n3())
    return " ".join(terms)


def _literal_n3(term) -> str:
    if not isinstance(term, Literal):
        return term.n3()
    text = (
        str(term)
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype and term.datatype != XSD.string:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def test_the_manifest_fingerprints_every_seeds_file(built_sample):
    seeds = built_sample / "seeds"
    manifest = json.loads((built_sample / "out" / "build.json").read_text())
    # sources.yaml, entities.yaml, and three documents with their three claims files.
    assert sorted(manifest["inputs"]) == [
        "claims/larkspur-seed-round.yaml",
        "claims/norrland-vision-exodus.yaml",
        "claims/quillon-reshuffle.yaml",
        "documents/larkspur-seed-round.txt",
        "documents/norrland-vision-exodus.txt",
        "documents/quillon-reshuffle.txt",
        "entities.yaml",
        "sources.yaml",
    ]
    for name, digest in manifest["inputs"].items():
        assert digest == hashlib.sha256((seeds / name).read_bytes()).hexdigest()


@pytest.mark.slow
def test_two_builds_are_byte_identical_whatever_the_hash_seed(sample, tmp_path):
    script = "import sys; from graph.build import build; build(seeds=sys.argv[1], out=sys.argv[2])"
    outputs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", script, str(sample / "seeds"), str(out)], check=True, env=env
        )
        outputs.append(snapshot(out, skip_store=True))
    assert outputs[0] == outputs[1]
    assert set(outputs[0]) == set(OUT_FILES) - {"store"} | {".talentgraph-out"}
    assert store_quads(tmp_path / "out-1") == store_quads(tmp_path / "out-4242")


@pytest.mark.slow
def test_rdf_files_written_by_a_child_process_are_those_a_thread_writes(
    sample, tmp_path, monkeypatch
):
    build(seeds=sample / "seeds", out=tmp_path / "thread")
    monkeypatch.setattr(graph.build, "PROCESS_FROM", 0)  # a large graph's way
    build(seeds=sample / "seeds", out=tmp_path / "process")
    assert snapshot(tmp_path / "process", skip_store=True) == snapshot(
        tmp_path / "thread", skip_store=True
    )
    assert store_quads(tmp_path / "process") == store_quads(tmp_path / "thread")


def test_a_failing_rdf_writer_process_is_an_error_with_its_reason(tmp_path):
    failed = "the process writing the RDF files failed: FileNotFoundError"
    missing = tmp_path / "missing.nq"
    with (
        pytest.raises(OutputError, match=failed),
        rdf_writer(missing, tmp_path, PREFIXES, apart=True) as done,
    ):
        done()


@pytest.mark.parametrize("apart", [False, True], ids=["thread", "process"])
def test_a_term_rdf_refuses_fails_the_rdf_writer(tmp_path, apart):
    # The build's other readers of its N-Quads are lenient: the RDF writer checks every term.
    nquads = tmp_path / "all.nq"
    nquads.write_text('<urn:a> <urn:b> "c"@en-1 <urn:g> .\n', encoding="utf-8")
    with (
        pytest.raises(OutputError) as refused,
        rdf_writer(nquads, tmp_path, PREFIXES, apart=apart) as done,
    ):
        done()
    # Said as it is, from the child process too, with the quad (its file is temporary).
    assert str(refused.value).startswith("the build wrote a term that RDF refuses (")
    assert 'in the quad <urn:a> <urn:b> "c"@en-1 <urn:g> .;' in str(refused.value)


@pytest.mark.skipif(sys.platform != "linux", reason="a FIFO opened for reading and writing")
def test_a_writer_that_fails_is_reported_without_waiting_for_the_other(tmp_path):
    # The JSON-LD writer cannot create its file (a folder is in the way), while the other
    # waits for N-Quads that never come: the failure is raised at once, the other killed.
    nquads = tmp_path / "all.nq"
    os.mkfifo(nquads)
    (tmp_path / "talentgraph.jsonld").mkdir()
    never_written = os.open(nquads, os.O_RDWR)  # so the writers' reads wait, not end
    raised: list[OutputError] = []

    def wait_for_the_writers() -> None:
        with (
            pytest.raises(OutputError) as failed,
            rdf_writer(nquads, tmp_path, PREFIXES, apart=True) as done,
        ):
            done()
        raised.append(failed.value)

    waiting = threading.Thread(target=wait_for_the_writers, daemon=True)
    try:
        waiting.start()
        waiting.join(60)
        assert not waiting.is_alive()
    finally:
        os.close(never_written)
    assert str(raised[0]).startswith("the process writing the RDF files failed: IsADirectoryError")


def test_the_rdf_writer_process_is_killed_when_the_build_fails(tmp_path, monkeypatch):
    nquads = tmp_path / "all.nq"
    nquads.write_text("<urn:a> <urn:b> <urn:c> <urn:g> .\n", encoding="utf-8")
    children: list[subprocess.Popen] = []
    start = subprocess.Popen

    def started(*args, **options):
        children.append(start(*args, **options))
        return children[-1]

    monkeypatch.setattr(graph.rdf.serialize.subprocess, "Popen", started)
    with pytest.raises(KeyboardInterrupt), rdf_writer(nquads, tmp_path, PREFIXES, apart=True):
        raise KeyboardInterrupt  # long before a Python process has even started
    assert [child.returncode for child in children] == [-signal.SIGKILL] * len(WRITERS)
    assert not (tmp_path / "talentgraph.trig").exists()


# A build that opens a FIFO nobody writes to as its N-Quads: the writer process blocks on it.
_BLOCKED_BUILD = """
import os, sys, time
from pathlib import Path
from graph.rdf.serialize import rdf_writer
from graph.vocab import PREFIXES
fifo = Path(sys.argv[1])
os.mkfifo(fifo)
with rdf_writer(fifo, fifo.parent, PREFIXES, apart=True):
    print("started", flush=True)
    time.sleep(600)
"""


def _running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(sys.platform != "linux", reason="a parent's death signal is Linux's (prctl)")
def test_the_rdf_writer_processes_run_behind_and_die_with_a_build_killed_outright(tmp_path):
    build = subprocess.Popen(
        [sys.executable, "-c", _BLOCKED_BUILD, str(tmp_path / "all.nq")],
        stdout=subprocess.PIPE,
        text=True,
    )
    writers: list[int] = []
    try:
        assert build.stdout is not None and build.stdout.readline() == "started\n"
        listed = Path(f"/proc/{build.pid}/task/{build.pid}/children")
        if not listed.exists():
            pytest.skip("this kernel does not list a process's children in /proc")
        writers = [int(child) for child in listed.read_text().split()]
        assert len(writers) == len(WRITERS)
        # They run at a lower priority than the build, the store's load first (once started).
        niceness = os.getpriority(os.PRIO_PROCESS, build.pid) + graph.rdf.serialize.NICENESS
        wanted = [min(niceness, 19)] * len(writers)  # 19: the kernel's lowest priority
        deadline = time.monotonic() + 60
        while _niceness(writers) != wanted and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _niceness(writers) == wanted
        build.kill()  # SIGKILL: no finally clause runs
        build.wait()
        deadline = time.monotonic() + 60
        while any(map(_running, writers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_running, writers))
    finally:
        build.kill()
        build.wait()
        build.stdout.close()  # type: ignore[union-attr]
        for writer in filter(_running, writers):
            os.kill(writer, signal.SIGKILL)


def _niceness(pids: list[int]) -> list[int]:
    return [os.getpriority(os.PRIO_PROCESS, pid) for pid in pids]


def test_a_failed_write_leaves_the_previous_out_untouched(sample, tmp_path, monkeypatch):
    place = tmp_path / "place"
    out = place / "out"
    build(seeds=sample / "seeds", out=out)
    (out / "notes.txt").write_text("previous build", encoding="utf-8")
    before = snapshot(out)

    def write_half_then_fail(nquads, folder, prefixes):
        (folder / "talentgraph.trig").write_text("partial", encoding="utf-8")
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C mid-write

    monkeypatch.setattr(graph.rdf.serialize, "write_rdf", write_half_then_fail)
    with pytest.raises(KeyboardInterrupt):
        build(seeds=sample / "seeds", out=out)
    assert snapshot(out) == before
    assert sorted(p.name for p in place.iterdir()) == ["out"]  # no staging folder left


def test_a_failed_swap_puts_the_previous_out_back(sample, tmp_path, monkeypatch):
    place = tmp_path / "place"
    out = place / "out"
    build(seeds=sample / "seeds", out=out)
    before = snapshot(out)
    real_replace = os.replace

    def replace_then_fail(source, destination):
        if Path(source).name.startswith(".out.staging-"):
            raise OSError("disk full")  # the new outputs cannot be moved into place
        real_replace(source, destination)

    monkeypatch.setattr(graph.publish.os, "replace", replace_then_fail)
    with pytest.raises(OutFolderError, match="cannot write the out folder there: disk full"):
        build(seeds=sample / "seeds", out=out)
    assert snapshot(out) == before
    assert sorted(p.name for p in place.iterdir()) == ["out"]


def test_a_folder_the_build_did_not_write_is_never_emptied(sample, tmp_path):
    mine = tmp_path / "thesis"
    mine.mkdir()
    (mine / "chapter1.txt").write_text("years of work", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build", "--seeds", str(sample / "seeds"), "--out", str(mine)]
    )
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {mine} is not empty and was not written by a Talent Graph build (no "
        ".talentgraph-out in it); the build replaces its out folder as a whole, so choose a "
        "new or empty folder; pass another --out\n"
    )
    assert [p.name for p in mine.iterdir()] == ["chapter1.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build(seeds=sample / "seeds", out=empty).files  # an empty folder is fine
    assert (empty / ".talentgraph-out").is_file()


def test_a_relative_out_folder_is_replaced_in_place(sample, tmp_path, monkeypatch):
    place = tmp_path / "place"
    place.mkdir()
    monkeypatch.chdir(place)
    build(seeds=sample / "seeds", out="out")
    build(seeds=sample / "seeds", out="out")
    assert sorted(p.name for p in place.iterdir()) == ["out"]


def test_folders_left_by_a_killed_build_are_cleaned_up(sample, tmp_path):
    place = tmp_path / "place"
    place.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)  # that process has exited
    for name in (f".out.staging-{pid}-abc", f".out.retired-{pid}"):
        (place / name).mkdir()
        (place / name / "half.trig").write_text("partial", encoding="utf-8")
    build(seeds=sample / "seeds", out=place / "out")
    assert sorted(p.name for p in place.iterdir()) == ["out"]


def test_bad_seeds_leave_the_previous_out_untouched(tmp_path, mini_seeds):
    out = tmp_path / "out"
    build(seeds=mini_seeds, out=out)
    before = snapshot(out)
    claims = mini_seeds / "claims" / "mini.yaml"
    claims.write_text(claims.read_text().replace("has joined", "joined"), encoding="utf-8")
    with pytest.raises(CurationError, match="quote not found"):
        build(seeds=mini_seeds, out=out)
    assert snapshot(out) == before


def test_the_sample_graph_conforms_and_a_broken_one_does_not(sample_dataset):
    check_shapes(sample_dataset)
    # Take the status off Tobias Wren's move, and the quotes off it.
    move = entity_iri("move", "tobias-wren-from-norrland-ai-to-quillon-research")
    broken = new_dataset()
    for s, p, o, g in sample_dataset.quads((None, None, None, None)):
        if not (s == move and p == TG.status) and not (p == OA.hasBody and o == move):
            broken.graph(g).add((s, p, o))
    with pytest.raises(ShapeError) as error:
        check_shapes(broken)
    report = str(error.value)
    assert "A move is either tg:Announced or tg:Completed." in report
    assert "Every fact is described by at least one annotation quoting its source." in report


def test_quote_offsets_point_into_a_document_with_windows_line_endings(tmp_path):
    seeds = write_seeds(tmp_path / "seeds", document=MINI_DOCUMENT.replace("\n", "\r\n"))
    raw = (seeds / "documents" / "mini.txt").read_bytes()
    assert b"\r\n" in raw
    dataset = build_dataset(seeds=seeds)
    text = raw.decode("utf-8")
    positions = list(dataset.subjects(RDF.type, OA.TextPositionSelector))
    assert len(positions) == 2  # the mini seeds' two claims, one quote each
    for position in positions:
        start, end = (dataset.value(position, p).toPython() for p in (OA.start, OA.end))
        quote = URIRef(str(position).replace("#position", "#quote"))
        assert text[start:end] == str(dataset.value(quote, OA.exact))
    source = entity_iri("source", "mini")
    digest = dataset.value(source, URIRef("http://www.w3.org/2000/10/swap/crypto#sha256"))
    assert str(digest) == hashlib.sha256(raw).hexdigest()


def test_the_mini_seeds_build_to_the_expected_facts(mini_seeds, tmp_path):
    result = build(seeds=mini_seeds, out=tmp_path / "out")
    assert [(move.iri, str(move.date)) for move in result.facts.moves] == [
        (str(entity_iri("move", "ann-lee-from-acme-vision-to-beta-labs")), "2024-05")
    ]


def test_build_command_prints_a_summary_and_the_files(in_sample, sample_dataset, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Built the graph from 3 sources:"
    counts = dict(line.rsplit(None, 1) for line in lines[1:12])
    # Counted from the sample's claims: Mara, Tobias, Piet, Ines, Dana; 9 organisations in the
    # registry; Mara's, Tobias's and Piet's moves are completed, Ines's announced; the vision
    # team's and the research division's groups; 6 jobs (Mara, Tobias twice, Piet, Ines,
    # Dana); 3 part-of links (the research division's is stated twice: counted once);
    # Quillon and Brightwater in Larkspur; Mara at Lindqvist; 9 + 11 + 2 quotes.
    triples = len(set(sample_dataset.triples((None, None, None))))
    assert {k.strip(): int(v) for k, v in counts.items()} == {
        "people": 5,
        "organizations": 9,
        "moves completed": 3,
        "moves announced": 1,
        "group departures": 2,
        "employments": 6,
        "part-of links": 3,
        "investments": 2,
        "alumni links": 1,
        "quotes": 22,
        "triples": triples,
    }
    assert lines[12] == f"Wrote 11 outputs to {out}/:"
    assert lines[13:24] == [f"  {out / name}" for name in OUT_FILES]
    assert result.stderr == (
        "warning: claims/quillon-reshuffle.yaml:50: curator's note: The article gives the month "
        "(April) but not the year.\n"
    )


def test_build_command_reports_bad_seeds_without_a_traceback(tmp_path, mini_seeds):
    (mini_seeds / "claims" / "mini.yaml").write_text(
        "- kind: move\n  person: [\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["build", "--seeds", str(mini_seeds), "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: 1 problem in the seeds:\nclaims/mini.yaml:3: YAML syntax error"
    )
    assert "Traceback" not in result.output
    assert not (tmp_path / "o").exists()


def test_out_that_is_a_file_is_a_clear_error(sample, tmp_path):
    place = tmp_path / "place"
    place.mkdir()
    target = place / "out"
    target.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OutFolderError) as error:
        build(seeds=sample / "seeds", out=target)
    assert str(error.value) == f"{target} exists and is not a folder; choose another out folder"
    result = CliRunner().invoke(
        main, ["build", "--seeds", str(sample / "seeds"), "--out", str(target)]
    )
    assert result.exit_code == 2
    assert f"Invalid value for '--out': Directory '{target}' is a file." in result.stderr
    assert target.read_text() == "not a folder"
    assert sorted(p.name for p in place.iterdir()) == ["out"]


def test_the_build_reads_the_repository_ontology_from_the_package():
    # The ontology ships as package data, mapped from the top-level ontology/ folder.
    from graph.rdf.shapes import ONTOLOGY_FILE, SHAPES_FILE, ontology_text

    for name in (ONTOLOGY_FILE, SHAPES_FILE):
        assert ontology_text(name) == (REPO / "ontology" / name).read_text(encoding="utf-8")


def test_an_out_folder_under_a_file_is_a_clear_error(sample, tmp_path):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    target = tmp_path / "a-file" / "out"
    result = CliRunner().invoke(
        main, ["build", "--seeds", str(sample / "seeds"), "--out", str(target)]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {target}: cannot write the out folder there: ")
    assert result.stderr.endswith("; pass another --out\n")
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize("collide", [False, True])
def test_the_union_files_hold_each_triple_once(
    sample_dataset, tmp_path: Path, monkeypatch, collide: bool
) -> None:
    # Facts stated by several sources are in several graphs, once each in the union. With
    # every hash made equal, each triple is checked against the triples themselves.
    if collide:
        monkeypatch.setattr(graph.rdf.serialize, "hash", lambda _: 0, raising=False)
    nquads = tmp_path / "all.nq"
    write_rdf(write_nquads(sample_dataset, [], nquads), tmp_path, PREFIXES)
    union = {quad.triple for quad in pyoxigraph.parse(path=nquads, format=NQUADS)}
    assert len(union) < sum(1 for _ in pyoxigraph.parse(path=nquads, format=NQUADS))
    for name, form in (
        ("nt", pyoxigraph.RdfFormat.N_TRIPLES),
        ("ttl", pyoxigraph.RdfFormat.TURTLE),
    ):
        parsed = pyoxigraph.parse(path=tmp_path / f"talentgraph.{name}", format=form)
        triples = [quad.triple for quad in parsed]
        assert len(triples) == len(union) and set(triples) == union, name
