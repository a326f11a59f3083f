"""The analysis commands as a user runs them, inside the built sample workspace: exit codes,
output, errors, files written. The counts are those of tests/test_flows.py's hand count."""

from __future__ import annotations

import gc
import json

import networkx as nx
import pytest
from click.testing import CliRunner

import graph.analysis.flows
from graph.cli import main
from graph.present.report import write_flow_outputs

ORG = "https://w3id.org/talentgraph/id/org/"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(autouse=True)
def _inside_the_sample(in_sample):
    """Every command here runs in the built sample workspace, found from the current folder."""


def test_centrality_help_says_where_each_measure_means_something():
    output = run("centrality", "--help").output
    assert "On the flow graph (--graph flows, organisations linked by people's moves):" in output
    assert "PageRank    where talent ends up (weighted by moves)" in output
    assert "(PageRank is not shown there: on an undirected graph it only mirrors degree.)" in output


def test_flows_csv_is_the_hand_counted_company_table():
    # Larkspur AI +1 (Ines, announced); Quillon -1 (Tobias in; Ines and Piet out, Piet to an
    # unknown destination; the research division's announced group); Norrland -2 (Mara to
    # her own venture, Tobias; the vision team's group).
    result = run("flows", "--format", "csv")
    assert result.exit_code == 0
    assert result.output == (
        "org,label,in,out,net,joined,left,left_to_unknown,left_to_own_venture,group_departures\n"
        f"{ORG}larkspur-ai,Larkspur AI,1,0,1,Ines Halvorsen,,,,0\n"
        f"{ORG}quillon,Quillon Systems,1,2,-1,Tobias Wren,Ines Halvorsen; Piet Okonkwo,"
        "Piet Okonkwo,,1\n"
        f"{ORG}norrland,Norrland Robotics,0,2,-2,,Mara Oyelaran; Tobias Wren,,Mara Oyelaran,1\n"
    )  # and no "Evidence:" note, which is for the table only


def test_an_analysis_keeps_its_facts_out_of_the_cycle_collector_until_it_ends(monkeypatch):
    frozen = []
    original = graph.analysis.flows.talent_flows

    def flows_seen(*args, **options):
        frozen.append(gc.get_freeze_count())
        return original(*args, **options)

    monkeypatch.setattr(graph.analysis.flows, "talent_flows", flows_seen)
    assert run("flows", "--format", "csv").exit_code == 0
    assert frozen and frozen[0] > 0  # the facts, among what was frozen
    assert gc.get_freeze_count() == 0  # the process goes on: nothing stays frozen


def test_flows_json_keeps_the_contract():
    result = run("flows", "--level", "company", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    summary = [(r["label"], r["in"], r["out"], r["net"], r["joined"], r["left"]) for r in rows]
    assert summary == [
        ("Larkspur AI", 1, 0, 1, ["Ines Halvorsen"], []),
        ("Quillon Systems", 1, 2, -1, ["Tobias Wren"], ["Ines Halvorsen", "Piet Okonkwo"]),
        ("Norrland Robotics", 0, 2, -2, [], ["Mara Oyelaran", "Tobias Wren"]),
    ]
    for row in rows:
        assert all(type(row[key]) is int for key in ("in", "out", "net"))
        assert row["org"].startswith(ORG)
    quillon = rows[1]
    ines = next(m for m in quillon["moves_out"] if m["person_label"] == "Ines Halvorsen")
    assert ines["status"] == "announced"
    assert ines["from_as_stated"] == ORG + "quillon-research"
    assert ines["evidence"][0]["quote"] == (
        "Ines Halvorsen, head of the research division since April, is set to leave for Larkspur AI"
    )
    assert [g["size"] for g in quillon["group_departures"]] == [3]


def test_flows_table_reads_in_a_terminal_and_ends_with_the_evidence_note():
    result = run("flows")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    # Text is wrapped at the width (120 when not printing to a terminal), at word boundaries.
    assert lines[:3] == [
        "Talent flow at company level (status: all; window: all dates). Named people only, "
        "each counted once per organisation and",
        "direction.",
        "Gains and losses (3 organisations)",
    ]
    assert max(len(line) for line in lines) <= 120
    norrland = next(line for line in lines if line.startswith("  Norrland Robotics "))
    assert norrland.split()[:5] == ["Norrland", "Robotics", "0", "2", "-2"]
    assert "Left for an unknown destination (counted as losses):" in lines
    assert "  - Piet Okonkwo: Quillon Systems → unknown, completed, 2023-11-20 (1 source)" in lines
    assert lines[-2:] == [
        "Evidence:",
        "  - every move's quotes: --format json, or talentgraph person NAME / org NAME",
    ]


def test_flows_window_and_status():
    # In 2024: only Tobias Wren's move (2024-03) is placed; Piet's (2023-11-20) is outside;
    # Mara's and Ines's moves have no date and are listed as not placed.
    result = run("flows", "--since", "2024", "--until", "2024-12", "--format", "json")
    rows = {row["label"]: row for row in json.loads(result.output)}
    assert (rows["Quillon Systems"]["in"], rows["Quillon Systems"]["out"]) == (1, 0)
    assert (rows["Norrland Robotics"]["out"], rows["Norrland Robotics"]["left"]) == (
        1,
        ["Tobias Wren"],
    )
    assert [(m["person_label"], m["reason"]) for m in rows["Larkspur AI"]["not_placed"]] == [
        ("Ines Halvorsen", "undated")
    ]
    announced = json.loads(run("flows", "--status", "announced", "--format", "json").output)
    assert [(r["label"], r["joined"], r["left"]) for r in announced] == [
        ("Larkspur AI", ["Ines Halvorsen"], []),
        ("Quillon Systems", [], ["Ines Halvorsen"]),
    ]


def test_flows_markdown():
    output = run("flows", "--level", "unit", "--format", "markdown").output
    assert "| Quillon Systems | 0 | 1 | -1 |  | Piet Okonkwo → unknown |" in output
    assert "### Group departures (unnamed people, never counted)" in output
    assert "Evidence:" not in output


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["flows", "--since", "2024-13"],
            2,
            "Error: Invalid value for '--since': impossible date '2024-13': month 13 does not "
            "exist\n",
        ),
        (
            ["flows", "--until", "--02"],
            2,
            "Error: Invalid value for '--until': '--02': a window needs a year (YYYY, YYYY-MM, "
            "YYYY-MM-DD)\n",
        ),
        (
            ["flows", "--since", "2025", "--until", "2024"],
            1,
            "Error: the window is empty: it starts on 2025-01-01, after its end on 2024-12-31\n",
        ),
        (
            ["person", "Tobias Wrenn"],
            1,
            "Error: no person named 'Tobias Wrenn'; closest: Tobias Wren\n",
        ),
        (
            ["org", "Nowhere Inc"],
            1,
            "Error: no org named 'Nowhere Inc'; no similar name is known\n",
        ),
        (
            ["export", "missing-dir/x.gexf"],
            1,
            "Error: missing-dir/x.gexf: folder missing-dir does not exist; create it first\n",
        ),
    ],
)
def test_errors_are_one_line_without_traceback(args, code, message):
    result = run(*args)
    assert result.exit_code == code
    assert result.stderr.endswith(message)
    assert "Traceback" not in result.output


def test_person_timeline():
    result = run("person", "toby wren", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["label"], data["aliases"]) == ("Tobias Wren", ["Toby Wren"])
    move = data["timeline"][1]
    assert move["what"] == "left Norrland AI Lab for Quillon research division"
    assert len(move["evidence"]) == 3  # one quote in one article, two in the other
    markdown = run("person", "Piet Okonkwo", "--format", "markdown").output
    assert (
        "| 2 | 2023-11-20 | left Quillon Systems (destination unknown) | “who had been with "
        "Quillon since 1 June 2020 and left on 20 November 2023” (Quillon reshuffles its "
        "research division)<br>“Quillon did not say where he went.” (Quillon reshuffles its "
        "research division) |"
    ) in markdown.splitlines()


def test_org_profile():
    data = json.loads(run("org", "QUILLON", "--format", "json").output)
    assert (data["in"], data["out"], data["net"]) == (1, 2, -1)
    assert data["units"] == [
        {"org": ORG + "quillon-research", "label": "Quillon research division", "depth": 1}
    ]
    csv_lines = run("org", "Norrland AI Lab", "--format", "csv").output.splitlines()
    assert csv_lines[0] == "relation,who / what,when,evidence"
    assert csv_lines[1] == "unit,Norrland vision team,,"


def test_centrality_json_and_table():
    # The company flow graph: Norrland -> Quillon (Tobias), Norrland -> Mara's venture,
    # Quillon -> Larkspur (Ines, announced). Degrees: Norrland 2, Quillon 2, the others 1.
    # Betweenness (directed, over (n-1)(n-2) = 6 ordered pairs): only Quillon lies between
    # two others, on Norrland -> Larkspur: 1/6. PageRank (alpha 0.85): with k the rank of
    # Norrland (no in-links), Quillon = venture = k + 0.85 k/2 = 1.425 k and Larkspur =
    # k + 0.85 * 1.425 k = 2.21125 k; they sum to 6.06125 k = 1, so k = 0.164983.
    data = json.loads(run("centrality", "--format", "json").output)
    assert data["betweenness"] == {"method": "exact", "sample_size": None, "seed": None}
    scores = {s["label"]: s for s in data["scores"]}
    k = 1 / 6.06125
    assert {label: s["degree"] for label, s in scores.items()} == {
        "Larkspur AI": 1,
        "Quillon Systems": 2,
        "Mara Oyelaran's own venture (unnamed)": 1,
        "Norrland Robotics": 2,
    }
    assert scores["Larkspur AI"]["pagerank"] == pytest.approx(2.21125 * k, abs=1e-5)
    assert scores["Quillon Systems"]["pagerank"] == pytest.approx(1.425 * k, abs=1e-5)
    assert scores["Norrland Robotics"]["pagerank"] == pytest.approx(k, abs=1e-5)
    assert scores["Quillon Systems"]["betweenness"] == pytest.approx(1 / 6)
    assert {tuple(link["people"]) for link in scores["Quillon Systems"]["links"]} == {
        ("Tobias Wren",),
        ("Ines Halvorsen",),
    }
    table = run("centrality", "--graph", "people", "--top", "3").output
    # 13 linked nodes: see tests/test_centrality.py for the people graph worked out.
    assert "betweenness: exact over all 13 nodes" in table
    assert "Hubs (top 3 of 13 linked nodes)" in table
    # The table says where the evidence is, as the README shows it; JSON carries it.
    assert table.endswith(
        "\n\nEvidence:\n  - the people, moves and sources behind each degree: --format json "
        "(links)\n"
    )
    assert "Evidence:" not in run("centrality", "--format", "csv").output


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_writes_a_file_network_tools_read(tmp_path, fmt):
    path = tmp_path / f"flows.{fmt}"
    result = run("export", str(path), "--graph", "flows")  # the format from the extension
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {path} ({fmt}, flows graph).\n"
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert graph.edges[ORG + "norrland", ORG + "quillon"]["people"] == "Tobias Wren"
    first = path.read_bytes()
    run("export", str(path), "--format", fmt, "--graph", "flows")
    assert path.read_bytes() == first


def test_export_refuses_a_format_that_contradicts_the_extension(tmp_path):
    path = tmp_path / "flows.gexf"
    result = run("export", str(path), "--format", "graphml")
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {path}: the extension says GEXF but the format asked for is GraphML; "
        "make them agree\n"
    )
    assert not path.exists()
    unknown = run("export", str(tmp_path / "flows.txt"))
    assert unknown.exit_code == 1
    assert unknown.stderr == (
        f"Error: {tmp_path / 'flows.txt'}: cannot tell the format from the extension; name the "
        "file .graphml or .gexf, or choose a format\n"
    )
    chosen = run("export", str(tmp_path / "flows.xml"), "--format", "gexf")
    assert chosen.exit_code == 0
    assert nx.read_gexf(tmp_path / "flows.xml").number_of_nodes() > 0


def test_build_outputs(tmp_path, sample_facts, sample):
    folder = tmp_path / "reports"
    folder.mkdir()
    written = write_flow_outputs(sample_facts, folder)
    assert written == [folder / "flows.csv", folder / "report.md"]
    csv_lines = (folder / "flows.csv").read_text().splitlines()
    assert csv_lines[0].startswith("level,org,label,in,out,net,joined,left")
    # 3 organisations gain or lose at company level, 5 at unit level (see test_flows.py).
    assert sum(line.startswith("company,") for line in csv_lines) == 3
    assert sum(line.startswith("unit,") for line in csv_lines) == 5
    report = (folder / "report.md").read_text()
    assert (
        "- **Norrland Robotics**: net -2 (in 0, out 2); left: "
        "Mara Oyelaran → Mara Oyelaran's own venture (unnamed), Tobias Wren → Quillon Systems"
    ) in report
    assert "## Sources" in report
    assert sorted(p.name for p in folder.iterdir()) == ["flows.csv", "report.md"]
    # `build` prints the same company table as `flows`, with the same closing note.
    built = run("build", "--seeds", str(sample / "seeds")).stdout
    flows = run("flows", "--seeds", str(sample / "seeds")).stdout
    assert built.endswith(flows)


def test_flows_by_year_csv_and_json():
    # Piet Okonkwo left Quillon in 2023 (2023-11-20); Tobias Wren went from Norrland to
    # Quillon in 2024 (2024-03); Ines (announced) and Mara have no date: "undated".
    result = run("flows", "--by", "year", "--format", "csv")
    assert result.exit_code == 0
    rows = [line.split(",")[:6] for line in result.output.splitlines()]
    assert [[r[0], r[2], r[3], r[4], r[5]] for r in rows] == [
        ["period", "label", "in", "out", "net"],
        ["2023", "Quillon Systems", "0", "1", "-1"],
        ["2024", "Quillon Systems", "1", "0", "1"],
        ["2024", "Norrland Robotics", "0", "1", "-1"],
        ["undated", "Larkspur AI", "1", "0", "1"],
        ["undated", "Norrland Robotics", "0", "1", "-1"],
        ["undated", "Quillon Systems", "0", "1", "-1"],
    ]
    data = json.loads(run("flows", "--by", "quarter", "--format", "json").output)
    assert [(r["period"], r["label"], r["net"]) for r in data][:3] == [
        ("2023-Q4", "Quillon Systems", -1),
        ("2024-Q1", "Quillon Systems", 1),
        ("2024-Q1", "Norrland Robotics", -1),
    ]
    assert {"period", "label", "in", "out", "net", "joined", "left"} <= set(data[0])


def test_flows_by_quarter_table_says_what_it_counts():
    result = run("flows", "--by", "quarter", "--status", "completed")
    assert result.exit_code == 0
    assert result.output.startswith(
        "Talent flow by quarter at company level (status: completed; window: all dates)."
    )
    assert '"YYYY (year only)", never guessed into one' in " ".join(result.output.split())
    assert "Net by quarter" in result.output
    assert "Ines Halvorsen" not in result.output.split("Net by quarter")[0]  # announced


def test_flows_between_csv_json_and_top():
    # Every loss of the company table in one pair (see test_flows_csv_is_the_hand_counted...).
    result = run("flows", "--between", "--format", "csv")
    assert result.exit_code == 0
    pairs = [
        [*line.split(",")[1::2][:2], line.split(",")[4]] for line in result.output.splitlines()
    ]
    assert pairs == [
        ["from", "to", "people"],
        ["Norrland Robotics", "Quillon Systems", "1"],
        ["Norrland Robotics", "own ventures (unnamed)", "1"],
        ["Quillon Systems", "Larkspur AI", "1"],
        ["Quillon Systems", "unknown", "1"],
    ]
    data = json.loads(run("flows", "--between", "--top", "1", "--format", "json").output)
    assert [(r["from"], r["to"], r["people"]) for r in data] == [
        ("Norrland Robotics", "Quillon Systems", 1),
        ("other", "other", 3),
    ]
    assert data[0]["names"] == [
        {
            "name": "Tobias Wren",
            "sources": [
                "Norrland loses its vision chief to a venture of her own",
                "Quillon reshuffles its research division",
            ],
        }
    ]
    table = run("flows", "--between", "--top", "1").output
    assert '"other" adds up the people of the 3 smaller pairs.' in " ".join(table.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "year", "--between"], "Error: --by and --between are two views: use one of them"),
        (["--top", "3"], "Error: --top goes with --between"),
        (["--by", "week"], "Error: Invalid value for '--by': 'week' is not one of"),
    ],
)
def test_flows_view_options_are_checked(args, message):
    result = run("flows", *args)
    assert result.exit_code == 2
    assert message in result.output


def test_centrality_runs_betweenness_on_the_networkx_backend_asked_for():
    default = json.loads(run("centrality", "--format", "json").output)
    # "networkx" is the backend networkx always has: the option reaches it, same scores.
    chosen = json.loads(run("centrality", "--backend", "networkx", "--format", "json").output)
    assert chosen == default
    missing = run("centrality", "--backend", "no-such-backend")
    assert missing.exit_code != 0
    assert missing.output == (
        "Error: the networkx backend 'no-such-backend' cannot be used ('no-such-backend' "
        "backend is not installed); install a version that loads, or leave out --backend "
        "(nx-parallel, the 'parallel' backend, needs Python 3.12 or later)\n"
    )


def test_a_long_table_shows_its_first_rows_and_says_where_the_rest_is():
    from graph.present.tables import CELL_LINES, TABLE_ROWS, Table, View, render

    rows = [[f"org {number:05d}", number] for number in range(TABLE_ROWS + 5)]
    more = Table("Communities", ["#"], [[number] for number in range(TABLE_ROWS + 1)])
    text = render(View(Table("Flows", ["org", "net"], rows), tables=[more]), "table")
    assert f"org {TABLE_ROWS - 1:05d}" in text and f"org {TABLE_ROWS:05d}" not in text
    assert (
        f"(the first 1,000 of {TABLE_ROWS + 5:,} rows; the csv and json formats hold them all)"
        in text
    )
    assert f"(the first 1,000 of {TABLE_ROWS + 1:,} rows; the json format holds them all)" in text
    assert (
        len(render(View(Table("Flows", ["org", "net"], rows)), "csv").splitlines()) == len(rows) + 1
    )
    # A cell shows its first CELL_LINES lines, and says how many more it holds.
    names = "\n".join(f"person {number}" for number in range(CELL_LINES + 7))
    text = render(View(Table("Flows", ["org", "joined"], [["Acme", names]])), "table")
    assert f"person {CELL_LINES - 1}" in text and f"person {CELL_LINES}" not in text
    assert "(… 7 more)" in text
