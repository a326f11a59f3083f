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

# Each public function and the module it lives in.
_HOME = {
    "build": "graph.build",
    "build_dataset": "graph.build",
    "curate": "graph.build",
    "published_facts": "graph.published",
}
__all__ = list(_HOME)


def __getattr__(name: str) -> Any:
    # Loaded on first use, so that importing graph.errors (and the command line) stays fast.
    if name in _HOME:
        return getattr(importlib.import_module(_HOME[name]), name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
