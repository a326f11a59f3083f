"""Centralities on a fixture worked out by hand, sampling above the limit, communities."""

from __future__ import annotations

import networkx as nx
import pytest
from analysis_graphs import org, tiny_facts
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.analysis.centrality import betweenness, hubs, org_communities
from graph.errors import InputError

# Four companies; people move A -> B (p and s), D -> B (t) and B -> C (q). The flow digraph:
#
#     A ==2==> B ---1---> C          D ---1---> B
#
# Degree (organisations exchanged with): A 1, B 3 (A, C, D), C 1, D 1.
# Betweenness (directed, normalised by (n-1)(n-2) = 6 ordered pairs): B is on the only path of
#   A -> C and of D -> C, so B = 2/6 = 1/3; A, C and D are on no path between others: 0.
# PageRank (alpha 0.85, n = 4; weights do not matter: A, B and D each have one out-neighbour;
#   C has none, so its rank is spread over all four). With c = PR(C) and
#   k = 0.15/4 + 0.85 c/4:  A = D = k;  B = k + 0.85 (A + D) = 2.7 k;  C = k + 0.85 B = 3.295 k.
#   They sum to 1: 7.995 k = 1, so k = 0.125078;  A = D = 0.125078, B = 0.337711, C = 0.412133.
HAND = {
    "C": (1, 3.295 / 7.995, 0.0),
    "B": (3, 2.7 / 7.995, 1 / 3),
    "A": (1, 1 / 7.995, 0.0),
    "D": (1, 1 / 7.995, 0.0),
}


@pytest.fixture(scope="module")
def fixture_facts():
    return tiny_facts(
        orgs={slug: "Company" for slug in "abcd"},
        moves=[
            {"person": "p", "from": "a", "to": "b"},
            {"person": "s", "from": "a", "to": "b"},
            {"person": "t", "from": "d", "to": "b"},
            {"person": "q", "from": "b", "to": "c"},
        ],
    )


def test_flow_centralities_match_the_hand_computation(fixture_facts):
    result = hubs(fixture_facts, graph="flows")
    assert result.betweenness_method == "exact"
    assert result.method_note == "betweenness: exact over all 4 nodes"
    assert [score.label for score in result.scores] == ["C", "B", "A", "D"]
    for score in result.scores:
        degree, pagerank, betweenness = HAND[score.label]
        assert score.degree == degree
        assert score.pagerank == pytest.approx(pagerank, abs=1e-5)
        assert score.betweenness == pytest.approx(betweenness)


def test_degree_expands_to_people_and_moves(fixture_facts):
    scores = {score.label: score for score in hubs(fixture_facts, graph="flows").scores}
    links = {(link["direction"], link["label"]): link["people"] for link in scores["B"].links}
    assert links == {("out", "C"): ["q"], ("in", "A"): ["p", "s"], ("in", "D"): ["t"]}


def test_betweenness_is_sampled_with_a_fixed_seed_above_the_limit(fixture_facts):
    first = hubs(fixture_facts, graph="flows", exact_limit=3, sample_size=2, seed=7)
    again = hubs(fixture_facts, graph="flows", exact_limit=3, sample_size=2, seed=7)
    assert first.betweenness_method == "sampled"
    assert first.sample_size == 2
    assert first.method_note == (
        "betweenness: SAMPLED from 2 of 4 nodes (seed 7); values are estimates"
    )
    assert [s.betweenness for s in first.scores] == [s.betweenness for s in again.scores]
    assert first.to_json()["betweenness"] == {"method": "sampled", "sample_size": 2, "seed": 7}


@st.composite
def networks(draw: st.DrawFn) -> tuple[nx.Graph, int | None]:
    """A graph of up to 12 nodes (named as the graphs' nodes are, by IRI), directed or not,
    with any edges, self-loops and parallel edges included; and a sample size, or none."""
    size = draw(st.integers(min_value=0, max_value=12))
    network = draw(st.sampled_from([nx.Graph, nx.DiGraph, nx.MultiGraph, nx.MultiDiGraph]))()
    names = [f"https://w3id.org/talentgraph/id/org/n{number}" for number in range(size)]
    network.add_nodes_from(names)
    if names:
        pairs = st.tuples(st.sampled_from(names), st.sampled_from(names))
        network.add_edges_from(draw(st.lists(pairs, max_size=30)))
    k = draw(st.none() | st.integers(min_value=2, max_value=size)) if size >= 2 else None
    return network, k


@settings(max_examples=300, deadline=None)
@given(networks(), st.integers(min_value=0, max_value=2**32))
def test_betweenness_is_what_networkx_computes(drawn, seed):
    # Computed by igraph, the values and the sample are networkx's, exact or sampled.
    network, k = drawn
    expected = nx.betweenness_centrality(network, k=k, seed=seed if k else None)
    assert betweenness(network, k=k, seed=seed) == pytest.approx(expected, abs=1e-12)


def test_communities_follow_the_hierarchy():
    # Two companies with their units and no shared people: the ties graph has two components
    # ({X, x1, x2}, {Y, y1}), which Louvain never merges; the untied org Z is left out.
    facts = tiny_facts(
        orgs={
            "x": "Company",
            "x1": "Lab",
            "x2": "Lab",
            "y": "Company",
            "y1": "Lab",
            "z": "Company",
        },
        parents={"x1": "x", "x2": "x", "y1": "y"},
        moves=[],
    )
    communities = org_communities(facts, seed=42)
    assert [c.labels for c in communities] == [["X", "X1", "X2"], ["Y", "Y1"]]
    assert communities[1].members == [org("y"), org("y1")]
    assert communities[1].ties == [{"between": ["Y", "Y1"], "reasons": ["partOf"]}]


# The sample corpus's person-organisation graph (tests/fixtures/sample/seeds/): a person is
# linked to each organisation they work at, worked at, left, left for or studied at; a unit to
# its parent. Ines Halvorsen's move is only announced, so Larkspur AI has no link at all.
#
#   Lindqvist -- Mara -- her venture            Brightwater -- Dana
#                 |
#          Norrland vision team
#                 |
#          Norrland AI Lab -- Norrland Robotics
#                 |
#            Tobias Wren
#                 |
#      Quillon research division -- Ines
#                 |
#          Quillon Systems -- Piet
#
# 13 nodes, two components, both trees, so every shortest path is the only path. Betweenness
# of a node = the pairs it separates / C(12, 2) = 66 (undirected, normalised):
#   Norrland AI Lab: {Mara, venture, Lindqvist, vision} 4 | {Norrland} 1 | {Tobias...} 5:
#                    4*1 + 4*5 + 1*5 = 29                                         -> 29/66
#   Tobias Wren:     6 nodes above | 4 below: 24                                  -> 24/66
#   Quillon research division: 7 above | {Ines} 1 | {Quillon, Piet} 2:
#                    7 + 14 + 2 = 23                                              -> 23/66
#   Norrland vision team: {Mara, venture, Lindqvist} 3 | 7 below: 21              -> 21/66
#   Mara Oyelaran:   {venture} 1 | {Lindqvist} 1 | 8 others: 1 + 8 + 8 = 17      -> 17/66
#   Quillon Systems: {Piet} 1 | 9 others: 9                                        -> 9/66
# Everyone else (leaves, and both ends of Brightwater -- Dana) lies on no path: 0.
SAMPLE_PEOPLE = [
    ("Norrland AI Lab", 3, 29 / 66),
    ("Tobias Wren", 2, 24 / 66),
    ("Quillon research division", 3, 23 / 66),
    ("Norrland vision team", 2, 21 / 66),
    ("Mara Oyelaran", 3, 17 / 66),
    ("Quillon Systems", 2, 9 / 66),
]


def test_sample_people_graph_hubs(sample_facts):
    result = hubs(sample_facts, graph="people")
    assert result.nodes == 13
    assert result.method_note == "betweenness: exact over all 13 nodes"
    top = [(score.label, score.degree, score.betweenness) for score in result.scores[:6]]
    assert [(label, degree) for label, degree, _ in top] == [
        (label, degree) for label, degree, _ in SAMPLE_PEOPLE
    ]
    assert [value for *_, value in top] == pytest.approx([value for *_, value in SAMPLE_PEOPLE])
    assert all(score.betweenness == 0 for score in result.scores[6:])
    assert all(score.pagerank is None for score in result.scores)  # undirected: no PageRank
    assert "Larkspur AI" not in {score.label for score in result.scores}


def test_unknown_graph_is_an_error(fixture_facts):
    with pytest.raises(InputError, match="unknown graph 'web'; use one of flows, people"):
        hubs(fixture_facts, graph="web")
