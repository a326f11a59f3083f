"""Minting ids and IRIs for new names, in any script (property-based, with hypothesis).

``slug()`` is not injective on purpose (it folds to ASCII and keeps eight words: "Zhipu AI" and
"Zhipu-AI" share a slug), so the property that matters is the one ``draft_claims`` gives: distinct
names get distinct ids, disambiguated against the ids already taken; every id is a valid slug; and
its IRI is a valid IRI.
"""

from __future__ import annotations

import pyoxigraph
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.curation.drafts import draft_claims, slug
from graph.curation.extract import Candidate
from graph.curation.seeds import SLUG
from graph.vocab import entity_iri

# Any text: letters of every script, digits, punctuation, spaces, control and combining marks.
names = st.text(min_size=1, max_size=40)


def _employment(person: str, org: str) -> Candidate:
    quote = f"{person} works at {org}."
    return Candidate(
        "employment", quote, 0, len(quote), 0.9, "works at", person=person, org=org, current=True
    )


@settings(max_examples=300, deadline=None)
@given(
    people=st.lists(names, min_size=1, max_size=6),
    orgs=st.lists(names, min_size=1, max_size=6),
    taken=st.sets(st.sampled_from(["a", "u6797", "ann-lee", "acme", "u", "x-2"]), max_size=4),
)
def test_distinct_names_get_distinct_valid_ids_and_iris(
    people: list[str], orgs: list[str], taken: set[str]
) -> None:
    candidates = [_employment(person, org) for person, org in zip(people, orgs, strict=False)]
    drafts = draft_claims(candidates, taken=set(taken))
    minted = {(entity.kind, entity.label.lower()): entity.id for entity in drafts.entities}
    # Every name was given an id (names that differ only in case are the same name).
    used = people[: len(candidates)] + orgs[: len(candidates)]
    assert {name.lower() for name in used} == {label for _, label in minted}
    ids = list(minted.values())
    assert len(set(ids)) == len(ids)  # injective, across people and organisations
    assert not set(ids) & taken  # and apart from the ids already in use
    for kind, identifier in ((kind, identifier) for (kind, _), identifier in minted.items()):
        assert SLUG.match(identifier), identifier
        iri = str(entity_iri(kind, identifier))
        assert pyoxigraph.NamedNode(iri).value == iri
        # and the IRI survives N-Triples, as the published files write it
        triple = f"<{iri}> <urn:p> <urn:o> .".encode()
        assert (
            next(iter(pyoxigraph.parse(triple, pyoxigraph.RdfFormat.N_TRIPLES))).subject.value
            == iri
        )


@given(names)
def test_slug_is_always_a_valid_slug(name: str) -> None:
    assert SLUG.match(slug(name))
