"""Where the project's inputs and outputs live.

The repository's ``seeds/`` and ``ontology/`` folders are found next to the package
(an editable install or a checkout). Both can be moved: pass a folder to the command
line (``--seeds``, ``--ontology``) or set ``TALENTGRAPH_SEEDS`` / ``TALENTGRAPH_ONTOLOGY``.
Generated files go to ``out/`` in the current directory unless ``--out`` or
``TALENTGRAPH_OUT`` says otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path

from graph.errors import InputError

REPO_ROOT = Path(__file__).resolve().parent.parent


def seeds_dir(override: str | Path | None = None) -> Path:
    """The seeds folder: ``override``, else ``$TALENTGRAPH_SEEDS``, else ``<repo>/seeds``."""
    return _existing_dir(override, "TALENTGRAPH_SEEDS", REPO_ROOT / "seeds", "--seeds")


def ontology_dir(override: str | Path | None = None) -> Path:
    """The ontology folder: ``override``, ``$TALENTGRAPH_ONTOLOGY``, or ``<repo>/ontology``."""
    return _existing_dir(override, "TALENTGRAPH_ONTOLOGY", REPO_ROOT / "ontology", "--ontology")


def out_dir(override: str | Path | None = None) -> Path:
    """The output folder (it need not exist yet): ``override``, ``$TALENTGRAPH_OUT`` or ``out``."""
    return Path(override or os.environ.get("TALENTGRAPH_OUT") or "out")


def _existing_dir(override: str | Path | None, env: str, default: Path, option: str) -> Path:
    chosen = Path(override or os.environ.get(env) or default)
    if not chosen.is_dir():
        raise InputError(f"{chosen}: folder not found; pass {option} DIR or set {env}")
    return chosen
