"""Keep the user's environment out of the tests: the seeds, ontology and out folders that
the tests and doctests use are the repository's own, whatever TALENTGRAPH_* says."""

from __future__ import annotations

import os

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Before any fixture, session-scoped ones included, and for the subprocesses tests start.
    for name in ("TALENTGRAPH_SEEDS", "TALENTGRAPH_ONTOLOGY", "TALENTGRAPH_OUT"):
        os.environ.pop(name, None)
