"""Talent flows: the sample corpus counted by hand, and the level, status and window rules."""

from __future__ import annotations

import datetime as dt

import pytest
from analysis_graphs import org, tiny_facts

from graph.analysis.flows import (
    flows_between,
    flows_by_period,
    period_of,
    placed_in_window,
    talent_flows,
)
from graph.analysis.networks import org_flow_digraph
from graph.errors import InputError


def counts(report):
    return {row.label: (row.in_count, row.out_count, row.net) for row in report.rows}


# The sample corpus (tests/fixtures/sample/seeds/) counted by hand. Organisations: Norrland
# Robotics > Norrland AI Lab > Norrland vision team; Quillon Systems > Quillon research
# division; Larkspur AI; Mara Oyelaran's own venture (unnamed). Moves:
#   Mara Oyelaran   Norrland vision team -> her own venture   completed, undated
#   Tobias Wren     Norrland AI Lab -> Quillon research div.   completed, 2024-03 (two sources)
#   Piet Okonkwo    Quillon Systems -> unknown                 completed, 2023-11-20
#   Ines Halvorsen  Quillon research div. -> Larkspur AI       announced, undated
# Group departures: the vision team (completed), the research division (announced, 3).
#
# Company level, all statuses:
#   Larkspur AI        in 1 (Ines)   out 0                  net +1
#   Quillon Systems    in 1 (Tobias) out 2 (Ines, Piet)     net -1
#   Norrland Robotics  in 0          out 2 (Mara, Tobias)   net -2
# The venture is no row (one own-venture bucket); Piet's destination is unknown.
SAMPLE_COMPANY_FLOWS = {
    "Larkspur AI": (1, 0, 1),
    "Quillon Systems": (1, 2, -1),
    "Norrland Robotics": (0, 2, -2),
}


def test_sample_company_flows_match_the_hand_count(sample_facts):
    report = talent_flows(sample_facts, level="company")
    assert counts(report) == SAMPLE_COMPANY_FLOWS
    assert list(counts(report)) == list(SAMPLE_COMPANY_FLOWS)  # by net, highest first
    rows = {row.label: row for row in report.rows}
    assert rows["Norrland Robotics"].left == ["Mara Oyelaran", "Tobias Wren"]
    assert rows["Quillon Systems"].joined == ["Tobias Wren"]
    assert rows["Quillon Systems"].left == ["Ines Halvorsen", "Piet Okonkwo"]
    assert [step.move.person_label for step in report.unknown_destination] == ["Piet Okonkwo"]
    assert [step.to_label for step in report.own_ventures] == [
        "Mara Oyelaran's own venture (unnamed)"
    ]
    assert [(g.status, g.size) for g in rows["Quillon Systems"].group_departures] == [
        ("announced", 3)
    ]
    assert [(g.status, g.size) for g in rows["Norrland Robotics"].group_departures] == [
        ("completed", None)
    ]
    assert report.not_placed == []


def test_sample_flows_by_status(sample_facts):
    # Only Ines Halvorsen's move is announced ("is set to leave for Larkspur AI").
    completed = talent_flows(sample_facts, level="company", status="completed")
    assert counts(completed) == {"Quillon Systems": (1, 1, 0), "Norrland Robotics": (0, 2, -2)}
    announced = talent_flows(sample_facts, level="company", status="announced")
    assert counts(announced) == {"Larkspur AI": (1, 0, 1), "Quillon Systems": (0, 1, -1)}
    assert [g.size for g in announced.group_departures] == [3]


def test_sample_unit_flows_as_curated(sample_facts):
    # Each move counts for the unit it names: Quillon's research division gains Tobias Wren
    # and loses Ines Halvorsen; Piet Okonkwo left Quillon Systems itself. Ties at net -1 are
    # in label order.
    report = talent_flows(sample_facts, level="unit")
    assert list(counts(report).items()) == [
        ("Larkspur AI", (1, 0, 1)),
        ("Quillon research division", (1, 1, 0)),
        ("Norrland AI Lab", (0, 1, -1)),
        ("Norrland vision team", (0, 1, -1)),
        ("Quillon Systems", (0, 1, -1)),
    ]


def test_sample_window_lists_undated_moves_apart(sample_facts):
    # From 2024: Tobias Wren's move (2024-03) counts; Piet Okonkwo's (2023-11-20) is before
    # the window and neither counted nor listed; Mara's and Ines's have no date: not placed.
    report = talent_flows(sample_facts, level="company", since=dt.date(2024, 1, 1))
    assert {label: c for label, c in counts(report).items() if c != (0, 0, 0)} == {
        "Quillon Systems": (1, 0, 1),
        "Norrland Robotics": (0, 1, -1),
    }
    assert sorted((s.move.person_label, s.reason) for s in report.not_placed) == [
        ("Ines Halvorsen", "undated"),
        ("Mara Oyelaran", "undated"),
    ]


# A company X with units x1 (and x1a below it) and x2, a company Y with unit y1, and an unnamed
# own venture V. Moves:
#   p: x1 -> x2   internal to X at company level; at unit level x1 loses p, x2 gains p
#   q: x1a -> y1  X loses q and Y gains q at company level; x1a loses, y1 gains at unit level
#   r: y1 -> ?    destination unknown: a loss for Y (company) and y1 (unit)
#   s: x2 -> V    a loss for X / x2; V is an unnamed venture, reported apart
#   t: X -> Y, then Y -> X, then X -> Y again: counted once per organisation and direction
LEVEL_ORGS = {
    "x": "Company",
    "x1": "Lab",
    "x1a": "Lab",
    "x2": "Lab",
    "y": "Company",
    "y1": "Lab",
    "v": "Startup",
}
LEVEL_PARENTS = {"x1": "x", "x1a": "x1", "x2": "x", "y1": "y"}
LEVEL_MOVES = [
    {"person": "p", "from": "x1", "to": "x2"},
    {"person": "q", "from": "x1a", "to": "y1"},
    {"person": "r", "from": "y1"},
    {"person": "s", "from": "x2", "to": "v"},
    {"person": "t", "from": "x", "to": "y", "date": "2020"},
    {"person": "t", "from": "y", "to": "x", "date": "2021"},
    {"person": "t", "from": "x", "to": "y", "date": "2022"},
]


@pytest.fixture(scope="module")
def level_facts():
    return tiny_facts(
        orgs=LEVEL_ORGS,
        parents=LEVEL_PARENTS,
        moves=LEVEL_MOVES,
        unnamed=("v",),
        groups=({"from": "x1a", "description": "a few engineers left"},),
    )


def test_company_level_rolls_units_up_and_skips_internal_moves(level_facts):
    report = talent_flows(level_facts, level="company")
    # X: in t; out q, s, t (t twice, counted once) -> 1, 3, -2.  Y: in q, t; out r, t -> 2, 2, 0.
    assert counts(report) == {"Y": (2, 2, 0), "X": (1, 3, -2)}
    rows = {row.label: row for row in report.rows}
    assert [step.move.person_label for step in rows["X"].internal_moves] == ["p"]
    assert rows["X"].left == ["q", "s", "t"]
    assert len(rows["X"].left_moves) == 4  # both of t's departures stay listed
    assert [group.description for group in rows["X"].group_departures] == ["a few engineers left"]
    assert [step.move.person_label for step in report.unknown_destination] == ["r"]
    assert [step.to_label for step in report.own_ventures] == ["V"]
    assert rows["X"].to_json()["left_to_own_venture"] == ["s"]


def test_unit_level_counts_the_unit_a_move_names(level_facts):
    # x2 gains p, loses s; y1 gains q, loses r; X and Y themselves only see t (out and back);
    # x1 loses p and x1a loses q, each at its own unit, not at its parent.
    report = talent_flows(level_facts, level="unit")
    assert counts(report) == {
        "X": (1, 1, 0),
        "X2": (1, 1, 0),
        "Y": (1, 1, 0),
        "Y1": (1, 1, 0),
        "X1": (0, 1, -1),
        "X1A": (0, 1, -1),
    }
    assert all(row.internal_moves == [] for row in report.rows)


def test_the_flow_digraph_rolls_up_like_the_table(level_facts):
    company = org_flow_digraph(level_facts, level="company")
    # q and t (twice) go X -> Y; t once Y -> X; p is internal; r and s have no named end.
    assert company.edges[org("x"), org("y")]["weight"] == 3
    assert company.edges[org("x"), org("y")]["people"] == ["q", "t", "t"]
    assert company.edges[org("y"), org("x")]["people"] == ["t"]
    assert not company.has_edge(org("x"), org("x"))
    unit = org_flow_digraph(level_facts, level="unit")
    assert unit.edges[org("x1"), org("x2")]["people"] == ["p"]


# Window rules: a date counts in a window only if every day it may mean is inside.
WINDOW_MOVES = [
    {"person": "year", "from": "a", "to": "b", "date": "2024"},
    {"person": "month", "from": "a", "to": "b", "date": "2024-06"},
    {"person": "day", "from": "a", "to": "b", "date": "2024-06-15"},
    {"person": "monthonly", "from": "a", "to": "b", "date": "--02"},
    {"person": "undated", "from": "a", "to": "b"},
    {"person": "announced", "from": "a", "to": "b", "date": "2024-06-15", "status": "announced"},
]


@pytest.fixture(scope="module")
def window_facts():
    return tiny_facts(orgs={"a": "Company", "b": "Company"}, moves=WINDOW_MOVES)


def joined_and_apart(facts, since=None, until=None, status="all"):
    report = talent_flows(facts, level="company", status=status, since=since, until=until)
    joined = next((row.joined for row in report.rows if row.label == "B"), [])
    apart = sorted((step.move.person_label, step.reason) for step in report.not_placed)
    return joined, apart


def test_no_window_counts_every_move(window_facts):
    joined, apart = joined_and_apart(window_facts)
    assert joined == ["announced", "day", "month", "monthonly", "undated", "year"]
    assert apart == []


def test_a_year_is_in_a_window_only_if_the_whole_year_is(window_facts):
    joined, apart = joined_and_apart(window_facts, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert joined == ["announced", "day", "month", "year"]
    assert apart == [("monthonly", "undated"), ("undated", "undated")]
    joined, apart = joined_and_apart(window_facts, dt.date(2024, 6, 1))
    # From 1 June 2024: "2024" may mean January, so it straddles; June 2024 is inside.
    assert joined == ["announced", "day", "month"]
    assert ("year", "straddles") in apart
    joined, apart = joined_and_apart(window_facts, dt.date(2024, 6, 15), dt.date(2024, 6, 15))
    assert joined == ["announced", "day"]
    assert ("month", "straddles") in apart and ("year", "straddles") in apart


def test_a_move_outside_the_window_is_neither_counted_nor_listed(window_facts):
    joined, apart = joined_and_apart(window_facts, dt.date(2025, 1, 1))
    assert joined == []
    assert apart == [("monthonly", "undated"), ("undated", "undated")]


def test_announced_and_completed_are_told_apart(window_facts):
    assert joined_and_apart(window_facts, status="announced")[0] == ["announced"]
    assert "announced" not in joined_and_apart(window_facts, status="completed")[0]


def test_placed_in_window_edges():
    june = dt.date(2024, 6, 1)
    year = load_date("2024")
    assert placed_in_window(year, since=dt.date(2024, 1, 1)) == "inside"
    assert placed_in_window(year, until=dt.date(2024, 12, 30)) == "straddles"
    assert placed_in_window(year, until=dt.date(2023, 12, 31)) == "outside"
    assert placed_in_window(load_date("--02"), since=june) == "undated"
    assert placed_in_window(None, until=june) == "undated"


def load_date(text):
    from graph.dates import parse_stated_date

    return parse_stated_date(text)


def test_an_empty_window_is_an_error(window_facts):
    with pytest.raises(InputError) as error:
        talent_flows(window_facts, since=dt.date(2025, 1, 1), until=dt.date(2024, 1, 1))
    # The library names the dates, not the options that gave them.
    assert str(error.value) == (
        "the window is empty: it starts on 2025-01-01, after its end on 2024-01-01"
    )


def test_json_rows_follow_the_contract(sample_facts):
    for row in talent_flows(sample_facts, level="company").rows:
        data = row.to_json()
        assert {"org", "label", "in", "out", "net", "joined", "left"} <= set(data)
        assert data["org"].startswith("https://w3id.org/talentgraph/id/org/")
        assert data["net"] == data["in"] - data["out"]
        assert len(data["joined"]) == data["in"] and len(data["left"]) == data["out"]
        for move in data["moves_in"] + data["moves_out"]:
            assert move["evidence"], move["move"]
            assert all(quote["quote"] and quote["source"] for quote in move["evidence"])


# --------------------------------------------------------------------------- over time
#
# WINDOW_MOVES by quarter: "day" (2024-06-15) and "month" (2024-06) are in 2024-Q2; "year"
# (2024) is in "2024 (year only)", never guessed into a quarter; "monthonly" (--02) and
# "undated" are "undated"; "announced" (2024-06-15) is in 2024-Q2 with status all.


def by_period(report):
    return [
        (row.period, row.flow.label, row.flow.in_count, row.flow.out_count, row.flow.net)
        for row in report.rows
    ]


def test_flows_by_quarter_keep_the_precision_of_each_date(window_facts):
    report = flows_by_period(window_facts, by="quarter")
    assert report.periods == ["2024-Q2", "2024 (year only)", "undated"]
    assert by_period(report) == [
        ("2024-Q2", "B", 3, 0, 3),  # announced, day, month
        ("2024-Q2", "A", 0, 3, -3),
        ("2024 (year only)", "B", 1, 0, 1),  # year
        ("2024 (year only)", "A", 0, 1, -1),
        ("undated", "B", 2, 0, 2),  # monthonly, undated
        ("undated", "A", 0, 2, -2),
    ]
    rows = {(row.period, row.flow.label): row for row in report.rows}
    assert rows[("undated", "B")].flow.joined == ["monthonly", "undated"]
    assert rows[("2024 (year only)", "B")].to_json()["period"] == "2024 (year only)"


def test_flows_by_year_and_month(window_facts):
    # By year, "year" joins the other 2024 moves: 4 in 2024; the same two undated.
    assert by_period(flows_by_period(window_facts, by="year"))[:2] == [
        ("2024", "B", 4, 0, 4),
        ("2024", "A", 0, 4, -4),
    ]
    assert flows_by_period(window_facts, by="month").periods == [
        "2024-06",
        "2024 (year only)",
        "undated",
    ]
    # Completed only: the announced move leaves 2024-06 with day and month.
    completed = flows_by_period(window_facts, by="month", status="completed")
    assert by_period(completed)[0] == ("2024-06", "B", 2, 0, 2)


def test_flows_by_year_count_a_person_once_per_period(level_facts):
    # t goes X -> Y in 2020, Y -> X in 2021, X -> Y in 2022: each year has its own row pair;
    # the undated moves p (internal), q, r (unknown: a loss) and s (own venture) are "undated".
    report = flows_by_period(level_facts, by="year")
    assert report.periods == ["2020", "2021", "2022", "undated"]
    assert by_period(report) == [
        ("2020", "Y", 1, 0, 1),
        ("2020", "X", 0, 1, -1),
        ("2021", "X", 1, 0, 1),
        ("2021", "Y", 0, 1, -1),
        ("2022", "Y", 1, 0, 1),
        ("2022", "X", 0, 1, -1),
        ("undated", "Y", 1, 1, 0),  # q in, r out
        ("undated", "X", 0, 2, -2),  # q, s out
    ]
    # The all-dates report keeps what is listed apart, and its own counts.
    assert [s.move.person_label for s in report.overall.unknown_destination] == ["r"]
    assert counts(report.overall) == {"Y": (2, 2, 0), "X": (1, 3, -2)}


def test_flows_by_period_in_a_window(window_facts):
    # From June 2024: "year" straddles and the undated ones cannot be placed: none is counted,
    # all three are listed apart in the all-dates report.
    report = flows_by_period(window_facts, by="quarter", since=dt.date(2024, 6, 1))
    assert report.periods == ["2024-Q2"]
    assert sorted(s.move.person_label for s in report.overall.not_placed) == [
        "monthonly",
        "undated",
        "year",
    ]


def test_period_of_refuses_an_unknown_period():
    with pytest.raises(InputError, match="unknown period 'week'; use one of year, quarter, month"):
        period_of(None, "week")


# --------------------------------------------------------------------------- between whom


def test_flows_between_pairs_every_loss(level_facts):
    # Company level: q and t (twice, once counted) go X -> Y: 2 people; t goes Y -> X: 1;
    # r leaves Y for an unknown destination: 1; s leaves X for V, an unnamed venture: 1.
    # p moves inside X: not a pair (listed with the internal moves).
    report = flows_between(level_facts)
    pairs = [(row.from_label, row.to_label, row.people) for row in report.rows]
    assert pairs == [
        ("X", "Y", 2),
        ("X", "own ventures (unnamed)", 1),
        ("Y", "X", 1),
        ("Y", "unknown", 1),
    ]
    first = report.rows[0].to_json()
    assert (first["from"], first["to"], first["people"]) == ("X", "Y", 2)
    assert first["names"] == [
        {"name": "q", "sources": ["Fixture article"]},
        {"name": "t", "sources": ["Fixture article"]},
    ]
    assert len(first["moves"]) == 3  # t's two moves X -> Y stay listed


def test_flows_between_sums_the_rest_as_other(level_facts):
    report = flows_between(level_facts, top=2)
    assert [(row.from_label, row.to_label, row.people) for row in report.rows] == [
        ("X", "Y", 2),
        ("X", "own ventures (unnamed)", 1),
        ("other", "other", 2),  # Y -> X (1) + Y -> unknown (1)
    ]
    assert report.other_pairs == 2
    # Unit level: each unit as curated; p's move x1 -> x2 is a pair there.
    unit = flows_between(level_facts, level="unit")
    assert ("X1", "X2", 1) in [(r.from_label, r.to_label, r.people) for r in unit.rows]
    with pytest.raises(InputError, match="at least 1"):
        flows_between(level_facts, top=0)


def test_report_has_the_year_view_named_or_counted(level_facts, monkeypatch):
    from graph.present import report

    # level_facts by year (see test_flows_by_year_count_a_person_once_per_period): 2020 Y +1
    # (t) and X -1; 2021 X +1, Y -1; 2022 as 2020; undated Y 0 (not a gainer), X -2.
    text = report.report_markdown(level_facts, report.flow_reports(level_facts))
    year_view = text.split("## By year (company level)")[1].split("## Reported apart")[0]
    assert "### 2021\n\nGainers:\n- **X**: net +1 (in 1, out 0); joined: t ← Y\n" in year_view
    assert (
        "### undated\n\nGainers:\n- (none)\n\nLosers:\n- **X**: net -2 (in 0, out 2)" in year_view
    )
    # Above NAMED_UP_TO people (4 here), only the counts.
    monkeypatch.setattr(report, "NAMED_UP_TO", 3)
    counted = report.report_markdown(level_facts, report.flow_reports(level_facts)).split(
        "## By year (company level)"
    )[1]
    assert "Counts only: more than 3 people moved." in counted
    assert "### 2021\n\nGainers:\n- **X**: net +1 (in 1, out 0)\n" in counted
