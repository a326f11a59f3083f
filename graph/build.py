"""The build: checked seeds → RDF dataset → SHACL validation → files under ``out/``."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from graph.checks import Curation, check_seeds
from graph.paths import seeds_dir
from graph.rdf import curation_to_dataset


def curate(*, seeds: str | Path | None = None) -> Curation:
    """Read and check the seeds folder (default: the repository's ``seeds/``)."""
    return check_seeds(seeds_dir(seeds))


def build_dataset(*, seeds: str | Path | None = None) -> Dataset:
    """The RDF dataset of the seeds: one named graph per source, the registry as default graph.

    >>> dataset = build_dataset()
    >>> len(list(dataset.graphs())) > 1
    True
    """
    return curation_to_dataset(curate(seeds=seeds))
