"""Person timelines, organisation profiles and name matching on the seed graph."""

from __future__ import annotations

import pytest

from graph.build import build_dataset
from graph.errors import AmbiguousNameError, UnknownNameError
from graph.facts import Facts, load_facts
from graph.analysis.profiles import org_profile, person_profile, resolve_name


@pytest.fixture(scope="module")
def facts():
    return load_facts(build_dataset())


def test_a_career_reads_in_order_with_a_quote_per_step(facts):
    # Tongyi article: at Alibaba since 2015, Damo Academy, led the speech lab, left Tongyi Lab
    # for Tencent, left it, joined JD's Explore Academy in February (no year given).
    profile = person_profile(facts, "Yan Zhijie")
    assert [(step.when, step.what) for step in profile.steps] == [
        ("from 2015", "worked at Alibaba Group"),
        ("", "worked as foundational member at Damo Academy"),
        ("", "worked as head at Tongyi speech lab"),
        ("", "left Tongyi Lab for Tencent"),
        ("", "worked at Tencent"),
        ("February (year not stated)", "left Tencent for JD Explore Academy"),
        ("February (year not stated) to now", "works at JD Explore Academy"),
    ]
    assert all(step.evidence for step in profile.steps)
    # Quotes come in the order they appear in the document.
    assert [quote.quote for quote in profile.steps[5].evidence] == [
        "He joined JD.com\u2019s Explore Academy in February",
        "However, he left shortly after an internal restructuring within the company.",
    ]


def test_a_move_stated_by_three_sources_shows_all_their_quotes(facts):
    profile = person_profile(facts, "junyang lin")
    move = profile.steps[-1]
    assert (move.when, move.what, move.status) == (
        "2023-03-04",
        "left Qwen team (destination unknown)",
        "completed",
    )
    assert len({quote.source for quote in move.evidence}) == 3
    assert move.evidence[0].note.startswith("March 4, 2023 is the day Lin announced")


def test_announced_moves_are_marked(facts):
    steps = person_profile(facts, "CHANG ZHOU").steps
    assert [step.what for step in steps] == [
        "studied at Peking University",
        "works at Alibaba Group",  # "joining Alibaba in 2017"
        "works as algorithm engineer at Alibaba cloud computing unit",
        "is set to leave Alibaba cloud computing unit for Zhou Chang's own venture (unnamed)",
    ]


def test_an_org_profile_counts_the_org_with_its_units(facts):
    profile = org_profile(facts, "alibaba")
    assert (profile.flow.in_count, profile.flow.out_count, profile.flow.net) == (0, 4, -4)
    assert [(depth, facts.label(unit)) for depth, unit in profile.units] == [
        (1, "Alibaba cloud computing unit"),
        (1, "Qwen team"),
        (1, "Tongyi Lab"),
        (2, "Tongyi applied vision division"),
        (2, "Tongyi speech lab"),
    ]
    assert sorted(facts.label(r.object) for r in profile.investments) == [
        "Baichuan",
        "MiniMax",
        "Moonshot AI",
        "Zhipu AI",
    ]
    # Zhou Chang's two current jobs: at Alibaba since 2017, and in its cloud computing unit.
    current = [person.person_label for person in profile.people if person.current]
    assert current == ["Zhou Chang", "Zhou Chang"]
    data = profile.to_json()
    assert data["in"] == 0 and data["left"] == profile.flow.left
    assert data["invests_in"][0]["evidence"][0]["quote"].startswith("Alibaba has emerged")


def test_a_unit_profile_has_its_own_flow(facts):
    profile = org_profile(facts, "Tongyi")
    assert profile.flow.left == ["Bo Liefeng", "Yan Zhijie"]
    assert [facts.label(org) for org in profile.parents] == ["Alibaba Group"]
    hunyuan = org_profile(facts, "hunyuan")
    assert (hunyuan.flow.in_count, hunyuan.flow.out_count) == (1, 0)
    baichuan = org_profile(facts, "Baichuan")
    assert [facts.label(relation.subject) for relation in baichuan.investors] == ["Alibaba Group"]


def test_names_match_labels_aliases_slugs_and_iris_in_any_case(facts):
    iri = "https://w3id.org/talentgraph/id/org/qwen-team"
    for name in ("Qwen team", "qwen", "TONGYI QIANWEN", "qwen-team", iri, "  Qianwen "):
        assert resolve_name(facts, name, kind="org") == iri
    assert resolve_name(facts, "阿里", kind="org").endswith("/alibaba-group")


def test_an_unknown_name_lists_the_closest(facts):
    with pytest.raises(UnknownNameError) as error:
        person_profile(facts, "Lin Junyan")
    assert str(error.value) == (
        "no person named 'Lin Junyan'; closest: Lin Junyang, Junyang Lin, Zhijie Yan"
    )
    with pytest.raises(UnknownNameError, match="no org named 'Nowhere'; no similar name"):
        org_profile(facts, "Nowhere")


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
