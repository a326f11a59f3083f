"""One validated way to the facts: the analyses and the pages read what `build` published,
refuse seeds that changed since, and never read the YAML; `render` republishes atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyoxigraph
import pytest
import yaml
from click.testing import CliRunner

from conftest import embedded_data
from graph.build import build, render_pages
from graph.cli import main
from graph.curation.imports.files import import_file
from graph.errors import NoBuildError, RenderError, StaleBuildError
from graph.facts import load_facts
from graph.published import published_facts
from graph.rdf.store import open_store
from graph.saved_facts import FACTS_FILE, read_facts

# The commands that report on the facts, with arguments that work on the sample corpus.
ANALYSES = {
    "flows": ["flows"],
    "centrality": ["centrality"],
    "person": ["person", "Tobias Wren"],
    "org": ["org", "Quillon"],
    "export": ["export", "network.graphml"],
    "render": ["render"],
}
STALE = (
    "Error: the seeds changed since out was built ({}); run `talentgraph build` to include "
    "the change\n"
)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def rename_dana(root: Path) -> None:
    entities = root / "seeds" / "entities.yaml"
    entities.write_text(
        entities.read_text().replace("label: Dana Whitlock", "label: Dana Whitlock-Ames"),
        encoding="utf-8",
    )


@pytest.fixture
def inside(built_sample: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh built copy of the sample workspace, as the current folder."""
    monkeypatch.chdir(built_sample)
    return built_sample


@pytest.mark.parametrize("command", sorted(ANALYSES))
def test_the_analyses_answer_from_a_fresh_build(inside: Path, command: str) -> None:
    result = run(*ANALYSES[command])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


@pytest.mark.parametrize("command", sorted(ANALYSES))
def test_the_analyses_refuse_seeds_changed_since_the_build(inside: Path, command: str) -> None:
    rename_dana(inside)
    before = sorted(p.name for p in (inside / "out").iterdir())
    result = run(*ANALYSES[command])
    assert result.exit_code == 1
    assert result.stderr == STALE.format("entities.yaml changed")
    assert result.stdout == ""
    assert sorted(p.name for p in (inside / "out").iterdir()) == before  # nothing rewritten
    assert not (inside / "network.graphml").exists()


def test_the_message_lists_what_changed(inside: Path) -> None:
    seeds = inside / "seeds"
    (seeds / "documents" / "new.txt").write_text("An article.\n", encoding="utf-8")
    (seeds / "claims" / "larkspur-seed-round.yaml").unlink()
    with (seeds / "sources.yaml").open("a", encoding="utf-8") as sources:
        sources.write("# touched\n")
    assert run("flows").stderr == STALE.format(
        "sources.yaml changed; documents/new.txt added; claims/larkspur-seed-round.yaml removed"
    )
    rename_dana(inside)
    with (seeds / "claims" / "quillon-reshuffle.yaml").open("a", encoding="utf-8") as claims:
        claims.write("# touched\n")
    assert run("flows").stderr == STALE.format(
        "claims/quillon-reshuffle.yaml changed; entities.yaml changed; sources.yaml changed; "
        "and 2 more"
    )
    with pytest.raises(StaleBuildError):
        published_facts()
    # Building again takes the changes in, and the analyses answer again.
    (seeds / "documents" / "new.txt").unlink()
    (seeds / "sources.yaml").write_text(
        (seeds / "sources.yaml").read_text().replace("# touched\n", ""), encoding="utf-8"
    )
    (seeds / "claims" / "larkspur-seed-round.yaml").write_text("[]\n", encoding="utf-8")
    assert run("build").exit_code == 0
    assert run("flows").exit_code == 0


def test_query_warns_on_stale_seeds_but_answers_from_the_last_build(inside: Path) -> None:
    rename_dana(inside)
    result = run("query", "SELECT ?name WHERE { person:dana-whitlock rdfs:label ?name }")
    assert result.exit_code == 0
    assert result.stderr == (
        "warning: the seeds changed since out was built (entities.yaml changed); run "
        "`talentgraph build` to include the change; answering from the last build\n"
    )
    assert result.stdout == "name\n-------------\nDana Whitlock\n(1 row)\n"


def test_with_no_build_every_reader_says_to_build(sample: Path, monkeypatch) -> None:
    monkeypatch.chdir(sample)  # a workspace never built
    for command in [*ANALYSES.values(), ["query", "ASK {}"]]:
        result = run(*command)
        assert result.exit_code == 1, command
        assert result.stderr == (
            "Error: out: no built graph here (no build.json); run `talentgraph build` first\n"
        ), command
    with pytest.raises(NoBuildError):
        published_facts()
    assert not (sample / "out").exists()


def test_the_analyses_never_read_the_yaml(inside: Path, monkeypatch, tmp_path: Path) -> None:
    def no_yaml(*args, **kwargs):
        raise AssertionError("an analysis parsed YAML")

    # Every YAML file of the seeds is parsed through yaml.parse (graph.curation.yamlfile).
    monkeypatch.setattr(yaml, "parse", no_yaml)
    assert run("validate").exit_code == 1  # the trap is set: reading the seeds trips it
    for command in (*ANALYSES.values(), ["query", "--name", "net-flow"]):
        result = run(*command)
        assert result.exit_code == 0, (command, result.output)
    assert published_facts().labels  # the library, too


# --------------------------------------------------------------------------- render


def test_render_then_build_on_the_default_out_folder(inside: Path) -> None:
    # The old bug: `render` wrote into out/ without the marker, and `build` then refused it.
    out = inside / "out"
    kept = {
        name: (os.stat(out / name).st_ino, (out / name).read_bytes())
        for name in ("talentgraph.ttl", "flows.csv", "build.json")
    }
    store_files = sorted(p.name for p in (out / "store").iterdir())
    result = run("render", "--level", "unit")
    assert result.exit_code == 0, result.output
    assert result.stdout == "wrote out/flows.html\nwrote out/graph.html\n"
    assert (out / ".talentgraph-out").is_file()
    # The rest of out/ is kept as it was: the same files (hard links), the store included.
    for name, (inode, data) in kept.items():
        assert (os.stat(out / name).st_ino, (out / name).read_bytes()) == (inode, data)
    assert sorted(p.name for p in (out / "store").iterdir()) == store_files
    assert embedded_data((out / "flows.html").read_text())["level"] == "unit"
    assert run("query", "ASK { ?p a tg:Person }").stdout == "true\n"  # the store still works
    built = run("build")
    assert built.exit_code == 0, built.output
    # The build republished the whole folder: flows.html is at company level again.
    assert embedded_data((out / "flows.html").read_text())["level"] == "company"


def test_a_failed_render_leaves_the_published_pages_untouched(inside: Path, monkeypatch) -> None:
    out = inside / "out"
    before = {name: (out / name).read_bytes() for name in ("graph.html", "flows.html")}
    real = Path.write_text

    def full_disk_on_the_second_page(self, *args, **kwargs):
        if "flows.html" in self.name:
            raise OSError(28, "No space left on device")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full_disk_on_the_second_page)
    # A node budget of 3 changes graph.html, which is written before flows.html fails.
    with pytest.raises(RenderError, match="cannot write the HTML pages"):
        render_pages(node_budget=3)
    monkeypatch.setattr(Path, "write_text", real)
    assert {name: (out / name).read_bytes() for name in before} == before
    assert sorted(p.name for p in inside.iterdir()) == ["out", "seeds"]  # no staging left


def test_a_seeds_edit_made_while_the_build_runs_leaves_the_build_stale(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import graph.build

    check_seeds = graph.build.check_seeds

    def read_then_edit(seeds: Path):
        curation = check_seeds(seeds)
        rename_dana(sample)  # the curator saves a change after the build read the seeds
        return curation

    monkeypatch.setattr(graph.build, "check_seeds", read_then_edit)
    graph.build.build(seeds=sample / "seeds")
    with pytest.raises(StaleBuildError, match=r"\(entities.yaml changed\)"):
        published_facts(seeds=sample / "seeds")


@pytest.mark.parametrize("damaged", ["{", "{}", '{"inputs": []}'])
def test_a_damaged_build_record_says_to_build_again(inside: Path, damaged: str) -> None:
    (inside / "out" / "build.json").write_text(damaged, encoding="utf-8")
    result = run("flows")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: out/build.json: damaged (not the record of the seeds a build writes); "
        "run `talentgraph build` first\n"
    )
    with pytest.raises(NoBuildError):
        published_facts()


# --------------------------------------------------------------------------- saved facts


def test_the_saved_facts_are_the_facts_of_the_store(sample: Path, tmp_path: Path) -> None:
    # The sample's articles and an import: the quotes of both kinds, dates at every precision.
    rows = "".join(
        f"Person {n},Org {n % 7},{2000 + n % 20}{'-03' * (n % 2)},,Engineer {n}\n"
        f"Person {n},Org {(n + 1) % 7},{2021 + n % 3}-0{1 + n % 9}-1{n % 10},,\n"
        for n in range(60)
    )
    staff = tmp_path / "staff.csv"
    staff.write_text("person,org,start,end,role\n" + rows, encoding="utf-8")
    import_file(staff, sample / "seeds")
    build(seeds=sample / "seeds")
    out = sample / "out"
    from_store = load_facts(open_store(out / "store"))
    assert len([move for move in from_store.moves if "staff" in move.iri]) == 60
    assert read_facts(out / FACTS_FILE) == from_store
    assert published_facts(seeds=sample / "seeds") == from_store


@pytest.mark.parametrize(
    "damaged",
    [
        "{",
        "[]",
        "{}",
        '{"format": "talentgraph-facts/0"}',
        '{"format": 1}',
        "[" * 100_000 + "]" * 100_000,
        "labels: []",  # valid JSON whose entries have the wrong kinds
    ],
)
def test_damaged_saved_facts_say_to_build_again(inside: Path, damaged: str) -> None:
    saved = inside / "out" / FACTS_FILE
    if damaged == "labels: []":
        record = json.loads(saved.read_text(encoding="utf-8"))
        damaged = json.dumps({**record, "labels": []})
    saved.write_text(damaged, encoding="utf-8")
    result = run("flows")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: out/facts.json: damaged, or written by another version of Talent Graph; "
        "run `talentgraph build` first\n"
    )


def test_saved_facts_that_cannot_be_read_say_so(inside: Path) -> None:
    (inside / "out" / FACTS_FILE).unlink()
    (inside / "out" / FACTS_FILE).mkdir()
    result = run("flows")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: out/facts.json: cannot be read (Is a directory); run `talentgraph build` first\n"
    )


def test_missing_saved_facts_say_to_build_again(inside: Path) -> None:
    (inside / "out" / FACTS_FILE).unlink()
    result = run("centrality")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: out/facts.json: missing (the build's saved facts); run `talentgraph build` first\n"
    )


TG_ = "https://w3id.org/talentgraph/ontology#"
ORG_ = "https://w3id.org/talentgraph/id/org/"


@pytest.mark.parametrize(
    "nquads",
    [
        # Two labels: the smallest either way, whatever the order of the lines.
        f'<{ORG_}a> <http://www.w3.org/2000/01/rdf-schema#label> "Zed" <urn:g1> .\n'
        f'<{ORG_}a> <http://www.w3.org/2000/01/rdf-schema#label> "Ann" <urn:g2> .\n',
        # A boolean in its other lexical form, which a store turns into "true".
        f'<{ORG_}b> <{TG_}unnamed> "1"^^<http://www.w3.org/2001/XMLSchema#boolean> .\n',
        # The same quad twice, a language tag, escapes.
        f'<{ORG_}c> <http://www.w3.org/2000/01/rdf-schema#label> "Qu\\"o\\nte"@en <urn:g> .\n' * 2,
    ],
    ids=["two-labels", "boolean-one", "duplicates-and-escapes"],
)
def test_the_facts_of_n_quads_are_those_of_a_store_loaded_from_them(nquads: str) -> None:
    store = pyoxigraph.Store()
    store.bulk_load(nquads.encode(), pyoxigraph.RdfFormat.N_QUADS)
    parsed = pyoxigraph.parse(nquads.encode(), format=pyoxigraph.RdfFormat.N_QUADS)
    assert load_facts(parsed) == load_facts(store)
