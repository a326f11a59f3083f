"""Where a user's graph lives: the workspace, its ``seeds/`` and its ``out/``.

A workspace is a folder holding ``seeds/`` (the curated input) and the build's ``out/``.
It is found the way git finds its repository: from the current folder upwards, to the first
folder with a ``talentgraph.toml`` or a ``seeds/sources.yaml``. A seeds folder given
explicitly (an argument, or ``TALENTGRAPH_SEEDS``) makes its parent the workspace, and an out
folder given explicitly (or ``TALENTGRAPH_OUT``) overrides ``<workspace>/out``.

Nothing is looked up next to the installed package: package data (the ontology, the saved
queries, the page assets, the example workspace) is read with ``importlib.resources``.

>>> import tempfile
>>> root = Path(tempfile.mkdtemp())
>>> _ = (root / "seeds").mkdir(), (root / "seeds" / "sources.yaml").write_text("{}")
>>> (root / "deep" / "er").mkdir(parents=True)
>>> found = workspace(start=root / "deep" / "er", environ={})
>>> found.seeds == root / "seeds", found.out == root / "out"
(True, True)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError, WorkspaceNotFound

MARKER = "talentgraph.toml"
SEEDS = "seeds"
OUT = "out"
SEEDS_ENV = "TALENTGRAPH_SEEDS"
OUT_ENV = "TALENTGRAPH_OUT"


@dataclass(frozen=True)
class Workspace:
    """A workspace's folders: ``seeds`` is read, ``out`` is where the build publishes."""

    root: Path
    seeds: Path
    out: Path


def workspace(
    *,
    seeds: str | Path | None = None,
    out: str | Path | None = None,
    start: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Workspace:
    """The workspace to work in, from explicit folders, the environment, or ``start`` upwards.

    ``start`` defaults to the current folder and ``environ`` to ``os.environ``. Raises
    ``WorkspaceNotFound`` when no seeds folder is given and none is found.
    """
    environ = os.environ if environ is None else environ
    chosen = seeds or environ.get(SEEDS_ENV)
    if chosen:
        seeds_dir = Path(chosen)
        if not seeds_dir.is_dir():
            raise InputError(f"{seeds_dir}: seeds folder not found")
        root = seeds_dir.absolute().parent
    else:
        here = Path(start or Path.cwd()).absolute()
        found = find_root(here)
        if found is None:
            raise WorkspaceNotFound(
                f"no Talent Graph workspace in {here} or any folder above it (a workspace is a "
                f"folder with a {MARKER} or a {SEEDS}/sources.yaml)"
            )
        # Shown relative to where the user is: "out", "../out", not /home/…/out.
        root = Path(os.path.relpath(found, here)) if start is None else found
        seeds_dir = root / SEEDS
    out_dir = Path(out or environ.get(OUT_ENV) or root / OUT)
    return Workspace(root=root, seeds=seeds_dir, out=out_dir)


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` that is a workspace, or ``None``."""
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file() or (folder / SEEDS / "sources.yaml").is_file():
            return folder
    return None
