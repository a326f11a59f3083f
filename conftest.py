"""Keep the user's environment out of the tests: the seeds, ontology and out folders that
the tests and doctests use are the repository's own, whatever TALENTGRAPH_* says."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_talentgraph_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TALENTGRAPH_SEEDS", "TALENTGRAPH_ONTOLOGY", "TALENTGRAPH_OUT"):
        monkeypatch.delenv(name, raising=False)
