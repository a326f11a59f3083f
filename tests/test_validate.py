"""`talentgraph validate`: one small broken seeds folder per kind of error, with its message."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import MINI_CLAIMS, MINI_DOCUMENT, MINI_ENTITIES, MINI_SOURCES, write_seeds
from graph.cli import main


def run_validate(seeds: Path):
    return CliRunner().invoke(main, ["validate", "--seeds", str(seeds)])


def test_valid_seeds_pass(mini_seeds):
    result = run_validate(mini_seeds)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "OK: 1 sources, 4 entities, 2 claims, every quote found in its document.\n"
    )


# Each case: what to write instead of the valid file, and the exact error line it must give.
CASES = {
    "yaml syntax": (
        {"claims": MINI_CLAIMS.replace("  org: acme-vision\n", "  org: [acme-vision\n")},
        "claims/mini.yaml:3: YAML syntax error: expected ',' or ']', but got ':'; "
        "fix the indentation or quoting",
    ),
    "wrong field type": (
        {"claims": MINI_CLAIMS.replace("status: completed", "status: 3")},
        "claims/mini.yaml:11: move claim: 'status' is 3; use one of completed, announced",
    ),
    "unknown field": (
        {"claims": MINI_CLAIMS.replace("  to: beta-labs\n", "  too: beta-labs\n")},
        "claims/mini.yaml:9: move claim: unknown field 'too'; expected one of kind, quote, "
        "note, review, confidence, trigger, person, from, to, date, status",
    ),
    "unknown id": (
        {"claims": MINI_CLAIMS.replace("to: beta-labs", "to: beta-lab")},
        "claims/mini.yaml:9: unknown organization 'beta-lab' (did you mean 'beta-labs'?); "
        "add it to entities.yaml or fix the spelling",
    ),
    "person where an organization is needed": (
        {"claims": MINI_CLAIMS.replace("to: beta-labs", "to: ann-lee")},
        "claims/mini.yaml:9: 'to' must name an organization, but 'ann-lee' is a person",
    ),
    "duplicate id": (
        {"entities": MINI_ENTITIES.replace("  beta-labs:\n", "  acme:\n")},
        "entities.yaml:12: duplicate key 'acme' (first at line 5); keep one",
    ),
    "same id for a person and an organization": (
        {"entities": MINI_ENTITIES + "  ann-lee:\n    label: Ann Lee Inc.\n    class: Company\n"},
        "entities.yaml:15: duplicate id 'ann-lee' (first at line 2)",
    ),
    "quote not found": (
        {"claims": MINI_CLAIMS.replace("has joined Beta Labs", "joined Beta Labs")},
        "claims/mini.yaml:12: quote not found in mini (\"Ann Lee, who led Acme's vision team, "
        'joined Beta Labs in …"); copy the sentence from the document',
    ),
    "quote with straight apostrophe for a curly one": (
        {"document": MINI_DOCUMENT.replace("Acme's", "Acme\u2019s")},
        'claims/mini.yaml:4: quote not found in mini ("Acme\'s vision team was founded in 2019."); '
        "the document writes the punctuation differently (curly quotes or dashes): copy it from "
        "the document",
    ),
    "malformed date": (
        {"claims": MINI_CLAIMS.replace("date: 2024-05", "date: May 2024")},
        "claims/mini.yaml:10: move claim: 'date': malformed date 'May 2024': write YYYY, "
        "YYYY-MM, YYYY-MM-DD, or --MM for a month whose year is not stated",
    ),
    "impossible date": (
        {"claims": MINI_CLAIMS.replace("date: 2024-05", 'date: "2023-02-29"')},
        "claims/mini.yaml:10: move claim: 'date': impossible date '2023-02-29': "
        "February 2023 has 28 days",
    ),
    "impossible date written as a YAML date": (
        {"claims": MINI_CLAIMS.replace("date: 2024-05", "date: 2023-02-30")},
        "claims/mini.yaml:10: move claim: 'date': impossible date '2023-02-30': "
        "February 2023 has 28 days",
    ),
    "source date without a year": (
        {"sources": MINI_SOURCES.replace("date: unknown", "date: --05")},
        "sources.yaml:5: source 'mini': a source's date needs its year",
    ),
    "source url an IRI cannot hold": (
        {"sources": MINI_SOURCES + '  url: "https://example.com/a{b}"\n'},
        "sources.yaml:7: source 'mini': 'url' is not an IRI (Invalid IRI code point '{'); "
        "percent-encode what it cannot hold",
    ),
    "source url with a bad percent escape": (
        {"sources": MINI_SOURCES + '  url: "https://example.com/x%zz"\n'},
        "sources.yaml:7: source 'mini': 'url' is not an IRI (Invalid IRI percent encoding "
        "'%zz'); percent-encode what it cannot hold",
    ),
    "source url ending in a newline": (
        {"sources": MINI_SOURCES + '  url: "https://example.com/x\\n"\n'},
        "sources.yaml:7: source 'mini': 'url' is not an IRI (Invalid IRI code point '\\x0a'); "
        "percent-encode what it cannot hold",
    ),
    "source url not http": (
        {"sources": MINI_SOURCES + '  url: "ftp://example.com/x"\n'},
        "sources.yaml:7: source 'mini': 'url' must be an http(s) address with a host",
    ),
    "source url without a host": (
        {"sources": MINI_SOURCES + '  url: "https:///x"\n'},
        "sources.yaml:7: source 'mini': 'url' must be an http(s) address with a host",
    ),
    "language tag RDF refuses": (
        {"sources": MINI_SOURCES.replace("language: en", "language: en-1")},
        "sources.yaml:6: 'en-1' is not a language tag; write one like en, zh or zh-Hans",
    ),
    "bad language tag": (
        {
            "entities": MINI_ENTITIES.replace(
                "    label: Acme\n",
                "    label: Acme\n    aliases: [{text: 阿克米, language: zh_CN}]\n",
            )
        },
        "entities.yaml:7: 'acme': 'zh_CN' is not a language tag; write one like en, zh or zh-Hans",
    ),
    "move to itself": (
        {"claims": MINI_CLAIMS.replace("to: beta-labs", "to: acme-vision")},
        "claims/mini.yaml:9: move from 'acme-vision' to itself; a move needs two different "
        "organizations (leave 'to' out when the destination is unknown)",
    ),
    "part-of cycle": (
        {
            "entities": MINI_ENTITIES.replace(
                "    label: Acme\n", "    label: Acme\n    parent: acme-vision\n"
            ),
            "claims": MINI_CLAIMS
            + "\n- kind: part-of\n  org: acme\n  parent: acme-vision\n  quote: Acme\n",
        },
        "entities.yaml:5: part-of cycle: acme → acme-vision → acme; "
        "an organization cannot contain itself",
    ),
    "parent not stated by any source": (
        {"claims": "- kind: move" + MINI_CLAIMS.split("- kind: move")[1]},
        "entities.yaml:8: parent 'acme' of 'acme-vision' is not stated by any source; add a "
        "part-of claim with a quote, or remove the parent",
    ),
    "claim without evidence": (
        {
            "claims": MINI_CLAIMS.replace(
                '  quote: "Acme\'s vision team was founded in 2019."\n', ""
            )
        },
        "claims/mini.yaml:1: part-of claim has no evidence: add 'quote:' with the sentence "
        "(or a list of sentences) from the document that states it",
    ),
    "sources disagree": (
        {
            "claims": MINI_CLAIMS
            + "\n- kind: move\n  person: ann-lee\n  from: acme-vision\n  to: beta-labs\n"
            "  status: announced\n  quote: has joined Beta Labs\n"
        },
        "claims/mini.yaml:14: duplicate move 'ann-lee-from-acme-vision-to-beta-labs' (first at "
        "line 6); merge the two claims, listing both quotes under 'quote:'",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_error_names_file_line_and_fix(tmp_path, case):
    replacements, expected = CASES[case]
    seeds = write_seeds(tmp_path / "seeds", **replacements)
    result = run_validate(seeds)
    assert result.exit_code == 1
    assert f"Error: {expected}\n" in result.stderr, result.stderr
    assert "Traceback" not in result.output
    # The last line counts the problems listed, and says nothing of a build.
    problems = result.stderr.count("Error: ")
    assert result.stderr.endswith(f"\n{problems} problem(s) found.\n")


def test_a_document_that_is_not_utf8(mini_seeds):
    (mini_seeds / "documents" / "mini.txt").write_bytes(b"Ann Lee\nwent to Caf\xe9 Labs.\n")
    result = run_validate(mini_seeds)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "Error: documents/mini.txt:2: not UTF-8 text; re-save the file with UTF-8 encoding"
    )


def test_two_groups_leaving_one_organisation_in_one_article(tmp_path):
    document = "Several engineers left Acme. Others intend to leave Acme soon.\n"
    groups = "".join(
        f"- kind: group-departure\n  from: acme\n  description: {text}\n  status: {status}\n"
        f"  quote: {quote}\n"
        for text, status, quote in [
            ("several engineers left", "completed", "Several engineers left Acme."),
            ("others intend to leave", "announced", "Others intend to leave Acme soon."),
        ]
    )
    seeds = write_seeds(
        tmp_path / "seeds",
        document=document,
        claims=groups,
        entities=MINI_ENTITIES.replace("    parent: acme\n", ""),
    )
    result = run_validate(seeds)
    assert result.exit_code == 0, result.stderr
    assert "2 claims" in result.stdout


def test_claims_file_for_a_missing_document(mini_seeds):
    (mini_seeds / "claims" / "ghost.yaml").write_text("[]\n", encoding="utf-8")
    result = run_validate(mini_seeds)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "Error: claims/ghost.yaml:1: claims file for a missing document: no "
        "documents/ghost.txt and no 'ghost' in sources.yaml; rename the file after its "
        "document's id"
    )


def test_document_without_metadata_and_source_without_claims(mini_seeds):
    (mini_seeds / "documents" / "new.txt").write_text("Text.\n", encoding="utf-8")
    (mini_seeds / "claims" / "mini.yaml").unlink()
    result = run_validate(mini_seeds)
    assert result.stderr.splitlines()[:-1] == [
        "Error: documents/new.txt:1: document has no entry in sources.yaml; add 'new:' there",
        "Error: sources.yaml:1: source 'mini' has no claims file; create claims/mini.yaml "
        "(an empty list [] if the document states no facts)",
    ]


def test_every_problem_is_reported_at_once(tmp_path):
    claims = MINI_CLAIMS.replace("parent: acme", "parent: acne").replace("2024-05", "2024-13")
    result = run_validate(write_seeds(tmp_path / "seeds", claims=claims))
    assert result.stderr.splitlines() == [
        "Error: claims/mini.yaml:3: 'acme-vision' is part of 'acne' here but entities.yaml:8 "
        "gives 'acme'; make them the same",
        "Error: claims/mini.yaml:3: unknown organization 'acne' (did you mean 'acme'?); "
        "add it to entities.yaml or fix the spelling",
        "Error: claims/mini.yaml:10: move claim: 'date': impossible date '2024-13': "
        "month 13 does not exist",
        "3 problem(s) found.",
    ]


def test_missing_seeds_folder_is_a_clear_error(tmp_path):
    result = run_validate(tmp_path / "nope")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'nope'}: seeds folder not found\n"


def test_sources_yaml_checks_its_fields(tmp_path):
    sources = MINI_SOURCES.replace("  language: en\n", "")
    result = run_validate(write_seeds(tmp_path / "seeds", sources=sources))
    assert (
        "Error: sources.yaml:1: source 'mini': missing field 'language'; add it\n" in result.stderr
    )
