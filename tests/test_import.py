"""Bulk import: records in CSV, JSON Lines and SPARQL JSON become a source whose rows are the
evidence, in the sample workspace, as a user runs it. The rows are written for the tests."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import URIRef

from graph.build import build, build_dataset
from graph.cli import main
from graph.curation.imports.careers import Known, read_careers
from graph.curation.imports.files import import_file, recover_imports
from graph.curation.imports.records import Record, read_records
from graph.dates import parse_stated_date
from graph.errors import InputError, Problem, StaleBuildError
from graph.published import published_facts
from graph.rdf.shapes import check_shapes
from graph.rdf.store import open_store, store_dir

PERSON = "https://w3id.org/talentgraph/id/person/"
ORG = "https://w3id.org/talentgraph/id/org/"
SOURCE = "https://w3id.org/talentgraph/id/source/"
TRIG = pyoxigraph.RdfFormat.TRIG

# Rows 2-3 are one career (a move, to a known org named by alias), row 4 names a known person
# by alias and a new unit of a new org,
# rows 5-7 are bad, rows 8-9 are two different people with one name (person_id tells them apart).
STAFF = """\
person,org,start,end,role,source,person_id,org_parent
Ada Quince,Fennel Robotics,2017,2020-03,Research Scientist,register p.1,,
Ada Quince,Larkspur,2020-04,,Head of Vision,register p.2,,
Toby Wren,Fennel Vision Group,2021,,,register p.3,,Fennel Robotics
Ben Ruiz,,2020,,,register p.4,,
Cy Moss,Larkspur,2023-02-30,,,register p.5,,
Dee Park,Larkspur,2022,2020,,register p.6,,
Sam Lee,Fennel Robotics,2019,,,register p.7,a1,
Sam Lee,Quillon,2015,2018,,register p.8,a2,
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def run(workspace: Path, *args: str):
    return CliRunner().invoke(main, list(args), env={"TALENTGRAPH_SEEDS": str(workspace / "seeds")})


def rows(text: str, form: str = "csv") -> list[Record | Problem]:
    return list(read_records(io.StringIO(text, newline=""), form, "rows"))


def test_import_keeps_good_rows_reports_bad_ones_and_builds(sample: Path, tmp_path: Path):
    staff = write(tmp_path, "staff.csv", STAFF)
    result = run(sample, "import", str(staff), "--title", "Staff register")
    assert result.exit_code == 0, result.output
    assert "Imported 'staff': 5 rows, 3 bad rows skipped" in result.output
    for line in ("staff.csv:5: org is empty", "staff.csv:6: start: impossible date"):
        assert line in result.output
    assert "staff.csv:7: start 2022 is after end 2020" in result.output
    kept = sample / "seeds" / "imports" / "staff.csv"
    assert kept.read_bytes() == staff.read_bytes()
    assert 'title: "Staff register"' in (sample / "seeds" / "imports.yaml").read_text()

    build(seeds=sample / "seeds")
    facts = published_facts(seeds=sample / "seeds")
    [move] = [m for m in facts.moves if m.person == PERSON + "ada-quince"]
    assert (move.from_org, move.to_org, str(move.date)) == (
        ORG + "fennel-robotics",
        ORG + "larkspur-ai",  # "Larkspur" is an alias of the sample's Larkspur AI
        "2020-04",
    )
    assert [e.quote for e in move.evidence] == STAFF.splitlines()[1:3]
    assert {e.title for e in move.evidence} == {"Staff register"}
    # Toby Wren is an alias of a known person; the unit and its parent are new organisations.
    toby = [job for job in facts.employments if job.person == PERSON + "tobias-wren"]
    assert [job.org for job in toby if job.evidence[0].title == "Staff register"] == [
        ORG + "fennel-vision-group"
    ]
    assert facts.parents[ORG + "fennel-vision-group"] == ORG + "fennel-robotics"
    # Two Sam Lees, told apart by person_id: two people, neither with a move.
    sams = {job.person for job in facts.employments if job.person.startswith(PERSON + "sam-lee")}
    assert sams == {PERSON + "sam-lee", PERSON + "sam-lee-2"}


def test_the_provenance_names_the_row_and_its_place(sample: Path, tmp_path: Path):
    staff = write(tmp_path, "staff.csv", STAFF)
    import_file(staff, sample / "seeds")
    build(seeds=sample / "seeds")
    store = open_store(store_dir(sample / "out"))
    query = """
        PREFIX oa: <http://www.w3.org/ns/oa#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?exact ?start ?end ?line WHERE {
          ?a oa:hasBody <https://w3id.org/talentgraph/id/employment/staff-row-3> ;
             oa:hasTarget ?t .
          ?t oa:hasSelector ?q, ?p, ?f .
          ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end . ?f rdf:value ?line }"""
    [row] = list(store.query(query, use_default_graph_as_union=True))
    exact, start, end = row["exact"].value, int(row["start"].value), int(row["end"].value)
    assert exact == "Ada Quince,Larkspur,2020-04,,Head of Vision,register p.2,,"
    assert STAFF[start:end] == exact
    assert row["line"].value == "line=2,3"  # RFC 5147: the third line


def test_strict_refuses_the_whole_file_and_changes_nothing(sample: Path, tmp_path: Path):
    before = sorted(path.name for path in (sample / "seeds").iterdir())
    result = run(sample, "import", str(write(tmp_path, "staff.csv", STAFF)), "--strict")
    assert result.exit_code == 1
    assert "3 bad row(s), nothing imported (--strict)" in result.output
    assert "staff.csv:5: org is empty" in result.output
    assert sorted(path.name for path in (sample / "seeds").iterdir()) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("name,org\nAda,X\n", "unknown column 'name'"),
        ("person,role\nAda,CEO\n", "lacks the column 'org'"),
        ("person,org,org\nAda,X,Y\n", "column 'org' appears twice"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused(sample: Path, tmp_path: Path, text, message):
    with pytest.raises(InputError, match=message):
        import_file(write(tmp_path, "bad.csv", text), sample / "seeds")
    assert not (sample / "seeds" / "imports.yaml").exists()


def test_not_utf8_and_no_good_row_are_refused(sample: Path, tmp_path: Path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("person,org\nJosé,Ñandú AI\n".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        import_file(latin, sample / "seeds")
    with pytest.raises(InputError, match="no row could be read"):
        import_file(write(tmp_path, "none.csv", "person,org\n,X\n"), sample / "seeds")


def test_json_lines_and_sparql_results(sample: Path, tmp_path: Path):
    lines = [
        {"person": "Ola Berg", "org": "Quillon", "start": 2016, "wikidata_person": "Q90001"},
        {
            "person": "Ola Berg",
            "org": "Norrland",
            "start": "2019-09-01",
            "wikidata_person": "Q90001",
        },
        "not an object",
    ]
    jsonl = write(tmp_path, "people.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n")
    report = import_file(jsonl, sample / "seeds")
    assert (report.rows, [str(p) for p in report.problems]) == (
        2,
        ["people.jsonl:3: expected a JSON object with 'person' and 'org'"],
    )
    binding = {
        "person": {"type": "uri", "value": "http://www.wikidata.org/entity/Q90002"},
        "personLabel": {"type": "literal", "value": "Ivo Lund"},
        "employer": {"type": "uri", "value": "http://www.wikidata.org/entity/Q90003"},
        "employerLabel": {"type": "literal", "value": "Kestrel Compute"},
        "start": {"type": "literal", "value": "2021-06-01T00:00:00Z"},
    }
    results = {"head": {"vars": sorted(binding)}, "results": {"bindings": [binding]}}
    import_file(write(tmp_path, "query.json", json.dumps(results, indent=1)), sample / "seeds")
    build(seeds=sample / "seeds")
    facts = published_facts(seeds=sample / "seeds")
    [move] = [m for m in facts.moves if m.person == PERSON + "ola-berg"]
    assert (move.from_org, move.to_org) == (ORG + "quillon", ORG + "norrland")
    [ivo] = [job for job in facts.employments if job.person == PERSON + "ivo-lund"]
    assert str(ivo.start) == "2021-06-01"
    assert json.loads(ivo.evidence[0].quote) == binding  # the binding's own text in the file
    store = open_store(store_dir(sample / "out"))
    same = "ASK { <%s> <http://www.w3.org/2002/07/owl#sameAs> <http://www.wikidata.org/entity/%s> }"
    assert store.query(same % (PERSON + "ola-berg", "Q90001"), use_default_graph_as_union=True)
    assert store.query(same % (PERSON + "ivo-lund", "Q90002"), use_default_graph_as_union=True)
    assert store.query(same % (ORG + "kestrel-compute", "Q90003"), use_default_graph_as_union=True)


def test_an_import_after_a_build_makes_it_stale(built_sample: Path, tmp_path: Path):
    import_file(write(tmp_path, "staff.csv", STAFF), built_sample / "seeds")
    with pytest.raises(StaleBuildError, match=r"imports\.yaml added"):
        published_facts(seeds=built_sample / "seeds")


def test_a_second_parent_for_a_known_unit_is_a_warning(sample: Path, tmp_path: Path):
    text = "person,org,org_parent\nAda Quince,Norrland vision team,Quillon\n"
    import_file(write(tmp_path, "units.csv", text), sample / "seeds")
    result = build(seeds=sample / "seeds")
    assert any("already part of 'norrland-ai'" in str(w) for w in result.warnings)
    assert result.facts.parents[ORG + "norrland-vision"] == ORG + "norrland-ai"


def careers_of(text: str):
    return read_careers([r for r in rows(text) if isinstance(r, Record)], Known())


def test_moves_need_two_ordered_starts_and_no_overlap():
    careers = careers_of(
        "person,org,start,end\n"
        "Al,A,2010,2014\nAl,B,2012,\n"  # overlapping: B began before A ended
        "Bo,A,,\nBo,B,2019,\n"  # A undated: no order, no move
        "Cy,A,2019-03,\nCy,B,2019,\n"  # same year: B may have begun first
        "Di,A,2015,\nDi,A,2018,\n"  # two jobs at one organisation: no move
        "Ed,A,2015,2017\nEd,B,2017-02,\n"  # A ended in 2017, B began in February 2017
    )
    assert [(m.person, m.from_org, m.to_org, str(m.date)) for m in careers.moves] == [
        ("ed", "a", "b", "2017-02")
    ]
    current = {(job.person, job.org, job.record.line) for job in careers.jobs if job.current}
    assert ("ed", "a", 10) not in current and ("ed", "b", 11) in current
    assert ("bo", "a", 4) in current  # no end and no move out of it


def test_names_resolve_by_label_alias_and_wikidata_unless_ambiguous():
    known = Known()
    known.add("person", "tobias-wren", ["Tobias Wren", "Toby Wren"], "Q7")
    known.add("org", "larkspur", ["Larkspur AI", "Larkspur"], None)
    records = [
        r
        for r in rows(
            "person,org,person_id,wikidata_person\n"
            "toby  WREN,larkspur,,\n"  # alias, any case and spacing
            "Someone Else,Larkspur AI,,Q7\n"  # the Wikidata id wins over the name
            "Tobias Wren,Larkspur,x1,\nTobias Wren,Larkspur,x2,\n"  # two people: neither is known
        )
        if isinstance(r, Record)
    ]
    careers = read_careers(records, known)
    assert [job.person for job in careers.jobs] == [
        "tobias-wren",
        "tobias-wren",
        "tobias-wren-2",
        "tobias-wren-3",
    ]
    assert {job.org for job in careers.jobs} == {"larkspur"}


def test_rows_keep_their_text_offsets_and_lines_across_quoted_newlines():
    text = 'person,org,source\r\nAda,"X, Inc.","two\nlines"\r\nBo,Y,z\r\n'
    first, second = rows(text)
    assert isinstance(first, Record) and isinstance(second, Record)
    assert (first.line, first.org, first.source) == (2, "X, Inc.", "two\nlines")
    assert text[first.start_offset :].startswith(first.text)
    assert first.text == 'Ada,"X, Inc.","two\nlines"'
    assert (second.line, text[second.start_offset :][: len(second.text)]) == (4, "Bo,Y,z")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Ada,X,2019-13", "start: malformed date|start: impossible month|month"),
        ("Ada,X,--03", "needs its year"),
        ("Ada,X,2019,extra", "4 fields where the header has 3"),
        ("Ada\u202e,X,2019", "control or direction characters"),
        ("Ada," + "X" * 600 + ",2019", "org longer than 500 characters"),
    ],
)
def test_bad_rows_say_what_is_wrong(row: str, message: str):
    [problem] = rows(f"person,org,start\n{row}\n")
    assert isinstance(problem, Problem) and problem.line == 2
    assert __import__("re").search(message, problem.message), problem.message


def test_wikidata_ids_are_checked():
    [problem] = rows("person,org,wikidata_org\nAda,X,Google\n")
    assert isinstance(problem, Problem) and "not a Wikidata id like Q42" in problem.message


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_rows_or_problems_never_a_crash(body: str):
    try:
        items = rows("person,org,start,end\n" + body)
    except InputError:
        return  # only the header can refuse the whole file, and it is fixed here
    for item in items:
        assert isinstance(item, Record | Problem)
        if isinstance(item, Record):
            assert item.person and item.org
            if item.start and item.end:
                assert parse_stated_date(str(item.start)) == item.start


def test_imported_quads_conform_to_the_shapes(sample: Path, tmp_path: Path):
    # The build does not run SHACL over imports (they can be millions of rows); this keeps
    # the quads they are written as in the shapes' form.
    import_file(write(tmp_path, "staff.csv", STAFF), sample / "seeds")
    dataset = build_dataset(seeds=sample / "seeds")
    assert len(dataset.graph(URIRef(SOURCE + "staff"))) > 100
    check_shapes(dataset)


def test_the_rdf_files_hold_the_imported_quads_with_their_datatypes(sample: Path, tmp_path):
    import_file(write(tmp_path, "staff.csv", STAFF), sample / "seeds")
    build(seeds=sample / "seeds")
    expected = build_dataset(seeds=sample / "seeds").serialize(format="nquads", encoding="utf-8")
    trig = pyoxigraph.parse(path=sample / "out" / "talentgraph.trig", format=TRIG)
    assert {str(quad) for quad in trig} == {
        str(quad) for quad in pyoxigraph.parse(expected, format=pyoxigraph.RdfFormat.N_QUADS)
    }
    text = (sample / "out" / "talentgraph.nt").read_text(encoding="utf-8")
    assert "XMLSchema#nonNegativeInteger" in text and "XMLSchema#integer" not in text


def test_build_of_a_large_graph_prints_the_largest_gains_and_losses(sample: Path, tmp_path):
    # 30 organisations, each person moving from organisation n to n + 1: too many for a table.
    rows = "".join(f"P{n},Org {n},2010,\nP{n},Org {n + 1},2015,\n" for n in range(30))
    import_file(write(tmp_path, "chain.csv", "person,org,start,end\n" + rows), sample / "seeds")
    result = run(sample, "build")
    assert result.exit_code == 0, result.output
    heading = next(line for line in result.output.splitlines() if "largest gains" in line)
    assert heading.startswith("Who gains and who loses talent at company level, 3")
    listed = result.output.split(heading, 1)[1].strip().splitlines()
    assert len(listed) == 20
    # Org 30 only gains (the end of the chain), Org 0 only loses (its start).
    assert ["Org", "30", "+1", "(in", "1,", "out", "0)"] in [line.split() for line in listed]
    assert ["Org", "0", "-1", "(in", "0,", "out", "1)"] in [line.split() for line in listed]


def test_a_job_is_over_once_the_person_moved_on_from_a_later_one():
    careers = careers_of("person,org,start\nJo,A,2015\nJo,A,2018\nJo,B,2020\n")
    assert [(job.org, job.current) for job in careers.jobs] == [
        ("a", False),
        ("a", False),
        ("b", True),
    ]


def test_a_different_wikidata_id_is_someone_else_with_the_same_name():
    known = Known()
    known.add("person", "jane-doe", ["Jane Doe"], "Q100")
    [row] = [r for r in rows("person,org,wikidata_person\nJane Doe,X,Q999\n")]
    assert isinstance(row, Record)
    careers = read_careers([row], known)
    assert [job.person for job in careers.jobs] == ["jane-doe-2"]


def test_a_unit_cannot_be_part_of_its_own_part():
    careers = careers_of("person,org,org_parent\nAl,Unit A,Unit B\nBo,Unit B,Unit A\n")
    assert [(unit.org, unit.parent) for unit in careers.units] == [("unit-a", "unit-b")]
    assert careers.warnings == [
        (3, "Unit B cannot be part of Unit A, which is part of it; parent ignored")
    ]


def test_byte_order_marks_and_crlf_multiline_fields_are_read(sample: Path, tmp_path: Path):
    text = '\ufeffperson,org,role\r\nMei Ito,Kestrel,"Research\r\nScientist"\r\n'
    report = import_file(write(tmp_path, "bom.csv", text), sample / "seeds")
    assert (report.rows, report.problems) == (1, [])
    jsonl = '\ufeff{"person": "Ola Berg", "org": "Quillon"}\n'
    assert import_file(write(tmp_path, "bom.jsonl", jsonl), sample / "seeds").rows == 1
    build(seeds=sample / "seeds")
    facts = published_facts(seeds=sample / "seeds")
    [mei] = [job for job in facts.employments if job.person == PERSON + "mei-ito"]
    kept = (sample / "seeds" / "imports" / "bom.csv").read_bytes().decode("utf-8")
    [evidence] = mei.evidence
    assert kept[evidence.start :].startswith(evidence.quote) and evidence.quote.startswith("Mei")


def test_the_same_file_twice_is_refused_and_a_file_with_no_good_row_says_why(
    sample: Path, tmp_path: Path
):
    staff = write(tmp_path, "staff.csv", STAFF)
    import_file(staff, sample / "seeds")
    with pytest.raises(InputError, match=r"already imported, as imports/staff\.csv"):
        import_file(staff, sample / "seeds")
    with pytest.raises(InputError) as refused:
        import_file(write(tmp_path, "bad.csv", "person,org\n,X\n"), sample / "seeds")
    assert str(refused.value).splitlines() == [
        "bad.csv: no row could be read, nothing imported:",
        "bad.csv:2: person is empty; every row needs a person and an org",
    ]


def test_an_article_added_after_an_import_gets_another_id(sample: Path, tmp_path: Path):
    import_file(write(tmp_path, "staff.csv", STAFF), sample / "seeds")
    article = write(tmp_path, "staff.txt", "Ada Quince left Fennel Robotics for Larkspur AI.\n")
    assert run(sample, "add", str(article)).exit_code == 0
    result = run(sample, "build")
    assert result.exit_code == 0, result.output


def test_rows_repeating_a_job_give_each_triple_once(sample: Path, tmp_path: Path):
    text = "person,org,start\nJo Kim,Quillon,2015\nJo Kim,Quillon,2016\n"
    import_file(write(tmp_path, "twice.csv", text), sample / "seeds")
    build(seeds=sample / "seeds")
    trig = list(pyoxigraph.parse(path=sample / "out" / "talentgraph.trig", format=TRIG))
    assert len(trig) == len(set(trig))


def _dead_pid() -> int:
    """The id of a process that has ended."""
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(ended.stdout)


def test_recovery_undoes_an_unregistered_copy_of_a_killed_import_and_keeps_the_rest(
    tmp_path: Path,
):
    seeds = tmp_path / "seeds"
    folder = seeds / "imports"
    folder.mkdir(parents=True)
    (seeds / "imports.yaml").write_text("kept:\n  original_name: kept.csv\n  format: csv\n")
    dead, alive = _dead_pid(), os.getpid()
    for name, pid in (("kept.csv", dead), ("gone.csv", dead), ("busy.csv", alive)):
        (folder / f".{name}.import-{pid}").write_text("person,org\nA,B\n")
        os.link(folder / f".{name}.import-{pid}", folder / name)
    (folder / "mine.csv").write_text("person,org\nA,B\n")  # the same bytes, not a link: a copy
    (folder / f".mine.csv.import-{dead}").write_text("person,org\nA,C\n")
    (seeds / f".imports.yaml.tmp-{dead}-abc123_x").write_text("half")
    (seeds / f".imports.yaml.tmp-{alive}-abc123_x").write_text("under way")
    recover_imports(seeds)
    assert sorted(path.name for path in seeds.rglob("*")) == sorted(
        [
            "imports",
            "imports.yaml",
            f".imports.yaml.tmp-{alive}-abc123_x",  # its writer runs: left alone
            "kept.csv",  # registered: the import was done, only its pending name goes
            "busy.csv",
            f".busy.csv.import-{alive}",
            "mine.csv",  # not the pending copy's bytes: not the killed import's
        ]
    )


def test_an_import_whose_registry_cannot_be_written_leaves_no_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import graph.curation.imports.files as files

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (tmp_path / "first.csv").write_bytes(b"person,org\nAnn Lee,Acme\n")
    import_file(tmp_path / "first.csv", seeds)
    before = {path: path.read_bytes() for path in seeds.rglob("*") if path.is_file()}

    def disk_full(path: Path, text: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(files, "replace_text", disk_full)
    (tmp_path / "second.csv").write_bytes(b"person,org\nBo Li,Acme\n")
    with pytest.raises(OSError, match="disk full"):
        import_file(tmp_path / "second.csv", seeds)
    assert {path: path.read_bytes() for path in seeds.rglob("*") if path.is_file()} == before


def test_an_import_interrupted_just_after_its_registry_was_written_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # Ctrl-C right after imports.yaml was replaced: the import is done, its copy stays.
    import graph.curation.imports.files as files

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    write_registry = files.replace_text

    def written_then_interrupted(path: Path, text: str) -> None:
        write_registry(path, text)
        raise KeyboardInterrupt

    monkeypatch.setattr(files, "replace_text", written_then_interrupted)
    (tmp_path / "staff.csv").write_bytes(b"person,org\nAnn Lee,Acme\n")
    with pytest.raises(KeyboardInterrupt):
        import_file(tmp_path / "staff.csv", seeds)
    assert (seeds / "imports" / "staff.csv").read_bytes() == b"person,org\nAnn Lee,Acme\n"
    assert "staff:" in (seeds / "imports.yaml").read_text(encoding="utf-8")
    assert [path.name for path in (seeds / "imports").iterdir()] == ["staff.csv"]


def test_progress_counts_bytes_up_to_the_file_size(sample: Path, tmp_path: Path):
    # Names of two- and three-byte characters: characters read would stop short of the size.
    rows = "".join(f"Zoë Åström {n},Über KI 研究所 {n % 9},2020\n" for n in range(2500))
    staff = write(tmp_path, "staff.csv", "person,org,start\n" + rows)
    seen: list[int] = []
    import_file(staff, sample / "seeds", progress=seen.append)
    assert len(seen) > 3 and seen == sorted(seen)
    assert seen[-1] == staff.stat().st_size


def _sparql_records(text: str) -> list[Record | Problem]:
    return list(read_records(io.StringIO(text), "sparql-json", "q.json"))


WIKIDATA_BINDING = {
    "person": {"type": "uri", "value": "http://www.wikidata.org/entity/Q90002"},
    "personLabel": {"type": "literal", "value": 'Ivo "bindings": [ Lund'},
    "employer": {"type": "uri", "value": "http://www.wikidata.org/entity/Q90003"},
    "employerLabel": {"type": "literal", "value": "Kestrel Compute"},
}
WIKIDATA_VARS = {"vars": ["employer", "employerLabel", "person", "personLabel"]}


@pytest.mark.parametrize("head_first", [True, False], ids=["head first", "results first"])
def test_sparql_results_are_read_a_binding_at_a_time_with_their_places(head_first: bool):
    # Members in either order, a BOM, a label that looks like the bindings' key, a second row.
    second = {**WIKIDATA_BINDING, "personLabel": {"type": "literal", "value": "Ola Berg"}}
    results = {"results": {"distinct": False, "bindings": [WIKIDATA_BINDING, second]}}
    document = (
        {"head": WIKIDATA_VARS, **results} if head_first else {**results, "head": WIKIDATA_VARS}
    )
    text = "\ufeff" + json.dumps(document, indent=1)
    records = _sparql_records(text)
    assert [record.person for record in records] == ['Ivo "bindings": [ Lund', "Ola Berg"]
    for record in records:
        assert isinstance(record, Record)
        assert text[record.start_offset :].startswith(record.text)
        assert json.loads(record.text)["employerLabel"]["value"] == "Kestrel Compute"
        assert text.count("\n", 0, record.start_offset) + 1 == record.line


HEAD = '"head": {"vars": ["employer", "employerLabel", "person", "personLabel"]}'


@pytest.mark.parametrize(
    ("text", "fault", "detail"),
    [
        (f'{{{HEAD}, "results": {{"bindings": []}}}} {{}}', "} {", "extra data at character"),
        (
            f'{{{HEAD} "results": {{"bindings": []}}}}',
            ' "results',
            "expected ',' or '}' at character",
        ),
        (f'{{{HEAD}, "results": {{"bindings": {{}}}}}}', "{}}}", "expected '[' at character"),
        (f'{{{HEAD}, "results": {{"rows": []}}}}', None, "'results.bindings'"),
        (f'{{{HEAD}, "results": {{"bindings": [{{}},]}}}}', None, "Expecting value"),
        ("[]", "[", "expected '{' at character"),
        # json.loads would keep the last of two; the import does not guess which was meant.
        (
            f'{{{HEAD}, "results": {{"bindings": []}}, "results": {{}}}}',
            None,
            "'results' given twice",
        ),
        (f'{{{HEAD}, "results": {{"bindings": [], "bindings": []}}}}', None, "'bindings' given"),
        (f'{{{HEAD}, "results": {{"bindings": [{"[" * 5000}]}}}}', None, "nested too deeply"),
    ],
)
def test_sparql_results_that_are_not_one_json_object_are_refused_whole(
    text: str, fault: str | None, detail: str
):
    with pytest.raises(InputError, match=r"q\.json: not SPARQL JSON results") as refused:
        _sparql_records(text)
    assert detail in str(refused.value)
    if fault is not None:  # the character named is where the text goes wrong
        where = text.index(fault) + (2 if fault == "} {" else 1 if fault == ' "results' else 0)
        assert str(refused.value).endswith(f"character {where}")


def test_sparql_results_count_lines_as_the_json_lines_reader_does():
    document = {"head": WIKIDATA_VARS, "results": {"bindings": [WIKIDATA_BINDING]}}
    text = json.dumps(document, indent=1).replace("\n", "\r")  # old Mac line ends
    [record] = _sparql_records(text)
    assert isinstance(record, Record)
    assert record.line == text.count("\r", 0, record.start_offset) + 1 > 1


def test_a_json_lines_row_nested_too_deeply_is_a_bad_row():
    text = '{"person": "Ann", "org": "Acme"}\n' + "[" * 3000 + "\n"
    rows = list(read_records(io.StringIO(text), "jsonl", "p.jsonl"))
    assert isinstance(rows[0], Record)
    assert [str(row) for row in rows[1:]] == ["p.jsonl:2: not valid JSON (nested too deeply)"]
