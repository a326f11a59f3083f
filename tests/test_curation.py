"""The curated content of the five seed articles, pinned fact by fact.

Every expected value below was read off the articles in seeds/documents/ by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from graph.build import curate
from graph.vocab import OA, TG, entity_iri

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def slug(iri) -> str | None:
    """The last path segment of an IRI (or the term after '#')."""
    if iri is None:
        return None
    return str(iri).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def pairs(dataset: Dataset, predicate) -> set[tuple[str, str]]:
    return {(slug(s), slug(o)) for s, o in dataset.subject_objects(predicate)}


def test_every_move_as_stated(seed_dataset):
    moves = {}
    for move in seed_dataset.subjects(RDF.type, TG.Move):
        date = seed_dataset.value(move, TG.date)
        key = (
            slug(seed_dataset.value(move, TG.person)),
            slug(seed_dataset.value(move, TG.fromOrg)),
        )
        moves[key] = (
            slug(seed_dataset.value(move, TG.toOrg)),
            slug(seed_dataset.value(move, TG.status)),
            None if date is None else (str(date), date.datatype),
        )
    assert moves == {
        # 000, 001, 002: Lin Junyang left the Qwen team; no article names a destination.
        # 002 dates the announcement March 4, 2023 (flagged by a curator's note).
        ("lin-junyang", "qwen-team"): (None, "Completed", ("2023-03-04", XSD.date)),
        # 003: Yan left Tongyi Lab ("his departure from Alibaba") for a brief stint at Tencent,
        # then joined JD Explore Academy "in February" (no year given: a month-only date).
        ("yan-zhijie", "tongyi-lab"): ("tencent", "Completed", None),
        ("yan-zhijie", "tencent"): ("jd-explore-academy", "Completed", ("--02", XSD.gMonth)),
        ("bo-liefeng", "tongyi-applied-vision"): ("tencent-hunyuan", "Completed", None),
        # 004: Zhou Chang "is set to depart": announced, not completed; own unnamed venture.
        ("zhou-chang", "alibaba-cloud-unit"): ("zhou-chang-venture", "Announced", None),
        ("yang-hongxia", "bytedance"): ("yang-hongxia-venture", "Completed", None),
        ("fu-ruiji", "kuaishou"): ("fu-ruiji-venture", "Completed", None),
    }


def test_one_move_stated_by_three_sources_is_one_node_with_three_sources(seed_dataset):
    move = entity_iri("move", "lin-junyang-from-qwen-team-to-unknown")
    sources = {slug(s) for s in seed_dataset.objects(move, PROV.wasDerivedFrom)}
    assert sources == {
        "qwen-leadership-compliance",
        "technode-deepmind-invites-qwen",
        "qwen-aftermath-open-source",
    }
    graphs = {slug(g.identifier) for g in seed_dataset.graphs() if (move, RDF.type, TG.Move) in g}
    assert graphs == sources


def test_every_organization_has_its_stated_parent(seed_dataset):
    assert pairs(seed_dataset, TG.partOf) == {
        ("qwen-team", "alibaba-group"),  # "Alibaba's Qwen team"
        ("tongyi-lab", "alibaba-group"),  # "Alibaba Group Holding's Tongyi Lab"
        ("tongyi-speech-lab", "tongyi-lab"),  # "Tongyi's speech lab"
        ("tongyi-applied-vision", "tongyi-lab"),  # "Tongyi's applied vision division"
        ("alibaba-cloud-unit", "alibaba-group"),  # "the company's cloud computing unit"
        ("jd-explore-academy", "jd-com"),  # "JD.com's Explore Academy ... a research division"
        ("tencent-hunyuan", "tencent"),  # "Tencent's Hunyuan AI model team"
        ("tiktok", "bytedance"),  # "ByteDance, the owner of ... TikTok and Douyin"
        ("douyin", "bytedance"),
    }


def test_current_and_past_jobs(seed_dataset):
    assert pairs(seed_dataset, TG.worksAt) == {
        ("omar-sanseviero", "google-deepmind"),
        ("yan-zhijie", "jd-explore-academy"),
        ("bo-liefeng", "tencent-hunyuan"),
        ("zhou-chang", "alibaba-cloud-unit"),  # only set to depart
        ("zhou-chang", "alibaba-group"),  # "joining Alibaba in 2017"
    }
    assert pairs(seed_dataset, TG.workedAt) == {
        ("lin-junyang", "qwen-team"),
        ("yan-zhijie", "alibaba-group"),
        ("yan-zhijie", "damo-academy"),
        ("yan-zhijie", "tongyi-speech-lab"),
        ("yan-zhijie", "tencent"),
        ("bo-liefeng", "tongyi-applied-vision"),
        ("bo-liefeng", "jd-com"),
        ("bo-liefeng", "amazon"),
        ("yang-hongxia", "bytedance"),
        ("fu-ruiji", "kuaishou"),
    }


def test_direct_move_triples_only_for_completed_moves(seed_dataset):
    assert pairs(seed_dataset, TG.left) == {
        ("lin-junyang", "qwen-team"),
        ("yan-zhijie", "tongyi-lab"),
        ("yan-zhijie", "tencent"),
        ("bo-liefeng", "tongyi-applied-vision"),
        ("yang-hongxia", "bytedance"),
        ("fu-ruiji", "kuaishou"),
    }
    assert pairs(seed_dataset, TG.leftFor) == {
        ("yan-zhijie", "tencent"),
        ("yan-zhijie", "jd-explore-academy"),
        ("bo-liefeng", "tencent-hunyuan"),
        ("yang-hongxia", "yang-hongxia-venture"),
        ("fu-ruiji", "fu-ruiji-venture"),
    }


def test_employment_roles_and_dates(seed_dataset):
    lin = entity_iri("employment", "lin-junyang-at-qwen-team")
    assert {str(r) for r in seed_dataset.objects(lin, TG.role)} == {
        "tech lead",
        "technical head of the Qwen model family",
        "head of the Qwen technology team",
    }
    yan = entity_iri("employment", "yan-zhijie-at-alibaba-group")
    assert seed_dataset.value(yan, TG.startDate) == Literal("2015", datatype=XSD.gYear)
    zhou = entity_iri("employment", "zhou-chang-at-alibaba-group")
    assert seed_dataset.value(zhou, TG.startDate) == Literal("2017", datatype=XSD.gYear)
    zhou_unit = entity_iri("employment", "zhou-chang-at-alibaba-cloud-unit")
    assert str(seed_dataset.value(zhou_unit, TG.role)) == "algorithm engineer"
    assert seed_dataset.value(zhou_unit, TG.startDate) is None


def test_investments_alumni_and_group_departures(seed_dataset):
    assert pairs(seed_dataset, TG.investsIn) == {
        ("alibaba-group", "baichuan"),
        ("alibaba-group", "moonshot-ai"),
        ("alibaba-group", "zhipu-ai"),
        ("alibaba-group", "minimax"),
    }
    assert pairs(seed_dataset, TG.alumnusOf) == {("zhou-chang", "peking-university")}
    groups = {
        (slug(seed_dataset.value(g, TG.fromOrg)), slug(seed_dataset.value(g, TG.status)))
        for g in seed_dataset.subjects(RDF.type, TG.GroupDeparture)
    }
    # 001: "left the company, along with several other core team members" (size unknown);
    # 002: "several core team members also expressing their intent to leave";
    # 003: "several leading experts have recently left Tongyi Lab" (two of them named).
    assert groups == {
        ("qwen-team", "Completed"),
        ("qwen-team", "Announced"),
        ("tongyi-lab", "Completed"),
    }
    assert not list(seed_dataset.objects(None, TG.size))  # no article gives a number


def test_the_graph_holds_only_the_people_the_articles_state(seed_dataset):
    people = {
        str(seed_dataset.value(p, RDFS.label)) for p in seed_dataset.subjects(RDF.type, TG.Person)
    }
    assert people == {
        "Lin Junyang",
        "Omar Sanseviero",  # works at Google DeepMind; his invitation is not a move
        "Yan Zhijie",
        "Bo Liefeng",
        "Zhou Chang",
        "Yang Hongxia",
        "Fu Ruiji",
    }
    # Named only in "Read also" / "Also Read" teasers:
    labels = {str(o) for o in seed_dataset.objects(None, RDFS.label)}
    assert not labels & {"Jack Ma", "Abraham Quintanilla", "Selena"}
    omar = entity_iri("person", "omar-sanseviero")
    assert not [
        m for m in seed_dataset.subjects(TG.person, omar) if (m, RDF.type, TG.Move) in seed_dataset
    ]


def test_aliases_include_both_name_orders_and_the_forms_articles_use(seed_dataset):
    def aliases(kind, name):
        return {str(a) for a in seed_dataset.objects(entity_iri(kind, name), SKOS.altLabel)}

    assert aliases("person", "lin-junyang") == {"Junyang Lin"}
    assert {"Qwen", "Qianwen", "Tongyi Qianwen"} <= aliases("org", "qwen-team")
    native = [
        a
        for a in seed_dataset.objects(entity_iri("org", "alibaba-group"), SKOS.altLabel)
        if a.language
    ]
    assert native == [Literal("阿里", lang="zh")]  # from the title of 002


def test_unnamed_ventures_are_startups_marked_unnamed(seed_dataset):
    for person in ("zhou-chang", "yang-hongxia", "fu-ruiji"):
        venture = entity_iri("org", f"{person}-venture")
        assert (venture, RDF.type, TG.Startup) in seed_dataset
        assert seed_dataset.value(venture, TG.unnamed) == Literal(True)
        assert "unnamed" in str(seed_dataset.value(venture, RDFS.label))


def test_every_quote_sits_verbatim_at_its_recorded_offsets(seed_dataset):
    documents = {p.stem: p.read_text(encoding="utf-8") for p in (SEEDS / "documents").glob("*.txt")}
    annotations = list(seed_dataset.subjects(RDF.type, OA.Annotation))
    assert len(annotations) == 55
    for annotation in annotations:
        target = seed_dataset.value(annotation, OA.hasTarget)
        source = slug(seed_dataset.value(target, OA.hasSource))
        selectors = list(seed_dataset.objects(target, OA.hasSelector))
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in seed_dataset)
        position = next(
            s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in seed_dataset
        )
        start = seed_dataset.value(position, OA.start).toPython()
        end = seed_dataset.value(position, OA.end).toPython()
        assert documents[source][start:end] == str(seed_dataset.value(quote, OA.exact))
        # The annotation lives in the graph of the source it quotes.
        graphs = {
            slug(g.identifier) for g in seed_dataset.graphs() if (annotation, None, None) in g
        }
        assert graphs == {source}


def test_sources_keep_their_original_file_names_and_metadata(seed_dataset):
    sources = {
        slug(s): (
            str(seed_dataset.value(s, DCTERMS.identifier)),
            seed_dataset.value(s, DCTERMS.publisher),
        )
        for s in seed_dataset.subjects(RDF.type, TG.Source)
    }
    assert sources == {
        "qwen-leadership-compliance": ("000_f08846eadfce6bfb.txt", None),
        "technode-deepmind-invites-qwen": ("001_007961f7f7cfbc07.txt", Literal("TechNode")),
        "qwen-aftermath-open-source": ("002_9e27b3a8f70f809d.txt", None),
        "tongyi-lab-talent-war": ("003_42b67954b5015d07.txt", None),
        "alibaba-loses-zhou-chang": ("004_7099fe8bf15da533.txt", None),
    }
    title = seed_dataset.value(entity_iri("source", "qwen-aftermath-open-source"), DCTERMS.title)
    assert title.language == "zh"
    assert not list(seed_dataset.objects(None, DCTERMS.date))  # no article gives its date


def test_seed_documents_are_the_shared_originals_byte_for_byte():
    shared = SEEDS.parent.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    curation = curate(seeds=SEEDS)
    originals = {}
    for source in curation.seeds.sources.values():
        ours = (SEEDS / "documents" / f"{source.id}.txt").read_bytes()
        originals[source.original_name] = ours
    assert originals == {p.name: p.read_bytes() for p in shared.glob("*.txt")}


def test_curators_notes_are_reported_as_warnings():
    warnings = [str(w) for w in curate(seeds=SEEDS).warnings]
    assert any(
        w.startswith("claims/qwen-aftermath-open-source.yaml:") and "The year looks wrong" in w
        for w in warnings
    )
    assert len(warnings) == 4
