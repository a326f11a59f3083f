"""Talent flows: the sample corpus counted by hand, and the level, status and window rules."""

from __future__ import annotations

import datetime as dt

import pytest
from analysis_graphs import org, tiny_facts

from graph.analysis.flows import placed_in_window, talent_flows
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
