"""The analysis commands as a user runs them: exit codes, output, errors, files written."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from click.testing import CliRunner

from graph.build import build_dataset
from graph.cli import main
from graph.facts import load_facts
from graph.present.report import write_flow_outputs

COMMANDS = ["flows", "centrality", "person", "org", "export"]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_centrality_help_says_where_each_measure_means_something():
    output = run("centrality", "--help").output
    assert "On the flow graph (--graph flows, organisations linked by people's moves):" in output
    assert "PageRank    where talent ends up (weighted by moves)" in output
    assert "(PageRank is not shown there: on an undirected graph it only mirrors degree.)" in output


def test_flows_csv_is_the_hand_counted_company_table():
    result = run("flows", "--format", "csv")
    assert result.exit_code == 0
    assert result.output == (
        "org,label,in,out,net,joined,left,left_to_unknown,left_to_own_venture,group_departures\n"
        "https://w3id.org/talentgraph/id/org/tencent,Tencent,2,1,1,Bo Liefeng; Yan Zhijie,"
        "Yan Zhijie,,,0\n"
        "https://w3id.org/talentgraph/id/org/jd-com,JD.com,1,0,1,Yan Zhijie,,,,0\n"
        "https://w3id.org/talentgraph/id/org/bytedance,ByteDance,0,1,-1,,Yang Hongxia,,"
        "Yang Hongxia,0\n"
        "https://w3id.org/talentgraph/id/org/kuaishou,Kuaishou Technology,0,1,-1,,Fu Ruiji,,"
        "Fu Ruiji,0\n"
        "https://w3id.org/talentgraph/id/org/alibaba-group,Alibaba Group,0,4,-4,,"
        "Bo Liefeng; Lin Junyang; Yan Zhijie; Zhou Chang,Lin Junyang,Zhou Chang,3\n"
    )


def test_flows_json_keeps_the_contract():
    result = run("flows", "--level", "company", "--format", "json")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert isinstance(rows, list)
    summary = [(r["label"], r["in"], r["out"], r["net"], r["joined"], r["left"]) for r in rows]
    assert summary == [
        ("Tencent", 2, 1, 1, ["Bo Liefeng", "Yan Zhijie"], ["Yan Zhijie"]),
        ("JD.com", 1, 0, 1, ["Yan Zhijie"], []),
        ("ByteDance", 0, 1, -1, [], ["Yang Hongxia"]),
        ("Kuaishou Technology", 0, 1, -1, [], ["Fu Ruiji"]),
        ("Alibaba Group", 0, 4, -4, [], ["Bo Liefeng", "Lin Junyang", "Yan Zhijie", "Zhou Chang"]),
    ]
    for row in rows:
        assert all(type(row[key]) is int for key in ("in", "out", "net"))
        assert row["org"].startswith("https://w3id.org/talentgraph/id/org/")
    alibaba = rows[-1]
    zhou = next(m for m in alibaba["moves_out"] if m["person_label"] == "Zhou Chang")
    assert zhou["status"] == "announced"
    assert zhou["from_as_stated"] == "https://w3id.org/talentgraph/id/org/alibaba-cloud-unit"
    assert zhou["evidence"][0]["quote"] == (
        "a leading AI talent leaving tech giant Alibaba to pursue his own venture"
    )
    assert [g["size"] for g in alibaba["group_departures"]] == [None, None, None]


def test_flows_table_reads_in_a_terminal():
    result = run("flows")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    # Text is wrapped at the width (120 when not printing to a terminal), at word boundaries.
    assert lines[:3] == [
        "Talent flow at company level (status: all; window: all dates). Named people only, "
        "each counted once per organisation and",
        "direction.",
        "Gains and losses (5 organisations)",
    ]
    assert max(len(line) for line in lines) <= 120
    alibaba = next(line for line in lines if line.startswith("  Alibaba Group "))
    assert alibaba.split() == ["Alibaba", "Group", "0", "4", "-4", "Bo", "Liefeng", "→", "Tencent"]
    assert "Left for an unknown destination (counted as losses):" in lines
    assert "  - Lin Junyang: Alibaba Group → unknown, completed, 2023-03-04 (3 sources)" in lines


def test_flows_window_and_status():
    result = run("flows", "--since", "2023", "--until", "2023-12", "--format", "json")
    rows = {row["label"]: row for row in json.loads(result.output)}
    assert (rows["Alibaba Group"]["out"], rows["Alibaba Group"]["left"]) == (1, ["Lin Junyang"])
    assert {m["reason"] for m in rows["Alibaba Group"]["not_placed"]} == {"undated"}
    announced = json.loads(run("flows", "--status", "announced", "--format", "json").output)
    assert [(r["label"], r["left"]) for r in announced] == [("Alibaba Group", ["Zhou Chang"])]


def test_flows_markdown():
    output = run("flows", "--level", "unit", "--format", "markdown").output
    assert "| Qwen team | 0 | 1 | -1 |  | Lin Junyang → unknown |" in output
    assert "### Group departures (unnamed people, never counted)" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["flows", "--since", "2024-13"], "Error: --since: impossible date '2024-13': month 13 "),
        (["flows", "--since", "2025", "--until", "2024"], "Error: the window is empty: --since "),
        (["person", "Lin Junyan"], "Error: no person named 'Lin Junyan'; closest: Lin Junyang"),
        (["org", "Nowhere Inc"], "Error: no org named 'Nowhere Inc'; no similar name is known"),
        (["export", "missing-dir/x.gexf"], "Error: missing-dir/x.gexf: folder missing-dir does"),
    ],
)
def test_errors_are_one_line_without_traceback(args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.output


def test_person_timeline():
    result = run("person", "junyang lin", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["label"] == "Lin Junyang"
    move = data["timeline"][-1]
    assert move["what"] == "left Qwen team (destination unknown)"
    assert len(move["evidence"]) == 5
    markdown = run("person", "Bo Liefeng", "--format", "markdown").output
    assert (
        "| 4 |  | left Tongyi applied vision division for Hunyuan AI model team | "
        "“Bo Liefeng, who oversaw Tongyi\u2019s applied vision division with a background at both "
        "JD.com and Amazon.com, has now joined Tencent\u2019s Hunyuan AI model team.” "
        "(Alibaba AI Lab: Talent War with Chinese Tech Rivals) |"
    ) in markdown.splitlines()


def test_org_profile():
    data = json.loads(run("org", "TENCENT HOLDINGS", "--format", "json").output)
    assert (data["in"], data["out"], data["net"]) == (2, 1, 1)
    assert data["units"] == [
        {
            "org": "https://w3id.org/talentgraph/id/org/tencent-hunyuan",
            "label": "Hunyuan AI model team",
            "depth": 1,
        }
    ]
    csv_lines = run("org", "Tongyi Lab", "--format", "csv").output.splitlines()
    assert csv_lines[0] == "relation,who / what,when,evidence"
    assert csv_lines[1] == "unit,Tongyi applied vision division,,"


def test_centrality_json_says_how_betweenness_was_computed():
    data = json.loads(run("centrality", "--format", "json").output)
    assert data["betweenness"] == {"method": "exact", "sample_size": None, "seed": None}
    tencent = next(score for score in data["scores"] if score["label"] == "Tencent")
    assert tencent["degree"] == 2
    assert {tuple(link["people"]) for link in tencent["links"]} == {
        ("Yan Zhijie",),
        ("Bo Liefeng", "Yan Zhijie"),
    }
    table = run("centrality", "--graph", "people", "--top", "3").output
    assert "betweenness: exact over all 27 nodes" in table
    assert "Hubs (top 3 of 27 linked nodes)" in table


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_writes_a_file_network_tools_read(tmp_path, fmt):
    path = tmp_path / f"flows.{fmt}"
    result = run("export", str(path), "--format", fmt, "--graph", "flows")
    assert result.exit_code == 0
    assert result.output == f"Wrote {path} ({fmt}, flows graph).\n"
    graph = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    alibaba = "https://w3id.org/talentgraph/id/org/alibaba-group"
    tencent = "https://w3id.org/talentgraph/id/org/tencent"
    assert graph.edges[alibaba, tencent]["people"] == "Bo Liefeng; Yan Zhijie"
    first = path.read_bytes()
    run("export", str(path), "--format", fmt, "--graph", "flows")
    assert path.read_bytes() == first


def test_build_outputs(tmp_path):
    written = write_flow_outputs(load_facts(build_dataset()), tmp_path)
    assert written == [tmp_path / "flows.csv", tmp_path / "report.md"]
    csv_lines = (tmp_path / "flows.csv").read_text().splitlines()
    assert csv_lines[0].startswith("level,org,label,in,out,net,joined,left")
    assert sum(line.startswith("company,") for line in csv_lines) == 5
    assert sum(line.startswith("unit,") for line in csv_lines) == 9
    report = (tmp_path / "report.md").read_text()
    assert (
        "- **Alibaba Group**: net -4 (in 0, out 4); left: Bo Liefeng → Tencent, "
        "Lin Junyang → unknown, Yan Zhijie → Tencent, "
        "Zhou Chang → Zhou Chang's own venture (unnamed) (announced)"
    ) in report
    assert "## Sources" in report
    assert sorted(p.name for p in tmp_path.iterdir()) == ["flows.csv", "report.md"]
    # `build` prints the same company table as `flows`.
    built = run("build", "--out", str(tmp_path / "out")).stdout
    assert built.endswith(run("flows").stdout)
