"""Talent flows: the seed graph counted by hand, and the level, status and window rules."""

from __future__ import annotations

import datetime as dt

import pytest
from analysis_graphs import org, tiny_facts

from graph.build import build_dataset
from graph.errors import InputError
from graph.facts import load_facts
from graph.analysis.flows import placed_in_window, talent_flows, window
from graph.analysis.networks import org_flow_digraph


@pytest.fixture(scope="module")
def seed_facts():
    return load_facts(build_dataset())


def counts(report):
    return {row.label: (row.in_count, row.out_count, row.net) for row in report.rows}


# The seed graph counted by hand from the five articles in seeds/documents/:
#
# qwen-leadership-compliance: "Junyang Lin's departure from Alibaba's Qwen team" - Lin Junyang
#   leaves the Qwen team (Alibaba Group); no destination is given.
# technode-deepmind-invites-qwen: Lin Junyang "has recently left the company, along with
#   several other core team members" - the same move, plus a group of unnamed people (not
#   counted). Omar Sanseviero only invites people: no move.
# qwen-aftermath-open-source: Lin's departure "on March 4, 2023" - the same move again, dated;
#   "several core team members also expressing their intent to leave" - an announced group.
# tongyi-lab-talent-war: "several leading experts have recently left Tongyi Lab" (a group,
#   not counted); Yan Zhijie left Tongyi Lab (Tongyi Lab < Alibaba Group) for Tencent Holdings,
#   left it and "joined JD.com's Explore Academy in February" (no year); Bo Liefeng left
#   Tongyi's applied vision division for "Tencent's Hunyuan AI model team".
# alibaba-loses-zhou-chang: Zhou Chang "is set to depart" Alibaba's cloud computing unit for his
#   own venture (announced); Yang Hongxia left ByteDance for her own AI venture; Fu Ruiji left
#   Kuaishou Technology for his own AI startup venture.
#
# Company level, all statuses (each person once per company and direction):
#   Alibaba Group        in 0  out 4 (Lin, Yan, Bo, Zhou - announced)  net -4
#   Tencent              in 2 (Yan, Bo)  out 1 (Yan -> JD.com)         net +1
#   JD.com               in 1 (Yan)      out 0                         net +1
#   ByteDance            in 0            out 1 (Yang)                  net -1
#   Kuaishou Technology  in 0            out 1 (Fu)                    net -1
#   Every other organisation (Google DeepMind, Amazon.com, Damo Academy, Peking University,
#   Baichuan, Zhipu AI, Moonshot AI, MiniMax, TikTok, Douyin) gains and loses nobody: no row.
#   The three unnamed ventures receive Zhou, Yang and Fu: a bucket of 3 reported apart.
#   Lin's destination is unknown. The two Qwen group departures and the Tongyi one are listed,
#   not counted.
SEED_COMPANY_FLOWS = {
    "Alibaba Group": (0, 4, -4),
    "Tencent": (2, 1, 1),
    "JD.com": (1, 0, 1),
    "ByteDance": (0, 1, -1),
    "Kuaishou Technology": (0, 1, -1),
}


def test_seed_company_flows_match_the_hand_count(seed_facts):
    report = talent_flows(seed_facts, level="company")
    assert counts(report) == SEED_COMPANY_FLOWS
    rows = {row.label: row for row in report.rows}
    assert rows["Alibaba Group"].left == ["Bo Liefeng", "Lin Junyang", "Yan Zhijie", "Zhou Chang"]
    assert rows["Tencent"].joined == ["Bo Liefeng", "Yan Zhijie"]
    assert rows["Tencent"].left == ["Yan Zhijie"]
    assert rows["JD.com"].joined == ["Yan Zhijie"]
    assert [step.move.person_label for step in report.unknown_destination] == ["Lin Junyang"]
    assert sorted(step.move.person_label for step in report.own_ventures) == [
        "Fu Ruiji",
        "Yang Hongxia",
        "Zhou Chang",
    ]
    assert [group.status for group in rows["Alibaba Group"].group_departures] == [
        "announced",
        "completed",
        "completed",
    ]
    assert report.not_placed == []


def test_seed_company_flows_by_status(seed_facts):
    # Only Zhou Chang's move is announced ("is set to depart").
    completed = talent_flows(seed_facts, level="company", status="completed")
    assert counts(completed)["Alibaba Group"] == (0, 3, -3)
    assert len(completed.own_ventures) == 2
    announced = talent_flows(seed_facts, level="company", status="announced")
    assert counts(announced) == {"Alibaba Group": (0, 1, -1)}
    assert [g.status for g in announced.group_departures] == ["announced"]


def test_seed_unit_flows_as_curated(seed_facts):
    # At unit level a move counts for the unit it names: Tencent (the company itself) gains and
    # loses Yan Zhijie; Tongyi Lab, its applied vision division and the Qwen team each lose one.
    assert counts(talent_flows(seed_facts, level="unit")) == {
        "Hunyuan AI model team": (1, 0, 1),
        "JD Explore Academy": (1, 0, 1),
        "Tencent": (1, 1, 0),
        "Alibaba cloud computing unit": (0, 1, -1),
        "ByteDance": (0, 1, -1),
        "Kuaishou Technology": (0, 1, -1),
        "Qwen team": (0, 1, -1),
        "Tongyi applied vision division": (0, 1, -1),
        "Tongyi Lab": (0, 1, -1),
    }


def test_seed_window_lists_undated_moves_apart(seed_facts):
    # Only Lin Junyang's move has a year (2023-03-04); Yan Zhijie's "February" has none.
    report = talent_flows(seed_facts, level="company", since=dt.date(2023, 1, 1))
    assert {label: c for label, c in counts(report).items() if c != (0, 0, 0)} == {
        "Alibaba Group": (0, 1, -1)
    }
    assert len(report.not_placed) == 6
    assert {step.reason for step in report.not_placed} == {"undated"}


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
    first, last = window(since, until)
    report = talent_flows(facts, level="company", status=status, since=first, until=last)
    joined = next((row.joined for row in report.rows if row.label == "B"), [])
    apart = sorted((step.move.person_label, step.reason) for step in report.not_placed)
    return joined, apart


def test_no_window_counts_every_move(window_facts):
    joined, apart = joined_and_apart(window_facts)
    assert joined == ["announced", "day", "month", "monthonly", "undated", "year"]
    assert apart == []


def test_a_year_is_in_a_window_only_if_the_whole_year_is(window_facts):
    joined, apart = joined_and_apart(window_facts, "2024", "2024")
    assert joined == ["announced", "day", "month", "year"]
    assert apart == [("monthonly", "undated"), ("undated", "undated")]
    joined, apart = joined_and_apart(window_facts, "2024-06")
    # From 1 June 2024: "2024" may mean January, so it straddles; June 2024 is inside.
    assert joined == ["announced", "day", "month"]
    assert ("year", "straddles") in apart
    joined, apart = joined_and_apart(window_facts, "2024-06-15", "2024-06-15")
    assert joined == ["announced", "day"]
    assert ("month", "straddles") in apart and ("year", "straddles") in apart


def test_a_move_outside_the_window_is_neither_counted_nor_listed(window_facts):
    joined, apart = joined_and_apart(window_facts, "2025")
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


@pytest.mark.parametrize(
    ("since", "until", "message"),
    [
        ("2024-13", None, "--since: impossible date '2024-13': month 13 does not exist"),
        (None, "--02", "--until '--02': a window needs a year (YYYY, YYYY-MM, YYYY-MM-DD)"),
    ],
)
def test_bad_window_dates_say_how_to_fix_them(since, until, message):
    with pytest.raises(InputError) as error:
        window(since, until)
    assert str(error.value) == message


def test_an_empty_window_is_an_error(window_facts):
    with pytest.raises(InputError, match="the window is empty"):
        talent_flows(window_facts, since=dt.date(2025, 1, 1), until=dt.date(2024, 1, 1))


def test_json_rows_follow_the_contract(seed_facts):
    for row in talent_flows(seed_facts, level="company").rows:
        data = row.to_json()
        assert {"org", "label", "in", "out", "net", "joined", "left"} <= set(data)
        assert data["org"].startswith("https://w3id.org/talentgraph/id/org/")
        assert data["net"] == data["in"] - data["out"]
        assert len(data["joined"]) == data["in"] and len(data["left"]) == data["out"]
        for move in data["moves_in"] + data["moves_out"]:
            assert move["evidence"], move["move"]
            assert all(quote["quote"] and quote["source"] for quote in move["evidence"])
