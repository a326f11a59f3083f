"""Keep the user's environment out of the tests: the workspace, out folder and password that
the tests and doctests use are the ones they choose, whatever TALENTGRAPH_* says."""

from __future__ import annotations

import os

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # Before any fixture, session-scoped ones included, and for the subprocesses tests start.
    for name in ("TALENTGRAPH_SEEDS", "TALENTGRAPH_OUT", "TALENTGRAPH_PASSWORD"):
        os.environ.pop(name, None)
