"""Talent Graph: a knowledge graph of AI labs and the people who move between them.

>>> from graph import build_dataset
>>> dataset = build_dataset()                       # the seeds/ folder, checked and converted
>>> dataset.query("SELECT (COUNT(*) AS ?n) WHERE { ?m a tg:Move }").bindings[0]["n"].value > 0
True
"""

from __future__ import annotations

from graph.build import build_dataset, curate

__all__ = ["build_dataset", "curate"]
