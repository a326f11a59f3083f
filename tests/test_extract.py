"""The candidate extractor's rules, on sentences written for these tests (none from a real
article): what each rule proposes, and what it must never propose."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.cli import main
from graph.curation.extract import KnownEntity, extract
from graph.curation.extract.dates import find_dates
from graph.curation.extract.text import split_sentences

# (text, the moves expected: (person, from, to, status)); "venture" is an unnamed own venture.
MOVES = [
    (
        "Dana Reyes, who led the vision team at Nimbus Labs, has joined Orbital AI.",
        {("Dana Reyes", "Nimbus Labs", "Orbital AI", "completed")},
    ),
    (
        "Orbital AI has hired Dana Reyes from Nimbus Labs to run its robotics group.",
        {("Dana Reyes", "Nimbus Labs", "Orbital AI", "completed")},
    ),
    (
        "Priya Natarajan left Kestrel Robotics in March to start her own company.",
        {("Priya Natarajan", "Kestrel Robotics", "venture", "completed")},
    ),
    (
        "Veteran researcher Tomas Berg is set to depart Halcyon Research after six years.",
        {("Tomas Berg", "Halcyon Research", None, "announced")},
    ),
    (
        "Meta has poached Jordan Park, a former Apple researcher, for its superintelligence lab.",
        {("Jordan Park", "Apple", "Meta", "completed")},
    ),
    (
        "Lena Vogt quit Quanta Systems and joined Helios AI as chief scientist.",
        {("Lena Vogt", "Quanta Systems", "Helios AI", "completed")},
    ),
    (
        "Former Google DeepMind scientist Arjun Mehta has joined Anthropic.",
        {("Arjun Mehta", "Google DeepMind", "Anthropic", "completed")},
    ),
    (
        "Wei Zhang, an engineer at Stellar Labs, will join Northwind AI next month.",
        {("Wei Zhang", "Stellar Labs", "Northwind AI", "announced")},
    ),
    (
        "Chen Yu has left ByteDance. She joined Moonshot AI in January 2025.",
        {("Chen Yu", "ByteDance", "Moonshot AI", "completed")},
    ),
    (
        "Maria Lopez departed Vertex Robotics for Cobalt AI last year.",
        {("Maria Lopez", "Vertex Robotics", "Cobalt AI", "completed")},
    ),
    (
        "Sam Okafor resigned from Lumen Technologies to found a startup of his own.",
        {("Sam Okafor", "Lumen Technologies", "venture", "completed")},
    ),
    (
        "Nvidia recruited Hana Sato away from Intel in 2023.",
        {("Hana Sato", "Intel", "Nvidia", "completed")},
    ),
    (
        "Ravi Kumar, previously at Microsoft Research, is now at OpenAI.",
        {("Ravi Kumar", "Microsoft Research", "OpenAI", "completed")},
    ),
    (
        "Ilse Dekker was hired by Mistral AI from Hugging Face.",
        {("Ilse Dekker", "Hugging Face", "Mistral AI", "completed")},
    ),
    (
        "The departure of Omar Haddad, head of Corvid Labs' speech team, surprised many."
        " Haddad has since joined Tern AI.",
        {("Omar Haddad", "Corvid Labs speech team", "Tern AI", "completed")},
    ),
    (
        "Liu Yang stepped down as chief technology officer of Pinecrest Technologies"
        " and joined Baidu.",
        {("Liu Yang", "Pinecrest Technologies", "Baidu", "completed")},
    ),
    (
        "After eight years at Amazon, Grace Kim moved to Anthropic in May 2024.",
        {("Grace Kim", "Amazon", "Anthropic", "completed")},
    ),
    (
        "Teodor Vance, who left Quanta Systems in June, has since become Helios AI's head of "
        "research.",
        {("Teodor Vance", "Quanta Systems", "Helios AI", "completed")},
    ),
    (
        "Mira Sol, Ivo Brandt and Kai Lutz, all formerly of Vertex Robotics, have joined "
        "rival startup Cobalt AI.",
        {
            ("Mira Sol", "Vertex Robotics", "Cobalt AI", "completed"),
            ("Ivo Brandt", "Vertex Robotics", "Cobalt AI", "completed"),
            ("Kai Lutz", "Vertex Robotics", "Cobalt AI", "completed"),
        },
    ),
    (
        "Nimbus Labs, the robotics startup, announced three hires on Monday. Ola Berg joins us "
        "from Quanta Systems to lead research.",
        {("Ola Berg", "Quanta Systems", "Nimbus Labs", "completed")},
    ),
    (
        "Hugo Lind, the chief scientist of Lumen Labs, is set to depart at the end of March to "
        "join Helios AI, the second senior researcher to leave the firm this year.",
        {("Hugo Lind", "Lumen Labs", "Helios AI", "announced")},
    ),
]
# Sentences that name people and organisations but state no move.
NO_MOVE = [
    "Orbital AI invited Dana Reyes to join its board.",
    "Helios AI offered Lena Vogt a role, but she declined.",
    "Tomas Berg could join Halcyon Research later this year.",
    "Tomas Berg may leave Halcyon Research, according to people familiar with the matter.",
    "Maria Lopez is expected to join Cobalt AI.",
    "Maria Lopez is rumoured to be leaving Vertex Robotics.",
    "Jordan Park did not leave Apple.",
    "Jordan Park has no plans to leave Apple.",
    "Will Dana Reyes join Orbital AI?",
    "Nimbus Labs is trying to recruit Dana Reyes.",
    "Several researchers have left Nimbus Labs this year.",
    "Read also: Dana Reyes leaves Nimbus Labs for Orbital AI",
    "By Dana Reyes\nNimbus Labs released a new model on Tuesday.",
    "Dana Reyes joined Nimbus Labs in 2019 after a PhD at Westlake University.",
    "Orbital AI Hires Dana Reyes From Nimbus Labs",
]


def moves_of(text: str, known: list[KnownEntity] | None = None) -> set[tuple]:
    found = set()
    for candidate in extract(text, known=known or ()):
        if candidate.kind == "move":
            to = "venture" if candidate.to_unnamed else candidate.to
            found.add((candidate.person, candidate.from_, to, candidate.status))
    return found


@pytest.mark.parametrize(("text", "expected"), MOVES, ids=[m[0][:40] for m in MOVES])
def test_moves_are_proposed_with_both_ends_and_status(text, expected):
    assert moves_of(text) == expected


@pytest.mark.parametrize("text", NO_MOVE, ids=[t[:40] for t in NO_MOVE])
def test_no_move_from_invitations_speculation_negation_teasers_or_headlines(text):
    assert moves_of(text) == set()


def test_a_join_whose_origin_no_sentence_states_is_a_job_not_a_move():
    found = extract("Dana Reyes joined Nimbus Labs in 2019 after a PhD at Westlake University.")
    jobs = [(c.person, c.org, c.start_date) for c in found if c.kind == "employment"]
    assert jobs == [("Dana Reyes", "Nimbus Labs", "2019")]
    studies = [(c.person, c.org) for c in found if c.kind == "alumnus"]
    assert studies == [("Dana Reyes", "Westlake University")]


def test_an_article_that_tells_the_later_move_first_still_chains_them():
    # The join of Cobalt AI is told first; the move to Vertex and away from it afterwards.
    text = (
        "Ana Ruiz, a veteran of Lumen Labs, joined Cobalt AI in February. "
        "Ruiz briefly took a role at Vertex Robotics following her departure from Lumen Labs. "
        "However, she left shortly after a reorganisation within the company."
    )
    assert moves_of(text) == {
        ("Ana Ruiz", "Lumen Labs", "Vertex Robotics", "completed"),
        ("Ana Ruiz", "Vertex Robotics", "Cobalt AI", "completed"),
    }


def test_the_lead_sentence_that_names_nobody_gives_the_move_its_destination():
    text = (
        "A top robotics engineer is leaving Kestrel Robotics to pursue his own venture.\n"
        "Engineer Paulo Mendes is set to depart the company's hardware unit next month."
    )
    assert moves_of(text) == {
        ("Paulo Mendes", "Kestrel Robotics hardware unit", "venture", "announced")
    }


def test_known_names_link_to_the_registry_in_either_name_order_and_by_possessive_units():
    known = [
        KnownEntity("chen-yu", "person", "Chen Yu"),
        KnownEntity("acme", "org", "Acme Group", ("Acme",)),
        KnownEntity("acme-vision", "org", "Acme vision team", (), "acme"),
        KnownEntity("beta", "org", "Beta Labs"),
    ]
    found = extract("Yu Chen, who ran Acme's vision team, has joined Beta Labs.", known=known)
    move = next(c for c in found if c.kind == "move")
    assert (move.person, move.from_, move.to) == ("Chen Yu", "Acme vision team", "Beta Labs")
    assert move.ids == {"person": "chen-yu", "from": "acme-vision", "to": "beta"}


def test_a_unit_is_proposed_as_an_organisation_with_its_owner_as_parent():
    found = extract("Ola Berg joined Tencent's Hunyuan model team last year.")
    units = [(c.org, c.parent) for c in found if c.kind == "part_of"]
    assert units == [("Tencent Hunyuan model team", "Tencent")]


def test_investments_and_studies():
    found = extract(
        "Cobalt Ventures has backed Nimbus Labs and Orbital AI. "
        "Tomas Berg graduated from Delft University with a degree in physics."
    )
    assert {(c.from_, c.to) for c in found if c.kind == "investment"} == {
        ("Cobalt Ventures", "Nimbus Labs"),
        ("Cobalt Ventures", "Orbital AI"),
    }
    assert {(c.person, c.org) for c in found if c.kind == "alumnus"} == {
        ("Tomas Berg", "Delft University")
    }


def test_dates_keep_their_stated_precision():
    assert {c.date for c in extract("Hana Sato left Intel for Nvidia in February.")} >= {"--02"}
    found = extract("Hana Sato left Intel for Nvidia on March 4, 2023.")
    assert [c.date for c in found if c.kind == "move"] == ["2023-03-04"]


def test_every_candidate_carries_its_sentence_offsets_trigger_and_confidence():
    text = "Intro line.\nLena Vogt quit Quanta Systems and joined Helios AI."
    for candidate in extract(text):
        assert text[candidate.start : candidate.end] == candidate.evidence
        assert 0 < candidate.confidence <= 1
        assert candidate.trigger


def test_chinese_sentences_split_on_chinese_punctuation_and_find_known_names():
    known = [
        KnownEntity("lin", "person", "Lin Junyang", ("林俊旸",)),
        KnownEntity("qwen", "org", "Qwen team", ("通义千问团队",)),
        KnownEntity("tencent", "org", "Tencent", ("腾讯",)),
    ]
    text = "林俊旸从通义千问团队离职。随后林俊旸加入腾讯。"
    assert [s.text for s in split_sentences(text)] == [
        "林俊旸从通义千问团队离职。",
        "随后林俊旸加入腾讯。",
    ]
    assert moves_of(text, known) == {("Lin Junyang", "Qwen team", "Tencent", "completed")}


def test_chinese_move_words_to_an_own_venture():
    known = [KnownEntity("acme", "org", "Acme", ("阿克米公司",))]
    assert moves_of("王磊离开阿克米公司创业。", known) == {("王磊", "Acme", "venture", "completed")}


def test_extract_command_prints_json_with_the_contract_fields(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text("Lena Vogt quit Quanta Systems and joined Helios AI.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(article), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    move = next(row for row in rows if row["kind"] == "move")
    contract = (
        "kind",
        "person",
        "org",
        "from",
        "to",
        "date",
        "status",
        "evidence",
        "start",
        "end",
        "confidence",
    )
    assert all(key in move for key in contract)
    assert (move["person"], move["from"], move["to"], move["org"]) == (
        "Lena Vogt",
        "Quanta Systems",
        "Helios AI",
        None,
    )
    assert {row["kind"] for row in rows} <= {
        "move",
        "employment",
        "part_of",
        "investment",
        "alumnus",
        "entity",
    }


WORDS = st.sampled_from(
    [
        "Dana",
        "Reyes",
        "left",
        "joined",
        "Nimbus",
        "Labs",
        "'s",
        "team",
        "the",
        "company",
        "he",
        "from",
        "for",
        "to",
        "its",
        ",",
        ".",
        "\n",
        "Read also:",
        "By",
        "离职",
        "加入",
        "腾讯",
        "former",
        "who",
        "led",
        "in",
        "May",
        "2024",
        "?",
        "invited",
        "(",
        ")",
        "’s",
        "and",
    ]
)


def test_extract_command_says_when_it_finds_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # outside any workspace
    article = tmp_path / "weather.txt"
    article.write_text("It rained all day in the valley.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    assert result.stdout == "No candidates: the extractor found no facts and no names in it.\n"
    as_json = CliRunner().invoke(main, ["extract", str(article), "--format", "json"])
    assert json.loads(as_json.stdout) == []


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS | st.text(max_size=12), max_size=60).map(" ".join))
def test_any_text_gives_candidates_whose_offsets_point_at_their_sentence(text):
    for candidate in extract(text):
        assert text[candidate.start : candidate.end] == candidate.evidence
        assert candidate.kind in (
            "move",
            "employment",
            "part_of",
            "investment",
            "alumnus",
            "entity",
        )


def test_a_page_without_punctuation_is_cut_into_bounded_sentences():
    text = "Dana Reyes joined Orbital AI " * 4000
    sentences = split_sentences(text)
    assert max(len(s.text) for s in sentences) <= 1500
    assert all(text[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("She left on February 30, 2024.", ["2024"]),  # no such day: the year stands
        ("He moved on 45 March 2024.", ["2024-03"]),
        ("He moved on March 3, 2024.", ["2024-03-03"]),
        ("She joined in February.", ["--02"]),
    ],
)
def test_dates_are_only_those_the_curation_checks_accept(sentence, values):
    assert [date.value for date in find_dates(sentence, 0)] == values


def test_a_name_two_known_people_share_is_never_linked_to_either():
    from graph.curation.drafts import draft_claims

    known = [KnownEntity("li-wei", "person", "Li Wei"), KnownEntity("li-wei-2", "person", "Li Wei")]
    candidates = extract("Li Wei left Acme Labs for Beta AI in March 2024.", known=known)
    assert candidates and all("person" not in c.ids for c in candidates)
    drafts = draft_claims(candidates, taken={"li-wei", "li-wei-2"})
    assert {claim["person"] for claim in drafts.claims} == {"li-wei-3"}  # new, to review
