"""Shared fixtures: the real seed build, and a tiny seeds folder that tests can break."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from rdflib import Dataset

from graph.build import build_dataset

MINI_DOCUMENT = (
    "Ann Lee, who led Acme's vision team, has joined Beta Labs.\n"
    "Acme's vision team was founded in 2019.\n"
)
MINI_SOURCES = """\
mini:
  original_name: 000_mini.txt
  title: A tiny article
  publisher: unknown
  date: unknown
  language: en
"""
MINI_ENTITIES = """\
people:
  ann-lee:
    label: Ann Lee
organizations:
  acme:
    label: Acme
    class: Company
  acme-vision:
    label: Acme vision team
    class: Lab
    parent: acme
  beta-labs:
    label: Beta Labs
    class: Startup
"""
MINI_CLAIMS = """\
- kind: part-of
  org: acme-vision
  parent: acme
  quote: "Acme's vision team"

- kind: move
  person: ann-lee
  from: acme-vision
  to: beta-labs
  date: 2024-05
  status: completed
  quote: "Ann Lee, who led Acme's vision team, has joined Beta Labs."
"""


def write_seeds(
    root: Path,
    *,
    sources: str = MINI_SOURCES,
    entities: str = MINI_ENTITIES,
    claims: str = MINI_CLAIMS,
    document: str = MINI_DOCUMENT,
) -> Path:
    """Write a seeds folder with one document ('mini') and return its path."""
    (root / "documents").mkdir(parents=True)
    (root / "claims").mkdir()
    (root / "sources.yaml").write_text(textwrap.dedent(sources), encoding="utf-8")
    (root / "entities.yaml").write_text(textwrap.dedent(entities), encoding="utf-8")
    (root / "documents" / "mini.txt").write_text(document, encoding="utf-8")
    (root / "claims" / "mini.yaml").write_text(textwrap.dedent(claims), encoding="utf-8")
    return root


@pytest.fixture
def mini_seeds(tmp_path: Path) -> Path:
    """A valid tiny seeds folder in a temporary directory."""
    return write_seeds(tmp_path / "seeds")


@pytest.fixture(scope="session")
def seed_dataset() -> Dataset:
    """The dataset built from the repository's seeds/ (built once per test session)."""
    return build_dataset()
