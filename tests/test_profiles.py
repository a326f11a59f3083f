"""Person timelines, organisation profiles and name matching, on the sample corpus.

The expected careers are read off tests/fixtures/sample/seeds/ by hand.
"""

from __future__ import annotations

import pytest

from graph.analysis.profiles import org_profile, person_profile, resolve_name
from graph.errors import AmbiguousNameError, UnknownNameError
from graph.facts import Facts


def steps(facts, name):
    return [(s.when, s.what, s.status) for s in person_profile(facts, name).steps]


def test_a_career_reads_in_order_with_dates_at_their_precision(sample_facts):
    # norrland-vision-exodus: "a research scientist at the Norrland AI Lab since 2019, who
    # joined Quillon Systems' research division in March 2024" (a job from a year to a month);
    # quillon-reshuffle: "named ... a principal scientist in its research division".
    assert steps(sample_facts, "Tobias Wren") == [
        ("2019 to 2024-03", "worked as research scientist at Norrland AI Lab", ""),
        ("2024-03", "left Norrland AI Lab for Quillon research division", "completed"),
        ("now", "works as principal scientist at Quillon research division", ""),
    ]
    # "with Quillon since 1 June 2020 and left on 20 November 2023"; "did not say where".
    assert steps(sample_facts, "Piet Okonkwo") == [
        ("2020-06-01 to 2023-11-20", "worked as chief architect at Quillon Systems", ""),
        ("2023-11-20", "left Quillon Systems (destination unknown)", "completed"),
    ]
    # Studies come first; "since 2021" is a start with no stated end.
    assert steps(sample_facts, "Mara Oyelaran") == [
        ("", "studied at Lindqvist Institute of Technology", ""),
        ("from 2021", "worked as head at Norrland vision team", ""),
        ("", "left Norrland vision team for Mara Oyelaran's own venture (unnamed)", "completed"),
    ]


def test_a_move_stated_by_two_sources_shows_all_their_quotes(sample_facts):
    move = person_profile(sample_facts, "Tobias Wren").steps[1]
    # One quote in norrland-vision-exodus, two in quillon-reshuffle, in document order.
    assert [(quote.title, quote.quote) for quote in move.evidence] == [
        (
            "Norrland loses its vision chief to a venture of her own",
            "The lab also lost Tobias Wren, a research scientist at the Norrland AI Lab since "
            "2019, who joined Quillon Systems' research division in March 2024.",
        ),
        (
            "Quillon reshuffles its research division",
            "Quillon Systems has named Tobias Wren a principal scientist in its research division.",
        ),
        (
            "Quillon reshuffles its research division",
            "Wren left the Norrland AI Lab for Quillon this spring.",
        ),
    ]


def test_announced_moves_and_month_only_dates_are_marked(sample_facts):
    # "head of the research division since April, is set to leave for Larkspur AI"
    assert steps(sample_facts, "ines halvorsen") == [
        ("April (year not stated) to now", "works as head at Quillon research division", ""),
        ("", "is set to leave Quillon research division for Larkspur AI", "announced"),
    ]
    job = person_profile(sample_facts, "Ines Halvorsen").steps[0]
    assert job.evidence[0].note == "The article gives the month (April) but not the year."


def test_an_org_profile_counts_the_org_with_its_units(sample_facts):
    profile = org_profile(sample_facts, "quillon")
    # In: Tobias Wren (to the research division). Out: Piet Okonkwo (unknown destination) and
    # Ines Halvorsen (announced, from the research division).
    assert (profile.flow.in_count, profile.flow.out_count, profile.flow.net) == (1, 2, -1)
    assert profile.flow.left == ["Ines Halvorsen", "Piet Okonkwo"]
    assert [(depth, sample_facts.label(unit)) for depth, unit in profile.units] == [
        (1, "Quillon research division")
    ]
    assert [sample_facts.label(r.object) for r in profile.investments] == ["Larkspur AI"]
    # Ines Halvorsen is only set to leave, so she still works there.
    assert [(p.person_label, p.current) for p in profile.people] == [
        ("Ines Halvorsen", True),
        ("Tobias Wren", True),
        ("Piet Okonkwo", False),
    ]
    data = profile.to_json()
    assert (data["in"], data["out"], data["net"]) == (1, 2, -1)
    assert data["invests_in"][0]["evidence"][0]["quote"] == (
        "Larkspur AI, a startup in which Quillon holds a minority stake"
    )


def test_a_part_of_chain_two_deep(sample_facts):
    # Norrland Robotics > Norrland AI Lab > Norrland vision team.
    company = org_profile(sample_facts, "Norrland Robotics")
    assert [(depth, sample_facts.label(unit)) for depth, unit in company.units] == [
        (1, "Norrland AI Lab"),
        (2, "Norrland vision team"),
    ]
    assert company.flow.left == ["Mara Oyelaran", "Tobias Wren"]
    lab = org_profile(sample_facts, "Norrland AI Lab")
    assert [sample_facts.label(org) for org in lab.parents] == ["Norrland Robotics"]
    assert lab.flow.left == ["Mara Oyelaran", "Tobias Wren"]  # with its vision team
    startup = org_profile(sample_facts, "Larkspur")
    assert [sample_facts.label(r.subject) for r in startup.investors] == [
        "Brightwater Capital",
        "Quillon Systems",
    ]
    assert (startup.flow.in_count, startup.flow.joined) == (1, ["Ines Halvorsen"])


def test_names_match_labels_aliases_slugs_and_iris_in_any_case(sample_facts):
    iri = "https://w3id.org/talentgraph/id/person/tobias-wren"
    for name in ("Tobias Wren", "toby wren", "TOBIAS WREN", "tobias-wren", iri, "  Toby Wren "):
        assert resolve_name(sample_facts, name, kind="person") == iri
    norrland = "https://w3id.org/talentgraph/id/org/norrland"
    assert resolve_name(sample_facts, "Norrland Robotik", kind="org") == norrland  # @sv alias
    assert resolve_name(sample_facts, "norrland", kind="org") == norrland


def test_an_unknown_name_lists_the_closest(sample_facts):
    with pytest.raises(UnknownNameError) as error:
        person_profile(sample_facts, "Tobias Wrenn")
    # "Toby Wren", his alias, comes close too: one person is suggested once, by his label.
    assert str(error.value) == "no person named 'Tobias Wrenn'; closest: Tobias Wren"
    with pytest.raises(UnknownNameError, match="no org named 'Nowhere'; no similar name"):
        org_profile(sample_facts, "Nowhere")


def test_an_ambiguous_name_lists_the_candidates():
    facts = Facts(
        labels={"urn:a": "Hunyuan", "urn:b": "Hunyuan team"},
        aliases={"urn:b": ("Hunyuan",)},
        org_classes={"urn:a": "Lab", "urn:b": "Lab"},
    )
    with pytest.raises(AmbiguousNameError) as error:
        resolve_name(facts, "hunyuan", kind="org")
    assert str(error.value) == (
        "'hunyuan' names more than one org: Hunyuan <urn:a>, Hunyuan team <urn:b>; "
        "give the full label or the IRI"
    )
    assert resolve_name(facts, "Hunyuan team", kind="org") == "urn:b"
