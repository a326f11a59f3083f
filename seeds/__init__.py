"""The project's own workspace seeds: the five source articles and their curation.

This folder is installed as the package data ``graph.example`` (see ``pyproject.toml``), which
``talentgraph init DIR --example`` copies into a new workspace.
"""
