"""Claims to RDF, fact by fact, on the sample corpus (tests/fixtures/sample/seeds/).

Every expected value below was read off the three invented articles in
tests/fixtures/sample/seeds/documents/ and their claims by hand.
"""

from __future__ import annotations

from rdflib import Dataset, Literal
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from conftest import SAMPLE
from graph.build import curate
from graph.vocab import OA, TG, entity_iri

SEEDS = SAMPLE / "seeds"


def slug(iri) -> str | None:
    """The last path segment of an IRI (or the term after '#')."""
    if iri is None:
        return None
    return str(iri).rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def pairs(dataset: Dataset, predicate) -> set[tuple[str, str]]:
    return {(slug(s), slug(o)) for s, o in dataset.subject_objects(predicate)}


def test_every_move_as_stated(sample_dataset):
    moves = {}
    for move in sample_dataset.subjects(RDF.type, TG.Move):
        date = sample_dataset.value(move, TG.date)
        key = (
            slug(sample_dataset.value(move, TG.person)),
            slug(sample_dataset.value(move, TG.fromOrg)),
        )
        moves[key] = (
            slug(sample_dataset.value(move, TG.toOrg)),
            slug(sample_dataset.value(move, TG.status)),
            None if date is None else (str(date), date.datatype),
        )
    assert moves == {
        # norrland-vision-exodus: "has left Norrland Robotics to start her own venture. She did
        # not name the new company." From the vision team she led; no date given.
        ("mara-oyelaran", "norrland-vision"): ("mara-oyelaran-venture", "Completed", None),
        # Stated by both articles; only norrland-vision-exodus dates it ("in March 2024").
        ("tobias-wren", "norrland-ai"): (
            "quillon-research",
            "Completed",
            ("2024-03", XSD.gYearMonth),
        ),
        # quillon-reshuffle: "left on 20 November 2023. Quillon did not say where he went."
        ("piet-okonkwo", "quillon"): (None, "Completed", ("2023-11-20", XSD.date)),
        # "is set to leave for Larkspur AI": announced, not completed.
        ("ines-halvorsen", "quillon-research"): ("larkspur-ai", "Announced", None),
    }


def test_one_move_stated_by_two_sources_is_one_node_with_both(sample_dataset):
    move = entity_iri("move", "tobias-wren-from-norrland-ai-to-quillon-research")
    sources = {slug(s) for s in sample_dataset.objects(move, PROV.wasDerivedFrom)}
    assert sources == {"norrland-vision-exodus", "quillon-reshuffle"}
    graphs = {slug(g.identifier) for g in sample_dataset.graphs() if (move, RDF.type, TG.Move) in g}
    assert graphs == sources
    # One quote in the first article, two in the second.
    annotations = list(sample_dataset.subjects(OA.hasBody, move))
    assert len(annotations) == 3


def test_every_organization_has_its_stated_parent(sample_dataset):
    assert pairs(sample_dataset, TG.partOf) == {
        ("norrland-vision", "norrland-ai"),  # "The Norrland vision team is part of the ... Lab"
        ("norrland-ai", "norrland"),  # "the Norrland AI Lab, the research arm of Norrland ..."
        ("quillon-research", "quillon"),  # both articles: "Quillon Systems' research division"
    }


def test_current_and_past_jobs(sample_dataset):
    assert pairs(sample_dataset, TG.worksAt) == {
        ("tobias-wren", "quillon-research"),  # "named ... a principal scientist"
        ("ines-halvorsen", "quillon-research"),  # only set to leave
        ("dana-whitlock", "brightwater"),  # "a partner at Brightwater Capital"
    }
    assert pairs(sample_dataset, TG.workedAt) == {
        ("mara-oyelaran", "norrland-vision"),
        ("tobias-wren", "norrland-ai"),
        ("piet-okonkwo", "quillon"),
    }


def test_direct_move_triples_only_for_completed_moves(sample_dataset):
    assert pairs(sample_dataset, TG.left) == {
        ("mara-oyelaran", "norrland-vision"),
        ("tobias-wren", "norrland-ai"),
        ("piet-okonkwo", "quillon"),
    }
    # Piet Okonkwo's destination is unknown; Ines Halvorsen's move is only announced.
    assert pairs(sample_dataset, TG.leftFor) == {
        ("mara-oyelaran", "mara-oyelaran-venture"),
        ("tobias-wren", "quillon-research"),
    }


def test_employment_dates_keep_the_precision_stated(sample_dataset):
    def job(slug_: str, predicate):
        return sample_dataset.value(entity_iri("employment", slug_), predicate)

    # "a research scientist at the Norrland AI Lab since 2019, who joined ... in March 2024"
    assert job("tobias-wren-at-norrland-ai", TG.startDate) == Literal("2019", datatype=XSD.gYear)
    assert job("tobias-wren-at-norrland-ai", TG.endDate) == Literal(
        "2024-03", datatype=XSD.gYearMonth
    )
    # "with Quillon since 1 June 2020 and left on 20 November 2023"
    assert job("piet-okonkwo-at-quillon", TG.startDate) == Literal("2020-06-01", datatype=XSD.date)
    assert job("piet-okonkwo-at-quillon", TG.endDate) == Literal("2023-11-20", datatype=XSD.date)
    # "head of the research division since April": a month with no year.
    assert job("ines-halvorsen-at-quillon-research", TG.startDate) == Literal(
        "--04", datatype=XSD.gMonth
    )
    assert job("ines-halvorsen-at-quillon-research", TG.endDate) is None
    assert str(job("piet-okonkwo-at-quillon", TG.role)) == "chief architect"
    assert job("dana-whitlock-at-brightwater", TG.startDate) is None


def test_investments_alumni_and_group_departures(sample_dataset):
    assert pairs(sample_dataset, TG.investsIn) == {
        ("quillon", "larkspur-ai"),  # "a startup in which Quillon holds a minority stake"
        ("brightwater", "larkspur-ai"),  # "has raised money from Brightwater Capital"
    }
    assert pairs(sample_dataset, TG.alumnusOf) == {("mara-oyelaran", "lindqvist-tech")}
    groups = {
        (
            slug(sample_dataset.value(g, TG.fromOrg)),
            slug(sample_dataset.value(g, TG.status)),
            sample_dataset.value(g, TG.size),
        )
        for g in sample_dataset.subjects(RDF.type, TG.GroupDeparture)
    }
    # "Several engineers ... followed her": no number. "Three researchers ... plan to leave".
    assert groups == {
        ("norrland-vision", "Completed", None),
        ("quillon-research", "Announced", Literal(3, datatype=XSD.positiveInteger)),
    }


def test_the_graph_holds_only_the_people_the_articles_state(sample_dataset):
    people = {
        str(sample_dataset.value(p, RDFS.label))
        for p in sample_dataset.subjects(RDF.type, TG.Person)
    }
    assert people == {
        "Mara Oyelaran",
        "Tobias Wren",
        "Piet Okonkwo",
        "Ines Halvorsen",
        "Dana Whitlock",  # invites a whole division to apply: an invitation is not a move
    }
    dana = entity_iri("person", "dana-whitlock")
    moves = set(sample_dataset.subjects(RDF.type, TG.Move))
    assert not set(sample_dataset.subjects(TG.person, dana)) & moves


def test_aliases_keep_their_language(sample_dataset):
    def aliases(kind, name):
        return set(sample_dataset.objects(entity_iri(kind, name), SKOS.altLabel))

    assert aliases("person", "tobias-wren") == {Literal("Toby Wren")}
    assert aliases("org", "norrland") == {
        Literal("Norrland"),
        Literal("Norrland Robotik", lang="sv"),
    }


def test_an_unnamed_venture_is_a_startup_marked_unnamed(sample_dataset):
    venture = entity_iri("org", "mara-oyelaran-venture")
    assert (venture, RDF.type, TG.Startup) in sample_dataset
    assert sample_dataset.value(venture, TG.unnamed) == Literal(True)
    assert str(sample_dataset.value(venture, RDFS.label)) == "Mara Oyelaran's own venture (unnamed)"


def test_every_quote_sits_verbatim_at_its_recorded_offsets(sample_dataset):
    documents = {p.stem: p.read_text(encoding="utf-8") for p in (SEEDS / "documents").glob("*.txt")}
    annotations = list(sample_dataset.subjects(RDF.type, OA.Annotation))
    # One per quote: 9 claims with one quote each in norrland-vision-exodus; in
    # quillon-reshuffle 9 claims, two of them (Tobias's and Piet's moves) with two quotes,
    # so 11; 2 in larkspur-seed-round.
    assert len(annotations) == 9 + 11 + 2
    for annotation in annotations:
        target = sample_dataset.value(annotation, OA.hasTarget)
        source = slug(sample_dataset.value(target, OA.hasSource))
        selectors = list(sample_dataset.objects(target, OA.hasSelector))
        quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in sample_dataset)
        position = next(
            s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in sample_dataset
        )
        start = sample_dataset.value(position, OA.start).toPython()
        end = sample_dataset.value(position, OA.end).toPython()
        assert documents[source][start:end] == str(sample_dataset.value(quote, OA.exact))
        graphs = {
            slug(g.identifier) for g in sample_dataset.graphs() if (annotation, None, None) in g
        }
        assert graphs == {source}


def test_sources_keep_their_original_file_names_and_metadata(sample_dataset):
    sources = {
        slug(s): (
            str(sample_dataset.value(s, DCTERMS.identifier)),
            sample_dataset.value(s, DCTERMS.publisher),
            sample_dataset.value(s, DCTERMS.date),
        )
        for s in sample_dataset.subjects(RDF.type, TG.Source)
    }
    assert sources == {
        "norrland-vision-exodus": (
            "001_norrland.txt",
            Literal("The Fjord Ledger"),
            Literal("2024-05-17", datatype=XSD.date),
        ),
        "quillon-reshuffle": ("002_quillon.txt", None, Literal("2024-06", datatype=XSD.gYearMonth)),
        "larkspur-seed-round": ("003_larkspur.txt", None, None),  # publisher and date unknown
    }


def test_curators_notes_are_reported_as_warnings():
    warnings = [str(w) for w in curate(seeds=SEEDS).warnings]
    assert warnings == [
        "claims/quillon-reshuffle.yaml:50: curator's note: The article gives the month (April) "
        "but not the year."
    ]


def test_a_move_dated_before_the_job_it_leaves_starts_is_an_error(tmp_path) -> None:
    from conftest import MINI_CLAIMS, write_seeds
    from graph.curation.consistency import check_consistency
    from graph.curation.seeds import read_seeds

    job = (
        "\n- kind: employment\n  person: ann-lee\n  org: acme-vision\n  current: false\n"
        "  start: {start}\n"
        '  quote: "Ann Lee, who led Acme\'s vision team"\n'
    )
    found = {}
    for start in ("2025", "2023"):  # the move from the vision team is dated May 2024
        seeds = write_seeds(tmp_path / start, claims=MINI_CLAIMS + job.format(start=start))
        found[start] = [
            finding.message
            for finding in check_consistency(read_seeds(seeds, []))
            if finding.kind == "date contradicts another fact"
        ]
    assert found == {
        "2025": ["Ann Lee leaves Acme vision team (2024-05) before the job there starts (2025)"],
        "2023": [],
    }
