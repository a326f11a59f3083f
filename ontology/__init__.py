"""The Talent Graph ontology (``talentgraph.ttl``) and SHACL shapes (``shapes.ttl``).

This folder is installed as the package ``graph.ontology`` (see ``pyproject.toml``), so the
files are read with ``importlib.resources`` wherever the package is installed.
"""
