"""The project's own seeds checked by rules that hold whatever articles they hold.

Nothing here counts: the seed graph's figures are in tests/golden/seed-graph.json, checked by
tests/test_seed_graph.py. These rules must stay true when an article is added.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import RDF, RDFS

from graph.build import build_dataset, curate
from graph.vocab import OA, TG, entity_iri

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seed_dataset() -> Dataset:
    return build_dataset(seeds=SEEDS)


def test_the_seeds_validate_with_every_note_a_warning() -> None:
    curation = curate(seeds=SEEDS)
    noted = [claim for claim in curation.seeds.claims if claim.note]
    assert len(curation.warnings) == len(noted) > 0
    assert all(str(warning.message).startswith("curator's note: ") for warning in curation.warnings)


def test_every_quote_sits_verbatim_at_its_recorded_offsets(seed_dataset: Dataset) -> None:
    documents = {p.stem: p.read_text(encoding="utf-8") for p in (SEEDS / "documents").glob("*.txt")}
    annotations = list(seed_dataset.subjects(RDF.type, OA.Annotation))
    quoted = sum(len(claim.quotes) for claim in curate(seeds=SEEDS).seeds.claims)
    assert len(annotations) == quoted  # one annotation per quote of each claim
    for annotation in annotations:
        target = seed_dataset.value(annotation, OA.hasTarget)
        source = str(seed_dataset.value(target, OA.hasSource)).rsplit("/", 1)[1]
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
            str(g.identifier).rsplit("/", 1)[1]
            for g in seed_dataset.graphs()
            if (annotation, None, None) in g
        }
        assert graphs == {source}


def test_unnamed_ventures_are_startups_labelled_unnamed(seed_dataset: Dataset) -> None:
    ventures = list(seed_dataset.subjects(TG.unnamed, Literal(True)))
    assert ventures
    for venture in ventures:
        assert (venture, RDF.type, TG.Startup) in seed_dataset
        assert "unnamed" in str(seed_dataset.value(venture, RDFS.label))


def test_an_invitation_is_not_a_move(seed_dataset: Dataset) -> None:
    # technode-deepmind-invites-qwen: Omar Sanseviero invites the Qwen team to join Google
    # DeepMind; he works there, and moves nowhere.
    omar = entity_iri("person", "omar-sanseviero")
    assert (omar, TG.worksAt, entity_iri("org", "google-deepmind")) in seed_dataset
    moves = set(seed_dataset.subjects(RDF.type, TG.Move))
    assert not set(seed_dataset.subjects(TG.person, omar)) & moves


def test_names_in_teasers_are_not_in_the_graph(seed_dataset: Dataset) -> None:
    # Named only in the "Read also" / "Also Read" teasers of two articles.
    labels = {str(label) for label in seed_dataset.objects(None, RDFS.label)}
    assert not labels & {"Jack Ma", "Abraham Quintanilla", "Selena"}


def test_seed_documents_are_the_shared_originals_byte_for_byte() -> None:
    shared = SEEDS.parent.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    originals = {}
    for source in curate(seeds=SEEDS).seeds.sources.values():
        originals[source.original_name] = (SEEDS / "documents" / f"{source.id}.txt").read_bytes()
    for path in shared.glob("*.txt"):  # articles added later have no shared original
        assert originals[path.name] == path.read_bytes(), path.name
