"""Talent Graph: a knowledge graph of AI labs and the people who move between them.

The functions behind the commands, one import away (the workspace is found from the current
folder upwards, as the command line finds it):

>>> from graph import curate
>>> curation = curate()                  # the workspace's seeds, read and checked
>>> len(curation.seeds.sources) > 0
True

``build()`` publishes a build to the workspace's ``out/``; ``published_facts()`` reads the
facts back from it for the analyses in ``graph.analysis``.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["build", "build_dataset", "curate", "published_facts"]


def __getattr__(name: str) -> Any:
    # Loaded on first use, so that importing graph.errors (and the command line) stays fast.
    if name in __all__:
        home = "graph.published" if name == "published_facts" else "graph.build"
        return getattr(importlib.import_module(home), name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
