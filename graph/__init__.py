"""Talent Graph: a knowledge graph of AI labs and the people who move between them.

>>> from graph import build_dataset
>>> dataset = build_dataset()                       # the seeds/ folder, checked and converted
>>> dataset.query("SELECT (COUNT(*) AS ?n) WHERE { ?m a tg:Move }").bindings[0]["n"].value > 0
True
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["build_dataset", "curate"]


def __getattr__(name: str) -> Any:
    # Loaded on first use, so that importing graph.errors (and the command line) stays fast.
    if name in __all__:
        return getattr(importlib.import_module("graph.build"), name)
    raise AttributeError(f"module 'graph' has no attribute {name!r}")
