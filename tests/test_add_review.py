"""Adding an article, reviewing its candidates and checking the sources against each other,
as a curator does it: in a workspace made for the test, with articles written for it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from graph.cli import main

ARTICLE = """\
Orbital AI hires Nimbus vision chief

By Jane Writer

Dana Reyes, who led the vision team at Nimbus Labs, has joined Orbital AI as chief scientist, \
the company said on Tuesday. Reyes spent six years at Nimbus Labs.

Read also: Tom Wells leaves Kestrel Robotics
"""
# A second source that sends the same person somewhere else: a conflict for `check`.
OTHER_ARTICLE = """\
Dana Reyes left Nimbus Labs for Helios AI in March, according to a company filing.
"""


def run(workspace: Path, *args: str, input: str | None = None):
    return CliRunner().invoke(
        main,
        ["--help"] if not args else list(args),
        input=input,
        env={
            "TALENTGRAPH_SEEDS": str(workspace / "seeds"),
            "TALENTGRAPH_OUT": str(workspace / "out"),
        },
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    result = CliRunner().invoke(main, ["init", str(tmp_path / "ws")])
    assert result.exit_code == 0, result.output
    return tmp_path / "ws"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_add_writes_the_document_the_source_and_pending_candidates(workspace, tmp_path):
    result = run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)))
    assert result.exit_code == 0, result.output
    assert "Added source 'orbital-ai-hires-nimbus-vision-chief'" in result.output
    seeds = workspace / "seeds"
    source_id = "orbital-ai-hires-nimbus-vision-chief"
    assert (seeds / "documents" / f"{source_id}.txt").read_text(encoding="utf-8") == ARTICLE
    sources = yaml.safe_load((seeds / "sources.yaml").read_text(encoding="utf-8"))
    assert sources[source_id]["title"] == "Orbital AI hires Nimbus vision chief"
    claims = yaml.safe_load((seeds / "claims" / f"{source_id}.yaml").read_text(encoding="utf-8"))
    assert {claim["review"] for claim in claims} == {"pending"}
    move = next(claim for claim in claims if claim["kind"] == "move")
    assert (move["person"], move["from"], move["to"]) == ("dana-reyes", "nimbus-labs", "orbital-ai")
    assert move["quote"].startswith("Dana Reyes, who led the vision team")
    entities = yaml.safe_load((seeds / "entities.yaml").read_text(encoding="utf-8"))
    assert entities["people"]["dana-reyes"] == {"label": "Dana Reyes", "review": "pending"}
    # The byline and the teaser name nobody.
    assert "jane-writer" not in entities["people"] and "tom-wells" not in entities["people"]


def test_pending_candidates_stay_out_of_the_graph_until_accepted(workspace, tmp_path):
    run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)))
    result = run(workspace, "validate")
    assert result.exit_code == 0, result.output
    assert "OK: 1 sources, 0 entities, 0 claims" in result.stdout
    assert "candidates pending review, not in the graph (talentgraph review)." in result.stderr
    build = run(workspace, "build")
    assert build.exit_code == 0, build.output
    flows = run(workspace, "flows", "--format", "json")
    assert json.loads(flows.stdout) == []


def test_review_accepts_and_rejects_then_the_build_shows_the_article(workspace, tmp_path):
    run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)))
    claims_file = next((workspace / "seeds" / "claims").glob("*.yaml"))
    kinds = [claim["kind"] for claim in yaml.safe_load(claims_file.read_text(encoding="utf-8"))]
    # Accept the move and the first job, reject everything after.
    answers = ["a", "a", *["r"] * (len(kinds) - 2)]
    result = run(workspace, "review", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert f"{len(kinds)} decided; 0 pending review." in result.output
    assert "also accepted the new names: dana-reyes, nimbus-labs, orbital-ai" in result.output
    claims = yaml.safe_load(claims_file.read_text(encoding="utf-8"))
    assert [claim.get("review") for claim in claims] == [
        None,
        None,
        *["rejected"] * (len(kinds) - 2),
    ]
    build = run(workspace, "build")
    assert build.exit_code == 0, build.output
    rows = json.loads(run(workspace, "flows", "--format", "json").stdout)
    orbital = next(row for row in rows if row["label"] == "Orbital AI")
    assert orbital["joined"] == ["Dana Reyes"]
    assert orbital["moves_in"][0]["evidence"][0]["quote"].startswith("Dana Reyes, who led")
    answer = run(
        workspace, "query", "SELECT ?p WHERE { ?p tg:leftFor org:orbital-ai }", "--format", "csv"
    )
    assert answer.stdout.splitlines()[1:] == ["https://w3id.org/talentgraph/id/person/dana-reyes"]
    assert "Dana Reyes, who led the vision team" in (workspace / "out" / "graph.html").read_text(
        encoding="utf-8"
    )


def test_a_rejected_candidate_is_not_proposed_again(workspace, tmp_path):
    run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)))
    claims_file = next((workspace / "seeds" / "claims").glob("*.yaml"))
    count = len(yaml.safe_load(claims_file.read_text(encoding="utf-8")))
    run(workspace, "review", input="r\n" * count)
    again = run(workspace, "extract", claims_file.stem, "--write")
    assert again.exit_code == 0, again.output
    assert again.output.startswith("0 new candidates")
    assert len(yaml.safe_load(claims_file.read_text(encoding="utf-8"))) == count


def test_editing_a_field_in_review(workspace, tmp_path):
    run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)))
    result = run(workspace, "review", input="e\ndate\n2024-05\nq\n")
    assert result.exit_code == 0, result.output
    claims_file = next((workspace / "seeds" / "claims").glob("*.yaml"))
    move = yaml.safe_load(claims_file.read_text(encoding="utf-8"))[0]
    assert (move["kind"], move["date"], move["review"]) == ("move", "2024-05", "pending")


def test_adding_the_same_document_twice_is_refused_with_its_id(workspace, tmp_path):
    article = write(tmp_path / "hire.txt", ARTICLE)
    run(workspace, "add", str(article))
    again = run(workspace, "add", str(write(tmp_path / "copy.txt", ARTICLE)))
    assert again.exit_code == 1
    assert again.stderr == (
        "Error: this document was already added, as source 'orbital-ai-hires-nimbus-vision-chief'\n"
    )


def test_add_a_url_takes_the_main_text_and_the_metadata(workspace, page_server):
    folder, base = page_server.folder, page_server.base
    html = (
        "<html lang='en'><head><title>Helios hires a robotics lead | Daily Wire Tech</title>"
        "<meta property='og:site_name' content='Daily Wire Tech'>"
        "<meta name='date' content='2024-03-12'></head><body><nav>Home / News / Robotics</nav>"
        "<article><h1>Helios hires a robotics lead</h1>"
        "<p>Mara Lind was hired by Helios AI from Quanta Systems, the company said.</p>"
        "<p>Lind previously led the manipulation team at Quanta Systems.</p></article>"
        "<footer>Related: Other stories from the week</footer></body></html>"
    )
    write(folder / "story.html", html)
    result = run(workspace, "add", f"{base}/story.html", "--publisher", "Daily Wire")
    assert result.exit_code == 0, result.output
    sources = yaml.safe_load((workspace / "seeds" / "sources.yaml").read_text(encoding="utf-8"))
    ((source_id, meta),) = sources.items()
    assert meta == {
        "original_name": "page.html",
        "title": "Helios hires a robotics lead",
        "publisher": "Daily Wire",
        "date": "2024-03-12",
        "language": "en",
        "url": f"{base}/story.html",
    }
    text = (workspace / "seeds" / "documents" / f"{source_id}.txt").read_text(encoding="utf-8")
    assert "Mara Lind was hired by Helios AI from Quanta Systems" in text
    assert "Home / News" not in text
    assert run(workspace, "validate").exit_code == 0


def test_check_reports_a_conflict_raised_by_a_pending_candidate_with_both_quotes(
    workspace, tmp_path
):
    run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)))
    claims_file = next((workspace / "seeds" / "claims").glob("*.yaml"))
    count = len(yaml.safe_load(claims_file.read_text(encoding="utf-8")))
    run(workspace, "review", input="a\n" + "r\n" * (count - 1))
    run(workspace, "add", str(write(tmp_path / "filing.txt", OTHER_ARTICLE)))  # pending only
    result = run(workspace, "check", "--format", "json")
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    conflict = next(f for f in findings if f["kind"] == "conflicting destinations")
    assert conflict["severity"] == "error"
    assert conflict["people"] == ["Dana Reyes"]
    quotes = {item["quote"] for item in conflict["evidence"]}
    assert any(q.startswith("Dana Reyes, who led the vision team") for q in quotes)
    assert (
        "Dana Reyes left Nimbus Labs for Helios AI in March, according to a company filing."
        in quotes
    )
    assert any("pending review" in item["where"] for item in conflict["evidence"])
    table = run(workspace, "check")
    places = "Helios AI, Orbital AI"
    expected = "error: conflicting destinations (Dana Reyes): Dana Reyes left Nimbus Labs for {}"
    assert expected.format(f"different places: {places}") in table.stdout


def test_a_wikidata_id_is_published_as_owl_same_as(workspace, tmp_path):
    run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)))
    claims_file = next((workspace / "seeds" / "claims").glob("*.yaml"))
    count = len(yaml.safe_load(claims_file.read_text(encoding="utf-8")))
    run(workspace, "review", input="a\n" + "r\n" * (count - 1))
    entities = workspace / "seeds" / "entities.yaml"
    entities.write_text(
        entities.read_text(encoding="utf-8").replace(
            '    label: "Orbital AI"\n', '    label: "Orbital AI"\n    wikidata: Q4242\n'
        ),
        encoding="utf-8",
    )
    assert run(workspace, "build").exit_code == 0
    answer = run(
        workspace,
        "query",
        "ASK { org:orbital-ai owl:sameAs <http://www.wikidata.org/entity/Q4242> }",
    )
    assert answer.stdout == "true\n"


def test_a_new_name_close_to_a_known_one_is_flagged_never_merged(workspace, tmp_path):
    run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)))
    claims_file = next((workspace / "seeds" / "claims").glob("*.yaml"))
    count = len(yaml.safe_load(claims_file.read_text(encoding="utf-8")))
    run(workspace, "review", input="a\n" + "r\n" * (count - 1))  # Nimbus Labs is now known
    # A second article spells the lab "Nimbus Lab": a new, pending name close to a known one.
    other = "Omar Haddad left Nimbus Lab for Helios AI in March, a filing shows.\n"
    run(workspace, "add", str(write(tmp_path / "other.txt", other)))
    entities = yaml.safe_load((workspace / "seeds" / "entities.yaml").read_text(encoding="utf-8"))
    assert entities["organizations"]["nimbus-lab"]["review"] == "pending"  # not merged
    findings = json.loads(run(workspace, "check", "--format", "json").stdout)
    flagged = [f["message"] for f in findings if f["kind"] == "possible duplicate name"]
    assert len(flagged) == 1
    assert flagged[0].startswith("new 'Nimbus Lab' (nimbus-lab, entities.yaml:")
    assert "looks like 'Nimbus Labs' (nimbus-labs, entities.yaml:" in flagged[0]
    shown = run(workspace, "review", input="q\n")
    assert "looks like known 'Nimbus Labs' (nimbus-labs)" in shown.output


def test_a_candidate_with_a_problem_is_reported_by_review_and_check(workspace, tmp_path):
    run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)))
    claims_file = next((workspace / "seeds" / "claims").glob("*.yaml"))
    text = claims_file.read_text(encoding="utf-8")
    # A hand edit gives the first candidate a date that is not one: it leaves the review.
    claims_file.write_text(
        text.replace("  status: completed", "  date: 2024-13\n  status: completed", 1),
        encoding="utf-8",
    )
    review = run(workspace, "review", input="q\n")
    assert review.exit_code == 0, review.output
    assert f"warning: claims/{claims_file.name}:" in review.stderr
    assert "'date'" in review.stderr
    assert "1 problem(s) in the seeds" in review.stderr
    check = run(workspace, "check", "--format", "json")
    assert check.exit_code == 1
    (invalid,) = [f for f in json.loads(check.stdout) if f["kind"] == "invalid seeds"]
    assert invalid["severity"] == "error"
    assert invalid["message"].startswith(f"claims/{claims_file.name}:")
    table = run(workspace, "check")
    assert table.exit_code == 1
    assert f"error: invalid seeds: claims/{claims_file.name}:" in table.stdout


def test_add_and_extract_write_report_the_problems_of_the_files_they_touch(workspace, tmp_path):
    entities = workspace / "seeds" / "entities.yaml"
    entities.write_text("people:\n  ann-lee:\n    label: Ann Lee\n    colour: red\n")
    added = run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)))
    assert added.exit_code == 0, added.output
    assert "warning: entities.yaml:4: 'ann-lee': unknown field 'colour'" in added.stderr
    claims_file = next((workspace / "seeds" / "claims").glob("*.yaml"))
    again = run(workspace, "extract", claims_file.stem, "--write")
    assert again.exit_code == 0, again.output
    assert "warning: entities.yaml:4: 'ann-lee': unknown field 'colour'" in again.stderr


def test_editing_a_field_in_review_takes_its_type_and_refuses_unknown_names(workspace, tmp_path):
    seeds = workspace / "seeds"
    run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)))
    claims_file = next((seeds / "claims").glob("*.yaml"))
    employment = next(
        i
        for i, claim in enumerate(yaml.safe_load(claims_file.read_text(encoding="utf-8")))
        if claim["kind"] == "employment"
    )
    skips = "s\n" * employment
    result = run(
        workspace,
        "review",
        input=f"{skips}e\ncolour\nred\ne\ncurrent\nfalse\ne\ncurrent\nmaybe\nq\n",
    )
    assert result.exit_code == 0, result.output
    assert "not changed: a claim of kind employment has no field 'colour'" in result.output
    assert "not changed: 'current' must be true or false, got 'maybe'" in result.output
    claim = yaml.safe_load(claims_file.read_text(encoding="utf-8"))[employment]
    assert claim["current"] is False
    assert "colour" not in claim


def test_accepting_and_rejecting_a_claim_whose_dash_line_holds_review(workspace, tmp_path):
    from graph.curation import drafts
    from graph.curation.seeds import read_seeds

    seeds = workspace / "seeds"
    run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)))
    claims_file = next((seeds / "claims").glob("*.yaml"))
    lines = claims_file.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("- kind: move"))
    lines[start : start + 2] = ["- review: pending\n", "  kind: move\n"]
    claims_file.write_text("".join(lines), encoding="utf-8")
    move = next(c for c in read_seeds(seeds, []).pending if c.kind == "move")
    drafts.reject(seeds, move)
    text = claims_file.read_text(encoding="utf-8")
    assert "- review: rejected\n  kind: move\n" in text
    keys = [line for line in text.splitlines() if line.startswith(("- review:", "  review:"))]
    assert len(keys) == len(yaml.safe_load(text))  # one review key per claim, none doubled
    move = next(c for c in read_seeds(seeds, []).drafts if c.kind == "move")
    drafts.accept(seeds, move, {})
    claims = yaml.safe_load(claims_file.read_text(encoding="utf-8"))
    accepted = next(c for c in claims if c["kind"] == "move")
    assert not {"review", "confidence", "trigger"} & set(accepted)
    assert claims_file.read_text(encoding="utf-8").splitlines()[start] == "- kind: move"


@pytest.mark.parametrize("link", ["documents", "claims", "sources.yaml", "entities.yaml"])
def test_add_writes_nothing_through_a_link_out_of_the_seeds(workspace, tmp_path, link):
    seeds = workspace / "seeds"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    if link.endswith(".yaml"):
        target = write(outside / link, (seeds / link).read_text(encoding="utf-8"))
        (seeds / link).unlink()
        (seeds / link).symlink_to(target)
    else:
        shutil.rmtree(seeds / link, ignore_errors=True)
        (seeds / link).symlink_to(outside, target_is_directory=True)
    before = {path: path.read_bytes() for path in outside.iterdir()}
    result = run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert f"is a link to {outside}" in result.stderr
    assert "outside the seeds folder" in result.stderr
    assert {path: path.read_bytes() for path in outside.iterdir()} == before
    assert not list(seeds.glob("documents/*.txt"))


def test_add_a_chinese_article_with_a_long_headline(workspace, tmp_path):
    # 78 Han characters: 5 ASCII characters each, too long a file name without a cut.
    headline = "阿里巴巴通义千问团队技术负责人林俊旸宣布离职，加入一家新成立的人工智能初创公司" * 2
    article = write(tmp_path / "news.txt", f"{headline}\n\n林俊旸已离开阿里巴巴。\n")
    result = run(workspace, "add", str(article), "--title", headline)
    assert result.exit_code == 0, result.output
    (document,) = (workspace / "seeds" / "documents").glob("*.txt")
    # 60 characters of code points, then a hash of the whole.
    assert document.stem.startswith("u963fu91ccu5df4u5df4")
    assert len(document.stem) == 60 + 7
    assert run(workspace, "validate").exit_code == 0


def test_extract_write_into_a_claims_file_holding_a_commented_empty_list(workspace, tmp_path):
    run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)))
    claims_file = next((workspace / "seeds" / "claims").glob("*.yaml"))
    count = len(yaml.safe_load(claims_file.read_text(encoding="utf-8")))
    claims_file.write_text("# Read on 3 May: nothing to take yet.\n[]  # none\n", encoding="utf-8")
    result = run(workspace, "extract", claims_file.stem, "--write")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{count} new candidates")
    text = claims_file.read_text(encoding="utf-8")
    assert text.startswith("# Read on 3 May: nothing to take yet.\n\n- kind: move\n")
    assert len(yaml.safe_load(text)) == count
    assert run(workspace, "validate").exit_code == 0


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--date", "2024-13", "Error: date: impossible date '2024-13': month 13 does not exist\n"),
        ("--date", "--05", "Error: date '--05': a source's date needs its year\n"),
        (
            "--language",
            "English!",
            "Error: language 'English!' is not a language tag; write one like en, zh or zh-Hans\n",
        ),
        (
            "--url",
            "https://example.com/a b",
            "Error: url 'https://example.com/a b' is not an IRI (Invalid IRI code point ' '); "
            "percent-encode what it cannot hold\n",
        ),
    ],
)
def test_add_refuses_a_date_language_or_url_sources_yaml_would_refuse(
    workspace, tmp_path, option, value, message
):
    before = (workspace / "seeds" / "sources.yaml").read_text(encoding="utf-8")
    result = run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)), option, value)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert (workspace / "seeds" / "sources.yaml").read_text(encoding="utf-8") == before
    assert not list((workspace / "seeds" / "documents").glob("*.txt"))


def test_add_refuses_a_document_already_there_whose_source_entry_is_broken(workspace, tmp_path):
    run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)))
    sources = workspace / "seeds" / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("language: en", "language: 1"))
    again = run(workspace, "add", str(write(tmp_path / "copy.txt", ARTICLE)))
    assert again.exit_code == 1
    assert again.stderr == (
        "Error: this document was already added, as "
        "documents/orbital-ai-hires-nimbus-vision-chief.txt\n"
    )


def test_a_failed_write_leaves_the_claims_file_whole(workspace, tmp_path, monkeypatch):
    import graph.curation.files
    from graph.curation import drafts
    from graph.curation.seeds import read_seeds

    seeds = workspace / "seeds"
    run(workspace, "add", str(write(tmp_path / "hire.txt", ARTICLE)))
    claims_file = next((seeds / "claims").glob("*.yaml"))
    before = claims_file.read_bytes()
    claims_file.chmod(0o664)
    mode = 0o664
    move = next(c for c in read_seeds(seeds, []).pending if c.kind == "move")

    def disk_full(source, destination):
        raise OSError("disk full")

    monkeypatch.setattr(graph.curation.files.os, "replace", disk_full)
    with pytest.raises(OSError, match="disk full"):
        drafts.set_field(seeds, move, "date", "2024-05")
    assert claims_file.read_bytes() == before
    assert [p.name for p in claims_file.parent.iterdir()] == [claims_file.name]  # no temp file
    monkeypatch.undo()
    drafts.set_field(seeds, move, "date", "2024-05")
    assert claims_file.stat().st_mode & 0o777 == mode  # not the temporary file's 0o600
    assert yaml.safe_load(claims_file.read_text(encoding="utf-8"))[0]["date"] == "2024-05"


def test_add_drops_a_byte_order_mark_from_the_document_and_its_title(workspace, tmp_path):
    article = tmp_path / "hire.txt"
    article.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    result = run(workspace, "add", str(article))
    assert result.exit_code == 0, result.output
    seeds = workspace / "seeds"
    source_id = "orbital-ai-hires-nimbus-vision-chief"
    assert (seeds / "documents" / f"{source_id}.txt").read_text(encoding="utf-8") == ARTICLE
    sources = yaml.safe_load((seeds / "sources.yaml").read_text(encoding="utf-8"))
    assert sources[source_id]["title"] == "Orbital AI hires Nimbus vision chief"


def test_add_refuses_an_empty_document(workspace, tmp_path):
    empty = write(tmp_path / "empty.txt", " \n\n")
    result = run(workspace, "add", str(empty))
    assert result.exit_code == 1
    assert result.stderr == f"Error: {empty}: no text in it; an article needs the text it reports\n"
    assert not list((workspace / "seeds" / "documents").iterdir())


def test_drafts_name_the_entity_the_extractor_linked(workspace, tmp_path):
    # "Orbital AI" is the label of a known company and of a rejected one. The extractor leaves
    # rejected entities out, so it links the name to the known company: the drafts name it too
    # (neither a new "Orbital AI" to review, nor the rejected one).
    first = "Dana Reyes left Nimbus Labs for Orbital AI in March, the company said.\n"
    run(workspace, "add", str(write(tmp_path / "first.txt", first)))
    claims = len(yaml.safe_load(next((workspace / "seeds" / "claims").glob("*.yaml")).read_text()))
    run(workspace, "review", input="a\n" * claims)
    entities_file = workspace / "seeds" / "entities.yaml"
    with entities_file.open("a", encoding="utf-8") as entities:
        entities.write(
            '  orbital-ai-2:\n    label: "Orbital AI"\n    class: Company\n    review: rejected\n'
        )
    second = "Omar Haddad left Orbital AI for Helios AI in May, a filing shows.\n"
    result = run(workspace, "add", str(write(tmp_path / "second.txt", second)))
    assert result.exit_code == 0, result.output
    drafted = yaml.safe_load((workspace / "seeds" / "claims" / "second.yaml").read_text())
    assert [claim["from"] for claim in drafted if claim["kind"] == "move"] == ["orbital-ai"]
    organizations = yaml.safe_load(entities_file.read_text(encoding="utf-8"))["organizations"]
    assert sorted(organizations) == ["helios-ai", "nimbus-labs", "orbital-ai", "orbital-ai-2"]
