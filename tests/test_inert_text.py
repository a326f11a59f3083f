"""Text from articles is inert wherever it is shown: report.md, CSV, tables, JSON, warnings.

The seeds here carry payloads in labels, titles, quotes and notes; each test checks one
protection of ``graph.present.inert`` through the output a user sees.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.analysis.flows import talent_flows
from graph.cli import main
from graph.curation.checks import check_seeds
from graph.facts import Facts, load_facts
from graph.present.report import flow_reports, flows_csv, report_markdown
from graph.present.tables import Section, Table, View, render, to_json
from graph.present.views import format_flows
from graph.rdf.convert import curation_to_dataset
from graph.rdf.store import dataset_store

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
SVG = "<svg onload=alert(3)>"
HTML = SCRIPT + IMG + SVG
OSC = "\x1b]0;pwned\x07"  # sets the terminal's title
CLEAR = "\x1b[2J"  # clears the screen
BIDI = "\u202e"  # right-to-left override

DOCUMENT = (
    f"Eve {HTML} left Acme for =Beta in May 2024, said the board.\n"
    f"Acme{OSC} runs a {CLEAR}vision team of its own.\n"
)
SOURCES = f"""\
evil:
  original_name: evil.txt
  title: "Article {HTML}"
  publisher: unknown
  date: 2024-06-01
  language: en
"""
ENTITIES = f"""\
people:
  eve:
    label: "Eve {HTML} {BIDI}evil"
organizations:
  acme:
    label: "Acme {SVG} \\e]0;pwned\\a \\e[2J"
    class: Company
  beta:
    label: "=HYPERLINK(\\"http://x\\")"
    class: Startup
"""
CLAIMS = f"""\
- kind: move
  person: eve
  from: acme
  to: beta
  date: 2024-05
  status: completed
  quote: "Eve {HTML} left Acme for =Beta in May 2024"
  note: "check {IMG} \\e]0;pwned\\a \\u202e"
"""


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    root = tmp_path / "seeds"
    (root / "documents").mkdir(parents=True)
    (root / "claims").mkdir()
    (root / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    (root / "entities.yaml").write_text(ENTITIES, encoding="utf-8")
    (root / "documents" / "evil.txt").write_text(DOCUMENT, encoding="utf-8")
    (root / "claims" / "evil.yaml").write_text(CLAIMS, encoding="utf-8")
    return root


@pytest.fixture
def facts(seeds: Path) -> Facts:
    return load_facts(dataset_store(curation_to_dataset(check_seeds(seeds))))


def test_the_payloads_reach_the_facts(facts: Facts) -> None:
    # Without this the other tests would prove nothing.
    labels = {facts.label(iri) for iri in facts.people + facts.orgs}
    assert f"Eve {HTML} {BIDI}evil" in labels
    assert "Acme <svg onload=alert(3)> \x1b]0;pwned\x07 \x1b[2J" in labels


def test_report_markdown_keeps_no_html_from_the_data(facts: Facts) -> None:
    report = report_markdown(facts, flow_reports(facts))
    assert "Eve &lt;script&gt;alert(1)&lt;/script&gt;" in report
    for tag in ("<script", "<img", "<svg"):
        assert tag not in report
    # The only angle brackets left are the report's own autolinks to source IRIs.
    assert [line for line in report.splitlines() if "<" in line] == [
        "- Article &lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
        "&lt;svg onload=alert(3)&gt; <https://w3id.org/talentgraph/id/source/evil>"
    ]


def test_report_markdown_and_csv_carry_no_control_characters(facts: Facts) -> None:
    reports = flow_reports(facts)
    for text in (report_markdown(facts, reports), flows_csv(reports)):
        assert "\x1b" not in text and "\x07" not in text
        assert BIDI not in text


def test_flows_csv_neutralises_formulas_but_keeps_negative_numbers(facts: Facts) -> None:
    rows = list(csv.reader(io.StringIO(flows_csv(flow_reports(facts)))))
    header = rows[0]
    by_label = {row[header.index("label")]: row for row in rows[1:] if row[0] == "company"}
    beta = by_label['\'=HYPERLINK("http://x")']
    acme = by_label["Acme <svg onload=alert(3)>  "]  # the escape sequences removed whole
    assert acme[header.index("net")] == "-1"
    assert beta[header.index("net")] == "1"


def test_flows_format_csv_on_stdout_is_neutralised_too(facts: Facts) -> None:
    text = format_flows(talent_flows(facts, level="company"), fmt="csv")
    assert ',"\'=HYPERLINK(""http://x"")",1,0,1,' in text
    assert "\x1b" not in text
    assert ",-1," in text


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r="])
def test_every_formula_start_is_neutralised(start: str) -> None:
    view = View(Table("t", ["name", "net"], [[f"{start}cmd", -4]]))
    assert render(view, "csv").splitlines()[1].startswith(("\"'", "'"))
    assert render(view, "csv").splitlines()[1].endswith(",-4")


def test_the_terminal_table_strips_escapes_and_shows_bidi(facts: Facts) -> None:
    text = format_flows(talent_flows(facts, level="company"), fmt="table")
    assert "\x1b" not in text and "\x07" not in text
    assert "<U+202E>" in text or "Eve" not in text
    view = View(
        Table(f"T{OSC}", [f"c{CLEAR}"], [[f"a{OSC}b{BIDI}c"]]),
        notes=[Section(f"N{CLEAR}", [f"x{OSC}y"])],
        caption=f"cap{CLEAR}",
    )
    for fmt in ("table", "markdown", "csv"):
        shown = render(view, fmt)
        assert "\x1b" not in shown and "\x07" not in shown, fmt
        assert BIDI not in shown, fmt
    assert "ab<U+202E>c" in render(view, "table")


def test_markdown_format_escapes_titles_captions_and_notes() -> None:
    view = View(
        Table(f"Flows {SCRIPT}", ["org"], [[IMG]]),
        notes=[Section(f"About {SVG}", [f"see {SCRIPT} [x](javascript:alert(1))"])],
        caption=f"Caption {IMG}",
    )
    text = render(view, "markdown")
    assert "<" not in text.replace("<br>", "")
    assert "\\[x\\](javascript:alert(1))" in text


def test_json_escapes_c1_controls_and_bidi_but_keeps_the_data() -> None:
    data = {"label": f"a{BIDI}b\x9bc\x1b[2J"}
    text = to_json(data)
    assert BIDI not in text and "\x9b" not in text and "\x1b" not in text
    assert json.loads(text) == data


def test_warnings_printed_by_validate_are_inert(seeds: Path) -> None:
    result = CliRunner().invoke(main, ["validate", "--seeds", str(seeds)])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: claims/evil.yaml:8: curator's note: check <img src=x onerror=alert(2)> "
        " <U+202E>\n"
    )


def test_errors_printed_by_validate_are_inert(seeds: Path) -> None:
    claims = seeds / "claims" / "evil.yaml"
    claims.write_text(CLAIMS.replace('"Eve ', '"\\e[2J \\u202eEve '), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--seeds", str(seeds)])
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and BIDI not in result.stderr
    assert "<U+202E>" in result.stderr


def test_a_name_like_an_emoji_code_is_shown_as_written():
    # rich reads ":fire:" in text it prints as an emoji; the data's text is shown as it is.
    view = View(
        Table("Flows", ["org"], [[":fire: Labs"]]),
        notes=[Section("Left", [":fire: Labs: Ann Lee"])],
        caption="Talent flow :fire:",
    )
    text = render(view, "table")
    assert text.count(":fire:") == 3 and "\U0001f525" not in text
