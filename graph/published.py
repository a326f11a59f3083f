"""The published build: whether ``out/`` was built from the seeds as they are now, and its facts.

A build records in ``build.json`` the SHA-256 of every seeds file it read (``fingerprint``).
The analyses, the pages and SPARQL check it before they report (``check_fresh``), and read the
facts the build saved (``published_facts``): nothing is reported from stale or unvalidated
data. This module is light on purpose (no RDF writers, no SHACL): every analysis and query
command imports it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from graph.errors import NoBuildError, StaleBuildError
from graph.facts import Facts
from graph.paths import Workspace, workspace
from graph.publish import recover
from graph.saved_facts import FACTS_FILE, read_facts

MANIFEST = "build.json"


def published_facts(*, seeds: str | Path | None = None, out: str | Path | None = None) -> Facts:
    """The facts of the workspace's published build, provided its seeds have not changed.

    Raises ``NoBuildError`` when nothing was built, ``StaleBuildError`` when the seeds changed.
    """
    place = workspace(seeds=seeds, out=out)
    check_fresh(place)
    return read_facts(place.out / FACTS_FILE)


def check_fresh(place: Workspace) -> None:
    """Raise ``StaleBuildError`` unless ``place.out`` was built from the seeds as they are now."""
    recover(place.out)
    manifest = place.out / MANIFEST
    if not manifest.is_file():
        raise NoBuildError(f"{place.out}: no built graph here (no {MANIFEST})")
    try:
        built = json.loads(manifest.read_text(encoding="utf-8"))["inputs"]
        if not isinstance(built, dict):
            raise TypeError(built)
    except (ValueError, KeyError, TypeError):
        raise NoBuildError(
            f"{manifest}: damaged (not the record of the seeds a build writes)"
        ) from None
    now = fingerprint(place.seeds)
    changes = [
        f"{name} changed" for name in sorted(now) if name in built and now[name] != built[name]
    ]
    changes += [f"{name} added" for name in sorted(set(now) - set(built))]
    changes += [f"{name} removed" for name in sorted(set(built) - set(now))]
    if changes:
        shown = "; ".join(changes[:3]) + (
            f"; and {len(changes) - 3} more" if len(changes) > 3 else ""
        )
        raise StaleBuildError(f"the seeds changed since {place.out} was built ({shown})")


def manifest_text(inputs: dict[str, str]) -> str:
    """The text of ``build.json`` for the ``fingerprint`` of the seeds a build read."""
    return json.dumps({"inputs": inputs}, indent=2, sort_keys=True) + "\n"


def fingerprint(seeds: Path) -> dict[str, str]:
    """The SHA-256 of every file under ``seeds`` (hidden files and caches aside), by path."""
    prints = {}
    for path in sorted(seeds.rglob("*")):
        relative = path.relative_to(seeds)
        if any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
            continue
        if path.is_file():
            prints[relative.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return prints
